// The illustrative reference list (示例清单): 8 categories, 57 items, in the encoded (JSON) form a
// county file would take. A template, not any county's list: counties replace it with their own.
// Statute articles are cited only where the article is certain; otherwise the law is cited with a
// note. Amounts never appear here: conditions point at rulebook thresholds.
import type * as Citation from "../../base/Citation.js"
import type * as Post from "../../org/Post.js"
import type { PowerListEncoded } from "../PowerList.js"

type Item = PowerListEncoded["items"][number]
type Procedure = Item["procedure"]
type Step = Extract<Procedure, { _tag: "Steps" }>["steps"][number]
type Actor = Step["actor"]
type Act = Step["act"]
type Evidence = Step["evidence"][number]
type Body = Extract<Actor, { body: unknown }>["body"]
type Risk = Item["riskPoints"][number]
type Duty = Item["disclosures"][number]
type Channel = Duty["channels"][number]
type Condition = NonNullable<Item["conditions"]>[number]

// ---------------------------------------------------------------------------------------------
// Citations

const VCOL = "中华人民共和国村民委员会组织法"
const LAND = "中华人民共和国土地管理法"
const CONTRACTING = "中华人民共和国农村土地承包法"
const TENDER = "中华人民共和国招标投标法"
const CIVIL = "中华人民共和国民法典"
const RELIEF = "社会救助暂行办法"
const RURAL_PARTY = "中国共产党农村基层组织工作条例"
const CHARTER = "中国共产党章程"

const cite = (law: string, version?: string, article?: string, note?: string): Citation.Citation => ({
  law,
  ...(version !== undefined ? { version } : {}),
  ...(article !== undefined ? { article } : {}),
  ...(note !== undefined ? { note } : {})
})
const vcol = (article: string, note?: string) => cite(VCOL, "2018", article, note)
const civil = (article: string) => cite(CIVIL, "2020", article)
const land = (article: string) => cite(LAND, "2019", article)
const fourAndTwoBasis = cite(
  RURAL_PARTY,
  "2019",
  undefined,
  "村级重大事项决策实行\"四议两公开\"; article not cited here, see the regulation's text"
)
const ndrc16 = cite("必须招标的工程项目规定 (国家发展改革委令第16号)", "2018", "第五条")
const tenderLaw = (article: string) => cite(TENDER, "2017", article)

// ---------------------------------------------------------------------------------------------
// Builders

const P = (post: Post.Post): Actor => ({ post })
const B = (body: Body): Actor => ({ body })

const step = (id: string, zh: string, en: string, act: Act, actor: Actor, evidence: ReadonlyArray<Evidence>): Step => ({
  id,
  name: { zh, en },
  act,
  actor,
  evidence: [...evidence]
})

const risk = (
  id: string,
  level: Risk["level"],
  zh: string,
  en: string,
  controls: ReadonlyArray<string>,
  atStep?: string
): Risk => ({
  id,
  description: { zh, en },
  level,
  ...(atStep !== undefined ? { step: atStep } : {}),
  controls: controls.map((c) => ({ zh: c }))
})

const MAJOR = { parameter: "disclosure.majorMatterDeadline" } as const
const days = (amount: number) => ({ duration: { amount, unit: "days" as const } })
const workingDays = (amount: number) => ({ duration: { amount, unit: "workingDays" as const } })
const months = (amount: number) => ({ duration: { amount, unit: "months" as const } })

const BOARD: ReadonlyArray<Channel> = ["villageAffairsBoard", "online"]
const PARTY_BOARD: ReadonlyArray<Channel> = ["partyAffairsBoard"]

const duty = (
  id: string,
  zh: string,
  en: string,
  afterStep: string,
  within: Duty["within"],
  channels: ReadonlyArray<Channel> = BOARD,
  minimumPostedDays?: number
): Duty => ({
  id,
  what: { zh, en },
  afterStep,
  within,
  channels: [channels[0]!, ...channels.slice(1)],
  ...(minimumPostedDays !== undefined ? { minimumPostedDays } : {})
})

/** The two publications of 四议两公开: the decision and the result, on the major-matter deadline. */
const fourAndTwoDuties = (what: string, whatEn: string, resultAfter: string): ReadonlyArray<Duty> => [
  duty("decision", `${what}决议内容`, `Decision on ${whatEn}`, "4and2.resolve", MAJOR, BOARD, 7),
  duty("result", `${what}实施结果`, `Result of ${whatEn}`, resultAfter, MAJOR, BOARD, 7)
]


const steps = (...list: ReadonlyArray<Step>): Procedure => ({ _tag: "Steps", steps: list })

// The six steps of 四议两公开 with the ids, names and evidence of `PowerList.fourAndTwoSteps` (copied:
// this module cannot import values from PowerList.ts, which imports it).
const sixSteps = (resolver: Body) =>
  [
    step("4and2.propose", "村党组织提议", "The party organisation proposes", "propose", B("partyOrganisation"), ["minutes"]),
    step("4and2.discuss", "村\"两委\"会议商议", "The joint meeting of both committees discusses", "discuss", B("twoCommittees"), ["minutes", "signInSheet"]),
    step("4and2.review", "党员大会审议", "The party members' meeting reviews", "review", B("partyMembersMeeting"), ["minutes", "signInSheet"]),
    step("4and2.resolve", "村民会议或村民代表会议决议", "The villagers' (representative) assembly decides", "resolve", B(resolver), ["minutes", "signInSheet", "ballot", "resolution"]),
    step("4and2.publishDecision", "决议公开", "The decision is published", "publishDecision", B("villagersCommittee"), ["noticePhoto"]),
    step("4and2.publishResult", "实施结果公开", "The result is published", "publishResult", B("villagersCommittee"), ["noticePhoto"])
  ] as const

/**
 * A 四议两公开 procedure whose carrying-out sits between the decision's publication and the
 * result's: `before`, the first five steps, `implementation`, 实施结果公开, then filing. (The
 * `FourAndTwo` template puts its `after` steps behind 实施结果公开, which would have a project's
 * result published before its tender.)
 */
const fourAndTwo = (before: ReadonlyArray<Step>, implementation: ReadonlyArray<Step>, resolver: Body = "representativesAssembly"): Procedure => {
  const [propose, discuss, review, resolve, publishDecision, publishResult] = sixSteps(resolver)
  const filing = implementation.filter((x) => x.id === "archive")
  const work = implementation.filter((x) => x.id !== "archive")
  return steps(...before, propose, discuss, review, resolve, publishDecision, ...work, publishResult, ...filing)
}

const when = (
  parameter: "threshold.fourAndTwo" | "threshold.escalation" | "threshold.tenderConstruction" | "threshold.tenderGoods" | "threshold.tenderServices" | "threshold.smallWorksCompetition",
  then: Condition["then"]
): Condition => ({ when: { amountAtLeast: { parameter } }, then })
const ALWAYS_FOUR_AND_TWO: Condition = { when: { always: true }, then: "fourAndTwo" }
// A `fourAndTwo` condition binds an item to the 四议两公开 template, so items with their own steps
// (routine spending, purchases) do not carry one: an amount over `threshold.fourAndTwo` is decided
// first as a major matter (A01 / A03), which their risk controls say.
const ESCALATION = when("threshold.escalation", "escalation")
const TENDER_WORKS = when("threshold.tenderConstruction", "publicTender")
const TENDER_GOODS = when("threshold.tenderGoods", "publicTender")
const TENDER_SERVICES = when("threshold.tenderServices", "publicTender")
const SMALL_WORKS = when("threshold.smallWorksCompetition", "competitiveSelection")

// Steps several procedures share. Each item still states its own risks and disclosures.
const canvass = (zh: string, en: string) => step("canvass", zh, en, "apply", B("villagersCommittee"), ["minutes"])
const townReview = (zh = "镇(乡)党委、政府审核把关(提级监督)", en = "The town reviews (escalated supervision)") =>
  step("townReview", zh, en, "verify", B("townGovernment"), ["approvalForm"])
const supervisionCheck = (zh: string, en: string) => step("supervise", zh, en, "verify", B("supervisionCommittee"), ["minutes"])
const archive = (zh = "资料整理归档", en = "The records are filed") => step("archive", zh, en, "archive", P("clerk"), ["ledger"])
const bookkeeping = step("book", "报镇三资委托代理中心审核入账", "The town assets centre audits and books it", "record", B("townAssetsCentre"), ["invoice", "ledger"])

// ---------------------------------------------------------------------------------------------
// Categories

const categories: PowerListEncoded["categories"] = [
  { code: "A", name: { zh: "重大事项决策", en: "Decisions on major matters" } },
  { code: "B", name: { zh: "招投标管理", en: "Tendering" } },
  { code: "C", name: { zh: "财务管理", en: "Finance" } },
  { code: "D", name: { zh: "资产资源管理", en: "Collective assets and resources" } },
  { code: "E", name: { zh: "工程项目建设", en: "Construction projects" } },
  { code: "F", name: { zh: "村务管理", en: "Village affairs" } },
  { code: "G", name: { zh: "便民服务", en: "Services to villagers" } },
  { code: "H", name: { zh: "党务管理", en: "Party affairs" } }
]

// ---------------------------------------------------------------------------------------------
// A 重大事项决策 (8)

const A: ReadonlyArray<Item> = [
  {
    code: "A01",
    category: "A",
    name: { zh: "村级其他重大事项决策", en: "Other major village matters" },
    legalBasis: [vcol("第二十四条", "第一款第(九)项及第二款: 村民会议可授权村民代表会议"), fourAndTwoBasis, vcol("第三十条")],
    responsiblePosts: ["partySecretary", "committeeDirector"],
    decidingBody: "representativesAssembly",
    procedure: fourAndTwo(
      [canvass("广泛征求村民意见, 形成议题", "Villagers' views are collected into a motion")],
      [step("implement", "村民委员会组织实施", "The villagers' committee carries it out", "implement", B("villagersCommittee"), ["other"]), archive()]
    ),
    riskPoints: [
      risk("bypass", "high", "以个人或少数人意见代替集体决策, 规避\"四议两公开\"", "A person or a few decide instead of the collective, bypassing 四议两公开", [
        "凡涉及村民利益的重大事项一律进入四议两公开程序",
        "村务监督委员会列席两委会议并对程序签字确认"
      ], "4and2.discuss"),
      risk("quorum", "medium", "代表会议到会人数不足或代签代表决", "The assembly lacks its quorum, or members sign or vote for others", [
        "会前核对签到表, 不足三分之二不得开会",
        "表决票当场清点, 监委会监票"
      ], "4and2.resolve")
    ],
    disclosures: fourAndTwoDuties("重大事项", "the major matter", "implement"),
    conditions: [ALWAYS_FOUR_AND_TWO, ESCALATION],
    touchesVillagersInterests: true,
    article24: "otherMajorMatter"
  },
  {
    code: "A02",
    category: "A",
    name: { zh: "村集体经济项目立项及承包方案", en: "Collective economic projects and their contracting plans" },
    legalBasis: [vcol("第二十四条", "第一款第(五)项"), fourAndTwoBasis, cite("中华人民共和国农村集体经济组织法", "2024", undefined, "集体经济组织经营管理; article to be added by the county")],
    responsiblePosts: ["partySecretary", "committeeDirector", "collectiveEconomyHead"],
    decidingBody: "representativesAssembly",
    procedure: fourAndTwo(
      [canvass("项目调研与可行性论证", "Market study and feasibility"), townReview()],
      [
        step("contract", "依决议签订承包或合作合同", "The contract is signed as resolved", "contract", B("collectiveEconomyOrganisation"), ["contract"]),
        step("implement", "项目实施与收益入账", "The project runs and its income is booked", "implement", B("collectiveEconomyOrganisation"), ["ledger"]),
        archive()
      ]
    ),
    riskPoints: [
      risk("feasibility", "medium", "未经论证盲目上项目, 造成集体资产损失", "Projects launched without study lose collective assets", [
        "立项前形成可行性报告并报镇审核",
        "重大投资实行风险提示并记录在案"
      ], "canvass"),
      risk("insider", "high", "项目承包给村干部亲属或关系人, 承包价格偏低", "The project is contracted to cadres' relatives at a low price", [
        "承包方案公开竞价",
        "与承包方有利害关系的两委成员回避表决"
      ], "contract")
    ],
    disclosures: [...fourAndTwoDuties("集体经济项目", "the collective economic project", "contract"), duty("income", "项目年度收益情况", "The project's yearly income", "implement", months(1))],
    conditions: [ALWAYS_FOUR_AND_TWO, ESCALATION],
    touchesVillagersInterests: true,
    article24: "collectiveEconomicProject"
  },
  {
    code: "A03",
    category: "A",
    name: { zh: "村集体经济所得收益使用", en: "Use of collective income" },
    legalBasis: [vcol("第二十四条", "第一款第(二)项"), civil("第二百六十四条"), fourAndTwoBasis],
    responsiblePosts: ["partySecretary", "committeeDirector", "bookkeeper"],
    decidingBody: "representativesAssembly",
    procedure: fourAndTwo(
      [step("budget", "编制收益使用计划(预算)", "The income use plan is drafted", "propose", P("bookkeeper"), ["other"])],
      [step("pay", "按计划使用并报账", "Spent as planned and accounted for", "pay", B("townAssetsCentre"), ["invoice", "receipt"]), archive()]
    ),
    riskPoints: [
      risk("divert", "high", "挪用集体收益或超计划开支", "Collective income is diverted or overspent", [
        "收益使用计划经代表会议通过后方可支出",
        "镇三资中心按计划审核报账"
      ], "pay"),
      risk("hidden", "medium", "收益未全额入账, 形成账外资金(小金库)", "Income kept off the books (a slush fund)", ["收入统一进入村级账户", "监委会每季度核对收入票据"])
    ],
    disclosures: fourAndTwoDuties("集体收益使用", "the use of collective income", "pay"),
    conditions: [ALWAYS_FOUR_AND_TWO, ESCALATION],
    touchesVillagersInterests: true,
    article24: "collectiveIncomeUse"
  },
  {
    code: "A04",
    category: "A",
    name: { zh: "享受误工补贴人员及补贴标准", en: "Recipients and rates of lost-work subsidies" },
    legalBasis: [vcol("第二十四条", "第一款第(一)项"), vcol("第三十三条", "民主评议享受误工补贴人员")],
    responsiblePosts: ["committeeDirector", "bookkeeper"],
    decidingBody: "representativesAssembly",
    procedure: fourAndTwo([], [step("pay", "按标准发放并签领", "Paid at the rate with signed receipts", "pay", P("bookkeeper"), ["receipt", "ledger"])]),
    riskPoints: [
      risk("padding", "medium", "虚列误工人员或抬高补贴标准", "Phantom recipients or inflated rates", ["人员名单和标准张榜公示", "发放表由本人签领, 监委会抽查"], "pay")
    ],
    disclosures: fourAndTwoDuties("误工补贴人员及标准", "lost-work subsidies", "pay"),
    conditions: [ALWAYS_FOUR_AND_TWO],
    touchesVillagersInterests: true,
    article24: "lostWorkSubsidy"
  },
  {
    code: "A05",
    category: "A",
    name: { zh: "土地承包经营方案", en: "Land contracting plan" },
    legalBasis: [
      vcol("第二十四条", "第一款第(四)项"),
      cite(CONTRACTING, "2018", "第十九条", "承包程序: 选举承包工作小组、拟订并公布方案、村民会议讨论通过、公开实施、签订合同"),
      cite(CONTRACTING, "2018", "第二十八条", "承包期内调整承包地须经三分之二以上成员或代表同意并报批"),
      civil("第二百六十一条")
    ],
    responsiblePosts: ["committeeDirector", "collectiveEconomyHead"],
    decidingBody: "villagersAssembly",
    procedure: fourAndTwo(
      [
        step("workingGroup", "村民会议选举产生承包工作小组", "The assembly elects a contracting working group", "apply", B("villagersAssembly"), ["minutes", "ballot"]),
        step("draft", "拟订并公布承包方案", "The plan is drafted and posted", "publish", B("villagersCommittee"), ["noticePhoto"])
      ],
      [
        step("contract", "公开组织实施并签订承包合同", "Carried out in public; contracts signed", "contract", B("collectiveEconomyOrganisation"), ["contract"]),
        step("report", "报镇政府备案", "Filed with the town", "report", B("townGovernment"), ["approvalForm"]),
        archive()
      ],
      "villagersAssembly"
    ),
    riskPoints: [
      risk("unequal", "high", "承包方案不公, 优亲厚友或剥夺成员承包权", "An unfair plan favours relatives or excludes members", [
        "方案须村民会议讨论通过",
        "调整承包地须三分之二以上成员或代表同意并报批"
      ], "4and2.resolve"),
      risk("secret", "medium", "承包合同私下签订, 未公开实施", "Contracts signed privately", ["承包结果和合同清册公开", "合同报镇备案"], "contract")
    ],
    disclosures: [duty("draft", "承包方案(征求意见稿)", "Draft contracting plan", "draft", days(3), BOARD, 7), ...fourAndTwoDuties("土地承包方案", "the land contracting plan", "contract")],
    conditions: [ALWAYS_FOUR_AND_TWO, ESCALATION],
    touchesVillagersInterests: true,
    article24: "landContractingPlan"
  },
  {
    code: "A06",
    category: "A",
    name: { zh: "宅基地使用方案", en: "Homestead (宅基地) allocation plan" },
    legalBasis: [vcol("第二十四条", "第一款第(六)项"), land("第六十二条"), civil("第三百六十三条")],
    responsiblePosts: ["committeeDirector", "villagersCommitteeMember"],
    decidingBody: "representativesAssembly",
    procedure: fourAndTwo(
      [canvass("摸底建房需求, 对照村庄规划拟定方案", "Housing needs are surveyed against the village plan")],
      [step("report", "报镇政府审核", "Submitted to the town", "report", B("townGovernment"), ["approvalForm"]), archive()]
    ),
    riskPoints: [
      risk("favour", "high", "超标准、一户多宅或优亲厚友安排宅基地", "Plots over the limit, several per household, or favours to relatives", [
        "严格执行一户一宅和面积标准",
        "安排名单公示, 接受监督"
      ], "4and2.resolve")
    ],
    disclosures: fourAndTwoDuties("宅基地使用方案", "the homestead plan", "report"),
    conditions: [ALWAYS_FOUR_AND_TWO],
    touchesVillagersInterests: true,
    article24: "homesteadPlan"
  },
  {
    code: "A07",
    category: "A",
    name: { zh: "征地补偿费使用及分配方案", en: "Use and distribution of land-requisition compensation" },
    legalBasis: [vcol("第二十四条", "第一款第(七)项"), land("第四十九条"), civil("第二百六十一条")],
    responsiblePosts: ["committeeDirector", "bookkeeper", "collectiveEconomyHead"],
    decidingBody: "representativesAssembly",
    procedure: fourAndTwo(
      [step("roster", "核实被征地面积及分配对象", "Areas and recipients are verified", "verify", B("villagersCommittee"), ["ledger"]), townReview()],
      [step("pay", "按方案分配并签领", "Distributed per plan with receipts", "pay", B("townAssetsCentre"), ["receipt", "ledger"]), archive()]
    ),
    riskPoints: [
      risk("skim", "high", "截留、挪用、侵占征地补偿款", "Compensation is withheld, diverted or embezzled", [
        "补偿款进入镇三资中心专户管理",
        "分配名单和金额逐户公示"
      ], "pay"),
      risk("roster", "medium", "虚报分配对象或面积", "Recipients or areas are inflated", ["对象资格由村民小组核实并公示"], "roster")
    ],
    disclosures: [...fourAndTwoDuties("征地补偿费分配方案", "the compensation plan", "pay"), duty("accounts", "征地补偿费收支情况", "Receipts and payments of compensation", "pay", months(1))],
    conditions: [ALWAYS_FOUR_AND_TWO, ESCALATION],
    touchesVillagersInterests: true,
    article24: "landCompensation"
  },
  {
    code: "A08",
    category: "A",
    name: { zh: "公益事业兴办及筹资筹劳方案(一事一议)", en: "Public-welfare undertakings and their funding and labour plans" },
    legalBasis: [vcol("第二十四条", "第一款第(三)项"), cite("村民一事一议筹资筹劳管理办法", "2007", undefined, "国务院办公厅转发; 筹资筹劳限额由省规定"), fourAndTwoBasis],
    responsiblePosts: ["partySecretary", "committeeDirector"],
    decidingBody: "representativesAssembly",
    procedure: fourAndTwo(
      [canvass("征集一事一议项目, 测算筹资筹劳额度", "Projects are collected and contributions estimated"), townReview("报镇审核筹资筹劳额度", "The town checks the contributions")],
      [step("collect", "收取筹资并开具票据", "Contributions are collected with receipts", "record", P("bookkeeper"), ["receipt", "ledger"]), archive()]
    ),
    riskPoints: [
      risk("overcharge", "medium", "超限额筹资或强制以资代劳", "Contributions above the limit, or cash forced instead of labour", ["筹资额度不得超过省定限额", "筹资筹劳情况逐户公示"], "collect")
    ],
    disclosures: fourAndTwoDuties("筹资筹劳方案", "the funding and labour plan", "collect"),
    conditions: [ALWAYS_FOUR_AND_TWO],
    touchesVillagersInterests: true,
    article24: "publicWelfareProject"
  }
]

// ---------------------------------------------------------------------------------------------
// B 招投标管理 (6)

const tenderSteps = (kindZh: string, kindEn: string, evaluator: Actor) => [
  step("plan", `拟定${kindZh}方案`, `The ${kindEn} plan is drafted`, "propose", B("twoCommittees"), ["minutes"]),
  townReview(`镇(乡)审核${kindZh}方案`, `The town reviews the ${kindEn} plan`),
  step("announce", "发布公告", "The notice is published", "publish", B("villagersCommittee"), ["tenderDocuments", "noticePhoto"]),
  step("tender", "开标、评标(比选), 监委会全程监督", "Bids are opened and evaluated under supervision", "tender", evaluator, ["bidEvaluation", "signInSheet"]),
  step("award", "中标(成交)结果公示", "The award is published", "publish", B("villagersCommittee"), ["noticePhoto"]),
  step("contract", "签订书面合同", "The written contract is signed", "contract", B("villagersCommittee"), ["contract"]),
  archive()
]

const B_: ReadonlyArray<Item> = [
  {
    code: "B01",
    category: "B",
    name: { zh: "工程建设项目公开招标", en: "Public tender of construction works" },
    legalBasis: [tenderLaw("第三条"), tenderLaw("第四条"), ndrc16, tenderLaw("第四十六条")],
    responsiblePosts: ["committeeDirector", "supervisionCommitteeChair"],
    decidingBody: "villagersCommittee",
    procedure: steps(...tenderSteps("招标", "tender", B("townGovernment"))),
    riskPoints: [
      risk("split", "high", "化整为零规避公开招标", "Splitting a contract to avoid public tender", ["同一项目合并计算金额", "镇审核时核对项目批复总额"], "plan"),
      risk("rig", "high", "围标串标、量身定制资格条件", "Bid-rigging or tailored qualifications", ["进入县(镇)公共资源交易平台", "资格条件报镇审核, 不得设置排他条款"], "announce"),
      risk("interest", "high", "与投标人有利害关系的人员参与评标", "People tied to a bidder evaluate bids", ["评标人员签署回避承诺", "两委成员近亲属投标的, 该成员全程回避"], "tender")
    ],
    disclosures: [
      duty("announce", "招标公告", "Tender notice", "announce", workingDays(1), BOARD, 5),
      duty("award", "中标结果", "Award", "tender", MAJOR, BOARD, 3)
    ],
    conditions: [TENDER_WORKS, ESCALATION, SMALL_WORKS],
    touchesVillagersInterests: true,
    procurement: "construction"
  },
  {
    code: "B02",
    category: "B",
    name: { zh: "小微工程竞争性比选", en: "Competitive selection for small works" },
    legalBasis: [
      cite("村级小微工程管理办法 (示例)", undefined, undefined, "local rule: the competitive-selection threshold lives in the rulebook"),
      tenderLaw("第四条")
    ],
    responsiblePosts: ["committeeDirector", "supervisionCommitteeChair"],
    decidingBody: "twoCommittees",
    procedure: steps(...tenderSteps("比选", "selection", B("twoCommittees"))),
    riskPoints: [
      risk("designate", "high", "直接指定施工队, 以比选之名走过场", "A builder is picked in advance; the selection is a show", ["至少三家参与比选", "比选过程监委会到场并签字"], "tender"),
      risk("split", "medium", "拆分工程规避比选或提级监督", "Works split to stay under thresholds", ["同一年度同类工程合并计算", "镇三资中心核对支出"], "plan")
    ],
    disclosures: [duty("award", "比选结果", "Selection result", "tender", MAJOR, BOARD, 3)],
    conditions: [SMALL_WORKS, ESCALATION, TENDER_WORKS],
    touchesVillagersInterests: true,
    procurement: "construction"
  },
  {
    code: "B03",
    category: "B",
    name: { zh: "货物及设备采购", en: "Purchase of goods and equipment" },
    legalBasis: [tenderLaw("第三条"), ndrc16, civil("第五百九十五条")],
    responsiblePosts: ["committeeDirector", "bookkeeper"],
    decidingBody: "twoCommittees",
    procedure: steps(...tenderSteps("采购", "purchase", B("twoCommittees")), step("receive", "货物验收入库", "Goods are inspected and entered in the ledger", "accept", B("supervisionCommittee"), ["acceptanceReport", "ledger"])),
    riskPoints: [
      risk("price", "medium", "采购价格虚高或以次充好", "Inflated prices or substandard goods", ["三家以上询价比价, 达到四议两公开限额的先按A03决策", "验收时监委会核对规格"], "receive"),
      risk("kickback", "high", "收受供应商回扣", "Kickbacks from suppliers", ["采购人与验收人分离", "签订廉洁承诺"], "contract")
    ],
    disclosures: [duty("award", "采购结果", "Purchase result", "tender", MAJOR)],
    conditions: [TENDER_GOODS, ESCALATION],
    touchesVillagersInterests: true,
    procurement: "goods"
  },
  {
    code: "B04",
    category: "B",
    name: { zh: "勘察设计监理服务采购", en: "Survey, design and supervision services" },
    legalBasis: [tenderLaw("第三条"), ndrc16],
    responsiblePosts: ["committeeDirector"],
    decidingBody: "twoCommittees",
    procedure: steps(...tenderSteps("服务采购", "services purchase", B("townGovernment"))),
    riskPoints: [
      risk("capture", "medium", "监理单位与施工单位关联, 监理失职", "The supervising engineer is tied to the builder", ["监理与施工单位不得有隶属或利害关系", "监理日志定期报镇审阅"], "tender")
    ],
    disclosures: [duty("award", "服务采购结果", "Services award", "tender", MAJOR)],
    conditions: [TENDER_SERVICES, ESCALATION],
    touchesVillagersInterests: false,
    procurement: "services"
  },
  {
    code: "B05",
    category: "B",
    name: { zh: "村级公共服务外包(保洁、绿化养护等)", en: "Outsourced village services (cleaning, green upkeep)" },
    legalBasis: [civil("第四百六十九条"), cite("村级小微权力清单 (示例)", undefined, undefined, "no national tender threshold for such services; the county's rulebook applies")],
    responsiblePosts: ["committeeDirector", "villagersCommitteeMember"],
    decidingBody: "twoCommittees",
    procedure: steps(...tenderSteps("服务外包", "outsourcing", B("twoCommittees"))),
    riskPoints: [
      risk("ghost", "medium", "虚列服务人员或服务未履行照付款", "Phantom workers, or payment for services not delivered", ["服务考核结果与付款挂钩", "监委会每季度抽查"], "contract")
    ],
    disclosures: [duty("award", "服务外包结果", "Outsourcing award", "tender", MAJOR)],
    // No national tender threshold covers such services (NDRC Order 16 names survey, design and
    // supervision only), so the list asks for competitive selection from the local small-works limit.
    conditions: [SMALL_WORKS, ESCALATION],
    touchesVillagersInterests: true
  },
  {
    code: "B06",
    category: "B",
    name: { zh: "集体资源(四荒地、水面等)公开竞价发包", en: "Open bidding for collective resources (wasteland, ponds)" },
    legalBasis: [
      cite(CONTRACTING, "2018", undefined, "以招标、拍卖、公开协商等方式承包的其他方式承包; 向集体以外发包须三分之二以上成员或代表同意并报镇批准"),
      civil("第二百六十一条"),
      vcol("第二十四条", "第一款第(八)项")
    ],
    responsiblePosts: ["committeeDirector", "collectiveEconomyHead"],
    decidingBody: "representativesAssembly",
    procedure: fourAndTwo(
      [townReview()],
      [
        step("announce", "发布竞价公告", "The bidding notice is published", "publish", B("villagersCommittee"), ["tenderDocuments", "noticePhoto"]),
        step("tender", "公开竞价", "Open bidding", "tender", B("collectiveEconomyOrganisation"), ["bidEvaluation", "signInSheet"]),
        step("contract", "签订承包合同", "The contract is signed", "contract", B("collectiveEconomyOrganisation"), ["contract"]),
        archive()
      ]
    ),
    riskPoints: [
      risk("lowball", "high", "低价发包、超期发包或暗箱操作", "Low prices, over-long terms or back-room deals", ["设置底价并由代表会议确定", "承包期限符合法律规定"], "tender"),
      risk("outsider", "medium", "未经法定多数同意向集体以外发包", "Contracted to outsiders without the statutory majority", ["表决票留存备查", "报镇批准后方可签约"], "4and2.resolve")
    ],
    disclosures: [...fourAndTwoDuties("资源发包方案", "the contracting plan", "contract"), duty("award", "竞价结果", "Bidding result", "tender", MAJOR, BOARD, 3)],
    conditions: [ALWAYS_FOUR_AND_TWO, ESCALATION],
    touchesVillagersInterests: true,
    article24: "collectivePropertyDisposal"
  }
]

// ---------------------------------------------------------------------------------------------
// C 财务管理 (8)

const C: ReadonlyArray<Item> = [
  {
    code: "C01",
    category: "C",
    name: { zh: "村级财务收支审批", en: "Approval of village receipts and payments" },
    legalBasis: [cite("农村集体经济组织财务制度 (财农〔2021〕121号)", "2021", undefined, "财政部、农业农村部; article not cited"), vcol("第三十条")],
    responsiblePosts: ["committeeDirector", "bookkeeper", "supervisionCommitteeChair"],
    decidingBody: "twoCommittees",
    procedure: steps(
      step("apply", "经办人持票据填写报销单", "The handler fills the claim with invoices", "apply", P("bookkeeper"), ["invoice", "application"]),
      step("audit", "村务监督委员会审核签字", "The supervision committee checks and signs", "verify", B("supervisionCommittee"), ["approvalForm"]),
      step("approve", "村主任审批(一肩挑的由两委集体审批)", "The director approves (collectively where one person holds both posts)", "approve", P("committeeDirector"), ["approvalForm"]),
      bookkeeping
    ),
    riskPoints: [
      risk("fake", "high", "虚假票据报账、套取集体资金", "False invoices draw collective funds", ["经办、审核、审批三人分离", "镇三资中心逐笔审核原始凭证"], "apply"),
      risk("single", "high", "\"一肩挑\"人员一支笔审批", "One person holding both top posts approves alone", ["一肩挑村的支出由两委集体审批", "大额支出进入四议两公开"], "approve")
    ],
    disclosures: [duty("monthly", "财务收支明细", "Monthly receipts and payments", "book", months(1))],
    conditions: [ESCALATION],
    touchesVillagersInterests: true
  },
  {
    code: "C02",
    category: "C",
    name: { zh: "村级财务公开", en: "Publication of village finances" },
    legalBasis: [vcol("第三十条", "财务往来较多的, 收支情况每月公布一次"), vcol("第三十一条"), civil("第二百六十四条")],
    responsiblePosts: ["bookkeeper", "supervisionCommitteeChair"],
    decidingBody: "villagersCommittee",
    procedure: steps(
      step("prepare", "三资中心出具公开报表", "The assets centre prepares the statements", "record", B("townAssetsCentre"), ["ledger"]),
      step("audit", "村务监督委员会审核公开内容", "The supervision committee checks them", "verify", B("supervisionCommittee"), ["approvalForm"]),
      step("publish", "在公开栏及网上公开", "Posted on the board and online", "publish", B("villagersCommittee"), ["noticePhoto"]),
      archive("公开资料拍照存档", "Photos of the notice are filed")
    ),
    riskPoints: [
      risk("selective", "medium", "选择性公开、公开内容笼统或不按期公开", "Selective, vague or late publication", ["公开到明细科目", "监委会审核签字后公开, 照片留档"], "publish")
    ],
    disclosures: [duty("statements", "财务收支及资产负债情况", "Receipts, payments and balance sheet", "audit", days(5), ["villageAffairsBoard", "online"], 15)],
    touchesVillagersInterests: true
  },
  {
    code: "C03",
    category: "C",
    name: { zh: "村级举债及债权债务管理", en: "Borrowing and debts" },
    legalBasis: [civil("第六百六十七条"), fourAndTwoBasis, vcol("第三十五条", "离任审计包括本村债权债务情况")],
    responsiblePosts: ["committeeDirector", "bookkeeper"],
    decidingBody: "representativesAssembly",
    procedure: fourAndTwo([townReview("报镇审核举债必要性和偿还能力", "The town checks necessity and ability to repay")], [
      step("contract", "签订借款合同", "The loan contract is signed", "contract", B("villagersCommittee"), ["contract"]),
      bookkeeping
    ]),
    riskPoints: [
      risk("newdebt", "high", "违规举债上项目, 形成新的村级债务", "Unauthorised borrowing creates new village debt", ["原则上禁止新增村级债务, 确需举债的报镇审批", "债务台账每季度公开"], "contract"),
      risk("writeoff", "medium", "债权不催收或私自核销", "Receivables not collected or written off privately", ["核销须经四议两公开", "债权清收纳入任期审计"])
    ],
    disclosures: [...fourAndTwoDuties("举债事项", "the borrowing", "book"), duty("ledger", "债权债务台账", "Debt ledger", "book", months(3))],
    conditions: [ALWAYS_FOUR_AND_TWO, ESCALATION],
    touchesVillagersInterests: true
  },
  {
    code: "C04",
    category: "C",
    name: { zh: "现金及银行账户管理", en: "Cash and bank accounts" },
    legalBasis: [cite("现金管理暂行条例", "2011", undefined, "国务院; article not cited"), cite("农村集体经济组织财务制度 (财农〔2021〕121号)", "2021")],
    responsiblePosts: ["bookkeeper"],
    decidingBody: "townAssetsCentre",
    procedure: steps(
      step("deposit", "收入当日存入村级账户", "Receipts are banked the same day", "record", P("bookkeeper"), ["receipt"]),
      step("reconcile", "月末对账并盘点库存现金", "Monthly reconciliation and cash count", "verify", B("townAssetsCentre"), ["ledger"]),
      step("inspect", "监委会抽查", "Spot check by the supervision committee", "verify", B("supervisionCommittee"), ["minutes"])
    ),
    riskPoints: [
      risk("sitting", "high", "坐收坐支、公款私存、私设账户", "Spending receipts directly, private accounts, off-book accounts", ["村级只设一个基本账户", "库存现金不得超过限额"], "deposit"),
      risk("custody", "medium", "会计出纳一人兼任, 印鉴一人保管", "One person keeps both books and cash, or all seals", ["钱账分管、印鉴分管"], "reconcile")
    ],
    disclosures: [],
    touchesVillagersInterests: false
  },
  {
    code: "C05",
    category: "C",
    name: { zh: "村干部报酬及绩效发放", en: "Village cadres' pay and performance bonus" },
    legalBasis: [vcol("第二十四条", "第一款第(一)项 (误工补贴)"), cite("县村干部报酬管理办法 (示例)", undefined, undefined, "local rule")],
    responsiblePosts: ["bookkeeper"],
    decidingBody: "townGovernment",
    procedure: steps(
      step("assess", "镇依考核结果核定报酬", "The town sets pay from the assessment", "approve", B("townGovernment"), ["approvalForm"]),
      step("pay", "通过银行发放至本人账户", "Paid into each cadre's bank account", "pay", B("townAssetsCentre"), ["receipt"])
    ),
    riskPoints: [
      risk("selfpay", "medium", "村干部自定报酬或变相发放补贴", "Cadres set their own pay or pay themselves hidden allowances", ["报酬标准由镇核定", "不得以任何名义从集体收入另行发放"], "pay")
    ],
    disclosures: [duty("pay", "村干部报酬发放情况", "Cadres' pay", "pay", months(3))],
    touchesVillagersInterests: true
  },
  {
    code: "C06",
    category: "C",
    name: { zh: "上级拨付及社会捐赠资金物资管理", en: "Government grants and donations" },
    legalBasis: [vcol("第三十条", "第一款第(三)项"), vcol("第三十五条")],
    responsiblePosts: ["committeeDirector", "bookkeeper"],
    decidingBody: "twoCommittees",
    procedure: steps(
      step("receive", "到账登记, 专款专用", "Registered on receipt; earmarked", "record", B("townAssetsCentre"), ["ledger"]),
      step("plan", "两委拟定使用方案", "The committees plan its use", "discuss", B("twoCommittees"), ["minutes"]),
      step("distribute", "按规定发放或使用", "Distributed or used as required", "implement", B("villagersCommittee"), ["receipt"]),
      archive()
    ),
    riskPoints: [
      risk("divert", "high", "截留挪用专项资金或救灾物资", "Earmarked funds or relief goods are diverted", ["专项资金单独核算, 使用方案达到四议两公开限额的按A01决策", "物资发放名单公示并本人签领"], "distribute")
    ],
    disclosures: [duty("use", "资金物资管理使用情况", "Use of grants and donations", "distribute", MAJOR)],
    conditions: [ESCALATION],
    touchesVillagersInterests: true
  },
  {
    code: "C07",
    category: "C",
    name: { zh: "非生产性开支(招待、办公、差旅)", en: "Non-productive spending (hospitality, office, travel)" },
    legalBasis: [cite("农村集体经济组织财务制度 (财农〔2021〕121号)", "2021"), cite("县村级非生产性开支管理规定 (示例)", undefined, undefined, "local caps")],
    responsiblePosts: ["committeeDirector", "bookkeeper"],
    decidingBody: "twoCommittees",
    procedure: steps(
      step("apply", "事前申请, 写明事由和标准", "Applied for beforehand, with purpose and rate", "apply", P("bookkeeper"), ["application"]),
      step("approve", "两委集体审批", "Approved by both committees", "approve", B("twoCommittees"), ["approvalForm"]),
      step("audit", "村务监督委员会审核", "The supervision committee checks", "verify", B("supervisionCommittee"), ["approvalForm"]),
      bookkeeping
    ),
    riskPoints: [
      risk("feast", "medium", "公款吃喝、超标准招待或变相发放福利", "Banquets, over-rate hospitality or disguised perks", ["执行县定限额, 超限额不予报账", "招待清单随报销单附后"], "approve")
    ],
    disclosures: [duty("spending", "非生产性开支明细", "Non-productive spending", "book", months(1))],
    touchesVillagersInterests: true
  },
  {
    code: "C08",
    category: "C",
    name: { zh: "村干部任期和离任经济责任审计", en: "Economic-responsibility audit of village cadres" },
    legalBasis: [vcol("第三十五条")],
    responsiblePosts: ["committeeDirector", "bookkeeper"],
    decidingBody: "townGovernment",
    procedure: steps(
      step("start", "镇组织审计并通知被审计人", "The town opens the audit", "propose", B("townGovernment"), ["approvalForm"]),
      step("provide", "村提供账簿、合同和资产资料", "The village hands over books, contracts and records", "record", B("villagersCommittee"), ["ledger", "contract"]),
      step("report", "出具审计报告", "The audit report is issued", "report", B("townGovernment"), ["auditReport"]),
      step("publish", "审计结果在村公布", "The result is posted in the village", "publish", B("villagersCommittee"), ["noticePhoto"])
    ),
    riskPoints: [
      risk("conceal", "medium", "隐匿账簿资料, 审计走过场", "Records hidden; the audit is a formality", ["离任前完成审计交接", "审计发现问题移交镇纪委"], "provide")
    ],
    disclosures: [duty("result", "审计结果", "Audit result", "report", MAJOR)],
    touchesVillagersInterests: true
  }
]

// ---------------------------------------------------------------------------------------------
// D 资产资源管理 (8)

const D: ReadonlyArray<Item> = [
  {
    code: "D01",
    category: "D",
    name: { zh: "集体资产登记与年度清查", en: "Register and yearly inventory of collective assets" },
    legalBasis: [civil("第二百六十四条"), vcol("第三十四条", "村务档案包括集体资产登记文件")],
    responsiblePosts: ["collectiveEconomyHead", "bookkeeper"],
    decidingBody: "collectiveEconomyOrganisation",
    procedure: steps(
      step("inventory", "清查核实资产资源", "Assets and resources are counted", "verify", B("collectiveEconomyOrganisation"), ["ledger"]),
      step("check", "监委会复核", "The supervision committee rechecks", "verify", B("supervisionCommittee"), ["minutes"]),
      step("record", "登记台账并报镇备案", "Registered and filed with the town", "record", B("townAssetsCentre"), ["ledger"]),
      step("publish", "清查结果公示", "The inventory is published", "publish", B("villagersCommittee"), ["noticePhoto"])
    ),
    riskPoints: [
      risk("offbook", "medium", "资产资源漏登、账实不符", "Assets left off the register; books differ from reality", ["每年末全面清查", "新增资产一月内登记"], "inventory")
    ],
    disclosures: [duty("inventory", "资产清查结果", "Inventory result", "record", MAJOR)],
    touchesVillagersInterests: true
  },
  {
    code: "D02",
    category: "D",
    name: { zh: "集体资产出租、出借", en: "Leasing or lending collective assets" },
    legalBasis: [vcol("第二十四条", "第一款第(八)项"), civil("第七百零三条"), civil("第七百零五条")],
    responsiblePosts: ["committeeDirector", "collectiveEconomyHead"],
    decidingBody: "representativesAssembly",
    procedure: fourAndTwo(
      [step("valuation", "确定租金底价", "The reserve rent is set", "propose", B("collectiveEconomyOrganisation"), ["other"])],
      [
        step("tender", "公开竞租", "Open bidding for the lease", "tender", B("collectiveEconomyOrganisation"), ["bidEvaluation"]),
        step("contract", "签订租赁合同", "The lease is signed", "contract", B("collectiveEconomyOrganisation"), ["contract"]),
        archive()
      ]
    ),
    riskPoints: [
      risk("cheap", "high", "低价或长期出租给关系人", "Cheap or long leases to connections", ["租期最长二十年", "竞租结果公示, 关联人员回避"], "tender"),
      risk("arrears", "medium", "租金不按时收取或不入账", "Rent not collected or not booked", ["租金直接进入村级账户", "欠租情况每季度公开"], "contract")
    ],
    disclosures: fourAndTwoDuties("资产出租", "the lease", "contract"),
    conditions: [ALWAYS_FOUR_AND_TWO, ESCALATION],
    touchesVillagersInterests: true,
    article24: "collectivePropertyDisposal"
  },
  {
    code: "D03",
    category: "D",
    name: { zh: "集体资产处置(出售、转让、报废)", en: "Disposal of collective assets (sale, transfer, scrapping)" },
    legalBasis: [vcol("第二十四条", "第一款第(八)项"), civil("第二百六十一条")],
    responsiblePosts: ["committeeDirector", "collectiveEconomyHead"],
    decidingBody: "representativesAssembly",
    procedure: fourAndTwo(
      [step("appraise", "资产评估", "The assets are appraised", "verify", B("townAssetsCentre"), ["other"]), townReview()],
      [
        step("tender", "公开竞价处置", "Sold by open bidding", "tender", B("collectiveEconomyOrganisation"), ["bidEvaluation"]),
        step("book", "处置收入入账", "Proceeds are booked", "record", B("townAssetsCentre"), ["receipt", "ledger"]),
        archive()
      ]
    ),
    riskPoints: [
      risk("undervalue", "high", "不评估或低估资产, 私下处置", "Assets sold unappraised, undervalued or privately", ["处置前须评估", "处置收入全额入账"], "appraise")
    ],
    disclosures: fourAndTwoDuties("资产处置", "the disposal", "book"),
    conditions: [ALWAYS_FOUR_AND_TWO, ESCALATION],
    touchesVillagersInterests: true,
    article24: "collectivePropertyDisposal"
  },
  {
    code: "D04",
    category: "D",
    name: { zh: "集体经营性建设用地出让、出租", en: "Transfer or lease of collective commercial construction land" },
    legalBasis: [land("第六十三条"), vcol("第二十四条", "第一款第(八)项")],
    responsiblePosts: ["committeeDirector", "collectiveEconomyHead"],
    decidingBody: "representativesAssembly",
    procedure: fourAndTwo([townReview("报镇及县自然资源部门审核", "Reviewed by the town and the county natural-resources bureau")], [
      step("tender", "在产权交易平台公开交易", "Traded on the rural property exchange", "tender", B("collectiveEconomyOrganisation"), ["bidEvaluation"]),
      step("contract", "签订书面合同", "The written contract is signed", "contract", B("collectiveEconomyOrganisation"), ["contract"]),
      archive()
    ]),
    riskPoints: [
      risk("majority", "high", "未经三分之二以上成员或代表同意即出让出租", "Transferred without two-thirds consent", ["表决按三分之二计票并留存表决票"], "4and2.resolve"),
      risk("income", "medium", "土地收益分配不公开", "Land income not disclosed", ["收益纳入集体收益使用程序"], "contract")
    ],
    disclosures: fourAndTwoDuties("经营性建设用地入市", "the land transaction", "contract"),
    conditions: [ALWAYS_FOUR_AND_TWO, ESCALATION],
    touchesVillagersInterests: true,
    article24: "collectivePropertyDisposal"
  },
  {
    code: "D05",
    category: "D",
    name: { zh: "集体资源承包合同管理(签订、变更、续签)", en: "Managing contracts for collective resources" },
    legalBasis: [civil("第四百六十九条"), vcol("第三十四条", "村务档案包括经济合同")],
    responsiblePosts: ["collectiveEconomyHead", "clerk"],
    decidingBody: "collectiveEconomyOrganisation",
    procedure: steps(
      step("review", "合同文本审查", "The contract text is reviewed", "verify", B("townAssetsCentre"), ["contract"]),
      step("sign", "按决议签订或变更", "Signed or amended as resolved", "sign", B("collectiveEconomyOrganisation"), ["contract"]),
      step("record", "合同登记备案", "Registered and filed", "record", B("townAssetsCentre"), ["ledger"])
    ),
    riskPoints: [
      risk("amend", "medium", "私自变更合同条款或到期不续签继续使用", "Terms changed privately, or use continues after expiry", ["变更须履行原决策程序", "合同到期前三个月预警"], "sign")
    ],
    disclosures: [duty("contracts", "经济合同清册", "Register of contracts", "record", months(3))],
    touchesVillagersInterests: true
  },
  {
    code: "D06",
    category: "D",
    name: { zh: "集体经济组织成员身份确认", en: "Confirming membership of the collective economic organisation" },
    legalBasis: [cite("中华人民共和国农村集体经济组织法", "2024", undefined, "成员身份确认; article not cited")],
    responsiblePosts: ["collectiveEconomyHead", "committeeDirector"],
    decidingBody: "representativesAssembly",
    procedure: steps(
      step("apply", "申请或摸底登记", "Application or survey", "apply", B("collectiveEconomyOrganisation"), ["application"]),
      step("draft", "拟定成员名单", "A roster is drafted", "propose", B("twoCommittees"), ["minutes"]),
      step("resolve", "成员(代表)大会表决", "The members' (representatives') assembly votes", "resolve", B("representativesAssembly"), ["minutes", "signInSheet", "ballot", "resolution"]),
      step("publish", "名单公示", "The roster is posted", "publish", B("villagersCommittee"), ["noticePhoto"]),
      step("report", "报镇备案", "Filed with the town", "report", B("townGovernment"), ["approvalForm"])
    ),
    riskPoints: [
      risk("exclude", "high", "违规排除外嫁女等群体或违规吸收成员", "Married-out women and others wrongly excluded, or outsiders wrongly admitted", ["依法律和章程确认, 不得以村规民约剥夺成员权利", "异议复核"], "resolve")
    ],
    disclosures: [duty("roster", "成员名单", "Member roster", "resolve", MAJOR, BOARD, 7)],
    touchesVillagersInterests: true
  },
  {
    code: "D07",
    category: "D",
    name: { zh: "集体资金对外投资、入股", en: "Investing collective funds" },
    legalBasis: [vcol("第二十四条", "第一款第(五)、(八)项"), civil("第二百六十一条")],
    responsiblePosts: ["partySecretary", "collectiveEconomyHead"],
    decidingBody: "representativesAssembly",
    procedure: fourAndTwo([canvass("投资项目尽职调查", "Due diligence on the investment"), townReview()], [
      step("contract", "签订投资协议", "The investment agreement is signed", "contract", B("collectiveEconomyOrganisation"), ["contract"]),
      bookkeeping
    ]),
    riskPoints: [
      risk("loss", "high", "违规担保、高风险投资致集体资产流失", "Guarantees or risky investments lose collective assets", ["村集体不得为他人提供担保", "投资收益每年公开"], "contract")
    ],
    disclosures: fourAndTwoDuties("对外投资", "the investment", "book"),
    conditions: [ALWAYS_FOUR_AND_TWO, ESCALATION],
    touchesVillagersInterests: true,
    article24: "collectivePropertyDisposal"
  },
  {
    code: "D08",
    category: "D",
    name: { zh: "集体资产资源进场交易", en: "Trading collective assets on the rural property exchange" },
    legalBasis: [cite("农村产权流转交易市场管理办法 (示例)", undefined, undefined, "local rule: transactions above the rulebook's escalation threshold go to the exchange")],
    responsiblePosts: ["collectiveEconomyHead"],
    decidingBody: "townAssetsCentre",
    procedure: steps(
      step("apply", "提交交易申请及决议", "The application and resolution are filed", "apply", B("collectiveEconomyOrganisation"), ["application", "resolution"]),
      step("verify", "交易平台审核挂牌", "The exchange checks and lists it", "verify", B("townAssetsCentre"), ["approvalForm"]),
      step("tender", "公开竞价成交", "Sold by open bidding", "tender", B("townAssetsCentre"), ["bidEvaluation"]),
      step("publish", "成交结果公示", "The deal is published", "publish", B("villagersCommittee"), ["noticePhoto"])
    ),
    riskPoints: [
      risk("offmarket", "high", "应进场交易而场外私下交易", "Deals that must go to the exchange are done privately", ["达到限额的交易一律进场", "镇三资中心无成交确认书不予入账"], "verify")
    ],
    disclosures: [duty("deal", "交易结果", "Transaction result", "tender", MAJOR)],
    conditions: [ESCALATION],
    touchesVillagersInterests: true
  }
]

// ---------------------------------------------------------------------------------------------
// E 工程项目建设 (7)

/**
 * The construction-project item. Its step ids are what the worked 西属村 heating exercise refers
 * to, so they are stable.
 */
const E01: Item = {
  code: "E01",
  category: "E",
  name: { zh: "村级公益事业建设项目(基础设施、民生工程)", en: "Public-welfare construction projects (infrastructure, livelihood works)" },
  legalBasis: [
    vcol("第二十四条", "第一款第(三)项: 公益事业的兴办和筹资筹劳方案及建设承包方案"),
    fourAndTwoBasis,
    tenderLaw("第三条"),
    tenderLaw("第四条"),
    ndrc16,
    civil("第七百八十八条"),
    cite("建设工程质量管理条例", "2019", "第十六条", "竣工验收")
  ],
  responsiblePosts: ["partySecretary", "committeeDirector", "supervisionCommitteeChair"],
  decidingBody: "representativesAssembly",
  // Explicit steps: the final payment waits for 实施结果公开 (no objection to the final accounts).
  procedure: (() => {
    const [propose, discuss, review, resolve, publishDecision, publishResult] = sixSteps("representativesAssembly")
    return steps(
      step("survey", "项目摸底、可行性论证和预算", "Needs survey, feasibility and budget", "apply", B("villagersCommittee"), ["application", "other"]),
      townReview("镇(乡)预审(提级监督)", "The town pre-reviews the project (escalated supervision)"),
      propose,
      discuss,
      review,
      resolve,
      publishDecision,
      step("tender", "公开招标或竞争性比选", "Public tender or competitive selection", "tender", B("villagersCommittee"), ["tenderDocuments", "bidEvaluation"]),
      step("contractReview", "施工合同经两委会议审核", "Both committees review the construction contract", "approve", B("twoCommittees"), ["minutes", "approvalForm"]),
      step("contract", "签订施工合同", "The construction contract is signed", "contract", P("committeeDirector"), ["contract"]),
      step("construct", "组织施工, 监委会全程监督", "Construction, supervised throughout", "implement", B("supervisionCommittee"), ["minutes"]),
      step("accept", "竣工验收", "Completion acceptance", "accept", B("villagersCommittee"), ["acceptanceReport", "signInSheet"]),
      step("audit", "工程结算审计", "Final-account audit", "verify", B("townGovernment"), ["auditReport"]),
      publishResult,
      step("pay", "公示无异议后报账支付工程款", "The price is paid once the result stands unchallenged", "pay", B("townAssetsCentre"), ["invoice", "receipt"]),
      archive("项目资料归档", "The project file is archived")
    )
  })(),
  riskPoints: [
    risk("split", "high", "化整为零、规避招标或比选", "Splitting the works to avoid tender or selection", ["同一项目合并计算金额", "镇预审核对预算总额"], "tender"),
    risk("rig", "high", "指定施工单位、围标串标", "A builder designated in advance; bid-rigging", ["达到限额的进入公共资源交易平台", "监委会全程监督开评标"], "tender"),
    risk("related", "high", "两委成员或其亲属参与承揽工程", "Committee members or their relatives take the works", ["有利害关系的成员回避决策和评标", "签订无利益关联承诺"], "contract"),
    risk("quantity", "medium", "虚增工程量、随意变更签证", "Inflated quantities; arbitrary change orders", ["变更须履行原决策程序", "结算经审计后付款"], "audit"),
    risk("quality", "medium", "偷工减料、验收走过场", "Corner-cutting; acceptance as a formality", ["验收邀请村民代表和监委会参加", "质保金按合同扣留"], "accept")
  ],
  disclosures: [
    duty("decision", "项目决议(名称、预算、资金来源、实施方式)", "The project decision (name, budget, funds, method)", "4and2.resolve", MAJOR, BOARD, 7),
    duty("award", "招标(比选)结果和施工合同主要内容", "Award and main contract terms", "tender", MAJOR, BOARD, 3),
    duty("result", "验收结果和工程决算", "Acceptance and final accounts", "audit", MAJOR, BOARD, 7)
  ],
  conditions: [ALWAYS_FOUR_AND_TWO, ESCALATION, TENDER_WORKS, SMALL_WORKS],
  touchesVillagersInterests: true,
  article24: "publicWelfareProject",
  procurement: "construction"
}

const E: ReadonlyArray<Item> = [
  E01,
  {
    code: "E02",
    category: "E",
    name: { zh: "小微工程建设", en: "Small works" },
    legalBasis: [cite("村级小微工程管理办法 (示例)", undefined, undefined, "local rule"), civil("第七百八十八条")],
    responsiblePosts: ["committeeDirector", "supervisionCommitteeChair"],
    decidingBody: "twoCommittees",
    procedure: steps(
      step("propose", "提出项目和预算", "The works and budget are proposed", "propose", B("partyOrganisation"), ["minutes"]),
      step("discuss", "两委会议研究", "Both committees decide", "discuss", B("twoCommittees"), ["minutes", "signInSheet"]),
      step("select", "三家以上比选确定施工方", "A builder chosen from at least three", "tender", B("twoCommittees"), ["bidEvaluation"]),
      step("contract", "签订施工合同", "The contract is signed", "contract", P("committeeDirector"), ["contract"]),
      step("accept", "验收(监委会参加)", "Acceptance with the supervision committee", "accept", B("villagersCommittee"), ["acceptanceReport"]),
      step("pay", "报账支付", "Payment", "pay", B("townAssetsCentre"), ["invoice", "receipt"])
    ),
    riskPoints: [
      risk("friends", "medium", "小微工程由村干部亲友包揽", "Small works all go to cadres' friends and family", ["同一施工方年度承揽次数设限", "关联人员回避"], "select"),
      risk("noacceptance", "medium", "未验收即付款", "Paid before acceptance", ["无验收单不予报账"], "pay")
    ],
    disclosures: [duty("result", "工程实施及结算情况", "Works and final account", "pay", months(1))],
    conditions: [SMALL_WORKS, ESCALATION, TENDER_WORKS],
    touchesVillagersInterests: true,
    procurement: "construction"
  },
  {
    code: "E03",
    category: "E",
    name: { zh: "工程变更及签证", en: "Change orders and site instructions" },
    legalBasis: [civil("第七百八十八条"), cite(TENDER, "2017", "第四十六条", "不得再行订立背离合同实质性内容的其他协议")],
    responsiblePosts: ["committeeDirector", "supervisionCommitteeChair"],
    decidingBody: "twoCommittees",
    procedure: steps(
      step("apply", "受理施工方或监理的变更申请", "The builder's or engineer's change request is registered", "record", B("villagersCommittee"), ["application"]),
      step("discuss", "两委研究并经监委会审核", "The committees decide, checked by the supervision committee", "discuss", B("twoCommittees"), ["minutes"]),
      townReview("超出原预算的报镇审核", "Changes over budget are reviewed by the town"),
      step("sign", "签订变更协议", "The change agreement is signed", "sign", P("committeeDirector"), ["contract"])
    ),
    riskPoints: [
      risk("inflate", "high", "以变更签证虚增造价", "Change orders inflate the price", ["变更金额达到四议两公开限额的重新决策", "签证须监理、监委会共同签字"], "sign")
    ],
    disclosures: [duty("change", "工程变更情况", "Change orders", "sign", MAJOR)],
    conditions: [ESCALATION],
    touchesVillagersInterests: true
  },
  {
    code: "E04",
    category: "E",
    name: { zh: "工程质量监督与竣工验收", en: "Quality supervision and completion acceptance" },
    legalBasis: [cite("建设工程质量管理条例", "2019", "第十六条")],
    responsiblePosts: ["supervisionCommitteeChair", "committeeDirector"],
    decidingBody: "villagersCommittee",
    procedure: steps(
      supervisionCheck("监委会和村民代表施工过程监督", "Supervision committee and representatives watch the works"),
      step("accept", "组织设计、施工、监理单位竣工验收", "Acceptance with designer, builder and engineer", "accept", B("villagersCommittee"), ["acceptanceReport", "signInSheet"]),
      step("publish", "验收结果公示", "The acceptance is published", "publish", B("villagersCommittee"), ["noticePhoto"])
    ),
    riskPoints: [
      risk("formality", "medium", "验收流于形式, 质量问题未整改即签字", "Acceptance signed despite defects", ["验收记录载明问题和整改期限", "村民代表参加验收"], "accept")
    ],
    disclosures: [duty("acceptance", "验收结果", "Acceptance result", "accept", MAJOR)],
    touchesVillagersInterests: true
  },
  {
    code: "E05",
    category: "E",
    name: { zh: "工程款结算与支付", en: "Final accounts and payment of works" },
    legalBasis: [civil("第七百八十八条"), vcol("第三十五条", "审计包括建设项目的发包管理和招标投标情况")],
    responsiblePosts: ["committeeDirector", "bookkeeper"],
    decidingBody: "townAssetsCentre",
    procedure: steps(
      step("settle", "受理施工方报送的结算资料", "The builder's final account is received", "record", B("villagersCommittee"), ["invoice"]),
      step("audit", "委托审计或镇审核结算", "The account is audited", "verify", B("townGovernment"), ["auditReport"]),
      step("approve", "两委审批付款", "Both committees approve payment", "approve", B("twoCommittees"), ["approvalForm"]),
      step("pay", "通过对公账户支付", "Paid by bank transfer", "pay", B("townAssetsCentre"), ["receipt"])
    ),
    riskPoints: [
      risk("prepay", "high", "未经审计超进度付款或现金支付", "Paid ahead of progress or in cash", ["按合同进度付款, 结算审计后付尾款", "工程款一律转账支付"], "pay")
    ],
    disclosures: [duty("payment", "工程款支付情况", "Payments of works", "pay", months(1))],
    conditions: [ESCALATION],
    touchesVillagersInterests: true
  },
  {
    code: "E06",
    category: "E",
    name: { zh: "乡村建设规划许可申请(公共设施)", en: "Rural construction-planning permit for public facilities" },
    legalBasis: [cite("中华人民共和国城乡规划法", "2019", "第四十一条")],
    responsiblePosts: ["committeeDirector"],
    decidingBody: "townGovernment",
    procedure: steps(
      step("apply", "向镇政府提出申请", "Applied for at the town", "apply", B("villagersCommittee"), ["application"]),
      step("verify", "镇审核后报县规划部门核发许可", "The town checks; the county issues the permit", "verify", B("townGovernment"), ["approvalForm"]),
      step("publish", "许可情况公示", "The permit is posted", "publish", B("villagersCommittee"), ["noticePhoto"])
    ),
    riskPoints: [
      risk("unpermitted", "medium", "未取得许可先行开工或擅自改变用途", "Works started without a permit, or the use changed", ["开工前核验许可", "镇包村干部巡查"], "verify")
    ],
    disclosures: [duty("permit", "规划许可情况", "Planning permit", "verify", days(10))],
    touchesVillagersInterests: true
  },
  {
    code: "E07",
    category: "E",
    name: { zh: "上级财政专项资金项目实施", en: "Projects funded by higher-level earmarked funds" },
    legalBasis: [vcol("第三十条", "第一款第(三)项: 政府拨付资金的管理使用情况"), cite("财政衔接推进乡村振兴补助资金管理办法", undefined, undefined, "项目公告公示; article not cited")],
    responsiblePosts: ["partySecretary", "committeeDirector"],
    decidingBody: "representativesAssembly",
    procedure: fourAndTwo([canvass("申报项目入库", "The project is entered in the project pool")], [
      step("tender", "按规定招标或比选", "Tendered or selected as required", "tender", B("villagersCommittee"), ["bidEvaluation"]),
      step("accept", "竣工验收", "Completion acceptance", "accept", B("townGovernment"), ["acceptanceReport"]),
      archive()
    ]),
    riskPoints: [
      risk("fraud", "high", "虚报项目套取财政资金", "Fictitious projects draw public funds", ["项目入库前公示", "资金拨付与验收挂钩"], "canvass")
    ],
    disclosures: fourAndTwoDuties("财政专项项目", "the funded project", "accept"),
    conditions: [ALWAYS_FOUR_AND_TWO, ESCALATION, TENDER_WORKS, SMALL_WORKS],
    touchesVillagersInterests: true,
    procurement: "construction"
  }
]

// ---------------------------------------------------------------------------------------------
// F 村务管理 (8)

const F: ReadonlyArray<Item> = [
  {
    code: "F01",
    category: "F",
    name: { zh: "村民自治章程、村规民约制定修订", en: "Village autonomy charter and village rules" },
    legalBasis: [vcol("第二十七条")],
    responsiblePosts: ["partySecretary", "committeeDirector"],
    decidingBody: "villagersAssembly",
    procedure: steps(
      step("draft", "两委起草", "Both committees draft", "propose", B("twoCommittees"), ["minutes"]),
      step("consult", "公开征求村民意见", "Villagers are consulted", "publish", B("villagersCommittee"), ["noticePhoto"]),
      step("resolve", "村民会议表决通过", "The villagers' assembly adopts it", "resolve", B("villagersAssembly"), ["minutes", "signInSheet", "ballot", "resolution"]),
      step("report", "报镇政府备案", "Filed with the town", "report", B("townGovernment"), ["approvalForm"]),
      step("publish", "公布施行", "Published", "publish", B("villagersCommittee"), ["noticePhoto"])
    ),
    riskPoints: [
      risk("unlawful", "medium", "村规民约侵犯村民人身、民主或财产权利", "Rules infringe villagers' rights", ["镇审查合法性", "违法条款责令改正"], "report")
    ],
    disclosures: [duty("text", "章程、村规民约全文", "Full text", "resolve", MAJOR)],
    touchesVillagersInterests: true
  },
  {
    code: "F02",
    category: "F",
    name: { zh: "村务公开", en: "Publication of village affairs" },
    legalBasis: [vcol("第三十条"), vcol("第三十一条")],
    responsiblePosts: ["committeeDirector", "supervisionCommitteeChair"],
    decidingBody: "villagersCommittee",
    procedure: steps(
      step("prepare", "整理公开内容", "The content is prepared", "record", P("clerk"), ["other"]),
      step("audit", "村务监督委员会审核", "The supervision committee checks it", "verify", B("supervisionCommittee"), ["approvalForm"]),
      step("publish", "按期公开并留存影像", "Published on time and photographed", "publish", B("villagersCommittee"), ["noticePhoto"]),
      step("respond", "答复村民质询", "Villagers' questions answered", "report", B("villagersCommittee"), ["minutes"])
    ),
    riskPoints: [
      risk("late", "medium", "应公开未公开、不及时或内容失真", "Not published, late or untrue", ["一般事项每季度、重大事项随时公开", "村民可向镇政府反映, 镇责令公布"], "publish")
    ],
    disclosures: [duty("quarterly", "一般村务事项", "General village affairs", "audit", months(3), ["villageAffairsBoard"], 15)],
    touchesVillagersInterests: true
  },
  {
    code: "F03",
    category: "F",
    name: { zh: "村民代表会议召集与议事", en: "Convening the villagers' representative assembly" },
    legalBasis: [vcol("第二十五条"), vcol("第二十六条")],
    responsiblePosts: ["committeeDirector", "clerk"],
    decidingBody: "villagersCommittee",
    procedure: steps(
      step("notice", "提前通知议题", "The agenda is notified in advance", "publish", B("villagersCommittee"), ["noticePhoto"]),
      step("meet", "三分之二以上代表到会方可召开", "Meets only with two-thirds present", "resolve", B("representativesAssembly"), ["signInSheet", "minutes", "ballot"]),
      step("record", "会议记录签字存档", "Minutes signed and filed", "archive", P("clerk"), ["minutes"])
    ),
    riskPoints: [
      risk("quorum", "medium", "不足法定人数开会、代签会议记录", "Meetings without quorum; minutes signed by others", ["签到表本人签名", "监委会列席"], "meet")
    ],
    disclosures: [duty("resolutions", "会议决定事项", "Decisions taken", "meet", MAJOR)],
    touchesVillagersInterests: true
  },
  {
    code: "F04",
    category: "F",
    name: { zh: "矛盾纠纷调解", en: "Mediation of disputes" },
    legalBasis: [cite("中华人民共和国人民调解法", "2010", undefined, "村民委员会设立人民调解委员会; article not cited")],
    responsiblePosts: ["committeeDirector", "villagersCommitteeMember"],
    decidingBody: "villagersCommittee",
    procedure: steps(
      step("apply", "受理当事人申请或主动介入", "A party's request is registered, or the committee steps in", "record", B("villagersCommittee"), ["application"]),
      step("mediate", "调解委员会调解", "The mediation committee mediates", "implement", B("villagersCommittee"), ["minutes"]),
      step("agreement", "达成协议的制作调解协议书", "A written agreement where reached", "sign", B("villagersCommittee"), ["other"]),
      step("record", "登记归档", "Registered and filed", "archive", P("clerk"), ["ledger"])
    ),
    riskPoints: [
      risk("bias", "low", "偏袒一方或收受当事人财物", "Bias, or gifts from a party", ["与当事人有利害关系的调解员回避", "调解自愿, 不得强迫"], "mediate")
    ],
    disclosures: [],
    touchesVillagersInterests: false
  },
  {
    code: "F05",
    category: "F",
    name: { zh: "村务档案管理", en: "Village records" },
    legalBasis: [vcol("第三十四条")],
    responsiblePosts: ["clerk"],
    decidingBody: "villagersCommittee",
    procedure: steps(
      step("collect", "收集会议记录、合同、账目等", "Minutes, contracts and books are collected", "record", P("clerk"), ["ledger"]),
      step("file", "分类立卷归档", "Filed by class", "archive", P("clerk"), ["ledger"]),
      step("inspect", "监委会年度检查", "Yearly check by the supervision committee", "verify", B("supervisionCommittee"), ["minutes"])
    ),
    riskPoints: [
      risk("destroy", "medium", "档案缺失、涂改或销毁", "Records missing, altered or destroyed", ["换届和离任时档案移交清点", "重要档案镇备份"], "file")
    ],
    disclosures: [],
    touchesVillagersInterests: false
  },
  {
    code: "F06",
    category: "F",
    name: { zh: "村干部民主评议", en: "Democratic appraisal of village cadres" },
    legalBasis: [vcol("第三十三条")],
    responsiblePosts: ["supervisionCommitteeChair"],
    decidingBody: "representativesAssembly",
    procedure: steps(
      step("report", "村干部述职述廉", "Cadres report on duty and integrity", "report", B("villagersCommittee"), ["minutes"]),
      step("vote", "村民代表会议测评", "The representative assembly rates them", "resolve", B("representativesAssembly"), ["signInSheet", "ballot"]),
      step("publish", "测评结果公布", "Results are published", "publish", B("supervisionCommittee"), ["noticePhoto"]),
      step("file", "报镇备案", "Filed with the town", "report", B("townGovernment"), ["approvalForm"])
    ),
    riskPoints: [
      risk("rigged", "low", "测评拉票或结果不公开", "Canvassing for votes; results hidden", ["无记名测评, 监委会计票", "连续两次不称职的按规定处理"], "vote")
    ],
    disclosures: [duty("result", "民主评议结果", "Appraisal results", "vote", MAJOR)],
    touchesVillagersInterests: true
  },
  {
    code: "F07",
    category: "F",
    name: { zh: "村民小组事务决策", en: "Villager-group matters" },
    legalBasis: [vcol("第二十八条")],
    responsiblePosts: ["villagersCommitteeMember"],
    decidingBody: "villagerGroupMeeting",
    procedure: steps(
      step("propose", "小组长提出议题", "The group head proposes", "propose", B("villagersCommittee"), ["minutes"]),
      step("resolve", "村民小组会议讨论决定", "The group meeting decides", "resolve", B("villagerGroupMeeting"), ["signInSheet", "minutes", "ballot"]),
      step("publish", "在本组公布", "Posted in the group", "publish", B("villagersCommittee"), ["noticePhoto"])
    ),
    riskPoints: [
      risk("head", "medium", "组长一人说了算处置小组集体资产", "The group head alone disposes of the group's assets", ["小组集体资产处置须小组会议决定", "村务监督委员会监督"], "resolve")
    ],
    disclosures: [duty("result", "小组决定事项", "The group's decision", "resolve", MAJOR, ["villageAffairsBoard"])],
    touchesVillagersInterests: true
  },
  {
    code: "F08",
    category: "F",
    name: { zh: "村务监督委员会监督", en: "Supervision by the villagers' supervision committee" },
    legalBasis: [vcol("第三十二条"), cite("关于建立健全村务监督委员会的指导意见", "2017", undefined, "中共中央办公厅、国务院办公厅印发")],
    responsiblePosts: ["supervisionCommitteeChair", "supervisionCommitteeMember", "disciplineMember"],
    decidingBody: "supervisionCommittee",
    procedure: steps(
      step("attend", "列席两委会议", "Attends the committees' meetings", "review", B("supervisionCommittee"), ["minutes"]),
      step("audit", "审核财务及公开事项", "Checks finances and publications", "verify", B("supervisionCommittee"), ["approvalForm"]),
      step("report", "向村民会议(代表会议)报告, 问题线索报镇纪委", "Reports to the assembly; leads go to the town discipline commission", "report", B("supervisionCommittee"), ["minutes"])
    ),
    riskPoints: [
      risk("captured", "high", "监委会成员由两委成员近亲属担任, 监督虚化", "Members are relatives of the committee; supervision is hollow", ["村民委员会成员及其近亲属、会计、出纳不得担任", "三员合一, 贯通纪律、监察和民主监督"], "audit")
    ],
    disclosures: [duty("report", "监督工作报告", "Supervision report", "report", months(3))],
    touchesVillagersInterests: true
  }
]

// ---------------------------------------------------------------------------------------------
// G 便民服务 (7)

// The villager applies; the village only receives (`record`). Were receiving an `apply`, the
// committee that receives and then decides would read as approving its own proposal.
const serviceSteps = (applyZh: string, verifyZh: string, decider: Body) => [
  step("apply", applyZh, "The villager's application is received", "record", B("villagersCommittee"), ["application"]),
  step("verify", verifyZh, "The village checks the facts", "verify", B("villagersCommittee"), ["minutes"]),
  step("publish", "在村公示", "Posted in the village", "publish", B("villagersCommittee"), ["noticePhoto"]),
  step("report", "报上级审核审批", "Forwarded for approval", "report", B(decider), ["approvalForm"])
]

const G: ReadonlyArray<Item> = [
  {
    code: "G01",
    category: "G",
    name: { zh: "最低生活保障申请初审(协助)", en: "Minimum living allowance (低保) applications" },
    legalBasis: [cite(RELIEF, "2019", "第十一条")],
    responsiblePosts: ["villagersCommitteeMember", "committeeDirector"],
    decidingBody: "townGovernment",
    procedure: steps(...serviceSteps("受理或代为提出书面申请", "入户调查、民主评议", "townGovernment")),
    riskPoints: [
      risk("favour", "high", "人情保、关系保、村干部亲属违规享受", "Allowances for friends, connections or cadres' relatives", ["村干部近亲属享受低保的单独备案", "评议结果和名单公示"], "verify"),
      risk("fee", "medium", "吃拿卡要或截留低保金", "Bribes demanded, or allowances withheld", ["低保金直接发放到户", "公开举报电话"], "apply")
    ],
    disclosures: [duty("roster", "低保对象名单", "Recipients", "verify", days(7), BOARD, 7)],
    touchesVillagersInterests: true
  },
  {
    code: "G02",
    category: "G",
    name: { zh: "农村村民建房(宅基地)申请审核", en: "Applications to build a rural home (homestead)" },
    legalBasis: [land("第六十二条"), cite("中华人民共和国城乡规划法", "2019", "第四十一条"), cite("关于规范农村宅基地审批管理的通知 (农经发〔2019〕6号)", "2019")],
    responsiblePosts: ["committeeDirector", "villagersCommitteeMember"],
    decidingBody: "townGovernment",
    procedure: steps(...serviceSteps("农户提出书面申请", "村民小组会议讨论、村审查", "townGovernment"), step("site", "开工前到场丈量定位, 竣工后核验", "Sited before works and checked after", "verify", B("townGovernment"), ["acceptanceReport"])),
    riskPoints: [
      risk("extra", "high", "为不符合条件者出具意见、一户多宅", "Approval for the ineligible; several plots per household", ["严格执行一户一宅和面积标准", "申请及审查意见公示"], "verify")
    ],
    disclosures: [duty("application", "建房申请及审查意见", "The application and opinion", "verify", days(7), BOARD, 7)],
    touchesVillagersInterests: true
  },
  {
    code: "G03",
    category: "G",
    name: { zh: "生育登记及计生服务证明", en: "Birth registration and family-planning certificates" },
    legalBasis: [cite("中华人民共和国人口与计划生育法", "2021", undefined, "生育登记服务; article not cited")],
    responsiblePosts: ["villagersCommitteeMember"],
    decidingBody: "villagersCommittee",
    procedure: steps(
      step("apply", "受理群众申请", "The villager's application is received", "record", B("villagersCommittee"), ["application"]),
      step("verify", "核对信息后出具证明或代办登记", "Facts checked; certificate issued or registration done", "approve", B("villagersCommittee"), ["approvalForm"]),
      step("record", "登记台账", "Entered in the ledger", "record", P("clerk"), ["ledger"])
    ),
    riskPoints: [risk("fee", "low", "乱收费或故意拖延办理", "Unlawful fees or deliberate delays", ["一次性告知所需材料", "办理时限公开"], "verify")],
    disclosures: [],
    touchesVillagersInterests: false
  },
  {
    code: "G04",
    category: "G",
    name: { zh: "残疾人两项补贴申请", en: "Disability subsidies (living and care)" },
    legalBasis: [cite("国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见 (国发〔2015〕52号)", "2015")],
    responsiblePosts: ["villagersCommitteeMember"],
    decidingBody: "townGovernment",
    procedure: steps(...serviceSteps("受理申请, 核对残疾人证", "核实家庭经济状况", "townGovernment")),
    riskPoints: [risk("fake", "medium", "为不符合条件者虚报", "False claims for the ineligible", ["名单公示", "镇民政办入户抽查"], "verify")],
    disclosures: [duty("roster", "补贴对象名单", "Recipients", "verify", days(7))],
    touchesVillagersInterests: true
  },
  {
    code: "G05",
    category: "G",
    name: { zh: "临时救助申请", en: "Temporary assistance" },
    legalBasis: [cite(RELIEF, "2019", "第四十七条"), cite(RELIEF, "2019", "第四十八条")],
    responsiblePosts: ["villagersCommitteeMember", "committeeDirector"],
    decidingBody: "townGovernment",
    procedure: steps(...serviceSteps("受理申请或主动发现", "核实困难情况", "townGovernment")),
    riskPoints: [risk("repeat", "medium", "重复救助、优亲厚友", "Repeated aid; favours to relatives", ["救助记录台账化", "名单公示"], "verify")],
    disclosures: [duty("roster", "临时救助对象及金额", "Recipients and amounts", "report", days(7))],
    touchesVillagersInterests: true
  },
  {
    code: "G06",
    category: "G",
    name: { zh: "村级证明出具", en: "Certificates issued by the village" },
    legalBasis: [cite("关于改进和规范基层群众性自治组织出具证明工作的指导意见 (民发〔2020〕37号)", "2020")],
    responsiblePosts: ["clerk", "committeeDirector"],
    decidingBody: "villagersCommittee",
    procedure: steps(
      step("apply", "受理群众申请", "The villager's application is received", "record", B("villagersCommittee"), ["application"]),
      step("verify", "核实并按证明事项清单出具", "Checked and issued per the list of certificates", "approve", P("committeeDirector"), ["approvalForm"]),
      step("record", "用章登记", "The seal use is logged", "record", P("clerk"), ["ledger"])
    ),
    riskPoints: [risk("seal", "medium", "乱开证明、公章私用", "False certificates; private use of the seal", ["出具清单外证明一律拒绝", "公章专人保管, 用章登记"], "record")],
    disclosures: [],
    touchesVillagersInterests: false
  },
  {
    code: "G07",
    category: "G",
    name: { zh: "兵役登记及优抚对象认定协助", en: "Military-service registration and support for veterans' families" },
    legalBasis: [cite("中华人民共和国兵役法", "2021", undefined, "兵役登记; article not cited"), cite("中华人民共和国退役军人保障法", "2020")],
    responsiblePosts: ["villagersCommitteeMember"],
    decidingBody: "townGovernment",
    procedure: steps(...serviceSteps("通知并组织适龄青年登记或受理优抚申请", "核实身份和条件", "townGovernment")),
    riskPoints: [risk("fake", "low", "虚报优抚对象或漏登适龄青年", "False claims, or eligible youths left out", ["名单公示", "镇武装部核对"], "verify")],
    disclosures: [duty("roster", "优待对象名单", "Beneficiaries", "verify", days(7))],
    touchesVillagersInterests: true
  }
]

// ---------------------------------------------------------------------------------------------
// H 党务管理 (5)

const H: ReadonlyArray<Item> = [
  {
    code: "H01",
    category: "H",
    name: { zh: "发展党员", en: "Admitting party members" },
    legalBasis: [cite(CHARTER, "2022", "第五条"), cite("中国共产党发展党员工作细则", "2014")],
    responsiblePosts: ["partySecretary", "partyCommitteeMember"],
    decidingBody: "partyMembersMeeting",
    procedure: steps(
      step("apply", "接收入党申请书", "The application is received", "record", B("partyOrganisation"), ["application"]),
      step("activist", "确定入党积极分子和发展对象", "Activists and candidates are chosen", "discuss", B("partyOrganisation"), ["minutes"]),
      step("publicise", "发展对象公示", "Candidates are posted", "publish", B("partyOrganisation"), ["noticePhoto"]),
      step("vote", "支部大会讨论表决", "The branch meeting votes", "resolve", B("partyMembersMeeting"), ["minutes", "signInSheet", "ballot"]),
      step("approve", "镇党委审批", "The town party committee approves", "approve", B("townPartyCommittee"), ["approvalForm"])
    ),
    riskPoints: [
      risk("irregular", "medium", "降低标准、突击发展或发展亲属", "Lowered standards, rushed admissions, admitting relatives", ["严格执行公示和预审", "镇党委审批时核对程序"], "vote")
    ],
    disclosures: [duty("candidates", "发展对象名单", "Candidates", "activist", days(5), PARTY_BOARD, 5)],
    touchesVillagersInterests: false
  },
  {
    code: "H02",
    category: "H",
    name: { zh: "民主评议党员", en: "Democratic appraisal of party members" },
    legalBasis: [cite("中国共产党党员教育管理工作条例", "2019")],
    responsiblePosts: ["partySecretary"],
    decidingBody: "partyMembersMeeting",
    procedure: steps(
      step("self", "党员个人总结、自我评价", "Each member reviews themselves", "report", B("partyOrganisation"), ["other"]),
      step("appraise", "党员互评、群众评议", "Members and villagers appraise", "review", B("partyMembersMeeting"), ["minutes", "ballot"]),
      step("grade", "支部确定评议等次", "The branch sets the grades", "resolve", B("partyOrganisation"), ["minutes"]),
      step("report", "报镇党委备案", "Filed with the town party committee", "report", B("townPartyCommittee"), ["approvalForm"])
    ),
    riskPoints: [risk("formality", "low", "评议走过场、一团和气", "The appraisal is a formality", ["评议结果公开", "不合格党员按规定处置"], "grade")],
    disclosures: [duty("grades", "评议结果", "Appraisal results", "grade", days(10), PARTY_BOARD)],
    touchesVillagersInterests: false
  },
  {
    code: "H03",
    category: "H",
    name: { zh: "党费收缴、使用和管理", en: "Party dues" },
    legalBasis: [cite(CHARTER, "2022", "第九条", "连续六个月不交纳党费的视为自行脱党"), cite("关于中国共产党党费收缴、使用和管理的规定", "2008")],
    responsiblePosts: ["partyCommitteeMember"],
    decidingBody: "partyOrganisation",
    procedure: steps(
      step("collect", "按月(季)收缴并开具收据", "Collected with receipts", "record", P("partyCommitteeMember"), ["receipt", "ledger"]),
      step("remit", "按时上缴镇党委", "Remitted to the town party committee", "pay", B("townPartyCommittee"), ["receipt"]),
      step("publish", "党费收缴情况公开", "Published", "publish", B("partyOrganisation"), ["noticePhoto"])
    ),
    riskPoints: [risk("misuse", "medium", "党费挪用、代缴或长期欠缴", "Dues misused, paid by others or long unpaid", ["党费专账管理", "每半年公开一次"], "collect")],
    disclosures: [duty("dues", "党费收缴情况", "Dues collected", "remit", months(6), PARTY_BOARD)],
    touchesVillagersInterests: false
  },
  {
    code: "H04",
    category: "H",
    name: { zh: "\"三会一课\"及主题党日", en: "Branch meetings, party lectures and theme days" },
    legalBasis: [cite("中国共产党支部工作条例(试行)", "2018")],
    responsiblePosts: ["partySecretary"],
    decidingBody: "partyOrganisation",
    procedure: steps(
      step("plan", "制定年度计划", "The yearly plan is set", "propose", B("partyOrganisation"), ["other"]),
      step("hold", "按期召开并记录", "Held on schedule and minuted", "implement", B("partyMembersMeeting"), ["signInSheet", "minutes"]),
      step("report", "报镇党委备案", "Filed with the town party committee", "report", B("townPartyCommittee"), ["minutes"])
    ),
    riskPoints: [risk("fake", "low", "补记录、编造会议记录", "Minutes written after the fact or invented", ["会议照片和签到表留存", "镇党委随机抽查"], "hold")],
    disclosures: [],
    touchesVillagersInterests: false
  },
  {
    code: "H05",
    category: "H",
    name: { zh: "党务公开(含\"一周三晒\"任务书)", en: "Party-affairs publication (incl. the weekly task book)" },
    legalBasis: [cite("中国共产党党务公开条例(试行)", "2017"), cite("金村镇\"一周三晒\"工作法 (示例)", undefined, undefined, "local practice: the weekly task book is posted on the party-affairs board")],
    responsiblePosts: ["partySecretary", "partyCommitteeMember"],
    decidingBody: "partyOrganisation",
    procedure: steps(
      step("prepare", "整理公开内容(任务书及完成情况)", "The content is prepared (task book and results)", "record", B("partyOrganisation"), ["other"]),
      step("publish", "在党务公开栏公开", "Posted on the party-affairs board", "publish", B("partyOrganisation"), ["noticePhoto"])
    ),
    riskPoints: [risk("stale", "low", "公开内容滞后、流于形式", "Late or token publication", ["例会后及时公开", "镇包村干部检查"], "publish")],
    disclosures: [duty("weekly", "本周任务书及上周完成情况", "This week's task book and last week's results", "prepare", workingDays(2), PARTY_BOARD)],
    touchesVillagersInterests: false
  }
]

/** The reference list in its encoded (JSON) form. */
export const referenceListEncoded: PowerListEncoded = {
  id: "reference-2024",
  title: {
    zh: "村级小微权力清单(示例清单, 供各县替换)",
    en: "Village micro-power list (illustrative template; each county replaces it)"
  },
  jurisdiction: { level: "county", code: "000000", name: "示例县" },
  version: "2024.1",
  effectiveFrom: "2024-01-01",
  illustrative: true,
  declaredTotals: { categories: 8, items: 57 },
  localPosts: [],
  categories,
  items: [...A, ...B_, ...C, ...D, ...E, ...F, ...G, ...H]
}
