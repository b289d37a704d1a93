// The fast digest of index values must give the bytes of the general RFC 8785 digest, or stored
// audit entries stop verifying.
import { describe, it } from "@effect/vitest"
import * as fc from "effect/FastCheck"
import { expect } from "vitest"
import { digest, indexDigest } from "../src/storage/internal/digest.js"

describe("indexDigest", () => {
  it("equals digest for any flat record of strings and finite numbers", () => {
    const value = fc.oneof(
      fc.string({ unit: "binary" }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer(),
      fc.constantFrom(-0, 0, 1e21, 1e-7, Number.MAX_SAFE_INTEGER, "", "\u001f", "\ud800", "😀")
    )
    fc.assert(
      fc.property(fc.dictionary(fc.string({ unit: "binary" }), value), (record) => {
        expect(indexDigest(record)).toBe(digest(record))
      }),
      { numRuns: 2000 }
    )
  })
  it("sorts keys by code unit, as RFC 8785 does, and writes -0 as 0", () => {
    const record = { b: 1, a: "x", "": -0, "\uff01": 2, "😀": 3, "10": 4, "9": 5 }
    expect(indexDigest(record)).toBe(digest(record))
    expect(indexDigest({})).toBe(digest({}))
  })
})
