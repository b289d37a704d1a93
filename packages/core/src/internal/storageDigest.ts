import * as crypto from "node:crypto"

const appendCanonical = (value: unknown, out: Array<string>): void => {
  if (value === null || typeof value !== "object") {
    out.push(typeof value === "string" ? JSON.stringify(value) : (JSON.stringify(value) ?? "null"))
    return
  }
  if (Array.isArray(value)) {
    out.push("[")
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.push(",")
      appendCanonical(value[i] === undefined ? null : value[i], out)
    }
    out.push("]")
    return
  }
  const record = value as Record<string, unknown>
  const keys = Object.keys(record).sort()
  out.push("{")
  let first = true
  for (const key of keys) {
    const v = record[key]
    if (v === undefined) continue
    if (!first) out.push(",")
    first = false
    out.push(JSON.stringify(key), ":")
    appendCanonical(v, out)
  }
  out.push("}")
}

/**
 * JSON with object keys sorted (recursively), so equal values always hash the same whatever the
 * key order a back end hands them back in.
 */
export const canonicalJson = (value: unknown): string => {
  const out: Array<string> = []
  appendCanonical(value, out)
  return out.join("")
}

// One-shot hashing (Node >= 20.12) skips creating a Hash object per entry.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: "hex") => string }).hash

/** SHA-256 as lowercase hex. */
export const sha256 = (text: string): string =>
  oneShot !== undefined ? oneShot("sha256", text, "hex") : crypto.createHash("sha256").update(text, "utf8").digest("hex")

/** The digest of a JSON value's content. */
export const digest = (value: unknown): string => sha256(canonicalJson(value))
