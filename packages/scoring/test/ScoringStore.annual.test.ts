// The annual assessment of a stored year: weekly scores from the stored town weeks, sanctions from
// the stored supervision cases of the county, the same results as Annual.assess on that input.
import { assert, describe, it } from "@effect/vitest"
import { Cadre, Ids, LocalDate, Organisation, OrgStore, Rulebook, Storage, SupervisionCase, WorkCalendar } from "@qinglian/core"
import { Annual, Examples, ScoringStore, TaskBook } from "@qinglian/scoring"
import { MemoryStorage } from "@qinglian/storage-memory"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { annualFile, weeklyFile } from "./fixtures.js"

const actor = "clerk-01"
const town = Examples.town
const provide = <A, E>(self: Effect.Effect<A, E, Storage.Storage>) => self.pipe(Effect.provide(Storage.layer), Effect.provide(MemoryStorage.layer()))
const json = (x: unknown): unknown => JSON.parse(JSON.stringify(x))
const secretary = Ids.CadreId.make("c-secretary")
const roster: Cadre.Roster = {
  ...town.roster,
  cadres: [...town.roster.cadres, { id: secretary, name: "纪委书记" }],
  appointments: [
    ...town.roster.appointments,
    { cadreId: secretary, post: "townDisciplineSecretary", unit: Cadre.town(town.id), term: { start: LocalDate.unsafeMake("2020-01-01") } }
  ]
}
const organisation = Either.getOrThrow(Organisation.decodeInput({
  counties: [{ id: town.county, name: "泽州县" }],
  towns: [{ id: town.id, countyId: town.county, name: town.name }],
  villages: town.villages.map((v) => ({ id: v.id, townId: town.id, name: v.name, kind: "village" }))
}))

const runWeeks = (weeks: ReadonlyArray<string>) =>
  Effect.forEach(weeks, (w) =>
    Effect.gen(function*() {
      const week = TaskBook.unsafeWeek(w)
      const villages = [0, 1, 2].map((i) => Examples.villageWeek(i, week))
      for (const v of villages) {
        yield* ScoringStore.issueTaskBook(json(v.book), { roster, actor })
        for (const p of v.progress) yield* ScoringStore.reportProgress(json(p), { actor })
        yield* ScoringStore.recordStockTake(json(Schema.encodeSync(TaskBook.StockTake)(v.stockTake)), { roster, actor })
      }
      yield* ScoringStore.runWeek({
        rubric: weeklyFile,
        town: town.id,
        week,
        roster,
        calendar: WorkCalendar.china,
        villagerRatings: Object.fromEntries(villages.map((v) => [v.book.village, v.villagerRatings])),
        actor
      })
    }), { discard: true })

// A case against 西属村's first cadre, decided with a party warning (党内警告) on 2026-06-15.
const sanctioned = Ids.CadreId.make("c-xishu-1")
const decideCase = Effect.gen(function*() {
  const caseId = Ids.CaseId.make("case-annual-1")
  const steps: ReadonlyArray<readonly [SupervisionCase.Command, string]> = [
    [{ _tag: "RegisterLead", caseId, county: town.county, town: town.id, subject: { cadre: sanctioned, category: "villageCadre" }, source: { _tag: "DailySupervision" } }, "2026-03-02"],
    [{ _tag: "DisposeLead", way: "preliminaryCheck" }, "2026-03-05"],
    [{ _tag: "ConcludeInquiry", outcome: "fileCase" }, "2026-04-01"],
    [{ _tag: "SubmitForReview" }, "2026-06-01"],
    [{ _tag: "Decide", measures: [{ measure: "partyWarning" }] }, "2026-06-15"]
  ]
  for (const [command, on] of steps) {
    yield* SupervisionCase.execute(caseId, command, { rulebook: Rulebook.defaults, calendar: WorkCalendar.china, actor: secretary, now: LocalDate.unsafeMake(on) })
  }
})

const options: ScoringStore.AnnualOptions = {
  rubric: annualFile,
  town: town.id,
  year: 2026,
  assessedOn: LocalDate.unsafeMake("2026-12-28"),
  roster,
  calendar: WorkCalendar.china,
  rulebook: Rulebook.defaults
}

const seed = Effect.gen(function*() {
  yield* OrgStore.saveOrganisation(organisation, { actor })
  yield* OrgStore.saveRoster(roster, { actor })
  yield* runWeeks(["2026-W12", "2026-W13", "2026-W14"])
  yield* decideCase
})

describe("ScoringStore.annual", () => {
  it.effect("reads every cadre's weeks of the year and the sanctions decided in the county's stored cases", () =>
    provide(Effect.gen(function*() {
      yield* seed
      const input = yield* ScoringStore.annualInput(options)
      assert.strictEqual(input.cadres.length, 12)
      const xishu1 = input.cadres.find((c) => c.subject === sanctioned)!
      assert.strictEqual(xishu1.village, "v-xishu")
      assert.deepStrictEqual(xishu1.weekly.map((w) => w.week), ["2026-W12", "2026-W13", "2026-W14"])
      const stored = yield* ScoringStore.resultsOf(sanctioned)
      assert.deepStrictEqual(xishu1.weekly.map((w) => w.score), stored.map((r) => r.scored.score))
      assert.deepStrictEqual(json(input.sanctions), [{ caseId: "case-annual-1", cadre: sanctioned, measure: "partyWarning", decidedOn: "2026-06-15", chosenMonths: 12 }])
      const results = yield* ScoringStore.annual(options)
      assert.deepStrictEqual(results, Either.getOrThrow(Annual.assess(input)))
      const barred = results.find((r) => r.subject === sanctioned)!
      assert.isTrue(barred.scored.ledger.some((e) => e.rule === "sanctionInfluence"))
      assert.isFalse(results.some((r) => r.subject !== sanctioned && r.scored.ledger.some((e) => e.rule === "sanctionInfluence")))
      // Before the decision, no sanction is read.
      const before = yield* ScoringStore.annualInput({ ...options, assessedOn: LocalDate.unsafeMake("2026-06-14") })
      assert.deepStrictEqual(before.sanctions, [])
    })))

  it.effect("adds what the store does not hold, by cadre, and takes given sanctions instead of the stored ones", () =>
    provide(Effect.gen(function*() {
      yield* seed
      const achieved = ["powerList", "threeAssets", "redLines", "disclosure", "culture"]
      const input = yield* ScoringStore.annualInput({ ...options, cadres: { [sanctioned]: { achieved } }, sanctions: [] })
      assert.deepStrictEqual(input.cadres.find((c) => c.subject === sanctioned)!.achieved, achieved)
      assert.deepStrictEqual(input.sanctions, [])
      const results = yield* ScoringStore.annual({ ...options, sanctions: [] })
      assert.isFalse(results.some((r) => r.scored.ledger.some((e) => e.rule === "sanctionInfluence")))
    })))

  it.effect("refuses a year with no assessed week, and reading sanctions for a town not in the stored organisation", () =>
    provide(Effect.gen(function*() {
      yield* runWeeks(["2026-W12"])
      const empty = yield* Effect.either(ScoringStore.annualInput({ ...options, year: 2025 }))
      assert.isTrue(Either.isLeft(empty) && empty.left._tag === "ScoringCommandRejected" && empty.left.issues[0]?.code === "WEEKS_MISSING")
      const unknown = yield* Effect.either(ScoringStore.annualInput(options))
      assert.isTrue(Either.isLeft(unknown) && unknown.left._tag === "ScoringCommandRejected" && unknown.left.issues[0]?.code === "TOWN_UNKNOWN")
      // Given sanctions need no organisation.
      const given = yield* ScoringStore.annualInput({ ...options, sanctions: [] })
      assert.strictEqual(given.cadres.length, 12)
    })))
})
