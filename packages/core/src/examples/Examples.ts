/**
 * Worked examples shipped with the library, for integrators, tests and demos.
 *
 * The 西属村 central-heating project (集中供暖工程, 泽州县金村镇西属村, about 8,120,000 yuan) is the
 * project the 金村镇 report describes: a public-welfare works decided by 四议两公开, publicly
 * tendered (it is over the 4,000,000-yuan national threshold), with its start ceremony on
 * 24 September 2025. It exercises item `E01` of the reference list twice: once cleanly, once with
 * the faults supervisors actually meet. The people and the contractor are fictional.
 *
 * The encoded exercises are plain constants. The decoded ones ({@link xishuHeatingClean},
 * {@link xishuHeatingFaulty}) and the item ({@link xishuHeatingItem}) are functions: each decodes
 * on its first call and returns the same value afterwards, so importing the module decodes
 * nothing.
 *
 * @example
 * ```ts
 * import { Examples, Exercise, PowerList, Rulebook, WorkCalendar } from "@qinglian/core"
 *
 * // The faulty 西属村 central-heating exercise, checked as supervision saw it on 2025-10-15.
 * const result = Exercise.checkInList(PowerList.reference(), Examples.xishuHeatingFaulty(), Rulebook.defaults, WorkCalendar.china, {
 *   asOf: Examples.xishuHeatingFaultyAsOf
 * })
 * console.log(result.risk, result.findings.length) // "red" 8
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Exercise from "../powerlist/Exercise.js"
import * as LocalDate from "../base/LocalDate.js"
import * as PowerList from "../powerlist/PowerList.js"

// Builds a value on first use and keeps it, so that importing the module decodes nothing.
const once = <A>(make: () => A): () => A => {
  let value: A | undefined
  return () => (value ??= make())
}

/**
 * Where the example takes place: 西属村, 金村镇, 泽州县 (GB/T 2260 code 140525), 晋城市, 山西省.
 *
 * @since 0.1.0
 * @category examples
 */
export const xishuVillage = {
  county: { code: "140525", name: "泽州县" },
  town: { name: "金村镇" },
  village: { id: "140525-jincun-xishu", name: "西属村" }
} as const

/**
 * The reference-list item both heating exercises use: `E01` 村级公益事业建设项目, from
 * `PowerList.reference()`. Found on the first call, then kept.
 *
 * @since 0.1.0
 * @category examples
 */
export const xishuHeatingItem: () => PowerList.PowerItem = once(() => {
  const item = PowerList.reference().items.find((i) => i.code === "E01")
  if (item === undefined) throw new Error("the reference list has no item E01, which the heating examples exercise")
  return item
})

// Fictional cadres. 张建国 holds both top posts (一肩挑), as many village heads do.
const SECRETARY = "xishu-zhang-jianguo"
const MEMBER_LI = "xishu-li-wei"
const MEMBER_WANG = "xishu-wang-fang"
const SUPERVISOR = "xishu-zhao-min"
const BOOKKEEPER = "xishu-chen-jing"
const CLERK = "xishu-sun-hao"

const actors: Exercise.ExerciseEncoded["actors"] = [
  { cadre: SECRETARY, name: "张建国", posts: ["partySecretary", "committeeDirector", "collectiveEconomyHead"] },
  { cadre: MEMBER_LI, name: "李伟", posts: ["villagersCommitteeMember"] },
  { cadre: MEMBER_WANG, name: "王芳", posts: ["partyCommitteeMember", "villagersCommitteeMember"] },
  { cadre: SUPERVISOR, name: "赵敏", posts: ["supervisionCommitteeChair", "disciplineMember", "supervisionLiaison"] },
  { cadre: BOOKKEEPER, name: "陈静", posts: ["bookkeeper"] },
  { cadre: CLERK, name: "孙浩", posts: ["clerk"] }
]

const amount = { amount: 8_120_000, unit: "yuan" } as const
const contractor = "示例热力安装工程有限公司"

/**
 * The clean exercise, in its encoded (JSON) form: every step of `E01` in order with its evidence,
 * quorums met, disclosures posted within the rulebook's deadline in working days, a public tender,
 * the town's review, and no cadre related to the contractor. Completed: accepted in December 2025,
 * audited, published and paid in January 2026.
 *
 * @since 0.1.0
 * @category examples
 */
export const xishuHeatingCleanEncoded: Exercise.ExerciseEncoded = {
  id: "xishu-heating-2025",
  item: "E01",
  village: xishuVillage.village.id,
  title: "西属村集中供暖工程",
  date: "2025-06-03",
  status: "completed",
  amount,
  procurement: "construction",
  counterparty: { name: contractor },
  actors,
  steps: [
    { stepId: "survey", performedBy: { body: "villagersCommittee" }, date: "2025-06-03", evidence: ["application", "other"] },
    { stepId: "townReview", performedBy: { body: "townGovernment" }, date: "2025-06-10", evidence: ["approvalForm"] },
    { stepId: "4and2.propose", performedBy: { body: "partyOrganisation" }, date: "2025-06-12", evidence: ["minutes"] },
    {
      stepId: "4and2.discuss",
      performedBy: { body: "twoCommittees" },
      date: "2025-06-16",
      evidence: ["minutes", "signInSheet"],
      meeting: { membersEntitled: 7, present: 7, votesFor: 7, votesAgainst: 0 }
    },
    {
      stepId: "4and2.review",
      performedBy: { body: "partyMembersMeeting" },
      date: "2025-06-20",
      evidence: ["minutes", "signInSheet"],
      meeting: { membersEntitled: 42, present: 36, votesFor: 35, votesAgainst: 1 }
    },
    {
      stepId: "4and2.resolve",
      performedBy: { body: "representativesAssembly" },
      date: "2025-06-27",
      evidence: ["minutes", "signInSheet", "ballot", "resolution"],
      meeting: { membersEntitled: 45, present: 41, votesFor: 39, votesAgainst: 1, abstentions: 1 }
    },
    { stepId: "4and2.publishDecision", performedBy: { body: "villagersCommittee" }, date: "2025-06-30", evidence: ["noticePhoto"] },
    {
      stepId: "tender",
      performedBy: { body: "villagersCommittee", cadres: [MEMBER_WANG] },
      date: "2025-08-20",
      evidence: ["tenderDocuments", "bidEvaluation"]
    },
    {
      stepId: "contractReview",
      performedBy: { body: "twoCommittees" },
      date: "2025-08-28",
      evidence: ["minutes", "approvalForm"],
      meeting: { membersEntitled: 7, present: 6, votesFor: 6, votesAgainst: 0 }
    },
    { stepId: "contract", performedBy: [SECRETARY], date: "2025-09-05", evidence: ["contract"] },
    { stepId: "construct", performedBy: { body: "supervisionCommittee" }, date: "2025-09-24", evidence: ["minutes"] },
    { stepId: "accept", performedBy: { body: "villagersCommittee" }, date: "2025-12-19", evidence: ["acceptanceReport", "signInSheet"] },
    { stepId: "audit", performedBy: { body: "townGovernment" }, date: "2026-01-09", evidence: ["auditReport"] },
    { stepId: "4and2.publishResult", performedBy: { body: "villagersCommittee" }, date: "2026-01-12", evidence: ["noticePhoto"] },
    { stepId: "pay", performedBy: { body: "townAssetsCentre" }, date: "2026-01-20", evidence: ["invoice", "receipt"] },
    { stepId: "archive", performedBy: [CLERK], date: "2026-01-23", evidence: ["ledger"] }
  ],
  disclosures: [
    // Decision of Fri 27 June: due within 5 working days (Fri 4 July); posted Mon 30 June.
    { dutyId: "decision", postedOn: "2025-06-30", channel: "villageAffairsBoard", removedOn: "2025-07-10" },
    { dutyId: "decision", postedOn: "2025-06-30", channel: "online" },
    { dutyId: "award", postedOn: "2025-08-21", channel: "villageAffairsBoard", removedOn: "2025-08-26" },
    { dutyId: "result", postedOn: "2026-01-12", channel: "villageAffairsBoard", removedOn: "2026-01-20" }
  ],
  safeguards: { publicTender: true, competitiveSelection: false, townReview: true }
}

/**
 * The faulty exercise, in its encoded (JSON) form, as supervision would find it on 15 October 2025
 * with the works under way. Its faults:
 *
 * - the representatives' assembly met with 27 of 45 members, short of the two-thirds quorum;
 * - the decision was posted on 14 July, after its deadline of 4 July;
 * - the party members' meeting left no sign-in sheet;
 * - the works were split into three lots and awarded by competitive selection, skipping the
 *   public tender the 8,120,000-yuan total requires;
 * - 李伟, brother-in-law of the winning contractor's owner, sat on the bid evaluation;
 * - 张建国 (一肩挑) proposed the project as secretary and then approved the contract alone, without
 *   the joint meeting.
 *
 * @since 0.1.0
 * @category examples
 */
export const xishuHeatingFaultyEncoded: Exercise.ExerciseEncoded = {
  id: "xishu-heating-2025-faulty",
  item: "E01",
  village: xishuVillage.village.id,
  title: "西属村集中供暖工程(问题示例)",
  date: "2025-06-03",
  status: "inProgress",
  amount,
  procurement: "construction",
  counterparty: { name: contractor, relatedCadres: [MEMBER_LI] },
  actors,
  steps: [
    { stepId: "survey", performedBy: { body: "villagersCommittee" }, date: "2025-06-03", evidence: ["application", "other"] },
    { stepId: "townReview", performedBy: { body: "townGovernment" }, date: "2025-06-10", evidence: ["approvalForm"] },
    { stepId: "4and2.propose", performedBy: { body: "partyOrganisation" }, date: "2025-06-12", evidence: ["minutes"] },
    {
      stepId: "4and2.discuss",
      performedBy: { body: "twoCommittees" },
      date: "2025-06-16",
      evidence: ["minutes", "signInSheet"],
      meeting: { membersEntitled: 7, present: 6, votesFor: 5, votesAgainst: 1 }
    },
    {
      stepId: "4and2.review",
      performedBy: { body: "partyMembersMeeting" },
      date: "2025-06-20",
      evidence: ["minutes"],
      meeting: { membersEntitled: 42, present: 30, votesFor: 28, votesAgainst: 2 }
    },
    {
      stepId: "4and2.resolve",
      performedBy: { body: "representativesAssembly" },
      date: "2025-06-27",
      evidence: ["minutes", "signInSheet", "ballot", "resolution"],
      meeting: { membersEntitled: 45, present: 27, votesFor: 25, votesAgainst: 2 }
    },
    { stepId: "4and2.publishDecision", performedBy: { body: "villagersCommittee" }, date: "2025-07-14", evidence: ["noticePhoto"] },
    {
      stepId: "tender",
      performedBy: { body: "villagersCommittee", cadres: [MEMBER_LI, MEMBER_WANG] },
      date: "2025-08-20",
      evidence: ["tenderDocuments", "bidEvaluation"]
    },
    { stepId: "contractReview", performedBy: [SECRETARY], date: "2025-08-28", evidence: ["minutes", "approvalForm"] },
    { stepId: "contract", performedBy: [SECRETARY], date: "2025-09-05", evidence: ["contract"] },
    { stepId: "construct", performedBy: { body: "supervisionCommittee" }, date: "2025-09-24", evidence: ["minutes"] }
  ],
  disclosures: [
    { dutyId: "decision", postedOn: "2025-07-14", channel: "villageAffairsBoard", removedOn: "2025-07-25" },
    { dutyId: "award", postedOn: "2025-08-21", channel: "villageAffairsBoard", removedOn: "2025-08-26" }
  ],
  safeguards: { publicTender: false, competitiveSelection: true, townReview: true }
}

/**
 * The clean heating exercise, decoded from {@link xishuHeatingCleanEncoded} on the first call, then
 * kept.
 *
 * @since 0.1.0
 * @category examples
 */
export const xishuHeatingClean: () => Exercise.Exercise = once(() =>
  Schema.decodeSync(Exercise.Exercise)(xishuHeatingCleanEncoded)
)

/**
 * The faulty heating exercise, decoded from {@link xishuHeatingFaultyEncoded} on the first call,
 * then kept.
 *
 * @since 0.1.0
 * @category examples
 */
export const xishuHeatingFaulty: () => Exercise.Exercise = once(() =>
  Schema.decodeSync(Exercise.Exercise)(xishuHeatingFaultyEncoded)
)

/**
 * The day supervision checks the faulty exercise (pass as `asOf` to `Exercise.check`).
 *
 * @since 0.1.0
 * @category examples
 */
export const xishuHeatingFaultyAsOf: LocalDate.LocalDate = LocalDate.unsafeMake("2025-10-15")

/**
 * The finding codes `Exercise.check` reports for the faulty exercise, each once or more.
 *
 * @since 0.1.0
 * @category examples
 */
export const xishuHeatingFaultyCodes: ReadonlyArray<Exercise.Code> = [
  "QUORUM_NOT_MET",
  "DISCLOSURE_LATE",
  "EVIDENCE_MISSING",
  "TENDER_REQUIRED",
  "RECUSAL_REQUIRED",
  "SELF_APPROVAL",
  "MEETING_RECORD_MISSING",
  "DUAL_TOP_POSTS"
]
