import { assert, describe, it } from "@effect/vitest"
import { InvalidInput, LocalDate, PowerList } from "@qinglian/core"
import { Ajv } from "ajv"
import * as Either from "effect/Either"
import * as JSONSchema from "effect/JSONSchema"
import * as fc from "fast-check"

const d = LocalDate.unsafeMake
const decode = InvalidInput.decodeUnknown(LocalDate.LocalDate, "date")

// Epoch days of 1900-01-01 .. 2199-12-31: every date a LocalDate may be.
const epochDay = fc.integer({ min: -25_567, max: 84_005 })
const inRange = (n: number) => n >= -25_567 && n <= 84_005

describe("LocalDate schema", () => {
  it("accepts calendar dates, including 29 February of leap years", () => {
    for (const s of ["2026-01-01", "2026-12-31", "2024-02-29", "2000-02-29", "1970-01-01"]) {
      assert.deepStrictEqual(decode(s), Either.right(s as LocalDate.LocalDate))
    }
  })

  it("rejects dates that do not exist and other shapes", () => {
    for (const s of ["2026-02-30", "2026-02-29", "1900-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00", "2026-1-5", "20260105", "2026-01-05T00:00:00Z", ""]) {
      const r = decode(s)
      assert.isTrue(Either.isLeft(r), s)
      if (Either.isLeft(r)) assert.strictEqual(r.left.issues[0]?.detail, `expected a calendar date YYYY-MM-DD from 1900 to 2199, got ${JSON.stringify(s)}`)
    }
    assert.isTrue(Either.isLeft(decode(20260105)))
    assert.throws(() => d("2026-02-30"), RangeError)
  })
})

describe("LocalDate arithmetic", () => {
  it("round-trips through epoch days", () => {
    fc.assert(fc.property(epochDay, (n) => LocalDate.toEpochDay(LocalDate.fromEpochDay(n)) === n))
    fc.assert(
      fc.property(epochDay, (n) => {
        const s = LocalDate.fromEpochDay(n)
        return Either.isRight(decode(s)) && s === d(s)
      })
    )
    assert.strictEqual(LocalDate.toEpochDay(d("1970-01-01")), 0)
    assert.strictEqual(LocalDate.fromEpochDay(-1), "1969-12-31")
  })

  it("addDays and daysBetween agree, and a sum that leaves 1900–2199 is a typed error", () => {
    fc.assert(
      fc.property(epochDay, fc.integer({ min: -50_000, max: 50_000 }), (n, k) => {
        const a = LocalDate.fromEpochDay(n)
        const b = LocalDate.addDaysEither(a, k)
        if (!inRange(n + k)) return Either.isLeft(b) && b.left._tag === "DateOutOfRange"
        return Either.isRight(b) && LocalDate.daysBetween(a, b.right) === k && LocalDate.addDays(a, k) === b.right
      })
    )
    assert.strictEqual(LocalDate.addDays(d("2026-02-28"), 1), "2026-03-01")
    assert.strictEqual(LocalDate.addDays(d("2024-02-28"), 1), "2024-02-29")
    assert.strictEqual(LocalDate.addDays(d("2026-12-31"), 1), "2027-01-01")
  })

  it("addMonths clamps to the last day of the month", () => {
    assert.strictEqual(LocalDate.addMonths(d("2026-01-31"), 1), "2026-02-28")
    assert.strictEqual(LocalDate.addMonths(d("2024-01-31"), 1), "2024-02-29")
    assert.strictEqual(LocalDate.addMonths(d("2026-03-31"), 1), "2026-04-30")
    assert.strictEqual(LocalDate.addMonths(d("2026-08-31"), 6), "2027-02-28")
    assert.strictEqual(LocalDate.addMonths(d("2026-05-15"), 1), "2026-06-15")
    assert.strictEqual(LocalDate.addMonths(d("2026-11-30"), 2), "2027-01-30")
    assert.strictEqual(LocalDate.addMonths(d("2026-03-31"), -1), "2026-02-28")
    assert.strictEqual(LocalDate.addMonths(d("2026-01-15"), -13), "2024-12-15")
    assert.strictEqual(LocalDate.addMonths(d("2026-01-15"), 0), "2026-01-15")
  })

  it("addMonths always yields a valid date in the right month, or a typed error outside 1900–2199", () => {
    fc.assert(
      fc.property(epochDay, fc.integer({ min: -2_400, max: 2_400 }), (n, k) => {
        const a = LocalDate.fromEpochDay(n)
        const m = LocalDate.year(a) * 12 + Number(a.slice(5, 7)) - 1 + k
        const e = LocalDate.addMonthsEither(a, k)
        if (m < 1900 * 12 || m >= 2200 * 12) return Either.isLeft(e) && e.left._tag === "DateOutOfRange"
        if (Either.isLeft(e)) return false
        const b = e.right
        const months = (x: LocalDate.LocalDate) => Number(x.slice(0, 4)) * 12 + Number(x.slice(5, 7)) - 1
        const sameOrClamped = Number(b.slice(8, 10)) === Math.min(Number(a.slice(8, 10)), LocalDate.daysInMonth(LocalDate.year(b), Number(b.slice(5, 7))))
        return Either.isRight(decode(b)) && months(b) - months(a) === k && sameOrClamped
      })
    )
  })

  it("knows the weekday", () => {
    assert.strictEqual(LocalDate.isoWeekday(d("1970-01-01")), 4) // Thursday
    assert.strictEqual(LocalDate.isoWeekday(d("2026-11-30")), 1) // Monday: 一周三晒 meeting
    assert.strictEqual(LocalDate.isoWeekday(d("2026-11-28")), 6) // Saturday
    assert.strictEqual(LocalDate.isoWeekday(d("1969-12-28")), 7) // Sunday, before the epoch
    assert.isTrue(LocalDate.isWeekend(d("2026-11-29")))
    assert.isFalse(LocalDate.isWeekend(d("2026-11-27")))
    fc.assert(
      fc.property(epochDay, (n) => {
        const a = LocalDate.fromEpochDay(n)
        return LocalDate.isoWeekday(a) === (new Date(`${a}T00:00:00Z`).getUTCDay() || 7)
      })
    )
  })

  it("leap years, compare, min, max", () => {
    assert.isTrue(LocalDate.isLeapYear(2000))
    assert.isFalse(LocalDate.isLeapYear(1900))
    assert.isTrue(LocalDate.isLeapYear(2028))
    assert.strictEqual(LocalDate.compare(d("2026-01-02"), d("2026-01-10")), -1)
    assert.strictEqual(LocalDate.compare(d("2026-01-10"), d("2026-01-10")), 0)
    assert.strictEqual(LocalDate.min(d("2026-05-01"), d("2025-05-01")), "2025-05-01")
    assert.strictEqual(LocalDate.max(d("2026-05-01"), d("2025-05-01")), "2026-05-01")
  })

  it("takes the China calendar date of an instant", () => {
    // 2026-01-01T16:30Z is already 2 January 00:30 in Beijing.
    assert.strictEqual(LocalDate.fromInstantChina(Date.UTC(2026, 0, 1, 16, 30)), "2026-01-02")
    assert.strictEqual(LocalDate.fromInstantChina(Date.UTC(2026, 0, 1, 15, 59)), "2026-01-01")
  })
})

describe("LocalDate range (1900–2199)", () => {
  const ajv = new Ajv({ strict: true, unicodeRegExp: true })
  const viaJsonSchema = ajv.compile(JSONSchema.make(LocalDate.LocalDate))

  it("refuses the years 0000–1899 and 2200–9999 at the boundary, and so does the published JSON Schema", () => {
    for (const s of ["0026-03-01", "0000-01-01", "0099-12-31", "1899-12-31", "2200-01-01", "9999-12-31", "2100-02-29", "1900-02-29"]) {
      assert.isTrue(Either.isLeft(decode(s)), s)
      assert.isFalse(viaJsonSchema(s), s)
      assert.throws(() => d(s), RangeError)
    }
    for (const s of ["1900-01-01", "2199-12-31", "2000-02-29", "2096-02-29", "2104-02-29", "1904-02-29", "2196-02-29"]) {
      assert.isTrue(Either.isRight(decode(s)), s)
      assert.isTrue(viaJsonSchema(s), s)
    }
  })

  it("the JSON Schema pattern and the decoder agree on every YYYY-MM-DD of the years 0000–9999", () => {
    const text = fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
      .map(([y, m, day]) => `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(day).padStart(2, "0")}`)
    const nearEdges = fc.tuple(fc.constantFrom(1899, 1900, 1904, 2000, 2100, 2104, 2196, 2199, 2200), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
      .map(([y, m, day]) => `${y}-${String(m).padStart(2, "0")}-${String(day).padStart(2, "0")}`)
    fc.assert(fc.property(fc.oneof(text, nearEdges, fc.string()), (s) => viaJsonSchema(s) === Either.isRight(decode(s))), {
      numRuns: 5_000,
      seed: 20261203
    })
  })

  it("publishes its bounds: the first and last dates and their epoch days", () => {
    assert.strictEqual(LocalDate.minYear, 1900)
    assert.strictEqual(LocalDate.maxYear, 2199)
    assert.strictEqual(LocalDate.minDate, "1900-01-01")
    assert.strictEqual(LocalDate.maxDate, "2199-12-31")
    assert.strictEqual(LocalDate.minEpochDay, Date.UTC(1900, 0, 1) / 86_400_000)
    assert.strictEqual(LocalDate.maxEpochDay, Date.UTC(2199, 11, 31) / 86_400_000)
    assert.strictEqual(LocalDate.maxSpanDays, LocalDate.daysBetween(LocalDate.minDate, LocalDate.maxDate))
  })

  it("arithmetic that would leave the range is a DateOutOfRange error, never a year 19xx or +010000", () => {
    const left = (e: Either.Either<LocalDate.LocalDate, LocalDate.DateOutOfRange>) => {
      if (Either.isRight(e)) assert.fail(`expected DateOutOfRange, got ${e.right}`)
      return e.left
    }
    const past = left(LocalDate.addDaysEither(d("2199-12-31"), 1))
    assert.strictEqual(past._tag, "DateOutOfRange")
    assert.strictEqual(past.computation, "2199-12-31 + 1 day(s)")
    assert.match(past.message, /1900-01-01 to 2199-12-31/)
    left(LocalDate.addDaysEither(d("1900-01-01"), -1))
    left(LocalDate.addDaysEither(d("2026-03-01"), 1e8))
    left(LocalDate.addDaysEither(d("2026-03-01"), 1.5))
    left(LocalDate.addDaysEither(d("2026-03-01"), Number.NaN))
    left(LocalDate.addDaysEither(d("2026-03-01"), Infinity))
    left(LocalDate.addMonthsEither(d("2199-12-01"), 1))
    left(LocalDate.addMonthsEither(d("1900-01-31"), -1))
    left(LocalDate.addMonthsEither(d("2026-01-31"), 0.5))
    left(LocalDate.addMonthsEither(d("2026-01-31"), 1e300))
    left(LocalDate.fromEpochDayEither(LocalDate.maxEpochDay + 1))
    left(LocalDate.fromEpochDayEither(LocalDate.minEpochDay - 1))
    left(LocalDate.fromEpochDayEither(0.5))
    assert.deepStrictEqual(LocalDate.addDaysEither(d("2199-12-30"), 1), Either.right(d("2199-12-31")))
    assert.deepStrictEqual(LocalDate.addMonthsEither(d("1900-02-28"), -1), Either.right(d("1900-01-28")))
    // The throwing forms throw the same typed error.
    assert.throws(() => LocalDate.addDays(d("2199-12-31"), 1), LocalDate.DateOutOfRange)
    assert.throws(() => LocalDate.addMonths(d("2199-12-31"), 1), LocalDate.DateOutOfRange)
    assert.throws(() => LocalDate.fromEpochDay(LocalDate.maxEpochDay + 1), LocalDate.DateOutOfRange)
  })

  it("compares dates by their day numbers", () => {
    fc.assert(
      fc.property(epochDay, epochDay, (a, b) => {
        const x = LocalDate.fromEpochDay(a)
        const y = LocalDate.fromEpochDay(b)
        return LocalDate.compare(x, y) === Math.sign(a - b) && LocalDate.isBefore(x, y) === a < b &&
          LocalDate.min(x, y) === LocalDate.fromEpochDay(Math.min(a, b)) && LocalDate.max(x, y) === LocalDate.fromEpochDay(Math.max(a, b))
      })
    )
  })
})

describe("nesting limit at the boundary", () => {
  it("refuses 2,200 nested arrays as a power list with a typed InvalidInput at depth 64, without a throw", () => {
    const r = PowerList.decodeJson("[".repeat(2200) + "]".repeat(2200))
    if (Either.isRight(r)) assert.fail("expected InvalidInput")
    assert.strictEqual(r.left._tag, "InvalidInput")
    assert.strictEqual(r.left.issues.length, 1)
    assert.deepStrictEqual(r.left.issues[0]?.path, Array.from({ length: InvalidInput.maxDepth }, () => 0))
  })
})
