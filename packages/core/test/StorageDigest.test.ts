// The canonical form every stored digest and audit hash is computed over: it must never change,
// or stored audit chains stop verifying.
import { describe, it } from "@effect/vitest"
import * as fc from "effect/FastCheck"
import { expect } from "vitest"
import { canonicalJson, digest } from "../src/storage/internal/digest.js"

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
