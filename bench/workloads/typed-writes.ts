// Writes through the typed store against the bare adapter. 5,000 exercises go into a fresh store
// in one `PowerListStore.exercises.insertMany` (checked against the schema, index entries,
// content digests, an audit entry each, all in one transaction); the baseline puts the same
// documents with the same index entries through the adapter's `putDocuments`, which checks and
// audits nothing. One workload per adapter: memory and SQLite.
import { Examples, type Exercise, PowerListStore, Storage, StorageAdapter } from "@qinglian/core"
import { MemoryStorage } from "@qinglian/storage-memory"
import { SqliteStorage } from "@qinglian/storage-sqlite"
import * as Effect from "effect/Effect"
import type * as Layer from "effect/Layer"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { performance } from "node:perf_hooks"
import { workload } from "../harness.js"

const COUNT = Number(process.env["TYPED_WRITES_EXERCISES"] ?? 5_000)

interface State {
  readonly exercises: ReadonlyArray<Exercise.Exercise>
  readonly writes: ReadonlyArray<StorageAdapter.DocumentWrite>
  readonly dir: string
}

const setup = (): State => {
  const base = Examples.xishuHeatingClean()
  const exercises = Array.from({ length: COUNT }, (_, i): Exercise.Exercise => ({
    ...base,
    id: `ex-${i}` as Exercise.Exercise["id"],
    village: `v-${i % 200}` as Exercise.Exercise["village"],
    date: `2025-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}` as Exercise.Exercise["date"]
  }))
  const collection = PowerListStore.exercises
  const writes = exercises.map((e): StorageAdapter.DocumentWrite => ({
    collection: collection.name,
    id: e.id,
    expectedVersion: 0,
    data: e as unknown as StorageAdapter.Json,
    indexes: {
      byVillageDate: Storage.indexKey(e.village, e.date, e.id),
      byItemDate: Storage.indexKey(e.item, e.date, e.id),
      byDate: e.date
    }
  }))
  return { exercises, writes, dir: fs.mkdtempSync(path.join(os.tmpdir(), "qinglian-bench-typed-")) }
}

let files = 0

const typed = (layer: Layer.Layer<StorageAdapter.StorageAdapter, unknown>, exercises: ReadonlyArray<Exercise.Exercise>) =>
  Effect.runPromise(Effect.scoped(Effect.gen(function*() {
    const start = performance.now()
    yield* PowerListStore.exercises.insertMany(exercises, { actor: "bench" })
    return { items: exercises.length, seconds: (performance.now() - start) / 1000 }
  }).pipe(Effect.provide(Storage.layer), Effect.provide(layer))))

const bare = (layer: Layer.Layer<StorageAdapter.StorageAdapter, unknown>, writes: ReadonlyArray<StorageAdapter.DocumentWrite>) =>
  Effect.runPromise(Effect.scoped(Effect.gen(function*() {
    const adapter = yield* StorageAdapter.StorageAdapter
    const start = performance.now()
    yield* adapter.putDocuments(writes)
    return { items: writes.length, seconds: (performance.now() - start) / 1000 }
  }).pipe(Effect.provide(layer))))

const sqliteLayer = (dir: string) => SqliteStorage.layer({ filename: path.join(dir, `w${files++}.db`) })

const target = {
  description: "typed insertMany ≥ 0.5× the bare adapter's putDocuments (at most 2× its time)",
  met: ({ ratio }: { readonly ratio: number }) => ratio >= 0.5
}

export const typedWritesMemory = workload<State>({
  name: "typed-writes-memory",
  unit: "documents/s",
  description: `${COUNT.toLocaleString("en-US")} exercises in one typed insertMany (check, indexes, digests, audit) ` +
    "into a fresh memory store, vs the bare adapter's putDocuments of the same documents",
  target,
  setup,
  run: (s) => typed(MemoryStorage.layer(), s.exercises),
  baseline: (s) => bare(MemoryStorage.layer(), s.writes),
  teardown: (s) => fs.rmSync(s.dir, { recursive: true, force: true }),
  warmup: 3,
  repetitions: 9,
  minSampleMs: 0
})

export const typedWritesSqlite = workload<State>({
  name: "typed-writes-sqlite",
  unit: "documents/s",
  description: `${COUNT.toLocaleString("en-US")} exercises in one typed insertMany (check, indexes, digests, audit) ` +
    "into a fresh SQLite file, vs the bare adapter's putDocuments of the same documents",
  target,
  setup,
  run: (s) => typed(sqliteLayer(s.dir), s.exercises),
  baseline: (s) => bare(sqliteLayer(s.dir), s.writes),
  teardown: (s) => fs.rmSync(s.dir, { recursive: true, force: true }),
  warmup: 2,
  repetitions: 7,
  minSampleMs: 0
})
