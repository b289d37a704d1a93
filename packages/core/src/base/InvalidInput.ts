/**
 * The boundary: untrusted input goes through `effect/Schema` and comes back either typed or as an
 * {@link InvalidInput} naming every bad path.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as fastDecode from "./internal/fastDecode.js"

/**
 * One problem found while decoding: where it is and what is wrong.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Issue = Schema.Struct({
  path: Schema.Array(Schema.Union(Schema.String, Schema.Number)),
  message: Schema.String
})

/**
 * @since 0.1.0
 * @category models
 */
export type Issue = typeof Issue.Type

/**
 * Input that did not decode. `subject` says what was being read (a rulebook file, a command …) and
 * `issues` lists each bad path with the reason.
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidInput extends Schema.TaggedError<InvalidInput>()("InvalidInput", {
  subject: Schema.String,
  issues: Schema.Array(Issue)
}) {
  /**
   * @since 0.1.0
   */
  override get message(): string {
    return `invalid ${this.subject}: ` +
      this.issues.map((i) => `${i.path.length === 0 ? "(root)" : i.path.join(".")}: ${i.message}`).join("; ")
  }
}

const toIssues = (error: ParseResult.ParseError): ReadonlyArray<Issue> =>
  ParseResult.ArrayFormatter.formatErrorSync(error).map((i) => ({
    path: i.path.map((p) => (typeof p === "symbol" ? String(p) : p)),
    message: i.message
  }))

/**
 * Turns a `ParseError` into an {@link InvalidInput}.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromParseError = (subject: string, error: ParseResult.ParseError): InvalidInput =>
  new InvalidInput({ subject, issues: toIssues(error) })

/**
 * Decodes unknown input with `schema`, reporting all errors (not only the first).
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeUnknown = <A, I>(schema: Schema.Schema<A, I, never>, subject: string) => {
  // Valid input takes the generated fast path; anything it does not accept goes through the
  // schema's decoder, which names every bad path.
  const decode = fastDecode.decoder(schema)
  return (input: unknown): Either.Either<A, InvalidInput> => {
    const r = decode(input)
    return Either.isRight(r) ? (r as Either.Either<A, never>) : Either.left(fromParseError(subject, r.left))
  }
}

/**
 * Decodes JSON text with `schema`. Text that is not JSON is an {@link InvalidInput} too, never a
 * thrown `SyntaxError`.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeJson = <A, I>(schema: Schema.Schema<A, I, never>, subject: string) =>
  decodeUnknown(Schema.parseJson(schema), subject)
