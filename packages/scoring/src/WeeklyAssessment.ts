/**
 * The weekly assessment (一周一考核): from a town's task books, progress reports, stock-takes and
 * villagers' ratings, each cadre's score under the rubric edition in force on the stock-take date,
 * with its ledger, grade (bands, vetoes, quotas) and ranks in village and town, and the trend
 * against the previous week. Pure: the same input gives the same bytes.
 *
 * @example
 * ```ts
 * import { WorkCalendar } from "@qinglian/core"
 * import { Examples, Points, Rubric, TaskBook, WeeklyAssessment } from "@qinglian/scoring"
 * import { Either } from "effect"
 *
 * // 一周一考核: score every cadre of the town for a week, with grades under the quota and ranks.
 * const week = TaskBook.unsafeWeek("2026-W12")
 * const villages = [0, 1, 2].map((i) => Examples.villageWeek(i, week))
 * const town = Either.getOrThrow(WeeklyAssessment.assess({
 *   rubric: Either.getOrThrow(Rubric.decodeFile(Examples.weeklyRubric)),
 *   town: Examples.town.id,
 *   week,
 *   assessedOn: villages[0]!.stockTake.heldOn,
 *   villages,
 *   roster: Examples.town.roster,
 *   calendar: WorkCalendar.china
 * }))
 * for (const r of town.results) console.log(r.townRank, r.subject, Points.format(r.scored.score), r.grade)
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */
import { Cadre, Diagnostic, LocalDate, WorkCalendar } from "@qinglian/core"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Points from "./Points.js"
import * as Ranking from "./Ranking.js"
import * as Rubric from "./Rubric.js"
import * as TaskBook from "./TaskBook.js"

/**
 * One cadre's weekly result: the score with its ledger, the grade and how it was reached, the
 * ranks and the trend.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CadreResult = Schema.Struct({
  week: TaskBook.IsoWeek,
  subject: Schema.String,
  village: Schema.String,
  town: Schema.String,
  scored: Rubric.Scored,
  bandGrade: Schema.String,
  grade: Schema.String,
  basis: Schema.Literal("band", "veto", "quotaPromoted", "quotaDemoted"),
  villageRank: Schema.Int,
  villageSize: Schema.Int,
  townRank: Schema.Int,
  townSize: Schema.Int,
  lastInVillage: Schema.Boolean,
  lastInTown: Schema.Boolean,
  trend: Schema.Struct({ direction: Schema.Literal("up", "down", "same", "new"), delta: Schema.Int })
}).annotations({ identifier: "WeeklyCadreResult" })

/**
 * @since 0.1.0
 * @category models
 */
export type CadreResult = typeof CadreResult.Type

/**
 * A town's week: every cadre's result, in town-rank order (ties by subject id).
 *
 * @since 0.1.0
 * @category schemas
 */
export const TownWeek = Schema.Struct({
  town: Schema.String,
  week: TaskBook.IsoWeek,
  assessedOn: LocalDate.LocalDate,
  rubric: Schema.Struct({ id: Schema.String, version: Schema.String }),
  results: Schema.Array(CadreResult)
}).annotations({ identifier: "TownWeek" })

/**
 * @since 0.1.0
 * @category models
 */
export type TownWeek = typeof TownWeek.Type

/**
 * One village's week as the assessment reads it: the task book, its progress reports, the
 * stock-take (whose ratings feed `stockTakeComponent`), the villagers' ratings (0–100 in
 * hundredths, feeding `villagersComponent`) and any other facts per cadre.
 *
 * @since 0.1.0
 * @category models
 */
export interface VillageWeek {
  readonly book: TaskBook.TaskBook
  readonly progress: ReadonlyArray<TaskBook.Progress>
  readonly stockTake: TaskBook.StockTake
  readonly villagerRatings: Readonly<Record<string, Points.Hundredths>>
  readonly facts?: Readonly<Record<string, Partial<Omit<Rubric.Facts, "subject" | "date" | "tasks">>>> | undefined
}

/**
 * What the assessment reads.
 *
 * @since 0.1.0
 * @category models
 */
export interface Input {
  readonly rubric: Rubric.RubricFile
  readonly town: string
  readonly week: TaskBook.IsoWeek
  /** The assessment date (the stock-take meeting): picks the rubric edition, caps and lateness. */
  readonly assessedOn: LocalDate.LocalDate
  readonly villages: ReadonlyArray<VillageWeek>
  readonly roster: Cadre.Roster
  readonly calendar: WorkCalendar.WorkCalendar
  /** Last week's town ranks by subject, for the trend. */
  readonly previous?: ReadonlyMap<string, { readonly townRank: number }> | undefined
  readonly villagersComponent?: string | undefined
  readonly stockTakeComponent?: string | undefined
}

/**
 * Why a week could not be assessed: every problem found, each with its path.
 *
 * @since 0.1.0
 * @category errors
 */
export class AssessmentRejected extends Schema.TaggedError<AssessmentRejected>()("ScoringAssessmentRejected", {
  week: Schema.String,
  diagnostics: Schema.Array(Diagnostic.Diagnostic)
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `week ${this.week} cannot be assessed: ` +
      this.diagnostics.map((d) => `${Diagnostic.formatPath(d.path)} ${d.code}: ${d.message.en}`).join("; ")
  }
}

/**
 * Assesses a town's week. Each member of each village on the stock-take date is scored: the
 * villagers' rating, the leader's rating from the stock-take, and the tasks they own.
 *
 * @since 0.1.0
 * @category assessing
 */
export const assess = (input: Input): Either.Either<TownWeek, AssessmentRejected | Rubric.NotInForce> => {
  const edition = Rubric.at(input.rubric, input.assessedOn)
  if (Either.isLeft(edition)) return Either.left(edition.left)
  const body = edition.right.rubric
  const villagersComponent = input.villagersComponent ?? "villagers"
  const stockTakeComponent = input.stockTakeComponent ?? "town"
  const problems: Array<Diagnostic.Diagnostic> = []
  const entries: Array<Ranking.Entry> = []
  const ctx: Rubric.Context = { rubricId: input.rubric.id, calendar: input.calendar }
  input.villages.forEach((v, vi) => {
    const at = (path: Diagnostic.Path): Diagnostic.Path => ["villages", vi, ...path]
    for (const d of TaskBook.checkStockTake(v.stockTake, input.roster)) problems.push({ ...d, path: at(["stockTake", ...d.path]) })
    const members = TaskBook.membersOn(input.roster, v.book.village, v.stockTake.heldOn)
    const reviews = new Map(v.stockTake.reviews.map((r) => [r.cadre as string, r]))
    for (const cadre of members) {
      const review = reviews.get(cadre)
      const villagers = v.villagerRatings[cadre]
      if (review === undefined) {
        problems.push(Diagnostic.error("REVIEW_MISSING", at(["stockTake", "reviews"]), `盘点缺少对${cadre}的点评`, `the stock-take has no review of ${cadre}`))
        continue
      }
      if (villagers === undefined) {
        problems.push(Diagnostic.error("VILLAGERS_RATING_MISSING", at(["villagerRatings", cadre]), `缺少${cadre}的村民评议`, `no villagers' rating for ${cadre}`))
        continue
      }
      const extra = v.facts?.[cadre] ?? {}
      const tasks = v.book.tasks.filter((t) => t.owner === cadre).map((t) => TaskBook.outcomeOf(t, v.progress))
      const scored = Rubric.score(edition.right, {
        ...extra,
        subject: cadre,
        date: input.assessedOn,
        ratings: { ...extra.ratings, [villagersComponent]: villagers, [stockTakeComponent]: review.rating },
        tasks
      }, ctx)
      if (Either.isLeft(scored)) {
        problems.push(Diagnostic.error(scored.left.code, at(["facts", cadre, ...scored.left.path]), scored.left.reason.zh, scored.left.reason.en))
        continue
      }
      entries.push({ scored: scored.right, village: v.book.village, town: input.town })
    }
  })
  if (problems.length > 0) return Either.left(new AssessmentRejected({ week: input.week, diagnostics: problems }))
  const ranked = Ranking.rank(body, entries, input.previous)
  const results = ranked.map((r, i): CadreResult => ({
    week: input.week,
    subject: r.subject,
    village: r.village,
    town: r.town,
    scored: entries[i]!.scored,
    bandGrade: r.bandGrade,
    grade: r.grade,
    basis: r.basis,
    villageRank: r.villageRank,
    villageSize: r.villageSize,
    townRank: r.townRank,
    townSize: r.townSize,
    lastInVillage: r.lastInVillage,
    lastInTown: r.lastInTown,
    trend: r.trend
  }))
  results.sort((a, b) => a.townRank - b.townRank || (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0))
  return Either.right({
    town: input.town,
    week: input.week,
    assessedOn: input.assessedOn,
    rubric: { id: input.rubric.id, version: edition.right.version },
    results
  })
}

/**
 * Last week's town ranks by subject, as {@link assess} takes them for the trend.
 *
 * @since 0.1.0
 * @category assessing
 */
export const ranksOf = (week: TownWeek): ReadonlyMap<string, { readonly townRank: number }> =>
  new Map(week.results.map((r) => [r.subject, { townRank: r.townRank }]))
