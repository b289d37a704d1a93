/**
 * Validate a micro-power list (小微权力清单) before publishing it: every structural and legal
 * problem, each with its JSON path and a message in Chinese and English.
 *
 *   npx tsx --conditions source examples/validate-power-list.ts [list.json] [--rulebook county.json]
 *
 * Without a file it validates the shipped reference list (8 categories, 57 items). With
 * `--rulebook`, item amount limits are also compared with the thresholds of the county's rulebook.
 * Exit code: 0 when the list is valid (warnings allowed), 1 when it has errors or is not a list.
 */
import * as fs from "node:fs"
import { parseArgs } from "node:util"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { Diagnostic, InvalidInput, PowerList, Rulebook } from "@qinglian/core"

const { positionals, values } = parseArgs({ allowPositionals: true, options: { rulebook: { type: "string" } } })
const listFile = positionals[0]

const readText = (file: string) =>
  Effect.try({ try: () => fs.readFileSync(file, "utf8"), catch: () => new Error(`cannot read ${file}`) })

const printIssues = (e: InvalidInput.InvalidInput) => {
  console.log(`✗ not a valid ${e.subject}: ${e.issues.length} problem(s)`)
  for (const i of e.issues) console.log(`  /${i.path.join("/")} ${i.code}: ${i.message.zh} / ${i.message.en}`)
}

const program = Effect.gen(function*() {
  const rulebook = values.rulebook === undefined
    ? Rulebook.defaults
    : yield* Rulebook.decodeJson(yield* readText(values.rulebook))
  const text = listFile === undefined
    ? JSON.stringify(Schema.encodeSync(PowerList.PowerList)(PowerList.reference()))
    : yield* readText(listFile)

  // Decoding rejects what is not a list at all; `check` then reports every problem of a list.
  const list = yield* PowerList.decodeJson(text)
  const report = PowerList.check(list, rulebook)
  console.log(`${list.title.zh} (${list.id}@${list.version}, ${list.jurisdiction.name} ${list.jurisdiction.code})`)
  console.log(`${list.categories.length} categories / ${list.items.length} items, effective ${list.effectiveFrom}`)
  const count = (s: Diagnostic.Severity) => report.diagnostics.filter((d) => d.severity === s).length
  console.log(`${count("error")} errors, ${count("warning")} warnings, ${count("info")} notes`)
  for (const d of report.diagnostics) {
    console.log(`  ${d.severity.padEnd(7)} ${d.code.padEnd(30)} ${Diagnostic.formatPath(d.path)}`)
    console.log(`          ${d.message.zh}`)
    console.log(`          ${d.message.en}`)
  }
  console.log(report.ok ? "ok" : "invalid")
  return report.ok
})

Effect.runPromise(
  program.pipe(
    Effect.catchTag("InvalidInput", (e) => Effect.sync(() => (printIssues(e), false))),
    Effect.catchAll((e) => Effect.sync(() => (console.log(`✗ ${e.message}`), false)))
  )
).then((ok) => {
  process.exitCode = ok ? 0 : 1
})
