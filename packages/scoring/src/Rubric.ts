/**
 * Rubrics (考核细则) as effective-dated data, and the pure engine that scores one cadre against
 * one. A rubric file has editions; {@link at} picks the edition in force on a date, so an old week
 * is always scored under the rubric that applied then. Every part of the rubric cites its source.
 *
 * A score is built, entry by entry, in a {@link LedgerEntry} ledger that adds up to it exactly (all
 * points are integer hundredths, see `Points`):
 *
 * 1. weighted components (40% 村民评议 + 20% 镇评 + 40% 任务完成 …), each component 0–100;
 *    a `tasks` component is the mean completion of the week's tasks, each capped (`completionCap`);
 * 2. deduction items (扣分项), each worth at most `worth` points (扣完为止): one identified fact
 *    that triggers several rules is deducted once, at the highest (就高处理), and the ledger says
 *    which rule won; late tasks count working days late on the WorkCalendar;
 * 3. bonuses (加分项) with caps per month and per year, counting awards already granted;
 * 4. a clamp into `[0, scale.max]`;
 * 5. vetoes (一票否决): named events, and counts of yellow / orange / red warnings in a calendar
 *    year, each colour against its own threshold. A veto forces a grade; it does not change points.
 *
 * Grades, quotas and ranks over many cadres are in `Ranking`.
 *
 * @example
 * ```ts
 * import { LocalDate } from "@qinglian/core"
 * import { Examples, Rubric } from "@qinglian/scoring"
 * import { Either } from "effect"
 *
 * // A town's weekly rubric: an effective-dated file whose every rule cites its source.
 * const file = Either.getOrThrow(Rubric.decodeFile(Examples.weeklyRubric)) // Left: every bad path, in Chinese and English
 * const edition = Either.getOrThrow(Rubric.at(file, LocalDate.unsafeMake("2026-03-23")))
 * console.log(edition.version, edition.rubric.components.map((c) => c.id))
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */
import { Citation, Diagnostic, LocalDate, WorkCalendar } from "@qinglian/core"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Input from "./Input.js"
import * as Points from "./Points.js"

const bi = Input.bilingual

// ---------------------------------------------------------------------------------------------
// Schemas
// ---------------------------------------------------------------------------------------------

/**
 * An identifier inside a rubric: a letter, then letters, digits, `.`, `_` or `-`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const RuleId = Schema.String.pipe(
  Schema.pattern(/^[A-Za-z][A-Za-z0-9._-]{0,63}$/, {
    message: () => bi("标识须以字母开头，只含字母、数字和 . _ -", "an id starts with a letter and holds letters, digits, . _ -")
  })
).annotations({ identifier: "RuleId" })

/**
 * A label in both working languages.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Label = Schema.Struct({
  zh: Schema.String.pipe(Schema.minLength(1, { message: () => bi("中文名称不能为空", "the Chinese label is empty") })),
  en: Schema.String.pipe(Schema.minLength(1, { message: () => bi("英文名称不能为空", "the English label is empty") }))
}).annotations({ identifier: "Label" })

/**
 * @since 0.1.0
 * @category models
 */
export type Label = typeof Label.Type

const ChecklistItem = Schema.Struct({
  id: RuleId,
  label: Label,
  points: Points.NonNegativePoints,
  citation: Citation.Citation
})

/**
 * A weighted component, scored 0–100:
 *
 * - `rating`: a rating given in the facts (村民评议, 镇评, the annual mean of weekly scores …);
 * - `tasks`: the mean completion of the week's tasks, each task's completion capped at
 *   `completionCap` percent (default 100);
 * - `checklist`: the points of the `items` achieved (a 清廉村居 section, for example); the items'
 *   points add up to 100.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Component = Schema.Struct({
  id: RuleId,
  label: Label,
  weight: Points.Percent,
  source: Schema.Literal("rating", "tasks", "checklist"),
  citation: Citation.Citation,
  completionCap: Schema.optionalWith(Points.Percent, { exact: true }),
  items: Schema.optionalWith(Schema.Array(ChecklistItem), { exact: true })
}).annotations({ identifier: "RubricComponent" })

/**
 * @since 0.1.0
 * @category models
 */
export type Component = typeof Component.Type

/**
 * A deduction rule: facts of kind `trigger` cost `points` once (`per: "occurrence"`) or per unit
 * of the fact's `count` (`per: "unit"`, e.g. per working day late).
 *
 * @since 0.1.0
 * @category schemas
 */
export const DeductionRule = Schema.Struct({
  id: RuleId,
  label: Label,
  trigger: RuleId,
  points: Points.NonNegativePoints,
  per: Schema.optionalWith(Schema.Literal("occurrence", "unit"), { exact: true, default: () => "occurrence" as const })
}).annotations({ identifier: "DeductionRule" })

/**
 * @since 0.1.0
 * @category models
 */
export type DeductionRule = typeof DeductionRule.Type

/**
 * A deduction item worth at most `worth` points: deductions stop when it is used up (扣完为止).
 *
 * @since 0.1.0
 * @category schemas
 */
export const DeductionItem = Schema.Struct({
  id: RuleId,
  label: Label,
  citation: Citation.Citation,
  worth: Points.NonNegativePoints,
  rules: Schema.NonEmptyArray(DeductionRule)
}).annotations({ identifier: "DeductionItem" })

/**
 * @since 0.1.0
 * @category models
 */
export type DeductionItem = typeof DeductionItem.Type

/**
 * A bonus (加分项): facts of kind `trigger` earn `points`, within what is left of the month's and
 * the year's caps for this bonus.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Bonus = Schema.Struct({
  id: RuleId,
  label: Label,
  citation: Citation.Citation,
  trigger: RuleId,
  points: Points.NonNegativePoints,
  capPerMonth: Schema.optionalWith(Points.NonNegativePoints, { exact: true }),
  capPerYear: Schema.optionalWith(Points.NonNegativePoints, { exact: true })
}).annotations({ identifier: "Bonus" })

/**
 * @since 0.1.0
 * @category models
 */
export type Bonus = typeof Bonus.Type

/**
 * A veto (一票否决) on a named event: the cadre gets `grade` whatever the points.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Veto = Schema.Struct({
  id: RuleId,
  label: Label,
  citation: Citation.Citation,
  trigger: RuleId,
  grade: RuleId
}).annotations({ identifier: "Veto" })

/**
 * @since 0.1.0
 * @category models
 */
export type Veto = typeof Veto.Type

/**
 * Warning colours (黄牌 / 橙牌 / 红牌).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Colour = Schema.Literal("yellow", "orange", "red").annotations({ identifier: "WarningColour" })

/**
 * @since 0.1.0
 * @category models
 */
export type Colour = typeof Colour.Type

/**
 * A counting veto: `thresholds[colour]` warnings of one colour in a calendar year (each colour
 * counted on its own) force `grade`. "4 yellow, 3 orange or 2 red".
 *
 * @since 0.1.0
 * @category schemas
 */
export const WarningVeto = Schema.Struct({
  id: RuleId,
  label: Label,
  citation: Citation.Citation,
  thresholds: Schema.Struct({
    yellow: Schema.optionalWith(Schema.Int.pipe(Schema.positive()), { exact: true }),
    orange: Schema.optionalWith(Schema.Int.pipe(Schema.positive()), { exact: true }),
    red: Schema.optionalWith(Schema.Int.pipe(Schema.positive()), { exact: true })
  }),
  grade: RuleId
}).annotations({ identifier: "WarningVeto" })

/**
 * @since 0.1.0
 * @category models
 */
export type WarningVeto = typeof WarningVeto.Type

/**
 * A grade band. Bands are listed from the best down; a score gets the first band whose `min` it
 * reaches: the lower bound is inclusive (with 优秀 ≥ 90, 90.00 is 优秀 and 89.99 is not). The last
 * band's `min` is 0.
 *
 * @since 0.1.0
 * @category schemas
 */
export const GradeBand = Schema.Struct({
  grade: RuleId,
  label: Label,
  min: Points.NonNegativePoints
}).annotations({ identifier: "GradeBand" })

/**
 * @since 0.1.0
 * @category models
 */
export type GradeBand = typeof GradeBand.Type

/**
 * A quota on a grade within each town or village: at least (`atLeastPercent`, filled by promoting
 * the best-ranked cadres below it) and/or at most (`atMostPercent`, trimmed by demoting the
 * worst-ranked) a share of the group, with the count rounded `up`, `down` or to the `nearest`
 * (halves up). See `Ranking.applyQuotas` for the tie rule.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Quota = Schema.Struct({
  grade: RuleId,
  scope: Schema.Literal("town", "village"),
  atLeastPercent: Schema.optionalWith(Points.Percent, { exact: true }),
  atMostPercent: Schema.optionalWith(Points.Percent, { exact: true }),
  rounding: Schema.Literal("up", "down", "nearest"),
  citation: Citation.Citation
}).annotations({ identifier: "GradeQuota" })

/**
 * @since 0.1.0
 * @category models
 */
export type Quota = typeof Quota.Type

/**
 * A signal rule: a pattern of results that is reported to supervision (see `Signal`).
 *
 * - `lowestGradeStreak`: the lowest grade `count` weeks running;
 * - `townBottomStreak`: last in the town `count` weeks running;
 * - `villageLastMonths`: last in the village by monthly mean `count` months running.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SignalRule = Schema.Struct({
  id: RuleId,
  label: Label,
  citation: Citation.Citation,
  pattern: Schema.Literal("lowestGradeStreak", "townBottomStreak", "villageLastMonths"),
  count: Schema.Int.pipe(Schema.positive()),
  suggest: Schema.Literal("talkReminder", "letterInquiry", "none")
}).annotations({ identifier: "SignalRule" })

/**
 * @since 0.1.0
 * @category models
 */
export type SignalRule = typeof SignalRule.Type

const RubricBodyFields = Schema.Struct({
  scale: Schema.Struct({ max: Points.NonNegativePoints }),
  components: Schema.NonEmptyArray(Component),
  deductions: Schema.optionalWith(Schema.Array(DeductionItem), { exact: true, default: () => [] }),
  bonuses: Schema.optionalWith(Schema.Array(Bonus), { exact: true, default: () => [] }),
  vetoes: Schema.optionalWith(Schema.Array(Veto), { exact: true, default: () => [] }),
  warningVetoes: Schema.optionalWith(Schema.Array(WarningVeto), { exact: true, default: () => [] }),
  grades: Schema.NonEmptyArray(GradeBand),
  quotas: Schema.optionalWith(Schema.Array(Quota), { exact: true, default: () => [] }),
  /** Components compared, best first, when scores are equal; equal on all of them is a tie. */
  tieBreak: Schema.optionalWith(Schema.Array(RuleId), { exact: true, default: () => [] }),
  signals: Schema.optionalWith(Schema.Array(SignalRule), { exact: true, default: () => [] })
})

type Problem = { readonly path: ReadonlyArray<string | number>; readonly message: string }

const checkBody = (b: typeof RubricBodyFields.Type): ReadonlyArray<Problem> => {
  const problems: Array<Problem> = []
  const weights = b.components.reduce((s, c) => s + c.weight, 0)
  if (weights !== 100 * Points.PER_POINT) {
    problems.push({
      path: ["components"],
      message: bi(`各项权重之和须为100%，现为${Points.format(weights)}%`, `component weights must add up to 100%, got ${Points.format(weights)}%`)
    })
  }
  const seen = new Map<string, string>()
  const claim = (id: string, path: ReadonlyArray<string | number>) => {
    const earlier = seen.get(id)
    if (earlier !== undefined) {
      problems.push({ path, message: bi(`标识 ${id} 重复（已用于 ${earlier}）`, `id ${id} is used twice (already at ${earlier})`) })
    } else seen.set(id, Diagnostic.formatPath(path as Diagnostic.Path))
  }
  b.components.forEach((c, i) => {
    claim(c.id, ["components", i, "id"])
    if (c.source === "checklist") {
      if (c.items === undefined || c.items.length === 0) {
        problems.push({ path: ["components", i, "items"], message: bi("清单型分项须列出条目", "a checklist component lists its items") })
      } else {
        c.items.forEach((it, j) => claim(it.id, ["components", i, "items", j, "id"]))
        const sum = c.items.reduce((s, it) => s + it.points, 0)
        if (sum !== 100 * Points.PER_POINT) {
          problems.push({
            path: ["components", i, "items"],
            message: bi(`清单条目分值之和须为100，现为${Points.format(sum)}`, `checklist items must add up to 100 points, got ${Points.format(sum)}`)
          })
        }
      }
    } else if (c.items !== undefined) {
      problems.push({ path: ["components", i, "items"], message: bi("只有清单型分项可列条目", "only a checklist component has items") })
    }
    if (c.completionCap !== undefined && c.source !== "tasks") {
      problems.push({ path: ["components", i, "completionCap"], message: bi("只有任务型分项可设完成率上限", "only a tasks component has a completion cap") })
    }
  })
  if (b.components.filter((c) => c.source === "tasks").length > 1) {
    problems.push({ path: ["components"], message: bi("任务型分项至多一个", "at most one component is scored from tasks") })
  }
  b.deductions.forEach((d, i) => {
    claim(d.id, ["deductions", i, "id"])
    d.rules.forEach((r, j) => claim(r.id, ["deductions", i, "rules", j, "id"]))
  })
  b.bonuses.forEach((x, i) => claim(x.id, ["bonuses", i, "id"]))
  b.vetoes.forEach((x, i) => claim(x.id, ["vetoes", i, "id"]))
  b.warningVetoes.forEach((x, i) => claim(x.id, ["warningVetoes", i, "id"]))
  b.signals.forEach((x, i) => claim(x.id, ["signals", i, "id"]))
  const grades = new Set<string>()
  b.grades.forEach((g, i) => {
    if (grades.has(g.grade)) problems.push({ path: ["grades", i, "grade"], message: bi(`等次 ${g.grade} 重复`, `grade ${g.grade} is listed twice`) })
    grades.add(g.grade)
    const prev = b.grades[i - 1]
    if (prev !== undefined && g.min >= prev.min) {
      problems.push({ path: ["grades", i, "min"], message: bi("等次须按分数线从高到低排列", "grade bands run from the highest minimum down") })
    }
  })
  const last = b.grades[b.grades.length - 1]!
  if (last.min !== 0) {
    problems.push({ path: ["grades", b.grades.length - 1, "min"], message: bi("最低等次的分数线须为0", "the lowest band starts at 0") })
  }
  const knownGrade = (g: string, path: ReadonlyArray<string | number>) => {
    if (!grades.has(g)) problems.push({ path, message: bi(`未定义的等次 ${g}`, `unknown grade ${g}; define it in grades`) })
  }
  b.quotas.forEach((q, i) => {
    knownGrade(q.grade, ["quotas", i, "grade"])
    if (q.atLeastPercent === undefined && q.atMostPercent === undefined) {
      problems.push({ path: ["quotas", i], message: bi("名额须给出下限或上限", "a quota gives atLeastPercent, atMostPercent or both") })
    }
    if (q.atLeastPercent !== undefined && q.atMostPercent !== undefined && q.atLeastPercent > q.atMostPercent) {
      problems.push({ path: ["quotas", i, "atLeastPercent"], message: bi("名额下限高于上限", "atLeastPercent exceeds atMostPercent") })
    }
  })
  b.vetoes.forEach((v, i) => knownGrade(v.grade, ["vetoes", i, "grade"]))
  b.warningVetoes.forEach((v, i) => {
    knownGrade(v.grade, ["warningVetoes", i, "grade"])
    if (v.thresholds.yellow === undefined && v.thresholds.orange === undefined && v.thresholds.red === undefined) {
      problems.push({ path: ["warningVetoes", i, "thresholds"], message: bi("至少给出一种颜色的次数", "give a threshold for at least one colour") })
    }
  })
  const componentIds = new Set(b.components.map((c) => c.id))
  b.tieBreak.forEach((t, i) => {
    if (!componentIds.has(t)) problems.push({ path: ["tieBreak", i], message: bi(`未定义的分项 ${t}`, `unknown component ${t}`) })
  })
  return problems
}

/**
 * The body of one rubric edition: components, deductions, bonuses, vetoes, grades, quotas, the
 * tie-break and the signal rules. Checked as a whole: weights add up to 100%, ids are unique,
 * bands descend to 0, every grade named exists.
 *
 * @since 0.1.0
 * @category schemas
 */
export const RubricBody = RubricBodyFields.pipe(
  Schema.filter((b) => checkBody(b)),
  Schema.annotations({ identifier: "RubricBody" })
)

/**
 * @since 0.1.0
 * @category models
 */
export type RubricBody = typeof RubricBody.Type

/**
 * One edition of a rubric, in force from `effectiveFrom` until `effectiveUntil` (exclusive).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Edition = Schema.Struct({
  version: Schema.String.pipe(Schema.minLength(1, { message: () => bi("版本号不能为空", "an edition needs a version") })),
  effectiveFrom: LocalDate.LocalDate,
  effectiveUntil: Schema.optionalWith(LocalDate.LocalDate, { exact: true }),
  source: Citation.Citation,
  rubric: RubricBody
}).pipe(
  Schema.filter((e) =>
    e.effectiveUntil === undefined || e.effectiveUntil > e.effectiveFrom
      ? undefined
      : { path: ["effectiveUntil"], message: bi("失效日期须晚于生效日期", "effectiveUntil must be after effectiveFrom") }
  ),
  Schema.annotations({ identifier: "RubricEdition" })
)

/**
 * @since 0.1.0
 * @category models
 */
export type Edition = typeof Edition.Type

/**
 * A rubric file: an id, a name, whether it is the weekly or the annual rubric, and its editions.
 * Two editions may not share a version.
 *
 * @since 0.1.0
 * @category schemas
 */
export const RubricFile = Schema.Struct({
  id: RuleId,
  name: Schema.String,
  kind: Schema.Literal("weekly", "annual"),
  editions: Schema.NonEmptyArray(Edition)
}).pipe(
  Schema.filter((f) => {
    const seen = new Set<string>()
    const problems: Array<Problem> = []
    f.editions.forEach((e, i) => {
      if (seen.has(e.version)) {
        problems.push({ path: ["editions", i, "version"], message: bi(`版本 ${e.version} 重复`, `version ${e.version} appears twice`) })
      }
      seen.add(e.version)
    })
    return problems
  }),
  Schema.annotations({ identifier: "RubricFile" })
)

/**
 * @since 0.1.0
 * @category models
 */
export type RubricFile = typeof RubricFile.Type

/**
 * Decodes a rubric file from unknown input, strictly: unknown keys are errors, every issue has a
 * path and a zh/en message.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeFile: (input: unknown) => Either.Either<RubricFile, Input.InputRejected> = Input.decoder(
  RubricFile,
  "rubric file"
)

/**
 * Decodes a rubric file from JSON text.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeJson: (text: string) => Either.Either<RubricFile, Input.InputRejected> = Input.jsonDecoder(
  RubricFile,
  "rubric file"
)

/**
 * No edition of the rubric is in force on the date.
 *
 * @since 0.1.0
 * @category errors
 */
export class NotInForce extends Schema.TaggedError<NotInForce>()("RubricNotInForce", {
  rubric: Schema.String,
  date: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `no edition of rubric ${this.rubric} is in force on ${this.date}`
  }
}

/**
 * The edition in force on `date`: the one with the latest `effectiveFrom` on or before the date
 * that has not ended (ties: the later in the file).
 *
 * @since 0.1.0
 * @category getters
 */
export const at = (file: RubricFile, date: LocalDate.LocalDate): Either.Either<Edition, NotInForce> => {
  let best: Edition | undefined
  for (const e of file.editions) {
    if (e.effectiveFrom > date) continue
    if (e.effectiveUntil !== undefined && date >= e.effectiveUntil) continue
    if (best === undefined || e.effectiveFrom >= best.effectiveFrom) best = e
  }
  return best === undefined ? Either.left(new NotInForce({ rubric: file.id, date })) : Either.right(best)
}

// ---------------------------------------------------------------------------------------------
// Facts
// ---------------------------------------------------------------------------------------------

/**
 * One task's outcome, for a `tasks` component and for timeliness: the target and the quantity
 * done, the deadline and the day it was completed (absent: not completed).
 *
 * @since 0.1.0
 * @category models
 */
export interface TaskOutcome {
  readonly id: string
  readonly target: number
  readonly done: number
  readonly deadline: LocalDate.LocalDate
  readonly completedOn?: LocalDate.LocalDate | undefined
}

/**
 * An identified fact (a finding, a merit, an event): an id, its kind (what rules trigger on), an
 * optional count (units, such as working days late) and a note.
 *
 * @since 0.1.0
 * @category models
 */
export interface Fact {
  readonly id: string
  readonly kind: string
  readonly count?: number | undefined
  readonly note?: string | undefined
}

/**
 * A warning (黄牌 / 橙牌 / 红牌) given on a date.
 *
 * @since 0.1.0
 * @category models
 */
export interface Warning {
  readonly id: string
  readonly colour: Colour
  readonly on: LocalDate.LocalDate
}

/**
 * A bonus already granted, for the caps.
 *
 * @since 0.1.0
 * @category models
 */
export interface Award {
  readonly bonus: string
  readonly on: LocalDate.LocalDate
  readonly points: Points.Hundredths
}

/**
 * Everything the engine needs about one cadre for one assessment.
 *
 * @since 0.1.0
 * @category models
 */
export interface Facts {
  readonly subject: string
  /** The date the assessment is made: caps, warnings and lateness are counted up to it. */
  readonly date: LocalDate.LocalDate
  /** Ratings of `rating` components, 0–100 in hundredths. */
  readonly ratings?: Readonly<Record<string, Points.Hundredths>> | undefined
  /** A note for the ledger on where a rating came from. */
  readonly ratingNotes?: Readonly<Record<string, string>> | undefined
  readonly tasks?: ReadonlyArray<TaskOutcome> | undefined
  /** Items of `checklist` components achieved. */
  readonly achieved?: ReadonlyArray<string> | undefined
  readonly findings?: ReadonlyArray<Fact> | undefined
  readonly merits?: ReadonlyArray<Fact> | undefined
  readonly events?: ReadonlyArray<Fact> | undefined
  readonly warnings?: ReadonlyArray<Warning> | undefined
  readonly priorAwards?: ReadonlyArray<Award> | undefined
}

/**
 * The fact kind the engine raises for a task finished (or still open) after its deadline, with
 * the working days late as its count. Deduction rules trigger on it like on any finding.
 *
 * @since 0.1.0
 * @category constants
 */
export const LATE_TASK = "task.late"

// ---------------------------------------------------------------------------------------------
// Ledger
// ---------------------------------------------------------------------------------------------

/**
 * Why a ledger line has its points, as data; {@link explain} writes it out in Chinese and English.
 * Keeping the reason as numbers keeps a province's ledgers small and fast to build.
 *
 * - `Weighted`: a component's `value` (0–100) × `weight` (%);
 * - `Deducted`: `amount` was due under the rule; the line deducts less when the item (`worth`)
 *   ran out (扣完为止);
 * - `Superseded`: the same fact is deducted (or rewarded) under `winner` instead (就高处理);
 * - `Bonus`: `amount` was due; the line adds less when the month's or year's cap (`cap`) ran out;
 * - `Clamp`: the total `total` was brought to `bound`;
 * - `Veto`: the grade is set to `grade` (`detail`: the count of warnings, a sanction's end …).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Reason = Schema.Union(
  Schema.TaggedStruct("Weighted", { value: Schema.Int, weight: Schema.Int }),
  Schema.TaggedStruct("Deducted", { amount: Schema.Int, worth: Schema.Int }),
  Schema.TaggedStruct("Superseded", { winner: Schema.String, amount: Schema.Int, winnerAmount: Schema.Int }),
  Schema.TaggedStruct("Bonus", { amount: Schema.Int, cap: Schema.Literal("none", "month", "year") }),
  Schema.TaggedStruct("Clamp", { total: Schema.Int, bound: Schema.Int }),
  Schema.TaggedStruct("Veto", { grade: Schema.String, detail: Schema.optionalWith(Diagnostic.Message, { exact: true }) })
).annotations({ identifier: "LedgerReason" })

/**
 * @since 0.1.0
 * @category models
 */
export type Reason = typeof Reason.Type

/**
 * One line of the ledger: the section and rule, the clause it cites, the fact it is about (a fact's
 * id, or the component's key), its points and why. `points` (hundredths) add up, over the ledger,
 * to the score exactly. `outcome` says whether the line counted in full (`applied`), in part
 * because a cap or floor was reached (`capped`), or lost to a higher deduction for the same fact
 * (`superseded`, 0 points). Veto lines carry 0 points.
 *
 * @since 0.1.0
 * @category schemas
 */
export const LedgerEntry = Schema.Struct({
  section: Schema.Literal("component", "deduction", "bonus", "clamp", "veto"),
  rule: Schema.String,
  citation: Citation.Citation,
  fact: Schema.String,
  points: Schema.Int,
  outcome: Schema.Literal("applied", "capped", "superseded"),
  reason: Reason
}).annotations({ identifier: "LedgerEntry" })

/**
 * @since 0.1.0
 * @category models
 */
export type LedgerEntry = typeof LedgerEntry.Type

// Lines the engine and the annual assessment add without a rule of the rubric behind them.
const builtInLabels: Readonly<Record<string, Label>> = {
  scale: { zh: "总分范围", en: "score range" },
  sanctionInfluence: { zh: "处分影响期", en: "sanction influence period" }
}

const labelIndex = new WeakMap<RubricBody, Map<string, Label>>()

const labelsOf = (body: RubricBody): Map<string, Label> => {
  let m = labelIndex.get(body)
  if (m === undefined) {
    m = new Map<string, Label>()
    for (const c of body.components) m.set(c.id, c.label)
    for (const d of body.deductions) {
      m.set(d.id, d.label)
      for (const r of d.rules) m.set(r.id, r.label)
    }
    for (const b of body.bonuses) m.set(b.id, b.label)
    for (const v of body.vetoes) m.set(v.id, v.label)
    for (const v of body.warningVetoes) m.set(v.id, v.label)
    for (const g of body.grades) m.set(g.grade, g.label)
    labelIndex.set(body, m)
  }
  return m
}

/**
 * A ledger line in words, Chinese and English: `村民评议 70.00 × 40.00% = 28.00`,
 * `无故缺席周例会：应扣5.00分，「工作纪律」共8.00分，扣完为止，实扣3.00分` …
 *
 * @since 0.1.0
 * @category ledger
 */
export const explain = (entry: LedgerEntry, body: RubricBody): Diagnostic.Message => {
  const labels = labelsOf(body)
  const label = labels.get(entry.rule) ?? builtInLabels[entry.rule] ?? { zh: entry.rule, en: entry.rule }
  const f = Points.format
  const r = entry.reason
  const applied = Math.abs(entry.points)
  switch (r._tag) {
    case "Weighted":
      return {
        zh: `${label.zh} ${f(r.value)} × ${f(r.weight)}% = ${f(entry.points)}`,
        en: `${label.en} ${f(r.value)} × ${f(r.weight)}% = ${f(entry.points)}`
      }
    case "Deducted":
      return entry.outcome === "capped"
        ? {
          zh: `${label.zh}：应扣${f(r.amount)}分，该项共${f(r.worth)}分，扣完为止，实扣${f(applied)}分`,
          en: `${label.en}: ${f(r.amount)} due, but the item is worth ${f(r.worth)} in all; ${f(applied)} deducted`
        }
        : { zh: `${label.zh}：扣${f(applied)}分`, en: `${label.en}: ${f(applied)} deducted` }
    case "Superseded": {
      const w = labels.get(r.winner) ?? { zh: r.winner, en: r.winner }
      return {
        zh: `就高处理：同一事实按「${w.zh}」计${f(r.winnerAmount)}分，本条（${f(r.amount)}分）不再计`,
        en: `highest applies: the same fact counts ${f(r.winnerAmount)} under ${r.winner}, not ${f(r.amount)} here`
      }
    }
    case "Bonus":
      return entry.outcome === "capped"
        ? {
          zh: `${label.zh}：应加${f(r.amount)}分，已达${r.cap === "year" ? "年度" : "月度"}加分上限，实加${f(applied)}分`,
          en: `${label.en}: ${f(r.amount)} due, the ${r.cap}ly cap leaves ${f(applied)}`
        }
        : { zh: `${label.zh}：加${f(applied)}分`, en: `${label.en}: ${f(applied)} added` }
    case "Clamp":
      return r.total < r.bound
        ? { zh: `合计${f(r.total)}分，扣完为止，总分不低于${f(r.bound)}分`, en: `the total ${f(r.total)} does not go below ${f(r.bound)}` }
        : { zh: `合计${f(r.total)}分，总分不超过${f(r.bound)}分`, en: `the total ${f(r.total)} does not exceed ${f(r.bound)}` }
    case "Veto": {
      const g = labels.get(r.grade) ?? { zh: r.grade, en: r.grade }
      return {
        zh: `一票否决：${label.zh}${r.detail !== undefined ? `（${r.detail.zh}）` : ""}，等次定为${g.zh}`,
        en: `veto: ${label.en}${r.detail !== undefined ? ` (${r.detail.en})` : ""}; grade set to ${g.en}`
      }
    }
  }
}

/**
 * A veto that applied: the rule and the grade it forces.
 *
 * @since 0.1.0
 * @category schemas
 */
export const AppliedVeto = Schema.Struct({ rule: Schema.String, grade: Schema.String }).annotations({
  identifier: "AppliedVeto"
})

/**
 * @since 0.1.0
 * @category models
 */
export type AppliedVeto = typeof AppliedVeto.Type

/**
 * One cadre's score under one rubric edition: the total, the ledger it is the sum of, the raw
 * component values (for tie-breaks), the vetoes that apply and the bonuses granted (for next
 * time's caps).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Scored = Schema.Struct({
  subject: Schema.String,
  rubric: Schema.Struct({ id: Schema.String, version: Schema.String }),
  date: LocalDate.LocalDate,
  score: Schema.Int,
  components: Schema.Record({ key: Schema.String, value: Schema.Int }),
  ledger: Schema.Array(LedgerEntry),
  vetoes: Schema.Array(AppliedVeto),
  awards: Schema.Array(Schema.Struct({ bonus: Schema.String, on: LocalDate.LocalDate, points: Schema.Int }))
}).annotations({ identifier: "Scored" })

/**
 * @since 0.1.0
 * @category models
 */
export type Scored = typeof Scored.Type

/**
 * A fact the engine cannot score: a rating missing or out of 0–100, a task with a target that is
 * not positive, a date the WorkCalendar does not cover.
 *
 * @since 0.1.0
 * @category errors
 */
export class FactsInvalid extends Schema.TaggedError<FactsInvalid>()("ScoringFactsInvalid", {
  subject: Schema.String,
  code: Schema.String,
  path: Diagnostic.Path,
  reason: Diagnostic.Message
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `${this.subject} ${Diagnostic.formatPath(this.path)}: ${this.reason.en}`
  }
}

/**
 * What the engine needs besides the rubric and the facts.
 *
 * @since 0.1.0
 * @category models
 */
export interface Context {
  readonly rubricId: string
  readonly calendar: WorkCalendar.WorkCalendar
}

const FULL = 100 * Points.PER_POINT // 100.00 points, or 100%
const COLOURS = ["red", "orange", "yellow"] as const
const COLOUR_ZH = { yellow: "黄牌", orange: "橙牌", red: "红牌" } as const
const EMPTY: ReadonlyArray<never> = []

// One reference object per rubric edition, shared by every score under it.
const refs = new WeakMap<Edition, Map<string, { readonly id: string; readonly version: string }>>()
const rubricRef = (id: string, edition: Edition) => {
  let m = refs.get(edition)
  if (m === undefined) refs.set(edition, m = new Map())
  let ref = m.get(id)
  if (ref === undefined) m.set(id, ref = { id, version: edition.version })
  return ref
}

const invalidFacts = (subject: string, code: string, path: Diagnostic.Path, zh: string, en: string) =>
  new FactsInvalid({ subject, code, path, reason: { zh, en } })

type Section = LedgerEntry["section"]
type Outcome = LedgerEntry["outcome"]

const SECTIONS: ReadonlyArray<Section> = ["component", "deduction", "bonus", "clamp", "veto"]
const OUTCOMES: ReadonlyArray<Outcome> = ["applied", "capped", "superseded"]
const S_COMPONENT = 0
const S_DEDUCTION = 1
const S_BONUS = 2
const S_CLAMP = 3
const S_VETO = 4
const O_APPLIED = 0
const O_CAPPED = 1
const O_SUPERSEDED = 2

// Reason tags as small integers, for the columnar ledger of a batch.
const WEIGHTED = 0
const DEDUCTED = 1
const SUPERSEDED = 2
const BONUS = 3
const CLAMP = 4
const VETO = 5
const CAPS = ["none", "month", "year"] as const

// Where a ledger line comes from in the rubric: its section, its rule and the clause it cites, and
// the fact it names when the rubric fixes that (a component's key, "total" for the clamp; lines
// about an identified fact name it themselves). The engine writes a site's number rather than three
// references per line, so a batch keeps one small integer column where it would keep three columns
// of pointers (some 400,000 each for a province's week) for the garbage collector to trace.
interface Sites {
  readonly section: ReadonlyArray<number>
  readonly rule: ReadonlyArray<string>
  readonly citation: ReadonlyArray<Citation.Citation>
  readonly fact: ReadonlyArray<string | undefined>
  /** Component `k` is site `k`; a rating component whose rating comes with a note (the note is the
   * line's fact) is site `notedComponent + k`. */
  readonly notedComponent: number
  /** The deduction rules each kind of fact triggers, in rubric order. */
  readonly deductionsOn: ReadonlyMap<string, ReadonlyArray<Trigger>>
  /** Bonus `k` is site `bonus + k`; likewise vetoes and warning vetoes. */
  readonly bonus: number
  readonly veto: number
  readonly warningVeto: number
  readonly clamp: number
}

// A deduction rule a kind of fact triggers: its item's index, the rule and its site.
interface Trigger {
  readonly item: number
  readonly rule: DeductionRule
  readonly site: number
}

const sitesIndex = new WeakMap<Edition, Sites>()

const sitesOf = (edition: Edition): Sites => {
  const known = sitesIndex.get(edition)
  if (known !== undefined) return known
  const r = edition.rubric
  const section: Array<number> = []
  const rule: Array<string> = []
  const citation: Array<Citation.Citation> = []
  const fact: Array<string | undefined> = []
  const add = (s: number, id: string, c: Citation.Citation, f: string | undefined) => {
    section.push(s)
    rule.push(id)
    citation.push(c)
    fact.push(f)
    return rule.length - 1
  }
  for (const c of r.components) add(S_COMPONENT, c.id, c.citation, c.source === "rating" ? c.id : c.source === "tasks" ? "tasks" : "achieved")
  const notedComponent = rule.length
  for (const c of r.components) add(S_COMPONENT, c.id, c.citation, undefined)
  const deductionsOn = new Map<string, Array<Trigger>>()
  r.deductions.forEach((item, i) => {
    for (const rule of item.rules) {
      const trigger: Trigger = { item: i, rule, site: add(S_DEDUCTION, rule.id, item.citation, undefined) }
      const list = deductionsOn.get(rule.trigger)
      if (list === undefined) deductionsOn.set(rule.trigger, [trigger])
      else list.push(trigger)
    }
  })
  const bonus = rule.length
  for (const b of r.bonuses) add(S_BONUS, b.id, b.citation, undefined)
  const veto = rule.length
  for (const v of r.vetoes) add(S_VETO, v.id, v.citation, undefined)
  const warningVeto = rule.length
  for (const v of r.warningVetoes) add(S_VETO, v.id, v.citation, undefined)
  const clamp = add(S_CLAMP, "scale", edition.source, "total")
  const sites: Sites = { section, rule, citation, fact, notedComponent, deductionsOn, bonus, veto, warningVeto, clamp }
  sitesIndex.set(edition, sites)
  return sites
}

// Where the engine writes what it finds. A line is its site (see `Sites`), the fact it is about,
// its points and outcome; a reason is its tag and two numbers (`a`, `b`), plus a rule id (`ref`:
// the winner of a superseded line, the grade of a veto) and a veto's detail.
interface Sink {
  line(site: number, fact: string, points: number, outcome: number, tag: number, a: number, b: number, ref: string | undefined, detail: Diagnostic.Message | undefined): void
  component(id: string, index: number, value: number): void
  veto(rule: string, grade: string): void
  award(bonus: string, points: number): void
}

const reasonOf = (tag: number, a: number, b: number, ref: string | undefined, detail: Diagnostic.Message | undefined): Reason => {
  switch (tag) {
    case WEIGHTED:
      return { _tag: "Weighted", value: a, weight: b }
    case DEDUCTED:
      return { _tag: "Deducted", amount: a, worth: b }
    case SUPERSEDED:
      return { _tag: "Superseded", winner: ref!, amount: a, winnerAmount: b }
    case BONUS:
      return { _tag: "Bonus", amount: a, cap: CAPS[b]! }
    case CLAMP:
      return { _tag: "Clamp", total: a, bound: b }
    default:
      return detail === undefined ? { _tag: "Veto", grade: ref! } : { _tag: "Veto", grade: ref!, detail }
  }
}

const unitsOf = (rule: DeductionRule, count: number | undefined) => (rule.per === "unit" ? Math.max(0, Math.floor(count ?? 1)) : 1)

// Deducts one fact: 就高处理 (the highest deduction wins; on equal amounts, the first in the
// rubric), other matching rules get 0-point superseded lines, the item stops at its worth (`used`
// holds what each item has lost so far). Returns the points deducted. The rules a kind of fact
// triggers are looked up once per edition (`sites.deductionsOn`), not searched for per fact.
const deduct = (sink: Sink, sites: Sites, items: ReadonlyArray<DeductionItem>, used: Array<number>, factId: string, kind: string, count: number | undefined): number => {
  const matching = sites.deductionsOn.get(kind)
  if (matching === undefined) return 0
  let win = matching[0]!
  let winAmount = win.rule.points * unitsOf(win.rule, count)
  for (let m = 1; m < matching.length; m++) {
    const amount = matching[m]!.rule.points * unitsOf(matching[m]!.rule, count)
    if (amount > winAmount) {
      win = matching[m]!
      winAmount = amount
    }
  }
  if (matching.length > 1) {
    for (const x of matching) {
      if (x !== win) sink.line(x.site, factId, 0, O_SUPERSEDED, SUPERSEDED, x.rule.points * unitsOf(x.rule, count), winAmount, win.rule.id, undefined)
    }
  }
  const item = items[win.item]!
  const spent = used[win.item] ?? 0
  const left = item.worth - spent > 0 ? item.worth - spent : 0
  const applied = winAmount < left ? winAmount : left
  used[win.item] = spent + applied
  sink.line(win.site, factId, 0 - applied, applied < winAmount ? O_CAPPED : O_APPLIED, DEDUCTED, winAmount, item.worth, undefined, undefined)
  return applied
}

// Working days late from `deadline` to `end`, remembered per pair within a batch (a week's tasks
// share a handful of deadlines). Tasks mostly come deadline by deadline, so the last deadline's row
// is kept at hand: most lookups are then one Map.get rather than two.
class LateMemo {
  readonly rows = new Map<string, Map<string, number>>()
  deadline: string | undefined = undefined
  row = new Map<string, number>()
  rowOf(deadline: string): Map<string, number> {
    if (deadline !== this.deadline) {
      let row = this.rows.get(deadline)
      if (row === undefined) this.rows.set(deadline, row = new Map())
      this.deadline = deadline
      this.row = row
    }
    return this.row
  }
}

const lateDays = (ctx: Context, memo: LateMemo | undefined, deadline: LocalDate.LocalDate, end: LocalDate.LocalDate): number | string => {
  const row = memo?.rowOf(deadline)
  const known = row?.get(end)
  if (known !== undefined) return known
  const late = WorkCalendar.workingDaysBetween(ctx.calendar, deadline, end)
  if (Either.isLeft(late)) return late.left.message
  row?.set(end, late.right)
  return late.right
}

// Bonuses within their caps, counting earlier awards of the same month and year; returns the
// points added. Apart from `run` (as are vetoes), so that its closures do not make every cadre's
// call of `run` allocate a context for them.
const bonuses = (edition: Edition, sites: Sites, facts: Facts, sink: Sink): number => {
  const r = edition.rubric
  const merits = facts.merits ?? EMPTY
  let total = 0
  const month = facts.date.slice(0, 7)
  const year = facts.date.slice(0, 4)
  const mine: Array<Award> = []
  const granted = (bonus: string, prefix: string) => {
    let s = 0
    for (const a of facts.priorAwards ?? EMPTY) if (a.bonus === bonus && a.on.startsWith(prefix) && a.on <= facts.date) s += a.points
    for (const a of mine) if (a.bonus === bonus) s += a.points
    return s
  }
  for (const m of merits) {
    const matching: Array<number> = []
    for (let k = 0; k < r.bonuses.length; k++) if (r.bonuses[k]!.trigger === m.kind) matching.push(k)
    if (matching.length === 0) continue
    let winK = matching[0]!
    for (const k of matching) if (r.bonuses[k]!.points > r.bonuses[winK]!.points) winK = k
    const win = r.bonuses[winK]!
    for (const k of matching) {
      const b = r.bonuses[k]!
      if (k !== winK) sink.line(sites.bonus + k, m.id, 0, O_SUPERSEDED, SUPERSEDED, b.points, win.points, win.id, undefined)
    }
    const monthLeft = win.capPerMonth === undefined ? Infinity : Math.max(0, win.capPerMonth - granted(win.id, month))
    const yearLeft = win.capPerYear === undefined ? Infinity : Math.max(0, win.capPerYear - granted(win.id, year))
    const applied = Math.min(win.points, monthLeft, yearLeft)
    if (applied > 0) {
      mine.push({ bonus: win.id, on: facts.date, points: applied })
      sink.award(win.id, applied)
    }
    total += applied
    const cap = applied < win.points ? (yearLeft < monthLeft ? 2 : 1) : 0
    sink.line(sites.bonus + winK, m.id, applied, applied < win.points ? O_CAPPED : O_APPLIED, BONUS, win.points, cap, undefined, undefined)
  }
  return total
}

// Vetoes: named events, and warnings counted by colour over the calendar year.
const vetoes = (edition: Edition, sites: Sites, facts: Facts, sink: Sink): void => {
  const r = edition.rubric
  const events = facts.events ?? EMPTY
  if (events.length > 0) {
    for (let k = 0; k < r.vetoes.length; k++) {
      const v = r.vetoes[k]!
      const hit = events.find((e) => e.kind === v.trigger)
      if (hit === undefined) continue
      sink.veto(v.id, v.grade)
      sink.line(sites.veto + k, hit.id, 0, O_APPLIED, VETO, 0, 0, v.grade, undefined)
    }
  }
  const warnings = facts.warnings ?? EMPTY
  if (warnings.length > 0) {
    const year = facts.date.slice(0, 4)
    for (let k = 0; k < r.warningVetoes.length; k++) {
      const v = r.warningVetoes[k]!
      const counts: Record<Colour, number> = { yellow: 0, orange: 0, red: 0 }
      for (const w of warnings) if (w.on.startsWith(year) && w.on <= facts.date) counts[w.colour]++
      const reached = COLOURS.find((c) => {
        const n = v.thresholds[c]
        return n !== undefined && counts[c] >= n
      })
      if (reached === undefined) continue
      sink.veto(v.id, v.grade)
      sink.line(sites.warningVeto + k, `warnings/${year}`, 0, O_APPLIED, VETO, 0, 0, v.grade, {
        zh: `本年度${COLOUR_ZH[reached]}${counts[reached]}次，达到${v.thresholds[reached]}次`,
        en: `${counts[reached]} ${reached} warnings this year reach ${v.thresholds[reached]}`
      })
    }
  }
}

// The engine: writes every line, component, veto and award of one cadre to `sink`; returns the
// score, or why the facts cannot be scored. `sites` is `sitesOf(edition)`, looked up once per
// batch rather than once per cadre.
const run = (edition: Edition, sites: Sites, facts: Facts, ctx: Context, sink: Sink, used: Array<number>, memo?: LateMemo): number | FactsInvalid => {
  const r = edition.rubric
  let total = 0

  // 1. Weighted components.
  for (let ci = 0; ci < r.components.length; ci++) {
    const c = r.components[ci]!
    let value: number
    let site = ci
    let fact: string = c.id
    if (c.source === "rating") {
      const v = facts.ratings?.[c.id]
      if (v === undefined || !Number.isSafeInteger(v) || v < 0 || v > FULL) {
        return invalidFacts(facts.subject, "RATING_INVALID", ["ratings", c.id], `缺少${c.label.zh}评分，或不在0到100之间`, `rating ${c.id} is missing or outside 0–100`)
      }
      value = v
      const note = facts.ratingNotes?.[c.id]
      if (note !== undefined) {
        site = sites.notedComponent + ci
        fact = note
      }
    } else if (c.source === "tasks") {
      const tasks = facts.tasks ?? EMPTY
      const cap = c.completionCap ?? FULL
      let sum = 0
      for (let i = 0; i < tasks.length; i++) {
        const t = tasks[i]!
        if (!(t.target > 0) || !Number.isFinite(t.target) || !Number.isFinite(t.done)) {
          return invalidFacts(facts.subject, "TASK_TARGET", ["tasks", i, "target"], "任务目标须为正数", "a task's target must be positive")
        }
        const raw = Points.mulDiv(t.done > 0 ? t.done : 0, FULL, t.target)
        sum += raw < cap ? raw : cap
      }
      // No task assigned this week: the component is neither earned nor lost; it counts in full.
      value = tasks.length === 0 ? FULL : Points.mulDiv(sum, 1, tasks.length)
      fact = "tasks"
    } else {
      value = 0
      const achieved = facts.achieved ?? EMPTY
      for (const it of c.items ?? EMPTY) if (achieved.includes(it.id)) value += it.points
      fact = "achieved"
    }
    sink.component(c.id, ci, value)
    const points = Points.mulDiv(value, c.weight, FULL)
    total += points
    sink.line(site, fact, points, O_APPLIED, WEIGHTED, value, c.weight, undefined, undefined)
  }

  // 2. Deductions. A late task is a fact of kind `task.late` (its id is the task's), counted in
  // working days; it goes through the same rules as any finding.
  for (let i = 0; i < used.length; i++) used[i] = 0
  for (const f of facts.findings ?? EMPTY) total -= deduct(sink, sites, r.deductions, used, f.id, f.kind, f.count)
  const tasks = facts.tasks ?? EMPTY
  for (let i = 0; i < tasks.length; i++) {
    const t = tasks[i]!
    const end = t.completedOn ?? (t.done >= t.target ? undefined : facts.date)
    if (end === undefined || end <= t.deadline) continue
    const late = lateDays(ctx, memo, t.deadline, end)
    if (typeof late === "string") {
      return invalidFacts(facts.subject, "CALENDAR_RANGE", ["tasks", i, "deadline"], "工作日历未覆盖该日期", late)
    }
    if (late > 0) total -= deduct(sink, sites, r.deductions, used, t.id, LATE_TASK, late)
  }

  // 3. Bonuses within their caps, counting earlier awards of the same month and year.
  if (facts.merits !== undefined && facts.merits.length > 0) total += bonuses(edition, sites, facts, sink)

  // 4. Clamp into [0, max].
  if (total < 0 || total > r.scale.max) {
    const bound = total < 0 ? 0 : r.scale.max
    sink.line(sites.clamp, "total", bound - total, O_APPLIED, CLAMP, total, bound, undefined, undefined)
    total = bound
  }

  // 5. Vetoes.
  vetoes(edition, sites, facts, sink)
  return total
}

// Collects one cadre's result as objects.
class ObjectSink implements Sink {
  readonly ledger: Array<LedgerEntry> = []
  readonly components: Record<string, number> = {}
  vetoes: Array<AppliedVeto> | undefined = undefined
  awards: Array<Award> | undefined = undefined
  constructor(readonly date: LocalDate.LocalDate, readonly sites: Sites) {}
  line(site: number, fact: string, points: number, outcome: number, tag: number, a: number, b: number, ref: string | undefined, detail: Diagnostic.Message | undefined): void {
    const s = this.sites
    this.ledger.push({
      section: SECTIONS[s.section[site]!]!,
      rule: s.rule[site]!,
      citation: s.citation[site]!,
      fact,
      points,
      outcome: OUTCOMES[outcome]!,
      reason: reasonOf(tag, a, b, ref, detail)
    })
  }
  component(id: string, _index: number, value: number): void {
    this.components[id] = value
  }
  veto(rule: string, grade: string): void {
    ;(this.vetoes ??= []).push({ rule, grade })
  }
  award(bonus: string, points: number): void {
    ;(this.awards ??= []).push({ bonus, on: this.date, points })
  }
}

/**
 * Scores one cadre's facts under an edition. Pure. The result's ledger adds up to `score`.
 *
 * @since 0.1.0
 * @category scoring
 */
export const score = (
  edition: Edition,
  facts: Facts,
  ctx: Context
): Either.Either<Scored, FactsInvalid> => {
  const sites = sitesOf(edition)
  const sink = new ObjectSink(facts.date, sites)
  const total = run(edition, sites, facts, ctx, sink, new Array<number>(edition.rubric.deductions.length).fill(0))
  if (typeof total !== "number") return Either.left(total)
  return Either.right({
    subject: facts.subject,
    rubric: rubricRef(ctx.rubricId, edition),
    date: facts.date,
    score: total,
    components: sink.components,
    ledger: sink.ledger,
    vetoes: sink.vetoes ?? EMPTY,
    awards: sink.awards ?? EMPTY
  })
}

// ---------------------------------------------------------------------------------------------
// Batches
// ---------------------------------------------------------------------------------------------

/**
 * Many cadres scored at once, kept in columns (typed arrays) rather than one object per ledger
 * line: what a province's week needs. The ledger is complete; {@link Batch.scored} gives cadre `i`'s
 * {@link Scored}, identical to {@link score}'s, on demand.
 *
 * @since 0.1.0
 * @category models
 */
export interface Batch {
  readonly edition: Edition
  readonly rubricId: string
  readonly size: number
  /** `scores[i]`: cadre `i`'s score. */
  readonly scores: Int32Array
  /** `components[i * width + k]`: cadre `i`'s value of component `k` (rubric order). */
  readonly components: Int32Array
  /** The worst grade index any veto of cadre `i` forces, or -1. */
  readonly vetoGrade: Int16Array
  /** Ledger lines of cadre `i` are `lineStart[i]` to `lineStart[i + 1]` (exclusive). */
  readonly lineStart: Uint32Array
  readonly lines: number
  /** Cadre `i`'s {@link Scored}, built on demand. */
  readonly scored: (i: number) => Scored
}

class ColumnSink implements Sink {
  n = 0
  cap: number
  // The site (rule, citation, section) of each line: 16 bits are plenty for any rubric, but a
  // rubric with more sites than that still gets a column that holds them.
  site: Uint16Array | Uint32Array
  outcome: Uint8Array
  tag: Uint8Array
  points: Int32Array
  a: Int32Array
  b: Int32Array
  // The facts of lines whose site does not fix the fact (deductions, bonuses, vetoes, noted
  // ratings), in line order: some 70,000 of a province's 370,000 lines.
  readonly facts: Array<string> = []
  readonly ref = new Map<number, string>()
  readonly detail = new Map<number, Diagnostic.Message>()
  readonly vetoes = new Map<number, Array<AppliedVeto>>()
  readonly awards = new Map<number, Array<Award>>()
  current = 0
  date: LocalDate.LocalDate = "" as LocalDate.LocalDate
  compBase = 0
  vetoGrade: Int16Array
  constructor(readonly body: RubricBody, readonly sites: Sites, size: number, readonly components: Int32Array) {
    this.cap = Math.max(16, size * (body.components.length + 1))
    this.site = sites.rule.length <= 0x10000 ? new Uint16Array(this.cap) : new Uint32Array(this.cap)
    this.outcome = new Uint8Array(this.cap)
    this.tag = new Uint8Array(this.cap)
    this.points = new Int32Array(this.cap)
    this.a = new Int32Array(this.cap)
    this.b = new Int32Array(this.cap)
    this.vetoGrade = new Int16Array(size).fill(-1)
  }
  private grow(): void {
    const cap = this.cap * 2
    const widen = <T extends Uint8Array | Uint16Array | Uint32Array | Int32Array>(x: T, make: (n: number) => T): T => {
      const y = make(cap)
      y.set(x)
      return y
    }
    this.site = this.site instanceof Uint16Array ? widen(this.site, (k) => new Uint16Array(k)) : widen(this.site, (k) => new Uint32Array(k))
    this.outcome = widen(this.outcome, (k) => new Uint8Array(k))
    this.tag = widen(this.tag, (k) => new Uint8Array(k))
    this.points = widen(this.points, (k) => new Int32Array(k))
    this.a = widen(this.a, (k) => new Int32Array(k))
    this.b = widen(this.b, (k) => new Int32Array(k))
    this.cap = cap
  }
  line(site: number, fact: string, points: number, outcome: number, tag: number, a: number, b: number, ref: string | undefined, detail: Diagnostic.Message | undefined): void {
    if (this.n === this.cap) this.grow()
    const k = this.n++
    this.site[k] = site
    this.outcome[k] = outcome
    this.tag[k] = tag
    this.points[k] = points
    // Clamp totals and amounts fit in 32 bits: points are at most a rubric's hundredths.
    this.a[k] = a
    this.b[k] = b
    if (this.sites.fact[site] === undefined) this.facts.push(fact)
    if (ref !== undefined) this.ref.set(k, ref)
    if (detail !== undefined) this.detail.set(k, detail)
  }
  component(_id: string, index: number, value: number): void {
    this.components[this.compBase + index] = value
  }
  veto(rule: string, grade: string): void {
    const list = this.vetoes.get(this.current)
    if (list === undefined) this.vetoes.set(this.current, [{ rule, grade }])
    else list.push({ rule, grade })
    const g = gradeIndex(this.body, grade)
    if (g > this.vetoGrade[this.current]!) this.vetoGrade[this.current] = g
  }
  award(bonus: string, points: number): void {
    const list = this.awards.get(this.current)
    const a = { bonus, on: this.date, points }
    if (list === undefined) this.awards.set(this.current, [a])
    else list.push(a)
  }
}

/**
 * Scores many cadres' facts under one edition into a {@link Batch}: the same engine, the same
 * results as {@link score} for each, kept in columns. Fails on the first cadre whose facts cannot
 * be scored.
 *
 * @since 0.1.0
 * @category scoring
 */
export const scoreBatch = (
  edition: Edition,
  facts: ReadonlyArray<Facts>,
  ctx: Context
): Either.Either<Batch, FactsInvalid> => {
  const body = edition.rubric
  const width = body.components.length
  const n = facts.length
  const scores = new Int32Array(n)
  const components = new Int32Array(n * width)
  const lineStart = new Uint32Array(n + 1)
  const sites = sitesOf(edition)
  const sink = new ColumnSink(body, sites, n, components)
  // Cadre `i`'s lines that name their own fact find it from `factStart[i]` on in `sink.facts`.
  const factStart = new Uint32Array(n + 1)
  const used = new Array<number>(body.deductions.length).fill(0)
  const memo = new LateMemo()
  for (let i = 0; i < n; i++) {
    const f = facts[i]!
    sink.current = i
    sink.date = f.date
    sink.compBase = i * width
    lineStart[i] = sink.n
    factStart[i] = sink.facts.length
    const total = run(edition, sites, f, ctx, sink, used, memo)
    if (typeof total !== "number") return Either.left(total)
    scores[i] = total
  }
  lineStart[n] = sink.n
  factStart[n] = sink.facts.length
  const ref = rubricRef(ctx.rubricId, edition)
  const scored = (i: number): Scored => {
    const ledger: Array<LedgerEntry> = []
    let nextFact = factStart[i]!
    for (let k = lineStart[i]!; k < lineStart[i + 1]!; k++) {
      const site = sink.site[k]!
      ledger.push({
        section: SECTIONS[sites.section[site]!]!,
        rule: sites.rule[site]!,
        citation: sites.citation[site]!,
        fact: sites.fact[site] ?? sink.facts[nextFact++]!,
        points: sink.points[k]!,
        outcome: OUTCOMES[sink.outcome[k]!]!,
        reason: reasonOf(sink.tag[k]!, sink.a[k]!, sink.b[k]!, sink.ref.get(k), sink.detail.get(k))
      })
    }
    const comps: Record<string, number> = {}
    for (let c = 0; c < width; c++) comps[body.components[c]!.id] = components[i * width + c]!
    return {
      subject: facts[i]!.subject,
      rubric: ref,
      date: facts[i]!.date,
      score: scores[i]!,
      components: comps,
      ledger,
      vetoes: sink.vetoes.get(i) ?? EMPTY,
      awards: sink.awards.get(i) ?? EMPTY
    }
  }
  return Either.right({
    edition,
    rubricId: ctx.rubricId,
    size: n,
    scores,
    components,
    vetoGrade: sink.vetoGrade,
    lineStart,
    lines: sink.n,
    scored
  })
}

/**
 * The grade band a score falls in (lower bounds inclusive).
 *
 * @since 0.1.0
 * @category grading
 */
export const bandOf = (body: RubricBody, score: Points.Hundredths): GradeBand => {
  for (const g of body.grades) if (score >= g.min) return g
  return body.grades[body.grades.length - 1]!
}

/**
 * The position of a grade in the bands (0 is the best); grades not in the rubric sort last.
 *
 * @since 0.1.0
 * @category grading
 */
export const gradeIndex = (body: RubricBody, grade: string): number => {
  const i = body.grades.findIndex((g) => g.grade === grade)
  return i < 0 ? body.grades.length : i
}

/**
 * The label of a grade, or the grade id when the rubric does not name it.
 *
 * @since 0.1.0
 * @category grading
 */
export const gradeLabel = (body: RubricBody, grade: string): Label =>
  body.grades.find((g) => g.grade === grade)?.label ?? { zh: grade, en: grade }
