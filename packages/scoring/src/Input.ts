/**
 * The boundary of the scoring package: untrusted input (rubric files, task books, commands) is
 * decoded with `effect/Schema`, strictly (an unknown key is an error), and comes back either typed
 * or as an {@link InputRejected} that names every bad path with a stable code and a message in
 * Chinese and English. No JSON input makes a decoder throw.
 *
 * @since 0.1.0
 */
import { Diagnostic } from "@qinglian/core"
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

const zhOf: Record<string, string> = {
  Type: "类型或取值不符",
  Missing: "缺少必填字段",
  Unexpected: "未知字段，格式不允许",
  Forbidden: "不允许的值",
  Composite: "不符合规则",
  Refinement: "不符合规则",
  Transformation: "不符合规则",
  Pointer: "不符合规则"
}

const codeOf: Record<string, string> = {
  Type: "INPUT_TYPE",
  Missing: "INPUT_MISSING",
  Unexpected: "INPUT_UNKNOWN_KEY",
  Forbidden: "INPUT_TYPE"
}

const toIssue = (i: ParseResult.ArrayFormatterIssue): Issue => {
  const path = i.path.map((p) => (typeof p === "symbol" ? String(p) : p))
  const at = i.message.indexOf(SEPARATOR)
  if (at >= 0) {
    return {
      code: "INPUT_RULE",
      path,
      message: { zh: i.message.slice(0, at), en: i.message.slice(at + SEPARATOR.length) }
    }
  }
  const zh = zhOf[i._tag] ?? "不符合规则"
  // A missing or unknown key says all there is to say in Chinese; other issues keep the schema's
  // own wording (the expected type or value) after the Chinese summary.
  const plain = i._tag === "Missing" || i._tag === "Unexpected"
  return {
    code: codeOf[i._tag] ?? "INPUT_RULE",
    path,
    message: { zh: plain ? zh : `${zh}：${i.message}`, en: i.message }
  }
}

/**
 * Turns a `ParseError` into an {@link InputRejected}.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromParseError = (subject: string, error: ParseResult.ParseError): InputRejected =>
  new InputRejected({ subject, issues: ParseResult.ArrayFormatter.formatErrorSync(error).map(toIssue) })

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
  return (text: string): Either.Either<A, InputRejected> => {
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch (cause) {
      return Either.left(
        new InputRejected({
          subject,
          issues: [{
            code: "INPUT_JSON",
            path: [],
            message: { zh: "不是合法的 JSON 文本", en: `not JSON: ${cause instanceof Error ? cause.message : String(cause)}` }
          }]
        })
      )
    }
    return decode(parsed)
  }
}
