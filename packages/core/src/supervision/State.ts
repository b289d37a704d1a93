/**
 * The state of a supervision case (案件状态): a pure fold of its events. {@link evolve} applies one
 * event, {@link fold} many, and {@link replay} checks each against the machine first, for streams
 * read from outside.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import type * as Ids from "../base/Ids.js"
import type * as LocalDate from "../base/LocalDate.js"
import type { Deadline } from "./Deadlines.js"
import type { Event } from "./Event.js"
import type * as FourForms from "./FourForms.js"
import { allowsEvent, targetOfEvent } from "./Machine.js"
import * as Sanction from "./Sanction.js"
import { type LeadSource, Stage, type Subject } from "./Vocabulary.js"

/**
 * A case as its events leave it.
 *
 * @since 0.1.0
 * @category models
 */
export interface State {
  readonly id: Ids.CaseId | undefined
  readonly stage: Stage
  /** Number of events folded in (the stream version). */
  readonly version: number
  readonly county: Ids.CountyId | undefined
  readonly town: Ids.TownId | undefined
  readonly subject: Subject | undefined
  readonly source: LeadSource | undefined
  readonly registeredOn: LocalDate.LocalDate | undefined
  /** The commission's current due date (shown as overdue when missed). */
  readonly deadline: Deadline | undefined
  /** An appeal window open to the subject. */
  readonly window: Deadline | undefined
  readonly suspendedSince: LocalDate.LocalDate | undefined
  readonly awaitingReply: boolean
  readonly extensionsUsed: number
  /** The measures in force, each classified into one of the four forms when it was decided. */
  readonly dispositions: ReadonlyArray<FourForms.Disposition>
  readonly decidedOn: LocalDate.LocalDate | undefined
  readonly transferredTo: "judiciary" | "otherAuthority" | undefined
  readonly closedOn: LocalDate.LocalDate | undefined
  readonly lastEventOn: LocalDate.LocalDate | undefined
}

/**
 * The state of an empty stream.
 *
 * @since 0.1.0
 * @category constructors
 */
export const initial: State = {
  id: undefined,
  stage: "none",
  version: 0,
  county: undefined,
  town: undefined,
  subject: undefined,
  source: undefined,
  registeredOn: undefined,
  deadline: undefined,
  window: undefined,
  suspendedSince: undefined,
  awaitingReply: false,
  extensionsUsed: 0,
  dispositions: [],
  decidedOn: undefined,
  transferredTo: undefined,
  closedOn: undefined,
  lastEventOn: undefined
}

/**
 * Applies one event. Pure and total: the stage comes from the machine's row for the event, the
 * due dates from the event itself (never recomputed, so a replay gives the dates that were
 * decided). Trusts its input; use {@link replay} for streams read from outside.
 *
 * @since 0.1.0
 * @category folding
 */
export const evolve = (s: State, e: Event): State => {
  const target = targetOfEvent(e)
  // One fixed-shape copy per event, then field writes: folding a million events stays cheap.
  const n = copy(s)
  n.version = s.version + 1
  n.lastEventOn = e.on
  if (target.stage !== "same") {
    n.stage = target.stage
    const d = (e as { readonly deadline?: Deadline }).deadline
    n.deadline = d !== undefined && d.binding === "authority" ? d : undefined
    n.window = d !== undefined && d.binding === "applicant" ? d : undefined
    if (target.stage === "closed") n.closedOn = e.on
  }
  switch (e._tag) {
    case "LeadRegistered":
      n.id = e.caseId
      n.county = e.county
      n.town = e.town
      n.subject = e.subject
      n.source = e.source
      n.registeredOn = e.on
      break
    case "LeadDisposed":
      n.awaitingReply = e.way === "letterInquiry"
      break
    case "InquiryReplyReceived":
      n.deadline = undefined
      n.awaitingReply = false
      break
    case "InquiryConcluded":
      n.awaitingReply = false
      if (e.dispositions.length > 0) n.dispositions = [...s.dispositions, ...e.dispositions]
      break
    case "CaseTransferred":
      n.awaitingReply = false
      n.transferredTo = e.to
      if (e.dispositions.length > 0) n.dispositions = [...s.dispositions, ...e.dispositions]
      break
    case "InvestigationExtended":
      n.extensionsUsed = s.extensionsUsed + 1
      n.deadline = s.deadline === undefined ? undefined : { ...s.deadline, due: e.due }
      break
    case "ReviewExtended":
      n.deadline = s.deadline === undefined ? undefined : { ...s.deadline, due: e.due }
      break
    case "CaseSuspended":
      n.suspendedSince = e.on
      break
    case "CaseResumed":
      n.suspendedSince = undefined
      if (e.deadline !== undefined) n.deadline = e.deadline
      break
    case "DecisionMade":
      n.dispositions = e.dispositions
      n.decidedOn = e.on
      break
    case "ReexaminationDecided":
    case "RecheckDecided":
      if (e.outcome !== "upheld") n.dispositions = e.dispositions
      break
    case "AppealWaived":
      // The subject gave up the appeal the window was open for: it closes now.
      n.window = undefined
      break
    case "CaseClosed":
      n.suspendedSince = undefined
      break
    case "LeadReactivated":
    case "SubmittedForReview":
    case "DecisionServed":
    case "ReexaminationApplied":
    case "RecheckApplied":
      break
  }
  return n
}

type Mutable<A> = { -readonly [K in keyof A]: A[K] }

const copy = (s: State): Mutable<State> => ({
  id: s.id,
  stage: s.stage,
  version: s.version,
  county: s.county,
  town: s.town,
  subject: s.subject,
  source: s.source,
  registeredOn: s.registeredOn,
  deadline: s.deadline,
  window: s.window,
  suspendedSince: s.suspendedSince,
  awaitingReply: s.awaitingReply,
  extensionsUsed: s.extensionsUsed,
  dispositions: s.dispositions,
  decidedOn: s.decidedOn,
  transferredTo: s.transferredTo,
  closedOn: s.closedOn,
  lastEventOn: s.lastEventOn
})

/**
 * Folds events onto a state (by default {@link initial}), trusting them.
 *
 * @since 0.1.0
 * @category folding
 */
export const fold = (events: Iterable<Event>, from: State = initial): State => {
  let s = from
  for (const e of events) s = evolve(s, e)
  return s
}

/**
 * A stored event that the machine does not allow in the stage the stream had reached: the stream
 * was written by something other than `decide`, or altered.
 *
 * @since 0.1.0
 * @category errors
 */
export class InconsistentStream extends Schema.TaggedError<InconsistentStream>("@qinglian/core/supervision/InconsistentStream")("InconsistentStream", {
  version: Schema.Number,
  stage: Stage,
  event: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `event ${this.version} (${this.event}) cannot happen in stage ${this.stage}`
  }
}

/**
 * Folds events read from outside, checking each against the machine.
 *
 * @since 0.1.0
 * @category folding
 */
export const replay = (events: Iterable<Event>, from: State = initial): Either.Either<State, InconsistentStream> => {
  let s = from
  for (const e of events) {
    if (!allowsEvent(s.stage, e._tag)) {
      return Either.left(new InconsistentStream({ version: s.version + 1, stage: s.stage, event: e._tag }))
    }
    s = evolve(s, e)
  }
  return Either.right(s)
}

/**
 * The sanctions a case has put in force (measures with an influence period), dated from the
 * decision.
 *
 * @since 0.1.0
 * @category getters
 */
export const sanctions = (s: State): ReadonlyArray<Sanction.Sanction> => {
  if (s.id === undefined || s.subject === undefined) return []
  const out: Array<Sanction.Sanction> = []
  for (const d of s.dispositions) {
    if (d.periodMonths === undefined) continue
    out.push(Sanction.make({ caseId: s.id, cadre: s.subject.cadre, measure: d.measure, from: d.on, months: d.periodMonths }))
  }
  return out
}
