/**
 * The micro-power list's store: every version of every list (the one in force on a date found by an
 * index query), the exercises of each power, and the reports of checking them, on core's generic
 * `Storage`, each write audited.
 *
 * @example
 * ```ts
 * import { LocalDate, PowerList, PowerListStore, Storage } from "@qinglian/core"
 * import { MemoryStorage } from "@qinglian/storage-memory"
 * import { Effect, Option } from "effect"
 *
 * // Every version of a list is kept; the one in force on a date is an index query.
 * const program = Effect.gen(function*() {
 *   const list = PowerList.reference()
 *   yield* PowerListStore.powerLists.save(list, { actor: "county-admin" })
 *   const inForce = yield* PowerListStore.powerLists.inForce(list.jurisdiction.code, LocalDate.unsafeMake("2026-05-20"))
 *   console.log(Option.map(inForce, (stored) => stored.value.version))
 * })
 * Effect.runPromise(program.pipe(Effect.provide(Storage.layer), Effect.provide(MemoryStorage.layer())))
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Diagnostic from "../base/Diagnostic.js"
import * as Ids from "../base/Ids.js"
import type * as InvalidInput from "../base/InvalidInput.js"
import * as LocalDate from "../base/LocalDate.js"
import { collection, eventStream, indexKey, prefixRange } from "../storage/Storage.js"
import type { EventStream, ReadError, Repository, Storage, Stored, WriteError, WriteOptions } from "../storage/Storage.js"
import type { ConcurrencyConflict } from "../storage/StorageAdapter.js"
import * as VersionExists from "../storage/VersionExists.js"
import * as Exercise from "./Exercise.js"
import * as validators from "./internal/validators.js"
import * as PowerList from "./PowerList.js"

/**
 * What a power-list repository needs of a list: an id, a version label, a jurisdiction code and the
 * day it takes effect.
 *
 * @since 0.1.0
 * @category models
 */
export interface VersionedList {
  readonly id: string
  readonly version: string
  readonly jurisdiction: { readonly code: string }
  readonly effectiveFrom: string
}

/**
 * A repository of micro-power lists (小微权力清单) where every version is kept: versions are
 * insert-only documents, and the one in force on a date is found by an index query.
 *
 * @since 0.1.0
 * @category models
 */
export interface PowerListRepository<A extends VersionedList> {
  readonly collection: Repository<A, "byJurisdiction" | "byList">
  /**
   * Stores a new version; a version already stored is a `VersionExists` and changes nothing
   * (versions never change: save the change under a new version label).
   */
  readonly save: (
    list: A,
    options: WriteOptions
  ) => Effect.Effect<Stored<A>, Exclude<WriteError, ConcurrencyConflict> | VersionExists.VersionExists, Storage>
  /** One stored version. */
  readonly version: (id: string, version: string) => Effect.Effect<Option.Option<Stored<A>>, ReadError, Storage>
  /** Every stored version of a list, by effective date, then by version label (numbers compared as numbers). */
  readonly versions: (id: string) => Effect.Effect<ReadonlyArray<Stored<A>>, ReadError, Storage>
  /**
   * The list in force in a jurisdiction on a date: the version with the latest `effectiveFrom` on or
   * before `date`; when two take effect the same day, the higher version label, its numbers compared
   * as numbers ("2025.10" over "2025.9").
   */
  readonly inForce: (jurisdiction: string, date: LocalDate.LocalDate) => Effect.Effect<Option.Option<Stored<A>>, ReadError, Storage>
}

/**
 * Builds a {@link PowerListRepository} for any list schema with the {@link VersionedList} fields.
 *
 * @since 0.1.0
 * @category constructors
 */
export const powerListRepository = <A extends VersionedList, I>(
  schema: Schema.Schema<A, I, never>,
  name = "powerLists",
  validate?: InvalidInput.Validator
): PowerListRepository<A> => {
  const docId = (id: string, version: string) => `${id}@${version}`
  // Version labels order by their numbers ("2025.10" after "2025.9", "10" after "9"): each run of
  // digits is left-padded so that code-point order in the index is numeric order.
  const versionKey = (version: string) => version.replace(/\d+/g, (digits) => digits.padStart(16, "0"))
  const docs = collection({
    name,
    schema,
    ...(validate !== undefined ? { validate } : {}),
    id: (l: A) => docId(l.id, l.version),
    indexes: {
      byJurisdiction: (l: A) => indexKey(l.jurisdiction.code, l.effectiveFrom, versionKey(l.version), l.id),
      byList: (l: A) => indexKey(l.id, l.effectiveFrom, versionKey(l.version))
    }
  })
  return {
    collection: docs,
    save: (list, options) =>
      docs.insert(list, options).pipe(
        VersionExists.onConflict(() => new VersionExists.VersionExists({ collection: name, key: list.id, version: list.version }))
      ),
    version: (id, version) => docs.get(docId(id, version)),
    versions: (id) => docs.all("byList", prefixRange(id)),
    inForce: (jurisdiction, date) =>
      Effect.map(
        docs.query("byJurisdiction", {
          gte: prefixRange(jurisdiction).gte,
          // Everything effective up to the end of `date`: keys "<code>␟<date>␟…" sort below "<code>␟<date>␠".
          lt: indexKey(jurisdiction, date) + "\u0020",
          order: "desc",
          limit: 1
        }),
        (page) => Option.fromNullable(page.items[0])
      )
  }
}

/**
 * The micro-power lists, every version kept.
 *
 * @since 0.1.0
 * @category repositories
 */
export const powerLists: PowerListRepository<PowerList.PowerList> = powerListRepository(PowerList.PowerList, "powerLists", validators.PowerList)

/**
 * Exercises of a power (权力行使记录), indexed by village and date, by item and date, and by date.
 *
 * @since 0.1.0
 * @category repositories
 */
export const exercises: Repository<Exercise.Exercise, "byVillageDate" | "byItemDate" | "byDate"> = collection({
  name: "exercises",
  schema: Exercise.Exercise,
  validate: validators.Exercise,
  id: (e) => e.id,
  indexes: {
    byVillageDate: (e) => indexKey(e.village, e.date, e.id),
    byItemDate: (e) => indexKey(e.item, e.date, e.id),
    byDate: (e) => e.date
  }
})

/**
 * The stored outcome of checking an exercise (`Exercise.check`): when, the risk and every finding.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CheckReport = Schema.Struct({
  exercise: Ids.ExerciseId,
  checkedOn: LocalDate.LocalDate,
  risk: Exercise.Risk,
  findings: Schema.Array(Diagnostic.Diagnostic),
  escalationRequired: Schema.Boolean,
  tenderRequired: Schema.Boolean,
  requirements: Schema.Array(Schema.String)
}).annotations({ identifier: "CheckReport", title: "检查报告 (check report)" })

/**
 * @since 0.1.0
 * @category models
 */
export type CheckReport = typeof CheckReport.Type

/**
 * The report to store for an exercise checked on a day (`Exercise.check`'s result).
 *
 * @since 0.1.0
 * @category constructors
 */
export const checkReportOf = (
  exercise: Exercise.Exercise,
  result: Exercise.Result,
  checkedOn: LocalDate.LocalDate
): CheckReport => ({
  exercise: exercise.id,
  checkedOn,
  risk: result.risk,
  findings: result.findings,
  escalationRequired: result.escalationRequired,
  tenderRequired: result.tenderRequired,
  requirements: result.requirements
})

/**
 * The check reports of each exercise, one stream per exercise id (every re-check appended).
 *
 * @since 0.1.0
 * @category repositories
 */
export const checkReports: EventStream<CheckReport> = eventStream({
  name: "checkReports",
  schema: CheckReport,
  validate: validators.CheckReport,
  type: () => "CheckReport"
})
