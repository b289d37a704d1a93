/**
 * Exit codes, the failures that set them, and how a failure is told to the person at the terminal.
 *
 * | code | meaning |
 * | --- | --- |
 * | 0 | done, nothing that is an error |
 * | 1 | done, and found errors: an error-severity finding, an overdue case, a broken audit chain |
 * | 2 | bad input or usage: unknown command or option, a missing file, a file that does not decode |
 * | 3 | could not finish: the database failed (busy, disk) or a bug |
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Ref from "effect/Ref"
import { Problem } from "@qinglian/core"
import { scoringProblem } from "../internal/boundary.js"
import type { Lang, Text } from "./Lang.js"
import type { Format } from "./Output.js"
import { printable, renderJson, stderr } from "./Output.js"

/**
 * The exit codes.
 *
 * @since 0.1.0
 * @category constants
 */
export const ExitCode = {
  ok: 0,
  findings: 1,
  badInput: 2,
  failed: 3
} as const

/**
 * @since 0.1.0
 * @category models
 */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode]

/**
 * Where a command records that it found errors: it still prints everything, and the process exits
 * with {@link ExitCode.findings} at the end.
 *
 * @since 0.1.0
 * @category services
 */
export class Status extends Context.Tag("@qinglian/node/cli/Status")<Status, Ref.Ref<ExitCode>>() {}

/**
 * Records that the command found errors.
 *
 * @since 0.1.0
 * @category utils
 */
export const foundErrors: Effect.Effect<void, never, Status> = Effect.flatMap(Status, (ref) =>
  Ref.set(ref, ExitCode.findings))

/**
 * What a failure reports beside its message: core's `Problem`, or the same shape for a refusal of
 * another package, whose issues carry that package's codes (scoring's `TASKBOOK_MISSING`, say).
 *
 * @since 0.1.0
 * @category errors
 */
export type Reported = Problem.Problem | {
  readonly code: string
  readonly path: ReadonlyArray<string | number>
  readonly message: Text
  readonly issues: ReadonlyArray<{ readonly code: string; readonly path: ReadonlyArray<string | number>; readonly message: Text }>
}

/**
 * A command that cannot go on: bad input (exit 2) or a failure of its environment (exit 3). The
 * message is in both languages; `problem` is the account of the error, with every input issue.
 *
 * @since 0.1.0
 * @category errors
 */
export class CliFailure extends Data.TaggedError("CliFailure")<{
  readonly exitCode: typeof ExitCode.badInput | typeof ExitCode.failed
  readonly message: Text
  readonly problem?: Reported | undefined
}> {}

/**
 * Bad input (exit 2) with a message, and core's problem when the cause is one of core's errors.
 *
 * @since 0.1.0
 * @category constructors
 */
export const badInput = (message: Text, cause?: unknown): CliFailure =>
  new CliFailure({ exitCode: ExitCode.badInput, message, problem: cause === undefined ? undefined : Problem.fromError(cause) })

/**
 * A refusal of scoring's rules or of the stored data (nothing to show for a town and week, no
 * rubric edition in force, facts that cannot be scored) as bad input (exit 2): the message says
 * `what` could not be done and why, and the problem carries the refusal's code and issues, as the
 * Promise API reports them. Any other error is a failure to finish.
 *
 * @since 0.1.0
 * @category constructors
 */
export const refusedBecause = (what: Text, error: unknown): CliFailure => {
  const problem = scoringProblem(error)
  if (problem === undefined) return couldNotFinish(error)
  return new CliFailure({
    exitCode: ExitCode.badInput,
    message: { zh: `${what.zh}：${problem.message.zh}`, en: `${what.en}: ${problem.message.en}` },
    problem
  })
}

/**
 * Whether a value is a {@link CliFailure}.
 *
 * @since 0.1.0
 * @category guards
 */
export const isCliFailure = (u: unknown): u is CliFailure =>
  typeof u === "object" && u !== null && (u as { readonly _tag?: unknown })._tag === "CliFailure"

/**
 * Any other error a command meets (the database is busy, a disk failed) as a failure to finish
 * (exit 3), with core's account of it when it is one of core's errors.
 *
 * @since 0.1.0
 * @category constructors
 */
export const couldNotFinish = (error: unknown): CliFailure => {
  const problem = Problem.fromError(error)
  return new CliFailure({
    exitCode: ExitCode.failed,
    message: problem?.message ?? { zh: String(error), en: String(error) },
    problem
  })
}

/**
 * A command's effect with every error it can fail with as a {@link CliFailure}.
 *
 * @since 0.1.0
 * @category utils
 */
export const failures = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, CliFailure, R> =>
  Effect.mapError(effect, (error) => (isCliFailure(error) ? error : couldNotFinish(error)))

// Issues a person can read through; a file with thousands of bad rows gets a count of the rest.
const maxIssuesShown = 20

const issueText = (issue: Reported["issues"][number], lang: Lang): string => {
  const path = issue.path.length === 0 ? "/" : "/" + issue.path.join("/")
  const message: unknown = issue.message
  const text = typeof message === "string" ? message : (message as Text)[lang]
  const code = (issue as { readonly code?: unknown }).code
  return `  ${path}${typeof code === "string" ? ` [${code}]` : ""}: ${text}`
}

/**
 * Prints a failure on standard error: a line in the chosen language, then each input issue. With
 * `--format json` it prints `{ "error": … }` instead, for programs.
 *
 * @since 0.1.0
 * @category output
 */
export const report = (failure: CliFailure, format: Format, lang: Lang): Effect.Effect<void> => {
  if (format === "json") {
    return stderr(renderJson({ error: { exitCode: failure.exitCode, message: failure.message, problem: failure.problem } }))
  }
  const heading = failure.exitCode === ExitCode.badInput ? { zh: "错误", en: "error" } : { zh: "无法完成", en: "could not finish" }
  const lines = [lang === "zh" ? `${heading.zh}：${failure.message.zh}` : `${heading.en}: ${failure.message.en}`]
  const problem = failure.problem
  if (problem !== undefined) {
    // The problem's message sums up its issues; when they are listed one by one it is left out.
    if (problem.issues.length === 0 && problem.message[lang] !== failure.message[lang]) lines.push(`  ${problem.message[lang]}`)
    for (const issue of problem.issues.slice(0, maxIssuesShown)) lines.push(issueText(issue, lang))
    const more = problem.issues.length - maxIssuesShown
    if (more > 0) lines.push(lang === "zh" ? `  另有 ${more} 处问题未列出` : `  and ${more} more issues`)
  }
  return stderr(printable(lines.join("\n")) + "\n")
}
