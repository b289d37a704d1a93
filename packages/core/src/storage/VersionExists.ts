/**
 * A save of something that is stored once and never changes (a power-list version, a rulebook
 * edition, a county, town or village) found it already stored. The stores say so with
 * {@link VersionExists}, not with the storage port's `ConcurrencyConflict`.
 *
 * @example
 * ```ts
 * import { PowerListStore, Problem } from "@qinglian/core"
 * import { Effect } from "effect"
 *
 * const publish = PowerListStore.powerLists.save(list, { actor }).pipe(
 *   Effect.catchTag("VersionExists", (e) =>
 *     Effect.logWarning(Problem.fromError(e)?.message.zh) // “… 的版本 2025 已经存在 …”
 *   )
 * )
 * ```
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type { ConcurrencyConflict } from "./StorageAdapter.js"

/**
 * The version (or the document, for records without versions) is already stored, and stored
 * versions never change: save the change as a new version. Nothing was written.
 *
 * `collection` is the store's collection (`powerLists`, `rulebookOverrides`, `towns` …), `key` the
 * document saved (a list's id, a jurisdiction, a town's id) and `version` the version label the
 * save repeated (a list's version, an edition's effective date), when the collection has one.
 *
 * @since 0.1.0
 * @category errors
 */
export class VersionExists extends Schema.TaggedError<VersionExists>("@qinglian/core/storage/VersionExists")("VersionExists", {
  collection: Schema.String,
  key: Schema.String,
  version: Schema.optional(Schema.String)
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return this.version === undefined
      ? `${this.collection}: ${this.key} already exists; stored documents are not replaced`
      : `${this.collection}: version ${this.version} of ${this.key} already exists; ` +
        `stored versions never change, so save the change as a new version`
  }
}

/**
 * The {@link VersionExists} of a conflict met by an insert (a write expecting no document): the
 * conflict's key `collection/id` names the collection and the document.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromConflict = (conflict: ConcurrencyConflict, version?: string): VersionExists => {
  const at = conflict.key.indexOf("/")
  return new VersionExists({
    collection: at < 0 ? conflict.key : conflict.key.slice(0, at),
    key: at < 0 ? conflict.key : conflict.key.slice(at + 1),
    ...(version !== undefined ? { version } : {})
  })
}

/**
 * Turns the conflict of an insert-only write into a {@link VersionExists}; `make` names the version
 * when the caller knows it. Apply it outside the transaction, so the rollback has happened.
 *
 * @since 0.1.0
 * @category combinators
 */
export const onConflict = (make: (conflict: ConcurrencyConflict) => VersionExists = (c) => fromConflict(c)) =>
<A, E extends { readonly _tag: string }, R>(
  self: Effect.Effect<A, E, R>
): Effect.Effect<A, Exclude<E, ConcurrencyConflict> | VersionExists, R> =>
  Effect.mapError(
    self,
    (e) => (e._tag === "ConcurrencyConflict" ? make(e as unknown as ConcurrencyConflict) : e) as Exclude<E, ConcurrencyConflict> | VersionExists
  )
