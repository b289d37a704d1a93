// The long fuzzing run: the harness of packages/core/test/Fuzz.test.ts with more inputs.
// Usage: npx tsx --conditions source scripts/fuzz.ts [runs per target = 5000] [seed = 20261203]
// Prints one line per target and exits 1 when any input threw, died or was refused untyped.
import { fuzzDecide, fuzzDecoders, fuzzExecute, type Tally } from "../packages/core/test/Fuzz.harness.js"

const runs = Number(process.argv[2] ?? 5_000)
const seed = Number(process.argv[3] ?? 20_261_203)
if (!Number.isSafeInteger(runs) || runs < 1 || !Number.isSafeInteger(seed)) {
  console.error("usage: scripts/fuzz.ts [runs per target, a positive integer] [seed, an integer]")
  process.exit(2)
}

const tallies: Array<Tally> = [...fuzzDecoders(runs, seed), fuzzDecide(runs, seed), await fuzzExecute(Math.ceil(runs / 2), seed)]
let inputs = 0
let bad = 0
for (const t of tallies) {
  inputs += t.inputs
  bad += t.threw + t.untyped
  console.log(
    `${t.target.padEnd(46)} ${String(t.inputs).padStart(7)} inputs ${String(t.accepted).padStart(7)} accepted ` +
      `${String(t.refused).padStart(7)} refused ${String(t.untyped).padStart(3)} untyped ${String(t.threw).padStart(3)} threw ` +
      `${(t.ms / 1000).toFixed(1).padStart(6)} s`
  )
  for (const f of t.failures) console.log(`  ${f.outcome}: ${f.error}\n    input: ${f.input}`)
}
console.log(`seed ${seed}: ${inputs} inputs, ${bad} threw or were refused untyped`)
process.exit(bad === 0 ? 0 : 1)
