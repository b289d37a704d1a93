/**
 * The organisation's store: counties, towns, villages and cadres as typed collections on core's
 * generic `Storage`, each write audited.
 *
 * ```ts
 * yield* OrgStore.saveOrganisation(input, { actor: "clerk-01" })
 * const tree = yield* OrgStore.loadOrganisation
 * ```
 *
 * @example
 * ```ts
 * import { Organisation, OrgStore, Storage } from "@qinglian/core"
 * import { MemoryStorage } from "@qinglian/storage-memory"
 * import { Effect, Either } from "effect"
 *
 * const input = Either.getOrThrow(Organisation.decodeInput({
 *   counties: [{ id: "zezhou", name: "泽州县", divisionCode: "140525" }],
 *   towns: [{ id: "jincun", countyId: "zezhou", name: "金村镇", kind: "town" }],
 *   villages: [{ id: "xishu", townId: "jincun", name: "西属村", kind: "village" }]
 * }))
 * const program = Effect.gen(function*() {
 *   yield* OrgStore.saveOrganisation(input, { actor: "county-admin" }) // all or nothing, audited
 *   const { tree, diagnostics } = yield* OrgStore.loadOrganisation
 *   console.log(tree.villages.size, diagnostics.length) // 1 0
 * })
 * Effect.runPromise(program.pipe(Effect.provide(Storage.layer), Effect.provide(MemoryStorage.layer())))
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import type * as Ids from "../base/Ids.js"
import { collection, indexKey, prefixRange, transaction } from "../storage/Storage.js"
import type { ReadError, Repository, Storage, WriteError, WriteOptions } from "../storage/Storage.js"
import type { ConcurrencyConflict } from "../storage/StorageAdapter.js"
import * as VersionExists from "../storage/VersionExists.js"
import * as Cadre from "./Cadre.js"
import * as validators from "./internal/validators.js"
import * as Kinship from "./Kinship.js"
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
 * Errors of a save of new records: a record already stored is a `VersionExists` naming it.
 *
 * @since 0.1.0
 * @category models
 */
export type SaveError = Exclude<WriteError, ConcurrencyConflict> | VersionExists.VersionExists

/**
 * Stores a county's organisation lists (all new) in one transaction. A county, town or village
 * already stored is a `VersionExists` naming it, and nothing is written.
 *
 * @since 0.1.0
 * @category repositories
 */
export const saveOrganisation = (
  input: Organisation.OrganisationInput,
  options: WriteOptions
): Effect.Effect<void, SaveError, Storage> =>
  transaction(Effect.all([
    counties.insertMany(input.counties, options),
    towns.insertMany(input.towns, options),
    villages.insertMany(input.villages, options)
  ], { discard: true })).pipe(VersionExists.onConflict())

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

const unitKey = (u: Cadre.Unit): string =>
  u.level === "village" ? indexKey("village", u.villageId) : u.level === "town" ? indexKey("town", u.townId) : indexKey("county", u.countyId)

/**
 * Appointments (任职): a cadre's post in a unit for a term, one document per (cadre, post, unit,
 * start), indexed by cadre, so that who holds what on a date is read for one cadre at a time.
 *
 * @since 0.1.0
 * @category repositories
 */
export const appointments: Repository<Cadre.Appointment, "byCadre"> = collection({
  name: "appointments",
  schema: Cadre.Appointment,
  id: (a) => indexKey(a.cadreId, a.post, unitKey(a.unit), a.term.start),
  indexes: { byCadre: (a) => indexKey(a.cadreId, a.term.start, a.post) }
})

/**
 * Family relations (亲属关系) recorded between cadres and other persons, one document per
 * (a, kind, b), indexed by either side (`byA`, `byB`), so that {@link relationsOf} reads one
 * party's relations without the whole register.
 *
 * @since 0.1.0
 * @category repositories
 */
export const relations: Repository<Kinship.Relation, "byA" | "byB"> = collection({
  name: "kinshipRelations",
  schema: Kinship.Relation,
  id: (r) => indexKey(Kinship.key(r.a), r.kind, Kinship.key(r.b)),
  indexes: {
    byA: (r) => indexKey(Kinship.key(r.a), Kinship.key(r.b), r.kind),
    byB: (r) => indexKey(Kinship.key(r.b), Kinship.key(r.a), r.kind)
  }
})

/**
 * Stores a roster (all new): its cadres, appointments and relations, in one transaction. A record
 * already stored is a `VersionExists` naming it, and nothing is written.
 *
 * @since 0.1.0
 * @category repositories
 */
export const saveRoster = (roster: Cadre.Roster, options: WriteOptions): Effect.Effect<void, SaveError, Storage> =>
  transaction(Effect.all([
    cadres.insertMany(roster.cadres, options),
    appointments.insertMany(roster.appointments, options),
    relations.insertMany(roster.relations, options)
  ], { discard: true })).pipe(VersionExists.onConflict())

/**
 * Reads the whole stored roster: every cadre, appointment and relation.
 *
 * @since 0.1.0
 * @category repositories
 */
export const loadRoster: Effect.Effect<Cadre.Roster, ReadError, Storage> = Effect.map(
  Effect.all([cadres.all("byName"), appointments.all("byCadre"), relations.all("byA")]),
  ([c, a, r]) => ({ cadres: c.map((s) => s.value), appointments: a.map((s) => s.value), relations: r.map((s) => s.value) })
)

/**
 * A cadre's appointments, every term (see `Cadre.postsOf` for those in force on a date).
 *
 * @since 0.1.0
 * @category repositories
 */
export const appointmentsOf = (cadreId: Ids.CadreId): Effect.Effect<ReadonlyArray<Cadre.Appointment>, ReadError, Storage> =>
  Effect.map(appointments.all("byCadre", prefixRange(cadreId)), (stored) => stored.map((s) => s.value))

/**
 * Every recorded relation of a party (a cadre id or a subject), whichever side it was recorded
 * from, each once.
 *
 * @since 0.1.0
 * @category repositories
 */
export const relationsOf = (party: Kinship.Party): Effect.Effect<ReadonlyArray<Kinship.Relation>, ReadError, Storage> => {
  const k = Kinship.key(party)
  return Effect.map(
    Effect.all([relations.all("byA", prefixRange(k)), relations.all("byB", prefixRange(k))]),
    ([asA, asB]) => {
      const seen = new Map<string, Kinship.Relation>()
      for (const s of [...asA, ...asB]) seen.set(s.id, s.value)
      return [...seen.values()]
    }
  )
}
