// A province-week of task documents (500,000 by default; SQLITE_INGEST_DOCUMENTS changes it)
// imported into a fresh SQLite file with one `putDocuments` call, then village-weeks read back by
// their index. The baseline writes the same rows into the same tables (created by the adapter's own
// migrations, same pragmas) with raw better-sqlite3: prepared single-row inserts in one
// transaction. Extra: the memory adapter importing the same documents, and the reads' latencies.
import { StorageAdapter } from "@qinglian/core"
import { MemoryStorage } from "@qinglian/storage-memory"
import { SqliteStorage } from "@qinglian/storage-sqlite"
import Database from "better-sqlite3"
import * as Effect from "effect/Effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { performance } from "node:perf_hooks"
import { COLLECTION, makeWrites, readKeys, VILLAGES } from "../data/tasks.js"
import { median, percentile, workload } from "../harness.js"

const DOCUMENTS = Number(process.env["SQLITE_INGEST_DOCUMENTS"] ?? 500_000)
interface State {
  readonly dir: string
  readonly writes: ReadonlyArray<StorageAdapter.DocumentWrite>
  readonly perVillage: number
  file: number
}

const freshFile = (s: State, name: string) => path.join(s.dir, `${name}-${s.file++}.db`)

// CPU seconds of this process: on a busy machine wall time also counts other processes' turns.
const cpuSeconds = (): number => {
  const { system, user } = process.cpuUsage()
  return (user + system) / 1e6
}

const removeDb = (file: string) => {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true })
}

const createTables = (file: string) => Effect.runPromise(Effect.scoped(SqliteStorage.make({ filename: file })))

const RAW_QUERY = `SELECT d.collection, d.id, d.version, d.data, d.indexes FROM document_index AS i
JOIN documents AS d ON d.collection = i.collection AND d.id = i.id
WHERE i.collection = ? AND i.name = ? AND i.value >= ? AND i.value <= ? ORDER BY i.value, i.id LIMIT ?`

const rawImport = (file: string, writes: ReadonlyArray<StorageAdapter.DocumentWrite>) => {
  const db = new Database(file)
  db.pragma("journal_mode = WAL")
  db.pragma("busy_timeout = 5000")
  db.pragma("foreign_keys = ON")
  db.pragma("synchronous = FULL")
  db.pragma(`mmap_size = ${SqliteStorage.defaultMmapSize}`)
  const insertDocument = db.prepare("INSERT INTO documents (collection, id, version, data, indexes) VALUES (?, ?, ?, ?, ?)")
  const insertIndex = db.prepare("INSERT INTO document_index (collection, name, value, id) VALUES (?, ?, ?, ?)")
  const cpu = cpuSeconds()
  const start = performance.now()
  db.transaction(() => {
    for (const w of writes) {
      insertDocument.run(w.collection, w.id, 1, JSON.stringify(w.data), JSON.stringify(w.indexes))
      for (const name in w.indexes) insertIndex.run(w.collection, name, w.indexes[name]!, w.id)
    }
  })()
  const seconds = (performance.now() - start) / 1000
  const ingestCpuS = cpuSeconds() - cpu
  db.close()
  return { seconds, ingestCpuS, ...rawReads(file) }
}

// Reads on a freshly opened connection, as a server would serve them after the import.
const rawReads = (file: string) => {
  const db = new Database(file)
  db.pragma(`mmap_size = ${SqliteStorage.defaultMmapSize}`)
  const read = db.prepare(RAW_QUERY)
  const latencies: Array<number> = []
  let found = 0
  for (const key of readKeys) {
    const t0 = performance.now()
    const items = (read.all(COLLECTION, "villageWeek", key, key, 1001) as Array<Record<string, string>>).map((row) => ({
      ...row,
      data: JSON.parse(row["data"]!) as unknown,
      indexes: JSON.parse(row["indexes"]!) as unknown
    }))
    latencies.push(performance.now() - t0)
    found = items.length
  }
  db.close()
  return { latencies, found }
}

const adapterImport = (file: string, writes: ReadonlyArray<StorageAdapter.DocumentWrite>) =>
  Effect.runPromise(Effect.scoped(Effect.gen(function*() {
    const [seconds, ingestCpuS] = yield* Effect.scoped(Effect.gen(function*() {
      const storage = yield* SqliteStorage.make({ filename: file })
      const cpu = cpuSeconds()
      const start = performance.now()
      yield* storage.putDocuments(writes)
      return [(performance.now() - start) / 1000, cpuSeconds() - cpu] as const
    }))
    // Reads on a freshly opened store, as a server would serve them after the import.
    const storage = yield* SqliteStorage.make({ filename: file })
    const latencies: Array<number> = []
    let found = 0
    for (const key of readKeys) {
      const t0 = performance.now()
      const page = yield* storage.queryIndex({ collection: COLLECTION, index: "villageWeek", gte: key, lte: key, limit: 1000 })
      latencies.push(performance.now() - t0)
      found = page.items.length
    }
    return { seconds, ingestCpuS, latencies, found }
  })))

const memoryImport = (writes: ReadonlyArray<StorageAdapter.DocumentWrite>) =>
  Effect.runPromise(Effect.gen(function*() {
    const memory = yield* MemoryStorage.make
    const start = performance.now()
    yield* memory.adapter.putDocuments(writes)
    return (performance.now() - start) / 1000
  }))

const check = (side: string, found: number, expected: number) => {
  if (found !== expected) throw new Error(`sqlite-ingest: ${side} read ${found} documents per village-week, expected ${expected}`)
}

export const sqliteIngest = workload<State>({
  name: "sqlite-ingest",
  unit: "documents/s",
  description: `${DOCUMENTS.toLocaleString("en-US")} task documents in one putDocuments into a fresh SQLite file, ` +
    "vs raw better-sqlite3 prepared inserts into the same tables; village-week reads by index; memory adapter beside",
  target: {
    description: "≥ 0.5× baseline, village-week read median ≤ 1 ms, memory ≥ 3× sqlite",
    met: ({ extra, ratio }) =>
      ratio >= 0.5 && (extra["readMedianMs"] ?? Infinity) <= 1 && (extra["memorySpeedup"] ?? 0) >= 3
  },
  setup: async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qinglian-bench-sqlite-"))
    // Both sides must return the same village-week, or the comparison means nothing.
    const sample = makeWrites(2 * VILLAGES)
    const a = path.join(dir, "check-adapter.db")
    const b = path.join(dir, "check-raw.db")
    const viaAdapter = await Effect.runPromise(Effect.scoped(Effect.gen(function*() {
      const storage = yield* SqliteStorage.make({ filename: a })
      yield* storage.putDocuments(sample)
      return (yield* storage.queryIndex({ collection: COLLECTION, index: "villageWeek", gte: readKeys[1]!, lte: readKeys[1]!, limit: 10 })).items
    })))
    await createTables(b)
    rawImport(b, sample)
    const db = new Database(b, { readonly: true })
    const viaRaw = (db.prepare(RAW_QUERY).all(COLLECTION, "villageWeek", readKeys[1]!, readKeys[1]!, 10) as Array<Record<string, string | number>>)
      .map((row) => ({ ...row, data: JSON.parse(String(row["data"])), indexes: JSON.parse(String(row["indexes"])) }))
    db.close()
    if (JSON.stringify(viaAdapter) !== JSON.stringify(viaRaw) || viaAdapter.length !== 2) {
      throw new Error("sqlite-ingest: the adapter and the raw baseline disagree on a village-week")
    }
    removeDb(a)
    removeDb(b)
    return { dir, writes: makeWrites(DOCUMENTS), perVillage: Math.ceil(DOCUMENTS / VILLAGES), file: 0 }
  },
  run: async (s) => {
    const file = freshFile(s, "adapter")
    const sqlite = await adapterImport(file, s.writes)
    removeDb(file)
    check("adapter", sqlite.found, s.perVillage)
    const memorySeconds = await memoryImport(s.writes)
    return {
      items: s.writes.length,
      seconds: sqlite.seconds,
      extra: {
        ingestCpuS: sqlite.ingestCpuS,
        readMedianMs: median(sqlite.latencies),
        readP99Ms: percentile(sqlite.latencies, 99),
        documentsPerRead: sqlite.found,
        memoryDocumentsPerS: s.writes.length / memorySeconds,
        memorySpeedup: sqlite.seconds / memorySeconds
      }
    }
  },
  baseline: async (s) => {
    const file = freshFile(s, "raw")
    await createTables(file)
    const raw = rawImport(file, s.writes)
    removeDb(file)
    check("baseline", raw.found, s.perVillage)
    return { items: s.writes.length, seconds: raw.seconds, extra: { ingestCpuS: raw.ingestCpuS, readMedianMs: median(raw.latencies) } }
  },
  teardown: (s) => fs.rmSync(s.dir, { recursive: true, force: true }),
  warmup: 0,
  repetitions: 3,
  minSampleMs: 0
})
