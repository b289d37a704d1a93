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
 * @example
 * ```ts
 * import { InvalidInput, LocalDate } from "@qinglian/core"
 * import { Effect, Schema } from "effect"
 *
 * // Decode untrusted JSON: an InvalidInput lists every bad path (unknown keys included), never throws.
 * const Meeting = Schema.Struct({ date: LocalDate.LocalDate, present: Schema.Number })
 * const decoded = InvalidInput.decodeJson(Meeting, "meeting")('{"date":"2026-02-30","x":1}')
 * const result = Effect.runSync(Effect.either(decoded))
 * if (result._tag === "Left") console.log(result.left.issues.map((i) => i.path.join("/"))) // ["x", "date", "present"]
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as AST from "effect/SchemaAST"
import { Message } from "./Diagnostic.js"
import { maxYear, minYear } from "./LocalDate.js"

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
 * The annotation that gives a filter its {@link IssueCode} (and, optionally, its message), for
 * filters whose kind the boundary cannot tell from their JSON Schema:
 * `Schema.filter(f, { [InvalidInput.IssueCodeAnnotationId]: "BAD_DATE" })`.
 *
 * @since 0.1.0
 * @category annotations
 */
export const IssueCodeAnnotationId: unique symbol = Symbol.for("@qinglian/core/base/InvalidInput/IssueCode")

/**
 * @since 0.1.0
 * @category annotations
 */
export type IssueCodeAnnotation = IssueCode

/**
 * What kind of problem an input issue is, stable across versions so that an application can act on
 * it (highlight a field, offer the allowed values) without reading the message:
 *
 * - `UNKNOWN_KEY`: a key the format does not declare (a misspelt key is never dropped silently);
 * - `MISSING_KEY`: a required key is absent;
 * - `WRONG_TYPE`: a value of the wrong JSON type (text where a number belongs, `[]` for an object);
 * - `NOT_ALLOWED_VALUE`: a value outside a fixed set (a literal or enumeration), with the allowed values;
 * - `OUT_OF_RANGE`: a number, length or amount outside its bounds;
 * - `BAD_DATE`: text that is not a calendar date `YYYY-MM-DD` that exists;
 * - `BAD_FORMAT`: text that does not match its pattern (a division code, an id);
 * - `TOO_DEEP`: input nested deeper than {@link maxDepth};
 * - `NOT_JSON`: text that is not JSON;
 * - `FORBIDDEN_KEY`: one of the {@link forbiddenKeys};
 * - `INVALID`: any other check the value fails (the `detail` says which).
 *
 * @since 0.1.0
 * @category schemas
 */
export const IssueCode = Schema.Literal(
  "UNKNOWN_KEY",
  "MISSING_KEY",
  "WRONG_TYPE",
  "NOT_ALLOWED_VALUE",
  "OUT_OF_RANGE",
  "BAD_DATE",
  "BAD_FORMAT",
  "TOO_DEEP",
  "NOT_JSON",
  "FORBIDDEN_KEY",
  "INVALID"
).annotations({ identifier: "IssueCode" })

/**
 * @since 0.1.0
 * @category models
 */
export type IssueCode = typeof IssueCode.Type

/**
 * Every {@link IssueCode}, in the order of the codes page.
 *
 * @since 0.1.0
 * @category constants
 */
export const issueCodes: ReadonlyArray<IssueCode> = IssueCode.literals

/**
 * What each {@link IssueCode} means, in Chinese and English (the codes page is built from it).
 *
 * @since 0.1.0
 * @category constants
 */
export const issueMeaning: { readonly [C in IssueCode]: Message } = {
  UNKNOWN_KEY: {
    zh: "格式中没有这个字段：检查拼写，或删去它",
    en: "The format has no such key: check the spelling, or remove it"
  },
  MISSING_KEY: { zh: "缺少必填字段：补上它", en: "A required key is missing: add it" },
  WRONG_TYPE: {
    zh: "取值类型不对（例如应为数字却写成文字，应为对象却写成数组）",
    en: "The value has the wrong type (text where a number belongs, an array where an object belongs …)"
  },
  NOT_ALLOWED_VALUE: {
    zh: "取值不在允许的几个值之中：从列出的允许值中选一个",
    en: "The value is not one of a fixed set: choose one of the allowed values listed"
  },
  OUT_OF_RANGE: {
    zh: "数值、长度或金额超出允许范围",
    en: "A number, length or amount is outside its bounds"
  },
  BAD_DATE: {
    zh: "不是有效的日期：应写成 YYYY-MM-DD，并且这一天确实存在",
    en: "Not a valid date: write it as YYYY-MM-DD, a day that exists"
  },
  BAD_FORMAT: {
    zh: "文字不符合规定的格式（如行政区划代码、编号）",
    en: "Text that does not match its format (a division code, an id …)"
  },
  TOO_DEEP: {
    zh: `嵌套层数超过 ${maxDepth} 层：不是本库的文件格式`,
    en: `Nested deeper than ${maxDepth} levels: not one of the library's formats`
  },
  NOT_JSON: {
    zh: "不是 JSON 文本：检查括号、引号和逗号，或文件是否选错",
    en: "Not JSON text: check brackets, quotes and commas, or whether it is the right file"
  },
  FORBIDDEN_KEY: {
    zh: "不允许使用的字段名（__proto__、constructor、prototype、toString、valueOf）",
    en: "A key that is not allowed (__proto__, constructor, prototype, toString, valueOf)"
  },
  INVALID: {
    zh: "取值不符合要求：详见说明",
    en: "The value fails a check: see the detail"
  }
}

/**
 * One problem found while decoding: a stable `code`, where it is (`path`), a message in Chinese and
 * English a person can act on, and `detail`, the decoder's own (English) text.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Issue = Schema.Struct({
  code: IssueCode,
  path: Schema.Array(Schema.Union(Schema.String, Schema.Number)),
  message: Message,
  detail: Schema.String
}).annotations({ identifier: "Issue" })

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
      this.issues.map((i) => `${i.path.length === 0 ? "(root)" : i.path.join(".")}: ${i.detail}`).join("; ")
  }
}

/**
 * Object keys refused anywhere in input: assigning the first three to a plain object changes its
 * prototype or shadows its constructor, and an object whose own `toString` or `valueOf` is not a
 * function cannot be turned into text, so code that prints it (effect's decoder among them) throws.
 * Input holding one of them at any depth is refused before any decoder reads it.
 *
 * @since 0.1.0
 * @category constants
 */
export const forbiddenKeys: ReadonlyArray<string> = ["__proto__", "constructor", "prototype", "toString", "valueOf"]

/**
 * A string usable as a key of a record-shaped input (a table keyed by year, by measure …): any
 * string but the {@link forbiddenKeys}. Records decoded with it can never replace a prototype.
 *
 * @since 0.1.0
 * @category schemas
 */
export const RecordKey = Schema.String.pipe(
  Schema.filter((k) => !forbiddenKeys.includes(k) || `the key ${JSON.stringify(k)} is not allowed`, {
    [IssueCodeAnnotationId]: "FORBIDDEN_KEY",
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

// Schemas known by their identifier, for those that carry no IssueCode annotation of their own.
const codeByIdentifier: Readonly<Record<string, IssueCode>> = {
  LocalDate: "BAD_DATE",
  Amount: "OUT_OF_RANGE",
  Money: "OUT_OF_RANGE",
  Fen: "OUT_OF_RANGE"
}

const issueOf = (code: IssueCode, path: ReadonlyArray<string | number>, message: Message, detail: string): Issue => ({
  code,
  path,
  message,
  detail
})

// ---------------------------------------------------------------------------------------------
// How a value and an expected type read in a message
// ---------------------------------------------------------------------------------------------

const shown = (u: unknown): string => {
  if (typeof u === "string") return JSON.stringify(u.length > 60 ? u.slice(0, 57) + "…" : u)
  if (typeof u === "number" || typeof u === "boolean" || u === null) return String(u)
  if (u === undefined) return "undefined"
  if (Array.isArray(u)) return u.length === 0 ? "[]" : "[…]"
  if (typeof u === "object") return Object.keys(u).length === 0 ? "{}" : "{…}"
  return typeof u
}

const actualOf = (u: unknown): Message => {
  if (typeof u === "string") return { zh: `文字 ${shown(u)}`, en: `the text ${shown(u)}` }
  if (typeof u === "number") return { zh: `数字 ${u}`, en: `the number ${u}` }
  if (typeof u === "boolean") return { zh: `布尔值 ${u}`, en: `the boolean ${u}` }
  if (u === null) return { zh: "null（空值）", en: "null" }
  if (Array.isArray(u)) return { zh: `数组 ${shown(u)}`, en: `an array ${shown(u)}` }
  if (typeof u === "object") return { zh: `对象 ${shown(u)}`, en: `an object ${shown(u)}` }
  return { zh: String(typeof u), en: String(typeof u) }
}

const literalsOf = (ast: AST.AST): ReadonlyArray<AST.LiteralValue> | undefined => {
  switch (ast._tag) {
    case "Literal":
      return [ast.literal]
    case "Enums":
      return ast.enums.map(([, v]) => v)
    case "Union": {
      const out: Array<AST.LiteralValue> = []
      for (const t of ast.types) {
        const l = literalsOf(t)
        if (l === undefined) return undefined
        out.push(...l)
      }
      return out
    }
    case "Refinement":
    case "Suspend":
      return undefined
    case "Transformation":
      return literalsOf(ast.to)
    default:
      return undefined
  }
}

const expectedOf = (ast: AST.AST): Message => {
  switch (ast._tag) {
    case "StringKeyword":
    case "TemplateLiteral":
      return { zh: "文字", en: "a string" }
    case "NumberKeyword":
      return { zh: "数字", en: "a number" }
    case "BooleanKeyword":
      return { zh: "布尔值（true 或 false）", en: "a boolean (true or false)" }
    case "TupleType":
      return { zh: "数组", en: "an array" }
    case "TypeLiteral":
      return { zh: "对象", en: "an object" }
    case "Refinement": {
      const json = AST.getJSONSchemaAnnotation(ast)
      if (json._tag === "Some" && (json.value as { type?: unknown }).type === "integer") {
        return { zh: "整数", en: "a whole number" }
      }
      return expectedOf(ast.from)
    }
    case "Transformation":
      return expectedOf(ast.from)
    case "Union": {
      const literals = literalsOf(ast)
      if (literals !== undefined && literals.length > 4) return { zh: "规定取值之一", en: "one of the allowed values" }
      const parts = ast.types.map(expectedOf)
      return { zh: [...new Set(parts.map((p) => p.zh))].join("或"), en: [...new Set(parts.map((p) => p.en))].join(" or ") }
    }
    case "Literal":
      return { zh: shown(ast.literal), en: shown(ast.literal) }
    default: {
      const id = AST.getIdentifierAnnotation(ast)
      const name = id._tag === "Some" ? id.value : String(ast)
      return { zh: name, en: name }
    }
  }
}

// A declared key one or two edits away from an unknown one: the likely intent of a typo.
const closest = (key: string, declared: ReadonlyArray<string>): string | undefined => {
  let best: string | undefined
  let bestDistance = Math.max(2, Math.floor(key.length / 4)) + 1
  for (const d of declared) {
    const distance = editDistance(key, d, bestDistance)
    if (distance < bestDistance) {
      best = d
      bestDistance = distance
    }
  }
  return best
}

const editDistance = (a: string, b: string, cap: number): number => {
  if (Math.abs(a.length - b.length) >= cap) return cap
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    prev = cur
  }
  return prev[b.length]!
}

const bounds = (json: Record<string, unknown>): Message | undefined => {
  const zh: Array<string> = []
  const en: Array<string> = []
  const num = (k: string) => (typeof json[k] === "number" ? json[k] : undefined)
  const add = (k: string, z: (n: number) => string, e: (n: number) => string) => {
    const n = num(k)
    if (n !== undefined) {
      zh.push(z(n))
      en.push(e(n))
    }
  }
  add("minimum", (n) => `不小于 ${n}`, (n) => `at least ${n}`)
  add("exclusiveMinimum", (n) => `大于 ${n}`, (n) => `greater than ${n}`)
  add("maximum", (n) => `不大于 ${n}`, (n) => `at most ${n}`)
  add("exclusiveMaximum", (n) => `小于 ${n}`, (n) => `less than ${n}`)
  add("minLength", (n) => (n === 1 ? "不能为空" : `至少 ${n} 个字符`), (n) => (n === 1 ? "not empty" : `at least ${n} characters`))
  add("maxLength", (n) => `最多 ${n} 个字符`, (n) => `at most ${n} characters`)
  add("minItems", (n) => (n === 1 ? "至少一项" : `至少 ${n} 项`), (n) => `at least ${n} item${n === 1 ? "" : "s"}`)
  add("maxItems", (n) => `最多 ${n} 项`, (n) => `at most ${n} item${n === 1 ? "" : "s"}`)
  add("multipleOf", (n) => `是 ${n} 的整数倍`, (n) => `a multiple of ${n}`)
  return zh.length === 0 ? undefined : { zh: zh.join("，"), en: en.join(", ") }
}

// The code of a failing filter: its own annotation, its schema's identifier, or what its JSON
// Schema says it checks.
const refinementCode = (ast: AST.Refinement): IssueCode => {
  const own = ast.annotations[IssueCodeAnnotationId]
  if (typeof own === "string" && (issueCodes as ReadonlyArray<string>).includes(own)) return own as IssueCode
  const id = AST.getIdentifierAnnotation(ast)
  if (id._tag === "Some" && codeByIdentifier[id.value] !== undefined) return codeByIdentifier[id.value]!
  const json = AST.getJSONSchemaAnnotation(ast)
  if (json._tag === "Some") {
    const j = json.value as Record<string, unknown>
    if (j.type === "integer") return "WRONG_TYPE"
    if (bounds(j) !== undefined) return "OUT_OF_RANGE"
    if (typeof j.pattern === "string" || typeof j.format === "string") return "BAD_FORMAT"
  }
  return "INVALID"
}

const describe = (ast: AST.AST): string | undefined => {
  const d = AST.getDescriptionAnnotation(ast)
  if (d._tag === "Some") return d.value
  const id = AST.getIdentifierAnnotation(ast)
  return id._tag === "Some" ? id.value : undefined
}

const messageFor = (code: IssueCode, ast: AST.AST | undefined, actual: unknown, detail: string): Message => {
  switch (code) {
    case "WRONG_TYPE": {
      const expected = ast === undefined ? { zh: "其他类型", en: "another type" } : expectedOf(ast)
      const got = actualOf(actual)
      return {
        zh: `类型不对：这里应为${expected.zh}，实为${got.zh}`,
        en: `Wrong type: expected ${expected.en}, got ${got.en}`
      }
    }
    case "NOT_ALLOWED_VALUE": {
      const allowed = (ast === undefined ? undefined : literalsOf(ast)) ?? []
      const list = allowed.map((l) => shown(l))
      const guess = typeof actual === "string" ? closest(actual, allowed.filter((l): l is string => typeof l === "string")) : undefined
      return {
        zh: `不允许的取值 ${shown(actual)}：允许的值为 ${list.join("、")}` + (guess === undefined ? "" : `；是否应为 “${guess}”？`),
        en: `The value ${shown(actual)} is not allowed; allowed values: ${list.join(", ")}` +
          (guess === undefined ? "" : `. Did you mean "${guess}"?`)
      }
    }
    case "OUT_OF_RANGE": {
      const json = ast === undefined ? undefined : AST.getJSONSchemaAnnotation(ast)
      const j = json?._tag === "Some" ? json.value as Record<string, unknown> : undefined
      if (j !== undefined && (actual === "" || (Array.isArray(actual) && actual.length === 0)) && (j.minLength === 1 || j.minItems === 1)) {
        return actual === ""
          ? { zh: "不能为空：请填写", en: "Must not be empty: fill it in" }
          : { zh: "至少要有一项：请补上", en: "Needs at least one item: add it" }
      }
      const b = j === undefined ? undefined : bounds(j)
      return b === undefined
        ? { zh: `取值 ${shown(actual)} 超出允许范围`, en: `The value ${shown(actual)} is out of range` }
        : { zh: `取值 ${shown(actual)} 超出允许范围：应${b.zh}`, en: `The value ${shown(actual)} is out of range: it must be ${b.en}` }
    }
    case "BAD_DATE":
      return {
        zh: `日期无效：${shown(actual)} 不是 ${minYear}–${maxYear} 年间存在的日期，请写成 YYYY-MM-DD（如 2026-03-01）`,
        en: `Bad date: ${shown(actual)} is not a date that exists in the years ${minYear}–${maxYear}; write it as YYYY-MM-DD (e.g. 2026-03-01)`
      }
    case "BAD_FORMAT": {
      const what = ast === undefined ? undefined : describe(ast)
      return {
        zh: `格式不对：${shown(actual)} 不符合${what === undefined ? "规定的格式" : `“${what}”的格式`}`,
        en: `Bad format: ${shown(actual)} does not match ${what === undefined ? "the required format" : `the format of ${what}`}`
      }
    }
    case "FORBIDDEN_KEY":
      return {
        zh: `不允许的字段名 ${shown(actual)}：__proto__、constructor、prototype、toString、valueOf 不能用作字段名`,
        en: `The key ${shown(actual)} is not allowed: __proto__, constructor, prototype, toString and valueOf cannot be keys`
      }
    case "UNKNOWN_KEY":
    case "MISSING_KEY":
    case "TOO_DEEP":
    case "NOT_JSON":
      // Built where the context (the declared keys, the depth, the parser's message) is known.
      return { zh: detail, en: detail }
    case "INVALID":
      return { zh: `取值不符合要求：${detail}`, en: `The value fails a check: ${detail}` }
  }
}

// ---------------------------------------------------------------------------------------------
// From effect's ParseIssue tree to issues
// ---------------------------------------------------------------------------------------------

const getMessage = (ast: AST.AST): unknown => ast.annotations[AST.MessageAnnotationId]

// effect's text prints the whole actual value: a 3 MB input would give a 3 MB message.
const maxDetailLength = 500

const detailOf = (issue: ParseResult.ParseIssue): string => {
  const text = ParseResult.ArrayFormatter.formatIssueSync(issue).map((i) => i.message).join("; ")
  return text.length > maxDetailLength ? text.slice(0, maxDetailLength - 1) + "…" : text
}

const declaredKeys = (ast: AST.AST): ReadonlyArray<string> | undefined => {
  switch (ast._tag) {
    case "TypeLiteral":
      return ast.propertySignatures.map((ps) => String(ps.name))
    case "Refinement":
      return declaredKeys(ast.from)
    case "Transformation":
      return declaredKeys(ast.from)
    default:
      return undefined
  }
}

const keyName = (p: PropertyKey): string | number => (typeof p === "symbol" ? String(p) : p)

const toIssues = (root: ParseResult.ParseIssue): ReadonlyArray<Issue> => {
  const out: Array<Issue> = []
  const leaf = (code: IssueCode, path: ReadonlyArray<string | number>, ast: AST.AST | undefined, actual: unknown, node: ParseResult.ParseIssue) => {
    const detail = detailOf(node)
    out.push(issueOf(code, path, messageFor(code, ast, actual, detail), detail))
  }
  // `refinement`: the filter whose own issues are being walked, which gives them their code.
  const go = (
    issue: ParseResult.ParseIssue,
    path: ReadonlyArray<string | number>,
    keys: ReadonlyArray<string> | undefined,
    refinement?: AST.Refinement
  ): void => {
    switch (issue._tag) {
      case "Pointer": {
        const segments = Array.isArray(issue.path) ? issue.path.map(keyName) : [keyName(issue.path as PropertyKey)]
        return go(issue.issue, [...path, ...segments], keys, refinement)
      }
      case "Unexpected": {
        const last = path[path.length - 1]
        const key = last === undefined ? "" : String(last)
        const detail = detailOf(issue)
        if (typeof last === "number") {
          out.push(issueOf("UNKNOWN_KEY", path, {
            zh: `多余的第 ${last + 1} 项：这个数组没有这么多项`,
            en: `Unexpected item ${last}: the array has no place for it`
          }, detail))
          return
        }
        if (forbiddenKeys.includes(key)) {
          out.push(issueOf("FORBIDDEN_KEY", path, messageFor("FORBIDDEN_KEY", undefined, key, detail), detail))
          return
        }
        const guess = keys === undefined ? undefined : closest(key, keys)
        out.push(issueOf("UNKNOWN_KEY", path, {
          zh: `未知字段 “${key}”：格式中没有这个字段，请检查拼写` + (guess === undefined ? "" : `（是否应为 “${guess}”？）`),
          en: `Unknown key "${key}": the format has no such key; check the spelling` + (guess === undefined ? "" : ` (did you mean "${guess}"?)`)
        }, detail))
        return
      }
      case "Missing": {
        const last = path[path.length - 1]
        const key = last === undefined ? "" : String(last)
        const expected = expectedOf(issue.ast.type)
        const detail = detailOf(issue)
        out.push(issueOf("MISSING_KEY", path, {
          zh: `缺少必填字段 “${key}”（${expected.zh}）：请补上`,
          en: `Missing key "${key}" (${expected.en}): it is required`
        }, detail))
        return
      }
      case "Type": {
        if (refinement !== undefined) return leaf(refinementCode(refinement), path, refinement, issue.actual, issue)
        const allowed = literalsOf(issue.ast)
        return leaf(allowed !== undefined ? "NOT_ALLOWED_VALUE" : "WRONG_TYPE", path, issue.ast, issue.actual, issue)
      }
      case "Forbidden":
        return leaf("INVALID", path, issue.ast, issue.actual, issue)
      case "Refinement":
        // A schema with a message of its own (a date, say): its text is the detail, as in effect's formatter.
        if (issue.kind === "From" && getMessage(issue.ast) !== undefined) {
          const from = out.length
          go(issue.issue, path, declaredKeys(issue.ast.from), refinement)
          if (out.length === from + 1) out[from] = { ...out[from]!, detail: detailOf(issue) }
          return
        }
        if (issue.kind === "From") return go(issue.issue, path, declaredKeys(issue.ast.from), refinement)
        // A filter that names paths of its own (a check across fields) reports at each of them.
        if (issue.issue._tag !== "Type" && getMessage(issue.ast) === undefined) return go(issue.issue, path, keys, issue.ast)
        return leaf(refinementCode(issue.ast), path, issue.ast, issue.actual, issue)
      case "Transformation": {
        if (issue.kind === "Transformation") {
          // The transformation itself refused the value (an amount out of range, say).
          const id = AST.getIdentifierAnnotation(issue.ast)
          const code = id._tag === "Some" ? codeByIdentifier[id.value] : undefined
          if (code !== undefined) return leaf(code, path, issue.ast, issue.actual, issue)
        }
        return go(issue.issue, path, issue.kind === "Encoded" ? declaredKeys(issue.ast.from) : declaredKeys(issue.ast.to))
      }
      case "Composite": {
        const issues = Array.isArray(issue.issues) ? issue.issues : [issue.issues as ParseResult.ParseIssue]
        if (issue.ast._tag === "Union") {
          // A value outside a set of literals is one issue naming the allowed values, not one per literal.
          const allowed = literalsOf(issue.ast)
          if (allowed !== undefined) {
            const formatted = ParseResult.ArrayFormatter.formatIssueSync(issue)
            // effect says it once per literal; the detail says it once, as a custom message does.
            const detail = formatted.length === 1
              ? formatted[0]!.message
              : `Expected ${allowed.map((l) => JSON.stringify(l)).join(" | ")}, actual ${shown(issue.actual)}`
            out.push(issueOf("NOT_ALLOWED_VALUE", path, messageFor("NOT_ALLOWED_VALUE", issue.ast, issue.actual, detail), detail))
            return
          }
          const structured = issues.filter((i) => i._tag !== "Type")
          // The value has none of the union's types: one issue listing them.
          if (structured.length === 0) return leaf("WRONG_TYPE", path, issue.ast, issue.actual, issue)
          // The value has the shape of some members: the member it comes closest to (fewest
          // issues) says what is wrong inside, rather than every member saying it again.
          const start = out.length
          let best: Array<Issue> | undefined
          for (const i of structured) {
            go(i, path, keys, refinement)
            const mine = out.splice(start)
            if (best === undefined || mine.length < best.length) best = mine
          }
          out.push(...(best ?? []))
          return
        }
        const inner = declaredKeys(issue.ast) ?? keys
        for (const i of issues) go(i, path, inner, refinement)
        return
      }
    }
  }
  go(root, [], undefined)
  return out
}

/**
 * Turns a `ParseError` into an {@link InvalidInput}.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromParseError = (subject: string, error: ParseResult.ParseError): InvalidInput =>
  new InvalidInput({ subject, issues: toIssues(error.issue) })

/**
 * The path to the first value nested deeper than {@link maxDepth}, or `undefined`. Iterative, so it
 * cannot overflow the stack however deep the input is.
 *
 * @since 0.1.0
 * @category utils
 */
export const tooDeep = (input: unknown): ReadonlyArray<string | number> | undefined => {
  const found = screen(input)
  return found?.kind === "deep" ? found.path : undefined
}

// One walk over the input before effect's decoder sees it: the first place nested past `maxDepth`,
// or the first object holding one of the forbidden keys, whichever the walk meets first. Iterative,
// so no input can overflow the stack.
const screen = (
  input: unknown
): { readonly kind: "deep" | "key"; readonly path: ReadonlyArray<string | number> } | undefined => {
  if (typeof input !== "object" || input === null) return undefined
  const stack: Array<{ readonly value: object; readonly path: ReadonlyArray<string | number> }> = [{ value: input, path: [] }]
  while (stack.length > 0) {
    const { path, value } = stack.pop()!
    if (path.length >= maxDepth) return { kind: "deep", path }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        const v: unknown = value[i]
        if (typeof v === "object" && v !== null) stack.push({ value: v, path: [...path, i] })
      }
    } else {
      const keys = Object.keys(value)
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!
        if (forbiddenKeys.includes(key)) return { kind: "key", path: [...path, key] }
        const v: unknown = (value as Record<string, unknown>)[key]
        if (typeof v === "object" && v !== null) stack.push({ value: v, path: [...path, key] })
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
    const screened = screen(input)
    if (screened?.kind === "deep") {
      return Either.left(
        new InvalidInput({
          subject,
          issues: [issueOf("TOO_DEEP", screened.path, {
            zh: `嵌套超过 ${maxDepth} 层：本库的格式不会嵌套这么深，请检查文件是否选错`,
            en: `Nested deeper than ${maxDepth} levels: no format of the library nests so deep; check that this is the right file`
          }, `nested deeper than ${maxDepth} levels`)]
        })
      )
    }
    if (screened?.kind === "key") {
      const key = String(screened.path[screened.path.length - 1])
      const detail = `the key ${JSON.stringify(key)} is not allowed`
      return Either.left(
        new InvalidInput({ subject, issues: [issueOf("FORBIDDEN_KEY", screened.path, messageFor("FORBIDDEN_KEY", undefined, key, detail), detail)] })
      )
    }
    try {
      const r = (decode ??= Schema.decodeUnknownEither(schema, parseOptions))(input)
      return Either.isRight(r) ? Either.right(r.right) : Either.left(fromParseError(subject, r.left))
    } catch (e) {
      // No JSON input reaches here (the screen above refuses what makes effect's decoder throw);
      // a value built in code might. It is refused like any other bad input, never thrown.
      const detail = `the input could not be read: ${e instanceof Error ? e.message : String(e)}`
      return Either.left(new InvalidInput({
        subject,
        issues: [issueOf("INVALID", [], {
          zh: "无法读取输入：其中有无法转换为文本的值，请检查数据来源",
          en: "The input could not be read: it holds a value that cannot be turned into text; check where it came from"
        }, detail)]
      }))
    }
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
    const detail = `expected JSON text, got ${typeof text}`
    return Either.left(new InvalidInput({
      subject,
      issues: [issueOf("NOT_JSON", [], { zh: `应为 JSON 文本，实为 ${typeof text}`, en: `Expected JSON text, got ${typeof text}` }, detail)]
    }))
  }
  try {
    return Either.right(JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text))
  } catch (e) {
    return Either.left(
      new InvalidInput({
        subject,
        issues: [issueOf("NOT_JSON", [], {
          zh: "不是 JSON 文本：请检查括号、引号和逗号是否成对、是否多余，或是否选错了文件",
          en: "Not JSON text: check that brackets and quotes pair up and commas are in place, or whether it is the right file"
        }, `not JSON: ${e instanceof Error ? e.message : String(e)}`)]
      })
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
