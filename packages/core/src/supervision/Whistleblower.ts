/**
 * Whistleblower protection (保护举报人). The identity and contact details of a named reporter
 * (实名举报人) are sealed with AES-256-GCM under a key the integrator supplies
 * ({@link WhistleblowerKey}); case events carry only the ciphertext. {@link reveal} opens them
 * for an actor the {@link AccessPolicy} allows, and writes every attempt, granted or refused, to
 * the {@link WhistleblowerAccessLog} before anything is decrypted.
 *
 * @example
 * const reporter = yield* Whistleblower.named(caseId, { name: "张三", phone: "138…" })
 * // put `reporter` in RegisterLead's source: { _tag: "Petition", reporter }
 * const identity = yield* Whistleblower.reveal(caseState, actor)   // Forbidden unless allowed
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import * as Schema from "effect/Schema"
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto"
import type * as Ids from "../base/Ids.js"
import * as IdsSchema from "../base/Ids.js"
import * as Storage from "../storage/Storage.js"
import type * as Post from "../org/Post.js"
import * as Authority from "./Authority.js"
import type * as Vocabulary from "./Vocabulary.js"

/**
 * The identity of a named reporter: what is sealed.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Identity = Schema.Struct({
  name: Schema.String.pipe(Schema.minLength(1, { message: () => "a named report needs the reporter's name" })),
  idNumber: Schema.optional(Schema.String),
  phone: Schema.optional(Schema.String),
  address: Schema.optional(Schema.String)
}).annotations({ identifier: "WhistleblowerIdentity" })

/**
 * @since 0.1.0
 * @category models
 */
export type Identity = typeof Identity.Type

/**
 * The encryption key: 32 bytes for AES-256-GCM, kept `Redacted` so it never reaches a log, and
 * an id stored beside each ciphertext so keys can be rotated.
 *
 * @since 0.1.0
 * @category services
 */
export class WhistleblowerKey extends Context.Tag("@qinglian/core/WhistleblowerKey")<
  WhistleblowerKey,
  { readonly keyId: string; readonly key: Redacted.Redacted<Uint8Array> }
>() {}

/**
 * The key given is not 32 bytes.
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidKey extends Schema.TaggedError<InvalidKey>("@qinglian/core/supervision/InvalidKey")("WhistleblowerInvalidKey", {
  keyId: Schema.String,
  length: Schema.Number
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `whistleblower key ${this.keyId} has ${this.length} bytes; AES-256-GCM needs exactly 32`
  }
}

/**
 * Provides the key, checking its length.
 *
 * @example
 * Whistleblower.layer({ keyId: "2026-01", key: Redacted.make(Buffer.from(process.env.WB_KEY!, "base64")) })
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: {
  readonly keyId: string
  readonly key: Redacted.Redacted<Uint8Array>
}): Layer.Layer<WhistleblowerKey, InvalidKey> =>
  Layer.effect(
    WhistleblowerKey,
    Redacted.value(options.key).length === 32
      ? Effect.succeed(options)
      : Effect.fail(new InvalidKey({ keyId: options.keyId, length: Redacted.value(options.key).length }))
  )

/**
 * A sealed identity (see {@link SupervisionCase.SealedIdentity}).
 *
 * @since 0.1.0
 * @category models
 */
export type Sealed = Vocabulary.SealedIdentity

const ALG = "aes-256-gcm"
const encodeIdentity = Schema.encodeSync(Schema.parseJson(Identity))
const decodeIdentity = Schema.decodeUnknownEither(Schema.parseJson(Identity))

/**
 * Seals an identity for case `caseId`: a fresh random 12-byte IV per call, the case id as
 * additional authenticated data (so a ciphertext moved to another case does not open).
 *
 * @since 0.1.0
 * @category sealing
 */
export const seal = (caseId: Ids.CaseId, identity: Identity): Effect.Effect<Sealed, never, WhistleblowerKey> =>
  Effect.map(WhistleblowerKey, ({ key, keyId }) => {
    const iv = randomBytes(12)
    const cipher = createCipheriv(ALG, Redacted.value(key), iv)
    cipher.setAAD(Buffer.from(caseId, "utf8"))
    const ciphertext = Buffer.concat([cipher.update(encodeIdentity(identity), "utf8"), cipher.final()])
    return {
      alg: "A256GCM" as const,
      keyId,
      iv: iv.toString("base64"),
      tag: cipher.getAuthTag().toString("base64"),
      ciphertext: ciphertext.toString("base64")
    }
  })

/**
 * A named reporter for a lead's `Petition` source.
 *
 * @since 0.1.0
 * @category constructors
 */
export const named = (
  caseId: Ids.CaseId,
  identity: Identity
): Effect.Effect<Vocabulary.Reporter, never, WhistleblowerKey> =>
  Effect.map(seal(caseId, identity), (sealed) => ({ _tag: "Named" as const, identity: sealed }))

/**
 * An anonymous reporter (匿名举报).
 *
 * @since 0.1.0
 * @category constructors
 */
export const anonymous: Vocabulary.Reporter = { _tag: "Anonymous" }

/**
 * A sealed identity that does not open: sealed under another key, for another case, or altered.
 *
 * @since 0.1.0
 * @category errors
 */
export class Unreadable extends Schema.TaggedError<Unreadable>("@qinglian/core/supervision/Unreadable")("WhistleblowerUnreadable", {
  keyId: Schema.String,
  reason: Schema.Literal("unknownKey", "authenticationFailed", "malformed")
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return this.reason === "unknownKey"
      ? `the identity was sealed with key ${this.keyId}, which is not the key provided`
      : this.reason === "authenticationFailed"
      ? "the sealed identity failed authentication: wrong key, wrong case, or altered ciphertext"
      : "the sealed identity decrypted to something that is not an identity"
  }
}

/**
 * Opens a sealed identity. Low level: no policy and no log. Use {@link reveal}.
 *
 * @since 0.1.0
 * @category sealing
 */
export const unseal = (caseId: Ids.CaseId, sealed: Sealed): Effect.Effect<Identity, Unreadable, WhistleblowerKey> =>
  Effect.flatMap(WhistleblowerKey, ({ key, keyId }) => {
    if (sealed.keyId !== keyId) return Effect.fail(new Unreadable({ keyId: sealed.keyId, reason: "unknownKey" }))
    let text: string
    try {
      const decipher = createDecipheriv(ALG, Redacted.value(key), Buffer.from(sealed.iv, "base64"))
      decipher.setAAD(Buffer.from(caseId, "utf8"))
      decipher.setAuthTag(Buffer.from(sealed.tag, "base64"))
      text = Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, "base64")), decipher.final()]).toString("utf8")
    } catch {
      return Effect.fail(new Unreadable({ keyId: sealed.keyId, reason: "authenticationFailed" }))
    }
    return Either.match(decodeIdentity(text), {
      onLeft: () => Effect.fail(new Unreadable({ keyId: sealed.keyId, reason: "malformed" })),
      onRight: Effect.succeed
    })
  })

// -----------------------------------------------------------------------------
// policy and log
// -----------------------------------------------------------------------------

/**
 * What the policy and the log see of a case (a `SupervisionCase.State` qualifies).
 *
 * @since 0.1.0
 * @category models
 */
export interface CaseView {
  readonly id: Ids.CaseId | undefined
  readonly county: Ids.CountyId | undefined
  readonly town: Ids.TownId | undefined
  readonly subject: Vocabulary.Subject | undefined
  readonly source: Vocabulary.LeadSource | undefined
}

/**
 * Decides who may see a reporter's identity: `undefined` to allow, or the reason to refuse.
 *
 * @since 0.1.0
 * @category policy
 */
export type AccessPolicy = (actor: Authority.Actor, c: CaseView) => string | undefined

/**
 * A policy from a table of posts: at town level, holders of `town` posts in the case's town; at
 * county level, holders of `county` posts in its county. Never the case's subject nor a relative of
 * the subject: the table must say how to tell relatives (`isRelated`, `relations` or both), and
 * they are told apart exactly as `SupervisionCase.decide` does ({@link SupervisionCase.recusal}).
 *
 * @since 0.1.0
 * @category policy
 */
export const byPosts = (
  table: {
    readonly town: ReadonlyArray<Post.Post>
    readonly county: ReadonlyArray<Post.Post>
  } & Authority.Recusal
): AccessPolicy =>
(actor, c) => {
  const j = actor.jurisdiction
  const posts = j.level === "town" ? table.town : table.county
  if (!actor.posts.some((p) => posts.includes(p))) return `only ${posts.join(", ")} at ${j.level} level may see a reporter's identity`
  if (j.county !== c.county || (j.level === "town" && j.town !== c.town)) return "the case is outside the actor's jurisdiction"
  const recused = Authority.recusal(actor.id, c.subject?.cadre, table)
  return recused === undefined ? undefined : `the subject of the case and their relatives may never see the reporter: ${recused}`
}

/**
 * The default policy: the town discipline secretary (镇纪委书记) of the case's town, or the county
 * commission (县纪委监委), never the subject or a relative of the subject. It needs the same
 * knowledge of relatives that `SupervisionCase.decide` is given, so a relative who may not handle
 * the case may not see its reporter either.
 *
 * @since 0.1.0
 * @category policy
 */
export const defaultPolicy = (recusal: Authority.Recusal): AccessPolicy =>
  byPosts({ town: ["townDisciplineSecretary"], county: ["countyDisciplineOfficer"], ...recusal })

/**
 * One attempt to see a reporter's identity: who, when (epoch ms from the Effect `Clock`), whether
 * it was granted, and why not.
 *
 * @since 0.1.0
 * @category schemas
 */
export const AccessEntry = Schema.Struct({
  caseId: IdsSchema.CaseId,
  actor: IdsSchema.CadreId,
  granted: Schema.Boolean,
  reason: Schema.optional(Schema.String),
  at: Schema.Number
}).annotations({ identifier: "WhistleblowerAccessEntry" })

/**
 * @since 0.1.0
 * @category models
 */
export type AccessEntry = typeof AccessEntry.Type

/**
 * Where access attempts are written. {@link layerStorageLog} writes them to storage, where each
 * append is also entered in the tamper-evident audit log (`Audit`); {@link layerMemoryLog} keeps
 * them in memory for tests.
 *
 * @since 0.1.0
 * @category services
 */
export class WhistleblowerAccessLog extends Context.Tag("@qinglian/core/WhistleblowerAccessLog")<
  WhistleblowerAccessLog,
  {
    readonly record: (entry: AccessEntry) => Effect.Effect<void, unknown>
    /** The attempts recorded for one case, oldest first. */
    readonly entries: (caseId: Ids.CaseId) => Effect.Effect<ReadonlyArray<AccessEntry>, unknown>
  }
>() {}

/**
 * An in-memory access log.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerMemoryLog: Layer.Layer<WhistleblowerAccessLog> = Layer.effect(
  WhistleblowerAccessLog,
  Effect.map(Ref.make<ReadonlyArray<AccessEntry>>([]), (ref) => ({
    record: (entry: AccessEntry) => Ref.update(ref, (es) => [...es, entry]),
    entries: (caseId: Ids.CaseId) => Effect.map(Ref.get(ref), (es) => es.filter((e) => e.caseId === caseId))
  }))
)

/**
 * The access streams on storage, one per case (`whistleblower-access/<caseId>`).
 *
 * @since 0.1.0
 * @category storage
 */
export const accessStreams: Storage.EventStream<AccessEntry> = Storage.eventStream({
  name: "whistleblower-access",
  schema: AccessEntry,
  type: () => "WhistleblowerAccess"
})

/**
 * An access log on {@link Storage.Storage}: each attempt is appended to the case's access stream,
 * and the append is entered in the audit log in the same transaction, under the reader's id.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerStorageLog: Layer.Layer<WhistleblowerAccessLog, never, Storage.Storage> = Layer.effect(
  WhistleblowerAccessLog,
  Effect.map(Storage.Storage, (storage) => ({
    record: (entry: AccessEntry) =>
      Effect.flatMap(accessStreams.lastVersion(entry.caseId), (version) =>
        accessStreams.append(entry.caseId, version, [entry], { actor: entry.actor })).pipe(
          Effect.provideService(Storage.Storage, storage)
        ),
    entries: (caseId: Ids.CaseId) =>
      Effect.map(accessStreams.read(caseId), (es) => es.map((e) => e.value)).pipe(
        Effect.provideService(Storage.Storage, storage)
      )
  }))
)

/**
 * The access log could not be written, so nothing was revealed.
 *
 * @since 0.1.0
 * @category errors
 */
export class AccessNotLogged extends Schema.TaggedError<AccessNotLogged>("@qinglian/core/supervision/AccessNotLogged")("WhistleblowerAccessNotLogged", {
  caseId: Schema.String,
  cause: Schema.Defect
}) {}

/**
 * Reveals the named reporter of a case to `actor` if `policy` allows it (usually
 * {@link defaultPolicy} with the relatives known to the commission): `None` when the lead has no
 * named reporter (anonymous, or not a petition). The attempt is logged first, granted or not; a refusal is
 * {@link SupervisionCase.Forbidden} with reason `policy`.
 *
 * @since 0.1.0
 * @category reading
 */
export const reveal = (
  c: CaseView,
  actor: Authority.Actor,
  policy: AccessPolicy
): Effect.Effect<
  Option.Option<Identity>,
  Authority.Forbidden | Unreadable | AccessNotLogged,
  WhistleblowerKey | WhistleblowerAccessLog
> =>
  Effect.gen(function*() {
    const src = c.source
    if (c.id === undefined || src === undefined || src._tag !== "Petition" || src.reporter._tag !== "Named") {
      return Option.none()
    }
    const caseId = c.id
    const log = yield* WhistleblowerAccessLog
    const at = yield* Clock.currentTimeMillis
    const refused = policy(actor, c)
    yield* Effect.mapError(
      log.record(refused === undefined ? { caseId, actor: actor.id, granted: true, at } : { caseId, actor: actor.id, granted: false, reason: refused, at }),
      (cause) => new AccessNotLogged({ caseId, cause })
    )
    if (refused !== undefined) {
      return yield* Effect.fail(
        new Authority.Forbidden({ command: "RevealWhistleblower", actor: actor.id, reason: "policy", detail: refused })
      )
    }
    return Option.some(yield* unseal(caseId, src.reporter.identity))
  })
