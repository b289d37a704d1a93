/**
 * Signals into supervision (考核结果运用): patterns in weekly results that the rubric's `signals`
 * rules name, such as the lowest grade three weeks running, the bottom of the town twice running
 * or the last place in the village three months running. A signal can be registered as a lead
 * (线索受理) through core's `SupervisionCase.execute` (`RegisterLead`, source `ScoringSignal`),
 * with the suggested disposal (谈话提醒, the first of the four forms) in its reference.
 *
 * @example
 * ```ts
 * import { WorkCalendar } from "@qinglian/core"
 * import { Examples, Rubric, Signal, TaskBook, WeeklyAssessment } from "@qinglian/scoring"
 * import { Either } from "effect"
 *
 * // Signals a rubric names ("lowest grade three weeks running" …) over a run of assessed weeks,
 * // each with its evidence and the measure it suggests to supervision (谈话提醒 …).
 * const rubric = Either.getOrThrow(Rubric.decodeFile(Examples.weeklyRubric))
 * const history: Array<WeeklyAssessment.TownWeek> = []
 * for (const w of ["2026-W10", "2026-W11", "2026-W12"].map(TaskBook.unsafeWeek)) {
 *   const villages = [0, 1, 2].map((i) => Examples.villageWeek(i, w))
 *   const previous = history.length > 0 ? { previous: WeeklyAssessment.ranksOf(history[history.length - 1]!) } : {}
 *   history.push(Either.getOrThrow(WeeklyAssessment.assess({
 *     rubric, town: Examples.town.id, week: w, assessedOn: villages[0]!.stockTake.heldOn, villages,
 *     roster: Examples.town.roster, calendar: WorkCalendar.china, ...previous
 *   })))
 * }
 * const body = Either.getOrThrow(Rubric.at(rubric, history[2]!.assessedOn)).rubric
 * for (const s of Signal.detect(body, history)) console.log(s.rule, s.subject, Signal.suggestLabelZh[s.suggest])
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */
import { Citation, Ids, LocalDate, SupervisionCase } from "@qinglian/core"
import * as Schema from "effect/Schema"
import * as Rubric from "./Rubric.js"
import * as TaskBook from "./TaskBook.js"
import type * as WeeklyAssessment from "./WeeklyAssessment.js"

/**
 * A signal: which rule, about whom, raised when, on what evidence, and what it suggests.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Signal = Schema.Struct({
  id: Schema.String,
  rule: Schema.String,
  label: Rubric.Label,
  citation: Citation.Citation,
  subject: Schema.String,
  village: Schema.String,
  town: Schema.String,
  week: TaskBook.IsoWeek,
  raisedOn: LocalDate.LocalDate,
  evidence: Schema.Array(Schema.String),
  suggest: Schema.Literal("talkReminder", "letterInquiry", "none")
}).annotations({ identifier: "ScoringSignal" })

/**
 * @since 0.1.0
 * @category models
 */
export type Signal = typeof Signal.Type

/**
 * Chinese labels of the suggested disposals.
 *
 * @since 0.1.0
 * @category constants
 */
export const suggestLabelZh: Readonly<Record<Signal["suggest"], string>> = {
  talkReminder: "谈话提醒（第一种形态）",
  letterInquiry: "函询",
  none: "无"
}

const consecutive = (weeks: ReadonlyArray<TaskBook.IsoWeek>): boolean =>
  weeks.every((w, i) => i === 0 || TaskBook.previousWeek(w) === weeks[i - 1])

/**
 * The signals the rubric's rules raise in the week `history[history.length - 1]`. `history` is the
 * town's weeks in order, oldest first; a streak counts only consecutive ISO weeks. Month rules
 * look at complete calendar months before the current week's month (by assessment date), each
 * cadre's monthly mean against the others in the village.
 *
 * @since 0.1.0
 * @category signals
 */
export const detect = (body: Rubric.RubricBody, history: ReadonlyArray<WeeklyAssessment.TownWeek>): ReadonlyArray<Signal> => {
  const current = history[history.length - 1]
  if (current === undefined) return []
  const lowest = body.grades[body.grades.length - 1]!.grade
  const out: Array<Signal> = []
  for (const rule of body.signals) {
    for (const r of current.results) {
      const base = {
        rule: rule.id,
        label: rule.label,
        citation: rule.citation,
        subject: r.subject,
        village: r.village,
        town: r.town,
        week: current.week,
        raisedOn: current.assessedOn,
        suggest: rule.suggest
      }
      if (rule.pattern === "lowestGradeStreak" || rule.pattern === "townBottomStreak") {
        const recent = history.slice(-rule.count)
        if (recent.length < rule.count || !consecutive(recent.map((w) => w.week))) continue
        const mine = recent.map((w) => w.results.find((x) => x.subject === r.subject))
        const hit = mine.every((x) => x !== undefined && (rule.pattern === "lowestGradeStreak" ? x.grade === lowest : x.lastInTown))
        if (!hit) continue
        out.push({
          ...base,
          id: `${rule.id}/${r.subject}/${current.week}`,
          evidence: mine.map((x, i) => `${recent[i]!.week} ${x!.grade} ${x!.townRank}/${x!.townSize}`)
        })
      } else {
        const month = current.assessedOn.slice(0, 7)
        // Complete months before this one, newest first.
        const months: Array<string> = []
        let m = LocalDate.addMonths(LocalDate.unsafeMake(`${month}-01`), -1)
        for (let k = 0; k < rule.count; k++) {
          months.push(m.slice(0, 7))
          m = LocalDate.addMonths(m, -1)
        }
        // Raise once: in the first week assessed in the month after the streak.
        const earlierThisMonth = history.slice(0, -1).some((w) => w.assessedOn.startsWith(month))
        if (earlierThisMonth) continue
        const evidence: Array<string> = []
        let hit = true
        for (const mm of months) {
          const sums = new Map<string, { sum: number; n: number }>()
          for (const w of history) {
            if (!w.assessedOn.startsWith(mm)) continue
            for (const x of w.results) {
              if (x.village !== r.village) continue
              const s = sums.get(x.subject) ?? { sum: 0, n: 0 }
              s.sum += x.scored.score
              s.n += 1
              sums.set(x.subject, s)
            }
          }
          const mine = sums.get(r.subject)
          if (mine === undefined || sums.size < 2) {
            hit = false
            break
          }
          // Compare means without division: a/b < c/d ⇔ a·d < c·b.
          const behind = [...sums.entries()].some(([k, s]) => k !== r.subject && s.sum * mine.n < mine.sum * s.n)
          if (behind) {
            hit = false
            break
          }
          evidence.push(`${mm} 村内末位`)
        }
        if (!hit) continue
        out.push({ ...base, id: `${rule.id}/${r.subject}/${months[0]}`, evidence: evidence.reverse() })
      }
    }
  }
  return out
}

/**
 * The `RegisterLead` command for a signal: the cadre as a village cadre (监察对象), the source
 * `ScoringSignal` whose reference names the signal and the suggested disposal.
 *
 * @since 0.1.0
 * @category supervision
 */
export const leadCommand = (
  signal: Signal,
  where: { readonly caseId: Ids.CaseId; readonly county: Ids.CountyId; readonly town: Ids.TownId }
): SupervisionCase.Command => ({
  _tag: "RegisterLead",
  caseId: where.caseId,
  county: where.county,
  town: where.town,
  subject: { cadre: signal.subject as Ids.CadreId, category: "villageCadre" },
  source: { _tag: "ScoringSignal", reference: `${signal.id}；${signal.label.zh}；建议${suggestLabelZh[signal.suggest]}` }
})

/**
 * Registers a signal as a supervision lead through `SupervisionCase.execute`: one transaction, and
 * a rejected command (an actor the stored roster gives no suitable post, a case id already used)
 * writes nothing. The actor is a cadre id; their posts come from the stored roster.
 *
 * @since 0.1.0
 * @category supervision
 */
export const registerLead = (
  signal: Signal,
  where: { readonly caseId: Ids.CaseId; readonly county: Ids.CountyId; readonly town: Ids.TownId },
  ctx: SupervisionCase.ExecuteContext
): ReturnType<typeof SupervisionCase.execute> => SupervisionCase.execute(where.caseId, leadCommand(signal, where), ctx)
