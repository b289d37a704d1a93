/**
 * Calendar dates without a time of day (`YYYY-MM-DD`), as every statute and rulebook counts them.
 *
 * Dates are kept as ISO strings at the boundary and as epoch-day integers inside arithmetic, so
 * no time zone can move a deadline by a day.
 *
 * @example
 * ```ts
 * import { LocalDate } from "@qinglian/core"
 * import { Schema } from "effect"
 *
 * const d = LocalDate.unsafeMake("2026-02-27")
 * console.log(LocalDate.addDays(d, 2)) // "2026-03-01"
 * console.log(LocalDate.isoWeekday(d)) // 5 (Friday)
 * console.log(Schema.decodeUnknownEither(LocalDate.LocalDate)("2026-02-30")._tag) // "Left"
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"

/**
 * The first year a {@link LocalDate} may have.
 *
 * Dates are bounded to {@link minYear}–{@link maxYear}, at the boundary and in the arithmetic: the
 * statutes, rulebooks, holiday schedules and cases the library reads never leave this range, a date
 * outside it is a typing error or an attack, and JavaScript's `Date.UTC` silently maps the years
 * 0–99 to 1900–1999. Inside the range every date has four digits, so no arithmetic can produce
 * `+010000-01-01`, and no date can count days for millions of years.
 *
 * @since 0.1.0
 * @category constants
 */
export const minYear = 1900

/**
 * The last year a {@link LocalDate} may have (see {@link minYear} for why dates are bounded).
 *
 * @since 0.1.0
 * @category constants
 */
export const maxYear = 2199

// The ASCII digit at `i`, or -1. Every decoded date passes here, so no regex and no substrings.
const digit = (s: string, i: number): number => {
  const c = s.charCodeAt(i) - 48
  return c >= 0 && c <= 9 ? c : -1
}

// `YYYY-MM-DD` with ASCII digits, a year from minYear to maxYear, a month 1–12 and a day that
// exists in that month.
const isValidIsoDate = (s: string): boolean => {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false
  const y0 = digit(s, 0), y1 = digit(s, 1), y2 = digit(s, 2), y3 = digit(s, 3)
  const m0 = digit(s, 5), m1 = digit(s, 6), d0 = digit(s, 8), d1 = digit(s, 9)
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return false
  const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3
  const mo = m0 * 10 + m1
  const d = d0 * 10 + d1
  if (y < minYear || y > maxYear || mo < 1 || mo > 12 || d < 1) return false
  return d <= daysInMonth(y, mo)
}

// The same dates as a regular expression, for the published JSON Schema: years 1900–2199, the
// month's own length, and 29 February in leap years (every 4th year, not 1900 or 2100, but 2000).
// A property test holds it to `isValidIsoDate`.
const yearPattern = "(?:19|2[01])\\d\\d"
const leapYear = "(?:(?:19|2[01])(?:0[48]|[2468][048]|[13579][26])|2000)"
const datePattern = "^(?:" + yearPattern + "-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|02-(?:0[1-9]|1\\d|2[0-8]))|" +
  leapYear + "-02-29)$"

/**
 * A calendar date `YYYY-MM-DD` (proleptic Gregorian, no time zone) in the years {@link minYear}–
 * {@link maxYear}.
 *
 * @since 0.1.0
 * @category schemas
 */
export const LocalDate = Schema.String.pipe(
  Schema.filter((s) => isValidIsoDate(s) || `expected a calendar date YYYY-MM-DD from ${minYear} to ${maxYear}, got ${JSON.stringify(s)}`),
  Schema.brand("LocalDate"),
  Schema.annotations({
    identifier: "LocalDate",
    title: "LocalDate",
    description: "A calendar date YYYY-MM-DD that exists (proleptic Gregorian calendar), in the years 1900–2199",
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
 * Builds a date from a string, throwing when it is not a valid `YYYY-MM-DD` from {@link minYear} to
 * {@link maxYear}. Meant for literals in code and tests; decode untrusted input with the
 * {@link LocalDate} schema instead.
 *
 * @since 0.1.0
 * @category constructors
 */
export const unsafeMake = (s: string): LocalDate => {
  if (!isValidIsoDate(s)) {
    throw new RangeError(`expected a calendar date YYYY-MM-DD from ${minYear} to ${maxYear}, got ${JSON.stringify(s)}`)
  }
  return s as LocalDate
}

/**
 * The first date a {@link LocalDate} may be, 1 January of {@link minYear}.
 *
 * @since 0.1.0
 * @category constants
 */
export const minDate: LocalDate = `${minYear}-01-01` as LocalDate

/**
 * The last date a {@link LocalDate} may be, 31 December of {@link maxYear}.
 *
 * @since 0.1.0
 * @category constants
 */
export const maxDate: LocalDate = `${maxYear}-12-31` as LocalDate

// Epoch day of a `YYYY-MM-DD` string without `Date` (Hinnant's days_from_civil), valid for any
// four-digit year; `Date.UTC` would map the years 0–99 to 19xx.
const epochDayOf = (date: string): number => {
  let y = date.charCodeAt(0) * 1000 + date.charCodeAt(1) * 100 + date.charCodeAt(2) * 10 + date.charCodeAt(3) - 53_328
  const m = date.charCodeAt(5) * 10 + date.charCodeAt(6) - 528
  const d = date.charCodeAt(8) * 10 + date.charCodeAt(9) - 528
  if (m <= 2) y -= 1
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146_097 + doe - 719_468
}

const pad2 = (n: number): string => (n < 10 ? "0" + n : String(n))

// `YYYY-MM-DD` of an epoch day (Hinnant's civil_from_days), for days between minEpochDay and
// maxEpochDay.
const dateOfEpochDay = (day: number): LocalDate => {
  const z = day + 719_468
  const era = Math.floor(z / 146_097)
  const doe = z - era * 146_097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp < 10 ? mp + 3 : mp - 9
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0)
  return (String(y) + "-" + pad2(m) + "-" + pad2(d)) as LocalDate
}

/**
 * The epoch day (days since 1970-01-01) of {@link minDate}: -25567.
 *
 * @since 0.1.0
 * @category constants
 */
export const minEpochDay: number = epochDayOf(minDate)

/**
 * The epoch day (days since 1970-01-01) of {@link maxDate}: 84005.
 *
 * @since 0.1.0
 * @category constants
 */
export const maxEpochDay: number = epochDayOf(maxDate)

/**
 * The most days two dates can be apart: from {@link minDate} to {@link maxDate}, 109572. Day
 * counts in input (an extension of `days`) are bounded by it, since no larger count can end on a
 * date.
 *
 * @since 0.1.0
 * @category constants
 */
export const maxSpanDays: number = maxEpochDay - minEpochDay

/**
 * Date arithmetic left the dates a {@link LocalDate} may be ({@link minDate} to {@link maxDate}),
 * or was asked for a fraction of a day or month. `computation` says what was computed
 * (`2199-12-31 + 1 day(s)`).
 *
 * @since 0.1.0
 * @category errors
 */
export class DateOutOfRange extends Schema.TaggedError<DateOutOfRange>("@qinglian/core/base/DateOutOfRange")("DateOutOfRange", {
  computation: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `${this.computation} is not a date from ${minDate} to ${maxDate}: ` +
      `dates are bounded to the years ${minYear}–${maxYear} (LocalDate.minYear, LocalDate.maxYear)`
  }
}

const outOfRange = (computation: string): Either.Either<never, DateOutOfRange> =>
  Either.left(new DateOutOfRange({ computation }))

/**
 * Days since 1970-01-01 (negative before it).
 *
 * @since 0.1.0
 * @category conversions
 */
export const toEpochDay = (date: LocalDate): number => epochDayOf(date)

/**
 * The date of an epoch day, or {@link DateOutOfRange} when the day is not a whole number from
 * {@link minEpochDay} to {@link maxEpochDay}.
 *
 * @since 0.1.0
 * @category conversions
 */
export const fromEpochDayEither = (day: number): Either.Either<LocalDate, DateOutOfRange> =>
  Number.isInteger(day) && day >= minEpochDay && day <= maxEpochDay
    ? Either.right(dateOfEpochDay(day))
    : outOfRange(`epoch day ${day}`)

/**
 * The date of an epoch day, for days known to be in range (from {@link minEpochDay} to
 * {@link maxEpochDay}); throws {@link DateOutOfRange} otherwise. With a day computed from input,
 * use {@link fromEpochDayEither}.
 *
 * @since 0.1.0
 * @category conversions
 */
export const fromEpochDay = (day: number): LocalDate => Either.getOrThrowWith(fromEpochDayEither(day), (e) => e)

/**
 * The calendar date of an instant in China Standard Time (UTC+8, no daylight saving). Throws
 * {@link DateOutOfRange} for an instant outside the years {@link minYear}–{@link maxYear}.
 *
 * @since 0.1.0
 * @category conversions
 */
export const fromInstantChina = (epochMillis: number): LocalDate =>
  fromEpochDay(Math.floor((epochMillis + 8 * 3_600_000) / 86_400_000))

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
 * `date` plus `days` (minus when negative), or {@link DateOutOfRange} when `days` is not a whole
 * number or the result falls outside {@link minDate}–{@link maxDate}. Use it whenever `days`, or
 * the date, comes from input.
 *
 * @since 0.1.0
 * @category arithmetic
 */
export const addDaysEither = (date: LocalDate, days: number): Either.Either<LocalDate, DateOutOfRange> => {
  const day = toEpochDay(date) + days
  return Number.isInteger(days) && day >= minEpochDay && day <= maxEpochDay
    ? Either.right(dateOfEpochDay(day))
    : outOfRange(`${date} + ${days} day(s)`)
}

/**
 * `date` plus `days`, for sums known to stay from {@link minDate} to {@link maxDate} (literals,
 * a week from a decoded date); throws {@link DateOutOfRange} otherwise. With a count from input,
 * use {@link addDaysEither}.
 *
 * @since 0.1.0
 * @category arithmetic
 */
export const addDays = (date: LocalDate, days: number): LocalDate => Either.getOrThrowWith(addDaysEither(date, days), (e) => e)

/**
 * Adds calendar months, clamping to the month's last day (2026-01-31 + 1 month = 2026-02-28), the
 * way a "within one month" (一个月内) limit is counted; {@link DateOutOfRange} when `months` is not a
 * whole number or the result leaves {@link minDate}–{@link maxDate}.
 *
 * @since 0.1.0
 * @category arithmetic
 */
export const addMonthsEither = (date: LocalDate, months: number): Either.Either<LocalDate, DateOutOfRange> => {
  const m = Number(date.slice(5, 7)) - 1 + months
  const ny = year(date) + Math.floor(m / 12)
  if (!Number.isInteger(months) || ny < minYear || ny > maxYear) return outOfRange(`${date} + ${months} month(s)`)
  const nm = (((m % 12) + 12) % 12) + 1
  const d = Math.min(Number(date.slice(8, 10)), daysInMonth(ny, nm))
  return Either.right(`${ny}-${pad2(nm)}-${pad2(d)}` as LocalDate)
}

/**
 * {@link addMonthsEither} for sums known to stay from {@link minDate} to {@link maxDate}; throws
 * {@link DateOutOfRange} otherwise.
 *
 * @since 0.1.0
 * @category arithmetic
 */
export const addMonths = (date: LocalDate, months: number): LocalDate =>
  Either.getOrThrowWith(addMonthsEither(date, months), (e) => e)

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

// A number that orders dates as the calendar does (year, then month, then day), read from the
// digits: cheaper than the epoch day where only the order matters.
const ordinal = (date: string): number =>
  (date.charCodeAt(0) * 1000 + date.charCodeAt(1) * 100 + date.charCodeAt(2) * 10 + date.charCodeAt(3)) * 512 +
  (date.charCodeAt(5) * 10 + date.charCodeAt(6)) * 32 + date.charCodeAt(8) * 10 + date.charCodeAt(9)

/**
 * Orders dates by number (year, month, day), never by their text.
 *
 * @since 0.1.0
 * @category utils
 */
export const compare = (a: LocalDate, b: LocalDate): -1 | 0 | 1 => {
  const d = ordinal(a) - ordinal(b)
  return d < 0 ? -1 : d > 0 ? 1 : 0
}

/**
 * Whether `a` is before `b`, comparing numbers, not text.
 *
 * @since 0.1.0
 * @category utils
 */
export const isBefore = (a: LocalDate, b: LocalDate): boolean => ordinal(a) < ordinal(b)

/**
 * @since 0.1.0
 * @category utils
 */
export const min = (a: LocalDate, b: LocalDate): LocalDate => (ordinal(a) <= ordinal(b) ? a : b)

/**
 * @since 0.1.0
 * @category utils
 */
export const max = (a: LocalDate, b: LocalDate): LocalDate => (ordinal(a) >= ordinal(b) ? a : b)
