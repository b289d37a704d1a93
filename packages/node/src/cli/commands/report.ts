/**
 * `qinglian report four-forms --db county.db --from … --to …`: the four forms (四种形态) of a
 * period, per town, from every stored case.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import { FourForms, Ids, Problem, SupervisionCase } from "@qinglian/core"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { badInput, failures, foundErrors } from "../Exit.js"
import * as Input from "../Input.js"
import * as Lang from "../Lang.js"
import * as Output from "../Output.js"
import * as Progress from "../Progress.js"
import * as Store from "../Store.js"

const formEn: Readonly<Record<FourForms.Form, string>> = { 1: "form 1", 2: "form 2", 3: "form 3", 4: "form 4" }

const headers: ReadonlyArray<Lang.Text> = [
  { zh: "乡镇", en: "Town" },
  { zh: "合计（人次）", en: "Total (person-times)" },
  ...FourForms.forms.flatMap((f): ReadonlyArray<Lang.Text> => [
    { zh: FourForms.labelZh[f], en: formEn[f] },
    { zh: `${FourForms.labelZh[f]}占比`, en: `${formEn[f]} share` }
  ])
]

const rowOf = (row: FourForms.Row, lang: Lang.Lang): ReadonlyArray<Output.Cell> => [
  row.town === "all" ? (lang === "zh" ? "合计" : "all towns") : row.town,
  row.total,
  ...FourForms.forms.flatMap((f) => [row.counts[f], row.shares[f].display])
]

const fourForms = Command.make(
  "four-forms",
  {
    db: Store.dbOption,
    from: Input.dateOption("from", "起始日期（含），YYYY-MM-DD / First day of the period (included), YYYY-MM-DD"),
    to: Input.dateOption("to", "截止日期（含），YYYY-MM-DD / Last day of the period (included), YYYY-MM-DD"),
    town: Options.text("town").pipe(
      Options.withPseudoName("id"),
      Options.withDescription("只统计这些乡镇（可重复） / Only these towns (may be repeated)"),
      Options.repeated,
      Options.withSchema(Schema.mutable(Schema.Array(Ids.TownId)))
    ),
    progress: Progress.option,
    format: Output.formatOption,
    lang: Lang.option
  },
  ({ db, format, from, lang, progress, to, town }) =>
    failures(Effect.gen(function*() {
      if (from > to) {
        return yield* badInput({
          zh: `起始日期 ${from} 晚于截止日期 ${to}`,
          en: `the period starts (${from}) after it ends (${to})`
        })
      }
      yield* Store.requireDatabase(db)
      const bar = Progress.make({ zh: "读取案件", en: "reading cases" }, lang, progress)
      const { failed, states } = yield* Effect.gen(function*() {
        const ids = yield* SupervisionCase.storedCaseIds
        const states: Array<SupervisionCase.State> = []
        const failed: Array<{ readonly caseId: Ids.CaseId; readonly problem: Problem.Problem | undefined }> = []
        for (const [i, caseId] of ids.entries()) {
          // A case whose stream does not replay is left out of the counts and named, never guessed at.
          const loaded = yield* SupervisionCase.load(caseId).pipe(
            Effect.map((state) => ({ state })),
            Effect.catchTags({
              InconsistentStream: (error) => Effect.succeed({ error }),
              StorageCorruptRecord: (error) => Effect.succeed({ error })
            })
          )
          if ("state" in loaded) states.push(loaded.state)
          else failed.push({ caseId, problem: Problem.fromError(loaded.error) })
          yield* bar.update(i + 1, ids.length)
        }
        yield* bar.done
        return { states, failed }
      }).pipe(Effect.provide(Store.layer(db)))
      const report = FourForms.report(states, { from, to }, town.length === 0 ? { towns: "all" } : { towns: town })
      const skipped = failed.map(({ caseId, problem }): Lang.Text => ({
        zh: `案件 ${caseId} 无法读取，未计入：${problem?.message.zh ?? "记录损坏"}`,
        en: `case ${caseId} could not be read and is not counted: ${problem?.message.en ?? "corrupt record"}`
      }))
      for (const line of skipped) yield* Output.stderr(line[lang] + "\n")
      yield* Output.show(
        {
          table: { headers, rows: [...report.towns, report.total].map((r) => rowOf(r, lang)) },
          json: { ...report, skipped: failed },
          before: [{ zh: `四种形态统计 ${from} 至 ${to}`, en: `four forms, ${from} to ${to}` }],
          after: [
            {
              zh: `共读取 ${states.length + failed.length} 件案件` + (failed.length > 0 ? `，${failed.length} 件无法读取` : ""),
              en: `${states.length + failed.length} cases read` + (failed.length > 0 ? `, ${failed.length} unreadable` : "")
            }
          ]
        },
        format,
        lang
      )
      if (failed.length > 0) yield* foundErrors
    }))
).pipe(
  Command.withDescription(
    "四种形态统计：每个乡镇各形态的人次和占比 / The four forms: person-times and shares per form and town"
  )
)

/**
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make("report").pipe(
  Command.withDescription("统计报表 / Reports"),
  Command.withSubcommands([fourForms])
)
