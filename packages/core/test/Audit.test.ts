import { assert, describe, it } from "@effect/vitest"
import { Audit, StorageAdapter } from "@qinglian/core"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as TestClock from "effect/TestClock"

// Only the stream half of the port: enough for the audit log, with the events exposed for tampering.
const streamsOnly = () => {
  const events: Array<StorageAdapter.EventRecord> = []
  const unsupported = Effect.dieMessage("documents are not used here")
  const adapter: StorageAdapter.StorageAdapterService = {
    name: "streams-only",
    capabilities: { transactions: "emulated", durable: false, multiProcess: false, bulkImport: "emulated" },
    getDocument: () => unsupported,
    putDocument: () => unsupported,
    putDocuments: () => unsupported,
    queryIndex: () => unsupported,
    appendEvents: (stream, expected, news) =>
      Effect.suspend(() => {
        const actual = events.at(-1)?.version ?? 0
        if (actual !== expected) {
          return Effect.fail(new StorageAdapter.ConcurrencyConflict({ kind: "stream", key: stream, expected, actual }))
        }
        news.forEach((e, i) => events.push({ ...e, stream, version: actual + i + 1 }))
        return Effect.succeed(actual + news.length)
      }),
    readEvents: (_stream, from = 1, limit) =>
      Effect.sync(() => {
        const rest = events.filter((e) => e.version >= from)
        return limit === undefined ? rest : rest.slice(0, limit)
      }),
    lastVersion: () => Effect.sync(() => events.at(-1)?.version ?? 0),
    transaction: (self) => self
  }
  return { events, layer: Layer.succeed(StorageAdapter.StorageAdapter, adapter) }
}

const change = (id: string, toVersion: number): Audit.Change => ({
  kind: "document",
  collection: "villages",
  id,
  action: toVersion === 1 ? "create" : "update",
  fromVersion: toVersion - 1,
  toVersion,
  digest: "ab".repeat(32)
})

const brokenAt = (self: Effect.Effect<Audit.Verified, Audit.ChainBroken | StorageAdapter.StorageError, StorageAdapter.StorageAdapter>) =>
  Effect.map(Effect.either(self), (r) => {
    if (Either.isRight(r)) return assert.fail("verify accepted a tampered log")
    assert.instanceOf(r.left, Audit.ChainBroken)
    const e = r.left as Audit.ChainBroken
    return [e.version, e.reason] as const
  })

const fiveEntries = Effect.gen(function*() {
  yield* TestClock.setTime(Date.UTC(2026, 10, 28))
  yield* Audit.record("clerk-01", [change("v1", 1), change("v2", 1)])
  yield* TestClock.adjust("1 minute")
  yield* Audit.record({ id: "clerk-02", posts: ["villageSecretary"] }, [change("v1", 2)])
  yield* Audit.record("clerk-01", [change("v3", 1), change("v2", 2)])
})

describe("Audit", () => {
  it.effect("chains entries: genesis, then each entry's hash as the next one's previous; time from Clock", () => {
    const { layer } = streamsOnly()
    return Effect.gen(function*() {
      yield* fiveEntries
      const log = (yield* Audit.entries()).map((e) => e.entry)
      assert.strictEqual(log.length, 5)
      assert.strictEqual(log[0]!.previous, Audit.genesis)
      for (let i = 1; i < log.length; i++) assert.strictEqual(log[i]!.previous, log[i - 1]!.hash)
      assert.strictEqual(log[0]!.at, Date.UTC(2026, 10, 28))
      assert.strictEqual(log[2]!.at, Date.UTC(2026, 10, 28) + 60_000)
      assert.deepStrictEqual(log[2]!.actor, { id: "clerk-02", posts: ["villageSecretary"] })
      assert.strictEqual(Audit.actorId(log[2]!.actor), "clerk-02")
      const verified = yield* Audit.verify({ pageSize: 2 })
      assert.deepStrictEqual(verified, { entries: 5, head: log[4]!.hash })
      assert.deepStrictEqual(yield* Audit.head, { version: 5, hash: log[4]!.hash })
    }).pipe(Effect.provide(layer))
  })

  it.effect("an empty log verifies", () =>
    Audit.verify().pipe(
      Effect.map((v) => assert.deepStrictEqual(v, { entries: 0, head: Audit.genesis })),
      Effect.provide(streamsOnly().layer)
    ))

  it.effect("names an altered entry (content no longer matches its hash)", () => {
    const { events, layer } = streamsOnly()
    return Effect.gen(function*() {
      yield* fiveEntries
      const data = events[3]!.data as Record<string, StorageAdapter.Json>
      events[3] = { ...events[3]!, data: { ...data, actor: "someone-else" } }
      assert.deepStrictEqual(yield* brokenAt(Audit.verify()), [4, "altered"])
    }).pipe(Effect.provide(layer))
  })

  it.effect("names the rewritten entry when its hash was recomputed too", () => {
    const { events, layer } = streamsOnly()
    return Effect.gen(function*() {
      yield* fiveEntries
      const { hash: _, ...body } = events[1]!.data as unknown as Audit.Entry
      const forged = { ...body, actor: "someone-else" }
      events[1] = { ...events[1]!, data: { ...forged, hash: Audit.hashOf(2, forged) } as unknown as StorageAdapter.Json }
      assert.deepStrictEqual(yield* brokenAt(Audit.verify()), [2, "altered"])
    }).pipe(Effect.provide(layer))
  })

  it.effect("names a removed entry, and a moved one", () => {
    const { events, layer } = streamsOnly()
    return Effect.gen(function*() {
      yield* fiveEntries
      const removed = events.splice(2, 1)[0]!
      assert.deepStrictEqual(yield* brokenAt(Audit.verify()), [3, "removed"])
      // Renumbering the rest to hide the gap breaks their hashes instead.
      events.splice(2, 0, { ...events[2]!, version: 3 })
      events.splice(3, 1)
      assert.strictEqual(removed.version, 3)
      assert.deepStrictEqual(yield* brokenAt(Audit.verify()), [3, "altered"])
    }).pipe(Effect.provide(layer))
  })

  it.effect("an anchor kept elsewhere reveals a cut tail", () => {
    const { events, layer } = streamsOnly()
    return Effect.gen(function*() {
      yield* fiveEntries
      const anchor = yield* Audit.head
      events.pop()
      const verified = yield* Audit.verify()
      assert.strictEqual(verified.entries, 4, "without an anchor a cut tail looks like a shorter log")
      assert.deepStrictEqual(yield* brokenAt(Audit.verify({ anchor })), [5, "removed"])
    }).pipe(Effect.provide(layer))
  })

  it.effect("hashes do not depend on the key order a back end returns", () =>
    Effect.sync(() => {
      const body = { actor: "a", at: 1, change: change("v1", 1), previous: Audit.genesis }
      const reordered = { previous: body.previous, change: { ...body.change }, at: 1, actor: "a" }
      assert.strictEqual(Audit.hashOf(1, body), Audit.hashOf(1, reordered))
      assert.notStrictEqual(Audit.hashOf(1, body), Audit.hashOf(2, body))
    }))

  it.effect("a stale head cannot fork the chain", () => {
    const { layer } = streamsOnly()
    return Effect.gen(function*() {
      yield* Audit.record("a", [change("v1", 1)])
      const adapter = yield* StorageAdapter.StorageAdapter
      const conflict = yield* Effect.flip(adapter.appendEvents(Audit.stream, 0, []))
      assert.strictEqual(conflict._tag, "ConcurrencyConflict")
    }).pipe(Effect.provide(layer))
  })
})
