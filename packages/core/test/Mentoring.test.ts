import { assert, describe, it } from "@effect/vitest"
import { Diagnostic, InvalidInput, LocalDate, Mentoring } from "@qinglian/core"
import * as Either from "effect/Either"
import { id, roster, withExtra } from "./fixtures/roster.js"

const d = LocalDate.unsafeMake

const leftOf = <A>(r: Either.Either<A, InvalidInput.InvalidInput>): InvalidInput.InvalidInput => {
  if (Either.isRight(r)) return assert.fail("expected InvalidInput")
  return r.left
}

const studioInput = {
  townId: "jincun",
  name: "金村镇老干部工作室",
  pairs: [
    {
      mentorId: "li",
      menteeId: "wang",
      period: { start: "2021-03-01", end: "2022-03-01" },
      goals: [
        { text: "熟悉四议两公开程序" },
        { text: "主持召开村民代表会议", target: { quantity: 4, unit: "次", due: "2021-12-31" } }
      ]
    }
  ]
}

const studio = Either.getOrThrow(Mentoring.decodeStudio(studioInput))
const pairWith = (overrides: Partial<Mentoring.Pair>): Mentoring.Studio => ({
  ...studio,
  pairs: [{ ...studio.pairs[0]!, ...overrides }]
})
const codesAndPaths = (ds: ReadonlyArray<Diagnostic.Diagnostic>) => ds.map((x) => [x.code, x.path])

describe("Mentoring (老干部工作室)", () => {
  it("accepts a retired secretary mentoring a serving cadre", () => {
    assert.deepStrictEqual(Mentoring.checkStudio(roster, studio), [])
  })

  it("answers who mentors whom on a date", () => {
    assert.deepStrictEqual(Mentoring.menteesOf(studio, id("li"), d("2021-06-01")), [id("wang")])
    assert.deepStrictEqual(Mentoring.mentorsOf(studio, id("wang"), d("2021-06-01")), [id("li")])
    assert.deepStrictEqual(Mentoring.menteesOf(studio, id("li"), d("2022-03-01")), [])
    assert.deepStrictEqual(Mentoring.pairsOn(studio, d("2021-02-28")), [])
  })

  it("reports a period that ends before it starts", () => {
    const found = Mentoring.checkStudio(roster, pairWith({ period: { start: d("2021-03-01"), end: d("2021-02-01") } }))
    assert.deepStrictEqual(codesAndPaths(found), [["PERIOD_ORDER", ["pairs", 0, "period", "end"]]])
    assert.match(found[0]!.message.zh, /应晚于开始日期/)
  })

  it("reports a cadre mentoring themselves", () => {
    const found = Mentoring.checkStudio(roster, pairWith({ menteeId: id("li") }))
    // li is also no serving cadre, so the mentee check fires too
    assert.deepStrictEqual(codesAndPaths(found), [
      ["MENTORING_SELF", ["pairs", 0, "menteeId"]],
      ["MENTORING_MENTEE_NOT_CADRE", ["pairs", 0, "menteeId"]]
    ])
  })

  it("reports a mentor who never was party secretary", () => {
    const found = Mentoring.checkStudio(roster, pairWith({ mentorId: id("nobody") }))
    assert.deepStrictEqual(codesAndPaths(found), [["MENTORING_MENTOR_NOT_RETIRED_SECRETARY", ["pairs", 0, "mentorId"]]])
  })

  it("reports a mentor still in office, even a former secretary", () => {
    const back = withExtra({
      appointments: [
        { cadreId: "li", post: "clerk", unit: { level: "village", villageId: "xishu" }, term: { start: "2021-02-01", end: "2021-04-01" } }
      ]
    })
    assert.deepStrictEqual(codesAndPaths(Mentoring.checkStudio(back, studio)), [
      ["MENTORING_MENTOR_HOLDS_POST", ["pairs", 0, "mentorId"]]
    ])
    // a sitting secretary is neither retired nor free of posts
    assert.deepStrictEqual(
      Mentoring.checkStudio(roster, pairWith({ mentorId: id("zheng"), menteeId: id("feng") })).map((x) => x.code),
      ["MENTORING_MENTOR_NOT_RETIRED_SECRETARY", "MENTORING_MENTOR_HOLDS_POST"]
    )
  })

  it("reports a mentee who holds no post when the pair starts", () => {
    const early = pairWith({ period: { start: d("2021-01-09") } })
    const found = Mentoring.checkStudio(roster, early)
    // on 2021-01-09 wang held no post yet and li was still secretary
    assert.deepStrictEqual(codesAndPaths(found), [
      ["MENTORING_MENTOR_NOT_RETIRED_SECRETARY", ["pairs", 0, "mentorId"]],
      ["MENTORING_MENTOR_HOLDS_POST", ["pairs", 0, "mentorId"]],
      ["MENTORING_MENTEE_NOT_CADRE", ["pairs", 0, "menteeId"]]
    ])
  })

  it("warns about a pair without goals and a target due outside the period", () => {
    const found = Mentoring.checkStudio(roster, {
      ...studio,
      pairs: [
        { ...studio.pairs[0]!, goals: [] },
        {
          ...studio.pairs[0]!,
          goals: [{ text: "发展集体经济", target: { quantity: 2, unit: "项", due: d("2022-03-01") } }]
        }
      ]
    })
    assert.deepStrictEqual(found.map((x) => [x.code, x.severity, x.path]), [
      ["MENTORING_NO_GOALS", "warning", ["pairs", 0, "goals"]],
      ["MENTORING_TARGET_OUTSIDE_PERIOD", "warning", ["pairs", 1, "goals", 0, "target", "due"]]
    ])
    assert.isTrue(Diagnostic.isOk(found))
  })

  it("names every bad path when decoding", () => {
    const e = leftOf(
      Mentoring.decodeStudio({
        townId: "jincun",
        pairs: [
          {
            mentorId: "",
            menteeId: "wang",
            period: { start: "2021-13-01" },
            goals: [{ text: "" }, { text: "ok", target: { quantity: -1, unit: "" } }]
          }
        ]
      })
    )
    assert.strictEqual(e.subject, "mentoring studio")
    assert.deepStrictEqual(e.issues.map((i) => i.path), [
      ["pairs", 0, "mentorId"],
      ["pairs", 0, "period", "start"],
      ["pairs", 0, "goals", 0, "text"],
      ["pairs", 0, "goals", 1, "target", "quantity"],
      ["pairs", 0, "goals", 1, "target", "unit"]
    ])
  })
})
