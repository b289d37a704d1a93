/**
 * Legal citations. Statutes are renumbered when they are amended (村民委员会组织法 2018 → 2025), so
 * a citation names the law, its version and the article as data.
 *
 * @example
 * ```ts
 * import { Citation } from "@qinglian/core"
 *
 * const source: Citation.Citation = { law: "中华人民共和国村民委员会组织法", version: "2018", article: "第二十二条" }
 * console.log(Citation.format(source)) // "中华人民共和国村民委员会组织法(2018) 第二十二条"
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * Where a rule comes from: a national statute or a local (county/town) document.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Scope = Schema.Literal("national", "local").annotations({ identifier: "Scope" })

/**
 * @since 0.1.0
 * @category models
 */
export type Scope = typeof Scope.Type

/**
 * A citation of a legal source.
 *
 * @example
 * { law: "中华人民共和国村民委员会组织法", version: "2018", article: "第二十二条" }
 *
 * @since 0.1.0
 * @category schemas
 */
export const Citation = Schema.Struct({
  /** Title of the law, regulation or local document. */
  law: Schema.String.pipe(Schema.minLength(1, { message: () => "a citation needs the law's title" })),
  /** Edition, such as the year of the text in force. */
  version: Schema.optional(Schema.String),
  /** Article or section, as written in the source (第二十二条, §5). */
  article: Schema.optional(Schema.String),
  /** Free-text remark, for example why a local value differs from the national one. */
  note: Schema.optional(Schema.String)
}).annotations({ identifier: "Citation" })

/**
 * @since 0.1.0
 * @category models
 */
export type Citation = typeof Citation.Type

/**
 * Renders a citation for people: `中华人民共和国村民委员会组织法(2018) 第二十二条`.
 *
 * @since 0.1.0
 * @category utils
 */
export const format = (c: Citation): string =>
  `${c.law}${c.version !== undefined ? `(${c.version})` : ""}${c.article !== undefined ? ` ${c.article}` : ""}`
