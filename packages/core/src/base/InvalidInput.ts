/**
 * The boundary: untrusted input goes through `effect/Schema` and comes back either typed or as an
 * {@link InvalidInput} naming every bad path.
 *
 * Input is strict. A key the schema does not declare is an error at its path (a misspelt optional
 * key is never dropped silently), JSON text may start with a UTF-8 byte order mark, and input
 * nested deeper than {@link maxDepth} is refused before any decoder walks it.
 *
 * Valid input is the common case, so a decoder may be given a validator compiled at build time from
 * the same schema's published JSON Schema (ajv's standalone code; nothing is compiled at run time).
 * Input it accepts is returned as it is: the library's boundary schemas decode to their own JSON
 * form, with no transformation. Input it refuses goes to effect's decoder, which names every bad
 * path. A property test holds the two to the same answer on every boundary schema.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as AST from "effect/SchemaAST"

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
export class InvalidInput extends Schema.TaggedError<InvalidInput>("@qinglian/core/base/InvalidInput")("InvalidInput", {
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

/**
 * How deeply input may nest (objects and arrays). No boundary document comes near it; deeper input
 * is refused with one issue at the first path past the limit, so no decoder or error formatter
 * recurses through it.
 *
 * @since 0.1.0
 * @category constants
 */
export const maxDepth = 64

/**
 * Object keys refused anywhere in input, because assigning them to a plain object changes its
 * prototype or shadows its constructor.
 *
 * @since 0.1.0
 * @category constants
 */
export const forbiddenKeys: ReadonlyArray<string> = ["__proto__", "constructor", "prototype"]

/**
 * A string usable as a key of a record-shaped input (a table keyed by year, by measure …): any
 * string but the {@link forbiddenKeys}. Records decoded with it can never replace a prototype.
 *
 * @since 0.1.0
 * @category schemas
 */
export const RecordKey = Schema.String.pipe(
  Schema.filter((k) => !forbiddenKeys.includes(k) || `the key ${JSON.stringify(k)} is not allowed`, {
    jsonSchema: { not: { enum: forbiddenKeys } }
  })
)

/**
 * A validator compiled from a schema's JSON Schema: `true` for input the schema accepts.
 *
 * @since 0.1.0
 * @category models
 */
export type Validator = (input: unknown) => boolean

// Every boundary decode reports all errors and refuses undeclared keys.
const parseOptions: AST.ParseOptions = { errors: "all", onExcessProperty: "error" }

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
 * The path to the first value nested deeper than {@link maxDepth}, or `undefined`. Iterative, so it
 * cannot overflow the stack however deep the input is.
 *
 * @since 0.1.0
 * @category utils
 */
export const tooDeep = (input: unknown): ReadonlyArray<string | number> | undefined => {
  if (typeof input !== "object" || input === null) return undefined
  const stack: Array<{ readonly value: object; readonly path: ReadonlyArray<string | number> }> = [{ value: input, path: [] }]
  while (stack.length > 0) {
    const { path, value } = stack.pop()!
    if (path.length >= maxDepth) return path
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        const v: unknown = value[i]
        if (typeof v === "object" && v !== null) stack.push({ value: v, path: [...path, i] })
      }
    } else {
      const keys = Object.keys(value)
      for (let i = keys.length - 1; i >= 0; i--) {
        const v: unknown = (value as Record<string, unknown>)[keys[i]!]
        if (typeof v === "object" && v !== null) stack.push({ value: v, path: [...path, keys[i]!] })
      }
    }
  }
  return undefined
}

/**
 * Whether values of `schema` are their own encoded form: no transformation anywhere (refinements
 * and brands only check). Such a schema's decoded value is its JSON, so encoding is the identity.
 *
 * @since 0.1.0
 * @category utils
 */
export const isIdentity = (schema: Schema.Schema.Any): boolean => identityAst(schema.ast)

const walk = (ast: AST.AST, refinement: (r: AST.Refinement) => boolean): boolean => {
  const go = (a: AST.AST): boolean => {
    switch (a._tag) {
      case "Transformation":
      case "Declaration":
      case "Suspend":
        return false
      case "Refinement":
        return refinement(a) && go(a.from)
      case "Union":
        return a.types.every(go)
      case "TupleType":
        return a.elements.every((e) => go(e.type)) && a.rest.every((r) => go(r.type))
      case "TypeLiteral":
        return a.propertySignatures.every((ps) => go(ps.type)) &&
          a.indexSignatures.every((is) => go(is.parameter) && go(is.type))
      default:
        return true
    }
  }
  return go(ast)
}

const identityAst = (ast: AST.AST): boolean => walk(ast, () => true)

/**
 * Whether a validator compiled from `schema`'s JSON Schema decides exactly what the schema decides:
 * it {@link isIdentity}, and every filter states itself in the JSON Schema (a `jsonSchema`
 * annotation, as effect's own filters and the library's have). A filter that does not (a check
 * across fields, say) would be skipped by the validator, so such a schema keeps effect's decoder.
 *
 * @since 0.1.0
 * @category utils
 */
export const canValidate = (schema: Schema.Schema.Any): boolean =>
  walk(schema.ast, (r) => r.annotations[AST.JSONSchemaAnnotationId] !== undefined)

/**
 * Decodes unknown input with `schema`, reporting all errors (not only the first) and refusing keys
 * the schema does not declare. With `validate` (compiled from the same schema's JSON Schema), input
 * it accepts is returned as it is; `schema` must then pass {@link canValidate}.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeUnknown = <A, I>(schema: Schema.Schema<A, I, never>, subject: string, validate?: Validator) => {
  if (validate !== undefined && !canValidate(schema)) {
    throw new TypeError(
      `a validator was given for ${subject}, whose schema transforms what it decodes or has a filter its JSON Schema does not state`
    )
  }
  // effect's decoder is built on first use: most input is valid, and importing a module that
  // declares a decoder must not pay for compiling it.
  let decode: ((u: unknown) => Either.Either<A, ParseResult.ParseError>) | undefined
  return (input: unknown): Either.Either<A, InvalidInput> => {
    if (validate !== undefined && validate(input)) return Either.right(input as A)
    const deep = tooDeep(input)
    if (deep !== undefined) {
      return Either.left(
        new InvalidInput({ subject, issues: [{ path: deep, message: `nested deeper than ${maxDepth} levels` }] })
      )
    }
    const r = (decode ??= Schema.decodeUnknownEither(schema, parseOptions))(input)
    return Either.isRight(r) ? Either.right(r.right) : Either.left(fromParseError(subject, r.left))
  }
}

/**
 * Parses JSON text, never throwing: a leading UTF-8 byte order mark is skipped, and text that is
 * not JSON is an {@link InvalidInput} with one issue at the root.
 *
 * @since 0.1.0
 * @category decoding
 */
export const parseJson = (subject: string) => (text: string): Either.Either<unknown, InvalidInput> => {
  if (typeof text !== "string") {
    return Either.left(new InvalidInput({ subject, issues: [{ path: [], message: `expected JSON text, got ${typeof text}` }] }))
  }
  try {
    return Either.right(JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text))
  } catch (e) {
    return Either.left(
      new InvalidInput({ subject, issues: [{ path: [], message: `not JSON: ${e instanceof Error ? e.message : String(e)}` }] })
    )
  }
}

/**
 * Decodes JSON text with `schema`. Text that is not JSON is an {@link InvalidInput} too, never a
 * thrown `SyntaxError`.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeJson = <A, I>(schema: Schema.Schema<A, I, never>, subject: string, validate?: Validator) => {
  const parse = parseJson(subject)
  const decode = decodeUnknown(schema, subject, validate)
  return (text: string): Either.Either<A, InvalidInput> => Either.flatMap(parse(text), decode)
}

/**
 * Encodes a value of `schema` to its JSON form, checking it: a value built in code can break a
 * filter its type does not show. With `validate` (see {@link canValidate}) a value it accepts is
 * its own JSON form and is returned as it is; anything else goes through effect's encoder, which
 * names every bad path.
 *
 * @since 0.1.0
 * @category encoding
 */
export const encoder = <A, I>(schema: Schema.Schema<A, I, never>, subject: string, validate?: Validator) => {
  if (validate !== undefined && !canValidate(schema)) {
    throw new TypeError(
      `a validator was given for ${subject}, whose schema transforms what it decodes or has a filter its JSON Schema does not state`
    )
  }
  let encode: ((a: A) => Either.Either<I, ParseResult.ParseError>) | undefined
  return (value: A): Either.Either<I, InvalidInput> => {
    if (validate !== undefined && validate(value)) return Either.right(value as unknown as I)
    return Either.mapLeft((encode ??= Schema.encodeEither(schema, { errors: "all" }))(value), (e) => fromParseError(subject, e))
  }
}
