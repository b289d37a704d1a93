// The canonical form every stored digest and audit hash is computed over: it must never change,
// or stored audit chains stop verifying.
import { describe, it } from "@effect/vitest"
import * as fc from "effect/FastCheck"
import { expect } from "vitest"
import canonicalizeModule from "canonicalize"
import { canonicalJson, digest } from "../src/storage/internal/digest.js"

// `canonicalize`, the RFC 8785 reference implementation, as the oracle. It is CommonJS
// (`module.exports = serialize`) with types that declare a default export.
const canonicalize = (typeof canonicalizeModule === "function"
  ? canonicalizeModule
  : (canonicalizeModule as unknown as { readonly default: (input: unknown) => string | undefined }).default) as (
    input: unknown
  ) => string | undefined

// JSON values with any UTF-16 text in keys and strings (lone surrogates, control characters,
// quotes), and numbers across the whole double range, exponents and -0 included.
const anyText = fc.string({ unit: "binary", maxLength: 12 })
const { json } = fc.letrec<{ json: unknown }>((tie) => ({
  json: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    anyText,
    fc.array(tie("json"), { maxLength: 5 }),
    fc.dictionary(anyText, tie("json"), { maxKeys: 6 })
  )
}))

// The definition, written the obvious way: every object's keys sorted (by code unit, so "" before
// "0", whatever order the engine keeps integer-like keys in), undefined members left out.
const reference = (value: unknown): string => {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null"
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : reference(v))).join(",")}]`
  const record = value as Record<string, unknown>
  return `{${
    Object.keys(record).sort().filter((k) => record[k] !== undefined).map((k) => `${JSON.stringify(k)}:${reference(record[k])}`)
      .join(",")
  }}`
}

describe("canonical JSON", () => {
  it("is JSON with sorted keys, for any JSON value", () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => {
      expect(canonicalJson(v)).toBe(reference(v))
    }), { numRuns: 500 })
  })
  it("writes the same bytes as the RFC 8785 reference implementation, for any JSON value", () => {
    fc.assert(fc.property(json, (v) => {
      expect(canonicalJson(v)).toBe(canonicalize(v))
    }), { numRuns: 2_000 })
    for (const v of [-0, 1e21, 1e-7, 5e-324, Number.MAX_VALUE, "\ud800", "\u2028\u007f", { "\udc00": 1, "a": 2, "": 3, "10": 4, "9": 5 }]) {
      expect(canonicalJson(v)).toBe(canonicalize(v))
    }
  })
  it("drops undefined members and writes undefined elements as null, as JSON.stringify does", () => {
    const v = { b: [1, undefined, "x"], a: undefined, c: { z: 1, y: "\"\n" } }
    expect(canonicalJson(v)).toBe(reference(v))
    expect(canonicalJson(v)).toBe('{"b":[1,null,"x"],"c":{"y":"\\"\\n","z":1}}')
  })
  it("gives one digest for one content, whatever the key order", () => {
    expect(digest({ a: 1, b: { c: [1, 2], d: "x" } })).toBe(digest({ b: { d: "x", c: [1, 2] }, a: 1 }))
    // A known value, so that the stored digests of earlier releases keep verifying.
    expect(digest({ b: 2, a: [1, "x"] })).toBe("8cbd548a32262b76a6536efe4e7ba86a0e811fcd0475d83a43e10acd0615aa37")
  })
})
