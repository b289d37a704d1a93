/**
 * PostgreSQL storage for qinglian: core's `StorageAdapter` on `@effect/sql-pg`, with versioned
 * migrations, a schema per county, savepoints, an append-only event table and a batched bulk
 * import, for platforms where many app servers share one database.
 *
 * @packageDocumentation
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as PostgresStorage from "./PostgresStorage.js"
