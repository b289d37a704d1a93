/**
 * The organisation's store: counties, towns, villages and cadres as typed collections on core's
 * generic `Storage`, each write audited.
 *
 * ```ts
 * yield* OrgStore.saveOrganisation(input, { actor: "clerk-01" })
 * const tree = yield* OrgStore.loadOrganisation
 * ```
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import { collection, indexKey, transaction } from "../storage/Storage.js"
import type { ReadError, Repository, Storage, WriteError, WriteOptions } from "../storage/Storage.js"
import * as Cadre from "./Cadre.js"
import * as validators from "./internal/validators.js"
import * as Organisation from "./Organisation.js"

/**
 * Counties (县).
 *
 * @since 0.1.0
 * @category repositories
 */
export const counties: Repository<Organisation.County, "byName"> = collection({
  name: "counties",
  schema: Organisation.County,
  validate: validators.County,
  id: (c) => c.id,
  indexes: { byName: (c) => c.name }
})

/**
 * Towns (乡镇/街道), indexed by county.
 *
 * @since 0.1.0
 * @category repositories
 */
export const towns: Repository<Organisation.Town, "byCounty"> = collection({
  name: "towns",
  schema: Organisation.Town,
  validate: validators.Town,
  id: (t) => t.id,
  indexes: { byCounty: (t) => indexKey(t.countyId, t.id) }
})

/**
 * Villages and communities (村/社区), indexed by town.
 *
 * @since 0.1.0
 * @category repositories
 */
export const villages: Repository<Organisation.Village, "byTown"> = collection({
  name: "villages",
  schema: Organisation.Village,
  validate: validators.Village,
  id: (v) => v.id,
  indexes: { byTown: (v) => indexKey(v.townId, v.id) }
})

/**
 * Stores a county's organisation lists (all new) in one transaction.
 *
 * @since 0.1.0
 * @category repositories
 */
export const saveOrganisation = (
  input: Organisation.OrganisationInput,
  options: WriteOptions
): Effect.Effect<void, WriteError, Storage> =>
  transaction(Effect.all([
    counties.insertMany(input.counties, options),
    towns.insertMany(input.towns, options),
    villages.insertMany(input.villages, options)
  ], { discard: true }))

/**
 * Reads every stored county, town and village and builds the organisation tree (with its
 * diagnostics, e.g. a village whose town is missing).
 *
 * @since 0.1.0
 * @category repositories
 */
export const loadOrganisation: Effect.Effect<Organisation.Built, ReadError, Storage> = Effect.map(
  Effect.all([counties.all("byName"), towns.all("byCounty"), villages.all("byTown")]),
  ([c, t, v]) =>
    Organisation.make({
      counties: c.map((s) => s.value),
      towns: t.map((s) => s.value),
      villages: v.map((s) => s.value)
    })
)

/**
 * Cadres (干部), indexed by name.
 *
 * @since 0.1.0
 * @category repositories
 */
export const cadres: Repository<Cadre.Cadre, "byName"> = collection({
  name: "cadres",
  schema: Cadre.Cadre,
  validate: validators.Cadre,
  id: (c) => c.id,
  indexes: { byName: (c) => indexKey(c.name, c.id) }
})
