import { assert, describe, it } from "@effect/vitest"
import { Storage } from "@qinglian/core"
import { RepositoryStream } from "@qinglian/core/storage"
import { MemoryStorage } from "@qinglian/storage-memory"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"

const Note = Schema.Struct({ id: Schema.String, day: Schema.String })
const notes = Storage.collection({ name: "notes", schema: Note, id: (n) => n.id, indexes: { byDay: (n) => n.day } })

describe("reading a repository page by page", () => {
  it.effect("all and RepositoryStream.of give every document in the range, in index order, across pages", () =>
    Effect.gen(function*() {
      const values = Array.from({ length: 23 }, (_, i) => ({ id: `n${i}`, day: `2026-01-${String(1 + (i % 28)).padStart(2, "0")}` }))
      yield* notes.insertMany(values, { actor: "clerk-01" })
      const range = { gte: "2026-01-05", lt: "2026-01-20", pageSize: 4 }
      const expected = values.filter((v) => v.day >= range.gte && v.day < range.lt).map((v) => v.day).sort()
      const all = yield* notes.all("byDay", range)
      assert.deepStrictEqual(all.map((s) => s.value.day), expected)
      const streamed = yield* Stream.runCollect(RepositoryStream.of(notes, "byDay", range))
      assert.deepStrictEqual(Chunk.toReadonlyArray(streamed).map((s) => s.value.day), expected)
      assert.isAbove(expected.length, 8)
    }).pipe(Effect.provide(Storage.layer), Effect.provide(MemoryStorage.layer())))
})
