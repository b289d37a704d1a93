/**
 * Deciding a command against a supervision case (决定): {@link decide} checks that the machine
 * allows the command in the case's stage, that the actor may issue it, that the row's guards hold
 * and that the command's own rules are met, and returns the events to append or the typed error
 * that says why not. It is pure: time and parameters come from its {@link DecideContext}.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as LocalDate from "../base/LocalDate.js"
import type * as WorkCalendar from "../calendar/WorkCalendar.js"
import type * as Kinship from "../org/Kinship.js"
import * as Measure from "../rulebook/Measure.js"
import * as Rulebook from "../rulebook/Rulebook.js"
import { type Actor, denial, Forbidden, type RecusalBasis } from "./Authority.js"
import type { Command, CommandTag } from "./Command.js"
import { type Deadline, deadlineAfterPause, deadlineFor, investigationExtension } from "./Deadlines.js"
import type { Event } from "./Event.js"
import * as FourForms from "./FourForms.js"
import { type Memo, memoOf, refusal } from "./internal/contextMemo.js"
import { withoutStack } from "./internal/withoutStack.js"
import { firstFailing } from "./Guards.js"
import { enabledCommands, type Target, type Transition, targetFor, transitionFor } from "./Machine.js"
import * as Sanction from "./Sanction.js"
import { fold, type State } from "./State.js"
import { type MeasureChoice, Stage, stageLabelZh } from "./Vocabulary.js"

/**
 * The command is not allowed in the case's stage (审理 before 立案, a decision on a closed case).
 * Nothing is written.
 *
 * @since 0.1.0
 * @category errors
 */
export class IllegalTransition extends Schema.TaggedError<IllegalTransition>("@qinglian/core/supervision/IllegalTransition")("IllegalTransition", {
  stage: Stage,
  command: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    const allowed = enabledCommands(this.stage)
    return `${this.command} is not allowed in stage ${this.stage} (${stageLabelZh[this.stage]}); ` +
      `allowed: ${allowed.length === 0 ? "none" : allowed.join(", ")}`
  }
}

/**
 * The stage allows the command but a guard does not hold (the case is suspended, the extension
 * was used, the appeal window closed …). Nothing is written.
 *
 * @since 0.1.0
 * @category errors
 */
export class CommandRejected extends Schema.TaggedError<CommandRejected>("@qinglian/core/supervision/CommandRejected")("CommandRejected", {
  stage: Stage,
  command: Schema.String,
  guard: Schema.String,
  detail: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `${this.command} rejected in stage ${this.stage} (${this.guard}): ${this.detail}`
  }
}

/**
 * Everything {@link decide} can fail with.
 *
 * @since 0.1.0
 * @category errors
 */
export type DecideError =
  | IllegalTransition
  | Forbidden
  | CommandRejected
  | Sanction.MeasureNotAllowed
  | Sanction.PeriodChoiceInvalid
  | Sanction.CombinedPeriodInvalid
  | Sanction.PartySanctionsNotCombined
  | FourForms.Unclassified
  | WorkCalendar.OutOfRange
  | Rulebook.NotInForce

/**
 * What {@link decide} needs besides the state and the command: the rulebook and calendar, the
 * actor, today's date, and how to tell relatives (回避): recorded {@link Kinship.Relation}s, a
 * predicate, or both, or else the explicit opt-out `recusal: { notChecked: true, reason }`
 * ({@link RecusalBasis}). A context with none of these does not type-check, and one assembled from
 * untyped input is refused ({@link Forbidden}, `recusal`). `decide` trusts `actor`: build the
 * context with `CaseStore.contextFor`, which takes the actor's posts and jurisdiction from the
 * stored roster, as `CaseStore.execute` does.
 *
 * @since 0.1.0
 * @category models
 */
export type DecideContext = {
  readonly rulebook: Rulebook.Rulebook
  readonly calendar: WorkCalendar.WorkCalendar
  readonly actor: Actor
  readonly now: LocalDate.LocalDate
} & RecusalBasis

/**
 * Decides a command against a case: the events to append, or why not. Pure: time is `ctx.now`,
 * parameters come from the rulebook in force on that date. Checks, in order: the machine allows the
 * command in this stage ({@link IllegalTransition}); the actor's post, jurisdiction, recusal and
 * level ({@link Forbidden}); the row's guards ({@link CommandRejected}); then the command's own
 * rules (measures allowed for the subject, periods, decision level of each measure).
 *
 * @since 0.1.0
 * @category deciding
 */
export const decide = (
  state: State,
  command: Command,
  ctx: DecideContext
): Either.Either<ReadonlyArray<Event>, DecideError> => {
  const memo = memoOf(ctx)
  const row = transitionFor(state.stage, command._tag)
  if (row === undefined) {
    return Either.left(
      refusal(
        memo,
        "I\u0000" + state.stage + "\u0000" + command._tag,
        () => withoutStack(() => new IllegalTransition({ stage: state.stage, command: command._tag }, true))
      )
    )
  }
  const denied = denial(row, command, state, ctx)
  if (denied !== undefined) {
    return Either.left(
      refusal(
        memo,
        "F\u0000" + command._tag + "\u0000" + denied.reason + "\u0000" + denied.detail,
        () => withoutStack(() => new Forbidden({ command: command._tag, actor: ctx.actor.id, ...denied }, true))
      )
    )
  }
  const rules = memo.rules ??= Rulebook.at(ctx.rulebook, ctx.now)
  if (Either.isLeft(rules)) return Either.left(rules.left)
  if (row.guards.length > 0) {
    const failed = firstFailing(row.guards, { state, command, rules: rules.right, now: ctx.now })
    if (failed !== undefined) return reject(state, command._tag, failed.guard, failed.detail, memo)
  }
  return build(row, state, command, ctx, rules.right, memo)
}

const one = <E extends Event>(e: E): Either.Either<ReadonlyArray<Event>, never> => Either.right([e])

// Adds the deadline the target stage opens, if any, to an event under construction.
const entering = <E extends object>(
  e: E,
  t: Target,
  rules: Rulebook.RuleSet,
  ctx: DecideContext,
  memo: Memo
): Either.Either<E | (E & { readonly deadline: Deadline }), WorkCalendar.OutOfRange> => {
  if (t.opens === undefined) return Either.right(e)
  const d = memo.deadlines[t.opens] ??= deadlineFor(t.opens, rules, ctx.calendar, ctx.now)
  return Either.isLeft(d) ? Either.left(d.left) : Either.right({ ...e, deadline: d.right })
}

const classifyAll = (
  rules: Rulebook.RuleSet,
  s: State,
  choices: ReadonlyArray<MeasureChoice>,
  ctx: DecideContext,
  on: LocalDate.LocalDate,
  command: CommandTag
): Either.Either<ReadonlyArray<FourForms.Disposition>, DecideError> => {
  const out: Array<FourForms.Disposition> = []
  const levels = Rulebook.value(rules, "authority.decisionLevel")
  for (const c of choices) {
    const allowed = Sanction.checkSubject(rules, c.measure, s.subject?.category ?? "publicOfficial")
    if (Either.isLeft(allowed)) return Either.left(allowed.left)
    const form = FourForms.classify(rules, c.measure)
    if (Either.isLeft(form)) return Either.left(form.left)
    // A measure the table does not place is decided by the county, the safer default.
    const level = levels[c.measure] ?? "county"
    if (level === "county" && ctx.actor.jurisdiction.level !== "county") {
      return Either.left(
        new Forbidden({
          command,
          actor: ctx.actor.id,
          reason: "decisionLevel",
          detail: `${c.measure} (${Measure.labelZh[c.measure]}) is decided at county level (authority.decisionLevel)`
        })
      )
    }
  }
  // What is executed: one 政务处分 of several (政务处分法 第十条), at most one party sanction (合并处理).
  const executed = Sanction.combine(rules, choices)
  if (Either.isLeft(executed)) return Either.left(executed.left)
  for (const c of executed.right) {
    const form = FourForms.classify(rules, c.measure)
    if (Either.isLeft(form)) return Either.left(form.left)
    out.push(
      c.periodMonths === undefined
        ? { measure: c.measure, form: form.right, on }
        : { measure: c.measure, form: form.right, on, periodMonths: c.periodMonths }
    )
  }
  return Either.right(out)
}

const reject = (s: State, command: CommandTag, guard: string, detail: string, memo: Memo) =>
  Either.left(
    refusal(
      memo,
      "R\u0000" + s.stage + "\u0000" + command + "\u0000" + guard + "\u0000" + detail,
      () => withoutStack(() => new CommandRejected({ stage: s.stage, command, guard, detail }, true))
    )
  )

const appealDispositions = (
  s: State,
  c: Extract<Command, { readonly _tag: "DecideReexamination" | "DecideRecheck" }>,
  rules: Rulebook.RuleSet,
  ctx: DecideContext,
  memo: Memo
): Either.Either<ReadonlyArray<FourForms.Disposition>, DecideError> => {
  if (c.outcome === "changed") {
    if (c.measures === undefined) return reject(s, c._tag, "measuresRequired", "a changed decision states its new measures", memo)
    // The changed measures run from the original decision, as the sanction they replace did.
    return classifyAll(rules, s, c.measures, ctx, s.decidedOn ?? ctx.now, c._tag)
  }
  if (c.measures !== undefined) return reject(s, c._tag, "noMeasures", `an ${c.outcome} decision takes no measures`, memo)
  return Either.right([])
}

const build = (
  row: Transition,
  s: State,
  c: Command,
  ctx: DecideContext,
  rules: Rulebook.RuleSet,
  memo: Memo
): Either.Either<ReadonlyArray<Event>, DecideError> => {
  const on = ctx.now
  const by = ctx.actor.id
  const t = targetFor(row, c)
  switch (c._tag) {
    case "RegisterLead":
      return Either.flatMap(
        entering(
          { _tag: "LeadRegistered", on, by, caseId: c.caseId, county: c.county, town: c.town, subject: c.subject, source: c.source } as const,
          t,
          rules,
          ctx,
          memo
        ),
        one
      )
    case "DisposeLead":
      return Either.flatMap(entering({ _tag: "LeadDisposed", on, by, way: c.way } as const, t, rules, ctx, memo), one)
    case "RecordInquiryReply":
      return one({ _tag: "InquiryReplyReceived", on, by })
    case "ConcludeInquiry": {
      let dispositions: Either.Either<ReadonlyArray<FourForms.Disposition>, DecideError> = Either.right([])
      if (c.outcome === "talkReminder") {
        dispositions = classifyAll(rules, s, c.measures ?? [{ measure: "talkReminder" }], ctx, on, c._tag)
        if (Either.isRight(dispositions)) {
          const heavy = dispositions.right.find((d) => d.form !== 1)
          if (heavy !== undefined) {
            return reject(s, c._tag, "firstFormOnly", `${heavy.measure} is in form ${heavy.form}; 谈话提醒 takes first-form measures only, file a case (立案) for heavier ones`, memo)
          }
        }
      } else if (c.measures !== undefined) {
        return reject(s, c._tag, "noMeasures", `outcome ${c.outcome} takes no measures`, memo)
      }
      return Either.flatMap(dispositions, (ds) =>
        Either.flatMap(entering({ _tag: "InquiryConcluded", on, by, outcome: c.outcome, dispositions: ds } as const, t, rules, ctx, memo), one))
    }
    case "Transfer": {
      const ds = c.to === "judiciary" ? classifyAll(rules, s, [{ measure: "transferToJudiciary" }], ctx, on, c._tag) : Either.right([])
      return Either.flatMap(ds, (dispositions) => one({ _tag: "CaseTransferred", on, by, to: c.to, dispositions }))
    }
    case "Reactivate":
      return Either.flatMap(entering({ _tag: "LeadReactivated", on, by } as const, t, rules, ctx, memo), one)
    case "ExtendInvestigation": {
      const d = s.deadline
      if (d === undefined) return reject(s, c._tag, "deadline", "the investigation has no due date to extend", memo)
      return Either.flatMap(investigationExtension(rules, ctx.calendar, d.due, c.days), (x) => {
        if (x.withinMax) return one({ _tag: "InvestigationExtended", on, by, days: c.days, due: x.due })
        const max = Rulebook.value(rules, "case.investigationExtension").max
        return reject(s, c._tag, "extensionWithinMax", `an extension of ${c.days} days exceeds the allowed ${max.amount} ${max.unit} (latest ${x.latest})`, memo)
      })
    }
    case "Suspend":
      return one({ _tag: "CaseSuspended", on, by })
    case "Resume": {
      const pausedDays = s.suspendedSince === undefined ? 0 : LocalDate.daysBetween(s.suspendedSince, on)
      const d = s.deadline
      return d !== undefined && d.onSuspend === "pause"
        ? Either.flatMap(deadlineAfterPause(ctx.calendar, d, pausedDays), (deadline) => one({ _tag: "CaseResumed", on, by, pausedDays, deadline }))
        : one({ _tag: "CaseResumed", on, by, pausedDays })
    }
    case "SubmitForReview":
      return Either.flatMap(entering({ _tag: "SubmittedForReview", on, by } as const, t, rules, ctx, memo), one)
    case "ExtendReview": {
      const d = s.deadline
      if (d !== undefined && c.until <= d.due) {
        return reject(s, c._tag, "extendsLater", `the approved date ${c.until} is not after the current due date ${d.due}`, memo)
      }
      return one({ _tag: "ReviewExtended", on, by, due: c.until })
    }
    case "Decide":
      return Either.flatMap(classifyAll(rules, s, c.measures, ctx, on, c._tag), (dispositions) =>
        Either.flatMap(entering({ _tag: "DecisionMade", on, by, dispositions } as const, t, rules, ctx, memo), one))
    case "ServeDecision":
      return Either.flatMap(entering({ _tag: "DecisionServed", on, by } as const, t, rules, ctx, memo), one)
    case "ApplyReexamination":
      return Either.flatMap(entering({ _tag: "ReexaminationApplied", on, by } as const, t, rules, ctx, memo), one)
    case "DecideReexamination":
      return Either.flatMap(appealDispositions(s, c, rules, ctx, memo), (dispositions) =>
        Either.flatMap(entering({ _tag: "ReexaminationDecided", on, by, outcome: c.outcome, dispositions } as const, t, rules, ctx, memo), one))
    case "ApplyRecheck":
      return Either.flatMap(entering({ _tag: "RecheckApplied", on, by } as const, t, rules, ctx, memo), one)
    case "DecideRecheck":
      return Either.flatMap(appealDispositions(s, c, rules, ctx, memo), (dispositions) =>
        one({ _tag: "RecheckDecided", on, by, outcome: c.outcome, dispositions }))
    case "WaiveAppeal":
      return one({ _tag: "AppealWaived", on, by })
    case "CloseCase":
      return one({ _tag: "CaseClosed", on, by })
  }
}

/**
 * Like {@link decide}, then folds the events: the new state and the events to store.
 *
 * @since 0.1.0
 * @category deciding
 */
export const handle = (
  state: State,
  command: Command,
  ctx: DecideContext
): Either.Either<{ readonly state: State; readonly events: ReadonlyArray<Event> }, DecideError> =>
  Either.map(decide(state, command, ctx), (events) => ({ state: fold(events, state), events }))
