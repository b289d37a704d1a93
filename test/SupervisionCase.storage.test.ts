// Supervision cases persisted and reloaded through both storage adapters (memory and SQLite),
// with their due dates, the audit trail, and whistleblower access logged through Audit.
import { assert, describe, it } from "@effect/vitest"
import { Effect, Either, Layer, Option, Redacted } from "effect"
import { randomBytes } from "node:crypto"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Audit, Cadre, Ids, OrgStore, Rulebook, Storage, StorageAdapter, SupervisionCase, Whistleblower, WorkCalendar } from "@qinglian/core"
import { MemoryStorage } from "@qinglian/storage-memory"
import { SqliteStorage } from "@qinglian/storage-sqlite"

const county = Ids.CountyId.make("c1")
const town = Ids.TownId.make("t1")
const caseId = Ids.CaseId.make("case-42")
const secretary: SupervisionCase.Actor = {
  id: Ids.CadreId.make("t-wang"),
  posts: ["townDisciplineSecretary"],
  jurisdiction: { level: "town", county, town }
}
const ctx = (now: string, actor: Ids.CadreId = secretary.id): SupervisionCase.ExecuteContext => ({
  rulebook: Rulebook.defaults,
  calendar: WorkCalendar.china,
  actor,
  now: now as never
})
// The stored record execute reads the actor's posts from: the secretary of t1, and of t2 beside it.
const outsiderId = Ids.CadreId.make("t2-sun")
const since = { start: "2020-01-01" as never }
const record = Effect.zipRight(
  OrgStore.saveOrganisation({
    counties: [{ id: county, name: "县" }],
    towns: [{ id: town, countyId: county, name: "一镇" }, { id: Ids.TownId.make("t2"), countyId: county, name: "二镇" }],
    villages: []
  }, { actor: "org-clerk" }),
  OrgStore.saveRoster({
    cadres: [{ id: secretary.id, name: "王" }, { id: outsiderId, name: "孙" }],
    appointments: [
      { cadreId: secretary.id, post: "townDisciplineSecretary", unit: Cadre.town(town), term: since },
      { cadreId: outsiderId, post: "townDisciplineSecretary", unit: Cadre.town(Ids.TownId.make("t2")), term: since }
    ],
    relations: []
  }, { actor: "org-clerk" })
)
const identity = { name: "张三", phone: "13800000000" }
const keyLayer = Whistleblower.layer({ keyId: "k1", key: Redacted.make(new Uint8Array(randomBytes(32))) })

const story = Effect.gen(function*() {
  const reporter = yield* Whistleblower.named(caseId, identity)
  const steps: ReadonlyArray<readonly [SupervisionCase.Command, string]> = [
    [{
      _tag: "RegisterLead",
      caseId,
      county,
      town,
      subject: { cadre: Ids.CadreId.make("v-li"), category: "villageCadre" },
      source: { _tag: "Petition", reporter }
    }, "2026-09-21"],
    [{ _tag: "DisposeLead", way: "letterInquiry" }, "2026-09-25"],
    [{ _tag: "RecordInquiryReply" }, "2026-10-12"],
    [{ _tag: "ConcludeInquiry", outcome: "fileCase" }, "2026-10-15"],
    [{ _tag: "Suspend" }, "2026-11-01"],
    [{ _tag: "Resume" }, "2026-11-11"]
  ]
  let last: SupervisionCase.State = SupervisionCase.initial
  for (const [command, now] of steps) last = (yield* SupervisionCase.execute(caseId, command, ctx(now))).state
  return last
})

const suite = (name: string, storage: () => Layer.Layer<StorageAdapter.StorageAdapter, unknown>) => {
  const layer = () =>
    Layer.effectDiscard(record).pipe(
      Layer.provideMerge(Layer.mergeAll(Storage.layer, Whistleblower.layerStorageLog.pipe(Layer.provide(Storage.layer)), keyLayer)),
      Layer.provideMerge(storage())
    )

  describe(`SupervisionCase on ${name}`, () => {
    it.effect("persists and reloads a case with its due dates", () =>
      Effect.gen(function*() {
        const incremental = yield* story
        const loaded = yield* SupervisionCase.load(caseId)
        assert.deepStrictEqual(loaded, incremental)
        assert.deepStrictEqual([loaded.stage, loaded.version], ["investigation", 6])
        // 90 days from 10-15 is 2027-01-13, shifted by the 10 days suspended.
        assert.strictEqual(loaded.deadline?.due, "2027-01-23")
        const adapter = yield* StorageAdapter.StorageAdapter
        const raw = JSON.stringify(yield* adapter.readEvents(SupervisionCase.streams.streamName(caseId)))
        assert.isFalse(raw.includes("张三") || raw.includes("13800000000"))
      }).pipe(Effect.provide(layer())))

    it.effect("a rejected command writes nothing, not even an audit entry", () =>
      Effect.gen(function*() {
        yield* story
        const adapter = yield* StorageAdapter.StorageAdapter
        const before = [yield* adapter.lastVersion(SupervisionCase.streams.streamName(caseId)), yield* adapter.lastVersion(Audit.stream)]
        const illegal = yield* Effect.either(SupervisionCase.execute(caseId, { _tag: "ServeDecision" }, ctx("2026-11-12")))
        assert.isTrue(Either.isLeft(illegal) && illegal.left._tag === "IllegalTransition")
        const outsider = ctx("2026-11-12", outsiderId)
        const forbidden = yield* Effect.either(SupervisionCase.execute(caseId, { _tag: "SubmitForReview" }, outsider))
        assert.isTrue(Either.isLeft(forbidden) && forbidden.left._tag === "Forbidden")
        const after = [yield* adapter.lastVersion(SupervisionCase.streams.streamName(caseId)), yield* adapter.lastVersion(Audit.stream)]
        assert.deepStrictEqual(after, before)
        yield* Audit.verify()
      }).pipe(Effect.provide(layer())))

    it.effect("a concurrent writer gets a ConcurrencyConflict and the stream stays consistent", () =>
      Effect.gen(function*() {
        yield* story
        const stale = yield* Effect.either(
          SupervisionCase.streams.append(caseId, 3, [{ _tag: "CaseSuspended", on: "2026-11-12" as never, by: secretary.id }], { actor: secretary.id })
        )
        assert.isTrue(Either.isLeft(stale) && stale.left._tag === "ConcurrencyConflict")
        assert.strictEqual((yield* SupervisionCase.load(caseId)).version, 6)
      }).pipe(Effect.provide(layer())))

    it.effect("every whistleblower read is logged to storage and entered in the audit chain", () =>
      Effect.gen(function*() {
        yield* story
        assert.deepStrictEqual(yield* Whistleblower.reveal(caseId, secretary, Whistleblower.defaultPolicy({ relations: [] })), Option.some(identity))
        const member = { ...secretary, id: Ids.CadreId.make("t-zhao"), posts: ["townDisciplineMember" as const] }
        const refused = yield* Effect.either(Whistleblower.reveal(caseId, member, Whistleblower.defaultPolicy({ relations: [] })))
        assert.isTrue(Either.isLeft(refused) && refused.left._tag === "Forbidden")
        const log = yield* Whistleblower.WhistleblowerAccessLog
        const entries = yield* log.entries(caseId)
        assert.deepStrictEqual(entries.map((e) => [e.actor, e.granted]), [["t-wang", true], ["t-zhao", false]])
        const audit = yield* Audit.entries()
        const accessAppends = audit.filter((a) => a.entry.change.kind === "stream" && a.entry.change.stream === Whistleblower.accessStreams.streamName(caseId))
        assert.deepStrictEqual(accessAppends.map((a) => Audit.actorId(a.entry.actor)), ["t-wang", "t-zhao"])
        yield* Audit.verify()
      }).pipe(Effect.provide(layer())))
  })
}

suite("memory", () => MemoryStorage.layer())
suite("SQLite", () => SqliteStorage.layer({ filename: ":memory:" }))

describe("SupervisionCase on a SQLite file", () => {
  it.effect("due dates survive closing and reopening the store", () =>
    Effect.gen(function*() {
      const dir = mkdtempSync(join(tmpdir(), "qinglian-case-"))
      const filename = join(dir, "cases.db")
      const open = () => Layer.mergeAll(Storage.layer, keyLayer, Whistleblower.layerMemoryLog).pipe(Layer.provideMerge(SqliteStorage.layer({ filename })))
      try {
        const before = yield* Effect.zipRight(record, story).pipe(Effect.provide(open()))
        const after = yield* SupervisionCase.load(caseId).pipe(Effect.provide(open()))
        assert.deepStrictEqual(after, before)
        assert.strictEqual(after.deadline?.due, "2027-01-23")
        assert.deepStrictEqual(SupervisionCase.overdue([after], "2027-01-24" as never).byStage.map((g) => g.stage), ["investigation"])
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    }))
})
