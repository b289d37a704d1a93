/**
 * The SQLite storage adapter (SQLite 存储适配器): implements core's `StorageAdapter` port on
 * `@effect/sql` and better-sqlite3, in one file on disk (or `:memory:` for tests).
 *
 * On open it sets the pragmas (WAL, busy timeout, foreign keys, synchronous) and runs the
 * versioned migrations. Writes take SQLite's write lock up front (`BEGIN IMMEDIATE`), so writers in
 * several processes queue for up to the busy timeout instead of failing half way; a writer that
 * waits longer gets a `StorageError` saying the database is busy, with nothing written.
 *
 * @example
 * ```ts
 * import { Storage } from "@qinglian/core"
 * import { SqliteStorage } from "@qinglian/storage-sqlite"
 * import { Effect, Layer } from "effect"
 *
 * // Core's Storage on one SQLite file: opened in WAL mode, migrated on open, closed with the layer.
 * const StorageLive = Storage.layer.pipe(Layer.provideMerge(SqliteStorage.layer({ filename: ".tmp/county.db" })))
 * const verified = Storage.verifyAudit().pipe(Effect.provide(StorageLive))
 * Effect.runPromise(verified).then((v) => console.log(v.entries))
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */
import * as Reactivity from "@effect/experimental/Reactivity"
import * as Migrator from "@effect/sql/Migrator"
import * as SqlClient from "@effect/sql/SqlClient"
import type { Connection } from "@effect/sql/SqlConnection"
import type { SqlError } from "@effect/sql/SqlError"
import * as SqliteClient from "@effect/sql-sqlite-node/SqliteClient"
import { StorageAdapter } from "@qinglian/core"
import * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type * as Scope from "effect/Scope"
import { chunks, rowsPerStatement, valuesList } from "./internal/batch.js"
import * as IndexQuery from "./internal/indexQuery.js"
import { sqliteCode, toStorageError } from "./internal/sqliteErrors.js"
import * as Migrations from "./migrations/index.js"

type Json = StorageAdapter.Json
type IndexValue = StorageAdapter.IndexValue
type DocumentRecord = StorageAdapter.DocumentRecord
type DocumentWrite = StorageAdapter.DocumentWrite
type StorageError = StorageAdapter.StorageError
type ConcurrencyConflict = StorageAdapter.ConcurrencyConflict

/**
 * How to open the store.
 *
 * @since 0.1.0
 * @category models
 */
export interface SqliteStorageConfig {
  /** A file path (created if missing), or `":memory:"` for a private in-memory store (tests). */
  readonly filename: string
  /**
   * How long a write waits for another connection's write lock before failing with a busy
   * `StorageError`. Default 5 seconds.
   */
  readonly busyTimeout?: Duration.DurationInput | undefined
  /**
   * `"full"` (default): a committed transaction survives power loss. `"normal"`: it survives a
   * process crash but may be lost on power loss, for faster small commits; the file never corrupts.
   */
  readonly synchronous?: "full" | "normal" | undefined
  /** Documents per multi-row statement in `putDocuments`. Default 500. */
  readonly batchSize?: number | undefined
  /**
   * Bytes of the file SQLite reads through memory mapping rather than `read` calls: index reads
   * that touch many pages (a village-week of tasks) get about a third faster. Default 256 MiB;
   * `0` turns it off (an I/O error on a mapped page then cannot crash the process).
   */
  readonly mmapSize?: number | undefined
}

/**
 * The SQLite adapter: the whole port, plus what only SQLite has.
 *
 * @since 0.1.0
 * @category models
 */
export interface SqliteStorageService extends StorageAdapter.StorageAdapterService {
  /** The file opened, or `":memory:"`. */
  readonly filename: string
  /** The journal mode in effect: `"wal"` for files, `"memory"` for `:memory:`. */
  readonly journalMode: string
  /** The schema version (highest migration applied). */
  readonly schemaVersion: number
  /**
   * The underlying client, for your own SQL. Statements run inside
   * {@link SqliteStorageService.transaction} join that transaction.
   */
  readonly sql: SqliteClient.SqliteClient
  /** Runs `PRAGMA integrity_check`; `["ok"]` for a healthy file. */
  readonly integrityCheck: Effect.Effect<ReadonlyArray<string>, StorageError>
}

/**
 * The SQLite adapter's own tag. Its layers also provide core's generic `StorageAdapter`.
 *
 * @since 0.1.0
 * @category tags
 */
export class SqliteStorage extends Context.Tag("@qinglian/storage-sqlite/SqliteStorage")<
  SqliteStorage,
  SqliteStorageService
>() {}

/**
 * The schema version this release creates and understands.
 *
 * @since 0.1.0
 * @category constants
 */
export const schemaVersion: number = Migrations.latest

/**
 * The default `mmapSize`: 256 MiB.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultMmapSize: number = 256 * 1024 * 1024

/**
 * The table where applied migrations are recorded.
 *
 * @since 0.1.0
 * @category constants
 */
export const migrationsTable: string = Migrations.table

// Unambiguous even when a collection name contains "/", for maps and sets.
const mapKey = (collection: string, id: string): string => `${collection.length}:${collection}/${id}`

// SQLite stores text as UTF-8, which cannot hold a lone UTF-16 surrogate (it would come back as
// U+FFFD): such keys are refused rather than stored as a different one. Data is JSON text, which
// keeps any string escaped and exact. Refused before anything is written, with the reason; the
// same rules as the memory adapter.
const text = StorageAdapter.wellFormedText

// The index values as a read returns them: the JSON column keeps -0 as 0. Copied only when needed.
const storedIndexes = (indexes: Readonly<Record<string, IndexValue>>): Readonly<Record<string, IndexValue>> => {
  for (const name in indexes) {
    if (Object.is(indexes[name], -0)) {
      return JSON.parse(JSON.stringify(indexes)) as Record<string, IndexValue>
    }
  }
  return indexes
}

const isInMemory = (filename: string): boolean =>
  filename === ":memory:" || filename === "" || filename.startsWith("file::memory:")

interface DocumentRow {
  readonly collection: string
  readonly id: string
  readonly version: number
  readonly data: string
  readonly indexes: string
}

interface EventRow {
  readonly version: number
  readonly type: string
  readonly data: string
  readonly recorded_at: number
}

/**
 * Opens (or creates) the store: pragmas, then migrations, then the adapter. The connection closes
 * when the scope does.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (config: SqliteStorageConfig): Effect.Effect<SqliteStorageService, StorageError, Scope.Scope> =>
  Effect.gen(function*() {
    const busyMs = Duration.toMillis(Duration.decode(config.busyTimeout ?? Duration.seconds(5)))
    const batchSize = rowsPerStatement(config.batchSize ?? 500, 5)
    const fail = (operation: string) => toStorageError(operation, busyMs)

    const sql = yield* SqliteClient.make({ filename: config.filename }).pipe(
      Effect.provide(Reactivity.layer),
      // better-sqlite3 throws while opening (bad path, not a database): surface it as a typed error.
      Effect.catchAllDefect((defect) => Effect.fail(fail("open")(defect)))
    )

    // Pragmas are per connection; the client keeps one connection for its lifetime. It has already
    // asked for WAL (a no-op for `:memory:`); read back what SQLite granted.
    const journalMode = yield* Effect.gen(function*() {
      yield* sql.unsafe(`PRAGMA busy_timeout = ${Math.max(0, Math.round(busyMs))}`)
      yield* sql.unsafe("PRAGMA foreign_keys = ON")
      yield* sql.unsafe(`PRAGMA synchronous = ${config.synchronous === "normal" ? "NORMAL" : "FULL"}`)
      yield* sql.unsafe(`PRAGMA mmap_size = ${Math.max(0, Math.floor(config.mmapSize ?? defaultMmapSize))}`)
      const rows = yield* sql.unsafe<{ journal_mode: string }>("PRAGMA journal_mode")
      return rows[0]?.journal_mode ?? ""
    }).pipe(Effect.mapError(fail("open")))

    // --- transactions -------------------------------------------------------------------------

    // Our own begin/commit rather than `sql.withTransaction`: `BEGIN IMMEDIATE` takes the write lock
    // up front (a deferred BEGIN that upgrades later can fail with SQLITE_BUSY without waiting), and
    // a failed COMMIT becomes a typed error instead of a defect. Statements find the connection
    // through @effect/sql's TransactionConnection, so `sql` and `sql.withTransaction` join us.
    const runOn = (conn: Connection, statement: string) => conn.executeUnprepared(statement, [], undefined)

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
                    ? Effect.as(Effect.mapError(runOn(conn, `RELEASE ${name}`), fail("transaction")), exit.value)
                    // If SQLite already rolled the whole transaction back, there is no savepoint left:
                    // the outer transaction then fails on its own statements or rolls back.
                    : Effect.zipRight(
                      Effect.ignore(Effect.zipRight(runOn(conn, `ROLLBACK TO ${name}`), runOn(conn, `RELEASE ${name}`))),
                      exit
                    )
              )
            )
          }
          return Effect.scoped(
            // Waiting for this process's connection stays interruptible; holding it does not.
            Effect.flatMap(Effect.mapError(restore(sql.reserve), fail("transaction")), (conn) =>
              Effect.zipRight(
                Effect.mapError(runOn(conn, "BEGIN IMMEDIATE"), fail("transaction")),
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
                      // SQLite may already have rolled back (e.g. on SQLITE_FULL): ignore "no transaction".
                      : Effect.zipRight(Effect.ignore(runOn(conn, "ROLLBACK")), exit)
                )
              ))
          )
        })
      )

    // --- migrations -----------------------------------------------------------------------------

    // Inside our IMMEDIATE transaction, so two processes opening a new file at once migrate it once.
    const applied = yield* transaction(
      Effect.gen(function*() {
        yield* Migrator.make({})({ loader: Migrations.loader, table: Migrations.table }).pipe(
          Effect.provideService(SqlClient.SqlClient, sql)
        )
        const rows = yield* sql.unsafe<{ id: number | null }>(
          `SELECT max(migration_id) AS id FROM ${Migrations.table}`
        )
        return rows[0]?.id ?? 0
      })
    ).pipe(
      Effect.catchAllDefect((defect) => Effect.fail(fail("migrate")(defect))),
      Effect.mapError(fail("migrate"))
    )
    if (applied > Migrations.latest) {
      return yield* new StorageAdapter.StorageError({
        operation: "open",
        message: `${config.filename} has schema version ${applied}, newer than this release of ` +
          `@qinglian/storage-sqlite understands (${Migrations.latest}); upgrade the package`
      })
    }

    // --- documents ------------------------------------------------------------------------------

    const parse = (operation: string, text: string): Effect.Effect<unknown, StorageError> =>
      Effect.try({ try: () => JSON.parse(text) as unknown, catch: fail(operation) })

    const recordOf = (row: DocumentRow): DocumentRecord => ({
      collection: row.collection,
      id: row.id,
      version: row.version,
      data: JSON.parse(row.data) as Json,
      indexes: JSON.parse(row.indexes) as Record<string, IndexValue>
    })

    // One `Effect.try` per page rather than per row: reads are the hot path of a village-week view.
    const toRecords = (operation: string, rows: ReadonlyArray<DocumentRow>) =>
      Effect.try({ try: () => rows.map(recordOf), catch: fail(operation) })

    const getDocument = (collection: string, id: string) =>
      sql.unsafe<DocumentRow>(
        "SELECT collection, id, version, data, indexes FROM documents WHERE collection = ? AND id = ?",
        [collection, id]
      ).pipe(
        Effect.mapError(fail("getDocument")),
        Effect.flatMap((rows) =>
          rows.length === 0
            ? Effect.succeedNone
            : Effect.map(toRecords("getDocument", rows), (records) => Option.fromNullable(records[0]))
        )
      )

    const indexRowsPerStatement = rowsPerStatement(batchSize, 4)

    // The bulk path, always inside a transaction (the write lock is held). Keys are unique within a
    // batch (a repeated key starts a new batch, which sees the earlier one's writes), so writes apply
    // in order, and a stale one fails the whole call before COMMIT.
    const writeDocuments = (operation: string, writes: ReadonlyArray<DocumentWrite>) =>
      Effect.gen(function*() {
        // Every write is checked before any version is compared, as the port requires: bad input is
        // a StorageError whatever the store holds.
        const problem = StorageAdapter.documentWritesProblem(writes, text)
        if (problem !== undefined) return yield* new StorageAdapter.StorageError({ operation, message: problem })
        const pending: Array<unknown> = []
        const flushIndexRows = (all: boolean) =>
          Effect.gen(function*() {
            const rowLength = 4 * indexRowsPerStatement
            while (pending.length >= rowLength || (all && pending.length > 0)) {
              const params = pending.splice(0, Math.min(rowLength, pending.length))
              yield* sql.unsafe(
                `INSERT INTO document_index (collection, name, value, id) VALUES ${valuesList(4, params.length / 4)}`,
                params
              )
            }
          })

        for (const batch of StorageAdapter.writeBatches(writes, batchSize)) {
          const currentOf = (writes: ReadonlyArray<DocumentWrite>) => {
            const lookup: Array<unknown> = []
            for (const write of writes) lookup.push(write.collection, write.id)
            return sql.unsafe<{ collection: string; id: string; version: number; indexes: string }>(
              `SELECT collection, id, version, indexes FROM documents WHERE (collection, id) IN (VALUES ${
                valuesList(2, writes.length)
              })`,
              lookup
            ).pipe(Effect.map((rows) => new Map(rows.map((row) => [mapKey(row.collection, row.id), row] as const))))
          }
          // A batch of new documents (the bulk import) skips the lookup: the primary key refuses an
          // existing one, and only then do we look for which it was.
          const allNew = batch.every((write) => write.expectedVersion === 0)
          const current = allNew
            ? new Map<string, { readonly version: number; readonly indexes: string }>()
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
              const old = (yield* parse(operation, found.indexes)) as Record<string, IndexValue>
              for (const name in old) stale.push(write.collection, name, old[name], write.id)
            }
            documentParams.push(
              write.collection,
              write.id,
              write.expectedVersion + 1,
              JSON.stringify(write.data),
              JSON.stringify(write.indexes)
            )
          }

          yield* sql.unsafe(
            `INSERT INTO documents (collection, id, version, data, indexes) VALUES ${valuesList(5, batch.length)}${
              current.size === 0
                ? ""
                : " ON CONFLICT (collection, id) DO UPDATE SET version = excluded.version, data = excluded.data," +
                  " indexes = excluded.indexes"
            }`,
            documentParams
          ).pipe(Effect.catchTag("SqlError", (error) =>
            allNew && sqliteCode(error) === "SQLITE_CONSTRAINT_PRIMARYKEY"
              ? Effect.flatMap(currentOf(batch), (existing): Effect.Effect<never, SqlError | ConcurrencyConflict> => {
                const write = batch.find((write) => existing.has(mapKey(write.collection, write.id)))
                return write === undefined ? Effect.fail(error) : Effect.fail(
                  StorageAdapter.documentConflict(write, existing.get(mapKey(write.collection, write.id))!.version)
                )
              })
              : Effect.fail(error)
          ))

          if (stale.length > 0) {
            // A stale entry may still be queued (a repeated key): insert the queue first.
            yield* flushIndexRows(true)
            for (const params of chunks(stale, 4 * indexRowsPerStatement)) {
              yield* sql.unsafe(
                `DELETE FROM document_index WHERE (collection, name, value, id) IN (VALUES ${
                  valuesList(4, params.length / 4)
                })`,
                params
              )
            }
          }

          for (const write of batch) {
            for (const name in write.indexes) pending.push(write.collection, name, write.indexes[name], write.id)
          }
          yield* flushIndexRows(false)
        }
        yield* flushIndexRows(true)
      }).pipe(Effect.catchTag("SqlError", (error) => Effect.fail(fail(operation)(error))))

    const putDocument = (write: DocumentWrite): Effect.Effect<DocumentRecord, ConcurrencyConflict | StorageError> =>
      transaction(writeDocuments("putDocument", [write])).pipe(
        Effect.as({
          collection: write.collection,
          id: write.id,
          version: write.expectedVersion + 1,
          data: write.data,
          indexes: storedIndexes(write.indexes)
        })
      )

    const putDocuments = (writes: ReadonlyArray<DocumentWrite>): Effect.Effect<void, ConcurrencyConflict | StorageError> =>
      writes.length === 0 ? Effect.void : transaction(writeDocuments("putDocuments", writes))

    const queryIndex = (query: StorageAdapter.IndexQuery): Effect.Effect<StorageAdapter.Page, StorageError> =>
      Effect.gen(function*() {
        const compiled = IndexQuery.compile(query)
        if (compiled._tag === "Invalid") {
          return yield* new StorageAdapter.StorageError({ operation: "queryIndex", message: compiled.message })
        }
        const rows = yield* sql.unsafe<DocumentRow & { readonly value: IndexValue }>(compiled.text, compiled.params).pipe(
          Effect.mapError(fail("queryIndex"))
        )
        const page = rows.length > query.limit ? rows.slice(0, query.limit) : rows
        const items = yield* toRecords("queryIndex", page)
        const last = page[page.length - 1]
        return {
          items,
          cursor: rows.length > query.limit && last !== undefined
            ? StorageAdapter.encodeCursor({ value: last.value, id: last.id })
            : undefined
        }
      })

    // --- events ---------------------------------------------------------------------------------

    const lastVersionIn = (operation: string, stream: string) =>
      sql.unsafe<{ v: number }>("SELECT coalesce(max(version), 0) AS v FROM events WHERE stream = ?", [stream]).pipe(
        Effect.map((rows) => rows[0]?.v ?? 0),
        Effect.mapError(fail(operation))
      )

    const eventRowsPerStatement = rowsPerStatement(batchSize, 5)

    const appendEvents = (
      stream: string,
      expectedVersion: number,
      events: ReadonlyArray<StorageAdapter.NewEvent>
    ): Effect.Effect<number, ConcurrencyConflict | StorageError> =>
      transaction(Effect.gen(function*() {
        const invalid = (message: string) => new StorageAdapter.StorageError({ operation: "appendEvents", message })
        const problem = StorageAdapter.appendProblem(stream, expectedVersion, events, text)
        if (problem !== undefined) return yield* invalid(problem)
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
            `INSERT INTO events (stream, version, type, data, recorded_at) VALUES ${valuesList(5, batch.length)}`,
            params
          ).pipe(Effect.mapError(fail("appendEvents")))
        }
        return version
      }))

    const readEvents = (
      stream: string,
      fromVersion = 1,
      limit?: number
    ): Effect.Effect<ReadonlyArray<StorageAdapter.EventRecord>, StorageError> =>
      Effect.gen(function*() {
        const problem = StorageAdapter.readEventsProblem(fromVersion, limit)
        if (problem !== undefined) return yield* new StorageAdapter.StorageError({ operation: "readEvents", message: problem })
        const rows = yield* sql.unsafe<EventRow>(
          "SELECT version, type, data, recorded_at FROM events WHERE stream = ? AND version >= ? ORDER BY version LIMIT ?",
          [stream, fromVersion, limit ?? -1]
        ).pipe(Effect.mapError(fail("readEvents")))
        return yield* Effect.try({
          try: () =>
            rows.map((row): StorageAdapter.EventRecord => ({
              stream,
              version: row.version,
              type: row.type,
              data: JSON.parse(row.data) as Json,
              recordedAt: row.recorded_at
            })),
          catch: fail("readEvents")
        })
      })

    // --- scans, for Audit.verifyStore --------------------------------------------------------------

    // The indexes of a scanned document are those of its JSON column that the index table still
    // holds (each found by the index table's primary key), so a row deleted behind our back shows.
    const scanDocuments = (
      after: StorageAdapter.ScanKey | undefined,
      limit: number
    ): Effect.Effect<ReadonlyArray<DocumentRecord>, StorageError> =>
      Effect.gen(function*() {
        const problem = StorageAdapter.positiveIntegerProblem("limit", limit)
        if (problem !== undefined) return yield* new StorageAdapter.StorageError({ operation: "scanDocuments", message: problem })
        const rows = yield* sql.unsafe<DocumentRow>(
          `SELECT d.collection, d.id, d.version, d.data,
  (SELECT json_group_object(j.key, j.value) FROM json_each(d.indexes) j WHERE EXISTS (
    SELECT 1 FROM document_index i WHERE i.collection = d.collection AND i.name = j.key AND i.value = j.value AND i.id = d.id
  )) AS indexes
FROM documents d ${after === undefined ? "" : "WHERE (d.collection, d.id) > (?, ?)"} ORDER BY d.collection, d.id LIMIT ?`,
          after === undefined ? [limit] : [after.collection, after.id, limit]
        ).pipe(Effect.mapError(fail("scanDocuments")))
        return yield* toRecords("scanDocuments", rows)
      })

    const scanStreams = (
      after: string | undefined,
      limit: number
    ): Effect.Effect<ReadonlyArray<StorageAdapter.StreamHead>, StorageError> =>
      Effect.gen(function*() {
        const problem = StorageAdapter.positiveIntegerProblem("limit", limit)
        if (problem !== undefined) return yield* new StorageAdapter.StorageError({ operation: "scanStreams", message: problem })
        const rows = yield* sql.unsafe<{ stream: string; v: number }>(
          `SELECT stream, max(version) AS v FROM events ${after === undefined ? "" : "WHERE stream > ?"} GROUP BY stream ORDER BY stream LIMIT ?`,
          after === undefined ? [limit] : [after, limit]
        ).pipe(Effect.mapError(fail("scanStreams")))
        return rows.map((row) => ({ stream: row.stream, lastVersion: row.v }))
      })

    const integrityCheck = sql.unsafe<{ integrity_check: string }>("PRAGMA integrity_check").pipe(
      Effect.map((rows) => rows.map((row) => row.integrity_check)),
      Effect.mapError(fail("integrityCheck"))
    )

    const inMemory = isInMemory(config.filename)
    return {
      name: "sqlite",
      capabilities: {
        transactions: "native",
        durable: !inMemory,
        multiProcess: !inMemory,
        bulkImport: "native"
      },
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
      filename: config.filename,
      journalMode,
      schemaVersion: applied,
      sql,
      integrityCheck
    } satisfies SqliteStorageService
  })

/**
 * Opens the store for the layer's lifetime and provides it as both {@link SqliteStorage} and
 * core's `StorageAdapter`.
 *
 * @example
 * ```ts
 * import { SqliteStorage } from "@qinglian/storage-sqlite"
 *
 * const StorageLive = SqliteStorage.layer({ filename: "./qinglian.db" })
 * const TestStorage = SqliteStorage.layer({ filename: ":memory:" })
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  config: SqliteStorageConfig
): Layer.Layer<SqliteStorage | StorageAdapter.StorageAdapter, StorageError> =>
  Layer.scopedContext(
    Effect.map(make(config), (service) =>
      Context.make(SqliteStorage, service).pipe(Context.add(StorageAdapter.StorageAdapter, service)))
  )

/**
 * {@link layer} with its configuration read from `Config` (e.g. environment variables).
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (
  config: Config.Config.Wrap<SqliteStorageConfig>
): Layer.Layer<SqliteStorage | StorageAdapter.StorageAdapter, StorageError | ConfigError.ConfigError> =>
  Layer.unwrapEffect(Effect.map(Config.unwrap(config), layer))

/**
 * The test-only tamper hook on an open store: it rewrites, deletes or forges document, index and
 * event rows with plain SQL, as someone with access to the file could (dropping the append-only
 * triggers first, as they could).
 *
 * @since 0.1.0
 * @category tamper
 */
export const makeTamper = (storage: SqliteStorageService): StorageAdapter.StorageTamperService => {
  const sql = storage.sql
  const behindTheTriggers = (operation: string, statement: string, params: ReadonlyArray<unknown>) =>
    storage.transaction(Effect.gen(function*() {
      const triggers = yield* sql.unsafe<{ name: string; sql: string }>(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'"
      )
      for (const trigger of triggers) yield* sql.unsafe(`DROP TRIGGER "${trigger.name.replaceAll("\"", "\"\"")}"`)
      const result = (yield* sql.unsafe(statement, params).raw) as { readonly changes?: number }
      for (const trigger of triggers) yield* sql.unsafe(trigger.sql)
      if (result.changes !== 1) {
        return yield* new StorageAdapter.StorageError({ operation, message: `no event ${String(params.at(-1))} to change` })
      }
    }).pipe(Effect.mapError(toStorageError(operation, 0))))
  // Plain SQL on the file, one statement that must change exactly `rows` rows.
  const raw = (operation: string, statements: ReadonlyArray<readonly [string, ReadonlyArray<unknown>]>, what: string) =>
    storage.transaction(Effect.gen(function*() {
      let changes = 0
      for (const [statement, params] of statements) {
        const result = (yield* sql.unsafe(statement, params).raw) as { readonly changes?: number }
        changes += result.changes ?? 0
      }
      if (changes === 0) return yield* new StorageAdapter.StorageError({ operation, message: `no ${what} to change` })
    }).pipe(Effect.mapError(toStorageError(operation, 0))))
  return {
    alterEvent: (stream, version, data) =>
      behindTheTriggers("alterEvent", "UPDATE events SET data = ? WHERE stream = ? AND version = ?", [
        JSON.stringify(data),
        stream,
        version
      ]),
    deleteEvent: (stream, version) =>
      behindTheTriggers("deleteEvent", "DELETE FROM events WHERE stream = ? AND version = ?", [stream, version]),
    alterEventTime: (stream, version, recordedAt) =>
      behindTheTriggers("alterEventTime", "UPDATE events SET recorded_at = ? WHERE stream = ? AND version = ?", [
        recordedAt,
        stream,
        version
      ]),
    insertEvent: (stream, version, event) =>
      raw("insertEvent", [[
        "INSERT INTO events (stream, version, type, data, recorded_at) VALUES (?, ?, ?, ?, ?)",
        [stream, version, event.type, JSON.stringify(event.data), event.recordedAt]
      ]], `event ${stream}@${version}`),
    alterDocument: (collection, id, data) =>
      raw("alterDocument", [[
        "UPDATE documents SET data = ? WHERE collection = ? AND id = ?",
        [JSON.stringify(data), collection, id]
      ]], `document ${collection}/${id}`),
    deleteDocument: (collection, id) =>
      raw("deleteDocument", [
        ["DELETE FROM document_index WHERE collection = ? AND id = ?", [collection, id]],
        ["DELETE FROM documents WHERE collection = ? AND id = ?", [collection, id]]
      ], `document ${collection}/${id}`),
    insertDocument: (record) =>
      raw("insertDocument", [
        [
          "INSERT INTO documents (collection, id, version, data, indexes) VALUES (?, ?, ?, ?, ?)",
          [record.collection, record.id, record.version, JSON.stringify(record.data), JSON.stringify(record.indexes)]
        ],
        ...Object.entries(record.indexes).map(([name, value]) =>
          [
            "INSERT INTO document_index (collection, name, value, id) VALUES (?, ?, ?, ?)",
            [record.collection, name, value, record.id]
          ] as const
        )
      ], `document ${record.collection}/${record.id}`),
    deleteIndexEntry: (collection, id, index) =>
      raw("deleteIndexEntry", [[
        "DELETE FROM document_index WHERE collection = ? AND name = ? AND id = ?",
        [collection, index, id]
      ]], `entry of ${collection}/${id} in index ${index}`)
  }
}

/**
 * Provides core's test-only `StorageTamper` for the store in {@link SqliteStorage}. Tests only: it
 * exists so the conformance suite can prove tampering is detected.
 *
 * @since 0.1.0
 * @category tamper
 */
export const layerTamper: Layer.Layer<StorageAdapter.StorageTamper, never, SqliteStorage> = Layer.effect(
  StorageAdapter.StorageTamper,
  Effect.map(SqliteStorage, makeTamper)
)

/**
 * {@link layer} plus {@link layerTamper}: what the conformance suite runs against.
 *
 * @since 0.1.0
 * @category tamper
 */
export const layerWithTamper = (
  config: SqliteStorageConfig
): Layer.Layer<SqliteStorage | StorageAdapter.StorageAdapter | StorageAdapter.StorageTamper, StorageError> =>
  Layer.provideMerge(layerTamper, layer(config))
