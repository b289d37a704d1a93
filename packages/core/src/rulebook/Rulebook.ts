/**
 * The Rulebook: every statutory and local parameter the rules use, effective-dated, each with its
 * legal citation and whether it is national or local. Rules read parameters from a Rulebook; no
 * rule carries a magic number.
 *
 * A county starts from {@link defaults} (national statutes plus illustrative local values) and
 * overrides any parameter with a JSON file ({@link decodeJson}, {@link withEditions}).
 * {@link at} answers which values were in force on a date.
 *
 * Importing the module decodes nothing: the defaults are data (`rulebook/data/defaults.json`, in
 * the rulebook file format) decoded the first time their editions are read, and the file decoders
 * are built on their first call.
 *
 * @example
 * ```ts
 * import { Citation, LocalDate, Money, Rulebook } from "@qinglian/core"
 *
 * const rules = Rulebook.unsafeAt(Rulebook.defaults, LocalDate.unsafeMake("2026-05-20"))
 * const tender = Rulebook.value(rules, "threshold.tenderConstruction")
 * console.log(Money.formatYuan(tender)) // "4000000.00"
 * console.log(Citation.format(Rulebook.citationOf(rules, "threshold.tenderConstruction")))
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Citation from "../base/Citation.js"
import * as InvalidInput from "../base/InvalidInput.js"
import * as Kinship from "../org/Kinship.js"
import * as LocalDate from "../base/LocalDate.js"
import * as Measure from "./Measure.js"
import * as Money from "../base/Money.js"
import * as Post from "../org/Post.js"
import * as Threshold from "./Threshold.js"
import defaultsJson from "./data/defaults.json" with { type: "json" }

// Builds a value on first use and keeps it: for decoders and shipped data that importing the
// module should not pay for.
const once = <A>(make: () => A): () => A => {
  let value: A | undefined
  return () => (value ??= make())
}

/**
 * A length of time as statutes write it: calendar days, working days (on the WorkCalendar) or
 * calendar months.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Duration = Schema.Struct({
  amount: Schema.Int.pipe(Schema.nonNegative()),
  unit: Schema.Literal("days", "workingDays", "months")
}).annotations({ identifier: "Duration" })

/**
 * @since 0.1.0
 * @category models
 */
export type Duration = typeof Duration.Type

/**
 * Who a quorum or majority is counted against.
 *
 * - `members`: the body's members (村民代表会议, 党员大会, 两委会议)
 * - `adultVillagers`: villagers aged 18 and over (村民会议, 村民小组会议)
 * - `households`: households represented (户的代表)
 *
 * @since 0.1.0
 * @category schemas
 */
export const QuorumBasis = Schema.Literal("members", "adultVillagers", "households").annotations({
  identifier: "QuorumBasis"
})

/**
 * @since 0.1.0
 * @category models
 */
export type QuorumBasis = typeof QuorumBasis.Type

/**
 * How a body meets and decides: alternative quorums (any one suffices), the majority needed among
 * those present (or among all members) and the notice to give.
 *
 * @since 0.1.0
 * @category schemas
 */
export const MeetingRule = Schema.Struct({
  quorum: Schema.NonEmptyArray(Schema.Struct({ basis: QuorumBasis, threshold: Threshold.Threshold })),
  majority: Schema.Struct({ of: Schema.Literal("present", "members"), threshold: Threshold.Threshold }),
  noticeDays: Schema.optional(Schema.Int.pipe(Schema.nonNegative()))
}).annotations({ identifier: "MeetingRule" })

/**
 * @since 0.1.0
 * @category models
 */
export type MeetingRule = typeof MeetingRule.Type

/**
 * How often a class of village affairs must be published (村务公开).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Frequency = Schema.Literal("immediately", "monthly", "quarterly", "yearly").annotations({
  identifier: "Frequency"
})

/**
 * One of the four forms (四种形态), 1 to 4.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Form = Schema.Literal(1, 2, 3, 4).annotations({ identifier: "Form" })

/**
 * @since 0.1.0
 * @category models
 */
export type Form = typeof Form.Type

/**
 * The level that may decide a measure.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Level = Schema.Literal("town", "county").annotations({ identifier: "Level" })

/**
 * @since 0.1.0
 * @category models
 */
export type Level = typeof Level.Type

const measures: ReadonlySet<string> = new Set(Measure.all)

// A table keyed by measure, where a county may list only some measures. A mistyped measure is
// reported at its key rather than silently dropped.
const byMeasure = <A, I>(value: Schema.Schema<A, I>) =>
  Schema.Record({ key: InvalidInput.RecordKey, value }).pipe(
    Schema.filter((table) =>
      Object.keys(table)
        .filter((k) => !measures.has(k))
        .map((k) => ({ path: [k], message: `unknown measure ${JSON.stringify(k)}; expected one of ${Measure.all.join(", ")}` }))
    )
  ) as unknown as Schema.Schema<
    Readonly<Partial<Record<Measure.Measure, A>>>,
    Readonly<Partial<Record<Measure.Measure, I>>>
  >

/**
 * The schema of every parameter's value, by key. A key's value type is the type rules see.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ParameterValues = {
  /** 村民会议 (村民委员会组织法 §22). */
  "meeting.villagersAssembly": MeetingRule,
  /** 村民代表会议 (§26). */
  "meeting.representativesAssembly": MeetingRule,
  /** 村民小组会议 (§28). */
  "meeting.villagerGroup": MeetingRule,
  /** 党员大会 (local practice). */
  "meeting.partyMembers": MeetingRule,
  /** 村"两委"联席会议 (local practice). */
  "meeting.twoCommittees": MeetingRule,
  /** 村务监督委员会 size: 3–5 members (local). */
  "committee.supervisionSize": Schema.Struct({
    min: Schema.Int.pipe(Schema.positive()),
    max: Schema.Int.pipe(Schema.positive())
  }),
  /**
   * Who may not sit on the 村务监督委员会: holders of `posts` in the village, and relatives (of the
   * `relativeCloseness` classes) of holders of `relativesOfPosts` (组织法 §32).
   */
  "committee.supervisionExclusions": Schema.Struct({
    posts: Schema.Array(Post.Post),
    relativesOfPosts: Schema.Array(Post.Post),
    relativeCloseness: Schema.Array(Kinship.Closeness)
  }),
  /** Deadline to publish a decision or result of a major matter (local, e.g. 5 working days). */
  "disclosure.majorMatterDeadline": Duration,
  /** Publication frequency of finances where transactions are many (§30). */
  "disclosure.financeFrequency": Frequency,
  /** Publication frequency of general village affairs (§30). */
  "disclosure.generalFrequency": Frequency,
  /** Amount from which a matter goes through 四议两公开 (local). */
  "threshold.fourAndTwo": Money.Money,
  /** Amount from which an exercise goes to the town for review (提级监督, local). */
  "threshold.escalation": Money.Money,
  /** Construction contracts from this amount must be publicly tendered (NDRC Order 16 §5). */
  "threshold.tenderConstruction": Money.Money,
  /** Goods from this amount must be publicly tendered (NDRC Order 16 §5). */
  "threshold.tenderGoods": Money.Money,
  /** Survey, design and supervision services from this amount (NDRC Order 16 §5). */
  "threshold.tenderServices": Money.Money,
  /** Small works (小微工程) from this amount need a competitive selection (local). */
  "threshold.smallWorksCompetition": Money.Money,
  /**
   * Whether a time limit counted in days or months that ends on a rest day runs to the next working
   * day (期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日).
   */
  "deadline.rollForwardFromRestDay": Schema.Boolean,
  /** 线索处置: a lead is disposed of within 1 month. */
  "case.leadDisposal": Duration,
  /** 函询: the cadre answers within 15 working days. */
  "case.letterInquiryReply": Duration,
  /** 初步核实: time allowed for a preliminary check (local). */
  "case.preliminaryCheck": Duration,
  /** 审查调查: 90 days. */
  "case.investigation": Duration,
  /** One approved extension of an investigation, at most 90 days. */
  "case.investigationExtension": Schema.Struct({ max: Duration, times: Schema.Int.pipe(Schema.nonNegative()) }),
  /** 审理: within 1 month of receipt. */
  "case.review": Duration,
  /** 处分决定 served within 1 month. */
  "case.decisionService": Duration,
  /** 复审: applied for within 1 month of service. */
  "case.reexaminationApply": Duration,
  /** 复审: decided within 1 month. */
  "case.reexaminationDecide": Duration,
  /** 复核: applied for within 1 month of the 复审 decision. */
  "case.recheckApply": Duration,
  /** 复核: decided within 2 months. */
  "case.recheckDecide": Duration,
  /** Which of the four forms each measure falls in. */
  "fourForms.classification": byMeasure(Form),
  /** Influence period of each sanction, in months; a list when the decision chooses (留党察看 1 or 2 years). */
  "sanction.periodMonths": byMeasure(Schema.NonEmptyArray(Schema.Int.pipe(Schema.nonNegative()))),
  /** 政务处分 a village cadre can receive (监察法 §15(5), 政务处分法 §22). */
  "sanction.villageCadreGovernmentMeasures": Schema.Array(Measure.Measure),
  /** Longest combined period, in months, of several 政务处分 of the same kind below 撤职 (政务处分法 §10). */
  "sanction.governmentCombinedMaxMonths": Schema.Int.pipe(Schema.positive()),
  /** The lowest level that may decide each measure. */
  "authority.decisionLevel": byMeasure(Level)
} as const

const keys = Object.keys(ParameterValues) as ReadonlyArray<Key>

const measureTables: ReadonlySet<string> = new Set<Key>([
  "fourForms.classification",
  "sanction.periodMonths",
  "authority.decisionLevel"
])

/**
 * Every parameter key.
 *
 * @since 0.1.0
 * @category models
 */
export type Key = keyof typeof ParameterValues

/**
 * The value type of each parameter.
 *
 * @since 0.1.0
 * @category models
 */
export type Values = { readonly [K in Key]: Schema.Schema.Type<(typeof ParameterValues)[K]> }

/**
 * A parameter: its value, the legal source it comes from and whether it is national or local.
 *
 * @since 0.1.0
 * @category models
 */
export interface Parameter<A> {
  readonly value: A
  readonly citation: Citation.Citation
  readonly scope: Citation.Scope
}

const parameterSchema = <A, I>(value: Schema.Schema<A, I>) =>
  Schema.Struct({ value, citation: Citation.Citation, scope: Citation.Scope })

/**
 * Every parameter, resolved: what rules read.
 *
 * @since 0.1.0
 * @category models
 */
export type Parameters = { readonly [K in Key]: Parameter<Values[K]> }

const PartialParameters = Schema.Struct(
  Object.fromEntries(
    // exact: an absent key is "not set by this edition"; `undefined` is not a value a file can give.
    Object.entries(ParameterValues).map(([k, v]) => [
      k,
      Schema.optionalWith(parameterSchema(v as Schema.Schema<unknown, unknown>), { exact: true })
    ])
  ) as unknown as { [K in Key]: Schema.optionalWith<Schema.Schema<Parameter<Values[K]>, unknown>, { exact: true }> }
)

/**
 * A set of parameter values that take effect together on `effectiveFrom` (and, optionally, stop on
 * `effectiveUntil`, exclusive), citing the document that set them.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Edition = Schema.Struct({
  effectiveFrom: LocalDate.LocalDate,
  effectiveUntil: Schema.optional(LocalDate.LocalDate),
  source: Citation.Citation,
  parameters: PartialParameters
}).pipe(
  Schema.filter((e) =>
    e.effectiveUntil === undefined || e.effectiveUntil > e.effectiveFrom
      ? undefined
      : { path: ["effectiveUntil"], message: "effectiveUntil must be after effectiveFrom" }
  ),
  Schema.annotations({ identifier: "RulebookEdition" })
)

/**
 * @since 0.1.0
 * @category models
 */
export type Edition = typeof Edition.Type

/**
 * A county's rulebook file: a name (and optionally the jurisdiction's division code) and its
 * editions.
 *
 * @since 0.1.0
 * @category schemas
 */
export const RulebookFile = Schema.Struct({
  name: Schema.String,
  jurisdiction: Schema.optional(Schema.String),
  editions: Schema.Array(Edition)
}).annotations({ identifier: "RulebookFile" })

/**
 * @since 0.1.0
 * @category models
 */
export type RulebookFile = typeof RulebookFile.Type

/**
 * A rulebook: named editions in effective-date order. The first edition must set every parameter.
 *
 * @since 0.1.0
 * @category models
 */
export interface Rulebook {
  readonly name: string
  readonly jurisdiction?: string | undefined
  readonly editions: ReadonlyArray<Edition>
}

/**
 * The date given is before the rulebook's first edition: no parameters were in force.
 *
 * @since 0.1.0
 * @category errors
 */
export class NotInForce extends Schema.TaggedError<NotInForce>("@qinglian/core/rulebook/NotInForce")("RulebookNotInForce", {
  date: Schema.String,
  earliest: Schema.String,
  /** Parameters no edition in force on `date` sets, when some edition is in force. */
  missing: Schema.optionalWith(Schema.Array(Schema.String), { default: () => [] })
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return this.missing.length === 0
      ? `no rulebook edition is in force on ${this.date}; the earliest starts ${this.earliest}`
      : `the rulebook does not set ${this.missing.join(", ")} on ${this.date}; the editions in force then leave them out`
  }
}

/**
 * The parameters in force on one date, with the editions that contributed.
 *
 * @since 0.1.0
 * @category models
 */
export interface RuleSet {
  readonly date: LocalDate.LocalDate
  readonly parameters: Parameters
}

// The shipped defaults are checked as strictly as a county's file; they are tested, so a failure
// here is a packaging fault and throws.
const defaultEditions = once(
  (): ReadonlyArray<Edition> =>
    Schema.decodeUnknownSync(RulebookFile, { errors: "all", onExcessProperty: "error" })(defaultsJson).editions
)

/**
 * The built-in rulebook: national statutes with illustrative local values, each cited. Counties
 * override local values with their own editions.
 *
 * The values are shipped as data, `rulebook/data/defaults.json` (a {@link RulebookFile}), and
 * decoded the first time `editions` is read; every later read returns the same editions. Use it
 * as a plain value: `Rulebook.at(Rulebook.defaults, date)`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const defaults: Rulebook = {
  name: defaultsJson.name,
  get editions() {
    return defaultEditions()
  }
}

/**
 * Adds editions (for example a county's overrides) to a rulebook.
 *
 * @since 0.1.0
 * @category combinators
 */
export const withEditions = (base: Rulebook, editions: ReadonlyArray<Edition>, name?: string): Rulebook => ({
  name: name ?? base.name,
  jurisdiction: base.jurisdiction,
  editions: [...base.editions, ...editions]
})

/**
 * Merges a county's rulebook file onto a base (by default {@link defaults}).
 *
 * @since 0.1.0
 * @category combinators
 */
export const fromFile = (file: RulebookFile, base: Rulebook = defaults): Rulebook => ({
  name: file.name,
  jurisdiction: file.jurisdiction,
  editions: [...base.editions, ...file.editions]
})

// A rulebook file is strict, like every boundary: a misspelt parameter key or field would otherwise
// be dropped, and a county would believe an override applies that never does. The decoder is
// built on first use; JSON text goes through the boundary's parser (byte order mark, depth limit).
const decodeFileStrict = InvalidInput.decodeUnknown(RulebookFile, "rulebook file")
const parseFileJson = InvalidInput.parseJson("rulebook file")

/**
 * Decodes a county's rulebook file from unknown input. Each bad path is named in the error, and so
 * is every key the format does not know (a misspelt parameter is an error, never ignored).
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeFile = (input: unknown): Either.Either<RulebookFile, InvalidInput.InvalidInput> =>
  decodeFileStrict(input)

/**
 * Decodes a county's rulebook file from JSON text and merges it onto {@link defaults}.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeJson = (
  text: string,
  base: Rulebook = defaults
): Either.Either<Rulebook, InvalidInput.InvalidInput> =>
  Either.map(Either.flatMap(parseFileJson(text), decodeFileStrict), (file) => fromFile(file, base))

/**
 * The parameters in force on `date`: every edition in force then, applied in order of
 * `effectiveFrom` (ties keep the order given), later editions overriding earlier ones. A date before
 * the first edition, or one on which the editions in force leave a parameter unset, is
 * {@link NotInForce}. Tables keyed
 * by measure (`fourForms.classification`, `sanction.periodMonths`, `authority.decisionLevel`) are
 * merged entry by entry; every other parameter is replaced whole.
 *
 * @since 0.1.0
 * @category getters
 */
export const at = (rulebook: Rulebook, date: LocalDate.LocalDate): Either.Either<RuleSet, NotInForce> => {
  const index = indexOf(rulebook)
  // Checks ask for the same few thousand dates over and over: answer each date once per rulebook.
  // This is the only rulebook cache; it lives and dies with the rulebook object.
  let answer = index.dates.get(date)
  if (answer === undefined) {
    if (index.dates.size >= maxCachedDates) index.dates.clear()
    answer = resolveAt(index, date)
    index.dates.set(date, answer)
  }
  return answer
}

// How many dates one rulebook remembers before it starts over: a county's records use a few
// thousand distinct dates; the bound keeps a long-running process from growing without limit.
const maxCachedDates = 10_000

const resolveAt = (index: Index, date: LocalDate.LocalDate): Either.Either<RuleSet, NotInForce> => {
  const first = index.ordered[0]
  if (first === undefined || date < first.effectiveFrom) {
    return Either.left(new NotInForce({ date, earliest: first?.effectiveFrom ?? "(none)" }))
  }
  // The editions in force change only on the dates where one starts or ends: resolve each span once.
  const span = spanOf(index.boundaries, date)
  let resolved = index.spans.get(span)
  if (resolved === undefined) {
    resolved = resolve(index.ordered, date)
    index.spans.set(span, resolved)
  }
  return resolved._tag === "Right"
    ? Either.right(Object.freeze({ date, parameters: resolved.right }))
    : Either.left(new NotInForce({ date, earliest: first.effectiveFrom, missing: resolved.left }))
}

interface Index {
  readonly ordered: ReadonlyArray<Edition>
  readonly boundaries: ReadonlyArray<string>
  readonly spans: Map<number, Either.Either<Parameters, ReadonlyArray<string>>>
  readonly dates: Map<string, Either.Either<RuleSet, NotInForce>>
}

const indexes = new WeakMap<Rulebook, Index>()

const indexOf = (rulebook: Rulebook): Index => {
  let index = indexes.get(rulebook)
  if (index === undefined) {
    const ordered = rulebook.editions
      .map((e, i) => [e, i] as const)
      .sort(([a, i], [b, j]) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : i - j))
      .map(([e]) => e)
    const dates = new Set<string>()
    for (const e of ordered) {
      dates.add(e.effectiveFrom)
      if (e.effectiveUntil !== undefined) dates.add(e.effectiveUntil)
    }
    index = { ordered, boundaries: [...dates].sort(), spans: new Map(), dates: new Map() }
    indexes.set(rulebook, index)
  }
  return index
}

// The number of boundaries on or before `date`: dates with the same number share their editions.
const spanOf = (boundaries: ReadonlyArray<string>, date: string): number => {
  let lo = 0
  let hi = boundaries.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (boundaries[mid]! <= date) lo = mid + 1
    else hi = mid
  }
  return lo
}

const resolve = (
  ordered: ReadonlyArray<Edition>,
  date: LocalDate.LocalDate
): Either.Either<Parameters, ReadonlyArray<string>> => {
  const merged: Record<string, unknown> = {}
  for (const e of ordered) {
    if (e.effectiveFrom > date) break
    if (e.effectiveUntil !== undefined && date >= e.effectiveUntil) continue
    for (const [k, p] of Object.entries(e.parameters)) {
      if (p === undefined) continue
      const earlier = merged[k] as Parameter<object> | undefined
      // Tables keyed by measure merge entry by entry, so a county changes one measure without
      // restating the others.
      merged[k] = earlier !== undefined && measureTables.has(k)
        ? { ...p, value: { ...earlier.value, ...(p as Parameter<object>).value } }
        : p
    }
  }
  const missing = keys.filter((k) => merged[k] === undefined)
  return missing.length > 0 ? Either.left(missing) : Either.right(Object.freeze(merged) as unknown as Parameters)
}

/**
 * Like {@link at}, for dates known to be covered; throws {@link NotInForce} otherwise.
 *
 * @since 0.1.0
 * @category getters
 */
export const unsafeAt = (rulebook: Rulebook, date: LocalDate.LocalDate): RuleSet =>
  Either.getOrThrowWith(at(rulebook, date), (e) => e)

/**
 * The value of one parameter in a resolved rule set.
 *
 * @since 0.1.0
 * @category getters
 */
export const value = <K extends Key>(rules: RuleSet, key: K): Values[K] => rules.parameters[key].value

/**
 * The citation of one parameter in a resolved rule set, for messages that say why.
 *
 * @since 0.1.0
 * @category getters
 */
export const citationOf = <K extends Key>(rules: RuleSet, key: K): Citation.Citation =>
  rules.parameters[key].citation
