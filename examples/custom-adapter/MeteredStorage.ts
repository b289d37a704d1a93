/**
 * A storage adapter of your own: this one wraps any other adapter and counts every call and every
 * failure per operation with Effect metrics, so a county's monitoring sees how the store is used.
 * An adapter for your own database has the same shape: implement `StorageAdapterService` and
 * provide it as core's `StorageAdapter`. Either way, prove it with the conformance suite (see
 * `test/examples.test.ts`, which runs the suite against this adapter):
 *
 * ```ts
 * import { suite } from "@qinglian/storage-conformance"
 * suite("metered memory", () => MeteredStorage.layerTest(), { capabilities: MemoryStorage.capabilities })
 * ```
 */
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Metric from "effect/Metric"
import * as MetricLabel from "effect/MetricLabel"
import { StorageAdapter } from "@qinglian/core"
import { MemoryStorage } from "@qinglian/storage-memory"

/** Calls per operation (tag `operation`). */
export const calls = Metric.counter("qinglian_storage_calls", { description: "storage adapter calls" })
/** Failed calls per operation and error tag (tags `operation`, `error`). */
export const failures = Metric.counter("qinglian_storage_failures", { description: "storage adapter failures" })

const tag = MetricLabel.make

const metered = <A, E extends { readonly _tag: string }, R>(operation: string, self: Effect.Effect<A, E, R>) =>
  self.pipe(
    Effect.tapError((e) => Metric.increment(Metric.taggedWithLabels(failures, [tag("operation", operation), tag("error", e._tag)]))),
    Effect.ensuring(Metric.increment(Metric.tagged(calls, "operation", operation)))
  )

/** Wraps an adapter: same contract, same capabilities, every operation counted. */
export const make = (inner: StorageAdapter.StorageAdapterService): StorageAdapter.StorageAdapterService => {
  // The optional scans (for `Audit.verifyStore`) are offered exactly when the inner adapter has them.
  const { scanDocuments, scanStreams } = inner
  return {
    name: `metered(${inner.name})`,
    capabilities: inner.capabilities,
    getDocument: (collection, id) => metered("getDocument", inner.getDocument(collection, id)),
    putDocument: (write) => metered("putDocument", inner.putDocument(write)),
    putDocuments: (writes) => metered("putDocuments", inner.putDocuments(writes)),
    queryIndex: (query) => metered("queryIndex", inner.queryIndex(query)),
    appendEvents: (stream, expected, events) => metered("appendEvents", inner.appendEvents(stream, expected, events)),
    readEvents: (stream, from, limit) => metered("readEvents", inner.readEvents(stream, from, limit)),
    lastVersion: (stream) => metered("lastVersion", inner.lastVersion(stream)),
    // Transactions must stay the inner adapter's own, or nesting and rollback would break.
    transaction: (self) => inner.transaction(self),
    ...(scanDocuments === undefined ? {} : { scanDocuments: (after: StorageAdapter.ScanKey | undefined, limit: number) => metered("scanDocuments", scanDocuments(after, limit)) }),
    ...(scanStreams === undefined ? {} : { scanStreams: (after: string | undefined, limit: number) => metered("scanStreams", scanStreams(after, limit)) })
  }
}

/** The metered adapter on the `StorageAdapter` in context, provided as `StorageAdapter` in its place. */
export const layerOn: Layer.Layer<StorageAdapter.StorageAdapter, never, StorageAdapter.StorageAdapter> = Layer.effect(
  StorageAdapter.StorageAdapter,
  Effect.map(StorageAdapter.StorageAdapter, make)
)

/** A fresh in-memory store, metered. */
export const layer = (): Layer.Layer<StorageAdapter.StorageAdapter> => layerOn.pipe(Layer.provide(MemoryStorage.layer()))

/** A fresh in-memory store, metered, with the memory adapter's test-only tamper hook (for the suite). */
export const layerTest = (): Layer.Layer<StorageAdapter.StorageAdapter | StorageAdapter.StorageTamper> =>
  Layer.merge(layerOn, Layer.effect(StorageAdapter.StorageTamper, StorageAdapter.StorageTamper)).pipe(
    Layer.provide(MemoryStorage.layerTest())
  )
