/**
 * The micro-power list (小微权力清单): every power a village may exercise, with its legal basis,
 * responsible posts, deciding body, ordered procedure, integrity-risk points (廉政风险点) and their
 * controls (防控措施), and disclosure duties (公开).
 *
 * Decoding checks the shape; {@link validate} then reports every semantic problem as a
 * {@link Diagnostic.Diagnostic}.
 *
 * @example
 * ```ts
 * import { PowerList } from "@qinglian/core"
 *
 * const list = PowerList.reference() // the illustrative 8-category, 57-item list
 * const report = PowerList.check(list)
 * console.log(list.items.length, report.diagnostics.map((d) => d.code)) // 57 ["ILLUSTRATIVE_LIST"]: a warning
 * console.log(PowerList.decodeJson("{}")._tag) // "Left": an InvalidInput naming every missing field
 * ```
 *
 * @packageDocumentation
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
import countyExampleJson from "./data/county-example.json" with { type: "json" }
import referenceListJson from "./data/reference-list.json" with { type: "json" }
import * as procedureInternal from "./internal/procedure.js"
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
 * The sector of a department outside the village that approves, files or pays for an item.
 *
 * | code | 中文 |
 * | --- | --- |
 * | `forestry` | 林业 (采伐许可) |
 * | `civilAffairs` | 民政 (低保、救灾救助) |
 * | `naturalResources` | 自然资源 (宅基地、用地) |
 * | `agricultureRural` | 农业农村 (宅基地、承包地) |
 * | `health` | 卫生健康 (计划生育奖励扶助) |
 * | `housing` | 住房城乡建设 (危房改造) |
 * | `publicSecurity` | 公安 (户籍) |
 * | `finance` | 财政 |
 * | `humanResources` | 人力资源社会保障 |
 * | `other` | 其他 (the name says which) |
 *
 * @since 0.1.0
 * @category schemas
 */
export const Sector = Schema.Literal(
  "forestry",
  "civilAffairs",
  "naturalResources",
  "agricultureRural",
  "health",
  "housing",
  "publicSecurity",
  "finance",
  "humanResources",
  "other"
).annotations({ identifier: "Sector" })

/**
 * @since 0.1.0
 * @category models
 */
export type Sector = typeof Sector.Type

/**
 * A department outside the village, by level and sector, with its name as the list writes it
 * (e.g. `{ level: "county", sector: "forestry", name: { zh: "县林业局" } }`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const ExternalActor = Schema.Struct({
  level: Schema.Literal("county", "town"),
  sector: Sector,
  name: Text
}).annotations({ identifier: "ExternalActor" })

/**
 * @since 0.1.0
 * @category models
 */
export type ExternalActor = typeof ExternalActor.Type

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
  Schema.Struct({ post: Schema.String }),
  /** One of several posts may perform the step (书记 for the party seal, 主任 for the committee seal). */
  Schema.Struct({ anyOfPosts: Schema.NonEmptyArray(Schema.String) }),
  /** A department outside the village: a county bureau or a town office. */
  Schema.Struct({ external: ExternalActor })
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
 * Supervision that runs alongside the steps (一监督): the 村务监督委员会 watches the procedure, and
 * an exercise shows it by naming, on each watched step, the committee members who attended or
 * signed the record (`supervisors`). A step performed by the committee itself is watched by
 * definition. `Exercise.check` reports `SUPERVISION_MISSING` for a watched step without them.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Supervision = Schema.Struct({
  by: Schema.Literal("supervisionCommittee"),
  /** The ids of the watched steps; absent means every step of the procedure. */
  steps: Schema.optionalWith(Schema.Array(Schema.String), { exact: true }),
  /** The rule that calls for it, e.g. 村民委员会组织法 §32 or the county's 一监督 document. */
  citation: Schema.optionalWith(Citation.Citation, { exact: true })
}).annotations({ identifier: "Supervision" })

/**
 * @since 0.1.0
 * @category models
 */
export type Supervision = typeof Supervision.Type

/**
 * An item's procedure, in one of three forms:
 *
 * - `Steps`: explicit ordered steps;
 * - `FourAndTwo`: the 四议两公开 template (its six steps in statutory order) with optional steps
 *   before it, between the published decision and the published result (`implementation`:
 *   tender, contract, works, acceptance …), and after it;
 * - `Method`: the procedure of a method item (an item of a category of `kind: "method"`, such as
 *   "村级管理工作法: 四议两公开一监督"), referred to by its code instead of being repeated, with
 *   this item's own steps around it. {@link resolve} writes it out.
 *
 * Each may carry `supervision` (一监督). A `Method` procedure without its own takes the method's.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Procedure = Schema.Union(
  Schema.TaggedStruct("Steps", {
    steps: Schema.Array(Step),
    supervision: Schema.optionalWith(Supervision, { exact: true })
  }),
  Schema.TaggedStruct("FourAndTwo", {
    before: Schema.optionalWith(Schema.Array(Step), { exact: true }),
    /** Carrying out the decision: between 决议公开 (step 5) and 实施结果公开 (step 6). */
    implementation: Schema.optionalWith(Schema.Array(Step), { exact: true }),
    after: Schema.optionalWith(Schema.Array(Step), { exact: true }),
    supervision: Schema.optionalWith(Supervision, { exact: true })
  }),
  Schema.TaggedStruct("Method", {
    /** The code of the method item whose procedure this one follows. */
    method: Schema.String.pipe(Schema.minLength(1)),
    before: Schema.optionalWith(Schema.Array(Step), { exact: true }),
    /** For a 四议两公开 method: between 决议公开 and 实施结果公开; otherwise after the method's steps. */
    implementation: Schema.optionalWith(Schema.Array(Step), { exact: true }),
    after: Schema.optionalWith(Schema.Array(Step), { exact: true }),
    supervision: Schema.optionalWith(Supervision, { exact: true })
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
export const fourAndTwoSteps: ReadonlyArray<Step> = procedureInternal.fourAndTwoSteps

/**
 * The ordered steps of a procedure, with the 四议两公开 template expanded: `before`, steps 1–5,
 * `implementation`, step 6, `after`. A `Method` procedure not yet {@link resolve}d gives only its
 * own steps. See {@link itemSteps} for group-owned property.
 *
 * @since 0.1.0
 * @category utils
 */
export const steps = (procedure: Procedure): ReadonlyArray<Step> => procedureInternal.steps(procedure)

/**
 * The ordered steps of an item's procedure, as {@link steps} gives them, except that for an item
 * whose `propertyOwner` is a 村民小组 the template's deciding step is the 村民小组会议's
 * (组织法 §28; 民法典 §262). Write out a `Method` procedure first with {@link resolve}.
 *
 * @since 0.1.0
 * @category utils
 */
export const itemSteps = (item: PowerItem): ReadonlyArray<Step> =>
  procedureInternal.steps(item.procedure, item.propertyOwner === "villagerGroup")

/**
 * Which of the six 四议两公开 steps a step is (0 = 提议 … 5 = 实施结果公开), or -1. Steps are
 * recognised by act and actor, not by id, so a county's own step ids work:
 *
 * | # | act | actor |
 * | --- | --- | --- |
 * | 0 | `propose` | body `partyOrganisation` |
 * | 1 | `discuss` | body `twoCommittees` |
 * | 2 | `review` | body `partyMembersMeeting` |
 * | 3 | `resolve` | body `villagersAssembly` or `representativesAssembly` (for an item whose `propertyOwner` is `villagerGroup`, the rules also count `villagerGroupMeeting`) |
 * | 4 | `publishDecision` | any |
 * | 5 | `publishResult` | any |
 *
 * @since 0.1.0
 * @category utils
 */
export const fourAndTwoRole = (step: Step): number => procedureInternal.fourAndTwoRole(step)

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
 * A time limit written as a rulebook parameter (so it follows the county's rulebook), as a
 * duration the list states itself, or as a period (`every`: monthly, quarterly … by the rulebook's
 * disclosure frequency).
 *
 * @since 0.1.0
 * @category schemas
 */
export const TimeLimit = Schema.Union(
  Schema.Struct({ parameter: Schema.Literal("disclosure.majorMatterDeadline") }),
  Schema.Struct({ duration: Rulebook.Duration }),
  /**
   * Periodic disclosure (定期公开) at the frequency the rulebook gives for the key (组织法 §30:
   * finances monthly, general affairs at least quarterly): what happened in one period is posted
   * by the end of the next.
   */
  Schema.Struct({ every: Schema.Literal("disclosure.financeFrequency", "disclosure.generalFrequency") })
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
 * Who owns the asset or resource an exercise concerns (所有权): the village collective, a
 * 村民小组 (民法典 §262), a private person (e.g. trees a villager planted), or the state.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Ownership = Schema.Literal("villageCollective", "villagerGroup", "private", "state").annotations({
  identifier: "Ownership"
})

/**
 * @since 0.1.0
 * @category models
 */
export type Ownership = typeof Ownership.Type

/**
 * The kind of counterparty of an exercise (相对方).
 *
 * @since 0.1.0
 * @category schemas
 */
export const CounterpartyKind = Schema.Literal(
  "villager",
  "villagerGroup",
  "enterprise",
  "cooperative",
  "publicBody",
  "outsider"
).annotations({ identifier: "CounterpartyKind" })

/**
 * @since 0.1.0
 * @category models
 */
export type CounterpartyKind = typeof CounterpartyKind.Type

/**
 * One test on the facts of an exercise:
 *
 * - `{ always: true }`
 * - `{ amountAtLeast: limit }` / `{ amountBelow: limit }`: the amount against a limit (a tier
 *   below a threshold is `amountBelow` the same limit)
 * - `{ ownership: [...] }`: who owns the asset is one of these
 * - `{ touchesVillagersInterests: b }`: whether this exercise touches villagers' interests
 * - `{ counterpartyKind: [...] }`: the counterparty is of one of these kinds
 *
 * @since 0.1.0
 * @category schemas
 */
export const Test = Schema.Union(
  Schema.Struct({ always: Schema.Literal(true) }),
  Schema.Struct({ amountAtLeast: AmountLimit }),
  Schema.Struct({ amountBelow: AmountLimit }),
  Schema.Struct({ ownership: Schema.NonEmptyArray(Ownership) }),
  Schema.Struct({ touchesVillagersInterests: Schema.Boolean }),
  Schema.Struct({ counterpartyKind: Schema.NonEmptyArray(CounterpartyKind) })
).annotations({ identifier: "ConditionTest" })

/**
 * @since 0.1.0
 * @category models
 */
export type Test = typeof Test.Type

/**
 * An applicability condition: when its test holds (or all of `allOf` hold), the requirement
 * applies. `then` is one of the four {@link Requirement}s, or `{ steps: [...] }`: steps of the
 * procedure that are required only when some condition naming them holds (a 两委 review tier below
 * the 四议两公开 threshold, a county department's approval for private trees …).
 *
 * @example
 * { "when": { "amountBelow": { "parameter": "threshold.fourAndTwo" } }, "then": { "steps": ["twoCommitteesDecide"] } }
 * { "when": { "allOf": [{ "ownership": ["villageCollective"] }, { "amountAtLeast": { "amount": { "amount": 10000, "unit": "yuan" } } }] }, "then": "fourAndTwo" }
 *
 * @since 0.1.0
 * @category schemas
 */
export const Condition = Schema.Struct({
  when: Schema.Union(Test, Schema.Struct({ allOf: Schema.NonEmptyArray(Test) })),
  then: Schema.Union(Requirement, Schema.Struct({ steps: Schema.NonEmptyArray(Schema.String) })),
  citation: Schema.optionalWith(Citation.Citation, { exact: true })
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
 * A clause in words, as a county writes it (执行标准, 追究办法 …), with the rules it rests on.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Clause = Schema.Struct({
  text: Text,
  citations: Schema.optionalWith(Schema.Array(Citation.Citation), { exact: true })
}).annotations({ identifier: "Clause" })

/**
 * @since 0.1.0
 * @category models
 */
export type Clause = typeof Clause.Type

/**
 * What one responsible post answers for in an item (岗位责任), e.g. 报账员: 审核票据的真实性、合法性.
 *
 * @since 0.1.0
 * @category schemas
 */
export const PostDuty = Schema.Struct({
  post: Schema.String,
  duty: Text,
  citations: Schema.optionalWith(Schema.Array(Citation.Citation), { exact: true })
}).annotations({ identifier: "PostDuty" })

/**
 * @since 0.1.0
 * @category models
 */
export type PostDuty = typeof PostDuty.Type

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
  /**
   * Whether the power touches villagers' interests (涉及村民利益). Unless `mustDisclose` says
   * otherwise, this makes disclosure mandatory.
   */
  touchesVillagersInterests: Schema.Boolean,
  /**
   * Whether the item must be disclosed (须公开), apart from touching villagers' interests. Absent:
   * as `touchesVillagersInterests`. `false` for matters such as 户籍 or seal use, which touch
   * villagers but whose records hold personal data; say why in `disclosureExemption`.
   */
  mustDisclose: Schema.optionalWith(Schema.Boolean, { exact: true }),
  /** Why an item touching villagers' interests is not posted publicly (e.g. 个人信息保护法). */
  disclosureExemption: Schema.optionalWith(Clause, { exact: true }),
  /** 执行标准: the standard applied, in words (amounts, eligibility, rates …). */
  standard: Schema.optionalWith(Clause, { exact: true }),
  /** 岗位责任: what each responsible post answers for. */
  postDuties: Schema.optionalWith(Schema.Array(PostDuty), { exact: true }),
  /** 追究办法: the accountability clause. */
  accountability: Schema.optionalWith(Clause, { exact: true }),
  /**
   * Who owns the property the power disposes of, where the item is about one owner's property.
   * `villagerGroup`: the 村民小组会议 decides (组织法 §28; 民法典 §262), so it may be the deciding
   * body of a §24 matter and the template's deciding step is its meeting.
   */
  propertyOwner: Schema.optionalWith(Schema.Literal("villageCollective", "villagerGroup"), { exact: true }),
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
  name: Text,
  /**
   * What the category holds: powers (absent, the default), convenience services (便民服务, as
   * 宁海's 17), or a method (村级管理工作法) whose items other items follow by reference (a
   * `Method` procedure).
   */
  kind: Schema.optionalWith(Schema.Literal("powers", "services", "method"), { exact: true })
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
  /**
   * Local posts the list uses beyond the built-in ones (e.g. 计生专干). Exercises checked against
   * the list accept their holders as performers.
   */
  localPosts: Schema.optionalWith(Schema.Array(Schema.Struct({ code: Schema.String, name: Text })), { exact: true }),
  /** 备案: where (and when) the list is filed. */
  filing: Schema.optionalWith(
    Schema.Struct({
      with: Text,
      reference: Schema.optionalWith(Schema.String, { exact: true }),
      date: Schema.optionalWith(LocalDate.LocalDate, { exact: true }),
      citations: Schema.optionalWith(Schema.Array(Citation.Citation), { exact: true })
    }),
    { exact: true }
  ),
  /** The 承诺书 cadres sign against the list: its title and reference. */
  commitment: Schema.optionalWith(
    Schema.Struct({
      title: Text,
      reference: Schema.optionalWith(Schema.String, { exact: true }),
      citations: Schema.optionalWith(Schema.Array(Citation.Citation), { exact: true })
    }),
    { exact: true }
  ),
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
 * | `UNKNOWN_POST` | error | a responsible post, a post duty's post or a step's actor post is neither built-in nor in `localPosts` |
 * | `UNKNOWN_METHOD` | error | a `Method` procedure names no item of a method category (or one that is itself a reference) |
 * | `MISSING_EVIDENCE` | warning | a deciding step (`resolve`, `approve`) requires no evidence |
 * | `DUPLICATE_RISK_ID` | error | two risk points of an item share an id |
 * | `RISK_WITHOUT_CONTROL` | error | a risk point has no control (防控措施) |
 * | `UNKNOWN_STEP_REFERENCE` | error | a risk point, disclosure, supervision or condition names a step the procedure lacks |
 * | `MISSING_DISCLOSURE` | error | an item that must be disclosed (`mustDisclose`, else `touchesVillagersInterests`) has no disclosure duty |
 * | `DISCLOSURE_EXEMPTION_UNEXPLAINED` | warning | an item touching villagers' interests is exempt from disclosure without a `disclosureExemption` |
 * | `DUPLICATE_DISCLOSURE_ID` | error | two disclosure duties of an item share an id |
 * | `WRONG_DECIDING_BODY` | error | a §24 matter is decided by a body without the power (the 村民小组会议 has it for group-owned property) |
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
  | "UNKNOWN_METHOD"
  | "MISSING_EVIDENCE"
  | "DUPLICATE_RISK_ID"
  | "RISK_WITHOUT_CONTROL"
  | "UNKNOWN_STEP_REFERENCE"
  | "MISSING_DISCLOSURE"
  | "DISCLOSURE_EXEMPTION_UNEXPLAINED"
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

/**
 * The item with its `Method` procedure written out from the method item the list holds (the
 * method's steps, this item's `before`, `implementation` and `after` around them, and the method's
 * supervision unless the item states its own). Other items come back as they are, and so does an
 * item whose method the list lacks ({@link check} reports `UNKNOWN_METHOD`).
 * `Exercise.checkInList` resolves by itself; call this before `Exercise.check`.
 *
 * @since 0.1.0
 * @category utils
 */
export const resolve: (list: PowerList, item: PowerItem) => PowerItem = procedureInternal.resolve

let countyExampleList: PowerList | undefined

/**
 * A second shipped example, shaped as many counties publish their lists (4 categories, 14 items):
 * it opens with a method category (村级管理工作法: 四议两公开一监督) that other items follow by
 * reference, carries 执行标准, 岗位责任 and 追究办法 on its items, is filed (备案) with a 承诺书, has
 * items a county department approves (林木采伐, 宅基地, 救灾救助, 计划生育奖励扶助), a local post
 * (计生专干), monthly finance disclosure, and a 村民小组 deciding on its own land compensation.
 * Illustrative, like {@link reference}: a template to compare with, not a county's adopted list.
 *
 * Shipped as JSON (`powerlist/data/county-example.json`) and decoded on the first call.
 *
 * @since 0.1.0
 * @category constants
 */
export const countyExample = (): PowerList =>
  (countyExampleList ??= Either.getOrThrow(decodeUnknown(countyExampleJson)))
