/**
 * XCCDF scoring (NISTIR 7275 Rev. 4, §7.3.2): the four models `default`, `flat`,
 * `flat-unweighted` and `absolute` over a benchmark of groups and rules with their results.
 *
 * Rules are scored when selected, not `role: "unscored"`, and with a result other than
 * `notapplicable`, `notchecked`, `notselected` or `informational`. `pass` and `fixed` score; `fail`,
 * `error` and `unknown` count against. Weights default to 1, `selected` to true; an unselected
 * group removes everything under it.
 *
 * **Where the specification is silent, this module decides** (and `{ compat: "openscap" }` does what
 * OpenSCAP 1.3 does instead):
 *
 * | case | here (default) | `compat: "openscap"` |
 * | --- | --- | --- |
 * | weight-0 rule under `flat-unweighted` | not counted: weight 0 says "does not contribute" | counted with weight 1 |
 * | `default` model, a group whose counted children all weigh 0 | the group counts as empty (it has no weight to average) | the group scores 0 and counts, pulling its parent down |
 * | a rule with several results | one verdict: any failing result (fail, error, unknown) fails the rule; otherwise any pass/fixed passes it; otherwise it is not counted | the first result only |
 * | `absolute` maximum | 1 | the flat model's maximum (sum of weights) |
 * | `absolute` when nothing is counted | 1 (no rule failed) | 1 |
 * | `default` maximum | 100 | 100 |
 *
 * @example
 * ```ts
 * import { Xccdf } from "@qinglian/scoring"
 * import { Either } from "effect"
 *
 * // The XCCDF scoring models of NISTIR 7275r4 §7.3.2 over a checklist of rules.
 * const benchmark = Either.getOrThrow(Xccdf.decode({
 *   id: "village-checklist",
 *   children: [{ id: "disclosure", weight: 2, result: "pass" }, { id: "tender", result: "fail" }]
 * }))
 * console.log(Xccdf.score(benchmark, "flat"), Xccdf.score(benchmark, "default")) // { score: 2, maximum: 3 } …
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Input from "./Input.js"

/**
 * A rule's result (XCCDF 1.2 `result` values).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Result = Schema.Literal(
  "pass",
  "fail",
  "error",
  "unknown",
  "notapplicable",
  "notchecked",
  "notselected",
  "informational",
  "fixed"
).annotations({ identifier: "XccdfResult" })

/**
 * @since 0.1.0
 * @category models
 */
export type Result = typeof Result.Type

/**
 * A rule's role: `full` (scored), `unscored` (checked but not scored), `unchecked`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Role = Schema.Literal("full", "unscored", "unchecked").annotations({ identifier: "XccdfRole" })

/**
 * A rule with its result(s). `result` may be a list: a rule checked several times.
 *
 * @since 0.1.0
 * @category models
 */
export interface Rule {
  readonly id: string
  readonly weight?: number | undefined
  readonly selected?: boolean | undefined
  readonly role?: typeof Role.Type | undefined
  readonly result: Result | ReadonlyArray<Result>
}

/**
 * A group (or the benchmark itself) of groups and rules.
 *
 * @since 0.1.0
 * @category models
 */
export interface Group {
  readonly id: string
  readonly weight?: number | undefined
  readonly selected?: boolean | undefined
  readonly children: ReadonlyArray<Item>
}

/**
 * A group or a rule.
 *
 * @since 0.1.0
 * @category models
 */
export type Item = Group | Rule

const Weight = Schema.Number.pipe(
  Schema.filter((n) => (Number.isFinite(n) && n >= 0) || Input.bilingual("权重须为非负数", "a weight is a non-negative number"))
)

const RuleSchema = Schema.Struct({
  id: Schema.String,
  weight: Schema.optionalWith(Weight, { exact: true }),
  selected: Schema.optionalWith(Schema.Boolean, { exact: true }),
  role: Schema.optionalWith(Role, { exact: true }),
  result: Schema.Union(Result, Schema.NonEmptyArray(Result))
})

/**
 * The schema of a benchmark (a group at the root).
 *
 * @since 0.1.0
 * @category schemas
 */
export const GroupSchema: Schema.Schema<Group, unknown> = Schema.Struct({
  id: Schema.String,
  weight: Schema.optionalWith(Weight, { exact: true }),
  selected: Schema.optionalWith(Schema.Boolean, { exact: true }),
  children: Schema.Array(Schema.Union(RuleSchema, Schema.suspend((): Schema.Schema<Group, unknown> => GroupSchema)))
}).annotations({ identifier: "XccdfGroup" }) as unknown as Schema.Schema<Group, unknown>

/**
 * Decodes a benchmark from unknown input, strictly.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decode: (input: unknown) => Either.Either<Group, Input.InputRejected> = Input.decoder(GroupSchema, "XCCDF benchmark")

/**
 * A scoring model (the part after `urn:xccdf:scoring:`).
 *
 * @since 0.1.0
 * @category models
 */
export type Model = "default" | "flat" | "flat-unweighted" | "absolute"

/**
 * The model's URI, as XCCDF writes it in `score/@system`.
 *
 * @since 0.1.0
 * @category models
 */
export const uri = (model: Model): string => `urn:xccdf:scoring:${model}`

/**
 * Options: `compat: "openscap"` follows OpenSCAP where it departs from this module's reading.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  readonly compat?: "spec" | "openscap" | undefined
}

/**
 * A score and its maximum.
 *
 * @since 0.1.0
 * @category models
 */
export interface Score {
  readonly score: number
  readonly maximum: number
}

const isGroup = (item: Item): item is Group => "children" in item

const ignored: ReadonlySet<Result> = new Set(["notapplicable", "notchecked", "notselected", "informational"])
const failing: ReadonlySet<Result> = new Set(["fail", "error", "unknown"])

// The verdict of a rule: "pass", "fail" or undefined (not counted).
const verdict = (rule: Rule, openscap: boolean): "pass" | "fail" | undefined => {
  if (rule.selected === false || rule.role === "unscored" || rule.role === "unchecked") return undefined
  const results = typeof rule.result === "string" ? [rule.result] : rule.result
  const counted = (openscap ? results.slice(0, 1) : results).filter((r) => !ignored.has(r))
  if (counted.length === 0) return undefined
  return counted.some((r) => failing.has(r)) ? "fail" : "pass"
}

const weightOf = (item: Item): number => item.weight ?? 1

interface DefaultNode {
  readonly score: number
  readonly count: number
}

const defaultScore = (item: Item, openscap: boolean): DefaultNode => {
  if (!isGroup(item)) {
    const v = verdict(item, openscap)
    return v === undefined ? { score: 0, count: 0 } : { score: v === "pass" ? 100 : 0, count: 1 }
  }
  let sum = 0
  let count = 0
  let accumulator = 0
  for (const child of item.children) {
    if (child.selected === false) continue
    const c = defaultScore(child, openscap)
    if (c.count === 0) continue
    const w = weightOf(child)
    if (w === 0 && !openscap) continue
    sum += c.score * w
    count++
    accumulator += w
  }
  if (accumulator === 0) return openscap && count > 0 ? { score: 0, count } : { score: 0, count: 0 }
  return { score: sum / accumulator, count }
}

const flatScore = (item: Item, unweighted: boolean, openscap: boolean): Score => {
  if (!isGroup(item)) {
    const v = verdict(item, openscap)
    if (v === undefined) return { score: 0, maximum: 0 }
    const w = unweighted ? (openscap || weightOf(item) > 0 ? 1 : 0) : weightOf(item)
    return { score: v === "pass" ? w : 0, maximum: w }
  }
  let score = 0
  let maximum = 0
  for (const child of item.children) {
    if (child.selected === false) continue
    const c = flatScore(child, unweighted, openscap)
    score += c.score
    maximum += c.maximum
  }
  return { score, maximum }
}

/**
 * Scores a benchmark under a model.
 *
 * - `default`: a rule scores 100 or 0; a group the weighted mean of its counted children; maximum 100.
 * - `flat`: the sum of the weights of passing rules; maximum the sum of the weights counted.
 * - `flat-unweighted`: as `flat` with every weight 1.
 * - `absolute`: 1 when the flat score reaches its maximum, else 0; maximum 1.
 *
 * @since 0.1.0
 * @category scoring
 */
export const score = (benchmark: Group, model: Model, options?: Options): Score => {
  const openscap = options?.compat === "openscap"
  switch (model) {
    case "default":
      return { score: defaultScore(benchmark, openscap).score, maximum: 100 }
    case "flat":
      return flatScore(benchmark, false, openscap)
    case "flat-unweighted":
      return flatScore(benchmark, true, openscap)
    case "absolute": {
      const flat = flatScore(benchmark, false, openscap)
      return { score: flat.score === flat.maximum ? 1 : 0, maximum: openscap ? flat.maximum : 1 }
    }
  }
}
