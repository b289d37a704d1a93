// The published board read from the store: this week's arrangements, last week's stock-take and
// results, with names from the roster and the stored organisation.
import { assert, describe, it } from "@effect/vitest"
import { Organisation, OrgStore, Storage, WorkCalendar } from "@qinglian/core"
import { Examples, ScoringStore, TaskBook } from "@qinglian/scoring"
import { MemoryStorage } from "@qinglian/storage-memory"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { weeklyFile } from "./fixtures.js"

const actor = "clerk-01"
const town = Examples.town
const provide = <A, E>(self: Effect.Effect<A, E, Storage.Storage>) => self.pipe(Effect.provide(Storage.layer), Effect.provide(MemoryStorage.layer()))
const json = (x: unknown): unknown => JSON.parse(JSON.stringify(x))
const w12 = TaskBook.unsafeWeek("2026-W12")
const w13 = TaskBook.unsafeWeek("2026-W13")

// Week 12 done and assessed; week 13's books issued at its Monday meeting.
const seed = Effect.gen(function*() {
  const villages = [0, 1, 2].map((i) => Examples.villageWeek(i, w12))
  for (const v of villages) {
    yield* ScoringStore.issueTaskBook(json(v.book), { roster: town.roster, actor })
    for (const p of v.progress) yield* ScoringStore.reportProgress(json(p), { actor })
    yield* ScoringStore.recordStockTake(json(Schema.encodeSync(TaskBook.StockTake)(v.stockTake)), { roster: town.roster, actor })
  }
  const { week } = yield* ScoringStore.runWeek({
    rubric: weeklyFile,
    town: town.id,
    week: w12,
    roster: town.roster,
    calendar: WorkCalendar.china,
    villagerRatings: Object.fromEntries(villages.map((v) => [v.book.village, v.villagerRatings])),
    actor
  })
  for (let i = 0; i < 3; i++) yield* ScoringStore.issueTaskBook(json(Examples.villageWeek(i, w13).book), { roster: town.roster, actor })
  return { villages, week }
})

const organisation = {
  counties: [{ id: "zezhou", name: "泽州县" }],
  towns: [{ id: town.id, countyId: "zezhou", name: "金村镇" }],
  villages: town.villages.map((v) => ({ id: v.id, townId: town.id, name: v.name, kind: "village" }))
}

const options = { rubric: weeklyFile, town: town.id, week: w13, roster: town.roster }

describe("ScoringStore.board", () => {
  it.effect("reads this week's books and last week's progress, stock-takes and results from the store", () =>
    provide(Effect.gen(function*() {
      const { villages, week } = yield* seed
      const input = yield* ScoringStore.boardInput(options)
      assert.strictEqual(input.week, w13)
      assert.deepStrictEqual(input.books.map((b) => `${b.village}/${b.week}`), ["v-jincun/2026-W13", "v-nanhe/2026-W13", "v-xishu/2026-W13"])
      assert.deepStrictEqual(input.lastBooks.map((b) => b.week), [w12, w12, w12])
      assert.strictEqual(input.lastProgress.length, villages.reduce((n, v) => n + v.progress.length, 0))
      assert.strictEqual(input.stockTakes.length, 3)
      assert.deepStrictEqual(json(input.results), json(week))
      assert.strictEqual(input.names["c-leader"], "郑包片")
      assert.deepStrictEqual(input.grades.map((g) => g.grade), ["excellent", "good", "fair", "poor"])
    })))

  it.effect("renders a village's board with names from the roster and the stored organisation", () =>
    provide(Effect.gen(function*() {
      yield* seed
      yield* OrgStore.saveOrganisation(Either.getOrThrow(Organisation.decodeInput(organisation)), { actor })
      const out = yield* ScoringStore.board({ ...options, scope: { level: "village", village: "v-xishu" } })
      assert.strictEqual(out.board.title, "西属村“一周三晒”公示栏")
      const xishuW13 = Examples.villageWeek(0, w13).book
      const arrangements = out.board.sections[0]!.rows
      assert.deepStrictEqual(arrangements.map((r) => r[0]), xishuW13.tasks.map((t) => t.title))
      const results = out.board.sections[2]!.rows
      assert.strictEqual(results.length, 4)
      for (const row of results) assert.notMatch(row[0]!, /^c-/, "a cadre's name, not an id")
      assert.include(out.markdown, "考核结果（2026-W12）")
      assert.include(out.csv.results, "村内排名")
      const town = yield* ScoringStore.board(options)
      assert.strictEqual(town.board.title, "金村镇“一周三晒”公示栏")
      assert.strictEqual(town.board.sections[2]!.rows.length, 12)
      assert.sameMembers([...new Set(town.board.sections[2]!.rows.map((r) => r[0]))], ["西属村", "金村", "南河村"])
    })))

  it.effect("names towns and villages by id when no organisation is stored", () =>
    provide(Effect.gen(function*() {
      yield* seed
      const out = yield* ScoringStore.board(options)
      assert.strictEqual(out.board.title, `${town.id}“一周三晒”公示栏`)
      assert.sameMembers([...new Set(out.board.sections[2]!.rows.map((r) => r[0]))], ["v-xishu", "v-jincun", "v-nanhe"])
    })))

  it.effect("refuses a week with no task books in it or the week before, and one with no rubric in force", () =>
    provide(Effect.gen(function*() {
      const none = yield* Effect.either(ScoringStore.board(options))
      assert.isTrue(Either.isLeft(none))
      if (Either.isLeft(none)) {
        assert.strictEqual(none.left._tag, "ScoringCommandRejected")
        assert.deepStrictEqual(none.left._tag === "ScoringCommandRejected" ? none.left.issues.map((i) => i.code) : [], ["TASKBOOK_MISSING"])
      }
      yield* seed
      const elsewhere = yield* Effect.either(ScoringStore.board({ ...options, scope: { level: "village", village: "v-xisu" } }))
      assert.isTrue(Either.isLeft(elsewhere))
      if (Either.isLeft(elsewhere) && elsewhere.left._tag === "ScoringCommandRejected") {
        assert.deepStrictEqual(elsewhere.left.issues.map((i) => [i.code, i.path]), [["TASKBOOK_MISSING", ["village"]]])
      }
      const early = TaskBook.unsafeWeek("2025-W50")
      const book = Examples.villageWeek(0, early).book
      yield* ScoringStore.issueTaskBook(json(book), { roster: town.roster, actor })
      const old = yield* Effect.either(ScoringStore.board({ ...options, week: TaskBook.nextWeek(early) }))
      assert.isTrue(Either.isLeft(old))
      if (Either.isLeft(old) && old.left._tag === "ScoringCommandRejected") {
        assert.deepStrictEqual(old.left.issues.map((i) => i.code), ["RUBRIC_NOT_IN_FORCE"])
      }
    })))
})
