/**
 * Working days (工作日) of the PRC calendar: weekends, official rest days (法定节假日) and make-up
 * workdays (调休上班). Deadlines such as "reply within 15 working days" (函询 15 个工作日内) are
 * counted with it.
 *
 * A calendar is built once from {@link CalendarData} (one entry per year, each citing the State
 * Council notice it comes from) into an epoch-day index, so every lookup is O(1). A date the data
 * does not cover is an {@link OutOfRange} error, never a guess, unless the integrator chose the
 * `"weekendsOnly"` fallback when building the calendar.
 *
 * Importing the module decodes and builds nothing: the shipped schedule is data
 * (`calendar/data/holidays-cn.json`), decoded the first time {@link chinaData} or {@link china} is
 * read, and the decoders are built on their first call.
 *
 * @example
 * ```ts
 * import { LocalDate, WorkCalendar } from "@qinglian/core"
 * import { Either } from "effect"
 *
 * // 15 working days from the Friday before the 2025 National Day break (调休 included).
 * const due = WorkCalendar.addWorkingDays(WorkCalendar.china, LocalDate.unsafeMake("2025-09-26"), 15)
 * console.log(Either.getOrThrow(due)) // "2025-10-23"
 * console.log(WorkCalendar.isWorkingDay(WorkCalendar.china, LocalDate.unsafeMake("2025-09-28"))) // Right(true): a 调休 Sunday
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Index from "./internal/calendarIndex.js"
import holidaysCnJson from "./data/holidays-cn.json" with { type: "json" }
import * as InvalidInput from "../base/InvalidInput.js"
import * as LocalDate from "../base/LocalDate.js"
import type * as Rulebook from "../rulebook/Rulebook.js"

// Builds a value on first use and keeps it: for decoders, tables and shipped data that importing
// the module should not pay for.
const once = <A>(make: () => A): () => A => {
  let value: A | undefined
  return () => (value ??= make())
}

// -----------------------------------------------------------------------------
// schemas
// -----------------------------------------------------------------------------

// Years a schedule may list: the years a LocalDate may have.
const MIN_YEAR = LocalDate.minYear
const MAX_YEAR = LocalDate.maxYear

const CalendarDate = LocalDate.LocalDate.annotations({
  message: (issue) => {
    const actual = issue._tag === "Type" || issue._tag === "Refinement" ? issue.actual : undefined
    return {
      message: `expected a calendar date YYYY-MM-DD from ${LocalDate.minYear} to ${LocalDate.maxYear}, got ${
        JSON.stringify(actual) ?? String(actual)
      }`,
      override: true
    }
  }
})

const isYearKey = (s: string): boolean => /^\d{4}$/.test(s) && Number(s) >= MIN_YEAR && Number(s) <= MAX_YEAR

/**
 * One block of official rest days: `[from, to, name]`, both ends included
 * (`["2026-02-15", "2026-02-23", "春节"]`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const RestDays = Schema.Tuple(CalendarDate, CalendarDate, Schema.String).annotations({
  identifier: "RestDays"
})

/**
 * @since 0.1.0
 * @category models
 */
export type RestDays = typeof RestDays.Type

/**
 * The most rest-day blocks, and the most make-up workdays, one year may list: 366, the days of a
 * leap year. A real notice lists about ten of each; the bound keeps a hostile schedule from costing
 * more than a real one.
 *
 * @since 0.1.0
 * @category constants
 */
export const maxEntriesPerYear = 366

/**
 * One year of the holiday schedule, as published in that year's notice.
 *
 * @since 0.1.0
 * @category schemas
 */
export const YearData = Schema.Struct({
  /** The notice the year comes from (国务院办公厅关于 …… 年部分节假日安排的通知). */
  source: Schema.String,
  /** Official rest days (放假), at most {@link maxEntriesPerYear} blocks. Weekends not listed are rest days anyway. */
  restDays: Schema.Array(RestDays).pipe(Schema.maxItems(maxEntriesPerYear)),
  /** Weekend days that are worked (调休上班), at most {@link maxEntriesPerYear}. */
  makeUpWorkdays: Schema.Array(CalendarDate).pipe(Schema.maxItems(maxEntriesPerYear))
}).annotations({ identifier: "WorkCalendarYearData" })

/**
 * @since 0.1.0
 * @category models
 */
export type YearData = typeof YearData.Type

// Which rest-day range (its index in `restDays`) first lists each day of a year, for the clash
// check below: ranges are taken in order and each day is claimed once, skipping claimed days with a
// "next unclaimed day" table (union-find with path halving). The work is linear in the ranges plus
// the year's days, never in the days the ranges list, so a range repeated 80,000 times costs 80,000
// steps. Parts of a range outside the year are reported elsewhere and left out here.
const restOwners = (yearStart: number, yearEnd: number, ranges: ReadonlyArray<RestDays>): Int32Array => {
  const n = yearEnd - yearStart + 1
  const owner = new Int32Array(n).fill(-1)
  const next = new Int32Array(n + 1)
  for (let i = 0; i <= n; i++) next[i] = i
  const find = (i: number): number => {
    while (next[i] !== i) {
      next[i] = next[next[i]!]!
      i = next[i]!
    }
    return i
  }
  ranges.forEach(([from, to], r) => {
    const lo = Math.max(Index.epochDayOf(from), yearStart) - yearStart
    const hi = Math.min(Index.epochDayOf(to), yearEnd) - yearStart
    if (lo > hi) return
    for (let j = find(lo); j <= hi; j = find(j)) {
      owner[j] = r
      next[j] = j + 1
    }
  })
  return owner
}

const checkYear = (key: string, data: YearData): Array<Schema.FilterIssue> => {
  const issues: Array<Schema.FilterIssue> = []
  const at = (...rest: Array<string | number>) => ["years", key, ...rest]
  const y = Number(key)
  const yearStart = Index.yearStart(y)
  const yearEnd = Index.yearStart(y + 1) - 1
  data.restDays.forEach(([from, to], i) => {
    for (const [date, end] of [[from, 0], [to, 1]] as const) {
      if (LocalDate.year(date) !== y) {
        issues.push({ path: at("restDays", i, end), message: `rest day ${date} is outside the year ${key}` })
      }
    }
    if (LocalDate.isBefore(to, from)) {
      issues.push({ path: at("restDays", i, 1), message: `the range ends on ${to}, before it starts on ${from}` })
    }
  })
  const owners = restOwners(yearStart, yearEnd, data.restDays)
  data.makeUpWorkdays.forEach((date, i) => {
    if (LocalDate.year(date) !== y) {
      issues.push({ path: at("makeUpWorkdays", i), message: `make-up workday ${date} is outside the year ${key}` })
    }
    if (!LocalDate.isWeekend(date)) {
      issues.push({
        path: at("makeUpWorkdays", i),
        message: `make-up workday ${date} is not a Saturday or Sunday; weekdays are workdays already`
      })
    }
    const e = Index.epochDayOf(date)
    const clash = e >= yearStart && e <= yearEnd ? owners[e - yearStart]! : -1
    if (clash >= 0) {
      issues.push({
        path: at("makeUpWorkdays", i),
        message: `${date} is listed both as a make-up workday and as a rest day (restDays.${clash})`
      })
    }
  })
  return issues
}

/**
 * The holiday schedule a calendar is built from: years (`"2026"`) → {@link YearData}. Besides the
 * shape, decoding checks that every range ends on or after its start, that every date lies in its
 * year, that make-up workdays fall on weekends and that no date is both a rest day and a make-up
 * workday; each problem is reported with its path (`years.2027.restDays.0.1`).
 *
 * @example
 * { "years": { "2027": { "source": "国务院办公厅关于2027年部分节假日安排的通知",
 *   "restDays": [["2027-01-01", "2027-01-03", "元旦"]], "makeUpWorkdays": [] } } }
 *
 * @since 0.1.0
 * @category schemas
 */
export const CalendarData = Schema.Struct({
  /** Free text about the data. */
  about: Schema.optional(Schema.String),
  // Keys are checked in the filter (a year, once), and may never be __proto__, constructor or prototype.
  years: Schema.Record({ key: InvalidInput.RecordKey, value: YearData })
}).pipe(
  Schema.filter((data) => {
    const keys = Object.keys(data.years)
    if (keys.length === 0) return { path: ["years"], message: "expected at least one year" }
    return keys.flatMap((key) =>
      isYearKey(key)
        ? checkYear(key, data.years[key]!)
        : [{
          path: ["years", key],
          message: `expected a year from ${MIN_YEAR} to ${MAX_YEAR} written with four digits, got ${JSON.stringify(key)}`
        }]
    )
  }),
  Schema.annotations({ identifier: "WorkCalendarData" })
)

/**
 * @since 0.1.0
 * @category models
 */
export type CalendarData = typeof CalendarData.Type

/**
 * What a calendar answers for a date outside its years:
 *
 * - `"error"` (default): an {@link OutOfRange} error.
 * - `"weekendsOnly"`: Monday–Friday are working days, Saturday and Sunday rest days, with no
 *   holidays. Choose it only where an approximate answer is acceptable.
 *
 * @since 0.1.0
 * @category schemas
 */
export const OutOfRangePolicy = Schema.Literal("error", "weekendsOnly").annotations({
  identifier: "WorkCalendarOutOfRangePolicy"
})

/**
 * @since 0.1.0
 * @category models
 */
export type OutOfRangePolicy = typeof OutOfRangePolicy.Type

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** Defaults to `"error"`. */
  readonly outOfRange?: OutOfRangePolicy | undefined
}

// -----------------------------------------------------------------------------
// models
// -----------------------------------------------------------------------------

const IndexKey: unique symbol = Symbol.for("@qinglian/core/WorkCalendar/index") as never

/**
 * A working-day calendar, built by {@link make}, {@link withYears} or {@link china}. It is
 * immutable; its lookup tables are precomputed.
 *
 * @since 0.1.0
 * @category models
 */
export interface WorkCalendar {
  readonly _tag: "WorkCalendar"
  /** The schedule it was built from. */
  readonly data: CalendarData
  /** The years the data lists, ascending. */
  readonly years: ReadonlyArray<number>
  /** What it answers outside {@link WorkCalendar.years}. */
  readonly outOfRange: OutOfRangePolicy
}

interface Internal extends WorkCalendar {
  readonly [IndexKey]: Index.Index
}

const indexOf = (cal: WorkCalendar): Index.Index => (cal as Internal)[IndexKey]

/**
 * The calendar was asked about a date outside the years it covers (and no fallback was chosen).
 * `date` is the first date it could not answer; `from`/`to` is the span of its years.
 *
 * A count that runs past the dates a `LocalDate` may be (`LocalDate.minDate`–`LocalDate.maxDate`,
 * the years 1900–2199) is this error too, with any policy: then `pastDateRange` is `true` and
 * `date` is the first or last date of that range, where counting stopped.
 *
 * @since 0.1.0
 * @category errors
 */
export class OutOfRange extends Schema.TaggedError<OutOfRange>("@qinglian/core/calendar/OutOfRange")("CalendarOutOfRange", {
  date: LocalDate.LocalDate,
  from: LocalDate.LocalDate,
  to: LocalDate.LocalDate,
  years: Schema.Array(Schema.Number),
  pastDateRange: Schema.optional(Schema.Boolean)
}) {
  /** @since 0.1.0 */
  override get message(): string {
    if (this.pastDateRange === true) {
      return `the date counted runs past ${this.date}, the ${this.date === LocalDate.minDate ? "first" : "last"} date ` +
        `the library counts (the years ${LocalDate.minYear}–${LocalDate.maxYear}); check the number of days, months ` +
        `or working days`
    }
    return `the working-day calendar does not cover ${this.date} (it lists the years ${this.years.join(", ")}, ` +
      `${this.from} to ${this.to}); add that year's holiday schedule with WorkCalendar.withYears, ` +
      `or build the calendar with { outOfRange: "weekendsOnly" }`
  }
}

// -----------------------------------------------------------------------------
// constructors
// -----------------------------------------------------------------------------

const toSpec = (key: string, y: YearData): Index.YearSpec => ({
  year: Number(key),
  rest: y.restDays.map(([from, to]) => [Index.epochDayOf(from), Index.epochDayOf(to)] as const),
  makeUp: y.makeUpWorkdays.map(Index.epochDayOf)
})

const validate = once(() => Schema.validateEither(CalendarData, { errors: "all" }))

/**
 * Builds a calendar from a schedule. Decode untrusted data with {@link decodeUnknown} or
 * {@link decodeJson} first; `make` throws an `InvalidInput` if `data` breaks the
 * {@link CalendarData} rules (a programming error, as with literals in code).
 *
 * @example
 * const cal = WorkCalendar.make(data, { outOfRange: "weekendsOnly" })
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (data: CalendarData, options?: Options): WorkCalendar => {
  const checked = validate()(data)
  if (Either.isLeft(checked)) throw InvalidInput.fromParseError("work calendar data", checked.left)
  return build(data, options?.outOfRange ?? "error")
}

const build = (data: CalendarData, outOfRange: OutOfRangePolicy): WorkCalendar => {
  const keys = Object.keys(data.years).sort()
  const index = Index.build(keys.map((k) => toSpec(k, data.years[k]!)), outOfRange === "weekendsOnly")
  const cal = { _tag: "WorkCalendar" as const, data, years: keys.map(Number), outOfRange }
  // Non-enumerable: the tables stay out of JSON, logs and structural comparisons.
  Object.defineProperty(cal, IndexKey, { value: index, enumerable: false })
  return cal
}

/**
 * A calendar with the years of `data` added; a year already present is replaced by the one in
 * `data`. The out-of-range policy is kept.
 *
 * @since 0.1.0
 * @category constructors
 */
export const withYears = (cal: WorkCalendar, data: CalendarData): WorkCalendar =>
  make({ ...cal.data, years: { ...cal.data.years, ...data.years } }, { outOfRange: cal.outOfRange })

// The shipped schedule, decoded (and so checked against every CalendarData rule) on first use. It
// is tested, so a failure here is a packaging fault and throws.
const shippedData = once((): CalendarData => Schema.decodeUnknownSync(CalendarData, { errors: "all" })(holidaysCnJson))

/**
 * The PRC national schedule shipped with the package (2025 and 2026), each year citing its State
 * Council General Office notice.
 *
 * Shipped as data, `calendar/data/holidays-cn.json`, and decoded the first time `years` or `about`
 * is read; later reads return the same values. Use it as a plain value
 * (`WorkCalendar.withYears(WorkCalendar.china, …)`, `{ ...WorkCalendar.chinaData.years }`).
 *
 * @since 0.1.0
 * @category data
 */
export const chinaData: CalendarData = Object.defineProperties({} as CalendarData, {
  about: { get: () => shippedData().about, enumerable: true },
  years: { get: () => shippedData().years, enumerable: true }
})

const chinaCalendar = once(() => build(shippedData(), "error"))

/**
 * The PRC working-day calendar for 2025 and 2026. Dates in other years are {@link OutOfRange}.
 *
 * Its schedule is decoded and its index built the first time it is used, not at import; it is
 * then kept.
 *
 * @since 0.1.0
 * @category constructors
 */
export const china: WorkCalendar = Object.defineProperties({ _tag: "WorkCalendar" } as Internal, {
  data: { get: () => chinaCalendar().data, enumerable: true },
  years: { get: () => chinaCalendar().years, enumerable: true },
  outOfRange: { value: "error", enumerable: true },
  [IndexKey]: { get: () => indexOf(chinaCalendar()), enumerable: false }
})

/**
 * Decodes a schedule from unknown input (parsed JSON, a config object).
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeUnknown = (input: unknown): Either.Either<CalendarData, InvalidInput.InvalidInput> =>
  decodeUnknownOnce()(input)

const decodeUnknownOnce = once(() => InvalidInput.decodeUnknown(CalendarData, "work calendar data"))

/**
 * Decodes a schedule from JSON text; text that is not JSON is an `InvalidInput` too.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeJson = (text: string): Either.Either<CalendarData, InvalidInput.InvalidInput> =>
  decodeJsonOnce()(text)

const decodeJsonOnce = once(() => InvalidInput.decodeJson(CalendarData, "work calendar data"))

// -----------------------------------------------------------------------------
// queries
// -----------------------------------------------------------------------------

// The error for the first (or nearest) day the calendar cannot answer. A day past the dates a
// LocalDate may be is reported at the end of that range, where counting stopped.
const outOfRange = (cal: WorkCalendar, idx: Index.Index, day: number): OutOfRange => {
  // The index covers whole years within LocalDate's range, so its ends are dates.
  const common = { from: LocalDate.fromEpochDay(idx.start), to: LocalDate.fromEpochDay(idx.end - 1), years: cal.years }
  if (day >= LocalDate.minEpochDay && day <= LocalDate.maxEpochDay) return new OutOfRange({ date: LocalDate.fromEpochDay(day), ...common })
  return new OutOfRange({ date: day < LocalDate.minEpochDay ? LocalDate.minDate : LocalDate.maxDate, pastDateRange: true, ...common })
}

// Whether an epoch day is a date a LocalDate may be. Written so that NaN is not.
const inDateRange = (day: number): boolean => day >= LocalDate.minEpochDay && day <= LocalDate.maxEpochDay

const covered = (
  cal: WorkCalendar,
  idx: Index.Index,
  lo: number,
  hi: number
): Either.Either<void, OutOfRange> => {
  const bad = Index.firstUncovered(idx, lo, hi)
  return bad === undefined ? Either.void : Either.left(outOfRange(cal, idx, bad))
}

/**
 * The first and last day of the years the calendar lists. With the `"error"` policy and a missing
 * year in between, that year's dates are still {@link OutOfRange}.
 *
 * @since 0.1.0
 * @category getters
 */
export const coveredRange = (cal: WorkCalendar): { readonly from: LocalDate.LocalDate; readonly to: LocalDate.LocalDate } => {
  const idx = indexOf(cal)
  return { from: LocalDate.fromEpochDay(idx.start), to: LocalDate.fromEpochDay(idx.end - 1) }
}

/**
 * Whether `date` is a working day (工作日).
 *
 * @since 0.1.0
 * @category queries
 */
export const isWorkingDay = (cal: WorkCalendar, date: LocalDate.LocalDate): Either.Either<boolean, OutOfRange> => {
  const idx = indexOf(cal)
  const e = Index.epochDayOf(date)
  return Either.map(covered(cal, idx, e, e), () => Index.isWorking(idx, e))
}

/**
 * Working days `d` with `from < d <= to`: the number of working days that have passed between the
 * two dates. When `to` is before `from` the count is negative (`-workingDaysBetween(to, from)`), so
 * counts add up over consecutive spans. Every date from `from` to `to` must be covered.
 *
 * @since 0.1.0
 * @category queries
 */
export const workingDaysBetween = (
  cal: WorkCalendar,
  from: LocalDate.LocalDate,
  to: LocalDate.LocalDate
): Either.Either<number, OutOfRange> => {
  const idx = indexOf(cal)
  const a = Index.epochDayOf(from)
  const b = Index.epochDayOf(to)
  return Either.map(
    covered(cal, idx, Math.min(a, b), Math.max(a, b)),
    () => Index.cumulative(idx, b) - Index.cumulative(idx, a)
  )
}

/**
 * The `n`-th working day after `date` (`date` itself is not counted): the due date of "within `n`
 * working days". `n = 0` gives `date`; a negative `n` gives the `|n|`-th working day before `date`.
 * `n` must be an integer.
 *
 * @since 0.1.0
 * @category arithmetic
 */
export const addWorkingDays = (
  cal: WorkCalendar,
  date: LocalDate.LocalDate,
  n: number
): Either.Either<LocalDate.LocalDate, OutOfRange> => {
  if (!Number.isInteger(n)) throw new RangeError(`working days must be an integer, got ${n}`)
  const idx = indexOf(cal)
  const e = Index.epochDayOf(date)
  if (n === 0) return Either.map(covered(cal, idx, e, e), () => date)
  if (n > 0) {
    const r = Index.withRank(idx, Index.cumulative(idx, e) + n)
    const inRange = covered(cal, idx, e, Math.min(r, LocalDate.maxEpochDay))
    if (Either.isLeft(inRange)) return Either.left(inRange.left)
    // Counting stops at the last date there is, whatever the policy: no year 3835095.
    return inDateRange(r) ? Either.right(LocalDate.fromEpochDay(r)) : Either.left(outOfRange(cal, idx, LocalDate.maxEpochDay + 1))
  }
  const r = Index.withRank(idx, Index.cumulative(idx, e - 1) + n + 1)
  // Report the uncovered day nearest to `date`, the one a caller can act on.
  const bad = lastUncovered(idx, Math.max(r, LocalDate.minEpochDay), e)
  if (bad !== undefined) return Either.left(outOfRange(cal, idx, bad))
  return inDateRange(r) ? Either.right(LocalDate.fromEpochDay(r)) : Either.left(outOfRange(cal, idx, LocalDate.minEpochDay - 1))
}

/** The last day of [lo, hi] the calendar cannot answer (binary search on a monotone predicate). */
const lastUncovered = (idx: Index.Index, lo: number, hi: number): number | undefined => {
  if (Index.firstUncovered(idx, lo, hi) === undefined) return undefined
  let a = lo
  let b = hi
  while (a < b) {
    const m = a + Math.ceil((b - a) / 2)
    if (Index.firstUncovered(idx, m, hi) === undefined) b = m - 1
    else a = m
  }
  return a
}

/**
 * The next working day strictly after `date`.
 *
 * @since 0.1.0
 * @category arithmetic
 */
export const nextWorkingDay = (cal: WorkCalendar, date: LocalDate.LocalDate): Either.Either<LocalDate.LocalDate, OutOfRange> =>
  addWorkingDays(cal, date, 1)

/**
 * The latest working day strictly before `date`.
 *
 * @since 0.1.0
 * @category arithmetic
 */
export const previousWorkingDay = (cal: WorkCalendar, date: LocalDate.LocalDate): Either.Either<LocalDate.LocalDate, OutOfRange> =>
  addWorkingDays(cal, date, -1)

/**
 * `date` if it is a working day, else the next working day: how a deadline that falls on a rest day
 * is carried over (期间届满的最后一日是节假日的，以节假日后的第一日为期间届满的日期).
 *
 * @since 0.1.0
 * @category arithmetic
 */
export const rollForward = (cal: WorkCalendar, date: LocalDate.LocalDate): Either.Either<LocalDate.LocalDate, OutOfRange> =>
  Either.flatMap(isWorkingDay(cal, date), (working) => (working ? Either.right(date) : nextWorkingDay(cal, date)))

/**
 * The due date of a rulebook {@link Rulebook.Duration} counted from `date`: calendar days with
 * `LocalDate.addDays`, months with `LocalDate.addMonths` (clamped to the month's end), working days
 * with {@link addWorkingDays}. Only working days consult the calendar. A due date past the dates a
 * `LocalDate` may be is an {@link OutOfRange} error with `pastDateRange`.
 *
 * @since 0.1.0
 * @category arithmetic
 */
export const addDuration = (
  cal: WorkCalendar,
  date: LocalDate.LocalDate,
  duration: Rulebook.Duration
): Either.Either<LocalDate.LocalDate, OutOfRange> => {
  switch (duration.unit) {
    case "days":
      return Either.mapLeft(
        LocalDate.addDaysEither(date, duration.amount),
        () => outOfRange(cal, indexOf(cal), duration.amount < 0 ? LocalDate.minEpochDay - 1 : LocalDate.maxEpochDay + 1)
      )
    case "months":
      return Either.mapLeft(
        LocalDate.addMonthsEither(date, duration.amount),
        () => outOfRange(cal, indexOf(cal), duration.amount < 0 ? LocalDate.minEpochDay - 1 : LocalDate.maxEpochDay + 1)
      )
    case "workingDays":
      return addWorkingDays(cal, date, duration.amount)
  }
}

/**
 * The due date of a time limit as a rule counts it: {@link addDuration}, then, when
 * `rollForwardFromRestDay` is set and the limit is in days or months, carried over a rest day with
 * {@link rollForward}. Limits in working days always end on a working day.
 *
 * A limit in days or months that ends in a year the calendar does not cover stays on its calendar
 * date: the holiday schedule that would carry it over is not yet known, and the unmoved date is never
 * later than the carried-over one. A limit in working days there is an {@link OutOfRange} error.
 *
 * @since 0.1.0
 * @category arithmetic
 */
export const dueDate = (
  cal: WorkCalendar,
  date: LocalDate.LocalDate,
  duration: Rulebook.Duration,
  options: { readonly rollForwardFromRestDay: boolean }
): Either.Either<LocalDate.LocalDate, OutOfRange> => {
  const due = addDuration(cal, date, duration)
  return options.rollForwardFromRestDay && duration.unit !== "workingDays"
    ? Either.flatMap(due, (d) => Either.orElse(rollForward(cal, d), () => Either.right(d)))
    : due
}
