/**
 * The four forms (四种形态) of supervision and discipline (纪律处分条例 2023 §5).
 *
 * Every disposal falls in exactly one form, and which one is data: the rulebook table
 * `fourForms.classification` maps each {@link Measure.Measure} to a form. {@link report} counts a
 * period's dispositions per form and town with exact shares.
 *
 * | form | 中文 | typical measures |
 * | --- | --- | --- |
 * | 1 | 第一种形态 | 批评教育、谈话提醒、责令检查、诫勉 |
 * | 2 | 第二种形态 | 党纪轻处分, 组织调整, 政务处分 警告/记过/记大过 |
 * | 3 | 第三种形态 | 党纪重处分, 重大职务调整 |
 * | 4 | 第四种形态 | 严重违纪涉嫌犯罪, 移送司法 |
 *
 * @example
 * ```ts
 * import { FourForms, LocalDate, Rulebook } from "@qinglian/core"
 * import { Either } from "effect"
 *
 * const rules = Rulebook.unsafeAt(Rulebook.defaults, LocalDate.unsafeMake("2026-05-20"))
 * const form = Either.getOrThrow(FourForms.classify(rules, "partyWarning"))
 * console.log(form, FourForms.labelZh[form]) // 2 "第二种形态"
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
 * A form, 1 to 4.
 *
 * @since 0.1.0
 * @category models
 */
export type Form = Rulebook.Form

/**
 * The four forms in order.
 *
 * @since 0.1.0
 * @category constants
 */
export const forms: ReadonlyArray<Form> = [1, 2, 3, 4]

/**
 * Chinese label of each form.
 *
 * @since 0.1.0
 * @category constants
 */
export const labelZh: Readonly<Record<Form, string>> = {
  1: "第一种形态",
  2: "第二种形态",
  3: "第三种形态",
  4: "第四种形态"
}

/**
 * The rulebook in force does not classify a measure (a county's table left it out).
 *
 * @since 0.1.0
 * @category errors
 */
export class Unclassified extends Schema.TaggedError<Unclassified>("@qinglian/core/supervision/Unclassified")("FourFormsUnclassified", {
  measure: Measure.Measure
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `the rulebook's fourForms.classification has no form for ${this.measure} (${Measure.labelZh[this.measure]})`
  }
}

/**
 * The form of one measure, read from `fourForms.classification`.
 *
 * @since 0.1.0
 * @category classification
 */
export const classify = (rules: Rulebook.RuleSet, measure: Measure.Measure): Either.Either<Form, Unclassified> => {
  const form = Rulebook.value(rules, "fourForms.classification")[measure]
  return form === undefined ? Either.left(new Unclassified({ measure })) : Either.right(form)
}

/**
 * A disposal as recorded on a case: the measure, its form (classified when it was decided, so a
 * later rulebook edition does not rewrite history) and the date.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Disposition = Schema.Struct({
  measure: Measure.Measure,
  form: Rulebook.Form,
  on: LocalDate.LocalDate,
  periodMonths: Schema.optional(Schema.Int.pipe(Schema.nonNegative()))
}).annotations({ identifier: "Disposition" })

/**
 * @since 0.1.0
 * @category models
 */
export type Disposition = typeof Disposition.Type

/**
 * What {@link report} needs of a case: its town and its dispositions (a
 * `SupervisionCase.State` qualifies).
 *
 * @since 0.1.0
 * @category models
 */
export interface Reportable {
  readonly town: Ids.TownId | undefined
  readonly dispositions: ReadonlyArray<Disposition>
}

/**
 * A closed range of dates, both ends included.
 *
 * @since 0.1.0
 * @category models
 */
export interface Period {
  readonly from: LocalDate.LocalDate
  readonly to: LocalDate.LocalDate
}

/**
 * Which towns to report on: all of them, or a list.
 *
 * @since 0.1.0
 * @category models
 */
export type Scope = { readonly towns: "all" } | { readonly towns: ReadonlyArray<Ids.TownId> }

/**
 * An exact share `numerator / denominator`, with its value in integer per-mille (‰, shares of one
 * row sum to exactly 1000 by the largest-remainder method) and a percentage for display.
 *
 * @since 0.1.0
 * @category models
 */
export interface Share {
  readonly numerator: number
  readonly denominator: number
  readonly perMille: number
  readonly display: string
}

/**
 * Counts and shares per form for one town, or for the whole scope (`town: "all"`).
 *
 * @since 0.1.0
 * @category models
 */
export interface Row {
  readonly town: Ids.TownId | "all"
  readonly total: number
  readonly counts: Readonly<Record<Form, number>>
  readonly shares: Readonly<Record<Form, Share>>
}

/**
 * A four-forms report: one row per town (sorted by id) and a total row.
 *
 * @since 0.1.0
 * @category models
 */
export interface Report {
  readonly period: Period
  readonly towns: ReadonlyArray<Row>
  readonly total: Row
}

const perMilleShares = (counts: Readonly<Record<Form, number>>, total: number): Record<Form, Share> => {
  // Largest remainder, so the four per-mille values of a non-empty row add up to exactly 1000.
  const exact = forms.map((f) => (total === 0 ? 0 : (counts[f] * 1000) / total))
  const floors = exact.map(Math.floor)
  let missing = total === 0 ? 0 : 1000 - floors.reduce((a, b) => a + b, 0)
  const order = forms
    .map((_, i) => i)
    .sort((i, j) => (exact[j]! - floors[j]!) - (exact[i]! - floors[i]!) || i - j)
  for (const i of order) {
    if (missing <= 0) break
    if (exact[i]! > floors[i]!) {
      floors[i] = floors[i]! + 1
      missing--
    }
  }
  const out = {} as Record<Form, Share>
  forms.forEach((f, i) => {
    const pm = floors[i]!
    out[f] = {
      numerator: counts[f],
      denominator: total,
      perMille: pm,
      display: `${Math.floor(pm / 10)}.${pm % 10}%`
    }
  })
  return out
}

const row = (town: Ids.TownId | "all", counts: Record<Form, number>): Row => {
  const total = counts[1] + counts[2] + counts[3] + counts[4]
  return { town, total, counts, shares: perMilleShares(counts, total) }
}

/**
 * The form a case counts under for a period: the highest form among its dispositions dated in the
 * period, or `undefined` when it has none there. A person who receives a party warning and a
 * 政务警告 in one decision is one person-time (人次) in form 2, not two.
 *
 * @since 0.1.0
 * @category classification
 */
export const formInPeriod = (c: Reportable, period: Period): Form | undefined => {
  let form: Form | undefined = undefined
  for (const d of c.dispositions) {
    if (d.on < period.from || d.on > period.to) continue
    if (form === undefined || d.form > form) form = d.form
  }
  return form
}

/**
 * Counts the cases of `scope` disposed of in `period` per form and town (人次, each case once
 * under its highest form), with exact shares. No floating point enters the counting.
 *
 * @since 0.1.0
 * @category reports
 */
export const report = (cases: Iterable<Reportable>, period: Period, scope: Scope = { towns: "all" }): Report => {
  const wanted = scope.towns === "all" ? undefined : new Set<string>(scope.towns)
  const byTown = new Map<Ids.TownId, Record<Form, number>>()
  if (wanted !== undefined) for (const t of wanted) byTown.set(t as Ids.TownId, { 1: 0, 2: 0, 3: 0, 4: 0 })
  const all: Record<Form, number> = { 1: 0, 2: 0, 3: 0, 4: 0 }
  for (const c of cases) {
    if (c.town === undefined || (wanted !== undefined && !wanted.has(c.town))) continue
    const form = formInPeriod(c, period)
    if (form === undefined) continue
    let counts = byTown.get(c.town)
    if (counts === undefined) {
      counts = { 1: 0, 2: 0, 3: 0, 4: 0 }
      byTown.set(c.town, counts)
    }
    counts[form]++
    all[form]++
  }
  const towns = [...byTown.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([t, c]) => row(t, c))
  return { period, towns, total: row("all", all) }
}
