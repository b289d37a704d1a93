/**
 * PostgreSQL storage for qinglian: core's `StorageAdapter` on `@effect/sql-pg`, with versioned
 * migrations, a schema per county, savepoints, an append-only event table and a batched bulk
 * import, for platforms where many app servers share one database.
 *
 * @packageDocumentation
 * @since 0.1.0
 */

// No doc comment on these re-exports: each namespace's page shows its module's own comment (with
// an example), which a comment here would replace.
export * as PostgresStorage from "./PostgresStorage.js"
