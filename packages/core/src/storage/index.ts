/**
 * The storage port: the adapter contract, typed collections and event streams, transactions and the audit log. It knows no domain.
 *
 * ```ts
 * import { Audit } from "@qinglian/core/storage"
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as Audit from "./Audit.js"
/** @since 0.1.0 */
export * as Storage from "./Storage.js"
/** @since 0.1.0 */
export * as StorageAdapter from "./StorageAdapter.js"
/** @since 0.1.0 */
export * as RepositoryStream from "./RepositoryStream.js"
/** @since 0.1.0 */
export * as VersionExists from "./VersionExists.js"
