/**
 * The micro-power list (小微权力清单): every power a village may exercise, with its legal basis,
 * responsible posts, deciding body, ordered procedure, integrity-risk points (廉政风险点) and their
 * controls (防控措施), and disclosure duties (公开).
 *
 * Decoding checks the shape; {@link validate} then reports every semantic problem as a
 * {@link Diagnostic.Diagnostic}.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Citation from "../base/Citation.js"
import type * as Diagnostic from "../base/Diagnostic.js"
import * as Ids from "../base/Ids.js"
import * as InvalidInput from "../base/InvalidInput.js"
import * as LocalDate from "../base/LocalDate.js"
import * as Money from "../base/Money.js"
import * as Rulebook from "../rulebook/Rulebook.js"
import referenceListJson from "./data/reference-list.json" with { type: "json" }
import * as procedure from "./internal/procedure.js"
import * as validation from "./internal/validate.js"
import * as validators from "./internal/validators.js"

/**
 * A text in Chinese, optionally with an English rendering.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Text = Schema.Struct({
  zh: Schema.String.pipe(Schema.minLength(1, { message: () => "the Chinese text must not be empty" })),
  en: Schema.optional(Schema.String)
}).annotations({ identifier: "Text" })

/**
 * @since 0.1.0
 * @category models
 */
export type Text = typeof Text.Type

/**
 * Collective bodies that act in a procedure.
 *
 * | code | 中文 |
 * | --- | --- |
 * | `partyOrganisation` | 村党组织 |
 * | `twoCommittees` | 村"两委"联席会议 |
 * | `partyMembersMeeting` | 党员大会 |
 * | `villagersAssembly` | 村民会议 |
 * | `representativesAssembly` | 村民代表会议 |
 * | `villagerGroupMeeting` | 村民小组会议 |
 * | `villagersCommittee` | 村民委员会 |
 * | `supervisionCommittee` | 村务监督委员会 |
 * | `collectiveEconomyOrganisation` | 村集体经济组织 |
 * | `townGovernment` | 镇(乡)人民政府 |
 * | `townPartyCommittee` | 镇党委 |
 * | `townAssetsCentre` | 镇三资委托代理中心 |
 * | `townDisciplineCommission` | 镇纪委 |
 *
 * @since 0.1.0
 * @category schemas
 */
export const Body = Schema.Literal(
  "partyOrganisation",
  "twoCommittees",
  "partyMembersMeeting",
  "villagersAssembly",
  "representativesAssembly",
  "villagerGroupMeeting",
  "villagersCommittee",
  "supervisionCommittee",
  "collectiveEconomyOrganisation",
  "townGovernment",
  "townPartyCommittee",
  "townAssetsCentre",
  "townDisciplineCommission"
).annotations({ identifier: "Body" })

/**
 * @since 0.1.0
 * @category models
 */
export type Body = typeof Body.Type

/**
 * Who performs a step: a collective body, or the holder of a post. Posts are strings here so that
 * {@link validate} can report an unknown post (`UNKNOWN_POST`) instead of failing the decode; a
 * list may declare its own local posts.
 *
 * @since 0.1.0
 * @category schemas
 */
export const StepActor = Schema.Union(
  Schema.Struct({ body: Body }),
  Schema.Struct({ post: Schema.String })
).annotations({ identifier: "StepActor" })

/**
 * @since 0.1.0
 * @category models
 */
export type StepActor = typeof StepActor.Type

/**
 * What kind of act a step is.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Act = Schema.Literal(
  "apply",
  "propose",
  "discuss",
  "review",
  "resolve",
  "approve",
  "verify",
  "publishDecision",
  "publishResult",
  "publish",
  "tender",
  "contract",
  "sign",
  "implement",
  "accept",
  "pay",
  "record",
  "archive",
  "report"
).annotations({ identifier: "Act" })

/**
 * @since 0.1.0
 * @category models
 */
export type Act = typeof Act.Type

/**
 * Evidence a step must leave behind.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Evidence = Schema.Literal(
  "application",
  "minutes",
  "signInSheet",
  "ballot",
  "resolution",
  "noticePhoto",
  "approvalForm",
  "tenderDocuments",
  "bidEvaluation",
  "contract",
  "invoice",
  "receipt",
  "acceptanceReport",
  "auditReport",
  "ledger",
  "other"
).annotations({ identifier: "Evidence" })

/**
 * @since 0.1.0
 * @category models
 */
export type Evidence = typeof Evidence.Type

/**
 * One step of a procedure. `id` is unique within the item and is what an exercise refers to.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Step = Schema.Struct({
  id: Schema.String.pipe(Schema.minLength(1)),
  name: Text,
  act: Act,
  actor: StepActor,
  evidence: Schema.Array(Evidence)
}).annotations({ identifier: "Step" })

/**
 * @since 0.1.0
 * @category models
 */
export type Step = typeof Step.Type

/**
 * An item's procedure: either explicit ordered steps, or the 四议两公开 template (its six steps in
 * statutory order) with optional steps before it, between the published decision and the
 * published result (`implementation`: tender, contract, works, acceptance …), and after it.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Procedure = Schema.Union(
  Schema.TaggedStruct("Steps", { steps: Schema.Array(Step) }),
  Schema.TaggedStruct("FourAndTwo", {
    before: Schema.optionalWith(Schema.Array(Step), { exact: true }),
    /** Carrying out the decision: between 决议公开 (step 5) and 实施结果公开 (step 6). */
    implementation: Schema.optionalWith(Schema.Array(Step), { exact: true }),
    after: Schema.optionalWith(Schema.Array(Step), { exact: true })
  })
).annotations({ identifier: "Procedure" })

/**
 * @since 0.1.0
 * @category models
 */
export type Procedure = typeof Procedure.Type

/**
 * The six steps of 四议两公开, in statutory order, as the template expands them.
 *
 * @since 0.1.0
 * @category constants
 */
export const fourAndTwoSteps: ReadonlyArray<Step> = procedure.fourAndTwoSteps

/**
 * The ordered steps of a procedure, with the 四议两公开 template expanded: `before`, steps 1–5,
 * `implementation`, step 6, `after`.
 *
 * @since 0.1.0
 * @category utils
 */
export const steps: (procedure: Procedure) => ReadonlyArray<Step> = procedure.steps

/**
 * Which of the six 四议两公开 steps a step is (0 = 提议 … 5 = 实施结果公开), or -1. Steps are
 * recognised by act and actor, not by id, so a county's own step ids work:
 *
 * | # | act | actor |
 * | --- | --- | --- |
 * | 0 | `propose` | body `partyOrganisation` |
 * | 1 | `discuss` | body `twoCommittees` |
 * | 2 | `review` | body `partyMembersMeeting` |
 * | 3 | `resolve` | body `villagersAssembly` or `representativesAssembly` |
 * | 4 | `publishDecision` | any |
 * | 5 | `publishResult` | any |
 *
 * @since 0.1.0
 * @category utils
 */
export const fourAndTwoRole: (step: Step) => number = procedure.fourAndTwoRole

/**
 * Risk level of a risk point or an exercise.
 *
 * @since 0.1.0
 * @category schemas
 */
export const RiskLevel = Schema.Literal("low", "medium", "high").annotations({ identifier: "RiskLevel" })

/**
 * An integrity-risk point (廉政风险点) and its controls (防控措施).
 *
 * @since 0.1.0
 * @category schemas
 */
export const RiskPoint = Schema.Struct({
  id: Schema.String.pipe(Schema.minLength(1)),
  description: Text,
  level: RiskLevel,
  /** The step the risk attaches to, if any. */
  step: Schema.optional(Schema.String),
  controls: Schema.Array(Text)
}).annotations({ identifier: "RiskPoint" })

/**
 * @since 0.1.0
 * @category models
 */
export type RiskPoint = typeof RiskPoint.Type

/**
 * Where a disclosure is posted.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Channel = Schema.Literal("villageAffairsBoard", "partyAffairsBoard", "online", "villagersMeeting").annotations({
  identifier: "Channel"
})

/**
 * A time limit written either as a rulebook parameter (so it follows the county's rulebook) or as
 * a duration the list states itself.
 *
 * @since 0.1.0
 * @category schemas
 */
export const TimeLimit = Schema.Union(
  Schema.Struct({ parameter: Schema.Literal("disclosure.majorMatterDeadline") }),
  Schema.Struct({ duration: Rulebook.Duration })
).annotations({ identifier: "TimeLimit" })

/**
 * @since 0.1.0
 * @category models
 */
export type TimeLimit = typeof TimeLimit.Type

/**
 * A disclosure duty: what is published, after which step, how soon, and where.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DisclosureDuty = Schema.Struct({
  id: Schema.String.pipe(Schema.minLength(1)),
  what: Text,
  /** The step whose completion starts the clock. */
  afterStep: Schema.String,
  within: TimeLimit,
  channels: Schema.NonEmptyArray(Channel),
  /** Minimum days the notice stays posted, where the county requires it. */
  minimumPostedDays: Schema.optional(Schema.Int.pipe(Schema.nonNegative()))
}).annotations({ identifier: "DisclosureDuty" })

/**
 * @since 0.1.0
 * @category models
 */
export type DisclosureDuty = typeof DisclosureDuty.Type

/**
 * An amount limit: a rulebook parameter (so a county's threshold applies) or an amount the list
 * states.
 *
 * @since 0.1.0
 * @category schemas
 */
export const AmountLimit = Schema.Union(
  Schema.Struct({
    parameter: Schema.Literal(
      "threshold.fourAndTwo",
      "threshold.escalation",
      "threshold.tenderConstruction",
      "threshold.tenderGoods",
      "threshold.tenderServices",
      "threshold.smallWorksCompetition"
    )
  }),
  Schema.Struct({ amount: Money.Amount })
).annotations({ identifier: "AmountLimit" })

/**
 * @since 0.1.0
 * @category models
 */
export type AmountLimit = typeof AmountLimit.Type

/**
 * What an applicability condition requires when it holds.
 *
 * - `fourAndTwo`: the 四议两公开 procedure applies
 * - `escalation`: town-level review (提级监督)
 * - `publicTender`: public tender (公开招标)
 * - `competitiveSelection`: competitive selection for small works (小微工程比选)
 *
 * @since 0.1.0
 * @category schemas
 */
export const Requirement = Schema.Literal("fourAndTwo", "escalation", "publicTender", "competitiveSelection").annotations({
  identifier: "Requirement"
})

/**
 * @since 0.1.0
 * @category models
 */
export type Requirement = typeof Requirement.Type

/**
 * An applicability condition: "always", or "amount ≥ limit", implies a requirement.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Condition = Schema.Struct({
  when: Schema.Union(Schema.Struct({ always: Schema.Literal(true) }), Schema.Struct({ amountAtLeast: AmountLimit })),
  then: Requirement
}).annotations({ identifier: "Condition" })

/**
 * @since 0.1.0
 * @category models
 */
export type Condition = typeof Condition.Type

/**
 * The matters that only the villagers' assembly (or, by its delegation, the representative
 * assembly) may decide (村民委员会组织法 §24).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Article24Matter = Schema.Literal(
  "lostWorkSubsidy",
  "collectiveIncomeUse",
  "publicWelfareProject",
  "landContractingPlan",
  "collectiveEconomicProject",
  "homesteadPlan",
  "landCompensation",
  "collectivePropertyDisposal",
  "otherMajorMatter"
).annotations({ identifier: "Article24Matter" })

/**
 * @since 0.1.0
 * @category models
 */
export type Article24Matter = typeof Article24Matter.Type

/**
 * The kind of contract an item leads to, which decides the tender threshold that applies.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ProcurementKind = Schema.Literal("construction", "goods", "services").annotations({
  identifier: "ProcurementKind"
})

/**
 * One power on the list.
 *
 * @since 0.1.0
 * @category schemas
 */
export const PowerItem = Schema.Struct({
  code: Ids.PowerItemCode,
  category: Schema.String,
  name: Text,
  legalBasis: Schema.Array(Citation.Citation),
  responsiblePosts: Schema.Array(Schema.String),
  decidingBody: Body,
  procedure: Procedure,
  riskPoints: Schema.Array(RiskPoint),
  disclosures: Schema.Array(DisclosureDuty),
  conditions: Schema.optionalWith(Schema.Array(Condition), { exact: true }),
  /** Whether the power touches villagers' interests (涉及村民利益), which makes disclosure mandatory. */
  touchesVillagersInterests: Schema.Boolean,
  /** The §24 matter this power decides, if any. */
  article24: Schema.optional(Article24Matter),
  /** The kind of contract the power leads to, for tender thresholds. */
  procurement: Schema.optional(ProcurementKind)
}).annotations({ identifier: "PowerItem" })

/**
 * @since 0.1.0
 * @category models
 */
export type PowerItem = typeof PowerItem.Type

/**
 * A category of the list (大类).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Category = Schema.Struct({
  code: Schema.String.pipe(Schema.minLength(1)),
  name: Text
}).annotations({ identifier: "Category" })

/**
 * @since 0.1.0
 * @category models
 */
export type Category = typeof Category.Type

/**
 * The jurisdiction a list belongs to.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Jurisdiction = Schema.Struct({
  level: Schema.Literal("county", "town", "village"),
  code: Schema.String.pipe(Schema.minLength(1)),
  name: Schema.String
}).annotations({ identifier: "Jurisdiction" })

/**
 * A whole list, as a county publishes it.
 *
 * @since 0.1.0
 * @category schemas
 */
export const PowerList = Schema.Struct({
  /** The JSON Schema the file follows, for editors; kept as written. */
  $schema: Schema.optionalWith(Schema.String, { exact: true }),
  id: Ids.PowerListId,
  title: Text,
  jurisdiction: Jurisdiction,
  version: Schema.String.pipe(Schema.minLength(1)),
  effectiveFrom: LocalDate.LocalDate,
  /** True for a template (such as the shipped reference list) that a county must replace. */
  illustrative: Schema.optionalWith(Schema.Boolean, { exact: true }),
  /** Totals the list declares of itself, e.g. 8 categories / 57 items. */
  declaredTotals: Schema.optional(
    Schema.Struct({ categories: Schema.Int.pipe(Schema.nonNegative()), items: Schema.Int.pipe(Schema.nonNegative()) })
  ),
  /** Local posts the list uses beyond the built-in ones. */
  localPosts: Schema.optionalWith(Schema.Array(Schema.Struct({ code: Schema.String, name: Text })), { exact: true }),
  categories: Schema.Array(Category),
  items: Schema.Array(PowerItem)
}).annotations({ identifier: "PowerList", title: "小微权力清单 (micro-power list)" })

/**
 * @since 0.1.0
 * @category models
 */
export type PowerList = typeof PowerList.Type

/**
 * The encoded (JSON) form of a list.
 *
 * @since 0.1.0
 * @category models
 */
export type PowerListEncoded = typeof PowerList.Encoded

/**
 * @since 0.1.0
 * @category models
 */
export type ProcurementKind = typeof ProcurementKind.Type

/**
 * Every code {@link check} and {@link validate} can report.
 *
 * | code | severity | meaning |
 * | --- | --- | --- |
 * | `DUPLICATE_ITEM_CODE` | error | two items share a code |
 * | `DUPLICATE_CATEGORY_CODE` | error | two categories share a code |
 * | `UNKNOWN_CATEGORY` | error | an item names a category the list does not declare |
 * | `CATEGORY_WITHOUT_ITEMS` | warning | a category has no items |
 * | `DECLARED_TOTAL_MISMATCH` | error | the declared totals (e.g. 8 categories / 57 items) differ from the counts |
 * | `MISSING_LEGAL_BASIS` | error | an item cites no law or policy |
 * | `EMPTY_PROCEDURE` | error | an item's procedure has no steps |
 * | `DUPLICATE_STEP_ID` | error | two steps of an item share an id |
 * | `UNKNOWN_POST` | error | a responsible post or a step's actor post is neither built-in nor in `localPosts` |
 * | `MISSING_EVIDENCE` | warning | a deciding step (`resolve`, `approve`) requires no evidence |
 * | `DUPLICATE_RISK_ID` | error | two risk points of an item share an id |
 * | `RISK_WITHOUT_CONTROL` | error | a risk point has no control (防控措施) |
 * | `UNKNOWN_STEP_REFERENCE` | error | a risk point or disclosure names a step the procedure lacks |
 * | `MISSING_DISCLOSURE` | error | an item touching villagers' interests has no disclosure duty |
 * | `DUPLICATE_DISCLOSURE_ID` | error | two disclosure duties of an item share an id |
 * | `WRONG_DECIDING_BODY` | error | a §24 matter is decided by a body without the power |
 * | `FOUR_AND_TWO_BROKEN` | error | an item bound to 四议两公开 lacks one of its six steps, has them out of order, or has one of them more than once |
 * | `TENDER_THRESHOLD_ABOVE_NATIONAL` | warning | an item's public-tender limit is above the national threshold (with a rulebook) |
 * | `RULEBOOK_NOT_IN_FORCE` | warning | no rulebook edition covers the list's effective date (with a rulebook) |
 * | `ILLUSTRATIVE_LIST` | info | the list is a template to replace |
 *
 * @since 0.1.0
 * @category models
 */
export type ValidationCode =
  | "DUPLICATE_ITEM_CODE"
  | "DUPLICATE_CATEGORY_CODE"
  | "UNKNOWN_CATEGORY"
  | "CATEGORY_WITHOUT_ITEMS"
  | "DECLARED_TOTAL_MISMATCH"
  | "MISSING_LEGAL_BASIS"
  | "EMPTY_PROCEDURE"
  | "DUPLICATE_STEP_ID"
  | "UNKNOWN_POST"
  | "MISSING_EVIDENCE"
  | "DUPLICATE_RISK_ID"
  | "RISK_WITHOUT_CONTROL"
  | "UNKNOWN_STEP_REFERENCE"
  | "MISSING_DISCLOSURE"
  | "DUPLICATE_DISCLOSURE_ID"
  | "WRONG_DECIDING_BODY"
  | "FOUR_AND_TWO_BROKEN"
  | "TENDER_THRESHOLD_ABOVE_NATIONAL"
  | "RULEBOOK_NOT_IN_FORCE"
  | "ILLUSTRATIVE_LIST"

/**
 * What {@link check} found: `ok` is false when any diagnostic is an error.
 *
 * @since 0.1.0
 * @category models
 */
export interface ValidationReport {
  readonly ok: boolean
  readonly diagnostics: ReadonlyArray<Diagnostic.Diagnostic<ValidationCode>>
}

/**
 * Checks a typed list: every problem, not only the first. With a rulebook, item amount limits are
 * also compared with the national thresholds in force on the list's effective date.
 *
 * @since 0.1.0
 * @category validation
 */
export const check = (list: PowerList, rulebook?: Rulebook.Rulebook): ValidationReport => {
  const diagnostics = validation.check(list, rulebook)
  return { ok: diagnostics.every((d) => d.severity !== "error"), diagnostics }
}

/**
 * Decodes a list from unknown input (a parsed JSON value); every bad path is named in the error.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeUnknown: (input: unknown) => Either.Either<PowerList, InvalidInput.InvalidInput> =
  InvalidInput.decodeUnknown(PowerList, "power list", validators.PowerList)

/**
 * Decodes a list from JSON text.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeJson: (text: string) => Either.Either<PowerList, InvalidInput.InvalidInput> =
  InvalidInput.decodeJson(PowerList, "power list", validators.PowerList)

/**
 * Decodes and checks a list in one go. A string is read as JSON text, anything else as a parsed
 * value. Input that is not a list at all is an `InvalidInput` (with every bad path); a list comes
 * back with its {@link ValidationReport}. Never throws.
 *
 * @since 0.1.0
 * @category validation
 */
export const validate = (
  input: unknown,
  rulebook?: Rulebook.Rulebook
): Either.Either<ValidationReport, InvalidInput.InvalidInput> =>
  Either.map(typeof input === "string" ? decodeJson(input) : decodeUnknown(input), (list) => check(list, rulebook))

// The shipped template, as data. It is decoded on first use, not at import, so that importing the
// package costs nothing for it.

let referenceList: PowerList | undefined

/**
 * The illustrative reference list (示例清单): 8 categories (重大事项决策, 招投标管理, 财务管理,
 * 资产资源管理, 工程项目建设, 村务管理, 便民服务, 党务管理) and 57 items, each with its legal basis,
 * responsible posts, procedure (四议两公开 for major matters), integrity-risk points with controls,
 * disclosure duties and rulebook-driven conditions. It is a template marked `illustrative`: a
 * county replaces it with the list it has adopted (see docs/reference-list.md).
 *
 * Shipped as JSON (`powerlist/data/reference-list.json`) and decoded on the first call; later
 * calls return the same value.
 *
 * @since 0.1.0
 * @category constants
 */
export const reference = (): PowerList => (referenceList ??= Either.getOrThrow(decodeUnknown(referenceListJson)))
