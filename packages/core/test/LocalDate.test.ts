import { assert, describe, it } from "@effect/vitest"
import { InvalidInput, LocalDate } from "@qinglian/core"
import * as Either from "effect/Either"
import * as fc from "fast-check"

const d = LocalDate.unsafeMake
const decode = InvalidInput.decodeUnknown(LocalDate.LocalDate, "date")

// Epoch days of 1900-01-01 .. 2199-12-31: the span any rulebook or case will see, and then some.
const epochDay = fc.integer({ min: -25_567, max: 83_966 })

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
      if (Either.isLeft(r)) assert.strictEqual(r.left.issues[0]?.message, `expected a calendar date YYYY-MM-DD, got ${JSON.stringify(s)}`)
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

  it("addDays and daysBetween agree", () => {
    fc.assert(
      fc.property(epochDay, fc.integer({ min: -5_000, max: 5_000 }), (n, k) => {
        const a = LocalDate.fromEpochDay(n)
        return LocalDate.daysBetween(a, LocalDate.addDays(a, k)) === k
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

  it("addMonths always yields a valid date in the right month", () => {
    fc.assert(
      fc.property(epochDay, fc.integer({ min: -240, max: 240 }), (n, k) => {
        const a = LocalDate.fromEpochDay(n)
        const b = LocalDate.addMonths(a, k)
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
