// What the Promise API (`powerLists.validate` and `save`, `exercises.check` and `record`) and the
// `qinglian import` command share: a list checked with the rulebook in force for its jurisdiction,
// and exercises checked against the list in force on their date and stored with their reports.
import {
  Exercise,
  type LocalDate,
  PowerList,
  PowerListStore,
  type Rulebook,
  RulebookStore,
  type Storage,
  VersionExists,
  type WorkCalendar
} from "@qinglian/core"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"

/**
 * Checks a list with the rulebook of its own jurisdiction: the county's stored editions over
 * `base`, or `base` alone when it has none.
 */
export const checkList = (
  list: PowerList.PowerList,
  base: Rulebook.Rulebook
): Effect.Effect<PowerList.ValidationReport, Storage.ReadError, Storage.Storage> =>
  Effect.map(RulebookStore.rulebookFor(list.jurisdiction.code, base), (rulebook) => PowerList.check(list, rulebook))

/** No list of `jurisdiction` is in force on `on`: nothing to check an exercise of that day against. */
export class NoListInForce extends Data.TaggedError("NoListInForce")<{
  readonly jurisdiction: string
  readonly on: LocalDate.LocalDate
}> {
  /** What to tell a person, in both languages. */
  get text(): { readonly zh: string; readonly en: string } {
    return {
      zh: `${this.jurisdiction} 在 ${this.on} 没有生效的小微权力清单`,
      en: `no power list of ${this.jurisdiction} is in force on ${this.on}`
    }
  }
}

/** An exercise checked: the result, and the day the report is dated (`asOf`, else the exercise's date). */
export interface Checked {
  readonly exercise: Exercise.Exercise
  readonly result: Exercise.Result
  readonly checkedOn: LocalDate.LocalDate
}

/**
 * A checker of exercises of `jurisdiction`: the rulebook is read once, and each exercise is checked
 * against the list in force on its own date (read once per date), with `calendar`.
 */
export const exerciseChecker = (
  jurisdiction: string,
  base: Rulebook.Rulebook,
  calendar: WorkCalendar.WorkCalendar
): Effect.Effect<
  (exercise: Exercise.Exercise, asOf: LocalDate.LocalDate | undefined) => Effect.Effect<Checked, NoListInForce | Storage.ReadError, Storage.Storage>,
  Storage.ReadError,
  Storage.Storage
> =>
  Effect.map(RulebookStore.rulebookFor(jurisdiction, base), (rulebook) => {
    const lists = new Map<string, PowerList.PowerList>()
    return (exercise: Exercise.Exercise, asOf: LocalDate.LocalDate | undefined) =>
      Effect.gen(function*() {
        let list = lists.get(exercise.date)
        if (list === undefined) {
          const found = yield* PowerListStore.powerLists.inForce(jurisdiction, exercise.date)
          if (Option.isNone(found)) return yield* new NoListInForce({ jurisdiction, on: exercise.date })
          list = found.value.value
          lists.set(exercise.date, list)
        }
        const result = Exercise.checkInList(list, exercise, rulebook, calendar, asOf === undefined ? {} : { asOf })
        const checked: Checked = { exercise, result, checkedOn: asOf ?? exercise.date }
        return checked
      })
  })

/**
 * Stores many checked exercises and their reports, in the caller's transaction: the exercises in
 * one batch write, then each report. Any id stored already is a `VersionExists` naming it, and
 * the caller's transaction then keeps none of them.
 */
export const storeAllChecked = (
  checked: ReadonlyArray<Checked>,
  actor: string
): Effect.Effect<ReadonlyArray<PowerListStore.CheckReport>, Storage.WriteError | VersionExists.VersionExists, Storage.Storage> =>
  Effect.gen(function*() {
    yield* PowerListStore.exercises.insertMany(checked.map((c) => c.exercise), { actor }).pipe(VersionExists.onConflict())
    const reports: Array<PowerListStore.CheckReport> = []
    for (const { checkedOn, exercise, result } of checked) {
      const report = PowerListStore.checkReportOf(exercise, result, checkedOn)
      const version = yield* PowerListStore.checkReports.lastVersion(exercise.id)
      yield* PowerListStore.checkReports.append(exercise.id, version, [report], { actor })
      reports.push(report)
    }
    return reports
  })

/**
 * Stores a checked exercise and the report of its check, in the caller's transaction. An exercise
 * is recorded once: its id stored already is a `VersionExists` naming it.
 */
export const storeChecked = (
  checked: Checked,
  actor: string
): Effect.Effect<PowerListStore.CheckReport, Storage.WriteError | VersionExists.VersionExists, Storage.Storage> =>
  Effect.map(storeAllChecked([checked], actor), (reports) => reports[0]!)
