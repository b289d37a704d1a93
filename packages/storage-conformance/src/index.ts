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
