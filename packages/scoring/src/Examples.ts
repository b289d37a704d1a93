/**
 * Worked example rubrics, as JSON-shaped data a town would write (points as decimals, dates as
 * `YYYY-MM-DD`). They are **illustrative**: the values follow the scheme the domain brief
 * describes (40% villagers + 20% town + 40% targets, bands 90 / 80 / 60, warnings 4 yellow /
 * 3 orange / 2 red), not a published town document. Decode them with `Rubric.decodeFile`.
 *
 * @example
 * ```ts
 * import { TaskBook, Examples } from "@qinglian/scoring"
 *
 * // A worked town of three villages: its roster, a rubric, and each village's week of task books,
 * // progress reports and stock-take, ready to score (see WeeklyAssessment).
 * const week = Examples.villageWeek(0, TaskBook.unsafeWeek("2026-W12"))
 * console.log(Examples.town.name, week.book.village, week.book.tasks.length)
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */
import type { Cadre, Ids } from "@qinglian/core"
import { LocalDate, WorkCalendar } from "@qinglian/core"
import * as Either from "effect/Either"
import * as TaskBook from "./TaskBook.js"
import type * as WeeklyAssessment from "./WeeklyAssessment.js"

const weeklySource = { law: "金村镇“一周三晒”工作考核办法（示例）", version: "2026", note: "illustrative local values" }
const cite = (article: string) => ({ ...weeklySource, article })

/**
 * The weekly rubric (一周一考核), as a rubric file. Edition `2026.1` applies from 2026-01-01;
 * edition `2026.2` from 2026-07-01 raises the penalty per working day late from 0.5 to 1 point.
 *
 * @since 0.1.0
 * @category examples
 */
export const weeklyRubric = (() => {
  const body = (latePerDay: number) => ({
    scale: { max: 100 },
    components: [
      { id: "villagers", label: { zh: "村民评议", en: "villagers' rating" }, weight: 40, source: "rating", citation: cite("第五条") },
      { id: "town", label: { zh: "包片领导点评", en: "area leader's rating" }, weight: 20, source: "rating", citation: cite("第六条") },
      {
        id: "targets",
        label: { zh: "任务完成", en: "tasks done" },
        weight: 40,
        source: "tasks",
        completionCap: 100,
        citation: cite("第七条")
      }
    ],
    deductions: [
      {
        id: "timeliness",
        label: { zh: "按时完成", en: "timeliness" },
        citation: cite("第八条"),
        worth: 8,
        rules: [{ id: "lateTask", label: { zh: "任务逾期（每工作日）", en: "task late, per working day" }, trigger: "task.late", points: latePerDay, per: "unit" }]
      },
      {
        id: "discipline",
        label: { zh: "工作纪律", en: "work discipline" },
        citation: cite("第九条"),
        worth: 8,
        rules: [
          { id: "absentMeeting", label: { zh: "无故缺席周例会", en: "missed the Monday meeting" }, trigger: "meeting.absent", points: 5 },
          { id: "lateMeeting", label: { zh: "例会迟到", en: "late for the Monday meeting" }, trigger: "meeting.late", points: 1 },
          { id: "offDuty", label: { zh: "值班脱岗", en: "absent on duty" }, trigger: "duty.absent", points: 4 }
        ]
      },
      {
        id: "disclosure",
        label: { zh: "村务公开", en: "disclosure" },
        citation: cite("第十条"),
        worth: 6,
        rules: [{ id: "disclosureLate", label: { zh: "村务公开逾期", en: "disclosure overdue" }, trigger: "disclosure.overdue", points: 2 }]
      },
      {
        id: "negativeList",
        label: { zh: "履职负面清单", en: "negative list of conduct" },
        citation: cite("第十一条"),
        worth: 10,
        rules: [
          { id: "negativeListDisclosure", label: { zh: "应公开未公开（负面清单）", en: "withheld a disclosure (negative list)" }, trigger: "disclosure.overdue", points: 4 },
          { id: "negativeListOther", label: { zh: "其他负面清单行为", en: "other negative-list conduct" }, trigger: "negativeList.breach", points: 3 }
        ]
      }
    ],
    bonuses: [
      {
        id: "commendation",
        label: { zh: "受上级表彰", en: "commended by a higher level" },
        citation: cite("第十二条"),
        trigger: "merit.commendation",
        points: 2,
        capPerMonth: 2,
        capPerYear: 10
      },
      {
        id: "innovation",
        label: { zh: "工作创新被推广", en: "an innovation taken up elsewhere" },
        citation: cite("第十二条"),
        trigger: "merit.innovation",
        points: 1.5,
        capPerMonth: 3,
        capPerYear: 6
      }
    ],
    vetoes: [
      {
        id: "majorViolation",
        label: { zh: "严重违纪违法", en: "serious violation of discipline or law" },
        citation: cite("第十三条"),
        trigger: "event.violation",
        grade: "poor"
      }
    ],
    warningVetoes: [
      {
        id: "warnings",
        label: { zh: "黄橙红牌预警", en: "yellow, orange and red warnings" },
        citation: cite("第十四条"),
        thresholds: { yellow: 4, orange: 3, red: 2 },
        grade: "poor"
      }
    ],
    grades: [
      { grade: "excellent", label: { zh: "优秀", en: "excellent" }, min: 90 },
      { grade: "good", label: { zh: "良好", en: "good" }, min: 80 },
      { grade: "fair", label: { zh: "一般", en: "fair" }, min: 60 },
      { grade: "poor", label: { zh: "较差", en: "poor" }, min: 0 }
    ],
    quotas: [
      { grade: "excellent", scope: "town", atMostPercent: 30, rounding: "down", citation: cite("第十五条") }
    ],
    tieBreak: ["targets", "villagers"],
    signals: [
      {
        id: "lowestThreeWeeks",
        label: { zh: "连续三周考核等次为较差", en: "lowest grade three weeks running" },
        citation: cite("第十六条"),
        pattern: "lowestGradeStreak",
        count: 3,
        suggest: "talkReminder"
      },
      {
        id: "townBottomTwice",
        label: { zh: "连续两周全镇排名末位", en: "bottom of the town two weeks running" },
        citation: cite("第十六条"),
        pattern: "townBottomStreak",
        count: 2,
        suggest: "talkReminder"
      },
      {
        id: "villageLastThreeMonths",
        label: { zh: "连续三个月村内排名末位", en: "last in the village three months running" },
        citation: cite("第十六条"),
        pattern: "villageLastMonths",
        count: 3,
        suggest: "talkReminder"
      }
    ]
  })
  return {
    id: "jincun-weekly",
    name: "金村镇“一周三晒”周考核细则（示例）",
    kind: "weekly",
    editions: [
      { version: "2026.1", effectiveFrom: "2026-01-01", effectiveUntil: "2026-07-01", source: weeklySource, rubric: body(0.5) },
      { version: "2026.2", effectiveFrom: "2026-07-01", source: { ...weeklySource, version: "2026 修订" }, rubric: body(1) }
    ]
  }
})()

const annualSource = { law: "金村镇村（社区）全面从严治党考核实施细则（示例）", version: "2026", note: "illustrative local values" }
const acite = (article: string) => ({ ...annualSource, article })

/**
 * The annual rubric (《全面从严治党考核实施细则》, 年度目标责任制考核) with its 清廉村居 section: 60% the
 * mean of the weekly scores, 40% the 清廉村居 checklist; its own vetoes.
 *
 * @since 0.1.0
 * @category examples
 */
export const annualRubric = {
  id: "jincun-annual",
  name: "金村镇村（社区）全面从严治党年度考核细则（示例）",
  kind: "annual",
  editions: [{
    version: "2026",
    effectiveFrom: "2026-01-01",
    source: annualSource,
    rubric: {
      scale: { max: 100 },
      components: [
        { id: "weekly", label: { zh: "周考核平均分", en: "mean weekly score" }, weight: 60, source: "rating", citation: acite("第四条") },
        {
          id: "qinglian",
          label: { zh: "清廉村居建设", en: "clean village (清廉村居)" },
          weight: 40,
          source: "checklist",
          citation: acite("第五条"),
          items: [
            { id: "powerList", label: { zh: "小微权力清单运行规范", en: "micro-power list in use" }, points: 25, citation: acite("第五条第一项") },
            { id: "threeAssets", label: { zh: "三资提级监督到位", en: "three assets under escalated supervision" }, points: 25, citation: acite("第五条第二项") },
            { id: "redLines", label: { zh: "履职红线“二十条”承诺书签订", en: "twenty red lines signed" }, points: 15, citation: acite("第五条第三项") },
            { id: "disclosure", label: { zh: "村务公开按时规范", en: "village affairs disclosed on time" }, points: 20, citation: acite("第五条第四项") },
            { id: "culture", label: { zh: "廉政文化阵地建设", en: "integrity culture sites" }, points: 15, citation: acite("第五条第五项") }
          ]
        }
      ],
      deductions: [
        {
          id: "supervision",
          label: { zh: "监督执纪问题", en: "discipline findings" },
          citation: acite("第六条"),
          worth: 20,
          rules: [
            { id: "talkReminder", label: { zh: "被谈话提醒", en: "talk reminder" }, trigger: "form1.talkReminder", points: 2 },
            { id: "admonition", label: { zh: "被诫勉", en: "admonition" }, trigger: "form1.admonition", points: 5 }
          ]
        }
      ],
      vetoes: [
        { id: "criminal", label: { zh: "违纪违法被立案审查", en: "under investigation for a violation" }, citation: acite("第七条"), trigger: "event.caseFiled", grade: "poor" },
        { id: "petitions", label: { zh: "发生重大群体性事件", en: "a major collective incident" }, citation: acite("第七条"), trigger: "event.massIncident", grade: "poor" }
      ],
      grades: [
        { grade: "excellent", label: { zh: "优秀", en: "excellent" }, min: 90 },
        { grade: "competent", label: { zh: "称职", en: "competent" }, min: 70 },
        { grade: "basic", label: { zh: "基本称职", en: "basically competent" }, min: 60 },
        { grade: "poor", label: { zh: "不称职", en: "not competent" }, min: 0 }
      ],
      quotas: [{ grade: "excellent", scope: "town", atMostPercent: 30, rounding: "down", citation: acite("第八条") }],
      tieBreak: ["qinglian", "weekly"]
    }
  }]
}

// ---------------------------------------------------------------------------------------------
// A worked town
// ---------------------------------------------------------------------------------------------


const villagesOfTown = [
  { id: "v-xishu", name: "西属村" },
  { id: "v-jincun", name: "金村" },
  { id: "v-nanhe", name: "南河村" }
] as const

const postsInOrder = ["partySecretary", "committeeDirector", "partyCommitteeMember", "villagersCommitteeMember"] as const
const surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙"]
const givenNames = ["建国", "秀英", "志强", "丽华", "国平", "海燕", "德明", "春梅", "文斌", "玉兰", "永红", "卫东"]

/**
 * The example town: 金村镇 with three villages (西属村, 金村, 南河村) of four 两委 members each
 * (fictional names), and its area leader.
 *
 * @since 0.1.0
 * @category examples
 */
export const town = (() => {
  const cadres: Array<Cadre.Cadre> = [{ id: "c-leader" as Ids.CadreId, name: "郑包片" }]
  const appointments: Array<Cadre.Appointment> = [{
    cadreId: "c-leader" as Ids.CadreId,
    post: "areaLeader",
    unit: { level: "town", townId: "t-jincun" as Ids.TownId },
    term: { start: LocalDate.unsafeMake("2021-11-01") }
  }]
  villagesOfTown.forEach((v, vi) => {
    postsInOrder.forEach((post, pi) => {
      const k = vi * 4 + pi
      const id = `c-${v.id.slice(2)}-${pi + 1}` as Ids.CadreId
      cadres.push({ id, name: `${surnames[k]}${givenNames[k]}` })
      appointments.push({
        cadreId: id,
        post,
        unit: { level: "village", villageId: v.id as Ids.VillageId },
        term: { start: LocalDate.unsafeMake("2021-11-01") }
      })
    })
  })
  return {
    id: "t-jincun" as Ids.TownId,
    county: "c-zezhou" as Ids.CountyId,
    name: "金村镇",
    leader: "c-leader" as Ids.CadreId,
    villages: villagesOfTown,
    roster: { cadres, appointments, relations: [] } as Cadre.Roster
  }
})()

const taskTitles = [
  ["入户走访脱贫监测户", "户"],
  ["整理集体资产台账", "份"],
  ["清理主街道环境卫生", "次"],
  ["收缴医保费", "人"],
  ["召开村民代表会议", "次"],
  ["排查供暖管网施工隐患", "处"]
] as const

/**
 * One village's week of the example town: the task book issued at the week's meeting, progress
 * reports, the stock-take held at the next week's meeting and the villagers' ratings. Values vary
 * with the week and the village so that ranks, grades and trends move; 南河村's committee member
 * falls behind week after week.
 *
 * @since 0.1.0
 * @category examples
 */
export const villageWeek = (villageIndex: number, week: TaskBook.IsoWeek): WeeklyAssessment.VillageWeek => {
  const v = villagesOfTown[villageIndex]!
  const meeting = Either.getOrThrow(TaskBook.meetingDate(WorkCalendar.china, week))
  const next = Either.getOrThrow(TaskBook.meetingDate(WorkCalendar.china, TaskBook.nextWeek(week)))
  const n = Number(week.slice(6))
  const members = postsInOrder.map((_, pi) => `c-${v.id.slice(2)}-${pi + 1}` as Ids.CadreId)
  const deadline = LocalDate.addDays(TaskBook.mondayOf(week), 4)
  const tasks: Array<TaskBook.Task> = members.map((owner, pi) => {
    const [title, unit] = taskTitles[(n + pi + villageIndex) % taskTitles.length]!
    return {
      id: `${v.id}-${week}-${pi + 1}`,
      title,
      owner,
      deadline: deadline < meeting ? meeting : deadline,
      target: { quantity: 4 + ((n + pi) % 5), unit },
      ...(pi === 0 ? { link: { _tag: "LivelihoodProject" as const, project: "集中供暖工程" } } : {})
    }
  })
  const progress: Array<TaskBook.Progress> = []
  tasks.forEach((t, pi) => {
    const struggling = villageIndex === 2 && pi === 3
    const share = struggling ? 0.5 : (n * 7 + pi * 3 + villageIndex * 5) % 6 === 0 ? 0.75 : 1
    const qty = Math.max(1, Math.round(t.target.quantity * share))
    const late = !struggling && (n + pi + villageIndex) % 4 === 0
    progress.push({
      village: v.id as Ids.VillageId,
      week,
      task: t.id,
      quantity: qty,
      on: late ? LocalDate.addDays(t.deadline, 3) : t.deadline,
      reportedBy: t.owner,
      evidence: [{ kind: "photo", ref: `board/${t.id}.jpg` }]
    })
  })
  const rating = (pi: number) => (villageIndex === 2 && pi === 3 ? 55 : 72 + ((n * 5 + pi * 7 + villageIndex * 3) % 26))
  return {
    book: { town: town.id, village: v.id as Ids.VillageId, week, meetingDate: meeting, issuedBy: town.leader, tasks },
    progress,
    stockTake: {
      town: town.id,
      village: v.id as Ids.VillageId,
      week,
      heldOn: next,
      leader: town.leader,
      reviews: members.map((cadre, pi) => ({
        cadre,
        rating: rating(pi) * 100,
        comment: rating(pi) >= 90 ? "任务完成好，群众反映好" : rating(pi) >= 75 ? "完成较好，注意时效" : "进度滞后，需加强"
      }))
    },
    villagerRatings: Object.fromEntries(members.map((c, pi) => [c, (villageIndex === 2 && pi === 3 ? 50 : 70 + ((n * 3 + pi * 11 + villageIndex * 7) % 28)) * 100]))
  }
}
