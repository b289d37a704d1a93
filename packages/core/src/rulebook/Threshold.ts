/**
 * Exact fractions for quorums and majorities ("more than half", "at least two thirds"), compared
 * with integer arithmetic so that no rounding decides a vote.
 *
 * @example
 * ```ts
 * import { Threshold } from "@qinglian/core"
 *
 * // A 村民代表会议 of 45: how many must be present, and does 31 of them carry a vote?
 * console.log(Threshold.minimumCount(Threshold.atLeastTwoThirds, 45)) // 30
 * console.log(Threshold.isMet(Threshold.moreThanHalf, 16, 31)) // true
 * console.log(Threshold.format(Threshold.atLeastTwoThirds)) // "≥ 2/3"
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * `count / total` compared with `numerator / denominator`: at least (`inclusive`) or more than.
 *
 * @example
 * // 过半数 (more than half)
 * { numerator: 1, denominator: 2, inclusive: false }
 * // 三分之二以上 (at least two thirds)
 * { numerator: 2, denominator: 3, inclusive: true }
 *
 * @since 0.1.0
 * @category schemas
 */
export const Threshold = Schema.Struct({
  numerator: Schema.Int.pipe(Schema.nonNegative()),
  denominator: Schema.Int.pipe(Schema.positive()),
  inclusive: Schema.Boolean
}).pipe(
  Schema.filter((t) => t.numerator <= t.denominator || "a threshold cannot exceed the whole (numerator ≤ denominator)"),
  Schema.annotations({ identifier: "Threshold" })
)

/**
 * @since 0.1.0
 * @category models
 */
export type Threshold = typeof Threshold.Type

/**
 * More than half (过半数).
 *
 * @since 0.1.0
 * @category constructors
 */
export const moreThanHalf: Threshold = { numerator: 1, denominator: 2, inclusive: false }

/**
 * At least two thirds (三分之二以上).
 *
 * @since 0.1.0
 * @category constructors
 */
export const atLeastTwoThirds: Threshold = { numerator: 2, denominator: 3, inclusive: true }

/**
 * Whether `count` out of `total` reaches the threshold. Integer cross-multiplication: exact for all
 * safe integers a meeting can have.
 *
 * @since 0.1.0
 * @category predicates
 */
export const isMet = (threshold: Threshold, count: number, total: number): boolean => {
  const lhs = count * threshold.denominator
  const rhs = threshold.numerator * total
  return threshold.inclusive ? lhs >= rhs : lhs > rhs
}

/**
 * The smallest count out of `total` that reaches the threshold.
 *
 * @since 0.1.0
 * @category utils
 */
export const minimumCount = (threshold: Threshold, total: number): number => {
  const exact = threshold.numerator * total
  const q = Math.floor(exact / threshold.denominator)
  const divides = exact % threshold.denominator === 0
  return threshold.inclusive ? (divides ? q : q + 1) : q + 1
}

/**
 * Renders the threshold for people: `> 1/2`, `≥ 2/3`.
 *
 * @since 0.1.0
 * @category utils
 */
export const format = (t: Threshold): string => `${t.inclusive ? "≥" : ">"} ${t.numerator}/${t.denominator}`
