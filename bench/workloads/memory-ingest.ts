// A province-week of task documents (500,000 by default; MEMORY_INGEST_DOCUMENTS changes it)
// imported into a fresh in-memory store with one `putDocuments` call, then village-weeks read back
// by their index (the first read pays for building the sorted index). The baseline is the simplest
// equivalent in plain JavaScript: a Map of documents plus a Map from village-week to ids, with no
// validation, copying, versions or ordering.
import type { StorageAdapter } from "@qinglian/core"
import { MemoryStorage } from "@qinglian/storage-memory"
import * as Effect from "effect/Effect"
import { performance } from "node:perf_hooks"
import { COLLECTION, makeWrites, readKeys, VILLAGES } from "../data/tasks.js"
import { median, percentile, workload } from "../harness.js"

const DOCUMENTS = Number(process.env["MEMORY_INGEST_DOCUMENTS"] ?? 500_000)
interface State {
  readonly writes: ReadonlyArray<StorageAdapter.DocumentWrite>
  readonly perVillage: number
}

const check = (side: string, found: number, expected: number) => {
  if (found !== expected) throw new Error(`memory-ingest: ${side} read ${found} documents per village-week, expected ${expected}`)
}

export const memoryIngest = workload<State>({
  name: "memory-ingest",
  unit: "documents/s",
  description: `${DOCUMENTS.toLocaleString("en-US")} task documents in one putDocuments into a fresh memory store, ` +
    "vs a plain Map plus a hash index; village-week reads by index (first read builds the sorted index)",
  target: {
    description: "≥ 0.2× baseline, import + first read ≤ 2 s, village-week read median ≤ 1 ms",
    met: ({ extra, ratio }) =>
      ratio >= 0.2 && (extra["importAndFirstReadS"] ?? Infinity) <= 2 && (extra["readMedianMs"] ?? Infinity) <= 1
  },
  setup: () => ({ writes: makeWrites(DOCUMENTS), perVillage: Math.ceil(DOCUMENTS / VILLAGES) }),
  run: (s) =>
    Effect.runPromise(Effect.gen(function*() {
      const { adapter } = yield* MemoryStorage.make
      const start = performance.now()
      yield* adapter.putDocuments(s.writes)
      const seconds = (performance.now() - start) / 1000
      const latencies: Array<number> = []
      let found = 0
      for (const key of readKeys) {
        const t0 = performance.now()
        const page = yield* adapter.queryIndex({ collection: COLLECTION, index: "villageWeek", gte: key, lte: key, limit: 1000 })
        latencies.push(performance.now() - t0)
        found = page.items.length
      }
      check("adapter", found, s.perVillage)
      return {
        items: s.writes.length,
        seconds,
        extra: {
          firstReadMs: latencies[0]!,
          importAndFirstReadS: seconds + latencies[0]! / 1000,
          readMedianMs: median(latencies),
          readP99Ms: percentile(latencies, 99)
        }
      }
    })),
  baseline: (s) => {
    const start = performance.now()
    const docs = new Map<string, StorageAdapter.DocumentWrite>()
    const index = new Map<string | number, Array<string>>()
    for (const w of s.writes) {
      docs.set(w.id, w)
      const key = w.indexes["villageWeek"]!
      const ids = index.get(key)
      if (ids === undefined) index.set(key, [w.id])
      else ids.push(w.id)
    }
    const seconds = (performance.now() - start) / 1000
    const latencies: Array<number> = []
    let found = 0
    for (const key of readKeys) {
      const t0 = performance.now()
      found = (index.get(key) ?? []).map((id) => docs.get(id)!).length
      latencies.push(performance.now() - t0)
    }
    check("baseline", found, s.perVillage)
    return { items: s.writes.length, seconds, extra: { readMedianMs: median(latencies) } }
  },
  warmup: 1,
  repetitions: 5,
  minSampleMs: 0
})
