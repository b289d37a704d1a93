// The checks every adapter shares (core's StorageAdapter helpers): what they refuse, in what words,
// and how writeBatches splits a call. The SQLite and PostgreSQL suites pin the same refusals
// through their adapters; these hold the helpers themselves to them.
import { describe, it } from "@effect/vitest"
import * as fc from "effect/FastCheck"
import { assert } from "vitest"
import { StorageAdapter } from "../src/index.js"

const write = (over: Partial<StorageAdapter.DocumentWrite> = {}): StorageAdapter.DocumentWrite => ({
  collection: "tasks",
  id: "t-1",
  expectedVersion: 0,
  data: { title: "修路", n: 3 },
  indexes: { byVillage: "v-xishu", rank: 2 },
  ...over
})

// PostgreSQL's rule: no U+0000 or lone surrogate anywhere, data included.
const postgres: StorageAdapter.TextRule = {
  refuses: StorageAdapter.hasNulOrLoneSurrogate,
  qualifier: " without U+0000",
  inData: "with U+0000 or a lone UTF-16 surrogate, which PostgreSQL cannot store"
}

describe("StorageAdapter.jsonProblem", () => {
  it("accepts every JSON value and refuses what JSON.stringify would change", () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => assert.isUndefined(StorageAdapter.jsonProblem(v))), { numRuns: 300 })
    assert.strictEqual(StorageAdapter.jsonProblem({ n: Number.NaN }), "a non-finite number (NaN)")
    assert.strictEqual(StorageAdapter.jsonProblem([1, undefined]), "undefined in an array")
    assert.strictEqual(StorageAdapter.jsonProblem({ at: new Date(0) }), "a Date object; encode it to JSON first")
    assert.strictEqual(StorageAdapter.jsonProblem({ f: () => 1 }), "a function, which is not JSON")
    assert.strictEqual(StorageAdapter.jsonProblem({ b: 1n }), "a bigint, which is not JSON")
    // An undefined property is left out, as JSON.stringify leaves it out.
    assert.isUndefined(StorageAdapter.jsonProblem({ a: undefined, b: Object.create(null) }))
    let deep: unknown = 1
    for (let i = 0; i < 300; i++) deep = [deep]
    assert.strictEqual(StorageAdapter.jsonProblem(deep), "values nested too deeply")
  })

  it("holds strings and keys inside data to a rule only when the rule says so", () => {
    assert.isUndefined(StorageAdapter.jsonProblem({ note: "a\u0000b", "\uD800": 1 }, StorageAdapter.wellFormedText))
    assert.strictEqual(StorageAdapter.jsonProblem({ note: "a\u0000b" }, postgres), `a string ${postgres.inData}`)
    assert.strictEqual(StorageAdapter.jsonProblem({ "\uD800": 1 }, postgres), `a key ${postgres.inData}`)
  })
})

describe("StorageAdapter write checks", () => {
  it("name the first thing wrong with a document write", () => {
    const rule = StorageAdapter.wellFormedText
    assert.isUndefined(StorageAdapter.documentWriteProblem(write(), rule))
    assert.strictEqual(StorageAdapter.documentWriteProblem(write({ collection: "" }), rule), "collection must be a non-empty string")
    assert.strictEqual(StorageAdapter.documentWriteProblem(write({ id: "" }), rule), "id must be a non-empty string")
    assert.strictEqual(StorageAdapter.documentWriteProblem(write({ id: "\uDC00" }), rule), "collection and id must be well-formed Unicode")
    assert.strictEqual(
      StorageAdapter.documentWriteProblem(write({ id: "a\u0000" }), postgres),
      "collection and id must be well-formed Unicode without U+0000"
    )
    for (const v of [-1, 1.5, Number.NaN, 2 ** 53]) {
      assert.strictEqual(StorageAdapter.documentWriteProblem(write({ expectedVersion: v }), rule), "expectedVersion must be a non-negative integer")
    }
    assert.strictEqual(
      StorageAdapter.documentWriteProblem(write({ indexes: { rank: Number.POSITIVE_INFINITY } }), rule),
      "index \"rank\" must be a string or a finite number"
    )
    assert.strictEqual(
      StorageAdapter.documentWriteProblem(write({ indexes: { byVillage: "\uD800" } }), rule),
      "index \"byVillage\": names and values must be well-formed Unicode"
    )
    assert.strictEqual(StorageAdapter.documentWriteProblem(write({ data: { n: Number.NaN } }), rule), "data holds a non-finite number (NaN)")
    assert.strictEqual(
      StorageAdapter.documentWritesProblem([write(), write({ id: "t-2", data: [undefined] as never })], rule),
      "document tasks/t-2: data holds undefined in an array"
    )
  })

  it("name the first thing wrong with an append or a read", () => {
    const rule = StorageAdapter.wellFormedText
    const event = { type: "TaskProgress", data: { done: 1 }, recordedAt: 1_767_225_600_000 }
    assert.isUndefined(StorageAdapter.appendProblem("v-xishu/2026-W12", 0, [event], rule))
    assert.strictEqual(StorageAdapter.appendProblem("", 0, [event], rule), "stream must be a non-empty, well-formed string")
    assert.strictEqual(StorageAdapter.appendProblem("s", -1, [event], rule), "expectedVersion must be a non-negative integer")
    assert.strictEqual(
      StorageAdapter.appendProblem("s", 0, [{ ...event, recordedAt: 1.5 }], rule),
      "stream s: recordedAt must be whole epoch milliseconds (an integer), got 1.5"
    )
    assert.strictEqual(StorageAdapter.appendProblem("s", 0, [{ ...event, type: "\uD800" }], postgres), "stream s: event type must be a well-formed string without U+0000")
    assert.isUndefined(StorageAdapter.readEventsProblem(1, undefined))
    assert.strictEqual(StorageAdapter.readEventsProblem(0, undefined), "fromVersion must be a positive integer, got 0")
    assert.strictEqual(StorageAdapter.readEventsProblem(1, 2.5), "limit must be a positive integer, got 2.5")
  })

  it("build conflicts that name the document or the stream", () => {
    const c = StorageAdapter.documentConflict(write({ expectedVersion: 2 }), 3)
    assert.deepStrictEqual([c._tag, c.kind, c.key, c.expected, c.actual], ["ConcurrencyConflict", "document", "tasks/t-1", 2, 3])
    const s = StorageAdapter.streamConflict("v-xishu/2026-W12", 0, 4)
    assert.deepStrictEqual([s.kind, s.key, s.expected, s.actual], ["stream", "v-xishu/2026-W12", 0, 4])
  })
})

describe("StorageAdapter.writeBatches", () => {
  it("keeps the order, never exceeds the size, and never names a document twice in a batch", () => {
    const arb = fc.array(fc.record({ collection: fc.constantFrom("a", "a/b", "b"), id: fc.constantFrom("x", "b/x", "y", "z") }), { maxLength: 40 })
    fc.assert(fc.property(arb, fc.integer({ min: -1, max: 7 }), (writes, size) => {
      const batches = StorageAdapter.writeBatches(writes, size)
      assert.deepStrictEqual(batches.flat(), writes)
      for (const b of batches) {
        assert.isAtLeast(b.length, 1)
        assert.isAtMost(b.length, Math.max(1, size))
        const keys = b.map((w) => JSON.stringify([w.collection, w.id]))
        assert.strictEqual(new Set(keys).size, keys.length)
      }
      // A batch ends early only at the size or at a document it already holds.
      for (let i = 0; i + 1 < batches.length; i++) {
        const b = batches[i]!
        const next = batches[i + 1]![0]!
        if (b.length < Math.max(1, size)) assert.isTrue(b.some((w) => w.collection === next.collection && w.id === next.id))
      }
    }), { numRuns: 500 })
    // "a/b" + "x" and "a" + "b/x" are different documents.
    assert.strictEqual(StorageAdapter.writeBatches([{ collection: "a/b", id: "x" }, { collection: "a", id: "b/x" }], 10).length, 1)
  })
})

describe("StorageAdapter cause chains", () => {
  it("read a driver's own words and code under its wrappers", () => {
    const driver = Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" })
    const wrapped = new Error("Failed to execute statement", { cause: new Error("Failed to execute statement", { cause: driver }) })
    assert.deepStrictEqual(StorageAdapter.causeMessages(wrapped), ["Failed to execute statement", "database is locked"])
    assert.strictEqual(StorageAdapter.causeCode(wrapped, (c) => c.startsWith("SQLITE_")), "SQLITE_BUSY")
    assert.isUndefined(StorageAdapter.causeCode(wrapped, (c) => c === "40001"))
    assert.deepStrictEqual(StorageAdapter.causeMessages("plain"), ["plain"])
    // A cycle stops at five levels.
    const a: { message: string; cause?: unknown } = { message: "a" }
    a.cause = a
    assert.deepStrictEqual(StorageAdapter.causeMessages(a), ["a"])
  })
})
