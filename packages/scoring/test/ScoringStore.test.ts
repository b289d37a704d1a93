import { assert, describe, it } from "@effect/vitest"
import { Storage, WorkCalendar } from "@qinglian/core"
import { Examples, ScoringStore, TaskBook } from "@qinglian/scoring"
import { MemoryStorage } from "@qinglian/storage-memory"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { weeklyFile } from "./fixtures.js"

const actor = "clerk-01"
const town = Examples.town
const provide = <A, E>(self: Effect.Effect<A, E, Storage.Storage>) => self.pipe(Effect.provide(Storage.layer), Effect.provide(MemoryStorage.layer()))
const json = (x: unknown): unknown => JSON.parse(JSON.stringify(x))
const takeJson = (t: TaskBook.StockTake): unknown => json(Schema.encodeSync(TaskBook.StockTake)(t))

const seedWeek = (w: string) =>
  Effect.gen(function*() {
    const week = TaskBook.unsafeWeek(w)
    const villages = [0, 1, 2].map((i) => Examples.villageWeek(i, week))
    for (const v of villages) {
      yield* ScoringStore.issueTaskBook(json(v.book), { roster: town.roster, actor })
      for (const p of v.progress) yield* ScoringStore.reportProgress(json(p), { actor })
      yield* ScoringStore.recordStockTake(takeJson(v.stockTake), { roster: town.roster, actor })
    }
    return villages
  })

const run = (w: string, villages: ReadonlyArray<ReturnType<typeof Examples.villageWeek>>) =>
  ScoringStore.runWeek({
    rubric: weeklyFile,
    town: town.id,
    week: TaskBook.unsafeWeek(w),
    roster: town.roster,
    calendar: WorkCalendar.china,
    villagerRatings: Object.fromEntries(villages.map((v) => [v.book.village, v.villagerRatings])),
    actor
  })

const auditCount = Effect.map(Storage.verifyAudit(), (v) => v.entries)

describe("ScoringStore", () => {
  it.effect("stores books, progress, stock-takes, scores with ledgers and signals; the audit chain holds", () =>
    provide(Effect.gen(function*() {
      const villages = yield* seedWeek("2026-W12")
      const { week } = yield* run("2026-W12", villages)
      assert.strictEqual(week.results.length, 12)
      const stored = yield* ScoringStore.resultsOf("c-xishu-1")
      assert.strictEqual(stored.length, 1)
      assert.strictEqual(stored[0]!.scored.ledger.reduce((a, e) => a + e.points, 0), stored[0]!.scored.score)
      const events = yield* ScoringStore.progress.read(`v-xishu/2026-W12`)
      assert.strictEqual(events.length, 4)
      yield* Storage.verifyAudit()
    })))

  it.effect("reruns a week to byte-identical results and writes nothing new", () =>
    provide(Effect.gen(function*() {
      const villages = yield* seedWeek("2026-W12")
      const first = yield* run("2026-W12", villages)
      const storedFirst = yield* ScoringStore.townWeeks.getOrFail(`${town.id}/2026-W12`)
      const before = yield* auditCount
      const second = yield* run("2026-W12", villages)
      const storedSecond = yield* ScoringStore.townWeeks.getOrFail(`${town.id}/2026-W12`)
      assert.strictEqual(JSON.stringify(second.week), JSON.stringify(first.week))
      assert.strictEqual(JSON.stringify(storedSecond.value), JSON.stringify(storedFirst.value))
      assert.strictEqual(storedSecond.version, storedFirst.version)
      assert.strictEqual(yield* auditCount, before)
    })))

  it.effect("scores an old week under the rubric edition in force on its date", () =>
    provide(Effect.gen(function*() {
      const june = yield* run("2026-W26", yield* seedWeek("2026-W26"))
      const july = yield* run("2026-W27", yield* seedWeek("2026-W27"))
      assert.strictEqual(june.week.assessedOn, "2026-06-29")
      assert.strictEqual(june.week.rubric.version, "2026.1")
      assert.strictEqual(july.week.rubric.version, "2026.2")
      const again = yield* run("2026-W26", [0, 1, 2].map((i) => Examples.villageWeek(i, TaskBook.unsafeWeek("2026-W26"))))
      assert.strictEqual(again.week.rubric.version, "2026.1")
    })))

  it.effect("stores signals once, from the weeks stored before", () =>
    provide(Effect.gen(function*() {
      for (const w of ["2026-W10", "2026-W11", "2026-W12"]) yield* run(w, yield* seedWeek(w))
      const stored = yield* ScoringStore.signals.all("bySubject", Storage.prefixRange("c-nanhe-4"))
      assert.deepStrictEqual(stored.map((s) => s.value.rule).sort(), ["lowestThreeWeeks", "townBottomTwice", "townBottomTwice"])
      const before = yield* auditCount
      yield* run("2026-W12", [0, 1, 2].map((i) => Examples.villageWeek(i, TaskBook.unsafeWeek("2026-W12"))))
      assert.strictEqual(yield* auditCount, before)
    })))

  it.effect("a rejected command changes nothing: the store reads the same afterwards", () =>
    provide(Effect.gen(function*() {
      const week = TaskBook.unsafeWeek("2026-W12")
      const v = Examples.villageWeek(0, week)
      const before = yield* auditCount
      const noOwner: any = json(v.book)
      delete noOwner.tasks[0].owner
      const r1 = yield* Effect.either(ScoringStore.issueTaskBook(noOwner, { roster: town.roster, actor }))
      assert.isTrue(Either.isLeft(r1))
      if (Either.isLeft(r1) && r1.left._tag === "ScoringCommandRejected") assert.deepStrictEqual(r1.left.issues[0]!.path, ["tasks", 0, "owner"])
      const outsider: any = json(v.book)
      outsider.tasks[1].owner = "c-nanhe-1"
      const r2 = yield* Effect.either(ScoringStore.issueTaskBook(outsider, { roster: town.roster, actor }))
      assert.isTrue(Either.isLeft(r2))
      assert.isTrue(Option.isNone(yield* ScoringStore.taskBooks.get("v-xishu/2026-W12")))
      assert.strictEqual(yield* auditCount, before)

      yield* ScoringStore.issueTaskBook(json(v.book), { roster: town.roster, actor })
      const issued = yield* auditCount
      const again = yield* Effect.either(ScoringStore.issueTaskBook(json({ ...v.book, tasks: [] }), { roster: town.roster, actor }))
      assert.isTrue(Either.isLeft(again))
      const stored = yield* ScoringStore.taskBooks.getOrFail("v-xishu/2026-W12")
      assert.strictEqual(stored.version, 1)
      assert.strictEqual(stored.value.tasks.length, 4)
      const wrongOwner = yield* Effect.either(ScoringStore.reportProgress(json({ ...v.progress[0]!, reportedBy: "c-xishu-2" }), { actor }))
      assert.isTrue(Either.isLeft(wrongOwner))
      assert.strictEqual(yield* ScoringStore.progress.lastVersion("v-xishu/2026-W12"), 0)
      const unknownKey = yield* Effect.either(ScoringStore.recordStockTake({ ...takeJson(v.stockTake) as object, mood: "good" }, { roster: town.roster, actor }))
      assert.isTrue(Either.isLeft(unknownKey))
      assert.isTrue(Option.isNone(yield* ScoringStore.stockTakes.get("v-xishu/2026-W12")))
      const noTakes = yield* Effect.either(run("2026-W12", [v]))
      assert.isTrue(Either.isLeft(noTakes))
      assert.isTrue(Option.isNone(yield* ScoringStore.townWeeks.get(`${town.id}/2026-W12`)))
      assert.strictEqual(yield* auditCount, issued)
    })))
})
