// Content digests for the audit log: SHA-256 over the RFC 8785 canonical JSON of a value (keys
// sorted, numbers and strings as ECMAScript writes them), so that equal values hash the same
// whatever key order a back end hands them back in. The canonical form comes from `canonicalize`,
// a kept implementation of RFC 8785.
import canonicalizeModule from "canonicalize"
import * as crypto from "node:crypto"

// canonicalize 2 is CommonJS (`module.exports = serialize`) with types that declare a default
// export: loaders differ on which of the two the default import is.
const canonicalize = (typeof canonicalizeModule === "function"
  ? canonicalizeModule
  : (canonicalizeModule as unknown as { readonly default: (input: unknown) => string | undefined }).default) as (
    input: unknown
  ) => string | undefined

/** The RFC 8785 canonical JSON of a JSON value. */
export const canonicalJson = (value: unknown): string => canonicalize(value) ?? "null"

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
