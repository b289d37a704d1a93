/**
 * Disciplinary and organisational measures (处理措施), the vocabulary that the four forms
 * (四种形态), sanction periods and decision authority are keyed by in the {@link Rulebook}.
 *
 * @example
 * ```ts
 * import { Measure } from "@qinglian/core"
 *
 * console.log(Measure.labelZh.talkReminder) // "谈话提醒"
 * console.log(Measure.kind("partyWarning"), Measure.kind("governmentDemerit")) // the 党纪处分 and 政务处分 kinds
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * Every measure a discipline case can end in.
 *
 * | code | 中文 | kind |
 * | --- | --- | --- |
 * | `criticism` | 批评教育 | first-form |
 * | `talkReminder` | 谈话提醒 | first-form |
 * | `orderedSelfExamination` | 责令检查 | first-form |
 * | `admonition` | 诫勉 | first-form |
 * | `partyWarning` | 警告 (党纪) | party |
 * | `partySeriousWarning` | 严重警告 | party |
 * | `removalFromPartyPost` | 撤销党内职务 | party |
 * | `partyProbation` | 留党察看 | party |
 * | `expulsionFromParty` | 开除党籍 | party |
 * | `suspensionForInspection` | 停职检查 | organisational |
 * | `postAdjustment` | 调整职务 | organisational |
 * | `orderedResignation` | 责令辞职 | organisational |
 * | `dismissal` | 免职 | organisational |
 * | `demotion` | 降职 | organisational |
 * | `governmentWarning` | 警告 (政务处分) | government |
 * | `governmentDemerit` | 记过 | government |
 * | `governmentMajorDemerit` | 记大过 | government |
 * | `governmentDemotion` | 降级 | government |
 * | `governmentRemoval` | 撤职 | government |
 * | `governmentExpulsion` | 开除 | government |
 * | `transferToJudiciary` | 移送司法机关 | judicial |
 *
 * @since 0.1.0
 * @category schemas
 */
export const Measure = Schema.Literal(
  "criticism",
  "talkReminder",
  "orderedSelfExamination",
  "admonition",
  "partyWarning",
  "partySeriousWarning",
  "removalFromPartyPost",
  "partyProbation",
  "expulsionFromParty",
  "suspensionForInspection",
  "postAdjustment",
  "orderedResignation",
  "dismissal",
  "demotion",
  "governmentWarning",
  "governmentDemerit",
  "governmentMajorDemerit",
  "governmentDemotion",
  "governmentRemoval",
  "governmentExpulsion",
  "transferToJudiciary"
).annotations({ identifier: "Measure" })

/**
 * @since 0.1.0
 * @category models
 */
export type Measure = typeof Measure.Type

/**
 * All measures, in the order of {@link Measure}.
 *
 * @since 0.1.0
 * @category constants
 */
export const all: ReadonlyArray<Measure> = Measure.literals

/**
 * The family a measure belongs to.
 *
 * @since 0.1.0
 * @category models
 */
export type Kind = "firstForm" | "party" | "organisational" | "government" | "judicial"

const KIND: Record<Measure, Kind> = {
  criticism: "firstForm",
  talkReminder: "firstForm",
  orderedSelfExamination: "firstForm",
  admonition: "firstForm",
  partyWarning: "party",
  partySeriousWarning: "party",
  removalFromPartyPost: "party",
  partyProbation: "party",
  expulsionFromParty: "party",
  suspensionForInspection: "organisational",
  postAdjustment: "organisational",
  orderedResignation: "organisational",
  dismissal: "organisational",
  demotion: "organisational",
  governmentWarning: "government",
  governmentDemerit: "government",
  governmentMajorDemerit: "government",
  governmentDemotion: "government",
  governmentRemoval: "government",
  governmentExpulsion: "government",
  transferToJudiciary: "judicial"
}

/**
 * @since 0.1.0
 * @category utils
 */
export const kind = (m: Measure): Kind => KIND[m]

/**
 * Chinese label of each measure.
 *
 * @since 0.1.0
 * @category constants
 */
export const labelZh: Readonly<Record<Measure, string>> = {
  criticism: "批评教育",
  talkReminder: "谈话提醒",
  orderedSelfExamination: "责令检查",
  admonition: "诫勉",
  partyWarning: "党内警告",
  partySeriousWarning: "党内严重警告",
  removalFromPartyPost: "撤销党内职务",
  partyProbation: "留党察看",
  expulsionFromParty: "开除党籍",
  suspensionForInspection: "停职检查",
  postAdjustment: "调整职务",
  orderedResignation: "责令辞职",
  dismissal: "免职",
  demotion: "降职",
  governmentWarning: "政务警告",
  governmentDemerit: "记过",
  governmentMajorDemerit: "记大过",
  governmentDemotion: "降级",
  governmentRemoval: "撤职",
  governmentExpulsion: "开除",
  transferToJudiciary: "移送司法机关"
}
