/**
 * A save of something that is stored once and never changes (a power-list version, a rulebook
 * edition, a county, town or village) found it already stored.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

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
