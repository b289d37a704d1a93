/**
 * Points in integer hundredths (百分之一分). A rubric file writes `0.5`; the engine keeps `50`.
 * Every sum, weight and cap is integer arithmetic, so a ledger adds up to its score exactly and
 * a rerun gives the same bytes.
 *
 * @example
 * ```ts
 * import { Points } from "@qinglian/scoring"
 *
 * const half = Points.fromPoints(0.5) // 50: points are integer hundredths, so ledgers add up exactly
 * console.log(Points.format(8100 + half), Points.formatSigned(-half)) // "81.50" "-0.50"
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"

/**
 * An amount of points in hundredths: `8100` is 81.00 points. Always an integer.
 *
 * @since 0.1.0
 * @category models
 */
export type Hundredths = number

/**
 * Hundredths per point.
 *
 * @since 0.1.0
 * @category constants
 */
export const PER_POINT = 100

/**
 * Points as a rubric file writes them (a decimal number with at most two decimals, e.g. `0.5`),
 * decoded to integer {@link Hundredths}. More decimals, or a value that is not finite, is an error
 * at its path.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Points: Schema.Schema<Hundredths, number> = Schema.transformOrFail(
  Schema.Number,
  Schema.Int,
  {
    strict: true,
    decode: (n, _, ast) => {
      const h = Math.round(n * PER_POINT)
      return Number.isFinite(n) && Math.abs(n * PER_POINT - h) < 1e-6 && Number.isSafeInteger(h)
        ? ParseResult.succeed(h)
        : ParseResult.fail(new ParseResult.Type(ast, n, `分值最多两位小数｜points take at most two decimals, got ${n}`))
    },
    encode: (h) => ParseResult.succeed(h / PER_POINT)
  }
).annotations({ identifier: "Points" })

/**
 * Non-negative {@link Points}.
 *
 * @since 0.1.0
 * @category schemas
 */
export const NonNegativePoints: Schema.Schema<Hundredths, number> = Points.pipe(
  Schema.filter((h) => h >= 0 || `分值不能为负｜points must not be negative`)
)

/**
 * A percentage with at most two decimals (`40`, `12.5`), decoded to hundredths of a percent (basis
 * points): `40` → `4000`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Percent: Schema.Schema<number, number> = Points.pipe(
  Schema.filter((h) => (h >= 0 && h <= 100 * PER_POINT) || `百分比须在0到100之间｜a percentage lies between 0 and 100`)
)

/**
 * Whole points to hundredths: `fromPoints(81)` is `8100`. Rounds half away from zero to the
 * nearest hundredth.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromPoints = (points: number): Hundredths => Math.sign(points) * Math.round(Math.abs(points) * PER_POINT)

/**
 * `a × b / divisor`, rounded half up (away from zero), in integers. The one rounding rule of the
 * package: a weighted component `value × weight / 10000`, a share of a quota.
 *
 * @since 0.1.0
 * @category arithmetic
 */
export const mulDiv = (a: number, b: number, divisor: number): number => {
  const p = a * b
  const q = Math.floor(Math.abs(p) / divisor)
  const r = Math.abs(p) - q * divisor
  const rounded = 2 * r >= divisor ? q + 1 : q
  return p < 0 ? -rounded : rounded
}

/**
 * Renders hundredths with two decimals: `8100` → `"81.00"`, `-50` → `"-0.50"`.
 *
 * @since 0.1.0
 * @category formatting
 */
export const format = (h: Hundredths): string => {
  const sign = h < 0 ? "-" : ""
  const abs = Math.abs(h)
  const whole = Math.floor(abs / PER_POINT)
  const frac = abs - whole * PER_POINT
  return `${sign}${whole}.${frac < 10 ? "0" : ""}${frac}`
}

/**
 * Renders hundredths with a sign: `+2.00`, `-4.00`, `0.00`.
 *
 * @since 0.1.0
 * @category formatting
 */
export const formatSigned = (h: Hundredths): string => (h > 0 ? `+${format(h)}` : format(h))
