// The nightly integrity check on a large SQLite store: Audit.verifyStore walks the whole store and
// the audit chain (every document's and every event batch's digest recomputed and compared, the
// chain rehashed, a signed checkpoint checked). The baseline reads the same records the same way
// (the adapter's scans and readEvents) and compares nothing, so the ratio is the cost of checking.
// Extra: the incremental run from a checkpoint after 1,000 more writes (`incrementalMs`).
import { Audit, Examples, type Exercise, PowerListStore, Storage, StorageAdapter } from "@qinglian/core"
import { SqliteStorage } from "@qinglian/storage-sqlite"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Schema from "effect/Schema"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { performance } from "node:perf_hooks"
import { workload } from "../harness.js"

const COUNT = Number(process.env["AUDIT_VERIFY_EXERCISES"] ?? 100_000)
const CASES = Number(process.env["AUDIT_VERIFY_CASES"] ?? 2_000)
const EVENTS_PER_CASE = 5

const CaseEvent = Schema.Struct({ step: Schema.Number, note: Schema.String })
const cases = Storage.eventStream({ name: "benchCases", schema: CaseEvent })

type Runtime = ManagedRuntime.ManagedRuntime<Storage.Storage | StorageAdapter.StorageAdapter | Audit.CheckpointSigner, unknown>

interface State {
  readonly dir: string
  readonly runtime: Runtime
  readonly checkpoint: Audit.Checkpoint
  readonly since: Audit.Checkpoint
  readonly publicKey: string
  readonly records: number
}

const setup = async (): Promise<State> => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qinglian-bench-verify-"))
  const key = Audit.generateSigningKey()
  const runtime: Runtime = ManagedRuntime.make(
    Layer.mergeAll(
      Layer.provideMerge(Storage.layer, SqliteStorage.layer({ filename: path.join(dir, "store.db"), synchronous: "normal" })),
      Audit.layerSigner(key.privateKey)
    )
  )
  const base = Examples.xishuHeatingClean()
  const exercise = (i: number): Exercise.Exercise => ({
    ...base,
    id: `ex-${i}` as Exercise.Exercise["id"],
    village: `v-${i % 200}` as Exercise.Exercise["village"]
  })
  const { checkpoint, since } = await runtime.runPromise(Effect.gen(function*() {
    for (let start = 0; start < COUNT; start += 5_000) {
      const batch = Array.from({ length: Math.min(5_000, COUNT - start) }, (_, j) => exercise(start + j))
      yield* PowerListStore.exercises.insertMany(batch, { actor: "bench" })
    }
    for (let c = 0; c < CASES; c++) {
      for (let step = 0; step < EVENTS_PER_CASE; step++) {
        yield* cases.append(`c-${c}`, step, [{ step, note: `第${step + 1}步` }], { actor: "bench" })
      }
    }
    const since = yield* Audit.checkpoint
    // The nightly delta: 1,000 more writes after the last checkpoint.
    yield* PowerListStore.exercises.insertMany(
      Array.from({ length: 1_000 }, (_, j) => exercise(COUNT + j)),
      { actor: "bench" }
    )
    const checkpoint = yield* Audit.checkpoint
    return { checkpoint, since }
  }))
  return { dir, runtime, checkpoint, since, publicKey: key.publicKey, records: COUNT + 1_000 + CASES * EVENTS_PER_CASE }
}

const run = async (s: State) => {
  const start = performance.now()
  const report = await s.runtime.runPromise(Storage.verifyStore({ checkpoint: s.checkpoint, publicKey: s.publicKey }))
  const seconds = (performance.now() - start) / 1000
  if (!report.ok || report.documents + report.events !== s.records) throw new Error("the benchmark store does not verify")
  const incrementalStart = performance.now()
  const incremental = await s.runtime.runPromise(Storage.verifyStore({ since: s.since, publicKey: s.publicKey }))
  const incrementalMs = performance.now() - incrementalStart
  if (!incremental.ok || incremental.documents !== 1_000) throw new Error("the incremental run checked the wrong records")
  return { items: s.records, seconds, extra: { incrementalMs, fullMs: seconds * 1000 } }
}

// The same reads, nothing compared.
const baseline = (s: State) =>
  s.runtime.runPromise(Effect.gen(function*() {
    const adapter = yield* StorageAdapter.StorageAdapter
    const start = performance.now()
    let items = 0
    let after: StorageAdapter.ScanKey | undefined
    while (true) {
      const page = yield* adapter.scanDocuments!(after, 1000)
      items += page.length
      const last = page[page.length - 1]
      if (page.length < 1000 || last === undefined) break
      after = last
    }
    let afterStream: string | undefined
    while (true) {
      const page = yield* adapter.scanStreams!(afterStream, 1000)
      for (const head of page) if (head.stream !== Audit.stream) items += (yield* adapter.readEvents(head.stream, 1, 1000)).length
      const last = page[page.length - 1]
      if (page.length < 1000 || last === undefined) break
      afterStream = last.stream
    }
    yield* adapter.readEvents(Audit.stream)
    return { items, seconds: (performance.now() - start) / 1000 }
  }))

export const auditVerifySqlite = workload<State>({
  name: "audit-verify-sqlite",
  unit: "records/s",
  description: `Audit.verifyStore with a signed checkpoint over ${(COUNT + 1_000).toLocaleString("en-US")} exercises and ` +
    `${(CASES * EVENTS_PER_CASE).toLocaleString("en-US")} case events in a SQLite file, vs reading the same records`,
  // Checking (digests, chain, signature) costs at most as much again as reading the records.
  target: {
    description: "≥ 0.5× the bare read of the same records",
    met: ({ ratio }) => ratio >= 0.5
  },
  setup,
  run,
  baseline,
  teardown: async (s) => {
    await s.runtime.dispose()
    fs.rmSync(s.dir, { recursive: true, force: true })
  },
  warmup: 1,
  repetitions: 3,
  minSampleMs: 0
})
