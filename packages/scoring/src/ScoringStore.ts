/**
 * Scoring's own store on core's storage port: task books, progress (an event stream per village
 * and week), stock-takes, weekly results with their ledgers (per town-week and per cadre), signals
 * and rubric files. Every write goes through `Storage.collection` / `Storage.eventStream`, so it is
 * audited like everything else; every command runs in one transaction and a rejected command
 * writes nothing.
 *
 * {@link runWeek} assesses a stored week: it reads the books, progress and stock-takes, scores them
 * under the rubric edition in force on the stock-take date, stores the results and the signals.
 * Running it again on the same data gives byte-identical results and writes nothing new.
 *
 * @example
 * ```ts
 * import { WorkCalendar } from "@qinglian/core"
 * import { Examples, Rubric, ScoringStore, TaskBook } from "@qinglian/scoring"
 * import { Effect, Either } from "effect"
 *
 * // The weekly cycle through core's Storage: task books, progress and stock-takes are checked on
 * // the way in (a refused one writes nothing); runWeek scores the week and stores every result.
 * const week = TaskBook.unsafeWeek("2026-W12")
 * const village = Examples.villageWeek(0, week)
 * export const program = Effect.gen(function*() {
 *   yield* ScoringStore.issueTaskBook(village.book, { roster: Examples.town.roster, actor: { id: "clerk-01", name: "金村镇党政办" } })
 *   return yield* ScoringStore.runWeek({
 *     rubric: Either.getOrThrow(Rubric.decodeFile(Examples.weeklyRubric)),
 *     town: Examples.town.id,
 *     week,
 *     roster: Examples.town.roster,
 *     calendar: WorkCalendar.china,
 *     villagerRatings: { [village.book.village]: village.villagerRatings },
 *     actor: { id: "clerk-01", name: "金村镇党政办" }
 *   })
 * })
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */
import { Audit, Cadre, CaseStore, Diagnostic, LocalDate, OrgStore, type Rulebook as CoreRulebook, Storage, type SupervisionCase, WorkCalendar } from "@qinglian/core"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Annual from "./Annual.js"
import * as Board from "./Board.js"
import * as Input from "./Input.js"
import * as Points from "./Points.js"
import * as Rubric from "./Rubric.js"
import * as Signal from "./Signal.js"
import * as TaskBook from "./TaskBook.js"
import * as WeeklyAssessment from "./WeeklyAssessment.js"

/**
 * Task books, one per village and week (`village/week`).
 *
 * @since 0.1.0
 * @category repositories
 */
export const taskBooks: Storage.Repository<TaskBook.TaskBook, "byTownWeek"> = Storage.collection({
  name: "scoring-taskbooks",
  schema: TaskBook.TaskBook,
  id: (b) => `${b.village}/${b.week}`,
  indexes: { byTownWeek: (b) => Storage.indexKey(b.town, b.week, b.village) }
})

/**
 * Progress reports, one stream per village and week (key `village/week`).
 *
 * @since 0.1.0
 * @category repositories
 */
export const progress: Storage.EventStream<TaskBook.Progress> = Storage.eventStream({ name: "scoring-progress", schema: TaskBook.Progress, type: () => "TaskProgress" })

/**
 * Stock-takes (盘点), one per village and week reviewed.
 *
 * @since 0.1.0
 * @category repositories
 */
export const stockTakes: Storage.Repository<TaskBook.StockTake, "byTownWeek"> = Storage.collection({
  name: "scoring-stocktakes",
  schema: TaskBook.StockTake,
  id: (s) => `${s.village}/${s.week}`,
  indexes: { byTownWeek: (s) => Storage.indexKey(s.town, s.week, s.village) }
})

/**
 * A town's assessed weeks (`town/week`), every result with its ledger.
 *
 * @since 0.1.0
 * @category repositories
 */
export const townWeeks: Storage.Repository<WeeklyAssessment.TownWeek, "byTown"> = Storage.collection({
  name: "scoring-townweeks",
  schema: WeeklyAssessment.TownWeek,
  id: (w) => `${w.town}/${w.week}`,
  indexes: { byTown: (w) => Storage.indexKey(w.town, w.week) }
})

/**
 * Each cadre's weekly result (`week/cadre`), indexed by cadre and by village.
 *
 * @since 0.1.0
 * @category repositories
 */
export const scores: Storage.Repository<WeeklyAssessment.CadreResult, "bySubject" | "byVillageWeek"> = Storage.collection({
  name: "scoring-scores",
  schema: WeeklyAssessment.CadreResult,
  id: (r) => `${r.week}/${r.subject}`,
  indexes: {
    bySubject: (r) => Storage.indexKey(r.subject, r.week),
    byVillageWeek: (r) => Storage.indexKey(r.village, r.week, r.subject)
  }
})

/**
 * Signals raised (by signal id), indexed by cadre and by town and week.
 *
 * @since 0.1.0
 * @category repositories
 */
export const signals: Storage.Repository<Signal.Signal, "bySubject" | "byTownWeek"> = Storage.collection({
  name: "scoring-signals",
  schema: Signal.Signal,
  id: (s) => s.id,
  indexes: {
    bySubject: (s) => Storage.indexKey(s.subject, s.week),
    byTownWeek: (s) => Storage.indexKey(s.town, s.week, s.id)
  }
})

/**
 * Rubric files, by id.
 *
 * @since 0.1.0
 * @category repositories
 */
export const rubrics: Storage.Repository<Rubric.RubricFile, never> = Storage.collection({ name: "scoring-rubrics", schema: Rubric.RubricFile, id: (f) => f.id })

/**
 * A command refused: what, and every problem with its path, code and zh/en message. Nothing was
 * written.
 *
 * @since 0.1.0
 * @category errors
 */
export class CommandRejected extends Schema.TaggedError<CommandRejected>()("ScoringCommandRejected", {
  command: Schema.String,
  issues: Schema.Array(Input.Issue)
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `${this.command} rejected: ` + this.issues.map((i) => `${Diagnostic.formatPath(i.path)} ${i.code}: ${i.message.en}`).join("; ")
  }
}

/**
 * What a command can fail with: refused input or rules, or the store.
 *
 * @since 0.1.0
 * @category errors
 */
export type CommandError = CommandRejected | Storage.WriteError | Storage.ReadError

const fromDiagnostics = (command: string, ds: ReadonlyArray<Diagnostic.Diagnostic>) =>
  new CommandRejected({ command, issues: ds.map((d) => ({ code: d.code, path: d.path, message: d.message })) })

const fromInput = (command: string, e: Input.InputRejected) => new CommandRejected({ command, issues: e.issues })

/**
 * Issues a task book (下达任务书): decodes it strictly, checks it against the roster and stores
 * it. A book for the same village and week already stored is refused (`TASKBOOK_EXISTS`).
 *
 * @since 0.1.0
 * @category commands
 */
export const issueTaskBook = (
  input: unknown,
  options: { readonly roster: Cadre.Roster; readonly policy?: TaskBook.WeekPolicy; readonly actor: Audit.Actor }
): Effect.Effect<Storage.Stored<TaskBook.TaskBook>, CommandError, Storage.Storage> =>
  Storage.transaction(Effect.gen(function*() {
    const book = yield* Either.mapLeft(TaskBook.decodeTaskBook(input), (e) => fromInput("IssueTaskBook", e))
    const problems = TaskBook.check(book, options.roster, options.policy)
    if (problems.length > 0) return yield* fromDiagnostics("IssueTaskBook", problems)
    const existing = yield* taskBooks.get(taskBooks.idOf(book))
    if (Option.isSome(existing)) {
      return yield* fromDiagnostics("IssueTaskBook", [
        Diagnostic.error("TASKBOOK_EXISTS", ["week"], `${book.village}的${book.week}任务书已下达`, `a task book for ${book.village} ${book.week} was already issued`)
      ])
    }
    return yield* taskBooks.insert(book, { actor: options.actor })
  }))

/**
 * Records a progress report against its stored task book.
 *
 * @since 0.1.0
 * @category commands
 */
export const reportProgress = (
  input: unknown,
  options: { readonly actor: Audit.Actor }
): Effect.Effect<number, CommandError, Storage.Storage> =>
  Storage.transaction(Effect.gen(function*() {
    const report = yield* Either.mapLeft(TaskBook.decodeProgress(input), (e) => fromInput("ReportProgress", e))
    const key = `${report.village}/${report.week}`
    const book = yield* taskBooks.get(key)
    if (Option.isNone(book)) {
      return yield* fromDiagnostics("ReportProgress", [
        Diagnostic.error("TASKBOOK_MISSING", ["week"], `${report.village}的${report.week}任务书尚未下达`, `no task book for ${key}`)
      ])
    }
    const problems = TaskBook.checkProgress(book.value.value, report)
    if (problems.length > 0) return yield* fromDiagnostics("ReportProgress", problems)
    const version = yield* progress.lastVersion(key)
    return yield* progress.append(key, version, [report], { actor: options.actor })
  }))

/**
 * Records a stock-take (盘点) of a stored week.
 *
 * @since 0.1.0
 * @category commands
 */
export const recordStockTake = (
  input: unknown,
  options: { readonly roster: Cadre.Roster; readonly actor: Audit.Actor }
): Effect.Effect<Storage.Stored<TaskBook.StockTake>, CommandError, Storage.Storage> =>
  Storage.transaction(Effect.gen(function*() {
    const take = yield* Either.mapLeft(TaskBook.decodeStockTake(input), (e) => fromInput("RecordStockTake", e))
    const problems: Array<Diagnostic.Diagnostic> = [...TaskBook.checkStockTake(take, options.roster)]
    const book = yield* taskBooks.get(`${take.village}/${take.week}`)
    if (Option.isNone(book)) {
      problems.push(Diagnostic.error("TASKBOOK_MISSING", ["week"], `${take.village}的${take.week}任务书尚未下达`, `no task book for ${take.village}/${take.week}`))
    }
    if (problems.length > 0) return yield* fromDiagnostics("RecordStockTake", problems)
    const existing = yield* stockTakes.get(stockTakes.idOf(take))
    return yield* stockTakes.put(take, { actor: options.actor, expectedVersion: Option.isSome(existing) ? existing.value.version : 0 })
  }))

/**
 * What {@link runWeek} needs besides the stored books, progress and stock-takes.
 *
 * @since 0.1.0
 * @category models
 */
export interface RunWeekOptions {
  readonly rubric: Rubric.RubricFile
  readonly town: string
  readonly week: TaskBook.IsoWeek
  readonly roster: Cadre.Roster
  readonly calendar: WorkCalendar.WorkCalendar
  /** Villagers' ratings (村民评议) by village, then cadre: 0–100 in hundredths. */
  readonly villagerRatings: Readonly<Record<string, Readonly<Record<string, Points.Hundredths>>>>
  readonly facts?: Readonly<Record<string, WeeklyAssessment.VillageWeek["facts"]>> | undefined
  /** How many earlier weeks the signal rules may look back on (default 26). */
  readonly historyWeeks?: number | undefined
  readonly actor: Audit.Actor
}

const sameJson = <A, I>(schema: Schema.Schema<A, I>, a: A, b: A): boolean => {
  const encode = Schema.encodeSync(schema)
  return JSON.stringify(encode(a)) === JSON.stringify(encode(b))
}

/**
 * Assesses a stored week of a town and stores the result, each cadre's score with its ledger, and
 * the signals raised. The stock-takes' dates pick the rubric edition, so an old week is scored
 * under the rubric in force then. Stored results that are already identical are not rewritten.
 *
 * @since 0.1.0
 * @category commands
 */
export const runWeek = (
  options: RunWeekOptions
): Effect.Effect<{ readonly week: WeeklyAssessment.TownWeek; readonly signals: ReadonlyArray<Signal.Signal> }, CommandError, Storage.Storage> =>
  Storage.transaction(Effect.gen(function*() {
    const books = yield* taskBooks.all("byTownWeek", Storage.prefixRange(options.town, options.week))
    const takes = yield* stockTakes.all("byTownWeek", Storage.prefixRange(options.town, options.week))
    const problems: Array<Diagnostic.Diagnostic> = []
    const villages: Array<WeeklyAssessment.VillageWeek> = []
    for (const b of books) {
      const book = b.value
      const take = takes.find((t) => t.value.village === book.village)
      if (take === undefined) {
        problems.push(Diagnostic.error("STOCKTAKE_MISSING", [book.village], `${book.village}的${book.week}尚未盘点`, `no stock-take for ${book.village} ${book.week}`))
        continue
      }
      const events = yield* progress.read(`${book.village}/${book.week}`)
      villages.push({
        book,
        progress: events.map((e) => e.value),
        stockTake: take.value,
        villagerRatings: options.villagerRatings[book.village] ?? {},
        facts: options.facts?.[book.village]
      })
    }
    if (books.length === 0) {
      problems.push(Diagnostic.error("TASKBOOK_MISSING", [], `${options.town}的${options.week}没有任务书`, `no task books for ${options.town} ${options.week}`))
    }
    if (problems.length > 0) return yield* fromDiagnostics("RunWeek", problems)
    const assessedOn = villages.map((v) => v.stockTake.heldOn).reduce((a, b) => (a > b ? a : b)) as LocalDate.LocalDate
    const previousWeek = yield* townWeeks.get(`${options.town}/${TaskBook.previousWeek(options.week)}`)
    const result = yield* Either.mapLeft(
      WeeklyAssessment.assess({
        rubric: options.rubric,
        town: options.town,
        week: options.week,
        assessedOn,
        villages,
        roster: options.roster,
        calendar: options.calendar,
        previous: Option.isSome(previousWeek) ? WeeklyAssessment.ranksOf(previousWeek.value.value) : undefined
      }),
      (e) =>
        e._tag === "RubricNotInForce"
          ? fromDiagnostics("RunWeek", [Diagnostic.error("RUBRIC_NOT_IN_FORCE", [], `${assessedOn}没有生效的考核细则`, e.message)])
          : fromDiagnostics("RunWeek", e.diagnostics)
    )
    const existing = yield* townWeeks.get(townWeeks.idOf(result))
    if (Option.isNone(existing) || !sameJson(WeeklyAssessment.TownWeek, existing.value.value, result)) {
      yield* townWeeks.put(result, { actor: options.actor, expectedVersion: Option.isSome(existing) ? existing.value.version : 0 })
      const writes: Array<{ value: WeeklyAssessment.CadreResult; expectedVersion: number }> = []
      for (const r of result.results) {
        const old = yield* scores.get(scores.idOf(r))
        writes.push({ value: r, expectedVersion: Option.isSome(old) ? old.value.version : 0 })
      }
      yield* scores.putMany(writes, { actor: options.actor })
    }
    // Signals look back over the stored weeks before this one.
    const back = options.historyWeeks ?? 26
    let w = options.week
    for (let i = 0; i < back; i++) w = TaskBook.previousWeek(w)
    const history = (yield* townWeeks.all("byTown", { gte: Storage.indexKey(options.town, w), lt: Storage.indexKey(options.town, options.week) }))
      .map((s) => s.value)
    const edition = Either.getOrThrow(Rubric.at(options.rubric, assessedOn))
    const raised = Signal.detect(edition.rubric, [...history, result])
    const fresh: Array<Signal.Signal> = []
    for (const s of raised) {
      const old = yield* signals.get(s.id)
      if (Option.isNone(old)) fresh.push(s)
    }
    if (fresh.length > 0) yield* signals.insertMany(fresh, { actor: options.actor })
    return { week: result, signals: raised }
  }))

/**
 * A cadre's stored weekly results, oldest first.
 *
 * @since 0.1.0
 * @category queries
 */
export const resultsOf = (subject: string): Effect.Effect<ReadonlyArray<WeeklyAssessment.CadreResult>, Storage.ReadError, Storage.Storage> =>
  Effect.map(scores.all("bySubject", Storage.prefixRange(subject)), (rows) => rows.map((r) => r.value))

/**
 * What {@link boardInput} and {@link board} read the stored weeks for.
 *
 * @since 0.1.0
 * @category models
 */
export interface BoardOptions {
  /** The rubric the week before was assessed under: its grade bands name the grades. */
  readonly rubric: Rubric.RubricFile
  readonly town: string
  /**
   * The week the board is posted for. Its task books are the arrangements (本周安排); the
   * stock-take (上周盘点) and the results (考核结果) shown are those of the week before.
   */
  readonly week: TaskBook.IsoWeek
  /** Names the cadres on the board. */
  readonly roster: Cadre.Roster
}

/**
 * Reads what a board shows from the store: the week's task books; the week before's books,
 * progress, stock-takes and assessed results; the town's and villages' names from the stored
 * organisation (`OrgStore`, ids where none is stored); the cadres' names from the roster; the
 * grade names from the rubric edition in force on the assessment date (or on the Monday of the
 * week before, when it has no results yet).
 *
 * Refused (`ScoringCommandRejected`, nothing is written in any case): `TASKBOOK_MISSING` when the
 * town has no task book for either week, `RUBRIC_NOT_IN_FORCE` when no edition is in force.
 *
 * @since 0.1.0
 * @category queries
 */
export const boardInput = (options: BoardOptions): Effect.Effect<Board.BoardInput, CommandError, Storage.Storage> =>
  Effect.gen(function*() {
    const last = TaskBook.previousWeek(options.week)
    const [books, lastBooks, takes, results] = yield* Effect.all([
      taskBooks.all("byTownWeek", Storage.prefixRange(options.town, options.week)),
      taskBooks.all("byTownWeek", Storage.prefixRange(options.town, last)),
      stockTakes.all("byTownWeek", Storage.prefixRange(options.town, last)),
      townWeeks.get(`${options.town}/${last}`)
    ])
    if (books.length === 0 && lastBooks.length === 0) {
      return yield* fromDiagnostics("Board", [
        Diagnostic.error(
          "TASKBOOK_MISSING",
          ["week"],
          `${options.town}在${options.week}和${last}都没有任务书`,
          `no task books for ${options.town} in ${options.week} or ${last}`
        )
      ])
    }
    const lastProgress = yield* Effect.forEach(lastBooks, (b) => progress.read(`${b.value.village}/${last}`))
    const town = yield* OrgStore.towns.get(options.town)
    const villages = yield* OrgStore.villages.all("byTown", Storage.prefixRange(options.town))
    const assessedOn = Option.isSome(results) ? results.value.value.assessedOn : TaskBook.mondayOf(last)
    const edition = Rubric.at(options.rubric, assessedOn)
    if (Either.isLeft(edition)) {
      return yield* fromDiagnostics("Board", [
        Diagnostic.error("RUBRIC_NOT_IN_FORCE", ["rubric"], `${assessedOn}没有生效的考核细则`, edition.left.message)
      ])
    }
    return {
      townName: Option.isSome(town) ? town.value.value.name : options.town,
      week: options.week,
      books: books.map((b) => b.value),
      lastBooks: lastBooks.map((b) => b.value),
      lastProgress: lastProgress.flatMap((events) => events.map((e) => e.value)),
      stockTakes: takes.map((t) => t.value),
      results: Option.isSome(results) ? results.value.value : undefined,
      names: Object.fromEntries(options.roster.cadres.map((c) => [c.id, c.name])),
      villageNames: Object.fromEntries(villages.map((v) => [v.value.id, v.value.name])),
      grades: edition.right.rubric.grades
    }
  })

/**
 * Renders the published board (公示栏) of a stored week, for one village or the whole town
 * (the default): the rows and the Markdown, CSV and HTML files of `Board.render`, from what
 * {@link boardInput} reads. A village with no task book in either week (of another town, or
 * mistyped) is refused with `TASKBOOK_MISSING` rather than given an empty board.
 *
 * @since 0.1.0
 * @category queries
 */
export const board = (
  options: BoardOptions & { readonly scope?: Board.Scope | undefined }
): Effect.Effect<ReturnType<typeof Board.render>, CommandError, Storage.Storage> =>
  Effect.flatMap(boardInput(options), (input) => {
    const scope = options.scope ?? { level: "town" }
    // A village of another town, or a mistyped one, would give an empty board: refuse it instead.
    if (scope.level === "village" && ![...input.books, ...input.lastBooks].some((b) => b.village === scope.village)) {
      const last = TaskBook.previousWeek(options.week)
      return fromDiagnostics("Board", [
        Diagnostic.error(
          "TASKBOOK_MISSING",
          ["village"],
          `${options.town}的${scope.village}在${options.week}和${last}都没有任务书`,
          `${scope.village} has no task book in ${options.town} for ${options.week} or ${last}`
        )
      ])
    }
    return Effect.succeed(Board.render(input, scope))
  })

/**
 * What {@link annualInput} and {@link annual} read the stored year for.
 *
 * @since 0.1.0
 * @category models
 */
export interface AnnualOptions {
  /** The annual rubric (with its 清廉村居 section). */
  readonly rubric: Rubric.RubricFile
  readonly town: string
  readonly year: number
  /** The assessment date: it picks the rubric edition, and sanctions in force on it bar the top grade. */
  readonly assessedOn: LocalDate.LocalDate
  readonly roster: Cadre.Roster
  readonly calendar: WorkCalendar.WorkCalendar
  /** Core's rulebook, for sanction periods. */
  readonly rulebook: CoreRulebook.Rulebook
  /**
   * What the store does not hold, by cadre: leave, the 清廉村居 items achieved, the year's findings
   * and events.
   */
  readonly cadres?: Readonly<Record<string, Pick<Annual.CadreYear, "leave" | "achieved" | "findings" | "events">>> | undefined
  /**
   * The sanction decisions to apply. Left out, they are read from the stored supervision cases
   * (see {@link annualInput}).
   */
  readonly sanctions?: ReadonlyArray<Annual.SanctionDecision> | undefined
  readonly weeklyComponent?: string | undefined
  readonly newCadreWeeks?: number | undefined
  readonly sanctionBarsTopGrade?: boolean | undefined
}

/**
 * What reading a stored year can fail with: a refusal, the store, or a stored case whose events do
 * not replay.
 *
 * @since 0.1.0
 * @category errors
 */
export type AnnualReadError = CommandError | SupervisionCase.InconsistentStream

/**
 * Reads a town's year for the annual assessment: every cadre with an assessed week of the year in
 * the store (`townWeeks`), their weekly scores, and the village of their latest week.
 *
 * Sanctions, unless given, come from the stored supervision cases: every case registered in the
 * town's county (found from the stored organisation) whose subject is one of these cadres, each
 * disposition decided on or before `assessedOn` (the annual assessment keeps those whose period
 * runs). A case that cannot be read fails the whole read: a sanction is never left out unnoticed.
 *
 * Refused (`ScoringCommandRejected`): `WEEKS_MISSING` when the town has no assessed week in the
 * year; `TOWN_UNKNOWN` when sanctions are to be read and the town is not in the stored
 * organisation, so its county's cases cannot be found.
 *
 * @since 0.1.0
 * @category queries
 */
export const annualInput = (options: AnnualOptions): Effect.Effect<Annual.Input, AnnualReadError, Storage.Storage> =>
  Effect.gen(function*() {
    // ISO weeks are written `YYYY-Www`: every week of the year sorts from "YYYY-W" up to "YYYY-X".
    const weeks = yield* townWeeks.all("byTown", {
      gte: Storage.indexKey(options.town, `${options.year}-W`),
      lt: Storage.indexKey(options.town, `${options.year}-X`)
    })
    if (weeks.length === 0) {
      return yield* fromDiagnostics("Annual", [
        Diagnostic.error("WEEKS_MISSING", ["year"], `${options.town}在${options.year}年没有已考核的周`, `${options.town} has no assessed week in ${options.year}`)
      ])
    }
    // Weeks come in order, so a cadre's village is that of their latest week.
    const byCadre = new Map<string, { village: string; weekly: Array<Annual.WeekScore> }>()
    for (const w of weeks) {
      for (const r of w.value.results) {
        const year = byCadre.get(r.subject)
        if (year === undefined) byCadre.set(r.subject, { village: r.village, weekly: [{ week: r.week, score: r.scored.score }] })
        else {
          year.village = r.village
          year.weekly.push({ week: r.week, score: r.scored.score })
        }
      }
    }
    const sanctions = options.sanctions ?? (yield* storedSanctions(options.town, new Set(byCadre.keys()), options.assessedOn))
    const cadres: Array<Annual.CadreYear> = [...byCadre].map(([subject, y]) => ({
      subject,
      village: y.village,
      town: options.town,
      weekly: y.weekly,
      ...options.cadres?.[subject]
    }))
    return {
      rubric: options.rubric,
      assessedOn: options.assessedOn,
      cadres,
      roster: options.roster,
      calendar: options.calendar,
      rulebook: options.rulebook,
      sanctions,
      weeklyComponent: options.weeklyComponent,
      newCadreWeeks: options.newCadreWeeks,
      sanctionBarsTopGrade: options.sanctionBarsTopGrade
    }
  })

const storedSanctions = (
  town: string,
  cadres: ReadonlySet<string>,
  on: LocalDate.LocalDate
): Effect.Effect<ReadonlyArray<Annual.SanctionDecision>, AnnualReadError, Storage.Storage> =>
  Effect.gen(function*() {
    const stored = yield* OrgStore.towns.get(town)
    if (Option.isNone(stored)) {
      return yield* fromDiagnostics("Annual", [
        Diagnostic.error(
          "TOWN_UNKNOWN",
          ["town"],
          `${town}不在已保存的组织架构中，无法查找其所在县的案件及处分；请先保存组织架构，或直接提供处分`,
          `${town} is not in the stored organisation, so its county's cases and their sanctions cannot be found: store the organisation, or give the sanctions`
        )
      ])
    }
    const county = stored.value.value.countyId
    // The summaries' `byTownStage` keys start with the county: one range query reads every town's
    // cases, those of towns the stored organisation does not list included.
    const summaries = yield* CaseStore.summaries.all("byTownStage", Storage.prefixRange(county))
    const decisions: Array<Annual.SanctionDecision> = []
    for (const summary of summaries) {
      if (!cadres.has(summary.value.subject.cadre)) continue
      const state = yield* CaseStore.current(summary.value.caseId)
      for (const d of state.dispositions) {
        if (d.on > on) continue
        decisions.push({
          caseId: summary.value.caseId,
          cadre: summary.value.subject.cadre,
          measure: d.measure,
          decidedOn: d.on,
          chosenMonths: d.periodMonths
        })
      }
    }
    return decisions
  })

/**
 * The annual assessment of a town's stored year ({@link annualInput}, then `Annual.assess`): each
 * cadre's weekly mean, the annual rubric, the sanction bar, grades with quotas and ranks.
 *
 * @since 0.1.0
 * @category queries
 */
export const annual = (
  options: AnnualOptions
): Effect.Effect<
  ReadonlyArray<Annual.CadreResult>,
  AnnualReadError | Rubric.NotInForce | Rubric.FactsInvalid | Annual.SanctionUnreadable,
  Storage.Storage
> => Effect.flatMap(annualInput(options), (input) => Annual.assess(input))
