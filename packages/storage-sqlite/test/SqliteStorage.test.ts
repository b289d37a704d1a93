/**
 * What the conformance suite cannot see: pragmas, migrations, query plans and the batched bulk path.
 */
import { assert, describe, it } from "@effect/vitest"
import { StorageAdapter } from "@qinglian/core"
import { SqliteStorage } from "@qinglian/storage-sqlite"
import { MemoryStorage } from "@qinglian/storage-memory"
import * as Effect from "effect/Effect"
import * as fc from "fast-check"
import * as Option from "effect/Option"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll } from "vitest"
import * as IndexQuery from "../src/internal/indexQuery.js"

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qinglian-sqlite-unit-"))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))
let files = 0
const freshFile = () => path.join(dir, `unit-${files++}.db`)

const task = (i: number, expectedVersion = 0, village = i % 7): StorageAdapter.DocumentWrite => ({
  collection: "tasks",
  id: `t${String(i).padStart(5, "0")}`,
  expectedVersion,
  data: { i, village },
  indexes: { village: `v${village}`, quantity: i }
})

const countRows = (storage: SqliteStorage.SqliteStorageService, table: string) =>
  Effect.map(storage.sql.unsafe<{ n: number }>(`SELECT count(*) AS n FROM ${table}`), (rows) => rows[0]!.n)

describe("SqliteStorage", () => {
  it.scoped("opens a file with WAL, a busy timeout, foreign keys and full sync", () =>
    Effect.gen(function*() {
      const storage = yield* SqliteStorage.make({ filename: freshFile(), busyTimeout: 1234 })
      assert.strictEqual(storage.journalMode, "wal")
      assert.deepStrictEqual(storage.capabilities, {
        transactions: "native",
        durable: true,
        multiProcess: true,
        bulkImport: "native"
      })
      const pragma = (name: string) => Effect.map(storage.sql.unsafe<Record<string, unknown>>(`PRAGMA ${name}`), (r) => r[0])
      assert.deepStrictEqual(yield* pragma("busy_timeout"), { timeout: 1234 })
      assert.deepStrictEqual(yield* pragma("foreign_keys"), { foreign_keys: 1 })
      assert.deepStrictEqual(yield* pragma("synchronous"), { synchronous: 2 })
      assert.deepStrictEqual(yield* pragma("mmap_size"), { mmap_size: SqliteStorage.defaultMmapSize })
      assert.deepStrictEqual(yield* storage.integrityCheck, ["ok"])
    }))

  it.scoped(":memory: is private, neither durable nor shared", () =>
    Effect.gen(function*() {
      const a = yield* SqliteStorage.make({ filename: ":memory:" })
      const b = yield* SqliteStorage.make({ filename: ":memory:" })
      assert.isFalse(a.capabilities.durable)
      assert.isFalse(a.capabilities.multiProcess)
      yield* a.putDocument(task(1))
      assert.isTrue(Option.isNone(yield* b.getDocument("tasks", "t00001")))
    }))

  it.effect("runs the migrations once, and refuses a file from a newer release", () =>
    Effect.gen(function*() {
      const file = freshFile()
      const first = yield* Effect.scoped(Effect.gen(function*() {
        const storage = yield* SqliteStorage.make({ filename: file })
        yield* storage.putDocument(task(1))
        return storage.schemaVersion
      }))
      assert.strictEqual(first, SqliteStorage.schemaVersion)
      yield* Effect.scoped(Effect.gen(function*() {
        const storage = yield* SqliteStorage.make({ filename: file })
        assert.strictEqual(yield* countRows(storage, SqliteStorage.migrationsTable), 1)
        assert.isTrue(Option.isSome(yield* storage.getDocument("tasks", "t00001")))
        // As if a later release had migrated this file.
        yield* storage.sql.unsafe(`INSERT INTO ${SqliteStorage.migrationsTable} (migration_id, name) VALUES (99, 'future')`)
      }))
      const error = yield* Effect.flip(Effect.scoped(SqliteStorage.make({ filename: file })))
      assert.strictEqual(error.operation, "open")
      assert.match(error.message, /schema version 99, newer than this release/)
    }))

  it.effect("a path that cannot be opened is a StorageError, not a crash", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(
        Effect.scoped(SqliteStorage.make({ filename: path.join(dir, "missing-dir", "x.db") }))
      )
      assert.strictEqual(error._tag, "StorageError")
      assert.strictEqual(error.operation, "open")
    }))

  it.scoped("data is JSON text: its strings keep U+0000 and lone surrogates exactly; keys refuse a lone surrogate, naming it", () =>
    Effect.gen(function*() {
      const storage = yield* SqliteStorage.make({ filename: ":memory:" })
      const data = { note: "a\u0000b", lone: ["\uD800", "x\uDC00"], "\uDBFF": "key" }
      yield* storage.putDocument({ collection: "c", id: "d", expectedVersion: 0, data, indexes: {} })
      yield* storage.appendEvents("s", 0, [{ type: "E", data, recordedAt: 1 }])
      assert.deepStrictEqual(Option.getOrThrow(yield* storage.getDocument("c", "d")).data, data)
      assert.deepStrictEqual((yield* storage.readEvents("s"))[0]!.data, data)
      // U+0000 is fine in keys too; a lone surrogate is not (UTF-8 cannot hold it).
      yield* storage.putDocument({ collection: "c", id: "n\u0000", expectedVersion: 0, data: 1, indexes: { "i\u0000": "v\u0000" } })
      assert.isTrue(Option.isSome(yield* storage.getDocument("c", "n\u0000")))
      const refused = (self: Effect.Effect<unknown, StorageAdapter.StorageError | StorageAdapter.ConcurrencyConflict>) =>
        Effect.map(Effect.flip(self), (error) => error.message)
      assert.strictEqual(
        yield* refused(storage.putDocument({ collection: "c", id: "x\uD800", expectedVersion: 0, data: 1, indexes: {} })),
        "document c/x\uD800: collection and id must be well-formed Unicode"
      )
      assert.strictEqual(
        yield* refused(storage.putDocuments([{ collection: "c", id: "y", expectedVersion: 0, data: 1, indexes: { i: "\uDC00" } }])),
        "document c/y: index \"i\": names and values must be well-formed Unicode"
      )
      assert.strictEqual(
        yield* refused(storage.appendEvents("s\uD800", 0, [])),
        "stream must be a non-empty, well-formed string"
      )
      assert.strictEqual(
        yield* refused(storage.appendEvents("t", 0, [{ type: "E\uD800", data: 1, recordedAt: 1 }])),
        "stream t: event type must be a well-formed string"
      )
      assert.isTrue(Option.isNone(yield* storage.getDocument("c", "y")))
      assert.strictEqual(yield* storage.lastVersion("t"), 0)
    }))

  it.scoped("index queries walk the document_index primary key, in both directions, with no sort step", () =>
    Effect.gen(function*() {
      const storage = yield* SqliteStorage.make({ filename: ":memory:" })
      const cursor = StorageAdapter.encodeCursor({ value: "v3", id: "t00010" })
      const queries: Array<StorageAdapter.IndexQuery> = [
        { collection: "tasks", index: "village", gte: "v1", lte: "v1", limit: 50 },
        { collection: "tasks", index: "village", gt: "v1", lt: "v5", order: "desc", limit: 50, cursor },
        { collection: "tasks", index: "quantity", limit: 10, cursor: StorageAdapter.encodeCursor({ value: 3, id: "t1" }) }
      ]
      for (const query of queries) {
        const compiled = IndexQuery.compile(query)
        assert(compiled._tag === "Sql")
        const plan = (yield* storage.sql.unsafe<{ detail: string }>(`EXPLAIN QUERY PLAN ${compiled.text}`, compiled.params))
          .map((row) => row.detail)
        assert.match(plan[0]!, /^SEARCH i USING PRIMARY KEY \(collection=\? AND name=\?/, plan.join("; "))
        assert.match(plan[1]!, /^SEARCH d USING PRIMARY KEY \(collection=\? AND id=\?\)/, plan.join("; "))
        assert.isFalse(plan.some((line) => /SCAN|TEMP B-TREE/.test(line)), plan.join("; "))
      }
    }))

  it.scoped("a bulk import spanning many statements is atomic: a conflict in the last batch writes nothing", () =>
    Effect.gen(function*() {
      const storage = yield* SqliteStorage.make({ filename: freshFile(), batchSize: 100 })
      yield* storage.putDocument(task(1049))
      const writes = Array.from({ length: 1050 }, (_, i) => task(i))
      const error = yield* Effect.flip(storage.putDocuments(writes))
      assert.deepStrictEqual(
        error,
        new StorageAdapter.ConcurrencyConflict({ kind: "document", key: "tasks/t01049", expected: 0, actual: 1 })
      )
      assert.strictEqual(yield* countRows(storage, "documents"), 1)
      assert.strictEqual(yield* countRows(storage, "document_index"), 2)

      // The same batch without the conflict commits, every document with both index entries.
      yield* storage.putDocuments(writes.slice(0, 1049))
      assert.strictEqual(yield* countRows(storage, "documents"), 1050)
      assert.strictEqual(yield* countRows(storage, "document_index"), 2100)
      const page = yield* storage.queryIndex({ collection: "tasks", index: "village", gte: "v3", lte: "v3", limit: 1000 })
      assert.strictEqual(page.items.length, 150)
      assert.isUndefined(page.cursor)
    }))

  it.scoped("an update batch with one stale version writes nothing", () =>
    Effect.gen(function*() {
      const storage = yield* SqliteStorage.make({ filename: ":memory:", batchSize: 50 })
      yield* storage.putDocuments(Array.from({ length: 120 }, (_, i) => task(i)))
      const updates = Array.from({ length: 120 }, (_, i) => task(i, i === 117 ? 2 : 1, 0))
      const error = yield* Effect.flip(storage.putDocuments(updates))
      assert.deepStrictEqual(
        error,
        new StorageAdapter.ConcurrencyConflict({ kind: "document", key: "tasks/t00117", expected: 2, actual: 1 })
      )
      const v0 = yield* storage.queryIndex({ collection: "tasks", index: "village", gte: "v0", lte: "v0", limit: 200 })
      assert.strictEqual(v0.items.length, 18)
      assert.isTrue(v0.items.every((item) => item.version === 1))
    }))

  it.scoped("repeated keys across batches apply in order and leave no stale index entries", () =>
    Effect.gen(function*() {
      const storage = yield* SqliteStorage.make({ filename: ":memory:", batchSize: 3 })
      yield* storage.putDocuments([
        task(1, 0, 1),
        task(2, 0, 1),
        task(1, 1, 2), // same key again: a new batch
        task(3, 0, 1),
        task(1, 2, 3),
        { ...task(2, 1), indexes: {} } // drops every index of t00002
      ])
      const doc = yield* storage.getDocument("tasks", "t00001")
      assert.deepStrictEqual(Option.map(doc, (d) => [d.version, d.indexes]), Option.some([3, { village: "v3", quantity: 1 }]))
      const byVillage = (v: string) =>
        Effect.map(
          storage.queryIndex({ collection: "tasks", index: "village", gte: v, lte: v, limit: 10 }),
          (page) => page.items.map((item) => item.id)
        )
      assert.deepStrictEqual(yield* byVillage("v1"), ["t00003"])
      assert.deepStrictEqual(yield* byVillage("v2"), [])
      assert.deepStrictEqual(yield* byVillage("v3"), ["t00001"])
      // t00001: 2 entries, t00002: none, t00003: 2.
      assert.strictEqual(yield* countRows(storage, "document_index"), 4)
    }))

  it.scoped("documents with many indexes stay under SQLite's bound-parameter limit", () =>
    Effect.gen(function*() {
      const storage = yield* SqliteStorage.make({ filename: ":memory:" })
      const indexes = Object.fromEntries(Array.from({ length: 40 }, (_, k) => [`i${k}`, k]))
      yield* storage.putDocuments(
        Array.from({ length: 1200 }, (_, i) => ({ collection: "wide", id: `w${i}`, expectedVersion: 0, data: i, indexes }))
      )
      assert.strictEqual(yield* countRows(storage, "document_index"), 48_000)
    }))

  it.scoped("data that would not come back as written is refused, and nothing is written", () =>
    Effect.gen(function*() {
      const storage = yield* SqliteStorage.make({ filename: ":memory:" })
      const bad: ReadonlyArray<StorageAdapter.DocumentWrite> = [
        { collection: "c", id: "nan", expectedVersion: 0, data: { x: Number.NaN }, indexes: {} },
        { collection: "c", id: "date", expectedVersion: 0, data: { at: new Date(0) as unknown as string }, indexes: {} },
        { collection: "c", id: "hole", expectedVersion: 0, data: [undefined as unknown as null], indexes: {} },
        { collection: "c", id: "lone\uD800", expectedVersion: 0, data: 1, indexes: {} },
        { collection: "c", id: "index", expectedVersion: 0, data: 1, indexes: { k: Number.POSITIVE_INFINITY } }
      ]
      for (const write of bad) {
        const error = yield* Effect.flip(storage.putDocuments([task(1), write]))
        assert.strictEqual(error._tag, "StorageError", write.id)
      }
      assert.strictEqual(yield* countRows(storage, "documents"), 0)
    }))

  it.scoped("a nested transaction is a savepoint: its failure undoes only its own writes", () =>
    Effect.gen(function*() {
      const storage = yield* SqliteStorage.make({ filename: ":memory:" })
      yield* storage.transaction(Effect.gen(function*() {
        yield* storage.putDocument(task(1))
        const inner = yield* Effect.either(storage.transaction(Effect.gen(function*() {
          yield* storage.putDocument(task(2))
          return yield* Effect.fail("inner gives up")
        })))
        assert.deepStrictEqual(inner._tag, "Left")
        yield* storage.putDocument(task(3))
      }))
      const ids = (yield* storage.queryIndex({ collection: "tasks", index: "quantity", limit: 10 })).items.map((d) => d.id)
      assert.deepStrictEqual(ids, ["t00001", "t00003"])
    }))

  it.scoped("your own SQL through `sql` joins the adapter's transaction and rolls back with it", () =>
    Effect.gen(function*() {
      const storage = yield* SqliteStorage.make({ filename: ":memory:" })
      yield* storage.sql.unsafe("CREATE TABLE notes (text TEXT NOT NULL)")
      const result = yield* Effect.exit(storage.transaction(Effect.gen(function*() {
        yield* storage.sql.unsafe("INSERT INTO notes (text) VALUES ('kept?')")
        yield* storage.appendEvents("s", 0, [{ type: "x", data: 1, recordedAt: 0 }])
        return yield* Effect.die("defect")
      })))
      assert.strictEqual(result._tag, "Failure")
      assert.strictEqual(yield* countRows(storage, "notes"), 0)
      assert.strictEqual(yield* storage.lastVersion("s"), 0)
    }))

  it.scoped("events are append-only in the file; only the test tamper hook gets past that", () =>
    Effect.gen(function*() {
      const storage = yield* SqliteStorage.make({ filename: ":memory:" })
      yield* storage.appendEvents("$audit", 0, [
        { type: "a", data: { n: 1 }, recordedAt: 1 },
        { type: "b", data: { n: 2 }, recordedAt: 2 }
      ])
      const update = yield* Effect.flip(storage.sql.unsafe("UPDATE events SET data = '{}'"))
      assert.match(String((update.cause as Error).message), /append-only/)
      yield* Effect.flip(storage.sql.unsafe("DELETE FROM events"))
      assert.strictEqual(yield* storage.lastVersion("$audit"), 2)

      const tamper = SqliteStorage.makeTamper(storage)
      yield* tamper.alterEvent("$audit", 1, { n: 100 })
      yield* tamper.deleteEvent("$audit", 2)
      assert.deepStrictEqual((yield* storage.readEvents("$audit")).map((e) => e.data), [{ n: 100 }])
      assert.strictEqual((yield* Effect.flip(tamper.deleteEvent("$audit", 7)))._tag, "StorageError")
      // The triggers are back.
      yield* Effect.flip(storage.sql.unsafe("DELETE FROM events"))
      assert.strictEqual(yield* countRows(storage, "events"), 1)
    }))

  it("the batched bulk path agrees with the memory adapter on random imports (repeats, stale versions, moved indexes)", async () => {
    const write = fc.record({
      key: fc.integer({ min: 0, max: 5 }),
      village: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
      stale: fc.boolean()
    })
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.array(write, { minLength: 1, maxLength: 10 }), { minLength: 1, maxLength: 4 }),
        (batchSize, calls) =>
          Effect.runPromise(Effect.scoped(Effect.gen(function*() {
            const sqlite = yield* SqliteStorage.make({ filename: ":memory:", batchSize })
            const memory = (yield* MemoryStorage.make).adapter
            const believed = new Map<number, number>()
            for (const [n, call] of calls.entries()) {
              const writes = call.map((w, i): StorageAdapter.DocumentWrite => {
                const version = believed.get(w.key) ?? 0
                believed.set(w.key, version + 1)
                return {
                  collection: "c",
                  id: `k${w.key}`,
                  // Mostly right, sometimes stale (1 in 8), so that some calls conflict.
                  expectedVersion: w.stale && (i + n) % 4 === 0 ? version + 1 : version,
                  data: { n, i },
                  indexes: w.village === undefined ? {} : { village: `v${w.village}` }
                }
              })
              const [a, b] = [yield* Effect.either(sqlite.putDocuments(writes)), yield* Effect.either(memory.putDocuments(writes))]
              assert.deepStrictEqual(a, b)
            }
            for (let key = 0; key <= 5; key++) {
              assert.deepStrictEqual(yield* sqlite.getDocument("c", `k${key}`), yield* memory.getDocument("c", `k${key}`))
            }
            const all = { collection: "c", index: "village", limit: 100 } as const
            assert.deepStrictEqual(yield* sqlite.queryIndex(all), yield* memory.queryIndex(all))
          })))
      ),
      { numRuns: 60 }
    )
  })
})
