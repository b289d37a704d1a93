// Fuzzing every public decoder of core, and every supervision command through decide and execute,
// with a fixed seed and a modest number of runs: no input may throw, die, or be refused with
// anything but a typed error. The counts are printed for docs/security.md; `npx tsx --conditions
// source scripts/fuzz.ts <runs>` runs the same harness longer.
import { assert, describe, it } from "@effect/vitest"
import { fuzzDecide, fuzzDecoders, fuzzExecute, type Tally } from "./Fuzz.harness.js"

const seed = 20261203

const report = (tallies: ReadonlyArray<Tally>) => {
  for (const t of tallies) {
    console.log(
      `${t.target}: ${t.inputs} inputs, ${t.accepted} accepted, ${t.refused} refused (typed), ${t.untyped} untyped, ` +
        `${t.threw} threw (${Math.round(t.ms)} ms)`
    )
  }
  const broken = tallies.flatMap((t) => t.failures.map((f) => `${t.target} ${f.outcome}: ${f.error}\n  input: ${f.input}`))
  assert.deepStrictEqual(broken, [], "no input throws or is refused untyped")
  for (const t of tallies) {
    assert.strictEqual(t.threw + t.untyped, 0, t.target)
    assert.strictEqual(t.accepted + t.refused, t.inputs, t.target)
  }
}

describe("fuzzing the boundary (seed 20261203)", () => {
  it("every public decoder, and the check, build or decision behind it, answers 400 inputs each without a throw", () => {
    const tallies = fuzzDecoders(400, seed)
    report(tallies)
    // The mutations reach past the decoders: some mutated documents are accepted and go on.
    for (const t of tallies) assert.isAbove(t.accepted, 0, `${t.target}: no input got past the decoder`)
  })

  it("decide answers typed commands with any numbers and dates, in every stage, without a throw", () => {
    const t = fuzzDecide(400, seed)
    report([t])
    assert.isAbove(t.refused, 0)
    assert.isAbove(t.accepted, 0)
  })

  it("execute on the memory adapter: every exit is a success or a typed failure, and refusals write nothing", async () => {
    const t = await fuzzExecute(300, seed)
    report([t])
    assert.isAbove(t.refused, 0)
  })
})
