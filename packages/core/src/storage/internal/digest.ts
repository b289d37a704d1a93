import * as crypto from "node:crypto"

// Built by string concatenation (V8 joins the pieces lazily) rather than an array of parts, and
// keys sorted in place: the canonical form is computed for every document and audit entry written.
const canonical = (value: unknown): string => {
  if (value === null || typeof value !== "object") {
    return typeof value === "string" ? JSON.stringify(value) : (JSON.stringify(value) ?? "null")
  }
  if (Array.isArray(value)) {
    let out = "["
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ","
      const v: unknown = value[i]
      out += v === undefined ? "null" : canonical(v)
    }
    return out + "]"
  }
  const record = value as Record<string, unknown>
  const keys = Object.keys(record)
  if (keys.length > 1) keys.sort()
  let out = "{"
  let first = true
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!
    const v = record[key]
    if (v === undefined) continue
    if (!first) out += ","
    first = false
    out += quoted(key) + ":" + canonical(v)
  }
  return out + "}"
}

// Keys repeat from document to document: quote each once.
const quotedKeys = new Map<string, string>()
const quoted = (key: string): string => {
  let q = quotedKeys.get(key)
  if (q === undefined) {
    q = JSON.stringify(key)
    if (quotedKeys.size < 10_000) quotedKeys.set(key, q)
  }
  return q
}

/**
 * JSON with object keys sorted (recursively), so equal values always hash the same whatever the
 * key order a back end hands them back in.
 */
export const canonicalJson = (value: unknown): string => canonical(value)

// One-shot hashing (Node >= 20.12) skips creating a Hash object per entry.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: "hex") => string }).hash

/** SHA-256 as lowercase hex. */
export const sha256 = (text: string): string =>
  oneShot !== undefined ? oneShot("sha256", text, "hex") : crypto.createHash("sha256").update(text, "utf8").digest("hex")

/** The digest of a JSON value's content. */
export const digest = (value: unknown): string => sha256(canonicalJson(value))
