/**
 * Check one exercise of a power (权力行使) against its item of the micro-power list, the rulebook in
 * force on its date and the working-day calendar: steps and their order, meetings' quorum and
 * majority, disclosures and their deadlines, self-approval, recusal, tender and town review.
 *
 *   npx tsx --conditions source examples/check-exercise.ts [exercise.json]
 *       [--list list.json] [--rulebook county.json] [--as-of YYYY-MM-DD]
 *
 * Without a file it checks the faulty 西属村 central-heating exercise shipped as an example, as
 * supervision saw it on 2025-10-15. The list defaults to the reference list, the rulebook to the
 * defaults. Exit code: 0 when nothing is an error, 1 when a finding is an error or the input is bad.
 */
import * as fs from "node:fs"
import { parseArgs } from "node:util"
import * as Effect from "effect/Effect"
import { Diagnostic, Examples, Exercise, InvalidInput, LocalDate, Money, PowerList, Rulebook, WorkCalendar } from "@qinglian/core"

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { list: { type: "string" }, rulebook: { type: "string" }, "as-of": { type: "string" } }
})

const readText = (file: string) =>
  Effect.try({ try: () => fs.readFileSync(file, "utf8"), catch: () => new Error(`cannot read ${file}`) })

const program = Effect.gen(function*() {
  const file = positionals[0]
  const exercise = file === undefined ? Examples.xishuHeatingFaulty() : yield* Exercise.decodeJson(yield* readText(file))
  const list = values.list === undefined ? PowerList.reference() : yield* PowerList.decodeJson(yield* readText(values.list))
  const rulebook = values.rulebook === undefined ? Rulebook.defaults : yield* Rulebook.decodeJson(yield* readText(values.rulebook))
  const asOf = values["as-of"] !== undefined
    ? yield* InvalidInput.decodeUnknown(LocalDate.LocalDate, "--as-of date")(values["as-of"])
    : file === undefined
    ? Examples.xishuHeatingFaultyAsOf
    : undefined

  // Pure and total: every problem is a finding; nothing throws and the system clock is never read.
  const result = Exercise.checkInList(list, exercise, rulebook, WorkCalendar.china, { asOf })

  console.log(`${exercise.title} (${exercise.id}), item ${exercise.item}, ${exercise.date}, ${exercise.status ?? "completed"}`)
  if (exercise.amount !== undefined) console.log(`amount: ${Money.formatYuan(Money.toFen(exercise.amount))} yuan`)
  console.log(`checked as of: ${asOf ?? "(completed exercise: no as-of date needed)"}`)
  console.log(`requirements: ${result.requirements.join(", ") || "none"}`)
  console.log(`town review (提级监督): ${result.escalationRequired}; public tender (公开招标): ${result.tenderRequired}`)
  for (const f of result.findings) {
    console.log(`  ${f.severity.padEnd(7)} ${f.code.padEnd(24)} ${Diagnostic.formatPath(f.path)}`)
    console.log(`          ${f.message.zh}`)
    console.log(`          ${f.message.en}`)
  }
  const n = result.findings.length
  console.log(`risk: ${result.risk} (${n} finding${n === 1 ? "" : "s"})`)
  return Diagnostic.isOk(result.findings)
})

Effect.runPromise(
  program.pipe(Effect.catchAll((e) => Effect.sync(() => (console.log(`✗ ${e.message}`), false))))
).then((ok) => {
  process.exitCode = ok ? 0 : 1
})
