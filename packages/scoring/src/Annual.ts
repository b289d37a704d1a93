/**
 * The annual assessment (年度目标责任制考核) and villages' quarterly standing.
 *
 * **Cadres.** Each cadre's weekly scores of the year are averaged, leaving out weeks for documented
 * reasons ({@link meanOfWeeks}): leave covering at least three of the week's Monday–Friday, and a
 * newly appointed cadre's first weeks (`newCadreWeeks`, default 4, counted from the start of their
 * first village post). The mean is the annual rubric's `rating` component (`weeklyComponent`); the
 * rest of the rubric (a 清廉村居 checklist section, deductions, its own vetoes) applies as usual.
 * A cadre within a sanction's influence period on the assessment date (core `Sanction.period`
 * gives the months from the rulebook in force when it was decided) cannot get the top grade
 * (`sanctionBarsTopGrade`, on by default): a 0-point line in the ledger says why.
 *
 * **Villages.** Per quarter, a village's standing is 先进 / 中间 / 后进 (`advanced` / `ordinary` /
 * `lagging`, core's `Rectification.Standing`) from the mean weekly score of its cadres, against
 * thresholds given as data with their citation; {@link rectificationOutcome} feeds the path into
 * the village's designation in core's rectification history (三个一批).
 *
 * @example
 * ```ts
 * import { LocalDate } from "@qinglian/core"
 * import { Annual, TaskBook } from "@qinglian/scoring"
 *
 * // 年度考核 starts from the mean of the weekly scores: weeks with three or more days of leave and a
 * // new cadre's first four weeks are left out, each with its reason.
 * const weeks = ["2026-W10", "2026-W11", "2026-W12"].map((w, i) => ({ week: TaskBook.unsafeWeek(w), score: [8000, 8001, 8000][i]! }))
 * const mean = Annual.meanOfWeeks(weeks, { leave: [{ from: LocalDate.unsafeMake("2026-03-16"), until: LocalDate.unsafeMake("2026-03-20") }] })
 * console.log(mean.mean, mean.excluded) // 8001, and W12 excluded for leave
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */
import { Cadre, Citation, Ids, LocalDate, Measure, Rectification, Rulebook, Sanction, WorkCalendar } from "@qinglian/core"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Points from "./Points.js"
import * as Ranking from "./Ranking.js"
import * as Rubric from "./Rubric.js"
import * as TaskBook from "./TaskBook.js"

/**
 * Why a week was left out of the annual mean.
 *
 * @since 0.1.0
 * @category models
 */
export type ExclusionReason = "leave" | "newlyAppointed"

/**
 * A leave period, `[from, until)`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Leave {
  readonly from: LocalDate.LocalDate
  readonly until: LocalDate.LocalDate
  readonly note?: string | undefined
}

/**
 * One weekly score.
 *
 * @since 0.1.0
 * @category models
 */
export interface WeekScore {
  readonly week: TaskBook.IsoWeek
  readonly score: Points.Hundredths
}

/**
 * The mean of a cadre's weeks and which weeks were left out, and why.
 *
 * @since 0.1.0
 * @category models
 */
export interface Mean {
  readonly mean: Points.Hundredths
  readonly counted: ReadonlyArray<TaskBook.IsoWeek>
  readonly excluded: ReadonlyArray<{ readonly week: TaskBook.IsoWeek; readonly reason: ExclusionReason }>
}

const LEAVE_DAYS = 3

const leaveDays = (week: TaskBook.IsoWeek, leave: ReadonlyArray<Leave>): number => {
  const monday = TaskBook.mondayOf(week)
  let n = 0
  for (let i = 0; i < 5; i++) {
    const day = LocalDate.addDays(monday, i)
    if (leave.some((l) => l.from <= day && day < l.until)) n++
  }
  return n
}

/**
 * The day a cadre's service in a village began: the start of the earliest village post still
 * running into the year (absent: the cadre holds none).
 *
 * @since 0.1.0
 * @category annual
 */
export const serviceStart = (roster: Cadre.Roster, cadre: string, year: number): LocalDate.LocalDate | undefined => {
  const yearStart = `${year}-01-01`
  let start: LocalDate.LocalDate | undefined
  for (const a of roster.appointments) {
    if (a.cadreId !== cadre || a.unit.level !== "village") continue
    if (a.term.end !== undefined && a.term.end <= yearStart) continue
    if (start === undefined || a.term.start < start) start = a.term.start
  }
  return start
}

/**
 * The annual mean of weekly scores (rounded half up to a hundredth), leaving out weeks of leave
 * (three or more of Monday–Friday on leave) and the first `newCadreWeeks` weeks after the start of
 * service, when that start falls in the year or the weeks before it.
 *
 * @since 0.1.0
 * @category annual
 */
export const meanOfWeeks = (
  weeks: ReadonlyArray<WeekScore>,
  options: { readonly leave?: ReadonlyArray<Leave> | undefined; readonly serviceStart?: LocalDate.LocalDate | undefined; readonly newCadreWeeks?: number | undefined }
): Mean => {
  const newWeeks = options.newCadreWeeks ?? 4
  const probationEnd = options.serviceStart === undefined ? undefined : LocalDate.addDays(options.serviceStart, newWeeks * 7)
  const counted: Array<TaskBook.IsoWeek> = []
  const excluded: Array<{ week: TaskBook.IsoWeek; reason: ExclusionReason }> = []
  let sum = 0
  for (const w of [...weeks].sort((a, b) => (a.week < b.week ? -1 : a.week > b.week ? 1 : 0))) {
    if (probationEnd !== undefined && TaskBook.mondayOf(w.week) < probationEnd) {
      excluded.push({ week: w.week, reason: "newlyAppointed" })
    } else if (leaveDays(w.week, options.leave ?? []) >= LEAVE_DAYS) {
      excluded.push({ week: w.week, reason: "leave" })
    } else {
      counted.push(w.week)
      sum += w.score
    }
  }
  return { mean: counted.length === 0 ? 0 : Points.mulDiv(sum, 1, counted.length), counted, excluded }
}

/**
 * A sanction decision as the annual assessment reads it: the measure, the decision date and, where
 * the rulebook offers a choice (留党察看), the months chosen.
 *
 * @since 0.1.0
 * @category models
 */
export interface SanctionDecision {
  readonly caseId: Ids.CaseId
  readonly cadre: Ids.CadreId
  readonly measure: Measure.Measure
  readonly decidedOn: LocalDate.LocalDate
  readonly chosenMonths?: number | undefined
}

/**
 * One cadre's year as the annual assessment reads it.
 *
 * @since 0.1.0
 * @category models
 */
export interface CadreYear {
  readonly subject: string
  readonly village: string
  readonly town: string
  readonly weekly: ReadonlyArray<WeekScore>
  readonly leave?: ReadonlyArray<Leave> | undefined
  /** Items of checklist sections achieved (the 清廉村居 section). */
  readonly achieved?: ReadonlyArray<string> | undefined
  readonly findings?: ReadonlyArray<Rubric.Fact> | undefined
  readonly events?: ReadonlyArray<Rubric.Fact> | undefined
}

/**
 * What the annual assessment reads.
 *
 * @since 0.1.0
 * @category models
 */
export interface Input {
  readonly rubric: Rubric.RubricFile
  readonly assessedOn: LocalDate.LocalDate
  readonly cadres: ReadonlyArray<CadreYear>
  readonly roster: Cadre.Roster
  readonly calendar: WorkCalendar.WorkCalendar
  /** Core's rulebook, for sanction periods. */
  readonly rulebook: Rulebook.Rulebook
  readonly sanctions?: ReadonlyArray<SanctionDecision> | undefined
  readonly weeklyComponent?: string | undefined
  readonly newCadreWeeks?: number | undefined
  readonly sanctionBarsTopGrade?: boolean | undefined
}

/**
 * One cadre's annual result.
 *
 * @since 0.1.0
 * @category models
 */
export interface CadreResult {
  readonly subject: string
  readonly village: string
  readonly town: string
  readonly mean: Mean
  readonly scored: Rubric.Scored
  readonly ranked: Ranking.Ranked
}

/**
 * A sanction decision that cannot be read: its period is not one the rulebook allows, or no
 * rulebook edition was in force on its date.
 *
 * @since 0.1.0
 * @category errors
 */
export class SanctionUnreadable extends Schema.TaggedError<SanctionUnreadable>()("ScoringSanctionUnreadable", {
  caseId: Schema.String,
  detail: Schema.String
}) {}

/**
 * Assesses the year: the weekly mean per cadre, the annual rubric, the sanction bar, grades with
 * quotas and ranks.
 *
 * @since 0.1.0
 * @category annual
 */
export const assess = (
  input: Input
): Either.Either<ReadonlyArray<CadreResult>, Rubric.NotInForce | Rubric.FactsInvalid | SanctionUnreadable> => {
  const edition = Rubric.at(input.rubric, input.assessedOn)
  if (Either.isLeft(edition)) return Either.left(edition.left)
  const body = edition.right.rubric
  const year = LocalDate.year(input.assessedOn)
  const weeklyComponent = input.weeklyComponent ?? "weekly"
  const barOn = input.sanctionBarsTopGrade ?? true
  const topGrade = body.grades[0]!
  const secondGrade = body.grades[1] ?? topGrade
  const sanctions: Array<Sanction.Sanction> = []
  for (const s of input.sanctions ?? []) {
    const rules = Rulebook.at(input.rulebook, s.decidedOn)
    if (Either.isLeft(rules)) return Either.left(new SanctionUnreadable({ caseId: s.caseId, detail: rules.left.message }))
    const months = Sanction.period(rules.right, s.measure, s.chosenMonths)
    if (Either.isLeft(months)) return Either.left(new SanctionUnreadable({ caseId: s.caseId, detail: months.left.message }))
    if (months.right === undefined || months.right === 0) continue
    sanctions.push(Sanction.make({ caseId: s.caseId, cadre: s.cadre, measure: s.measure, from: s.decidedOn, months: months.right }))
  }
  const means: Array<Mean> = []
  const entries: Array<Ranking.Entry> = []
  for (const c of input.cadres) {
    const mean = meanOfWeeks(c.weekly, {
      leave: c.leave,
      serviceStart: serviceStart(input.roster, c.subject, year),
      newCadreWeeks: input.newCadreWeeks
    })
    const scored = Rubric.score(edition.right, {
      subject: c.subject,
      date: input.assessedOn,
      ratings: { [weeklyComponent]: mean.mean },
      ratingNotes: {
        [weeklyComponent]: `${mean.counted.length}周平均${Points.format(mean.mean)}分` +
          (mean.excluded.length > 0
            ? `（不计${mean.excluded.length}周：${mean.excluded.map((e) => `${e.week}${e.reason === "leave" ? "请假" : "新任"}`).join("、")}）`
            : "")
      },
      achieved: c.achieved,
      findings: c.findings,
      events: c.events
    }, { rubricId: input.rubric.id, calendar: input.calendar })
    if (Either.isLeft(scored)) return Either.left(scored.left)
    let result = scored.right
    const inForce = Sanction.inForce(sanctions, c.subject as Ids.CadreId, input.assessedOn)
    if (barOn && inForce.length > 0 && secondGrade !== topGrade) {
      const s = inForce[0]!
      const citation: Citation.Citation = { law: "中国共产党纪律处分条例 / 公职人员政务处分法", note: `${s.measure} ${s.from}–${s.until}` }
      result = {
        ...result,
        vetoes: [...result.vetoes, { rule: "sanctionInfluence", grade: secondGrade.grade }],
        ledger: [...result.ledger, {
          section: "veto",
          rule: "sanctionInfluence",
          citation,
          fact: `${s.caseId}：${s.measure}，影响期至${s.until}`,
          points: 0,
          outcome: "applied",
          reason: {
            _tag: "Veto",
            grade: secondGrade.grade,
            detail: {
              zh: `处分影响期内（至${s.until}），不得评为${topGrade.label.zh}`,
              en: `within a sanction's influence period (until ${s.until}): cannot be graded ${topGrade.label.en}`
            }
          }
        }]
      }
    }
    means.push(mean)
    entries.push({ scored: result, village: c.village, town: c.town })
  }
  const ranked = Ranking.rank(body, entries)
  return Either.right(ranked.map((r, i) => ({
    subject: r.subject,
    village: r.village,
    town: r.town,
    mean: means[i]!,
    scored: entries[i]!.scored,
    ranked: r
  })))
}

// ---------------------------------------------------------------------------------------------
// Villages by quarter
// ---------------------------------------------------------------------------------------------

/**
 * Where a quarter's mean puts a village: `advanced` (先进) from `advancedMin`, `lagging` (后进)
 * below `laggingBelow`, `ordinary` (中间) between. Thresholds are points (hundredths) with their
 * source.
 *
 * @since 0.1.0
 * @category models
 */
export interface StandingPolicy {
  readonly advancedMin: Points.Hundredths
  readonly laggingBelow: Points.Hundredths
  readonly citation: Citation.Citation
}

/**
 * The labels the weekly board and the report use: 先进 / 中间 / 后进.
 *
 * @since 0.1.0
 * @category constants
 */
export const standingLabelZh: Readonly<Record<Rectification.Standing, string>> = {
  advanced: "先进",
  ordinary: "中间",
  lagging: "后进"
}

/**
 * A quarter, `YYYY-Qn`, of a date.
 *
 * @since 0.1.0
 * @category villages
 */
export const quarterOf = (date: LocalDate.LocalDate): string =>
  `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`

/**
 * One village's quarter: the mean of its cadres' weekly scores and the standing.
 *
 * @since 0.1.0
 * @category models
 */
export interface VillageQuarter {
  readonly village: string
  readonly quarter: string
  readonly mean: Points.Hundredths
  readonly weeks: number
  readonly standing: Rectification.Standing
}

/**
 * Villages' standings by quarter from weekly results (`{ village, assessedOn, score }` per cadre
 * and week), each quarter by the date the week was assessed. Ordered by village, then quarter.
 *
 * @since 0.1.0
 * @category villages
 */
export const villageStandings = (
  results: ReadonlyArray<{ readonly village: string; readonly assessedOn: LocalDate.LocalDate; readonly score: Points.Hundredths }>,
  policy: StandingPolicy
): ReadonlyArray<VillageQuarter> => {
  const groups = new Map<string, { village: string; quarter: string; sum: number; n: number; dates: Set<string> }>()
  for (const r of results) {
    const quarter = quarterOf(r.assessedOn)
    const key = `${r.village}\u001f${quarter}`
    const g = groups.get(key) ?? { village: r.village, quarter, sum: 0, n: 0, dates: new Set<string>() }
    g.sum += r.score
    g.n += 1
    g.dates.add(r.assessedOn)
    groups.set(key, g)
  }
  return [...groups.values()]
    .sort((a, b) => (a.village < b.village ? -1 : a.village > b.village ? 1 : a.quarter < b.quarter ? -1 : a.quarter > b.quarter ? 1 : 0))
    .map((g) => {
      const mean = Points.mulDiv(g.sum, 1, g.n)
      const standing: Rectification.Standing = mean >= policy.advancedMin ? "advanced" : mean < policy.laggingBelow ? "lagging" : "ordinary"
      return { village: g.village, quarter: g.quarter, mean, weeks: g.dates.size, standing }
    })
}

/**
 * Feeds a village's quarterly path into its rectification designation (三个一批): the designation
 * in force on `assessedOn` gets the outcome `before` (the first quarter's standing within the
 * designation) → `after` (the last quarter's). Other entries are returned unchanged. A village
 * without a designation then gives the history back as it was.
 *
 * @since 0.1.0
 * @category villages
 */
export const rectificationOutcome = (
  history: Rectification.History,
  village: Ids.VillageId,
  path: ReadonlyArray<VillageQuarter>,
  assessedOn: LocalDate.LocalDate
): Rectification.History => {
  const current = Rectification.designationOn(history, village, assessedOn)
  if (Option.isNone(current)) return history
  const d = current.value
  const mine = path.filter((q) => q.village === village && q.quarter >= quarterOf(d.period.start) && q.quarter <= quarterOf(assessedOn))
  const first = mine[0]
  const last = mine[mine.length - 1]
  if (first === undefined || last === undefined) return history
  return history.map((x) => (x === d ? { ...x, outcome: { before: first.standing, after: last.standing, assessedOn } } : x))
}

/**
 * A plain-text report of a village's path: its designation and each quarter's standing, e.g.
 * `西属村（党建引领一批）：2026-Q1 后进 74.20 → 2026-Q2 中间 81.05 → 2026-Q3 先进 88.40`.
 *
 * @since 0.1.0
 * @category villages
 */
export const pathReport = (
  name: string,
  path: ReadonlyArray<VillageQuarter>,
  designation?: { readonly categoryLabel: string } | undefined
): string =>
  `${name}${designation !== undefined ? `（${designation.categoryLabel}）` : ""}：` +
  path.map((q) => `${q.quarter} ${standingLabelZh[q.standing]} ${Points.format(q.mean)}`).join(" → ")
