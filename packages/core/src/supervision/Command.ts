/**
 * The commands of a supervision case (指令): what a commission asks the case to do, decoded at the
 * boundary with {@link decodeCommand} and decided by `SupervisionCase.decide`.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Ids from "../base/Ids.js"
import * as InvalidInput from "../base/InvalidInput.js"
import * as LocalDate from "../base/LocalDate.js"
import * as validators from "./internal/validators.js"
import { LeadSource, MeasureChoice, Subject } from "./Vocabulary.js"

const Measures = Schema.NonEmptyArray(MeasureChoice)

// Days of an extension: a whole number from 1 to the most days two dates can be apart
// (`LocalDate.maxSpanDays`), since no longer extension ends on a date. The rulebook's cap
// (`case.investigationExtension.max`) depends on the date, so `decide` checks it.
const ExtensionDays = Schema.Int.pipe(
  Schema.positive(),
  Schema.lessThanOrEqualTo(LocalDate.maxSpanDays, {
    description: `a whole number of days from 1 to ${LocalDate.maxSpanDays} (LocalDate.maxSpanDays)`
  })
)

/**
 * Every command, decoded at the boundary with {@link decodeCommand}.
 *
 * | command | 中文 |
 * | --- | --- |
 * | `RegisterLead` | 受理问题线索 |
 * | `DisposeLead` | 线索处置 (谈话 / 函询 / 初步核实 / 暂存待查 / 予以了结) |
 * | `RecordInquiryReply` | 登记函询回复 |
 * | `ConcludeInquiry` | 谈话函询·初核结果 (立案 / 了结 / 谈话提醒 / 暂存待查) |
 * | `Transfer` | 移送 (司法机关 / 其他有权机关) |
 * | `Reactivate` | 暂存线索重新启用 |
 * | `ExtendInvestigation` | 审查调查延期 (`days` 1 to `LocalDate.maxSpanDays`; the rulebook cap is checked when decided) |
 * | `Suspend` / `Resume` | 中止 / 恢复 |
 * | `SubmitForReview` | 移送审理 |
 * | `ExtendReview` | 审理延期 |
 * | `Decide` | 作出处分决定 |
 * | `ServeDecision` | 送达处分决定 |
 * | `ApplyReexamination` / `DecideReexamination` | 申请复审 / 复审决定 |
 * | `ApplyRecheck` / `DecideRecheck` | 申请复核 / 复核决定 |
 * | `WaiveAppeal` | 登记本人放弃申请复审 / 复核 (书面表示服从处分决定) |
 * | `CloseCase` | 结案 (申请期届满或本人放弃后) |
 *
 * @since 0.1.0
 * @category schemas
 */
export const Command = Schema.Union(
  Schema.TaggedStruct("RegisterLead", {
    caseId: Ids.CaseId,
    county: Ids.CountyId,
    town: Ids.TownId,
    subject: Subject,
    source: LeadSource
  }),
  Schema.TaggedStruct("DisposeLead", {
    way: Schema.Literal("talkInquiry", "letterInquiry", "preliminaryCheck", "hold", "close")
  }),
  Schema.TaggedStruct("RecordInquiryReply", {}),
  Schema.TaggedStruct("ConcludeInquiry", {
    outcome: Schema.Literal("fileCase", "close", "talkReminder", "hold"),
    measures: Schema.optional(Measures)
  }),
  Schema.TaggedStruct("Transfer", { to: Schema.Literal("judiciary", "otherAuthority") }),
  Schema.TaggedStruct("Reactivate", {}),
  Schema.TaggedStruct("ExtendInvestigation", { days: ExtensionDays }),
  Schema.TaggedStruct("Suspend", {}),
  Schema.TaggedStruct("Resume", {}),
  Schema.TaggedStruct("SubmitForReview", {}),
  Schema.TaggedStruct("ExtendReview", { until: LocalDate.LocalDate }),
  Schema.TaggedStruct("Decide", { measures: Measures }),
  Schema.TaggedStruct("ServeDecision", {}),
  Schema.TaggedStruct("ApplyReexamination", {}),
  Schema.TaggedStruct("DecideReexamination", {
    outcome: Schema.Literal("upheld", "changed", "revoked"),
    measures: Schema.optional(Measures)
  }),
  Schema.TaggedStruct("ApplyRecheck", {}),
  Schema.TaggedStruct("DecideRecheck", {
    outcome: Schema.Literal("upheld", "changed", "revoked"),
    measures: Schema.optional(Measures)
  }),
  Schema.TaggedStruct("WaiveAppeal", {}),
  Schema.TaggedStruct("CloseCase", {})
).annotations({ identifier: "SupervisionCommand" })

/**
 * @since 0.1.0
 * @category models
 */
export type Command = typeof Command.Type

/**
 * @since 0.1.0
 * @category models
 */
export type CommandTag = Command["_tag"]

/**
 * Decodes a command from untrusted input; every bad path is named.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeCommand: (input: unknown) => Either.Either<Command, InvalidInput.InvalidInput> = InvalidInput
  .decodeUnknown(Command, "supervision command", validators.Command)

/**
 * All command tags, in the order of {@link Command}.
 *
 * @since 0.1.0
 * @category machine
 */
export const commandTags: ReadonlyArray<CommandTag> = [
  "RegisterLead",
  "DisposeLead",
  "RecordInquiryReply",
  "ConcludeInquiry",
  "Transfer",
  "Reactivate",
  "ExtendInvestigation",
  "Suspend",
  "Resume",
  "SubmitForReview",
  "ExtendReview",
  "Decide",
  "ServeDecision",
  "ApplyReexamination",
  "DecideReexamination",
  "ApplyRecheck",
  "DecideRecheck",
  "WaiveAppeal",
  "CloseCase"
]
