/**
 * Rectification of weak villages (三个一批): a province designates villages for rectification in
 * one of its categories, for a period, and records the outcome (后进 → 先进).
 *
 * The seed village 西属村 was designated in 2021-11 by the Shanxi provincial discipline commission
 * as a key village of the "党建引领一批" (party-building-led) category: its party branch was weak
 * and lax (软弱涣散) and its two committees divided. That is the one category the library knows
 * by name. The scheme's other two categories are named by the province's own documents, which
 * differ between provinces and years, so categories are an open set of codes with labels: a
 * county extends {@link defaultCatalogue} with its own ({@link extendCatalogue}) and
 * {@link checkHistory} reports any code it does not know.
 *
 * @example
 * ```ts
 * import { Ids, LocalDate, Period, Rectification } from "@qinglian/core"
 *
 * const xishu = Ids.VillageId.make("xishu")
 * const history: Rectification.History = [
 *   { villageId: xishu, category: Rectification.partyBuildingLed, period: Period.unsafeMake("2021-11-01", "2023-10-31") }
 * ]
 * console.log(Rectification.checkHistory(Rectification.defaultCatalogue, history)) // []: known category, well-formed period
 * console.log(Rectification.categoryOn(history, xishu, LocalDate.unsafeMake("2022-06-01"))) // Some("partyBuildingLed")
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Diagnostic from "../base/Diagnostic.js"
import * as Ids from "../base/Ids.js"
import * as InvalidInput from "../base/InvalidInput.js"
import * as LocalDate from "../base/LocalDate.js"
import * as Period from "../base/Period.js"

/**
 * A category code: lower camel case (`partyBuildingLed`). What it means is in a {@link Catalogue}.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Category = Schema.String.pipe(
  Schema.pattern(/^[a-z][A-Za-z0-9]*$/, {
    message: (i) => `expected a category code in lower camel case (partyBuildingLed), got ${JSON.stringify(i.actual)}`
  }),
  // Codes are keys of a catalogue: none may replace an object's prototype.
  Schema.filter((s) => !InvalidInput.forbiddenKeys.includes(s) || `${JSON.stringify(s)} is not allowed as a category code`, {
    jsonSchema: { not: { enum: InvalidInput.forbiddenKeys } }
  }),
  Schema.brand("RectificationCategory"),
  Schema.annotations({ identifier: "RectificationCategory" })
)

/**
 * @since 0.1.0
 * @category models
 */
export type Category = typeof Category.Type

/**
 * The categories a county recognises, by code, with their labels.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Catalogue = Schema.Record({
  key: Category,
  value: Schema.Struct({ zh: Schema.String, en: Schema.String })
}).annotations({ identifier: "RectificationCatalogue" })

/**
 * @since 0.1.0
 * @category models
 */
export type Catalogue = typeof Catalogue.Type

/**
 * 党建引领一批: villages whose party organisation is rectified first (the seed's 西属村).
 *
 * @since 0.1.0
 * @category constants
 */
export const partyBuildingLed: Category = "partyBuildingLed" as Category

/**
 * The built-in catalogue: only the category the seed names. Add the others your province uses
 * with {@link extendCatalogue}.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultCatalogue: Catalogue = {
  [partyBuildingLed]: { zh: "党建引领一批", en: "party-building-led" }
}

/**
 * Adds (or relabels) categories.
 *
 * @since 0.1.0
 * @category combinators
 */
export const extendCatalogue = (base: Catalogue, extra: Catalogue): Catalogue => ({ ...base, ...extra })

/**
 * Where a village stands: 后进 (`lagging`), 一般 (`ordinary`) or 先进 (`advanced`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Standing = Schema.Literal("lagging", "ordinary", "advanced").annotations({
  identifier: "Standing",
  message: () => ({ message: "expected lagging, ordinary or advanced (后进/一般/先进)", override: true })
})

/**
 * @since 0.1.0
 * @category models
 */
export type Standing = typeof Standing.Type

/**
 * Chinese labels of the standings.
 *
 * @since 0.1.0
 * @category constants
 */
export const standingLabelZh: Readonly<Record<Standing, string>> = {
  lagging: "后进",
  ordinary: "一般",
  advanced: "先进"
}

/**
 * The result of a rectification: standing before and after, and when it was assessed.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Outcome = Schema.Struct({
  before: Standing,
  after: Standing,
  assessedOn: Schema.optionalWith(LocalDate.LocalDate, { exact: true })
}).annotations({ identifier: "RectificationOutcome" })

/**
 * @since 0.1.0
 * @category models
 */
export type Outcome = typeof Outcome.Type

/**
 * One designation: a village in a category for a period (end exclusive; absent while it runs),
 * who designated it and, once assessed, the outcome.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Designation = Schema.Struct({
  villageId: Ids.VillageId,
  category: Category,
  period: Period.Period,
  /** Who designated the village (省纪委监委 …). */
  designatedBy: Schema.optionalWith(Schema.String, { exact: true }),
  /** Why: the problems found (软弱涣散, 两委不团结 …). */
  reason: Schema.optionalWith(Schema.String, { exact: true }),
  outcome: Schema.optionalWith(Outcome, { exact: true })
}).annotations({ identifier: "RectificationDesignation" })

/**
 * @since 0.1.0
 * @category models
 */
export type Designation = typeof Designation.Type

/**
 * Every designation of every village over time.
 *
 * @since 0.1.0
 * @category schemas
 */
export const History = Schema.Array(Designation).annotations({ identifier: "RectificationHistory" })

/**
 * @since 0.1.0
 * @category models
 */
export type History = typeof History.Type

/**
 * Decodes a history from unknown input; every bad path is named in the error.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeHistory: (input: unknown) => Either.Either<History, InvalidInput.InvalidInput> =
  InvalidInput.decodeUnknown(History, "rectification history")

/**
 * A village's designations, earliest first.
 *
 * @since 0.1.0
 * @category getters
 */
export const historyOf = (history: History, villageId: Ids.VillageId): ReadonlyArray<Designation> =>
  history
    .filter((d) => d.villageId === villageId)
    .sort((a, b) => (a.period.start < b.period.start ? -1 : a.period.start > b.period.start ? 1 : 0))

/**
 * The designation in force for a village on a date, if any. Should two overlap (which
 * {@link checkHistory} reports), the one that started later wins.
 *
 * @since 0.1.0
 * @category getters
 */
export const designationOn = (
  history: History,
  villageId: Ids.VillageId,
  date: LocalDate.LocalDate
): Option.Option<Designation> => {
  const current = historyOf(history, villageId).filter((d) => Period.contains(d.period, date))
  return Option.fromNullable(current[current.length - 1])
}

/**
 * The category of a village on a date, if it was designated then.
 *
 * @since 0.1.0
 * @category getters
 */
export const categoryOn = (
  history: History,
  villageId: Ids.VillageId,
  date: LocalDate.LocalDate
): Option.Option<Category> => Option.map(designationOn(history, villageId, date), (d) => d.category)

/**
 * Diagnostic codes of {@link checkHistory}: `PERIOD_ORDER`, `RECTIFICATION_UNKNOWN_CATEGORY`,
 * `RECTIFICATION_OVERLAP`.
 *
 * @since 0.1.0
 * @category models
 */
export type HistoryCode = "PERIOD_ORDER" | "RECTIFICATION_UNKNOWN_CATEGORY" | "RECTIFICATION_OVERLAP"

/**
 * Checks a history against a catalogue: each period ends after it starts, each category is known
 * and no village is in two designations on the same day. Paths point into the history array.
 *
 * @since 0.1.0
 * @category validation
 */
export const checkHistory = (
  catalogue: Catalogue,
  history: History
): ReadonlyArray<Diagnostic.Diagnostic<HistoryCode>> => {
  const out: Array<Diagnostic.Diagnostic<HistoryCode>> = []
  history.forEach((d, i) => {
    out.push(...Period.check(d.period, [i, "period"]))
    if (!Object.hasOwn(catalogue, d.category)) {
      out.push(
        Diagnostic.error(
          "RECTIFICATION_UNKNOWN_CATEGORY",
          [i, "category"],
          `未知的整治类别 ${d.category},请先在类别目录中登记`,
          `unknown rectification category ${d.category}; add it to the catalogue first`
        )
      )
    }
    for (let j = 0; j < i; j++) {
      const e = history[j]!
      if (e.villageId === d.villageId && Period.isWellFormed(e.period) && Period.isWellFormed(d.period) &&
        Period.overlaps(e.period, d.period)) {
        out.push(
          Diagnostic.error(
            "RECTIFICATION_OVERLAP",
            [i, "period"],
            `村 ${d.villageId} 的整治期与第 ${j + 1} 项重叠`,
            `village ${d.villageId}: rectification period overlaps entry ${j}`
          )
        )
      }
    }
  })
  return out
}
