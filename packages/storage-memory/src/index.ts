/**
 * In-memory storage for `@qinglian/core`: the full adapter contract (conflicts, rollback, sorted
 * indexes, streams) in one process.
 *
 * @packageDocumentation
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as MemoryStorage from "./MemoryStorage.js"
