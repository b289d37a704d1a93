import { assert, describe, it } from "@effect/vitest"
import { Examples, Exercise, LocalDate, PowerList, Rulebook, WorkCalendar } from "@qinglian/core"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"

// A works item bound to 四议两公开 above the rulebook's threshold, with implementation steps between
// the published decision and the published result, and a §24 matter.
const worksEncoded: PowerList.PowerListEncoded["items"][number] = {
  code: "E01",
  category: "E",
  name: { zh: "村级工程项目建设", en: "Village works project" },
  legalBasis: [{ law: "中华人民共和国村民委员会组织法", version: "2018", article: "第二十四条" }],
  responsiblePosts: ["committeeDirector"],
  decidingBody: "villagersAssembly",
  procedure: {
    _tag: "FourAndTwo",
    implementation: [
      {
        id: "tender",
        name: { zh: "招标或比选", en: "Tender or selection" },
        act: "tender",
        actor: { body: "villagersCommittee" },
        evidence: ["tenderDocuments", "bidEvaluation"]
      },
      { id: "contract", name: { zh: "签订合同" }, act: "contract", actor: { post: "committeeDirector" }, evidence: ["contract"] },
      { id: "accept", name: { zh: "竣工验收" }, act: "accept", actor: { body: "supervisionCommittee" }, evidence: ["acceptanceReport"] }
    ]
  },
  riskPoints: [
    { id: "r1", description: { zh: "化整为零规避招标" }, level: "high", step: "tender", controls: [{ zh: "镇级审核" }] }
  ],
  disclosures: [
    {
      id: "decision",
      what: { zh: "决议内容", en: "the decision" },
      afterStep: "4and2.resolve",
      within: { parameter: "disclosure.majorMatterDeadline" },
      channels: ["villageAffairsBoard", "online"]
    },
    {
      id: "result",
      what: { zh: "实施结果", en: "the result" },
      afterStep: "accept",
      within: { duration: { amount: 10, unit: "days" } },
      channels: ["villageAffairsBoard"],
      minimumPostedDays: 7
    }
  ],
  conditions: [
    { when: { amountAtLeast: { parameter: "threshold.fourAndTwo" } }, then: "fourAndTwo" },
    { when: { amountAtLeast: { parameter: "threshold.smallWorksCompetition" } }, then: "competitiveSelection" }
  ],
  touchesVillagersInterests: true,
  article24: "publicWelfareProject",
  procurement: "construction"
}

// Reimbursement: someone applies, the director approves, the supervision committee verifies.
const reimburseEncoded: PowerList.PowerListEncoded["items"][number] = {
  code: "F01",
  category: "F",
  name: { zh: "财务报销" },
  legalBasis: [{ law: "农村集体经济组织财务制度" }],
  responsiblePosts: ["committeeDirector", "bookkeeper"],
  decidingBody: "villagersCommittee",
  procedure: {
    _tag: "Steps",
    steps: [
      { id: "apply", name: { zh: "经办人申请" }, act: "apply", actor: { post: "villagersCommitteeMember" }, evidence: ["invoice"] },
      { id: "propose", name: { zh: "党组织审核" }, act: "propose", actor: { body: "partyOrganisation" }, evidence: [] },
      { id: "approve", name: { zh: "主任审批" }, act: "approve", actor: { post: "committeeDirector" }, evidence: ["approvalForm"] },
      { id: "verify", name: { zh: "监委会审核" }, act: "verify", actor: { body: "supervisionCommittee" }, evidence: [] }
    ]
  },
  riskPoints: [],
  disclosures: [],
  touchesVillagersInterests: false
}

const list = Schema.decodeSync(PowerList.PowerList)({
  id: "test-list",
  title: { zh: "测试清单" },
  jurisdiction: { level: "town", code: "jincun", name: "金村镇" },
  version: "1",
  effectiveFrom: "2026-01-01",
  categories: [{ code: "E", name: { zh: "工程项目建设" } }, { code: "F", name: { zh: "财务管理" } }],
  items: [worksEncoded, reimburseEncoded]
})
const works = list.items[0]!
const reimburse = list.items[1]!

const rulebook = Rulebook.defaults
const cal = WorkCalendar.china

// The 西属村 heating project: 8,000,000 yuan, everything done properly.
const heating: Exercise.ExerciseEncoded = {
  id: "xishu-heating",
  item: "E01",
  village: "xishu",
  date: "2026-03-02",
  amount: { amount: 8_000_000, unit: "yuan" },
  counterparty: { name: "某供热工程公司" },
  actors: [
    { cadre: "wang", posts: ["partySecretary"] },
    { cadre: "li", posts: ["committeeDirector"] },
    { cadre: "zhao", posts: ["supervisionCommitteeChair"] }
  ],
  steps: [
    { stepId: "4and2.propose", performedBy: { body: "partyOrganisation" }, date: "2026-03-02", evidence: ["minutes"] },
    {
      stepId: "4and2.discuss",
      performedBy: { body: "twoCommittees" },
      date: "2026-03-03",
      evidence: ["minutes", "signInSheet"],
      meeting: { membersEntitled: 7, present: 7, votesFor: 7, votesAgainst: 0 }
    },
    {
      stepId: "4and2.review",
      performedBy: { body: "partyMembersMeeting" },
      date: "2026-03-05",
      evidence: ["minutes", "signInSheet"],
      meeting: { membersEntitled: 30, present: 24, votesFor: 23, votesAgainst: 1 }
    },
    {
      stepId: "4and2.resolve",
      performedBy: { body: "representativesAssembly" },
      date: "2026-03-10",
      evidence: ["minutes", "signInSheet", "ballot", "resolution"],
      meeting: { membersEntitled: 45, present: 40, votesFor: 38, votesAgainst: 2 }
    },
    { stepId: "4and2.publishDecision", performedBy: { body: "villagersCommittee" }, date: "2026-03-11", evidence: ["noticePhoto"] },
    { stepId: "tender", performedBy: { body: "villagersCommittee" }, date: "2026-03-25", evidence: ["tenderDocuments", "bidEvaluation"] },
    { stepId: "contract", performedBy: ["li"], date: "2026-04-01", evidence: ["contract"] },
    { stepId: "accept", performedBy: { body: "supervisionCommittee" }, date: "2026-11-30", evidence: ["acceptanceReport"] },
    { stepId: "4and2.publishResult", performedBy: { body: "villagersCommittee" }, date: "2026-12-01", evidence: ["noticePhoto"] }
  ],
  disclosures: [
    { dutyId: "decision", postedOn: "2026-03-11", channel: "villageAffairsBoard" },
    { dutyId: "result", postedOn: "2026-12-01", channel: "villageAffairsBoard", removedOn: "2026-12-15" }
  ],
  safeguards: { publicTender: true, townReview: true }
}

const decode = (e: Exercise.ExerciseEncoded) => Schema.decodeSync(Exercise.Exercise)(e)
const run = (e: Exercise.ExerciseEncoded, item = works, options?: Exercise.CheckOptions) =>
  Exercise.check(item, decode(e), rulebook, cal, options)
const codesOf = (r: Exercise.Result) => r.findings.map((f) => f.code)
const withStep = (e: Exercise.ExerciseEncoded, stepId: string, patch: Partial<Exercise.ExerciseEncoded["steps"][number]>) => ({
  ...e,
  steps: e.steps.map((s) => (s.stepId === stepId ? { ...s, ...patch } : s))
})
const withoutStep = (e: Exercise.ExerciseEncoded, stepId: string) => ({ ...e, steps: e.steps.filter((s) => s.stepId !== stepId) })

describe("Exercise.check", () => {
  it("finds nothing in a sound exercise and lists the requirements that applied", () => {
    const r = run(heating)
    assert.deepStrictEqual(codesOf(r), [])
    assert.strictEqual(r.risk, "green")
    assert.isTrue(r.escalationRequired)
    assert.isTrue(r.tenderRequired)
    assert.deepStrictEqual(r.requirements, ["fourAndTwo", "escalation", "publicTender", "competitiveSelection"])
  })

  it("STEP_MISSING: a skipped 党员大会 review is red", () => {
    const r = run(withoutStep(heating, "4and2.review"))
    assert.deepStrictEqual(codesOf(r), ["STEP_MISSING"])
    assert.strictEqual(r.risk, "red")
    assert.include(r.findings[0]!.message.zh, "四议两公开")
  })

  it("below the 四议两公开 threshold the six steps are not required", () => {
    const small: Exercise.ExerciseEncoded = {
      ...heating,
      amount: { amount: 30_000, unit: "yuan" },
      steps: heating.steps.filter((s) => !s.stepId.startsWith("4and2.")),
      disclosures: [heating.disclosures![1]!],
      safeguards: {}
    }
    const r = run(small)
    assert.deepStrictEqual(codesOf(r), [])
    assert.deepStrictEqual(r.requirements, [])
    assert.isFalse(r.escalationRequired)
  })

  it("in progress: later steps are not missing, skipped earlier ones are", () => {
    const inProgress = { ...heating, status: "inProgress" as const, steps: heating.steps.slice(0, 5), disclosures: heating.disclosures!.slice(0, 1) }
    assert.deepStrictEqual(codesOf(run(inProgress)), [])
    const skipped = { ...inProgress, steps: inProgress.steps.filter((s) => s.stepId !== "4and2.discuss") }
    assert.deepStrictEqual(codesOf(run(skipped)), ["STEP_MISSING"])
  })

  it("STEP_OUT_OF_ORDER: resolving before the party members reviewed", () => {
    const r = run(withStep(heating, "4and2.resolve", { date: "2026-03-04" }))
    assert.deepStrictEqual(codesOf(r), ["STEP_OUT_OF_ORDER"])
    assert.deepStrictEqual(r.findings[0]!.path, ["steps", 3, "date"])
    assert.strictEqual(r.risk, "red")
  })

  it("EVIDENCE_MISSING is yellow", () => {
    const r = run(withStep(heating, "4and2.resolve", { evidence: ["minutes", "signInSheet"] }))
    assert.deepStrictEqual(codesOf(r), ["EVIDENCE_MISSING"])
    assert.include(r.findings[0]!.message.en, "ballot, resolution")
    assert.strictEqual(r.risk, "yellow")
  })

  it("QUORUM_NOT_MET: a representative assembly below two thirds", () => {
    // 45 members: 30 is exactly 2/3 and meets; 29 does not.
    const at = run(withStep(heating, "4and2.resolve", { meeting: { membersEntitled: 45, present: 30, votesFor: 20, votesAgainst: 10 } }))
    assert.deepStrictEqual(codesOf(at), [])
    const below = run(withStep(heating, "4and2.resolve", { meeting: { membersEntitled: 45, present: 29, votesFor: 20, votesAgainst: 9 } }))
    assert.deepStrictEqual(codesOf(below), ["QUORUM_NOT_MET"])
    assert.include(below.findings[0]!.message.en, "at least 30")
    assert.strictEqual(below.risk, "red")
  })

  it("QUORUM_NOT_MET: a villagers' assembly meets by adults OR by households", () => {
    const assembly = (meeting: Exercise.ExerciseEncoded["steps"][number]["meeting"]) =>
      run(withStep(heating, "4and2.resolve", { performedBy: { body: "villagersAssembly" }, meeting }))
    // 250 of 500 adults is exactly half: not "more than half"; but 2/3 of households suffices.
    assert.deepStrictEqual(
      codesOf(assembly({ present: 250, adultVillagers: { total: 500, present: 250 }, households: { total: 150, represented: 100 }, votesFor: 200, votesAgainst: 50 })),
      []
    )
    assert.deepStrictEqual(
      codesOf(assembly({ present: 250, adultVillagers: { total: 500, present: 250 }, households: { total: 150, represented: 99 }, votesFor: 200, votesAgainst: 50 })),
      ["QUORUM_NOT_MET"]
    )
    assert.deepStrictEqual(codesOf(assembly({ present: 251, adultVillagers: { total: 500, present: 251 }, votesFor: 200, votesAgainst: 51 })), [])
    // No count for any quorum basis: not established.
    assert.deepStrictEqual(codesOf(assembly({ present: 251, votesFor: 200, votesAgainst: 51 })), ["QUORUM_NOT_MET"])
  })

  it("MAJORITY_NOT_REACHED: half of those present is not more than half", () => {
    const r = run(withStep(heating, "4and2.resolve", { meeting: { membersEntitled: 45, present: 40, votesFor: 20, votesAgainst: 20 } }))
    assert.deepStrictEqual(codesOf(r), ["MAJORITY_NOT_REACHED"])
    assert.strictEqual(r.risk, "red")
    // The party members' meeting counts the majority against all members (local default).
    const pm = run(withStep(heating, "4and2.review", { meeting: { membersEntitled: 30, present: 24, votesFor: 15, votesAgainst: 9 } }))
    assert.deepStrictEqual(codesOf(pm), ["MAJORITY_NOT_REACHED"])
  })

  it("MEETING_RECORD_MISSING and MEETING_COUNTS_INCONSISTENT", () => {
    const { meeting: _, ...noMeeting } = heating.steps[1]!
    const missing = { ...heating, steps: heating.steps.map((s, i) => (i === 1 ? noMeeting : s)) }
    assert.deepStrictEqual(codesOf(run(missing)), ["MEETING_RECORD_MISSING"])
    const r = run(withStep(heating, "4and2.resolve", { meeting: { membersEntitled: 45, present: 40, votesFor: 38, votesAgainst: 5 } }))
    assert.deepStrictEqual(codesOf(r), ["MEETING_COUNTS_INCONSISTENT"])
    assert.strictEqual(r.risk, "yellow")
  })

  it("DISCLOSURE_MISSING and DISCLOSURE_LATE, deadline in working days on the calendar", () => {
    const missing = run({ ...heating, disclosures: heating.disclosures!.slice(1) })
    assert.deepStrictEqual(codesOf(missing), ["DISCLOSURE_MISSING"])
    assert.strictEqual(missing.risk, "red")
    // Resolved Tuesday 2026-03-10; five working days later is Tuesday 2026-03-17.
    const onTime = run({ ...heating, disclosures: [{ dutyId: "decision", postedOn: "2026-03-17", channel: "online" }, heating.disclosures![1]!] })
    assert.deepStrictEqual(codesOf(onTime), [])
    const late = run({ ...heating, disclosures: [{ dutyId: "decision", postedOn: "2026-03-18", channel: "online" }, heating.disclosures![1]!] })
    assert.deepStrictEqual(codesOf(late), ["DISCLOSURE_LATE"])
    assert.include(late.findings[0]!.message.en, "2026-03-17")
    assert.strictEqual(late.risk, "yellow")
  })

  it("a limit in calendar days that ends on a rest day runs to the next working day, unless the rulebook says otherwise", () => {
    // Accepted Thursday 2026-11-26; ten days later is Sunday 2026-12-06; posted Monday 2026-12-07.
    const e: Exercise.ExerciseEncoded = {
      ...withStep(withStep(heating, "accept", { date: "2026-11-26" }), "4and2.publishResult", { date: "2026-12-07" }),
      disclosures: [heating.disclosures![0]!, { dutyId: "result", postedOn: "2026-12-07", channel: "villageAffairsBoard", removedOn: "2026-12-15" }]
    }
    assert.deepStrictEqual(codesOf(run(e)), [])
    const strict = Rulebook.withEditions(Rulebook.defaults, [{
      effectiveFrom: LocalDate.unsafeMake("2026-01-01"),
      source: { law: "某县规定" },
      parameters: {
        "deadline.rollForwardFromRestDay": { value: false, citation: { law: "某县规定" }, scope: "local" }
      }
    }])
    const late = Exercise.check(works, decode(e), strict, cal)
    assert.deepStrictEqual(codesOf(late), ["DISCLOSURE_LATE"])
    assert.include(late.findings[0]!.message.en, "due by 2026-12-06")
    // The default rulebook again (the due-date memo is keyed by the flag too), and a day later is late.
    assert.deepStrictEqual(codesOf(run(e)), [])
    const dayLater = {
      ...e,
      disclosures: [heating.disclosures![0]!, { dutyId: "result", postedOn: "2026-12-08", channel: "villageAffairsBoard" as const, removedOn: "2026-12-15" }]
    }
    assert.deepStrictEqual(codesOf(run(dayLater)), ["DISCLOSURE_LATE"])
  })

  it("working days skip the National Day holiday", () => {
    // Resolved 2026-09-30; five working days across the 10-01..10-07 holiday.
    const e = {
      ...heating,
      date: "2026-09-01",
      steps: heating.steps.slice(0, 5).map((s, i) => ({ ...s, date: ["2026-09-01", "2026-09-02", "2026-09-03", "2026-09-30", "2026-10-08"][i]! })),
      status: "inProgress" as const,
      disclosures: [{ dutyId: "decision", postedOn: "2026-10-08", channel: "online" as const }]
    }
    const due = Either.getOrThrow(WorkCalendar.addWorkingDays(cal, LocalDate.unsafeMake("2026-09-30"), 5))
    assert.isTrue(due > "2026-10-08")
    assert.deepStrictEqual(codesOf(run(e)), [])
  })

  it("an in-progress exercise is missing a disclosure only once its deadline has passed (asOf)", () => {
    const e = { ...heating, status: "inProgress" as const, steps: heating.steps.slice(0, 5), disclosures: [] }
    assert.deepStrictEqual(codesOf(run(e, works, { asOf: LocalDate.unsafeMake("2026-03-17") })), [])
    assert.deepStrictEqual(codesOf(run(e, works, { asOf: LocalDate.unsafeMake("2026-03-18") })), ["DISCLOSURE_MISSING"])
  })

  it("DISCLOSURE_WRONG_CHANNEL, DISCLOSURE_TOO_SHORT, DISCLOSURE_BEFORE_STEP, UNKNOWN_DISCLOSURE_DUTY", () => {
    const r = run({
      ...heating,
      disclosures: [
        { dutyId: "decision", postedOn: "2026-03-09", channel: "partyAffairsBoard" },
        { dutyId: "result", postedOn: "2026-12-01", channel: "villageAffairsBoard", removedOn: "2026-12-05" },
        { dutyId: "nope", postedOn: "2026-12-01", channel: "villageAffairsBoard" }
      ]
    })
    assert.deepStrictEqual(codesOf(r).sort(), [
      "DISCLOSURE_BEFORE_STEP",
      "DISCLOSURE_TOO_SHORT",
      "DISCLOSURE_WRONG_CHANNEL",
      "UNKNOWN_DISCLOSURE_DUTY"
    ])
    assert.strictEqual(r.risk, "yellow")
  })

  it("TENDER_REQUIRED by the national threshold, even without an item condition", () => {
    const r = run({ ...heating, safeguards: { townReview: true, competitiveSelection: true } })
    assert.deepStrictEqual(codesOf(r), ["TENDER_REQUIRED"])
    assert.strictEqual(r.risk, "red")
    // 3,999,999.99 yuan: just under 4,000,000 → no tender required.
    const under = run({ ...heating, amount: { amount: 399_999_999, unit: "fen" }, safeguards: { townReview: true, competitiveSelection: true } })
    assert.deepStrictEqual(codesOf(under), [])
    assert.isFalse(under.tenderRequired)
    // The exercise's own kind overrides the item's: goods from 2,000,000.
    const goods = run({ ...heating, amount: { amount: 2_000_000, unit: "yuan" }, procurement: "goods", safeguards: { townReview: true, competitiveSelection: true } })
    assert.deepStrictEqual(codesOf(goods), ["TENDER_REQUIRED"])
  })

  it("ESCALATION_REQUIRED and COMPETITIVE_SELECTION_REQUIRED", () => {
    const r = run({ ...heating, amount: { amount: 150_000, unit: "yuan" }, safeguards: {} })
    assert.deepStrictEqual(codesOf(r).sort(), ["COMPETITIVE_SELECTION_REQUIRED", "ESCALATION_REQUIRED"])
    assert.isTrue(r.escalationRequired)
    assert.isFalse(r.tenderRequired)
    const reviewed = run({ ...heating, amount: { amount: 150_000, unit: "yuan" }, safeguards: { townReview: true, competitiveSelection: true } })
    assert.deepStrictEqual(codesOf(reviewed), [])
  })

  it("a county rulebook edition moves the thresholds", () => {
    const county = Rulebook.withEditions(rulebook, [
      {
        effectiveFrom: LocalDate.unsafeMake("2026-01-01"),
        source: { law: "某县村级小微权力运行规定" },
        parameters: {
          "threshold.escalation": { value: 20_000_000 as never, citation: { law: "某县规定" }, scope: "local" }
        }
      }
    ])
    const e = decode({ ...heating, amount: { amount: 150_000, unit: "yuan" }, safeguards: { competitiveSelection: true } })
    assert.deepStrictEqual(codesOf(Exercise.check(works, e, county, cal)), [])
    assert.deepStrictEqual(codesOf(Exercise.check(works, e, rulebook, cal)), ["ESCALATION_REQUIRED"])
  })

  it("a recorded town review step counts as 提级监督", () => {
    const item = PowerList.reference().items.find((i) => i.code === "E01")!
    const e = { ...Examples.xishuHeatingClean(), safeguards: { ...Examples.xishuHeatingClean().safeguards, townReview: false } }
    assert.notInclude(codesOf(Exercise.check(item, e, rulebook, cal)), "ESCALATION_REQUIRED")
    const without = { ...e, steps: e.steps.filter((s) => s.stepId !== "townReview") }
    assert.includeMembers(codesOf(Exercise.check(item, without, rulebook, cal)), ["ESCALATION_REQUIRED", "STEP_MISSING"])
  })

  it("AMOUNT_MISSING when the item has amount conditions", () => {
    const { amount: _, ...noAmount } = heating
    const r = run(noAmount)
    assert.include(codesOf(r), "AMOUNT_MISSING")
  })

  it("WRONG_DECIDING_BODY: a §24 matter resolved by the 两委", () => {
    const r = run(withStep(heating, "4and2.resolve", { performedBy: { body: "twoCommittees" }, meeting: { membersEntitled: 7, present: 7, votesFor: 7, votesAgainst: 0 } }))
    assert.deepStrictEqual(codesOf(r), ["WRONG_DECIDING_BODY"])
    assert.strictEqual(r.risk, "red")
  })

  it("PERFORMER_MISMATCH: the contract signed by someone without the post", () => {
    const r = run(withStep(heating, "contract", { performedBy: ["zhao"] }))
    assert.deepStrictEqual(codesOf(r), ["PERFORMER_MISMATCH"])
  })

  it("RECUSAL_REQUIRED: the director's relative is the contractor", () => {
    // He runs the tender for the villagers' committee and signs the contract; publishing is no part.
    const r = run({ ...heating, counterparty: { name: "李某工程队", relatedCadres: ["li"] } })
    assert.deepStrictEqual(codesOf(r), ["RECUSAL_REQUIRED", "RECUSAL_REQUIRED"])
    assert.deepStrictEqual(r.findings.map((f) => f.path), [["steps", 5, "performedBy"], ["steps", 6, "performedBy"]])
    assert.strictEqual(r.risk, "red")
    // The same fact from the actors, or from a relatives lookup.
    const viaActor = run({ ...heating, actors: heating.actors!.map((a) => (a.cadre === "li" ? { ...a, relatedToCounterparty: true } : a)) })
    assert.deepStrictEqual(codesOf(viaActor), ["RECUSAL_REQUIRED", "RECUSAL_REQUIRED"])
    const viaLookup = run(heating, works, { isRelated: (c) => c === "li" })
    assert.deepStrictEqual(codesOf(viaLookup), ["RECUSAL_REQUIRED", "RECUSAL_REQUIRED"])
  })

  it("RECUSAL_REQUIRED: a related cadre attending a meeting", () => {
    const r = run(withStep({ ...heating, counterparty: { name: "某公司", relatedCadres: ["zhou"] } }, "4and2.discuss", {
      performedBy: { body: "twoCommittees", cadres: ["wang", "zhou"] }
    }))
    assert.deepStrictEqual(codesOf(r), ["RECUSAL_REQUIRED"])
  })

  const reimbursement: Exercise.ExerciseEncoded = {
    id: "r1",
    item: "F01",
    village: "xishu",
    date: "2026-04-01",
    amount: { amount: 1_200, unit: "yuan" },
    actors: [
      { cadre: "wang", posts: ["partySecretary"] },
      { cadre: "li", posts: ["committeeDirector"] },
      { cadre: "sun", posts: ["villagersCommitteeMember"] }
    ],
    steps: [
      { stepId: "apply", performedBy: ["sun"], date: "2026-04-01", evidence: ["invoice"] },
      { stepId: "propose", performedBy: { body: "partyOrganisation" }, date: "2026-04-01" },
      { stepId: "approve", performedBy: ["li"], date: "2026-04-02", evidence: ["approvalForm"] },
      { stepId: "verify", performedBy: { body: "supervisionCommittee" }, date: "2026-04-03" }
    ]
  }

  it("SELF_APPROVAL: the applicant approves the claim", () => {
    assert.deepStrictEqual(codesOf(run(reimbursement, reimburse)), [])
    const self = run(withStep(reimbursement, "apply", { performedBy: ["li"] }), reimburse)
    assert.deepStrictEqual(codesOf(self), ["PERFORMER_MISMATCH", "SELF_APPROVAL"])
    assert.strictEqual(self.risk, "red")
  })

  it("SELF_APPROVAL: 一肩挑 — proposing as the party organisation's head and approving as director", () => {
    const yjt = {
      ...reimbursement,
      actors: [{ cadre: "wang", posts: ["partySecretary", "committeeDirector"] as const }, { cadre: "sun", posts: ["villagersCommitteeMember"] as const }]
    }
    const r = run(withStep(yjt, "approve", { performedBy: ["wang"] }), reimburse)
    assert.deepStrictEqual(codesOf(r), ["DUAL_TOP_POSTS", "SELF_APPROVAL"])
    const self = r.findings.find((f) => f.code === "SELF_APPROVAL")!
    assert.include(self.message.zh, "一肩挑")
    assert.deepStrictEqual(self.path, ["steps", 2, "performedBy"])
    assert.strictEqual(r.risk, "red")
    // The approver derived from the post when the record names no one.
    const derived = run(withStep(yjt, "approve", { performedBy: [] }), reimburse)
    assert.include(codesOf(derived), "SELF_APPROVAL")
  })

  it("DUAL_TOP_POSTS alone is information, green", () => {
    const r = run({ ...heating, actors: [{ cadre: "wang", posts: ["partySecretary", "committeeDirector"] }, { cadre: "zhao", posts: ["supervisionCommitteeChair"] }] ,
      steps: heating.steps.map((s) => (s.stepId === "contract" ? { ...s, performedBy: ["wang"] } : s)) })
    assert.deepStrictEqual(codesOf(r), ["DUAL_TOP_POSTS"])
    assert.strictEqual(r.findings[0]!.severity, "info")
    assert.strictEqual(r.risk, "green")
  })

  it("UNKNOWN_STEP, DUPLICATE_STEP_RECORD, STEP_BEFORE_EXERCISE", () => {
    const r = run({
      ...heating,
      steps: [
        { stepId: "4and2.propose", performedBy: { body: "partyOrganisation" }, date: "2026-03-01", evidence: ["minutes"] },
        ...heating.steps.slice(1),
        { stepId: "bogus", performedBy: ["li"], date: "2026-03-02" },
        heating.steps[8]!
      ]
    })
    assert.deepStrictEqual(codesOf(r).sort(), ["DUPLICATE_STEP_RECORD", "STEP_BEFORE_EXERCISE", "UNKNOWN_STEP"])
    assert.strictEqual(r.risk, "yellow")
  })

  it("a step id the procedure repeats is its first step's: recording it twice is DUPLICATE_STEP_RECORD", () => {
    // A list with a mistake (DUPLICATE_STEP_ID) still checks: the second "approve" is never matched.
    const twice = Schema.decodeSync(PowerList.PowerItem)({
      ...reimburseEncoded,
      procedure: {
        _tag: "Steps",
        steps: [
          { id: "apply", name: { zh: "申请" }, act: "apply", actor: { post: "villagersCommitteeMember" }, evidence: [] },
          { id: "approve", name: { zh: "审批" }, act: "approve", actor: { post: "committeeDirector" }, evidence: [] },
          { id: "approve", name: { zh: "再审批" }, act: "approve", actor: { post: "committeeDirector" }, evidence: [] }
        ]
      }
    })
    const r = run(
      {
        id: "twice",
        item: "F01",
        village: "xishu",
        date: "2026-03-02",
        status: "inProgress",
        actors: [{ cadre: "li", posts: ["committeeDirector"] }, { cadre: "wu", posts: ["villagersCommitteeMember"] }],
        steps: [
          { stepId: "apply", performedBy: ["wu"], date: "2026-03-02" },
          { stepId: "approve", performedBy: ["li"], date: "2026-03-03" },
          { stepId: "approve", performedBy: ["li"], date: "2026-03-04" }
        ]
      },
      twice
    )
    assert.deepStrictEqual(r.findings.map((f) => [f.code, f.path]), [["DUPLICATE_STEP_RECORD", ["steps", 2]]])
  })

  it("evidence listed in another order than the list's is found", () => {
    const r = run(withStep(heating, "4and2.resolve", { evidence: ["resolution", "ballot", "signInSheet", "minutes"] }))
    assert.deepStrictEqual(codesOf(r), [])
    const missing = run(withStep(heating, "4and2.resolve", { evidence: ["minutes", "ballot", "signInSheet"] }))
    assert.deepStrictEqual(missing.findings.map((f) => [f.code, f.message.en]), [[
      "EVIDENCE_MISSING",
      `step "4and2.resolve" lacks the evidence: resolution`
    ]])
  })

  it("ITEM_MISMATCH and UNKNOWN_ITEM", () => {
    const e = decode(heating)
    assert.deepStrictEqual(codesOf(Exercise.check(reimburse, e, rulebook, cal)), ["ITEM_MISMATCH"])
    assert.deepStrictEqual(codesOf(Exercise.checkInList(list, e, rulebook, cal)), [])
    assert.deepStrictEqual(codesOf(Exercise.checkInList(list, { ...e, item: "Z99" as never }, rulebook, cal)), ["UNKNOWN_ITEM"])
  })

  it("RULEBOOK_NOT_IN_FORCE is a finding, not a throw", () => {
    const r = run({ ...heating, date: "2010-01-04", steps: heating.steps.map((s) => ({ ...s, date: "2010-01-04" })), disclosures: [] })
    assert.include(codesOf(r), "RULEBOOK_NOT_IN_FORCE")
    assert.notInclude(codesOf(r), "TENDER_REQUIRED")
  })

  it("CALENDAR_OUT_OF_RANGE is a finding, not a throw", () => {
    const shift = (d: string) => d.replace("2026", "2031")
    const e = {
      ...heating,
      date: shift(heating.date),
      steps: heating.steps.map((s) => ({ ...s, date: shift(s.date) })),
      disclosures: heating.disclosures!.map((d) => ({ ...d, postedOn: shift(d.postedOn), ...(d.removedOn ? { removedOn: shift(d.removedOn) } : {}) }))
    }
    const r = run(e)
    assert.deepStrictEqual(codesOf(r), ["CALENDAR_OUT_OF_RANGE"])
    assert.strictEqual(r.findings[0]!.severity, "warning")
  })

  it("all problems are reported together", () => {
    const r = run({
      ...withoutStep(withStep(heating, "4and2.resolve", { meeting: { membersEntitled: 45, present: 20, votesFor: 10, votesAgainst: 10 } }), "4and2.review"),
      counterparty: { name: "李某", relatedCadres: ["li"] },
      disclosures: [],
      safeguards: {}
    })
    const codes = new Set(codesOf(r))
    for (const c of ["STEP_MISSING", "QUORUM_NOT_MET", "MAJORITY_NOT_REACHED", "RECUSAL_REQUIRED", "DISCLOSURE_MISSING", "ESCALATION_REQUIRED", "TENDER_REQUIRED"]) {
      assert.isTrue(codes.has(c as Exercise.Code), c)
    }
  })
})

describe("Exercise.codes", () => {
  it("every code has a weight, and the risk follows the table", () => {
    for (const [code, w] of Object.entries(Exercise.codes)) {
      const f = [{ code: code as Exercise.Code, severity: w.severity, path: [], message: { zh: "", en: "" } }]
      assert.strictEqual(Exercise.riskOf(f), w.risk === "none" ? "green" : w.risk, code)
    }
    assert.strictEqual(Exercise.riskOf([]), "green")
  })
})

describe("Exercise.decodeUnknown", () => {
  it("names every bad path", () => {
    const r = Exercise.decodeUnknown({ ...heating, amount: { amount: -1, unit: "yuan" }, steps: [{ stepId: "x", performedBy: 3, date: "2026-02-30" }] })
    assert.isTrue(Either.isLeft(r))
    if (Either.isLeft(r)) {
      const paths = r.left.issues.map((i) => i.path.join("."))
      assert.include(paths, "amount.amount")
      assert.include(paths, "steps.0.date")
      assert.include(paths, "steps.0.performedBy")
    }
  })

  it("Exercise.validate decodes and checks in one go", () => {
    const ok = Exercise.validate(list, JSON.stringify(heating), rulebook, cal)
    assert.isTrue(Either.isRight(ok) && ok.right.risk === "green")
    const bad = Exercise.validate(list, { ...heating, date: "yesterday" }, rulebook, cal)
    assert.isTrue(Either.isLeft(bad) && bad.left.issues.some((i) => i.path.join(".") === "date"))
  })

  it("reads JSON text and never throws on bad text", () => {
    assert.isTrue(Either.isRight(Exercise.decodeJson(JSON.stringify(heating))))
    assert.isTrue(Either.isLeft(Exercise.decodeJson("{")))
  })
})
