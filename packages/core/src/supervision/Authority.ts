/**
 * Who may act on a supervision case (权限与回避): the posts each role needs, where an actor may act
 * (a town or a whole county), the level some commands are decided at, and recusal (回避) of the
 * case's subject and their relatives.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Ids from "../base/Ids.js"
import * as Kinship from "../org/Kinship.js"
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
 * ({@link recusal}). A `RegisterLead` names the case's county, town and subject itself.
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
  ctx: {
    readonly actor: Actor
    readonly isRelated?: ((a: Ids.CadreId, b: Ids.CadreId) => boolean) | undefined
    readonly relations?: ReadonlyArray<Kinship.Relation> | undefined
  }
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
  return recused === undefined ? undefined : { reason: "recusal", detail: recused }
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
  ctx: {
    readonly actor: Actor
    readonly isRelated?: ((a: Ids.CadreId, b: Ids.CadreId) => boolean) | undefined
    readonly relations?: ReadonlyArray<Kinship.Relation> | undefined
  }
): Forbidden | undefined => {
  const denied = denial(required, command, at, ctx)
  return denied === undefined
    ? undefined
    : withoutStack(() => new Forbidden({ command: command._tag, actor: ctx.actor.id, reason: denied.reason, detail: denied.detail }, true))
}
