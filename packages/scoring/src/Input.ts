/**
 * The boundary of the scoring package: untrusted input (rubric files, task books, commands) is
 * decoded with `effect/Schema`, strictly (an unknown key is an error), and comes back either typed
 * or as an {@link InputRejected} that names every bad path with a stable code and a message in
 * Chinese and English. No JSON input makes a decoder throw.
 *
 * @example
 * ```ts
 * import { Input } from "@qinglian/scoring"
 * import { Either, Schema } from "effect"
 *
 * // Scoring's boundary: unknown keys are errors, and every issue has a stable code, a path and a
 * // message in Chinese and English.
 * const decode = Input.jsonDecoder(Schema.Struct({ week: Schema.String }), "task book")
 * const result = decode('{"week":"2026-W12","extra":1}')
 * if (Either.isLeft(result)) for (const i of result.left.issues) console.log(i.code, i.path.join("/")) // "INPUT_UNKNOWN_KEY" "extra"
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */
import { Diagnostic, InvalidInput } from "@qinglian/core"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"

/**
 * One problem in the input: where, a stable code and what to do about it, in both languages.
 *
 * | code | 中文 |
 * | --- | --- |
 * | `INPUT_TYPE` | 类型或取值不符 |
 * | `INPUT_MISSING` | 缺少必填字段 |
 * | `INPUT_UNKNOWN_KEY` | 未知字段 |
 * | `INPUT_RULE` | 不符合规则（见说明） |
 * | `INPUT_JSON` | 不是合法的 JSON |
 *
 * @since 0.1.0
 * @category schemas
 */
export const Issue = Schema.Struct({
  code: Schema.String,
  path: Diagnostic.Path,
  message: Diagnostic.Message
}).annotations({ identifier: "ScoringInputIssue" })

/**
 * @since 0.1.0
 * @category models
 */
export type Issue = typeof Issue.Type

/**
 * Input that did not decode: `subject` says what was read (a rubric file, a task book …).
 *
 * @since 0.1.0
 * @category errors
 */
export class InputRejected extends Schema.TaggedError<InputRejected>()("ScoringInputRejected", {
  subject: Schema.String,
  issues: Schema.Array(Issue)
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `invalid ${this.subject}: ` +
      this.issues.map((i) => `${Diagnostic.formatPath(i.path)}: ${i.message.en}`).join("; ")
  }
}

/**
 * The separator between the Chinese and the English half of a message written inside a schema
 * filter: `"权重之和须为100｜weights must add up to 100"`.
 *
 * @since 0.1.0
 * @category constants
 */
export const SEPARATOR = "｜"

/**
 * Writes a bilingual message for a schema filter (see {@link SEPARATOR}).
 *
 * @since 0.1.0
 * @category constructors
 */
export const bilingual = (zh: string, en: string): string => `${zh}${SEPARATOR}${en}`

// Core's boundary classifies each issue (one issue for a mistyped literal, not one per allowed
// value) and words it in both languages; scoring keeps its own stable codes.
const codeOf: { readonly [C in InvalidInput.IssueCode]: string } = {
  UNKNOWN_KEY: "INPUT_UNKNOWN_KEY",
  FORBIDDEN_KEY: "INPUT_UNKNOWN_KEY",
  MISSING_KEY: "INPUT_MISSING",
  WRONG_TYPE: "INPUT_TYPE",
  NOT_ALLOWED_VALUE: "INPUT_TYPE",
  NOT_JSON: "INPUT_JSON",
  OUT_OF_RANGE: "INPUT_RULE",
  BAD_DATE: "INPUT_RULE",
  BAD_FORMAT: "INPUT_RULE",
  TOO_DEEP: "INPUT_RULE",
  INVALID: "INPUT_RULE"
}

const toIssue = (i: InvalidInput.Issue): Issue => {
  // A scoring rule says itself in both languages (see SEPARATOR).
  const at = i.detail.indexOf(SEPARATOR)
  if (at >= 0) {
    return {
      code: "INPUT_RULE",
      path: i.path,
      message: { zh: i.detail.slice(0, at), en: i.detail.slice(at + SEPARATOR.length) }
    }
  }
  return { code: codeOf[i.code], path: i.path, message: i.message }
}

/**
 * Turns a `ParseError` into an {@link InputRejected}.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromParseError = (subject: string, error: ParseResult.ParseError): InputRejected =>
  new InputRejected({ subject, issues: InvalidInput.fromParseError(subject, error).issues.map(toIssue) })

/**
 * A strict decoder: every error, unknown keys refused.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decoder = <A, I>(schema: Schema.Schema<A, I, never>, subject: string) => {
  const decode = Schema.decodeUnknownEither(schema, { errors: "all", onExcessProperty: "error" })
  return (input: unknown): Either.Either<A, InputRejected> => {
    try {
      // Input nested past core's limit is refused before any decoder recurses through it.
      const deep = InvalidInput.tooDeep(input)
      if (deep !== undefined) {
        return Either.left(new InputRejected({
          subject,
          issues: [{
            code: "INPUT_RULE",
            path: deep,
            message: { zh: `嵌套超过 ${InvalidInput.maxDepth} 层`, en: `nested deeper than ${InvalidInput.maxDepth} levels` }
          }]
        }))
      }
      return Either.mapLeft(decode(input), (e) => fromParseError(subject, e))
    } catch (cause) {
      // A getter that throws, a proxy: hostile objects are rejected, never thrown through.
      return Either.left(
        new InputRejected({
          subject,
          issues: [{ code: "INPUT_TYPE", path: [], message: { zh: "无法读取输入", en: `unreadable input: ${String(cause)}` } }]
        })
      )
    }
  }
}

/**
 * A strict decoder of JSON text: text that is not JSON is an `INPUT_JSON` issue, never a thrown
 * `SyntaxError`.
 *
 * @since 0.1.0
 * @category decoding
 */
export const jsonDecoder = <A, I>(schema: Schema.Schema<A, I, never>, subject: string) => {
  const decode = decoder(schema, subject)
  // Core's parser: a leading byte order mark is skipped, and text that is not JSON is an issue.
  const parse = InvalidInput.parseJson(subject)
  return (text: string): Either.Either<A, InputRejected> => {
    const parsed = parse(text)
    if (Either.isLeft(parsed)) {
      return Either.left(new InputRejected({ subject, issues: parsed.left.issues.map(toIssue) }))
    }
    return decode(parsed.right)
  }
}
