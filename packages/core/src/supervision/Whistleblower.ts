/**
 * Whistleblower protection (保护举报人). The identity and contact details of a named reporter
 * (实名举报人) are sealed with AES-256-GCM under the active key of a keyring the integrator
 * supplies ({@link WhistleblowerKey}, {@link layer}); case events carry only the ciphertext.
 * {@link reveal} loads the case from the store, opens its reporter for an actor the
 * {@link AccessPolicy} allows, and writes every attempt, granted or refused, to the
 * {@link WhistleblowerAccessLog} before anything is decrypted. {@link reseal} moves identities
 * sealed under older keys to the active one.
 *
 * @example
 * const reporter = yield* Whistleblower.named(caseId, { name: "张三", phone: "138…" })
 * // put `reporter` in RegisterLead's source: { _tag: "Petition", reporter }
 * const identity = yield* Whistleblower.reveal(caseId, actor, policy)   // Forbidden unless allowed
 *
 * @example
 * ```ts
 * import { randomBytes } from "node:crypto"
 * import { Ids, Whistleblower } from "@qinglian/core"
 * import { Effect, Redacted } from "effect"
 *
 * // The reporter of a petition is sealed (AES-256-GCM) before it enters the case stream. In
 * // production the key comes from your secret store.
 * const key = Redacted.make(new Uint8Array(randomBytes(32)))
 * const sealed = Whistleblower.named(Ids.CaseId.make("JC-2026-007"), { name: "王某某", phone: "13800000000" })
 * Effect.runPromise(sealed.pipe(Effect.provide(Whistleblower.layer({ keyId: "2026-01", key })))).then((reporter) =>
 *   console.log(reporter._tag, JSON.stringify(reporter).includes("王某某")) // "Named" false
 * )
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import type * as Ids from "../base/Ids.js"
import * as IdsSchema from "../base/Ids.js"
import * as Storage from "../storage/Storage.js"
import type * as StorageAdapter from "../storage/StorageAdapter.js"
import type * as Post from "../org/Post.js"
import * as Authority from "./Authority.js"
import * as CaseStore from "./CaseStore.js"
import type { InconsistentStream } from "./State.js"
import * as Vocabulary from "./Vocabulary.js"
import { type Identity, isCurrent, sealWith, Unreadable, unsealWith, WhistleblowerKey } from "./WhistleblowerSealing.js"

// The sealing half lives in its own module so that `unseal` (policy-free) stays out of this
// facade: it is exported from `@qinglian/core/testing` only.
export {
  defaultKeyId,
  Identity,
  InvalidKey,
  InvalidKeyring,
  isCurrent,
  type Keyring,
  type KeyringOptions,
  layer,
  makeKeyring,
  seal,
  type Sealed,
  Unreadable,
  WhistleblowerKey
} from "./WhistleblowerSealing.js"

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
  Effect.map(WhistleblowerKey, (ring) => ({ _tag: "Named" as const, identity: sealWith(ring, caseId, identity) }))

/**
 * An anonymous reporter (匿名举报).
 *
 * @since 0.1.0
 * @category constructors
 */
export const anonymous: Vocabulary.Reporter = { _tag: "Anonymous" }

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
 * it was granted, and why not. `outcome` is `"nothingToReveal"` when the case holds no named
 * reporter (an anonymous petition, another kind of lead, or no such case); it is absent when the
 * case holds one (entries written before 0.1.x never carry it: only named reporters were logged).
 *
 * @since 0.1.0
 * @category schemas
 */
export const AccessEntry = Schema.Struct({
  caseId: IdsSchema.CaseId,
  actor: IdsSchema.CadreId,
  granted: Schema.Boolean,
  reason: Schema.optional(Schema.String),
  outcome: Schema.optional(Schema.Literal("nothingToReveal")),
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
 * them in memory for tests. `record` must fail when the entry was not durably written: {@link reveal}
 * then refuses (fails closed).
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
 * How many times {@link layerStorageLog} tries an append that lost a race for the stream's next
 * version (`ConcurrencyConflict`) before it gives up and the reveal is refused. Every adapter of
 * this repository serialises transactions, so the read and the append in one transaction never
 * conflict there; the retries are for an adapter that checks versions without locking.
 *
 * @since 0.1.0
 * @category storage
 */
export const accessLogAttempts = 5

/**
 * An access log on {@link Storage.Storage}: each attempt is appended to the case's access stream,
 * and the append is entered in the audit log in the same transaction, under the reader's id. The
 * stream's last version is read inside that transaction, so concurrent reveals (fibers or
 * processes) queue on the store's write lock instead of racing for the same version; an append
 * that still conflicts is retried ({@link accessLogAttempts} in all). Any other failure fails the
 * record, and {@link reveal} refuses.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerStorageLog: Layer.Layer<WhistleblowerAccessLog, never, Storage.Storage> = Layer.effect(
  WhistleblowerAccessLog,
  Effect.map(Storage.Storage, (storage) => ({
    record: (entry: AccessEntry) =>
      Storage.transaction(
        Effect.flatMap(accessStreams.lastVersion(entry.caseId), (version) =>
          accessStreams.append(entry.caseId, version, [entry], { actor: entry.actor }))
      ).pipe(
        Effect.retry({
          schedule: Schedule.recurs(accessLogAttempts - 1),
          while: (e) => e._tag === "ConcurrencyConflict"
        }),
        Effect.asVoid,
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

// -----------------------------------------------------------------------------
// identities as stored
// -----------------------------------------------------------------------------

/**
 * A reporter's identity sealed again by {@link reseal}: the case, the sealed identity under the
 * active key, the key id it was sealed under before, and when (epoch ms from the Effect `Clock`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Resealed = Schema.Struct({
  caseId: IdsSchema.CaseId,
  identity: Vocabulary.SealedIdentity,
  previousKeyId: Schema.String,
  at: Schema.Number
}).annotations({ identifier: "WhistleblowerResealed" })

/**
 * @since 0.1.0
 * @category models
 */
export type Resealed = typeof Resealed.Type

/**
 * The re-sealed identities (collection `whistleblowerIdentities`, one document per case id). Case
 * streams are append-only, so the identity sealed in a lead's `LeadRegistered` event stays as it
 * was written; {@link reseal} puts the identity sealed under the active key here, and
 * {@link reveal} opens the one here when there is one. Every write is audited.
 *
 * @since 0.1.0
 * @category storage
 */
export const resealedIdentities: Storage.Repository<Resealed, never> = Storage.collection({
  name: "whistleblowerIdentities",
  schema: Resealed,
  id: (r: Resealed) => r.caseId
})

// The reporter a loaded case names, if any.
const namedReporterOf = (c: CaseView): Vocabulary.SealedIdentity | undefined => {
  const src = c.source
  return c.id !== undefined && src?._tag === "Petition" && src.reporter._tag === "Named" ? src.reporter.identity : undefined
}

// The identity to open: the re-sealed one if the case has one, else the one in its events.
const currentSealed = (
  caseId: Ids.CaseId,
  inEvents: Vocabulary.SealedIdentity
): Effect.Effect<{ readonly sealed: Vocabulary.SealedIdentity; readonly version: number }, Storage.ReadError, Storage.Storage> =>
  Effect.map(resealedIdentities.get(caseId), (doc) =>
    Option.isSome(doc) && doc.value.value.caseId === caseId
      ? { sealed: doc.value.value.identity, version: doc.value.version }
      : { sealed: inEvents, version: 0 })

// -----------------------------------------------------------------------------
// reveal
// -----------------------------------------------------------------------------

/**
 * Reveals the named reporter of a stored case to `actor` if `policy` allows it (usually
 * {@link defaultPolicy} with the relatives known to the commission). The case, with its town,
 * county, subject and lead source, is loaded from the store (`CaseStore.load`, the stream replayed
 * through the machine); the caller passes only its id, so it cannot hand the policy a view whose
 * town it has rewritten.
 *
 * The policy is applied to every case, so a refused actor cannot tell a named petition from an
 * anonymous one: a refusal is {@link SupervisionCase.Forbidden} with reason `policy`. Allowed, the
 * answer is `None` when the case has no named reporter (anonymous, not a petition, or no such
 * case). Every attempt is logged first, granted or not, with `outcome: "nothingToReveal"` when
 * there was nothing to reveal; if the log cannot be written nothing is revealed
 * ({@link AccessNotLogged}).
 *
 * @since 0.1.0
 * @category reading
 */
export const reveal = (
  caseId: Ids.CaseId,
  actor: Authority.Actor,
  policy: AccessPolicy
): Effect.Effect<
  Option.Option<Identity>,
  Authority.Forbidden | Unreadable | AccessNotLogged | Storage.ReadError | InconsistentStream,
  WhistleblowerKey | WhistleblowerAccessLog | Storage.Storage
> =>
  Effect.gen(function*() {
    const state = yield* CaseStore.load(caseId)
    const sealedInEvents = namedReporterOf(state)
    const log = yield* WhistleblowerAccessLog
    const at = yield* Clock.currentTimeMillis
    const refused = policy(actor, state)
    const entry: AccessEntry = {
      caseId,
      actor: actor.id,
      granted: refused === undefined,
      ...(refused === undefined ? {} : { reason: refused }),
      ...(sealedInEvents === undefined ? { outcome: "nothingToReveal" as const } : {}),
      at
    }
    yield* Effect.mapError(log.record(entry), (cause) => new AccessNotLogged({ caseId, cause }))
    if (refused !== undefined) {
      return yield* Effect.fail(
        new Authority.Forbidden({ command: "RevealWhistleblower", actor: actor.id, reason: "policy", detail: refused })
      )
    }
    if (sealedInEvents === undefined) return Option.none()
    const { sealed } = yield* currentSealed(caseId, sealedInEvents)
    const ring = yield* WhistleblowerKey
    return Option.some(yield* unsealWith(ring, caseId, sealed))
  })

// -----------------------------------------------------------------------------
// re-sealing
// -----------------------------------------------------------------------------

/**
 * Options of {@link reseal}: who re-seals (entered in the audit log with every identity), which
 * cases (default: every stored case, `CaseStore.storedCaseIds`), and at most how many identities
 * to re-seal in this run (default: all), to spread the work over several runs.
 *
 * @since 0.1.0
 * @category models
 */
export interface ResealOptions extends Storage.WriteOptions {
  readonly caseIds?: Iterable<Ids.CaseId>
  readonly limit?: number
}

/**
 * What {@link reseal} did: how many cases it looked at, how many identities it re-sealed, how
 * many were already under the active key, how many cases have no named reporter, and the cases it
 * could not re-seal, with why (they are left as they were; a later run tries them again).
 *
 * @since 0.1.0
 * @category models
 */
export interface ResealReport {
  readonly scanned: number
  readonly resealed: number
  readonly current: number
  readonly noIdentity: number
  readonly failed: ReadonlyArray<{
    readonly caseId: Ids.CaseId
    readonly error: Unreadable | InconsistentStream | Storage.CorruptRecord | StorageAdapter.ConcurrencyConflict
  }>
}

/**
 * Moves named reporters' identities to the active key (重新加密): for each case, the identity
 * ({@link resealedIdentities} if it was re-sealed before, else the one in the lead's event) is
 * opened with the key it names and, unless it is already under the active key in the current
 * format, sealed again under the active key and stored in {@link resealedIdentities}: one write,
 * in its own transaction, entered in the audit log under `options.actor`, per identity. The event
 * log is not touched (it is append-only).
 *
 * Resumable: each identity is committed on its own, and identities already under the active key
 * are skipped, so a run that stops half way (a crash, `limit`, a failure) is finished by running
 * it again. A case whose identity does not open, or whose stream does not replay, is reported in
 * `failed` and left as it was. Nothing is decrypted for anyone: plaintext never leaves this call.
 *
 * @since 0.1.0
 * @category sealing
 */
export const reseal = (
  options: ResealOptions
): Effect.Effect<
  ResealReport,
  StorageAdapter.StorageError | Storage.WriteError,
  WhistleblowerKey | Storage.Storage
> =>
  Effect.gen(function*() {
    const ring = yield* WhistleblowerKey
    const ids = options.caseIds === undefined ? yield* CaseStore.storedCaseIds : [...new Set(options.caseIds)]
    const limit = options.limit ?? Number.POSITIVE_INFINITY
    let scanned = 0
    let resealed = 0
    let current = 0
    let noIdentity = 0
    const failed: Array<ResealReport["failed"][number]> = []
    for (const caseId of ids) {
      if (resealed >= limit) break
      scanned++
      const step = yield* Effect.either(Effect.gen(function*() {
        const state = yield* CaseStore.load(caseId)
        const inEvents = namedReporterOf(state)
        if (inEvents === undefined) return "noIdentity" as const
        const { sealed, version } = yield* currentSealed(caseId, inEvents)
        if (isCurrent(ring, sealed)) return "current" as const
        const identity = yield* unsealWith(ring, caseId, sealed)
        const at = yield* Clock.currentTimeMillis
        yield* resealedIdentities.put(
          { caseId, identity: sealWith(ring, caseId, identity), previousKeyId: sealed.keyId, at },
          { actor: options.actor, expectedVersion: version }
        )
        return "resealed" as const
      }))
      if (Either.isRight(step)) {
        if (step.right === "resealed") resealed++
        else if (step.right === "current") current++
        else noIdentity++
        continue
      }
      const error = step.left
      switch (error._tag) {
        case "WhistleblowerUnreadable":
        case "InconsistentStream":
        case "StorageCorruptRecord":
        case "ConcurrencyConflict":
          failed.push({ caseId, error })
          continue
        default:
          return yield* Effect.fail(error)
      }
    }
    return { scanned, resealed, current, noIdentity, failed }
  })
