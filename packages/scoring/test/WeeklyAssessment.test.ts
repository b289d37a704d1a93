import { assert, describe, it } from "@effect/vitest"
import { WorkCalendar } from "@qinglian/core"
import { Examples, TaskBook, WeeklyAssessment } from "@qinglian/scoring"
import * as Either from "effect/Either"
import { assessWeek, weeklyFile } from "./fixtures.js"

describe("WeeklyAssessment.assess", () => {
  it("scores, grades and ranks every member of every village; ledgers sum to scores", () => {
    const r = Either.getOrThrow(assessWeek("2026-W12"))
    assert.strictEqual(r.results.length, 12)
    assert.strictEqual(r.rubric.version, "2026.1")
    assert.strictEqual(r.assessedOn, "2026-03-23")
    for (const x of r.results) assert.strictEqual(x.scored.ledger.reduce((a, e) => a + e.points, 0), x.scored.score)
    assert.isAtMost(r.results.filter((x) => x.grade === "excellent").length, 3) // ≤ 30% of 12
    assert.deepStrictEqual(r.results.map((x) => x.townRank), [...r.results.map((x) => x.townRank)].sort((a, b) => a - b))
    const worst = r.results[r.results.length - 1]!
    assert.strictEqual(worst.subject, "c-nanhe-4")
    assert.isTrue(worst.lastInTown && worst.lastInVillage)
    for (const v of ["v-xishu", "v-jincun", "v-nanhe"]) {
      assert.deepStrictEqual(r.results.filter((x) => x.village === v).map((x) => x.villageSize), [4, 4, 4, 4])
    }
  })

  it("gives byte-identical results when rerun", () => {
    assert.strictEqual(JSON.stringify(assessWeek("2026-W12")), JSON.stringify(assessWeek("2026-W12")))
  })

  it("shows the trend against last week", () => {
    const w12 = Either.getOrThrow(assessWeek("2026-W12"))
    const w13 = Either.getOrThrow(assessWeek("2026-W13", w12))
    for (const x of w13.results) {
      const before = w12.results.find((y) => y.subject === x.subject)!
      const d = before.townRank - x.townRank
      assert.deepStrictEqual(x.trend, d > 0 ? { direction: "up", delta: d } : d < 0 ? { direction: "down", delta: -d } : { direction: "same", delta: 0 })
    }
  })

  it("refuses a week where a member has no review or no villagers' rating, naming each", () => {
    const week = TaskBook.unsafeWeek("2026-W12")
    const villages = [0, 1, 2].map((i) => Examples.villageWeek(i, week))
    const v0 = villages[0]!
    const broken = { ...v0, stockTake: { ...v0.stockTake, reviews: v0.stockTake.reviews.slice(1) }, villagerRatings: { ...v0.villagerRatings, "c-xishu-2": undefined as never } }
    const r = WeeklyAssessment.assess({
      rubric: weeklyFile,
      town: Examples.town.id,
      week,
      assessedOn: v0.stockTake.heldOn,
      villages: [broken, villages[1]!],
      roster: Examples.town.roster,
      calendar: WorkCalendar.china
    })
    assert.isTrue(Either.isLeft(r))
    if (Either.isLeft(r) && r.left._tag === "ScoringAssessmentRejected") {
      assert.deepStrictEqual(r.left.diagnostics.map((x) => x.code), ["REVIEW_MISSING", "VILLAGERS_RATING_MISSING"])
    }
  })
})
