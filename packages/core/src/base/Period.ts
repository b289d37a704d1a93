/**
 * Periods of time measured in whole days: a term of office (任期), a rectification period, a
 * mentoring pair's period. A period starts on `start` and, when `end` is given, stops on `end`
 * (exclusive: `end` is the first day no longer covered, e.g. the day a cadre left the post). An
 * exclusive end lets a successor start on the day the predecessor leaves without both holding the
 * post that day.
 *
 * @example
 * ```ts
 * import { LocalDate, Period } from "@qinglian/core"
 *
 * const term = Period.unsafeMake("2021-01-01", "2025-12-31")
 * console.log(Period.contains(term, LocalDate.unsafeMake("2024-06-30"))) // true
 * console.log(Period.overlaps(term, Period.unsafeMake("2026-01-01"))) // false: the next term starts after it
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Diagnostic from "./Diagnostic.js"
import * as LocalDate from "./LocalDate.js"

/**
 * A period `[start, end)`; without `end` it is still running.
 *
 * The schema does not reject `end <= start`, so that validators can report it as a diagnostic
 * with the rest of the findings ({@link check}).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Period = Schema.Struct({
  /** First day covered. */
  start: LocalDate.LocalDate,
  /** First day no longer covered (exclusive); absent while the period runs. */
  end: Schema.optionalWith(LocalDate.LocalDate, { exact: true })
}).annotations({ identifier: "Period" })

/**
 * @since 0.1.0
 * @category models
 */
export type Period = typeof Period.Type

/**
 * Builds a period from date literals (throws on a malformed date; meant for code and tests).
 *
 * @since 0.1.0
 * @category constructors
 */
export const unsafeMake = (start: string, end?: string): Period =>
  end === undefined
    ? { start: LocalDate.unsafeMake(start) }
    : { start: LocalDate.unsafeMake(start), end: LocalDate.unsafeMake(end) }

/**
 * Whether `date` falls in the period: `start <= date < end`.
 *
 * @since 0.1.0
 * @category predicates
 */
export const contains = (period: Period, date: LocalDate.LocalDate): boolean =>
  !LocalDate.isBefore(date, period.start) && (period.end === undefined || LocalDate.isBefore(date, period.end))

/**
 * Whether the period ended before `date` (its last covered day is earlier than `date`).
 *
 * @since 0.1.0
 * @category predicates
 */
export const endedBefore = (period: Period, date: LocalDate.LocalDate): boolean =>
  period.end !== undefined && !LocalDate.isBefore(date, period.end)

/**
 * Whether two periods share at least one day.
 *
 * @since 0.1.0
 * @category predicates
 */
export const overlaps = (a: Period, b: Period): boolean =>
  (a.end === undefined || LocalDate.isBefore(b.start, a.end)) && (b.end === undefined || LocalDate.isBefore(a.start, b.end))

/**
 * Whether the period is well formed: no end, or an end after its start.
 *
 * @since 0.1.0
 * @category predicates
 */
export const isWellFormed = (period: Period): boolean =>
  period.end === undefined || LocalDate.isBefore(period.start, period.end)

/**
 * Reports a period whose end is not after its start (`PERIOD_ORDER`), at `path` + `end`.
 *
 * @since 0.1.0
 * @category validation
 */
export const check = (period: Period, path: Diagnostic.Path): ReadonlyArray<Diagnostic.Diagnostic<"PERIOD_ORDER">> =>
  isWellFormed(period)
    ? []
    : [
      Diagnostic.error(
        "PERIOD_ORDER",
        [...path, "end"],
        `结束日期 ${period.end} 应晚于开始日期 ${period.start}`,
        `end ${period.end} must be after start ${period.start}`
      )
    ]
