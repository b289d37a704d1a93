/**
 * In-memory storage for `@qinglian/core`: the full adapter contract (conflicts, rollback, sorted
 * indexes, streams) in one process.
 *
 * @packageDocumentation
 * @since 0.1.0
 */

// No doc comment on these re-exports: each namespace's page shows its module's own comment (with
// an example), which a comment here would replace.
export * as MemoryStorage from "./MemoryStorage.js"
