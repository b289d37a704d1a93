/**
 * The conformance suite itself: every test runs against a fresh store from `makeLayer`, through the
 * adapter's public contract and through core's `Storage` (so the audit log is exercised too).
 *
 * @since 0.1.0
 */
import { assert, describe, it } from "@effect/vitest"
import { Audit, Storage, StorageAdapter } from "@qinglian/core"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as TestClock from "effect/TestClock"
import * as fc from "fast-check"

type Json = StorageAdapter.Json
type Adapter = StorageAdapter.StorageAdapterService

/**
 * Builds a FRESH, empty store each time it is called: the suite calls it once per test, so tests
 * never see each other's data. The layer must provide `StorageAdapter`; it should also provide the
 * test-only `StorageTamper` hook (unless `tamper: false`).
 *
 * @since 0.1.0
 * @category models
 */
export type MakeLayer = () => Layer.Layer<StorageAdapter.StorageAdapter, unknown>

/**
 * Options of {@link suite}.
 *
 * @since 0.1.0
 * @category models
 */
export interface SuiteOptions {
  /** What the adapter claims to do natively; the suite checks the adapter reports exactly this. */
  readonly capabilities: StorageAdapter.Capabilities
  /**
   * Whether the layer provides `StorageTamper`, the adapter's raw-handle tamper functions (plain
   * SQL on the file or server, the memory store's own maps), so that detection of tampering by
   * `Audit.verify` and `Audit.verifyStore` can be proved. Default `true`.
   */
  readonly tamper?: boolean
  /**
   * Whether the adapter implements the optional `scanDocuments` and `scanStreams`, so that
   * `Audit.verifyStore` can find forged records no audit entry names; the suite checks it does
   * exactly as told. Left out, the suite tests what the adapter offers: the scans' contract when it
   * has them, and otherwise that `verifyStore` says it did not scan.
   */
  readonly scans?: boolean
  /** fast-check runs for the property tests. Default 50. */
  readonly numRuns?: number
  /** Fibers racing on one stream or document. Default 20. */
  readonly racers?: number
}

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

const isoStrings = [
  "2026-11-28T09:00:00+08:00",
  "2026-11-28T09:00:00.000+08:00",
  "2026-11-28T01:00:00Z",
  "2026-03-08T02:30:00.123456-05:00",
  "2026-11-28T09:00:00+08:00[Asia/Shanghai]",
  "2026-11-28"
]

const fidelity: Json = {
  zh: "清廉村居：村务公开、财务公开、党务公开。“四议两公开”",
  emoji: "👍🏽🇨🇳😀👨‍👩‍👧",
  tricky: "tab\tnewline\nquote\"backslash\\ \u2028\u2029 ＼ 𠀀",
  empty: "",
  fen: [0, 1, 99, 1234567890123, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER],
  fraction: 0.1,
  flags: [true, false, null],
  dates: isoStrings,
  nested: { 村: { 组: [{ 户: "张三", 面积: 12.5 }], 空: {} }, list: [] },
  "键 with spaces": "值"
}

const Note = Schema.Struct({
  id: Schema.String,
  village: Schema.String,
  week: Schema.String,
  text: Schema.String,
  fen: Schema.Int,
  at: Schema.String
})
type Note = typeof Note.Type

const notes = Storage.collection({
  name: "conformanceNotes",
  schema: Note,
  id: (n) => n.id,
  indexes: { byVillageWeek: (n) => Storage.indexKey(n.village, n.week), byFen: (n) => n.fen }
})

const Tick = Schema.Struct({ racer: Schema.Number, text: Schema.String })

const ticks = Storage.eventStream({ name: "conformanceTicks", schema: Tick, type: () => "Tick" })

const note = (id: string, over: Partial<Note> = {}): Note => ({
  id,
  village: "青莲村",
  week: "2026-W48",
  text: "公开栏已更新 ✅",
  fen: 1_000_00,
  at: "2026-11-28T09:00:00+08:00",
  ...over
})

const doc = (
  id: string,
  data: Json,
  indexes: Record<string, StorageAdapter.IndexValue> = {},
  expectedVersion = 0,
  collection = "docs"
): StorageAdapter.DocumentWrite => ({ collection, id, expectedVersion, data, indexes })

const event = (type: string, data: Json, recordedAt = 1_764_291_600_000): StorageAdapter.NewEvent => ({
  type,
  data,
  recordedAt
})

const ids = (page: { readonly items: ReadonlyArray<{ readonly id: string }> }) => page.items.map((i) => i.id)

const flipped = <A, E, R>(self: Effect.Effect<A, E, R>) => Effect.flatMap(Effect.either(self), Effect.succeed)

const expectConflict = <A, E, R>(self: Effect.Effect<A, E, R>) =>
  Effect.map(flipped(self), (result) => {
    assert.isTrue(Either.isLeft(result), "expected a ConcurrencyConflict, but the write succeeded")
    const error = (result as Either.Left<E, A>).left
    assert.instanceOf(error, StorageAdapter.ConcurrencyConflict, `expected a ConcurrencyConflict, got ${String(error)}`)
    return error as unknown as StorageAdapter.ConcurrencyConflict
  })

// Bad input must be refused as a StorageError (never a ConcurrencyConflict), whatever the store holds.
const expectStorageError = <A, E, R>(self: Effect.Effect<A, E, R>, message?: RegExp, what = "") =>
  Effect.map(flipped(self), (result) => {
    assert.isTrue(Either.isLeft(result), `expected a StorageError, but the call succeeded ${what}`)
    const error = (result as Either.Left<E, A>).left
    assert.instanceOf(error, StorageAdapter.StorageError, `expected a StorageError, got ${String(error)} ${what}`)
    if (message !== undefined) assert.match((error as unknown as StorageAdapter.StorageError).message, message)
    return error as unknown as StorageAdapter.StorageError
  })

class Boom extends Schema.TaggedError<Boom>()("ConformanceBoom", {}) {}

// Reference model for index queries.
const compareRecords = (a: { value: StorageAdapter.IndexValue; id: string }, b: typeof a) =>
  StorageAdapter.compareIndexValues(a.value, b.value) || StorageAdapter.compareStrings(a.id, b.id)

const readAllPages = (
  adapter: Adapter,
  query: Omit<StorageAdapter.IndexQuery, "cursor">
): Effect.Effect<Array<StorageAdapter.DocumentRecord>, StorageAdapter.StorageError> =>
  Effect.gen(function*() {
    const out: Array<StorageAdapter.DocumentRecord> = []
    let cursor: string | undefined
    for (let guard = 0; guard < 100_000; guard++) {
      const page = yield* adapter.queryIndex(cursor === undefined ? query : { ...query, cursor })
      assert.isAtMost(page.items.length, query.limit, "a page holds more items than its limit")
      out.push(...page.items)
      if (page.cursor === undefined) return out
      assert.isAbove(page.items.length, 0, "an empty page must not carry a cursor")
      cursor = page.cursor
    }
    throw new Error("pagination did not end")
  })

// ---------------------------------------------------------------------------------------------
// The suite
// ---------------------------------------------------------------------------------------------

/**
 * Registers the conformance tests for one adapter under `describe("storage conformance: <name>")`.
 * Call it once from `packages/<adapter>/test/conformance.test.ts`.
 *
 * @since 0.1.0
 * @category suite
 */
export const suite = (name: string, makeLayer: MakeLayer, options: SuiteOptions): void => {
  const numRuns = options.numRuns ?? 50
  const racers = options.racers ?? 20
  const tamperExpected = options.tamper ?? true
  // `undefined`: whatever the adapter offers, found out inside each test.
  const scansDeclared = options.scans
  const hasScans = (a: Adapter): boolean => a.scanDocuments !== undefined && a.scanStreams !== undefined

  const fresh = () => Layer.provideMerge(Storage.layer, makeLayer())
  const run = <A, E>(self: Effect.Effect<A, E, StorageAdapter.StorageAdapter | Storage.Storage>) =>
    Effect.provide(self, fresh())
  const adapter = StorageAdapter.StorageAdapter

  describe(`storage conformance: ${name}`, () => {
    describe("contract", () => {
      it.effect("reports a name and the declared capabilities", () =>
        run(Effect.gen(function*() {
          const a = yield* adapter
          assert.isString(a.name)
          assert.isAbove(a.name.length, 0)
          assert.deepStrictEqual({ ...a.capabilities }, { ...options.capabilities })
        })))
    })

    describe("documents", () => {
      it.effect("round-trips JSON exactly: Chinese, emoji, fen up to MAX_SAFE_INTEGER, ISO dates with offsets", () =>
        run(Effect.gen(function*() {
          const a = yield* adapter
          const written = yield* a.putDocument(doc("村-1/😀", fidelity, { byText: "清廉", byNumber: Number.MAX_SAFE_INTEGER }))
          assert.strictEqual(written.version, 1)
          const read = yield* a.getDocument("docs", "村-1/😀")
          assert.isTrue(Option.isSome(read), "the document was not found after put")
          const record = Option.getOrThrow(read)
          assert.deepStrictEqual(record.data, fidelity)
          assert.deepStrictEqual({ ...record.indexes }, { byText: "清廉", byNumber: Number.MAX_SAFE_INTEGER })
          assert.strictEqual(record.collection, "docs")
          assert.strictEqual(record.id, "村-1/😀")
          assert.strictEqual(record.version, 1)
          const dates = (record.data as { dates: ReadonlyArray<string> }).dates
          isoStrings.forEach((iso, i) => assert.strictEqual(dates[i], iso, "date strings must survive byte for byte"))
          const fen = (record.data as { fen: ReadonlyArray<number> }).fen
          assert.strictEqual(fen[4], Number.MAX_SAFE_INTEGER)
          assert.isTrue(Number.isSafeInteger(fen[3]))
        })))

      it.effect("round-trips Schema-typed documents through core's Storage, including zoned date-times", () =>
        run(Effect.gen(function*() {
          const Zoned = Schema.Struct({ id: Schema.String, at: Schema.DateTimeZoned, amount: Schema.Int, 名称: Schema.String })
          const zoned = Storage.collection({ name: "conformanceZoned", schema: Zoned, id: (z) => z.id })
          const value = Schema.decodeSync(Zoned)({
            id: "z1",
            at: "2026-11-28T09:00:00.000+08:00[Asia/Shanghai]",
            amount: Number.MAX_SAFE_INTEGER,
            名称: "村民代表会议 🗳️"
          })
          yield* zoned.insert(value, { actor: "conformance" })
          const stored = yield* zoned.getOrFail("z1")
          assert.deepStrictEqual(Schema.encodeSync(Zoned)(stored.value), Schema.encodeSync(Zoned)(value))
          assert.strictEqual(stored.version, 1)
        })))

      it.effect("returns None for a missing document and counts versions from 1", () =>
        run(Effect.gen(function*() {
          const a = yield* adapter
          assert.isTrue(Option.isNone(yield* a.getDocument("docs", "missing")))
          yield* a.putDocument(doc("d", { n: 1 }))
          const second = yield* a.putDocument(doc("d", { n: 2 }, {}, 1))
          const third = yield* a.putDocument(doc("d", { n: 3 }, {}, 2))
          assert.strictEqual(second.version, 2)
          assert.strictEqual(third.version, 3)
          const read = Option.getOrThrow(yield* a.getDocument("docs", "d"))
          assert.deepStrictEqual(read.data, { n: 3 })
          assert.strictEqual(read.version, 3)
          assert.isTrue(Option.isNone(yield* a.getDocument("other", "d")), "collections must be separate")
        })))

      it.effect("a stale version fails with ConcurrencyConflict and writes nothing", () =>
        run(Effect.gen(function*() {
          const a = yield* adapter
          yield* a.putDocument(doc("d", { n: 1 }, { byN: 1 }))
          yield* a.putDocument(doc("d", { n: 2 }, { byN: 2 }, 1))
          const stale = yield* expectConflict(a.putDocument(doc("d", { n: 99 }, { byN: 99 }, 1)))
          assert.strictEqual(stale.kind, "document")
          assert.strictEqual(stale.expected, 1)
          assert.strictEqual(stale.actual, 2)
          const exists = yield* expectConflict(a.putDocument(doc("d", { n: 98 }, { byN: 98 }, 0)))
          assert.strictEqual(exists.actual, 2)
          const ahead = yield* expectConflict(a.putDocument(doc("new", { n: 1 }, { byN: 1 }, 3)))
          assert.strictEqual(ahead.actual, 0)
          const read = Option.getOrThrow(yield* a.getDocument("docs", "d"))
          assert.deepStrictEqual(read.data, { n: 2 })
          assert.strictEqual(read.version, 2)
          assert.isTrue(Option.isNone(yield* a.getDocument("docs", "new")))
          const page = yield* a.queryIndex({ collection: "docs", index: "byN", limit: 10 })
          assert.deepStrictEqual(page.items.map((r) => r.indexes.byN), [2])
        })))

      it.effect("putDocuments is all or nothing: one conflict in a batch writes none of it", () =>
        run(Effect.gen(function*() {
          const a = yield* adapter
          yield* a.putDocument(doc("taken", { n: 0 }, { byN: 0 }))
          const batch = [
            doc("a", { n: 1 }, { byN: 1 }),
            doc("taken", { n: 2 }, { byN: 2 }, 1),
            doc("b", { n: 3 }, { byN: 3 }),
            doc("taken", { n: 4 }, { byN: 4 }, 1) // stale: the batch made it version 2
          ]
          yield* expectConflict(a.putDocuments(batch))
          assert.isTrue(Option.isNone(yield* a.getDocument("docs", "a")))
          assert.isTrue(Option.isNone(yield* a.getDocument("docs", "b")))
          assert.strictEqual(Option.getOrThrow(yield* a.getDocument("docs", "taken")).version, 1)
          const page = yield* a.queryIndex({ collection: "docs", index: "byN", limit: 10 })
          assert.deepStrictEqual(ids(page), ["taken"])
          // The same batch with the right versions applies in order.
          yield* a.putDocuments(batch.map((w, i) => (i === 3 ? { ...w, expectedVersion: 2 } : w)))
          const taken = Option.getOrThrow(yield* a.getDocument("docs", "taken"))
          assert.strictEqual(taken.version, 3)
          assert.deepStrictEqual(taken.data, { n: 4 })
          assert.deepStrictEqual(ids(yield* a.queryIndex({ collection: "docs", index: "byN", limit: 10 })), ["a", "b", "taken"])
        })))

      it.effect("a write replaces the document's index values (moved or dropped entries)", () =>
        run(Effect.gen(function*() {
          const a = yield* adapter
          yield* a.putDocuments([doc("x", {}, { i: "b", j: 1 }), doc("y", {}, { i: "c", j: 2 })])
          yield* a.putDocument(doc("x", {}, { i: "d" }, 1))
          assert.deepStrictEqual(ids(yield* a.queryIndex({ collection: "docs", index: "i", limit: 10 })), ["y", "x"])
          assert.deepStrictEqual(ids(yield* a.queryIndex({ collection: "docs", index: "j", limit: 10 })), ["y"])
          assert.deepStrictEqual(
            ids(yield* a.queryIndex({ collection: "unknown", index: "i", limit: 10 })),
            [],
            "an unknown collection is empty"
          )
        })))
    })

    describe("index queries", () => {
      it.effect("orders numbers before strings, numbers numerically, strings by code point, ties by id", () =>
        run(Effect.gen(function*() {
          const a = yield* adapter
          const values: Array<[string, StorageAdapter.IndexValue]> = [
            ["s-emoji", "😀"],
            ["s-fullwidth", "！"],
            ["s-zh", "中"],
            ["s-b", "b"],
            ["s-a2", "a"],
            ["s-a1", "a"],
            ["s-A", "A"],
            ["s-empty", ""],
            ["n-big", Number.MAX_SAFE_INTEGER],
            ["n-10", 10],
            ["n-9", 9],
            ["n-neg", -5],
            ["n-half", 0.5]
          ]
          yield* a.putDocuments(values.map(([id, v]) => doc(id, { v }, { v })))
          const asc = ids(yield* a.queryIndex({ collection: "docs", index: "v", limit: 100 }))
          const expected = ["n-neg", "n-half", "n-9", "n-10", "n-big", "s-empty", "s-A", "s-a1", "s-a2", "s-b", "s-zh", "s-fullwidth", "s-emoji"]
          assert.deepStrictEqual(asc, expected)
          const desc = ids(yield* a.queryIndex({ collection: "docs", index: "v", order: "desc", limit: 100 }))
          assert.deepStrictEqual(desc, [...expected].reverse())
        })))

      it.effect("applies gte/gt/lte/lt ranges, including composite village-week keys", () =>
        run(Effect.gen(function*() {
          const a = yield* adapter
          yield* a.putDocuments(Array.from({ length: 20 }, (_, i) => doc(`n${String(i).padStart(2, "0")}`, { i }, { n: i })))
          const q = (range: Partial<StorageAdapter.IndexQuery>) =>
            Effect.map(a.queryIndex({ collection: "docs", index: "n", limit: 100, ...range }), (p) => p.items.map((r) => r.indexes.n))
          assert.deepStrictEqual(yield* q({ gte: 5, lte: 8 }), [5, 6, 7, 8])
          assert.deepStrictEqual(yield* q({ gt: 5, lt: 8 }), [6, 7])
          assert.deepStrictEqual(yield* q({ gt: 17 }), [18, 19])
          assert.deepStrictEqual(yield* q({ lt: 2, order: "desc" }), [1, 0])
          assert.deepStrictEqual(yield* q({ gte: 9, lte: 3 }), [])
          assert.deepStrictEqual(yield* q({ gte: 3, gt: 3, lte: 5 }), [4, 5])

          const villages = ["青莲村", "青莲村二组", "白鹤村"]
          const weeks = ["2026-W01", "2026-W02", "2026-W48"]
          yield* a.putDocuments(villages.flatMap((v) =>
            weeks.map((w) => doc(`${v}:${w}`, { v, w }, { byVillageWeek: Storage.indexKey(v, w) }, 0, "weekly"))
          ))
          const weekly = yield* a.queryIndex({ collection: "weekly", index: "byVillageWeek", limit: 100, ...Storage.prefixRange("青莲村") })
          assert.deepStrictEqual(ids(weekly), weeks.map((w) => `青莲村:${w}`), "a village prefix must not match a longer village name")
          const oneWeek = yield* a.queryIndex({
            collection: "weekly",
            index: "byVillageWeek",
            limit: 100,
            gte: Storage.indexKey("白鹤村", "2026-W02"),
            lte: Storage.indexKey("白鹤村", "2026-W02")
          })
          assert.deepStrictEqual(ids(oneWeek), ["白鹤村:2026-W02"])
        })))

      it.effect("pages have no duplicates or gaps (property: concatenated pages = sorted filtered set)", () =>
        run(Effect.gen(function*() {
          const a = yield* adapter
          const value = fc.oneof(
            fc.integer({ min: -50, max: 50 }),
            fc.constantFrom("", "a", "b", "ab", "中", "中文", "😀", "！", "z")
          )
          const bound = fc.option(value, { nil: undefined })
          let runNo = 0
          yield* Effect.promise(() =>
            fc.assert(
              fc.asyncProperty(
                fc.uniqueArray(fc.record({ id: fc.string({ minLength: 1, maxLength: 4, unit: "grapheme" }), value }), {
                  selector: (d) => d.id,
                  maxLength: 40
                }),
                fc.record({ gte: bound, gt: bound, lte: bound, lt: bound }),
                fc.constantFrom<"asc" | "desc">("asc", "desc"),
                fc.integer({ min: 1, max: 12 }),
                async (docs, range, order, limit) => {
                  const collection = `prop-${runNo++}`
                  const query: Omit<StorageAdapter.IndexQuery, "cursor"> = {
                    collection,
                    index: "v",
                    order,
                    limit,
                    ...Object.fromEntries(Object.entries(range).filter(([, v]) => v !== undefined))
                  }
                  const pages = await Effect.runPromise(Effect.gen(function*() {
                    if (docs.length > 0) yield* a.putDocuments(docs.map((d) => doc(d.id, { v: d.value }, { v: d.value }, 0, collection)))
                    return yield* readAllPages(a, query)
                  }))
                  const expected = docs
                    .filter((d) => StorageAdapter.inRange(query as StorageAdapter.IndexQuery, d.value))
                    .sort(compareRecords)
                    .map((d) => d.id)
                  if (order === "desc") expected.reverse()
                  assert.deepStrictEqual(pages.map((r) => r.id), expected)
                }
              ),
              { numRuns }
            )
          )
        })))

      it.effect("keyset pages stay consistent when other documents change between pages", () =>
        run(Effect.gen(function*() {
          const a = yield* adapter
          yield* a.putDocuments(Array.from({ length: 10 }, (_, i) => doc(`d${i}`, {}, { n: i * 10 })))
          const first = yield* a.queryIndex({ collection: "docs", index: "n", limit: 4 })
          assert.deepStrictEqual(ids(first), ["d0", "d1", "d2", "d3"])
          // Before the cursor: must not reappear. After it: must be seen once.
          yield* a.putDocument(doc("early", {}, { n: 5 }))
          yield* a.putDocument(doc("late", {}, { n: 75 }))
          yield* a.putDocument(doc("d1", {}, { n: 95 }, 1))
          const rest: Array<string> = []
          let cursor = first.cursor
          while (cursor !== undefined) {
            const page = yield* a.queryIndex({ collection: "docs", index: "n", limit: 4, cursor })
            rest.push(...ids(page))
            cursor = page.cursor
          }
          assert.deepStrictEqual(rest, ["d4", "d5", "d6", "d7", "late", "d8", "d9", "d1"])
        })))

      it.effect("typed repositories query by index with pagination", () =>
        run(Effect.gen(function*() {
          const all = Array.from({ length: 25 }, (_, i) =>
            note(`n${String(i).padStart(2, "0")}`, { week: `2026-W${String((i % 5) + 1).padStart(2, "0")}`, fen: i }))
          yield* notes.insertMany(all, { actor: "conformance" })
          const week2 = yield* notes.all("byVillageWeek", { ...Storage.prefixRange("青莲村", "2026-W02"), pageSize: 2 })
          assert.deepStrictEqual(week2.map((s) => s.id), ["n01", "n06", "n11", "n16", "n21"])
          const page = yield* notes.query("byFen", { gte: 20, limit: 3, order: "desc" })
          assert.deepStrictEqual(page.items.map((s) => s.value.fen), [24, 23, 22])
          assert.isString(page.cursor)
        })))
    })

    describe("event streams", () => {
      it.effect("appends with versions 1..n and reads them back exactly", () =>
        run(Effect.gen(function*() {
          const a = yield* adapter
          assert.strictEqual(yield* a.lastVersion("case/1"), 0)
          assert.deepStrictEqual(yield* a.readEvents("case/1"), [])
          const v = yield* a.appendEvents("case/1", 0, [event("Opened", fidelity), event("Assigned", { to: "纪检委员" }, 5)])
          assert.strictEqual(v, 2)
          const v2 = yield* a.appendEvents("case/1", 2, [event("Closed", null)])
          assert.strictEqual(v2, 3)
          const events = yield* a.readEvents("case/1")
          assert.deepStrictEqual(events.map((e) => [e.stream, e.version, e.type]), [
            ["case/1", 1, "Opened"],
            ["case/1", 2, "Assigned"],
            ["case/1", 3, "Closed"]
          ])
          assert.deepStrictEqual(events[0]!.data, fidelity)
          assert.strictEqual(events[0]!.recordedAt, 1_764_291_600_000)
          assert.strictEqual(events[1]!.recordedAt, 5)
          assert.deepStrictEqual((yield* a.readEvents("case/1", 2)).map((e) => e.version), [2, 3])
          assert.deepStrictEqual((yield* a.readEvents("case/1", 2, 1)).map((e) => e.version), [2])
          assert.deepStrictEqual(yield* a.readEvents("case/1", 4), [])
          assert.strictEqual(yield* a.lastVersion("case/2"), 0, "streams are separate")
          assert.strictEqual(yield* a.appendEvents("case/1", 3, []), 3, "an empty append returns the version")
        })))

      it.effect("is append-only: a stale expected version fails and overwrites nothing", () =>
        run(Effect.gen(function*() {
          const a = yield* adapter
          yield* a.appendEvents("s", 0, [event("A", 1), event("B", 2)])
          const again = yield* expectConflict(a.appendEvents("s", 0, [event("X", "overwrite")]))
          assert.strictEqual(again.kind, "stream")
          assert.strictEqual(again.actual, 2)
          yield* expectConflict(a.appendEvents("s", 1, [event("X", "overwrite")]))
          yield* expectConflict(a.appendEvents("s", 5, [event("X", "gap")]))
          yield* expectConflict(a.appendEvents("empty", 1, [event("X", "gap")]))
          assert.deepStrictEqual((yield* a.readEvents("s")).map((e) => e.data), [1, 2])
          assert.strictEqual(yield* a.lastVersion("empty"), 0)
        })))

      it.effect("typed event streams decode what they encoded", () =>
        run(Effect.gen(function*() {
          const v = yield* ticks.append("t", 0, [{ racer: 1, text: "第一 🥇" }, { racer: 2, text: "第二" }], { actor: "conformance" })
          assert.strictEqual(v, 2)
          const read = yield* ticks.read("t")
          assert.deepStrictEqual(read.map((e) => [e.version, e.type, e.value.text]), [[1, "Tick", "第一 🥇"], [2, "Tick", "第二"]])
        })))
    })

    describe("transactions", () => {
      it.effect("commit keeps every write made inside", () =>
        run(Effect.gen(function*() {
          const a = yield* adapter
          yield* a.transaction(Effect.gen(function*() {
            yield* a.putDocument(doc("a", { n: 1 }, { n: 1 }))
            yield* a.putDocument(doc("a", { n: 2 }, { n: 2 }, 1))
            yield* a.appendEvents("s", 0, [event("E", 1)])
            // Reads inside see the transaction's own writes.
            assert.strictEqual(Option.getOrThrow(yield* a.getDocument("docs", "a")).version, 2)
            assert.strictEqual(yield* a.lastVersion("s"), 1)
          }))
          assert.strictEqual(Option.getOrThrow(yield* a.getDocument("docs", "a")).version, 2)
          assert.strictEqual(yield* a.lastVersion("s"), 1)
        })))

      it.effect("a failure half-way leaves no trace (documents, indexes, streams)", () =>
        run(Effect.gen(function*() {
          const a = yield* adapter
          yield* a.putDocument(doc("kept", { n: 0 }, { n: 0 }))
          yield* a.appendEvents("s", 0, [event("E", 0)])
          const result = yield* flipped(a.transaction(Effect.gen(function*() {
            yield* a.putDocument(doc("kept", { n: 1 }, { n: 1 }, 1))
            yield* a.putDocument(doc("new", { n: 2 }, { n: 2 }))
            yield* a.putDocuments([doc("bulk1", {}, { n: 3 }), doc("bulk2", {}, { n: 4 })])
            yield* a.appendEvents("s", 1, [event("E", 1)])
            yield* a.appendEvents("fresh", 0, [event("E", 1)])
            return yield* new Boom()
          })))
          assert.isTrue(Either.isLeft(result) && result.left instanceof Boom, "the error must come back unchanged")
          const kept = Option.getOrThrow(yield* a.getDocument("docs", "kept"))
          assert.strictEqual(kept.version, 1)
          assert.deepStrictEqual(kept.data, { n: 0 })
          for (const id of ["new", "bulk1", "bulk2"]) assert.isTrue(Option.isNone(yield* a.getDocument("docs", id)))
          assert.deepStrictEqual(ids(yield* a.queryIndex({ collection: "docs", index: "n", limit: 10 })), ["kept"])
          assert.strictEqual(yield* a.lastVersion("s"), 1)
          assert.strictEqual(yield* a.lastVersion("fresh"), 0)
          assert.deepStrictEqual(yield* a.readEvents("fresh"), [])
          // The store is still usable afterwards.
          yield* a.putDocument(doc("new", { n: 5 }, { n: 5 }))
          assert.strictEqual(yield* a.appendEvents("fresh", 0, [event("E", 1)]), 1)
        })))

      it.effect("a defect or a conflict inside rolls back too", () =>
        run(Effect.gen(function*() {
          const a = yield* adapter
          yield* a.putDocument(doc("x", {}, {}))
          const defect = yield* Effect.exit(a.transaction(Effect.gen(function*() {
            yield* a.putDocument(doc("y", {}, {}))
            return yield* Effect.die(new Error("boom"))
          })))
          assert.isTrue(defect._tag === "Failure")
          assert.isTrue(Option.isNone(yield* a.getDocument("docs", "y")))
          yield* expectConflict(a.transaction(Effect.gen(function*() {
            yield* a.putDocument(doc("z", {}, {}))
            yield* a.putDocument(doc("x", {}, {}, 0)) // conflict: x exists
          })))
          assert.isTrue(Option.isNone(yield* a.getDocument("docs", "z")))
        })))

      it.effect("a nested transaction joins the outer one", () =>
        run(Effect.gen(function*() {
          const a = yield* adapter
          const result = yield* flipped(a.transaction(Effect.gen(function*() {
            yield* a.transaction(a.putDocument(doc("inner", {}, {})))
            assert.isTrue(Option.isSome(yield* a.getDocument("docs", "inner")))
            return yield* new Boom()
          })))
          assert.isTrue(Either.isLeft(result))
          assert.isTrue(Option.isNone(yield* a.getDocument("docs", "inner")), "the outer failure must undo the inner commit")
          yield* a.transaction(a.transaction(a.putDocument(doc("inner", {}, {}))))
          assert.isTrue(Option.isSome(yield* a.getDocument("docs", "inner")))
        })))

      it.effect("a failed nested transaction caught by the outer leaves no trace; the outer commits the rest (savepoint)", () =>
        run(Effect.gen(function*() {
          const a = yield* adapter
          yield* a.putDocument(doc("shared", { n: 0 }, { n: 0 }))
          yield* a.appendEvents("s", 0, [event("E", 0)])
          yield* a.transaction(Effect.gen(function*() {
            yield* a.putDocument(doc("outer-before", { n: 1 }, { n: 1 }))
            yield* a.appendEvents("s", 1, [event("E", "outer-before")])
            const inner = yield* flipped(a.transaction(Effect.gen(function*() {
              yield* a.putDocument(doc("shared", { n: 99 }, { n: 99 }, 1))
              yield* a.putDocument(doc("inner", { n: 98 }, { n: 98 }))
              yield* a.putDocuments([doc("inner-bulk", {}, { n: 97 }), doc("outer-before", { n: 96 }, { n: 96 }, 1)])
              yield* a.appendEvents("s", 2, [event("E", "inner"), event("E", "inner")])
              yield* a.appendEvents("inner-stream", 0, [event("E", "inner")])
              return yield* new Boom()
            })))
            assert.isTrue(Either.isLeft(inner) && inner.left instanceof Boom, "the inner error must come back unchanged")
            // Undone at once, not only at commit: the outer transaction reads the state before the inner call.
            assert.deepStrictEqual(Option.getOrThrow(yield* a.getDocument("docs", "shared")).data, { n: 0 })
            assert.isTrue(Option.isNone(yield* a.getDocument("docs", "inner")))
            assert.strictEqual(yield* a.lastVersion("s"), 2)
            assert.strictEqual(yield* a.lastVersion("inner-stream"), 0)
            // The outer transaction goes on from there and commits.
            yield* a.putDocument(doc("outer-after", { n: 2 }, { n: 2 }))
            yield* a.appendEvents("s", 2, [event("E", "outer-after")])
          }))
          const shared = Option.getOrThrow(yield* a.getDocument("docs", "shared"))
          assert.strictEqual(shared.version, 1)
          assert.deepStrictEqual(shared.data, { n: 0 })
          const before = Option.getOrThrow(yield* a.getDocument("docs", "outer-before"))
          assert.strictEqual(before.version, 1)
          assert.deepStrictEqual(before.data, { n: 1 })
          for (const id of ["inner", "inner-bulk"]) {
            assert.isTrue(Option.isNone(yield* a.getDocument("docs", id)), `${id} was written by the failed inner call`)
          }
          assert.deepStrictEqual(
            ids(yield* a.queryIndex({ collection: "docs", index: "n", limit: 10 })),
            ["shared", "outer-before", "outer-after"]
          )
          assert.deepStrictEqual((yield* a.readEvents("s")).map((e) => e.data), [0, "outer-before", "outer-after"])
          assert.strictEqual(yield* a.lastVersion("inner-stream"), 0)
          assert.deepStrictEqual(yield* a.readEvents("inner-stream"), [])
        })))

      it.effect("nested savepoints: a committed inner call is kept, a failed sibling or grandchild is undone", () =>
        run(Effect.gen(function*() {
          const a = yield* adapter
          yield* a.transaction(Effect.gen(function*() {
            yield* a.transaction(a.putDocument(doc("kept-1", {}, { n: 1 })))
            yield* flipped(a.transaction(Effect.zipRight(a.putDocument(doc("undone-1", {}, { n: 2 })), new Boom())))
            yield* a.transaction(Effect.gen(function*() {
              yield* a.putDocument(doc("kept-2", {}, { n: 3 }))
              yield* flipped(a.transaction(Effect.gen(function*() {
                yield* a.putDocument(doc("undone-2", {}, { n: 4 }))
                yield* a.appendEvents("deep", 0, [event("E", "undone")])
                return yield* new Boom()
              })))
              yield* a.appendEvents("deep", 0, [event("E", "kept")])
            }))
          }))
          assert.deepStrictEqual(ids(yield* a.queryIndex({ collection: "docs", index: "n", limit: 10 })), ["kept-1", "kept-2"])
          assert.deepStrictEqual((yield* a.readEvents("deep")).map((e) => e.data), ["kept"])
          // A failure of the outermost call still undoes committed inner calls.
          yield* flipped(a.transaction(Effect.gen(function*() {
            yield* a.transaction(a.putDocument(doc("kept-1", {}, { n: 5 }, 1)))
            yield* a.transaction(a.appendEvents("deep", 1, [event("E", "gone")]))
            return yield* new Boom()
          })))
          assert.strictEqual(Option.getOrThrow(yield* a.getDocument("docs", "kept-1")).version, 1)
          assert.strictEqual(yield* a.lastVersion("deep"), 1)
        })))

      it.effect("a conflict inside a nested call, caught by the outer, undoes only the nested call", () =>
        run(Effect.gen(function*() {
          const a = yield* adapter
          yield* a.putDocument(doc("taken", {}, {}))
          yield* a.transaction(Effect.gen(function*() {
            yield* a.putDocument(doc("mine", {}, { n: 1 }))
            yield* expectConflict(a.transaction(Effect.gen(function*() {
              yield* a.putDocument(doc("half", {}, { n: 2 }))
              yield* a.putDocument(doc("taken", {}, {}, 0))
            })))
          }))
          assert.deepStrictEqual(ids(yield* a.queryIndex({ collection: "docs", index: "n", limit: 10 })), ["mine"])
          assert.isTrue(Option.isNone(yield* a.getDocument("docs", "half")))
        })))

      it.effect("a defect in a nested call rolls back everything unless caught; caught, it undoes only the nested call", () =>
        run(Effect.gen(function*() {
          const a = yield* adapter
          const uncaught = yield* Effect.exit(a.transaction(Effect.gen(function*() {
            yield* a.putDocument(doc("outer", {}, { n: 1 }))
            yield* a.appendEvents("s", 0, [event("E", "outer")])
            yield* a.transaction(Effect.gen(function*() {
              yield* a.putDocument(doc("inner", {}, { n: 2 }))
              return yield* Effect.die(new Error("boom"))
            }))
          })))
          assert.isTrue(Exit.isFailure(uncaught) && !Exit.isInterrupted(uncaught), "the defect must come back")
          assert.isTrue(Option.isNone(yield* a.getDocument("docs", "outer")))
          assert.isTrue(Option.isNone(yield* a.getDocument("docs", "inner")))
          assert.strictEqual(yield* a.lastVersion("s"), 0)

          yield* a.transaction(Effect.gen(function*() {
            yield* a.putDocument(doc("outer", {}, { n: 1 }))
            yield* a.transaction(Effect.gen(function*() {
              yield* a.putDocument(doc("inner", {}, { n: 2 }))
              yield* a.appendEvents("s", 0, [event("E", "inner")])
              return yield* Effect.die(new Error("boom"))
            })).pipe(Effect.catchAllDefect(() => Effect.void))
            yield* a.appendEvents("s", 0, [event("E", "outer")])
          }))
          assert.deepStrictEqual(ids(yield* a.queryIndex({ collection: "docs", index: "n", limit: 10 })), ["outer"])
          assert.deepStrictEqual((yield* a.readEvents("s")).map((e) => e.data), ["outer"])
        })))

      it.effect("interrupting a transaction (outer or while inside a nested call) rolls it back", () =>
        run(Effect.gen(function*() {
          const a = yield* adapter
          yield* a.putDocument(doc("kept", { n: 0 }, { n: 0 }))
          for (const nested of [false, true]) {
            const inside = yield* Deferred.make<void>()
            const writes = Effect.gen(function*() {
              yield* a.putDocument(doc("kept", { n: 1 }, { n: 1 }, 1))
              yield* a.putDocuments([doc("new", {}, { n: 2 })])
              yield* a.appendEvents("s", 0, [event("E", 1)])
            })
            const body = nested
              ? Effect.zipRight(writes, a.transaction(Effect.gen(function*() {
                yield* a.putDocument(doc("inner", {}, { n: 3 }))
                yield* Deferred.succeed(inside, undefined)
                return yield* Effect.never
              })))
              : Effect.zipRight(writes, Effect.zipRight(Deferred.succeed(inside, undefined), Effect.never))
            const fiber = yield* Effect.fork(a.transaction(body))
            yield* Deferred.await(inside)
            const exit = yield* Fiber.interrupt(fiber)
            assert.isTrue(Exit.isInterrupted(exit))
            const kept = Option.getOrThrow(yield* a.getDocument("docs", "kept"))
            assert.strictEqual(kept.version, 1, `nested: ${nested}`)
            assert.deepStrictEqual(kept.data, { n: 0 })
            assert.isTrue(Option.isNone(yield* a.getDocument("docs", "new")))
            assert.isTrue(Option.isNone(yield* a.getDocument("docs", "inner")))
            assert.deepStrictEqual(ids(yield* a.queryIndex({ collection: "docs", index: "n", limit: 10 })), ["kept"])
            assert.strictEqual(yield* a.lastVersion("s"), 0)
          }
          // The store is not left locked.
          yield* a.transaction(a.putDocument(doc("new", {}, {})))
          assert.strictEqual(yield* a.appendEvents("s", 0, [event("E", 1)]), 1)
        })))

      it.live("transactions are serializable: concurrent read-modify-write transactions never conflict", () =>
        run(Effect.gen(function*() {
          const a = yield* adapter
          yield* a.putDocument(doc("counter", { n: 0 }, {}))
          yield* Effect.forEach(Array.from({ length: racers }), () =>
            a.transaction(Effect.gen(function*() {
              const current = Option.getOrThrow(yield* a.getDocument("docs", "counter"))
              yield* Effect.yieldNow()
              yield* a.putDocument(doc("counter", { n: (current.data as { n: number }).n + 1 }, {}, current.version))
            })), { concurrency: "unbounded", discard: true })
          const counter = Option.getOrThrow(yield* a.getDocument("docs", "counter"))
          assert.deepStrictEqual(counter.data, { n: racers })
          assert.strictEqual(counter.version, racers + 1)
        })))

      it.effect("through Storage, a failed transaction leaves no audit entry either", () =>
        run(Effect.gen(function*() {
          const a = yield* adapter
          yield* notes.insert(note("before"), { actor: "clerk" })
          const auditBefore = yield* a.lastVersion(Audit.stream)
          assert.strictEqual(auditBefore, 1)
          const result = yield* flipped(Storage.transaction(Effect.gen(function*() {
            yield* notes.insert(note("one"), { actor: "clerk" })
            yield* notes.put(note("before", { text: "改了" }), { actor: "clerk", expectedVersion: 1 })
            yield* ticks.append("t", 0, [{ racer: 0, text: "x" }], { actor: "clerk" })
            return yield* new Boom()
          })))
          assert.isTrue(Either.isLeft(result))
          assert.strictEqual(yield* a.lastVersion(Audit.stream), auditBefore)
          assert.isTrue(Option.isNone(yield* notes.get("one")))
          assert.strictEqual((yield* notes.getOrFail("before")).value.text, note("before").text)
          assert.strictEqual(yield* ticks.lastVersion("t"), 0)
          // A conflicting write through Storage writes neither the document nor an audit entry.
          yield* expectConflict(notes.insert(note("before", { text: "dup" }), { actor: "clerk" }))
          assert.strictEqual(yield* a.lastVersion(Audit.stream), auditBefore)
          yield* Audit.verify()
        })))
      it.effect("through Storage, a nested failure caught by the outer leaves no audit entry and the chain verifies", () =>
        run(Effect.gen(function*() {
          const a = yield* adapter
          yield* notes.insert(note("before"), { actor: "clerk" })
          yield* Storage.transaction(Effect.gen(function*() {
            yield* notes.insert(note("kept"), { actor: "clerk" })
            const inner = yield* flipped(Storage.transaction(Effect.gen(function*() {
              yield* notes.insert(note("undone"), { actor: "clerk" })
              yield* notes.put(note("before", { text: "改了" }), { actor: "clerk", expectedVersion: 1 })
              yield* ticks.append("t", 0, [{ racer: 0, text: "undone" }], { actor: "clerk" })
              return yield* new Boom()
            })))
            assert.isTrue(Either.isLeft(inner) && inner.left instanceof Boom)
            // A write that fails on its own (a conflict) inside the outer transaction, caught too.
            yield* expectConflict(notes.insert(note("before", { text: "dup" }), { actor: "clerk" }))
            yield* ticks.append("t", 0, [{ racer: 1, text: "kept" }], { actor: "clerk" })
          }))
          assert.isTrue(Option.isNone(yield* notes.get("undone")))
          assert.strictEqual((yield* notes.getOrFail("before")).value.text, note("before").text)
          assert.deepStrictEqual((yield* ticks.read("t")).map((e) => e.value.text), ["kept"])
          const log = yield* Audit.entries()
          assert.deepStrictEqual(
            log.map(({ entry }) => entry.change.kind === "document" ? entry.change.id : entry.change.stream),
            ["before", "kept", "conformanceTicks/t"],
            "only the committed writes have audit entries"
          )
          assert.deepStrictEqual(log.map((e) => e.version), [1, 2, 3])
          assert.strictEqual(yield* a.lastVersion(Audit.stream), 3)
          const verified = yield* Audit.verify()
          assert.strictEqual(verified.entries, 3)
          // The chain continues from the committed head.
          yield* notes.insert(note("after"), { actor: "clerk" })
          assert.strictEqual((yield* Audit.verify()).entries, 4)
        })))
    })

    describe("scans (for Audit.verifyStore)", () => {
      it.effect("the adapter offers scanDocuments and scanStreams exactly when the suite is told so", () =>
        run(Effect.gen(function*() {
          const a = yield* adapter
          // Both or neither: one without the other cannot serve verifyStore.
          assert.strictEqual(a.scanDocuments !== undefined, a.scanStreams !== undefined, "scanDocuments and scanStreams together")
          if (scansDeclared !== undefined) {
            assert.strictEqual(a.scanDocuments !== undefined, scansDeclared, "scanDocuments")
            assert.strictEqual(a.scanStreams !== undefined, scansDeclared, "scanStreams")
          }
        })))

      const keysOf = ["z", "é", "😀", "\uFF01", "1", "10", "2", "a b"]
      const collectionsOf = ["b", "a", "a/b", "ab", "青莲"]

      it.effect.skipIf(scansDeclared === false)(
        "scanDocuments lists every document once, by (collection, id) in code point order, with its current version, data and indexes",
        () =>
          run(Effect.gen(function*() {
            const a = yield* adapter
            if (!hasScans(a)) return
            const writes = collectionsOf.flatMap((c) =>
              keysOf.map((id, i) => doc(id, { c, id, i }, i % 2 === 0 ? { byI: i, byId: id } : {}, 0, c))
            )
            yield* a.putDocuments(writes)
            // An update replaces the indexes; the scan shows the new ones.
            yield* a.putDocument(doc("z", { c: "a", id: "z", updated: true }, { other: "x" }, 1, "a"))
            const scanned: Array<StorageAdapter.DocumentRecord> = []
            let after: StorageAdapter.ScanKey | undefined
            while (true) {
              const page = yield* a.scanDocuments!(after, 3)
              assert.isAtMost(page.length, 3)
              scanned.push(...page)
              const last = page[page.length - 1]
              if (page.length < 3 || last === undefined) break
              after = { collection: last.collection, id: last.id }
            }
            const expected = writes.map((w) => ({ collection: w.collection, id: w.id })).sort(StorageAdapter.compareScanKeys)
            assert.deepStrictEqual(scanned.map((r) => ({ collection: r.collection, id: r.id })), expected)
            for (const record of scanned) {
              if (record.collection === "a" && record.id === "z") {
                assert.deepStrictEqual(
                  { version: record.version, data: record.data, indexes: { ...record.indexes } },
                  { version: 2, data: { c: "a", id: "z", updated: true }, indexes: { other: "x" } }
                )
              } else {
                const w = writes.find((w) => w.collection === record.collection && w.id === record.id)!
                assert.deepStrictEqual(
                  { version: record.version, data: record.data, indexes: { ...record.indexes } },
                  { version: 1, data: w.data, indexes: { ...w.indexes } }
                )
              }
            }
            assert.deepStrictEqual(yield* a.scanDocuments!({ collection: "青莲", id: "😀" }, 5), [])
            yield* expectStorageError(a.scanDocuments!(undefined, 0), /limit/)
          }))
      )

      it.effect.skipIf(scansDeclared === false)("scanStreams lists every stream with events once, by name, with its last version", () =>
        run(Effect.gen(function*() {
          const a = yield* adapter
          if (!hasScans(a)) return
          const names = [...collectionsOf, ...keysOf]
          for (const [i, name] of names.entries()) {
            yield* a.appendEvents(name, 0, Array.from({ length: (i % 3) + 1 }, (_, j) => event("E", j)))
          }
          const scanned: Array<StorageAdapter.StreamHead> = []
          let after: string | undefined
          while (true) {
            const page = yield* a.scanStreams!(after, 4)
            scanned.push(...page)
            const last = page[page.length - 1]
            if (page.length < 4 || last === undefined) break
            after = last.stream
          }
          assert.deepStrictEqual(
            scanned.map((h): [string, number] => [h.stream, h.lastVersion]),
            names.map((name, i): [string, number] => [name, (i % 3) + 1]).sort((x, y) => StorageAdapter.compareStrings(x[0], y[0]))
          )
          yield* expectStorageError(a.scanStreams!(undefined, 0), /limit/)
        })))
    })

    describe("audit log", () => {
      const writeSome = Effect.gen(function*() {
        yield* TestClock.setTime(Date.UTC(2026, 10, 28, 1, 0, 0))
        yield* notes.insert(note("a"), { actor: { id: "clerk-01", name: "王会计", posts: ["villageAccountant"] } })
        yield* notes.put(note("a", { text: "更正" }), { actor: "clerk-01", expectedVersion: 1 })
        yield* notes.insertMany([note("b"), note("c")], { actor: "clerk-02" })
        yield* ticks.append("t", 0, [{ racer: 1, text: "一" }, { racer: 2, text: "二" }], { actor: "clerk-03" })
        yield* notes.modify("b", (n) => ({ ...n, fen: 42 }), { actor: "clerk-04" })
      })

      it.effect("every write appends a chained entry with actor, Clock time and what changed", () =>
        run(Effect.gen(function*() {
          yield* writeSome
          const log = yield* Audit.entries()
          assert.deepStrictEqual(log.map((e) => e.version), [1, 2, 3, 4, 5, 6])
          const [first, second, third, , fifth, sixth] = log.map((e) => e.entry)
          assert.deepStrictEqual(first!.actor, { id: "clerk-01", name: "王会计", posts: ["villageAccountant"] })
          assert.strictEqual(first!.at, Date.UTC(2026, 10, 28, 1, 0, 0))
          assert.strictEqual(first!.previous, Audit.genesis)
          assert.deepStrictEqual(
            { ...first!.change, digest: undefined, indexes: undefined },
            {
              kind: "document",
              collection: "conformanceNotes",
              id: "a",
              action: "create",
              fromVersion: 0,
              toVersion: 1,
              digest: undefined,
              indexes: undefined
            }
          )
          assert.match(first!.change.digest, /^[0-9a-f]{64}$/)
          // The entry binds the index values too, so an index row removed behind core's back shows.
          assert.match((first!.change as Audit.Change & { readonly indexes?: string }).indexes ?? "", /^[0-9a-f]{64}$/)
          assert.strictEqual(second!.previous, first!.hash)
          assert.strictEqual(second!.change.action, "update")
          assert.strictEqual(second!.change.toVersion, 2)
          assert.notStrictEqual(second!.change.digest, first!.change.digest)
          assert.strictEqual(third!.actor, "clerk-02")
          assert.deepStrictEqual(
            { kind: fifth!.change.kind, action: fifth!.change.action, from: fifth!.change.fromVersion, to: fifth!.change.toVersion },
            { kind: "stream", action: "append", from: 0, to: 2 }
          )
          // ... and the time the events were stored with.
          assert.strictEqual((fifth!.change as { readonly recordedAt?: number }).recordedAt, Date.UTC(2026, 10, 28, 1, 0, 0))
          assert.strictEqual(sixth!.actor, "clerk-04")
          const verified = yield* Audit.verify()
          assert.strictEqual(verified.entries, 6)
          assert.strictEqual(verified.head, sixth!.hash)
        })))

      const withTamper = (
        test: (tamper: StorageAdapter.StorageTamperService) => Effect.Effect<void, unknown, StorageAdapter.StorageAdapter | Storage.Storage>
      ) =>
        run(Effect.gen(function*() {
          const tamper = yield* Effect.serviceOption(StorageAdapter.StorageTamper)
          if (Option.isNone(tamper)) {
            assert.fail("the layer does not provide StorageTamper; provide it or pass { tamper: false }")
            return
          }
          yield* writeSome
          yield* test(tamper.value)
        }))

      const brokenAt = (version: number, reason: "altered" | "removed") =>
        Effect.gen(function*() {
          const result = yield* flipped(Audit.verify({ pageSize: 2 }))
          assert.isTrue(Either.isLeft(result), "verify accepted a tampered log")
          const error = (result as Either.Left<unknown, unknown>).left
          assert.instanceOf(error, Audit.ChainBroken)
          assert.strictEqual((error as Audit.ChainBroken).version, version)
          assert.strictEqual((error as Audit.ChainBroken).reason, reason)
        })

      it.effect.skipIf(!tamperExpected)("verify names an altered entry", () =>
        withTamper((tamper) =>
          Effect.gen(function*() {
            const [original] = yield* (yield* adapter).readEvents(Audit.stream, 3, 1)
            const data = original!.data as { readonly actor: Json }
            yield* tamper.alterEvent(Audit.stream, 3, { ...(data as object), actor: "someone-else" } as Json)
            yield* brokenAt(3, "altered")
          })
        ))

      it.effect.skipIf(!tamperExpected)("verify names a removed entry (first or middle)", () =>
        withTamper((tamper) =>
          Effect.gen(function*() {
            yield* tamper.deleteEvent(Audit.stream, 4)
            yield* brokenAt(4, "removed")
            yield* tamper.deleteEvent(Audit.stream, 1)
            yield* brokenAt(1, "removed")
          })
        ))

      it.effect("verifyStore: a store written through Storage matches its log", () =>
        run(Effect.gen(function*() {
          yield* writeSome
          const report = yield* Audit.verifyStore({ pageSize: 2 })
          assert.deepStrictEqual(report.findings, [])
          assert.isTrue(report.ok)
          assert.strictEqual(report.entries, 6)
          assert.strictEqual(report.documents, 3)
          assert.strictEqual(report.events, 2)
          assert.strictEqual(report.scanned, hasScans(yield* adapter))
        })))

      // Each tampering through the adapter's raw handle, and the record verifyStore names first.
      const stream = ticks.streamName("t")
      const tamperings: ReadonlyArray<{
        readonly name: string
        readonly needsScans: boolean
        readonly tamper: (
          t: StorageAdapter.StorageTamperService
        ) => Effect.Effect<void, StorageAdapter.StorageError, StorageAdapter.StorageAdapter>
        readonly first: string
      }> = [
        {
          name: "a document's data changed",
          needsScans: false,
          tamper: (t) => t.alterDocument(notes.name, "a", note("a", { text: "改过" }) as unknown as Json),
          first: `contentChanged ${notes.name}/a@2`
        },
        {
          name: "a document deleted",
          needsScans: false,
          tamper: (t) => t.deleteDocument(notes.name, "c"),
          first: `recordMissing ${notes.name}/c@1`
        },
        {
          name: "an index entry deleted",
          needsScans: true,
          tamper: (t) => t.deleteIndexEntry(notes.name, "c", "byFen"),
          first: `contentChanged ${notes.name}/c@1`
        },
        {
          name: "a forged document",
          needsScans: true,
          tamper: (t) =>
            t.insertDocument({ collection: notes.name, id: "forged", version: 1, data: note("forged") as unknown as Json, indexes: {} }),
          first: `entryMissing ${notes.name}/forged@1`
        },
        {
          name: "an event's data changed",
          needsScans: false,
          tamper: (t) => t.alterEvent(stream, 2, { racer: 9, text: "改" }),
          first: `contentChanged ${stream}@1`
        },
        {
          name: "an event deleted",
          needsScans: false,
          tamper: (t) => t.deleteEvent(stream, 2),
          first: `recordMissing ${stream}@2`
        },
        {
          name: "an event's recordedAt changed",
          needsScans: false,
          tamper: (t) => t.alterEventTime(stream, 2, 0),
          first: `contentChanged ${stream}@2`
        },
        {
          name: "a forged event at the end of a stream",
          needsScans: false,
          tamper: (t) => t.insertEvent(stream, 3, event("Tick", { racer: 3, text: "伪" })),
          first: `entryMissing ${stream}@3`
        },
        {
          name: "a forged stream",
          needsScans: true,
          tamper: (t) => t.insertEvent(ticks.streamName("forged"), 1, event("Tick", { racer: 3, text: "伪" })),
          first: `entryMissing ${ticks.streamName("forged")}@1`
        },
        {
          name: "an audit entry changed",
          needsScans: false,
          tamper: (t) =>
            Effect.flatMap(
              Effect.flatMap(StorageAdapter.StorageAdapter, (a) => a.readEvents(Audit.stream, 2, 1)),
              ([e]) => t.alterEvent(Audit.stream, 2, { ...(e!.data as object), at: 0 } as Json)
            ),
          first: `chainBroken ${Audit.stream}@2`
        }
      ]
      for (const t of tamperings) {
        it.effect.skipIf(!tamperExpected)(
          `verifyStore names the record after a tampering through the raw handle: ${t.name}`,
          () =>
            withTamper((tamper) =>
              Effect.gen(function*() {
                assert.isTrue((yield* Audit.verifyStore()).ok)
                yield* t.tamper(tamper)
                const report = yield* Audit.verifyStore({ pageSize: 2 })
                if (t.needsScans && !hasScans(yield* adapter)) {
                  // Without scans a record no entry names cannot be found, and the report says so.
                  assert.isFalse(report.scanned)
                  return
                }
                assert.isFalse(report.ok, "verifyStore accepted a tampered store")
                const [first] = report.findings
                assert.strictEqual(`${first!.kind} ${Audit.findingKey(first!)}`, t.first, JSON.stringify(report.findings))
              })
            )
        )
      }

      it.effect.skipIf(!tamperExpected)("the tamper hook refuses a document or index entry that does not exist", () =>
        withTamper((tamper) =>
          Effect.gen(function*() {
            for (
              const attempt of [
                tamper.alterDocument(notes.name, "none", 1),
                tamper.deleteDocument(notes.name, "none"),
                tamper.deleteIndexEntry(notes.name, "none", "byFen"),
                tamper.alterEventTime(stream, 9, 0)
              ]
            ) yield* expectStorageError(attempt)
            assert.isTrue((yield* Audit.verifyStore()).ok, "a refused tampering changed something")
          })
        ))
    })

    describe("input limits (every adapter refuses or accepts the same things)", () => {
      it.effect("recordedAt must be integer epoch milliseconds: anything else is a StorageError naming it, nothing written", () =>
        run(Effect.gen(function*() {
          const a = yield* adapter
          yield* a.appendEvents("s", 0, [event("E", 0)])
          for (const recordedAt of [1.5, 1_764_291_600_000.25, Number.NaN, Infinity, -Infinity, 2 ** 53]) {
            yield* expectStorageError(a.appendEvents("s", 1, [event("E", 1), event("E", 2, recordedAt)]), /recordedAt.*integer/)
            yield* expectStorageError(a.appendEvents("new", 0, [event("E", 1, recordedAt)]), /recordedAt.*integer/)
          }
          yield* expectStorageError(a.appendEvents("s", 1, [{ type: "E", data: 1, recordedAt: "1764291600000" as unknown as number }]))
          assert.strictEqual(yield* a.lastVersion("s"), 1)
          assert.strictEqual(yield* a.lastVersion("new"), 0)
          assert.deepStrictEqual((yield* a.readEvents("s")).map((e) => e.data), [0])
          // Whole milliseconds at both ends of the safe range, and before 1970, are kept exactly.
          yield* a.appendEvents("s", 1, [event("E", 1, 0), event("E", 2, -1), event("E", 3, Number.MAX_SAFE_INTEGER)])
          assert.deepStrictEqual((yield* a.readEvents("s", 2)).map((e) => e.recordedAt), [0, -1, Number.MAX_SAFE_INTEGER])
        })))

      it.effect("index values must be strings or finite numbers; -0 is stored as 0", () =>
        run(Effect.gen(function*() {
          const a = yield* adapter
          for (const bad of [Number.NaN, Infinity, -Infinity, null, true, undefined, {}, [1]]) {
            const indexes = { n: bad } as unknown as Record<string, StorageAdapter.IndexValue>
            yield* expectStorageError(a.putDocument(doc("bad", {}, indexes)))
            yield* expectStorageError(a.putDocuments([doc("ok", {}, { n: 1 }), doc("bad", {}, indexes)]))
            // An undefined bound means "no bound".
            if (bad !== undefined) yield* expectStorageError(a.queryIndex({ collection: "docs", index: "n", limit: 10, gte: bad as never }))
          }
          assert.isTrue(Option.isNone(yield* a.getDocument("docs", "ok")))
          assert.isTrue(Option.isNone(yield* a.getDocument("docs", "bad")))
          const written = yield* a.putDocument(doc("zero-c", {}, { n: -0 }))
          assert.isTrue(Object.is(written.indexes.n, 0), "putDocument returns the index values as a read would")
          yield* a.putDocuments([doc("zero-b", {}, { n: -0 }), doc("zero-a", {}, { n: 0 }), doc("neg", {}, { n: -1e-300 })])
          const page = yield* a.queryIndex({ collection: "docs", index: "n", limit: 10, gte: 0, lte: -0 })
          assert.deepStrictEqual(ids(page), ["zero-a", "zero-b", "zero-c"], "-0 and 0 are the same index value")
          const stored = Option.getOrThrow(yield* a.getDocument("docs", "zero-b")).indexes.n
          assert.isTrue(Object.is(stored, 0), "-0 must read back as 0, as from a JSON or SQL store")
          assert.deepStrictEqual(ids(yield* a.queryIndex({ collection: "docs", index: "n", limit: 10, lt: 0 })), ["neg"])
        })))

      it.effect("keys: empty or malformed (lone surrogate) collection, id, index name or value, stream and event type are refused", () =>
        run(Effect.gen(function*() {
          const a = yield* adapter
          const lone = "村\uD800"
          yield* expectStorageError(a.putDocument(doc("", {})))
          yield* expectStorageError(a.putDocument(doc("x", {}, {}, 0, "")))
          yield* expectStorageError(a.putDocument(doc(lone, {})))
          yield* expectStorageError(a.putDocument(doc("x", {}, {}, 0, "\uDC00docs")))
          yield* expectStorageError(a.putDocument(doc("x", {}, { [lone]: 1 })))
          yield* expectStorageError(a.putDocument(doc("x", {}, { n: lone })))
          yield* expectStorageError(a.putDocuments([doc("ok", {}), doc(lone, {})]))
          yield* expectStorageError(a.appendEvents("", 0, [event("E", 1)]))
          yield* expectStorageError(a.appendEvents(lone, 0, [event("E", 1)]))
          yield* expectStorageError(a.appendEvents("s", 0, [event("E", 1), event(lone, 2)]))
          assert.isTrue(Option.isNone(yield* a.getDocument("docs", "x")))
          assert.isTrue(Option.isNone(yield* a.getDocument("docs", "ok")))
          assert.strictEqual(yield* a.lastVersion("s"), 0)
          // Reads of such keys simply find nothing.
          assert.isTrue(Option.isNone(yield* a.getDocument("docs", "")))
          assert.deepStrictEqual(yield* a.readEvents(""), [])
          assert.strictEqual(yield* a.lastVersion(""), 0)
          // An empty event type, an empty index name and an empty index value are fine, and so is an
          // index named like an Object.prototype property.
          assert.strictEqual(yield* a.appendEvents("s", 0, [event("", 1)]), 1)
          const proto = JSON.parse(`{"__proto__": "p", "": ""}`) as Record<string, StorageAdapter.IndexValue>
          const written = yield* a.putDocument(doc("x", {}, proto))
          assert.deepStrictEqual(Object.keys(written.indexes).sort(), ["", "__proto__"])
          assert.deepStrictEqual(ids(yield* a.queryIndex({ collection: "docs", index: "", limit: 10 })), ["x"])
          assert.deepStrictEqual(ids(yield* a.queryIndex({ collection: "docs", index: "__proto__", limit: 10 })), ["x"])
          const read = Option.getOrThrow(yield* a.getDocument("docs", "x")).indexes
          assert.deepStrictEqual(Object.keys(read).sort(), ["", "__proto__"])
          assert.strictEqual(Object.getOwnPropertyDescriptor(read, "__proto__")?.value, "p")
        })))

      it.effect("very long keys (10 000 characters) round-trip, index and page", () =>
        run(Effect.gen(function*() {
          const a = yield* adapter
          const long = (seed: string) => seed.repeat(Math.ceil(10_000 / seed.length)).slice(0, 10_000)
          const collection = long("集合")
          const idA = "村😀".repeat(3_333) + "A"
          const idB = "村😀".repeat(3_333) + "B"
          const value = long("青莲")
          yield* a.putDocuments([doc(idB, { id: idB }, { v: value }, 0, collection), doc(idA, { id: idA }, { v: value }, 0, collection)])
          const record = Option.getOrThrow(yield* a.getDocument(collection, idA))
          assert.strictEqual(record.id, idA)
          assert.strictEqual(record.collection, collection)
          assert.strictEqual(record.indexes.v, value)
          const first = yield* a.queryIndex({ collection, index: "v", limit: 1, gte: value })
          assert.deepStrictEqual(ids(first), [idA])
          assert.isString(first.cursor)
          const second = yield* a.queryIndex({ collection, index: "v", limit: 1, gte: value, cursor: first.cursor! })
          assert.deepStrictEqual(ids(second), [idB])
          assert.isUndefined(second.cursor)
          const stream = long("流")
          assert.strictEqual(yield* a.appendEvents(stream, 0, [event(long("类型"), value)]), 1)
          const [read] = yield* a.readEvents(stream)
          assert.strictEqual(read!.stream, stream)
          assert.strictEqual(read!.data, value)
        })))

      it.effect("limits, versions and cursors out of range: StorageError for bad arguments, empty results past the end", () =>
        run(Effect.gen(function*() {
          const a = yield* adapter
          yield* a.putDocument(doc("d", {}, { n: 1 }))
          for (const limit of [0, -1, 1.5, Number.NaN, Infinity]) {
            yield* expectStorageError(a.queryIndex({ collection: "docs", index: "n", limit }), /limit/)
            yield* expectStorageError(a.queryIndex({ collection: "unknown", index: "n", limit }), /limit/)
            yield* expectStorageError(a.readEvents("s", 1, limit), /limit/)
          }
          for (const fromVersion of [0, -1, 1.5, Number.NaN]) {
            yield* expectStorageError(a.readEvents("s", fromVersion), /fromVersion/)
          }
          yield* expectStorageError(a.queryIndex({ collection: "docs", index: "n", limit: 1, cursor: "not a cursor" }), /cursor/)
          // Unknown streams: empty, version 0; an empty append checks the version and creates nothing.
          assert.deepStrictEqual(yield* a.readEvents("unknown", 5, 3), [])
          assert.strictEqual(yield* a.appendEvents("unknown", 0, []), 0)
          yield* expectConflict(a.appendEvents("unknown", 1, []))
          assert.strictEqual(yield* a.lastVersion("unknown"), 0)
          yield* a.appendEvents("s", 0, [event("E", 1), event("E", 2)])
          assert.deepStrictEqual(yield* a.readEvents("s", 3), [])
          assert.deepStrictEqual(yield* a.readEvents("s", Number.MAX_SAFE_INTEGER, 1), [])
          assert.deepStrictEqual((yield* a.readEvents("s", 2, 1_000_000)).map((e) => e.version), [2])
        })))

      it.effect("a negative or fractional expectedVersion is a StorageError, not a conflict, and writes nothing", () =>
        run(Effect.gen(function*() {
          const a = yield* adapter
          for (const expectedVersion of [-1, 0.5, Number.NaN, Infinity]) {
            yield* expectStorageError(a.putDocument(doc("d", {}, {}, expectedVersion)), /expectedVersion/)
            yield* expectStorageError(a.putDocuments([doc("e", {}), doc("d", {}, {}, expectedVersion)]), /expectedVersion/)
            yield* expectStorageError(a.appendEvents("s", expectedVersion, [event("E", 1)]), /expectedVersion/)
            yield* expectStorageError(a.appendEvents("s", expectedVersion, []), /expectedVersion/)
          }
          assert.isTrue(Option.isNone(yield* a.getDocument("docs", "d")))
          assert.isTrue(Option.isNone(yield* a.getDocument("docs", "e")))
          assert.strictEqual(yield* a.lastVersion("s"), 0)
        })))

      it.effect("input that is both invalid and stale is refused as invalid (StorageError) before versions are compared", () =>
        run(Effect.gen(function*() {
          const a = yield* adapter
          yield* a.putDocument(doc("d", { n: 1 }))
          yield* a.appendEvents("s", 0, [event("E", 1)])
          const nan = { n: Number.NaN } as unknown as Json
          yield* expectStorageError(a.putDocument(doc("d", nan, {}, 0)))
          yield* expectStorageError(a.putDocument(doc("d", {}, { n: Number.NaN }, 0)))
          yield* expectStorageError(a.putDocuments([doc("d", { n: 2 }, {}, 0), doc("e", nan)]))
          yield* expectStorageError(a.appendEvents("s", 0, [event("E", 2, 0.5)]))
          yield* expectStorageError(a.appendEvents("s", 0, [event("E", nan)]))
          assert.deepStrictEqual(Option.getOrThrow(yield* a.getDocument("docs", "d")).data, { n: 1 })
          assert.isTrue(Option.isNone(yield* a.getDocument("docs", "e")))
          assert.strictEqual(yield* a.lastVersion("s"), 1)
        })))
    })

    describe("index maintenance at volume", () => {
      // Enough changes in one call to leave any small-batch fast path (hundreds, not tens), checked
      // against a model after every step, page by page and whole records (not just ids).
      it.effect("bulk inserts, moves, drops and data-only updates keep every index equal to the model", () =>
        run(Effect.gen(function*() {
          const a = yield* adapter
          const model = new Map<string, { value: StorageAdapter.IndexValue | undefined; data: Json; version: number }>()
          const apply = (writes: ReadonlyArray<StorageAdapter.DocumentWrite>) =>
            Effect.gen(function*() {
              yield* a.putDocuments(writes)
              for (const w of writes) {
                const v = w.indexes["v"]
                model.set(w.id, { value: v === 0 ? 0 : v, data: w.data, version: w.expectedVersion + 1 })
              }
            })
          const check = (step: string) =>
            Effect.gen(function*() {
              const expected = [...model.entries()]
                .filter(([, m]) => m.value !== undefined)
                .map(([id, m]) => ({ id, value: m.value!, data: m.data, version: m.version }))
                .sort(compareRecords)
              for (const order of ["asc", "desc"] as const) {
                const want = order === "asc" ? expected : [...expected].reverse()
                for (const limit of [41, 1000]) {
                  const got = yield* readAllPages(a, { collection: "vol", index: "v", order, limit })
                  assert.deepStrictEqual(
                    got.map((r) => ({ id: r.id, value: r.indexes["v"]!, data: r.data, version: r.version })),
                    want,
                    `${step}: ${order} pages of ${limit} differ from the model`
                  )
                }
              }
              // Documents without the index are read one by one (a sample, to keep the test quick).
              for (const [id, m] of [...model].filter(([, m], i) => m.value === undefined || i % 25 === 0)) {
                const record = Option.getOrThrow(yield* a.getDocument("vol", id))
                assert.deepStrictEqual(record.data, m.data, `${step}: ${id} data`)
                assert.strictEqual(record.version, m.version, `${step}: ${id} version`)
              }
            })
          const value = (i: number): StorageAdapter.IndexValue => (i % 3 === 0 ? `s${(i * 7919) % 1000}` : (i * 104729) % 997)
          const write = (i: number, v: StorageAdapter.IndexValue | undefined, data: Json) =>
            doc(`d${String(i).padStart(4, "0")}`, data, v === undefined ? { other: i } : { v, other: i }, model.get(`d${String(i).padStart(4, "0")}`)?.version ?? 0, "vol")
          // 1. A small load, then a bulk load much bigger than the index it joins, in a shuffled order.
          yield* apply(Array.from({ length: 10 }, (_, i) => write(i * 30, value(i * 30), { i: i * 30, round: 0 })))
          yield* check("small load")
          const first = Array.from({ length: 300 }, (_, i) => (i * 37) % 300).filter((i) => i % 30 !== 0)
          yield* apply(first.map((i) => write(i, value(i), { i, round: 1 })))
          yield* check("bulk load")
          // 2. A second load into a non-empty index (merged into the existing entries).
          yield* apply(Array.from({ length: 150 }, (_, i) => write(300 + i, value(300 + i), { i: 300 + i, round: 1 })))
          yield* check("second load")
          // 3. Many documents move in one call (hundreds of removals and insertions at once).
          yield* apply(Array.from({ length: 200 }, (_, i) => write(i * 2, value(i * 2 + 1), { i: i * 2, round: 2 })))
          yield* check("bulk move")
          // 4. Many documents drop the index.
          yield* apply(Array.from({ length: 100 }, (_, i) => write(i * 4 + 1, undefined, { i: i * 4 + 1, round: 3 })))
          yield* check("bulk drop")
          // 5. Data changes, index values do not: queries must return the new data.
          yield* apply(Array.from({ length: 120 }, (_, i) => write(i * 3, model.get(`d${String(i * 3).padStart(4, "0")}`)!.value, { i: i * 3, round: 4 })))
          yield* check("data-only update (bulk)")
          for (const i of [5, 6, 299]) {
            const id = `d${String(i).padStart(4, "0")}`
            const current = model.get(id)!
            yield* apply([doc(id, { i, round: 5, single: true }, current.value === undefined ? {} : { v: current.value }, current.version, "vol")])
          }
          yield* check("data-only update (single)")
          // 6. Re-adding dropped documents, and moving some back and forth inside one call.
          yield* apply(Array.from({ length: 80 }, (_, i) => write(i * 4 + 1, value(i), { i: i * 4 + 1, round: 6 })))
          const id7 = "d0007"
          const v7 = model.get(id7)!.version
          yield* a.putDocuments([
            doc(id7, { step: "a" }, { v: "zz-moved" }, v7, "vol"),
            doc(id7, { step: "b" }, { v: -1 }, v7 + 1, "vol"),
            doc(id7, { step: "c" }, { v: -1 }, v7 + 2, "vol")
          ])
          model.set(id7, { value: -1, data: { step: "c" }, version: v7 + 3 })
          yield* check("re-add and repeated moves")
          // 7. The same through single puts inside one transaction, then a rolled-back bulk move.
          yield* a.transaction(Effect.forEach(Array.from({ length: 70 }, (_, i) => i * 5), (i) =>
            apply([write(i, `t${i}`, { i, round: 7 })]), { discard: true }))
          yield* check("single puts in a transaction")
          yield* flipped(a.transaction(Effect.zipRight(
            a.putDocuments(Array.from({ length: 200 }, (_, i) => write(i, i, { i, round: "rolled back" }))),
            new Boom()
          )))
          yield* check("rolled-back bulk move")
        })))
    })

    describe("range bounds", () => {
      it.effect("every bound, alone and in pairs, in both orders, on and between stored values", () =>
        run(Effect.gen(function*() {
          const a = yield* adapter
          const stored: ReadonlyArray<StorageAdapter.IndexValue> = [-3, 0, 2, 2, 5, "", "a", "b", "b", "中"]
          yield* a.putDocuments(stored.map((v, i) => doc(`r${i}`, { v }, { v })))
          const pivots: ReadonlyArray<StorageAdapter.IndexValue> = [-4, -3, 1, 2, 5, 6, "", "a", "ab", "b", "中", "😀"]
          const kinds = ["gte", "gt", "lte", "lt"] as const
          const expectedFor = (query: StorageAdapter.IndexQuery) => {
            const want = stored
              .map((value, i) => ({ id: `r${i}`, value }))
              .filter((d) => StorageAdapter.inRange(query, d.value))
              .sort(compareRecords)
              .map((d) => d.id)
            return query.order === "desc" ? want.reverse() : want
          }
          const checkQuery = (range: Partial<Record<(typeof kinds)[number], StorageAdapter.IndexValue>>) =>
            Effect.gen(function*() {
              for (const order of ["asc", "desc"] as const) {
                const query: StorageAdapter.IndexQuery = { collection: "docs", index: "v", limit: 100, order, ...range }
                const want = expectedFor(query)
                assert.deepStrictEqual(ids(yield* a.queryIndex(query)), want, `${JSON.stringify(range)} ${order}`)
                // And paged two at a time, so the cursor meets each bound too.
                const paged = yield* readAllPages(a, { ...query, limit: 2 })
                assert.deepStrictEqual(paged.map((r) => r.id), want, `${JSON.stringify(range)} ${order}, pages of 2`)
              }
            })
          for (const kind of kinds) {
            for (const pivot of pivots) yield* checkQuery({ [kind]: pivot })
          }
          for (const [low, high] of [[2, 5], [-3, 2], ["", "b"], [2, "a"], [5, 2], ["a", "a"], [2, 2]] as const) {
            for (const lower of ["gte", "gt"] as const) {
              for (const upper of ["lte", "lt"] as const) yield* checkQuery({ [lower]: low, [upper]: high })
            }
          }
          // Both lower bounds at once (and both upper): the stricter one wins.
          yield* checkQuery({ gte: 2, gt: 0 })
          yield* checkQuery({ gte: 0, gt: 2 })
          yield* checkQuery({ lte: "b", lt: "a" })
          yield* checkQuery({ lte: "a", lt: "b" })
        })))

      it.effect("a bad value in any bound (not only the first) is refused", () =>
        run(Effect.gen(function*() {
          const a = yield* adapter
          yield* a.putDocument(doc("d", {}, { n: 1 }))
          for (const kind of ["gte", "gt", "lte", "lt"] as const) {
            for (const bad of [Number.NaN, Infinity, -Infinity, null, true, {}, [1]]) {
              const query = { collection: "docs", index: "n", limit: 10, gte: 0, lte: 10, [kind]: bad } as unknown as StorageAdapter.IndexQuery
              yield* expectStorageError(a.queryIndex(query))
              yield* expectStorageError(a.queryIndex({ ...query, order: "desc" }))
              yield* expectStorageError(a.queryIndex({ ...query, collection: "unknown" }))
            }
          }
          for (const cursor of ["", "[]", "[1]", "[1, 2]", "[null, \"d\"]", "{\"value\": 1, \"id\": \"d\"}", "[1, \"d\", 3]"]) {
            yield* expectStorageError(a.queryIndex({ collection: "docs", index: "n", limit: 1, cursor }), /cursor/)
          }
        })))
    })

    describe("values that are not JSON", () => {
      class Money {
        constructor(readonly fen: number) {}
      }
      const notJson: ReadonlyArray<[string, unknown]> = [
        ["NaN", Number.NaN],
        ["Infinity", Infinity],
        ["-Infinity", -Infinity],
        ["a nested NaN", { a: { b: [1, Number.NaN] } }],
        ["undefined in an array", [1, undefined, 3]],
        ["a function", { f: () => 1 }],
        ["a symbol", { s: Symbol("s") }],
        ["a bigint", { n: 1n }],
        ["a Date", { at: new Date(0) }],
        ["a Map", new Map([["k", 1]])],
        ["a class instance", { amount: new Money(100) }],
        ["a class instance in an array", [new Money(1)]],
        ["a bare undefined", undefined]
      ]
      it.effect("are refused in documents and events, wherever they sit, with nothing written", () =>
        run(Effect.gen(function*() {
          const a = yield* adapter
          yield* a.putDocument(doc("kept", { n: 1 }))
          yield* a.appendEvents("s", 0, [event("E", 1)])
          for (const [what, bad] of notJson) {
            const data = bad as Json
            yield* expectStorageError(a.putDocument(doc("bad", data)), undefined, what)
            yield* expectStorageError(a.putDocument(doc("kept", data, {}, 1)), undefined, what)
            yield* expectStorageError(a.putDocuments([doc("ok", { n: 1 }), doc("ok2", { n: 2 }), doc("bad", data)]), undefined, what)
            yield* expectStorageError(a.appendEvents("s", 1, [event("E", 2), event("E", data)]), undefined, what)
            yield* expectStorageError(a.appendEvents("fresh", 0, [event("E", data)]), undefined, what)
          }
          for (const id of ["bad", "ok", "ok2"]) assert.isTrue(Option.isNone(yield* a.getDocument("docs", id)), id)
          assert.deepStrictEqual(Option.getOrThrow(yield* a.getDocument("docs", "kept")).data, { n: 1 })
          assert.deepStrictEqual((yield* a.readEvents("s")).map((e) => e.data), [1])
          assert.strictEqual(yield* a.lastVersion("fresh"), 0)
          // What JSON does keep is accepted: an object without a prototype, an undefined property
          // (dropped, as JSON.stringify drops it), an empty key.
          const bare = Object.assign(Object.create(null) as Record<string, Json>, { k: "v" })
          yield* a.putDocument(doc("fine", { bare, gone: undefined, "": 0 } as unknown as Json))
          assert.deepStrictEqual(Option.getOrThrow(yield* a.getDocument("docs", "fine")).data, { bare: { k: "v" }, "": 0 })
        })))
    })

    describe("contract details", () => {
      it.effect("a transaction reads its own writes: documents, index queries, events", () =>
        run(Effect.gen(function*() {
          const a = yield* adapter
          yield* a.putDocument(doc("old", { n: 0 }, { n: 0 }))
          yield* a.transaction(Effect.gen(function*() {
            yield* a.putDocument(doc("old", { n: 1 }, { n: 10 }, 1))
            yield* a.putDocuments([doc("new1", { n: 2 }, { n: 5 }), doc("new2", { n: 3 }, { n: 15 })])
            assert.deepStrictEqual(Option.getOrThrow(yield* a.getDocument("docs", "old")).data, { n: 1 })
            const page = yield* a.queryIndex({ collection: "docs", index: "n", limit: 10 })
            assert.deepStrictEqual(ids(page), ["new1", "old", "new2"])
            assert.deepStrictEqual(page.items.map((r) => r.version), [1, 2, 1])
            yield* a.appendEvents("s", 0, [event("E", 1), event("E", 2)])
            assert.deepStrictEqual((yield* a.readEvents("s")).map((e) => e.data), [1, 2])
            yield* a.transaction(Effect.gen(function*() {
              yield* a.appendEvents("s", 2, [event("E", 3)])
              assert.strictEqual(yield* a.lastVersion("s"), 3)
            }))
            assert.deepStrictEqual((yield* a.readEvents("s", 3)).map((e) => e.data), [3])
          }))
        })))

      it.effect("callers may not change the store through what they read or wrote (frozen values or copies)", () =>
        run(Effect.gen(function*() {
          const a = yield* adapter
          const input = { list: [1, 2], nested: { name: "原值" } }
          const indexes: Record<string, StorageAdapter.IndexValue> = { n: 1 }
          const written = yield* a.putDocument(doc("d", input, indexes))
          const eventData = { list: [1], nested: { name: "原值" } }
          yield* a.appendEvents("s", 0, [event("E", eventData)])
          // Change the inputs after the calls returned.
          input.list.push(3)
          input.nested.name = "改了"
          indexes["n"] = 99
          eventData.list.push(2)
          // Try to change what came back; frozen values refuse (a TypeError), copies may change.
          const attempt = (f: () => void) => {
            try {
              f()
            } catch {
              // Frozen: the contract allows either.
            }
          }
          const scribble = (record: StorageAdapter.DocumentRecord) => {
            const data = record.data as { list: Array<number>; nested: { name: string } }
            attempt(() => data.list.push(4))
            attempt(() => { data.nested.name = "乱写" })
            attempt(() => { (record.indexes as Record<string, StorageAdapter.IndexValue>)["n"] = 42 })
            attempt(() => { (record as { version: number }).version = 7 })
            attempt(() => { (record as { data: Json }).data = "replaced" })
          }
          scribble(written)
          scribble(Option.getOrThrow(yield* a.getDocument("docs", "d")))
          for (const r of (yield* a.queryIndex({ collection: "docs", index: "n", limit: 10 })).items) scribble(r)
          for (const e of yield* a.readEvents("s")) {
            const data = e.data as { list: Array<number>; nested: { name: string } }
            attempt(() => data.list.push(9))
            attempt(() => { data.nested.name = "乱写" })
            attempt(() => { (e as { version: number }).version = 7 })
          }
          const read = Option.getOrThrow(yield* a.getDocument("docs", "d"))
          assert.deepStrictEqual(read.data, { list: [1, 2], nested: { name: "原值" } })
          assert.deepStrictEqual({ ...read.indexes }, { n: 1 })
          assert.strictEqual(read.version, 1)
          assert.deepStrictEqual(ids(yield* a.queryIndex({ collection: "docs", index: "n", limit: 10, gte: 1, lte: 1 })), ["d"])
          assert.deepStrictEqual(ids(yield* a.queryIndex({ collection: "docs", index: "n", limit: 10, gte: 2 })), [])
          assert.deepStrictEqual(
            (yield* a.queryIndex({ collection: "docs", index: "n", limit: 10 })).items.map((r) => r.data),
            [{ list: [1, 2], nested: { name: "原值" } }]
          )
          const [stored] = yield* a.readEvents("s")
          assert.deepStrictEqual(stored!.data, { list: [1], nested: { name: "原值" } })
          assert.strictEqual(stored!.version, 1)
          // The bulk path copies too.
          const bulk = { tags: ["a"] }
          yield* a.putDocuments([doc("b", bulk, { n: 2 })])
          bulk.tags.push("b")
          assert.deepStrictEqual(Option.getOrThrow(yield* a.getDocument("docs", "b")).data, { tags: ["a"] })
        })))

      it.effect("empty keys: writes are refused, reads find nothing", () =>
        run(Effect.gen(function*() {
          const a = yield* adapter
          yield* expectStorageError(a.putDocument(doc("", {})))
          yield* expectStorageError(a.putDocument(doc("x", {}, {}, 0, "")))
          yield* expectStorageError(a.putDocuments([doc("x", {}), doc("", {})]))
          yield* expectStorageError(a.appendEvents("", 0, []))
          assert.isTrue(Option.isNone(yield* a.getDocument("", "")))
          assert.isTrue(Option.isNone(yield* a.getDocument("", "x")))
          assert.isTrue(Option.isNone(yield* a.getDocument("docs", "x")))
          assert.deepStrictEqual(ids(yield* a.queryIndex({ collection: "", index: "", limit: 1 })), [])
          assert.deepStrictEqual(yield* a.readEvents("", 1, 1), [])
          assert.strictEqual(yield* a.lastVersion(""), 0)
        })))

      it.live("plain calls made while another fiber's transaction is open never see or join its writes", () =>
        run(Effect.gen(function*() {
          const a = yield* adapter
          yield* a.putDocument(doc("base", { n: 0 }, { n: 0 }))
          for (const outcome of ["rollback", "commit"] as const) {
            const suffix = outcome === "commit" ? "-c" : "-r"
            const inside = yield* Deferred.make<void>()
            const finish = yield* Deferred.make<void>()
            const tx = yield* Effect.fork(Effect.either(a.transaction(Effect.gen(function*() {
              yield* a.putDocument(doc(`tx${suffix}`, { by: "tx" }, { n: 1 }))
              yield* a.appendEvents(`s${suffix}`, 0, [event("E", "tx")])
              yield* Deferred.succeed(inside, undefined)
              yield* Deferred.await(finish)
              if (outcome === "rollback") return yield* new Boom()
            }))))
            yield* Deferred.await(inside)
            // Started from outside the transaction while it is open.
            const read = yield* Effect.fork(a.getDocument("docs", `tx${suffix}`))
            const query = yield* Effect.fork(a.queryIndex({ collection: "docs", index: "n", limit: 10 }))
            const events = yield* Effect.fork(a.readEvents(`s${suffix}`))
            const write = yield* Effect.fork(Effect.either(a.putDocument(doc(`plain${suffix}`, { by: "plain" }, { n: 2 }))))
            const append = yield* Effect.fork(Effect.either(a.appendEvents(`s${suffix}`, 0, [event("E", "plain")])))
            // Give the plain calls time to reach the store (a round trip to a server) before the end.
            yield* Effect.sleep("100 millis")
            yield* Deferred.succeed(finish, undefined)
            yield* Fiber.join(tx)
            const seen = yield* Fiber.join(read)
            if (outcome === "rollback") {
              assert.isTrue(Option.isNone(seen), "a plain read saw a write of a transaction that then rolled back")
              assert.notInclude(ids(yield* Fiber.join(query)), "tx-r", "a plain query saw an uncommitted write")
              assert.notInclude((yield* Fiber.join(events)).map((e) => e.data), "tx", "a plain read saw an uncommitted event")
              // The plain write and append are not undone with the transaction.
              assert.isTrue(Either.isRight(yield* Fiber.join(write)), "the plain write failed")
              assert.isTrue(Either.isRight(yield* Fiber.join(append)), "the plain append failed")
              assert.deepStrictEqual((yield* a.readEvents("s-r")).map((e) => e.data), ["plain"])
              assert.isTrue(Option.isNone(yield* a.getDocument("docs", "tx-r")))
              assert.isTrue(Option.isSome(yield* a.getDocument("docs", "plain-r")))
            } else {
              yield* Fiber.join(query)
              const evs = yield* Fiber.join(events)
              assert.isTrue(evs.length === 0 || (evs.length === 1 && evs[0]!.data === "tx"), "a plain read saw a partial stream")
              assert.isTrue(Either.isRight(yield* Fiber.join(write)), "the plain write failed")
              // The plain append expected an empty stream: it waited for the commit, then conflicted.
              const appended = yield* Fiber.join(append)
              assert.isTrue(
                Either.isLeft(appended) && appended.left instanceof StorageAdapter.ConcurrencyConflict,
                "a plain append interleaved with an open transaction"
              )
              assert.deepStrictEqual((yield* a.readEvents("s-c")).map((e) => e.data), ["tx"])
              assert.isTrue(Option.isSome(yield* a.getDocument("docs", "tx-c")))
              assert.isTrue(Option.isSome(yield* a.getDocument("docs", "plain-c")))
            }
          }
        })))
    })

    describe("refusals say what is wrong", () => {
      class Money {
        constructor(readonly fen: number) {}
      }
      // Each bad call, the operation its StorageError must name, and what its message must mention.
      it.effect("every refusal names the operation and the problem", () =>
        run(Effect.gen(function*() {
          const a = yield* adapter
          const lone = "村\uD800"
          const refused = <A, E>(self: Effect.Effect<A, E>, operation: string, message: RegExp) =>
            Effect.map(expectStorageError(self, message, `(${operation}, ${message})`), (error) =>
              assert.strictEqual(error.operation, operation, `the error of ${message} names its operation`))
          const cases: ReadonlyArray<[Json, RegExp]> = [
            [Number.NaN as unknown as Json, /non-finite/],
            [{ f: () => 1 } as unknown as Json, /function/],
            [{ s: Symbol("s") } as unknown as Json, /symbol/],
            [{ n: 1n } as unknown as Json, /bigint/],
            [{ at: new Date(0) } as unknown as Json, /Date/],
            [[new Money(1)] as unknown as Json, /Money/],
            [[1, undefined] as unknown as Json, /undefined/],
            [undefined as unknown as Json, /undefined/]
          ]
          for (const [data, problem] of cases) {
            yield* refused(a.putDocument(doc("d", data)), "putDocument", problem)
            yield* refused(a.putDocuments([doc("e", {}), doc("d", data)]), "putDocuments", problem)
            yield* refused(a.appendEvents("s", 0, [event("E", 1), event("E", data)]), "appendEvents", problem)
          }
          for (const [operation, put] of [
            ["putDocument", (w: StorageAdapter.DocumentWrite) => a.putDocument(w)],
            ["putDocuments", (w: StorageAdapter.DocumentWrite) => a.putDocuments([doc("first", {}), w])]
          ] as const) {
            yield* refused(put(doc("x", {}, {}, 0, "")), operation, /collection/)
            yield* refused(put(doc("", {})), operation, /\bid\b/)
            yield* refused(put(doc(lone, {})), operation, /well-formed/)
            yield* refused(put(doc("x", {}, { [lone]: 1 })), operation, /index.*well-formed/)
            yield* refused(put(doc("x", {}, { n: Number.NaN })), operation, /index.*(string|finite)/)
            yield* refused(put(doc("x", {}, {}, -1)), operation, /expectedVersion/)
            // Keys that are not strings at all (from untyped callers).
            yield* refused(put(doc("x", {}, {}, 0, 5 as unknown as string)), operation, /collection/)
            yield* refused(put(doc(null as unknown as string, {})), operation, /\bid\b/)
          }
          yield* refused(a.queryIndex({ collection: "docs", index: "n", limit: 0 }), "queryIndex", /limit/)
          yield* refused(a.queryIndex({ collection: "docs", index: "n", limit: 1, lt: Number.NaN }), "queryIndex", /bound/)
          yield* refused(a.queryIndex({ collection: "docs", index: "n", limit: 1, cursor: "?" }), "queryIndex", /cursor/)
          yield* refused(a.appendEvents("", 0, [event("E", 1)]), "appendEvents", /stream/)
          yield* refused(a.appendEvents(7 as unknown as string, 0, [event("E", 1)]), "appendEvents", /stream/)
          yield* refused(a.appendEvents("s", -1, []), "appendEvents", /expectedVersion/)
          yield* refused(a.appendEvents("s", 0, [event(lone, 1)]), "appendEvents", /type/)
          yield* refused(a.appendEvents("s", 0, [{ type: 5 as unknown as string, data: 1, recordedAt: 1 }]), "appendEvents", /type/)
          yield* refused(a.appendEvents("s", 0, [event("E", 1, 0.5)]), "appendEvents", /recordedAt/)
          yield* refused(a.readEvents("s", 0), "readEvents", /fromVersion/)
          yield* refused(a.readEvents("s", 1, 0), "readEvents", /limit/)
          assert.isTrue(Option.isNone(yield* a.getDocument("docs", "first")))
          assert.strictEqual(yield* a.lastVersion("s"), 0)
        })))

      const fieldsOf = (c: StorageAdapter.ConcurrencyConflict) => ({ kind: c.kind, key: c.key, expected: c.expected, actual: c.actual })
      it.effect("conflicts name the document as collection/id, or the stream", () =>
        run(Effect.gen(function*() {
          const a = yield* adapter
          yield* a.putDocument(doc("村/1", {}, {}, 0, "卷宗"))
          const single = yield* expectConflict(a.putDocument(doc("村/1", {}, {}, 0, "卷宗")))
          assert.deepStrictEqual(fieldsOf(single), { kind: "document", key: "卷宗/村/1", expected: 0, actual: 1 })
          const bulk = yield* expectConflict(a.putDocuments([doc("new", {}), doc("村/1", {}, {}, 2, "卷宗")]))
          assert.deepStrictEqual(fieldsOf(bulk), { kind: "document", key: "卷宗/村/1", expected: 2, actual: 1 })
          yield* a.appendEvents("案/1", 0, [event("E", 1)])
          const stream = yield* expectConflict(a.appendEvents("案/1", 0, [event("E", 2)]))
          assert.deepStrictEqual(fieldsOf(stream), { kind: "stream", key: "案/1", expected: 0, actual: 1 })
        })))
    })

    describe("more contract details", () => {
      it.effect("one putDocuments may write to several collections, alternating, with their indexes apart", () =>
        run(Effect.gen(function*() {
          const a = yield* adapter
          const collections = ["a", "b", "a", "c", "b", "a"]
          yield* a.putDocuments(collections.map((c, i) => doc(`d${i}`, { c, i }, { n: i }, 0, c)))
          for (const c of ["a", "b", "c"]) {
            const want = collections.flatMap((x, i) => (x === c ? [`d${i}`] : []))
            assert.deepStrictEqual(ids(yield* a.queryIndex({ collection: c, index: "n", limit: 10 })), want, c)
            for (const id of want) assert.deepStrictEqual(Option.getOrThrow(yield* a.getDocument(c, id)).collection, c)
          }
          assert.isTrue(Option.isNone(yield* a.getDocument("a", "d1")))
          // An index the collection does not have is empty, as is a collection that does not exist.
          assert.deepStrictEqual(yield* a.queryIndex({ collection: "a", index: "nope", limit: 5 }), { items: [], cursor: undefined })
        })))

      it.effect("strings order by code point at the surrogate boundaries (U+D7FF, U+E000, U+FFFF, U+10000)", () =>
        run(Effect.gen(function*() {
          const a = yield* adapter
          // In code point order; UTF-16 order would put the last two before U+E000.
          const values = ["\uAC00\u{1F600}", "\uD7FF", "\uD7FF\uE000", "\uE000", "\uE000\u{10000}", "\uFFFF", "\u{10000}", "\u{10FFFF}"]
          yield* a.putDocuments([...values].reverse().map((v, i) => doc(`v${i}`, { v }, { v })))
          const asc = (yield* a.queryIndex({ collection: "docs", index: "v", limit: 20 })).items.map((r) => r.indexes["v"])
          assert.deepStrictEqual(asc, values)
          const between = yield* a.queryIndex({ collection: "docs", index: "v", limit: 20, gt: "\uE000", lt: "\u{10000}" })
          assert.deepStrictEqual(between.items.map((r) => r.indexes["v"]), ["\uE000\u{10000}", "\uFFFF"])
        })))

      it.effect("data: -0 reads back as 0, a \"__proto__\" key is an ordinary key, 257 levels of nesting are kept and deeper is refused", () =>
        run(Effect.gen(function*() {
          const a = yield* adapter
          const proto = JSON.parse(`{"__proto__": {"polluted": true}, "list": [{"__proto__": 1}]}`) as Json
          yield* a.putDocument(doc("p", { zero: -0, proto }))
          const read = Option.getOrThrow(yield* a.getDocument("docs", "p")).data as { zero: number; proto: Record<string, Json> }
          assert.isTrue(Object.is(read.zero, 0), "-0 in data reads back as 0, as from JSON")
          assert.deepStrictEqual(Object.keys(read.proto).sort(), ["__proto__", "list"])
          assert.deepStrictEqual(Object.getOwnPropertyDescriptor(read.proto, "__proto__")?.value, { polluted: true })
          assert.isUndefined(({} as Record<string, unknown>)["polluted"], "nothing was polluted")
          assert.strictEqual(Object.getPrototypeOf(read.proto), Object.prototype)
          yield* a.appendEvents("s", 0, [event("E", proto)])
          const [e] = yield* a.readEvents("s")
          assert.deepStrictEqual(Object.getOwnPropertyDescriptor(e!.data as object, "__proto__")?.value, { polluted: true })
          const nest = (levels: number): Json => {
            let v: Json = "底"
            for (let i = 1; i < levels; i++) v = [v]
            return v
          }
          const nestObjects = (levels: number, key = "x"): Json => {
            let v: Json = "底"
            for (let i = 0; i < levels; i++) v = { [key]: v }
            return v
          }
          // 257 nested arrays or objects (depths 0 to 256) are kept; one more is refused.
          yield* a.putDocument(doc("deep", nest(258)))
          assert.deepStrictEqual(Option.getOrThrow(yield* a.getDocument("docs", "deep")).data, nest(258))
          yield* a.putDocument(doc("deep-objects", nestObjects(257)))
          assert.deepStrictEqual(Option.getOrThrow(yield* a.getDocument("docs", "deep-objects")).data, nestObjects(257))
          yield* expectStorageError(a.putDocument(doc("deeper", nest(259))), /deep/)
          yield* expectStorageError(a.putDocument(doc("deeper", nestObjects(258))), /deep/)
          yield* expectStorageError(a.appendEvents("s", 1, [event("E", nest(400))]), /deep/)
          yield* expectStorageError(a.putDocument(doc("deeper", nestObjects(400, "__proto__"))), /deep/)
          assert.isTrue(Option.isNone(yield* a.getDocument("docs", "deeper")))
        })))

      it.effect.skipIf(!tamperExpected)("the tamper hook refuses an event that does not exist", () =>
        run(Effect.gen(function*() {
          const a = yield* adapter
          const hook = yield* Effect.serviceOption(StorageAdapter.StorageTamper)
          if (Option.isNone(hook)) return assert.fail("the layer does not provide StorageTamper; provide it or pass { tamper: false }")
          const tamper = hook.value
          yield* a.appendEvents("s", 0, [event("E", 1), event("E", 2)])
          for (const [stream, version] of [["s", 3], ["s", 0], ["none", 1]] as const) {
            const altered = yield* expectStorageError(tamper.alterEvent(stream, version, "x"), /no event/)
            assert.strictEqual(altered.operation, "alterEvent")
            const deleted = yield* expectStorageError(tamper.deleteEvent(stream, version), /no event/)
            assert.strictEqual(deleted.operation, "deleteEvent")
          }
          assert.deepStrictEqual((yield* a.readEvents("s")).map((e) => e.data), [1, 2])
          yield* tamper.deleteEvent("s", 1)
          const altered = yield* expectStorageError(tamper.alterEvent("s", 1, "x"))
          assert.strictEqual(altered.operation, "alterEvent")
          assert.deepStrictEqual((yield* a.readEvents("s")).map((e) => e.data), [2])
        })))
    })

    describe("races", () => {
      it.live(`${racers} fibers racing on one stream: one winner per version, no lost event`, () =>
        run(Effect.gen(function*() {
          const a = yield* adapter
          let conflicts = 0
          // Every racer reads the stream's version before any of them appends, so the first round
          // has one winner and racers - 1 conflicts; losers retry until each event is in.
          const ready = yield* Effect.makeLatch(false)
          let waiting = racers
          const appendOnce = (racer: number, first: boolean): Effect.Effect<void, StorageAdapter.StorageError> =>
            Effect.gen(function*() {
              const last = yield* a.lastVersion("race")
              if (first) {
                waiting--
                if (waiting === 0) yield* ready.open
                yield* ready.await
              } else {
                yield* Effect.yieldNow()
              }
              yield* a.appendEvents("race", last, [event("Tick", { racer })])
            }).pipe(Effect.catchTag("ConcurrencyConflict", () => {
              conflicts++
              return appendOnce(racer, false)
            }))
          yield* Effect.forEach(Array.from({ length: racers }, (_, i) => i), (i) => appendOnce(i, true), {
            concurrency: "unbounded",
            discard: true
          })
          const events = yield* a.readEvents("race")
          assert.deepStrictEqual(events.map((e) => e.version), Array.from({ length: racers }, (_, i) => i + 1))
          assert.deepStrictEqual(
            events.map((e) => (e.data as { racer: number }).racer).sort((x, y) => x - y),
            Array.from({ length: racers }, (_, i) => i)
          )
          assert.strictEqual(yield* a.lastVersion("race"), racers)
          assert.isAtLeast(conflicts, racers - 1, "the racers must really have raced")
        })))

      it.live(`${racers} fibers racing through Storage: every event and its audit entry kept once`, () =>
        run(Effect.gen(function*() {
          const appendOnce = (racer: number): Effect.Effect<void, Storage.WriteError, Storage.Storage> =>
            Effect.gen(function*() {
              const last = yield* ticks.lastVersion("race")
              yield* Effect.yieldNow()
              yield* ticks.append("race", last, [{ racer, text: `racer ${racer}` }], { actor: `racer-${racer}` })
            }).pipe(Effect.catchTag("ConcurrencyConflict", () => appendOnce(racer)))
          yield* Effect.forEach(Array.from({ length: racers }, (_, i) => i), appendOnce, {
            concurrency: "unbounded",
            discard: true
          })
          const events = yield* ticks.read("race")
          assert.deepStrictEqual(events.map((e) => e.version), Array.from({ length: racers }, (_, i) => i + 1))
          assert.deepStrictEqual(events.map((e) => e.value.racer).sort((x, y) => x - y), Array.from({ length: racers }, (_, i) => i))
          const verified = yield* Audit.verify()
          assert.strictEqual(verified.entries, racers)
        })))

      it.live(`${racers} fibers racing on one document with retries end at version ${racers + 1}`, () =>
        run(Effect.gen(function*() {
          const a = yield* adapter
          yield* a.putDocument(doc("counter", { n: 0 }, {}))
          const increment: Effect.Effect<void, StorageAdapter.StorageError> = Effect.gen(function*() {
            const current = Option.getOrThrow(yield* a.getDocument("docs", "counter"))
            yield* Effect.yieldNow()
            yield* a.putDocument(doc("counter", { n: (current.data as { n: number }).n + 1 }, {}, current.version))
          }).pipe(Effect.catchTag("ConcurrencyConflict", () => increment))
          yield* Effect.forEach(Array.from({ length: racers }), () => increment, { concurrency: "unbounded", discard: true })
          const counter = Option.getOrThrow(yield* a.getDocument("docs", "counter"))
          assert.deepStrictEqual(counter.data, { n: racers })
          assert.strictEqual(counter.version, racers + 1)
        })))
    })
  })
}
