/**
 * Statutory due dates on the official working-day calendar (调休 included): what a case officer
 * needs when a letter inquiry goes out just before a long holiday.
 *
 *   npx tsx --conditions source examples/calendar-deadlines.ts [YYYY-MM-DD] [--years schedule.json]
 *
 * The start date defaults to 2025-09-26, the Friday before the 2025 National Day break. Durations
 * come from the rulebook with their citations; working days from the calendar shipped for 2025 and
 * 2026. `--years` adds years from a schedule file (the format of `WorkCalendar.CalendarData`, e.g.
 * next year's State Council notice once it is published; see docs/calendar.md).
 */
import * as fs from "node:fs"
import { parseArgs } from "node:util"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { Citation, InvalidInput, LocalDate, Rulebook, WorkCalendar } from "@qinglian/core"

const { positionals, values } = parseArgs({ allowPositionals: true, options: { years: { type: "string" } } })
const readText = (file: string) =>
  Effect.try({ try: () => fs.readFileSync(file, "utf8"), catch: () => new Error(`cannot read ${file}`) })
const weekday = ["", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

const program = Effect.gen(function*() {
  const start = yield* InvalidInput.decodeUnknown(LocalDate.LocalDate, "start date")(positionals[0] ?? "2025-09-26")
  const calendar = values.years === undefined
    ? WorkCalendar.china
    : WorkCalendar.withYears(WorkCalendar.china, yield* WorkCalendar.decodeJson(yield* readText(values.years)))
  const range = WorkCalendar.coveredRange(calendar)
  console.log(`calendar covers ${range.from} – ${range.to} (years ${calendar.years.join(", ")})`)

  // Two weeks from the start date: weekends that are worked and weekdays that are not show up here.
  console.log(`\nthe two weeks from ${start}:`)
  for (let i = 0; i < 14; i++) {
    const day = LocalDate.addDays(start, i)
    const working = yield* WorkCalendar.isWorkingDay(calendar, day)
    const unusual = working === LocalDate.isWeekend(day)
    const label = working ? (unusual ? "working (调休上班, make-up workday)" : "working") : unusual ? "rest (法定假日)" : "rest"
    console.log(`  ${day} ${weekday[LocalDate.isoWeekday(day)]}  ${label}`)
  }

  const rules = yield* Rulebook.at(Rulebook.defaults, start)
  console.log(`\ndue dates for something started on ${start}:`)
  const keys = [
    "case.letterInquiryReply",
    "disclosure.majorMatterDeadline",
    "case.leadDisposal",
    "case.investigation",
    "case.recheckDecide"
  ] as const
  for (const key of keys) {
    const duration = Rulebook.value(rules, key)
    const due = yield* WorkCalendar.addDuration(calendar, start, duration)
    const working = yield* WorkCalendar.workingDaysBetween(calendar, start, due)
    console.log(
      `  ${key.padEnd(31)} ${`${duration.amount} ${duration.unit}`.padEnd(15)} → ${due}` +
        `  (${LocalDate.daysBetween(start, due)} calendar days, ${working} working days)`
    )
    console.log(`  ${"".padEnd(31)} ${rules.parameters[key].scope}: ${Citation.format(Rulebook.citationOf(rules, key))}`)
  }

  // Past the last year the calendar knows, it refuses rather than guess a holiday schedule.
  const late = LocalDate.unsafeMake(`${range.to.slice(0, 4)}-12-20`)
  const beyond = WorkCalendar.addWorkingDays(calendar, late, 15)
  console.log(`\n15 working days after ${late}:`)
  console.log(Either.isRight(beyond) ? `  ${beyond.right}` : `  ${beyond.left._tag}: ${beyond.left.message}`)
  // An explicit, visible approximation for dates with no published schedule yet.
  const approx = WorkCalendar.make(calendar.data, { outOfRange: "weekendsOnly" })
  const approxDue = yield* WorkCalendar.addWorkingDays(approx, late, 15)
  console.log(`  with { outOfRange: "weekendsOnly" } (weekends only, no holidays): ${approxDue}`)
})

Effect.runPromise(
  program.pipe(Effect.catchAll((e) => Effect.sync(() => (console.log(`✗ ${e.message}`), false))))
).then((ok) => {
  process.exitCode = ok === false ? 1 : 0
})
