/**
 * The sealing half of whistleblower protection: the keyring, and AES-256-GCM sealing and opening
 * of a reporter's identity. `Whistleblower` re-exports everything here except {@link unseal}, which
 * opens an identity with no policy and no log: it is reachable only from
 * `@qinglian/core/testing` (`WhistleblowerUnsafe`), so that the easy path is `Whistleblower.reveal`.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto"
import type * as Ids from "../base/Ids.js"
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
 * A sealed identity (see `Vocabulary.SealedIdentity`).
 *
 * @since 0.1.0
 * @category models
 */
export type Sealed = Vocabulary.SealedIdentity

/**
 * The keys identities are sealed with (密钥环): every key still needed to open stored identities,
 * by key id, and the id of the `active` one, which seals. Keys are 32 bytes for AES-256-GCM, kept
 * `Redacted` so they never reach a log.
 *
 * @since 0.1.0
 * @category models
 */
export interface Keyring {
  readonly active: string
  readonly keys: ReadonlyMap<string, Redacted.Redacted<Uint8Array>>
}

/**
 * The keyring service. Build it with {@link layer}.
 *
 * @since 0.1.0
 * @category services
 */
export class WhistleblowerKey extends Context.Tag("@qinglian/core/WhistleblowerKey")<WhistleblowerKey, Keyring>() {}

/**
 * The key id of the single-key form `layer({ key })` when no `keyId` is given.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultKeyId = "default"

/**
 * A key given is not 32 bytes.
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
 * The keyring given cannot work: no keys, an empty or repeated key id, or an active key id that
 * names no key of the ring.
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidKeyring extends Schema.TaggedError<InvalidKeyring>("@qinglian/core/supervision/InvalidKeyring")(
  "WhistleblowerInvalidKeyring",
  {
    reason: Schema.Literal("noKeys", "emptyKeyId", "duplicateKeyId", "activeNotInRing"),
    keyId: Schema.String
  }
) {
  /** @since 0.1.0 */
  override get message(): string {
    switch (this.reason) {
      case "noKeys":
        return "the whistleblower keyring has no keys (密钥环为空)"
      case "emptyKeyId":
        return "a key of the whistleblower keyring has an empty key id (密钥编号为空)"
      case "duplicateKeyId":
        return `the whistleblower keyring names key ${this.keyId} twice (密钥编号重复)`
      case "activeNotInRing":
        return `the active whistleblower key ${this.keyId} is not in the keyring (当前密钥不在密钥环中)`
    }
  }
}

/**
 * What {@link layer} takes: one key (a ring of one, active; its id defaults to
 * {@link defaultKeyId}), or a ring of keys and the id of the active one.
 *
 * @since 0.1.0
 * @category models
 */
export type KeyringOptions =
  | { readonly keyId?: string; readonly key: Redacted.Redacted<Uint8Array> }
  | {
    readonly keys: ReadonlyArray<{ readonly keyId: string; readonly key: Redacted.Redacted<Uint8Array> }>
    readonly active: string
  }

const KEY_BYTES = 32

/**
 * Checks a keyring: every key 32 bytes, key ids non-empty and distinct, the active one among them.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeKeyring = (options: KeyringOptions): Either.Either<Keyring, InvalidKey | InvalidKeyring> => {
  const entries = "keys" in options ? options.keys : [{ keyId: options.keyId ?? defaultKeyId, key: options.key }]
  const active = "keys" in options ? options.active : options.keyId ?? defaultKeyId
  if (entries.length === 0) return Either.left(new InvalidKeyring({ reason: "noKeys", keyId: "" }))
  const keys = new Map<string, Redacted.Redacted<Uint8Array>>()
  for (const { key, keyId } of entries) {
    if (keyId.length === 0) return Either.left(new InvalidKeyring({ reason: "emptyKeyId", keyId }))
    if (keys.has(keyId)) return Either.left(new InvalidKeyring({ reason: "duplicateKeyId", keyId }))
    const length = Redacted.value(key).length
    if (length !== KEY_BYTES) return Either.left(new InvalidKey({ keyId, length }))
    keys.set(keyId, key)
  }
  if (!keys.has(active)) return Either.left(new InvalidKeyring({ reason: "activeNotInRing", keyId: active }))
  return Either.right({ active, keys })
}

/**
 * Provides the keyring, checking it ({@link makeKeyring}). To rotate, add the new key to the ring
 * and make it active: new identities are sealed under it, the old ones still open under their
 * key, and `Whistleblower.reseal` moves them to the active key so that the old key can be retired.
 *
 * @example
 * Whistleblower.layer({ keyId: "2026-01", key: Redacted.make(Buffer.from(process.env.WB_KEY!, "base64")) })
 * Whistleblower.layer({
 *   keys: [{ keyId: "2026-01", key: oldKey }, { keyId: "2027-01", key: newKey }],
 *   active: "2027-01"
 * })
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: KeyringOptions): Layer.Layer<WhistleblowerKey, InvalidKey | InvalidKeyring> =>
  Layer.effect(WhistleblowerKey, makeKeyring(options))

const ALG = "aes-256-gcm"
const IV_BYTES = 12
const TAG_BYTES = 16
/** The current format: its additional authenticated data binds the key id and the case id. */
const FORMAT = 2
const encodeIdentity = Schema.encodeSync(Schema.parseJson(Identity))
const decodeIdentity = Schema.decodeUnknownEither(Schema.parseJson(Identity))

// The additional authenticated data. The current format binds the format, the key id and the case
// id, as a JSON array so that no two (keyId, caseId) pairs give the same bytes; identities sealed
// by 0.1.0 (no `v`) bound the case id alone.
const aadOf = (caseId: Ids.CaseId, sealed: { readonly keyId: string; readonly v?: 2 | undefined }): Buffer =>
  sealed.v === FORMAT
    ? Buffer.from(JSON.stringify(["qinglian/whistleblower", FORMAT, sealed.keyId, caseId]), "utf8")
    : Buffer.from(caseId, "utf8")

/**
 * Whether a sealed identity is sealed under the active key in the current format, so that
 * `Whistleblower.reseal` leaves it as it is.
 *
 * @since 0.1.0
 * @category sealing
 */
export const isCurrent = (ring: Keyring, sealed: Sealed): boolean => sealed.keyId === ring.active && sealed.v === FORMAT

/**
 * Seals an identity for case `caseId` under the active key: a fresh random 12-byte IV per call, a
 * 16-byte tag, and the key id and the case id as additional authenticated data (so a ciphertext
 * moved to another case, or relabelled with another key id, does not open).
 *
 * @since 0.1.0
 * @category sealing
 */
export const seal = (caseId: Ids.CaseId, identity: Identity): Effect.Effect<Sealed, never, WhistleblowerKey> =>
  Effect.map(WhistleblowerKey, (ring) => sealWith(ring, caseId, identity))

/**
 * {@link seal} with a keyring in hand.
 *
 * @since 0.1.0
 * @category sealing
 */
export const sealWith = (ring: Keyring, caseId: Ids.CaseId, identity: Identity): Sealed => {
  const key = ring.keys.get(ring.active)!
  const header = { alg: "A256GCM" as const, v: FORMAT as 2, keyId: ring.active }
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv(ALG, Redacted.value(key), iv, { authTagLength: TAG_BYTES })
  cipher.setAAD(aadOf(caseId, header))
  const ciphertext = Buffer.concat([cipher.update(encodeIdentity(identity), "utf8"), cipher.final()])
  return {
    ...header,
    iv: iv.toString("base64"),
    tag: cipher.getAuthTag().toString("base64"),
    ciphertext: ciphertext.toString("base64")
  }
}

/**
 * A sealed identity that does not open: sealed under a key the ring does not hold, for another
 * case, altered, or with an IV or tag of the wrong length.
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
      ? `the identity was sealed with key ${this.keyId}, which is not in the keyring`
      : this.reason === "authenticationFailed"
      ? "the sealed identity failed authentication: wrong key, wrong case, or altered ciphertext"
      : "the sealed identity is malformed: an IV that is not 12 bytes, a tag that is not 16 bytes, or a plaintext that is not an identity"
  }
}

// Strict base64: Buffer.from(…, "base64") skips characters it does not know, so a lenient
// decode could turn a malformed field into a plausible buffer.
const strictBase64 = (text: string): Buffer | undefined => {
  const bytes = Buffer.from(text, "base64")
  return bytes.toString("base64") === text ? bytes : undefined
}

/**
 * {@link unseal} with a keyring in hand.
 *
 * @since 0.1.0
 * @category sealing
 */
export const unsealWith = (ring: Keyring, caseId: Ids.CaseId, sealed: Sealed): Either.Either<Identity, Unreadable> => {
  const key = ring.keys.get(sealed.keyId)
  if (key === undefined) return Either.left(new Unreadable({ keyId: sealed.keyId, reason: "unknownKey" }))
  const iv = strictBase64(sealed.iv)
  const tag = strictBase64(sealed.tag)
  const ciphertext = strictBase64(sealed.ciphertext)
  if (iv?.length !== IV_BYTES || tag?.length !== TAG_BYTES || ciphertext === undefined) {
    return Either.left(new Unreadable({ keyId: sealed.keyId, reason: "malformed" }))
  }
  let text: string
  try {
    // authTagLength pins the tag: without it, node accepts a tag cut to as few as 4 bytes.
    const decipher = createDecipheriv(ALG, Redacted.value(key), iv, { authTagLength: TAG_BYTES })
    decipher.setAAD(aadOf(caseId, sealed))
    decipher.setAuthTag(tag)
    text = Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8")
  } catch {
    return Either.left(new Unreadable({ keyId: sealed.keyId, reason: "authenticationFailed" }))
  }
  return Either.mapLeft(decodeIdentity(text), () => new Unreadable({ keyId: sealed.keyId, reason: "malformed" }))
}

/**
 * Opens a sealed identity with the key the ring holds under its `keyId`. Policy-free: it checks
 * no access policy and writes no access log. Applications use `Whistleblower.reveal`; this one is
 * exported only from `@qinglian/core/testing` (`WhistleblowerUnsafe.unseal`).
 *
 * @since 0.1.0
 * @category sealing
 */
export const unseal = (caseId: Ids.CaseId, sealed: Sealed): Effect.Effect<Identity, Unreadable, WhistleblowerKey> =>
  Effect.flatMap(WhistleblowerKey, (ring) => unsealWith(ring, caseId, sealed))
