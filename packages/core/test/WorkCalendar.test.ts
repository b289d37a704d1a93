import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as SchemaAST from "effect/SchemaAST"
import * as fc from "fast-check"
import holidaysCnJson from "../src/calendar/data/holidays-cn.json" with { type: "json" }
import * as CalendarIndex from "../src/calendar/internal/calendarIndex.js"
import * as LocalDate from "../src/base/LocalDate.js"
import * as WorkCalendar from "../src/calendar/WorkCalendar.js"

const d = LocalDate.unsafeMake
const cal = WorkCalendar.china

const right = <A, E>(e: Either.Either<A, E>): A => {
  if (Either.isLeft(e)) assert.fail(`expected Right, got ${String(e.left)}`)
  return e.right
}
const left = <A, E>(e: Either.Either<A, E>): E => {
  if (Either.isRight(e)) assert.fail(`expected Left, got ${JSON.stringify(e.right)}`)
  return e.left
}

const year2027 = {
  years: {
    "2027": {
      source: "test data shaped like a State Council notice",
      restDays: [["2027-01-01", "2027-01-03", "元旦"], ["2027-02-06", "2027-02-12", "春节"]],
      makeUpWorkdays: ["2027-02-13"]
    }
  }
}
const data2027 = right(WorkCalendar.decodeUnknown(year2027))
const only2025 = WorkCalendar.make({ years: { "2025": WorkCalendar.chinaData.years["2025"]! } })

// -----------------------------------------------------------------------------
// A day-by-day reference read straight from the data, sharing nothing with the index.
// -----------------------------------------------------------------------------

const naiveIsWorking = (
  data: WorkCalendar.CalendarData,
  policy: WorkCalendar.OutOfRangePolicy,
  date: LocalDate.LocalDate
): boolean | undefined => {
  const year = data.years[date.slice(0, 4)]
  if (year === undefined) return policy === "weekendsOnly" ? !LocalDate.isWeekend(date) : undefined
  if (year.makeUpWorkdays.includes(date)) return true
  if (year.restDays.some(([from, to]) => from <= date && date <= to)) return false
  return !LocalDate.isWeekend(date)
}

const naiveBetween = (
  data: WorkCalendar.CalendarData,
  policy: WorkCalendar.OutOfRangePolicy,
  from: LocalDate.LocalDate,
  to: LocalDate.LocalDate
): number | undefined => {
  const [lo, hi, sign] = from <= to ? [from, to, 1] : [to, from, -1]
  if (naiveIsWorking(data, policy, lo) === undefined) return undefined
  let count = 0
  for (let day = LocalDate.addDays(lo, 1); day <= hi; day = LocalDate.addDays(day, 1)) {
    const w = naiveIsWorking(data, policy, day)
    if (w === undefined) return undefined
    if (w) count++
  }
  return sign * count
}

const naiveAdd = (
  data: WorkCalendar.CalendarData,
  policy: WorkCalendar.OutOfRangePolicy,
  date: LocalDate.LocalDate,
  n: number
): LocalDate.LocalDate | undefined => {
  if (naiveIsWorking(data, policy, date) === undefined) return undefined
  const step = n >= 0 ? 1 : -1
  let day = date
  for (let left = Math.abs(n); left > 0;) {
    day = LocalDate.addDays(day, step)
    const w = naiveIsWorking(data, policy, day)
    if (w === undefined) return undefined
    if (w) left--
  }
  return day
}

const dateIn = (from: string, to: string) =>
  fc.integer({ min: LocalDate.toEpochDay(d(from)), max: LocalDate.toEpochDay(d(to)) }).map(LocalDate.fromEpochDay)

const covered = dateIn("2025-01-01", "2026-12-31")

describe("WorkCalendar.china: known dates", () => {
  const working = (date: string) => right(WorkCalendar.isWorkingDay(cal, d(date)))

  it("2026-02-14, a Saturday, is a make-up workday (春节调休)", () => assert.isTrue(working("2026-02-14")))
  it("2026-10-05, a Monday, is a rest day (国庆节)", () => assert.isFalse(working("2026-10-05")))
  it("2026-01-04, a Sunday, is a make-up workday (元旦调休)", () => assert.isTrue(working("2026-01-04")))
  it("2025-10-08, a Wednesday, is a rest day (国庆节、中秋节)", () => assert.isFalse(working("2025-10-08")))
  it("2026-02-16, a Monday, is a rest day (春节)", () => assert.isFalse(working("2026-02-16")))
  it("2026-03-11, a plain Wednesday, is a workday", () => assert.isTrue(working("2026-03-11")))
  it("a plain Saturday is a rest day", () => assert.isFalse(working("2026-03-14")))

  it("15 working days after 2026-02-10 spans the Spring Festival and lands on 2026-03-09", () => {
    // Counting from Tue 2026-02-10 (not counted):
    //   02-11 Wed 1, 02-12 Thu 2, 02-13 Fri 3, 02-14 Sat (调休上班) 4,
    //   02-15 … 02-23 春节 rest,
    //   02-24 Tue 5, 02-25 Wed 6, 02-26 Thu 7, 02-27 Fri 8, 02-28 Sat (调休上班) 9, 03-01 Sun rest,
    //   03-02 Mon 10, 03-03 11, 03-04 12, 03-05 13, 03-06 Fri 14, 03-07/08 weekend, 03-09 Mon 15.
    assert.strictEqual(right(WorkCalendar.addWorkingDays(cal, d("2026-02-10"), 15)), "2026-03-09")
    assert.strictEqual(right(WorkCalendar.workingDaysBetween(cal, d("2026-02-10"), d("2026-03-09"))), 15)
  })

  it("2026 has 248 working days: 261 weekdays − 19 weekday holidays + 6 make-up days", () => {
    // 2026 starts on a Thursday: 52 weeks + 1 Thursday = 261 weekdays. Weekday rest days: 元旦 01-01, 01-02 (2);
    // 春节 02-16…02-20, 02-23 (6); 清明 04-06 (1); 劳动节 05-01, 05-04, 05-05 (3); 端午 06-19 (1);
    // 中秋 09-25 (1); 国庆 10-01, 10-02, 10-05…10-07 (5) = 19.
    assert.strictEqual(right(WorkCalendar.workingDaysBetween(cal, d("2025-12-31"), d("2026-12-31"))), 248)
  })

  it("2025 has 248 working days: 261 weekdays − 18 weekday holidays + 5 make-up days", () => {
    // 2025 starts on a Wednesday: 261 weekdays. Weekday rest days: 元旦 01-01 (1); 春节 01-28…01-31,
    // 02-03, 02-04 (6); 清明 04-04 (1); 劳动节 05-01, 05-02, 05-05 (3); 端午 06-02 (1);
    // 国庆、中秋 10-01…10-03, 10-06…10-08 (6) = 18. 01-01 is a rest day, so counting after it loses nothing.
    assert.strictEqual(right(WorkCalendar.workingDaysBetween(cal, d("2025-01-01"), d("2025-12-31"))), 248)
  })

  it("nextWorkingDay, previousWorkingDay and rollForward skip rest days", () => {
    assert.strictEqual(right(WorkCalendar.nextWorkingDay(cal, d("2026-09-30"))), "2026-10-08")
    assert.strictEqual(right(WorkCalendar.previousWorkingDay(cal, d("2026-10-08"))), "2026-09-30")
    assert.strictEqual(right(WorkCalendar.rollForward(cal, d("2026-10-03"))), "2026-10-08")
    assert.strictEqual(right(WorkCalendar.rollForward(cal, d("2026-10-08"))), "2026-10-08")
    assert.strictEqual(right(WorkCalendar.addWorkingDays(cal, d("2026-10-08"), -2)), "2026-09-29")
  })

  it("addDuration counts days and months on the plain calendar and working days on the work calendar", () => {
    assert.strictEqual(right(WorkCalendar.addDuration(cal, d("2026-02-10"), { amount: 15, unit: "days" })), "2026-02-25")
    assert.strictEqual(right(WorkCalendar.addDuration(cal, d("2026-01-31"), { amount: 1, unit: "months" })), "2026-02-28")
    assert.strictEqual(
      right(WorkCalendar.addDuration(cal, d("2026-02-10"), { amount: 15, unit: "workingDays" })),
      "2026-03-09"
    )
  })

  it("coveredRange spans the listed years", () => {
    assert.deepStrictEqual(WorkCalendar.coveredRange(cal), { from: "2025-01-01", to: "2026-12-31" })
    assert.deepStrictEqual(cal.years, [2025, 2026])
  })

  it("the shipped data passes its own schema and cites each year's notice", () => {
    const decoded = right(WorkCalendar.decodeUnknown(JSON.parse(JSON.stringify(WorkCalendar.chinaData))))
    assert.deepStrictEqual(decoded, WorkCalendar.chinaData)
    for (const year of Object.values(decoded.years)) assert.match(year.source, /^国务院办公厅关于\d{4}年部分节假日安排的通知/)
  })
})

describe("WorkCalendar: shipped data", () => {
  it("the shipped JSON decodes with every CalendarData check, and is what chinaData holds", () => {
    assert.deepStrictEqual(right(WorkCalendar.decodeUnknown(holidaysCnJson)), WorkCalendar.chinaData)
    assert.deepStrictEqual(WorkCalendar.china.data, WorkCalendar.chinaData)
    assert.deepStrictEqual(WorkCalendar.china.years, [2025, 2026])
    assert.strictEqual(WorkCalendar.china.outOfRange, "error")
  })

  it("is decoded and indexed once: every read gives the same values", () => {
    assert.strictEqual(WorkCalendar.chinaData.years, WorkCalendar.chinaData.years)
    assert.strictEqual(WorkCalendar.china.data, WorkCalendar.china.data)
    assert.strictEqual(WorkCalendar.china.years, WorkCalendar.china.years)
  })

  it("behaves like a calendar built from the same data", () => {
    const built = WorkCalendar.make(WorkCalendar.chinaData)
    for (const date of ["2025-01-26", "2025-10-01", "2026-02-14", "2026-02-16", "2026-12-31"]) {
      assert.strictEqual(right(WorkCalendar.isWorkingDay(cal, d(date))), right(WorkCalendar.isWorkingDay(built, d(date))), date)
    }
    assert.deepStrictEqual(WorkCalendar.coveredRange(cal), WorkCalendar.coveredRange(built))
    assert.deepStrictEqual({ ...cal }, { ...built })
  })
})

describe("WorkCalendar: out of range", () => {
  it("a date outside the known years is an OutOfRange error naming the date and the covered range", () => {
    const error = left(WorkCalendar.isWorkingDay(cal, d("2024-06-01")))
    assert.strictEqual(error._tag, "CalendarOutOfRange")
    assert.strictEqual(error.date, "2024-06-01")
    assert.strictEqual(error.from, "2025-01-01")
    assert.strictEqual(error.to, "2026-12-31")
    assert.include(error.message, "2024-06-01")
  })

  it("the error is named in the package's namespace, keeps its _tag and is caught by it", () => {
    const ast = WorkCalendar.OutOfRange.ast
    assert.isTrue(SchemaAST.isTransformation(ast))
    if (SchemaAST.isTransformation(ast)) {
      assert.deepStrictEqual(
        SchemaAST.getIdentifierAnnotation(ast.to).pipe(Either.fromOption(() => "none")),
        Either.right("@qinglian/core/calendar/OutOfRange")
      )
    }
    const caught = Effect.runSync(
      WorkCalendar.isWorkingDay(cal, d("2024-06-01")).pipe(
        Effect.map(() => "working"),
        Effect.catchTag("CalendarOutOfRange", (e) => Effect.succeed(e.date))
      )
    )
    assert.strictEqual(caught, "2024-06-01")
  })

  it("adding past the last covered day reports the first day not covered", () => {
    const error = left(WorkCalendar.addWorkingDays(cal, d("2026-12-20"), 10))
    assert.strictEqual(error.date, "2027-01-01")
    assert.strictEqual(left(WorkCalendar.workingDaysBetween(cal, d("2026-12-20"), d("2027-01-10"))).date, "2027-01-01")
    assert.strictEqual(left(WorkCalendar.addWorkingDays(cal, d("2025-01-05"), -5)).date, "2024-12-31")
  })

  it("with the weekendsOnly fallback, unknown years count Monday–Friday", () => {
    const lenient = WorkCalendar.make(WorkCalendar.chinaData, { outOfRange: "weekendsOnly" })
    assert.isFalse(right(WorkCalendar.isWorkingDay(lenient, d("2024-06-01")))) // Saturday
    assert.isTrue(right(WorkCalendar.isWorkingDay(lenient, d("2024-06-03")))) // Monday
    // Known years keep their holidays.
    assert.isTrue(right(WorkCalendar.isWorkingDay(lenient, d("2026-02-14"))))
    // Thu 2026-12-31 + 3 working days: Fri 01-01, Mon 01-04, Tue 01-05 (no holidays known for 2027).
    assert.strictEqual(right(WorkCalendar.addWorkingDays(lenient, d("2026-12-31"), 3)), "2027-01-05")
    // Mon 2024-12-30 and Tue 12-31 precede the known 2025-01-01 (元旦) and Thu 01-02.
    assert.strictEqual(right(WorkCalendar.workingDaysBetween(lenient, d("2024-12-27"), d("2025-01-02"))), 3)
  })

  it("a year missing between listed years is out of range, not guessed", () => {
    const gapped = WorkCalendar.withYears(only2025, data2027)
    assert.deepStrictEqual(gapped.years, [2025, 2027])
    assert.strictEqual(left(WorkCalendar.isWorkingDay(gapped, d("2026-06-01"))).date, "2026-06-01")
    assert.strictEqual(left(WorkCalendar.workingDaysBetween(gapped, d("2025-12-01"), d("2027-03-01"))).date, "2026-01-01")
    assert.strictEqual(left(WorkCalendar.addWorkingDays(gapped, d("2025-12-30"), 5)).date, "2026-01-01")
    assert.strictEqual(left(WorkCalendar.addWorkingDays(gapped, d("2027-01-05"), -5)).date, "2026-12-31")
    assert.isTrue(right(WorkCalendar.isWorkingDay(gapped, d("2027-02-13"))))
  })

  it("withYears adds a year the integrator decoded", () => {
    const extended = WorkCalendar.withYears(cal, data2027)
    assert.deepStrictEqual(extended.years, [2025, 2026, 2027])
    assert.isFalse(right(WorkCalendar.isWorkingDay(extended, d("2027-02-08"))))
    // Thu 2026-12-31 → Mon 01-04 1, Tue 01-05 2 (元旦 01-01…03).
    assert.strictEqual(right(WorkCalendar.addWorkingDays(extended, d("2026-12-31"), 2)), "2027-01-05")
    // The original calendar is unchanged.
    assert.isTrue(Either.isLeft(WorkCalendar.isWorkingDay(cal, d("2027-02-08"))))
  })

  it.effect("OutOfRange fails an Effect when yielded", () =>
    Effect.gen(function*() {
      const result = yield* Effect.either(
        Effect.gen(function*() {
          return yield* WorkCalendar.addWorkingDays(cal, d("2024-06-01"), 3)
        })
      )
      assert.isTrue(Either.isLeft(result))
    }))
})

describe("WorkCalendar: bad calendar data", () => {
  const issues = (text: string) => left(WorkCalendar.decodeJson(text)).issues.map((i) => [i.path.join("."), i.detail])

  it("rejects text that is not JSON", () => {
    const [[path, message]] = issues("{years: 2027}") as [[string, string]]
    assert.strictEqual(path, "")
    assert.match(message, /JSON/)
  })

  it("rejects wrong types with their paths", () => {
    assert.deepStrictEqual(
      issues(JSON.stringify({ years: { "2027": { source: 5, restDays: {}, makeUpWorkdays: [] } } })),
      [["years.2027.source", "Expected string, actual 5"], ["years.2027.restDays", "Expected ReadonlyArray<RestDays>, actual {}"]]
    )
    assert.deepStrictEqual(issues(JSON.stringify({ years: [] })).map(([p]) => p), ["years"])
  })

  it("rejects bad dates with the path of the date", () => {
    assert.deepStrictEqual(
      issues(JSON.stringify({
        years: {
          "2027": { source: "s", restDays: [["2027-01-01", "2027-02-30", "x"]], makeUpWorkdays: [20270213] }
        }
      })),
      [
        ["years.2027.restDays.0.1", "expected a calendar date YYYY-MM-DD from 1900 to 2199, got \"2027-02-30\""],
        ["years.2027.makeUpWorkdays.0", "expected a calendar date YYYY-MM-DD from 1900 to 2199, got 20270213"]
      ]
    )
  })

  it("rejects a year key that is not a year, an empty calendar and a rest-day block without its name", () => {
    assert.deepStrictEqual(
      issues(JSON.stringify({ years: { "27": { source: "s", restDays: [], makeUpWorkdays: [] } } })),
      [["years.27", "expected a year from 1900 to 2199 written with four digits, got \"27\""]]
    )
    assert.deepStrictEqual(issues(JSON.stringify({ years: {} })), [["years", "expected at least one year"]])
    assert.deepStrictEqual(
      issues(JSON.stringify({ years: { "2027": { source: "s", restDays: [["2027-01-01", "2027-01-01"]], makeUpWorkdays: [] } } }))
        .map(([p]) => p),
      ["years.2027.restDays.0.2"]
    )
  })

  it("reports every semantic problem with its path", () => {
    assert.deepStrictEqual(
      issues(JSON.stringify({
        years: {
          "2027": {
            source: "s",
            restDays: [["2027-01-03", "2027-01-01", "元旦"], ["2026-12-31", "2027-01-01", "元旦"], ["2027-02-06", "2027-02-12", "春节"]],
            makeUpWorkdays: ["2027-01-04", "2027-02-06", "2028-01-01"]
          }
        }
      })),
      [
        ["years.2027.restDays.0.1", "the range ends on 2027-01-01, before it starts on 2027-01-03"],
        ["years.2027.restDays.1.0", "rest day 2026-12-31 is outside the year 2027"],
        ["years.2027.makeUpWorkdays.0", "make-up workday 2027-01-04 is not a Saturday or Sunday; weekdays are workdays already"],
        ["years.2027.makeUpWorkdays.1", "2027-02-06 is listed both as a make-up workday and as a rest day (restDays.2)"],
        ["years.2027.makeUpWorkdays.2", "make-up workday 2028-01-01 is outside the year 2027"]
      ]
    )
  })

  it("make refuses data that breaks the rules instead of building a wrong calendar", () => {
    const bad = { years: { "2027": { ...data2027.years["2027"]!, makeUpWorkdays: [d("2027-01-04")] } } }
    assert.throws(() => WorkCalendar.make(bad), /not a Saturday or Sunday/)
  })
})

describe("WorkCalendar: properties", () => {
  it("the index's date conversions agree with LocalDate over four centuries", () => {
    fc.assert(
      // Checked against JavaScript's Date (years from 1900 to 2300, where Date.UTC is exact), and
      // against LocalDate where LocalDate has dates. The index names days by LocalDate's
      // fromEpochDay, so it never names a day LocalDate does not have.
      fc.property(fc.integer({ min: -25_567, max: 120_894 }), (e) => {
        const date = new Date(e * 86_400_000).toISOString().slice(0, 10)
        assert.strictEqual(CalendarIndex.epochDayOf(date), e)
        if (e <= LocalDate.maxEpochDay) {
          assert.strictEqual(LocalDate.fromEpochDay(e), date)
          assert.strictEqual(LocalDate.toEpochDay(LocalDate.unsafeMake(date)), e)
        }
      }),
      { numRuns: 5000 }
    )
    // Around leap days and century years.
    for (const s of ["1900-02-28", "1900-03-01", "2000-02-29", "2024-02-29", "2100-03-01", "1999-12-31"]) {
      assert.strictEqual(LocalDate.fromEpochDay(CalendarIndex.epochDayOf(s)), s)
      assert.strictEqual(CalendarIndex.epochDayOf(s), LocalDate.toEpochDay(d(s)))
    }
  })

  const lenient = WorkCalendar.make(WorkCalendar.chinaData, { outOfRange: "weekendsOnly" })
  const policies = [["error", cal], ["weekendsOnly", lenient]] as const
  const anyDate = dateIn("2023-06-01", "2028-06-30")

  it("workingDaysBetween(d, addWorkingDays(d, n)) === n, and the result is a working day", () => {
    fc.assert(
      fc.property(covered, fc.integer({ min: 0, max: 400 }), (date, n) => {
        const result = WorkCalendar.addWorkingDays(cal, date, n)
        if (Either.isLeft(result)) return naiveAdd(cal.data, "error", date, n) === undefined
        assert.strictEqual(right(WorkCalendar.workingDaysBetween(cal, date, result.right)), n)
        if (n >= 1) assert.isTrue(right(WorkCalendar.isWorkingDay(cal, result.right)))
        return true
      }),
      { numRuns: 2000 }
    )
  })

  it("the same holds beyond the known years with the fallback, for negative n too", () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -400, max: 400 }), (date, n) => {
        const result = right(WorkCalendar.addWorkingDays(lenient, date, n))
        if (n >= 0) assert.strictEqual(right(WorkCalendar.workingDaysBetween(lenient, date, result)), n)
        if (n !== 0) assert.isTrue(right(WorkCalendar.isWorkingDay(lenient, result)))
      }),
      { numRuns: 2000 }
    )
  })

  it("workingDaysBetween is additive: between(a, b) + between(b, c) = between(a, c)", () => {
    for (const [, calendar] of policies) {
      const dates = calendar === cal ? covered : anyDate
      fc.assert(
        fc.property(dates, dates, dates, (a, b, c) => {
          const ab = right(WorkCalendar.workingDaysBetween(calendar, a, b))
          const bc = right(WorkCalendar.workingDaysBetween(calendar, b, c))
          assert.strictEqual(ab + bc, right(WorkCalendar.workingDaysBetween(calendar, a, c)))
        }),
        { numRuns: 1000 }
      )
    }
  })

  it("agrees with a day-by-day reference on random dates, in range and out", () => {
    for (const [policy, calendar] of policies) {
      fc.assert(
        fc.property(anyDate, anyDate, fc.integer({ min: -150, max: 150 }), (a, b, n) => {
          const working = WorkCalendar.isWorkingDay(calendar, a)
          assert.strictEqual(Either.getOrUndefined(working), naiveIsWorking(calendar.data, policy, a))
          const between = WorkCalendar.workingDaysBetween(calendar, a, b)
          assert.strictEqual(Either.getOrUndefined(between), naiveBetween(calendar.data, policy, a, b))
          const added = WorkCalendar.addWorkingDays(calendar, a, n)
          assert.strictEqual(Either.getOrUndefined(added), naiveAdd(calendar.data, policy, a, n))
        }),
        { numRuns: 800 }
      )
    }
  })

  it("agrees with the reference on a calendar with a missing year", () => {
    const gapped = WorkCalendar.withYears(only2025, data2027)
    fc.assert(
      fc.property(dateIn("2024-10-01", "2028-03-31"), fc.integer({ min: -300, max: 300 }), (a, n) => {
        assert.strictEqual(
          Either.getOrUndefined(WorkCalendar.addWorkingDays(gapped, a, n)),
          naiveAdd(gapped.data, "error", a, n)
        )
        const b = LocalDate.addDays(a, n)
        assert.strictEqual(
          Either.getOrUndefined(WorkCalendar.workingDaysBetween(gapped, a, b)),
          naiveBetween(gapped.data, "error", a, b)
        )
      }),
      { numRuns: 1500 }
    )
  })
})

describe("WorkCalendar.dueDate", () => {
  const day = (s: string) => LocalDate.unsafeMake(s)
  const roll = { rollForwardFromRestDay: true }
  const keep = { rollForwardFromRestDay: false }

  it("carries a month limit that ends in a holiday to the next working day", () => {
    // 2026-03-03 + 2 months = 2026-05-03, inside the Labour Day rest (05-01–05-05).
    const limit = { amount: 2, unit: "months" } as const
    assert.deepStrictEqual(WorkCalendar.dueDate(WorkCalendar.china, day("2026-03-03"), limit, roll), Either.right(day("2026-05-06")))
    assert.deepStrictEqual(WorkCalendar.dueDate(WorkCalendar.china, day("2026-03-03"), limit, keep), Either.right(day("2026-05-03")))
  })

  it("carries a day limit that ends on a weekend, but not onto a make-up workday", () => {
    // 2026-02-04 + 10 days = Saturday 02-14, a make-up workday: it stays.
    assert.deepStrictEqual(
      WorkCalendar.dueDate(WorkCalendar.china, day("2026-02-04"), { amount: 10, unit: "days" }, roll),
      Either.right(day("2026-02-14"))
    )
    // 2026-02-05 + 10 days = Sunday 02-15, first day of the Spring Festival rest (02-15–02-23).
    assert.deepStrictEqual(
      WorkCalendar.dueDate(WorkCalendar.china, day("2026-02-05"), { amount: 10, unit: "days" }, roll),
      Either.right(day("2026-02-24"))
    )
  })

  it("leaves working-day limits as addWorkingDays counts them", () => {
    const limit = { amount: 15, unit: "workingDays" } as const
    assert.deepStrictEqual(
      WorkCalendar.dueDate(WorkCalendar.china, day("2026-02-10"), limit, roll),
      WorkCalendar.addWorkingDays(WorkCalendar.china, day("2026-02-10"), 15)
    )
  })

  it("keeps the calendar date where the year is not listed, and still refuses working days there", () => {
    assert.deepStrictEqual(
      WorkCalendar.dueDate(WorkCalendar.china, day("2026-12-10"), { amount: 1, unit: "months" }, roll),
      Either.right(day("2027-01-10"))
    )
    assert.isTrue(
      Either.isLeft(WorkCalendar.dueDate(WorkCalendar.china, day("2026-12-20"), { amount: 15, unit: "workingDays" }, roll))
    )
  })
})
