/**
 * The precomputed working-day index behind `WorkCalendar`: built once, then every lookup is O(1).
 *
 * Days are epoch days (days since 1970-01-01). Over the covered span [start, end) we keep one flag
 * byte per day, the running count of working days and, per working day, its offset (rank → day), so
 * counting and adding working days never walk the calendar. Outside the span, Monday–Friday
 * arithmetic is closed-form.
 *
 * @internal
 */
import * as LocalDate from "../../base/LocalDate.js"

/** @internal */
export const WORKING = 1
/** A day inside the span whose year is not in the data (strict mode only). @internal */
export const UNKNOWN = 2

/**
 * Monday–Friday days from a fixed origin through epoch day `e`; the difference of two values counts
 * weekdays in (a, b]. Epoch day 0 (1970-01-01) was a Thursday, so `e + 3` is 0 on a Monday.
 *
 * @internal
 */
export const weekdaysThrough = (e: number): number => {
  const s = e + 3
  const weeks = Math.floor(s / 7)
  return 5 * weeks + Math.min(s - 7 * weeks + 1, 5)
}

/** The weekday `x` with `weekdaysThrough(x) === k` (inverse of {@link weekdaysThrough}). @internal */
export const weekdayWithRank = (k: number): number => {
  const weeks = Math.floor((k - 1) / 5)
  return 7 * weeks + (k - 1 - 5 * weeks) - 3
}

/** @internal */
export const isWeekdayEpoch = (e: number): boolean => ((((e + 3) % 7) + 7) % 7) < 5

/** One year's rules as epoch days. @internal */
export interface YearSpec {
  readonly year: number
  /** Inclusive [from, to] ranges of official rest days. */
  readonly rest: ReadonlyArray<readonly [number, number]>
  readonly makeUp: ReadonlyArray<number>
}

/** @internal */
export interface Index {
  /** Epoch day of 1 January of the first year. */
  readonly start: number
  /** Epoch day of 1 January after the last year (exclusive). */
  readonly end: number
  /** Per day of the span: `WORKING` and `UNKNOWN` bits. */
  readonly flags: Uint8Array
  /** `prefix[i]`: working days among the first `i` days of the span (length n + 1). */
  readonly prefix: Int32Array
  /** `ranks[k]`: offset from `start` of the (k+1)-th working day of the span. */
  readonly ranks: Int32Array
  /** Working days in the whole span. */
  readonly total: number
  /** `unknown[i]`: unknown days among the first `i` days; absent when the span has none. */
  readonly unknown: Int32Array | undefined
  /** Whether days the data does not cover count Monday–Friday (else they are out of range). */
  readonly fallback: boolean
}

/** Epoch day of 1 January of `year` (years from 1900 on; `Date.UTC` maps 0–99 to 19xx). @internal */
export const yearStart = (year: number): number => Date.UTC(year, 0, 1) / 86_400_000

/**
 * Builds the index. `years` must be non-empty and each year's days must fall inside that year
 * (the `CalendarData` schema guarantees both).
 *
 * @internal
 */
export const build = (years: ReadonlyArray<YearSpec>, fallback: boolean): Index => {
  let minYear = Infinity
  let maxYear = -Infinity
  for (const y of years) {
    if (y.year < minYear) minYear = y.year
    if (y.year > maxYear) maxYear = y.year
  }
  const start = yearStart(minYear)
  const end = yearStart(maxYear + 1)
  const n = end - start
  const flags = new Uint8Array(n)
  for (let i = 0; i < n; i++) flags[i] = isWeekdayEpoch(start + i) ? WORKING : 0

  let hasUnknown = false
  if (!fallback) {
    const listed = new Set(years.map((y) => y.year))
    for (let year = minYear; year <= maxYear; year++) {
      if (listed.has(year)) continue
      hasUnknown = true
      flags.fill(UNKNOWN, yearStart(year) - start, yearStart(year + 1) - start)
    }
  }
  // Rest days by a difference array: +1 where a range starts, -1 after it ends, so the work is
  // linear in the ranges plus the span, however many days the ranges list (or repeat).
  const restDelta = new Int32Array(n + 1)
  for (const y of years) {
    for (const [from, to] of y.rest) {
      const lo = Math.max(from, start) - start
      const hi = Math.min(to, end - 1) - start
      if (lo > hi) continue
      restDelta[lo]! += 1
      restDelta[hi + 1]! -= 1
    }
  }
  for (let i = 0, depth = 0; i < n; i++) {
    depth += restDelta[i]!
    if (depth > 0) flags[i] = 0
  }
  for (const y of years) {
    for (const e of y.makeUp) if (e >= start && e < end) flags[e - start] = WORKING
  }

  const prefix = new Int32Array(n + 1)
  let total = 0
  for (let i = 0; i < n; i++) {
    total += flags[i]! & WORKING
    prefix[i + 1] = total
  }
  const ranks = new Int32Array(total)
  for (let i = 0, k = 0; i < n; i++) if ((flags[i]! & WORKING) !== 0) ranks[k++] = i

  let unknown: Int32Array | undefined
  if (hasUnknown) {
    unknown = new Int32Array(n + 1)
    for (let i = 0; i < n; i++) unknown[i + 1] = unknown[i]! + ((flags[i]! & UNKNOWN) >> 1)
  }
  return { start, end, flags, prefix, ranks, total, unknown, fallback }
}

/**
 * Working days from the start of the span through `e` (negative before the span), so that
 * `cumulative(b) - cumulative(a)` counts working days in (a, b]. Days outside the span count
 * Monday–Friday; callers check coverage first.
 *
 * @internal
 */
export const cumulative = (idx: Index, e: number): number =>
  e < idx.start
    ? weekdaysThrough(e) - weekdaysThrough(idx.start - 1)
    : e >= idx.end
    ? idx.total + weekdaysThrough(e) - weekdaysThrough(idx.end - 1)
    : idx.prefix[e - idx.start + 1]!

/** The working day `x` with `cumulative(x) === k` (inverse of {@link cumulative}). @internal */
export const withRank = (idx: Index, k: number): number =>
  k <= 0
    ? weekdayWithRank(weekdaysThrough(idx.start - 1) + k)
    : k > idx.total
    ? weekdayWithRank(weekdaysThrough(idx.end - 1) + k - idx.total)
    : idx.start + idx.ranks[k - 1]!

/** Whether `e` is a working day; callers check coverage first. @internal */
export const isWorking = (idx: Index, e: number): boolean =>
  e >= idx.start && e < idx.end ? (idx.flags[e - idx.start]! & WORKING) !== 0 : isWeekdayEpoch(e)

/**
 * The first day of [lo, hi] the calendar cannot answer, or `undefined` when it answers them all.
 * O(1) when the span has no unknown years, O(log n) otherwise.
 *
 * @internal
 */
export const firstUncovered = (idx: Index, lo: number, hi: number): number | undefined => {
  if (idx.fallback) return undefined
  if (lo < idx.start) return lo
  if (lo >= idx.end) return lo
  const u = idx.unknown
  if (u !== undefined) {
    const i = lo - idx.start
    const j = Math.min(hi, idx.end - 1) - idx.start
    const before = u[i]!
    if (u[j + 1]! > before) {
      // Smallest m in [i, j] with u[m + 1] > before.
      let a = i
      let b = j
      while (a < b) {
        const m = (a + b) >>> 1
        if (u[m + 1]! > before) b = m
        else a = m + 1
      }
      return idx.start + a
    }
  }
  return hi >= idx.end ? idx.end : undefined
}

/**
 * Epoch day of a valid `YYYY-MM-DD` string, without `Date`: `LocalDate.toEpochDay` (Hinnant's
 * days_from_civil, valid for any four-digit year), for strings the calendar's schema checked.
 *
 * @internal
 */
export const epochDayOf = (date: string): number => LocalDate.toEpochDay(date as LocalDate.LocalDate)

