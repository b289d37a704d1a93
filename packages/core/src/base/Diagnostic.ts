/**
 * Diagnostics: what rules say about facts. A diagnostic is data, never an exception, so a
 * validator reports every problem it finds, not only the first.
 *
 * @example
 * ```ts
 * import { Diagnostic } from "@qinglian/core"
 *
 * const findings = [
 *   Diagnostic.warning("LATE_DISCLOSURE", ["disclosures", 0], "公开晚于期限", "disclosed after the deadline"),
 *   Diagnostic.error("MISSING_LEGAL_BASIS", ["items", 2, "legalBasis"], "缺少法定依据", "no legal basis")
 * ]
 * console.log(Diagnostic.isOk(findings)) // false: one finding is an error
 * console.log(Diagnostic.formatPath(findings[1]!.path)) // "/items/2/legalBasis"
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * How serious a finding is. `error` makes a report fail; `warning` and `info` do not.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Severity = Schema.Literal("error", "warning", "info").annotations({ identifier: "Severity" })

/**
 * @since 0.1.0
 * @category models
 */
export type Severity = typeof Severity.Type

/**
 * A message in both working languages: Chinese for the people who act on it, English for
 * integrators and logs.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Message = Schema.Struct({ zh: Schema.String, en: Schema.String }).annotations({ identifier: "Message" })

/**
 * @since 0.1.0
 * @category models
 */
export type Message = typeof Message.Type

/**
 * A JSON path into the checked input: property names and array indexes.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Path = Schema.Array(Schema.Union(Schema.String, Schema.Number)).annotations({ identifier: "Path" })

/**
 * @since 0.1.0
 * @category models
 */
export type Path = typeof Path.Type

/**
 * One finding: a stable machine `code`, a `severity`, the `path` it concerns and a message a person
 * can act on.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Diagnostic = Schema.Struct({
  code: Schema.String,
  severity: Severity,
  path: Path,
  message: Message
}).annotations({ identifier: "Diagnostic" })

/**
 * @since 0.1.0
 * @category models
 */
export interface Diagnostic<Code extends string = string> {
  readonly code: Code
  readonly severity: Severity
  readonly path: Path
  readonly message: Message
}

/**
 * @since 0.1.0
 * @category constructors
 */
export const make = <Code extends string>(
  code: Code,
  severity: Severity,
  path: Path,
  zh: string,
  en: string
): Diagnostic<Code> => ({ code, severity, path, message: { zh, en } })

/**
 * @since 0.1.0
 * @category constructors
 */
export const error = <Code extends string>(code: Code, path: Path, zh: string, en: string): Diagnostic<Code> =>
  make(code, "error", path, zh, en)

/**
 * @since 0.1.0
 * @category constructors
 */
export const warning = <Code extends string>(code: Code, path: Path, zh: string, en: string): Diagnostic<Code> =>
  make(code, "warning", path, zh, en)

/**
 * True when no diagnostic is an error.
 *
 * @since 0.1.0
 * @category utils
 */
export const isOk = (diagnostics: ReadonlyArray<Diagnostic>): boolean =>
  diagnostics.every((d) => d.severity !== "error")

/**
 * Renders a path the way JSON Pointer does (`/items/3/procedure/0`).
 *
 * @since 0.1.0
 * @category utils
 */
export const formatPath = (path: Path): string =>
  path.length === 0 ? "/" : path.map((p) => "/" + String(p).replace(/~/g, "~0").replace(/\//g, "~1")).join("")
