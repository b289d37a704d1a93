// Signed checkpoints, the keyed chain and verifyStore (full and incremental), on the memory adapter
// and its tamper hook. The SQLite file version of the seventeen tamperings is in
// packages/storage-sqlite/test/AuditTamper.test.ts.
import { assert, describe, it } from "@effect/vitest"
import { Audit, Storage, StorageAdapter } from "@qinglian/core"
import { MemoryStorage } from "@qinglian/storage-memory"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as TestClock from "effect/TestClock"
import * as crypto from "node:crypto"

const Note = Schema.Struct({ id: Schema.String, text: Schema.String, village: Schema.String })
const notes = Storage.collection({ name: "notes", schema: Note, id: (n) => n.id, indexes: { village: (n) => n.village } })
const Tick = Schema.Struct({ n: Schema.Number })
const ticks = Storage.eventStream({ name: "ticks", schema: Tick })

const store = () => Layer.provideMerge(Storage.layer, MemoryStorage.layerTest())
const signing = Audit.generateSigningKey()
const signer = Audit.layerSigner(signing.privateKey)
const secret = crypto.randomBytes(32)
const chainKey = Audit.layerChainKey(Redacted.make(secret))

const writeSome = Effect.gen(function*() {
  yield* TestClock.setTime(Date.UTC(2026, 11, 1))
  yield* notes.insert({ id: "a", text: "一", village: "v1" }, { actor: "clerk" })
  yield* notes.insert({ id: "b", text: "二", village: "v2" }, { actor: "clerk" })
  yield* ticks.append("t", 0, [{ n: 1 }, { n: 2 }], { actor: "clerk" })
  yield* notes.modify("a", (n) => ({ ...n, text: "一（更正）" }), { actor: "clerk" })
})

const tamper = StorageAdapter.StorageTamper
const keys = (report: Audit.StoreReport) => report.findings.map((f) => `${f.kind} ${Audit.findingKey(f)}`)

describe("Audit checkpoints", () => {
  it.effect("a checkpoint signs the entry count, head and time; it verifies with the public key, raw or PEM", () =>
    Effect.gen(function*() {
      yield* writeSome
      const checkpoint = yield* Storage.checkpoint.pipe(Effect.provide(signer))
      const head = yield* Audit.head
      assert.strictEqual(checkpoint.entries, 4)
      assert.strictEqual(checkpoint.head, head.hash)
      assert.strictEqual(checkpoint.at, Date.UTC(2026, 11, 1))
      assert.match(checkpoint.keyId, /^[0-9a-f]{16}$/)
      // JSON-safe: what is printed or mailed comes back the same.
      const copy = JSON.parse(JSON.stringify(checkpoint)) as Audit.Checkpoint
      assert.isTrue(Either.isRight(Audit.verifyCheckpoint(copy, signing.publicKey)))
      const raw = crypto.createPublicKey(signing.publicKey).export({ format: "der", type: "spki" }).subarray(12)
      assert.isTrue(Either.isRight(Audit.verifyCheckpoint(copy, raw)))
      assert.deepStrictEqual(yield* Audit.verify({ checkpoint: copy, publicKey: signing.publicKey }), {
        entries: 4,
        head: head.hash
      })
    }).pipe(Effect.provide(store())))

  it.effect("a raw 32-byte private key signs the same way as its PEM", () =>
    Effect.gen(function*() {
      const pair = crypto.generateKeyPairSync("ed25519")
      const seed = pair.privateKey.export({ format: "der", type: "pkcs8" }).subarray(16)
      const publicKey = pair.publicKey.export({ format: "pem", type: "spki" }).toString()
      yield* writeSome
      const checkpoint = yield* Audit.checkpoint.pipe(Effect.provide(Audit.layerSigner(Redacted.make(new Uint8Array(seed)))))
      assert.isTrue(Either.isRight(Audit.verifyCheckpoint(checkpoint, publicKey)))
    }).pipe(Effect.provide(store())))

  it.effect("a forged, altered or foreign checkpoint is refused before anything is verified", () =>
    Effect.gen(function*() {
      yield* writeSome
      const checkpoint = yield* Audit.checkpoint.pipe(Effect.provide(signer))
      const other = Audit.generateSigningKey()
      const moved = { ...checkpoint, entries: 3 }
      const reasons = [
        Audit.verifyCheckpoint(moved, signing.publicKey),
        Audit.verifyCheckpoint({ ...checkpoint, head: "0".repeat(64) }, signing.publicKey),
        Audit.verifyCheckpoint(checkpoint, other.publicKey),
        Audit.verifyCheckpoint({ ...checkpoint, entries: -1 }, signing.publicKey),
        Audit.verifyCheckpoint(checkpoint, "not a key")
      ].map((r) => (Either.isLeft(r) ? r.left.reason : "accepted"))
      assert.deepStrictEqual(reasons, ["signature", "signature", "signature", "malformed", "key"])
      const refused = yield* Effect.flip(Audit.verify({ checkpoint: moved, publicKey: signing.publicKey }))
      assert.strictEqual(refused._tag, "AuditCheckpointInvalid")
      const refusedStore = yield* Effect.flip(Storage.verifyStore({ checkpoint: moved, publicKey: signing.publicKey }))
      assert.strictEqual(refusedStore._tag, "AuditCheckpointInvalid")
      // A checkpoint without the key to check it is refused too, not trusted.
      const noKey = yield* Effect.flip(Storage.verifyStore({ checkpoint }))
      assert.strictEqual(noKey._tag, "AuditCheckpointInvalid")
    }).pipe(Effect.provide(store())))

  it.effect("a signing key that is not Ed25519 is refused with a typed error", () =>
    Effect.gen(function*() {
      const rsa = crypto.generateKeyPairSync("rsa", { modulusLength: 1024 })
      const pem = rsa.privateKey.export({ format: "pem", type: "pkcs8" }).toString()
      const error = yield* Effect.flip(Layer.build(Audit.layerSigner(Redacted.make(pem))).pipe(Effect.scoped))
      assert.strictEqual(error._tag, "AuditCheckpointInvalid")
      assert.strictEqual(error.reason, "key")
      const short = yield* Effect.flip(Layer.build(Audit.layerChainKey(Redacted.make("too short"))).pipe(Effect.scoped))
      assert.strictEqual(short.reason, "key")
    }))

  it.effect("verify with a checkpoint detects a cut tail and a chain rewritten with hashOf", () =>
    Effect.gen(function*() {
      yield* writeSome
      const checkpoint = yield* Audit.checkpoint.pipe(Effect.provide(signer))
      const anchored = { checkpoint, publicKey: signing.publicKey }
      const hook = yield* tamper
      const adapter = yield* StorageAdapter.StorageAdapter
      // Rewrite entry 2 and every later one consistently: the chain alone still verifies.
      const all = yield* Audit.entries()
      let previous = all[0]!.entry.hash
      for (const { version, entry } of all.slice(1)) {
        const body = { actor: version === 2 ? "someone-else" : entry.actor, at: entry.at, change: entry.change, previous }
        const hash = Audit.hashOf(version, body)
        yield* hook.alterEvent(Audit.stream, version, { ...body, hash } as unknown as StorageAdapter.Json)
        previous = hash
      }
      assert.strictEqual((yield* Audit.verify()).entries, 4)
      const rewritten = yield* Effect.flip(Audit.verify(anchored))
      assert.deepStrictEqual([rewritten._tag, (rewritten as Audit.ChainBroken).version], ["AuditChainBroken", 4])
      // Cut the tail: the entries the checkpoint counted are gone.
      yield* hook.deleteEvent(Audit.stream, 4)
      yield* hook.deleteEvent(Audit.stream, 3)
      assert.strictEqual((yield* adapter.lastVersion(Audit.stream)), 2)
      const cut = (yield* Effect.flip(Audit.verify(anchored))) as Audit.ChainBroken
      assert.deepStrictEqual([cut.version, cut.reason], [3, "removed"])
    }).pipe(Effect.provide(store())))
})

describe("Audit chain key", () => {
  it.effect("entries carry an HMAC; an entry appended or rewritten without the key is named", () =>
    Effect.gen(function*() {
      yield* writeSome.pipe(Effect.provide(chainKey))
      const log = yield* Audit.entries()
      for (const { entry } of log) {
        assert.strictEqual(entry.mac, crypto.createHmac("sha256", secret).update(entry.hash).digest("hex"))
      }
      assert.strictEqual((yield* Audit.verify().pipe(Effect.provide(chainKey))).entries, 4)
      // Someone without the key appends a well-chained entry.
      const head = yield* Audit.head
      const body = { actor: "intruder", at: 1, change: log[0]!.entry.change, previous: head.hash }
      yield* (yield* StorageAdapter.StorageAdapter).appendEvents(Audit.stream, 4, [{
        type: Audit.eventType,
        recordedAt: 1,
        data: { ...body, hash: Audit.hashOf(5, body) } as unknown as StorageAdapter.Json
      }])
      assert.strictEqual((yield* Audit.verify()).entries, 5, "without the key it looks like a longer log")
      const error = (yield* Effect.flip(Audit.verify().pipe(Effect.provide(chainKey)))) as Audit.ChainBroken
      assert.deepStrictEqual([error.version, error.detail], [5, "it carries no MAC, but the chain is keyed"])
      // With a made-up MAC it is named too.
      yield* (yield* tamper).alterEvent(Audit.stream, 5, {
        ...body,
        hash: Audit.hashOf(5, body),
        mac: "ab".repeat(32)
      } as unknown as StorageAdapter.Json)
      const report = yield* Storage.verifyStore().pipe(Effect.provide(chainKey))
      assert.deepStrictEqual(keys(report)[0], "chainBroken $audit@5")
    }).pipe(Effect.provide(store())))

  it.effect("a store that turns the key on later requires MACs from `since` on", () =>
    Effect.gen(function*() {
      yield* writeSome
      const later = Audit.layerChainKey(Redacted.make(secret), { since: 5 })
      yield* notes.insert({ id: "c", text: "三", village: "v1" }, { actor: "clerk" }).pipe(Effect.provide(later))
      assert.strictEqual((yield* Audit.verify().pipe(Effect.provide(later))).entries, 5)
      const strict = (yield* Effect.flip(Audit.verify().pipe(Effect.provide(chainKey)))) as Audit.ChainBroken
      assert.strictEqual(strict.version, 1)
    }).pipe(Effect.provide(store())))
})

describe("Audit.verifyStore", () => {
  it.effect("a store written through Storage verifies, and the report says what was checked", () =>
    Effect.gen(function*() {
      yield* writeSome
      const report = yield* Storage.verifyStore({ pageSize: 1 })
      assert.deepStrictEqual(
        { ...report, head: undefined },
        { ok: true, findings: [], entries: 4, head: undefined, from: 1, documents: 2, events: 2, scanned: true }
      )
    }).pipe(Effect.provide(store())))

  it.effect("names every changed, missing and unnamed record through the adapter's raw handle", () =>
    Effect.gen(function*() {
      yield* writeSome
      yield* notes.insert({ id: "c", text: "三", village: "v3" }, { actor: "clerk" })
      yield* ticks.append("u", 0, [{ n: 1 }], { actor: "clerk" })
      const hook = yield* tamper
      yield* hook.alterDocument("notes", "a", { id: "a", text: "改", village: "v1" })
      yield* hook.deleteIndexEntry("notes", "b", "village")
      yield* hook.deleteDocument("notes", "c")
      yield* hook.insertDocument({ collection: "notes", id: "d", version: 1, data: { id: "d", text: "伪", village: "v1" }, indexes: {} })
      yield* hook.alterEventTime("ticks/t", 2, 0)
      yield* hook.insertEvent("ticks/t", 3, { type: "ticks", data: { n: 3 }, recordedAt: 0 })
      yield* hook.deleteEvent("ticks/u", 1)
      yield* hook.insertEvent("ticks/z", 1, { type: "ticks", data: { n: 1 }, recordedAt: 0 })
      const report = yield* Storage.verifyStore({ pageSize: 2 })
      assert.isFalse(report.ok)
      assert.deepStrictEqual(keys(report), [
        "contentChanged notes/a@2",
        "contentChanged notes/b@1",
        "recordMissing notes/c@1",
        "entryMissing notes/d@1",
        "contentChanged ticks/t@2",
        "entryMissing ticks/t@3",
        "recordMissing ticks/u@1",
        "entryMissing ticks/z@1"
      ])
      assert.strictEqual(report.findings[0]!.entry, 4)
      // The chain itself is intact: Audit.verify alone saw none of it.
      assert.strictEqual((yield* Audit.verify()).entries, 6)
    }).pipe(Effect.provide(store())))

  it.effect("incremental: from a checkpoint it walks only later entries and the records they name", () =>
    Effect.gen(function*() {
      yield* writeSome
      const checkpoint = yield* Audit.checkpoint.pipe(Effect.provide(signer))
      yield* notes.insert({ id: "c", text: "三", village: "v3" }, { actor: "clerk" })
      yield* ticks.append("t", 2, [{ n: 3 }], { actor: "clerk" })
      const since = { since: checkpoint, publicKey: signing.publicKey }
      const clean = yield* Storage.verifyStore(since)
      assert.deepStrictEqual(
        { ok: clean.ok, from: clean.from, entries: clean.entries, documents: clean.documents, events: clean.events, scanned: clean.scanned },
        { ok: true, from: 5, entries: 6, documents: 1, events: 1, scanned: false }
      )
      const hook = yield* tamper
      yield* hook.alterDocument("notes", "c", { id: "c", text: "改", village: "v3" })
      yield* hook.alterEvent("ticks/t", 3, { n: 30 })
      // Before the checkpoint: not looked at by an incremental run (say so in the docs), found by a full one.
      yield* hook.alterDocument("notes", "b", { id: "b", text: "改", village: "v2" })
      const incremental = yield* Storage.verifyStore(since)
      assert.deepStrictEqual(keys(incremental), ["contentChanged notes/c@1", "contentChanged ticks/t@3"])
      const full = yield* Storage.verifyStore({ checkpoint, publicKey: signing.publicKey })
      assert.deepStrictEqual(keys(full), ["contentChanged notes/b@1", "contentChanged notes/c@1", "contentChanged ticks/t@3"])
      // The checkpointed entry itself must still be there, unchanged.
      yield* hook.alterEvent(Audit.stream, 4, { changed: true })
      const broken = yield* Storage.verifyStore(since)
      assert.strictEqual(keys(broken)[0], "chainBroken $audit@4")
    }).pipe(Effect.provide(store())))

  it.effect("without scans an adapter is checked record by record, and the report says it was not scanned", () =>
    Effect.gen(function*() {
      yield* writeSome
      const { scanDocuments: _d, scanStreams: _s, ...rest } = yield* StorageAdapter.StorageAdapter
      const report = yield* Audit.verifyStore().pipe(Effect.provideService(StorageAdapter.StorageAdapter, rest))
      assert.deepStrictEqual([report.ok, report.scanned, report.documents, report.events], [true, false, 2, 2])
      yield* (yield* tamper).alterDocument("notes", "b", { id: "b", text: "改", village: "v2" })
      const found = yield* Audit.verifyStore().pipe(Effect.provideService(StorageAdapter.StorageAdapter, rest))
      assert.deepStrictEqual(keys(found), ["contentChanged notes/b@1"])
    }).pipe(Effect.provide(store())))

  it("entries written before the index and recordedAt bindings still hash the same", () => {
    // Pinned: the hash of an entry without the new optional fields did not change.
    const body = {
      actor: "clerk-01",
      at: Date.UTC(2026, 10, 28),
      change: {
        kind: "document" as const,
        collection: "villages",
        id: "v1",
        action: "create" as const,
        fromVersion: 0,
        toVersion: 1,
        digest: "ab".repeat(32)
      },
      previous: Audit.genesis
    }
    assert.strictEqual(Audit.hashOf(1, body), PINNED)
  })
})

const PINNED = "ed6aed16b9469ba07f7e89d4be52cfd823480f3fcde2bb90fd5dd4b40e14cddf"
