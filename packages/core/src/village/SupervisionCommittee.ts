/**
 * The villagers' supervision committee (村务监督委员会, 监委会): who sits on it and whether its
 * composition is lawful on a date.
 *
 * Its size and who is barred from it come from the Rulebook (`committee.supervisionSize`,
 * `committee.supervisionExclusions`); by default: 3 to 5 members; no member of the two committees
 * (两委), no clerk (村文书) or bookkeeper (报账员), and no close relative (近亲属) of a 两委 member
 * (村民委员会组织法 2018 第三十二条).
 *
 * @example
 * ```ts
 * import { Cadre, Ids, LocalDate, Rulebook, SupervisionCommittee } from "@qinglian/core"
 * import { Either } from "effect"
 *
 * // The party secretary's brother may not sit on the village supervision committee (村务监督委员会).
 * const v = { level: "village", villageId: "xishu" }
 * const roster = Either.getOrThrow(Cadre.decodeRoster({
 *   cadres: [{ id: "wang", name: "王书记" }, { id: "sun", name: "孙委员" }],
 *   appointments: [
 *     { cadreId: "wang", post: "partySecretary", unit: v, term: { start: "2021-01-10" } },
 *     { cadreId: "sun", post: "supervisionCommitteeMember", unit: v, term: { start: "2021-01-10" } }
 *   ],
 *   relations: [{ a: { cadreId: "wang" }, b: { cadreId: "sun" }, kind: "sibling" }]
 * }))
 * const findings = SupervisionCommittee.checkSupervisionCommittee(Rulebook.defaults, roster, Ids.VillageId.make("xishu"), LocalDate.unsafeMake("2023-05-01"))
 * console.log(findings.map((d) => d.code)) // ["SUPERVISION_COMMITTEE_RELATIVE", …]
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */
import * as Cadre from "../org/Cadre.js"
import * as Citation from "../base/Citation.js"
import * as Diagnostic from "../base/Diagnostic.js"
import * as Either from "effect/Either"
import type * as Ids from "../base/Ids.js"
import * as Kinship from "../org/Kinship.js"
import type * as LocalDate from "../base/LocalDate.js"
import * as Period from "../base/Period.js"
import * as Post from "../org/Post.js"
import * as Rulebook from "../rulebook/Rulebook.js"

/**
 * A seat on the committee on a date: the cadre, whether they chair it and the index of the
 * appointment in `roster.appointments`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Seat {
  readonly cadreId: Ids.CadreId
  readonly chair: boolean
  readonly index: number
}

/**
 * The committee's members on a date (chair and members), one seat per cadre; a cadre appointed
 * both chair and member counts once, as chair.
 *
 * @since 0.1.0
 * @category getters
 */
export const membersOf = (
  roster: Cadre.Roster,
  villageId: Ids.VillageId,
  date: LocalDate.LocalDate
): ReadonlyArray<Seat> => {
  const seats = new Map<Ids.CadreId, Seat>()
  roster.appointments.forEach((a, index) => {
    if (
      (a.post === "supervisionCommitteeChair" || a.post === "supervisionCommitteeMember") &&
      a.unit.level === "village" && a.unit.villageId === villageId && Period.contains(a.term, date)
    ) {
      const chair = a.post === "supervisionCommitteeChair"
      const seen = seats.get(a.cadreId)
      if (seen === undefined || (chair && !seen.chair)) seats.set(a.cadreId, { cadreId: a.cadreId, chair, index })
    }
  })
  return [...seats.values()]
}

/**
 * Diagnostic codes of {@link checkSupervisionCommittee}.
 *
 * | code | severity | path | meaning |
 * | --- | --- | --- | --- |
 * | `SUPERVISION_COMMITTEE_SIZE` | error | `["appointments"]` | fewer or more members than the rulebook allows |
 * | `SUPERVISION_COMMITTEE_CHAIR` | error | `["appointments"]` | no chair, or more than one |
 * | `SUPERVISION_COMMITTEE_INCOMPATIBLE_POST` | error | `["appointments", i]` (the member's other post) | a member also holds a barred post in the village (两委, 村文书, 报账员) |
 * | `SUPERVISION_COMMITTEE_RELATIVE` | error | `["relations", i]` | a member is a barred relative of a holder of a 两委 post |
 * | `RULEBOOK_NOT_IN_FORCE` | error | `[]` | the rulebook has no edition in force on the date |
 *
 * @since 0.1.0
 * @category models
 */
export type Code =
  | "SUPERVISION_COMMITTEE_SIZE"
  | "SUPERVISION_COMMITTEE_CHAIR"
  | "SUPERVISION_COMMITTEE_INCOMPATIBLE_POST"
  | "SUPERVISION_COMMITTEE_RELATIVE"
  | "RULEBOOK_NOT_IN_FORCE"

/**
 * Checks the composition of a village's supervision committee on a date against the rulebook in
 * force then. Returns every finding; an empty list means the committee is lawfully composed.
 * Paths point into the roster.
 *
 * @since 0.1.0
 * @category validation
 */
export const checkSupervisionCommittee = (
  rulebook: Rulebook.Rulebook,
  roster: Cadre.Roster,
  villageId: Ids.VillageId,
  date: LocalDate.LocalDate
): ReadonlyArray<Diagnostic.Diagnostic<Code>> => {
  const rules = Rulebook.at(rulebook, date)
  if (Either.isLeft(rules)) {
    return [
      Diagnostic.error(
        "RULEBOOK_NOT_IN_FORCE",
        [],
        `${date} 无有效规则 (最早自 ${rules.left.earliest} 起)`,
        rules.left.message
      )
    ]
  }
  return checkWith(rules.right, roster, villageId, date)
}

/**
 * {@link checkSupervisionCommittee} with the rule set already resolved.
 *
 * @since 0.1.0
 * @category validation
 */
export const checkWith = (
  rules: Rulebook.RuleSet,
  roster: Cadre.Roster,
  villageId: Ids.VillageId,
  date: LocalDate.LocalDate
): ReadonlyArray<Diagnostic.Diagnostic<Code>> => {
  const size = Rulebook.value(rules, "committee.supervisionSize")
  const exclusions = Rulebook.value(rules, "committee.supervisionExclusions")
  // Messages name the rule they apply, so a county can see which edition decided.
  const sizeBasis = Citation.format(Rulebook.citationOf(rules, "committee.supervisionSize"))
  const exclusionBasis = Citation.format(Rulebook.citationOf(rules, "committee.supervisionExclusions"))
  const out: Array<Diagnostic.Diagnostic<Code>> = []
  const name = (c: Ids.CadreId) => Cadre.nameOf(roster, c)
  const seats = membersOf(roster, villageId, date)

  if (seats.length < size.min || seats.length > size.max) {
    out.push(
      Diagnostic.error(
        "SUPERVISION_COMMITTEE_SIZE",
        ["appointments"],
        `村务监督委员会现有 ${seats.length} 人,应为 ${size.min} 至 ${size.max} 人 (依据: ${sizeBasis})`,
        `the supervision committee has ${seats.length} members; it must have ${size.min} to ${size.max} (${sizeBasis})`
      )
    )
  }
  const chairs = seats.filter((s) => s.chair).length
  if (seats.length > 0 && chairs !== 1) {
    out.push(
      Diagnostic.error(
        "SUPERVISION_COMMITTEE_CHAIR",
        ["appointments"],
        chairs === 0 ? "村务监督委员会未设主任" : `村务监督委员会有 ${chairs} 名主任,应为 1 名`,
        chairs === 0 ? "the supervision committee has no chair" : `the supervision committee has ${chairs} chairs; it must have one`
      )
    )
  }

  const current = Cadre.appointmentsOn(roster, date).filter(({ appointment: a }) =>
    a.unit.level === "village" && a.unit.villageId === villageId
  )
  for (const seat of seats) {
    for (const { appointment: a, index } of current) {
      if (a.cadreId === seat.cadreId && exclusions.posts.includes(a.post)) {
        out.push(
          Diagnostic.error(
            "SUPERVISION_COMMITTEE_INCOMPATIBLE_POST",
            ["appointments", index],
            `${name(seat.cadreId)} 担任${Post.labelZh[a.post]},不得同时担任村务监督委员会成员 (依据: ${exclusionBasis})`,
            `${seat.cadreId} holds ${a.post} and may not sit on the supervision committee (${exclusionBasis})`
          )
        )
      }
    }
    const barredHolders = new Set(
      current.filter(({ appointment: a }) => exclusions.relativesOfPosts.includes(a.post)).map(({ appointment: a }) => a.cadreId)
    )
    for (const relative of Kinship.relativesOf(roster.relations, seat.cadreId)) {
      if (!("cadreId" in relative.subject) || !exclusions.relativeCloseness.includes(relative.closeness)) continue
      const other = relative.subject.cadreId
      if (other === seat.cadreId || !barredHolders.has(other)) continue
      const posts = current
        .filter(({ appointment: a }) => a.cadreId === other && exclusions.relativesOfPosts.includes(a.post))
        .map(({ appointment: a }) => a.post)
      out.push(
        Diagnostic.error(
          "SUPERVISION_COMMITTEE_RELATIVE",
          ["relations", relative.index],
          `${name(seat.cadreId)} 是${posts.map((p) => Post.labelZh[p]).join("、")} ${name(other)} 的${
            Kinship.kindLabelZh[Kinship.inverse(relative.kind)]
          },不得担任村务监督委员会成员 (依据: ${exclusionBasis})`,
          `${seat.cadreId} is the ${Kinship.inverse(relative.kind)} (${relative.closeness}) of ${other}, who holds ${
            posts.join(", ")
          }, and may not sit on the supervision committee (${exclusionBasis})`
        )
      )
    }
  }
  return out
}
