/**
 * Sanctions (处分) and their influence periods (影响期).
 *
 * A party sanction or a 政务处分 bars its subject from promotion (and, under many local rubrics,
 * from an "优秀" grade) for a period set by statute: party 警告 12 months, 严重警告 18, 撤销党内职务
 * 24, 留党察看 12 or 24 (the decision chooses), 开除党籍 60; 政务处分 警告 6, 记过 12, 记大过 18,
 * 降级/撤职 24. The months come from the rulebook key `sanction.periodMonths`, never from code.
 *
 * @example
 * ```ts
 * import { Ids, LocalDate, Sanction } from "@qinglian/core"
 *
 * const sanction = Sanction.make({
 *   caseId: Ids.CaseId.make("JC-2025-002"),
 *   cadre: Ids.CadreId.make("wang"),
 *   measure: "partyWarning",
 *   from: LocalDate.unsafeMake("2026-03-20"),
 *   months: 12
 * })
 * console.log(sanction.until) // "2027-03-20": the influence period (影响期) ends
 * console.log(Sanction.isUnderInfluence([sanction], sanction.cadre, LocalDate.unsafeMake("2026-12-01"))) // true
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Ids from "../base/Ids.js"
import * as LocalDate from "../base/LocalDate.js"
import * as Measure from "../rulebook/Measure.js"
import * as Rulebook from "../rulebook/Rulebook.js"

/**
 * One sanction in force from `from` (the decision date) until `until` (exclusive).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Sanction = Schema.Struct({
  caseId: Ids.CaseId,
  cadre: Ids.CadreId,
  measure: Measure.Measure,
  from: LocalDate.LocalDate,
  months: Schema.Int.pipe(Schema.nonNegative()),
  until: LocalDate.LocalDate
}).annotations({ identifier: "Sanction" })

/**
 * @since 0.1.0
 * @category models
 */
export type Sanction = typeof Sanction.Type

/**
 * Whom a case is about, as far as 政务处分 are concerned: village cadres are 监察对象 (监察法 §15(5))
 * who can receive only the 政务处分 the rulebook lists; other public officials can receive all.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SubjectCategory = Schema.Literal("villageCadre", "publicOfficial", "partyMember").annotations({
  identifier: "SubjectCategory"
})

/**
 * @since 0.1.0
 * @category models
 */
export type SubjectCategory = typeof SubjectCategory.Type

/**
 * A measure that the subject cannot receive: for a village cadre, any 政务处分 other than those in
 * `sanction.villageCadreGovernmentMeasures` (警告, 记过, 记大过).
 *
 * @since 0.1.0
 * @category errors
 */
export class MeasureNotAllowed extends Schema.TaggedError<MeasureNotAllowed>("@qinglian/core/supervision/MeasureNotAllowed")("MeasureNotAllowed", {
  measure: Measure.Measure,
  subjectCategory: SubjectCategory,
  allowed: Schema.Array(Measure.Measure)
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `a ${this.subjectCategory} cannot receive ${this.measure} (${Measure.labelZh[this.measure]}); ` +
      `allowed 政务处分: ${this.allowed.join(", ")}`
  }
}

/**
 * The influence period chosen for a sanction is not one the rulebook allows (留党察看 is 12 or
 * 24 months and the decision must say which), or a period was given for a measure without one.
 *
 * @since 0.1.0
 * @category errors
 */
export class PeriodChoiceInvalid extends Schema.TaggedError<PeriodChoiceInvalid>("@qinglian/core/supervision/PeriodChoiceInvalid")("PeriodChoiceInvalid", {
  measure: Measure.Measure,
  chosen: Schema.optional(Schema.Number),
  allowed: Schema.Array(Schema.Number)
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return this.allowed.length === 0
      ? `${this.measure} has no influence period; do not give one`
      : `${this.measure} needs an influence period of ${this.allowed.join(" or ")} months` +
        (this.chosen === undefined ? " (none chosen)" : `, got ${this.chosen}`)
  }
}

/**
 * The influence period of `measure` in months under `rules`: `undefined` when the measure has
 * none (first-form and organisational measures). When the rulebook offers a choice (留党察看), the
 * decision's `chosenMonths` must be one of the options.
 *
 * @since 0.1.0
 * @category getters
 */
export const period = (
  rules: Rulebook.RuleSet,
  measure: Measure.Measure,
  chosenMonths?: number
): Either.Either<number | undefined, PeriodChoiceInvalid> => {
  const options = Rulebook.value(rules, "sanction.periodMonths")[measure]
  if (options === undefined) {
    return chosenMonths === undefined
      ? Either.right(undefined)
      : Either.left(new PeriodChoiceInvalid({ measure, chosen: chosenMonths, allowed: [] }))
  }
  if (chosenMonths === undefined) {
    return options.length === 1
      ? Either.right(options[0])
      : Either.left(new PeriodChoiceInvalid({ measure, allowed: options }))
  }
  return options.includes(chosenMonths)
    ? Either.right(chosenMonths)
    : Either.left(new PeriodChoiceInvalid({ measure, chosen: chosenMonths, allowed: options }))
}

/**
 * Checks that a subject of `category` may receive `measure`. Village cadres may receive only the
 * 政务处分 listed in `sanction.villageCadreGovernmentMeasures`; a party member without public office
 * none.
 *
 * @since 0.1.0
 * @category validation
 */
export const checkSubject = (
  rules: Rulebook.RuleSet,
  measure: Measure.Measure,
  category: SubjectCategory
): Either.Either<void, MeasureNotAllowed> => {
  if (category === "publicOfficial" || Measure.kind(measure) !== "government") return Either.void
  // A party member who holds no public office is not a 监察对象 and gets no 政务处分 at all.
  const allowed = category === "villageCadre" ? Rulebook.value(rules, "sanction.villageCadreGovernmentMeasures") : []
  return allowed.includes(measure)
    ? Either.void
    : Either.left(new MeasureNotAllowed({ measure, subjectCategory: category, allowed }))
}

/**
 * Builds a sanction running `months` calendar months from the decision date. A period that would
 * end after {@link LocalDate.maxDate} (the last date the library represents) ends there, so a
 * decision taken near the end of the range never throws.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (input: {
  readonly caseId: Ids.CaseId
  readonly cadre: Ids.CadreId
  readonly measure: Measure.Measure
  readonly from: LocalDate.LocalDate
  readonly months: number
}): Sanction => ({
  ...input,
  until: Either.getOrElse(LocalDate.addMonthsEither(input.from, input.months), () => LocalDate.maxDate)
})

/**
 * Whether `cadre` is within the influence period of any of `sanctions` on `date` (from the
 * decision date inclusive to the end exclusive).
 *
 * @since 0.1.0
 * @category predicates
 */
export const isUnderInfluence = (
  sanctions: Iterable<Sanction>,
  cadre: Ids.CadreId,
  date: LocalDate.LocalDate
): boolean => {
  for (const s of sanctions) if (s.cadre === cadre && s.from <= date && date < s.until) return true
  return false
}

/**
 * The sanctions in force for `cadre` on `date`.
 *
 * @since 0.1.0
 * @category getters
 */
export const inForce = (
  sanctions: Iterable<Sanction>,
  cadre: Ids.CadreId,
  date: LocalDate.LocalDate
): ReadonlyArray<Sanction> => {
  const out: Array<Sanction> = []
  for (const s of sanctions) if (s.cadre === cadre && s.from <= date && date < s.until) out.push(s)
  return out
}

/**
 * The kinds of 政务处分 from the lightest to the heaviest, in the order of 政务处分法 第七条
 * (警告、记过、记大过、降级、撤职、开除). {@link combine} executes the heaviest of several kinds.
 *
 * @since 0.1.0
 * @category constants
 */
export const governmentSeverity: ReadonlyArray<Measure.Measure> = [
  "governmentWarning",
  "governmentDemerit",
  "governmentMajorDemerit",
  "governmentDemotion",
  "governmentRemoval",
  "governmentExpulsion"
]

/**
 * A decision names more than one party sanction for its subject. Several violations of one party
 * member are handled together (合并处理, 中国共产党纪律处分条例): the decision states the one party
 * sanction that results, not one per violation.
 *
 * @since 0.1.0
 * @category errors
 */
export class PartySanctionsNotCombined extends Schema.TaggedError<PartySanctionsNotCombined>("@qinglian/core/supervision/PartySanctionsNotCombined")(
  "PartySanctionsNotCombined",
  { measures: Schema.Array(Measure.Measure) }
) {
  /** @since 0.1.0 */
  override get message(): string {
    return `a decision states one party sanction for its subject (合并处理), got ${this.measures.join(", ")}; ` +
      `decide the combined sanction and name it once`
  }
}

/**
 * Several 政务处分 of the same kind below 撤职 are executed as one, with one period between the
 * longest single period and the sum, and at most `sanction.governmentCombinedMaxMonths`
 * (政务处分法 第十条). The decision must choose it (`periodMonths`, the same on every entry that gives
 * one) within `[min, max]`.
 *
 * @since 0.1.0
 * @category errors
 */
export class CombinedPeriodInvalid extends Schema.TaggedError<CombinedPeriodInvalid>("@qinglian/core/supervision/CombinedPeriodInvalid")("CombinedPeriodInvalid", {
  measure: Measure.Measure,
  count: Schema.Int,
  min: Schema.Int,
  max: Schema.Int,
  chosen: Schema.optional(Schema.Array(Schema.Number))
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `${this.count} × ${this.measure} (${Measure.labelZh[this.measure]}) are executed as one, with one period ` +
      `of ${this.min} to ${this.max} months (政务处分法 第十条); ` +
      (this.chosen === undefined ? "choose it with periodMonths" : `got ${this.chosen.join(", ")}`)
  }
}

/**
 * A measure as a decision states it: `periodMonths` picks the influence period where there is a
 * choice.
 *
 * @since 0.1.0
 * @category models
 */
export interface Choice {
  readonly measure: Measure.Measure
  readonly periodMonths?: number | undefined
}

/**
 * A measure as it is executed, with its influence period (`undefined`: none).
 *
 * @since 0.1.0
 * @category models
 */
export interface Executed {
  readonly measure: Measure.Measure
  readonly periodMonths: number | undefined
}

/**
 * The measures of one decision for one subject as they are executed, with their periods:
 *
 * - 政务处分 (政务处分法 第十条): of two or more kinds only the heaviest ({@link governmentSeverity}) is
 *   executed; several of the same kind below 撤职 are one 政务处分 whose period the decision chooses
 *   between the longest single period and the sum, at most `sanction.governmentCombinedMaxMonths`
 *   ({@link CombinedPeriodInvalid}); several 撤职 or 开除 are one.
 * - Party sanctions: at most one ({@link PartySanctionsNotCombined}; 合并处理).
 * - Every other measure keeps its own period ({@link period}).
 *
 * The executed 政务处分 takes the place of the first 政务处分 named; the order is otherwise kept.
 *
 * @since 0.1.0
 * @category combinators
 */
export const combine = (
  rules: Rulebook.RuleSet,
  choices: ReadonlyArray<Choice>
): Either.Either<ReadonlyArray<Executed>, PeriodChoiceInvalid | CombinedPeriodInvalid | PartySanctionsNotCombined> => {
  let party = 0
  let government = 0
  for (const c of choices) {
    const k = Measure.kind(c.measure)
    if (k === "party") party++
    else if (k === "government") government++
  }
  if (party > 1) {
    return Either.left(
      new PartySanctionsNotCombined({ measures: choices.filter((c) => Measure.kind(c.measure) === "party").map((c) => c.measure) })
    )
  }
  const out: Array<Executed> = []
  if (government <= 1) {
    for (const c of choices) {
      const p = period(rules, c.measure, c.periodMonths)
      if (Either.isLeft(p)) return Either.left(p.left)
      out.push({ measure: c.measure, periodMonths: p.right })
    }
    return Either.right(out)
  }
  let heaviest: Measure.Measure | undefined
  for (const c of choices) {
    if (Measure.kind(c.measure) === "government" && (heaviest === undefined || severity(c.measure) > severity(heaviest))) {
      heaviest = c.measure
    }
  }
  const same = choices.filter((c) => c.measure === heaviest)
  const executed = combineSame(rules, heaviest!, same)
  if (Either.isLeft(executed)) return Either.left(executed.left)
  let placed = false
  for (const c of choices) {
    if (Measure.kind(c.measure) !== "government") {
      const p = period(rules, c.measure, c.periodMonths)
      if (Either.isLeft(p)) return Either.left(p.left)
      out.push({ measure: c.measure, periodMonths: p.right })
    } else if (!placed) {
      out.push(executed.right)
      placed = true
    }
  }
  return Either.right(out)
}

const combineSame = (
  rules: Rulebook.RuleSet,
  measure: Measure.Measure,
  same: ReadonlyArray<Choice>
): Either.Either<Executed, PeriodChoiceInvalid | CombinedPeriodInvalid> => {
  const first = same[0]!
  if (same.length === 1 || severity(measure) >= governmentSeverity.indexOf("governmentRemoval")) {
    // One 撤职 or 开除 is executed however many are named; its period is the single one.
    const p = period(rules, measure, first.periodMonths)
    return Either.map(p, (months) => ({ measure, periodMonths: months }))
  }
  const single = period(rules, measure)
  if (Either.isLeft(single)) return Either.left(single.left)
  const min = single.right ?? 0
  const max = Math.min(min * same.length, Rulebook.value(rules, "sanction.governmentCombinedMaxMonths"))
  const chosen = [...new Set(same.flatMap((c) => (c.periodMonths === undefined ? [] : [c.periodMonths])))]
  if (chosen.length !== 1 || chosen[0]! < min || chosen[0]! > max) {
    return Either.left(
      new CombinedPeriodInvalid(
        chosen.length === 0 ? { measure, count: same.length, min, max } : { measure, count: same.length, min, max, chosen }
      )
    )
  }
  return Either.right({ measure, periodMonths: chosen[0]! })
}

// A kind missing from the ordering counts as the heaviest, so it is never dropped.
const severity = (m: Measure.Measure): number => {
  const i = governmentSeverity.indexOf(m)
  return i < 0 ? governmentSeverity.length : i
}
