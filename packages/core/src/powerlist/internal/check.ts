// The rules an exercise of a micro-power is checked against. Pure: (item, exercise, rulebook,
// calendar) → findings. Per-item work (expanded steps, index maps) is memoised so that checking
// many exercises of the same item costs little more than reading them.
import * as Either from "effect/Either"
import * as Diagnostic from "../../base/Diagnostic.js"
import type * as Exercise from "../Exercise.js"
import { codes, riskOf } from "./codes.js"
import type * as Ids from "../../base/Ids.js"
import * as LocalDate from "../../base/LocalDate.js"
import * as Money from "../../base/Money.js"
import * as Post from "../../org/Post.js"
import type * as PowerList from "../PowerList.js"
import { fourAndTwoRole, resolve, steps as expand } from "./procedure.js"
import * as Rulebook from "../../rulebook/Rulebook.js"
import * as Threshold from "../../rulebook/Threshold.js"
import * as WorkCalendar from "../../calendar/WorkCalendar.js"

type Code = Exercise.Code
type Finding = Diagnostic.Diagnostic<Code>
type Path = Diagnostic.Path

const finding = (code: Code, path: Path, zh: string, en: string): Finding =>
  Diagnostic.make(code, codes[code].severity, path, zh, en)

// ---------------------------------------------------------------------------------------------
// per-item preparation
// ---------------------------------------------------------------------------------------------

export interface Prepared {
  readonly item: PowerList.PowerItem
  readonly steps: ReadonlyArray<PowerList.Step>
  readonly index: ReadonlyMap<string, number>
  /**
   * Per step, bits read by the checks: its 四议两公开 role plus one (0 when none) in the low three
   * bits, then MEETING, SWAYING, CONDITIONAL and SUPERVISED. One small-integer array per item
   * rather than five arrays: a county's lists are prepared afresh by the tens of thousands.
   */
  readonly flags: ReadonlyArray<number>
  /** Positions of steps whose id an earlier step already uses (usually none). */
  readonly duplicateSteps: ReadonlyArray<number>
  /** True when a `then: "fourAndTwo"` condition decides whether the six steps are required. */
  readonly fourAndTwoConditional: boolean
  readonly hasFourAndTwoSteps: boolean
  /** True when two disclosure duties share an id (only the first counts); usually false. */
  readonly duplicateDuties: boolean
  readonly hasAmountCondition: boolean
  /** Position of the first village decision (resolve / approve); a town review counts as 提级监督 only before it. */
  readonly firstDecision: number
  /** The conditions, read once (none for most items). */
  readonly conditions: ReadonlyArray<PreparedCondition>
  /** True for a `Method` procedure the item alone cannot write out. */
  readonly unresolvedMethod: boolean
  /** True when the template's deciding step is the 村民小组会议 (group-owned property). */
  readonly groupOwned: boolean
}

/** One condition of an item, read once. */
interface PreparedCondition {
  /** The requirement bit it sets when it holds (fourAndTwo 1, escalation 2, publicTender 4, competitiveSelection 8). */
  readonly bit: number
  readonly always: boolean
  /** Its amount limit: none (always), a fixed amount in fen, or a rulebook parameter. */
  readonly fen: number | undefined
  readonly param: LimitKey | undefined
  /** Its tests when it is more than one amount floor (below, facts, allOf), else undefined. */
  readonly tests: ReadonlyArray<PowerList.Test> | undefined
  /** The positions of the steps it requires (`then: { steps }`), else undefined. */
  readonly steps: ReadonlyArray<number> | undefined
}

/** Bits of {@link Prepared.flags} above the role. */
export const MEETING = 8
export const SWAYING = 16
export const CONDITIONAL = 32
export const SUPERVISED = 64

/** The 四议两公开 role of step `i` (-1 when none). */
export const roleAt = (p: Prepared, i: number): number => (p.flags[i]! & 7) - 1

type LimitKey = Extract<PowerList.AmountLimit, { readonly parameter: unknown }>["parameter"]

const requirementBit = { fourAndTwo: 1, escalation: 2, publicTender: 4, competitiveSelection: 8 } as const

const prepared = new WeakMap<PowerList.PowerItem, Prepared>()

const isTownBody = (b: PowerList.Body | undefined) => b === "townGovernment" || b === "townPartyCommittee"

const NO_NUMBERS: ReadonlyArray<number> = []
const NO_CONDITIONS: ReadonlyArray<PreparedCondition> = []

// Plain loops, no callbacks: lists are decoded afresh by the thousand, and each item is prepared.
const build = (item: PowerList.PowerItem): Prepared => {
  const groupOwned = item.propertyOwner === "villagerGroup"
  const all = expand(item.procedure, groupOwned)
  const n = all.length
  const index = new Map<string, number>()
  const supervision = item.procedure.supervision
  const everyStepSupervised = supervision !== undefined && supervision.steps === undefined ? SUPERVISED : 0
  const flags: Array<number> = new Array(n)
  let duplicateSteps: Array<number> | undefined
  let hasFourAndTwoSteps = false
  let firstDecision = n
  for (let i = 0; i < n; i++) {
    const s = all[i]!
    if (index.has(s.id)) (duplicateSteps ??= []).push(i)
    else index.set(s.id, i)
    const r = fourAndTwoRole(s, groupOwned)
    if (r >= 0) hasFourAndTwoSteps = true
    flags[i] = (r + 1) | (meetingAct(s.act) ? MEETING : 0) | (swaying(s.act) ? SWAYING : 0) | everyStepSupervised
    if (firstDecision === n && (s.act === "resolve" || s.act === "approve") && !("body" in s.actor && isTownBody(s.actor.body))) {
      firstDecision = i
    }
  }
  if (supervision?.steps !== undefined) {
    for (const id of supervision.steps) {
      const pos = index.get(id)
      if (pos !== undefined) flags[pos] = flags[pos]! | SUPERVISED
    }
  }
  const ds = item.disclosures
  let duplicateDuties = false
  for (let j = 1; j < ds.length && !duplicateDuties; j++) {
    for (let k = 0; k < j; k++) {
      if (ds[k]!.id === ds[j]!.id) {
        duplicateDuties = true
        break
      }
    }
  }
  let conditionalFourAndTwo = false
  let alwaysFourAndTwo = false
  let hasAmountCondition = false
  let conditions: Array<PreparedCondition> | undefined
  for (const c of item.conditions ?? NONE) {
    const always = "always" in c.when
    const then = c.then
    let steps: Array<number> | undefined
    if (typeof then !== "string") {
      steps = []
      for (const id of then.steps) {
        const pos = index.get(id)
        if (pos !== undefined) {
          steps.push(pos)
          flags[pos] = flags[pos]! | CONDITIONAL
        }
      }
    }
    const amountFloor = "amountAtLeast" in c.when ? c.when.amountAtLeast : undefined
    ;(conditions ??= []).push({
      bit: typeof then === "string" ? requirementBit[then] : 0,
      always,
      fen: amountFloor !== undefined && "amount" in amountFloor ? Money.toFen(amountFloor.amount) : undefined,
      param: amountFloor !== undefined && !("amount" in amountFloor) ? amountFloor.parameter : undefined,
      tests: amountFloor !== undefined || always ? undefined : "allOf" in c.when ? c.when.allOf : [c.when],
      steps
    })
    if (then === "fourAndTwo") {
      if (always) alwaysFourAndTwo = true
      else conditionalFourAndTwo = true
    }
    const tests = "allOf" in c.when ? c.when.allOf : [c.when]
    for (const t of tests) if ("amountAtLeast" in t || "amountBelow" in t) hasAmountCondition = true
  }
  return {
    item,
    steps: all,
    index,
    flags,
    duplicateSteps: duplicateSteps ?? NO_NUMBERS,
    fourAndTwoConditional: conditionalFourAndTwo && !alwaysFourAndTwo,
    hasFourAndTwoSteps,
    duplicateDuties,
    hasAmountCondition,
    firstDecision,
    conditions: conditions ?? NO_CONDITIONS,
    unresolvedMethod: item.procedure._tag === "Method",
    groupOwned
  }
}

// The first of an item's disclosure duties with this id (ids are few: a scan beats a map).
const dutyOf = (item: PowerList.PowerItem, id: string): PowerList.DisclosureDuty | undefined => {
  const ds = item.disclosures
  for (let j = 0; j < ds.length; j++) if (ds[j]!.id === id) return ds[j]
  return undefined
}

export const prepare = (item: PowerList.PowerItem): Prepared => {
  const cached = prepared.get(item)
  if (cached !== undefined) return cached
  const p = build(item)
  prepared.set(item, p)
  return p
}

// Per list: its items by code and their preparations, filled as they are needed. One WeakMap entry
// per list rather than one per item keeps a freshly decoded list cheap.
export interface ListTable {
  readonly byCode: ReadonlyMap<string, number>
  readonly prepared: Array<Prepared | undefined>
  /** The list's own posts (`localPosts`). */
  readonly localPosts: ReadonlySet<string>
}

const listTables = new WeakMap<PowerList.PowerList, ListTable>()

export const tableOf = (list: PowerList.PowerList): ListTable => {
  let t = listTables.get(list)
  if (t === undefined) {
    const byCode = new Map<string, number>()
    const items = list.items
    for (let i = 0; i < items.length; i++) if (!byCode.has(items[i]!.code)) byCode.set(items[i]!.code, i)
    const localPosts = new Set<string>()
    for (const lp of list.localPosts ?? NONE) localPosts.add(lp.code)
    t = { byCode, prepared: new Array(items.length), localPosts }
    listTables.set(list, t)
  }
  return t
}

/** The preparation of `list.items[i]`, memoised with the list. */
export const preparedAt = (list: PowerList.PowerList, i: number): Prepared => {
  const t = tableOf(list)
  return t.prepared[i] ??= build(resolve(list, list.items[i]!))
}

const findPrepared = (list: PowerList.PowerList, t: ListTable, code: string): Prepared | undefined => {
  const i = t.byCode.get(code)
  return i === undefined ? undefined : t.prepared[i] ??= build(resolve(list, list.items[i]!))
}

// ---------------------------------------------------------------------------------------------
// memoised calendar lookups (a pure function of immutable inputs; the rulebook caches in Rulebook.at)
// ---------------------------------------------------------------------------------------------

// Keyed by the duration's value (not its object: every decoded list brings its own) and the
// rest-day flag, then date.
const unitIndex = (unit: Rulebook.Duration["unit"]): number => unit === "days" ? 0 : unit === "workingDays" ? 1 : 2
const dueDates = new WeakMap<WorkCalendar.WorkCalendar, Map<number, Map<string, Either.Either<LocalDate.LocalDate, WorkCalendar.OutOfRange>>>>()
// Shared option objects: a cache miss allocates no options record.
const rollOn = { rollForwardFromRestDay: true } as const
const rollOff = { rollForwardFromRestDay: false } as const

const dueDate = (
  cal: WorkCalendar.WorkCalendar,
  date: LocalDate.LocalDate,
  d: Rulebook.Duration,
  rollForwardFromRestDay: boolean
) => {
  let byDuration = dueDates.get(cal)
  if (byDuration === undefined) {
    byDuration = new Map()
    dueDates.set(cal, byDuration)
  }
  const key = (d.amount * 3 + unitIndex(d.unit)) * 2 + (rollForwardFromRestDay ? 1 : 0)
  let m = byDuration.get(key)
  if (m === undefined) {
    m = new Map()
    byDuration.set(key, m)
  }
  let r = m.get(date)
  if (r === undefined) {
    r = WorkCalendar.dueDate(cal, date, d, rollForwardFromRestDay ? rollOn : rollOff)
    m.set(date, r)
  }
  return r
}

const epochDay = (date: LocalDate.LocalDate): number => LocalDate.toEpochDay(date)

// ---------------------------------------------------------------------------------------------
// vocabulary
// ---------------------------------------------------------------------------------------------

// Switches rather than records: the body named in a record is a fresh string, and looking a fresh
// string up as a property name costs a hash and a probe every time.
const meetingRuleKey = (body: PowerList.Body): Rulebook.Key | undefined => {
  switch (body) {
    case "villagersAssembly":
      return "meeting.villagersAssembly"
    case "representativesAssembly":
      return "meeting.representativesAssembly"
    case "villagerGroupMeeting":
      return "meeting.villagerGroup"
    case "partyMembersMeeting":
      return "meeting.partyMembers"
    case "twoCommittees":
      return "meeting.twoCommittees"
    default:
      return undefined
  }
}

// The post whose holder acts for a body that is not a meeting (for self-approval and recusal).
const headPost = (body: PowerList.Body): Post.Post | undefined => {
  switch (body) {
    case "partyOrganisation":
      return "partySecretary"
    case "villagersCommittee":
      return "committeeDirector"
    case "collectiveEconomyOrganisation":
      return "collectiveEconomyHead"
    case "supervisionCommittee":
      return "supervisionCommitteeChair"
    default:
      return undefined
  }
}

const tenderKey = (kind: PowerList.ProcurementKind): "threshold.tenderConstruction" | "threshold.tenderGoods" | "threshold.tenderServices" =>
  kind === "construction" ? "threshold.tenderConstruction" : kind === "goods" ? "threshold.tenderGoods" : "threshold.tenderServices"

const procurementZh = { construction: "工程", goods: "货物", services: "服务" } as const

const bodyZh: Record<PowerList.Body, string> = {
  partyOrganisation: "村党组织",
  twoCommittees: "村\"两委\"会议",
  partyMembersMeeting: "党员大会",
  villagersAssembly: "村民会议",
  representativesAssembly: "村民代表会议",
  villagerGroupMeeting: "村民小组会议",
  villagersCommittee: "村民委员会",
  supervisionCommittee: "村务监督委员会",
  collectiveEconomyOrganisation: "村集体经济组织",
  townGovernment: "镇(乡)人民政府",
  townPartyCommittee: "镇党委",
  townAssetsCentre: "镇三资委托代理中心",
  townDisciplineCommission: "镇纪委"
}

const isAssembly = (b: PowerList.Body) => b === "villagersAssembly" || b === "representativesAssembly"
const meetingAct = (a: PowerList.Act) => a === "discuss" || a === "review" || a === "resolve" || a === "approve"
const proposing = (a: PowerList.Act) => a === "propose" || a === "apply"
const approving = (a: PowerList.Act) => a === "approve" || a === "resolve"
// Acts through which a person can sway the outcome; publishing and record-keeping cannot.
const swaying = (a: PowerList.Act) =>
  a !== "publishDecision" && a !== "publishResult" && a !== "publish" && a !== "record" && a !== "archive" && a !== "report"
const yuan = (fen: Money.Fen) => Money.formatYuan(fen)

// ---------------------------------------------------------------------------------------------
// persons (module-level so that a check allocates no closures; actor lists are short, so scans
// beat building maps)
// ---------------------------------------------------------------------------------------------

const NONE: ReadonlyArray<never> = []
// An exercise that records no safeguards took none.
const noSafeguards = { publicTender: false, competitiveSelection: false, townReview: false } as const

interface Who {
  readonly actors: ReadonlyArray<Exercise.Actor>
  readonly related: ReadonlyArray<Ids.CadreId>
  readonly isRelated: ((cadre: Ids.CadreId, counterparty: Exercise.Counterparty) => boolean) | undefined
  readonly cp: Exercise.Counterparty | undefined
}

const postsOf = (who: Who, c: string): ReadonlyArray<string> | undefined => {
  for (const a of who.actors) if (a.cadre === c) return a.posts
  return undefined
}

const holdersOf = (who: Who, post: string): ReadonlyArray<Ids.CadreId> => {
  let out: Array<Ids.CadreId> | undefined
  for (const a of who.actors) if (a.posts.includes(post)) (out ??= []).push(a.cadre)
  return out ?? NONE
}

const relatedTo = (who: Who, c: Ids.CadreId): boolean => {
  if (who.related.includes(c)) return true
  for (const a of who.actors) if (a.cadre === c && a.relatedToCounterparty) return true
  return who.isRelated !== undefined && who.cp !== undefined && who.isRelated(c, who.cp)
}

// A person as messages name them: "张建国 (cadre-id)" when the exercise gives the name.
const label = (who: Who, c: string): string => {
  for (const a of who.actors) if (a.cadre === c && a.name !== undefined) return `${a.name} (${c})`
  return c
}

const dualTop = (who: Who, c: string): boolean => {
  const posts = postsOf(who, c)
  return posts !== undefined && posts.includes("partySecretary") && posts.includes("committeeDirector")
}

// The persons answerable for a performed step: named cadres, else the head of the acting body,
// else the holders of the actor post. Meetings decide collectively and answer as no one person.
const answerable = (who: Who, r: Exercise.StepRecord, s: PowerList.Step): ReadonlyArray<Ids.CadreId> => {
  const pb = r.performedBy
  if (Array.isArray(pb)) {
    if (pb.length > 0) return pb
  } else if ("external" in pb) {
    // A department outside the village answers as no village cadre.
    return NONE
  } else {
    const b = pb as { readonly body: PowerList.Body; readonly cadres?: ReadonlyArray<Ids.CadreId> }
    const head = headPost(b.body)
    if (head === undefined) return NONE
    if (b.cadres !== undefined && b.cadres.length > 0) return b.cadres
    return holdersOf(who, head)
  }
  if ("body" in s.actor) {
    const head = headPost(s.actor.body)
    return head === undefined ? NONE : holdersOf(who, head)
  }
  if ("post" in s.actor) return holdersOf(who, s.actor.post)
  // Several posts may act, or a department outside the village: no one is answerable by post alone.
  return NONE
}

const supervisionPosts: ReadonlyArray<string> = ["supervisionCommitteeChair", "supervisionCommitteeMember"]

// What a periodic duty's frequency makes the deadline: what happened in one period is posted by
// the end of the next; "immediately" means on the day. A deadline past the last date the library
// represents (late 2199) is that date: nothing later can be recorded, so nothing is late.
const periodDue = (date: LocalDate.LocalDate, frequency: Rulebook.Values["disclosure.financeFrequency"]): LocalDate.LocalDate => {
  const y = LocalDate.year(date)
  const m = Number(date.slice(5, 7))
  const pad = (n: number) => String(n).padStart(2, "0")
  switch (frequency) {
    case "immediately":
      return date
    case "monthly": {
      // The last day of the next month.
      const first = `${String(y).padStart(4, "0")}-${pad(m)}-01` as LocalDate.LocalDate
      return endBefore(first, 2)
    }
    case "quarterly": {
      const first = `${String(y).padStart(4, "0")}-${pad(m - ((m - 1) % 3))}-01` as LocalDate.LocalDate
      return endBefore(first, 6)
    }
    case "yearly":
      return y + 1 > LocalDate.maxYear ? LocalDate.maxDate : `${String(y + 1).padStart(4, "0")}-12-31` as LocalDate.LocalDate
  }
}

// The day before the first of the month `months` after `first`, or the last representable date.
const endBefore = (first: LocalDate.LocalDate, months: number): LocalDate.LocalDate =>
  Either.match(LocalDate.addMonthsEither(first, months), {
    onLeft: () => LocalDate.maxDate,
    onRight: (next) => Either.getOrElse(LocalDate.addDaysEither(next, -1), () => LocalDate.maxDate)
  })

const frequencyZh = { immediately: "即时", monthly: "每月", quarterly: "每季度", yearly: "每年" } as const

// Whether a condition's test holds on the exercise's facts; a fact the exercise does not state
// makes it not hold (and is reported once as FACT_MISSING by the caller).
const testHolds = (
  t: PowerList.Test,
  item: PowerList.PowerItem,
  ex: Exercise.Exercise,
  amount: number | undefined,
  rules: Rulebook.RuleSet | undefined
): boolean | "amount" | "ownership" | "counterpartyKind" => {
  if ("always" in t) return true
  if ("amountAtLeast" in t || "amountBelow" in t) {
    if (amount === undefined) return "amount"
    const limit = "amountAtLeast" in t ? t.amountAtLeast : t.amountBelow
    const fen = "amount" in limit ? Money.toFen(limit.amount) : rules !== undefined ? Rulebook.value(rules, limit.parameter) : undefined
    if (fen === undefined) return false
    return "amountAtLeast" in t ? amount >= fen : amount < fen
  }
  if ("ownership" in t) {
    const o = ex.facts?.ownership
    return o === undefined ? "ownership" : t.ownership.includes(o)
  }
  if ("touchesVillagersInterests" in t) {
    return (ex.facts?.touchesVillagersInterests ?? item.touchesVillagersInterests) === t.touchesVillagersInterests
  }
  const kind = ex.counterparty?.kind
  return kind === undefined ? "counterpartyKind" : t.counterpartyKind.includes(kind)
}

// ---------------------------------------------------------------------------------------------
// check
// ---------------------------------------------------------------------------------------------

export interface Options {
  readonly asOf?: LocalDate.LocalDate | undefined
  readonly isRelated?: ((cadre: Ids.CadreId, counterparty: Exercise.Counterparty) => boolean) | undefined
}

// Without its list a check cannot tell a county's own post from a mistake, so it reports none.
const noLocalPosts: ReadonlySet<string> | undefined = undefined

const result = (
  findings: ReadonlyArray<Finding>,
  requirements: ReadonlyArray<PowerList.Requirement>,
  escalationRequired: boolean,
  tenderRequired: boolean
): Exercise.Result => ({ risk: riskOf(findings), findings, escalationRequired, tenderRequired, requirements })

const requirementOrder: ReadonlyArray<PowerList.Requirement> = ["fourAndTwo", "escalation", "publicTender", "competitiveSelection"]

// The sixteen possible lists of requirements, in order, built once and shared (frozen) by results.
const requirementsOf: ReadonlyArray<ReadonlyArray<PowerList.Requirement>> = Array.from(
  { length: 16 },
  (_, bits) => Object.freeze(requirementOrder.filter((_, i) => (bits & (1 << i)) !== 0))
)

export const unknownItem = (exercise: Exercise.Exercise): Exercise.Result =>
  result(
    [
      finding(
        "UNKNOWN_ITEM",
        ["item"],
        `清单中没有事项 ${exercise.item}`,
        `the list has no item ${exercise.item}`
      )
    ],
    [],
    false,
    false
  )

export const check = (
  item: PowerList.PowerItem,
  ex: Exercise.Exercise,
  rulebook: Rulebook.Rulebook,
  calendar: WorkCalendar.WorkCalendar,
  options?: Options
): Exercise.Result => checkPrepared(prepare(item), ex, rulebook, calendar, options, noLocalPosts)

export const checkInList = (
  list: PowerList.PowerList,
  ex: Exercise.Exercise,
  rulebook: Rulebook.Rulebook,
  calendar: WorkCalendar.WorkCalendar,
  options?: Options
): Exercise.Result => {
  const t = tableOf(list)
  const p = findPrepared(list, t, ex.item)
  return p === undefined ? unknownItem(ex) : checkPrepared(p, ex, rulebook, calendar, options, t.localPosts)
}

// Working storage of one check, reused by the next: the record index of each step and the
// proposers and approvers met so far (cadre and record index side by side, no tuples). A check
// that starts while another is running (an `isRelated` callback that checks) takes a fresh one.
interface Scratch {
  readonly recordIdx: Array<number>
  readonly propC: Array<Ids.CadreId>
  readonly propK: Array<number>
  readonly apprC: Array<Ids.CadreId>
  readonly apprK: Array<number>
}

const newScratch = (): Scratch => ({ recordIdx: [], propC: [], propK: [], apprC: [], apprK: [] })
const scratchPool: Array<Scratch> = []

const checkPrepared = (
  p: Prepared,
  ex: Exercise.Exercise,
  rulebook: Rulebook.Rulebook,
  calendar: WorkCalendar.WorkCalendar,
  options: Options | undefined,
  localPosts: ReadonlySet<string> | undefined
): Exercise.Result => {
  const scratch = scratchPool.pop() ?? newScratch()
  try {
    return checkWith(p, ex, rulebook, calendar, options, scratch, localPosts)
  } finally {
    scratchPool.push(scratch)
  }
}

const checkWith = (
  p: Prepared,
  ex: Exercise.Exercise,
  rulebook: Rulebook.Rulebook,
  calendar: WorkCalendar.WorkCalendar,
  options: Options | undefined,
  scratch: Scratch,
  localPosts: ReadonlySet<string> | undefined
): Exercise.Result => {
  const item = p.item
  const out: Array<Finding> = []
  // An exercise that states no status is a completed one.
  const completed = (ex.status ?? "completed") === "completed"
  if (ex.item !== item.code) {
    out.push(
      finding(
        "ITEM_MISMATCH",
        ["item"],
        `该记录属于事项 ${ex.item}，不能按事项 ${item.code} 检查`,
        `the exercise is of item ${ex.item}; it cannot be checked against item ${item.code}`
      )
    )
    return result(out, [], false, false)
  }
  if (p.unresolvedMethod) {
    out.push(
      finding(
        "METHOD_NOT_RESOLVED",
        ["item"],
        `事项 ${item.code} 的流程引用工作法，须连同清单检查（Exercise.checkInList），或先用 PowerList.resolve 展开`,
        `item ${item.code} follows a method by reference; check it with its list (Exercise.checkInList) or write it out first with PowerList.resolve`
      )
    )
    return result(out, [], false, false)
  }

  // --- the rulebook in force -----------------------------------------------------------------
  const rulesE = Rulebook.at(rulebook, ex.date)
  let rules: Rulebook.RuleSet | undefined
  if (Either.isRight(rulesE)) rules = rulesE.right
  else {
    out.push(
      finding(
        "RULEBOOK_NOT_IN_FORCE",
        ["date"],
        `${ex.date} 没有生效的规则集（最早 ${rulesE.left.earliest}），金额标准、会议规则和公开期限未能检查`,
        `no rulebook edition is in force on ${ex.date} (earliest ${rulesE.left.earliest}); thresholds, meeting rules and disclosure deadlines were not checked`
      )
    )
  }

  // --- which requirements apply --------------------------------------------------------------
  const amount = ex.amount === undefined ? undefined : Money.toFen(ex.amount)
  // Plain flags rather than a record: a check allocates nothing it does not report.
  let bits = 0
  if (amount === undefined && p.hasAmountCondition) {
    out.push(
      finding(
        "AMOUNT_MISSING",
        ["amount"],
        `事项 ${item.code} 按金额确定是否需要四议两公开、提级监督或招标，但记录未填写金额`,
        `item ${item.code} has amount thresholds (四议两公开, escalation, tender) but the exercise states no amount`
      )
    )
  }
  // Steps required by a condition that holds (`then: { steps }`), by position.
  let stepRequired: Array<boolean> | undefined
  let missingFacts: Array<"ownership" | "counterpartyKind"> | undefined
  for (const c of p.conditions) {
    const tests = c.tests
    if (tests !== undefined) {
      let holds = true
      for (const t of tests) {
        const h = testHolds(t, item, ex, amount, rules)
        if (h === true) continue
        holds = false
        if ((h === "ownership" || h === "counterpartyKind") && !(missingFacts ??= []).includes(h)) missingFacts.push(h)
        break
      }
      if (!holds) continue
    } else if (!c.always) {
      if (amount === undefined) continue
      const param = c.param
      const fen = param === undefined ? c.fen : rules !== undefined ? Rulebook.value(rules, param) : undefined
      if (fen === undefined || amount < fen) continue
    }
    bits |= c.bit
    const st = c.steps
    if (st !== undefined) for (const pos of st) (stepRequired ??= [])[pos] = true
  }
  for (const f of missingFacts ?? NONE) {
    out.push(
      finding(
        "FACT_MISSING",
        f === "ownership" ? ["facts", "ownership"] : ["counterparty", "kind"],
        f === "ownership"
          ? `事项 ${item.code} 按资产权属确定适用要求，但记录未填写权属（facts.ownership）`
          : `事项 ${item.code} 按相对方类型确定适用要求，但记录未填写相对方类型（counterparty.kind）`,
        f === "ownership"
          ? `item ${item.code} decides its requirements by who owns the asset, but the exercise states no facts.ownership`
          : `item ${item.code} decides its requirements by the kind of counterparty, but the exercise states no counterparty.kind`
      )
    )
  }
  let fourAndTwo = (bits & 1) !== 0
  let escalation = (bits & 2) !== 0
  let publicTender = (bits & 4) !== 0
  const competitiveSelection = (bits & 8) !== 0
  if (rules !== undefined && amount !== undefined) {
    if (amount >= Rulebook.value(rules, "threshold.escalation")) escalation = true
    const kind = ex.procurement ?? item.procurement
    if (kind !== undefined && amount >= Rulebook.value(rules, tenderKey(kind))) publicTender = true
  }
  const fourAndTwoRequired = !p.fourAndTwoConditional || fourAndTwo
  if (p.hasFourAndTwoSteps && fourAndTwoRequired) fourAndTwo = true
  const requirements = requirementsOf[
    (fourAndTwo ? 1 : 0) | (escalation ? 2 : 0) | (publicTender ? 4 : 0) | (competitiveSelection ? 8 : 0)
  ]!

  // --- who is who ----------------------------------------------------------------------------
  const actors = ex.actors ?? NONE
  const who: Who = { actors, related: ex.counterparty?.relatedCadres ?? NONE, isRelated: options?.isRelated, cp: ex.counterparty }
  // Decided once per exercise, so the per-step loop does no scans when no one is related and no
  // one holds both top posts (the common case).
  let anyRelated = who.related.length > 0 || (who.isRelated !== undefined && who.cp !== undefined)
  let dualCadres: Array<string> | undefined
  for (let x = 0; x < actors.length; x++) {
    const a = actors[x]!
    if (a.relatedToCounterparty) anyRelated = true
    // One pass over the posts: the two top posts (一肩挑) and, with the list at hand, unknown ones.
    const posts = a.posts
    let top = 0
    for (let y = 0; y < posts.length; y++) {
      const post = posts[y]!
      if (post === "partySecretary") top |= 1
      else if (post === "committeeDirector") top |= 2
      else if (localPosts === undefined || Post.isBuiltIn(post) || localPosts.has(post)) continue
      else out.push(
        finding(
          "UNKNOWN_POST",
          ["actors", x, "posts", y],
          `${label(who, a.cadre)} 的职务 "${post}" 既不是内置职务，也不是清单 localPosts 中声明的职务`,
          `${label(who, a.cadre)} holds post "${post}", which is neither a built-in post nor one of the list's localPosts`
        )
      )
    }
    if (top === 3) (dualCadres ??= []).push(a.cadre)
  }
  const cp = ex.counterparty

  // --- steps ---------------------------------------------------------------------------------
  const n = p.steps.length
  // recordIdx[i] is the index in `ex.steps` of the record of step i, or -1 when none.
  const recordIdx = scratch.recordIdx
  for (let i = 0; i < n; i++) recordIdx[i] = -1
  const recs = ex.steps
  // Records usually follow the procedure: try the step after the last one found before the map
  // (only when every step id is unique, so the guess is the position the map would give).
  const steps = p.steps
  const guessable = p.duplicateSteps.length === 0
  let guess = 0
  for (let k = 0; k < recs.length; k++) {
    const r = recs[k]!
    const id = r.stepId
    const pos = guessable && guess < n && steps[guess]!.id === id ? guess : p.index.get(id)
    if (pos !== undefined) guess = pos + 1
    if (pos === undefined) {
      out.push(
        finding(
          "UNKNOWN_STEP",
          ["steps", k, "stepId"],
          `事项 ${item.code} 的流程中没有步骤 "${r.stepId}"`,
          `item ${item.code} has no step "${r.stepId}"`
        )
      )
      continue
    }
    if (recordIdx[pos]! >= 0) {
      out.push(
        finding(
          "DUPLICATE_STEP_RECORD",
          ["steps", k],
          `步骤 "${r.stepId}" 重复登记，以第一次为准`,
          `step "${r.stepId}" is recorded more than once; the first record counts`
        )
      )
      continue
    }
    recordIdx[pos] = k
  }

  let lastPerformed = -1
  for (let i = 0; i < n; i++) if (recordIdx[i]! >= 0) lastPerformed = i
  const mustBeDone = completed ? n : lastPerformed
  let maxDate: LocalDate.LocalDate | undefined
  let maxStep = ""
  // Allocated only when a step needs them: most exercises have no proposer/approver overlap to find.
  const { propC, propK, apprC, apprK } = scratch
  let nProp = 0
  let nAppr = 0
  let dualSeen: Array<string> | undefined
  // A town review recorded before the village decides counts as 提级监督 even when
  // `safeguards.townReview` is not set; a later audit does not.
  let townReviewed = ex.safeguards?.townReview ?? false

  for (let i = 0; i < n; i++) {
    const s = p.steps[i]!
    const r = recordIdx[i]! >= 0 ? recs[recordIdx[i]!] : undefined
    if (r === undefined) {
      const f = p.flags[i]!
      if (i < mustBeDone && ((f & 7) === 0 || fourAndTwoRequired) && ((f & CONDITIONAL) === 0 || stepRequired?.[i] === true)) {
        const four = (f & 7) !== 0
        out.push(
          finding(
            "STEP_MISSING",
            ["steps"],
            `缺少步骤 "${s.id}"（${s.name.zh}）${four ? "，这是\"四议两公开\"的必经程序" : ""}`,
            `step "${s.id}" (${s.name.en ?? s.name.zh}) was not performed${four ? "; it is one of the six steps of 四议两公开" : ""}`
          )
        )
      }
      continue
    }
    const k = recordIdx[i]!

    if (maxDate !== undefined && r.date < maxDate) {
      out.push(
        finding(
          "STEP_OUT_OF_ORDER",
          ["steps", k, "date"],
          `步骤 "${s.id}"（${r.date}）早于应在其前的步骤 "${maxStep}"（${maxDate}）`,
          `step "${s.id}" (${r.date}) was performed before step "${maxStep}" (${maxDate}), which must precede it`
        )
      )
    } else {
      maxDate = r.date
      maxStep = s.id
    }
    if (r.date < ex.date) {
      out.push(
        finding(
          "STEP_BEFORE_EXERCISE",
          ["steps", k, "date"],
          `步骤 "${s.id}" 的日期 ${r.date} 早于事项开始日 ${ex.date}`,
          `step "${s.id}" is dated ${r.date}, before the exercise started (${ex.date})`
        )
      )
    }

    if (s.evidence.length > 0) {
      let missing: Array<PowerList.Evidence> | undefined
      // Records usually list the evidence in the order the list asks for it: match that first.
      const want = s.evidence
      const got = r.evidence ?? NONE
      let e = 0
      while (e < want.length && e < got.length && got[e] === want[e]) e++
      for (; e < want.length; e++) if (!got.includes(want[e]!)) (missing ??= []).push(want[e]!)
      if (missing !== undefined) {
        out.push(
          finding(
            "EVIDENCE_MISSING",
            ["steps", k, "evidence"],
            `步骤 "${s.id}" 缺少留痕材料：${missing.join("、")}`,
            `step "${s.id}" lacks the evidence: ${missing.join(", ")}`
          )
        )
      }
    }

    // performer
    const pb = r.performedBy
    const external = Array.isArray(pb) || !("external" in pb) ? undefined : pb.external
    const performingBody = Array.isArray(pb)
      ? r.meeting?.body
      : external !== undefined
      ? undefined
      : (pb as { readonly body: PowerList.Body }).body
    if ("external" in s.actor) {
      const want = s.actor.external
      if (external === undefined || external.level !== want.level || external.sector !== want.sector) {
        out.push(
          finding(
            "PERFORMER_MISMATCH",
            ["steps", k, "performedBy"],
            `步骤 "${s.id}" 应由${want.name.zh}办理，但记录的办理者不是该部门`,
            `step "${s.id}" belongs to ${want.name.en ?? want.name.zh} (${want.level} ${want.sector}), but the record names another performer`
          )
        )
      }
    } else if (external !== undefined) {
      out.push(
        finding(
          "PERFORMER_MISMATCH",
          ["steps", k, "performedBy"],
          `步骤 "${s.id}" 应由村内履行，实际由外部部门 ${external.name?.zh ?? `${external.level} ${external.sector}`} 履行`,
          `step "${s.id}" belongs to the village, but was performed by the ${external.level} ${external.sector} department`
        )
      )
    } else if ("body" in s.actor) {
      const expected = s.actor.body
      // For property a 村民小组 owns, its meeting stands in for the village assembly (组织法 §28; 民法典 §262).
      const groupDecides = performingBody === "villagerGroupMeeting" && isAssembly(expected) &&
        (p.groupOwned || ex.facts?.ownership === "villagerGroup")
      if (
        performingBody !== undefined && performingBody !== expected && !groupDecides &&
        !(isAssembly(performingBody) && isAssembly(expected))
      ) {
        if (item.article24 !== undefined && s.act === "resolve") {
          out.push(
            finding(
              "WRONG_DECIDING_BODY",
              ["steps", k, "performedBy"],
              `${item.code} 属于村民委员会组织法第二十四条事项，只能由村民会议或村民代表会议决定，本次由${bodyZh[performingBody]}决定`,
              `${item.code} is a §24 matter that only the villagers' (representative) assembly may decide; it was decided by ${performingBody}`
            )
          )
        } else {
          out.push(
            finding(
              "PERFORMER_MISMATCH",
              ["steps", k, "performedBy"],
              `步骤 "${s.id}" 应由${bodyZh[expected]}履行，实际由${bodyZh[performingBody]}履行`,
              `step "${s.id}" belongs to ${expected} but was performed by ${performingBody}`
            )
          )
        }
      }
    } else if (!Array.isArray(pb)) {
      const post = "post" in s.actor ? s.actor.post : s.actor.anyOfPosts.join(" / ")
      out.push(
        finding(
          "PERFORMER_MISMATCH",
          ["steps", k, "performedBy"],
          `步骤 "${s.id}" 应由岗位 ${post} 履行，实际由${bodyZh[performingBody!]}履行`,
          `step "${s.id}" belongs to the post ${post} but was performed by ${performingBody}`
        )
      )
    } else {
      const wanted: ReadonlyArray<string> = "post" in s.actor ? [s.actor.post] : s.actor.anyOfPosts
      let known = false
      let holds = false
      for (const c of pb as ReadonlyArray<Ids.CadreId>) {
        const posts = postsOf(who, c)
        if (posts === undefined) continue
        known = true
        for (const w of wanted) if (posts.includes(w)) holds = true
      }
      if (known && !holds) {
        const post = wanted.join(" / ")
        out.push(
          finding(
            "PERFORMER_MISMATCH",
            ["steps", k, "performedBy"],
            `步骤 "${s.id}" 应由岗位 ${post} 履行，但履行人不担任该职务`,
            `step "${s.id}" belongs to the post ${post}, which none of its performers holds`
          )
        )
      }
    }

    // 一监督: a 监委会 member attended or signed
    if ((p.flags[i]! & SUPERVISED) !== 0 && performingBody !== "supervisionCommittee" && !("body" in s.actor && s.actor.body === "supervisionCommittee")) {
      const sup = r.supervisors ?? NONE
      let member = false
      let anyKnown = false
      for (const c of sup) {
        const posts = postsOf(who, c)
        if (posts === undefined) {
          // A supervisor the exercise does not describe is taken at the record's word.
          member = true
          break
        }
        anyKnown = true
        if (posts.includes(supervisionPosts[0]!) || posts.includes(supervisionPosts[1]!)) {
          member = true
          break
        }
      }
      if (!member) {
        out.push(
          finding(
            "SUPERVISION_MISSING",
            ["steps", k, "supervisors"],
            anyKnown
              ? `步骤 "${s.id}" 须有村务监督委员会成员全程监督，但所列监督人均不是监委会成员`
              : `步骤 "${s.id}" 须有村务监督委员会成员全程监督（一监督），但记录中没有监委会成员到场或签字`,
            anyKnown
              ? `step "${s.id}" is watched by the supervision committee, but none of the supervisors named is a member of it`
              : `step "${s.id}" is watched by the supervision committee (一监督), but no member attended or signed the record`
          )
        )
      }
    }

    if (!townReviewed && i < p.firstDecision && (s.act === "verify" || s.act === "approve" || s.act === "review")) {
      if (isTownBody(performingBody ?? ("body" in s.actor ? s.actor.body : undefined))) townReviewed = true
    }

    // meeting
    const meetingBody = (p.flags[i]! & MEETING) !== 0
      ? r.meeting?.body ?? performingBody ?? ("body" in s.actor ? s.actor.body : undefined)
      : undefined
    const ruleKey = meetingBody === undefined ? undefined : meetingRuleKey(meetingBody)
    if (ruleKey !== undefined) {
      if (r.meeting === undefined) {
        out.push(
          finding(
            "MEETING_RECORD_MISSING",
            ["steps", k, "meeting"],
            `步骤 "${s.id}" 是${bodyZh[meetingBody!]}，但没有登记到会和表决人数，无法核对法定人数`,
            `step "${s.id}" is a meeting of ${meetingBody} but records no attendance or votes; quorum and majority cannot be checked`
          )
        )
      } else if (rules !== undefined) {
        checkMeeting(r.meeting, Rulebook.value(rules, ruleKey) as Rulebook.MeetingRule, meetingBody!, s, k, out)
      }
    }

    // persons
    const proposes = proposing(s.act)
    const approves = approving(s.act)
    const scan = (p.flags[i]! & SWAYING) !== 0 && (anyRelated || dualCadres !== undefined)
    if (!proposes && !approves && !scan) continue
    const persons = answerable(who, r, s)
    if (proposes) {
      for (const c of persons) {
        propC[nProp] = c
        propK[nProp++] = k
      }
    }
    if (approves) {
      for (const c of persons) {
        apprC[nAppr] = c
        apprK[nAppr++] = k
      }
    }
    const attendees = !scan || Array.isArray(pb) || persons === (pb as { readonly cadres?: ReadonlyArray<Ids.CadreId> }).cadres
      ? NONE
      : (pb as { readonly cadres?: ReadonlyArray<Ids.CadreId> }).cadres ?? NONE
    let relatedHere: Array<Ids.CadreId> | undefined
    for (let t = 0, m = scan ? persons.length + attendees.length : 0; t < m; t++) {
      const c = t < persons.length ? persons[t]! : attendees[t - persons.length]!
      if (anyRelated && relatedTo(who, c) && (relatedHere === undefined || !relatedHere.includes(c))) (relatedHere ??= []).push(c)
      if (dualCadres !== undefined && dualCadres.includes(c) && !(dualSeen ??= []).includes(c)) {
        dualSeen.push(c)
        out.push(
          finding(
            "DUAL_TOP_POSTS",
            ["steps", k, "performedBy"],
            `${label(who, c)} 同时担任村党组织书记和村委会主任（一肩挑），本事项应加强监督`,
            `${label(who, c)} is both party secretary and committee director (一肩挑); the exercise calls for closer supervision`
          )
        )
      }
    }
    if (relatedHere !== undefined) {
      out.push(
        finding(
          "RECUSAL_REQUIRED",
          ["steps", k, "performedBy"],
          `${relatedHere.map((c) => label(who, c)).join("、")} 与相对方${cp?.name ?? ""}存在亲属或利害关系，应当回避却参与了步骤 "${s.id}"`,
          `${relatedHere.map((c) => label(who, c)).join(", ")} ${relatedHere.length > 1 ? "are" : "is"} related to the counterparty${cp !== undefined ? ` (${cp.name})` : ""} and should have recused, but took part in step "${s.id}"`
        )
      )
    }
  }

  // --- self-approval -------------------------------------------------------------------------
  for (let x = 0; x < nAppr; x++) {
    const a = apprC[x]!
    const ka = apprK[x]!
    for (let y = 0; y < nProp; y++) {
      if (a !== propC[y] || ka === propK[y]) continue
      const dual = dualTop(who, a)
      out.push(
        finding(
          "SELF_APPROVAL",
          ["steps", ka, "performedBy"],
          `${label(who, a)} 既提出（申请）又批准（决定）了本事项${dual ? "：作为书记提议、又作为主任审批（一肩挑）" : ""}，违反不相容职务分离`,
          `${label(who, a)} both proposed (or applied for) and approved this matter${dual ? " — proposing as party secretary and approving as committee director (一肩挑)" : ""}; incompatible duties must be separated`
        )
      )
      break
    }
  }

  // --- disclosures ---------------------------------------------------------------------------
  const disclosures = ex.disclosures ?? NONE
  for (let k = 0; k < disclosures.length; k++) {
    const d = disclosures[k]!
    const duty = dutyOf(item, d.dutyId)
    if (duty === undefined) {
      out.push(
        finding(
          "UNKNOWN_DISCLOSURE_DUTY",
          ["disclosures", k, "dutyId"],
          `事项 ${item.code} 没有公开事项 "${d.dutyId}"`,
          `item ${item.code} has no disclosure duty "${d.dutyId}"`
        )
      )
      continue
    }
    if (!duty.channels.includes(d.channel)) {
      out.push(
        finding(
          "DISCLOSURE_WRONG_CHANNEL",
          ["disclosures", k, "channel"],
          `公开事项 "${d.dutyId}" 应在 ${duty.channels.join("、")} 公开，实际在 ${d.channel}`,
          `disclosure "${d.dutyId}" belongs on ${duty.channels.join(", ")}, not ${d.channel}`
        )
      )
    }
  }
  const asOf = options?.asOf
  for (let j = 0; j < item.disclosures.length; j++) {
    const duty = item.disclosures[j]!
    if (p.duplicateDuties && dutyOf(item, duty.id) !== duty) continue
    const pos = p.index.get(duty.afterStep)
    const stepRec = pos === undefined || recordIdx[pos]! < 0 ? undefined : recs[recordIdx[pos]!]
    if (stepRec === undefined) continue
    // The earliest posting of the duty (the first of equals); disclosures are few, so a scan
    // beats building a map per exercise.
    let gotK = -1
    for (let k = 0; k < disclosures.length; k++) {
      const d = disclosures[k]!
      if (d.dutyId === duty.id && (gotK < 0 || d.postedOn < disclosures[gotK]!.postedOn)) gotK = k
    }
    const got = gotK < 0 ? undefined : disclosures[gotK]!
    if (got !== undefined) {
      const d = got
      const k = gotK
      if (d.postedOn < stepRec.date) {
        out.push(
          finding(
            "DISCLOSURE_BEFORE_STEP",
            ["disclosures", k, "postedOn"],
            `公开事项 "${duty.id}" 于 ${d.postedOn} 公开，早于其所公开的步骤（${stepRec.date}）`,
            `disclosure "${duty.id}" was posted on ${d.postedOn}, before the step it reports on (${stepRec.date})`
          )
        )
      }
      if (duty.minimumPostedDays !== undefined && d.removedOn !== undefined &&
        epochDay(d.removedOn) - epochDay(d.postedOn) < duty.minimumPostedDays) {
        out.push(
          finding(
            "DISCLOSURE_TOO_SHORT",
            ["disclosures", k, "removedOn"],
            `公开事项 "${duty.id}" 只公示了 ${LocalDate.daysBetween(d.postedOn, d.removedOn)} 天，不足 ${duty.minimumPostedDays} 天`,
            `disclosure "${duty.id}" stayed up ${LocalDate.daysBetween(d.postedOn, d.removedOn)} days, less than the ${duty.minimumPostedDays} required`
          )
        )
      }
    }
    if ("every" in duty.within) {
      if (rules === undefined) {
        if (got === undefined && completed) out.push(missingDisclosure(duty, j, stepRec.date, undefined))
        continue
      }
      const frequency = Rulebook.value(rules, duty.within.every)
      const end = periodDue(stepRec.date, frequency)
      const rolled = Rulebook.value(rules, "deadline.rollForwardFromRestDay")
        ? Either.getOrElse(WorkCalendar.rollForward(calendar, end), () => end)
        : end
      const citation = Rulebook.citationOf(rules, duty.within.every)
      const basis = `${citation.law}${citation.article !== undefined ? ` ${citation.article}` : ""}`
      if (got === undefined) {
        if (completed || (asOf !== undefined && asOf > rolled)) {
          out.push(
            finding(
              "DISCLOSURE_MISSING",
              ["disclosures"],
              `未按${frequencyZh[frequency]}公开"${duty.what.zh}"（公开事项 "${duty.id}"，步骤 ${duty.afterStep} 于 ${stepRec.date} 完成，应于 ${rolled} 前公开；${basis}）`,
              `"${duty.what.en ?? duty.what.zh}" (disclosure ${duty.id}) is published ${frequency} and was never posted; step ${duty.afterStep} was done on ${stepRec.date} and the deadline was ${rolled} (${basis})`
            )
          )
        }
      } else if (got.postedOn > rolled) {
        out.push(
          finding(
            "DISCLOSURE_LATE",
            ["disclosures", gotK, "postedOn"],
            `公开事项 "${duty.id}" 须${frequencyZh[frequency]}公开，${stepRec.date} 的事项应于 ${rolled} 前公开，实际 ${got.postedOn} 才公开（${basis}）`,
            `disclosure "${duty.id}" is published ${frequency}: what was done on ${stepRec.date} was due by ${rolled} but was posted on ${got.postedOn} (${basis})`
          )
        )
      }
      continue
    }
    const within = "duration" in duty.within
      ? duty.within.duration
      : rules !== undefined
      ? Rulebook.value(rules, duty.within.parameter)
      : undefined
    if (within === undefined) {
      if (got === undefined && completed) out.push(missingDisclosure(duty, j, stepRec.date, undefined))
      continue
    }
    // Without a rule set in force (already reported) the limit is not carried over a rest day: the
    // unmoved date is never later than the carried-over one.
    const dueE = dueDate(
      calendar,
      stepRec.date,
      within,
      rules !== undefined && Rulebook.value(rules, "deadline.rollForwardFromRestDay")
    )
    if (Either.isLeft(dueE)) {
      out.push(
        finding(
          "CALENDAR_OUT_OF_RANGE",
          ["disclosures"],
          `工作日历未覆盖 ${dueE.left.date}，无法计算公开事项 "${duty.id}" 的期限；请补充该年度的节假日安排`,
          `the working-day calendar does not cover ${dueE.left.date}; the deadline of disclosure "${duty.id}" could not be computed (add that year's holiday schedule)`
        )
      )
      if (got === undefined && completed) out.push(missingDisclosure(duty, j, stepRec.date, undefined))
      continue
    }
    const due = dueE.right
    if (got === undefined) {
      if (completed || (asOf !== undefined && asOf > due)) out.push(missingDisclosure(duty, j, stepRec.date, due))
    } else if (got.postedOn > due) {
      out.push(
        finding(
          "DISCLOSURE_LATE",
          ["disclosures", gotK, "postedOn"],
          `公开事项 "${duty.id}" 应于 ${due} 前公开，实际 ${got.postedOn} 才公开`,
          `disclosure "${duty.id}" was due by ${due} but was posted on ${got.postedOn}`
        )
      )
    }
  }

  // --- safeguards the amount calls for -------------------------------------------------------
  const sg = ex.safeguards ?? noSafeguards
  // The amount as messages print it, formatted only when a finding quotes it.
  const amt = (escalation && !townReviewed) || (publicTender && !sg.publicTender)
    ? amount === undefined ? "" : yuan(amount)
    : ""
  if (escalation && !townReviewed) {
    out.push(
      finding(
        "ESCALATION_REQUIRED",
        ["safeguards", "townReview"],
        `金额 ${amt} 元达到提级监督标准，须报镇级审核，但未经镇审核`,
        `the amount (${amt} yuan) calls for town review (提级监督), which did not take place`
      )
    )
  }
  if (publicTender && !sg.publicTender) {
    const kind = ex.procurement ?? item.procurement
    out.push(
      finding(
        "TENDER_REQUIRED",
        ["safeguards", "publicTender"],
        `${kind !== undefined ? procurementZh[kind] : ""}金额 ${amt} 元达到必须公开招标的标准，但未公开招标`,
        `the ${kind ?? "contract"} amount (${amt} yuan) must be publicly tendered, and no public tender took place`
      )
    )
  }
  if (competitiveSelection && !sg.competitiveSelection && !sg.publicTender) {
    out.push(
      finding(
        "COMPETITIVE_SELECTION_REQUIRED",
        ["safeguards", "competitiveSelection"],
        `本事项须经比选（竞争性选择）确定承接方，但未比选`,
        `the item requires a competitive selection (比选) of the contractor, which did not take place`
      )
    )
  }

  return result(out, requirements, escalation, publicTender)
}

const missingDisclosure = (
  duty: PowerList.DisclosureDuty,
  j: number,
  stepDate: LocalDate.LocalDate,
  due: LocalDate.LocalDate | undefined
): Finding =>
  finding(
    "DISCLOSURE_MISSING",
    ["disclosures"],
    `未公开"${duty.what.zh}"（公开事项 "${duty.id}"，步骤 ${duty.afterStep} 于 ${stepDate} 完成${due !== undefined ? `，应于 ${due} 前公开` : ""}）`,
    `"${duty.what.en ?? duty.what.zh}" (disclosure ${duty.id}, item.disclosures[${j}]) was never posted; step ${duty.afterStep} was done on ${stepDate}${due !== undefined ? ` and the deadline was ${due}` : ""}`
  )

const basisZh = { members: "应到成员", adultVillagers: "年满十八周岁村民", households: "户" } as const

const checkMeeting = (
  m: Exercise.Meeting,
  rule: Rulebook.MeetingRule,
  body: PowerList.Body,
  s: PowerList.Step,
  k: number,
  out: Array<Finding>
): void => {
  const votes = m.votesFor + m.votesAgainst + (m.abstentions ?? 0)
  // Lists of problems and of quorum bases tried exist only when there is something to report.
  let problems: Array<string> | undefined
  if (votes > m.present) (problems ??= []).push(`votes (${votes}) > present (${m.present})`)
  if (m.membersEntitled !== undefined && m.present > m.membersEntitled) {
    (problems ??= []).push(`present (${m.present}) > members entitled (${m.membersEntitled})`)
  }
  if (m.adultVillagers !== undefined && m.adultVillagers.present > m.adultVillagers.total) {
    (problems ??= []).push(`adult villagers present (${m.adultVillagers.present}) > total (${m.adultVillagers.total})`)
  }
  if (m.households !== undefined && m.households.represented > m.households.total) {
    (problems ??= []).push(`households represented (${m.households.represented}) > total (${m.households.total})`)
  }
  if (problems !== undefined) {
    out.push(
      finding(
        "MEETING_COUNTS_INCONSISTENT",
        ["steps", k, "meeting"],
        `步骤 "${s.id}" 的会议人数自相矛盾：${problems.join("; ")}`,
        `the counts of step "${s.id}" contradict each other: ${problems.join("; ")}`
      )
    )
    return
  }
  let quorate = false
  let tried: Array<string> | undefined
  let triedZh: Array<string> | undefined
  for (const q of rule.quorum) {
    let got: number | undefined
    let of: number | undefined
    if (q.basis === "members") {
      got = m.present
      of = m.membersEntitled
    } else if (q.basis === "adultVillagers") {
      got = m.adultVillagers?.present
      of = m.adultVillagers?.total
    } else {
      got = m.households?.represented
      of = m.households?.total
    }
    if (got === undefined || of === undefined) {
      (tried ??= []).push(`${q.basis} ${Threshold.format(q.threshold)}: not recorded`)
      ;(triedZh ??= []).push(`${basisZh[q.basis]} ${Threshold.format(q.threshold)}：未登记`)
      continue
    }
    if (Threshold.isMet(q.threshold, got, of)) {
      quorate = true
      break
    }
    const need = Threshold.minimumCount(q.threshold, of)
    ;(tried ??= []).push(`${q.basis} ${got}/${of}, needs ${Threshold.format(q.threshold)} (at least ${need})`)
    ;(triedZh ??= []).push(`${basisZh[q.basis]} ${got}/${of}，须 ${Threshold.format(q.threshold)}（至少 ${need}）`)
  }
  if (!quorate) {
    out.push(
      finding(
        "QUORUM_NOT_MET",
        ["steps", k, "meeting"],
        `${bodyZh[body]}（步骤 "${s.id}"）未达到法定到会人数：${(triedZh ?? NONE).join("；")}`,
        `the ${body} meeting of step "${s.id}" lacked its quorum: ${(tried ?? NONE).join("; ")}`
      )
    )
  }
  const base = rule.majority.of === "present" ? m.present : m.membersEntitled
  if (base === undefined) {
    out.push(
      finding(
        "MEETING_RECORD_MISSING",
        ["steps", k, "meeting", "membersEntitled"],
        `${bodyZh[body]}的表决须按应到成员计算，但未登记应到人数`,
        `the ${body} majority is counted against all members, but membersEntitled is not recorded`
      )
    )
    return
  }
  if (!Threshold.isMet(rule.majority.threshold, m.votesFor, base)) {
    const need = Threshold.minimumCount(rule.majority.threshold, base)
    out.push(
      finding(
        "MAJORITY_NOT_REACHED",
        ["steps", k, "meeting", "votesFor"],
        `${bodyZh[body]}（步骤 "${s.id}"）赞成 ${m.votesFor} 票，未达到${rule.majority.of === "present" ? "到会人数" : "应到成员"} ${base} 的 ${Threshold.format(rule.majority.threshold)}（至少 ${need} 票）`,
        `the ${body} meeting of step "${s.id}" had ${m.votesFor} votes for; it needed ${Threshold.format(rule.majority.threshold)} of ${rule.majority.of === "present" ? "those present" : "all members"} (${base}), at least ${need}`
      )
    )
  }
}
