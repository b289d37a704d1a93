/**
 * What only a real PostgreSQL server can show: counties isolated by schema, migrations and their
 * version check, the append-only trigger, the query plan, a lost connection mid-transaction, the
 * pool closing on release, and two processes (the real adapter in test/fixtures/child.ts) writing
 * one stream and one document, or killed in the middle of a bulk import.
 */
import { assert, describe, it } from "@effect/vitest"
import { Audit, Storage, StorageAdapter } from "@qinglian/core"
import { Testkit } from "@qinglian/storage-conformance"
import { PostgresStorage } from "@qinglian/storage-postgres"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { fileURLToPath } from "node:url"
import { useServer } from "./fixtures/server.js"

const server = useServer()
// Child processes start tsx and the adapter: allow for a busy machine.
const timeout = 120_000

// A store on its own pool for the length of the scope.
const openStore = (schema: string, extra: Partial<PostgresStorage.PostgresStorageConfig> = {}) =>
  Effect.flatMap(
    Layer.build(PostgresStorage.layer({ url: server.current().url, schema, maxConnections: 4, ...extra })),
    (context) => Effect.succeed(context.unsafeMap.get(PostgresStorage.PostgresStorage.key) as PostgresStorage.PostgresStorageService)
  )

const doc = (id: string, data: StorageAdapter.Json, indexes: Record<string, StorageAdapter.IndexValue> = {}, expectedVersion = 0, collection = "docs") =>
  ({ collection, id, expectedVersion, data, indexes }) satisfies StorageAdapter.DocumentWrite

const count = async (sql: string, params: ReadonlyArray<unknown> = []) =>
  Number((await server.current().query<{ n: string }>(sql, params))[0]!.n)

describe("PostgreSQL adapter", () => {
  it.effect("counties in separate schemas never see each other's documents, indexes or events", () =>
    Effect.scoped(Effect.gen(function*() {
      const a = yield* openStore(server.current().freshSchema("county_a"))
      const b = yield* openStore(server.current().freshSchema("county_b"))
      yield* a.putDocument(doc("same-id", { county: "a" }, { v: "x" }))
      yield* a.appendEvents("case/1", 0, [{ type: "Opened", data: "a", recordedAt: 1 }])
      assert.isTrue(Option.isNone(yield* b.getDocument("docs", "same-id")))
      assert.deepStrictEqual((yield* b.queryIndex({ collection: "docs", index: "v", limit: 10 })).items, [])
      assert.strictEqual(yield* b.lastVersion("case/1"), 0)
      assert.deepStrictEqual(yield* b.readEvents("case/1"), [])
      // The same keys in the other county are independent, versions and all.
      yield* b.putDocument(doc("same-id", { county: "b" }, { v: "x" }))
      yield* b.appendEvents("case/1", 0, [{ type: "Opened", data: "b", recordedAt: 2 }])
      assert.deepStrictEqual(Option.getOrThrow(yield* a.getDocument("docs", "same-id")).data, { county: "a" })
      assert.deepStrictEqual(Option.getOrThrow(yield* b.getDocument("docs", "same-id")).data, { county: "b" })
      assert.deepStrictEqual((yield* a.readEvents("case/1")).map((e) => e.data), ["a"])
      assert.deepStrictEqual((yield* a.queryIndex({ collection: "docs", index: "v", limit: 10 })).items.map((r) => r.data), [{ county: "a" }])
      // Each county has its own audit chain through Storage, and each verifies.
      const notes = Storage.collection({ name: "notes", schema: Schema.String, id: (s) => s })
      for (const [store, text] of [[a, "甲县"], [b, "乙县"]] as const) {
        yield* Effect.provide(
          Effect.zipRight(notes.insert(text, { actor: "clerk" }), Audit.verify()),
          Layer.provideMerge(Storage.layer, Layer.succeed(StorageAdapter.StorageAdapter, store))
        )
      }
      assert.deepStrictEqual((yield* a.readEvents(Audit.stream)).length, 1)
      assert.deepStrictEqual((yield* b.readEvents(Audit.stream)).length, 1)
      // A schema name that could escape its quotes is refused.
      const bad = yield* Effect.flip(openStore(`x"; DROP SCHEMA public; --`))
      assert.match(bad.message, /schema/)
    })))

  it.effect("migrations run once, reopening keeps the data, and a schema from a newer release is refused", () =>
    Effect.gen(function*() {
      const schema = server.current().freshSchema("mig")
      const first = yield* Effect.scoped(Effect.gen(function*() {
        const s = yield* openStore(schema)
        yield* s.putDocument(doc("kept", 1))
        return s.schemaVersion
      }))
      assert.strictEqual(first, PostgresStorage.schemaVersion)
      yield* Effect.scoped(Effect.gen(function*() {
        const s = yield* openStore(schema)
        assert.isTrue(Option.isSome(yield* s.getDocument("docs", "kept")))
      }))
      assert.strictEqual(
        yield* Effect.promise(() => count(`SELECT count(*) AS n FROM "${schema}".${PostgresStorage.migrationsTable}`)),
        1
      )
      yield* Effect.promise(() =>
        server.current().query(
          `INSERT INTO "${schema}".${PostgresStorage.migrationsTable} (migration_id, name) VALUES ($1, 'from_the_future')`,
          [PostgresStorage.schemaVersion + 1]
        )
      )
      const error = yield* Effect.flip(Effect.scoped(openStore(schema)))
      assert.instanceOf(error, StorageAdapter.StorageError)
      assert.match(error.message, /newer than this release/)
      assert.match((yield* Effect.flip(Effect.scoped(openStore(schema, { migrate: false })))).message, /newer than this release/)
      // Without migrating (a replica, a role without DDL rights): a schema never migrated is refused, a current one opens.
      const fresh = server.current().freshSchema("mig_none")
      assert.match((yield* Effect.flip(Effect.scoped(openStore(fresh, { migrate: false })))).message, /has not been migrated/)
      assert.strictEqual(
        yield* Effect.promise(() => count("SELECT count(*) AS n FROM information_schema.schemata WHERE schema_name = $1", [fresh])),
        0,
        "migrate: false must not create anything"
      )
      const current = server.current().freshSchema("mig_current")
      yield* Effect.scoped(openStore(current))
      const readOnly = yield* Effect.scoped(Effect.map(openStore(current, { migrate: false }), (s) => s.schemaVersion))
      assert.strictEqual(readOnly, PostgresStorage.schemaVersion)
    }))

  it.effect("U+0000 and lone surrogates, which PostgreSQL cannot store, are refused in keys and data with the reason", () =>
    Effect.scoped(Effect.gen(function*() {
      const s = yield* openStore(server.current().freshSchema("nul"))
      const refused = (self: Effect.Effect<unknown, StorageAdapter.StorageError | StorageAdapter.ConcurrencyConflict>) =>
        Effect.map(Effect.flip(self), (error) => error.message)
      const cannot = "with U+0000 or a lone UTF-16 surrogate, which PostgreSQL cannot store"
      assert.strictEqual(
        yield* refused(s.putDocument(doc("a\u0000", 1))),
        "document docs/a\u0000: collection and id must be well-formed Unicode without U+0000"
      )
      assert.strictEqual(yield* refused(s.putDocument(doc("x", { note: "a\u0000b" }))), `document docs/x: data holds a string ${cannot}`)
      assert.strictEqual(yield* refused(s.putDocument(doc("x", [{ "\uD800": 1 }]))), `document docs/x: data holds a key ${cannot}`)
      assert.strictEqual(
        yield* refused(s.putDocuments([doc("y", 1), doc("x", 1, { "i\u0000": 1 })])),
        "document docs/x: index \"i\u0000\": names and values must be well-formed Unicode without U+0000"
      )
      assert.strictEqual(yield* refused(s.appendEvents("s\u0000", 0, [])), "stream must be a non-empty, well-formed string without U+0000")
      assert.strictEqual(
        yield* refused(s.appendEvents("s", 0, [{ type: "E\u0000", data: 1, recordedAt: 1 }])),
        "stream s: event type must be a well-formed string without U+0000"
      )
      assert.strictEqual(
        yield* refused(s.appendEvents("s", 0, [{ type: "E", data: ["\uDC00"], recordedAt: 1 }])),
        `stream s: event data holds a string ${cannot}`
      )
      // Nothing was written, and reads of keys no write could have made find nothing.
      assert.isTrue(Option.isNone(yield* s.getDocument("docs", "x")))
      assert.isTrue(Option.isNone(yield* s.getDocument("docs", "y")))
      assert.isTrue(Option.isNone(yield* s.getDocument("docs", "a\u0000")))
      assert.strictEqual(yield* s.lastVersion("s"), 0)
      assert.deepStrictEqual(yield* s.readEvents("s\u0000"), [])
    })))

  it.effect("events are append-only in the database itself: UPDATE, DELETE and TRUNCATE are refused", () =>
    Effect.scoped(Effect.gen(function*() {
      const schema = server.current().freshSchema("ao")
      const s = yield* openStore(schema)
      yield* s.appendEvents("s", 0, [{ type: "E", data: { n: 1 }, recordedAt: 1 }])
      for (const statement of [
        `UPDATE "${schema}".events SET data = '2'`,
        `DELETE FROM "${schema}".events`,
        `TRUNCATE "${schema}".events`
      ]) {
        const result = yield* Effect.either(Effect.tryPromise(() => server.current().query(statement)))
        assert.isTrue(Either.isLeft(result), statement)
        assert.match(String((result as Either.Left<{ error: unknown }, unknown>).left.error), /append-only/)
      }
      assert.deepStrictEqual((yield* s.readEvents("s")).map((e) => e.data), [{ n: 1 }])
    })))

  it.effect("the village-week query walks the index (no sort, no sequential scan)", () =>
    Effect.scoped(Effect.gen(function*() {
      const schema = server.current().freshSchema("plan")
      const s = yield* openStore(schema)
      yield* s.putDocuments(Array.from({ length: 2000 }, (_, i) =>
        doc(`t${i}`, { i }, { villageWeek: Storage.indexKey(`v${i % 100}`, "2026-W48"), n: i }, 0, "tasks")))
      yield* Effect.promise(() => server.current().query(`ANALYZE "${schema}".document_index`))
      for (const order of ["ASC", "DESC"]) {
        const plan = yield* Effect.promise(() =>
          server.current().query<{ "QUERY PLAN": string }>(
            `EXPLAIN SELECT i.id FROM "${schema}".document_index AS i WHERE i.collection = 'tasks' AND i.name = 'villageWeek'
AND (i.kind, i.num, i.str) >= (1::smallint, 0::float8, 'v7'::text) AND (i.kind, i.num, i.str) < (1::smallint, 0::float8, 'v8'::text)
ORDER BY i.kind ${order}, i.num ${order}, i.str ${order}, i.id ${order} LIMIT 1001`
          )
        )
        const text = plan.map((row) => row["QUERY PLAN"]).join("\n")
        assert.match(text, /Index (Only )?Scan( Backward)? using document_index_pkey/, text)
        assert.notMatch(text, /Seq Scan|Sort/, text)
      }
    })))

  it.live("a lost connection mid-transaction is a typed error, leaves nothing half-written, and the pool recovers", () =>
    Effect.scoped(Effect.gen(function*() {
      const schema = server.current().freshSchema("lost")
      // One connection: the pool must replace the dead one for the next call to work.
      const s = yield* openStore(schema, { maxConnections: 1 })
      yield* s.putDocument(doc("before", { n: 0 }, { n: 0 }))
      const result = yield* Effect.either(s.transaction(Effect.gen(function*() {
        yield* s.putDocument(doc("before", { n: 1 }, { n: 1 }, 1))
        yield* s.putDocuments(Array.from({ length: 50 }, (_, i) => doc(`half-${i}`, { i }, { n: i })))
        yield* s.appendEvents("s", 0, [{ type: "E", data: 1, recordedAt: 1 }])
        const [{ pid }] = (yield* s.sql.unsafe<{ pid: number }>("SELECT pg_backend_pid() AS pid")) as [{ pid: number }]
        // An operator (or a failover) ends the session from outside.
        yield* Effect.promise(() => server.current().query("SELECT pg_terminate_backend($1)", [pid]))
        yield* s.putDocument(doc("after-kill", {}, { n: 99 }))
      })))
      assert.isTrue(Either.isLeft(result), "the transaction must fail")
      const error = (result as Either.Left<StorageAdapter.StorageError | StorageAdapter.ConcurrencyConflict, void>).left
      assert.instanceOf(error, StorageAdapter.StorageError)
      assert.match(error.message, /connection/i)
      // The pool hands out a working connection again, and nothing of the transaction is there.
      const before = Option.getOrThrow(yield* s.getDocument("docs", "before"))
      assert.deepStrictEqual(before.data, { n: 0 })
      assert.strictEqual(before.version, 1)
      assert.deepStrictEqual((yield* s.queryIndex({ collection: "docs", index: "n", limit: 100 })).items.map((r) => r.id), ["before"])
      assert.strictEqual(yield* s.lastVersion("s"), 0)
      assert.strictEqual(
        yield* Effect.promise(() => count(`SELECT count(*) AS n FROM "${schema}".document_index`)),
        1
      )
      yield* s.transaction(s.putDocument(doc("before", { n: 2 }, { n: 2 }, 1)))
      assert.strictEqual(Option.getOrThrow(yield* s.getDocument("docs", "before")).version, 2)
    })))

  it.live("a transaction waiting for the county's lock can be interrupted, and the lock is released after", () =>
    Effect.scoped(Effect.gen(function*() {
      const schema = server.current().freshSchema("wait")
      const s = yield* openStore(schema)
      const holding = yield* Deferred.make<void>()
      const release = yield* Deferred.make<void>()
      const holder = yield* Effect.fork(s.transaction(Effect.gen(function*() {
        yield* s.putDocument(doc("holder", 1))
        yield* Deferred.succeed(holding, undefined)
        yield* Deferred.await(release)
      })))
      yield* Deferred.await(holding)
      const waiter = yield* Effect.fork(s.putDocument(doc("waiter", 1)))
      yield* Effect.sleep("100 millis")
      yield* Fiber.interrupt(waiter)
      yield* Deferred.succeed(release, undefined)
      yield* Fiber.join(holder)
      assert.isTrue(Option.isNone(yield* s.getDocument("docs", "waiter")))
      yield* s.putDocument(doc("waiter", 2))
      assert.isTrue(Option.isSome(yield* s.getDocument("docs", "waiter")))
    })))

  it.live("the pool closes when the layer is released", () =>
    Effect.gen(function*() {
      const name = `qinglian-pool-${Date.now()}`
      const active = () =>
        Effect.promise(() => count("SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1", [name]))
      yield* Effect.scoped(Effect.gen(function*() {
        const s = yield* openStore(server.current().freshSchema("pool"), { applicationName: name, maxConnections: 3 })
        yield* Effect.forEach(Array.from({ length: 6 }), (_, i) => s.putDocument(doc(`d${i}`, i)), { concurrency: 6 })
        assert.isAbove(yield* active(), 0)
      }))
      assert.strictEqual(yield* active(), 0)
    }))

  it.effect("reads its configuration from Config: DATABASE_URL and the schema", () =>
    Effect.scoped(Effect.gen(function*() {
      const schema = server.current().freshSchema("cfg")
      const context = yield* Layer.build(PostgresStorage.layerConfig()).pipe(
        Effect.withConfigProvider(ConfigProvider.fromMap(new Map([["DATABASE_URL", server.current().url], ["QINGLIAN_PG_SCHEMA", schema]])))
      )
      const s = context.unsafeMap.get(PostgresStorage.PostgresStorage.key) as PostgresStorage.PostgresStorageService
      assert.strictEqual(s.schema, schema)
      yield* s.putDocument(doc("x", 1))
      assert.strictEqual(yield* Effect.promise(() => count(`SELECT count(*) AS n FROM "${schema}".documents`)), 1)
      const url = new URL(server.current().url)
      const parts = yield* Layer.build(PostgresStorage.layerConfig()).pipe(
        Effect.withConfigProvider(ConfigProvider.fromMap(new Map([
          ["PGHOST", url.hostname],
          ["PGPORT", url.port],
          ["PGDATABASE", url.pathname.slice(1)],
          ["PGUSER", decodeURIComponent(url.username)],
          ["PGPASSWORD", decodeURIComponent(url.password)],
          ["QINGLIAN_PG_SCHEMA", schema]
        ])))
      )
      const t = parts.unsafeMap.get(PostgresStorage.PostgresStorage.key) as PostgresStorage.PostgresStorageService
      assert.isTrue(Option.isSome(yield* t.getDocument("docs", "x")))
    })))
})

// --- other processes --------------------------------------------------------------------------

const root = fileURLToPath(new URL("../../..", import.meta.url))
const childScript = fileURLToPath(new URL("./fixtures/child.ts", import.meta.url))

// The adapter's real child process, run from the sources as the tests are.
const startChild = (args: ReadonlyArray<string>): Testkit.Child =>
  Testkit.startChild({ script: childScript, args, cwd: root, execArgv: ["--import", "tsx", "--conditions", "source"] })

describe("PostgreSQL reliability (other processes)", () => {
  it("a SIGKILL in the middle of a bulk import leaves none of the batch, and the store carries on", async () => {
    const schema = server.current().freshSchema("killed")
    const child = startChild(["import", server.current().url, schema, "200000", "5000"])
    const { signal } = await Testkit.killAfter(child, /^ready$/, /^progress 3$/)
    assert.strictEqual(signal, "SIGKILL")
    assert.isFalse(child.lines.includes("committed"))
    assert.isFalse(child.lines.includes("progress 40"))
    // The server notices the dead client and rolls its transaction back; wait for the session to end.
    for (let i = 0; i < 100; i++) {
      if (await count("SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'qinglian' AND state = 'idle in transaction'") === 0) break
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    assert.strictEqual(await count(`SELECT count(*) AS n FROM "${schema}".documents WHERE collection = 'tasks'`), 0)
    assert.strictEqual(await count(`SELECT count(*) AS n FROM "${schema}".document_index WHERE collection = 'tasks'`), 0)
    assert.strictEqual(await count(`SELECT count(*) AS n FROM "${schema}".documents WHERE collection = 'before'`), 1)
    await Effect.runPromise(Effect.scoped(Effect.gen(function*() {
      const s = yield* openStore(schema)
      assert.isTrue(Option.isSome(yield* s.getDocument("before", "one")))
      assert.strictEqual((yield* s.queryIndex({ collection: "tasks", index: "villageWeek", limit: 10 })).items.length, 0)
      // The killed writer's lock went with its session.
      yield* s.putDocument(doc("after", 1, {}, 0, "tasks"))
    })))
  }, timeout)

  it("two processes writing one stream and one document: every round kept once, none lost or doubled", async () => {
    const schema = server.current().freshSchema("shared")
    // Both processes race to create and migrate the schema too.
    const rounds = 60
    const a = startChild(["write", server.current().url, schema, "a", String(rounds)])
    const b = startChild(["write", server.current().url, schema, "b", String(rounds)])
    const [exitA, exitB] = await Testkit.runTogether([a, b])
    assert.strictEqual(exitA.code, 0, a.lines.join("\n"))
    assert.strictEqual(exitB.code, 0, b.lines.join("\n"))
    const committed = new Set<string>()
    let conflicts = 0
    for (const line of [...a.lines, ...b.lines]) {
      if (line.startsWith("ok ")) committed.add(line.slice(3))
      else if (line.startsWith("done ")) conflicts += Number(line.slice(5))
      else assert.strictEqual(line, "ready", line)
    }
    assert.strictEqual(committed.size, 2 * rounds)
    assert.strictEqual(await count(`SELECT count(*) AS n FROM "${schema}".${PostgresStorage.migrationsTable}`), 1)
    await Effect.runPromise(Effect.scoped(Effect.gen(function*() {
      const s = yield* openStore(schema)
      const events = yield* s.readEvents("shared")
      assert.deepStrictEqual(events.map((e) => e.version), events.map((_, i) => i + 1))
      const written = events.map((e) => (e.data as { id: string }).id)
      assert.strictEqual(written.length, 2 * rounds, "an event was lost or doubled")
      assert.deepStrictEqual(new Set(written), committed)
      const counter = Option.getOrThrow(yield* s.getDocument("counters", "shared"))
      assert.deepStrictEqual(counter.data, { n: 2 * rounds }, "an increment was lost")
      assert.strictEqual(counter.version, 2 * rounds)
    })))
    // The optimistic rounds really raced (not a proof, but a sign the test exercised conflicts).
    assert.isAtLeast(conflicts, 0)
  }, timeout)
})
