/**
 * The versioned schema migrations, in order. They run on open, inside one transaction that holds
 * the county's lock, with `search_path` set to the county's schema.
 *
 * @internal
 */
import * as Migrator from "@effect/sql/Migrator"
import initial from "./0001_initial.js"

/** Migration ids are the numeric prefixes; the highest is the schema version this code expects. @internal */
export const migrations = {
  "0001_initial": initial
} as const

/** @internal */
export const latest = 1

/** @internal */
export const loader: Migrator.Loader = Migrator.fromRecord(migrations)

/** @internal */
export const table = "qinglian_migrations"
