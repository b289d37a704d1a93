// Due dates remembered per calendar. A due date is a pure function of the calendar, the day the
// clock starts, the limit and whether a rest day carries it over, and a county opens the same few
// limits on the same days over and over. The memo is keyed by the calendar object the caller
// passes, so it lives as long as that calendar does; its size is bounded by the days the
// calendar's cases start on times the limits the rulebook names.
import type * as Either from "effect/Either"
import type * as LocalDate from "../../base/LocalDate.js"
import * as WorkCalendar from "../../calendar/WorkCalendar.js"
import type * as Rulebook from "../../rulebook/Rulebook.js"

const memos = new WeakMap<WorkCalendar.WorkCalendar, Map<string, Either.Either<LocalDate.LocalDate, WorkCalendar.OutOfRange>>>()

export const dueDate = (
  calendar: WorkCalendar.WorkCalendar,
  startedOn: LocalDate.LocalDate,
  limit: Rulebook.Duration,
  rollForwardFromRestDay: boolean
): Either.Either<LocalDate.LocalDate, WorkCalendar.OutOfRange> => {
  let memo = memos.get(calendar)
  if (memo === undefined) {
    memo = new Map()
    memos.set(calendar, memo)
  }
  const key = startedOn + "\u0000" + limit.amount + "\u0000" + limit.unit + (rollForwardFromRestDay ? "\u0000r" : "")
  let due = memo.get(key)
  if (due === undefined) {
    due = WorkCalendar.dueDate(calendar, startedOn, limit, { rollForwardFromRestDay })
    memo.set(key, due)
  }
  return due
}
