/**
 * The organisation tree: county (县) → town (镇/乡/街道) → village (村/社区).
 *
 * Counties carry their GB/T 2260 administrative division code (行政区划代码, 6 digits). Towns and
 * villages may carry the National Bureau of Statistics' statistical division codes
 * (统计用区划代码): 9 digits for a town, 12 for a village, each extending its parent's code.
 *
 * A tree is built from flat lists ({@link make}); problems (a duplicate id, an unknown parent, a
 * code that does not extend its parent's) come back as diagnostics, never as exceptions.
 *
 * @example
 * ```ts
 * import { Ids, Organisation } from "@qinglian/core"
 * import { Either } from "effect"
 *
 * const built = Organisation.fromUnknown({
 *   counties: [{ id: "zezhou", name: "泽州县", divisionCode: "140525" }],
 *   towns: [{ id: "jincun", countyId: "zezhou", name: "金村镇", kind: "town" }],
 *   villages: [{ id: "xishu", townId: "jincun", name: "西属村", kind: "village" }]
 * })
 * const { tree } = Either.getOrThrow(built) // Left: an InvalidInput naming every bad path
 * console.log(Organisation.townOf(tree, Ids.VillageId.make("xishu"))) // Some(金村镇)
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Diagnostic from "../base/Diagnostic.js"
import * as Ids from "../base/Ids.js"
import * as InvalidInput from "../base/InvalidInput.js"
import * as validators from "./internal/validators.js"

// GB/T 2260 province-level prefixes (the first two digits of every code).
const PROVINCE_PREFIXES: ReadonlySet<string> = new Set([
  "11", "12", "13", "14", "15",
  "21", "22", "23",
  "31", "32", "33", "34", "35", "36", "37",
  "41", "42", "43", "44", "45", "46",
  "50", "51", "52", "53", "54",
  "61", "62", "63", "64", "65",
  "71", "81", "82"
])

// The same codes as patterns, for the published JSON Schema.
const provinces = `(?:${[...PROVINCE_PREFIXES].join("|")})`
const divisionPattern = `^${provinces}\\d{4}$`
const countyPattern = `^${provinces}\\d{2}(?!00)\\d{2}$`

/**
 * A GB/T 2260 administrative division code: six digits `PPCCDD` (province, prefecture, county)
 * whose first two digits are one of the standard's province-level codes.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DivisionCode = Schema.String.pipe(
  Schema.filter((s) =>
    /^\d{6}$/.test(s)
      ? PROVINCE_PREFIXES.has(s.slice(0, 2)) ||
        `GB/T 2260 code ${s} starts with ${s.slice(0, 2)}, which is not a province-level code`
      : `expected a GB/T 2260 division code of 6 digits, got ${JSON.stringify(s)}`,
    { jsonSchema: { pattern: divisionPattern } }
  ),
  Schema.brand("DivisionCode"),
  Schema.annotations({ identifier: "DivisionCode", description: "GB/T 2260 行政区划代码 (6 digits)" })
)

/**
 * @since 0.1.0
 * @category models
 */
export type DivisionCode = typeof DivisionCode.Type

/**
 * The level a division code names. In GB/T 2260 a code ending in `0000` names a province, one
 * ending in `00` a prefecture (地级); any other ending names a county-level unit (县级: 县, 县级市,
 * 市辖区, 旗).
 *
 * @since 0.1.0
 * @category getters
 */
export const divisionLevel = (code: DivisionCode): "province" | "prefecture" | "county" =>
  code.endsWith("0000") ? "province" : code.endsWith("00") ? "prefecture" : "county"

/**
 * A county-level GB/T 2260 code: a {@link DivisionCode} whose last two digits are not `00`
 * (`140525` 泽州县). `140500` (晋城市) is a prefecture and is rejected.
 *
 * Prefecture-level cities without counties (东莞 441900, 中山 442000, 嘉峪关 620200, 儋州 460400)
 * have no county-level code: model the city as the county node and leave `divisionCode` out.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CountyCode = DivisionCode.pipe(
  Schema.filter((s) =>
    divisionLevel(s) === "county" ||
    `${s} names a ${divisionLevel(s)} (ends in 00); a county-level code ends in two digits other than 00`,
    { jsonSchema: { pattern: countyPattern } }
  ),
  Schema.annotations({ identifier: "CountyCode" })
)

/**
 * A 9-digit statistical division code of a town (乡级统计用区划代码): the county's 6 digits and 3
 * more.
 *
 * @since 0.1.0
 * @category schemas
 */
export const TownCode = Schema.String.pipe(
  Schema.pattern(/^\d{9}$/, { message: (i) => `expected a town statistical code of 9 digits, got ${JSON.stringify(i.actual)}` }),
  Schema.brand("TownCode"),
  Schema.annotations({ identifier: "TownCode", description: "统计用区划代码 (乡级, 9 digits)" })
)

/**
 * A 12-digit statistical division code of a village (村级统计用区划代码): the town's 9 digits and 3
 * more.
 *
 * @since 0.1.0
 * @category schemas
 */
export const VillageCode = Schema.String.pipe(
  Schema.pattern(/^\d{12}$/, {
    message: (i) => `expected a village statistical code of 12 digits, got ${JSON.stringify(i.actual)}`
  }),
  Schema.brand("VillageCode"),
  Schema.annotations({ identifier: "VillageCode", description: "统计用区划代码 (村级, 12 digits)" })
)

const Name = Schema.String.pipe(Schema.minLength(1, { message: () => "a name must not be empty" }))

/**
 * A county (县, 县级市, 区, 旗).
 *
 * @since 0.1.0
 * @category schemas
 */
export const County = Schema.Struct({
  id: Ids.CountyId,
  name: Name,
  divisionCode: Schema.optionalWith(CountyCode, { exact: true })
}).annotations({ identifier: "County" })

/**
 * @since 0.1.0
 * @category models
 */
export type County = typeof County.Type

/**
 * Kind of town-level unit: 镇 (`town`), 乡 (`township`) or 街道 (`subdistrict`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const TownKind = Schema.Literal("town", "township", "subdistrict").annotations({
  identifier: "TownKind",
  message: () => ({ message: "expected town, township or subdistrict (镇/乡/街道)", override: true })
})

/**
 * @since 0.1.0
 * @category models
 */
export type TownKind = typeof TownKind.Type

/**
 * A town (镇/乡/街道) in a county.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Town = Schema.Struct({
  id: Ids.TownId,
  countyId: Ids.CountyId,
  name: Name,
  kind: Schema.optionalWith(TownKind, { exact: true }),
  statisticalCode: Schema.optionalWith(TownCode, { exact: true })
}).annotations({ identifier: "Town" })

/**
 * @since 0.1.0
 * @category models
 */
export type Town = typeof Town.Type

/**
 * Kind of village-level unit: 村 (`village`, with a villagers' committee) or 社区 (`community`,
 * with a residents' committee).
 *
 * @since 0.1.0
 * @category schemas
 */
export const VillageKind = Schema.Literal("village", "community").annotations({
  identifier: "VillageKind",
  message: () => ({ message: "expected village or community (村/社区)", override: true })
})

/**
 * @since 0.1.0
 * @category models
 */
export type VillageKind = typeof VillageKind.Type

/**
 * Chinese labels of the unit kinds.
 *
 * @since 0.1.0
 * @category constants
 */
export const kindLabelZh: Readonly<Record<TownKind | VillageKind, string>> = {
  town: "镇",
  township: "乡",
  subdistrict: "街道",
  village: "村",
  community: "社区"
}

/**
 * A village (村) or community (社区) in a town.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Village = Schema.Struct({
  id: Ids.VillageId,
  townId: Ids.TownId,
  name: Name,
  kind: VillageKind,
  statisticalCode: Schema.optionalWith(VillageCode, { exact: true })
}).annotations({ identifier: "Village" })

/**
 * @since 0.1.0
 * @category models
 */
export type Village = typeof Village.Type

/**
 * The flat lists a tree is built from, as a county exports them.
 *
 * @since 0.1.0
 * @category schemas
 */
export const OrganisationInput = Schema.Struct({
  /** The JSON Schema the file follows, for editors; kept as written. */
  $schema: Schema.optionalWith(Schema.String, { exact: true }),
  counties: Schema.Array(County),
  towns: Schema.Array(Town),
  villages: Schema.Array(Village)
}).annotations({ identifier: "OrganisationInput" })

/**
 * @since 0.1.0
 * @category models
 */
export type OrganisationInput = typeof OrganisationInput.Type

/**
 * Decodes the flat lists from unknown input; every bad path is named in the error.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeInput: (input: unknown) => Either.Either<OrganisationInput, InvalidInput.InvalidInput> =
  InvalidInput.decodeUnknown(OrganisationInput, "organisation", validators.OrganisationInput)

/**
 * The organisation tree with its indexes. Built by {@link make}; read with the lookups below.
 *
 * @since 0.1.0
 * @category models
 */
export interface OrganisationTree {
  readonly counties: ReadonlyMap<Ids.CountyId, County>
  readonly towns: ReadonlyMap<Ids.TownId, Town>
  readonly villages: ReadonlyMap<Ids.VillageId, Village>
  readonly townsByCounty: ReadonlyMap<Ids.CountyId, ReadonlyArray<Town>>
  readonly villagesByTown: ReadonlyMap<Ids.TownId, ReadonlyArray<Village>>
}

/**
 * Diagnostic codes of {@link make}.
 *
 * - `ORGANISATION_DUPLICATE_ID` (error): a second entry with an id already used at its level; it is
 *   left out of the tree.
 * - `ORGANISATION_UNKNOWN_PARENT` (error): a town's county or a village's town is not in the lists;
 *   the entry stays in the tree but no parent lookup finds it.
 * - `ORGANISATION_CODE_MISMATCH` (warning): a statistical code that does not extend its parent's
 *   code.
 *
 * @since 0.1.0
 * @category models
 */
export type TreeCode = "ORGANISATION_DUPLICATE_ID" | "ORGANISATION_UNKNOWN_PARENT" | "ORGANISATION_CODE_MISMATCH"

/**
 * A built tree and what was found while building it. Refuse a tree with any error-level
 * diagnostic ({@link Diagnostic.isOk}).
 *
 * @since 0.1.0
 * @category models
 */
export interface Built {
  readonly tree: OrganisationTree
  readonly diagnostics: ReadonlyArray<Diagnostic.Diagnostic<TreeCode>>
}

const duplicate = (list: string, index: number, id: string, first: number) =>
  Diagnostic.error(
    "ORGANISATION_DUPLICATE_ID",
    [list, index, "id"],
    `编号 ${id} 重复 (已用于第 ${first + 1} 项)`,
    `duplicate id ${id} (already used by entry ${first})`
  )

/**
 * Builds the tree from flat lists and reports every duplicate id, unknown parent and code that
 * does not extend its parent's. Paths point into the input (`["villages", 3, "townId"]`).
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (input: OrganisationInput): Built => {
  const diagnostics: Array<Diagnostic.Diagnostic<TreeCode>> = []
  const index = <Id extends string, A extends { readonly id: Id }>(list: string, items: ReadonlyArray<A>) => {
    const map = new Map<Id, A>()
    const at = new Map<Id, number>()
    items.forEach((item, i) => {
      const first = at.get(item.id)
      if (first !== undefined) diagnostics.push(duplicate(list, i, item.id, first))
      else {
        map.set(item.id, item)
        at.set(item.id, i)
      }
    })
    return { map, at }
  }
  const counties = index<Ids.CountyId, County>("counties", input.counties)
  const towns = index<Ids.TownId, Town>("towns", input.towns)
  const villages = index<Ids.VillageId, Village>("villages", input.villages)

  const townsByCounty = new Map<Ids.CountyId, Array<Town>>()
  for (const [id, town] of towns.map) {
    const i = towns.at.get(id)!
    const county = counties.map.get(town.countyId)
    if (county === undefined) {
      diagnostics.push(
        Diagnostic.error(
          "ORGANISATION_UNKNOWN_PARENT",
          ["towns", i, "countyId"],
          `镇 ${town.name} 所属县 ${town.countyId} 不存在`,
          `town ${town.name}: unknown county ${town.countyId}`
        )
      )
    } else if (
      county.divisionCode !== undefined && town.statisticalCode !== undefined &&
      !town.statisticalCode.startsWith(county.divisionCode)
    ) {
      diagnostics.push(
        Diagnostic.warning(
          "ORGANISATION_CODE_MISMATCH",
          ["towns", i, "statisticalCode"],
          `镇 ${town.name} 的统计用区划代码 ${town.statisticalCode} 未以所属县代码 ${county.divisionCode} 开头`,
          `town ${town.name}: statistical code ${town.statisticalCode} does not start with its county's code ${county.divisionCode}`
        )
      )
    }
    const list = townsByCounty.get(town.countyId) ?? []
    list.push(town)
    townsByCounty.set(town.countyId, list)
  }

  const villagesByTown = new Map<Ids.TownId, Array<Village>>()
  for (const [id, village] of villages.map) {
    const i = villages.at.get(id)!
    const town = towns.map.get(village.townId)
    if (town === undefined) {
      diagnostics.push(
        Diagnostic.error(
          "ORGANISATION_UNKNOWN_PARENT",
          ["villages", i, "townId"],
          `村 ${village.name} 所属镇 ${village.townId} 不存在`,
          `village ${village.name}: unknown town ${village.townId}`
        )
      )
    } else if (
      town.statisticalCode !== undefined && village.statisticalCode !== undefined &&
      !village.statisticalCode.startsWith(town.statisticalCode)
    ) {
      diagnostics.push(
        Diagnostic.warning(
          "ORGANISATION_CODE_MISMATCH",
          ["villages", i, "statisticalCode"],
          `村 ${village.name} 的统计用区划代码 ${village.statisticalCode} 未以所属镇代码 ${town.statisticalCode} 开头`,
          `village ${village.name}: statistical code ${village.statisticalCode} does not start with its town's code ${town.statisticalCode}`
        )
      )
    }
    const list = villagesByTown.get(village.townId) ?? []
    list.push(village)
    villagesByTown.set(village.townId, list)
  }

  return {
    tree: { counties: counties.map, towns: towns.map, villages: villages.map, townsByCounty, villagesByTown },
    diagnostics
  }
}

/**
 * Decodes unknown input and builds the tree: a decoding failure is an {@link InvalidInput.InvalidInput};
 * a decoded input always builds, with its diagnostics.
 *
 * @since 0.1.0
 * @category decoding
 */
export const fromUnknown = (input: unknown): Either.Either<Built, InvalidInput.InvalidInput> =>
  Either.map(decodeInput(input), make)

/**
 * @since 0.1.0
 * @category getters
 */
export const county = (tree: OrganisationTree, id: Ids.CountyId): Option.Option<County> =>
  Option.fromNullable(tree.counties.get(id))

/**
 * @since 0.1.0
 * @category getters
 */
export const town = (tree: OrganisationTree, id: Ids.TownId): Option.Option<Town> =>
  Option.fromNullable(tree.towns.get(id))

/**
 * @since 0.1.0
 * @category getters
 */
export const village = (tree: OrganisationTree, id: Ids.VillageId): Option.Option<Village> =>
  Option.fromNullable(tree.villages.get(id))

/**
 * The towns of a county, in input order.
 *
 * @since 0.1.0
 * @category getters
 */
export const townsOf = (tree: OrganisationTree, countyId: Ids.CountyId): ReadonlyArray<Town> =>
  tree.townsByCounty.get(countyId) ?? []

/**
 * The villages and communities of a town, in input order.
 *
 * @since 0.1.0
 * @category getters
 */
export const villagesOf = (tree: OrganisationTree, townId: Ids.TownId): ReadonlyArray<Village> =>
  tree.villagesByTown.get(townId) ?? []

/**
 * The town a village belongs to (none when the village or its town is unknown).
 *
 * @since 0.1.0
 * @category getters
 */
export const townOf = (tree: OrganisationTree, villageId: Ids.VillageId): Option.Option<Town> =>
  Option.flatMap(village(tree, villageId), (v) => town(tree, v.townId))

/**
 * The county a town belongs to.
 *
 * @since 0.1.0
 * @category getters
 */
export const countyOf = (tree: OrganisationTree, townId: Ids.TownId): Option.Option<County> =>
  Option.flatMap(town(tree, townId), (t) => county(tree, t.countyId))
