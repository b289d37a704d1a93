// Counting on a calendar stops at the dates there are (1900–2199), whatever the policy, and a
// large or hostile schedule costs in proportion to its ranges, never to the days they list.
import { assert, describe, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as fc from "fast-check"
import * as LocalDate from "../src/base/LocalDate.js"
import * as WorkCalendar from "../src/calendar/WorkCalendar.js"

const d = LocalDate.unsafeMake
const lenient = WorkCalendar.make(WorkCalendar.chinaData, { outOfRange: "weekendsOnly" })

const right = <A, E>(e: Either.Either<A, E>): A => {
  if (Either.isLeft(e)) assert.fail(`expected Right, got ${String(e.left)}`)
  return e.right
}
const left = <A, E>(e: Either.Either<A, E>): E => {
  if (Either.isRight(e)) assert.fail(`expected Left, got ${JSON.stringify(e.right)}`)
  return e.left
}

describe("WorkCalendar: counting stops at the last date there is", () => {
  it("a weekends-only calendar asked for a billion working days is OutOfRange at 2199-12-31, not year 3835095", () => {
    const e = left(WorkCalendar.addWorkingDays(lenient, d("2026-01-01"), 1e9))
    assert.strictEqual(e._tag, "CalendarOutOfRange")
    assert.strictEqual(e.date, "2199-12-31")
    assert.strictEqual(e.pastDateRange, true)
    assert.match(e.message, /runs past 2199-12-31, the last date/)
    const back = left(WorkCalendar.addWorkingDays(lenient, d("2026-01-01"), -1e9))
    assert.strictEqual(back.date, "1900-01-01")
    assert.strictEqual(back.pastDateRange, true)
    assert.match(back.message, /the first date/)
    // Numbers too large for exact arithmetic stop there too.
    assert.strictEqual(left(WorkCalendar.addWorkingDays(lenient, d("2026-01-01"), Number.MAX_SAFE_INTEGER)).date, "2199-12-31")
    assert.strictEqual(left(WorkCalendar.addWorkingDays(lenient, d("2026-01-01"), -Number.MAX_VALUE)).date, "1900-01-01")
  })

  it("the last working day of 2199 is reachable, and one more is not", () => {
    // 2199-12-31 is a Tuesday; on a weekends-only calendar it is the last working day there is.
    assert.strictEqual(LocalDate.isoWeekday(d("2199-12-31")), 2)
    const n = right(WorkCalendar.workingDaysBetween(lenient, d("2026-01-01"), d("2199-12-31")))
    assert.strictEqual(right(WorkCalendar.addWorkingDays(lenient, d("2026-01-01"), n)), "2199-12-31")
    assert.isTrue(left(WorkCalendar.addWorkingDays(lenient, d("2026-01-01"), n + 1)).pastDateRange)
    // 1900-01-01 is a Monday, the first working day there is; the count runs after it, and
    // 2026-01-01 (元旦) is a rest day, so it is the (m + 1)-th working day before 2026-01-01.
    assert.strictEqual(LocalDate.isoWeekday(d("1900-01-01")), 1)
    const m = right(WorkCalendar.workingDaysBetween(lenient, d("1900-01-01"), d("2026-01-01")))
    assert.strictEqual(right(WorkCalendar.addWorkingDays(lenient, d("2026-01-01"), -m)), "1900-01-02")
    assert.strictEqual(right(WorkCalendar.addWorkingDays(lenient, d("2026-01-01"), -m - 1)), "1900-01-01")
    assert.isTrue(left(WorkCalendar.addWorkingDays(lenient, d("2026-01-01"), -m - 2)).pastDateRange)
  })

  it("every count on a weekends-only calendar is a date in range or OutOfRange past it", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: LocalDate.minEpochDay, max: LocalDate.maxEpochDay }),
        fc.oneof(fc.integer({ min: -200_000, max: 200_000 }), fc.integer()),
        (day, n) => {
          const r = WorkCalendar.addWorkingDays(lenient, LocalDate.fromEpochDay(day), n)
          return Either.isRight(r)
            ? Either.isRight(LocalDate.fromEpochDayEither(LocalDate.toEpochDay(r.right)))
            : r.left.pastDateRange === true && (r.left.date === LocalDate.maxDate ? n > 0 : n < 0)
        }
      ),
      { seed: 20261203, numRuns: 2_000 }
    )
  })

  it("a strict calendar that lists 2199 reports the end of the dates, not 2200-01-01", () => {
    const last = WorkCalendar.make({ years: { "2199": { source: "test", restDays: [], makeUpWorkdays: [] } } })
    const e = left(WorkCalendar.addWorkingDays(last, d("2199-12-30"), 5))
    assert.strictEqual(e.date, "2199-12-31")
    assert.strictEqual(e.pastDateRange, true)
    assert.deepStrictEqual(WorkCalendar.coveredRange(last), { from: d("2199-01-01"), to: d("2199-12-31") })
  })

  it("a sparse calendar stops at the first year it does not list", () => {
    const sparse = WorkCalendar.make({
      years: {
        "2026": WorkCalendar.chinaData.years["2026"]!,
        "2150": { source: "test", restDays: [], makeUpWorkdays: [] }
      }
    })
    const e = left(WorkCalendar.addWorkingDays(sparse, d("2026-12-30"), 1e6))
    assert.strictEqual(e.date, "2027-01-01")
    assert.isUndefined(e.pastDateRange)
  })

  it("limits in days or months past 2199 are OutOfRange, on any calendar, with or without carrying over a rest day", () => {
    for (const cal of [WorkCalendar.china, lenient]) {
      for (const rollForwardFromRestDay of [false, true]) {
        for (const duration of [{ amount: 1e8, unit: "days" }, { amount: 3e6, unit: "days" }, { amount: 1e7, unit: "months" }] as const) {
          const e = left(WorkCalendar.dueDate(cal, d("2026-03-02"), duration, { rollForwardFromRestDay }))
          assert.strictEqual(e.date, "2199-12-31")
          assert.isTrue(e.pastDateRange)
        }
      }
    }
    assert.strictEqual(right(WorkCalendar.addDuration(lenient, d("2199-12-01"), { amount: 30, unit: "days" })), "2199-12-31")
    assert.isTrue(left(WorkCalendar.addDuration(lenient, d("2199-12-01"), { amount: 1, unit: "months" })).pastDateRange)
  })
})

// A schedule of every year 1900–2199, each listing `blocks` rest-day blocks that each span the whole
// year: about 3 MB of JSON whose blocks list 30 million days between them.
const hugeSchedule = (blocks: number) => {
  const years: Record<string, unknown> = {}
  for (let y = LocalDate.minYear; y <= LocalDate.maxYear; y++) {
    years[String(y)] = {
      source: `test ${y}`,
      restDays: Array.from({ length: blocks }, () => [`${y}-01-01`, `${y}-12-31`, "全年"]),
      makeUpWorkdays: []
    }
  }
  return { years }
}

describe("WorkCalendar: large and hostile schedules", () => {
  it("a 3 MB schedule of 300 years × 320 whole-year blocks decodes, builds and answers", () => {
    const text = JSON.stringify(hugeSchedule(320))
    assert.isAbove(text.length, 3_000_000)
    const data = right(WorkCalendar.decodeJson(text))
    const cal = WorkCalendar.make(data)
    assert.deepStrictEqual(WorkCalendar.coveredRange(cal), { from: LocalDate.minDate, to: LocalDate.maxDate })
    // Every day is a rest day, so no count of working days ends anywhere.
    assert.strictEqual(right(WorkCalendar.workingDaysBetween(cal, LocalDate.minDate, LocalDate.maxDate)), 0)
    assert.isFalse(right(WorkCalendar.isWorkingDay(cal, d("2026-03-02"))))
    assert.isTrue(left(WorkCalendar.addWorkingDays(cal, LocalDate.minDate, 1)).pastDateRange)
  })

  it("a make-up workday inside many overlapping blocks names the first block that lists it", () => {
    const data = {
      years: {
        "2027": {
          source: "test",
          restDays: [
            ["2027-03-01", "2027-03-05", "a"],
            ...Array.from({ length: 300 }, () => ["2027-01-01", "2027-12-31", "b"]),
            ["2027-02-01", "2027-02-28", "c"]
          ],
          // 2027-02-06 is a Saturday, inside blocks 1–301; 2027-03-06 is a Saturday inside blocks 1–300 only.
          makeUpWorkdays: ["2027-02-06", "2027-03-06"]
        }
      }
    }
    const e = left(WorkCalendar.decodeUnknown(data))
    assert.deepStrictEqual(e.issues.map((i) => [i.path.join("."), i.detail]), [
      ["years.2027.makeUpWorkdays.0", "2027-02-06 is listed both as a make-up workday and as a rest day (restDays.1)"],
      ["years.2027.makeUpWorkdays.1", "2027-03-06 is listed both as a make-up workday and as a rest day (restDays.1)"]
    ])
  })

  it("blocks that reach across centuries are refused without walking their days", () => {
    // Each block spans 1900–2199 in the year 2026: before, every block walked 109,573 days.
    const data = {
      years: {
        "2026": {
          source: "test",
          restDays: Array.from({ length: 300 }, () => ["1900-01-01", "2199-12-31", "x"]),
          makeUpWorkdays: ["2026-01-03"]
        }
      }
    }
    const e = left(WorkCalendar.decodeUnknown(data))
    assert.strictEqual(e.issues.filter((i) => i.path[2] === "restDays").length, 600)
    // The part inside 2026 still counts: 2026-01-03 (a Saturday) is in block 0.
    assert.deepStrictEqual(e.issues.at(-1)?.path, ["years", "2026", "makeUpWorkdays", 0])
    assert.match(e.issues.at(-1)?.detail ?? "", /restDays\.0/)
  })

  it("a year lists at most 366 blocks and 366 make-up workdays", () => {
    assert.strictEqual(WorkCalendar.maxEntriesPerYear, 366)
    const at = (blocks: number, makeUp: number) =>
      WorkCalendar.decodeUnknown({
        years: {
          "2027": {
            source: "test",
            restDays: Array.from({ length: blocks }, () => ["2027-01-01", "2027-01-01", "元旦"]),
            makeUpWorkdays: Array.from({ length: makeUp }, () => "2027-01-02")
          }
        }
      })
    right(at(366, 366))
    assert.deepStrictEqual(left(at(367, 0)).issues.map((i) => i.path.join(".")), ["years.2027.restDays"])
    assert.deepStrictEqual(left(at(0, 367)).issues.map((i) => i.path.join(".")), ["years.2027.makeUpWorkdays"])
  })
})
