/**
 * The rulebook's store: a county's (or town's) editions overriding the defaults, and the rulebook
 * of a jurisdiction built from them, on core's generic `Storage`, each write audited.
 *
 * @example
 * ```ts
 * import { LocalDate, Rulebook, RulebookStore, Storage } from "@qinglian/core"
 * import { MemoryStorage } from "@qinglian/storage-memory"
 * import { Effect } from "effect"
 *
 * // A jurisdiction's rulebook: the defaults with the overrides stored for it (none yet here).
 * const program = Effect.gen(function*() {
 *   const rulebook = yield* RulebookStore.rulebookFor("140525")
 *   const rules = yield* Rulebook.at(rulebook, LocalDate.unsafeMake("2026-05-20"))
 *   console.log(Rulebook.value(rules, "threshold.escalation"))
 * })
 * Effect.runPromise(program.pipe(Effect.provide(Storage.layer), Effect.provide(MemoryStorage.layer())))
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { collection, indexKey, prefixRange } from "../storage/Storage.js"
import type { ReadError, Repository, Storage, Stored, WriteError, WriteOptions } from "../storage/Storage.js"
import type { ConcurrencyConflict } from "../storage/StorageAdapter.js"
import * as VersionExists from "../storage/VersionExists.js"
import * as Rulebook from "./Rulebook.js"

/**
 * A county's (or town's) rulebook edition overriding the defaults from its date on.
 *
 * @since 0.1.0
 * @category schemas
 */
export const RulebookOverride = Schema.Struct({
  jurisdiction: Schema.String.pipe(Schema.minLength(1)),
  edition: Rulebook.Edition
}).annotations({ identifier: "RulebookOverride" })

/**
 * @since 0.1.0
 * @category models
 */
export type RulebookOverride = typeof RulebookOverride.Type

/**
 * Rulebook overrides, one document per jurisdiction and effective date, indexed by jurisdiction.
 *
 * @since 0.1.0
 * @category repositories
 */
export const rulebookOverrides: Repository<RulebookOverride, "byJurisdiction"> = collection({
  name: "rulebookOverrides",
  schema: RulebookOverride,
  id: (o) => `${o.jurisdiction}@${o.edition.effectiveFrom}`,
  indexes: { byJurisdiction: (o) => indexKey(o.jurisdiction, o.edition.effectiveFrom) }
})

/**
 * Stores a new edition of a jurisdiction's overrides. An edition already stored for that
 * jurisdiction and date is a `VersionExists` and changes nothing: stored editions never change, so
 * a correction is a new edition from a later date.
 *
 * @since 0.1.0
 * @category repositories
 */
export const saveOverride = (
  override: RulebookOverride,
  options: WriteOptions
): Effect.Effect<Stored<RulebookOverride>, Exclude<WriteError, ConcurrencyConflict> | VersionExists.VersionExists, Storage> =>
  rulebookOverrides.insert(override, options).pipe(
    VersionExists.onConflict(() =>
      new VersionExists.VersionExists({
        collection: "rulebookOverrides",
        key: override.jurisdiction,
        version: override.edition.effectiveFrom
      })
    )
  )

/**
 * The rulebook of a jurisdiction: `base` (default `Rulebook.defaults`) with its stored overrides.
 *
 * @since 0.1.0
 * @category repositories
 */
export const rulebookFor = (
  jurisdiction: string,
  base: Rulebook.Rulebook = Rulebook.defaults
): Effect.Effect<Rulebook.Rulebook, ReadError, Storage> =>
  Effect.map(
    rulebookOverrides.all("byJurisdiction", prefixRange(jurisdiction)),
    (stored) => Rulebook.withEditions(base, stored.map((s) => s.value.edition), `${base.name} + ${jurisdiction}`)
  )
