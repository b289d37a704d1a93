// The fuzzing harness of packages/core/test/Fuzz.harness.ts on the scoring package's public
// decoders, each followed by its check or score: arbitrary JSON, mutated valid documents and
// documents moved to the ends of the date range must give a result or a typed refusal, never a
// throw. Fixed seed, modest runs.
import { assert, describe, it } from "@effect/vitest"
import { Examples, Rubric, TaskBook, Xccdf } from "@qinglian/scoring"
import { LocalDate } from "@qinglian/core"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { fuzzTargets, type Target, typed, verdict } from "../packages/core/test/Fuzz.harness.js"

const json = (v: unknown): unknown => JSON.parse(JSON.stringify(v))
const week = Examples.villageWeek(0, TaskBook.unsafeWeek("2026-W12"))
const roster = Examples.town.roster
const benchmark = {
  id: "b",
  children: [{ id: "r1", result: "pass", weight: 2 }, { id: "g", children: [{ id: "r2", result: "fail" }, { id: "r3", result: "notapplicable" }] }]
}

const targets: ReadonlyArray<Target> = [
  {
    name: "Rubric.decodeFile / decodeJson + at",
    examples: [json(Examples.weeklyRubric), json(Examples.annualRubric)],
    run: (input) => {
      if (verdict(Rubric.decodeFile(input)) === "untyped") return "untyped"
      return verdict(Rubric.decodeJson(JSON.stringify(input)), (file) => {
        for (const date of [LocalDate.minDate, LocalDate.unsafeMake("2026-03-16"), LocalDate.maxDate]) {
          const r = Rubric.at(file, date)
          if (Either.isLeft(r) && !typed(r.left)) return "untyped"
        }
        return "accepted"
      })
    }
  },
  {
    name: "TaskBook.decodeTaskBook + check",
    examples: [json(week.book)],
    run: (input) =>
      verdict(TaskBook.decodeTaskBook(input), (book) => {
        TaskBook.check(book, roster)
        return "accepted"
      })
  },
  {
    name: "TaskBook.decodeProgress + checkProgress",
    examples: week.progress.map(json),
    run: (input) =>
      verdict(TaskBook.decodeProgress(input), (progress) => {
        TaskBook.checkProgress(week.book, progress)
        return "accepted"
      })
  },
  {
    name: "TaskBook.decodeStockTake + checkStockTake",
    // Ratings are stored in hundredths of a percent and written as percentages: encode the example.
    examples: [json(Schema.encodeSync(TaskBook.StockTake)(week.stockTake))],
    run: (input) =>
      verdict(TaskBook.decodeStockTake(input), (take) => {
        TaskBook.checkStockTake(take, roster)
        return "accepted"
      })
  },
  {
    name: "Xccdf.decode + score",
    examples: [benchmark],
    run: (input) =>
      verdict(Xccdf.decode(input), (group) => {
        for (const model of ["default", "flat", "flat-unweighted", "absolute"] as const) Xccdf.score(group, model)
        return "accepted"
      })
  }
]

describe("fuzzing the scoring boundary (seed 20261203)", () => {
  it("every public decoder of scoring, and the check or score behind it, answers 300 inputs each without a throw", () => {
    const tallies = fuzzTargets(targets, 300, 20261203)
    for (const t of tallies) {
      console.log(`${t.target}: ${t.inputs} inputs, ${t.accepted} accepted, ${t.refused} refused (typed), ${t.untyped} untyped, ${t.threw} threw`)
    }
    assert.deepStrictEqual(tallies.flatMap((t) => t.failures.map((f) => `${t.target} ${f.outcome}: ${f.error}\n  input: ${f.input}`)), [])
    for (const t of tallies) {
      assert.strictEqual(t.accepted + t.refused, t.inputs, t.target)
      assert.isAbove(t.accepted, 0, `${t.target}: no input got past the decoder`)
    }
  })
})
