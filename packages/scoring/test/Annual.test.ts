import { assert, describe, it } from "@effect/vitest"
import { Ids, Rectification, Rulebook, WorkCalendar } from "@qinglian/core"
import { Annual, Examples, Rubric, TaskBook } from "@qinglian/scoring"
import * as Either from "effect/Either"
import { annualFile, d } from "./fixtures.js"

const weeksOf = (scores: ReadonlyArray<number>, from = 2): Annual.WeekScore[] =>
  scores.map((score, i) => ({ week: TaskBook.unsafeWeek(`2026-W${String(from + i).padStart(2, "0")}`), score }))

describe("Annual.meanOfWeeks", () => {
  it("averages the weeks, rounding half up to a hundredth", () => {
    const m = Annual.meanOfWeeks(weeksOf([8000, 8001, 8000]), {})
    assert.strictEqual(m.mean, 8000) // 8000.33 → 8000
    assert.strictEqual(Annual.meanOfWeeks(weeksOf([8000, 8001]), {}).mean, 8001) // 8000.5 → 8001
  })
  it("leaves out weeks with three or more days of leave, and a new cadre's first four weeks", () => {
    const m = Annual.meanOfWeeks(weeksOf([1000, 1000, 1000, 1000, 9000, 5000, 9000], 10), {
      serviceStart: d("2026-03-02"), // Monday of W10: W10–W13 are the first four weeks
      leave: [{ from: d("2026-04-06"), until: d("2026-04-09") }] // W15: Mon–Wed on leave
    })
    assert.deepStrictEqual(m.excluded.map((e) => [e.week, e.reason]), [
      ["2026-W10", "newlyAppointed"], ["2026-W11", "newlyAppointed"], ["2026-W12", "newlyAppointed"], ["2026-W13", "newlyAppointed"],
      ["2026-W15", "leave"]
    ])
    assert.strictEqual(m.mean, 9000)
    const twoDays = Annual.meanOfWeeks(weeksOf([5000], 16), { leave: [{ from: d("2026-04-13"), until: d("2026-04-15") }] })
    assert.strictEqual(twoDays.counted.length, 1)
  })
})

describe("Annual.assess", () => {
  const year = (over: Partial<Annual.CadreYear> = {}): Annual.CadreYear => ({
    subject: "c-xishu-1",
    village: "v-xishu",
    town: "t-jincun",
    weekly: weeksOf(Array.from({ length: 40 }, () => 9600)),
    achieved: ["powerList", "threeAssets", "redLines", "disclosure", "culture"],
    ...over
  })
  const input = (cadres: Annual.CadreYear[], over: Partial<Annual.Input> = {}): Annual.Input => ({
    rubric: annualFile,
    assessedOn: d("2026-12-28"),
    cadres,
    roster: Examples.town.roster,
    calendar: WorkCalendar.china,
    rulebook: Rulebook.defaults,
    ...over
  })

  it("combines the weekly mean (60%) with the 清廉村居 section (40%), with a ledger that sums", () => {
    const r = Either.getOrThrow(Annual.assess(input([year({ achieved: ["powerList", "threeAssets", "disclosure"] })])))
    const x = r[0]!
    // 96 × 60% = 57.60; (25 + 25 + 20) = 70 × 40% = 28.00 → 85.60
    assert.strictEqual(x.scored.score, 8560)
    assert.strictEqual(x.scored.ledger.reduce((a, e) => a + e.points, 0), 8560)
    assert.include(x.scored.ledger[0]!.fact, "40周平均96.00分")
    assert.strictEqual(x.ranked.grade, "competent")
  })

  it("bars a cadre within a sanction's influence period from the top grade (on by default), and says so in the ledger", () => {
    const sanction: Annual.SanctionDecision = { caseId: "case-1" as Ids.CaseId, cadre: "c-xishu-1" as Ids.CadreId, measure: "partyWarning", decidedOn: d("2026-03-01") }
    // Four cadres: the 30% quota leaves room for one 优秀.
    const others = [2, 3, 4].map((k) => year({ subject: `c-xishu-${k}`, weekly: weeksOf(Array.from({ length: 40 }, () => 8000)) }))
    const barred = Either.getOrThrow(Annual.assess(input([year(), ...others], { sanctions: [sanction] })))[0]!
    assert.strictEqual(barred.scored.score, 9760)
    assert.strictEqual(barred.ranked.bandGrade, "excellent")
    assert.strictEqual(barred.ranked.grade, "competent")
    assert.isTrue(barred.scored.ledger.some((e) => e.rule === "sanctionInfluence" && e.points === 0 && Rubric.explain(e, annualFile.editions[0].rubric).zh.includes("不得评为优秀")))
    const off = Either.getOrThrow(Annual.assess(input([year(), ...others], { sanctions: [sanction], sanctionBarsTopGrade: false })))[0]!
    assert.strictEqual(off.ranked.grade, "excellent")
    // A party warning runs 12 months: decided 2025-12-01, it is over by 2026-12-28.
    const over = Either.getOrThrow(Annual.assess(input([year(), ...others], { sanctions: [{ ...sanction, decidedOn: d("2025-12-01") }] })))[0]!
    assert.strictEqual(over.ranked.grade, "excellent")
  })

  it("applies the annual rubric's own vetoes", () => {
    const r = Either.getOrThrow(Annual.assess(input([year({ events: [{ id: "e1", kind: "event.caseFiled" }] })])))[0]!
    assert.strictEqual(r.ranked.grade, "poor")
  })

  it("refuses a sanction whose period the rulebook does not allow", () => {
    const r = Annual.assess(input([year()], { sanctions: [{ caseId: "case-2" as Ids.CaseId, cadre: "c-xishu-1" as Ids.CadreId, measure: "partyProbation", decidedOn: d("2026-03-01"), chosenMonths: 7 }] }))
    assert.isTrue(Either.isLeft(r))
  })
})

describe("villages by quarter", () => {
  const policy: Annual.StandingPolicy = { advancedMin: 8500, laggingBelow: 7500, citation: { law: "金村镇村级分类管理办法（示例）" } }
  const results = [
    ...["2026-02-02", "2026-03-02"].map((on) => ({ village: "v-xishu", assessedOn: d(on), score: 7000 })),
    ...["2026-05-04", "2026-06-01"].map((on) => ({ village: "v-xishu", assessedOn: d(on), score: 8000 })),
    ...["2026-08-03", "2026-09-07"].map((on) => ({ village: "v-xishu", assessedOn: d(on), score: 9000 })),
    { village: "v-jincun", assessedOn: d("2026-02-02"), score: 8600 }
  ]

  it("puts a village in 先进 / 中间 / 后进 per quarter by its mean", () => {
    const path = Annual.villageStandings(results, policy)
    assert.deepStrictEqual(path.map((q) => [q.village, q.quarter, q.standing]), [
      ["v-jincun", "2026-Q1", "advanced"],
      ["v-xishu", "2026-Q1", "lagging"],
      ["v-xishu", "2026-Q2", "ordinary"],
      ["v-xishu", "2026-Q3", "advanced"]
    ])
  })

  it("feeds 西属村's path from lagging to advanced into its 三个一批 designation, and reports it", () => {
    const history: Rectification.History = [{
      villageId: "v-xishu" as Ids.VillageId,
      category: Rectification.partyBuildingLed,
      period: { start: d("2021-11-01") },
      designatedBy: "省纪委监委",
      reason: "村党支部软弱涣散、两委班子不团结"
    }]
    const path = Annual.villageStandings(results, policy).filter((q) => q.village === "v-xishu")
    const updated = Annual.rectificationOutcome(history, "v-xishu" as Ids.VillageId, path, d("2026-09-30"))
    assert.deepStrictEqual(updated[0]!.outcome, { before: "lagging", after: "advanced", assessedOn: d("2026-09-30") })
    assert.isTrue(Either.isRight(Rectification.decodeHistory(JSON.parse(JSON.stringify(updated)))))
    assert.strictEqual(
      Annual.pathReport("西属村", path, { categoryLabel: "党建引领一批" }),
      "西属村（党建引领一批）：2026-Q1 后进 70.00 → 2026-Q2 中间 80.00 → 2026-Q3 先进 90.00"
    )
    assert.strictEqual(Annual.rectificationOutcome(history, "v-other" as Ids.VillageId, path, d("2026-09-30")), history)
  })
})
