import { assert, describe, it } from "@effect/vitest"
import { Audit, Examples, Exercise, Ids, InvalidInput, LocalDate, OrgStore, PowerList, PowerListStore, Rulebook, RulebookStore, Storage, StorageAdapter, WorkCalendar } from "@qinglian/core"
import { MemoryStorage } from "@qinglian/storage-memory"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"

const fresh = () => Layer.provideMerge(Storage.layer, MemoryStorage.layerTest())
const d = LocalDate.unsafeMake
const actor: Audit.Actor = { id: "county-clerk", posts: ["countyDiscipline"] }

const listVersion = (version: string, effectiveFrom: string, code = "140525"): PowerList.PowerList => ({
  ...PowerList.reference(),
  id: Ids.PowerListId.make(`${code}-micro-power`),
  jurisdiction: { level: "county", code, name: "泽州县" },
  version,
  effectiveFrom: d(effectiveFrom)
})

describe("Storage repositories on the memory adapter", () => {
  it.effect("power lists keep every version; the one in force on a date is found by query", () =>
    Effect.gen(function*() {
      yield* PowerListStore.powerLists.save(listVersion("2024", "2024-01-01"), { actor })
      yield* PowerListStore.powerLists.save(listVersion("2025", "2025-07-01"), { actor })
      yield* PowerListStore.powerLists.save(listVersion("2026", "2026-03-01"), { actor })
      yield* PowerListStore.powerLists.save(listVersion("2025", "2025-01-01", "140581"), { actor })

      const inForce = (date: string, code = "140525") =>
        Effect.map(PowerListStore.powerLists.inForce(code, d(date)), Option.map((s) => s.value.version))
      assert.deepStrictEqual(yield* inForce("2023-12-31"), Option.none())
      assert.deepStrictEqual(yield* inForce("2024-01-01"), Option.some("2024"))
      assert.deepStrictEqual(yield* inForce("2025-06-30"), Option.some("2024"))
      assert.deepStrictEqual(yield* inForce("2025-07-01"), Option.some("2025"))
      assert.deepStrictEqual(yield* inForce("2030-01-01"), Option.some("2026"))
      assert.deepStrictEqual(yield* inForce("2026-01-01", "140581"), Option.some("2025"))
      assert.deepStrictEqual(yield* inForce("2026-01-01", "1405"), Option.none(), "a code prefix is another jurisdiction")

      const versions = yield* PowerListStore.powerLists.versions("140525-micro-power")
      assert.deepStrictEqual(versions.map((s) => [s.value.jurisdiction.code, s.value.version]), [
        ["140525", "2024"],
        ["140525", "2025"],
        ["140525", "2026"]
      ])
      // Two versions taking effect the same day: the higher version label wins, numbers compared as numbers.
      yield* PowerListStore.powerLists.save(listVersion("2027.10", "2027-01-01"), { actor })
      yield* PowerListStore.powerLists.save(listVersion("2027.9", "2027-01-01"), { actor })
      assert.deepStrictEqual(yield* inForce("2027-06-01"), Option.some("2027.10"))
      assert.deepStrictEqual(
        (yield* PowerListStore.powerLists.versions("140525-micro-power")).map((s) => s.value.version),
        ["2024", "2025", "2026", "2027.9", "2027.10"]
      )
      // A stored version never changes: saving it again says the version exists and writes nothing.
      const audit = yield* (yield* StorageAdapter.StorageAdapter).lastVersion(Audit.stream)
      const again = yield* Effect.flip(PowerListStore.powerLists.save({ ...listVersion("2025", "2025-07-01"), illustrative: false }, { actor }))
      assert.strictEqual(again._tag, "VersionExists")
      assert.deepInclude(again, { collection: "powerLists", key: "140525-micro-power", version: "2025" })
      assert.strictEqual(yield* (yield* StorageAdapter.StorageAdapter).lastVersion(Audit.stream), audit)
      const stored = Option.getOrThrow(yield* PowerListStore.powerLists.version("140525-micro-power", "2025"))
      assert.deepStrictEqual(stored.value.items, PowerList.reference().items)
    }).pipe(Effect.provide(fresh())))

  it.effect("exercises by village and date, with their check reports appended per exercise", () =>
    Effect.gen(function*() {
      const clean = Examples.xishuHeatingClean()
      const faulty = Examples.xishuHeatingFaulty()
      yield* PowerListStore.exercises.insertMany([clean, faulty], { actor })
      const village = yield* PowerListStore.exercises.all("byVillageDate", Storage.prefixRange(clean.village))
      assert.deepStrictEqual(
        village.map((s) => s.id).sort(),
        [clean.id, faulty.id].filter((_, i, all) => all.indexOf(_) === i).sort()
      )
      const decoded = yield* PowerListStore.exercises.getOrFail(faulty.id)
      assert.deepStrictEqual(decoded.value, faulty)

      const result = Exercise.checkInList(PowerList.reference(), faulty, Rulebook.defaults, WorkCalendar.china)
      const report = PowerListStore.checkReportOf(faulty, result, d("2025-10-15"))
      yield* PowerListStore.checkReports.append(faulty.id, 0, [report], { actor })
      yield* PowerListStore.checkReports.append(faulty.id, 1, [{ ...report, checkedOn: d("2025-10-20") }], { actor })
      const reports = yield* PowerListStore.checkReports.read(faulty.id)
      assert.deepStrictEqual(reports.map((r) => [r.version, r.value.checkedOn, r.value.risk]), [
        [1, "2025-10-15", result.risk],
        [2, "2025-10-20", result.risk]
      ])
      assert.deepStrictEqual(reports[0]!.value.findings.map((f) => f.code), result.findings.map((f) => f.code))
      yield* Audit.verify()
    }).pipe(Effect.provide(fresh())))

  it.effect("rulebook overrides build the jurisdiction's rulebook", () =>
    Effect.gen(function*() {
      const edition = Rulebook.defaults.editions[0]!
      const local: Rulebook.Edition = { effectiveFrom: d("2026-01-01"), source: edition.source, parameters: {} }
      yield* RulebookStore.rulebookOverrides.insert({ jurisdiction: "140525", edition: local }, { actor })
      yield* RulebookStore.rulebookOverrides.insert({ jurisdiction: "140581", edition: local }, { actor })
      const rulebook = yield* RulebookStore.rulebookFor("140525")
      assert.strictEqual(rulebook.editions.length, Rulebook.defaults.editions.length + 1)
      const base = yield* RulebookStore.rulebookFor("999999")
      assert.strictEqual(base.editions.length, Rulebook.defaults.editions.length)
    }).pipe(Effect.provide(fresh())))

  it.effect("the organisation tree: towns by county, villages by town", () =>
    Effect.gen(function*() {
      const county = Ids.CountyId.make("140525")
      const town = Ids.TownId.make("140525-jincun")
      yield* OrgStore.counties.insert({ id: county, name: "泽州县" }, { actor })
      yield* OrgStore.towns.insert({ id: town, countyId: county, name: "金村镇" }, { actor })
      yield* OrgStore.villages.insertMany([
        { id: Ids.VillageId.make("xishu"), townId: town, name: "西属村", kind: "village" },
        { id: Ids.VillageId.make("dongshu"), townId: town, name: "东属村", kind: "village" },
        { id: Ids.VillageId.make("other"), townId: Ids.TownId.make("140525-jincun2"), name: "别村", kind: "village" }
      ], { actor })
      const inTown = yield* OrgStore.villages.all("byTown", Storage.prefixRange(town))
      const saved = yield* Effect.either(OrgStore.saveOrganisation({
        counties: [{ id: Ids.CountyId.make("140581"), name: "高平市" }],
        towns: [{ id: town, countyId: county, name: "重复" }],
        villages: []
      }, { actor }))
      assert.isTrue(Either.isLeft(saved), "a town already stored is a conflict")
      assert.isTrue(Option.isNone(yield* OrgStore.counties.get("140581")), "and the whole save is undone")
      assert.deepStrictEqual(inTown.map((s) => s.value.name), ["东属村", "西属村"])
      const towns = yield* OrgStore.towns.all("byCounty", Storage.prefixRange(county))
      assert.deepStrictEqual(towns.map((s) => s.id), [town])
      const renamed = yield* OrgStore.villages.modify("xishu", (v) => ({ ...v, name: "西属社区", kind: "community" }), { actor })
      assert.strictEqual(renamed.version, 2)
      assert.strictEqual((yield* OrgStore.villages.getOrFail("xishu")).value.kind, "community")
      const built = yield* OrgStore.loadOrganisation
      assert.deepStrictEqual(built.tree.villagesByTown.get(town)?.map((v) => v.name).sort(), ["东属村", "西属社区"])
      assert.isTrue(built.diagnostics.length > 0, "the village whose town is not stored is reported")
      yield* OrgStore.cadres.insertMany([
        { id: Ids.CadreId.make("c2"), name: "张三" },
        { id: Ids.CadreId.make("c1"), name: "张三" },
        { id: Ids.CadreId.make("c3"), name: "张三丰" }
      ], { actor })
      const named = yield* OrgStore.cadres.all("byName", Storage.prefixRange("张三"))
      assert.deepStrictEqual(named.map((s) => s.id), ["c1", "c2"], "same name, ordered by id; 张三丰 is another name")
      const missing = yield* Effect.flip(OrgStore.villages.modify("nowhere", (v) => v, { actor }))
      assert.strictEqual(missing._tag, "StorageDocumentNotFound")
    }).pipe(Effect.provide(fresh())))

  it.effect("a value that does not encode is an InvalidInput and writes nothing", () =>
    Effect.gen(function*() {
      const Positive = Schema.Struct({ id: Schema.String, fen: Schema.Int.pipe(Schema.positive()) })
      const positives = Storage.collection({ name: "positives", schema: Positive, id: (p) => p.id })
      yield* positives.insert({ id: "ok", fen: 1 }, { actor })
      const error = yield* Effect.flip(positives.putMany([
        { value: { id: "a", fen: 5 }, expectedVersion: 0 },
        { value: { id: "b", fen: -5 }, expectedVersion: 0 }
      ], { actor }))
      assert.instanceOf(error, InvalidInput.InvalidInput)
      assert.deepStrictEqual((error as InvalidInput.InvalidInput).issues.map((i) => i.path), [["fen"]])
      assert.isTrue(Option.isNone(yield* positives.get("a")))
      assert.strictEqual((yield* Storage.verifyAudit()).entries, 1)
    }).pipe(Effect.provide(fresh())))

  it.effect("a stored document that no longer decodes is a CorruptRecord naming it", () =>
    Effect.gen(function*() {
      const adapter = yield* StorageAdapter.StorageAdapter
      yield* adapter.putDocument({ collection: "villages", id: "bad", expectedVersion: 0, data: { id: "bad" }, indexes: {} })
      const error = yield* Effect.flip(OrgStore.villages.get("bad"))
      assert.strictEqual(error._tag, "StorageCorruptRecord")
      assert.strictEqual((error as Storage.CorruptRecord).key, "villages/bad")
      assert.isAbove((error as Storage.CorruptRecord).issues.length, 0)
    }).pipe(Effect.provide(fresh())))

  it.effect("queries stream page by page in index order", () =>
    Effect.gen(function*() {
      const Row = Schema.Struct({ id: Schema.String, n: Schema.Int })
      const rows = Storage.collection({ name: "rows", schema: Row, id: (r) => r.id, indexes: { byN: (r) => r.n } })
      yield* rows.insertMany(Array.from({ length: 1234 }, (_, i) => ({ id: `r${i}`, n: (i * 7) % 1234 })), { actor })
      const all = yield* rows.all("byN", { pageSize: 100 })
      assert.deepStrictEqual(all.map((s) => s.value.n), Array.from({ length: 1234 }, (_, i) => i))
      const desc = yield* rows.all("byN", { order: "desc", gte: 1200, pageSize: 7 })
      assert.deepStrictEqual(desc.map((s) => s.value.n), Array.from({ length: 34 }, (_, i) => 1233 - i))
      const audit = yield* Audit.verify()
      assert.strictEqual(audit.entries, 1234, "one audit entry per document")
    }).pipe(Effect.provide(fresh())))
})

describe("MemoryStorage", () => {
  it.effect("refuses data a JSON store could not keep, and copies what it stores", () =>
    Effect.gen(function*() {
      const adapter = yield* StorageAdapter.StorageAdapter
      const bad = yield* Effect.flip(
        adapter.putDocument({ collection: "c", id: "x", expectedVersion: 0, data: { n: Number.NaN }, indexes: {} })
      )
      assert.strictEqual(bad._tag, "StorageError")
      const data = JSON.parse(`{"list":[1,2],"__proto__":{"polluted":true}}`) as Record<string, StorageAdapter.Json>
      yield* adapter.putDocument({ collection: "c", id: "x", expectedVersion: 0, data, indexes: {} })
      ;(data.list as Array<number>).push(3)
      const stored = Option.getOrThrow(yield* adapter.getDocument("c", "x"))
      assert.deepStrictEqual((stored.data as { list: Array<number> }).list, [1, 2])
      assert.throws(() => (stored.data as { list: Array<number> }).list.push(4), TypeError, undefined, "stored data is frozen")
      assert.isUndefined(({} as Record<string, unknown>)["polluted"])
      assert.isUndefined((stored.data as Record<string, unknown>)["polluted"], "__proto__ must stay a key")
      assert.deepStrictEqual(Object.getOwnPropertyDescriptor(stored.data, "__proto__")?.value, { polluted: true })
      const query = yield* Effect.either(adapter.queryIndex({ collection: "c", index: "i", limit: 0 }))
      assert.isTrue(Either.isLeft(query))
      const cursor = yield* Effect.either(adapter.queryIndex({ collection: "c", index: "i", limit: 1, cursor: "nope" }))
      assert.isTrue(Either.isLeft(cursor))
    }).pipe(Effect.provide(MemoryStorage.layer())))

  it.effect("keeps indexes right across many interleaved writes, removals and rollbacks", () =>
    Effect.gen(function*() {
      const adapter = yield* StorageAdapter.StorageAdapter
      const model = new Map<string, { n: number; version: number }>()
      let seed = 7
      const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
      for (let step = 0; step < 3000; step++) {
        const id = `d${Math.floor(random() * 200)}`
        const n = Math.floor(random() * 50)
        const current = model.get(id)
        const write = { collection: "c", id, expectedVersion: current?.version ?? 0, data: { n }, indexes: { n } }
        if (random() < 0.2) {
          // A transaction that fails after writing: must leave no trace.
          yield* Effect.either(adapter.transaction(Effect.zipRight(adapter.putDocument(write), Effect.fail("undo"))))
        } else {
          yield* adapter.putDocument(write)
          model.set(id, { n, version: (current?.version ?? 0) + 1 })
        }
        if (step % 97 === 0) {
          const page = yield* adapter.queryIndex({ collection: "c", index: "n", limit: 1000 })
          const expected = [...model].sort(([ia, a], [ib, b]) => a.n - b.n || StorageAdapter.compareStrings(ia, ib)).map(([i]) => i)
          assert.deepStrictEqual(page.items.map((r) => r.id), expected)
        }
      }
    }).pipe(Effect.provide(MemoryStorage.layer())))
})
