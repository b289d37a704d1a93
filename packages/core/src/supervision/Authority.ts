/**
 * Who may act on a supervision case (权限与回避): the posts each role needs, where an actor may act
 * (a town or a whole county), the level some commands are decided at, and recusal (回避) of the
 * case's subject and their relatives.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Ids from "../base/Ids.js"
import type * as LocalDate from "../base/LocalDate.js"
import * as Cadre from "../org/Cadre.js"
import * as Kinship from "../org/Kinship.js"
import type * as Organisation from "../org/Organisation.js"
import * as Post from "../org/Post.js"
import type * as Rulebook from "../rulebook/Rulebook.js"
import type { Command } from "./Command.js"
import { withoutStack } from "./internal/withoutStack.js"
import type { Subject } from "./Vocabulary.js"

/**
 * Where an actor may act: one town (a town discipline commission, 镇纪委) or a whole county
 * (县纪委监委).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Jurisdiction = Schema.Union(
  Schema.Struct({ level: Schema.Literal("town"), county: Ids.CountyId, town: Ids.TownId }),
  Schema.Struct({ level: Schema.Literal("county"), county: Ids.CountyId })
).annotations({ identifier: "Jurisdiction" })

/**
 * @since 0.1.0
 * @category models
 */
export type Jurisdiction = typeof Jurisdiction.Type

/**
 * Who issues a command: a cadre, the posts they hold and where they may act.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Actor = Schema.Struct({
  id: Ids.CadreId,
  posts: Schema.Array(Post.Post),
  jurisdiction: Jurisdiction
}).annotations({ identifier: "SupervisionActor" })

/**
 * @since 0.1.0
 * @category models
 */
export type Actor = typeof Actor.Type

/**
 * Who may issue a command: `record` (登记: any discipline post) or `decide` (决定: the town
 * discipline secretary or the county commission).
 *
 * @since 0.1.0
 * @category models
 */
export type Role = "record" | "decide"

/**
 * The posts that may issue commands of each role.
 *
 * @since 0.1.0
 * @category constants
 */
export const rolePosts: Readonly<Record<Role, ReadonlyArray<Post.Post>>> = {
  record: ["townDisciplineSecretary", "townDisciplineMember", "countyDisciplineOfficer"],
  decide: ["townDisciplineSecretary", "countyDisciplineOfficer"]
}

/**
 * The actor may not issue the command: no suitable post (`post`), outside their town or county
 * (`jurisdiction`), the subject or a relative of the subject (`recusal`, 回避), or a measure
 * above their level (`decisionLevel`). Also returned when a reader may not see a whistleblower's
 * identity (`policy`). Nothing is written.
 *
 * @since 0.1.0
 * @category errors
 */
export class Forbidden extends Schema.TaggedError<Forbidden>("@qinglian/core/supervision/Forbidden")("Forbidden", {
  command: Schema.String,
  actor: Schema.String,
  reason: Schema.Literal("post", "jurisdiction", "recusal", "decisionLevel", "policy"),
  detail: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `${this.actor} may not ${this.command} (${this.reason}): ${this.detail}`
  }
}

const holdsOneOf = (held: ReadonlyArray<Post.Post>, wanted: ReadonlyArray<Post.Post>): boolean => {
  for (const p of held) if (wanted.includes(p)) return true
  return false
}

/**
 * How to tell the relatives of a case's subject (回避): a predicate, recorded
 * {@link Kinship.Relation}s, or both. At least one is required where recusal must be checked.
 *
 * @since 0.1.0
 * @category models
 */
export type Recusal =
  | { readonly isRelated: (a: Ids.CadreId, b: Ids.CadreId) => boolean; readonly relations?: ReadonlyArray<Kinship.Relation> }
  | { readonly isRelated?: (a: Ids.CadreId, b: Ids.CadreId) => boolean; readonly relations: ReadonlyArray<Kinship.Relation> }

/**
 * An explicit opt-out of the recusal check (不核查回避): the caller does not know the actor's
 * relatives and says so, with the reason a reviewer will read. `CaseStore.execute` enters it in
 * `CaseStore.recusalOptOuts` beside the events it lets through, audited in the same transaction.
 * Even then the subject of a case may never act on it.
 *
 * @since 0.1.0
 * @category schemas
 */
export const RecusalNotChecked = Schema.Struct({
  notChecked: Schema.Literal(true),
  reason: Schema.String.pipe(
    Schema.filter((s) => s.trim().length > 0 || "an opt-out of the recusal check needs a reason (不核查回避须说明理由)")
  )
}).annotations({ identifier: "RecusalNotChecked" })

/**
 * @since 0.1.0
 * @category models
 */
export type RecusalNotChecked = typeof RecusalNotChecked.Type

/**
 * How a decision context knows the actor's relatives: {@link Recusal} (relations recorded on the
 * roster, a predicate, or both), or the explicit opt-out `recusal: { notChecked: true, reason }`.
 * A context with neither does not type-check, and one built from untyped input is refused by
 * {@link denial} with reason `recusal`: recusal is never skipped silently.
 *
 * @since 0.1.0
 * @category models
 */
export type RecusalBasis =
  | (Recusal & { readonly recusal?: undefined })
  | {
    readonly recusal: RecusalNotChecked
    readonly isRelated?: undefined
    readonly relations?: undefined
  }

/**
 * Why the context gives no basis for recusal (`undefined` when it gives one): neither relations,
 * a predicate, nor an opt-out with a non-blank reason. Checked at run time as well as by the
 * type, for contexts assembled from JSON.
 *
 * @since 0.1.0
 * @category authorization
 */
export const missingRecusalBasis = (ctx: {
  readonly isRelated?: unknown
  readonly relations?: unknown
  readonly recusal?: unknown
}): string | undefined => {
  if (typeof ctx.isRelated === "function" || Array.isArray(ctx.relations)) return undefined
  if (Schema.is(RecusalNotChecked)(ctx.recusal)) return undefined
  return "recusal cannot be checked: the context gives neither the relations (relations, isRelated) nor an opt-out " +
    "(recusal: { notChecked: true, reason }); 未提供亲属关系, 也未声明不核查回避及理由"
}

/**
 * Why `actor` must stand aside from a case about `subject` (回避): they are the subject, or a
 * relative of the subject by `isRelated` or the recorded `relations`; `undefined` when they need
 * not. {@link denial} (and so `SupervisionCase.decide`) and `Whistleblower.byPosts` both use it.
 *
 * @since 0.1.0
 * @category authorization
 */
export const recusal = (
  actor: Ids.CadreId,
  subject: Ids.CadreId | undefined,
  known: {
    readonly isRelated?: ((a: Ids.CadreId, b: Ids.CadreId) => boolean) | undefined
    readonly relations?: ReadonlyArray<Kinship.Relation> | undefined
  }
): string | undefined => {
  if (subject === undefined) return undefined
  if (subject === actor) return "the actor is the subject of the case (回避)"
  if (known.isRelated?.(actor, subject) === true || (known.relations !== undefined && Kinship.areRelated(known.relations, actor, subject))) {
    return `the actor is a relative of the subject ${subject} (回避)`
  }
  return undefined
}

/**
 * Why `ctx.actor` may not issue `command` on a case that belongs to `at` (a `State` qualifies), for
 * a command that needs `required.role` and, if set, `required.level` (a machine row qualifies):
 * `undefined` when they may, else the reason and detail of the {@link Forbidden} that says why,
 * checked in this order: their posts, their jurisdiction, the level, then recusal
 * ({@link recusal}), which also refuses a context that gives no basis for it
 * ({@link missingRecusalBasis}). A `RegisterLead` names the case's county, town and subject itself.
 *
 * @since 0.1.0
 * @category authorization
 */
export const denial = (
  required: { readonly role: Role; readonly level?: Rulebook.Level | undefined },
  command: Command,
  at: {
    readonly county: Ids.CountyId | undefined
    readonly town: Ids.TownId | undefined
    readonly subject: Subject | undefined
  },
  ctx: { readonly actor: Actor } & RecusalBasis
): { readonly reason: Forbidden["reason"]; readonly detail: string } | undefined => {
  const c = command
  const actor = ctx.actor
  const posts = rolePosts[required.role]
  if (!holdsOneOf(actor.posts, posts)) {
    return { reason: "post", detail: `${required.role === "decide" ? "deciding" : "recording"} ${c._tag} needs one of: ${posts.join(", ")}` }
  }
  const county = c._tag === "RegisterLead" ? c.county : at.county
  const town = c._tag === "RegisterLead" ? c.town : at.town
  const j = actor.jurisdiction
  if (j.county !== county || (j.level === "town" && j.town !== town)) {
    return { reason: "jurisdiction", detail: `the case belongs to town ${town} of county ${county}, outside the actor's jurisdiction` }
  }
  if (required.level === "county" && j.level !== "county") {
    return { reason: "decisionLevel", detail: `${c._tag} is decided at county level` }
  }
  const subject = c._tag === "RegisterLead" ? c.subject.cadre : at.subject?.cadre
  const recused = recusal(actor.id, subject, ctx)
  if (recused !== undefined) return { reason: "recusal", detail: recused }
  const unknown = missingRecusalBasis(ctx)
  return unknown === undefined ? undefined : { reason: "recusal", detail: unknown }
}

/**
 * {@link denial} as the {@link Forbidden} error it describes, or `undefined` when the actor may
 * issue the command.
 *
 * @since 0.1.0
 * @category authorization
 */
export const authorize = (
  required: { readonly role: Role; readonly level?: Rulebook.Level | undefined },
  command: Command,
  at: {
    readonly county: Ids.CountyId | undefined
    readonly town: Ids.TownId | undefined
    readonly subject: Subject | undefined
  },
  ctx: { readonly actor: Actor } & RecusalBasis
): Forbidden | undefined => {
  const denied = denial(required, command, at, ctx)
  return denied === undefined
    ? undefined
    : withoutStack(() => new Forbidden({ command: command._tag, actor: ctx.actor.id, reason: denied.reason, detail: denied.detail }, true))
}

/**
 * What the stored record says about one cadre on one day, as {@link resolveActor} needs it: the
 * cadre's appointments (任职, any term; only those in force on the day count) and the towns they
 * name, so that a town post is placed in its county.
 *
 * @since 0.1.0
 * @category models
 */
export interface ActorRecord {
  readonly appointments: ReadonlyArray<Cadre.Appointment>
  readonly towns: ReadonlyArray<Organisation.Town>
}

/**
 * The {@link Actor} the record makes of a cadre on a date, for a case in `place` (its county and
 * town, when known): the posts they hold that day in units covering the case, and the widest
 * jurisdiction among those units (the county over one of its towns). When no post covers the case,
 * the actor keeps every town or county post they hold and the jurisdiction of the first, so that
 * {@link denial} says `jurisdiction`. A cadre with no town or county post that day, or whose town
 * is not in the stored organisation, is {@link Forbidden} (`post`, `jurisdiction`). Pure: the
 * caller reads the record (`CaseStore.contextFor` reads it from storage).
 *
 * @since 0.1.0
 * @category authorization
 */
export const resolveActor = (
  record: ActorRecord,
  cadreId: Ids.CadreId,
  on: LocalDate.LocalDate,
  place: { readonly county: Ids.CountyId | undefined; readonly town: Ids.TownId | undefined },
  command: string
): Either.Either<Actor, Forbidden> => {
  const forbid = (reason: Forbidden["reason"], detail: string) =>
    Either.left(withoutStack(() => new Forbidden({ command, actor: cadreId, reason, detail }, true)))
  const held: Array<{ readonly post: Post.Post; readonly jurisdiction: Jurisdiction }> = []
  const inForce = Cadre.postsOf({ cadres: [], appointments: record.appointments, relations: [] }, cadreId, on)
  for (const a of inForce) {
    if (a.unit.level === "county") {
      held.push({ post: a.post, jurisdiction: { level: "county", county: a.unit.countyId } })
    } else if (a.unit.level === "town") {
      const townId = a.unit.townId
      const town = record.towns.find((t) => t.id === townId)
      if (town === undefined) {
        return forbid("jurisdiction", `town ${townId} of ${cadreId}'s ${a.post} post is not in the stored organisation`)
      }
      held.push({ post: a.post, jurisdiction: { level: "town", county: town.countyId, town: townId } })
    }
  }
  if (held.length === 0) {
    return forbid("post", `the roster gives ${cadreId} no town or county post on ${on} (名册上无乡镇或县级职务)`)
  }
  const covers = (j: Jurisdiction) =>
    place.county !== undefined && j.county === place.county && (j.level === "county" || j.town === place.town)
  const covering = held.filter((h) => covers(h.jurisdiction))
  const chosen = covering.length === 0 ? held : covering
  const jurisdiction = chosen.find((h) => h.jurisdiction.level === "county")?.jurisdiction ?? chosen[0]!.jurisdiction
  const posts = [...new Set(chosen.map((h) => h.post))]
  return Either.right({ id: cadreId, posts, jurisdiction })
}
