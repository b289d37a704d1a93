/**
 * `qinglian validate list.json`: decodes and checks a micro-power list.
 *
 * @since 0.1.0
 */
import * as Args from "@effect/cli/Args"
import * as Command from "@effect/cli/Command"
import { Diagnostic, PowerList } from "@qinglian/core"
import * as Effect from "effect/Effect"
import { foundErrors } from "../Exit.js"
import * as Findings from "../Findings.js"
import * as Input from "../Input.js"
import * as Lang from "../Lang.js"
import * as Output from "../Output.js"

/**
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make(
  "validate",
  {
    file: Args.file({ name: "list.json" }).pipe(
      Args.withDescription("小微权力清单文件（JSON） / The micro-power list file (JSON)")
    ),
    rulebook: Input.rulebookOption,
    format: Output.formatOption,
    lang: Lang.option
  },
  ({ file, format, lang, rulebook }) =>
    Effect.gen(function*() {
      const text = yield* Input.readText(file)
      const rules = yield* Input.rulebook(rulebook)
      const report = yield* Input.decodeFile(file, { zh: "小微权力清单", en: "micro-power list" }, PowerList.validate(text, rules))
      yield* Output.show(
        {
          table: Findings.table(report.diagnostics, lang),
          json: { file, ok: report.ok, diagnostics: report.diagnostics },
          after: [Findings.summary(report.diagnostics)]
        },
        format,
        lang
      )
      if (!Diagnostic.isOk(report.diagnostics)) yield* foundErrors
    })
).pipe(
  Command.withDescription(
    "校验小微权力清单：列出每个问题，有错误时退出码为 1 / Validate a micro-power list: every finding is listed; exit code 1 when one is an error"
  )
)
