// The built-in parameter values. Each cites its source; local values are illustrative and say so.
import type * as Citation from "../../base/Citation.js"
import type { Key, Parameters, Values } from "../Rulebook.js"
import * as LocalDate from "../../base/LocalDate.js"
import * as Money from "../../base/Money.js"
import * as Threshold from "../Threshold.js"

/** In force from the 2018 amendment of the Organic Law of Villagers' Committees. */
export const defaultsEffectiveFrom = LocalDate.unsafeMake("2018-12-29")

const VCOL = "中华人民共和国村民委员会组织法"
const CCP_DISCIPLINE = "中国共产党纪律处分条例"
const SUPERVISION_RULES = "中国共产党纪律检查机关监督执纪工作规则"
const GOV_SANCTIONS = "中华人民共和国公职人员政务处分法"
const SUPERVISION_LAW = "中华人民共和国监察法"
const APPEAL_RULES = "中国共产党党员权利保障条例"
const NDRC16 = "必须招标的工程项目规定 (国家发展改革委令第16号)"

const vcol = (article: string): Citation.Citation => ({ law: VCOL, version: "2018", article })
const local = (note: string): Citation.Citation => ({
  law: "地方规定 (示例)",
  note: `illustrative local value; replace with your county's rule: ${note}`
})

const national = <K extends Key>(value: Values[K], citation: Citation.Citation) => ({
  value,
  citation,
  scope: "national" as const
})
const localParam = <K extends Key>(value: Values[K], note: string) => ({
  value,
  citation: local(note),
  scope: "local" as const
})

const FORM: Values["fourForms.classification"] = {
  criticism: 1,
  talkReminder: 1,
  orderedSelfExamination: 1,
  admonition: 1,
  partyWarning: 2,
  partySeriousWarning: 2,
  suspensionForInspection: 2,
  postAdjustment: 2,
  orderedResignation: 2,
  dismissal: 2,
  governmentWarning: 2,
  governmentDemerit: 2,
  governmentMajorDemerit: 2,
  removalFromPartyPost: 3,
  partyProbation: 3,
  expulsionFromParty: 3,
  demotion: 3,
  governmentDemotion: 3,
  governmentRemoval: 3,
  governmentExpulsion: 3,
  transferToJudiciary: 4
}

const PERIOD: Values["sanction.periodMonths"] = {
  partyWarning: [12],
  partySeriousWarning: [18],
  removalFromPartyPost: [24],
  partyProbation: [12, 24],
  expulsionFromParty: [60],
  governmentWarning: [6],
  governmentDemerit: [12],
  governmentMajorDemerit: [18],
  governmentDemotion: [24],
  governmentRemoval: [24]
}

const LEVEL: Values["authority.decisionLevel"] = {
  criticism: "town",
  talkReminder: "town",
  orderedSelfExamination: "town",
  admonition: "town",
  partyWarning: "town",
  partySeriousWarning: "town",
  governmentWarning: "town",
  governmentDemerit: "town",
  governmentMajorDemerit: "town",
  suspensionForInspection: "town",
  postAdjustment: "town",
  orderedResignation: "county",
  dismissal: "county",
  demotion: "county",
  removalFromPartyPost: "county",
  partyProbation: "county",
  expulsionFromParty: "county",
  governmentDemotion: "county",
  governmentRemoval: "county",
  governmentExpulsion: "county",
  transferToJudiciary: "county"
}

const days = (amount: number) => ({ amount, unit: "days" as const })
const months = (amount: number) => ({ amount, unit: "months" as const })
const workingDays = (amount: number) => ({ amount, unit: "workingDays" as const })

export const defaultParameters: Parameters = {
  "meeting.villagersAssembly": national<"meeting.villagersAssembly">(
    {
      quorum: [
        { basis: "adultVillagers", threshold: Threshold.moreThanHalf },
        { basis: "households", threshold: Threshold.atLeastTwoThirds }
      ],
      majority: { of: "present", threshold: Threshold.moreThanHalf },
      noticeDays: 10
    },
    vcol("第二十二条 (notice: 第二十一条)")
  ),
  "meeting.representativesAssembly": national<"meeting.representativesAssembly">(
    {
      quorum: [{ basis: "members", threshold: Threshold.atLeastTwoThirds }],
      majority: { of: "present", threshold: Threshold.moreThanHalf }
    },
    vcol("第二十六条")
  ),
  "meeting.villagerGroup": national<"meeting.villagerGroup">(
    {
      quorum: [
        { basis: "adultVillagers", threshold: Threshold.atLeastTwoThirds },
        { basis: "households", threshold: Threshold.atLeastTwoThirds }
      ],
      majority: { of: "present", threshold: Threshold.moreThanHalf }
    },
    vcol("第二十八条")
  ),
  "meeting.partyMembers": localParam<"meeting.partyMembers">(
    {
      quorum: [{ basis: "members", threshold: Threshold.atLeastTwoThirds }],
      majority: { of: "members", threshold: Threshold.moreThanHalf }
    },
    "党员大会: at least 2/3 of members present, more than half of members agreeing"
  ),
  "meeting.twoCommittees": localParam<"meeting.twoCommittees">(
    {
      quorum: [{ basis: "members", threshold: Threshold.atLeastTwoThirds }],
      majority: { of: "members", threshold: Threshold.moreThanHalf }
    },
    "两委联席会议: at least 2/3 of members present, more than half of members agreeing"
  ),
  "committee.supervisionSize": localParam<"committee.supervisionSize">(
    { min: 3, max: 5 },
    "村务监督委员会 of 3 to 5 members (村民委员会组织法 第三十二条 leaves the size to local rules)"
  ),
  "committee.supervisionExclusions": national<"committee.supervisionExclusions">(
    {
      posts: [
        "partySecretary",
        "committeeDirector",
        "partyCommitteeMember",
        "villagersCommitteeMember",
        "clerk",
        "bookkeeper"
      ],
      relativesOfPosts: ["partySecretary", "committeeDirector", "partyCommitteeMember", "villagersCommitteeMember"],
      relativeCloseness: ["nearRelative"]
    },
    {
      law: VCOL,
      version: "2018",
      article: "第三十二条",
      note: "村民委员会成员及其近亲属不得担任村务监督机构成员 (近亲属: 民法典 第一千零四十五条); " +
        "两委 members, the clerk and the bookkeeper: 中共中央办公厅 国务院办公厅《关于建立健全村务监督委员会的指导意见》(2017); " +
        "extending the bar to relatives of party committee members and to in-laws is local practice"
    }
  ),
  "disclosure.majorMatterDeadline": localParam<"disclosure.majorMatterDeadline">(
    workingDays(5),
    "major matters published within 5 working days (组织法 第三十条 says 'at once')"
  ),
  "disclosure.financeFrequency": national<"disclosure.financeFrequency">("monthly", vcol("第三十条")),
  "disclosure.generalFrequency": national<"disclosure.generalFrequency">("quarterly", vcol("第三十条")),
  "threshold.fourAndTwo": localParam<"threshold.fourAndTwo">(
    Money.yuan(50_000),
    "matters of 50,000 yuan or more go through 四议两公开"
  ),
  "threshold.escalation": localParam<"threshold.escalation">(
    Money.yuan(100_000),
    "exercises of 100,000 yuan or more are reviewed by the town (提级监督)"
  ),
  "threshold.tenderConstruction": national<"threshold.tenderConstruction">(Money.yuan(4_000_000), {
    law: NDRC16,
    version: "2018",
    article: "第五条(一)"
  }),
  "threshold.tenderGoods": national<"threshold.tenderGoods">(Money.yuan(2_000_000), {
    law: NDRC16,
    version: "2018",
    article: "第五条(二)"
  }),
  "threshold.tenderServices": national<"threshold.tenderServices">(Money.yuan(1_000_000), {
    law: NDRC16,
    version: "2018",
    article: "第五条(三)"
  }),
  "threshold.smallWorksCompetition": localParam<"threshold.smallWorksCompetition">(
    Money.yuan(100_000),
    "small works (小微工程) of 100,000 yuan or more need competitive selection"
  ),
  "deadline.rollForwardFromRestDay": localParam<"deadline.rollForwardFromRestDay">(
    true,
    "a limit in days or months that ends on a rest day runs to the next working day, as 中华人民共和国民法典(2020) 第二百零三条 counts periods; set false where the commission counts otherwise"
  ),
  "case.leadDisposal": national<"case.leadDisposal">(months(1), {
    law: SUPERVISION_RULES,
    version: "2019",
    article: "第二十一条"
  }),
  "case.letterInquiryReply": national<"case.letterInquiryReply">(workingDays(15), {
    law: SUPERVISION_RULES,
    version: "2019",
    article: "第二十八条"
  }),
  "case.preliminaryCheck": localParam<"case.preliminaryCheck">(
    months(2),
    "preliminary checks (初步核实) concluded within 2 months"
  ),
  "case.investigation": national<"case.investigation">(days(90), {
    law: SUPERVISION_RULES,
    version: "2019",
    article: "第四十六条"
  }),
  "case.investigationExtension": national<"case.investigationExtension">(
    { max: days(90), times: 1 },
    { law: SUPERVISION_RULES, version: "2019", article: "第四十六条" }
  ),
  "case.review": national<"case.review">(months(1), { law: SUPERVISION_RULES, version: "2019", article: "第五十五条" }),
  "case.decisionService": national<"case.decisionService">(months(1), {
    law: SUPERVISION_RULES,
    version: "2019",
    article: "第五十八条"
  }),
  "case.reexaminationApply": national<"case.reexaminationApply">(months(1), {
    law: APPEAL_RULES,
    version: "2020",
    article: "第三十二条"
  }),
  "case.reexaminationDecide": national<"case.reexaminationDecide">(months(1), {
    law: APPEAL_RULES,
    version: "2020",
    article: "第三十二条"
  }),
  "case.recheckApply": national<"case.recheckApply">(months(1), {
    law: APPEAL_RULES,
    version: "2020",
    article: "第三十二条"
  }),
  "case.recheckDecide": national<"case.recheckDecide">(months(2), {
    law: APPEAL_RULES,
    version: "2020",
    article: "第三十二条"
  }),
  "fourForms.classification": national<"fourForms.classification">(FORM, {
    law: CCP_DISCIPLINE,
    version: "2023",
    article: "第五条"
  }),
  "sanction.periodMonths": national<"sanction.periodMonths">(PERIOD, {
    law: `${CCP_DISCIPLINE}; ${GOV_SANCTIONS}`,
    version: "2023; 2020",
    article: "纪律处分条例 第十一、十二条; 政务处分法 第八条"
  }),
  "sanction.villageCadreGovernmentMeasures": national<"sanction.villageCadreGovernmentMeasures">(
    ["governmentWarning", "governmentDemerit", "governmentMajorDemerit"],
    { law: `${SUPERVISION_LAW}; ${GOV_SANCTIONS}`, article: "监察法 第十五条(五); 政务处分法 第二十二条" }
  ),
  "sanction.governmentCombinedMaxMonths": national<"sanction.governmentCombinedMaxMonths">(48, {
    law: GOV_SANCTIONS,
    version: "2020",
    article: "第十条"
  }),
  "authority.decisionLevel": localParam<"authority.decisionLevel">(
    LEVEL,
    "first-form measures and light sanctions at town level; heavier measures and transfers to the judiciary by the county"
  )
}
