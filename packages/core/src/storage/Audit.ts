/**
 * The audit log (审计日志): every write made through `Storage` appends one entry per changed
 * document or stream, in the same transaction as the write. Entries form a SHA-256 hash chain, so
 * {@link verify} can name the first entry that was altered or removed behind the library's back.
 *
 * The log is the event stream {@link stream} (`"$audit"`) of the storage adapter.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as InvalidInput from "../base/InvalidInput.js"
import { canonicalJson, sha256 } from "./internal/digest.js"
import * as StorageAdapter from "./StorageAdapter.js"
import * as validators from "./internal/validators.js"

/**
 * The name of the audit stream.
 *
 * @since 0.1.0
 * @category constants
 */
export const stream = "$audit"

/**
 * The event type of audit entries.
 *
 * @since 0.1.0
 * @category constants
 */
export const eventType = "AuditEntry"

/**
 * The `previous` hash of the first entry.
 *
 * @since 0.1.0
 * @category constants
 */
export const genesis = "0".repeat(64)

/**
 * Who made a write (操作人): a user id, or an id with the posts held and a display name.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Actor = Schema.Union(
  Schema.String.pipe(Schema.minLength(1)),
  Schema.Struct({
    id: Schema.String.pipe(Schema.minLength(1)),
    name: Schema.optionalWith(Schema.String, { exact: true }),
    posts: Schema.optionalWith(Schema.Array(Schema.String), { exact: true })
  })
).annotations({ identifier: "AuditActor", title: "操作人 (actor)" })

/**
 * @since 0.1.0
 * @category models
 */
export type Actor = typeof Actor.Type

/**
 * The id of an actor.
 *
 * @since 0.1.0
 * @category accessors
 */
export const actorId = (actor: Actor): string => typeof actor === "string" ? actor : actor.id

/**
 * A document created or updated: its collection, id, versions before and after, and the SHA-256 of
 * its new (encoded) content.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DocumentChange = Schema.Struct({
  kind: Schema.Literal("document"),
  collection: Schema.String,
  id: Schema.String,
  action: Schema.Literal("create", "update"),
  fromVersion: Schema.Number,
  toVersion: Schema.Number,
  digest: Schema.String
}).annotations({ identifier: "AuditDocumentChange" })

/**
 * Events appended to a stream: versions before and after, and the SHA-256 of the appended events.
 *
 * @since 0.1.0
 * @category schemas
 */
export const StreamChange = Schema.Struct({
  kind: Schema.Literal("stream"),
  stream: Schema.String,
  action: Schema.Literal("append"),
  fromVersion: Schema.Number,
  toVersion: Schema.Number,
  digest: Schema.String
}).annotations({ identifier: "AuditStreamChange" })

/**
 * What one audit entry records as changed.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Change = Schema.Union(DocumentChange, StreamChange)

/**
 * @since 0.1.0
 * @category models
 */
export type Change = typeof Change.Type

/**
 * One audit entry: who, when (epoch ms, from Effect's `Clock`), what changed, the hash of the
 * previous entry and this entry's own hash (over its position in the log and everything above).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Entry = Schema.Struct({
  actor: Actor,
  at: Schema.Number,
  change: Change,
  previous: Schema.String,
  hash: Schema.String
}).annotations({ identifier: "AuditEntry" })

/**
 * @since 0.1.0
 * @category models
 */
export type Entry = typeof Entry.Type

/**
 * The hash of an entry at `version` of the log.
 *
 * @since 0.1.0
 * @category hashing
 */
export const hashOf = (version: number, entry: Omit<Entry, "hash">): string =>
  sha256(canonicalJson([version, entry.actor, entry.at, entry.change, entry.previous]))

/**
 * The log was altered (an entry's content no longer matches its hash, or no longer links to the one
 * before) or an entry was removed (a version is missing). `version` names the first bad entry.
 *
 * @since 0.1.0
 * @category errors
 */
export class ChainBroken extends Schema.TaggedError<ChainBroken>("@qinglian/core/storage/ChainBroken")("AuditChainBroken", {
  version: Schema.Number,
  reason: Schema.Literal("altered", "removed"),
  detail: Schema.String
}) {
  /**
   * @since 0.1.0
   */
  override get message(): string {
    return `audit entry ${this.version} was ${this.reason}: ${this.detail}`
  }
}

/**
 * A verified log: how many entries it holds and the hash of the last one (keep it somewhere else to
 * detect truncation later, see {@link VerifyOptions}).
 *
 * @since 0.1.0
 * @category models
 */
export interface Verified {
  readonly entries: number
  readonly head: string
}

/**
 * Options of {@link verify}.
 *
 * @since 0.1.0
 * @category models
 */
export interface VerifyOptions {
  /**
   * A head recorded earlier (e.g. published or kept off-site). The chain alone cannot reveal that
   * its newest entries were cut off; an anchor can.
   */
  readonly anchor?: { readonly version: number; readonly hash: string }
  /** Entries read per round trip. Default 1000. */
  readonly pageSize?: number
}

const decodeEntry = InvalidInput.decodeUnknown(Entry, "audit entry", validators.AuditEntry)

/**
 * The last entry's version and hash, to chain the next one on.
 *
 * @since 0.1.0
 * @category reading
 */
export const head: Effect.Effect<
  { readonly version: number; readonly hash: string },
  StorageAdapter.StorageError,
  StorageAdapter.StorageAdapter
> = Effect.gen(function*() {
  const adapter = yield* StorageAdapter.StorageAdapter
  const version = yield* adapter.lastVersion(stream)
  if (version === 0) return { version, hash: genesis }
  const [last] = yield* adapter.readEvents(stream, version, 1)
  const decoded = decodeEntry(last?.data)
  if (last === undefined || Either.isLeft(decoded)) {
    return yield* new StorageAdapter.StorageError({
      operation: "Audit.head",
      message: `the last audit entry (${version}) is unreadable; run Audit.verify`
    })
  }
  return { version, hash: decoded.right.hash }
})

/**
 * Appends one entry per change, chained on the current head. Call it inside the adapter transaction
 * that makes the changes (core's `Storage` does); a concurrent append fails with
 * `ConcurrencyConflict` rather than forking the chain.
 *
 * @since 0.1.0
 * @category writing
 */
export const record = (
  actor: Actor,
  changes: ReadonlyArray<Change>
): Effect.Effect<
  number,
  StorageAdapter.StorageError | StorageAdapter.ConcurrencyConflict,
  StorageAdapter.StorageAdapter
> =>
  Effect.gen(function*() {
    const adapter = yield* StorageAdapter.StorageAdapter
    const at = yield* Clock.currentTimeMillis
    const current = yield* head
    let previous = current.hash
    const events = changes.map((change, i): StorageAdapter.NewEvent => {
      const body = { actor, at, change, previous }
      const hash = hashOf(current.version + i + 1, body)
      previous = hash
      return { type: eventType, recordedAt: at, data: { ...body, hash } as unknown as StorageAdapter.Json }
    })
    return yield* adapter.appendEvents(stream, current.version, events)
  })

/**
 * Reads audit entries from `fromVersion` (default 1), decoded.
 *
 * @since 0.1.0
 * @category reading
 */
export const entries = (
  fromVersion = 1,
  limit?: number
): Effect.Effect<
  ReadonlyArray<{ readonly version: number; readonly entry: Entry }>,
  StorageAdapter.StorageError,
  StorageAdapter.StorageAdapter
> =>
  Effect.gen(function*() {
    const adapter = yield* StorageAdapter.StorageAdapter
    const events = yield* adapter.readEvents(stream, fromVersion, limit)
    return yield* Effect.forEach(events, (event) => {
      const decoded = decodeEntry(event.data)
      return Either.isRight(decoded)
        ? Effect.succeed({ version: event.version, entry: decoded.right })
        : Effect.fail(
          new StorageAdapter.StorageError({
            operation: "Audit.entries",
            message: `audit entry ${event.version} is unreadable; run Audit.verify`
          })
        )
    })
  })

/**
 * Walks the whole chain from the first entry and fails with {@link ChainBroken} naming the first
 * entry that was altered or removed.
 *
 * @since 0.1.0
 * @category verifying
 */
export const verify = (
  options: VerifyOptions = {}
): Effect.Effect<Verified, ChainBroken | StorageAdapter.StorageError, StorageAdapter.StorageAdapter> =>
  Effect.gen(function*() {
    const adapter = yield* StorageAdapter.StorageAdapter
    const pageSize = options.pageSize ?? 1000
    let expected = 1
    let previous = genesis
    let anchorSeen = false
    while (true) {
      const page = yield* adapter.readEvents(stream, expected, pageSize)
      for (const event of page) {
        if (event.version !== expected) {
          return yield* new ChainBroken({
            version: expected,
            reason: "removed",
            detail: `found entry ${event.version} where ${expected} was expected`
          })
        }
        const decoded = decodeEntry(event.data)
        if (event.type !== eventType || Either.isLeft(decoded)) {
          return yield* new ChainBroken({ version: expected, reason: "altered", detail: "not an audit entry" })
        }
        const entry = decoded.right
        if (hashOf(event.version, entry) !== entry.hash) {
          return yield* new ChainBroken({
            version: expected,
            reason: "altered",
            detail: "its content does not match its hash"
          })
        }
        if (entry.previous !== previous) {
          // A consistent entry that does not link back: the one before was rewritten (with a
          // recomputed hash) after this one was chained on it.
          return yield* new ChainBroken({
            version: expected - 1,
            reason: "altered",
            detail: `entry ${expected} was chained on a different entry ${expected - 1}`
          })
        }
        if (options.anchor !== undefined && options.anchor.version === expected) {
          if (options.anchor.hash !== entry.hash) {
            return yield* new ChainBroken({
              version: expected,
              reason: "altered",
              detail: "it does not match the anchor"
            })
          }
          anchorSeen = true
        }
        previous = entry.hash
        expected++
      }
      if (page.length < pageSize) break
    }
    if (options.anchor !== undefined && !anchorSeen) {
      return yield* new ChainBroken({
        version: options.anchor.version,
        reason: "removed",
        detail: `the log ends at ${expected - 1}, before the anchor`
      })
    }
    // Entries after the last one read cannot exist, but a tail cut is only visible with an anchor.
    return { entries: expected - 1, head: previous }
  })
