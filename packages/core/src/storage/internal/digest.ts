// Content digests for the audit log: SHA-256 over the RFC 8785 canonical JSON of a value (keys
// sorted by UTF-16 code unit, numbers and strings as ECMAScript writes them), so that equal values
// hash the same whatever key order a back end hands them back in.
//
// The canonical text comes from `safe-stable-stringify` in deterministic mode, a kept serializer:
// for JSON values (finite numbers, no cycles) it writes the same bytes as RFC 8785, since it sorts
// keys with the default code-unit comparison, escapes strings with `JSON.stringify` and writes
// numbers with `String`. It does so in a little over half the time of `canonicalize`, and the
// digest is most of the cost of a typed write. A property test holds the two byte-identical,
// with `canonicalize` (the RFC 8785 reference implementation) as the oracle.
import { configure } from "safe-stable-stringify"
import * as crypto from "node:crypto"

const stringify = configure({ deterministic: true, circularValue: TypeError, bigint: false })

/** The RFC 8785 canonical JSON of a JSON value. */
export const canonicalJson = (value: unknown): string => stringify(value) ?? "null"

// One-shot hashing (Node >= 20.12) skips creating a Hash object per entry.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: "hex") => string }).hash

/** SHA-256 as lowercase hex. */
export const sha256 = (text: string): string =>
  oneShot !== undefined ? oneShot("sha256", text, "hex") : crypto.createHash("sha256").update(text, "utf8").digest("hex")

/** The digest of a JSON value's content. */
export const digest = (value: unknown): string => sha256(canonicalJson(value))

/**
 * The digest of a flat record of index values (strings and finite numbers): the same bytes as
 * `digest(indexes)` (keys sorted by code unit, values as `JSON.stringify` writes them, which is
 * what RFC 8785 prescribes for strings and finite numbers), without the general serializer, since
 * every audited write computes it.
 */
export const indexDigest = (indexes: Readonly<Record<string, string | number>>): string => {
  const keys = Object.keys(indexes).sort()
  let out = "{"
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!
    out += (i === 0 ? "" : ",") + JSON.stringify(key) + ":" + JSON.stringify(indexes[key])
  }
  return sha256(out + "}")
}
