/**
 * Sanctions (处分) and their influence periods (影响期).
 *
 * A party sanction or a 政务处分 bars its subject from promotion (and, under many local rubrics,
 * from an "优秀" grade) for a period set by statute: party 警告 12 months, 严重警告 18, 撤销党内职务
 * 24, 留党察看 12 or 24 (the decision chooses), 开除党籍 60; 政务处分 警告 6, 记过 12, 记大过 18,
 * 降级/撤职 24. The months come from the rulebook key `sanction.periodMonths`, never from code.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Ids from "./Ids.js"
import * as LocalDate from "./LocalDate.js"
import * as Measure from "./Measure.js"
import * as Rulebook from "./Rulebook.js"

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
export class MeasureNotAllowed extends Schema.TaggedError<MeasureNotAllowed>()("MeasureNotAllowed", {
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
export class PeriodChoiceInvalid extends Schema.TaggedError<PeriodChoiceInvalid>()("PeriodChoiceInvalid", {
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
 * Builds a sanction running `months` calendar months from the decision date.
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
}): Sanction => ({ ...input, until: LocalDate.addMonths(input.from, input.months) })

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
