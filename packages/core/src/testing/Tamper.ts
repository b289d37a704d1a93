/**
 * Tamper hooks for tests: the test-only `StorageTamper` service that adapters provide from a
 * separate test layer, so a test can change stored data behind core's back and prove that the audit
 * log notices. Never provide it in production layers.
 *
 * @since 0.1.0
 */
import * as StorageAdapter from "../storage/StorageAdapter.js"

/**
 * Tag of the test-only tamper hook (the same tag as `StorageAdapter.StorageTamper`).
 *
 * @since 0.1.0
 * @category tags
 */
export const StorageTamper = StorageAdapter.StorageTamper

/**
 * What the tamper hook can do to a store.
 *
 * @since 0.1.0
 * @category models
 */
export type StorageTamperService = StorageAdapter.StorageTamperService
