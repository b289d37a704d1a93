/**
 * sqlite-ingest: a province-week of task documents (500,000 by default) imported in one
 * `putDocuments` call, then one village-week read back by its index.
 *
 * Baseline, in the same run: raw better-sqlite3 prepared single-row inserts in one transaction
 * into the same tables (created by the adapter's own migrations), with the same pragmas.
 * Extra: the memory adapter on the same documents.
 *
 * Targets: adapter ingest ≥ 0.5× raw throughput; indexed village-week read ≤ 1 ms median;
 * memory ingest ≥ 3× SQLite.
 *
 * Run alone: `npx tsx bench/workloads/sqlite-ingest.ts [documents]`.
 */
import { StorageAdapter } from "@qinglian/core"
import { MemoryStorage } from "@qinglian/storage-memory"
import { SqliteStorage } from "@qinglian/storage-sqlite"
import Database from "better-sqlite3"
import * as Effect from "effect/Effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { pathToFileURL } from "node:url"

const villages = 10_000
const week = "2026-W48"
const collection = "tasks"

const villageWeekOf = (i: number) => `v${String(i % villages).padStart(5, "0")}:${week}`

// ~200 bytes of JSON each: a weekly task of one village (村务周任务).
const makeWrites = (n: number): Array<StorageAdapter.DocumentWrite> => {
  const writes: Array<StorageAdapter.DocumentWrite> = new Array(n)
  for (let i = 0; i < n; i++) {
    const village = `v${String(i % villages).padStart(5, "0")}`
    writes[i] = {
      collection,
      id: `task-${String(i).padStart(7, "0")}`,
      expectedVersion: 0,
      data: {
        villageId: village,
        week,
        kind: i % 3 === 0 ? "patrol" : i % 3 === 1 ? "publicNotice" : "ledgerCheck",
        owner: `cadre-${(i * 7919) % 50_000}`,
        deadline: `2026-12-0${1 + (i % 5)}`,
        quantity: 1 + (i % 12),
        status: "open",
        note: "按时完成并上传凭证"
      },
      indexes: { villageWeek: villageWeekOf(i) }
    }
  }
  return writes
}

const median = (xs: Array<number>): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

const time = <A>(f: () => A): [A, number] => {
  const start = performance.now()
  const a = f()
  return [a, performance.now() - start]
}

// CPU time of this process, which other load on the machine disturbs less than wall time.
const cpuMs = (): number => {
  const { system, user } = process.cpuUsage()
  return (user + system) / 1000
}

const timeEffect = <A, E>(self: Effect.Effect<A, E>) =>
  Effect.gen(function*() {
    const start = performance.now()
    const a = yield* self
    return [a, performance.now() - start] as const
  })

/** Measurements of one run; all times in milliseconds. */
export interface SqliteIngestResult {
  readonly documents: number
  readonly rawIngestMs: number
  readonly sqliteIngestMs: number
  readonly memoryIngestMs: number
  readonly rawIngestCpuMs: number
  readonly sqliteIngestCpuMs: number
  readonly memoryIngestCpuMs: number
  readonly rawReadMedianMs: number
  readonly sqliteReadMedianMs: number
  readonly sqliteReadCpuMedianMs: number
  readonly documentsPerRead: number
  readonly ingestRatioVsRaw: number
  readonly memorySpeedupVsSqlite: number
}

const rawIngest = (filename: string, writes: ReadonlyArray<StorageAdapter.DocumentWrite>) => {
  const db = new Database(filename)
  db.pragma("journal_mode = WAL")
  db.pragma("busy_timeout = 5000")
  db.pragma("foreign_keys = ON")
  db.pragma("synchronous = FULL")
  const insertDocument = db.prepare(
    "INSERT INTO documents (collection, id, version, data, indexes) VALUES (?, ?, ?, ?, ?)"
  )
  const insertIndex = db.prepare("INSERT INTO document_index (collection, name, value, id) VALUES (?, ?, ?, ?)")
  const cpu = cpuMs()
  const [, ms] = time(() =>
    db.transaction(() => {
      for (const w of writes) {
        insertDocument.run(w.collection, w.id, 1, JSON.stringify(w.data), JSON.stringify(w.indexes))
        for (const name in w.indexes) insertIndex.run(w.collection, name, w.indexes[name]!, w.id)
      }
    })()
  )
  const ingestCpuMs = cpuMs() - cpu
  const read = db.prepare(
    `SELECT d.collection, d.id, d.version, d.data, d.indexes FROM document_index AS i
JOIN documents AS d ON d.collection = i.collection AND d.id = i.id
WHERE i.collection = ? AND i.name = ? AND i.value >= ? AND i.value <= ? ORDER BY i.value, i.id LIMIT ?`
  )
  const reads: Array<number> = []
  for (let r = 0; r < 200; r++) {
    const key = villageWeekOf((r * 7907) % villages)
    const [, t] = time(() =>
      read.all(collection, "villageWeek", key, key, 1001).map((row: any) => ({
        ...row,
        data: JSON.parse(row.data),
        indexes: JSON.parse(row.indexes)
      }))
    )
    reads.push(t)
  }
  db.close()
  return { ingestMs: ms, ingestCpuMs, readMedianMs: median(reads) }
}

/** Runs the workload once with `documents` task documents. */
export const run = (documents = 500_000): Promise<SqliteIngestResult> =>
  Effect.runPromise(Effect.scoped(Effect.gen(function*() {
    const dir = yield* Effect.acquireRelease(
      Effect.sync(() => fs.mkdtempSync(path.join(os.tmpdir(), "qinglian-bench-"))),
      (dir) => Effect.sync(() => fs.rmSync(dir, { recursive: true, force: true }))
    )
    const writes = makeWrites(documents)

    // Same tables for the baseline: let the adapter create them, then close it.
    const rawFile = path.join(dir, "raw.db")
    yield* Effect.scoped(SqliteStorage.make({ filename: rawFile }))
    const raw = rawIngest(rawFile, writes)

    const [sqliteIngestMs, sqliteIngestCpuMs, sqliteReadMedianMs, sqliteReadCpuMedianMs, documentsPerRead] = yield* Effect.scoped(Effect.gen(function*() {
      const sqlite = yield* SqliteStorage.make({ filename: path.join(dir, "adapter.db") })
      const cpu = cpuMs()
      const [, ingestMs] = yield* timeEffect(sqlite.putDocuments(writes))
      const ingestCpuMs = cpuMs() - cpu
      const reads: Array<number> = []
      const readsCpu: Array<number> = []
      let perRead = 0
      for (let r = 0; r < 200; r++) {
        const key = villageWeekOf((r * 7907) % villages)
        const before = cpuMs()
        const [page, t] = yield* timeEffect(
          sqlite.queryIndex({ collection, index: "villageWeek", gte: key, lte: key, limit: 1000 })
        )
        readsCpu.push(cpuMs() - before)
        perRead = page.items.length
        reads.push(t)
      }
      return [ingestMs, ingestCpuMs, median(reads), median(readsCpu), perRead] as const
    }))

    const memory = yield* MemoryStorage.make
    const memoryCpu = cpuMs()
    const [, memoryIngestMs] = yield* timeEffect(memory.adapter.putDocuments(writes))
    const memoryIngestCpuMs = cpuMs() - memoryCpu

    return {
      documents,
      rawIngestMs: raw.ingestMs,
      sqliteIngestMs,
      memoryIngestMs,
      rawIngestCpuMs: raw.ingestCpuMs,
      sqliteIngestCpuMs,
      memoryIngestCpuMs,
      rawReadMedianMs: raw.readMedianMs,
      sqliteReadMedianMs,
      sqliteReadCpuMedianMs,
      documentsPerRead,
      ingestRatioVsRaw: raw.ingestMs / sqliteIngestMs,
      memorySpeedupVsSqlite: sqliteIngestMs / memoryIngestMs
    }
  })))

/** A one-line human summary of a result, with the targets. */
export const summary = (r: SqliteIngestResult): string =>
  [
    `sqlite-ingest: ${r.documents} documents`,
    `raw better-sqlite3 ${r.rawIngestMs.toFixed(0)} ms (${(r.documents / r.rawIngestMs * 1000).toFixed(0)} docs/s; ${
      r.rawIngestCpuMs.toFixed(0)
    } ms CPU)`,
    `adapter ${r.sqliteIngestMs.toFixed(0)} ms (${(r.documents / r.sqliteIngestMs * 1000).toFixed(0)} docs/s; ${
      r.sqliteIngestCpuMs.toFixed(0)
    } ms CPU)`,
    `throughput ${r.ingestRatioVsRaw.toFixed(2)}× raw (target ≥ 0.5×; by CPU time ${
      (r.rawIngestCpuMs / r.sqliteIngestCpuMs).toFixed(2)
    }×)`,
    `village-week read median ${r.sqliteReadMedianMs.toFixed(3)} ms (${
      r.sqliteReadCpuMedianMs.toFixed(3)
    } ms CPU) for ${r.documentsPerRead} docs (raw ${r.rawReadMedianMs.toFixed(3)} ms; target ≤ 1 ms)`,
    `memory ${r.memoryIngestMs.toFixed(0)} ms (${r.memoryIngestCpuMs.toFixed(0)} ms CPU): ${
      r.memorySpeedupVsSqlite.toFixed(2)
    }× faster than sqlite (target ≥ 3×)`
  ].join("\n  ")

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const n = Number(process.argv[2] ?? 500_000)
  run(n).then((r) => console.log(summary(r)))
}
