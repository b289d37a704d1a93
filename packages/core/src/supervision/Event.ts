/**
 * The events of a supervision case (事件): what happened, when and by whom. A case is the stream of
 * its events; the due dates a stage opens are stored in the event that enters it.
 *
 * @since 0.1.0
 */
import type * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Ids from "../base/Ids.js"
import * as InvalidInput from "../base/InvalidInput.js"
import * as LocalDate from "../base/LocalDate.js"
import { Deadline } from "./Deadlines.js"
import * as validators from "./internal/validators.js"
import * as FourForms from "./FourForms.js"
import { LeadSource, Subject } from "./Vocabulary.js"

const meta = { on: LocalDate.LocalDate, by: Ids.CadreId }
const Dispositions = Schema.Array(FourForms.Disposition)

/**
 * Every event of a case stream. Each carries the date it happened (`on`) and who did it (`by`);
 * events that enter a stage with a statutory limit carry its {@link Deadline}.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Event = Schema.Union(
  Schema.TaggedStruct("LeadRegistered", {
    ...meta,
    caseId: Ids.CaseId,
    county: Ids.CountyId,
    town: Ids.TownId,
    subject: Subject,
    source: LeadSource,
    deadline: Schema.optional(Deadline)
  }),
  Schema.TaggedStruct("LeadDisposed", {
    ...meta,
    way: Schema.Literal("talkInquiry", "letterInquiry", "preliminaryCheck", "hold", "close"),
    deadline: Schema.optional(Deadline)
  }),
  Schema.TaggedStruct("InquiryReplyReceived", meta),
  Schema.TaggedStruct("InquiryConcluded", {
    ...meta,
    outcome: Schema.Literal("fileCase", "close", "talkReminder", "hold"),
    dispositions: Dispositions,
    deadline: Schema.optional(Deadline)
  }),
  Schema.TaggedStruct("CaseTransferred", {
    ...meta,
    to: Schema.Literal("judiciary", "otherAuthority"),
    dispositions: Dispositions
  }),
  Schema.TaggedStruct("LeadReactivated", { ...meta, deadline: Schema.optional(Deadline) }),
  Schema.TaggedStruct("InvestigationExtended", { ...meta, days: Schema.Int, due: LocalDate.LocalDate }),
  Schema.TaggedStruct("CaseSuspended", meta),
  Schema.TaggedStruct("CaseResumed", {
    ...meta,
    pausedDays: Schema.Int,
    deadline: Schema.optional(Deadline)
  }),
  Schema.TaggedStruct("SubmittedForReview", { ...meta, deadline: Schema.optional(Deadline) }),
  Schema.TaggedStruct("ReviewExtended", { ...meta, due: LocalDate.LocalDate }),
  Schema.TaggedStruct("DecisionMade", {
    ...meta,
    dispositions: Dispositions,
    deadline: Schema.optional(Deadline)
  }),
  Schema.TaggedStruct("DecisionServed", { ...meta, deadline: Schema.optional(Deadline) }),
  Schema.TaggedStruct("ReexaminationApplied", { ...meta, deadline: Schema.optional(Deadline) }),
  Schema.TaggedStruct("ReexaminationDecided", {
    ...meta,
    outcome: Schema.Literal("upheld", "changed", "revoked"),
    dispositions: Dispositions,
    deadline: Schema.optional(Deadline)
  }),
  Schema.TaggedStruct("RecheckApplied", { ...meta, deadline: Schema.optional(Deadline) }),
  Schema.TaggedStruct("RecheckDecided", {
    ...meta,
    outcome: Schema.Literal("upheld", "changed", "revoked"),
    dispositions: Dispositions
  }),
  Schema.TaggedStruct("AppealWaived", meta),
  Schema.TaggedStruct("CaseClosed", meta)
).annotations({ identifier: "SupervisionEvent" })

/**
 * @since 0.1.0
 * @category models
 */
export type Event = typeof Event.Type

/**
 * @since 0.1.0
 * @category models
 */
export type EventTag = Event["_tag"]

/**
 * Decodes a stored event (for example one read back from a storage adapter).
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeEvent: (input: unknown) => Either.Either<Event, InvalidInput.InvalidInput> = InvalidInput
  .decodeUnknown(Event, "supervision event", validators.Event)
