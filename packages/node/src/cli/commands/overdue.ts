/**
 * `qinglian overdue --db county.db`: cases past the commission's due date, from the stored case
 * summaries (an index range query; no case is replayed).
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import { Ids, SupervisionCase } from "@qinglian/core"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { failures, foundErrors } from "../Exit.js"
import * as Input from "../Input.js"
import * as Labels from "../Labels.js"
import * as Lang from "../Lang.js"
import * as Output from "../Output.js"
import * as Store from "../Store.js"

const headers: ReadonlyArray<Lang.Text> = [
  { zh: "案件编号", en: "Case" },
  { zh: "乡镇", en: "Town" },
  { zh: "阶段", en: "Stage" },
  { zh: "期限", en: "Deadline" },
  { zh: "到期日", en: "Due" },
  { zh: "超期天数", en: "Days overdue" }
]

/**
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make(
  "overdue",
  {
    db: Store.dbOption,
    county: Options.text("county").pipe(
      Options.withPseudoName("id"),
      Options.withSchema(Ids.CountyId),
      Options.withDescription("只看这个县的案件 / Only the cases of this county"),
      Options.optional
    ),
    town: Options.text("town").pipe(
      Options.withPseudoName("id"),
      Options.withSchema(Ids.TownId),
      Options.withDescription("只看这个乡镇的案件 / Only the cases of this town"),
      Options.optional
    ),
    on: Input.dateOption(
      "on",
      "按哪一天计算，YYYY-MM-DD；默认今天（北京时间） / The day to count from, YYYY-MM-DD; today in China (UTC+8) by default"
    ).pipe(Options.optional),
    format: Output.formatOption,
    lang: Lang.option
  },
  ({ county, db, format, lang, on, town }) =>
    failures(Effect.gen(function*() {
      yield* Store.requireDatabase(db)
      // A town alone (no county) is matched on every stored case: town ids are unique in practice,
      // and the index is keyed by county first.
      const jurisdiction: SupervisionCase.Jurisdiction | undefined = Option.isNone(county)
        ? undefined
        : Option.isSome(town)
        ? { level: "town", county: county.value, town: town.value }
        : { level: "county", county: county.value }
      const query = jurisdiction === undefined ? {} : { jurisdiction }
      const report = yield* Option.match(on, {
        onNone: () => SupervisionCase.overdueFromStorageNow(query),
        onSome: (day) => SupervisionCase.overdueFromStorage(day, query)
      }).pipe(Effect.provide(Store.layer(db)))
      const wanted = (item: SupervisionCase.OverdueItem) => Option.isSome(county) || Option.isNone(town) || item.town === town.value
      const byStage = report.byStage
        .map((s) => ({ ...s, items: s.items.filter(wanted) }))
        .filter((s) => s.items.length > 0)
      const total = byStage.reduce((n, s) => n + s.items.length, 0)
      const rows = byStage.flatMap((s) =>
        s.items.map((item) => [
          item.caseId,
          item.town,
          Labels.stage(item.stage)[lang],
          Labels.deadline(item.deadline.kind)[lang],
          item.deadline.due,
          item.daysOverdue
        ])
      )
      yield* Output.show(
        {
          table: { headers, rows },
          json: { today: report.today, total, byStage },
          after: [
            total === 0
              ? { zh: `截至 ${report.today} 没有超期案件`, en: `no case is overdue as of ${report.today}` }
              : { zh: `截至 ${report.today} 共 ${total} 件超期`, en: `${total} case${total === 1 ? "" : "s"} overdue as of ${report.today}` }
          ]
        },
        format,
        lang
      )
      if (total > 0) yield* foundErrors
    }))
).pipe(
  Command.withDescription(
    "列出超期案件（按阶段，超期最久的在前），有超期案件时退出码为 1 / List overdue cases (by stage, most overdue first); exit code 1 when there is one"
  )
)
