import { assert, describe, it } from "@effect/vitest"
import { Effect, Either, Layer, Option, Redacted, Schema } from "effect"
import { createCipheriv, randomBytes } from "node:crypto"
import { Audit, Ids, Kinship, LocalDate, Storage, StorageAdapter, SupervisionCase, Whistleblower } from "@qinglian/core"
import { WhistleblowerUnsafe } from "@qinglian/core/testing"
import { MemoryStorage } from "@qinglian/storage-memory"
import {
  caseId,
  countyOfficer,
  county,
  ctx,
  otherTown,
  otherTownSecretary,
  subjectCadre,
  town,
  townMember,
  townSecretary
} from "./SupervisionCase.fixtures.js"

const key = randomBytes(32)
const keyLayer = Whistleblower.layer({ keyId: "k-2026", key: Redacted.make(new Uint8Array(key)) })
const StoreLayer = Storage.layer.pipe(Layer.provideMerge(MemoryStorage.layer()))
const TestLayer = Layer.mergeAll(keyLayer, Whistleblower.layerStorageLog).pipe(Layer.provideMerge(StoreLayer))

const identity: Whistleblower.Identity = { name: "张三", phone: "13800000000", address: "西属村三组" }
// The commission knows no relatives of the subject here.
const policy = Whistleblower.defaultPolicy({ relations: [] })

// A lead registered in the store as `CaseStore.execute` writes it (the event the machine makes),
// so the tests do not depend on who may register a lead.
const storeLead = (source: SupervisionCase.LeadSource, id: Ids.CaseId = caseId, inTown: Ids.TownId = town) =>
  SupervisionCase.streams.append(id, 0, [{
    _tag: "LeadRegistered",
    on: LocalDate.unsafeMake("2026-03-02"),
    by: townSecretary.id,
    caseId: id,
    county,
    town: inTown,
    subject: { cadre: subjectCadre, category: "villageCadre" },
    source
  }], { actor: townSecretary.id })

const storeNamed = (id: Ids.CaseId = caseId, who: Whistleblower.Identity = identity) =>
  Effect.flatMap(Whistleblower.named(id, who), (reporter) => storeLead({ _tag: "Petition", reporter }, id))

// The reason of an Unreadable, or the tag of any other error.
const reasonOf = (e: { readonly _tag: string }) => "reason" in e ? e.reason : e._tag

const logOf = (id: Ids.CaseId = caseId) => Effect.flatMap(Whistleblower.WhistleblowerAccessLog, (l) => l.entries(id))

const sealedOf = (id: Ids.CaseId = caseId) =>
  Effect.map(SupervisionCase.load(id), (s) => {
    const src = s.source
    if (src?._tag !== "Petition" || src.reporter._tag !== "Named") throw new Error("no named reporter")
    return src.reporter.identity
  })

describe("Whistleblower", () => {
  it.effect("events carry only ciphertext: no name, phone or address in the stored stream", () =>
    Effect.gen(function*() {
      yield* storeNamed()
      const adapter = yield* StorageAdapter.StorageAdapter
      const stored = JSON.stringify(yield* adapter.readEvents(SupervisionCase.streams.streamName(caseId)))
      for (const secret of ["张三", "13800000000", "西属村"]) assert.isFalse(stored.includes(secret), secret)
      const sealed = yield* sealedOf()
      assert.strictEqual(Buffer.from(sealed.iv, "base64").length, 12)
      assert.strictEqual(Buffer.from(sealed.tag, "base64").length, 16)
      assert.deepStrictEqual([sealed.keyId, sealed.v], ["k-2026", 2])
    }).pipe(Effect.provide(TestLayer)))

  it.effect("a fresh IV each time: sealing twice gives different ciphertexts", () =>
    Effect.gen(function*() {
      const a = yield* Whistleblower.seal(caseId, identity)
      const b = yield* Whistleblower.seal(caseId, identity)
      assert.notStrictEqual(a.iv, b.iv)
      assert.notStrictEqual(a.ciphertext, b.ciphertext)
    }).pipe(Effect.provide(TestLayer)))

  it.effect("the town discipline secretary and the county commission may read; the read is logged", () =>
    Effect.gen(function*() {
      yield* storeNamed()
      assert.deepStrictEqual(yield* Whistleblower.reveal(caseId, townSecretary, policy), Option.some(identity))
      assert.deepStrictEqual(yield* Whistleblower.reveal(caseId, countyOfficer, policy), Option.some(identity))
      const entries = yield* logOf()
      assert.deepStrictEqual(entries.map((e) => [e.caseId, e.actor, e.granted, e.outcome]), [
        [caseId, townSecretary.id, true, undefined],
        [caseId, countyOfficer.id, true, undefined]
      ])
    }).pipe(Effect.provide(TestLayer)))

  it.effect("anyone else is Forbidden, and the refused attempt is logged too", () =>
    Effect.gen(function*() {
      yield* storeNamed()
      const subjectAsSecretary = { ...townSecretary, id: subjectCadre }
      for (const actor of [townMember, otherTownSecretary, subjectAsSecretary]) {
        const err = yield* Effect.flip(Whistleblower.reveal(caseId, actor, policy))
        assert.deepStrictEqual([err._tag, (err as SupervisionCase.Forbidden).reason], ["Forbidden", "policy"])
      }
      const entries = yield* logOf()
      assert.strictEqual(entries.length, 3)
      assert.isTrue(entries.every((e) => !e.granted && e.reason !== undefined))
    }).pipe(Effect.provide(TestLayer)))

  it.effect("the case view comes from the store: a caller cannot rewrite the town to pass the policy", () =>
    Effect.gen(function*() {
      yield* storeNamed()
      // Before, reveal took the caller's view of the case: the secretary of another town rewrote
      // its town to their own and was granted. Now it takes the case id only…
      const state = yield* SupervisionCase.load(caseId)
      const rewritten = { ...state, town: otherTown }
      // @ts-expect-error a case view is no longer accepted
      void Whistleblower.reveal(rewritten, otherTownSecretary, policy)
      // …and the policy sees the stored town.
      const err = yield* Effect.flip(Whistleblower.reveal(caseId, otherTownSecretary, policy))
      assert.deepStrictEqual([err._tag, (err as SupervisionCase.Forbidden).detail], [
        "Forbidden",
        "the case is outside the actor's jurisdiction"
      ])
      const seen: Array<Whistleblower.CaseView> = []
      const spy: Whistleblower.AccessPolicy = (actor, c) => {
        seen.push(c)
        return policy(actor, c)
      }
      yield* Effect.flip(Whistleblower.reveal(caseId, otherTownSecretary, spy))
      assert.deepStrictEqual(seen.map((c) => [c.id, c.county, c.town]), [[caseId, county, town]])
    }).pipe(Effect.provide(TestLayer)))

  it.effect("a policy can be a table of posts, and relatives of the subject are refused", () =>
    Effect.gen(function*() {
      yield* storeNamed()
      const policy = Whistleblower.byPosts({
        town: ["townDisciplineSecretary", "townDisciplineMember"],
        county: ["countyDisciplineOfficer"],
        isRelated: (a, b) => a === townMember.id && b === subjectCadre
      })
      const err = yield* Effect.flip(Whistleblower.reveal(caseId, townMember, policy))
      assert.strictEqual(err._tag, "Forbidden")
      const member2 = { ...townMember, id: Ids.CadreId.make("t-qian") }
      assert.deepStrictEqual(yield* Whistleblower.reveal(caseId, member2, policy), Option.some(identity))
    }).pipe(Effect.provide(TestLayer)))

  it.effect("the default policy refuses a relative of the subject who holds the secretary post, as decide does", () =>
    Effect.gen(function*() {
      yield* storeNamed()
      const state = yield* SupervisionCase.load(caseId)
      const relative = { ...townSecretary, id: Ids.CadreId.make("t-relative") }
      const relations: ReadonlyArray<Kinship.Relation> = [
        { a: { cadreId: subjectCadre }, b: { cadreId: relative.id }, kind: "sibling" }
      ]
      // decide refuses the relative as a handler of the case (回避) ...
      const handled = SupervisionCase.decide(state, { _tag: "DisposeLead", way: "hold" }, { ...ctx("2026-03-03", relative), relations })
      assert.isTrue(Either.isLeft(handled) && handled.left._tag === "Forbidden" && handled.left.reason === "recusal")
      // ... and the default policy, given the same relations, refuses them the reporter's identity.
      const err = yield* Effect.flip(Whistleblower.reveal(caseId, relative, Whistleblower.defaultPolicy({ relations })))
      assert.deepStrictEqual([err._tag, (err as SupervisionCase.Forbidden).reason], ["Forbidden", "policy"])
      assert.include((err as SupervisionCase.Forbidden).detail, "回避")
      const byPredicate = Whistleblower.defaultPolicy({ isRelated: (a, b) => a === relative.id && b === subjectCadre })
      const err2 = yield* Effect.flip(Whistleblower.reveal(caseId, relative, byPredicate))
      assert.strictEqual(err2._tag, "Forbidden")
      // An unrelated secretary is still allowed under the same policy.
      assert.deepStrictEqual(yield* Whistleblower.reveal(caseId, townSecretary, Whistleblower.defaultPolicy({ relations })), Option.some(identity))
    }).pipe(Effect.provide(TestLayer)))

  it.effect("anonymous reports and non-petition leads reveal nothing, and every attempt on them is logged", () =>
    Effect.gen(function*() {
      const anon = Ids.CaseId.make("case-anon")
      const daily = Ids.CaseId.make("case-daily")
      const missing = Ids.CaseId.make("case-missing")
      yield* storeLead({ _tag: "Petition", reporter: Whistleblower.anonymous }, anon)
      yield* storeLead({ _tag: "DailySupervision" }, daily)
      for (const id of [anon, daily]) {
        assert.deepStrictEqual(yield* Whistleblower.reveal(id, townSecretary, policy), Option.none())
        // The policy still applies: a refused actor cannot tell an anonymous case from a named one.
        const err = yield* Effect.flip(Whistleblower.reveal(id, townMember, policy))
        assert.strictEqual(err._tag, "Forbidden")
        assert.deepStrictEqual((yield* logOf(id)).map((e) => [e.actor, e.granted, e.outcome]), [
          [townSecretary.id, true, "nothingToReveal"],
          [townMember.id, false, "nothingToReveal"]
        ])
      }
      // A case that was never stored: nothing to reveal, and the attempt is logged.
      const err = yield* Effect.flip(Whistleblower.reveal(missing, townSecretary, policy))
      assert.strictEqual(err._tag, "Forbidden")
      assert.deepStrictEqual((yield* logOf(missing)).map((e) => [e.granted, e.outcome]), [[false, "nothingToReveal"]])
    }).pipe(Effect.provide(TestLayer)))

  it.effect("if the access log cannot be written, nothing is revealed (fail closed)", () =>
    Effect.gen(function*() {
      yield* storeNamed()
      const failing = Layer.succeed(Whistleblower.WhistleblowerAccessLog, {
        record: () => Effect.fail("disk full"),
        entries: () => Effect.succeed([])
      })
      const err = yield* Effect.flip(Whistleblower.reveal(caseId, townSecretary, policy).pipe(Effect.provide(failing)))
      assert.deepStrictEqual([err._tag, (err as Whistleblower.AccessNotLogged).cause], ["WhistleblowerAccessNotLogged", "disk full"])
    }).pipe(Effect.provide(TestLayer)))

  it.effect("an access log append that keeps losing its race is retried a bounded number of times, then refused", () =>
    Effect.gen(function*() {
      let attempts = 0
      // An adapter that checks versions without locking, and always finds the access stream moved.
      const racing = Layer.effect(
        StorageAdapter.StorageAdapter,
        Effect.map(MemoryStorage.make, ({ adapter }) => ({
          ...adapter,
          appendEvents: (stream: string, expected: number, events: ReadonlyArray<StorageAdapter.NewEvent>) => {
            if (!stream.startsWith(Whistleblower.accessStreams.streamName(""))) return adapter.appendEvents(stream, expected, events)
            attempts++
            return Effect.fail(new StorageAdapter.ConcurrencyConflict({ kind: "stream", key: stream, expected, actual: expected + 1 }))
          }
        }))
      )
      const layer = Layer.mergeAll(keyLayer, Whistleblower.layerStorageLog).pipe(Layer.provideMerge(Storage.layer.pipe(Layer.provideMerge(racing))))
      const err = yield* Effect.flip(Effect.zipRight(storeNamed(), Whistleblower.reveal(caseId, townSecretary, policy)).pipe(Effect.provide(layer)))
      assert.strictEqual(err._tag, "WhistleblowerAccessNotLogged")
      assert.strictEqual(attempts, Whistleblower.accessLogAttempts)
    }))

  it.effect("200 concurrent reveals from fibers of one process: none refused, one log entry each", () =>
    Effect.gen(function*() {
      // Calls that yield, as a networked adapter's do (PostgreSQL), so that fibers interleave between
      // reading the access stream's last version and appending to it.
      const asynchronous = Layer.effect(
        StorageAdapter.StorageAdapter,
        Effect.map(MemoryStorage.make, ({ adapter }) => ({
          ...adapter,
          lastVersion: (stream: string) => Effect.zipLeft(adapter.lastVersion(stream), Effect.yieldNow()),
          appendEvents: (stream: string, expected: number, events: ReadonlyArray<StorageAdapter.NewEvent>) =>
            Effect.zipRight(Effect.yieldNow(), adapter.appendEvents(stream, expected, events))
        }))
      )
      const layer = Layer.mergeAll(keyLayer, Whistleblower.layerStorageLog).pipe(
        Layer.provideMerge(Storage.layer.pipe(Layer.provideMerge(asynchronous)))
      )
      yield* Effect.gen(function*() {
        yield* storeNamed()
        const results = yield* Effect.forEach(
          Array.from({ length: 200 }, (_, i) => i % 2 === 0 ? townSecretary : countyOfficer),
          (actor) => Effect.either(Whistleblower.reveal(caseId, actor, policy)),
          { concurrency: 50 }
        )
        assert.deepStrictEqual(results.filter(Either.isLeft).map((r) => r.left._tag), [])
        const stored = yield* Whistleblower.accessStreams.read(caseId)
        assert.deepStrictEqual(stored.map((e) => e.version), Array.from({ length: 200 }, (_, i) => i + 1))
        yield* Effect.provideService(Audit.verify(), StorageAdapter.StorageAdapter, (yield* Storage.Storage).adapter)
      }).pipe(Effect.provide(layer))
    }))
})

describe("Whistleblower sealing (AES-256-GCM)", () => {
  it.effect("a ciphertext does not open under another key, for another case, relabelled, or once altered", () =>
    Effect.gen(function*() {
      const sealed = yield* Whistleblower.seal(caseId, identity)
      const otherKey = Whistleblower.layer({ keyId: "k-2026", key: Redacted.make(new Uint8Array(randomBytes(32))) })
      const e1 = yield* Effect.flip(WhistleblowerUnsafe.unseal(caseId, sealed).pipe(Effect.provide(otherKey)))
      assert.strictEqual(reasonOf(e1), "authenticationFailed")
      const e2 = yield* Effect.flip(WhistleblowerUnsafe.unseal(Ids.CaseId.make("case-2"), sealed))
      assert.strictEqual(reasonOf(e2), "authenticationFailed")
      const bytes = Buffer.from(sealed.ciphertext, "base64")
      bytes[0] = bytes[0]! ^ 1
      const e3 = yield* Effect.flip(WhistleblowerUnsafe.unseal(caseId, { ...sealed, ciphertext: bytes.toString("base64") }))
      assert.strictEqual(reasonOf(e3), "authenticationFailed")
      const e4 = yield* Effect.flip(WhistleblowerUnsafe.unseal(caseId, { ...sealed, keyId: "k-2025" }))
      assert.strictEqual(reasonOf(e4), "unknownKey")
      // The key id is authenticated: relabelled to another key of the ring holding the same bytes, it
      // does not open.
      const twin = Whistleblower.layer({
        keys: [{ keyId: "k-2026", key: Redacted.make(new Uint8Array(key)) }, { keyId: "k-twin", key: Redacted.make(new Uint8Array(key)) }],
        active: "k-2026"
      })
      const e5 = yield* Effect.flip(WhistleblowerUnsafe.unseal(caseId, { ...sealed, keyId: "k-twin" }).pipe(Effect.provide(twin)))
      assert.strictEqual(reasonOf(e5), "authenticationFailed")
      // Its format too: dropping `v` (to open it as a 0.1.0 identity, case id only) fails.
      const { v: _v, ...unversioned } = sealed
      const e6 = yield* Effect.flip(WhistleblowerUnsafe.unseal(caseId, unversioned))
      assert.strictEqual(reasonOf(e6), "authenticationFailed")
      assert.deepStrictEqual(yield* WhistleblowerUnsafe.unseal(caseId, sealed), identity)
    }).pipe(Effect.provide(TestLayer)))

  it.effect("a tag cut to 4 bytes is refused by the schema and does not open; so is an IV that is not 12 bytes", () =>
    Effect.gen(function*() {
      const sealed = yield* Whistleblower.seal(caseId, identity)
      const short = { ...sealed, tag: Buffer.from(sealed.tag, "base64").subarray(0, 4).toString("base64") }
      const longIv = { ...sealed, iv: randomBytes(16).toString("base64") }
      for (const bad of [short, longIv]) {
        assert.isTrue(Either.isLeft(Schema.decodeUnknownEither(SupervisionCase.SealedIdentity)(bad)))
        // Not even a stored event can carry it.
        const appended = yield* Effect.either(storeLead({ _tag: "Petition", reporter: { _tag: "Named", identity: bad } }))
        assert.isTrue(Either.isLeft(appended) && appended.left._tag === "InvalidInput")
        const opened = yield* Effect.flip(WhistleblowerUnsafe.unseal(caseId, bad))
        assert.strictEqual(opened.reason, "malformed")
      }
      assert.strictEqual(yield* SupervisionCase.streams.lastVersion(caseId), 0)
      assert.isTrue(Either.isRight(Schema.decodeUnknownEither(SupervisionCase.SealedIdentity)(sealed)))
    }).pipe(Effect.provide(TestLayer)))

  it.effect("keys that are not 32 bytes, and keyrings that cannot work, are refused when the layer is built", () =>
    Effect.gen(function*() {
      const k = (n: number) => Redacted.make(new Uint8Array(n))
      const build = (options: Whistleblower.KeyringOptions) => Effect.flip(Effect.provide(Whistleblower.WhistleblowerKey, Whistleblower.layer(options)))
      const e = yield* build({ keyId: "short", key: k(16) })
      assert.deepStrictEqual([e._tag, (e as Whistleblower.InvalidKey).length], ["WhistleblowerInvalidKey", 16])
      assert.isFalse(String(Redacted.make(key)).includes(key.toString("hex")))
      const reasons = [
        yield* build({ keys: [], active: "a" }),
        yield* build({ keys: [{ keyId: "", key: k(32) }], active: "" }),
        yield* build({ keys: [{ keyId: "a", key: k(32) }, { keyId: "a", key: k(32) }], active: "a" }),
        yield* build({ keys: [{ keyId: "a", key: k(32) }], active: "b" })
      ].map((e) => e._tag === "WhistleblowerInvalidKeyring" ? e.reason : e._tag)
      assert.deepStrictEqual(reasons, ["noKeys", "emptyKeyId", "duplicateKeyId", "activeNotInRing"])
      // The single-key form without an id is a ring of one under the documented default id.
      const ring = yield* Effect.provide(Whistleblower.WhistleblowerKey, Whistleblower.layer({ key: k(32) }))
      assert.deepStrictEqual([ring.active, [...ring.keys.keys()]], [Whistleblower.defaultKeyId, ["default"]])
    }))

  it("a named reporter needs a name", () => {
    const r = Schema.decodeUnknownEither(Whistleblower.Identity)({ name: "", phone: "1" })
    assert.isTrue(Either.isLeft(r))
  })
})

// The 0.1.0 format: no `v`, the case id alone as additional authenticated data.
const sealLegacy = (id: Ids.CaseId, keyId: string, keyBytes: Uint8Array, who: Whistleblower.Identity): SupervisionCase.SealedIdentity => {
  const iv = randomBytes(12)
  const cipher = createCipheriv("aes-256-gcm", keyBytes, iv)
  cipher.setAAD(Buffer.from(id, "utf8"))
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(who), "utf8"), cipher.final()])
  return { alg: "A256GCM", keyId, iv: iv.toString("base64"), tag: cipher.getAuthTag().toString("base64"), ciphertext: ciphertext.toString("base64") }
}

describe("Whistleblower key rotation and re-sealing", () => {
  const oldKey = new Uint8Array(randomBytes(32))
  const newKey = new Uint8Array(randomBytes(32))
  const oldOnly = Whistleblower.layer({ keyId: "k-2026", key: Redacted.make(oldKey) })
  const rotated = Whistleblower.layer({
    keys: [{ keyId: "k-2026", key: Redacted.make(oldKey) }, { keyId: "k-2027", key: Redacted.make(newKey) }],
    active: "k-2027"
  })
  const newOnly = Whistleblower.layer({ keyId: "k-2027", key: Redacted.make(newKey) })
  const ids = Array.from({ length: 5 }, (_, i) => Ids.CaseId.make(`case-r${i}`))
  const who = (i: number): Whistleblower.Identity => ({ name: `举报人${i}`, phone: `1380000000${i}` })
  const clerk = { id: "county-it-01", posts: ["countyDisciplineOfficer"] }

  it.effect("old identities stay readable, re-sealing moves them to the active key, one audit entry each, resumable", () =>
    Effect.gen(function*() {
      // Four named cases sealed under the old key, one anonymous.
      for (const [i, id] of ids.slice(0, 4).entries()) yield* storeNamed(id, who(i)).pipe(Effect.provide(oldOnly))
      yield* storeLead({ _tag: "Petition", reporter: Whistleblower.anonymous }, ids[4]!)

      // After rotation the old identities still open, and new ones are sealed under the new key.
      yield* Effect.gen(function*() {
        assert.deepStrictEqual(yield* Whistleblower.reveal(ids[0]!, townSecretary, policy), Option.some(who(0)))
        const fresh = yield* Whistleblower.seal(caseId, identity)
        assert.strictEqual(fresh.keyId, "k-2027")
      }).pipe(Effect.provide(rotated))

      // A run stopped after two identities …
      const auditBefore = (yield* Audit.entries()).length
      const first = yield* Whistleblower.reseal({ actor: clerk, limit: 2 }).pipe(Effect.provide(rotated))
      assert.deepStrictEqual({ ...first, failed: first.failed.length }, { scanned: 2, resealed: 2, current: 0, noIdentity: 0, failed: 0 })
      // … is finished by running it again, which skips what is done.
      const second = yield* Whistleblower.reseal({ actor: clerk }).pipe(Effect.provide(rotated))
      assert.deepStrictEqual({ ...second, failed: second.failed.length }, { scanned: 5, resealed: 2, current: 2, noIdentity: 1, failed: 0 })
      const third = yield* Whistleblower.reseal({ actor: clerk }).pipe(Effect.provide(rotated))
      assert.deepStrictEqual([third.resealed, third.current], [0, 4])

      // One audit entry per identity, under the clerk, in the re-sealed collection.
      const audit = (yield* Audit.entries()).slice(auditBefore)
      assert.deepStrictEqual(
        audit.map((a) => [Audit.actorId(a.entry.actor), a.entry.change.kind === "document" ? `${a.entry.change.collection}/${a.entry.change.id}` : "stream"]),
        ids.slice(0, 4).map((id) => ["county-it-01", `whistleblowerIdentities/${id}`])
      )
      const docs = yield* Effect.forEach(ids.slice(0, 4), (id) => Whistleblower.resealedIdentities.getOrFail(id))
      assert.isTrue(docs.every((d) => d.value.identity.keyId === "k-2027" && d.value.identity.v === 2 && d.value.previousKeyId === "k-2026"))
      // The event log is untouched: each stream still holds one event, under the old key.
      for (const id of ids.slice(0, 4)) {
        assert.strictEqual(yield* SupervisionCase.streams.lastVersion(id), 1)
        assert.strictEqual((yield* sealedOf(id)).keyId, "k-2026")
      }

      // The old key retired: every identity still reveals, with the new key alone.
      for (const [i, id] of ids.slice(0, 4).entries()) {
        assert.deepStrictEqual(yield* Whistleblower.reveal(id, townSecretary, policy).pipe(Effect.provide(newOnly)), Option.some(who(i)))
      }
      yield* Audit.verify()
    }).pipe(Effect.provide(TestLayer)))

  it.effect("identities sealed by 0.1.0 (no format version: the case id alone authenticated) open, and re-seal to the current format", () =>
    Effect.gen(function*() {
      const legacy = sealLegacy(caseId, "k-2026", oldKey, identity)
      yield* storeLead({ _tag: "Petition", reporter: { _tag: "Named", identity: legacy } })
      assert.deepStrictEqual(yield* Whistleblower.reveal(caseId, townSecretary, policy).pipe(Effect.provide(oldOnly)), Option.some(identity))
      // Still bound to its case.
      const moved = yield* Effect.flip(WhistleblowerUnsafe.unseal(Ids.CaseId.make("case-2"), legacy).pipe(Effect.provide(oldOnly)))
      assert.strictEqual(reasonOf(moved), "authenticationFailed")
      // Same key, older format: re-sealing moves it to the current format.
      const report = yield* Whistleblower.reseal({ actor: clerk }).pipe(Effect.provide(oldOnly))
      assert.deepStrictEqual([report.resealed, report.current], [1, 0])
      const doc = yield* Whistleblower.resealedIdentities.getOrFail(caseId)
      assert.deepStrictEqual([doc.value.identity.keyId, doc.value.identity.v], ["k-2026", 2])
      assert.deepStrictEqual(yield* Whistleblower.reveal(caseId, townSecretary, policy).pipe(Effect.provide(oldOnly)), Option.some(identity))
    }).pipe(Effect.provide(TestLayer)))

  it.effect("an identity whose key is not in the ring is reported and left as it was; the others are re-sealed", () =>
    Effect.gen(function*() {
      const lost = Whistleblower.layer({ keyId: "k-lost", key: Redacted.make(new Uint8Array(randomBytes(32))) })
      yield* storeNamed(ids[0]!, who(0)).pipe(Effect.provide(lost))
      yield* storeNamed(ids[1]!, who(1)).pipe(Effect.provide(oldOnly))
      const report = yield* Whistleblower.reseal({ actor: clerk }).pipe(Effect.provide(rotated))
      assert.deepStrictEqual(report.failed.map((f) => [f.caseId, f.error._tag]), [[ids[0]!, "WhistleblowerUnreadable"]])
      assert.strictEqual(report.resealed, 1)
      assert.isTrue(Option.isNone(yield* Whistleblower.resealedIdentities.get(ids[0]!)))
    }).pipe(Effect.provide(TestLayer)))
})
