/**
 * Run core on a storage adapter of your own. `custom-adapter/MeteredStorage.ts` wraps the memory
 * adapter and counts every operation with Effect metrics; the program below stores the 西属村
 * exercises and their check reports through core's typed `Storage`, provokes one optimistic-
 * concurrency conflict, verifies the audit chain and prints what the adapter was asked to do.
 *
 *   npx tsx --conditions source examples/custom-adapter.ts
 *
 * Before you trust an adapter with a county's data, run the conformance suite against it from a
 * vitest file (one call; `test/examples.test.ts` does it for this adapter):
 *
 *   suite("metered memory", () => MeteredStorage.layerTest(), { capabilities: MemoryStorage.capabilities })
 *
 * The contract, operation by operation, is in docs/storage-adapters.md.
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Metric from "effect/Metric"
import * as MetricLabel from "effect/MetricLabel"
import { Audit, Examples, Exercise, PowerListStore, Rulebook, Storage, WorkCalendar } from "@qinglian/core"
import * as MeteredStorage from "./custom-adapter/MeteredStorage.js"

const actor = "jincun-clerk-01"

const program = Effect.gen(function*() {
  const { adapter } = yield* Storage.Storage
  console.log(`adapter: ${adapter.name}, capabilities ${JSON.stringify(adapter.capabilities)}`)

  const exercises = [Examples.xishuHeatingClean(), Examples.xishuHeatingFaulty()]
  yield* PowerListStore.exercises.insertMany(exercises, { actor })
  for (const exercise of exercises) {
    const result = Exercise.check(Examples.xishuHeatingItem(), exercise, Rulebook.defaults, WorkCalendar.china, {
      asOf: Examples.xishuHeatingFaultyAsOf
    })
    const report = PowerListStore.checkReportOf(exercise, result, Examples.xishuHeatingFaultyAsOf)
    yield* PowerListStore.checkReports.append(exercise.id, 0, [report], { actor })
    console.log(`stored ${exercise.id}: risk ${result.risk}, ${result.findings.length} findings`)
  }

  // A second writer that read the stream before the first report was appended loses, cleanly.
  const stale = yield* Effect.either(PowerListStore.checkReports.append(Examples.xishuHeatingFaulty().id, 0, [], { actor }))
  if (Either.isLeft(stale)) console.log(`stale append refused: ${stale.left._tag}: ${stale.left.message}`)

  // What the adapter stored reads back through core's stores, as it would on any shipped adapter.
  const byDate = yield* PowerListStore.exercises.all("byDate")
  console.log(`exercises by date: ${byDate.map((s) => `${s.id} v${s.version}`).join(", ")}`)
  for (const { id } of byDate) {
    const reports = yield* PowerListStore.checkReports.read(id)
    console.log(`reloaded ${id}: ${reports.map((r) => `risk ${r.value.risk}, ${r.value.findings.length} findings`).join("; ")}`)
  }
  const verified = yield* Audit.verify()
  console.log(`audit: ${verified.entries} entries, chain verified`)

  console.log("\nadapter operations (calls / failures):")
  for (const op of ["getDocument", "putDocument", "putDocuments", "queryIndex", "appendEvents", "readEvents", "lastVersion"]) {
    const n = yield* Metric.value(Metric.tagged(MeteredStorage.calls, "operation", op))
    const conflicts = yield* Metric.value(Metric.taggedWithLabels(MeteredStorage.failures, [
      MetricLabel.make("operation", op),
      MetricLabel.make("error", "ConcurrencyConflict")
    ]))
    console.log(`  ${op.padEnd(13)} ${String(n.count).padStart(3)} / ${conflicts.count}`)
  }
})

const StorageLive = Storage.layer.pipe(Layer.provideMerge(MeteredStorage.layer()))

Effect.runPromiseExit(program.pipe(Effect.provide(StorageLive))).then((exit) => {
  if (exit._tag === "Failure") {
    console.error(String(exit.cause))
    process.exitCode = 1
  }
})
