/**
 * The `qinglian` command line: its commands, and how a run ends (what is printed on failure, and
 * the exit code).
 *
 * @since 0.1.0
 */
import type * as CliApp from "@effect/cli/CliApp"
import * as CliConfig from "@effect/cli/CliConfig"
import * as Command from "@effect/cli/Command"
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as ValidationError from "@effect/cli/ValidationError"
import * as Cause from "effect/Cause"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import * as Annual from "./commands/annual.js"
import * as Audit from "./commands/audit.js"
import * as Board from "./commands/board.js"
import * as Check from "./commands/check.js"
import * as Import from "./commands/import.js"
import * as Init from "./commands/init.js"
import * as Overdue from "./commands/overdue.js"
import * as Report from "./commands/report.js"
import * as Validate from "./commands/validate.js"
import { couldNotFinish, ExitCode, isCliFailure, report, Status } from "./Exit.js"
import * as Lang from "./Lang.js"
import type { Format } from "./Output.js"
import { printable, renderJson, stderr } from "./Output.js"

/**
 * The version the bin reports (`qinglian --version`): that of the `@qinglian/node` package it is
 * run from (dist/cli.js or src/cli/Cli.ts, found by walking up), so it follows every release.
 *
 * @since 0.1.0
 * @category constants
 */
export const version: string = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 4; i++) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { name?: unknown; version?: unknown }
      if (pkg.name === "@qinglian/node" && typeof pkg.version === "string") return pkg.version
    } catch {
      // No package.json here: look in the folder above.
    }
    dir = path.dirname(dir)
  }
  return "unknown"
})()

const root = Command.make("qinglian").pipe(
  Command.withDescription(
    "清廉村居规则引擎的命令行，供乡镇和县里的工作人员使用。输出默认中文，加 --lang en 为英文。" +
      "退出码：0 无错误；1 发现错误（清单或行使记录有错误、有超期案件、审计日志被改动）；2 输入或用法有误；3 无法完成（数据库故障等）。 / " +
      "The command line of the qinglian rules engine, for town and county staff. Output is in Chinese; --lang en gives English. " +
      "Exit codes: 0 nothing is an error; 1 errors found (in a list or an exercise, overdue cases, a broken audit log); " +
      "2 bad input or usage; 3 could not finish (the database failed …)."
  ),
  Command.withSubcommands([Validate.command, Check.command, Overdue.command, Report.command, Board.command, Annual.command, Audit.command, Import.command, Init.command])
)

const app = Command.run(root, { name: "qinglian", version })

// What kind of usage error @effect/cli found, in both languages; its own English detail follows.
const usageKind = (error: ValidationError.ValidationError): Lang.Text => {
  switch (error._tag) {
    case "CommandMismatch":
      return { zh: "没有这个命令", en: "unknown command" }
    case "CorrectedFlag":
      return { zh: "没有这个选项（可能是拼写错误）", en: "unknown option (a misspelling?)" }
    case "MissingFlag":
    case "MissingValue":
      return { zh: "缺少必填的参数或选项", en: "a required argument or option is missing" }
    case "MissingSubcommand":
      return { zh: "缺少子命令", en: "a subcommand is missing" }
    case "InvalidValue":
    case "InvalidArgument":
    case "MultipleValuesDetected":
    case "UnclusteredFlag":
      return { zh: "参数或选项的值不对，或有多余的参数", en: "an argument or option value is not valid, or is not expected" }
    case "NoBuiltInMatch":
    case "HelpRequested":
      return { zh: "用法有误", en: "usage error" }
  }
}

// @effect/cli's HelpDoc as plain text (its ANSI rendering, without the escapes).
// eslint-disable-next-line no-control-regex
const plain = (doc: HelpDoc.HelpDoc): string => HelpDoc.toAnsiText(doc).replace(/\u001b\[[0-9;]*m/g, "").trim()

const usageFailure = (error: ValidationError.ValidationError, format: Format, lang: Lang.Lang) => {
  const kind = usageKind(error)
  const detail = plain(error.error)
  if (format === "json") {
    return stderr(renderJson({ error: { exitCode: ExitCode.badInput, message: kind, detail } }))
  }
  const hint = lang === "zh" ? "运行 qinglian --help 或 qinglian <命令> --help 查看用法" : "run qinglian --help or qinglian <command> --help for usage"
  return stderr(printable(`${lang === "zh" ? `用法错误：${kind.zh}` : `usage error: ${kind.en}`}\n  ${detail}\n${hint}`) + "\n")
}

// The options that decide how a failure is shown are read from the raw arguments, so that they
// apply even when parsing fails.
const formatFromArgv = (argv: ReadonlyArray<string>): Format => {
  let format: Format = "table"
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    const value = arg === "--format" ? argv[i + 1] : arg.startsWith("--format=") ? arg.slice("--format=".length) : undefined
    if (value === "table" || value === "json" || value === "csv") format = value
  }
  return format
}

// @effect/cli prints its usage errors in English on standard error before failing with them; they
// are printed here instead, in the chosen language, so the Console it sees drops them.
const quietErrors = (console: Console.Console): Console.Console => ({
  ...console,
  error: () => Effect.void,
  unsafe: { ...console.unsafe, error: () => {} }
})

/**
 * Runs the command line on `argv` (as `process.argv`: runtime, script, then arguments) and returns
 * the exit code. It never fails: every failure is printed on standard error and becomes its code.
 *
 * @since 0.1.0
 * @category running
 */
export const run = (argv: ReadonlyArray<string>) =>
  Effect.gen(function*(): Effect.fn.Return<ExitCode, never, CliApp.CliApp.Environment> {
    const lang = Lang.fromArgv(argv.slice(2))
    const format = formatFromArgv(argv.slice(2))
    const status = yield* Ref.make<ExitCode>(ExitCode.ok)
    const console = yield* Effect.console
    const exit = yield* app(argv).pipe(
      Effect.provideService(Status, status),
      Effect.withConsole(quietErrors(console)),
      Effect.exit
    )
    if (exit._tag === "Success") return yield* Ref.get(status)
    const failure = Cause.failureOption(exit.cause)
    if (Option.isSome(failure)) {
      const error: unknown = failure.value
      if (ValidationError.isValidationError(error)) {
        yield* usageFailure(error, format, lang)
        return ExitCode.badInput
      }
      const cliFailure = isCliFailure(error) ? error : couldNotFinish(error)
      yield* report(cliFailure, format, lang)
      return cliFailure.exitCode
    }
    if (Cause.isInterruptedOnly(exit.cause)) return ExitCode.failed
    yield* stderr(
      (lang === "zh" ? "内部错误，请把以下内容报告给维护者：\n" : "internal error; please report the following to the maintainers:\n") +
        Cause.pretty(exit.cause) + "\n"
    )
    return ExitCode.failed
  })

/**
 * The configuration @effect/cli runs with: exact option names (no case folding), and no
 * auto-correction guesses.
 *
 * @since 0.1.0
 * @category layers
 */
export const config: Layer.Layer<CliConfig.CliConfig> = CliConfig.layer({ isCaseSensitive: true, autoCorrectLimit: 0 })
