/**
 * The statutory limits a case runs against (期限): how each is set from the rulebook, whether it
 * pauses while the case is suspended, whom it binds, and the due dates themselves, computed on the
 * working-day calendar when a stage is entered and stored in the events.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as LocalDate from "../base/LocalDate.js"
import * as WorkCalendar from "../calendar/WorkCalendar.js"
import * as Rulebook from "../rulebook/Rulebook.js"
import { dueDate } from "./internal/dueDates.js"

const deadlineKinds = [
  "leadDisposal",
  "letterInquiryReply",
  "preliminaryCheck",
  "investigation",
  "review",
  "decisionService",
  "reexaminationApply",
  "reexaminationDecide",
  "recheckApply",
  "recheckDecide"
] as const

/**
 * The statutory limits a case runs against.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DeadlineKind = Schema.Literal(...deadlineKinds).annotations({ identifier: "DeadlineKind" })

/**
 * @since 0.1.0
 * @category models
 */
export type DeadlineKind = typeof DeadlineKind.Type

/**
 * How each deadline is set and behaves: the rulebook key of its duration, whether it pauses or
 * keeps running while the case is suspended, and who it binds (`authority`: the commission must act
 * by then, and it shows as overdue; `applicant`: a window for the subject to appeal).
 *
 * | kind | 中文 | key | on suspend | binds |
 * | --- | --- | --- | --- | --- |
 * | `leadDisposal` | 线索处置 | `case.leadDisposal` | run | authority |
 * | `letterInquiryReply` | 函询回复 | `case.letterInquiryReply` | run | authority |
 * | `preliminaryCheck` | 初步核实 | `case.preliminaryCheck` | pause | authority |
 * | `investigation` | 审查调查 | `case.investigation` | pause | authority |
 * | `review` | 审理 | `case.review` | pause | authority |
 * | `decisionService` | 处分决定送达 | `case.decisionService` | run | authority |
 * | `reexaminationApply` | 申请复审 | `case.reexaminationApply` | run | applicant |
 * | `reexaminationDecide` | 复审决定 | `case.reexaminationDecide` | run | authority |
 * | `recheckApply` | 申请复核 | `case.recheckApply` | run | applicant |
 * | `recheckDecide` | 复核决定 | `case.recheckDecide` | run | authority |
 *
 * @since 0.1.0
 * @category constants
 */
export const deadlinePolicy: Readonly<Record<DeadlineKind, DeadlinePolicy>> = {
  leadDisposal: { key: "case.leadDisposal", onSuspend: "run", binding: "authority", labelZh: "线索处置" },
  // The cadre's reply clock is theirs: suspending our side does not stop it.
  letterInquiryReply: { key: "case.letterInquiryReply", onSuspend: "run", binding: "authority", labelZh: "函询回复" },
  preliminaryCheck: { key: "case.preliminaryCheck", onSuspend: "pause", binding: "authority", labelZh: "初步核实" },
  investigation: { key: "case.investigation", onSuspend: "pause", binding: "authority", labelZh: "审查调查" },
  review: { key: "case.review", onSuspend: "pause", binding: "authority", labelZh: "审理" },
  decisionService: { key: "case.decisionService", onSuspend: "run", binding: "authority", labelZh: "处分决定送达" },
  reexaminationApply: { key: "case.reexaminationApply", onSuspend: "run", binding: "applicant", labelZh: "申请复审" },
  reexaminationDecide: { key: "case.reexaminationDecide", onSuspend: "run", binding: "authority", labelZh: "复审决定" },
  recheckApply: { key: "case.recheckApply", onSuspend: "run", binding: "applicant", labelZh: "申请复核" },
  recheckDecide: { key: "case.recheckDecide", onSuspend: "run", binding: "authority", labelZh: "复核决定" }
}

/**
 * How one kind of deadline is set and behaves (see {@link deadlinePolicy}).
 *
 * @since 0.1.0
 * @category models
 */
export interface DeadlinePolicy {
  /** The rulebook key of its duration. */
  readonly key: {
    [K in Rulebook.Key]: Rulebook.Values[K] extends Rulebook.Duration ? K : never
  }[Rulebook.Key]
  readonly onSuspend: "pause" | "run"
  readonly binding: "authority" | "applicant"
  readonly labelZh: string
}

/**
 * A due date, stored with the case. `startedOn` is the day the clock started.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Deadline = Schema.Struct({
  kind: DeadlineKind,
  startedOn: LocalDate.LocalDate,
  due: LocalDate.LocalDate,
  onSuspend: Schema.Literal("pause", "run"),
  binding: Schema.Literal("authority", "applicant")
}).annotations({ identifier: "Deadline" })

/**
 * @since 0.1.0
 * @category models
 */
export type Deadline = typeof Deadline.Type

/**
 * The deadline of `kind` that a stage entered on `startedOn` opens: the rulebook duration on the
 * calendar (`WorkCalendar.dueDate`), a limit in days or months that ends on a rest day carried to
 * the next working day when `deadline.rollForwardFromRestDay` is set. {@link SupervisionCase.decide} computes
 * every due date with it.
 *
 * @since 0.1.0
 * @category deadlines
 */
export const deadlineFor = (
  kind: DeadlineKind,
  rules: Rulebook.RuleSet,
  calendar: WorkCalendar.WorkCalendar,
  startedOn: LocalDate.LocalDate
): Either.Either<Deadline, WorkCalendar.OutOfRange> => {
  const p = deadlinePolicy[kind]
  const limit = Rulebook.value(rules, p.key)
  const rollForwardFromRestDay = Rulebook.value(rules, "deadline.rollForwardFromRestDay")
  return Either.map(dueDate(calendar, startedOn, limit, rollForwardFromRestDay), (due) => ({
    kind,
    startedOn,
    due,
    onSuspend: p.onSuspend,
    binding: p.binding
  }))
}

/**
 * What {@link investigationExtension} finds: `latest`, the furthest the extension may reach, and,
 * when the extension is `withinMax`, its new due date `due`.
 *
 * @since 0.1.0
 * @category models
 */
export type InvestigationExtension =
  | { readonly withinMax: true; readonly latest: LocalDate.LocalDate; readonly due: LocalDate.LocalDate }
  | { readonly withinMax: false; readonly latest: LocalDate.LocalDate }

/**
 * An investigation extension of `days` from the current due date `from`: `latest` is the furthest
 * the extension may reach, `case.investigationExtension.max` after `from` without carrying it past
 * rest days (the statute limits the extension, not the working day it ends on); the extension is
 * `withinMax` when `days` is a whole number of days from 1 to the days from `from` to `latest`.
 * The cap compares day counts, so no size of `days` can slip past it, and nothing is computed from
 * `days` until it holds. Within the cap, `due` is the new due date, carried to the next working day
 * when `deadline.rollForwardFromRestDay` is set.
 *
 * @since 0.1.0
 * @category deadlines
 */
export const investigationExtension = (
  rules: Rulebook.RuleSet,
  calendar: WorkCalendar.WorkCalendar,
  from: LocalDate.LocalDate,
  days: number
): Either.Either<InvestigationExtension, WorkCalendar.OutOfRange> => {
  const max = Rulebook.value(rules, "case.investigationExtension").max
  const rollForwardFromRestDay = Rulebook.value(rules, "deadline.rollForwardFromRestDay")
  return Either.flatMap(WorkCalendar.addDuration(calendar, from, max), (latest): Either.Either<InvestigationExtension, WorkCalendar.OutOfRange> => {
    const withinMax = Number.isSafeInteger(days) && days >= 1 && days <= LocalDate.daysBetween(from, latest)
    if (!withinMax) return Either.right({ withinMax: false, latest })
    return Either.map(
      WorkCalendar.dueDate(calendar, from, { amount: days, unit: "days" }, { rollForwardFromRestDay }),
      (due) => ({ withinMax: true, latest, due })
    )
  })
}

/**
 * A paused deadline when the case resumes: its due date moved on by the `pausedDays` the case was
 * suspended. A due date that would pass the last date there is (`LocalDate.maxDate`) is an
 * {@link WorkCalendar.OutOfRange} error with `pastDateRange`, so resuming never throws.
 *
 * @since 0.1.0
 * @category deadlines
 */
export const deadlineAfterPause = (
  calendar: WorkCalendar.WorkCalendar,
  deadline: Deadline,
  pausedDays: number
): Either.Either<Deadline, WorkCalendar.OutOfRange> =>
  Either.map(WorkCalendar.addDuration(calendar, deadline.due, { amount: pausedDays, unit: "days" }), (due) => ({ ...deadline, due }))
