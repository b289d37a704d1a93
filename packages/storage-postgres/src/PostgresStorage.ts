/**
 * The PostgreSQL storage adapter (PostgreSQL 存储适配器): implements core's `StorageAdapter` port on
 * `@effect/sql-pg`, for a city or province platform where many app servers share one database.
 *
 * **Tenants.** Each county (or any tenant) lives in a schema of its own (`schema`, default
 * `"qinglian"`): its own tables, migrations and lock. One county's adapter only ever names its own
 * schema, so it cannot read another's documents; roles can enforce the same (docs/postgres.md).
 *
 * **Isolation.** Transactions run at READ COMMITTED and take the county's transaction-level
 * advisory lock first, so the writers of one county queue (across processes and app servers) and a
 * transaction's reads cannot change under it: serializable, as the port requires, without the
 * serialization failures SERIALIZABLE would make callers retry. Plain reads take no lock and see
 * committed data only. Version checks are repeated inside the writes, and primary keys refuse a
 * duplicate event or document, so a writer that bypassed the lock still could not lose or
 * duplicate a write.
 *
 * On open it runs the versioned migrations (inside the lock), and refuses a schema migrated by a
 * newer release. The connection pool closes when the layer is released.
 *
 * @example
 * ```ts
 * import { Storage } from "@qinglian/core"
 * import { PostgresStorage } from "@qinglian/storage-postgres"
 * import { Effect, Layer, Redacted } from "effect"
 *
 * // Core's Storage on PostgreSQL, one schema per county: migrated on open, pool closed with the layer.
 * const StorageLive = Storage.layer.pipe(Layer.provideMerge(PostgresStorage.layer({
 *   url: Redacted.make(process.env["DATABASE_URL"] ?? "postgres://qinglian@localhost/qinglian"),
 *   schema: "county_140525"
 * })))
 * export const verified = Storage.verifyAudit().pipe(Effect.provide(StorageLive))
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */
import * as Reactivity from "@effect/experimental/Reactivity"
import * as Migrator from "@effect/sql/Migrator"
import * as SqlClient from "@effect/sql/SqlClient"
import type { Connection } from "@effect/sql/SqlConnection"
import * as PgClient from "@effect/sql-pg/PgClient"
import { StorageAdapter } from "@qinglian/core"
import * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import type * as Scope from "effect/Scope"
import { chunks, rowsPerStatement, valuesList } from "./internal/batch.js"
import { toStorageError } from "./internal/errors.js"
import * as IndexQuery from "./internal/indexQuery.js"
import * as Migrations from "./migrations/index.js"

type Json = StorageAdapter.Json
type IndexValue = StorageAdapter.IndexValue
type DocumentRecord = StorageAdapter.DocumentRecord
type DocumentWrite = StorageAdapter.DocumentWrite
type StorageError = StorageAdapter.StorageError
type ConcurrencyConflict = StorageAdapter.ConcurrencyConflict

/**
 * The adapter's own settings, apart from the connection.
 *
 * @since 0.1.0
 * @category models
 */
export interface PostgresStorageOptions {
  /**
   * The county's schema (created if missing): lower-case letters, digits and `_`, starting with a
   * letter or `_`, at most 63 characters. Default `"qinglian"`.
   */
  readonly schema?: string | undefined
  /** Documents per multi-row statement in `putDocuments`. Default 1000. */
  readonly batchSize?: number | undefined
  /**
   * `true` (default): create the schema and run the migrations on open. `false`: only check that the
   * schema is at this release's version, for a read replica (where nothing can be written) or a role
   * without DDL rights; a schema behind or ahead is refused with a `StorageError`.
   */
  readonly migrate?: boolean | undefined
}

/**
 * How to connect and open the store. Give `url` (a `postgresql://` connection string) or the parts.
 *
 * Pool settings: `maxConnections` (default 10) bounds this process's connections; one is held for
 * the length of each transaction and each plain call borrows one per statement. Size it so that
 * `app servers × maxConnections` stays below the server's `max_connections` minus what operators
 * and replicas need (docs/postgres.md). `idleTimeout` (default 30 s) closes idle connections,
 * `connectionTTL` (default none) recycles old ones, `connectTimeout` (default 5 s) bounds waiting
 * for a new one.
 *
 * @since 0.1.0
 * @category models
 */
export interface PostgresStorageConfig extends PostgresStorageOptions {
  readonly url?: Redacted.Redacted | string | undefined
  readonly host?: string | undefined
  readonly port?: number | undefined
  readonly database?: string | undefined
  readonly username?: string | undefined
  readonly password?: Redacted.Redacted | string | undefined
  readonly ssl?: boolean | undefined
  readonly maxConnections?: number | undefined
  readonly minConnections?: number | undefined
  readonly idleTimeout?: Duration.DurationInput | undefined
  readonly connectTimeout?: Duration.DurationInput | undefined
  readonly connectionTTL?: Duration.DurationInput | undefined
  /** Shown in `pg_stat_activity`. Default `"qinglian"`. */
  readonly applicationName?: string | undefined
}

/**
 * The PostgreSQL adapter: the whole port, plus what only PostgreSQL has.
 *
 * @since 0.1.0
 * @category models
 */
export interface PostgresStorageService extends StorageAdapter.StorageAdapterService {
  /** The county's schema. */
  readonly schema: string
  /** The schema version (highest migration applied). */
  readonly schemaVersion: number
  /**
   * The underlying client, for your own SQL (qualify names with the schema). Statements run inside
   * {@link PostgresStorageService.transaction} join that transaction.
   */
  readonly sql: PgClient.PgClient
}

/**
 * The PostgreSQL adapter's own tag. Its layers also provide core's generic `StorageAdapter`.
 *
 * @since 0.1.0
 * @category tags
 */
export class PostgresStorage extends Context.Tag("@qinglian/storage-postgres/PostgresStorage")<
  PostgresStorage,
  PostgresStorageService
>() {}

/**
 * The schema version this release creates and understands.
 *
 * @since 0.1.0
 * @category constants
 */
export const schemaVersion: number = Migrations.latest

/**
 * The table (in each county's schema) where applied migrations are recorded.
 *
 * @since 0.1.0
 * @category constants
 */
export const migrationsTable: string = Migrations.table

/**
 * The default schema.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultSchema = "qinglian"

/**
 * The capabilities this adapter reports: native transactions, durable, several processes.
 *
 * @since 0.1.0
 * @category constants
 */
export const capabilities: StorageAdapter.Capabilities = {
  transactions: "native",
  durable: true,
  multiProcess: true,
  bulkImport: "native"
}

const schemaPattern = /^[a-z_][a-z0-9_]{0,62}$/

// Unambiguous even when a collection name contains "/", for maps and sets.
const mapKey = (collection: string, id: string): string => `${collection.length}:${collection}/${id}`

// PostgreSQL's `text` and `jsonb` cannot hold U+0000 or a lone UTF-16 surrogate (`jsonb` refuses
// even an escaped one), in keys or in data: refused with the reason, rather than failing deep
// inside the server. Otherwise the same rules as the other adapters, checked before anything is
// written.
const text: StorageAdapter.TextRule = {
  refuses: StorageAdapter.hasNulOrLoneSurrogate,
  qualifier: " without U+0000",
  inData: "with U+0000 or a lone UTF-16 surrogate, which PostgreSQL cannot store"
}
// Keys PostgreSQL cannot hold exactly: no write could have made one, so reads of one find nothing.
const badText = text.refuses

// The index values as a read returns them (-0 as 0), copied so the record does not alias the input.
const storedIndexes = (indexes: Readonly<Record<string, IndexValue>>): Readonly<Record<string, IndexValue>> =>
  JSON.parse(JSON.stringify(indexes)) as Record<string, IndexValue>

interface DocumentRow {
  readonly id: string
  readonly version: number
  readonly data: Json
  readonly indexes: Record<string, IndexValue>
}

interface EventRow {
  readonly version: number
  readonly type: string
  readonly data: Json
  readonly recorded_at: number
}

/**
 * Opens the county's store on the `PgClient` in context (which may serve many counties): creates
 * the schema, runs the migrations, then returns the adapter.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (
  options: PostgresStorageOptions = {}
): Effect.Effect<PostgresStorageService, StorageError, PgClient.PgClient> =>
  Effect.gen(function*() {
    const sql = yield* PgClient.PgClient
    const schema = options.schema ?? defaultSchema
    if (!schemaPattern.test(schema)) {
      return yield* new StorageAdapter.StorageError({
        operation: "open",
        message: `schema "${schema}" must be lower-case letters, digits and _, starting with a letter or _, ` +
          "at most 63 characters"
      })
    }
    const q = `"${schema}"`
    const batchSize = rowsPerStatement(options.batchSize ?? 1000, 5)
    const fail = toStorageError

    // --- transactions -------------------------------------------------------------------------

    // Our own BEGIN/COMMIT rather than `sql.withTransaction`: the county's lock is taken first, and a
    // failed COMMIT (or a lost connection) becomes a typed error instead of a defect. Statements find
    // the connection through @effect/sql's TransactionConnection, so `sql` and `sql.withTransaction`
    // join us.
    const runOn = (conn: Connection, statement: string, params: ReadonlyArray<unknown> = []) =>
      conn.executeUnprepared(statement, params, undefined)

    const lockStatement = "SELECT pg_advisory_xact_lock(hashtext('qinglian'), hashtext($1))"

    const transaction = <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E | StorageError, R> =>
      Effect.uninterruptibleMask((restore) =>
        Effect.flatMap(Effect.serviceOption(SqlClient.TransactionConnection), (outer): Effect.Effect<A, E | StorageError, R> => {
          if (Option.isSome(outer)) {
            // Nested: a savepoint, so the inner call is all-or-nothing within the outer one.
            const [conn, depth] = outer.value
            const name = `qinglian_${depth + 1}`
            return Effect.zipRight(
              Effect.mapError(runOn(conn, `SAVEPOINT ${name}`), fail("transaction")),
              Effect.flatMap(
                Effect.exit(
                  Effect.provideService(restore(self), SqlClient.TransactionConnection, [conn, depth + 1] as const)
                ),
                (exit): Effect.Effect<A, E | StorageError> =>
                  Exit.isSuccess(exit)
                    ? Effect.as(Effect.mapError(runOn(conn, `RELEASE SAVEPOINT ${name}`), fail("transaction")), exit.value)
                    : Effect.zipRight(
                      Effect.ignore(Effect.zipRight(runOn(conn, `ROLLBACK TO SAVEPOINT ${name}`), runOn(conn, `RELEASE SAVEPOINT ${name}`))),
                      exit
                    )
              )
            )
          }
          return Effect.scoped(
            // Waiting for a pooled connection and for the county's lock stays interruptible;
            // holding them does not.
            Effect.flatMap(Effect.mapError(restore(sql.reserve), fail("transaction")), (conn) =>
              Effect.zipRight(
                Effect.mapError(
                  Effect.zipRight(
                    runOn(conn, "BEGIN ISOLATION LEVEL READ COMMITTED"),
                    Effect.onInterrupt(restore(runOn(conn, lockStatement, [schema])), () => Effect.ignore(runOn(conn, "ROLLBACK")))
                  ),
                  fail("transaction")
                ),
                Effect.flatMap(
                  Effect.exit(Effect.provideService(restore(self), SqlClient.TransactionConnection, [conn, 0] as const)),
                  (exit): Effect.Effect<A, E | StorageError> =>
                    Exit.isSuccess(exit)
                      ? runOn(conn, "COMMIT").pipe(
                        Effect.as(exit.value),
                        Effect.catchAll((error) =>
                          Effect.zipRight(Effect.ignore(runOn(conn, "ROLLBACK")), Effect.fail(fail("commit")(error)))
                        )
                      )
                      : Effect.zipRight(Effect.ignore(runOn(conn, "ROLLBACK")), exit)
                )
              ))
          )
        })
      )

    // --- migrations -----------------------------------------------------------------------------

    // Inside the county's lock, so app servers starting together migrate a schema once. The
    // migrations table is created here first: @effect/sql's Migrator probes for it with a statement
    // that, failing, would abort our transaction.
    const checkOnly = sql.unsafe<{ id: number | null }>(
      `SELECT max(migration_id) AS id FROM ${q}.${Migrations.table}`
    ).pipe(
      Effect.map((rows) => rows[0]?.id ?? 0),
      Effect.catchAll((error) =>
        Effect.fail(
          new StorageAdapter.StorageError({
            operation: "open",
            message: `schema ${schema} has not been migrated (${toStorageError("open")(error).message}); ` +
              "open it once with migrate: true, as its owner, on the primary",
            cause: error
          })
        )
      )
    )
    const applied = options.migrate === false ? yield* checkOnly : yield* transaction(
      Effect.gen(function*() {
        yield* sql.unsafe(`CREATE SCHEMA IF NOT EXISTS ${q}`)
        yield* sql.unsafe(`SET LOCAL search_path TO ${q}`)
        yield* sql.unsafe(`CREATE TABLE IF NOT EXISTS ${q}.${Migrations.table} (
  migration_id integer PRIMARY KEY,
  created_at timestamp with time zone NOT NULL DEFAULT now(),
  name text NOT NULL
)`)
        yield* Migrator.make({})({ loader: Migrations.loader, table: Migrations.table }).pipe(
          Effect.provideService(SqlClient.SqlClient, sql)
        )
        const rows = yield* sql.unsafe<{ id: number | null }>(`SELECT max(migration_id) AS id FROM ${q}.${Migrations.table}`)
        return rows[0]?.id ?? 0
      })
    ).pipe(
      Effect.catchAllDefect((defect) => Effect.fail(fail("migrate")(defect))),
      Effect.mapError(fail("migrate"))
    )
    if (options.migrate === false && applied < Migrations.latest) {
      return yield* new StorageAdapter.StorageError({
        operation: "open",
        message: `schema ${schema} has version ${applied}, older than this release needs (${Migrations.latest}); ` +
          "run the migrations first (open it with migrate: true on the primary)"
      })
    }
    if (applied > Migrations.latest) {
      return yield* new StorageAdapter.StorageError({
        operation: "open",
        message: `schema ${schema} has version ${applied}, newer than this release of ` +
          `@qinglian/storage-postgres understands (${Migrations.latest}); upgrade the package`
      })
    }

    // --- documents ------------------------------------------------------------------------------

    const getDocument = (collection: string, id: string): Effect.Effect<Option.Option<DocumentRecord>, StorageError> =>
      // No write could have made such a key; the driver would send a different string.
      typeof collection !== "string" || typeof id !== "string" || badText(collection) || badText(id)
        ? Effect.succeedNone
        : sql.unsafe<DocumentRow>(
          `SELECT id, version::float8 AS version, data, indexes FROM ${q}.documents WHERE collection = $1 AND id = $2`,
          [collection, id]
        ).pipe(
          Effect.mapError(fail("getDocument")),
          Effect.map((rows) => {
            const row = rows[0]
            return row === undefined
              ? Option.none()
              : Option.some({ collection, id: row.id, version: row.version, data: row.data, indexes: row.indexes })
          })
        )

    const indexRowsPerStatement = rowsPerStatement(batchSize, 6)
    const documentCasts = ["text", "text", "bigint", "jsonb", "jsonb"]
    const indexCasts = ["text", "text", "smallint", "float8", "text", "text"]

    const currentOf = (batch: ReadonlyArray<DocumentWrite>) => {
      const lookup: Array<unknown> = []
      for (const write of batch) lookup.push(write.collection, write.id)
      return sql.unsafe<{ collection: string; id: string; version: number; indexes: Record<string, IndexValue> }>(
        `SELECT d.collection, d.id, d.version::float8 AS version, d.indexes FROM ${q}.documents AS d
JOIN (VALUES ${valuesList(["text", "text"], batch.length)}) AS k (collection, id) ON d.collection = k.collection AND d.id = k.id`,
        lookup
      ).pipe(Effect.map((rows) => new Map(rows.map((row) => [mapKey(row.collection, row.id), row] as const))))
    }

    const conflictIn = (batch: ReadonlyArray<DocumentWrite>) =>
      Effect.flatMap(currentOf(batch), (current): Effect.Effect<never, ConcurrencyConflict | StorageError> => {
        for (const write of batch) {
          const actual = current.get(mapKey(write.collection, write.id))?.version ?? 0
          if (actual !== write.expectedVersion) {
            return Effect.fail(StorageAdapter.documentConflict(write, actual))
          }
        }
        return Effect.fail(new StorageAdapter.StorageError({ operation: "putDocuments", message: "a write changed no row" }))
      })

    // The bulk path, always inside a transaction (the county's lock is held). Keys are unique within
    // a batch (a repeated key starts a new batch, which sees the earlier one's writes), so writes
    // apply in order, and a stale one fails the whole call before COMMIT.
    const writeDocuments = (operation: string, writes: ReadonlyArray<DocumentWrite>) =>
      Effect.gen(function*() {
        const problem = StorageAdapter.documentWritesProblem(writes, text)
        if (problem !== undefined) return yield* new StorageAdapter.StorageError({ operation, message: problem })
        const pending: Array<unknown> = []
        const flushIndexRows = (all: boolean) =>
          Effect.gen(function*() {
            const rowLength = 6 * indexRowsPerStatement
            while (pending.length >= rowLength || (all && pending.length > 0)) {
              const params = pending.splice(0, Math.min(rowLength, pending.length))
              yield* sql.unsafe(
                `INSERT INTO ${q}.document_index (collection, name, kind, num, str, id) VALUES ${
                  valuesList(indexCasts, params.length / 6)
                }`,
                params
              )
            }
          })

        for (const batch of StorageAdapter.writeBatches(writes, batchSize)) {
          // A batch of new documents (the bulk import) skips the lookup: ON CONFLICT DO NOTHING
          // leaves an existing one alone, and only a short row count sends us looking for it.
          const allNew = batch.every((write) => write.expectedVersion === 0)
          const current = allNew
            ? new Map<string, { readonly version: number; readonly indexes: Record<string, IndexValue> }>()
            : yield* currentOf(batch)

          const stale: Array<unknown> = []
          const documentParams: Array<unknown> = []
          for (const write of batch) {
            const found = current.get(mapKey(write.collection, write.id))
            const actual = found?.version ?? 0
            if (actual !== write.expectedVersion) {
              return yield* StorageAdapter.documentConflict(write, actual)
            }
            if (found !== undefined) {
              for (const name in found.indexes) {
                const [kind, num, str] = IndexQuery.columnsOf(found.indexes[name]!)
                stale.push(write.collection, name, kind, num, str, write.id)
              }
            }
            documentParams.push(
              write.collection,
              write.id,
              write.expectedVersion + 1,
              JSON.stringify(write.data),
              JSON.stringify(write.indexes)
            )
          }

          // The version check again, in the statement itself: even a writer that skipped the lock
          // could not overwrite a newer version.
          const result = yield* sql.unsafe(
            `INSERT INTO ${q}.documents (collection, id, version, data, indexes) VALUES ${valuesList(documentCasts, batch.length)}
ON CONFLICT (collection, id) DO ${
              allNew
                ? "NOTHING"
                : "UPDATE SET version = excluded.version, data = excluded.data, indexes = excluded.indexes" +
                  " WHERE documents.version = excluded.version - 1"
            }`,
            documentParams
          ).raw
          if ((result as { readonly rowCount?: number | null }).rowCount !== batch.length) {
            return yield* conflictIn(batch)
          }

          if (stale.length > 0) {
            // A stale row may still be queued (a repeated key): insert the queue first.
            yield* flushIndexRows(true)
            for (const params of chunks(stale, 6 * indexRowsPerStatement)) {
              yield* sql.unsafe(
                `DELETE FROM ${q}.document_index AS i USING (VALUES ${valuesList(indexCasts, params.length / 6)})` +
                  ` AS s (collection, name, kind, num, str, id) WHERE i.collection = s.collection AND i.name = s.name` +
                  ` AND i.kind = s.kind AND i.num = s.num AND i.str = s.str AND i.id = s.id`,
                params
              )
            }
          }

          for (const write of batch) {
            for (const name in write.indexes) {
              const [kind, num, str] = IndexQuery.columnsOf(write.indexes[name]!)
              pending.push(write.collection, name, kind, num, str, write.id)
            }
          }
          yield* flushIndexRows(false)
        }
        yield* flushIndexRows(true)
      }).pipe(Effect.catchTag("SqlError", (error) => Effect.fail(fail(operation)(error))))

    const putDocument = (write: DocumentWrite): Effect.Effect<DocumentRecord, ConcurrencyConflict | StorageError> =>
      transaction(writeDocuments("putDocument", [write])).pipe(
        Effect.map(() => ({
          collection: write.collection,
          id: write.id,
          version: write.expectedVersion + 1,
          data: JSON.parse(JSON.stringify(write.data)) as Json,
          indexes: storedIndexes(write.indexes)
        }))
      )

    const putDocuments = (writes: ReadonlyArray<DocumentWrite>): Effect.Effect<void, ConcurrencyConflict | StorageError> =>
      writes.length === 0
        ? Effect.void
        // Validation first, so bad input is refused without taking the county's lock.
        : Effect.suspend(() => {
          const problem = StorageAdapter.documentWritesProblem(writes, text)
          return problem === undefined
            ? transaction(writeDocuments("putDocuments", writes))
            : Effect.fail(new StorageAdapter.StorageError({ operation: "putDocuments", message: problem }))
        })

    const queryIndex = (query: StorageAdapter.IndexQuery): Effect.Effect<StorageAdapter.Page, StorageError> =>
      Effect.gen(function*() {
        const compiled = IndexQuery.compile(q, query, badText)
        if (compiled._tag === "Invalid") {
          return yield* new StorageAdapter.StorageError({ operation: "queryIndex", message: compiled.message })
        }
        if (badText(query.collection) || badText(query.index)) return { items: [], cursor: undefined }
        const rows = yield* sql.unsafe<DocumentRow & { readonly kind: number; readonly num: number; readonly str: string }>(
          compiled.text,
          compiled.params
        ).pipe(Effect.mapError(fail("queryIndex")))
        const page = rows.length > query.limit ? rows.slice(0, query.limit) : rows
        const items = page.map((row): DocumentRecord => ({
          collection: query.collection,
          id: row.id,
          version: row.version,
          data: row.data,
          indexes: row.indexes
        }))
        const last = page[page.length - 1]
        return {
          items,
          cursor: rows.length > query.limit && last !== undefined
            ? StorageAdapter.encodeCursor({ value: IndexQuery.valueOf(last.kind, last.num, last.str), id: last.id })
            : undefined
        }
      })

    // --- events ---------------------------------------------------------------------------------

    const lastVersionIn = (operation: string, stream: string) =>
      typeof stream !== "string" || badText(stream)
        ? Effect.succeed(0)
        : sql.unsafe<{ v: number }>(
          `SELECT coalesce(max(version), 0)::float8 AS v FROM ${q}.events WHERE stream = $1`,
          [stream]
        ).pipe(
          Effect.map((rows) => rows[0]?.v ?? 0),
          Effect.mapError(fail(operation))
        )

    const eventRowsPerStatement = rowsPerStatement(batchSize, 5)
    const eventCasts = ["text", "bigint", "text", "jsonb", "bigint"]

    const appendEvents = (
      stream: string,
      expectedVersion: number,
      events: ReadonlyArray<StorageAdapter.NewEvent>
    ): Effect.Effect<number, ConcurrencyConflict | StorageError> =>
      Effect.suspend(() => {
        const invalid = (message: string) =>
          Effect.fail(new StorageAdapter.StorageError({ operation: "appendEvents", message }))
        const problem = StorageAdapter.appendProblem(stream, expectedVersion, events, text)
        if (problem !== undefined) return invalid(problem)
        return transaction(Effect.gen(function*() {
          const actual = yield* lastVersionIn("appendEvents", stream)
          if (actual !== expectedVersion) return yield* StorageAdapter.streamConflict(stream, expectedVersion, actual)
          let version = actual
          for (const batch of chunks(events, eventRowsPerStatement)) {
            const params: Array<unknown> = []
            for (const event of batch) {
              version++
              params.push(stream, version, event.type, JSON.stringify(event.data), event.recordedAt)
            }
            yield* sql.unsafe(
              `INSERT INTO ${q}.events (stream, version, type, data, recorded_at) VALUES ${valuesList(eventCasts, batch.length)}`,
              params
            ).pipe(Effect.mapError(fail("appendEvents")))
          }
          return version
        }))
      })

    const readEvents = (
      stream: string,
      fromVersion = 1,
      limit?: number
    ): Effect.Effect<ReadonlyArray<StorageAdapter.EventRecord>, StorageError> =>
      Effect.gen(function*() {
        const problem = StorageAdapter.readEventsProblem(fromVersion, limit)
        if (problem !== undefined) return yield* new StorageAdapter.StorageError({ operation: "readEvents", message: problem })
        if (typeof stream !== "string" || badText(stream)) return []
        const rows = yield* sql.unsafe<EventRow>(
          `SELECT version::float8 AS version, type, data, recorded_at::float8 AS recorded_at FROM ${q}.events
WHERE stream = $1 AND version >= $2 ORDER BY version LIMIT $3`,
          [stream, fromVersion, limit ?? null]
        ).pipe(Effect.mapError(fail("readEvents")))
        return rows.map((row): StorageAdapter.EventRecord => ({
          stream,
          version: row.version,
          type: row.type,
          data: row.data,
          recordedAt: row.recorded_at
        }))
      })

    // --- scans, for Audit.verifyStore --------------------------------------------------------------

    const limitProblem = (operation: string, limit: number) => {
      const problem = StorageAdapter.positiveIntegerProblem("limit", limit)
      return problem === undefined ? undefined : new StorageAdapter.StorageError({ operation, message: problem })
    }

    // The indexes of a scanned document are those of its jsonb column that the index table still
    // holds (each found by the index table's primary key), so a row deleted behind our back shows.
    const scanDocuments = (
      after: StorageAdapter.ScanKey | undefined,
      limit: number
    ): Effect.Effect<ReadonlyArray<DocumentRecord>, StorageError> =>
      Effect.gen(function*() {
        const problem = limitProblem("scanDocuments", limit)
        if (problem !== undefined) return yield* problem
        const rows = yield* sql.unsafe<DocumentRow & { readonly collection: string }>(
          `SELECT d.collection, d.id, d.version::float8 AS version, d.data,
  coalesce((SELECT jsonb_object_agg(j.key, j.value) FROM jsonb_each(d.indexes) AS j WHERE EXISTS (
    SELECT 1 FROM ${q}.document_index AS i WHERE i.collection = d.collection AND i.name = j.key
      AND i.kind = (CASE jsonb_typeof(j.value) WHEN 'number' THEN 0 ELSE 1 END)
      AND i.num = (CASE jsonb_typeof(j.value) WHEN 'number' THEN (j.value)::float8 ELSE 0 END)
      AND i.str = (CASE jsonb_typeof(j.value) WHEN 'number' THEN '' ELSE j.value #>> '{}' END)
      AND i.id = d.id
  )), '{}'::jsonb) AS indexes
FROM ${q}.documents AS d ${after === undefined ? "" : "WHERE (d.collection, d.id) > ($2::text, $3::text)"}
ORDER BY d.collection, d.id LIMIT $1`,
          after === undefined ? [limit] : [limit, after.collection, after.id]
        ).pipe(Effect.mapError(fail("scanDocuments")))
        return rows.map((row): DocumentRecord => ({
          collection: row.collection,
          id: row.id,
          version: row.version,
          data: row.data,
          indexes: row.indexes
        }))
      })

    const scanStreams = (
      after: string | undefined,
      limit: number
    ): Effect.Effect<ReadonlyArray<StorageAdapter.StreamHead>, StorageError> =>
      Effect.gen(function*() {
        const problem = limitProblem("scanStreams", limit)
        if (problem !== undefined) return yield* problem
        const rows = yield* sql.unsafe<{ stream: string; v: number }>(
          `SELECT stream, max(version)::float8 AS v FROM ${q}.events ${after === undefined ? "" : "WHERE stream > $2::text"}
GROUP BY stream ORDER BY stream LIMIT $1`,
          after === undefined ? [limit] : [limit, after]
        ).pipe(Effect.mapError(fail("scanStreams")))
        return rows.map((row) => ({ stream: row.stream, lastVersion: row.v }))
      })

    return {
      name: "postgres",
      capabilities,
      getDocument,
      putDocument,
      putDocuments,
      queryIndex,
      appendEvents,
      readEvents,
      lastVersion: (stream) => lastVersionIn("lastVersion", stream),
      transaction,
      scanDocuments,
      scanStreams,
      schema,
      schemaVersion: applied,
      sql
    } satisfies PostgresStorageService
  })

const redacted = (value: Redacted.Redacted | string | undefined): Redacted.Redacted | undefined =>
  value === undefined ? undefined : typeof value === "string" ? Redacted.make(value) : value

/**
 * A connection pool (a `PgClient`) for the config, closed when the scope closes.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeClient = (config: PostgresStorageConfig): Effect.Effect<PgClient.PgClient, StorageError, Scope.Scope> =>
  PgClient.make({
    url: redacted(config.url),
    host: config.host,
    port: config.port,
    database: config.database,
    username: config.username,
    password: redacted(config.password),
    ssl: config.ssl,
    maxConnections: config.maxConnections ?? 10,
    minConnections: config.minConnections,
    idleTimeout: config.idleTimeout ?? Duration.seconds(30),
    connectTimeout: config.connectTimeout ?? Duration.seconds(5),
    connectionTTL: config.connectionTTL,
    applicationName: config.applicationName ?? "qinglian"
  }).pipe(
    Effect.provide(Reactivity.layer),
    Effect.mapError(toStorageError("connect"))
  )

const provideBoth = (service: PostgresStorageService) =>
  Context.make(PostgresStorage, service).pipe(Context.add(StorageAdapter.StorageAdapter, service))

/**
 * Opens a pool and the county's store for the layer's lifetime; the pool closes on release.
 * Provides both {@link PostgresStorage} and core's `StorageAdapter`.
 *
 * @example
 * ```ts
 * import { PostgresStorage } from "@qinglian/storage-postgres"
 *
 * const StorageLive = PostgresStorage.layer({ url: "postgresql://app@db/qinglian", schema: "county_140525" })
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  config: PostgresStorageConfig
): Layer.Layer<PostgresStorage | StorageAdapter.StorageAdapter, StorageError> =>
  Layer.scopedContext(
    Effect.flatMap(makeClient(config), (client) =>
      Effect.map(Effect.provideService(make(config), PgClient.PgClient, client), provideBoth))
  )

/**
 * One county's store on a `PgClient` provided from outside, so that the counties of a province
 * share one pool: `PostgresStorage.layerClient({ schema }).pipe(Layer.provide(pool))`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerClient = (
  options: PostgresStorageOptions = {}
): Layer.Layer<PostgresStorage | StorageAdapter.StorageAdapter, StorageError, PgClient.PgClient> =>
  Layer.effectContext(Effect.map(make(options), provideBoth))

/**
 * The configuration read from the environment: `DATABASE_URL`, or `PGHOST`, `PGPORT`,
 * `PGDATABASE`, `PGUSER`, `PGPASSWORD`; `QINGLIAN_PG_SCHEMA` and `QINGLIAN_PG_MAX_CONNECTIONS`.
 *
 * @since 0.1.0
 * @category config
 */
export const config: Config.Config<PostgresStorageConfig> = Config.all({
  url: Config.option(Config.redacted("DATABASE_URL")),
  host: Config.option(Config.string("PGHOST")),
  port: Config.option(Config.integer("PGPORT")),
  database: Config.option(Config.string("PGDATABASE")),
  username: Config.option(Config.string("PGUSER")),
  password: Config.option(Config.redacted("PGPASSWORD")),
  schema: Config.withDefault(Config.string("QINGLIAN_PG_SCHEMA"), defaultSchema),
  maxConnections: Config.withDefault(Config.integer("QINGLIAN_PG_MAX_CONNECTIONS"), 10)
}).pipe(
  Config.map(({ maxConnections, schema, ...parts }): PostgresStorageConfig => ({
    url: Option.getOrUndefined(parts.url),
    host: Option.getOrUndefined(parts.host),
    port: Option.getOrUndefined(parts.port),
    database: Option.getOrUndefined(parts.database),
    username: Option.getOrUndefined(parts.username),
    password: Option.getOrUndefined(parts.password),
    schema,
    maxConnections
  }))
)

/**
 * {@link layer} with its configuration read from `Config`: {@link config} by default (the
 * environment), or any `Config` of a {@link PostgresStorageConfig}.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (
  from: Config.Config<PostgresStorageConfig> = config
): Layer.Layer<PostgresStorage | StorageAdapter.StorageAdapter, StorageError | ConfigError.ConfigError> =>
  Layer.unwrapEffect(Effect.map(from, layer))

/**
 * The test-only tamper hook on an open store: it rewrites, deletes or forges document, index and
 * event rows with plain SQL, as the tables' owner could (disabling the append-only triggers inside
 * the transaction, as they could).
 *
 * @since 0.1.0
 * @category tamper
 */
export const makeTamper = (storage: PostgresStorageService): StorageAdapter.StorageTamperService => {
  const sql = storage.sql
  const q = `"${storage.schema}"`
  const behindTheTrigger = (operation: string, statement: string, params: ReadonlyArray<unknown>) =>
    storage.transaction(Effect.gen(function*() {
      yield* sql.unsafe(`ALTER TABLE ${q}.events DISABLE TRIGGER events_no_change`)
      const result = (yield* sql.unsafe(statement, params).raw) as { readonly rowCount?: number | null }
      yield* sql.unsafe(`ALTER TABLE ${q}.events ENABLE TRIGGER events_no_change`)
      if (result.rowCount !== 1) {
        return yield* new StorageAdapter.StorageError({ operation, message: `no event ${String(params.at(-1))} to change` })
      }
    }).pipe(Effect.mapError(toStorageError(operation))))
  // Plain SQL, several statements that must change at least one row between them.
  const raw = (operation: string, statements: ReadonlyArray<readonly [string, ReadonlyArray<unknown>]>, what: string) =>
    storage.transaction(Effect.gen(function*() {
      let changed = 0
      for (const [statement, params] of statements) {
        const result = (yield* sql.unsafe(statement, params).raw) as { readonly rowCount?: number | null }
        changed += result.rowCount ?? 0
      }
      if (changed === 0) return yield* new StorageAdapter.StorageError({ operation, message: `no ${what} to change` })
    }).pipe(Effect.mapError(toStorageError(operation))))
  return {
    alterEvent: (stream, version, data) =>
      behindTheTrigger("alterEvent", `UPDATE ${q}.events SET data = $1::jsonb WHERE stream = $2 AND version = $3`, [
        JSON.stringify(data),
        stream,
        version
      ]),
    deleteEvent: (stream, version) =>
      behindTheTrigger("deleteEvent", `DELETE FROM ${q}.events WHERE stream = $1 AND version = $2`, [stream, version]),
    alterEventTime: (stream, version, recordedAt) =>
      behindTheTrigger("alterEventTime", `UPDATE ${q}.events SET recorded_at = $1 WHERE stream = $2 AND version = $3`, [
        recordedAt,
        stream,
        version
      ]),
    insertEvent: (stream, version, event) =>
      raw("insertEvent", [[
        `INSERT INTO ${q}.events (stream, version, type, data, recorded_at) VALUES ($1, $2, $3, $4::jsonb, $5)`,
        [stream, version, event.type, JSON.stringify(event.data), event.recordedAt]
      ]], `event ${stream}@${version}`),
    alterDocument: (collection, id, data) =>
      raw("alterDocument", [[
        `UPDATE ${q}.documents SET data = $1::jsonb WHERE collection = $2 AND id = $3`,
        [JSON.stringify(data), collection, id]
      ]], `document ${collection}/${id}`),
    deleteDocument: (collection, id) =>
      raw("deleteDocument", [
        [`DELETE FROM ${q}.document_index WHERE collection = $1 AND id = $2`, [collection, id]],
        [`DELETE FROM ${q}.documents WHERE collection = $1 AND id = $2`, [collection, id]]
      ], `document ${collection}/${id}`),
    insertDocument: (record) =>
      raw("insertDocument", [
        [
          `INSERT INTO ${q}.documents (collection, id, version, data, indexes) VALUES ($1, $2, $3, $4::jsonb, $5::jsonb)`,
          [record.collection, record.id, record.version, JSON.stringify(record.data), JSON.stringify(record.indexes)]
        ],
        ...Object.entries(record.indexes).map(([name, value]) =>
          [
            `INSERT INTO ${q}.document_index (collection, name, kind, num, str, id) VALUES ($1, $2, $3, $4, $5, $6)`,
            [record.collection, name, ...IndexQuery.columnsOf(value), record.id]
          ] as const
        )
      ], `document ${record.collection}/${record.id}`),
    deleteIndexEntry: (collection, id, index) =>
      raw("deleteIndexEntry", [[
        `DELETE FROM ${q}.document_index WHERE collection = $1 AND name = $2 AND id = $3`,
        [collection, index, id]
      ]], `entry of ${collection}/${id} in index ${index}`)
  }
}

/**
 * Provides core's test-only `StorageTamper` for the store in {@link PostgresStorage}. Tests only.
 *
 * @since 0.1.0
 * @category tamper
 */
export const layerTamper: Layer.Layer<StorageAdapter.StorageTamper, never, PostgresStorage> = Layer.effect(
  StorageAdapter.StorageTamper,
  Effect.map(PostgresStorage, makeTamper)
)

/**
 * {@link layer} plus {@link layerTamper}: what the conformance suite runs against.
 *
 * @since 0.1.0
 * @category tamper
 */
export const layerWithTamper = (
  config: PostgresStorageConfig
): Layer.Layer<PostgresStorage | StorageAdapter.StorageAdapter | StorageAdapter.StorageTamper, StorageError> =>
  Layer.provideMerge(layerTamper, layer(config))
