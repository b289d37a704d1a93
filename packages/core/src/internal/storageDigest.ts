import { createHash } from "node:crypto"

/**
 * JSON with object keys sorted (recursively), so equal values always hash the same whatever the
 * key order a back end hands them back in.
 */
export const canonicalJson = (value: unknown): string => {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null"
  if (Array.isArray(value)) return "[" + value.map(canonicalJson).join(",") + "]"
  const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort()
  return "{" + keys.map((k) => JSON.stringify(k) + ":" + canonicalJson((value as Record<string, unknown>)[k])).join(",") + "}"
}

/** SHA-256 as lowercase hex. */
export const sha256 = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex")

/** The digest of a JSON value's content. */
export const digest = (value: unknown): string => sha256(canonicalJson(value))
