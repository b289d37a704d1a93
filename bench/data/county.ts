// County-scale data for the power-list benchmark: 600 villages' micro-power lists derived from
// the reference list (codes, wording, local posts, extra controls and deadlines vary by village;
// a few lists carry mistakes), and exercises of their powers over 2025–2026 — most clean, some
// with the faults supervision meets (a missing step, a short quorum, a late or missing notice,
// missing evidence, a related cadre, a skipped tender or town review). Deterministic: a seeded
// generator, so every run measures the same work. Everything is produced in encoded (JSON) form,
// as it would arrive from a county's files.
import { Exercise, LocalDate, Money, PowerList, Rulebook, WorkCalendar } from "@qinglian/core"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"

/** A small, fast, seeded PRNG (mulberry32). */
export const rng = (seed: number) => {
  let a = seed >>> 0
  return (): number => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
type Rng = ReturnType<typeof rng>
const int = (r: Rng, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1))
const pick = <A>(r: Rng, xs: ReadonlyArray<A>): A => xs[Math.floor(r() * xs.length)]!

type ListE = PowerList.PowerListEncoded
type ItemE = ListE["items"][number]
type ExerciseE = Exercise.ExerciseEncoded

const referenceEncoded: ListE = Schema.encodeSync(PowerList.PowerList)(PowerList.reference())

/** The fault a generated exercise carries, if any. */
export type Fault =
  | "none"
  | "stepMissing"
  | "quorum"
  | "disclosureLate"
  | "disclosureMissing"
  | "evidence"
  | "related"
  | "tenderSkipped"
  | "escalationSkipped"

/** The finding each fault must produce. */
export const faultCode: Readonly<Record<Exclude<Fault, "none">, Exercise.Code>> = {
  stepMissing: "STEP_MISSING",
  quorum: "QUORUM_NOT_MET",
  disclosureLate: "DISCLOSURE_LATE",
  disclosureMissing: "DISCLOSURE_MISSING",
  evidence: "EVIDENCE_MISSING",
  related: "RECUSAL_REQUIRED",
  tenderSkipped: "TENDER_REQUIRED",
  escalationSkipped: "ESCALATION_REQUIRED"
}

export interface County {
  readonly lists: ReadonlyArray<ListE>
  readonly exercises: ReadonlyArray<ExerciseE>
  /** For each exercise, the index of its village's list. */
  readonly villageOf: ReadonlyArray<number>
  /** For each exercise, the fault injected. */
  readonly faults: ReadonlyArray<Fault>
  /** Lists generated with a deliberate mistake. */
  readonly brokenLists: ReadonlySet<number>
  /** The day supervision checks the in-progress exercises. */
  readonly asOf: LocalDate.LocalDate
}

// ---------------------------------------------------------------------------------------------
// lists

const codeStyles: ReadonlyArray<(category: string, n: string) => string> = [
  (c, n) => `${c}${n}`,
  (c, n) => `${c}-${Number(n)}`,
  (c, n) => `XW-${c}${n}`,
  (c, n) => `${c}.${n}`
]

const localControls = [
  "村务监督委员会每月抽查一次",
  "镇包村干部每季度督查",
  "纳入\"一周三晒\"任务书跟踪",
  "关键环节拍照留痕并上传平台",
  "结果纳入年度目标责任制考核"
]

const villageList = (r: Rng, v: number, broken: boolean): ListE => {
  const style = codeStyles[v % codeStyles.length]!
  const items: Array<ItemE> = referenceEncoded.items.map((item) => {
    const code = style(item.category, item.code.slice(1))
    const extraControl = r() < 0.3
    const renamed = r() < 0.1
    return {
      ...item,
      code,
      name: renamed ? { ...item.name, zh: `${item.name.zh}(本村)` } : item.name,
      riskPoints: extraControl
        ? item.riskPoints.map((rp, i) => (i === 0 ? { ...rp, controls: [...rp.controls, { zh: pick(r, localControls) }] } : rp))
        : item.riskPoints,
      disclosures: item.disclosures.map((d) =>
        "duration" in d.within && d.within.duration.unit === "days" && r() < 0.3
          ? { ...d, within: { duration: { amount: d.within.duration.amount + int(r, 0, 3), unit: "days" as const } } }
          : d
      )
    }
  })
  const localPosts = v % 5 === 0 ? [{ code: "gridMember", name: { zh: "网格员" } }] : []
  if (v % 5 === 0) {
    // A village that gives its grid member a part in services.
    const g = items.findIndex((i) => i.category === "G")
    items[g] = { ...items[g]!, responsiblePosts: [...items[g]!.responsiblePosts, "gridMember"] }
  }
  if (broken) {
    // The mistakes people make when they edit a list by hand.
    const k = int(r, 0, 2)
    if (k === 0) items[5] = { ...items[5]!, code: items[4]!.code }
    else if (k === 1) items[9] = { ...items[9]!, responsiblePosts: ["treasurer"] }
    else items[20] = { ...items[20]!, disclosures: items[20]!.disclosures.map((d) => ({ ...d, afterStep: "publicise" })) }
  }
  return {
    ...referenceEncoded,
    id: `list-140525-${String(v).padStart(3, "0")}`,
    title: { zh: `第${v}村小微权力清单` },
    jurisdiction: { level: "village", code: `140525${String(100 + (v % 12)).padStart(3, "0")}${String(200 + v).padStart(3, "0")}`, name: `第${v}村` },
    illustrative: false,
    localPosts,
    items
  }
}

// ---------------------------------------------------------------------------------------------
// exercises

const meetingBodies = new Set<PowerList.Body>([
  "twoCommittees",
  "partyMembersMeeting",
  "villagersAssembly",
  "representativesAssembly",
  "villagerGroupMeeting"
])
const meetingActs = new Set<PowerList.Act>(["discuss", "review", "resolve", "approve"])
const townSteps = new Set<PowerList.Act>(["verify", "approve", "review"])
const townBodies = new Set<PowerList.Body>(["townGovernment", "townPartyCommittee"])

interface Roster {
  readonly actors: NonNullable<ExerciseE["actors"]>
  readonly holder: (post: string) => string
  readonly members: ReadonlyArray<string>
}

const roster = (r: Rng, v: number): Roster => {
  const id = (s: string) => `v${v}-${s}`
  const dual = r() < 0.6 // 一肩挑 in most villages
  const actors: Array<NonNullable<ExerciseE["actors"]>[number]> = [
    { cadre: id("secretary"), posts: dual ? ["partySecretary", "committeeDirector", "collectiveEconomyHead"] : ["partySecretary", "collectiveEconomyHead"] },
    ...(dual ? [] : [{ cadre: id("director"), posts: ["committeeDirector" as const] }]),
    { cadre: id("member1"), posts: ["partyCommitteeMember", "villagersCommitteeMember"] },
    { cadre: id("member2"), posts: ["villagersCommitteeMember"] },
    { cadre: id("supervisor"), posts: ["supervisionCommitteeChair", "disciplineMember"] },
    { cadre: id("bookkeeper"), posts: ["bookkeeper"] },
    { cadre: id("clerk"), posts: ["clerk"] }
  ]
  const byPost = new Map<string, string>()
  for (const a of actors) for (const p of a.posts) if (!byPost.has(p)) byPost.set(p, a.cadre)
  return {
    actors,
    holder: (post) => byPost.get(post) ?? id("member2"),
    members: [id("member1"), id("member2")]
  }
}

const meetingFor = (r: Rng, body: PowerList.Body, short: boolean): NonNullable<ExerciseE["steps"][number]["meeting"]> => {
  if (body === "villagersAssembly" || body === "villagerGroupMeeting") {
    const adults = int(r, 300, 1500)
    const households = int(r, 100, 500)
    const present = short ? Math.floor(adults * 0.4) : Math.ceil(adults * 0.72)
    const represented = short ? Math.floor(households * 0.5) : Math.ceil(households * 0.8)
    return {
      present,
      adultVillagers: { total: adults, present },
      households: { total: households, represented },
      votesFor: Math.ceil(present * 0.8),
      votesAgainst: Math.floor(present * 0.1)
    }
  }
  const entitled = body === "twoCommittees" ? int(r, 5, 9) : body === "partyMembersMeeting" ? int(r, 20, 80) : int(r, 30, 60)
  const present = short ? Math.ceil((entitled * 2) / 3) - 1 : Math.min(entitled, Math.ceil((entitled * 2) / 3) + int(r, 0, 5))
  const votesFor = Math.max(Math.floor(entitled / 2) + 1, present - int(r, 0, 2))
  return { membersEntitled: entitled, present, votesFor: Math.min(votesFor, present), votesAgainst: present - Math.min(votesFor, present) }
}

const START = LocalDate.toEpochDay(LocalDate.unsafeMake("2025-01-02"))
const START_SPAN = LocalDate.toEpochDay(LocalDate.unsafeMake("2026-03-31")) - START
const cal = WorkCalendar.china
// Working days of 2025–2026 precomputed once: the generator adds working days millions of times.
const FIRST = LocalDate.toEpochDay(LocalDate.unsafeMake("2025-01-01"))
const LAST = LocalDate.toEpochDay(LocalDate.unsafeMake("2026-12-31"))
const days: Array<string> = []
const working: Array<string> = []
const nextWorking: Array<number> = [] // per day: index in `working` of the first working day after it
const dayIndex = new Map<string, number>()
for (let e = FIRST; e <= LAST; e++) {
  const d = LocalDate.fromEpochDay(e)
  dayIndex.set(d, days.length)
  days.push(d)
  if (Either.getOrThrow(WorkCalendar.isWorkingDay(cal, d))) working.push(d)
}
for (let i = 0, w = 0; i < days.length; i++) {
  while (w < working.length && working[w]! <= days[i]!) w++
  nextWorking.push(w)
}
const addWd = (d: string, n: number): string => {
  const w = working[nextWorking[dayIndex.get(d)!]! + n - 1]
  if (w === undefined) throw new Error(`bench data ran past the calendar: ${d} + ${n} working days`)
  return w
}
const isWd = (d: string) => working[nextWorking[dayIndex.get(d)!]! - 1] === d

const dueOf = (after: string, d: PowerList.DisclosureDuty): string =>
  Either.getOrThrow(
    WorkCalendar.addDuration(cal, after as LocalDate.LocalDate, "duration" in d.within ? d.within.duration : rules2025.disclosure)
  )

const rules2025 = {
  disclosure: Rulebook.value(Rulebook.unsafeAt(Rulebook.defaults, LocalDate.unsafeMake("2025-01-01")), "disclosure.majorMatterDeadline")
}

const thresholds = (() => {
  const rules = Rulebook.unsafeAt(Rulebook.defaults, LocalDate.unsafeMake("2025-01-01"))
  return {
    escalation: Rulebook.value(rules, "threshold.escalation"),
    smallWorks: Rulebook.value(rules, "threshold.smallWorksCompetition"),
    tender: {
      construction: Rulebook.value(rules, "threshold.tenderConstruction"),
      goods: Rulebook.value(rules, "threshold.tenderGoods"),
      services: Rulebook.value(rules, "threshold.tenderServices")
    }
  }
})()

const amountYuan = (r: Rng, item: PowerList.PowerItem): number => {
  // Most village matters are small; works are larger, and a few pass the national tender line.
  const big = item.procurement === "construction" ? 7 : 6.3
  return Math.round(10 ** (3.5 + r() * (big - 3.5)))
}

const exerciseOf = (
  r: Rng,
  n: number,
  v: number,
  item: PowerList.PowerItem,
  code: string,
  people: Roster,
  wanted: Fault
): { readonly exercise: ExerciseE; readonly fault: Fault } => {
  const all = PowerList.steps(item.procedure)
  const inProgress = r() < 0.2
  const cut = inProgress ? int(r, 1, all.length) : all.length
  const hasAmount = (item.conditions ?? []).some((c) => "amountAtLeast" in c.when) || item.procurement !== undefined
  const yuan = hasAmount ? amountYuan(r, item) : undefined
  const fen = yuan === undefined ? undefined : Money.yuan(yuan)
  const kind = item.procurement
  const tenderDue = fen !== undefined && kind !== undefined && fen >= thresholds.tender[kind]
  const escalationDue = fen !== undefined && fen >= thresholds.escalation
  const selectionDue = fen !== undefined && (item.conditions ?? []).some((c) => c.then === "competitiveSelection") && fen >= thresholds.smallWorks

  // A fault is only injected where it can happen in this exercise.
  const meetingSteps = all.slice(0, cut).filter((s) => meetingActs.has(s.act) && "body" in s.actor && meetingBodies.has(s.actor.body))
  const withEvidence = all.slice(0, cut).filter((s) => s.evidence.length > 0)
  const dutiesDue = item.disclosures.filter((d) => all.slice(0, cut).some((s) => s.id === d.afterStep))
  // Thirty working days late is late for every deadline up to a month.
  const lateable = dutiesDue.filter((d) => !("duration" in d.within) || d.within.duration.unit !== "months" || d.within.duration.amount <= 1)
  let fault: Fault = wanted
  if (fault === "stepMissing" && (inProgress || all.length < 2)) fault = "none"
  if (fault === "quorum" && meetingSteps.length === 0) fault = "none"
  if (fault === "disclosureLate" && (lateable.length === 0 || inProgress)) fault = "none"
  if (fault === "disclosureMissing" && (dutiesDue.length === 0 || inProgress)) fault = "none"
  if (fault === "evidence" && withEvidence.length === 0) fault = "none"
  if (fault === "tenderSkipped" && !tenderDue) fault = "none"
  if (fault === "escalationSkipped" && !escalationDue) fault = "none"
  const related = fault === "related"

  const skip = fault === "stepMissing" ? all[int(r, 1, all.length - 1)]!.id : undefined
  const shortMeeting = fault === "quorum" ? pick(r, meetingSteps).id : undefined
  const thinEvidence = fault === "evidence" ? pick(r, withEvidence).id : undefined
  const start = LocalDate.fromEpochDay(START + int(r, 0, START_SPAN))
  let date: string = isWd(start) ? start : addWd(start, 1)
  const started = date
  const stepDates = new Map<string, string>()
  const steps: Array<ExerciseE["steps"][number]> = []
  for (let i = 0; i < cut; i++) {
    const s = all[i]!
    if (i > 0) date = addWd(date, int(r, 1, 4))
    if (s.id === skip) continue
    // Skipping the town's review means its step never happened either.
    if (fault === "escalationSkipped" && townSteps.has(s.act) && "body" in s.actor && townBodies.has(s.actor.body)) continue
    stepDates.set(s.id, date)
    const performedBy: ExerciseE["steps"][number]["performedBy"] =
      "post" in s.actor
        ? [people.holder(s.actor.post)]
        : !("body" in s.actor)
        ? []
        : related && s.act === "tender"
        ? { body: s.actor.body, cadres: people.members }
        : { body: s.actor.body }
    const evidence = s.id === thinEvidence ? s.evidence.slice(1) : s.evidence
    const meets = meetingActs.has(s.act) && "body" in s.actor && meetingBodies.has(s.actor.body)
    steps.push({
      stepId: s.id,
      performedBy,
      date,
      evidence,
      ...(meets ? { meeting: meetingFor(r, (s.actor as { body: PowerList.Body }).body, s.id === shortMeeting) } : {})
    })
  }
  const lateDuty = fault === "disclosureLate" ? pick(r, lateable).id : undefined
  const missingDuty = fault === "disclosureMissing" ? pick(r, dutiesDue).id : undefined
  const disclosures: Array<NonNullable<ExerciseE["disclosures"]>[number]> = []
  for (const d of dutiesDue) {
    const after = stepDates.get(d.afterStep)
    if (after === undefined || d.id === missingDuty) continue
    // On time means the same day or the next working day, unless that passes a short calendar-day limit.
    const soon = addWd(after, 1)
    const postedOn = d.id === lateDuty ? addWd(after, 30) : r() < 0.5 || soon > dueOf(after, d) ? after : soon
    const removedOn = LocalDate.fromEpochDay(LocalDate.toEpochDay(postedOn as LocalDate.LocalDate) + (d.minimumPostedDays ?? 5) + 2)
    disclosures.push({ dutyId: d.id, postedOn, channel: d.channels[0], removedOn })
  }
  // A related cadre is only a fault where the cadres take part in a step.
  if (related && !steps.some((s) => !Array.isArray(s.performedBy) && "cadres" in s.performedBy)) fault = "none"
  return {
    fault,
    exercise: {
      id: `ex-${n}`,
      item: code,
      village: `village-${v}`,
      date: started,
      status: inProgress ? "inProgress" : "completed",
      ...(yuan !== undefined ? { amount: { amount: yuan, unit: "yuan" as const } } : {}),
      ...(fault === "related" ? { counterparty: { name: "某工程公司", relatedCadres: [people.members[0]!] } } : {}),
      actors: people.actors,
      steps,
      disclosures,
      safeguards: {
        publicTender: tenderDue && fault !== "tenderSkipped",
        // Skipping the tender means splitting the works into lots chosen by competitive selection.
        competitiveSelection: fault === "tenderSkipped" || (selectionDue && !tenderDue),
        townReview: escalationDue && fault !== "escalationSkipped"
      }
    }
  }
}

const faultMix: ReadonlyArray<[Fault, number]> = [
  ["stepMissing", 0.03],
  ["quorum", 0.03],
  ["disclosureLate", 0.04],
  ["disclosureMissing", 0.02],
  ["evidence", 0.04],
  ["related", 0.03],
  ["tenderSkipped", 0.02],
  ["escalationSkipped", 0.03]
]
const drawFault = (r: Rng): Fault => {
  let x = r()
  for (const [f, p] of faultMix) {
    if (x < p) return f
    x -= p
  }
  return "none"
}

/** Builds a county: `villages` lists and `exercises` exercises, deterministically from `seed`. */
export const makeCounty = (options: { villages: number; exercises: number; seed?: number }): County => {
  const r = rng(options.seed ?? 140525)
  const brokenLists = new Set<number>()
  const lists: Array<ListE> = []
  for (let v = 0; v < options.villages; v++) {
    const broken = r() < 0.03
    if (broken) brokenLists.add(v)
    lists.push(villageList(r, v, broken))
  }
  // Village lists keep the reference list's procedures, so its decoded items drive the exercises.
  const reference = PowerList.reference().items
  const rosters = lists.map((_, v) => roster(r, v))
  const exercises: Array<ExerciseE> = []
  const villageOf: Array<number> = []
  const faults: Array<Fault> = []
  for (let n = 0; n < options.exercises; n++) {
    const v = int(r, 0, options.villages - 1)
    // Skewed towards the powers used most: finance, services, works.
    const k = r() < 0.5 ? pick(r, [14, 15, 18, 20, 31, 34, 46, 47, 48, 49, 50]) : int(r, 0, reference.length - 1)
    const { exercise, fault } = exerciseOf(r, n, v, reference[k]!, lists[v]!.items[k]!.code, rosters[v]!, drawFault(r))
    exercises.push(exercise)
    villageOf.push(v)
    faults.push(fault)
  }
  return { lists, exercises, villageOf, faults, brokenLists, asOf: LocalDate.unsafeMake("2026-12-31") }
}
