// The seventeen tamperings of issue 10, on a SQLite file written through core's Storage, made with
// plain SQL on the file as someone holding it could. Each row says which checks catch it, and which
// record the report names first. The figures of the trust table in docs/security.md come from here:
// run `npx vitest run packages/storage-sqlite/test/AuditTamper.test.ts` and read the printed table.
import { assert, describe, it } from "@effect/vitest"
import { Audit, Storage } from "@qinglian/core"
import { SqliteStorage } from "@qinglian/storage-sqlite"
import canonicalizeModule from "canonicalize"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as TestClock from "effect/TestClock"
import * as crypto from "node:crypto"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll } from "vitest"

// What an attacker computes: RFC 8785 JSON and SHA-256 are public.
const canonicalize = (typeof canonicalizeModule === "function"
  ? canonicalizeModule
  : (canonicalizeModule as unknown as { readonly default: (input: unknown) => string }).default) as (
    input: unknown
  ) => string
const digestOf = (value: unknown): string => crypto.createHash("sha256").update(canonicalize(value)).digest("hex")

const Village = Schema.Struct({ id: Schema.String, name: Schema.String, head: Schema.String })
const Exercise = Schema.Struct({ id: Schema.String, village: Schema.String, item: Schema.String, amountFen: Schema.Number })
const CaseEvent = Schema.Union(
  Schema.TaggedStruct("Filed", { summary: Schema.String }),
  Schema.TaggedStruct("Assigned", { to: Schema.String }),
  Schema.TaggedStruct("Closed", { outcome: Schema.String })
)
const villages = Storage.collection({ name: "villages", schema: Village, id: (v) => v.id })
const exercises = Storage.collection({
  name: "exercises",
  schema: Exercise,
  id: (e) => e.id,
  indexes: { village: (e) => e.village }
})
const cases = Storage.eventStream({ name: "supervision", schema: CaseEvent })

const signing = Audit.generateSigningKey()
const signer = Audit.layerSigner(signing.privateKey)
const chainKey = Audit.layerChainKey(Redacted.make(crypto.randomBytes(32)))

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qinglian-tamper-"))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))
let files = 0

// Ten entries: villages v1, v2; exercises e1, e2; e1's amount corrected; cases c1 (three appends)
// and c2; village v3 last. A checkpoint is signed at entry 10.
const setup = Effect.gen(function*() {
  yield* TestClock.setTime(Date.UTC(2026, 11, 1, 9, 0, 0))
  const minute = TestClock.adjust("1 minute")
  yield* villages.insert({ id: "v1", name: "青莲村", head: "李书记" }, { actor: "clerk-01" })
  yield* minute
  yield* villages.insert({ id: "v2", name: "白鹤村", head: "王书记" }, { actor: "clerk-01" })
  yield* minute
  yield* exercises.insertMany([
    { id: "e1", village: "v1", item: "村道硬化", amountFen: 12_000_000 },
    { id: "e2", village: "v2", item: "水渠维修", amountFen: 3_500_000 }
  ], { actor: "clerk-02" })
  yield* minute
  yield* exercises.modify("e1", (e) => ({ ...e, amountFen: 11_800_000 }), { actor: "clerk-02" })
  yield* minute
  yield* cases.append("c1", 0, [{ _tag: "Filed", summary: "举报村道工程虚报" }], { actor: "discipline-01" })
  yield* minute
  yield* cases.append("c1", 1, [{ _tag: "Assigned", to: "town-secretary" }], { actor: "discipline-01" })
  yield* minute
  yield* cases.append("c1", 2, [{ _tag: "Closed", outcome: "查实，责令整改" }], { actor: "discipline-02" })
  yield* minute
  yield* cases.append("c2", 0, [{ _tag: "Filed", summary: "举报水渠工程" }], { actor: "discipline-01" })
  yield* minute
  yield* villages.insert({ id: "v3", name: "红岩村", head: "赵书记" }, { actor: "clerk-01" })
  yield* minute
  return yield* Storage.checkpoint
}).pipe(Effect.provide(Layer.merge(chainKey, signer)))

type Sql = SqliteStorage.SqliteStorageService["sql"]

const dropTriggers = (sql: Sql) =>
  Effect.gen(function*() {
    yield* sql.unsafe("DROP TRIGGER events_no_update")
    yield* sql.unsafe("DROP TRIGGER events_no_delete")
  })

interface RawEntry {
  actor: unknown
  at: number
  change: Record<string, unknown>
  previous: string
  hash: string
  mac?: string
}

const auditEntries = (sql: Sql) =>
  Effect.map(
    sql.unsafe<{ version: number; data: string }>("SELECT version, data FROM events WHERE stream = '$audit' ORDER BY version"),
    (rows) => rows.map((row) => ({ version: row.version, entry: JSON.parse(row.data) as RawEntry }))
  )

const writeEntry = (sql: Sql, version: number, entry: RawEntry) =>
  sql.unsafe("UPDATE events SET data = ? WHERE stream = '$audit' AND version = ?", [JSON.stringify(entry), version])

// Recomputes every hash from `from` on with Audit.hashOf, after `edit` changed entries; the MACs
// cannot be recomputed without the key, so they stay as they were.
const rewriteChain = (sql: Sql, from: number, edit: (version: number, entry: RawEntry) => void) =>
  Effect.gen(function*() {
    const all = yield* auditEntries(sql)
    let previous = all.find((e) => e.version === from - 1)?.entry.hash ?? Audit.genesis
    for (const { version, entry } of all) {
      if (version < from) continue
      edit(version, entry)
      entry.previous = previous
      entry.hash = Audit.hashOf(version, entry as unknown as Audit.Entry)
      previous = entry.hash
      yield* writeEntry(sql, version, entry)
    }
  })

interface Case {
  readonly name: string
  readonly tamper: (sql: Sql) => Effect.Effect<void, unknown>
  /** The record the full check (checkpoint and keyed chain) names first. */
  readonly first: string
  /** Which of the weaker checks catch it (all of them catch it under the full check). */
  readonly caughtBy: ReadonlyArray<"chain" | "chain+checkpoint" | "store" | "store+checkpoint" | "store+key">
}

const everyStoreCheck = ["store", "store+checkpoint", "store+key"] as const

const cases17: ReadonlyArray<Case> = [
  {
    name: "documents: UPDATE documents SET data = … on a village",
    tamper: (sql) =>
      sql.unsafe("UPDATE documents SET data = json_set(data, '$.head', '张某') WHERE collection = 'villages' AND id = 'v1'"),
    first: "villages/v1@1",
    caughtBy: everyStoreCheck
  },
  {
    name: "documents: UPDATE an exercise's amount",
    tamper: (sql) =>
      sql.unsafe("UPDATE documents SET data = json_set(data, '$.amountFen', 18000000) WHERE collection = 'exercises' AND id = 'e1'"),
    first: "exercises/e1@2",
    caughtBy: everyStoreCheck
  },
  {
    name: "documents: DELETE a document (and its index rows)",
    tamper: (sql) =>
      Effect.zipRight(
        sql.unsafe("DELETE FROM document_index WHERE collection = 'exercises' AND id = 'e2'"),
        sql.unsafe("DELETE FROM documents WHERE collection = 'exercises' AND id = 'e2'")
      ),
    first: "exercises/e2@1",
    caughtBy: everyStoreCheck
  },
  {
    name: "documents: DELETE an index row (the exercise drops out of its village's list)",
    tamper: (sql) => sql.unsafe("DELETE FROM document_index WHERE collection = 'exercises' AND id = 'e2' AND name = 'village'"),
    first: "exercises/e2@1",
    caughtBy: everyStoreCheck
  },
  {
    name: "documents: INSERT a forged document",
    tamper: (sql) =>
      sql.unsafe("INSERT INTO documents (collection, id, version, data, indexes) VALUES ('villages', 'v9', 1, ?, '{}')", [
        JSON.stringify({ id: "v9", name: "虚设村", head: "某人" })
      ]),
    first: "villages/v9@1",
    caughtBy: everyStoreCheck
  },
  {
    name: "events: edit a supervision event after dropping the trigger",
    tamper: (sql) =>
      Effect.zipRight(
        dropTriggers(sql),
        sql.unsafe("UPDATE events SET data = json_set(data, '$.to', 'someone-else') WHERE stream = 'supervision/c1' AND version = 2")
      ),
    first: "supervision/c1@2",
    caughtBy: everyStoreCheck
  },
  {
    name: "events: forge a supervision event",
    tamper: (sql) =>
      sql.unsafe("INSERT INTO events (stream, version, type, data, recorded_at) VALUES ('supervision/c1', 4, 'Closed', ?, ?)", [
        JSON.stringify({ _tag: "Closed", outcome: "查无实据" }),
        Date.UTC(2026, 11, 1, 9, 30, 0)
      ]),
    first: "supervision/c1@4",
    caughtBy: everyStoreCheck
  },
  {
    name: "events: delete a supervision event after dropping the trigger",
    tamper: (sql) =>
      Effect.zipRight(dropTriggers(sql), sql.unsafe("DELETE FROM events WHERE stream = 'supervision/c1' AND version = 2")),
    first: "supervision/c1@2",
    caughtBy: everyStoreCheck
  },
  {
    name: "events: change recorded_at",
    tamper: (sql) =>
      Effect.zipRight(
        dropTriggers(sql),
        sql.unsafe("UPDATE events SET recorded_at = recorded_at - 86400000 WHERE stream = 'supervision/c1' AND version = 3")
      ),
    first: "supervision/c1@3",
    caughtBy: everyStoreCheck
  },
  {
    name: "events: reorder two supervision events",
    tamper: (sql) =>
      Effect.gen(function*() {
        yield* dropTriggers(sql)
        const rows = yield* sql.unsafe<{ version: number; type: string; data: string }>(
          "SELECT version, type, data FROM events WHERE stream = 'supervision/c1' AND version IN (1, 2) ORDER BY version"
        )
        const [one, two] = rows
        yield* sql.unsafe("UPDATE events SET type = ?, data = ? WHERE stream = 'supervision/c1' AND version = 1", [two!.type, two!.data])
        yield* sql.unsafe("UPDATE events SET type = ?, data = ? WHERE stream = 'supervision/c1' AND version = 2", [one!.type, one!.data])
      }),
    first: "supervision/c1@1",
    caughtBy: everyStoreCheck
  },
  {
    name: "audit: edit an entry (its actor)",
    tamper: (sql) =>
      Effect.zipRight(
        dropTriggers(sql),
        sql.unsafe("UPDATE events SET data = json_set(data, '$.actor', 'clerk-09') WHERE stream = '$audit' AND version = 3")
      ),
    first: "$audit@3",
    caughtBy: ["chain", "chain+checkpoint", ...everyStoreCheck]
  },
  {
    name: "audit: delete a middle entry",
    tamper: (sql) => Effect.zipRight(dropTriggers(sql), sql.unsafe("DELETE FROM events WHERE stream = '$audit' AND version = 4")),
    first: "$audit@4",
    caughtBy: ["chain", "chain+checkpoint", ...everyStoreCheck]
  },
  {
    name: "audit: cut the tail (the last two entries)",
    tamper: (sql) => Effect.zipRight(dropTriggers(sql), sql.unsafe("DELETE FROM events WHERE stream = '$audit' AND version >= 9")),
    first: "$audit@9",
    // Without a checkpoint the records those entries wrote are still there, with no entry.
    caughtBy: ["chain+checkpoint", ...everyStoreCheck]
  },
  {
    name: "audit: change an exercise's amount and rewrite the whole chain with Audit.hashOf",
    tamper: (sql) =>
      Effect.gen(function*() {
        yield* dropTriggers(sql)
        const forged = { id: "e1", village: "v1", item: "村道硬化", amountFen: 18_000_000 }
        yield* sql.unsafe("UPDATE documents SET data = ? WHERE collection = 'exercises' AND id = 'e1'", [JSON.stringify(forged)])
        yield* rewriteChain(sql, 1, (version, entry) => {
          if (version === 5) entry.change.digest = digestOf(forged)
        })
      }),
    first: "$audit@5",
    caughtBy: ["chain+checkpoint", "store+checkpoint", "store+key"]
  },
  {
    name: "audit: forge a document and an entry for it (Audit.hashOf)",
    tamper: (sql) =>
      Effect.gen(function*() {
        const data = { id: "v9", name: "虚设村", head: "某人" }
        yield* sql.unsafe("INSERT INTO documents (collection, id, version, data, indexes) VALUES ('villages', 'v9', 1, ?, '{}')", [
          JSON.stringify(data)
        ])
        const all = yield* auditEntries(sql)
        const last = all[all.length - 1]!
        const entry: RawEntry = {
          actor: "clerk-01",
          at: last.entry.at + 60_000,
          change: {
            kind: "document",
            collection: "villages",
            id: "v9",
            action: "create",
            fromVersion: 0,
            toVersion: 1,
            digest: digestOf(data),
            indexes: digestOf({})
          },
          previous: last.entry.hash,
          hash: ""
        }
        entry.hash = Audit.hashOf(last.version + 1, entry as unknown as Audit.Entry)
        yield* sql.unsafe("INSERT INTO events (stream, version, type, data, recorded_at) VALUES ('$audit', ?, ?, ?, ?)", [
          last.version + 1,
          Audit.eventType,
          JSON.stringify(entry),
          entry.at
        ])
      }),
    first: "$audit@11",
    // Chained after the checkpoint on a valid head, with a matching document: only the key tells.
    caughtBy: ["store+key"]
  },
  {
    name: "audit: change an entry's time",
    tamper: (sql) =>
      Effect.zipRight(
        dropTriggers(sql),
        sql.unsafe("UPDATE events SET data = json_set(data, '$.at', json_extract(data, '$.at') - 3600000) WHERE stream = '$audit' AND version = 6")
      ),
    first: "$audit@6",
    caughtBy: ["chain", "chain+checkpoint", ...everyStoreCheck]
  },
  {
    name: "audit: roll back the newest write (its document and its entry)",
    tamper: (sql) =>
      Effect.gen(function*() {
        yield* dropTriggers(sql)
        yield* sql.unsafe("DELETE FROM documents WHERE collection = 'villages' AND id = 'v3'")
        yield* sql.unsafe("DELETE FROM events WHERE stream = '$audit' AND version = 10")
      }),
    first: "$audit@10",
    caughtBy: ["chain+checkpoint", "store+checkpoint"]
  }
]

const key = (finding: Audit.Finding | undefined) => finding === undefined ? "—" : Audit.findingKey(finding)

const rows: Array<{ name: string; results: Record<string, boolean>; first: string }> = []

describe("the seventeen tamperings of a SQLite file written through Storage", () => {
  afterAll(() => {
    const columns = ["chain", "chain+checkpoint", "store", "store+checkpoint", "store+key", "store+checkpoint+key"]
    const lines = [
      `| # | tampering | ${columns.join(" | ")} | first record named |`,
      `| --- | --- | ${columns.map(() => "---").join(" | ")} | --- |`,
      ...rows.map((row, i) =>
        `| ${i + 1} | ${row.name} | ${columns.map((c) => (row.results[c] ? "yes" : "no")).join(" | ")} | \`${row.first}\` |`
      ),
      `| | detected | ${columns.map((c) => `${rows.filter((r) => r.results[c]).length}/${rows.length}`).join(" | ")} | |`
    ]
    console.log(lines.join("\n"))
  })

  for (const c of cases17) {
    it.effect(c.name, () => {
      const filename = path.join(dir, `store-${++files}.db`)
      const store = Layer.provideMerge(Storage.layer, SqliteStorage.layer({ filename }))
      return Effect.gen(function*() {
        const checkpoint = yield* setup
        const anchored = { checkpoint, publicKey: signing.publicKey }
        // Before tampering every check passes.
        assert.isTrue((yield* Storage.verifyStore(anchored).pipe(Effect.provide(chainKey))).ok)

        const { sql } = yield* SqliteStorage.SqliteStorage
        yield* c.tamper(sql)

        const chainOnly = Either.isLeft(yield* Effect.either(Audit.verify()))
        const chainAnchored = Either.isLeft(yield* Effect.either(Audit.verify(anchored)))
        const bare = yield* Storage.verifyStore()
        const withCheckpoint = yield* Storage.verifyStore(anchored)
        const withKey = yield* Storage.verifyStore().pipe(Effect.provide(chainKey))
        const full = yield* Storage.verifyStore(anchored).pipe(Effect.provide(chainKey))

        const results: Record<string, boolean> = {
          "chain": chainOnly,
          "chain+checkpoint": chainAnchored,
          "store": !bare.ok,
          "store+checkpoint": !withCheckpoint.ok,
          "store+key": !withKey.ok,
          "store+checkpoint+key": !full.ok
        }
        rows.push({ name: c.name, results, first: key(full.findings[0]) })

        assert.isFalse(full.ok, "the full check missed it")
        assert.strictEqual(key(full.findings[0]), c.first, JSON.stringify(full.findings, null, 1))
        for (const check of ["chain", "chain+checkpoint", "store", "store+checkpoint", "store+key"]) {
          assert.strictEqual(results[check], c.caughtBy.includes(check as Case["caughtBy"][number]), `${check} on ${c.name}`)
        }
      }).pipe(Effect.provide(store))
    })
  }
})
