import { assert, describe, it } from "@effect/vitest"
import { decideAgreement } from "../bench/workloads/supervision.js"

// The benchmark compares SupervisionCase with the same machine in XState; its setup refuses to
// measure when the two disagree. This keeps the XState side's due dates and guards in step with
// the machine's own (rest days carried, extensions limited un-carried, appeal windows kept).
describe("supervision benchmark", () => {
  it("XState and SupervisionCase.decide accept the same commands and reach the same states and due dates", () => {
    const { checked, accepted } = decideAgreement(10_000)
    assert.strictEqual(checked, 10_000)
    assert.isAbove(accepted, 5_000)
    assert.isBelow(accepted, checked)
  })
})
