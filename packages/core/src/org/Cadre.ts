/**
 * Cadres (干部), their posts over time and the facts derived from them.
 *
 * A {@link Roster} lists cadres, their {@link Appointment}s (a post in a unit for a term) and the
 * family relations among them. Every derived fact is a pure function of (roster, date):
 * {@link postsOf}, {@link holdersOf}, {@link villageTopCadres} (村主干), {@link isOneShoulder}
 * (一肩挑), {@link isThreeInOne} (三员合一).
 *
 * Terms are periods `[start, end)`: `end` is the day the cadre left the post, so a successor can
 * start that day (see {@link Period}).
 *
 * @example
 * ```ts
 * import { Cadre, Ids, LocalDate } from "@qinglian/core"
 * import { Either } from "effect"
 *
 * const v = { level: "village", villageId: "xishu" }
 * const roster = Either.getOrThrow(Cadre.decodeRoster({
 *   cadres: [{ id: "wang", name: "王书记" }],
 *   appointments: [
 *     { cadreId: "wang", post: "partySecretary", unit: v, term: { start: "2021-01-10" } },
 *     { cadreId: "wang", post: "committeeDirector", unit: v, term: { start: "2021-01-10", end: "2024-06-01" } }
 *   ],
 *   relations: []
 * }))
 * const xishu = Ids.VillageId.make("xishu")
 * console.log(Cadre.isOneShoulder(roster, xishu, LocalDate.unsafeMake("2023-05-01"))) // true: 一肩挑
 * console.log(Cadre.isOneShoulder(roster, xishu, LocalDate.unsafeMake("2024-06-01"))) // false: the director term ended
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
import * as Kinship from "./Kinship.js"
import * as LocalDate from "../base/LocalDate.js"
import * as Organisation from "./Organisation.js"
import * as Period from "../base/Period.js"
import * as Post from "./Post.js"

/**
 * A cadre. `personId` links the cadre to a person record kept elsewhere, if there is one.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Cadre = Schema.Struct({
  id: Ids.CadreId,
  name: Schema.String.pipe(Schema.minLength(1, { message: () => "a cadre needs a name" })),
  personId: Schema.optionalWith(Ids.PersonId, { exact: true })
}).annotations({ identifier: "Cadre" })

/**
 * @since 0.1.0
 * @category models
 */
export type Cadre = typeof Cadre.Type

/**
 * The level of a post or unit.
 *
 * @since 0.1.0
 * @category models
 */
export type Level = "village" | "town" | "county"

/**
 * The unit a post is held in: a village, a town or a county.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Unit = Schema.Union(
  Schema.Struct({ level: Schema.Literal("village"), villageId: Ids.VillageId }),
  Schema.Struct({ level: Schema.Literal("town"), townId: Ids.TownId }),
  Schema.Struct({ level: Schema.Literal("county"), countyId: Ids.CountyId })
).annotations({ identifier: "Unit" })

/**
 * @since 0.1.0
 * @category models
 */
export type Unit = typeof Unit.Type

/**
 * @since 0.1.0
 * @category constructors
 */
export const village = (villageId: Ids.VillageId): Unit => ({ level: "village", villageId })

/**
 * @since 0.1.0
 * @category constructors
 */
export const town = (townId: Ids.TownId): Unit => ({ level: "town", townId })

/**
 * @since 0.1.0
 * @category constructors
 */
export const county = (countyId: Ids.CountyId): Unit => ({ level: "county", countyId })

const isVillagePost = Schema.is(Post.VillagePost)
const isTownPost = Schema.is(Post.TownPost)

/**
 * The level a post belongs to.
 *
 * @since 0.1.0
 * @category getters
 */
export const postLevel = (post: Post.Post): Level => (isVillagePost(post) ? "village" : isTownPost(post) ? "town" : "county")

const unitKey = (unit: Unit): string =>
  unit.level === "village" ? `village:${unit.villageId}` : unit.level === "town" ? `town:${unit.townId}` : `county:${unit.countyId}`

/**
 * Whether two units are the same.
 *
 * @since 0.1.0
 * @category predicates
 */
export const sameUnit = (a: Unit, b: Unit): boolean => unitKey(a) === unitKey(b)

/**
 * The election (换届) a term began with, and whether the cadre was new to the post then (换届新任).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Election = Schema.Struct({
  date: LocalDate.LocalDate,
  newlyAppointed: Schema.Boolean
}).annotations({ identifier: "Election" })

/**
 * @since 0.1.0
 * @category models
 */
export type Election = typeof Election.Type

// One message naming the valid codes instead of one per literal of the union.
const PostField = Post.Post.annotations({
  message: () => ({ message: `expected a post code: ${Object.keys(Post.labelZh).join(", ")}`, override: true })
})

/**
 * A post held by a cadre in a unit for a term (任职). `election` is set when the term began at a
 * general election (换届). The post must belong to the unit's level.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Appointment = Schema.Struct({
  cadreId: Ids.CadreId,
  post: PostField,
  unit: Unit,
  term: Period.Period,
  election: Schema.optionalWith(Election, { exact: true })
}).pipe(
  Schema.filter((a) =>
    postLevel(a.post) === a.unit.level
      ? undefined
      : {
        path: ["post"],
        message: `${a.post} (${Post.labelZh[a.post]}) is a ${postLevel(a.post)} post, but the unit is a ${a.unit.level}`
      }
  ),
  Schema.annotations({ identifier: "Appointment" })
)

/**
 * @since 0.1.0
 * @category models
 */
export type Appointment = typeof Appointment.Type

/**
 * Cadres, their appointments over time and the family relations among them (and with other
 * persons).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Roster = Schema.Struct({
  /** The JSON Schema the file follows, for editors; kept as written. */
  $schema: Schema.optionalWith(Schema.String, { exact: true }),
  cadres: Schema.Array(Cadre),
  appointments: Schema.Array(Appointment),
  relations: Schema.optionalWith(Schema.Array(Kinship.Relation), { exact: true, default: () => [] })
}).annotations({ identifier: "Roster" })

/**
 * @since 0.1.0
 * @category models
 */
export type Roster = typeof Roster.Type

/**
 * Decodes a roster from unknown input; every bad path is named in the error.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeRoster: (input: unknown) => Either.Either<Roster, InvalidInput.InvalidInput> =
  InvalidInput.decodeUnknown(Roster, "roster")

const asUnit = (unit: Unit | Ids.VillageId): Unit => (typeof unit === "string" ? village(unit) : unit)

/**
 * The appointments in force on a date, with their index in `roster.appointments`.
 *
 * @since 0.1.0
 * @category getters
 */
export const appointmentsOn = (
  roster: Roster,
  date: LocalDate.LocalDate
): ReadonlyArray<{ readonly appointment: Appointment; readonly index: number }> =>
  roster.appointments.flatMap((appointment, index) =>
    Period.contains(appointment.term, date) ? [{ appointment, index }] : []
  )

/**
 * The posts a cadre holds on a date (in any unit).
 *
 * @since 0.1.0
 * @category getters
 */
export const postsOf = (roster: Roster, cadreId: Ids.CadreId, date: LocalDate.LocalDate): ReadonlyArray<Appointment> =>
  roster.appointments.filter((a) => a.cadreId === cadreId && Period.contains(a.term, date))

/**
 * The cadres holding a post in a unit (a village id stands for the village) on a date, in roster
 * order, without repeats.
 *
 * @since 0.1.0
 * @category getters
 */
export const holdersOf = (
  roster: Roster,
  unit: Unit | Ids.VillageId,
  post: Post.Post,
  date: LocalDate.LocalDate
): ReadonlyArray<Ids.CadreId> => {
  const u = asUnit(unit)
  const ids = roster.appointments
    .filter((a) => a.post === post && sameUnit(a.unit, u) && Period.contains(a.term, date))
    .map((a) => a.cadreId)
  return [...new Set(ids)]
}

/**
 * Whether a cadre holds a post in a unit on a date.
 *
 * @since 0.1.0
 * @category predicates
 */
export const holds = (
  roster: Roster,
  cadreId: Ids.CadreId,
  post: Post.Post,
  unit: Unit | Ids.VillageId,
  date: LocalDate.LocalDate
): boolean => {
  const u = asUnit(unit)
  return roster.appointments.some((a) =>
    a.cadreId === cadreId && a.post === post && sameUnit(a.unit, u) && Period.contains(a.term, date)
  )
}

/**
 * Whether a cadre holds any post on a date.
 *
 * @since 0.1.0
 * @category predicates
 */
export const isCurrentCadre = (roster: Roster, cadreId: Ids.CadreId, date: LocalDate.LocalDate): boolean =>
  postsOf(roster, cadreId, date).length > 0

/**
 * Whether a cadre held a post (anywhere) in a term that ended on or before `date`.
 *
 * @since 0.1.0
 * @category predicates
 */
export const heldBefore = (roster: Roster, cadreId: Ids.CadreId, post: Post.Post, date: LocalDate.LocalDate): boolean =>
  roster.appointments.some((a) => a.cadreId === cadreId && a.post === post && Period.endedBefore(a.term, date))

/**
 * The village's top cadres (村主干) on a date: its party secretary and committee director, one
 * entry when the same cadre holds both.
 *
 * @since 0.1.0
 * @category getters
 */
export const villageTopCadres = (
  roster: Roster,
  villageId: Ids.VillageId,
  date: LocalDate.LocalDate
): ReadonlyArray<Ids.CadreId> => [
  ...new Set([
    ...holdersOf(roster, villageId, "partySecretary", date),
    ...holdersOf(roster, villageId, "committeeDirector", date)
  ])
]

/**
 * The members of the village's two committees (村"两委") on a date.
 *
 * @since 0.1.0
 * @category getters
 */
export const twoCommitteesMembers = (
  roster: Roster,
  villageId: Ids.VillageId,
  date: LocalDate.LocalDate
): ReadonlyArray<Ids.CadreId> => [
  ...new Set(Post.twoCommitteesPosts.flatMap((p) => holdersOf(roster, villageId, p, date)))
]

const holdingAll = (
  roster: Roster,
  villageId: Ids.VillageId,
  posts: ReadonlyArray<Post.Post>,
  date: LocalDate.LocalDate
): Option.Option<Ids.CadreId> => {
  const [first, ...rest] = posts
  if (first === undefined) return Option.none()
  return Option.fromNullable(
    holdersOf(roster, villageId, first, date).find((c) => rest.every((p) => holds(roster, c, p, villageId, date)))
  )
}

/**
 * The cadre who is both party secretary and committee director of the village on the date
 * (一肩挑), if any.
 *
 * @since 0.1.0
 * @category getters
 */
export const oneShoulderCadre = (
  roster: Roster,
  villageId: Ids.VillageId,
  date: LocalDate.LocalDate
): Option.Option<Ids.CadreId> => holdingAll(roster, villageId, ["partySecretary", "committeeDirector"], date)

/**
 * 一肩挑: the same cadre is party secretary and committee director of the village on the date.
 * Such a cadre is under extra supervision and separation-of-duties checks.
 *
 * @since 0.1.0
 * @category predicates
 */
export const isOneShoulder = (roster: Roster, villageId: Ids.VillageId, date: LocalDate.LocalDate): boolean =>
  Option.isSome(oneShoulderCadre(roster, villageId, date))

/**
 * The three supervision posts (三员) of a village: 村务监督委员会主任, 村级纪检委员, 监察联络员.
 *
 * @since 0.1.0
 * @category constants
 */
export const threeSupervisionPosts: ReadonlyArray<Post.Post> = [
  "supervisionCommitteeChair",
  "disciplineMember",
  "supervisionLiaison"
]

/**
 * The cadre who holds all three supervision posts of the village on the date (三员合一), if any.
 *
 * @since 0.1.0
 * @category getters
 */
export const threeInOneCadre = (
  roster: Roster,
  villageId: Ids.VillageId,
  date: LocalDate.LocalDate
): Option.Option<Ids.CadreId> => holdingAll(roster, villageId, threeSupervisionPosts, date)

/**
 * 三员合一: one cadre is supervision committee chair, discipline member and supervision liaison of
 * the village on the date, uniting disciplinary, state and democratic supervision.
 *
 * @since 0.1.0
 * @category predicates
 */
export const isThreeInOne = (roster: Roster, villageId: Ids.VillageId, date: LocalDate.LocalDate): boolean =>
  Option.isSome(threeInOneCadre(roster, villageId, date))

/**
 * Whether a cadre, on the date, holds a post whose term began at a general election to which the
 * cadre came new (换届新任).
 *
 * @since 0.1.0
 * @category predicates
 */
export const isNewlyAppointed = (roster: Roster, cadreId: Ids.CadreId, date: LocalDate.LocalDate): boolean =>
  postsOf(roster, cadreId, date).some((a) => a.election?.newlyAppointed === true)

/**
 * The top cadres (村主干) of some villages on a date, and how many of them came new at the
 * election (the seed: 65 top cadres, 26 new).
 *
 * @since 0.1.0
 * @category getters
 */
export const topCadreSummary = (
  roster: Roster,
  villageIds: ReadonlyArray<Ids.VillageId>,
  date: LocalDate.LocalDate
): { readonly topCadres: ReadonlyArray<Ids.CadreId>; readonly newlyAppointed: ReadonlyArray<Ids.CadreId> } => {
  const topCadres = [...new Set(villageIds.flatMap((v) => villageTopCadres(roster, v, date)))]
  const newlyAppointed = topCadres.filter((c) =>
    roster.appointments.some((a) =>
      a.cadreId === c && (a.post === "partySecretary" || a.post === "committeeDirector") &&
      Period.contains(a.term, date) && a.election?.newlyAppointed === true
    )
  )
  return { topCadres, newlyAppointed }
}

/**
 * The name of a cadre, or its id when it is not on the roster.
 *
 * @since 0.1.0
 * @category getters
 */
export const nameOf = (roster: Roster, cadreId: Ids.CadreId): string =>
  roster.cadres.find((c) => c.id === cadreId)?.name ?? cadreId

/**
 * Posts a unit has one holder of at a time; {@link checkRoster} warns when terms overlap.
 *
 * @since 0.1.0
 * @category constants
 */
export const solePosts: ReadonlyArray<Post.Post> = [
  "partySecretary",
  "committeeDirector",
  "supervisionCommitteeChair",
  "collectiveEconomyHead",
  "townPartySecretary",
  "townDisciplineSecretary"
]

/**
 * Diagnostic codes of {@link checkRoster}.
 *
 * - `ROSTER_DUPLICATE_CADRE` (error): two cadres with one id.
 * - `ROSTER_UNKNOWN_CADRE` (error): an appointment or relation names a cadre not on the roster.
 * - `ROSTER_UNKNOWN_UNIT` (error): an appointment's unit is not in the organisation tree given.
 * - `PERIOD_ORDER` (error): a term ends on or before its start.
 * - `ROSTER_SOLE_POST_OVERLAP` (warning): two cadres hold a one-holder post of the same unit on a
 *   common day.
 * - `KINSHIP_SELF` (error): a relation links a cadre to themselves.
 *
 * @since 0.1.0
 * @category models
 */
export type RosterCode =
  | "ROSTER_DUPLICATE_CADRE"
  | "ROSTER_UNKNOWN_CADRE"
  | "ROSTER_UNKNOWN_UNIT"
  | "ROSTER_SOLE_POST_OVERLAP"
  | "PERIOD_ORDER"
  | "KINSHIP_SELF"

const unitKnown = (tree: Organisation.OrganisationTree, unit: Unit): boolean =>
  unit.level === "village"
    ? tree.villages.has(unit.villageId)
    : unit.level === "town"
    ? tree.towns.has(unit.townId)
    : tree.counties.has(unit.countyId)

/**
 * Checks a roster's consistency (and, given a tree, that every unit exists). Paths point into the
 * roster (`["appointments", 4, "term", "end"]`).
 *
 * @since 0.1.0
 * @category validation
 */
export const checkRoster = (
  roster: Roster,
  tree?: Organisation.OrganisationTree
): ReadonlyArray<Diagnostic.Diagnostic<RosterCode>> => {
  const out: Array<Diagnostic.Diagnostic<RosterCode>> = []
  const known = new Set<string>()
  roster.cadres.forEach((c, i) => {
    if (known.has(c.id)) {
      out.push(
        Diagnostic.error("ROSTER_DUPLICATE_CADRE", ["cadres", i, "id"], `干部编号 ${c.id} 重复`, `duplicate cadre id ${c.id}`)
      )
    }
    known.add(c.id)
  })
  const unknownCadre = (path: Diagnostic.Path, id: string) =>
    Diagnostic.error("ROSTER_UNKNOWN_CADRE", path, `干部 ${id} 不在名册中`, `cadre ${id} is not on the roster`)
  roster.appointments.forEach((a, i) => {
    if (!known.has(a.cadreId)) out.push(unknownCadre(["appointments", i, "cadreId"], a.cadreId))
    out.push(...Period.check(a.term, ["appointments", i, "term"]))
    if (tree !== undefined && !unitKnown(tree, a.unit)) {
      out.push(
        Diagnostic.error(
          "ROSTER_UNKNOWN_UNIT",
          ["appointments", i, "unit"],
          `任职单位 ${unitKey(a.unit)} 不在组织架构中`,
          `unit ${unitKey(a.unit)} is not in the organisation tree`
        )
      )
    }
    if (solePosts.includes(a.post) && Period.isWellFormed(a.term)) {
      for (let j = 0; j < i; j++) {
        const b = roster.appointments[j]!
        if (
          b.post === a.post && b.cadreId !== a.cadreId && sameUnit(a.unit, b.unit) && Period.isWellFormed(b.term) &&
          Period.overlaps(a.term, b.term)
        ) {
          out.push(
            Diagnostic.warning(
              "ROSTER_SOLE_POST_OVERLAP",
              ["appointments", i, "term"],
              `${Post.labelZh[a.post]} 在同一时间有两人担任 (${nameOf(roster, a.cadreId)}、${nameOf(roster, b.cadreId)})`,
              `${a.post} of ${unitKey(a.unit)} is held by two cadres at once (${a.cadreId}, ${b.cadreId}; appointment ${j})`
            )
          )
        }
      }
    }
  })
  const relations = roster.relations
  relations.forEach((r, i) => {
    for (const side of ["a", "b"] as const) {
      const s = r[side]
      if ("cadreId" in s && !known.has(s.cadreId)) out.push(unknownCadre(["relations", i, side, "cadreId"], s.cadreId))
    }
  })
  out.push(
    ...Kinship.checkRelations(relations).map((d) => ({ ...d, path: ["relations", ...d.path] }))
  )
  return out
}
