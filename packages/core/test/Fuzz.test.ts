// Fuzzing every public decoder of core, and every supervision command through decide and execute,
// with a fixed seed and a modest number of runs: no input may throw, die, or be refused with
// anything but a typed error. The counts are printed for docs/security.md; `npx tsx --conditions
// source scripts/fuzz.ts <runs>` runs the same harness longer.
import { assert, describe, it } from "@effect/vitest"
import { SupervisionCase } from "@qinglian/core"
import * as Either from "effect/Either"
import { fuzzDecide, fuzzDecoders, fuzzExecute, probeUnreadableValues, type Tally } from "./Fuzz.harness.js"

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
  it("every public decoder, and the check, build or decision behind it, answers 300 inputs each without a throw", () => {
    const tallies = fuzzDecoders(300, seed)
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
    const t = await fuzzExecute(200, seed)
    report([t])
    assert.isAbove(t.refused, 0)
  })

  it("a command whose tag is an object String() cannot read is InvalidInput, not a TypeError", () => {
    for (const text of ['{"_tag":{"toString":1}}', '{"_tag":[{"toString":1}]}', '{"_tag":{"valueOf":1,"toString":1}}']) {
      const r = SupervisionCase.decodeCommand(JSON.parse(text))
      if (Either.isRight(r)) assert.fail(text)
      assert.strictEqual(r.left._tag, "InvalidInput")
      // Refused before any decoder reads it, at the key that makes it unreadable.
      assert.strictEqual(r.left.issues[0]?.code, "FORBIDDEN_KEY")
      assert.include(["toString", "valueOf"], r.left.issues[0]?.path.at(-1))
    }
  })

  // effect's union decoder calls String() on the value where a tag belongs, which throws on
  // {"toString": 1}. The boundary refuses such keys (InvalidInput.forbiddenKeys) before any decoder
  // reads the input, so no position of any example document may throw.
  it("no position of any example document throws when it holds {\"toString\": 1}", () => {
    assert.deepStrictEqual(probeUnreadableValues(), [])
  })
})

