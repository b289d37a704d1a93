/**
 * Mentoring by retired secretaries (老干部工作室, 以老带新): a town's studio pairs retired village
 * party secretaries with newly appointed cadres for a period, with goals.
 *
 * {@link checkStudio} checks each pair against the roster: the mentor held the party secretary post
 * and has left every post; the mentee is a serving cadre; the period is well formed.
 *
 * @example
 * ```ts
 * import { Cadre, Ids, Mentoring, Period } from "@qinglian/core"
 * import { Either } from "effect"
 *
 * const roster = Either.getOrThrow(Cadre.decodeRoster({ cadres: [{ id: "li", name: "李书记" }], appointments: [], relations: [] }))
 * const pair: Mentoring.Pair = {
 *   mentorId: Ids.CadreId.make("li"),
 *   menteeId: Ids.CadreId.make("li"),
 *   period: Period.unsafeMake("2025-01-01", "2025-12-31"),
 *   goals: [{ text: "独立主持村民代表会议" }]
 * }
 * for (const d of Mentoring.checkPair(roster, pair)) console.log(d.code, d.message.en) // a cadre cannot mentor themselves
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Cadre from "../org/Cadre.js"
import * as Diagnostic from "../base/Diagnostic.js"
import * as Ids from "../base/Ids.js"
import * as InvalidInput from "../base/InvalidInput.js"
import * as LocalDate from "../base/LocalDate.js"
import * as Period from "../base/Period.js"

/**
 * A measurable target (定量): a quantity of some unit, optionally by a date.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Target = Schema.Struct({
  quantity: Schema.Number.pipe(Schema.nonNegative(), Schema.finite()),
  unit: Schema.String.pipe(Schema.minLength(1, { message: () => "a target needs a unit (件, 次, 户 …)" })),
  due: Schema.optionalWith(LocalDate.LocalDate, { exact: true })
}).annotations({ identifier: "MentoringTarget" })

/**
 * @since 0.1.0
 * @category models
 */
export type Target = typeof Target.Type

/**
 * A goal of a pair: what the mentee should be able to do, with an optional measurable target.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Goal = Schema.Struct({
  text: Schema.String.pipe(Schema.minLength(1, { message: () => "a goal needs a text" })),
  target: Schema.optionalWith(Target, { exact: true })
}).annotations({ identifier: "MentoringGoal" })

/**
 * @since 0.1.0
 * @category models
 */
export type Goal = typeof Goal.Type

/**
 * A mentor and a mentee for a period (end exclusive), with goals.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Pair = Schema.Struct({
  mentorId: Ids.CadreId,
  menteeId: Ids.CadreId,
  period: Period.Period,
  goals: Schema.Array(Goal)
}).annotations({ identifier: "MentoringPair" })

/**
 * @since 0.1.0
 * @category models
 */
export type Pair = typeof Pair.Type

/**
 * A town's veteran cadres' studio (老干部工作室) and its pairs.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Studio = Schema.Struct({
  townId: Ids.TownId,
  name: Schema.optionalWith(Schema.String, { exact: true }),
  pairs: Schema.Array(Pair)
}).annotations({ identifier: "MentoringStudio" })

/**
 * @since 0.1.0
 * @category models
 */
export type Studio = typeof Studio.Type

/**
 * Decodes a studio from unknown input; every bad path is named in the error.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeStudio: (input: unknown) => Either.Either<Studio, InvalidInput.InvalidInput> =
  InvalidInput.decodeUnknown(Studio, "mentoring studio")

/**
 * The pairs running on a date.
 *
 * @since 0.1.0
 * @category getters
 */
export const pairsOn = (studio: Studio, date: LocalDate.LocalDate): ReadonlyArray<Pair> =>
  studio.pairs.filter((p) => Period.contains(p.period, date))

/**
 * The mentees of a mentor on a date.
 *
 * @since 0.1.0
 * @category getters
 */
export const menteesOf = (studio: Studio, mentorId: Ids.CadreId, date: LocalDate.LocalDate): ReadonlyArray<Ids.CadreId> =>
  pairsOn(studio, date).filter((p) => p.mentorId === mentorId).map((p) => p.menteeId)

/**
 * The mentors of a mentee on a date.
 *
 * @since 0.1.0
 * @category getters
 */
export const mentorsOf = (studio: Studio, menteeId: Ids.CadreId, date: LocalDate.LocalDate): ReadonlyArray<Ids.CadreId> =>
  pairsOn(studio, date).filter((p) => p.menteeId === menteeId).map((p) => p.mentorId)

/**
 * Diagnostic codes of {@link checkPair}.
 *
 * | code | severity | meaning |
 * | --- | --- | --- |
 * | `PERIOD_ORDER` | error | the period ends on or before its start |
 * | `MENTORING_SELF` | error | mentor and mentee are the same cadre |
 * | `MENTORING_MENTOR_NOT_RETIRED_SECRETARY` | error | the mentor never held 村党组织书记 in a term ended by the start |
 * | `MENTORING_MENTOR_HOLDS_POST` | error | the mentor still holds a post at the start |
 * | `MENTORING_MENTEE_NOT_CADRE` | error | the mentee holds no post at the start |
 * | `MENTORING_NO_GOALS` | warning | the pair has no goal |
 * | `MENTORING_TARGET_OUTSIDE_PERIOD` | warning | a target is due outside the period |
 *
 * @since 0.1.0
 * @category models
 */
export type Code =
  | "PERIOD_ORDER"
  | "MENTORING_SELF"
  | "MENTORING_MENTOR_NOT_RETIRED_SECRETARY"
  | "MENTORING_MENTOR_HOLDS_POST"
  | "MENTORING_MENTEE_NOT_CADRE"
  | "MENTORING_NO_GOALS"
  | "MENTORING_TARGET_OUTSIDE_PERIOD"

/**
 * Checks one pair against the roster, as of the first day of its period. `path` prefixes every
 * diagnostic's path (the pair's place in the input).
 *
 * @since 0.1.0
 * @category validation
 */
export const checkPair = (
  roster: Cadre.Roster,
  pair: Pair,
  path: Diagnostic.Path = []
): ReadonlyArray<Diagnostic.Diagnostic<Code>> => {
  const out: Array<Diagnostic.Diagnostic<Code>> = [...Period.check(pair.period, [...path, "period"])]
  const start = pair.period.start
  const mentor = Cadre.nameOf(roster, pair.mentorId)
  const mentee = Cadre.nameOf(roster, pair.menteeId)
  if (pair.mentorId === pair.menteeId) {
    out.push(
      Diagnostic.error(
        "MENTORING_SELF",
        [...path, "menteeId"],
        `${mentor} 不能自己带自己`,
        `mentor and mentee are the same cadre (${pair.mentorId})`
      )
    )
  }
  if (!Cadre.heldBefore(roster, pair.mentorId, "partySecretary", start)) {
    out.push(
      Diagnostic.error(
        "MENTORING_MENTOR_NOT_RETIRED_SECRETARY",
        [...path, "mentorId"],
        `${mentor} 在 ${start} 前未曾担任并卸任村党组织书记,不能作为老干部工作室导师`,
        `${pair.mentorId} had not served and left a village party secretary post before ${start}`
      )
    )
  }
  const mentorPosts = Cadre.postsOf(roster, pair.mentorId, start)
  if (mentorPosts.length > 0) {
    out.push(
      Diagnostic.error(
        "MENTORING_MENTOR_HOLDS_POST",
        [...path, "mentorId"],
        `${mentor} 在 ${start} 仍在任,导师应为离任干部`,
        `${pair.mentorId} still holds ${mentorPosts.map((a) => a.post).join(", ")} on ${start}; a mentor must have left office`
      )
    )
  }
  if (!Cadre.isCurrentCadre(roster, pair.menteeId, start)) {
    out.push(
      Diagnostic.error(
        "MENTORING_MENTEE_NOT_CADRE",
        [...path, "menteeId"],
        `${mentee} 在 ${start} 未担任任何职务,不是在任干部`,
        `${pair.menteeId} holds no post on ${start}; a mentee must be a serving cadre`
      )
    )
  }
  if (pair.goals.length === 0) {
    out.push(
      Diagnostic.warning(
        "MENTORING_NO_GOALS",
        [...path, "goals"],
        "结对未设定帮带目标",
        "the pair has no goal"
      )
    )
  }
  pair.goals.forEach((g, i) => {
    const due = g.target?.due
    if (due !== undefined && Period.isWellFormed(pair.period) && (due < start || Period.endedBefore(pair.period, due))) {
      out.push(
        Diagnostic.warning(
          "MENTORING_TARGET_OUTSIDE_PERIOD",
          [...path, "goals", i, "target", "due"],
          `目标期限 ${due} 不在结对期间内`,
          `target due ${due} falls outside the pair's period`
        )
      )
    }
  })
  return out
}

/**
 * Checks every pair of a studio; paths are `["pairs", i, …]`.
 *
 * @since 0.1.0
 * @category validation
 */
export const checkStudio = (roster: Cadre.Roster, studio: Studio): ReadonlyArray<Diagnostic.Diagnostic<Code>> =>
  studio.pairs.flatMap((pair, i) => checkPair(roster, pair, ["pairs", i]))
