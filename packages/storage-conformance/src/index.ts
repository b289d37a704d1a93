/**
 * The storage conformance suite: prove a `@qinglian/core` storage adapter correct with one call
 * from a vitest test file.
 *
 * ```ts
 * import { suite } from "@qinglian/storage-conformance"
 * import { MemoryStorage } from "@qinglian/storage-memory"
 *
 * suite("memory", () => MemoryStorage.layerTest(), {
 *   capabilities: { transactions: "emulated", durable: false, multiProcess: false, bulkImport: "native" }
 * })
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */
export { suite, type MakeLayer, type SuiteOptions } from "./Suite.js"

/**
 * Machinery for an adapter's multi-process tests (a child process that opens the store, a bulk
 * import to kill half way). Child scripts import it as `@qinglian/storage-conformance/testkit`,
 * which loads no vitest.
 *
 * @since 0.1.0
 */
export * as Testkit from "./testkit.js"
