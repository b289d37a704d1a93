/**
 * Task books (任务书): every Monday the area leader issues each village's tasks for the week, each
 * 定时 (a deadline), 定人 (exactly one named owner) and 定量 (a measurable target with a unit).
 * Owners report progress with evidence; the next Monday the leader takes stock (盘点), rating and
 * commenting on each member's week (点评).
 *
 * Weeks are ISO weeks (`2026-W12`). The meeting is held on the week's first working day on the
 * WorkCalendar by default, so a week whose Monday is a public holiday still has one; a town may
 * hold it on the Monday regardless, or name the date in the book.
 *
 * @example
 * ```ts
 * import { LocalDate } from "@qinglian/core"
 * import { TaskBook } from "@qinglian/scoring"
 *
 * // 一周一安排: a village's task book belongs to an ISO week, issued at the Monday meeting.
 * const week = TaskBook.weekOf(LocalDate.unsafeMake("2026-03-18"))
 * console.log(week, TaskBook.mondayOf(week), TaskBook.nextWeek(week)) // "2026-W12" "2026-03-16" "2026-W13"
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */
import { Cadre, Diagnostic, Ids, LocalDate, WorkCalendar } from "@qinglian/core"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Input from "./Input.js"
import * as Points from "./Points.js"

const bi = Input.bilingual

// ---------------------------------------------------------------------------------------------
// Weeks
// ---------------------------------------------------------------------------------------------

/**
 * An ISO week: `YYYY-Www` (`2026-W12`), in the years {@link firstWeekYear}–{@link lastWeekYear}.
 *
 * @since 0.1.0
 * @category schemas
 */
export const IsoWeek = Schema.String.pipe(
  Schema.pattern(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, { message: () => bi("周次格式应为 YYYY-Www，如 2026-W12", "a week is written YYYY-Www, e.g. 2026-W12") }),
  Schema.filter((w) => {
    const year = Number(w.slice(0, 4))
    if (year < firstWeekYear || year > lastWeekYear) {
      return bi(`周次的年份应在 ${firstWeekYear} 至 ${lastWeekYear} 年之间`, `a week's year must be from ${firstWeekYear} to ${lastWeekYear}`)
    }
    return weekExists(w) || bi(`该年没有第${w.slice(6)}周`, `${w} does not exist`)
  }),
  Schema.brand("IsoWeek")
).annotations({ identifier: "IsoWeek" })

/**
 * The first year of an {@link IsoWeek}: a year after core's first date (`LocalDate.minYear`), so
 * that the week before any week still has dates the library represents.
 *
 * @since 0.1.0
 * @category weeks
 */
export const firstWeekYear: number = LocalDate.minYear + 1

/**
 * The last year of an {@link IsoWeek}: a year before core's last date (`LocalDate.maxYear`), so
 * that the week after any week still has dates the library represents.
 *
 * @since 0.1.0
 * @category weeks
 */
export const lastWeekYear: number = LocalDate.maxYear - 1

/**
 * @since 0.1.0
 * @category models
 */
export type IsoWeek = typeof IsoWeek.Type

const mondayOfWeek1 = (year: number): number => {
  const jan4 = LocalDate.toEpochDay(LocalDate.unsafeMake(`${year}-01-04`))
  const wd = LocalDate.isoWeekday(LocalDate.unsafeMake(`${year}-01-04`))
  return jan4 - (wd - 1)
}

function weekExists(w: string): boolean {
  const year = Number(w.slice(0, 4))
  const n = Number(w.slice(6))
  return n >= 1 && mondayOfWeek1(year) + (n - 1) * 7 < mondayOfWeek1(year + 1)
}

/**
 * The Monday of an ISO week.
 *
 * @since 0.1.0
 * @category weeks
 */
export const mondayOf = (week: IsoWeek): LocalDate.LocalDate =>
  LocalDate.fromEpochDay(mondayOfWeek1(Number(week.slice(0, 4))) + (Number(week.slice(6)) - 1) * 7)

/**
 * The Sunday of an ISO week.
 *
 * @since 0.1.0
 * @category weeks
 */
export const sundayOf = (week: IsoWeek): LocalDate.LocalDate => LocalDate.addDays(mondayOf(week), 6)

/**
 * The ISO week a date falls in.
 *
 * @since 0.1.0
 * @category weeks
 */
export const weekOf = (date: LocalDate.LocalDate): IsoWeek => {
  const day = LocalDate.toEpochDay(date)
  const thursday = day - (LocalDate.isoWeekday(date) - 1) + 3
  const year = Number(LocalDate.fromEpochDay(thursday).slice(0, 4))
  const n = Math.floor((thursday - mondayOfWeek1(year)) / 7) + 1
  return `${year}-W${String(n).padStart(2, "0")}` as IsoWeek
}

/**
 * The week before.
 *
 * @since 0.1.0
 * @category weeks
 */
export const previousWeek = (week: IsoWeek): IsoWeek => weekOf(LocalDate.addDays(mondayOf(week), -7))

/**
 * The week after.
 *
 * @since 0.1.0
 * @category weeks
 */
export const nextWeek = (week: IsoWeek): IsoWeek => weekOf(LocalDate.addDays(mondayOf(week), 7))

/**
 * Makes an ISO week from a string already known to be one; throws otherwise.
 *
 * @since 0.1.0
 * @category weeks
 */
export const unsafeWeek = (s: string): IsoWeek => {
  if (!/^\d{4}-W\d{2}$/.test(s) || !weekExists(s)) throw new Error(`not an ISO week: ${s}`)
  return s as IsoWeek
}

/**
 * When the weekly meeting is held and how far ahead its tasks may fall due.
 *
 * - `meeting`: `firstWorkingDay` (default; the week's first working day on the calendar, or the
 *   Monday when the week has none) or `monday` (always the Monday);
 * - `horizonDays`: calendar days after the week's Sunday a deadline may still fall (default 0).
 *
 * @since 0.1.0
 * @category models
 */
export interface WeekPolicy {
  readonly meeting?: "firstWorkingDay" | "monday" | undefined
  readonly horizonDays?: number | undefined
}

/**
 * The meeting date of a week under a policy.
 *
 * @since 0.1.0
 * @category weeks
 */
export const meetingDate = (
  calendar: WorkCalendar.WorkCalendar,
  week: IsoWeek,
  policy: WeekPolicy = {}
): Either.Either<LocalDate.LocalDate, WorkCalendar.OutOfRange> => {
  const monday = mondayOf(week)
  if (policy.meeting === "monday") return Either.right(monday)
  for (let i = 0; i < 7; i++) {
    const day = LocalDate.addDays(monday, i)
    const working = WorkCalendar.isWorkingDay(calendar, day)
    if (Either.isLeft(working)) return Either.left(working.left)
    if (working.right) return Either.right(day)
  }
  return Either.right(monday)
}

/**
 * The last day a deadline of the week may fall on.
 *
 * @since 0.1.0
 * @category weeks
 */
export const horizonEnd = (week: IsoWeek, policy: WeekPolicy = {}): LocalDate.LocalDate =>
  LocalDate.addDays(sundayOf(week), policy.horizonDays ?? 0)

// ---------------------------------------------------------------------------------------------
// Schemas
// ---------------------------------------------------------------------------------------------

const NonEmpty = (zh: string, en: string) => Schema.String.pipe(Schema.minLength(1, { message: () => bi(zh, en) }))

/**
 * What a task is tied to, if anything: an item of the micro-power list, a supervision case (an
 * order to rectify, 整改) or a livelihood project (民生实事).
 *
 * @since 0.1.0
 * @category schemas
 */
export const TaskLink = Schema.Union(
  Schema.TaggedStruct("PowerItem", { item: Ids.PowerItemCode }),
  Schema.TaggedStruct("SupervisionCase", { caseId: Ids.CaseId }),
  Schema.TaggedStruct("LivelihoodProject", { project: NonEmpty("民生实事项目名称不能为空", "name the livelihood project") })
).annotations({ identifier: "TaskLink" })

/**
 * @since 0.1.0
 * @category models
 */
export type TaskLink = typeof TaskLink.Type

/**
 * A measurable target: a positive quantity and its unit (户, 次, 米, 份 …).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Target = Schema.Struct({
  quantity: Schema.Number.pipe(
    Schema.filter((n) => (Number.isFinite(n) && n > 0) || bi("任务量须大于0（定量）", "a target quantity is greater than 0"))
  ),
  unit: NonEmpty("任务量须有单位", "a target needs a unit")
}).annotations({ identifier: "TaskTarget" })

/**
 * One task: one owner (定人), a deadline (定时), a target (定量).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Task = Schema.Struct({
  id: NonEmpty("任务编号不能为空", "a task needs an id"),
  title: NonEmpty("任务内容不能为空", "a task needs a title"),
  owner: Ids.CadreId,
  deadline: LocalDate.LocalDate,
  target: Target,
  link: Schema.optionalWith(TaskLink, { exact: true })
}).annotations({ identifier: "Task" })

/**
 * @since 0.1.0
 * @category models
 */
export type Task = typeof Task.Type

/**
 * A village's task book for one week, issued at the meeting by the area leader.
 *
 * @since 0.1.0
 * @category schemas
 */
export const TaskBook = Schema.Struct({
  town: Ids.TownId,
  village: Ids.VillageId,
  week: IsoWeek,
  meetingDate: LocalDate.LocalDate,
  issuedBy: Ids.CadreId,
  tasks: Schema.Array(Task)
}).annotations({ identifier: "TaskBook" })

/**
 * @since 0.1.0
 * @category models
 */
export type TaskBook = typeof TaskBook.Type

/**
 * A piece of evidence for progress: a photo, a document, a meeting record, a link.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Evidence = Schema.Struct({
  kind: Schema.Literal("photo", "document", "record", "link"),
  ref: NonEmpty("证明材料须有出处", "evidence needs a reference")
}).annotations({ identifier: "Evidence" })

/**
 * A progress report on one task: how much more was done, when, and the evidence.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Progress = Schema.Struct({
  village: Ids.VillageId,
  week: IsoWeek,
  task: NonEmpty("须指明任务", "name the task"),
  quantity: Schema.Number.pipe(
    Schema.filter((n) => (Number.isFinite(n) && n > 0) || bi("完成量须大于0", "a reported quantity is greater than 0"))
  ),
  on: LocalDate.LocalDate,
  reportedBy: Ids.CadreId,
  evidence: Schema.NonEmptyArray(Evidence)
}).annotations({ identifier: "TaskProgress" })

/**
 * @since 0.1.0
 * @category models
 */
export type Progress = typeof Progress.Type

/**
 * The leader's review of one member's week (点评): a rating 0–100 and a comment.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Review = Schema.Struct({
  cadre: Ids.CadreId,
  rating: Points.Percent,
  comment: NonEmpty("点评不能为空", "a review needs a comment")
}).annotations({ identifier: "Review" })

/**
 * @since 0.1.0
 * @category models
 */
export type Review = typeof Review.Type

/**
 * The stock-take (盘点) of a village's week, held at the next meeting.
 *
 * @since 0.1.0
 * @category schemas
 */
export const StockTake = Schema.Struct({
  town: Ids.TownId,
  village: Ids.VillageId,
  week: IsoWeek,
  heldOn: LocalDate.LocalDate,
  leader: Ids.CadreId,
  reviews: Schema.Array(Review)
}).annotations({ identifier: "StockTake" })

/**
 * @since 0.1.0
 * @category models
 */
export type StockTake = typeof StockTake.Type

/**
 * Decodes a task book from unknown input, strictly.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeTaskBook: (input: unknown) => Either.Either<TaskBook, Input.InputRejected> = Input.decoder(TaskBook, "task book")

/**
 * Decodes a progress report from unknown input, strictly.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeProgress: (input: unknown) => Either.Either<Progress, Input.InputRejected> = Input.decoder(Progress, "progress report")

/**
 * Decodes a stock-take from unknown input, strictly.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeStockTake: (input: unknown) => Either.Either<StockTake, Input.InputRejected> = Input.decoder(StockTake, "stock-take")

// ---------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------

/**
 * The codes the checks report.
 *
 * @since 0.1.0
 * @category models
 */
export type Code =
  | "TASK_DUPLICATE_ID"
  | "TASK_DEADLINE_OUTSIDE_WEEK"
  | "TASK_OWNER_NO_POST"
  | "TASKBOOK_MEETING_OUTSIDE_WEEK"
  | "TASKBOOK_CALENDAR"
  | "PROGRESS_UNKNOWN_TASK"
  | "PROGRESS_NOT_OWNER"
  | "PROGRESS_BEFORE_MEETING"
  | "REVIEW_DUPLICATE"
  | "REVIEW_NOT_MEMBER"

const holdsVillagePost = (roster: Cadre.Roster, cadre: Ids.CadreId, village: Ids.VillageId, date: LocalDate.LocalDate) =>
  Cadre.postsOf(roster, cadre, date).some((a) => a.unit.level === "village" && a.unit.villageId === village)

/**
 * Checks a decoded task book against the roster and the calendar: unique task ids, every deadline
 * between the meeting and the week's horizon, every owner holding a post in the village on the
 * meeting date, the meeting inside the week.
 *
 * @since 0.1.0
 * @category checks
 */
export const check = (
  book: TaskBook,
  roster: Cadre.Roster,
  policy: WeekPolicy = {}
): ReadonlyArray<Diagnostic.Diagnostic<Code>> => {
  const out: Array<Diagnostic.Diagnostic<Code>> = []
  const monday = mondayOf(book.week)
  const end = horizonEnd(book.week, policy)
  if (book.meetingDate < monday || book.meetingDate > sundayOf(book.week)) {
    out.push(Diagnostic.error("TASKBOOK_MEETING_OUTSIDE_WEEK", ["meetingDate"], `例会日期${book.meetingDate}不在${book.week}内`, `the meeting date ${book.meetingDate} is not in ${book.week}`))
  }
  const ids = new Set<string>()
  book.tasks.forEach((t, i) => {
    if (ids.has(t.id)) {
      out.push(Diagnostic.error("TASK_DUPLICATE_ID", ["tasks", i, "id"], `任务编号${t.id}重复`, `task id ${t.id} is used twice`))
    }
    ids.add(t.id)
    if (t.deadline < book.meetingDate || t.deadline > end) {
      out.push(Diagnostic.error(
        "TASK_DEADLINE_OUTSIDE_WEEK",
        ["tasks", i, "deadline"],
        `完成时限${t.deadline}须在${book.meetingDate}至${end}之间（定时）`,
        `the deadline ${t.deadline} must fall between ${book.meetingDate} and ${end}`
      ))
    }
    if (!holdsVillagePost(roster, t.owner, book.village, book.meetingDate)) {
      out.push(Diagnostic.error(
        "TASK_OWNER_NO_POST",
        ["tasks", i, "owner"],
        `责任人${t.owner}在${book.meetingDate}未在本村任职（定人）`,
        `the owner ${t.owner} holds no post in village ${book.village} on ${book.meetingDate}`
      ))
    }
  })
  return out
}

/**
 * Checks a progress report against its task book: the task exists, the reporter owns it, the
 * date is not before the meeting.
 *
 * @since 0.1.0
 * @category checks
 */
export const checkProgress = (book: TaskBook, progress: Progress): ReadonlyArray<Diagnostic.Diagnostic<Code>> => {
  const task = book.tasks.find((t) => t.id === progress.task)
  if (task === undefined) {
    return [Diagnostic.error("PROGRESS_UNKNOWN_TASK", ["task"], `任务书中没有任务${progress.task}`, `the task book has no task ${progress.task}`)]
  }
  const out: Array<Diagnostic.Diagnostic<Code>> = []
  if (task.owner !== progress.reportedBy) {
    out.push(Diagnostic.error("PROGRESS_NOT_OWNER", ["reportedBy"], `只有责任人${task.owner}可报告进度`, `only the owner ${task.owner} reports progress`))
  }
  if (progress.on < book.meetingDate) {
    out.push(Diagnostic.error("PROGRESS_BEFORE_MEETING", ["on"], "进度日期早于任务下达日期", "progress is dated before the task was issued"))
  }
  return out
}

/**
 * Checks a stock-take: one review per cadre, each of a cadre holding a post in the village on the
 * day it is held.
 *
 * @since 0.1.0
 * @category checks
 */
export const checkStockTake = (take: StockTake, roster: Cadre.Roster): ReadonlyArray<Diagnostic.Diagnostic<Code>> => {
  const out: Array<Diagnostic.Diagnostic<Code>> = []
  const seen = new Set<string>()
  take.reviews.forEach((r, i) => {
    if (seen.has(r.cadre)) out.push(Diagnostic.error("REVIEW_DUPLICATE", ["reviews", i, "cadre"], `${r.cadre}已点评过`, `${r.cadre} is reviewed twice`))
    seen.add(r.cadre)
    if (!holdsVillagePost(roster, r.cadre, take.village, take.heldOn)) {
      out.push(Diagnostic.error("REVIEW_NOT_MEMBER", ["reviews", i, "cadre"], `${r.cadre}不是本村两委成员`, `${r.cadre} holds no post in village ${take.village}`))
    }
  })
  return out
}

/**
 * The village cadres who hold a post there on a date: the members a stock-take reviews.
 *
 * @since 0.1.0
 * @category getters
 */
export const membersOn = (roster: Cadre.Roster, village: Ids.VillageId, date: LocalDate.LocalDate): ReadonlyArray<Ids.CadreId> => {
  const ids = new Set<Ids.CadreId>()
  for (const a of roster.appointments) {
    if (a.unit.level === "village" && a.unit.villageId === village && a.term.start <= date && (a.term.end === undefined || date < a.term.end)) ids.add(a.cadreId)
  }
  return [...ids]
}

/**
 * A task's outcome from its progress reports: the quantity done and the day the target was
 * reached (absent if it was not).
 *
 * @since 0.1.0
 * @category outcomes
 */
export const outcomeOf = (task: Task, progress: ReadonlyArray<Progress>) => {
  const reports = progress.filter((p) => p.task === task.id).sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0))
  let done = 0
  let completedOn: LocalDate.LocalDate | undefined
  for (const p of reports) {
    done += p.quantity
    if (completedOn === undefined && done >= task.target.quantity) completedOn = p.on
  }
  return { id: task.id, target: task.target.quantity, done, deadline: task.deadline, completedOn }
}
