/**
 * The vocabulary of a supervision case (监督执纪案件): its stages, whose conduct it examines, where
 * its lead came from and the measures a decision may choose. Commands, events and state are all
 * written in these terms.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Ids from "../base/Ids.js"
import * as Measure from "../rulebook/Measure.js"
import * as Sanction from "./Sanction.js"

const stageList = [
  "none",
  "leadRegistered",
  "inquiry",
  "preliminaryCheck",
  "held",
  "investigation",
  "review",
  "decided",
  "execution",
  "reexamination",
  "recheck",
  "closed"
] as const

/**
 * The stages of a case. `none` is the stage of an empty stream (no lead registered yet).
 *
 * | stage | 中文 |
 * | --- | --- |
 * | `leadRegistered` | 线索受理 (awaiting disposal) |
 * | `inquiry` | 谈话函询 |
 * | `preliminaryCheck` | 初步核实 |
 * | `held` | 暂存待查 |
 * | `investigation` | 立案审查调查 |
 * | `review` | 审理 |
 * | `decided` | 处分决定 (to be served) |
 * | `execution` | 执行 (appeals may be lodged) |
 * | `reexamination` | 复审 |
 * | `recheck` | 复核 |
 * | `closed` | 结案 / 了结 |
 *
 * @since 0.1.0
 * @category schemas
 */
export const Stage = Schema.Literal(...stageList).annotations({ identifier: "SupervisionStage" })

/**
 * @since 0.1.0
 * @category models
 */
export type Stage = typeof Stage.Type


/**
 * All stages, in the order of {@link Stage}.
 *
 * @since 0.1.0
 * @category machine
 */
export const stages: ReadonlyArray<Stage> = Stage.literals

/**
 * Chinese label of each stage.
 *
 * @since 0.1.0
 * @category constants
 */
export const stageLabelZh: Readonly<Record<Stage, string>> = {
  none: "未受理",
  leadRegistered: "线索受理",
  inquiry: "谈话函询",
  preliminaryCheck: "初步核实",
  held: "暂存待查",
  investigation: "立案审查调查",
  review: "审理",
  decided: "处分决定",
  execution: "执行",
  reexamination: "复审",
  recheck: "复核",
  closed: "结案"
}

/**
 * Whose conduct a case examines, and what 政务处分 they can receive.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Subject = Schema.Struct({
  cadre: Ids.CadreId,
  category: Sanction.SubjectCategory
}).annotations({ identifier: "CaseSubject" })

/**
 * @since 0.1.0
 * @category models
 */
export type Subject = typeof Subject.Type

// Base64 of exactly 12 bytes (16 characters, no padding) and of exactly 16 bytes (22 characters
// and "=="): the only IV and tag lengths AES-256-GCM sealing writes or opens.
const base64Of12Bytes = /^[A-Za-z0-9+/]{16}$/
const base64Of16Bytes = /^[A-Za-z0-9+/]{21}[AQgw]==$/
const base64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

/**
 * A named reporter's identity as stored: AES-256-GCM ciphertext (see `Whistleblower.seal`) with
 * its random 12-byte IV and 16-byte tag, base64, bound to the case id. The schema refuses any other
 * IV or tag length (a tag cut short would weaken authentication). `keyId` names the key in the
 * keyring, for rotation; the key itself is never stored. `v: 2` marks the format whose additional
 * authenticated data binds both the key id and the case id; without `v` (identities sealed by
 * 0.1.0) only the case id is bound, and `Whistleblower.reseal` moves them to the current format.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SealedIdentity = Schema.Struct({
  alg: Schema.Literal("A256GCM"),
  v: Schema.optional(Schema.Literal(2)),
  keyId: Schema.String.pipe(Schema.minLength(1, { message: () => "a sealed identity names its key" })),
  iv: Schema.String.pipe(Schema.pattern(base64Of12Bytes, { message: () => "the IV must be 12 bytes, base64 (16 characters)" })),
  tag: Schema.String.pipe(
    Schema.pattern(base64Of16Bytes, { message: () => "the authentication tag must be 16 bytes, base64 (24 characters)" })
  ),
  ciphertext: Schema.String.pipe(Schema.pattern(base64, { message: () => "the ciphertext must be base64" }))
}).annotations({ identifier: "SealedIdentity" })

/**
 * @since 0.1.0
 * @category models
 */
export type SealedIdentity = typeof SealedIdentity.Type

/**
 * Who reported: nobody named (匿名举报) or a named reporter (实名举报) whose identity is sealed.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Reporter = Schema.Union(
  Schema.TaggedStruct("Anonymous", {}),
  Schema.TaggedStruct("Named", { identity: SealedIdentity })
).annotations({ identifier: "Reporter" })

/**
 * @since 0.1.0
 * @category models
 */
export type Reporter = typeof Reporter.Type

const ref = { reference: Schema.optional(Schema.String) }

/**
 * Where a lead came from (问题线索来源):
 *
 * - `Petition` 信访举报, anonymous or with a sealed named reporter
 * - `Inspection` 巡察, `Audit` 审计, `ThreeAssetsAnomaly` 三资 anomaly
 * - `ExerciseFinding`: a power-list check of one exercise, with its finding codes
 * - `ScoringSignal`: a signal from weekly or annual assessment
 * - `DailySupervision` 日常监督
 *
 * @since 0.1.0
 * @category schemas
 */
export const LeadSource = Schema.Union(
  Schema.TaggedStruct("Petition", { reporter: Reporter }),
  Schema.TaggedStruct("Inspection", ref),
  Schema.TaggedStruct("Audit", ref),
  Schema.TaggedStruct("ThreeAssetsAnomaly", ref),
  Schema.TaggedStruct("ExerciseFinding", {
    exercise: Ids.ExerciseId,
    findings: Schema.NonEmptyArray(Schema.String)
  }),
  Schema.TaggedStruct("ScoringSignal", ref),
  Schema.TaggedStruct("DailySupervision", ref)
).annotations({ identifier: "LeadSource" })

/**
 * @since 0.1.0
 * @category models
 */
export type LeadSource = typeof LeadSource.Type


/**
 * A measure chosen in a decision; `periodMonths` picks the influence period where the rulebook
 * offers a choice (留党察看: 12 or 24).
 *
 * @since 0.1.0
 * @category schemas
 */
export const MeasureChoice = Schema.Struct({
  measure: Measure.Measure,
  periodMonths: Schema.optional(Schema.Int.pipe(Schema.positive()))
}).annotations({ identifier: "MeasureChoice" })

/**
 * @since 0.1.0
 * @category models
 */
export type MeasureChoice = typeof MeasureChoice.Type
