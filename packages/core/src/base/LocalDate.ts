/**
 * Calendar dates without a time of day (`YYYY-MM-DD`), as every statute and rulebook counts them.
 *
 * Dates are kept as ISO strings at the boundary and as epoch-day integers inside arithmetic, so
 * no time zone can move a deadline by a day.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

const MS_PER_DAY = 86_400_000

// The ASCII digit at `i`, or -1. Every decoded date passes here, so no regex and no substrings.
const digit = (s: string, i: number): number => {
  const c = s.charCodeAt(i) - 48
  return c >= 0 && c <= 9 ? c : -1
}

// `YYYY-MM-DD` with ASCII digits, a month 1–12 and a day that exists in that month.
const isValidIsoDate = (s: string): boolean => {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false
  const y0 = digit(s, 0), y1 = digit(s, 1), y2 = digit(s, 2), y3 = digit(s, 3)
  const m0 = digit(s, 5), m1 = digit(s, 6), d0 = digit(s, 8), d1 = digit(s, 9)
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return false
  const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3
  const mo = m0 * 10 + m1
  const d = d0 * 10 + d1
  if (mo < 1 || mo > 12 || d < 1) return false
  return d <= daysInMonth(y, mo)
}

// The same dates as a regular expression, for the published JSON Schema: any year 0000–9999, the
// month's own length, and 29 February in leap years (every 4th year, not centuries, except every
// 400th). A property test holds it to `isValidIsoDate`.
const leapYear = "(?:\\d\\d(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)"
const datePattern = "^(?:\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|02-(?:0[1-9]|1\\d|2[0-8]))|" +
  leapYear + "-02-29)$"

/**
 * A calendar date `YYYY-MM-DD` (proleptic Gregorian, no time zone).
 *
 * @since 0.1.0
 * @category schemas
 */
export const LocalDate = Schema.String.pipe(
  Schema.filter((s) => isValidIsoDate(s) || `expected a calendar date YYYY-MM-DD, got ${JSON.stringify(s)}`),
  Schema.brand("LocalDate"),
  Schema.annotations({
    identifier: "LocalDate",
    title: "LocalDate",
    description: "A calendar date YYYY-MM-DD that exists (proleptic Gregorian calendar)",
    jsonSchema: { type: "string", pattern: datePattern }
  })
)

/**
 * @since 0.1.0
 * @category models
 */
export type LocalDate = typeof LocalDate.Type

/**
 * Days in a month of the proleptic Gregorian calendar.
 *
 * @since 0.1.0
 * @category utils
 */
export const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31

/**
 * @since 0.1.0
 * @category utils
 */
export const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0

/**
 * Builds a date from a string, throwing when it is not a valid `YYYY-MM-DD`. Meant for literals in
 * code and tests; decode untrusted input with the {@link LocalDate} schema instead.
 *
 * @since 0.1.0
 * @category constructors
 */
export const unsafeMake = (s: string): LocalDate => {
  if (!isValidIsoDate(s)) throw new RangeError(`expected a calendar date YYYY-MM-DD, got ${JSON.stringify(s)}`)
  return s as LocalDate
}

/**
 * Days since 1970-01-01 (may be negative).
 *
 * @since 0.1.0
 * @category conversions
 */
export const toEpochDay = (date: LocalDate): number =>
  Math.round(
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / MS_PER_DAY
  )

/**
 * @since 0.1.0
 * @category conversions
 */
export const fromEpochDay = (day: number): LocalDate => new Date(day * MS_PER_DAY).toISOString().slice(0, 10) as LocalDate

/**
 * The calendar date of an instant in China Standard Time (UTC+8, no daylight saving).
 *
 * @since 0.1.0
 * @category conversions
 */
export const fromInstantChina = (epochMillis: number): LocalDate =>
  new Date(epochMillis + 8 * 3_600_000).toISOString().slice(0, 10) as LocalDate

/**
 * ISO weekday: 1 = Monday … 7 = Sunday.
 *
 * @since 0.1.0
 * @category utils
 */
export const isoWeekday = (date: LocalDate): number => {
  // 1970-01-01 was a Thursday (ISO 4).
  const d = (((toEpochDay(date) + 3) % 7) + 7) % 7
  return d + 1
}

/**
 * @since 0.1.0
 * @category utils
 */
export const isWeekend = (date: LocalDate): boolean => isoWeekday(date) >= 6

/**
 * @since 0.1.0
 * @category arithmetic
 */
export const addDays = (date: LocalDate, days: number): LocalDate => fromEpochDay(toEpochDay(date) + days)

/**
 * Adds calendar months, clamping to the month's last day (2026-01-31 + 1 month = 2026-02-28), the
 * way a "within one month" (一个月内) limit is counted.
 *
 * @since 0.1.0
 * @category arithmetic
 */
export const addMonths = (date: LocalDate, months: number): LocalDate => {
  const y = Number(date.slice(0, 4))
  const m = Number(date.slice(5, 7)) - 1 + months
  const ny = y + Math.floor(m / 12)
  const nm = (((m % 12) + 12) % 12) + 1
  const d = Math.min(Number(date.slice(8, 10)), daysInMonth(ny, nm))
  return `${String(ny).padStart(4, "0")}-${String(nm).padStart(2, "0")}-${String(d).padStart(2, "0")}` as LocalDate
}

/**
 * Calendar days from `from` to `to` (negative when `to` is earlier).
 *
 * @since 0.1.0
 * @category arithmetic
 */
export const daysBetween = (from: LocalDate, to: LocalDate): number => toEpochDay(to) - toEpochDay(from)

/**
 * @since 0.1.0
 * @category utils
 */
export const year = (date: LocalDate): number => Number(date.slice(0, 4))

/**
 * Orders ISO dates; string order is calendar order for `YYYY-MM-DD`.
 *
 * @since 0.1.0
 * @category utils
 */
export const compare = (a: LocalDate, b: LocalDate): -1 | 0 | 1 => (a < b ? -1 : a > b ? 1 : 0)

/**
 * @since 0.1.0
 * @category utils
 */
export const min = (a: LocalDate, b: LocalDate): LocalDate => (a <= b ? a : b)

/**
 * @since 0.1.0
 * @category utils
 */
export const max = (a: LocalDate, b: LocalDate): LocalDate => (a >= b ? a : b)
