/**
 * SQLite storage for qinglian: core's `StorageAdapter` on @effect/sql and better-sqlite3, with
 * versioned migrations, WAL, a busy timeout and a batched bulk import.
 *
 * @packageDocumentation
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as SqliteStorage from "./SqliteStorage.js"
