import { assert, describe, it } from "@effect/vitest"
import { Cadre, Ids, LocalDate, OrgStore, Rulebook, Storage, SupervisionCase, WorkCalendar } from "@qinglian/core"
import { Examples, Signal, WeeklyAssessment } from "@qinglian/scoring"
import { MemoryStorage } from "@qinglian/storage-memory"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { assessWeek, editionOn, weeklyFile } from "./fixtures.js"

const body = editionOn(weeklyFile, "2026-03-16").rubric

const weeks = (names: ReadonlyArray<string>): Array<WeeklyAssessment.TownWeek> => {
  const out: Array<WeeklyAssessment.TownWeek> = []
  for (const w of names) out.push(Either.getOrThrow(assessWeek(w, out[out.length - 1])))
  return out
}

describe("Signal.detect", () => {
  it("raises 'bottom of the town twice running' in the second week, and 'lowest grade three weeks running' in the third", () => {
    const h = weeks(["2026-W10", "2026-W11", "2026-W12"])
    assert.deepStrictEqual(Signal.detect(body, h.slice(0, 1)).map((s) => s.rule), [])
    assert.deepStrictEqual(Signal.detect(body, h.slice(0, 2)).map((s) => [s.rule, s.subject]), [["townBottomTwice", "c-nanhe-4"]])
    const third = Signal.detect(body, h)
    assert.deepStrictEqual(third.map((s) => [s.rule, s.subject]), [["lowestThreeWeeks", "c-nanhe-4"], ["townBottomTwice", "c-nanhe-4"]])
    assert.strictEqual(third[0]!.evidence.length, 3)
    assert.strictEqual(third[0]!.suggest, "talkReminder")
  })

  it("counts only consecutive weeks", () => {
    const h = weeks(["2026-W10", "2026-W12"])
    assert.deepStrictEqual(Signal.detect(body, h).map((s) => s.rule), [])
  })

  it("raises 'last in the village three months running' once, in the first week after the third month", () => {
    const names = Array.from({ length: 14 }, (_, i) => `2026-W${String(2 + i).padStart(2, "0")}`)
    const h = weeks(names)
    const raised = h.map((_, i) => Signal.detect(body, h.slice(0, i + 1)).filter((s) => s.rule === "villageLastThreeMonths"))
    const weeksWith = raised.flatMap((s, i) => (s.length > 0 ? [h[i]!.assessedOn] : []))
    assert.deepStrictEqual(weeksWith, ["2026-04-07"]) // January, February, March complete → first assessment in April
    assert.deepStrictEqual(raised.flat().map((s) => s.subject), ["c-nanhe-4"])
  })
})

describe("Signal.registerLead", () => {
  const town = Examples.town
  const ctx: SupervisionCase.ExecuteContext = {
    rulebook: Rulebook.defaults,
    calendar: WorkCalendar.china,
    actor: "c-jiwei" as Ids.CadreId,
    now: LocalDate.unsafeMake("2026-03-23")
  }
  // The stored record: the town's discipline secretary, and an area leader (包片领导) with no
  // discipline post.
  const since = { start: LocalDate.unsafeMake("2020-01-01") }
  const record = Effect.zipRight(
    OrgStore.saveOrganisation({
      counties: [{ id: town.county, name: "县" }],
      towns: [{ id: town.id, countyId: town.county, name: "镇" }],
      villages: []
    }, { actor: "org-clerk" }),
    OrgStore.saveRoster({
      cadres: [{ id: "c-jiwei" as Ids.CadreId, name: "纪委书记" }, { id: "c-area" as Ids.CadreId, name: "包片领导" }],
      appointments: [
        { cadreId: "c-jiwei" as Ids.CadreId, post: "townDisciplineSecretary", unit: Cadre.town(town.id), term: since },
        { cadreId: "c-area" as Ids.CadreId, post: "areaLeader", unit: Cadre.town(town.id), term: since }
      ],
      relations: []
    }, { actor: "org-clerk" })
  )

  it.effect("follows one signal from scores to a stored lead", () =>
    Effect.gen(function*() {
      const h = weeks(["2026-W10", "2026-W11", "2026-W12"])
      const signal = Signal.detect(body, h).find((s) => s.rule === "lowestThreeWeeks")!
      const caseId = "case-2026-0001" as Ids.CaseId
      yield* record
      yield* Signal.registerLead(signal, { caseId, county: town.county, town: town.id }, ctx)
      const state = yield* SupervisionCase.load(caseId)
      assert.strictEqual(state.stage, "leadRegistered")
      const events = yield* SupervisionCase.streams.read(caseId)
      assert.strictEqual(events.length, 1)
      const e = events[0]!.value
      assert.strictEqual(e._tag, "LeadRegistered")
      if (e._tag === "LeadRegistered") {
        assert.strictEqual(e.subject.cadre, "c-nanhe-4")
        assert.strictEqual(e.source._tag, "ScoringSignal")
        if (e.source._tag === "ScoringSignal") assert.include(e.source.reference ?? "", "谈话提醒")
      }
    }).pipe(Effect.provide(Storage.layer), Effect.provide(MemoryStorage.layer())))

  it.effect("an actor without the post registers nothing", () =>
    Effect.gen(function*() {
      const h = weeks(["2026-W10", "2026-W11", "2026-W12"])
      const signal = Signal.detect(body, h)[0]!
      const caseId = "case-2026-0002" as Ids.CaseId
      yield* record
      const r = yield* Effect.either(Signal.registerLead(signal, { caseId, county: town.county, town: town.id }, { ...ctx, actor: "c-area" as Ids.CadreId }))
      assert.isTrue(Either.isLeft(r) && r.left._tag === "Forbidden" && r.left.reason === "post", JSON.stringify(r))
      assert.strictEqual((yield* SupervisionCase.streams.read(caseId)).length, 0)
    }).pipe(Effect.provide(Storage.layer), Effect.provide(MemoryStorage.layer())))
})
