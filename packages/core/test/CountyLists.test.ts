// Issue 14: power lists as counties really write them. Each point of the issue has a test here on
// a realistic item, most of them from the shipped county example (4 categories, 14 items).
import { assert, describe, it } from "@effect/vitest"
import { Exercise, PowerList, Rulebook, WorkCalendar } from "@qinglian/core"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { readFileSync } from "node:fs"

const rulebook = Rulebook.defaults
const cal = WorkCalendar.china
const county = PowerList.countyExample()
const itemOf = (code: string) => county.items.find((i) => i.code === code)!
const listCodes = (r: PowerList.ValidationReport) => r.diagnostics.map((d) => d.code)
const codesOf = (r: Exercise.Result) => r.findings.map((f) => f.code)
const decode = (e: Exercise.ExerciseEncoded) => Either.getOrThrow(Exercise.decodeUnknown(e))
const inCounty = (e: Exercise.ExerciseEncoded, options?: Exercise.CheckOptions) =>
  Exercise.checkInList(county, decode(e), rulebook, cal, options)
// The county list as JSON, to edit a copy of it.
const countyJson = (): PowerList.PowerListEncoded => JSON.parse(JSON.stringify(county))
const checkJson = (json: unknown) => Either.getOrThrow(PowerList.validate(json, rulebook))
const withItem = (code: string, patch: Record<string, unknown>) => {
  const json = countyJson()
  return { ...json, items: json.items.map((i) => (i.code === code ? { ...i, ...patch } : i)) }
}

const actors: Exercise.ExerciseEncoded["actors"] = [
  { cadre: "wang", name: "王书记", posts: ["partySecretary"] },
  { cadre: "li", name: "李主任", posts: ["committeeDirector"] },
  { cadre: "zhao", name: "赵主任", posts: ["supervisionCommitteeChair"] },
  { cadre: "sun", posts: ["supervisionCommitteeMember"] },
  { cadre: "qian", posts: ["bookkeeper"] },
  { cadre: "wu", posts: ["clerk"] },
  { cadre: "zhou", name: "周专干", posts: ["familyPlanningOfficer"] },
  { cadre: "chen", posts: ["villagersCommitteeMember"] }
]

type StepEncoded = Exercise.ExerciseEncoded["steps"][number]
const withStep = (e: Exercise.ExerciseEncoded, stepId: string, patch: Partial<StepEncoded>): Exercise.ExerciseEncoded => ({
  ...e,
  steps: e.steps.map((s) => (s.stepId === stepId ? { ...s, ...patch } : s))
})
const withoutStep = (e: Exercise.ExerciseEncoded, stepId: string): Exercise.ExerciseEncoded => ({
  ...e,
  steps: e.steps.filter((s) => s.stepId !== stepId)
})

// The first five steps of 四议两公开 as a county records them, each watched by a 监委会 member.
const fourAndTwoRecords = (resolveBody: "representativesAssembly" | "villagerGroupMeeting" | "villagersAssembly"): Array<StepEncoded> => [
  { stepId: "4and2.propose", performedBy: { body: "partyOrganisation" }, date: "2026-03-02", evidence: ["minutes"], supervisors: ["zhao"] },
  {
    stepId: "4and2.discuss",
    performedBy: { body: "twoCommittees" },
    date: "2026-03-03",
    evidence: ["minutes", "signInSheet"],
    meeting: { membersEntitled: 7, present: 7, votesFor: 7, votesAgainst: 0 },
    supervisors: ["zhao"]
  },
  {
    stepId: "4and2.review",
    performedBy: { body: "partyMembersMeeting" },
    date: "2026-03-05",
    evidence: ["minutes", "signInSheet"],
    meeting: { membersEntitled: 30, present: 24, votesFor: 23, votesAgainst: 1 },
    supervisors: ["sun"]
  },
  {
    stepId: "4and2.resolve",
    performedBy: { body: resolveBody },
    date: "2026-03-10",
    evidence: ["minutes", "signInSheet", "ballot", "resolution"],
    meeting: resolveBody === "villagerGroupMeeting"
      ? { adultVillagers: { total: 60, present: 45 }, present: 45, votesFor: 40, votesAgainst: 5 }
      : resolveBody === "villagersAssembly"
      ? { adultVillagers: { total: 900, present: 500 }, present: 500, votesFor: 400, votesAgainst: 100 }
      : { membersEntitled: 45, present: 40, votesFor: 38, votesAgainst: 2 },
    supervisors: ["zhao", "sun"]
  },
  { stepId: "4and2.publishDecision", performedBy: { body: "villagersCommittee" }, date: "2026-03-11", evidence: ["noticePhoto"], supervisors: ["zhao"] }
]

// 西属村 paves a village road for 300,000 yuan under item B01, which follows the method A01.
const road: Exercise.ExerciseEncoded = {
  id: "road-2026",
  item: "B01",
  village: "xishu",
  date: "2026-03-02",
  amount: { amount: 300_000, unit: "yuan" },
  counterparty: { name: "某路桥公司", kind: "enterprise" },
  actors,
  steps: [
    ...fourAndTwoRecords("representativesAssembly"),
    { stepId: "tender", performedBy: { body: "villagersCommittee" }, date: "2026-03-25", evidence: ["tenderDocuments", "bidEvaluation"], supervisors: ["sun"] },
    { stepId: "contract", performedBy: ["li"], date: "2026-04-01", evidence: ["contract"], supervisors: ["zhao"] },
    { stepId: "accept", performedBy: { body: "supervisionCommittee", cadres: ["zhao", "sun"] }, date: "2026-09-29", evidence: ["acceptanceReport"] },
    { stepId: "4and2.publishResult", performedBy: { body: "villagersCommittee" }, date: "2026-09-30", evidence: ["noticePhoto"], supervisors: ["zhao"] },
    { stepId: "archive", performedBy: ["wu"], date: "2026-10-09", evidence: ["ledger"], supervisors: ["sun"] }
  ],
  disclosures: [
    { dutyId: "decision", postedOn: "2026-03-11", channel: "villageAffairsBoard" },
    { dutyId: "award", postedOn: "2026-03-26", channel: "villageAffairsBoard", removedOn: "2026-04-02" }
  ],
  safeguards: { competitiveSelection: true, townReview: true }
}

describe("the county example (4 categories, 14 items)", () => {
  it("validates clean, counts 4 × 14 and keeps the method category first", () => {
    const report = PowerList.check(county, rulebook)
    assert.deepStrictEqual(listCodes(report), ["ILLUSTRATIVE_LIST"])
    assert.isTrue(report.ok)
    assert.strictEqual(county.categories.length, 4)
    assert.strictEqual(county.items.length, 14)
    assert.strictEqual(county.categories[0]!.kind, "method")
    assert.strictEqual(PowerList.countyExample(), county)
  })

  it("decodes to its own JSON form through the compiled validator, and back", () => {
    const json = countyJson()
    const decoded = PowerList.decodeUnknown(json)
    assert.isTrue(Either.isRight(decoded))
    // The validator accepted it: the very input comes back.
    assert.strictEqual(Either.getOrThrow(decoded), json)
    assert.deepStrictEqual(Either.getOrThrow(PowerList.decodeJson(JSON.stringify(county))), county)
    // effect's decoder agrees.
    assert.isTrue(Either.isRight(Schema.decodeUnknownEither(PowerList.PowerList, { onExcessProperty: "error" })(json)))
  })

  it("a road works exercise of an item following the method is green in its list", () => {
    const r = inCounty(road)
    assert.deepStrictEqual(codesOf(r), [])
    assert.strictEqual(r.risk, "green")
    assert.deepStrictEqual(r.requirements, ["fourAndTwo", "escalation", "competitiveSelection"])
  })

  it("unknown keys in the new fields are errors at their path", () => {
    const json = countyJson() as unknown as Record<string, unknown>
    const bad = { ...json, filing: { ...(json.filing as object), stamp: "x" } }
    const r = PowerList.decodeUnknown(bad)
    assert.isTrue(Either.isLeft(r))
    assert.deepStrictEqual(Either.isLeft(r) ? r.left.issues.map((i) => i.path) : [], [["filing", "stamp"]])
    const json2 = countyJson()
    const badKind = { ...json2, categories: [{ ...json2.categories[0]!, kind: "methods" }, ...json2.categories.slice(1)] }
    const r2 = PowerList.decodeUnknown(badKind)
    // One issue per literal it could have been, all at the same path.
    const paths = Either.isLeft(r2) ? r2.left.issues.map((i) => i.path.join(".")) : []
    assert.deepStrictEqual([...new Set(paths)], ["categories.0.kind"])
  })
})

describe("the columns of a county list: 执行标准, 岗位责任, 追究办法, 备案, 承诺书", () => {
  it("are carried with their citations", () => {
    const b04 = itemOf("B04")
    assert.include(b04.standard!.text.zh, "两委会议集体审议")
    assert.deepStrictEqual(b04.postDuties!.map((d) => d.post), ["bookkeeper", "committeeDirector"])
    assert.include(itemOf("A01").accountability!.text.zh, "追究")
    assert.strictEqual(itemOf("A01").accountability!.citations![0]!.law, "中国共产党纪律处分条例")
    assert.strictEqual(itemOf("B03").standard!.citations![1]!.article, "第二百六十二条")
    assert.include(county.filing!.with.zh, "县纪委监委")
    assert.include(county.commitment!.title.zh, "承诺书")
  })

  it("UNKNOWN_POST: a post duty names a post the list does not know", () => {
    const json = withItem("B04", { postDuties: [{ post: "accountant", duty: { zh: "记账" } }] })
    const report = checkJson(json)
    assert.deepStrictEqual(listCodes(report).filter((c) => c !== "ILLUSTRATIVE_LIST"), ["UNKNOWN_POST"])
    const b04 = json.items.findIndex((i) => i.code === "B04")
    assert.deepStrictEqual(report.diagnostics[1]!.path, ["items", b04, "postDuties", 0, "post"])
  })
})

describe("a method category (村级管理工作法: 四议两公开一监督)", () => {
  it("resolve writes the method's steps and supervision into an item that refers to it", () => {
    const b01 = PowerList.resolve(county, itemOf("B01"))
    assert.strictEqual(b01.procedure._tag, "FourAndTwo")
    assert.deepStrictEqual(b01.procedure.supervision?.by, "supervisionCommittee")
    assert.deepStrictEqual(PowerList.steps(b01.procedure).map((s) => s.id), [
      "4and2.propose",
      "4and2.discuss",
      "4and2.review",
      "4and2.resolve",
      "4and2.publishDecision",
      "tender",
      "contract",
      "accept",
      "4and2.publishResult",
      "archive"
    ])
    // An item that does not refer to a method is returned as it is.
    assert.strictEqual(PowerList.resolve(county, itemOf("C01")), itemOf("C01"))
  })

  it("UNKNOWN_METHOD: a reference to a missing item, or to an item outside a method category", () => {
    const missing = checkJson(withItem("B01", { procedure: { ...itemOf("B01").procedure, method: "A09" } }))
    const b01 = county.items.findIndex((i) => i.code === "B01")
    const unknown = missing.diagnostics.find((d) => d.code === "UNKNOWN_METHOD")!
    assert.deepStrictEqual(unknown.path, ["items", b01, "procedure", "method"])
    // Without the method its steps are missing too: the disclosure after the decision names a step
    // the item no longer has.
    assert.deepStrictEqual(listCodes(missing).filter((c) => c !== "ILLUSTRATIVE_LIST"), ["UNKNOWN_METHOD", "UNKNOWN_STEP_REFERENCE"])
    const notMethod = checkJson(withItem("B01", { procedure: { ...itemOf("B01").procedure, method: "C01" } }))
    assert.include(listCodes(notMethod), "UNKNOWN_METHOD")
  })

  it("METHOD_NOT_RESOLVED: checking such an item without its list says so instead of guessing", () => {
    const r = Exercise.check(itemOf("B01"), decode(road), rulebook, cal)
    assert.deepStrictEqual(codesOf(r), ["METHOD_NOT_RESOLVED"])
    const resolved = Exercise.check(PowerList.resolve(county, itemOf("B01")), decode(road), rulebook, cal)
    assert.deepStrictEqual(codesOf(resolved), [])
  })

  it("an item following the method still needs all six steps", () => {
    assert.deepStrictEqual(codesOf(inCounty(withoutStep(road, "4and2.review"))), ["STEP_MISSING"])
  })
})

describe("supervision alongside the steps (一监督)", () => {
  it("SUPERVISION_MISSING: no 监委会 member attended the deciding meeting", () => {
    const r = inCounty(withStep(road, "4and2.resolve", { supervisors: [] }))
    assert.deepStrictEqual(codesOf(r), ["SUPERVISION_MISSING"])
    assert.strictEqual(r.risk, "red")
    assert.deepStrictEqual(r.findings[0]!.path, ["steps", 3, "supervisors"])
  })

  it("SUPERVISION_MISSING: the cadres named as supervisors are not on the committee", () => {
    const r = inCounty(withStep(road, "4and2.discuss", { supervisors: ["wang", "li"] }))
    assert.deepStrictEqual(codesOf(r), ["SUPERVISION_MISSING"])
    assert.include(r.findings[0]!.message.en, "none of the supervisors named is a member")
  })

  it("a step the committee performs itself needs no one else to watch it", () => {
    const accept = road.steps.find((s) => s.stepId === "accept")!
    assert.isUndefined(accept.supervisors)
    assert.deepStrictEqual(codesOf(inCounty(road)), [])
  })

  it("supervision of chosen steps only: B04 watches the 两委 decision, nothing else", () => {
    const b04 = PowerList.resolve(county, itemOf("B04"))
    assert.deepStrictEqual(b04.procedure.supervision?.steps, ["twoCommittees"])
  })

  it("UNKNOWN_STEP_REFERENCE: supervision of a step the procedure lacks", () => {
    const b04 = itemOf("B04")
    const report = checkJson(
      withItem("B04", { procedure: { ...b04.procedure, supervision: { by: "supervisionCommittee", steps: ["vote"] } } })
    )
    assert.deepStrictEqual(listCodes(report).filter((c) => c !== "ILLUSTRATIVE_LIST"), ["UNKNOWN_STEP_REFERENCE"])
  })
})

// 林木采伐: the county forestry bureau issues the permit; for collective trees the representative
// assembly decides first.
const felling: Exercise.ExerciseEncoded = {
  id: "felling-2026-07",
  item: "C01",
  village: "xishu",
  date: "2026-04-01",
  counterparty: { name: "村民张某", kind: "villager" },
  facts: { ownership: "private" },
  actors,
  steps: [
    { stepId: "apply", performedBy: { body: "villagersCommittee" }, date: "2026-04-01", evidence: ["application"] },
    { stepId: "endorse", performedBy: ["li"], date: "2026-04-02", evidence: ["approvalForm"] },
    {
      stepId: "town",
      performedBy: { external: { level: "town", sector: "forestry", name: { zh: "金村镇林业站" } } },
      date: "2026-04-07",
      evidence: ["other"]
    },
    {
      stepId: "permit",
      performedBy: { external: { level: "county", sector: "forestry", name: { zh: "泽州县林业局" } } },
      date: "2026-04-15",
      evidence: ["approvalForm"]
    },
    { stepId: "publish", performedBy: { body: "villagersCommittee" }, date: "2026-04-16", evidence: ["noticePhoto"] }
  ],
  disclosures: [{ dutyId: "permit", postedOn: "2026-04-16", channel: "villageAffairsBoard" }]
}

describe("actors beyond the village", () => {
  it("a county bureau issues the permit and a town station inspects: green", () => {
    assert.deepStrictEqual(codesOf(inCounty(felling)), [])
  })

  it("PERFORMER_MISMATCH: a village cadre signs the permit the county bureau must issue", () => {
    const r = inCounty(withStep(felling, "permit", { performedBy: ["wang"] }))
    assert.deepStrictEqual(codesOf(r), ["PERFORMER_MISMATCH"])
    assert.include(r.findings[0]!.message.zh, "县林业局")
    // The director, who received the application as head of the committee, would also approve his own.
    assert.deepStrictEqual(codesOf(inCounty(withStep(felling, "permit", { performedBy: ["li"] }))), ["PERFORMER_MISMATCH", "SELF_APPROVAL"])
  })

  it("PERFORMER_MISMATCH: another department than the one the list names", () => {
    const r = inCounty(withStep(felling, "permit", { performedBy: { external: { level: "county", sector: "naturalResources" } } }))
    assert.deepStrictEqual(codesOf(r), ["PERFORMER_MISMATCH"])
  })

  it("PERFORMER_MISMATCH: a department doing a village step", () => {
    const r = inCounty(withStep(felling, "publish", { performedBy: { external: { level: "town", sector: "forestry" } } }))
    assert.deepStrictEqual(codesOf(r), ["PERFORMER_MISMATCH"])
  })

  it("items approved by civil affairs, natural resources and health name their departments", () => {
    const sectors = (code: string) =>
      PowerList.steps(itemOf(code).procedure).flatMap((s) => ("external" in s.actor ? [`${s.actor.external.level}:${s.actor.external.sector}`] : []))
    assert.deepStrictEqual(sectors("C02"), ["town:naturalResources"])
    assert.deepStrictEqual(sectors("C03"), ["town:civilAffairs", "county:civilAffairs"])
    assert.deepStrictEqual(sectors("C04"), ["town:health", "county:health"])
  })
})

describe("conditions on facts other than the amount", () => {
  it("collective trees need the representative assembly's decision; private trees do not", () => {
    const collective = { ...felling, facts: { ownership: "villageCollective" as const } }
    const r = inCounty(collective)
    assert.deepStrictEqual(codesOf(r), ["STEP_MISSING"])
    assert.include(r.findings[0]!.message.zh, "collective")
    const decided: Exercise.ExerciseEncoded = {
      ...collective,
      steps: [
        felling.steps[0]!,
        {
          stepId: "collective",
          performedBy: { body: "representativesAssembly" },
          date: "2026-04-01",
          evidence: ["minutes", "signInSheet", "resolution"],
          meeting: { membersEntitled: 45, present: 40, votesFor: 38, votesAgainst: 2 }
        },
        ...felling.steps.slice(1)
      ]
    }
    assert.deepStrictEqual(codesOf(inCounty(decided)), [])
  })

  it("FACT_MISSING: ownership decides the steps, and the exercise does not state it", () => {
    const { facts: _, ...noFacts } = felling
    const r = inCounty(noFacts)
    assert.deepStrictEqual(codesOf(r), ["FACT_MISSING"])
    assert.deepStrictEqual(r.findings[0]!.path, ["facts", "ownership"])
  })

  it("the kind of counterparty: leasing to an enterprise needs a competitive selection", () => {
    const lease: Exercise.ExerciseEncoded = {
      id: "lease-2026",
      item: "B02",
      village: "xishu",
      date: "2026-03-02",
      amount: { amount: 40_000, unit: "yuan" },
      counterparty: { name: "某农业公司", kind: "enterprise" },
      actors,
      steps: [
        ...fourAndTwoRecords("representativesAssembly"),
        { stepId: "select", performedBy: { body: "collectiveEconomyOrganisation" }, date: "2026-03-20", evidence: ["bidEvaluation"], supervisors: ["sun"] },
        { stepId: "contract", performedBy: ["li"], date: "2026-03-25", evidence: ["contract"], supervisors: ["sun"] },
        { stepId: "4and2.publishResult", performedBy: { body: "villagersCommittee" }, date: "2026-03-26", evidence: ["noticePhoto"], supervisors: ["zhao"] },
        { stepId: "archive", performedBy: ["wu"], date: "2026-03-27", evidence: ["ledger"], supervisors: ["sun"] }
      ],
      disclosures: [
        { dutyId: "decision", postedOn: "2026-03-11", channel: "villageAffairsBoard" },
        { dutyId: "lease", postedOn: "2026-03-26", channel: "villageAffairsBoard" }
      ]
    }
    const actors2 = [...actors!.filter((a) => a.cadre !== "li"), { cadre: "li", posts: ["collectiveEconomyHead" as const] }]
    const byEnterprise = inCounty({ ...lease, actors: actors2 })
    assert.deepStrictEqual(codesOf(byEnterprise), ["COMPETITIVE_SELECTION_REQUIRED"])
    assert.deepStrictEqual(byEnterprise.requirements, ["fourAndTwo", "competitiveSelection"])
    const byVillager = inCounty({ ...lease, actors: actors2, counterparty: { name: "村民刘某", kind: "villager" } })
    assert.deepStrictEqual(codesOf(byVillager), [])
    assert.deepStrictEqual(byVillager.requirements, ["fourAndTwo"])
  })

  it("whether the exercise touches villagers' interests", () => {
    const json = withItem("C06", {
      conditions: [{ when: { touchesVillagersInterests: true }, then: { steps: ["register"] } }]
    })
    const list = Either.getOrThrow(PowerList.decodeUnknown(json))
    assert.isTrue(PowerList.check(list).ok)
    const seal: Exercise.ExerciseEncoded = {
      id: "seal-1",
      item: "C06",
      village: "xishu",
      date: "2026-05-06",
      actors,
      steps: [
        { stepId: "apply", performedBy: { body: "villagersCommittee" }, date: "2026-05-06", evidence: ["application"] },
        { stepId: "approve", performedBy: ["wang"], date: "2026-05-06", evidence: ["approvalForm"] }
      ]
    }
    const check = (e: Exercise.ExerciseEncoded) => codesOf(Exercise.checkInList(list, decode(e), rulebook, cal))
    // The item touches villagers' interests, so the exercise does unless it says otherwise.
    assert.deepStrictEqual(check(seal), ["STEP_MISSING"])
    assert.deepStrictEqual(check({ ...seal, facts: { touchesVillagersInterests: false } }), [])
  })
})

// Spending under B04: the 两委 review tier between 2,000 yuan and the 四议两公开 threshold, and
// finance disclosed monthly by the rulebook's frequency.
const spending = (amount: number, patch: Partial<Exercise.ExerciseEncoded> = {}): Exercise.ExerciseEncoded => ({
  id: `spend-${amount}`,
  item: "B04",
  village: "xishu",
  date: "2026-03-16",
  amount: { amount, unit: "yuan" },
  actors,
  steps: [
    { stepId: "apply", performedBy: ["chen"], date: "2026-03-16", evidence: ["invoice"] },
    { stepId: "check", performedBy: ["qian"], date: "2026-03-17", evidence: ["invoice"] },
    {
      stepId: "twoCommittees",
      performedBy: { body: "twoCommittees" },
      date: "2026-03-18",
      evidence: ["minutes", "signInSheet"],
      meeting: { membersEntitled: 7, present: 6, votesFor: 6, votesAgainst: 0 },
      supervisors: ["zhao"]
    },
    { stepId: "approve", performedBy: ["li"], date: "2026-03-19", evidence: ["approvalForm"] },
    { stepId: "audit", performedBy: { body: "supervisionCommittee" }, date: "2026-03-20", evidence: ["approvalForm"] },
    { stepId: "book", performedBy: { body: "townAssetsCentre" }, date: "2026-03-25", evidence: ["ledger"] }
  ],
  disclosures: [{ dutyId: "monthly", postedOn: "2026-04-10", channel: "villageAffairsBoard" }],
  ...patch
})

describe("a 两委 review tier below the 四议两公开 threshold", () => {
  it("3,000 yuan: the 两委 meeting must decide", () => {
    assert.deepStrictEqual(codesOf(inCounty(spending(3_000))), [])
    const r = inCounty(withoutStep(spending(3_000), "twoCommittees"))
    assert.deepStrictEqual(codesOf(r), ["STEP_MISSING"])
    assert.include(r.findings[0]!.message.zh, "两委会议集体审议")
  })

  it("1,500 yuan: below the tier, the secretary or the director alone approves", () => {
    assert.deepStrictEqual(codesOf(inCounty(withoutStep(spending(1_500), "twoCommittees"))), [])
  })

  it("the tier ends at the rulebook's 四议两公开 threshold (50,000 yuan by default)", () => {
    assert.deepStrictEqual(codesOf(inCounty(withoutStep(spending(49_999), "twoCommittees"))), ["STEP_MISSING"])
    assert.deepStrictEqual(codesOf(inCounty(withoutStep(spending(50_000), "twoCommittees"))), [])
  })
})

describe("steps one of several posts may perform", () => {
  it("the secretary or the director signs; the bookkeeper may not", () => {
    assert.deepStrictEqual(codesOf(inCounty(withStep(spending(1_500), "approve", { performedBy: ["wang"] }))), [])
    const r = inCounty(withStep(spending(1_500), "approve", { performedBy: ["qian"] }))
    assert.deepStrictEqual(codesOf(r), ["PERFORMER_MISMATCH"])
    assert.include(r.findings[0]!.message.en, "partySecretary / committeeDirector")
  })

  it("UNKNOWN_POST: an alternative the list does not know", () => {
    const c06 = itemOf("C06")
    const proc = c06.procedure as Extract<PowerList.Procedure, { _tag: "Steps" }>
    const steps = proc.steps.map((s) => (s.id === "approve" ? { ...s, actor: { anyOfPosts: ["partySecretary", "sealKeeper"] } } : s))
    const report = checkJson(withItem("C06", { procedure: { ...proc, steps } }))
    assert.deepStrictEqual(listCodes(report).filter((c) => c !== "ILLUSTRATIVE_LIST"), ["UNKNOWN_POST"])
  })
})

describe("periodic disclosure: finance every month (组织法 §30)", () => {
  it("March's spending posted on 10 April is on time", () => {
    assert.deepStrictEqual(codesOf(inCounty(spending(1_500))), [])
  })

  it("DISCLOSURE_LATE: posted in May, after the end of April", () => {
    const r = inCounty(spending(1_500, { disclosures: [{ dutyId: "monthly", postedOn: "2026-05-11", channel: "villageAffairsBoard" }] }))
    assert.deepStrictEqual(codesOf(r), ["DISCLOSURE_LATE"])
    assert.include(r.findings[0]!.message.en, "2026-04-30")
    assert.include(r.findings[0]!.message.zh, "第三十条")
  })

  it("DISCLOSURE_MISSING: never posted, citing the rulebook's parameter", () => {
    const r = inCounty(spending(1_500, { disclosures: [] }))
    assert.deepStrictEqual(codesOf(r), ["DISCLOSURE_MISSING"])
    assert.include(r.findings[0]!.message.zh, "每月")
    // In progress and before the end of April, nothing is missing yet.
    assert.deepStrictEqual(codesOf(inCounty(spending(1_500, { disclosures: [], status: "inProgress" }), { asOf: "2026-04-20" as never })), [])
  })

  it("the frequency follows the rulebook: a county that publishes finance quarterly", () => {
    const quarterly = Either.getOrThrow(
      Rulebook.decodeJson(
        JSON.stringify({
          name: "测试县",
          editions: [
            {
              effectiveFrom: "2026-01-01",
              source: { law: "测试县村务公开办法" },
              parameters: {
                "disclosure.financeFrequency": { value: "quarterly", citation: { law: "测试县村务公开办法" }, scope: "local" }
              }
            }
          ]
        })
      )
    )
    const late = spending(1_500, { disclosures: [{ dutyId: "monthly", postedOn: "2026-05-11", channel: "villageAffairsBoard" }] })
    assert.deepStrictEqual(codesOf(Exercise.checkInList(county, decode(late), quarterly, cal)), [])
    const r = Exercise.checkInList(
      county,
      decode(spending(1_500, { disclosures: [{ dutyId: "monthly", postedOn: "2026-07-01", channel: "villageAffairsBoard" }] })),
      quarterly,
      cal
    )
    assert.deepStrictEqual(codesOf(r), ["DISCLOSURE_LATE"])
    assert.include(r.findings[0]!.message.en, "2026-06-30")
    assert.include(r.findings[0]!.message.en, "测试县村务公开办法")
  })
})

describe("local posts (计生专干)", () => {
  const reward: Exercise.ExerciseEncoded = {
    id: "reward-2026",
    item: "C04",
    village: "xishu",
    date: "2026-03-02",
    actors,
    steps: [
      { stepId: "apply", performedBy: { body: "villagersCommittee" }, date: "2026-03-02", evidence: ["application"] },
      { stepId: "check", performedBy: ["zhou"], date: "2026-03-03", evidence: ["approvalForm"] },
      { stepId: "publish", performedBy: { body: "villagersCommittee" }, date: "2026-03-04", evidence: ["noticePhoto"] },
      { stepId: "town", performedBy: { external: { level: "town", sector: "health" } }, date: "2026-03-16", evidence: ["approvalForm"] },
      { stepId: "approve", performedBy: { external: { level: "county", sector: "health" } }, date: "2026-03-30", evidence: ["approvalForm"] }
    ],
    disclosures: [{ dutyId: "list", postedOn: "2026-03-04", channel: "villageAffairsBoard" }]
  }

  it("an exercise decodes with the list's own post and its holder performs the step", () => {
    assert.isTrue(Either.isRight(Exercise.decodeUnknown(reward)))
    assert.deepStrictEqual(codesOf(inCounty(reward)), [])
  })

  it("PERFORMER_MISMATCH when someone else does the family-planning officer's check", () => {
    assert.deepStrictEqual(codesOf(inCounty(withStep(reward, "check", { performedBy: ["chen"] }))), ["PERFORMER_MISMATCH"])
  })

  it("UNKNOWN_POST: a post neither built in nor declared by the list", () => {
    const r = inCounty({ ...reward, actors: [...actors!, { cadre: "he", posts: ["familyPlaningOfficer"] }] })
    assert.deepStrictEqual(codesOf(r), ["UNKNOWN_POST"])
    assert.deepStrictEqual(r.findings[0]!.path, ["actors", 8, "posts", 0])
    assert.strictEqual(r.risk, "yellow")
  })

  it("an empty post code is still refused by the decoder", () => {
    assert.isTrue(Either.isLeft(Exercise.decodeUnknown({ ...reward, actors: [{ cadre: "x", posts: [""] }] })))
  })
})

describe("village groups as deciders (组织法 §28; 民法典 §262)", () => {
  const compensation: Exercise.ExerciseEncoded = {
    id: "compensation-group3",
    item: "B03",
    village: "xishu",
    date: "2026-03-02",
    amount: { amount: 1_200_000, unit: "yuan" },
    actors,
    steps: [
      ...fourAndTwoRecords("villagerGroupMeeting"),
      { stepId: "pay", performedBy: ["qian"], date: "2026-03-20", evidence: ["ledger", "receipt"], supervisors: ["sun"] },
      { stepId: "4and2.publishResult", performedBy: { body: "villagersCommittee" }, date: "2026-03-23", evidence: ["noticePhoto"], supervisors: ["zhao"] },
      { stepId: "archive", performedBy: ["wu"], date: "2026-03-24", evidence: ["ledger"], supervisors: ["sun"] }
    ],
    disclosures: [
      { dutyId: "plan", postedOn: "2026-03-11", channel: "villageAffairsBoard", removedOn: "2026-03-20" },
      { dutyId: "paid", postedOn: "2026-03-23", channel: "villageAffairsBoard" }
    ],
    safeguards: { townReview: true }
  }

  it("the group meeting deciding on its own land compensation is green, its quorum checked by §28", () => {
    assert.deepStrictEqual(codesOf(inCounty(compensation)), [])
    const thin = withStep(compensation, "4and2.resolve", {
      meeting: { adultVillagers: { total: 60, present: 30 }, present: 30, votesFor: 30, votesAgainst: 0 }
    })
    assert.deepStrictEqual(codesOf(inCounty(thin)), ["QUORUM_NOT_MET"])
  })

  it("the template's deciding step is the group meeting's for group-owned property", () => {
    const b03 = PowerList.resolve(county, itemOf("B03"))
    const resolve = PowerList.itemSteps(b03).find((s) => s.id === "4and2.resolve")!
    assert.deepStrictEqual(resolve.actor, { body: "villagerGroupMeeting" })
  })

  it("a list item with explicit steps where the group meeting decides: no WRONG_DECIDING_BODY, no FOUR_AND_TWO_BROKEN", () => {
    const steps = PowerList.itemSteps(PowerList.resolve(county, itemOf("B03")))
    const item = JSON.parse(
      JSON.stringify({ ...itemOf("B03"), procedure: { _tag: "Steps", steps }, conditions: [{ when: { always: true }, then: "fourAndTwo" }] })
    )
    assert.deepStrictEqual(listCodes(checkJson(withItem("B03", item))), ["ILLUSTRATIVE_LIST"])
    // Without the group's ownership the §24 rule and the template still hold.
    const { propertyOwner: _, ...notGroup } = item
    const json = countyJson()
    const codes = listCodes(checkJson({ ...json, items: json.items.map((i) => (i.code === "B03" ? notGroup : i)) }))
    assert.deepStrictEqual(codes, ["ILLUSTRATIVE_LIST", "WRONG_DECIDING_BODY", "WRONG_DECIDING_BODY", "FOUR_AND_TWO_BROKEN"])
  })

  it("a village-owned §24 item decided by a group meeting: right when the exercise says the group owns it", () => {
    const subsidy = {
      ...compensation,
      id: "group-land-via-D02",
      item: "D02",
      steps: [
        ...fourAndTwoRecords("villagerGroupMeeting"),
        { stepId: "pay", performedBy: ["qian"], date: "2026-03-20", evidence: ["ledger"] as const, supervisors: ["sun"] },
        ...compensation.steps.slice(6)
      ],
      disclosures: [{ dutyId: "decision", postedOn: "2026-03-11", channel: "villageAffairsBoard" as const }]
    } as unknown as Exercise.ExerciseEncoded
    assert.deepStrictEqual(codesOf(inCounty(subsidy)), ["WRONG_DECIDING_BODY"])
    assert.deepStrictEqual(codesOf(inCounty({ ...subsidy, facts: { ownership: "villagerGroup" } })), [])
  })
})

describe("must be disclosed, apart from touching villagers' interests", () => {
  it("户籍 certificates and seal use touch villagers but post nothing, with the reason stated", () => {
    for (const code of ["C05", "C06"]) {
      const item = itemOf(code)
      assert.isTrue(item.touchesVillagersInterests, code)
      assert.isFalse(item.mustDisclose, code)
      assert.deepStrictEqual(item.disclosures, [], code)
      assert.strictEqual(item.disclosureExemption!.citations![0]!.law, "中华人民共和国个人信息保护法")
    }
  })

  it("DISCLOSURE_EXEMPTION_UNEXPLAINED: exempt without a reason", () => {
    const { disclosureExemption: _, ...c05 } = JSON.parse(JSON.stringify(itemOf("C05")))
    const json = countyJson()
    const report = checkJson({ ...json, items: json.items.map((i) => (i.code === "C05" ? c05 : i)) })
    assert.deepStrictEqual(listCodes(report).filter((c) => c !== "ILLUSTRATIVE_LIST"), ["DISCLOSURE_EXEMPTION_UNEXPLAINED"])
    assert.isTrue(report.ok)
  })

  it("MISSING_DISCLOSURE: 发展党员 does not touch villagers' interests but must be posted", () => {
    assert.isFalse(itemOf("D01").touchesVillagersInterests)
    const report = checkJson(withItem("D01", { disclosures: [] }))
    assert.deepStrictEqual(listCodes(report).filter((c) => c !== "ILLUSTRATIVE_LIST"), ["MISSING_DISCLOSURE"])
    assert.include(report.diagnostics[1]!.message.zh, "须公开")
  })

  it("without mustDisclose, touching villagers' interests still calls for disclosure (old lists unchanged)", () => {
    const { mustDisclose: _, disclosureExemption: __, ...c05 } = JSON.parse(JSON.stringify(itemOf("C05")))
    const json = countyJson()
    const report = checkJson({ ...json, items: json.items.map((i) => (i.code === "C05" ? c05 : i)) })
    assert.deepStrictEqual(listCodes(report).filter((c) => c !== "ILLUSTRATIVE_LIST"), ["MISSING_DISCLOSURE"])
  })
})

describe("the published JSON Schemas show every new field", () => {
  type Def = { readonly properties?: Record<string, unknown> }
  const defs = (name: string) =>
    (JSON.parse(readFileSync(new URL(`../schemas/${name}.schema.json`, import.meta.url), "utf8")) as {
      readonly $defs: Record<string, Def>
    }).$defs

  it("power list", () => {
    const d = defs("power-list")
    assert.includeMembers(Object.keys(d.PowerList!.properties!), ["filing", "commitment", "localPosts"])
    assert.includeMembers(Object.keys(d.PowerItem!.properties!), [
      "standard",
      "postDuties",
      "accountability",
      "mustDisclose",
      "disclosureExemption",
      "propertyOwner"
    ])
    assert.include(Object.keys(d.Category!.properties!), "kind")
    assert.includeMembers(Object.keys(d), ["Supervision", "ExternalActor", "Ownership", "CounterpartyKind", "ConditionTest", "Clause", "PostDuty"])
    assert.include(JSON.stringify(d.TimeLimit), "disclosure.financeFrequency")
    assert.include(JSON.stringify(d.StepActor), "anyOfPosts")
    assert.include(JSON.stringify(d.Procedure), "Method")
    assert.include(JSON.stringify(d.Condition), "allOf")
  })

  it("exercise", () => {
    const d = defs("exercise")
    assert.include(Object.keys(d.Exercise!.properties!), "facts")
    assert.include(Object.keys(d.StepRecord!.properties!), "supervisors")
    assert.include(JSON.stringify(d.PerformedBy), "external")
    assert.include(Object.keys(d.Counterparty!.properties!), "kind")
  })
})

describe("docs/power-list.md: Loading your county's list", () => {
  it("the worked example is a valid item that checks clean in the county list", () => {
    const doc = readFileSync(new URL("../../../docs/power-list.md", import.meta.url), "utf8")
    const section = doc.slice(doc.indexOf("## Loading your county's list"))
    const block = section.slice(section.indexOf("```json\n") + 8, section.indexOf("\n```", section.indexOf("```json\n")))
    const item = JSON.parse(block) as { readonly code: string }
    assert.strictEqual(item.code, "B04")
    const json = countyJson()
    const report = checkJson({ ...json, items: json.items.map((i) => (i.code === "B04" ? item : i)) })
    assert.deepStrictEqual(listCodes(report), ["ILLUSTRATIVE_LIST"])
    // And it is the shipped item, less some English texts.
    assert.deepStrictEqual((item as unknown as PowerList.PowerListEncoded["items"][number]).postDuties?.map((d) => d.post), ["bookkeeper", "committeeDirector"])
  })
})

describe("periodic disclosure at the end of the date range (1900–2199)", () => {
  // A month, quarter or year after December 2199 is past the last date the library represents:
  // the deadline is that last date, and the check answers instead of throwing.
  const late2199 = (frequency: "monthly" | "quarterly" | "yearly") => {
    const rules = Either.getOrThrow(
      Rulebook.decodeJson(
        JSON.stringify({
          name: "测试县",
          editions: [{
            effectiveFrom: "2026-01-01",
            source: { law: "测试县村务公开办法" },
            parameters: {
              "disclosure.financeFrequency": { value: frequency, citation: { law: "测试县村务公开办法" }, scope: "local" }
            }
          }]
        })
      )
    )
    const e = spending(1_500, { date: "2199-12-01", disclosures: [] })
    const moved = { ...e, steps: e.steps.map((s, i) => ({ ...s, date: `2199-12-${String(10 + i).padStart(2, "0")}` })) }
    return Exercise.checkInList(county, decode(moved), rules, cal)
  }

  for (const frequency of ["monthly", "quarterly", "yearly"] as const) {
    it(`${frequency}: a December 2199 payment never posted is DISCLOSURE_MISSING, due 2199-12-31`, () => {
      const r = late2199(frequency)
      const missing = r.findings.filter((f) => f.code === "DISCLOSURE_MISSING")
      assert.strictEqual(missing.length, 1)
      assert.include(missing[0]!.message.en, "2199-12-31")
    })
  }
})
