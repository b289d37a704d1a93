/**
 * The one error type of the Promise API: every refusal rejects with a {@link QinglianError}.
 *
 * @since 0.1.0
 */

/**
 * One problem found in the input, as core's boundary reports it: a stable `code` (`UNKNOWN_KEY`,
 * `MISSING_KEY`, `WRONG_TYPE`, `BAD_DATE` …), where it is, what to do in Chinese and English, and
 * the decoder's own `detail`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Issue {
  readonly code: string
  readonly path: ReadonlyArray<string | number>
  readonly message: Text
  readonly detail: string
}

/**
 * A text in Chinese and English.
 *
 * @since 0.1.0
 * @category models
 */
export interface Text {
  readonly zh: string
  readonly en: string
}

/**
 * The codes a {@link QinglianError} carries. The refusals of core keep their tag as their code
 * (`Forbidden`, `IllegalTransition`, `CommandRejected`, `InvalidInput`, `VersionExists`,
 * `ConcurrencyConflict` …); the Promise API adds its own:
 *
 * | code | when |
 * | --- | --- |
 * | `NotFound` | a record the call needs is not stored (a town, a case, a list in force) |
 * | `WhistleblowerKeyMissing` | sealing or revealing without a `whistleblower` key given to `createQinglian` |
 * | `Closed` | a call made after `close()` |
 * | `Internal` | anything unexpected (a bug, a back end failing in a way core does not name); `cause` keeps it |
 *
 * Other codes are open (`string & {}`), so a code core adds later still type-checks.
 *
 * @since 0.1.0
 * @category models
 */
export type Code =
  | "InvalidInput"
  | "Forbidden"
  | "IllegalTransition"
  | "CommandRejected"
  | "VersionExists"
  | "ConcurrencyConflict"
  | "InconsistentStream"
  | "StorageError"
  | "NotFound"
  | "WhistleblowerKeyMissing"
  | "Closed"
  | "Internal"
  | (string & {})

/**
 * What a {@link QinglianError} says, as plain data: what `toJSON` gives and what an HTTP handler
 * can send as it is.
 *
 * @since 0.1.0
 * @category models
 */
export interface ProblemJson<C extends string = Code> {
  readonly code: C
  readonly path: ReadonlyArray<string | number>
  readonly message: Text
  readonly issues: ReadonlyArray<Issue>
}

/**
 * A refusal: the call changed nothing, and this says why.
 *
 * - `code`: stable, for programs (`"Forbidden"`, `"VersionExists"`, `"InvalidInput"` …; see {@link Code}).
 * - `path`: where in the input the problem is (`["command", "measures", 0]`), `[]` when it is not about one place.
 * - `text`: the message in Chinese and English, for people.
 * - `message`: the English text. `Error.message` must be a string (stack traces, loggers and
 *   frameworks read it), so the bilingual message cannot live there; it lives in `text`, and
 *   `toJSON()` writes it as `message: { zh, en }`.
 * - `issues`: every bad path of refused input (empty for other refusals).
 * - `cause`: the typed error core failed with (a `Forbidden`, an `InvalidInput` …), or the
 *   unexpected value behind an `Internal`.
 *
 * It is a real `Error` subclass, so `instanceof Error`, stack traces and framework error handlers
 * work; test for it with {@link isQinglianError}, which also works across copies of the package.
 *
 * @since 0.1.0
 * @category errors
 */
export class QinglianError<C extends string = Code> extends Error {
  /** @since 0.1.0 */
  override readonly name = "QinglianError"
  /** @since 0.1.0 */
  readonly code: C
  /** @since 0.1.0 */
  readonly path: ReadonlyArray<string | number>
  /** @since 0.1.0 */
  readonly text: Text
  /** @since 0.1.0 */
  readonly issues: ReadonlyArray<Issue>
  /** @since 0.1.0 */
  override readonly cause: unknown

  constructor(problem: ProblemJson<C>, cause?: unknown) {
    super(problem.message.en)
    this.code = problem.code
    this.path = problem.path
    this.text = problem.message
    this.issues = problem.issues
    this.cause = cause
  }

  /**
   * The problem as plain data (`{ code, path, message: { zh, en }, issues }`), without the cause.
   *
   * @since 0.1.0
   */
  toJSON(): ProblemJson<C> {
    return { code: this.code, path: this.path, message: this.text, issues: this.issues }
  }
}

/**
 * Whether `e` is a {@link QinglianError}, and, with `code`, one with that code: `isQinglianError(e,
 * "Forbidden")` narrows `e.code` to `"Forbidden"`. It checks the shape as well as the class, so an
 * error from another copy of the package counts.
 *
 * @since 0.1.0
 * @category guards
 */
export const isQinglianError: {
  <C extends Code>(e: unknown, code: C): e is QinglianError<C>
  (e: unknown): e is QinglianError
} = (e: unknown, code?: string): e is QinglianError => {
  if (!(e instanceof Error) || e.name !== "QinglianError") return false
  const c = (e as { readonly code?: unknown }).code
  return typeof c === "string" && (code === undefined || c === code)
}
