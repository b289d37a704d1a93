import { assert, describe, it } from "@effect/vitest"
import { Audit, InvalidInput, PowerListStore, Storage, StorageAdapter } from "@qinglian/core"
import * as Option from "effect/Option"
import type * as Schema from "effect/Schema"
import * as SchemaAST from "effect/SchemaAST"
import * as fc from "fast-check"

const sign = (n: number) => (n < 0 ? -1 : n > 0 ? 1 : 0)

describe("StorageAdapter ordering helpers", () => {
  it("compareStrings is UTF-8 byte order (SQLite BINARY), unlike <", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.string({ unit: "grapheme" }), (a, b) => {
        assert.strictEqual(
          sign(StorageAdapter.compareStrings(a, b)),
          sign(Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8")))
        )
      }),
      { numRuns: 2000 }
    )
    // The case `<` gets wrong: U+FF01 is below U+1F600, but its UTF-16 unit is above the surrogate.
    assert.isTrue("😀" < "！")
    assert.isBelow(StorageAdapter.compareStrings("！", "😀"), 0)
  })

  it("orders numbers before strings and numbers numerically", () => {
    const values: Array<StorageAdapter.IndexValue> = ["a", 10, "", 9, -1, "中"]
    assert.deepStrictEqual([...values].sort(StorageAdapter.compareIndexValues), [-1, 9, 10, "", "a", "中"])
  })

  it("round-trips cursors and refuses malformed ones", () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.string()), fc.string(), (value, id) => {
        assert.deepStrictEqual(StorageAdapter.decodeCursor(StorageAdapter.encodeCursor({ value, id })), { value, id })
      })
    )
    for (const bad of ["", "[", "[1]", "[1,2]", "{\"value\":1}", "[null,\"x\"]"]) {
      assert.isUndefined(StorageAdapter.decodeCursor(bad), bad)
    }
  })

  it("inRange combines bounds with AND", () => {
    const q = { collection: "c", index: "i", limit: 1, gte: 2, lt: 5 }
    assert.deepStrictEqual([1, 2, 3, 4, 5].filter((v) => StorageAdapter.inRange(q, v)), [2, 3, 4])
    assert.isTrue(StorageAdapter.inRange({ collection: "c", index: "i", limit: 1 }, "anything"))
  })
})

describe("Storage index keys", () => {
  it("composite keys sort part by part and prefix ranges match whole parts only", () => {
    const keys = [
      Storage.indexKey("青莲村", "2026-W02"),
      Storage.indexKey("青莲村二组", "2026-W01"),
      Storage.indexKey("青莲村", "2026-W10"),
      Storage.indexKey("青莲村"),
      Storage.indexKey("白鹤村", "2026-W01")
    ]
    const range = Storage.prefixRange("青莲村")
    const inside = keys.filter((k) =>
      StorageAdapter.inRange({ collection: "c", index: "i", limit: 1, gte: range.gte, lt: range.lt }, k)
    )
    assert.deepStrictEqual(inside.sort(StorageAdapter.compareStrings), [
      "青莲村",
      Storage.indexKey("青莲村", "2026-W02"),
      Storage.indexKey("青莲村", "2026-W10")
    ])
  })

  it("refuses reserved collection names", () => {
    assert.throws(() => Storage.collection({ name: "$audit", schema: PowerListStore.CheckReport, id: (r) => r.exercise }))
    assert.throws(() => Storage.eventStream({ name: "", schema: PowerListStore.CheckReport }))
  })
})

const identifierOf = (schema: Schema.Schema.Any): string | undefined => {
  const ast = schema.ast
  return SchemaAST.isTransformation(ast) ? Option.getOrUndefined(SchemaAST.getIdentifierAnnotation(ast.to)) : undefined
}

describe("storage errors", () => {
  it("carry namespaced identifiers and keep their _tag", () => {
    const cases: ReadonlyArray<readonly [Schema.Schema.Any, string, string]> = [
      [StorageAdapter.ConcurrencyConflict, "ConcurrencyConflict", "@qinglian/core/storage/ConcurrencyConflict"],
      [StorageAdapter.StorageError, "StorageError", "@qinglian/core/storage/StorageError"],
      [Storage.CorruptRecord, "StorageCorruptRecord", "@qinglian/core/storage/CorruptRecord"],
      [Storage.DocumentNotFound, "StorageDocumentNotFound", "@qinglian/core/storage/DocumentNotFound"],
      [Audit.ChainBroken, "AuditChainBroken", "@qinglian/core/storage/ChainBroken"],
      [InvalidInput.InvalidInput, "InvalidInput", "@qinglian/core/base/InvalidInput"]
    ]
    for (const [schema, tag, identifier] of cases) {
      assert.strictEqual(identifierOf(schema), identifier)
      assert.strictEqual((schema as unknown as { readonly _tag: string })._tag, tag)
    }
  })
})
