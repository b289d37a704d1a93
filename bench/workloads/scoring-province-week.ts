// A province's week of 一周三晒: 100,000 cadres in 1,000 towns (20 villages of 5), 500,000 tasks,
// every cadre scored with a full ledger, graded (bands, vetoes, the 30% quota) and ranked within
// village and town, through the batch API (Rubric.scoreBatch, Ranking.rankBatch). The baseline is
// a hand-written loop computing the same weighted sums, capped task completion, lateness (working
// days on core's calendar, task by task) and deductions (same integer rounding, no ledger, no
// grades or ranks); setup checks that both give the same totals.
import { LocalDate, WorkCalendar } from "@qinglian/core"
import { Examples, Points, Ranking, Rubric } from "@qinglian/scoring"
import * as Either from "effect/Either"
import { performance } from "node:perf_hooks"
import { workload } from "../harness.js"

const CADRES = 100_000
const TASKS_PER_CADRE = 5
const PER_VILLAGE = 5
const VILLAGES_PER_TOWN = 20

interface State {
  readonly edition: Rubric.Edition
  readonly ctx: Rubric.Context
  readonly facts: ReadonlyArray<Rubric.Facts>
  readonly villages: ReadonlyArray<string>
  readonly towns: ReadonlyArray<string>
  readonly expected: number
}

const rng = (seed: number) => {
  let s = seed >>> 0
  return (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s % n
  }
}

const FULL = 10_000

// The province's week through the batch API: every ledger line kept (in columns), then grades,
// quotas and ranks. `Batch.scored(i)` and `RankedBatch.ranked(i)` give the same objects as
// Rubric.score and Ranking.rank (a property test holds them to it).
const sumRun = (s: State): { total: number; ranked: number; lines: number } => {
  const batch = Rubric.scoreBatch(s.edition, s.facts, s.ctx)
  if (Either.isLeft(batch)) throw batch.left
  let total = 0
  for (let i = 0; i < batch.right.size; i++) total += batch.right.scores[i]!
  const ranked = Ranking.rankBatch(batch.right, { villages: s.villages, towns: s.towns })
  return { total, ranked: ranked.size, lines: batch.right.lines }
}

// The same arithmetic as the rubric engine, written out for this rubric: 40/20/40, per-task
// completion capped at 100%, 0.5 per working day late with the timeliness item worth 8, the
// discipline item (meeting.absent 5, worth 8), clamp to [0, 100].
const sumBaseline = (s: State): number => {
  let total = 0
  for (let i = 0; i < s.facts.length; i++) {
    const f = s.facts[i]!
    const tasks = f.tasks!
    let completion = 0
    for (const t of tasks) {
      const raw = Points.mulDiv(Math.max(0, t.done), FULL, t.target)
      completion += raw < FULL ? raw : FULL
    }
    const targets = Points.mulDiv(completion, 1, tasks.length)
    let score = Points.mulDiv(f.ratings!["villagers"]!, 4000, FULL) + Points.mulDiv(f.ratings!["town"]!, 2000, FULL) + Points.mulDiv(targets, 4000, FULL)
    // Lateness in working days on core's calendar, task by task, as the engine counts it.
    let late = 0
    for (const t of tasks) {
      const end = t.completedOn ?? (t.done >= t.target ? undefined : f.date)
      if (end === undefined || end <= t.deadline) continue
      const d = Either.getOrThrow(WorkCalendar.workingDaysBetween(s.ctx.calendar, t.deadline, end))
      const due = 50 * d
      const left = 800 - late
      late += due < left ? due : left
    }
    score -= late
    let discipline = 0
    for (const x of f.findings!) {
      if (x.kind === "meeting.absent") discipline += discipline + 500 <= 800 ? 500 : 800 - discipline
    }
    score -= discipline
    total += score < 0 ? 0 : score > FULL ? FULL : score
  }
  return total
}

export const scoringProvinceWeek = workload<State>({
  name: "scoring-province-week",
  unit: "cadres/s",
  description: "Rubric.scoreBatch with full ledgers + Ranking.rankBatch (grades, 30% quota, ranks) for 100k cadres / 500k tasks, vs a hand-written loop of the same sums",
  target: {
    description: "≤ 3× the baseline's time, < 1 s per week and peak RSS < 500 MiB",
    met: ({ extra, ratio }) => ratio >= 1 / 3 && (extra["weekMs"] ?? Infinity) < 1000 && (extra["peakRssMiB"] ?? Infinity) < 500
  },
  warmup: 1,
  repetitions: 5,
  minSampleMs: 0,
  setup: () => {
    const file = Either.getOrThrow(Rubric.decodeFile(Examples.weeklyRubric))
    const edition = Either.getOrThrow(Rubric.at(file, LocalDate.unsafeMake("2026-03-23")))
    const calendar = WorkCalendar.china
    const r = rng(20261203)
    const date = LocalDate.unsafeMake("2026-03-23")
    const deadline = LocalDate.unsafeMake("2026-03-20")
    const later = [0, 1, 2, 3, 4, 5].map((k) => LocalDate.addDays(deadline, k))
    const facts: Array<Rubric.Facts> = []
    const villages: Array<string> = []
    const towns: Array<string> = []
    for (let i = 0; i < CADRES; i++) {
      const village = Math.floor(i / PER_VILLAGE)
      villages.push(`v${village}`)
      towns.push(`t${Math.floor(village / VILLAGES_PER_TOWN)}`)
      const tasks: Array<Rubric.TaskOutcome> = []
      for (let k = 0; k < TASKS_PER_CADRE; k++) {
        const target = 2 + r(9)
        const done = r(10) === 0 ? Math.floor(target / 2) : target + r(2)
        const lag = r(8) === 0 ? 1 + r(5) : 0
        const completedOn = done >= target ? later[lag]! : undefined
        tasks.push({ id: `t${i}-${k}`, target, done, deadline, completedOn })
      }
      const findings: Array<Rubric.Fact> = r(20) === 0 ? [{ id: `f${i}`, kind: "meeting.absent" }] : []
      facts.push({
        subject: `c${i}`,
        date,
        ratings: { villagers: 6000 + r(4001), town: 6000 + r(4001) },
        tasks,
        findings
      })
    }
    const state: State = { edition, ctx: { rubricId: file.id, calendar }, facts, villages, towns, expected: 0 }
    const run = sumRun(state).total
    const base = sumBaseline(state)
    if (run !== base) throw new Error(`scoring-province-week: baseline disagrees (${run} vs ${base})`)
    return { ...state, expected: run }
  },
  run: (s) => {
    const t0 = performance.now()
    const { lines, ranked, total } = sumRun(s)
    const weekMs = performance.now() - t0
    if (total !== s.expected || ranked !== CADRES) throw new Error("scoring-province-week: wrong result")
    return { items: CADRES, extra: { weekMs, ledgerLines: lines, peakRssMiB: process.resourceUsage().maxRSS / 1024 } }
  },
  baseline: (s) => {
    if (sumBaseline(s) !== s.expected) throw new Error("scoring-province-week: wrong baseline result")
    return CADRES
  }
})
