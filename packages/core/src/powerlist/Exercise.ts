/**
 * An exercise (行使) of a micro-power: one use of a power on the list, with the facts a supervisor
 * needs to judge it — who performed each step and when, the meetings' counts, the disclosures and
 * their dates, whether a tender or a town review happened, and who is related to the counterparty.
 *
 * {@link check} is a pure function of (power item, exercise, rulebook, calendar): it returns a
 * traffic-light risk (green / yellow / red), every finding as a {@link Diagnostic.Diagnostic}, and
 * the requirements (四议两公开, 提级监督, 公开招标, 比选) that applied.
 *
 * @example
 * ```ts
 * import { Examples, Exercise, PowerList, Rulebook, WorkCalendar } from "@qinglian/core"
 * import { Either } from "effect"
 *
 * // Decode an exercise from JSON and check it against its item of the list: pure, never throws.
 * const json = JSON.stringify(Examples.xishuHeatingCleanEncoded)
 * const result = Either.getOrThrow(Exercise.validate(PowerList.reference(), json, Rulebook.defaults, WorkCalendar.china))
 * console.log(result.risk) // "green"
 * for (const f of result.findings) console.log(f.severity, f.code, f.message.en)
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import type * as Diagnostic from "../base/Diagnostic.js"
import * as Ids from "../base/Ids.js"
import * as InvalidInput from "../base/InvalidInput.js"
import * as LocalDate from "../base/LocalDate.js"
import * as Money from "../base/Money.js"
import * as internal from "./internal/check.js"
import * as codesInternal from "./internal/codes.js"
import * as PowerList from "./PowerList.js"
import type * as Rulebook from "../rulebook/Rulebook.js"
import type * as WorkCalendar from "../calendar/WorkCalendar.js"
import * as validators from "./internal/validators.js"

const Count = Schema.Int.pipe(
  Schema.nonNegative({ message: () => "a count must be a whole number, zero or more" }),
  Schema.annotations({ identifier: "Count", jsonSchema: { type: "integer", minimum: 0 } })
)

/**
 * Who performed a step: the cadres who did it (or signed for it), a collective body — with the
 * cadres who took part in it when known (they matter for recusal and self-approval) — or a
 * department outside the village, by level and sector.
 *
 * @example
 * ["cadre-wang"]                                             // cadres
 * { "body": "partyOrganisation" }                            // a body; its head is read from `actors`
 * { "body": "twoCommittees", "cadres": ["cadre-wang", "cadre-li"] }
 * { "external": { "level": "county", "sector": "forestry", "name": { "zh": "县林业局" } } }
 *
 * @since 0.1.0
 * @category schemas
 */
export const PerformedBy = Schema.Union(
  Schema.Array(Ids.CadreId),
  Schema.Struct({
    body: PowerList.Body,
    /** Cadres who took part in the body's act (presided, attended, voted, signed). */
    cadres: Schema.optionalWith(Schema.Array(Ids.CadreId), { exact: true })
  }),
  /** A department outside the village (county forestry bureau, town civil affairs office …). */
  Schema.Struct({
    external: Schema.Struct({
      level: Schema.Literal("county", "town"),
      sector: PowerList.Sector,
      name: Schema.optionalWith(PowerList.Text, { exact: true })
    })
  })
).annotations({ identifier: "PerformedBy" })

/**
 * @since 0.1.0
 * @category models
 */
export type PerformedBy = typeof PerformedBy.Type

/**
 * The counts of a meeting (会议), as its minutes and sign-in sheet record them. Which counts matter
 * depends on the body's `MeetingRule` in the rulebook:
 *
 * - `membersEntitled` / `present`: members entitled to attend and people present (村民代表会议,
 *   党员大会, 两委会议; for 村民会议 `present` is everyone present and voting)
 * - `adultVillagers`: 村民会议 — villagers aged 18+ and how many of them attended
 * - `households`: 村民会议 — households in the village and how many were represented
 * - `votesFor` / `votesAgainst` / `abstentions`: the vote on the motion
 *
 * @since 0.1.0
 * @category schemas
 */
export const Meeting = Schema.Struct({
  /** The body that met; defaults to the step's performing body, then to the step's actor. */
  body: Schema.optional(PowerList.Body),
  membersEntitled: Schema.optional(Count),
  present: Count,
  adultVillagers: Schema.optional(Schema.Struct({ total: Count, present: Count })),
  households: Schema.optional(Schema.Struct({ total: Count, represented: Count })),
  votesFor: Count,
  votesAgainst: Count,
  abstentions: Schema.optional(Count)
}).annotations({ identifier: "Meeting" })

/**
 * @since 0.1.0
 * @category models
 */
export type Meeting = typeof Meeting.Type

/**
 * One step as it was performed: which step of the item's procedure (`stepId`), by whom, on what
 * date, the evidence it left, for a meeting its counts, and the supervision committee members who
 * watched it.
 *
 * @since 0.1.0
 * @category schemas
 */
export const StepRecord = Schema.Struct({
  stepId: Schema.String.pipe(Schema.minLength(1)),
  performedBy: PerformedBy,
  date: LocalDate.LocalDate,
  evidence: Schema.optionalWith(Schema.Array(PowerList.Evidence), { exact: true }),
  meeting: Schema.optional(Meeting),
  /**
   * Members of the 村务监督委员会 who attended the step or signed its record (一监督). Required
   * on the steps the procedure's `supervision` watches.
   */
  supervisors: Schema.optionalWith(Schema.Array(Ids.CadreId), { exact: true })
}).annotations({ identifier: "StepRecord" })

/**
 * @since 0.1.0
 * @category models
 */
export type StepRecord = typeof StepRecord.Type

/**
 * A disclosure as it was posted: which duty of the item it fulfils, when and where. `removedOn`,
 * when known, lets a duty's minimum posting period be checked.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DisclosureRecord = Schema.Struct({
  dutyId: Schema.String.pipe(Schema.minLength(1)),
  postedOn: LocalDate.LocalDate,
  channel: PowerList.Channel,
  removedOn: Schema.optional(LocalDate.LocalDate)
}).annotations({ identifier: "DisclosureRecord" })

/**
 * @since 0.1.0
 * @category models
 */
export type DisclosureRecord = typeof DisclosureRecord.Type

// A post code: built-in or the list's own. Checked against the list by `check`, not the decoder,
// so that a county's local posts are accepted.
const PostCode = Schema.String.pipe(Schema.minLength(1, { message: () => "a post code must not be empty" }))

/**
 * A cadre who acted in the exercise, with the posts held on the exercise's date (so that 一肩挑 —
 * the party secretary who is also committee director — is visible without an organisation lookup)
 * and whether the cadre is related to the counterparty (亲属 / 利害关系).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Actor = Schema.Struct({
  cadre: Ids.CadreId,
  name: Schema.optional(Schema.String),
  /**
   * Built-in post codes (see `Post`) or the list's own `localPosts` (e.g. a 计生专干). A post that
   * is neither is reported as `UNKNOWN_POST`.
   */
  posts: Schema.Array(PostCode),
  relatedToCounterparty: Schema.optionalWith(Schema.Boolean, { exact: true })
}).annotations({ identifier: "Actor" })

/**
 * @since 0.1.0
 * @category models
 */
export type Actor = typeof Actor.Type

/**
 * The other side of the exercise: the contractor, supplier, applicant or lessee. `relatedCadres`
 * lists cadres related to it (by kinship or interest), however the integrator found them.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Counterparty = Schema.Struct({
  person: Schema.optional(Ids.PersonId),
  name: Schema.String.pipe(Schema.minLength(1)),
  /** What kind of party it is, for conditions on the counterparty's kind. */
  kind: Schema.optionalWith(PowerList.CounterpartyKind, { exact: true }),
  relatedCadres: Schema.optionalWith(Schema.Array(Ids.CadreId), { exact: true })
}).annotations({ identifier: "Counterparty" })

/**
 * Facts of the exercise that an item's conditions may test, beyond the amount: who owns the asset
 * (集体 / 村民小组 / 个人), and whether this exercise touches villagers' interests (absent: as the
 * item says).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Facts = Schema.Struct({
  ownership: Schema.optionalWith(PowerList.Ownership, { exact: true }),
  touchesVillagersInterests: Schema.optionalWith(Schema.Boolean, { exact: true })
}).annotations({ identifier: "ExerciseFacts" })

/**
 * @since 0.1.0
 * @category models
 */
export type Facts = typeof Facts.Type

/**
 * @since 0.1.0
 * @category models
 */
export type Counterparty = typeof Counterparty.Type

/**
 * What actually happened among the safeguards a requirement may call for.
 *
 * - `publicTender`: 公开招标 took place
 * - `competitiveSelection`: 比选 / competitive quotation took place (a public tender also counts)
 * - `townReview`: the town reviewed the exercise (提级监督)
 *
 * @since 0.1.0
 * @category schemas
 */
export const Safeguards = Schema.Struct({
  publicTender: Schema.optionalWith(Schema.Boolean, { exact: true }),
  competitiveSelection: Schema.optionalWith(Schema.Boolean, { exact: true }),
  townReview: Schema.optionalWith(Schema.Boolean, { exact: true })
}).annotations({ identifier: "Safeguards" })

/**
 * @since 0.1.0
 * @category models
 */
export type Safeguards = typeof Safeguards.Type

/**
 * Whether the exercise is finished. In an `inProgress` exercise, steps after the last one
 * performed and disclosures not yet due are not missing.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Status = Schema.Literal("inProgress", "completed").annotations({ identifier: "ExerciseStatus" })

/**
 * @since 0.1.0
 * @category models
 */
export type Status = typeof Status.Type

/**
 * One exercise of a power on the list.
 *
 * `date` is the day the exercise started; the rulebook in force on that day applies. `amount`
 * (Money, decoded to fen) decides which thresholds apply. `procurement` overrides the item's kind.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Exercise = Schema.Struct({
  /** The JSON Schema the file follows, for editors; kept as written. */
  $schema: Schema.optionalWith(Schema.String, { exact: true }),
  id: Ids.ExerciseId,
  item: Ids.PowerItemCode,
  village: Ids.VillageId,
  title: Schema.optional(Schema.String),
  date: LocalDate.LocalDate,
  /** Absent means `"completed"`. */
  status: Schema.optionalWith(Status, { exact: true }),
  amount: Schema.optionalWith(Money.Amount, { exact: true }),
  procurement: Schema.optional(PowerList.ProcurementKind),
  counterparty: Schema.optional(Counterparty),
  facts: Schema.optionalWith(Facts, { exact: true }),
  actors: Schema.optionalWith(Schema.Array(Actor), { exact: true }),
  steps: Schema.Array(StepRecord),
  disclosures: Schema.optionalWith(Schema.Array(DisclosureRecord), { exact: true }),
  safeguards: Schema.optionalWith(Safeguards, { exact: true })
}).annotations({ identifier: "Exercise", title: "小微权力行使记录 (exercise of a micro-power)" })

/**
 * @since 0.1.0
 * @category models
 */
export type Exercise = typeof Exercise.Type

/**
 * The encoded (JSON) form of an exercise.
 *
 * @since 0.1.0
 * @category models
 */
export type ExerciseEncoded = typeof Exercise.Encoded

/**
 * Decodes an exercise from unknown input; every bad path is named in the error.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeUnknown: (input: unknown) => Either.Either<Exercise, InvalidInput.InvalidInput> =
  InvalidInput.decodeUnknown(Exercise, "exercise", validators.Exercise)

/**
 * Decodes an exercise from JSON text.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeJson: (text: string) => Either.Either<Exercise, InvalidInput.InvalidInput> =
  InvalidInput.decodeJson(Exercise, "exercise", validators.Exercise)

/**
 * The traffic-light risk of an exercise: `red` — a serious rule was broken; `yellow` — a lesser
 * problem (late disclosure, missing evidence); `green` — nothing found.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Risk = Schema.Literal("green", "yellow", "red").annotations({ identifier: "ExerciseRisk" })

/**
 * @since 0.1.0
 * @category models
 */
export type Risk = typeof Risk.Type

/**
 * What {@link check} says about an exercise.
 *
 * @since 0.1.0
 * @category models
 */
export interface Result {
  readonly risk: Risk
  readonly findings: ReadonlyArray<Diagnostic.Diagnostic<Code>>
  /** 提级监督 applies (amount at or above the escalation threshold, or an item condition). */
  readonly escalationRequired: boolean
  /** 公开招标 applies (national threshold by procurement kind, or an item condition). */
  readonly tenderRequired: boolean
  /** Every requirement that applied to this exercise. */
  readonly requirements: ReadonlyArray<PowerList.Requirement>
}

/**
 * Every finding code {@link check} can emit. The table in {@link codes} gives each one's severity
 * and the risk it raises.
 *
 * @since 0.1.0
 * @category models
 */
export type Code =
  | "ITEM_MISMATCH"
  | "UNKNOWN_ITEM"
  | "RULEBOOK_NOT_IN_FORCE"
  | "CALENDAR_OUT_OF_RANGE"
  | "UNKNOWN_STEP"
  | "DUPLICATE_STEP_RECORD"
  | "STEP_MISSING"
  | "STEP_OUT_OF_ORDER"
  | "STEP_BEFORE_EXERCISE"
  | "EVIDENCE_MISSING"
  | "PERFORMER_MISMATCH"
  | "WRONG_DECIDING_BODY"
  | "MEETING_RECORD_MISSING"
  | "MEETING_COUNTS_INCONSISTENT"
  | "QUORUM_NOT_MET"
  | "MAJORITY_NOT_REACHED"
  | "DISCLOSURE_MISSING"
  | "DISCLOSURE_LATE"
  | "DISCLOSURE_BEFORE_STEP"
  | "DISCLOSURE_WRONG_CHANNEL"
  | "DISCLOSURE_TOO_SHORT"
  | "UNKNOWN_DISCLOSURE_DUTY"
  | "SELF_APPROVAL"
  | "RECUSAL_REQUIRED"
  | "ESCALATION_REQUIRED"
  | "TENDER_REQUIRED"
  | "COMPETITIVE_SELECTION_REQUIRED"
  | "AMOUNT_MISSING"
  | "FACT_MISSING"
  | "SUPERVISION_MISSING"
  | "UNKNOWN_POST"
  | "METHOD_NOT_RESOLVED"
  | "DUAL_TOP_POSTS"

/**
 * How a code weighs: its severity, and the risk it raises — `red` (serious), `yellow` (lesser) or
 * `none` (informational).
 *
 * @since 0.1.0
 * @category models
 */
export interface Weight {
  readonly severity: Diagnostic.Severity
  readonly risk: Risk | "none"
}

/**
 * The table that turns findings into a risk. An exercise is `red` if any finding's code weighs
 * `red`, else `yellow` if any weighs `yellow`, else `green`.
 *
 * | code | severity | risk | meaning |
 * | --- | --- | --- | --- |
 * | `SELF_APPROVAL` | error | red | the same person proposed (or applied) and approved / resolved, 一肩挑 included |
 * | `RECUSAL_REQUIRED` | error | red | a cadre related to the counterparty took part |
 * | `QUORUM_NOT_MET` | error | red | a meeting lacked its quorum (rulebook `meeting.*`) |
 * | `MAJORITY_NOT_REACHED` | error | red | a motion passed without the majority the rulebook requires |
 * | `TENDER_REQUIRED` | error | red | the amount needs a public tender (公开招标) and none took place |
 * | `COMPETITIVE_SELECTION_REQUIRED` | error | red | the item requires competitive selection (比选) and none took place |
 * | `ESCALATION_REQUIRED` | error | red | the amount needs town review (提级监督) and none took place |
 * | `STEP_MISSING` | error | red | a required step of the procedure (四议两公开 included) was not performed |
 * | `STEP_OUT_OF_ORDER` | error | red | a step was performed before a step that must precede it |
 * | `WRONG_DECIDING_BODY` | error | red | a §24 matter was decided by a body without the power |
 * | `DISCLOSURE_MISSING` | error | red | a disclosure duty was not fulfilled and its deadline has passed |
 * | `DISCLOSURE_LATE` | warning | yellow | posted after the deadline |
 * | `DISCLOSURE_BEFORE_STEP` | warning | yellow | posted before the step it reports on |
 * | `DISCLOSURE_WRONG_CHANNEL` | warning | yellow | posted on a channel the duty does not name |
 * | `DISCLOSURE_TOO_SHORT` | warning | yellow | taken down before the minimum posting period |
 * | `UNKNOWN_DISCLOSURE_DUTY` | warning | yellow | a disclosure names a duty the item does not have |
 * | `EVIDENCE_MISSING` | warning | yellow | a step lacks evidence the procedure requires |
 * | `PERFORMER_MISMATCH` | warning | yellow | a step was performed by someone other than its actor |
 * | `MEETING_RECORD_MISSING` | warning | yellow | a meeting step has no counts to check |
 * | `MEETING_COUNTS_INCONSISTENT` | error | yellow | the counts contradict each other (more votes than present …) |
 * | `STEP_BEFORE_EXERCISE` | warning | yellow | a step is dated before the exercise |
 * | `UNKNOWN_STEP` | warning | yellow | a record names a step the procedure does not have |
 * | `DUPLICATE_STEP_RECORD` | warning | yellow | a step was recorded more than once (the first counts) |
 * | `SUPERVISION_MISSING` | error | red | a step the procedure's supervision (一监督) watches has no 监委会 member attending or signing |
 * | `AMOUNT_MISSING` | warning | yellow | the item has amount thresholds but the exercise states no amount |
 * | `FACT_MISSING` | warning | yellow | a condition tests a fact (ownership, counterparty kind) the exercise does not state |
 * | `UNKNOWN_POST` | warning | yellow | ({@link checkInList}) an actor holds a post that is neither built-in nor one of the list's local posts |
 * | `METHOD_NOT_RESOLVED` | error | yellow | the item follows a method by reference and was checked without its list; nothing else is checked |
 * | `ITEM_MISMATCH` | error | yellow | the exercise is for another item; nothing else is checked |
 * | `UNKNOWN_ITEM` | error | yellow | ({@link checkInList}) the list has no item with the exercise's code |
 * | `RULEBOOK_NOT_IN_FORCE` | error | yellow | no rulebook edition covers the date; parameter checks are skipped |
 * | `CALENDAR_OUT_OF_RANGE` | warning | yellow | the working-day calendar does not cover a deadline |
 * | `DUAL_TOP_POSTS` | info | none | a performer holds both top posts (一肩挑): noted for extra supervision |
 *
 * @since 0.1.0
 * @category constants
 */
export const codes: { readonly [C in Code]: Weight } = codesInternal.codes

/**
 * The risk of a set of findings, by the {@link codes} table.
 *
 * @since 0.1.0
 * @category utils
 */
export const riskOf: (findings: ReadonlyArray<Diagnostic.Diagnostic<Code>>) => Risk = codesInternal.riskOf

/**
 * Options of {@link check}.
 *
 * - `asOf`: the day of the check. For an `inProgress` exercise, a disclosure whose deadline is
 *   before `asOf` and that was not posted is missing. (Never the system clock: rules are pure.)
 * - `isRelated`: a relatives lookup (for example over the Kinship register), consulted in
 *   addition to the facts recorded in the exercise.
 *
 * @since 0.1.0
 * @category models
 */
export interface CheckOptions {
  readonly asOf?: LocalDate.LocalDate | undefined
  readonly isRelated?: ((cadre: Ids.CadreId, counterparty: Counterparty) => boolean) | undefined
}

/**
 * What is precomputed once per item: its expanded steps and their index. {@link check} memoises
 * it per item (a `WeakMap`), so preparing ahead is optional.
 *
 * @since 0.1.0
 * @category models
 */
export interface Prepared {
  readonly item: PowerList.PowerItem
  readonly steps: ReadonlyArray<PowerList.Step>
  readonly index: ReadonlyMap<string, number>
}

/**
 * Precomputes (and memoises) what checking exercises of `item` needs.
 *
 * @since 0.1.0
 * @category utils
 */
export const prepare: (item: PowerList.PowerItem) => Prepared = internal.prepare

/**
 * Checks one exercise of a power against the item, the rulebook in force on the exercise's date
 * and the working-day calendar. Pure and total: every problem becomes a finding (see {@link codes}
 * for the table of codes, severities and risks); nothing throws.
 *
 * - Steps: each required step performed (`STEP_MISSING`), in order (`STEP_OUT_OF_ORDER`), with
 *   its evidence (`EVIDENCE_MISSING`), by the right performer.
 * - Meetings: quorum and majority by the rulebook's `meeting.*` rule for the body, in exact
 *   integer arithmetic (`QUORUM_NOT_MET`, `MAJORITY_NOT_REACHED`).
 * - Disclosures: posted (`DISCLOSURE_MISSING`) by the deadline counted from the step they follow,
 *   in working days on `calendar` where the limit says so (`DISCLOSURE_LATE`); a periodic duty
 *   (`every`) is due by the end of the period after the step's, at the rulebook's frequency.
 * - Supervision (一监督): each watched step names a 监委会 member (`SUPERVISION_MISSING`).
 * - Conditions on facts: ownership, villagers' interests, counterparty kind (`FACT_MISSING`), and
 *   steps required only when a condition holds (a 两委 tier below the 四议两公开 threshold).
 * - Persons: `SELF_APPROVAL` (一肩挑 included) and `RECUSAL_REQUIRED`.
 * - Amount: `ESCALATION_REQUIRED` (提级监督), `TENDER_REQUIRED` (national thresholds by
 *   procurement kind, even without an item condition), `COMPETITIVE_SELECTION_REQUIRED`.
 *
 * @example
 * const result = Exercise.check(item, exercise, Rulebook.defaults, WorkCalendar.china)
 * result.risk // "green" | "yellow" | "red"
 *
 * @since 0.1.0
 * @category rules
 */
export const check: (
  item: PowerList.PowerItem,
  exercise: Exercise,
  rulebook: Rulebook.Rulebook,
  calendar: WorkCalendar.WorkCalendar,
  options?: CheckOptions
) => Result = internal.check

/**
 * Like {@link check}, looking the item up in a list by the exercise's item code (`UNKNOWN_ITEM`
 * when the list has none). The list's method items write out `Method` procedures, and its
 * `localPosts` are known posts.
 *
 * @since 0.1.0
 * @category rules
 */
export const checkInList = (
  list: PowerList.PowerList,
  exercise: Exercise,
  rulebook: Rulebook.Rulebook,
  calendar: WorkCalendar.WorkCalendar,
  options?: CheckOptions
): Result => internal.checkInList(list, exercise, rulebook, calendar, options)

/**
 * Decodes an exercise (JSON text or a parsed value) and checks it against its item in `list`.
 * Input that is not an exercise is an `InvalidInput` naming every bad path; never throws.
 *
 * @since 0.1.0
 * @category rules
 */
export const validate = (
  list: PowerList.PowerList,
  input: unknown,
  rulebook: Rulebook.Rulebook,
  calendar: WorkCalendar.WorkCalendar,
  options?: CheckOptions
): Either.Either<Result, InvalidInput.InvalidInput> =>
  Either.map(typeof input === "string" ? decodeJson(input) : decodeUnknown(input), (exercise) =>
    checkInList(list, exercise, rulebook, calendar, options))
