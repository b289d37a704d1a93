/**
 * SQLite storage for qinglian: core's `StorageAdapter` on @effect/sql and better-sqlite3, with
 * versioned migrations, WAL, a busy timeout and a batched bulk import.
 *
 * @packageDocumentation
 * @since 0.1.0
 */

// No doc comment on these re-exports: each namespace's page shows its module's own comment (with
// an example), which a comment here would replace.
export * as SqliteStorage from "./SqliteStorage.js"
