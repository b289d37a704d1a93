/**
 * `qinglian check exercise.json`: checks one exercise of a power against its item of the list, the
 * rulebook in force on its date and the working-day calendar.
 *
 * @since 0.1.0
 */
import * as Args from "@effect/cli/Args"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import { Diagnostic, Exercise, Money, PowerList, WorkCalendar } from "@qinglian/core"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { foundErrors } from "../Exit.js"
import * as Findings from "../Findings.js"
import * as Input from "../Input.js"
import * as Lang from "../Lang.js"
import * as Output from "../Output.js"

const riskText: Readonly<Record<Exercise.Risk, Lang.Text>> = {
  green: { zh: "绿（未发现问题）", en: "green (nothing found)" },
  yellow: { zh: "黄（有一般问题）", en: "yellow (lesser findings)" },
  red: { zh: "红（有严重问题）", en: "red (serious findings)" }
}

const requirementText: Readonly<Record<PowerList.Requirement, Lang.Text>> = {
  fourAndTwo: { zh: "四议两公开", en: "four deliberations, two disclosures (四议两公开)" },
  escalation: { zh: "提级监督", en: "town review (提级监督)" },
  publicTender: { zh: "公开招标", en: "public tender (公开招标)" },
  competitiveSelection: { zh: "比选", en: "competitive selection (比选)" }
}

const yesNo = (b: boolean): Lang.Text => (b ? { zh: "是", en: "yes" } : { zh: "否", en: "no" })

/**
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make(
  "check",
  {
    file: Args.file({ name: "exercise.json" }).pipe(
      Args.withDescription("权力行使记录文件（JSON） / The exercise file (JSON)")
    ),
    list: Options.file("list").pipe(
      Options.withPseudoName("list.json"),
      Options.withDescription("小微权力清单文件；不给则用内置示例清单 / The micro-power list file; the reference list when left out"),
      Options.optional
    ),
    rulebook: Input.rulebookOption,
    asOf: Input.dateOption(
      "as-of",
      "检查日期 YYYY-MM-DD：进行中的事项，此前到期未公开的算作未公开 / " +
        "The day of the check, YYYY-MM-DD: for an exercise in progress, disclosures due before it and not posted are missing"
    ).pipe(Options.optional),
    format: Output.formatOption,
    lang: Lang.option
  },
  ({ asOf, file, format, lang, list, rulebook }) =>
    Effect.gen(function*() {
      const text = yield* Input.readText(file)
      const exercise = yield* Input.decodeFile(file, { zh: "权力行使记录", en: "exercise" }, Exercise.decodeJson(text))
      const powerList = yield* Input.powerList(list)
      const rules = yield* Input.rulebook(rulebook)
      // Pure: the check reads no clock. Without --as-of an exercise in progress has no missed deadline yet.
      const result = Exercise.checkInList(powerList, exercise, rules, WorkCalendar.china, { asOf: Option.getOrUndefined(asOf) })
      const requirements = result.requirements.length === 0
        ? { zh: "无", en: "none" }
        : {
          zh: result.requirements.map((r) => requirementText[r].zh).join("、"),
          en: result.requirements.map((r) => requirementText[r].en).join(", ")
        }
      const title = exercise.title === undefined ? "" : ` ${exercise.title}`
      const amount = exercise.amount === undefined ? undefined : Money.formatYuan(Money.toFen(exercise.amount))
      yield* Output.show(
        {
          table: Findings.table(result.findings, lang),
          json: { file, exercise: exercise.id, item: exercise.item, asOf: Option.getOrNull(asOf), ...result },
          before: [
            {
              zh: `事项 ${exercise.item}：${exercise.id}${title}，${exercise.date}` + (amount === undefined ? "" : `，金额 ${amount} 元`),
              en: `item ${exercise.item}: ${exercise.id}${title}, ${exercise.date}` + (amount === undefined ? "" : `, amount ${amount} yuan`)
            },
            { zh: `风险等级：${riskText[result.risk].zh}`, en: `risk: ${riskText[result.risk].en}` },
            { zh: `适用要求：${requirements.zh}`, en: `requirements: ${requirements.en}` },
            {
              zh: `需提级监督：${yesNo(result.escalationRequired).zh}；需公开招标：${yesNo(result.tenderRequired).zh}`,
              en: `town review required: ${yesNo(result.escalationRequired).en}; public tender required: ${yesNo(result.tenderRequired).en}`
            }
          ],
          after: [Findings.summary(result.findings)]
        },
        format,
        lang
      )
      if (!Diagnostic.isOk(result.findings)) yield* foundErrors
    })
).pipe(
  Command.withDescription(
    "按清单和规则库检查一次权力行使，有错误时退出码为 1 / Check one exercise of a power against the list and the rulebook; exit code 1 when a finding is an error"
  )
)
