import { assert, describe, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Examples from "../src/examples/Examples.js"
import * as Exercise from "../src/powerlist/Exercise.js"
import * as Money from "../src/base/Money.js"
import * as PowerList from "../src/powerlist/PowerList.js"
import * as Rulebook from "../src/rulebook/Rulebook.js"
import * as WorkCalendar from "../src/calendar/WorkCalendar.js"

const item = Examples.xishuHeatingItem()
const check = (ex: Exercise.Exercise, asOf?: string) =>
  Exercise.check(item, ex, Rulebook.defaults, WorkCalendar.china, asOf === undefined ? undefined : { asOf: asOf as never })
const codesOf = (r: Exercise.Result) => [...new Set(r.findings.map((f) => f.code))].sort()

describe("西属村 central heating (集中供暖工程)", () => {
  it("exercises the reference list's public-welfare construction item", () => {
    assert.strictEqual(item.code, "E01")
    assert.strictEqual(item.article24, "publicWelfareProject")
    assert.strictEqual(item.procurement, "construction")
    assert.strictEqual(Examples.xishuVillage.county.code, "140525")
    assert.strictEqual(Money.toFen(Examples.xishuHeatingClean().amount!), Money.yuan(8_120_000))
  })

  it("decodes from JSON like any integrator's record", () => {
    for (const encoded of [Examples.xishuHeatingCleanEncoded, Examples.xishuHeatingFaultyEncoded]) {
      const decoded = Exercise.decodeJson(JSON.stringify(encoded))
      assert.isTrue(Either.isRight(decoded))
      assert.deepStrictEqual(Either.getOrThrow(decoded), Schema.decodeSync(Exercise.Exercise)(encoded))
    }
  })

  it("the clean exercise is green: every step, quorum, deadline and safeguard holds", () => {
    const result = check(Examples.xishuHeatingClean())
    assert.strictEqual(result.risk, "green")
    assert.deepStrictEqual(
      result.findings.filter((f) => f.severity !== "info"),
      []
    )
    // 一肩挑 is noted for closer supervision even when nothing is wrong.
    assert.deepStrictEqual(codesOf(result), ["DUAL_TOP_POSTS"])
    assert.deepStrictEqual(result.requirements, ["fourAndTwo", "escalation", "publicTender", "competitiveSelection"])
    assert.isTrue(result.tenderRequired)
    assert.isTrue(result.escalationRequired)
  })

  it("the clean exercise records every step of the item's procedure, in order", () => {
    const ids = PowerList.steps(item.procedure).map((s) => s.id)
    assert.deepStrictEqual(
      Examples.xishuHeatingClean().steps.map((s) => s.stepId),
      ids
    )
    const dates = Examples.xishuHeatingClean().steps.map((s) => s.date)
    assert.deepStrictEqual([...dates].sort(), dates)
    // the start ceremony
    assert.strictEqual(Examples.xishuHeatingClean().steps.find((s) => s.stepId === "construct")?.date, "2025-09-24")
  })

  it("the faulty exercise is red with exactly the expected findings", () => {
    const result = check(Examples.xishuHeatingFaulty(), Examples.xishuHeatingFaultyAsOf)
    assert.strictEqual(result.risk, "red")
    assert.deepStrictEqual(codesOf(result), [...Examples.xishuHeatingFaultyCodes].sort())
  })

  it("each fault is found where it happened", () => {
    const result = check(Examples.xishuHeatingFaulty(), Examples.xishuHeatingFaultyAsOf)
    const at = (code: Exercise.Code) => result.findings.filter((f) => f.code === code).map((f) => f.path.join("/"))
    const stepIndex = (id: string) => Examples.xishuHeatingFaulty().steps.findIndex((s) => s.stepId === id)
    assert.deepStrictEqual(at("QUORUM_NOT_MET"), [`steps/${stepIndex("4and2.resolve")}/meeting`])
    assert.deepStrictEqual(at("EVIDENCE_MISSING"), [`steps/${stepIndex("4and2.review")}/evidence`])
    assert.deepStrictEqual(at("RECUSAL_REQUIRED"), [`steps/${stepIndex("tender")}/performedBy`])
    assert.deepStrictEqual(at("SELF_APPROVAL"), [`steps/${stepIndex("contractReview")}/performedBy`])
    assert.deepStrictEqual(at("DISCLOSURE_LATE"), ["disclosures/0/postedOn"])
    assert.deepStrictEqual(at("TENDER_REQUIRED"), ["safeguards/publicTender"])
    const late = result.findings.find((f) => f.code === "DISCLOSURE_LATE")!
    assert.include(late.message.zh, "2025-07-04") // five working days after Fri 27 June
  })

  it("repairing a fault removes exactly its finding", () => {
    const faulty = Examples.xishuHeatingFaultyEncoded
    const base = codesOf(check(Examples.xishuHeatingFaulty(), Examples.xishuHeatingFaultyAsOf))
    const repaired = Schema.decodeSync(Exercise.Exercise)({
      ...faulty,
      safeguards: { publicTender: true, competitiveSelection: false, townReview: true }
    })
    const after = codesOf(check(repaired, Examples.xishuHeatingFaultyAsOf))
    assert.include(base, "TENDER_REQUIRED")
    assert.notInclude(after, "TENDER_REQUIRED")
    assert.deepStrictEqual(after, base.filter((c) => c !== "TENDER_REQUIRED"))
  })

  it("the examples are part of the public API", async () => {
    const core = await import("../src/index.js")
    assert.strictEqual(core.Examples.xishuHeatingItem().code, "E01")
    // Decoded on the first call, then kept.
    assert.strictEqual(core.Examples.xishuHeatingClean(), core.Examples.xishuHeatingClean())
    assert.strictEqual(core.Examples.xishuHeatingFaulty(), core.Examples.xishuHeatingFaulty())
    assert.strictEqual(core.Examples.xishuHeatingItem(), core.PowerList.reference().items.find((i) => i.code === "E01"))
    assert.strictEqual(core.PowerList.reference().items.length, 57)
  })
})
