import { assert, describe, it } from "@effect/vitest"
import { Audit, Ids, LocalDate, OrgStore, PowerList, PowerListStore, Problem, Rulebook, RulebookStore, Storage, StorageAdapter } from "@qinglian/core"
import { MemoryStorage } from "@qinglian/storage-memory"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"

const fresh = () => Layer.provideMerge(Storage.layer, MemoryStorage.layerTest())
const d = LocalDate.unsafeMake
const actor: Audit.Actor = { id: "county-clerk", posts: ["countyDiscipline"] }

const listVersion = (version: string, effectiveFrom: string): PowerList.PowerList => ({
  ...PowerList.reference(),
  id: Ids.PowerListId.make("140525-micro-power"),
  jurisdiction: { level: "county", code: "140525", name: "泽州县" },
  version,
  effectiveFrom: d(effectiveFrom)
})

const auditHead = Effect.flatMap(StorageAdapter.StorageAdapter, (a) => a.lastVersion(Audit.stream))

describe("a re-saved version is VersionExists, not a concurrency conflict", () => {
  it.effect("power lists: the same version again names the list and the version, and changes nothing", () =>
    Effect.gen(function*() {
      const first = listVersion("2025", "2025-07-01")
      yield* PowerListStore.powerLists.save(first, { actor })
      const head = yield* auditHead
      const again = yield* Effect.flip(
        PowerListStore.powerLists.save({ ...first, title: { zh: "改过的标题", en: "changed" } }, { actor })
      )
      assert.strictEqual(again._tag, "VersionExists")
      assert.deepInclude(again, { collection: "powerLists", key: "140525-micro-power", version: "2025" })

      // Read back: one version, the first one, and no audit entry for the refused save.
      const versions = yield* PowerListStore.powerLists.versions("140525-micro-power")
      assert.deepStrictEqual(versions.map((s) => [s.value.version, s.version]), [["2025", 1]])
      assert.deepStrictEqual(versions[0]!.value.title, first.title)
      assert.strictEqual(yield* auditHead, head)

      const problem = Problem.fromError(again)!
      assert.strictEqual(problem.code, "VersionExists")
      assert.include(problem.message.zh, "2025")
      assert.include(problem.message.zh, "已经存在")
      assert.include(problem.message.en, "already exists")
      assert.notInclude(problem.message.en, "expected version")
      // Another version is still welcome.
      yield* PowerListStore.powerLists.save(listVersion("2026", "2026-01-01"), { actor })
    }).pipe(Effect.provide(fresh())))

  it.effect("rulebook overrides: an edition already stored for the jurisdiction and date", () =>
    Effect.gen(function*() {
      const source = Rulebook.defaults.editions[0]!.source
      const edition: Rulebook.Edition = { effectiveFrom: d("2026-01-01"), source, parameters: {} }
      yield* RulebookStore.saveOverride({ jurisdiction: "140525", edition }, { actor })
      const head = yield* auditHead
      const again = yield* Effect.flip(
        RulebookStore.saveOverride({ jurisdiction: "140525", edition: { ...edition, source: { ...source, law: "另一部" } } }, { actor })
      )
      assert.strictEqual(again._tag, "VersionExists")
      assert.deepInclude(again, { collection: "rulebookOverrides", key: "140525", version: "2026-01-01" })
      const stored = yield* RulebookStore.rulebookOverrides.all("byJurisdiction", Storage.prefixRange("140525"))
      assert.deepStrictEqual(stored.map((s) => s.value.edition.source.law), [source.law])
      assert.strictEqual(yield* auditHead, head)
      // Another jurisdiction's edition of the same date is its own.
      yield* RulebookStore.saveOverride({ jurisdiction: "140581", edition }, { actor })
    }).pipe(Effect.provide(fresh())))

  it.effect("organisation: a town already stored is named, and the whole save is undone", () =>
    Effect.gen(function*() {
      const county = Ids.CountyId.make("140525")
      const town = Ids.TownId.make("140525-jincun")
      yield* OrgStore.saveOrganisation({
        counties: [{ id: county, name: "泽州县" }],
        towns: [{ id: town, countyId: county, name: "金村镇" }],
        villages: []
      }, { actor })
      const head = yield* auditHead
      const again = yield* Effect.flip(OrgStore.saveOrganisation({
        counties: [{ id: Ids.CountyId.make("140581"), name: "高平市" }],
        towns: [{ id: town, countyId: county, name: "重复" }],
        villages: []
      }, { actor }))
      assert.strictEqual(again._tag, "VersionExists")
      assert.deepInclude(again, { collection: "towns", key: "140525-jincun" })
      assert.isUndefined((again as { version?: string }).version)
      assert.isTrue(Option.isNone(yield* OrgStore.counties.get("140581")))
      assert.strictEqual((yield* OrgStore.towns.getOrFail(town)).value.name, "金村镇")
      assert.strictEqual(yield* auditHead, head)
      assert.include(Problem.fromError(again)!.message.zh, "140525-jincun")
    }).pipe(Effect.provide(fresh())))

  it.effect("roster: a cadre already stored", () =>
    Effect.gen(function*() {
      const c1 = Ids.CadreId.make("c1")
      yield* OrgStore.saveRoster({ cadres: [{ id: c1, name: "张三" }], appointments: [], relations: [] }, { actor })
      const again = yield* Effect.flip(OrgStore.saveRoster({
        cadres: [{ id: Ids.CadreId.make("c2"), name: "李四" }, { id: c1, name: "王五" }],
        appointments: [],
        relations: []
      }, { actor }))
      assert.strictEqual(again._tag, "VersionExists")
      assert.deepInclude(again, { collection: "cadres", key: "c1" })
      assert.isTrue(Option.isNone(yield* OrgStore.cadres.get("c2")))
      assert.strictEqual((yield* OrgStore.cadres.getOrFail("c1")).value.name, "张三")
    }).pipe(Effect.provide(fresh())))
})
