/**
 * Overdue dashboards (超期案件): which cases are past the commission's due date, by stage, most
 * overdue first, computed from case states the caller holds. `SupervisionCase.overdueFromStorage`
 * gives the same report from the stored case summaries.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import type * as Ids from "../base/Ids.js"
import * as LocalDate from "../base/LocalDate.js"
import type { Deadline } from "./Deadlines.js"
import type { State } from "./State.js"
import { type Stage, stageLabelZh, stages } from "./Vocabulary.js"

/**
 * One case past its due date.
 *
 * @since 0.1.0
 * @category models
 */
export interface OverdueItem {
  readonly caseId: Ids.CaseId
  readonly town: Ids.TownId
  readonly stage: Stage
  readonly deadline: Deadline
  readonly daysOverdue: number
}

/**
 * A town dashboard's "cases past due, by stage": stages in machine order, each with its overdue
 * cases, most overdue first.
 *
 * @since 0.1.0
 * @category models
 */
export interface OverdueReport {
  readonly today: LocalDate.LocalDate
  readonly total: number
  readonly byStage: ReadonlyArray<{ readonly stage: Stage; readonly labelZh: string; readonly items: ReadonlyArray<OverdueItem> }>
}

/**
 * Cases whose commission deadline passed before `today`. A paused deadline of a suspended case is
 * not overdue; appeal windows never are.
 *
 * @since 0.1.0
 * @category queries
 */
export const overdue = (states: Iterable<State>, today: LocalDate.LocalDate): OverdueReport => {
  const byStage = new Map<Stage, Array<OverdueItem>>()
  let total = 0
  for (const s of states) {
    const d = s.deadline
    if (d === undefined || s.id === undefined || s.town === undefined || d.due >= today) continue
    if (s.suspendedSince !== undefined && d.onSuspend === "pause") continue
    const item: OverdueItem = {
      caseId: s.id,
      town: s.town,
      stage: s.stage,
      deadline: d,
      daysOverdue: LocalDate.daysBetween(d.due, today)
    }
    const list = byStage.get(s.stage)
    if (list === undefined) byStage.set(s.stage, [item])
    else list.push(item)
    total++
  }
  return {
    today,
    total,
    byStage: stages.flatMap((stage) => {
      const items = byStage.get(stage)
      if (items === undefined) return []
      items.sort((a, b) => b.daysOverdue - a.daysOverdue || (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0))
      return [{ stage, labelZh: stageLabelZh[stage], items }]
    })
  }
}

/**
 * {@link overdue} as of today's date in China (UTC+8), read from the Effect `Clock` (so tests
 * drive it with `TestClock`).
 *
 * @since 0.1.0
 * @category queries
 */
export const overdueNow = (states: Iterable<State>): Effect.Effect<OverdueReport> =>
  Effect.map(Clock.currentTimeMillis, (ms) => overdue(states, LocalDate.fromInstantChina(ms)))
