/**
 * Discipline supervision cases (监督执纪案件), event-sourced.
 *
 * A case is a stream of {@link Event}s; its {@link State} is a pure fold of them ({@link evolve}).
 * A {@link Command} is decided by the pure function {@link decide}, which returns the events to
 * append or a typed error, and writes nothing on error. The stages, the commands allowed in each,
 * their targets, guards, required roles and the deadlines each stage opens are written once, as
 * data, in {@link machine}; `decide`, `evolve` and {@link diagram} are all derived from it.
 *
 * Due dates are computed when a stage is entered (rulebook durations on the WorkCalendar) and
 * stored in the events, so they survive a restart.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Audit from "../storage/Audit.js"
import * as FourForms from "./FourForms.js"
import * as Ids from "../base/Ids.js"
import * as Kinship from "../org/Kinship.js"
import * as LocalDate from "../base/LocalDate.js"
import * as Measure from "../rulebook/Measure.js"
import * as Post from "../org/Post.js"
import * as Rulebook from "../rulebook/Rulebook.js"
import * as Sanction from "./Sanction.js"
import * as Storage from "../storage/Storage.js"
import * as StorageAdapter from "../storage/StorageAdapter.js"
import * as WorkCalendar from "../calendar/WorkCalendar.js"
import type { Command, CommandTag } from "./Command.js"
import { Deadline, type DeadlineKind, deadlineFor, investigationExtension } from "./Deadlines.js"
import { Event } from "./Event.js"
import { enabledCommands, type Guard, type Role, type Target, type Transition, targetFor, transitionFor } from "./Machine.js"
import { fold, type InconsistentStream, initial, replay, type State } from "./State.js"
import { type MeasureChoice, Stage, stageLabelZh, stages, Subject } from "./Vocabulary.js"

export * from "./Command.js"
export * from "./Deadlines.js"
export * from "./Event.js"
export * from "./Machine.js"
export * from "./State.js"
export * from "./Vocabulary.js"

/**
 * Where an actor may act: one town (a town discipline commission, 镇纪委) or a whole county
 * (县纪委监委).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Jurisdiction = Schema.Union(
  Schema.Struct({ level: Schema.Literal("town"), county: Ids.CountyId, town: Ids.TownId }),
  Schema.Struct({ level: Schema.Literal("county"), county: Ids.CountyId })
).annotations({ identifier: "Jurisdiction" })

/**
 * @since 0.1.0
 * @category models
 */
export type Jurisdiction = typeof Jurisdiction.Type

/**
 * Who issues a command: a cadre, the posts they hold and where they may act.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Actor = Schema.Struct({
  id: Ids.CadreId,
  posts: Schema.Array(Post.Post),
  jurisdiction: Jurisdiction
}).annotations({ identifier: "SupervisionActor" })

/**
 * @since 0.1.0
 * @category models
 */
export type Actor = typeof Actor.Type

// -----------------------------------------------------------------------------
// errors
// -----------------------------------------------------------------------------

/**
 * The command is not allowed in the case's stage (审理 before 立案, a decision on a closed case).
 * Nothing is written.
 *
 * @since 0.1.0
 * @category errors
 */
export class IllegalTransition extends Schema.TaggedError<IllegalTransition>()("IllegalTransition", {
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
 * The actor may not issue the command: no suitable post (`post`), outside their town or county
 * (`jurisdiction`), the subject or a relative of the subject (`recusal`, 回避), or a measure
 * above their level (`decisionLevel`). Also returned when a reader may not see a whistleblower's
 * identity (`policy`). Nothing is written.
 *
 * @since 0.1.0
 * @category errors
 */
export class Forbidden extends Schema.TaggedError<Forbidden>()("Forbidden", {
  command: Schema.String,
  actor: Schema.String,
  reason: Schema.Literal("post", "jurisdiction", "recusal", "decisionLevel", "policy"),
  detail: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `${this.actor} may not ${this.command} (${this.reason}): ${this.detail}`
  }
}

/**
 * The stage allows the command but a guard does not hold (the case is suspended, the extension
 * was used, the appeal window closed …). Nothing is written.
 *
 * @since 0.1.0
 * @category errors
 */
export class CommandRejected extends Schema.TaggedError<CommandRejected>()("CommandRejected", {
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

// -----------------------------------------------------------------------------
// deciding
// -----------------------------------------------------------------------------

/**
 * What {@link decide} needs besides the state and the command: the rulebook and calendar, the
 * actor, today's date, and how to tell relatives (回避): a predicate, recorded
 * {@link Kinship.Relation}s, or both.
 *
 * @since 0.1.0
 * @category models
 */
export interface DecideContext {
  readonly rulebook: Rulebook.Rulebook
  readonly calendar: WorkCalendar.WorkCalendar
  readonly actor: Actor
  readonly now: LocalDate.LocalDate
  readonly isRelated?: (a: Ids.CadreId, b: Ids.CadreId) => boolean
  readonly relations?: ReadonlyArray<Kinship.Relation>
}

/**
 * The posts that may issue commands of each role.
 *
 * @since 0.1.0
 * @category constants
 */
export const rolePosts: Readonly<Record<Role, ReadonlyArray<Post.Post>>> = {
  record: ["townDisciplineSecretary", "townDisciplineMember", "countyDisciplineOfficer"],
  decide: ["townDisciplineSecretary", "countyDisciplineOfficer"]
}

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
  const row = transitionFor(state.stage, command._tag)
  if (row === undefined) {
    return Either.left(
      rejection(
        "I\u0000" + state.stage + "\u0000" + command._tag,
        () => new IllegalTransition({ stage: state.stage, command: command._tag }, true)
      )
    )
  }
  const denied = authorize(row, state, command, ctx)
  if (denied !== undefined) return Either.left(denied)
  const rules = rulesAt(ctx.rulebook, ctx.now)
  if (Either.isLeft(rules)) return Either.left(rules.left)
  for (const g of row.guards) {
    const failed = checkGuard(g, state, rules.right, ctx)
    if (failed !== undefined) {
      return reject(state, command._tag, g, failed)
    }
  }
  return build(row, state, command, ctx, rules.right)
}

// A rejected command is an expected answer, not a bug: its fields were built here (validation
// off) and nobody reads its stack, so collecting one would be most of the cost of saying no.
// Rejections are immutable values, and the same ones recur (a stage, a command, a guard), so they
// are kept in a small cache.
const rejections = new Map<string, unknown>()

const rejection = <E>(key: string, make: () => E): E => {
  const hit = rejections.get(key)
  if (hit !== undefined) return hit as E
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = 0
  try {
    const e = make()
    if (rejections.size >= 4096) rejections.clear()
    rejections.set(key, e)
    return e
  } finally {
    Error.stackTraceLimit = limit
  }
}

const ruleCache = new WeakMap<Rulebook.Rulebook, Map<string, Either.Either<Rulebook.RuleSet, Rulebook.NotInForce>>>()

// Resolving a rulebook merges its editions; a busy commission decides many commands a day, so
// resolve each (rulebook, date) once.
const rulesAt = (rulebook: Rulebook.Rulebook, date: LocalDate.LocalDate) => {
  let byDate = ruleCache.get(rulebook)
  if (byDate === undefined) {
    byDate = new Map()
    ruleCache.set(rulebook, byDate)
  }
  let rules = byDate.get(date)
  if (rules === undefined) {
    rules = Rulebook.at(rulebook, date)
    byDate.set(date, rules)
  }
  return rules
}

const forbidden = (c: Command, actor: Actor, reason: Forbidden["reason"], detail: string) =>
  rejection(
    "F\u0000" + c._tag + "\u0000" + actor.id + "\u0000" + reason + "\u0000" + detail,
    () => new Forbidden({ command: c._tag, actor: actor.id, reason, detail }, true)
  )

const holdsOneOf = (held: ReadonlyArray<Post.Post>, wanted: ReadonlyArray<Post.Post>): boolean => {
  for (const p of held) if (wanted.includes(p)) return true
  return false
}

const authorize = (row: Transition, s: State, c: Command, ctx: DecideContext): Forbidden | undefined => {
  const actor = ctx.actor
  const posts = rolePosts[row.role]
  if (!holdsOneOf(actor.posts, posts)) {
    return forbidden(c, actor, "post", `${row.role === "decide" ? "deciding" : "recording"} ${c._tag} needs one of: ${posts.join(", ")}`)
  }
  const county = c._tag === "RegisterLead" ? c.county : s.county
  const town = c._tag === "RegisterLead" ? c.town : s.town
  const j = actor.jurisdiction
  if (j.county !== county || (j.level === "town" && j.town !== town)) {
    return forbidden(c, actor, "jurisdiction", `the case belongs to town ${town} of county ${county}, outside the actor's jurisdiction`)
  }
  if (row.level === "county" && j.level !== "county") {
    return forbidden(c, actor, "decisionLevel", `${c._tag} is decided at county level`)
  }
  const subject = c._tag === "RegisterLead" ? c.subject.cadre : s.subject?.cadre
  const recused = recusal(actor.id, subject, ctx)
  return recused === undefined ? undefined : forbidden(c, actor, "recusal", recused)
}

/**
 * How to tell the relatives of a case's subject (回避): a predicate, recorded
 * {@link Kinship.Relation}s, or both. At least one is required where recusal must be checked.
 *
 * @since 0.1.0
 * @category models
 */
export type Recusal =
  | { readonly isRelated: (a: Ids.CadreId, b: Ids.CadreId) => boolean; readonly relations?: ReadonlyArray<Kinship.Relation> }
  | { readonly isRelated?: (a: Ids.CadreId, b: Ids.CadreId) => boolean; readonly relations: ReadonlyArray<Kinship.Relation> }

/**
 * Why `actor` must stand aside from a case about `subject` (回避): they are the subject, or a
 * relative of the subject by `isRelated` or the recorded `relations`; `undefined` when they need
 * not. {@link decide} and `Whistleblower.byPosts` both use it.
 *
 * @since 0.1.0
 * @category authorization
 */
export const recusal = (
  actor: Ids.CadreId,
  subject: Ids.CadreId | undefined,
  known: {
    readonly isRelated?: ((a: Ids.CadreId, b: Ids.CadreId) => boolean) | undefined
    readonly relations?: ReadonlyArray<Kinship.Relation> | undefined
  }
): string | undefined => {
  if (subject === undefined) return undefined
  if (subject === actor) return "the actor is the subject of the case (回避)"
  if (known.isRelated?.(actor, subject) === true || (known.relations !== undefined && Kinship.areRelated(known.relations, actor, subject))) {
    return `the actor is a relative of the subject ${subject} (回避)`
  }
  return undefined
}

const checkGuard = (g: Guard, s: State, rules: Rulebook.RuleSet, ctx: DecideContext): string | undefined => {
  switch (g) {
    case "notSuspended":
      return s.suspendedSince === undefined ? undefined : `the case is suspended since ${s.suspendedSince}; resume it first`
    case "suspended":
      return s.suspendedSince !== undefined ? undefined : "the case is not suspended"
    case "awaitingReply":
      return s.awaitingReply ? undefined : "no letter inquiry is awaiting a reply"
    case "extensionAvailable": {
      const times = Rulebook.value(rules, "case.investigationExtension").times
      return s.extensionsUsed < times ? undefined : `the investigation was already extended ${s.extensionsUsed} time(s); the rulebook allows ${times}`
    }
    case "reexaminationWindowOpen":
      return s.window?.kind === "reexaminationApply" && ctx.now <= s.window.due
        ? undefined
        : s.window?.kind === "reexaminationApply"
        ? `the 复审 application window closed on ${s.window.due}`
        : "复审 can no longer be applied for"
    case "recheckWindowOpen":
      return s.window?.kind === "recheckApply" && ctx.now <= s.window.due
        ? undefined
        : s.window?.kind === "recheckApply"
        ? `the 复核 application window closed on ${s.window.due}`
        : "复核 needs a 复审 decision first, and is applied for once"
    case "appealWindowOpen":
      return s.window !== undefined && ctx.now <= s.window.due ? undefined : "no appeal window is open to waive"
    case "appealWindowPassed":
      return s.window === undefined || ctx.now > s.window.due
        ? undefined
        : `the subject may apply for ${s.window.kind === "recheckApply" ? "复核" : "复审"} until ${s.window.due}; ` +
          "close the case after that date, or record the subject's waiver (WaiveAppeal) first"
  }
}

const deadlineCache = new WeakMap<
  Rulebook.Rulebook,
  WeakMap<WorkCalendar.WorkCalendar, Map<string, Partial<Record<DeadlineKind, Either.Either<Deadline, WorkCalendar.OutOfRange>>>>>
>()

// A due date depends only on (rulebook, calendar, kind, start day), and a commission opens many
// deadlines on the same day: compute each once. Deadlines are immutable, so events share them.
const openDeadline = (
  kind: DeadlineKind,
  rules: Rulebook.RuleSet,
  ctx: DecideContext
): Either.Either<Deadline, WorkCalendar.OutOfRange> => {
  let byCalendar = deadlineCache.get(ctx.rulebook)
  if (byCalendar === undefined) {
    byCalendar = new WeakMap()
    deadlineCache.set(ctx.rulebook, byCalendar)
  }
  let byKey = byCalendar.get(ctx.calendar)
  if (byKey === undefined) {
    byKey = new Map()
    byCalendar.set(ctx.calendar, byKey)
  }
  let byKind = byKey.get(ctx.now)
  if (byKind === undefined) {
    byKind = {}
    byKey.set(ctx.now, byKind)
  }
  let cached = byKind[kind]
  if (cached === undefined) {
    cached = deadlineFor(kind, rules, ctx.calendar, ctx.now)
    byKind[kind] = cached
  }
  return cached
}

const one = <E extends Event>(e: E): Either.Either<ReadonlyArray<Event>, never> => Either.right([e])

// Adds the deadline the target stage opens, if any, to an event under construction.
const entering = <E extends object>(
  e: E,
  t: Target,
  rules: Rulebook.RuleSet,
  ctx: DecideContext
): Either.Either<E | (E & { readonly deadline: Deadline }), WorkCalendar.OutOfRange> => {
  if (t.opens === undefined) return Either.right(e)
  const d = openDeadline(t.opens, rules, ctx)
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

const reject = (s: State, command: CommandTag, guard: string, detail: string) =>
  Either.left(
    rejection(
      "R\u0000" + s.stage + "\u0000" + command + "\u0000" + guard + "\u0000" + detail,
      () => new CommandRejected({ stage: s.stage, command, guard, detail }, true)
    )
  )

const appealDispositions = (
  s: State,
  c: Extract<Command, { readonly _tag: "DecideReexamination" | "DecideRecheck" }>,
  rules: Rulebook.RuleSet,
  ctx: DecideContext
): Either.Either<ReadonlyArray<FourForms.Disposition>, DecideError> => {
  if (c.outcome === "changed") {
    if (c.measures === undefined) return reject(s, c._tag, "measuresRequired", "a changed decision states its new measures")
    // The changed measures run from the original decision, as the sanction they replace did.
    return classifyAll(rules, s, c.measures, ctx, s.decidedOn ?? ctx.now, c._tag)
  }
  if (c.measures !== undefined) return reject(s, c._tag, "noMeasures", `an ${c.outcome} decision takes no measures`)
  return Either.right([])
}

const build = (
  row: Transition,
  s: State,
  c: Command,
  ctx: DecideContext,
  rules: Rulebook.RuleSet
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
          ctx
        ),
        one
      )
    case "DisposeLead":
      return Either.flatMap(entering({ _tag: "LeadDisposed", on, by, way: c.way } as const, t, rules, ctx), one)
    case "RecordInquiryReply":
      return one({ _tag: "InquiryReplyReceived", on, by })
    case "ConcludeInquiry": {
      let dispositions: Either.Either<ReadonlyArray<FourForms.Disposition>, DecideError> = Either.right([])
      if (c.outcome === "talkReminder") {
        dispositions = classifyAll(rules, s, c.measures ?? [{ measure: "talkReminder" }], ctx, on, c._tag)
        if (Either.isRight(dispositions)) {
          const heavy = dispositions.right.find((d) => d.form !== 1)
          if (heavy !== undefined) {
            return reject(s, c._tag, "firstFormOnly", `${heavy.measure} is in form ${heavy.form}; 谈话提醒 takes first-form measures only, file a case (立案) for heavier ones`)
          }
        }
      } else if (c.measures !== undefined) {
        return reject(s, c._tag, "noMeasures", `outcome ${c.outcome} takes no measures`)
      }
      return Either.flatMap(dispositions, (ds) =>
        Either.flatMap(entering({ _tag: "InquiryConcluded", on, by, outcome: c.outcome, dispositions: ds } as const, t, rules, ctx), one))
    }
    case "Transfer": {
      const ds = c.to === "judiciary" ? classifyAll(rules, s, [{ measure: "transferToJudiciary" }], ctx, on, c._tag) : Either.right([])
      return Either.flatMap(ds, (dispositions) => one({ _tag: "CaseTransferred", on, by, to: c.to, dispositions }))
    }
    case "Reactivate":
      return Either.flatMap(entering({ _tag: "LeadReactivated", on, by } as const, t, rules, ctx), one)
    case "ExtendInvestigation": {
      const d = s.deadline
      if (d === undefined) return reject(s, c._tag, "deadline", "the investigation has no due date to extend")
      return Either.flatMap(investigationExtension(rules, ctx.calendar, d.due, c.days), (x) => {
        if (x.withinMax) return one({ _tag: "InvestigationExtended", on, by, days: c.days, due: x.due })
        const max = Rulebook.value(rules, "case.investigationExtension").max
        return reject(s, c._tag, "extensionWithinMax", `an extension of ${c.days} days exceeds the allowed ${max.amount} ${max.unit} (latest ${x.latest})`)
      })
    }
    case "Suspend":
      return one({ _tag: "CaseSuspended", on, by })
    case "Resume": {
      const pausedDays = s.suspendedSince === undefined ? 0 : LocalDate.daysBetween(s.suspendedSince, on)
      const d = s.deadline
      return d !== undefined && d.onSuspend === "pause"
        ? one({ _tag: "CaseResumed", on, by, pausedDays, deadline: { ...d, due: LocalDate.addDays(d.due, pausedDays) } })
        : one({ _tag: "CaseResumed", on, by, pausedDays })
    }
    case "SubmitForReview":
      return Either.flatMap(entering({ _tag: "SubmittedForReview", on, by } as const, t, rules, ctx), one)
    case "ExtendReview": {
      const d = s.deadline
      if (d !== undefined && c.until <= d.due) {
        return reject(s, c._tag, "extendsLater", `the approved date ${c.until} is not after the current due date ${d.due}`)
      }
      return one({ _tag: "ReviewExtended", on, by, due: c.until })
    }
    case "Decide":
      return Either.flatMap(classifyAll(rules, s, c.measures, ctx, on, c._tag), (dispositions) =>
        Either.flatMap(entering({ _tag: "DecisionMade", on, by, dispositions } as const, t, rules, ctx), one))
    case "ServeDecision":
      return Either.flatMap(entering({ _tag: "DecisionServed", on, by } as const, t, rules, ctx), one)
    case "ApplyReexamination":
      return Either.flatMap(entering({ _tag: "ReexaminationApplied", on, by } as const, t, rules, ctx), one)
    case "DecideReexamination":
      return Either.flatMap(appealDispositions(s, c, rules, ctx), (dispositions) =>
        Either.flatMap(entering({ _tag: "ReexaminationDecided", on, by, outcome: c.outcome, dispositions } as const, t, rules, ctx), one))
    case "ApplyRecheck":
      return Either.flatMap(entering({ _tag: "RecheckApplied", on, by } as const, t, rules, ctx), one)
    case "DecideRecheck":
      return Either.flatMap(appealDispositions(s, c, rules, ctx), (dispositions) =>
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

// -----------------------------------------------------------------------------
// queries
// -----------------------------------------------------------------------------

/**
 * One case past its due date.
 *
 * @since 0.1.0
 * @category models
 */
export interface OverdueItem {
  readonly caseId: Ids.CaseId
  readonly town: Ids.TownId
  readonly stage: Stage
  readonly deadline: Deadline
  readonly daysOverdue: number
}

/**
 * A town dashboard's "cases past due, by stage": stages in machine order, each with its overdue
 * cases, most overdue first.
 *
 * @since 0.1.0
 * @category models
 */
export interface OverdueReport {
  readonly today: LocalDate.LocalDate
  readonly total: number
  readonly byStage: ReadonlyArray<{ readonly stage: Stage; readonly labelZh: string; readonly items: ReadonlyArray<OverdueItem> }>
}

/**
 * Cases whose commission deadline passed before `today`. A paused deadline of a suspended case is
 * not overdue; appeal windows never are.
 *
 * @since 0.1.0
 * @category queries
 */
export const overdue = (states: Iterable<State>, today: LocalDate.LocalDate): OverdueReport => {
  const byStage = new Map<Stage, Array<OverdueItem>>()
  let total = 0
  for (const s of states) {
    const d = s.deadline
    if (d === undefined || s.id === undefined || s.town === undefined || d.due >= today) continue
    if (s.suspendedSince !== undefined && d.onSuspend === "pause") continue
    const item: OverdueItem = {
      caseId: s.id,
      town: s.town,
      stage: s.stage,
      deadline: d,
      daysOverdue: LocalDate.daysBetween(d.due, today)
    }
    const list = byStage.get(s.stage)
    if (list === undefined) byStage.set(s.stage, [item])
    else list.push(item)
    total++
  }
  return {
    today,
    total,
    byStage: stages.flatMap((stage) => {
      const items = byStage.get(stage)
      if (items === undefined) return []
      items.sort((a, b) => b.daysOverdue - a.daysOverdue || (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0))
      return [{ stage, labelZh: stageLabelZh[stage], items }]
    })
  }
}

/**
 * {@link overdue} as of today's date in China (UTC+8), read from the Effect `Clock` (so tests
 * drive it with `TestClock`).
 *
 * @since 0.1.0
 * @category queries
 */
export const overdueNow = (states: Iterable<State>): Effect.Effect<OverdueReport> =>
  Effect.map(Clock.currentTimeMillis, (ms) => overdue(states, LocalDate.fromInstantChina(ms)))

// -----------------------------------------------------------------------------
// storage
// -----------------------------------------------------------------------------

/**
 * The event streams of cases on {@link Storage.Storage}: one stream per case, named
 * `supervision-case/<caseId>`. Every append is audited in the same transaction.
 *
 * @since 0.1.0
 * @category storage
 */
export const streams: Storage.EventStream<Event> = Storage.eventStream({ name: "supervision-case", schema: Event })

/**
 * Loads a case from storage: its events replayed through the machine ({@link replay}), so a
 * stream written or altered outside {@link execute} is an {@link InconsistentStream}. A case
 * never written is {@link initial}.
 *
 * @since 0.1.0
 * @category storage
 */
export const load = (
  caseId: Ids.CaseId
): Effect.Effect<State, Storage.ReadError | InconsistentStream, Storage.Storage> =>
  Effect.flatMap(streams.read(caseId), (stored) => replay(stored.map((e) => e.value)))

/**
 * What a dashboard or a case list needs of one case (案件摘要), kept beside its stream in
 * {@link summaries} so that those views are index queries rather than replays: where the case
 * belongs, whose conduct it examines, its stage, the commission's current due date (`deadline`,
 * with its kind), an appeal window open to the subject (`window`), and `version`, the stream
 * version it reflects. The lead's source is left out on purpose: it may hold a sealed reporter
 * identity, which a list has no reason to carry.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Summary = Schema.Struct({
  caseId: Ids.CaseId,
  county: Ids.CountyId,
  town: Ids.TownId,
  subject: Subject,
  stage: Stage,
  version: Schema.Int,
  registeredOn: LocalDate.LocalDate,
  lastEventOn: LocalDate.LocalDate,
  deadline: Schema.optional(Deadline),
  window: Schema.optional(Deadline),
  suspendedSince: Schema.optional(LocalDate.LocalDate),
  closedOn: Schema.optional(LocalDate.LocalDate)
}).annotations({ identifier: "SupervisionCaseSummary" })

/**
 * @since 0.1.0
 * @category models
 */
export type Summary = typeof Summary.Type

/**
 * The summary of a case as its state stands; `undefined` before a lead is registered.
 * {@link execute} stores exactly this after every accepted command.
 *
 * @since 0.1.0
 * @category storage
 */
export const summaryOf = (s: State): Summary | undefined => {
  if (
    s.id === undefined || s.county === undefined || s.town === undefined || s.subject === undefined ||
    s.registeredOn === undefined || s.lastEventOn === undefined
  ) return undefined
  return {
    caseId: s.id,
    county: s.county,
    town: s.town,
    subject: s.subject,
    stage: s.stage,
    version: s.version,
    registeredOn: s.registeredOn,
    lastEventOn: s.lastEventOn,
    ...(s.deadline === undefined ? {} : { deadline: s.deadline }),
    ...(s.window === undefined ? {} : { window: s.window }),
    ...(s.suspendedSince === undefined ? {} : { suspendedSince: s.suspendedSince }),
    ...(s.closedOn === undefined ? {} : { closedOn: s.closedOn })
  }
}

// The date a summary is indexed under: the commission's due date while its clock runs. A paused
// deadline of a suspended case cannot fall due (`overdue` skips it) and `Resume` rewrites the
// summary with the moved date, so leaving it out makes every entry the index returns overdue.
const runningDue = (s: Summary): LocalDate.LocalDate | undefined =>
  s.deadline === undefined || (s.suspendedSince !== undefined && s.deadline.onSuspend === "pause")
    ? undefined
    : s.deadline.due

/**
 * The indexes of {@link summaries}. Dates are `YYYY-MM-DD`, so index order is date order.
 *
 * | index | value | for |
 * | --- | --- | --- |
 * | `byDue` | the running due date | "due before D", everywhere |
 * | `byCountyDue` | county, running due date | the same within a county (县纪委监委) |
 * | `byTownDue` | county, town, running due date | the same within a town (镇纪委) |
 * | `byTownStage` | county, town, stage | a town's cases, by stage |
 *
 * The three due-date indexes hold only cases whose commission deadline is running: a case with no
 * deadline, or suspended with a deadline that pauses, is not in them.
 *
 * @since 0.1.0
 * @category storage
 */
export type SummaryIndex = "byDue" | "byCountyDue" | "byTownDue" | "byTownStage"

/**
 * The case summaries (collection `supervisionCaseSummaries`, one document per case id), written by
 * {@link execute} in the transaction that appends the case's events, and rebuilt from the streams
 * by {@link rebuildSummaries}.
 *
 * @since 0.1.0
 * @category storage
 */
export const summaries: Storage.Repository<Summary, SummaryIndex> = Storage.collection({
  name: "supervisionCaseSummaries",
  schema: Summary,
  id: (s: Summary) => s.caseId,
  indexes: {
    byDue: runningDue,
    byCountyDue: (s: Summary) => {
      const due = runningDue(s)
      return due === undefined ? undefined : Storage.indexKey(s.county, due)
    },
    byTownDue: (s: Summary) => {
      const due = runningDue(s)
      return due === undefined ? undefined : Storage.indexKey(s.county, s.town, due)
    },
    byTownStage: (s: Summary) => Storage.indexKey(s.county, s.town, s.stage)
  }
})

// The version of the stored summary document (0 when there is none), read without decoding it: a
// summary that no longer decodes is overwritten, never a reason to refuse a command.
const summaryVersion = (caseId: Ids.CaseId): Effect.Effect<number, StorageAdapter.StorageError, Storage.Storage> =>
  Effect.flatMap(Storage.Storage, ({ adapter }) =>
    Effect.map(adapter.getDocument(summaries.name, caseId), (doc) => Option.isSome(doc) ? doc.value.version : 0))

/**
 * Loads a case, decides a command against it, appends the events and stores the case's
 * {@link Summary}, all in one transaction: a rejected command writes nothing, and a failed append
 * or summary write leaves both the stream and the summary as they were. The append names the
 * version it loaded, so a writer that got there first (for example another process that bypassed
 * the transaction's lock) makes it fail with `ConcurrencyConflict`.
 *
 * @since 0.1.0
 * @category storage
 */
export const execute = (
  caseId: Ids.CaseId,
  command: Command,
  ctx: DecideContext
): Effect.Effect<
  { readonly state: State; readonly events: ReadonlyArray<Event> },
  DecideError | Storage.ReadError | Storage.WriteError | InconsistentStream,
  Storage.Storage
> =>
  Storage.transaction(Effect.gen(function*() {
    const state = yield* load(caseId)
    if (command._tag === "RegisterLead" && command.caseId !== caseId) {
      return yield* new CommandRejected({
        stage: state.stage,
        command: command._tag,
        guard: "caseId",
        detail: `the command registers ${command.caseId} but was sent to stream ${caseId}`
      })
    }
    const events = yield* decide(state, command, ctx)
    const actor = { id: ctx.actor.id, posts: [...ctx.actor.posts] }
    yield* streams.append(caseId, state.version, events, { actor })
    const next = fold(events, state)
    const summary = summaryOf(next)
    if (summary !== undefined && events.length > 0) {
      yield* summaries.put(summary, { actor, expectedVersion: yield* summaryVersion(caseId) })
    }
    return { state: next, events }
  }))

/**
 * Which cases {@link overdueFromStorage} reports: those of one town or one county (an actor's
 * `jurisdiction` fits), or every case when left out. `pageSize` is how many summaries are read
 * per round trip (default 500).
 *
 * @since 0.1.0
 * @category models
 */
export interface OverdueQuery {
  readonly jurisdiction?: Jurisdiction
  readonly pageSize?: number
}

// Just enough of a state for `overdue`, so the stored and the in-memory dashboards share one
// definition of "overdue" and one order.
const overdueStateOf = (s: Summary): State => ({
  ...initial,
  id: s.caseId,
  stage: s.stage,
  version: s.version,
  county: s.county,
  town: s.town,
  subject: s.subject,
  registeredOn: s.registeredOn,
  deadline: s.deadline,
  window: s.window,
  suspendedSince: s.suspendedSince,
  closedOn: s.closedOn,
  lastEventOn: s.lastEventOn
})

/**
 * {@link overdue} computed from the stored {@link summaries} rather than from states the caller
 * loaded: a range query on a due-date index (`due < today`), so it reads only the cases that are
 * overdue and replays no stream. The report is the one `overdue` gives for every case's replayed
 * state (restricted to `options.jurisdiction`), as long as the summaries are current: cases are
 * written through {@link execute}, and data stored before summaries existed was brought in with
 * {@link rebuildSummaries}.
 *
 * @since 0.1.0
 * @category storage
 */
export const overdueFromStorage = (
  today: LocalDate.LocalDate,
  options: OverdueQuery = {}
): Effect.Effect<OverdueReport, Storage.ReadError, Storage.Storage> => {
  const j = options.jurisdiction
  const pageSize = options.pageSize ?? 500
  // A composite key "<prefix>␟<due>" is below "<prefix>␟<today>" exactly when due < today; the
  // empty last part makes the lower bound "<prefix>␟", the first key of that prefix.
  const candidates = j === undefined
    ? summaries.all("byDue", { lt: today, pageSize })
    : j.level === "county"
    ? summaries.all("byCountyDue", { gte: Storage.indexKey(j.county, ""), lt: Storage.indexKey(j.county, today), pageSize })
    : summaries.all("byTownDue", {
      gte: Storage.indexKey(j.county, j.town, ""),
      lt: Storage.indexKey(j.county, j.town, today),
      pageSize
    })
  return Effect.map(candidates, (stored) => overdue(stored.map((s) => overdueStateOf(s.value)), today))
}

/**
 * {@link overdueFromStorage} as of today's date in China (UTC+8), read from the Effect `Clock`
 * (so tests drive it with `TestClock`), like {@link overdueNow}.
 *
 * @since 0.1.0
 * @category storage
 */
export const overdueFromStorageNow = (
  options: OverdueQuery = {}
): Effect.Effect<OverdueReport, Storage.ReadError, Storage.Storage> =>
  Effect.flatMap(Clock.currentTimeMillis, (ms) => overdueFromStorage(LocalDate.fromInstantChina(ms), options))

/**
 * The id of every case with a stored stream, in the order each was first written. Every append
 * made through core is entered in the audit log in its own transaction, so the log names every
 * case stream; one written to the adapter directly, bypassing core, is not found (pass its id to
 * {@link rebuildSummaries} instead).
 *
 * @since 0.1.0
 * @category storage
 */
export const storedCaseIds: Effect.Effect<ReadonlyArray<Ids.CaseId>, StorageAdapter.StorageError, Storage.Storage> =
  Effect.flatMap(Storage.Storage, ({ adapter }) =>
    Effect.gen(function*() {
      const prefix = streams.streamName("")
      const seen = new Set<Ids.CaseId>()
      const pageSize = 1000
      let from = 1
      while (true) {
        const page = yield* Audit.entries(from, pageSize)
        for (const { entry } of page) {
          const change = entry.change
          // The stream name was built from a CaseId by `streams`, so its key is one.
          if (change.kind === "stream" && change.stream.startsWith(prefix)) seen.add(change.stream.slice(prefix.length) as Ids.CaseId)
        }
        if (page.length < pageSize) return [...seen]
        from += page.length
      }
    }).pipe(Effect.provideService(StorageAdapter.StorageAdapter, adapter)))

/**
 * Options of {@link rebuildSummaries}: who writes (entered in the audit log), which cases (default
 * {@link storedCaseIds}) and how many cases go in one transaction (default 200).
 *
 * @since 0.1.0
 * @category models
 */
export interface RebuildOptions extends Storage.WriteOptions {
  readonly caseIds?: Iterable<Ids.CaseId>
  readonly batchSize?: number
}

/**
 * What {@link rebuildSummaries} did: how many streams it replayed, how many summaries it wrote
 * (new or changed) or found already current, and the cases whose stream could not be replayed,
 * with why (their summaries are left as they were).
 *
 * @since 0.1.0
 * @category models
 */
export interface RebuildReport {
  readonly replayed: number
  readonly written: number
  readonly unchanged: number
  readonly failed: ReadonlyArray<{ readonly caseId: Ids.CaseId; readonly error: InconsistentStream | Storage.CorruptRecord }>
}

// JSON with object keys sorted, to tell whether a stored summary already says what a replay says.
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v)

const encodeSummary = Schema.encodeSync(Summary)

/**
 * (Re)builds {@link summaries} from the streams: replays every case once ({@link load}, checked
 * against the machine) and writes the summaries that are missing or differ, batch by batch, each
 * batch in one transaction. Run it once for cases stored before summaries existed, or after
 * events were appended outside {@link execute}; running it again writes nothing.
 *
 * @since 0.1.0
 * @category storage
 */
export const rebuildSummaries = (
  options: RebuildOptions
): Effect.Effect<RebuildReport, Storage.WriteError | Storage.ReadError, Storage.Storage> =>
  Effect.gen(function*() {
    const ids = options.caseIds === undefined ? yield* storedCaseIds : [...new Set(options.caseIds)]
    const batchSize = Math.max(1, options.batchSize ?? 200)
    let replayed = 0
    let written = 0
    let unchanged = 0
    const failed: Array<RebuildReport["failed"][number]> = []
    for (let i = 0; i < ids.length; i += batchSize) {
      const batch = ids.slice(i, i + batchSize)
      yield* Storage.transaction(Effect.gen(function*() {
        const { adapter } = yield* Storage.Storage
        const writes: Array<{ readonly value: Summary; readonly expectedVersion: number }> = []
        for (const caseId of batch) {
          const loaded: Either.Either<State, InconsistentStream | Storage.CorruptRecord> = yield* load(caseId).pipe(
            Effect.map((state) => Either.right(state)),
            Effect.catchTags({
              InconsistentStream: (error) => Effect.succeed(Either.left(error)),
              StorageCorruptRecord: (error) => Effect.succeed(Either.left(error))
            })
          )
          replayed++
          if (Either.isLeft(loaded)) {
            failed.push({ caseId, error: loaded.left })
            continue
          }
          const summary = summaryOf(loaded.right)
          if (summary === undefined) continue
          const stored = yield* adapter.getDocument(summaries.name, caseId)
          if (Option.isSome(stored) && canonical(stored.value.data) === canonical(encodeSummary(summary))) {
            unchanged++
            continue
          }
          writes.push({ value: summary, expectedVersion: Option.isSome(stored) ? stored.value.version : 0 })
        }
        yield* summaries.putMany(writes, options)
        written += writes.length
      }))
    }
    return { replayed, written, unchanged, failed }
  })
