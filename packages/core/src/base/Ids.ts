/**
 * Branded identifiers. A `VillageId` cannot be passed where a `CadreId` is expected, and every id
 * is a non-empty string at the boundary.
 *
 * @example
 * ```ts
 * import { Ids } from "@qinglian/core"
 * import { Schema } from "effect"
 *
 * const village: Ids.VillageId = Ids.VillageId.make("140525-jincun-xishu")
 * const cadre = Schema.decodeUnknownSync(Ids.CadreId)("c-0001")
 * // const wrong: Ids.CadreId = village // type error: a VillageId is not a CadreId
 * console.log(village, cadre)
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

const id = <B extends string>(brand: B, description: string) =>
  Schema.String.pipe(
    Schema.minLength(1, { message: () => `${brand} must not be empty` }),
    Schema.brand(brand),
    Schema.annotations({ identifier: brand, description })
  )

/**
 * A county (县), usually its GB/T 2260 code.
 * @since 0.1.0
 * @category schemas
 */
export const CountyId = id("CountyId", "County (县) identifier")
/** @since 0.1.0 @category models */
export type CountyId = typeof CountyId.Type

/**
 * A town (镇/乡/街道).
 * @since 0.1.0
 * @category schemas
 */
export const TownId = id("TownId", "Town (镇/乡/街道) identifier")
/** @since 0.1.0 @category models */
export type TownId = typeof TownId.Type

/**
 * A village or community (村/社区).
 * @since 0.1.0
 * @category schemas
 */
export const VillageId = id("VillageId", "Village (村/社区) identifier")
/** @since 0.1.0 @category models */
export type VillageId = typeof VillageId.Type

/**
 * A cadre (干部): a person who holds or held a post.
 * @since 0.1.0
 * @category schemas
 */
export const CadreId = id("CadreId", "Cadre (干部) identifier")
/** @since 0.1.0 @category models */
export type CadreId = typeof CadreId.Type

/**
 * A power list (小微权力清单) version.
 * @since 0.1.0
 * @category schemas
 */
export const PowerListId = id("PowerListId", "Power list identifier")
/** @since 0.1.0 @category models */
export type PowerListId = typeof PowerListId.Type

/**
 * An item code on a power list (e.g. `A01`).
 * @since 0.1.0
 * @category schemas
 */
export const PowerItemCode = id("PowerItemCode", "Power item code")
/** @since 0.1.0 @category models */
export type PowerItemCode = typeof PowerItemCode.Type

/**
 * One exercise of a power.
 * @since 0.1.0
 * @category schemas
 */
export const ExerciseId = id("ExerciseId", "Exercise identifier")
/** @since 0.1.0 @category models */
export type ExerciseId = typeof ExerciseId.Type

/**
 * A supervision case (监督执纪案件).
 * @since 0.1.0
 * @category schemas
 */
export const CaseId = id("CaseId", "Supervision case identifier")
/** @since 0.1.0 @category models */
export type CaseId = typeof CaseId.Type

/**
 * A person outside the cadre roster: a counterparty, a whistleblower, a villager.
 * @since 0.1.0
 * @category schemas
 */
export const PersonId = id("PersonId", "Person identifier")
/** @since 0.1.0 @category models */
export type PersonId = typeof PersonId.Type
