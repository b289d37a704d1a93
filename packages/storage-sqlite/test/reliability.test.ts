/**
 * What only a real file can show: a process killed in the middle of a bulk import, and two
 * processes writing one file at once. The other process runs the real adapter (test/fixtures/child.ts).
 */
import { assert, describe, it } from "@effect/vitest"
import { StorageAdapter } from "@qinglian/core"
import { Testkit } from "@qinglian/storage-conformance"
import { SqliteStorage } from "@qinglian/storage-sqlite"
import Database from "better-sqlite3"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll } from "vitest"

// Child processes start tsx and the adapter: allow for a busy machine.
const timeout = 180_000

const root = fileURLToPath(new URL("../../..", import.meta.url))
const childScript = fileURLToPath(new URL("./fixtures/child.ts", import.meta.url))
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qinglian-reliability-"))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

// The adapter's real child process, run from the sources as the tests are.
const startChild = (args: ReadonlyArray<string>): Testkit.Child =>
  Testkit.startChild({ script: childScript, args, cwd: root, execArgv: ["--import", "tsx", "--conditions", "source"] })

const count = (db: Database.Database, sql: string, ...params: Array<unknown>): number =>
  (db.prepare(sql).get(...params) as { n: number }).n

describe("SQLite reliability", () => {
  it("a SIGKILL in the middle of a bulk import leaves a sound file with none of the batch", async () => {
    const file = path.join(dir, "killed.db")
    const child = startChild(["import", file, "300000", "10000"])
    const { signal } = await Testkit.killAfter(child, /^ready$/, /^progress 3$/)
    assert.strictEqual(signal, "SIGKILL")
    // Killed with the transaction open: some calls done, not all, never committed.
    assert.isFalse(child.lines.includes("committed"))
    assert.isFalse(child.lines.includes("progress 30"))

    const db = new Database(file)
    try {
      assert.deepStrictEqual(db.pragma("integrity_check"), [{ integrity_check: "ok" }])
      assert.strictEqual(count(db, "SELECT count(*) AS n FROM documents WHERE collection = 'tasks'"), 0)
      assert.strictEqual(count(db, "SELECT count(*) AS n FROM document_index WHERE collection = 'tasks'"), 0)
      assert.strictEqual(count(db, "SELECT count(*) AS n FROM documents WHERE collection = 'before'"), 1)
    } finally {
      db.close()
    }

    // And the adapter opens it again and carries on.
    await Effect.runPromise(Effect.scoped(Effect.gen(function*() {
      const storage = yield* SqliteStorage.make({ filename: file })
      assert.deepStrictEqual(yield* storage.integrityCheck, ["ok"])
      assert.isTrue(Option.isSome(yield* storage.getDocument("before", "one")))
      const page = yield* storage.queryIndex({ collection: "tasks", index: "villageWeek", limit: 10 })
      assert.strictEqual(page.items.length, 0)
      yield* storage.putDocument({ collection: "tasks", id: "after", expectedVersion: 0, data: 1, indexes: {} })
    })))
  }, timeout)

  it("the same import left to finish commits every document", async () => {
    const file = path.join(dir, "finished.db")
    const child = startChild(["import", file, "30000", "10000"])
    const { code } = await child.exited
    assert.strictEqual(code, 0, child.lines.join("\n"))
    assert.include(child.lines, "committed")
    const db = new Database(file, { readonly: true })
    try {
      assert.strictEqual(count(db, "SELECT count(*) AS n FROM documents WHERE collection = 'tasks'"), 30000)
      assert.strictEqual(count(db, "SELECT count(*) AS n FROM document_index WHERE collection = 'tasks'"), 30000)
    } finally {
      db.close()
    }
  }, timeout)

  it("two processes writing one file at once: each write commits or fails as busy, and none is lost", async () => {
    const file = path.join(dir, "shared.db")
    // Create the schema first so both start on the same footing (racing the migration is the next test).
    await Effect.runPromise(Effect.scoped(SqliteStorage.make({ filename: file })))
    const transactions = 150
    const a = startChild(["write", file, "a", String(transactions)])
    const b = startChild(["write", file, "b", String(transactions)])
    const [exitA, exitB] = await Testkit.runTogether([a, b])
    assert.strictEqual(exitA.code, 0, a.lines.join("\n"))
    assert.strictEqual(exitB.code, 0, b.lines.join("\n"))

    const committed = new Set<string>()
    for (const line of [...a.lines, ...b.lines]) {
      if (line.startsWith("ok ")) committed.add(line.slice(3))
      else if (line.startsWith("error ")) assert.match(line, /^error StorageError the database is busy/)
      else assert.oneOf(line, ["ready", "done"])
    }
    // Both really ran (a busy failure is allowed, losing a process is not).
    assert.isAbove([...committed].filter((id) => id.startsWith("a-")).length, 0)
    assert.isAbove([...committed].filter((id) => id.startsWith("b-")).length, 0)

    await Effect.runPromise(Effect.scoped(Effect.gen(function*() {
      const storage = yield* SqliteStorage.make({ filename: file })
      assert.deepStrictEqual(yield* storage.integrityCheck, ["ok"])
      // Every committed transaction wrote its document and exactly one event of the shared stream.
      for (const id of committed) assert.isTrue(Option.isSome(yield* storage.getDocument("writes", id)), id)
      const events = yield* storage.readEvents("shared")
      assert.deepStrictEqual(events.map((e) => e.version), events.map((_, i) => i + 1))
      assert.deepStrictEqual(
        new Set(events.map((e) => (e.data as { id: string }).id)),
        committed
      )
    })))
  }, timeout)

  it("two processes opening a new file at once migrate it once", async () => {
    const file = path.join(dir, "fresh.db")
    const a = startChild(["write", file, "a", "5"])
    const b = startChild(["write", file, "b", "5"])
    const [exitA, exitB] = await Testkit.runTogether([a, b])
    assert.strictEqual(exitA.code, 0, a.lines.join("\n"))
    assert.strictEqual(exitB.code, 0, b.lines.join("\n"))
    const db = new Database(file, { readonly: true })
    try {
      assert.strictEqual(count(db, `SELECT count(*) AS n FROM ${SqliteStorage.migrationsTable}`), 1)
      assert.strictEqual(count(db, "SELECT count(*) AS n FROM events WHERE stream = 'shared'"), 10)
    } finally {
      db.close()
    }
  }, timeout)

  it.effect("a writer that waits longer than the busy timeout gets a typed busy error and writes nothing", () =>
    Effect.scoped(Effect.gen(function*() {
      const file = path.join(dir, "busy.db")
      const holder = yield* SqliteStorage.make({ filename: file })
      const waiter = yield* SqliteStorage.make({ filename: file, busyTimeout: 50 })
      const holding = yield* Deferred.make<void>()
      const release = yield* Deferred.make<void>()
      const fiber = yield* Effect.fork(holder.transaction(Effect.gen(function*() {
        yield* holder.putDocument({ collection: "c", id: "holder", expectedVersion: 0, data: 1, indexes: {} })
        yield* Deferred.succeed(holding, undefined)
        yield* Deferred.await(release)
      })))
      yield* Deferred.await(holding)

      const error = yield* Effect.flip(
        waiter.putDocument({ collection: "c", id: "waiter", expectedVersion: 0, data: 1, indexes: {} })
      )
      assert.instanceOf(error, StorageAdapter.StorageError)
      assert.strictEqual(error._tag, "StorageError")
      assert.match(error.message, /^the database is busy/)
      // Readers are never blocked by the writer (WAL), and see only committed data.
      assert.isTrue(Option.isNone(yield* waiter.getDocument("c", "holder")))

      yield* Deferred.succeed(release, undefined)
      yield* Fiber.join(fiber)
      assert.isTrue(Option.isNone(yield* waiter.getDocument("c", "waiter")))
      yield* waiter.putDocument({ collection: "c", id: "waiter", expectedVersion: 0, data: 2, indexes: {} })
      assert.isTrue(Option.isSome(yield* holder.getDocument("c", "waiter")))
    })))
})
