/**
 * The audit log (审计日志): every write made through `Storage` appends one entry per changed
 * document or stream, in the same transaction as the write, binding the digest of what was written.
 * Entries form a SHA-256 hash chain, so {@link verify} can name the first entry that was altered or
 * removed behind the library's back, and {@link verifyStore} checks every stored document and event
 * against its entry. Signed {@link checkpoint}s kept outside the store, and the optional
 * {@link ChainKey}, detect a cut tail and a chain rewritten with {@link hashOf}. See
 * docs/security.md for what this proves and what it does not.
 *
 * The log is the event stream {@link stream} (`"$audit"`) of the storage adapter.
 *
 * @example
 * ```ts
 * import { Audit, PowerListStore, PowerList, Storage } from "@qinglian/core"
 * import { MemoryStorage } from "@qinglian/storage-memory"
 * import { Effect } from "effect"
 *
 * // Every write through Storage appends to a hash chain; verify walks it and names the first break.
 * const program = Effect.gen(function*() {
 *   yield* PowerListStore.powerLists.save(PowerList.reference(), { actor: "jincun-clerk-01" })
 *   const verified = yield* Audit.verify()
 *   console.log(verified.entries) // 1
 * })
 * Effect.runPromise(program.pipe(Effect.provide(Storage.layer), Effect.provide(MemoryStorage.layer())))
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
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as crypto from "node:crypto"
import * as InvalidInput from "../base/InvalidInput.js"
import { canonicalJson, digest, indexDigest, sha256 } from "./internal/digest.js"
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
 * A document created or updated: its collection, id, versions before and after, the SHA-256 of
 * its new (encoded) content and, since entries bind the indexes too, the SHA-256 of its index
 * values (`indexes`; absent in entries written before, which {@link verifyStore} then cannot
 * check for index tampering).
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
  digest: Schema.String,
  indexes: Schema.optionalWith(Schema.String, { exact: true })
}).annotations({ identifier: "AuditDocumentChange" })

/**
 * Events appended to a stream: versions before and after, the SHA-256 of the appended events (their
 * types and data) and the `recordedAt` every one of them was stored with (absent in entries written
 * before it was bound).
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
  digest: Schema.String,
  recordedAt: Schema.optionalWith(Schema.Number, { exact: true })
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
 * With a {@link ChainKey} in context, `mac` is the HMAC-SHA256 of `hash` under that key.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Entry = Schema.Struct({
  actor: Actor,
  at: Schema.Number,
  change: Change,
  previous: Schema.String,
  hash: Schema.String,
  mac: Schema.optionalWith(Schema.String, { exact: true })
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
export const hashOf = (version: number, entry: Omit<Entry, "hash" | "mac">): string =>
  sha256(canonicalJson([version, entry.actor, entry.at, entry.change, entry.previous]))

/**
 * The log was altered (an entry's content no longer matches its hash, or no longer links to the one
 * before, or its MAC does not match the {@link ChainKey}) or an entry was removed (a version is
 * missing). `version` names the first bad entry.
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
 * A checkpoint cannot be trusted (its signature does not verify with the public key given, it was
 * signed by another key, or it is malformed), or a signing key cannot be read. Nothing was
 * verified against it.
 *
 * @since 0.1.0
 * @category errors
 */
export class CheckpointInvalid extends Schema.TaggedError<CheckpointInvalid>("@qinglian/core/storage/CheckpointInvalid")(
  "AuditCheckpointInvalid",
  {
    reason: Schema.Literal("signature", "key", "malformed"),
    detail: Schema.String
  }
) {
  /**
   * @since 0.1.0
   */
  override get message(): string {
    return `audit checkpoint: ${this.reason}: ${this.detail}`
  }
}

/**
 * A verified log: how many entries it holds and the hash of the last one (keep it somewhere else to
 * detect truncation later, see {@link VerifyOptions} and {@link checkpoint}).
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

/**
 * A signed checkpoint to verify against, with the public key that must have signed it (PEM SPKI,
 * or the raw 32-byte Ed25519 key). The log must still hold `checkpoint.entries` entries, the last
 * of them with hash `checkpoint.head`: a cut tail or a chain rewritten with {@link hashOf} before
 * that point no longer does.
 *
 * @since 0.1.0
 * @category models
 */
export interface CheckpointOptions {
  readonly checkpoint: Checkpoint
  readonly publicKey: PublicKey
}

// ---------------------------------------------------------------------------------------------
// Keyed chain (optional)
// ---------------------------------------------------------------------------------------------

/**
 * The optional chain key: with it in context, every new entry carries `mac`, the HMAC-SHA256 of
 * its hash under a secret key, and {@link verify} / {@link verifyStore} require a valid `mac` on
 * every entry from `since` on. Someone who can write to the store but does not hold the key can no
 * longer append or rewrite entries that verify. For deployments that cannot keep checkpoints
 * outside the store; keep the key outside the database.
 *
 * @since 0.1.0
 * @category models
 */
export interface ChainKeyService {
  /** The MAC of an entry hash. */
  readonly mac: (hash: string) => string
  /** The first entry version that must carry a MAC (entries written before the key was set). */
  readonly since: number
}

/**
 * Tag of the optional {@link ChainKeyService}.
 *
 * @since 0.1.0
 * @category tags
 */
export class ChainKey extends Context.Tag("@qinglian/core/storage/AuditChainKey")<ChainKey, ChainKeyService>() {}

/**
 * Provides the {@link ChainKey}: a secret of at least 32 bytes (a string is read as UTF-8).
 * `since` is the first audit entry that must carry a MAC, for a store that turns the key on later
 * (default 1: every entry).
 *
 * @since 0.1.0
 * @category layers
 */
export const layerChainKey = (
  key: Redacted.Redacted<string | Uint8Array>,
  options: { readonly since?: number } = {}
): Layer.Layer<ChainKey, CheckpointInvalid> =>
  Layer.effect(
    ChainKey,
    Effect.suspend(() => {
      const secret = Redacted.value(key)
      const bytes = typeof secret === "string" ? Buffer.from(secret, "utf8") : Buffer.from(secret)
      if (bytes.length < 32) {
        return Effect.fail(new CheckpointInvalid({ reason: "key", detail: "the chain key must hold at least 32 bytes" }))
      }
      return Effect.succeed<ChainKeyService>({
        mac: (hash) => crypto.createHmac("sha256", bytes).update(hash, "utf8").digest("hex"),
        since: options.since ?? 1
      })
    })
  )

// ---------------------------------------------------------------------------------------------
// Signed checkpoints
// ---------------------------------------------------------------------------------------------

/**
 * A signed head of the log (cf. RFC 6962 tree heads): how many entries it held, the hash of the
 * last one, when (epoch ms), the id of the signing key and an Ed25519 signature (base64) over
 * all of these. JSON-safe: print it, mail it, store it in another system.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Checkpoint = Schema.Struct({
  entries: Schema.Number,
  head: Schema.String,
  at: Schema.Number,
  keyId: Schema.String,
  signature: Schema.String
}).annotations({ identifier: "AuditCheckpoint" })

/**
 * @since 0.1.0
 * @category models
 */
export type Checkpoint = typeof Checkpoint.Type

/**
 * An Ed25519 public key: PEM (SPKI) text, or the raw 32 bytes.
 *
 * @since 0.1.0
 * @category models
 */
export type PublicKey = string | Uint8Array

/**
 * What signs checkpoints: the id of its key and a signature function.
 *
 * @since 0.1.0
 * @category models
 */
export interface CheckpointSignerService {
  readonly keyId: string
  /** The public key, PEM (SPKI), to hand to whoever verifies. */
  readonly publicKey: string
  readonly sign: (message: string) => string
}

/**
 * Tag of the checkpoint signer.
 *
 * @since 0.1.0
 * @category tags
 */
export class CheckpointSigner extends Context.Tag("@qinglian/core/storage/AuditCheckpointSigner")<
  CheckpointSigner,
  CheckpointSignerService
>() {}

// DER prefixes that wrap a raw Ed25519 key (RFC 8410).
const PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex")
const SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex")

const privateKeyOf = (key: string | Uint8Array): crypto.KeyObject =>
  typeof key === "string"
    ? crypto.createPrivateKey(key)
    : crypto.createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, Buffer.from(key)]), format: "der", type: "pkcs8" })

const publicKeyObject = (key: PublicKey): crypto.KeyObject =>
  typeof key === "string"
    ? crypto.createPublicKey(key)
    : crypto.createPublicKey({ key: Buffer.concat([SPKI_PREFIX, Buffer.from(key)]), format: "der", type: "spki" })

// The first 16 hex digits of the SHA-256 of the raw public key.
const keyIdOf = (key: crypto.KeyObject): string =>
  crypto.createHash("sha256").update(key.export({ format: "der", type: "spki" }).subarray(SPKI_PREFIX.length)).digest(
    "hex"
  ).slice(0, 16)

const signedText = (c: Omit<Checkpoint, "signature">): string =>
  canonicalJson(["qinglian-audit-checkpoint/1", c.entries, c.head, c.at, c.keyId])

/**
 * Provides the {@link CheckpointSigner} from an Ed25519 private key the integrator supplies: PEM
 * (PKCS #8) text or the raw 32-byte seed, wrapped in `Redacted` so it never reaches a log. Fails
 * with {@link CheckpointInvalid} (`"key"`) when it is not an Ed25519 private key.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerSigner = (
  privateKey: Redacted.Redacted<string | Uint8Array>
): Layer.Layer<CheckpointSigner, CheckpointInvalid> =>
  Layer.effect(
    CheckpointSigner,
    Effect.try({
      try: (): CheckpointSignerService => {
        const key = privateKeyOf(Redacted.value(privateKey))
        if (key.asymmetricKeyType !== "ed25519") throw new Error(`a ${String(key.asymmetricKeyType)} key`)
        const publicKey = crypto.createPublicKey(key)
        return {
          keyId: keyIdOf(publicKey),
          publicKey: publicKey.export({ format: "pem", type: "spki" }).toString(),
          sign: (message) => crypto.sign(null, Buffer.from(message, "utf8"), key).toString("base64")
        }
      },
      catch: (e) =>
        new CheckpointInvalid({ reason: "key", detail: `not an Ed25519 private key (${e instanceof Error ? e.message : String(e)})` })
    })
  )

/**
 * A fresh Ed25519 key pair for checkpoints: the private key as PEM in `Redacted` (store it like any
 * secret), the public key as PEM (give it to whoever verifies).
 *
 * @since 0.1.0
 * @category constructors
 */
export const generateSigningKey = (): { readonly privateKey: Redacted.Redacted<string>; readonly publicKey: string } => {
  const pair = crypto.generateKeyPairSync("ed25519")
  return {
    privateKey: Redacted.make(pair.privateKey.export({ format: "pem", type: "pkcs8" }).toString()),
    publicKey: pair.publicKey.export({ format: "pem", type: "spki" }).toString()
  }
}

/**
 * Checks a checkpoint's signature and key id against a public key.
 *
 * @since 0.1.0
 * @category verifying
 */
export const verifyCheckpoint = (
  checkpoint: Checkpoint,
  publicKey: PublicKey
): Either.Either<Checkpoint, CheckpointInvalid> => {
  const decoded = Schema.decodeUnknownEither(Checkpoint)(checkpoint)
  if (
    Either.isLeft(decoded) || !Number.isSafeInteger(checkpoint.entries) || checkpoint.entries < 0 ||
    !/^[0-9a-f]{64}$/.test(checkpoint.head)
  ) {
    return Either.left(new CheckpointInvalid({ reason: "malformed", detail: "not a checkpoint made by Audit.checkpoint" }))
  }
  let key: crypto.KeyObject
  try {
    key = publicKeyObject(publicKey)
    if (key.asymmetricKeyType !== "ed25519") throw new Error(`a ${String(key.asymmetricKeyType)} key`)
  } catch (e) {
    return Either.left(
      new CheckpointInvalid({ reason: "key", detail: `not an Ed25519 public key (${e instanceof Error ? e.message : String(e)})` })
    )
  }
  if (keyIdOf(key) !== checkpoint.keyId) {
    return Either.left(
      new CheckpointInvalid({ reason: "signature", detail: `signed by key ${checkpoint.keyId}, not by the key given` })
    )
  }
  const ok = crypto.verify(null, Buffer.from(signedText(checkpoint), "utf8"), key, Buffer.from(checkpoint.signature, "base64"))
  return ok
    ? Either.right(checkpoint)
    : Either.left(new CheckpointInvalid({ reason: "signature", detail: "the signature does not verify" }))
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
 * Signs the current head of the log: `{ entries, head, at, keyId, signature }`. Keep it outside
 * the store (see docs/security.md); {@link verify} and {@link verifyStore} given it later detect a
 * cut tail and a rewritten chain. Take it after a clean {@link verifyStore}, or it signs whatever
 * the log holds.
 *
 * @since 0.1.0
 * @category checkpoints
 */
export const checkpoint: Effect.Effect<
  Checkpoint,
  StorageAdapter.StorageError,
  StorageAdapter.StorageAdapter | CheckpointSigner
> = Effect.gen(function*() {
  const signer = yield* CheckpointSigner
  const current = yield* head
  const at = yield* Clock.currentTimeMillis
  const body = { entries: current.version, head: current.hash, at, keyId: signer.keyId }
  return { ...body, signature: signer.sign(signedText(body)) }
})

/**
 * Appends one entry per change, chained on the current head. Call it inside the adapter transaction
 * that makes the changes (core's `Storage` does); a concurrent append fails with
 * `ConcurrencyConflict` rather than forking the chain. With a {@link ChainKey} in context each
 * entry also carries its MAC.
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
    const key = yield* Effect.serviceOption(ChainKey)
    const at = yield* Clock.currentTimeMillis
    const current = yield* head
    let previous = current.hash
    const events = changes.map((change, i): StorageAdapter.NewEvent => {
      const body = { actor, at, change, previous }
      const hash = hashOf(current.version + i + 1, body)
      previous = hash
      const data = Option.isSome(key) ? { ...body, hash, mac: key.value.mac(hash) } : { ...body, hash }
      return { type: eventType, recordedAt: at, data: data as unknown as StorageAdapter.Json }
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

// ---------------------------------------------------------------------------------------------
// Walking the chain
// ---------------------------------------------------------------------------------------------

interface Walk {
  /** Start after this entry (version 0: from the first, on genesis). */
  readonly after: { readonly version: number; readonly hash: string }
  readonly anchors: ReadonlyArray<{ readonly version: number; readonly hash: string; readonly what: string }>
  readonly key: Option.Option<ChainKeyService>
  readonly pageSize: number
  /** Stop at the first problem (what `verify` does). */
  readonly stopAtFirst: boolean
  readonly onEntry?: (version: number, entry: Entry) => void
}

interface Walked {
  readonly problems: ReadonlyArray<ChainBroken>
  readonly entries: number
  readonly head: string
}

const walk = (adapter: StorageAdapter.StorageAdapterService, w: Walk): Effect.Effect<Walked, StorageAdapter.StorageError> =>
  Effect.gen(function*() {
    const problems: Array<ChainBroken> = []
    const seen = new Set<number>()
    let expected = w.after.version + 1
    let previous = w.after.hash
    // Whether `previous` is the hash of entry `expected - 1` (not after a gap or an unreadable one).
    let linkKnown = true
    const stop = () => w.stopAtFirst && problems.length > 0
    // The entry a walk starts after must still be there, with the hash it had.
    if (w.after.version > 0) {
      const [start] = yield* adapter.readEvents(stream, w.after.version, 1)
      const decoded = decodeEntry(start?.data)
      if (start === undefined || start.version !== w.after.version) {
        problems.push(
          new ChainBroken({ version: w.after.version, reason: "removed", detail: "the log no longer holds the checkpointed entry" })
        )
      } else if (
        Either.isLeft(decoded) || hashOf(start.version, decoded.right) !== decoded.right.hash ||
        decoded.right.hash !== w.after.hash
      ) {
        problems.push(new ChainBroken({ version: w.after.version, reason: "altered", detail: "it does not match the checkpoint" }))
      }
      if (stop()) return { problems, entries: w.after.version, head: w.after.hash }
    }
    while (true) {
      const page = yield* adapter.readEvents(stream, expected, w.pageSize)
      for (const event of page) {
        if (event.version !== expected) {
          problems.push(
            new ChainBroken({
              version: expected,
              reason: "removed",
              detail: `found entry ${event.version} where ${expected} was expected`
            })
          )
          if (stop()) return { problems, entries: expected - 1, head: previous }
          expected = event.version
          linkKnown = false
        }
        const decoded = decodeEntry(event.data)
        if (event.type !== eventType || Either.isLeft(decoded)) {
          problems.push(new ChainBroken({ version: expected, reason: "altered", detail: "not an audit entry" }))
          if (stop()) return { problems, entries: expected - 1, head: previous }
          linkKnown = false
          expected++
          continue
        }
        const entry = decoded.right
        if (hashOf(event.version, entry) !== entry.hash) {
          problems.push(new ChainBroken({ version: expected, reason: "altered", detail: "its content does not match its hash" }))
        } else if (linkKnown && entry.previous !== previous) {
          // A consistent entry that does not link back: the one before was rewritten (with a
          // recomputed hash) after this one was chained on it.
          problems.push(
            new ChainBroken({
              version: expected - 1,
              reason: "altered",
              detail: `entry ${expected} was chained on a different entry ${expected - 1}`
            })
          )
        }
        if (stop()) return { problems, entries: expected - 1, head: previous }
        if (Option.isSome(w.key) && (expected >= w.key.value.since || entry.mac !== undefined)) {
          if (entry.mac === undefined) {
            problems.push(new ChainBroken({ version: expected, reason: "altered", detail: "it carries no MAC, but the chain is keyed" }))
          } else if (w.key.value.mac(entry.hash) !== entry.mac) {
            problems.push(
              new ChainBroken({ version: expected, reason: "altered", detail: "its MAC does not match: written without the chain key" })
            )
          }
          if (stop()) return { problems, entries: expected - 1, head: previous }
        }
        for (const anchor of w.anchors) {
          if (anchor.version === expected) {
            if (anchor.hash !== entry.hash) {
              problems.push(new ChainBroken({ version: expected, reason: "altered", detail: `it does not match the ${anchor.what}` }))
              if (stop()) return { problems, entries: expected - 1, head: previous }
            }
            seen.add(anchor.version)
          }
        }
        w.onEntry?.(expected, entry)
        previous = entry.hash
        linkKnown = true
        expected++
      }
      if (page.length < w.pageSize) break
    }
    for (const anchor of w.anchors) {
      if (anchor.version > w.after.version && !seen.has(anchor.version)) {
        // The first entry the log no longer holds.
        problems.push(
          new ChainBroken({
            version: Math.min(expected, anchor.version),
            reason: "removed",
            detail: `the log ends at ${expected - 1}, before the ${anchor.what}`
          })
        )
        if (stop()) break
      }
    }
    // Entries after the last one read cannot exist, but a tail cut is only visible with an anchor.
    return { problems, entries: expected - 1, head: previous }
  })

const checkpointAnchor = (
  options: Partial<CheckpointOptions>
): Either.Either<ReadonlyArray<{ version: number; hash: string; what: string }>, CheckpointInvalid> => {
  if (options.checkpoint === undefined) return Either.right([])
  if (options.publicKey === undefined) {
    return Either.left(new CheckpointInvalid({ reason: "key", detail: "a checkpoint is checked with the public key of its signer" }))
  }
  return Either.map(
    verifyCheckpoint(options.checkpoint, options.publicKey),
    (c) => [{ version: c.entries, hash: c.head, what: "checkpoint" }]
  )
}

/**
 * Walks the whole chain from the first entry and fails with {@link ChainBroken} naming the first
 * entry that was altered or removed. Given a signed {@link Checkpoint} and its public key, it also
 * fails when the log no longer holds the checkpointed head (a cut tail, or a chain rewritten with
 * {@link hashOf}), and with {@link CheckpointInvalid} when the checkpoint's signature does not
 * verify. With a {@link ChainKey} in context, every entry's MAC must match.
 *
 * This checks the log alone; {@link verifyStore} checks the stored documents and events against
 * it as well.
 *
 * @since 0.1.0
 * @category verifying
 */
export const verify: {
  (options?: VerifyOptions): Effect.Effect<Verified, ChainBroken | StorageAdapter.StorageError, StorageAdapter.StorageAdapter>
  (
    options: VerifyOptions & CheckpointOptions
  ): Effect.Effect<Verified, ChainBroken | CheckpointInvalid | StorageAdapter.StorageError, StorageAdapter.StorageAdapter>
} = ((
  options: VerifyOptions & Partial<CheckpointOptions> = {}
): Effect.Effect<Verified, ChainBroken | CheckpointInvalid | StorageAdapter.StorageError, StorageAdapter.StorageAdapter> =>
  Effect.gen(function*() {
    const adapter = yield* StorageAdapter.StorageAdapter
    const key = yield* Effect.serviceOption(ChainKey)
    const fromCheckpoint = yield* checkpointAnchor(options)
    const anchors = options.anchor === undefined
      ? fromCheckpoint
      : [{ ...options.anchor, what: "anchor" }, ...fromCheckpoint]
    const walked = yield* walk(adapter, {
      after: { version: 0, hash: genesis },
      anchors,
      key,
      pageSize: options.pageSize ?? 1000,
      stopAtFirst: true
    })
    const [problem] = walked.problems
    if (problem !== undefined) return yield* problem
    return { entries: walked.entries, head: walked.head }
  })) as typeof verify

// ---------------------------------------------------------------------------------------------
// Verifying the store against the log
// ---------------------------------------------------------------------------------------------

/**
 * What {@link verifyStore} found wrong:
 *
 * - `chainBroken`: an audit entry (`stream: "$audit"`, `version`) was altered or removed, or the
 *   log no longer matches a checkpoint;
 * - `contentChanged`: a document (`collection`, `id`, `version`) or a batch of events (`stream`,
 *   the batch's first `version`) no longer matches the digest of its latest audit entry (`entry`);
 *   for a document this includes its version and its index entries, for events their
 *   `recordedAt`;
 * - `recordMissing`: an audit entry names a document or event the store no longer holds;
 * - `entryMissing`: the store holds a document version or an event no audit entry names (written
 *   behind the library's back, or its entry was removed).
 *
 * @since 0.1.0
 * @category models
 */
export interface Finding {
  readonly kind: "chainBroken" | "contentChanged" | "recordMissing" | "entryMissing"
  readonly collection?: string
  readonly id?: string
  readonly stream?: string
  /** The document version, the event version, or the audit entry for `chainBroken`. */
  readonly version: number
  /** The audit entry the record was compared with. */
  readonly entry?: number
  readonly detail: string
}

/**
 * The record a finding names, as `collection/id@version` or `stream@version`.
 *
 * @since 0.1.0
 * @category models
 */
export const findingKey = (finding: Finding): string =>
  finding.collection !== undefined
    ? `${finding.collection}/${finding.id ?? ""}@${finding.version}`
    : `${finding.stream ?? stream}@${finding.version}`

/**
 * The result of {@link verifyStore}: what was checked and every finding, the first one first
 * (chain findings by entry, then documents in `(collection, id)` order, then streams by name).
 *
 * @since 0.1.0
 * @category models
 */
export interface StoreReport {
  /** Whether nothing was found. */
  readonly ok: boolean
  readonly findings: ReadonlyArray<Finding>
  /** The entries the log holds and the hash of the last one, as read. */
  readonly entries: number
  readonly head: string
  /** The first entry walked: 1, or the one after the `since` checkpoint. */
  readonly from: number
  /** Documents and events compared with their entries. */
  readonly documents: number
  readonly events: number
  /**
   * Whether the whole store was walked, so that records no entry names were looked for. `false`
   * for incremental runs, and for adapters without `scanDocuments` / `scanStreams`.
   */
  readonly scanned: boolean
}

/**
 * Options of {@link verifyStore}.
 *
 * @since 0.1.0
 * @category models
 */
export interface VerifyStoreOptions {
  /** A signed checkpoint the log must still match (with `publicKey`). */
  readonly checkpoint?: Checkpoint
  /**
   * Incremental: start from this (signed) checkpoint. The chain is walked from it, and only the
   * documents and streams that entries after it name are compared. Records nobody wrote through
   * the library since, and forged records no entry names, are not looked at: run a full check
   * too, less often.
   */
  readonly since?: Checkpoint
  /** The public key that signed `checkpoint` and `since`. */
  readonly publicKey?: PublicKey
  /** Records read per round trip. Default 1000. */
  readonly pageSize?: number
}

interface LatestDocument {
  readonly change: typeof DocumentChange.Type
  readonly entry: number
}

interface StreamRange {
  readonly change: typeof StreamChange.Type
  readonly entry: number
}

const docMapKey = (collection: string, id: string): string => `${collection.length}:${collection}/${id}`

/**
 * Walks the store and the audit log together (see {@link Finding}): the chain (and the checkpoint,
 * and the MACs with a {@link ChainKey}), then every document and event against its latest entry,
 * then, when the adapter can scan, every record no entry names. It fails only when the store
 * cannot be read or a checkpoint's signature does not verify; tampering is reported as data.
 *
 * With `since`, it is incremental: nightly on a large store, check from the last checkpoint, then
 * take a new one.
 *
 * @since 0.1.0
 * @category verifying
 */
export const verifyStore = (
  options: VerifyStoreOptions = {}
): Effect.Effect<StoreReport, StorageAdapter.StorageError | CheckpointInvalid, StorageAdapter.StorageAdapter> =>
  Effect.gen(function*() {
    const adapter = yield* StorageAdapter.StorageAdapter
    const key = yield* Effect.serviceOption(ChainKey)
    const pageSize = options.pageSize ?? 1000
    const anchors: Array<{ version: number; hash: string; what: string }> = []
    for (const c of [options.checkpoint, options.since]) {
      if (c === undefined) continue
      const checked = checkpointAnchor(options.publicKey === undefined ? { checkpoint: c } : { checkpoint: c, publicKey: options.publicKey })
      if (Either.isLeft(checked)) return yield* checked.left
      anchors.push(...checked.right)
    }
    const after = options.since === undefined
      ? { version: 0, hash: genesis }
      : { version: options.since.entries, hash: options.since.head }

    const documents = new Map<string, LatestDocument>()
    const streams = new Map<string, Array<StreamRange>>()
    const walked = yield* walk(adapter, {
      after,
      anchors,
      key,
      pageSize,
      stopAtFirst: false,
      onEntry: (version, entry) => {
        const change = entry.change
        if (change.kind === "document") {
          documents.set(docMapKey(change.collection, change.id), { change, entry: version })
        } else {
          let ranges = streams.get(change.stream)
          if (ranges === undefined) {
            ranges = []
            streams.set(change.stream, ranges)
          }
          ranges.push({ change, entry: version })
        }
      }
    })

    const findings: Array<Finding> = walked.problems.map((p): Finding => ({
      kind: "chainBroken",
      stream,
      version: p.version,
      detail: `${p.reason}: ${p.detail}`
    }))
    let checkedDocuments = 0
    let checkedEvents = 0

    // --- documents ------------------------------------------------------------------------------
    const compareDocument = (record: StorageAdapter.DocumentRecord, latest: LatestDocument | undefined): void => {
      checkedDocuments++
      const where = { collection: record.collection, id: record.id, version: record.version }
      if (latest === undefined) {
        findings.push({ kind: "entryMissing", ...where, detail: "no audit entry names this document" })
        return
      }
      const { change, entry } = latest
      if (record.version > change.toVersion) {
        findings.push({
          kind: "entryMissing",
          ...where,
          entry,
          detail: `version ${record.version} has no audit entry; the latest (${entry}) is for version ${change.toVersion}`
        })
      } else if (record.version < change.toVersion) {
        findings.push({
          kind: "contentChanged",
          ...where,
          entry,
          detail: `the store holds version ${record.version}, audit entry ${entry} wrote version ${change.toVersion}`
        })
      } else if (digest(record.data) !== change.digest) {
        findings.push({ kind: "contentChanged", ...where, entry, detail: `its content does not match audit entry ${entry}` })
      } else if (change.indexes !== undefined && indexDigest(record.indexes) !== change.indexes) {
        findings.push({ kind: "contentChanged", ...where, entry, detail: `its index entries do not match audit entry ${entry}` })
      }
    }
    const missingDocument = (latest: LatestDocument): Finding => ({
      kind: "recordMissing",
      collection: latest.change.collection,
      id: latest.change.id,
      version: latest.change.toVersion,
      entry: latest.entry,
      detail: `audit entry ${latest.entry} wrote it; the store no longer holds it`
    })

    const scanDocuments = options.since === undefined ? adapter.scanDocuments : undefined
    const scanStreams = options.since === undefined ? adapter.scanStreams : undefined
    if (scanDocuments !== undefined) {
      const seen = new Set<string>()
      const pending = [...documents.values()].sort((a, b) =>
        StorageAdapter.compareScanKeys(a.change, b.change)
      )
      let next = 0
      let cursor: StorageAdapter.ScanKey | undefined
      while (true) {
        const page = yield* scanDocuments(cursor, pageSize)
        for (const record of page) {
          // Entries whose document sorts before this one were not found by the scan.
          while (next < pending.length && StorageAdapter.compareScanKeys(pending[next]!.change, record) < 0) {
            const latest = pending[next++]!
            if (!seen.has(docMapKey(latest.change.collection, latest.change.id))) findings.push(missingDocument(latest))
          }
          const k = docMapKey(record.collection, record.id)
          seen.add(k)
          compareDocument(record, documents.get(k))
        }
        const last = page[page.length - 1]
        if (page.length < pageSize || last === undefined) break
        cursor = { collection: last.collection, id: last.id }
      }
      for (; next < pending.length; next++) {
        const latest = pending[next]!
        if (!seen.has(docMapKey(latest.change.collection, latest.change.id))) findings.push(missingDocument(latest))
      }
    } else {
      const pending = [...documents.values()].sort((a, b) => StorageAdapter.compareScanKeys(a.change, b.change))
      for (const latest of pending) {
        const found = yield* adapter.getDocument(latest.change.collection, latest.change.id)
        if (Option.isNone(found)) findings.push(missingDocument(latest))
        else compareDocument(found.value, latest)
      }
    }

    // --- streams --------------------------------------------------------------------------------
    const names = new Set(streams.keys())
    if (scanStreams !== undefined) {
      let cursor: string | undefined
      while (true) {
        const page = yield* scanStreams(cursor, pageSize)
        for (const head of page) if (head.stream !== stream) names.add(head.stream)
        const last = page[page.length - 1]
        if (page.length < pageSize || last === undefined) break
        cursor = last.stream
      }
    }
    for (const name of [...names].sort(StorageAdapter.compareStrings)) {
      const ranges = (streams.get(name) ?? []).slice().sort((a, b) => a.change.fromVersion - b.change.fromVersion)
      // Incremental: only the events the new entries wrote, and any after them.
      const from = options.since === undefined ? 1 : (ranges[0]?.change.fromVersion ?? 0) + 1
      const events: Array<StorageAdapter.EventRecord> = []
      while (true) {
        const page = yield* adapter.readEvents(name, from + events.length, pageSize)
        for (const e of page) events.push(e)
        if (page.length < pageSize) break
      }
      checkedEvents += events.length
      const byVersion = new Map(events.map((e) => [e.version, e] as const))
      const named = new Set<number>()
      for (const { change, entry } of ranges) {
        const batch: Array<StorageAdapter.EventRecord> = []
        let missing: number | undefined
        for (let v = change.fromVersion + 1; v <= change.toVersion; v++) {
          named.add(v)
          const e = byVersion.get(v)
          if (e === undefined) missing ??= v
          else batch.push(e)
        }
        if (missing !== undefined) {
          findings.push({
            kind: "recordMissing",
            stream: name,
            version: missing,
            entry,
            detail: `audit entry ${entry} appended it; the store no longer holds it`
          })
          continue
        }
        if (digest(batch.map((e) => ({ type: e.type, data: e.data }))) !== change.digest) {
          findings.push({
            kind: "contentChanged",
            stream: name,
            version: change.fromVersion + 1,
            entry,
            detail: batch.length === 1
              ? `it does not match audit entry ${entry}`
              : `events ${change.fromVersion + 1}–${change.toVersion} do not match audit entry ${entry}`
          })
          continue
        }
        const moved = change.recordedAt === undefined ? undefined : batch.find((e) => e.recordedAt !== change.recordedAt)
        if (moved !== undefined) {
          findings.push({
            kind: "contentChanged",
            stream: name,
            version: moved.version,
            entry,
            detail: `its recordedAt ${moved.recordedAt} is not the ${change.recordedAt} audit entry ${entry} wrote`
          })
        }
      }
      const unnamed = events.filter((e) => !named.has(e.version))
      if (unnamed.length > 0) {
        findings.push({
          kind: "entryMissing",
          stream: name,
          version: unnamed[0]!.version,
          detail: unnamed.length === 1
            ? "no audit entry names this event"
            : `no audit entry names this event, nor ${unnamed.length - 1} more after it`
        })
      }
    }

    return {
      ok: findings.length === 0,
      findings,
      entries: walked.entries,
      head: walked.head,
      from: after.version + 1,
      documents: checkedDocuments,
      events: checkedEvents,
      scanned: scanDocuments !== undefined && scanStreams !== undefined
    }
  })
