import { assert, describe, it } from "@effect/vitest"
import { Effect, Either, Exit, Layer, Option, Redacted, Schema } from "effect"
import { randomBytes } from "node:crypto"
import { Ids, Kinship, SupervisionCase, Whistleblower } from "@qinglian/core"
import { caseId, countyOfficer, ctx, otherTownSecretary, register, run, subjectCadre, townMember, townSecretary } from "./SupervisionCase.fixtures.js"

const key = randomBytes(32)
const keyLayer = Whistleblower.layer({ keyId: "k-2026", key: Redacted.make(new Uint8Array(key)) })
const TestLayer = Layer.merge(keyLayer, Whistleblower.layerMemoryLog)

const identity: Whistleblower.Identity = { name: "张三", phone: "13800000000", address: "西属村三组" }
// The commission knows no relatives of the subject here.
const policy = Whistleblower.defaultPolicy({ relations: [] })

const namedCase = Effect.gen(function*() {
  const reporter = yield* Whistleblower.named(caseId, identity)
  return run([[register({ source: { _tag: "Petition", reporter } }), "2026-03-02"]])
})

describe("Whistleblower", () => {
  it.effect("events carry only ciphertext: no name, phone or address in the stored stream", () =>
    Effect.gen(function*() {
      const { events, state } = yield* namedCase
      const stored = JSON.stringify(events)
      for (const secret of ["张三", "13800000000", "西属村"]) assert.isFalse(stored.includes(secret), secret)
      const src = state.source
      assert.isTrue(src?._tag === "Petition" && src.reporter._tag === "Named")
      if (src?._tag === "Petition" && src.reporter._tag === "Named") {
        assert.strictEqual(Buffer.from(src.reporter.identity.iv, "base64").length, 12)
        assert.strictEqual(Buffer.from(src.reporter.identity.tag, "base64").length, 16)
        assert.strictEqual(src.reporter.identity.keyId, "k-2026")
      }
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
      const { state } = yield* namedCase
      assert.deepStrictEqual(yield* Whistleblower.reveal(state, townSecretary, policy), Option.some(identity))
      assert.deepStrictEqual(yield* Whistleblower.reveal(state, countyOfficer, policy), Option.some(identity))
      const log = yield* Whistleblower.WhistleblowerAccessLog
      const entries = yield* log.entries(caseId)
      assert.deepStrictEqual(entries.map((e) => [e.caseId, e.actor, e.granted]), [
        [caseId, townSecretary.id, true],
        [caseId, countyOfficer.id, true]
      ])
    }).pipe(Effect.provide(TestLayer)))

  it.effect("anyone else is Forbidden, and the refused attempt is logged too", () =>
    Effect.gen(function*() {
      const { state } = yield* namedCase
      const subjectAsSecretary = { ...townSecretary, id: subjectCadre }
      for (const actor of [townMember, otherTownSecretary, subjectAsSecretary]) {
        const exit = yield* Effect.exit(Whistleblower.reveal(state, actor, policy))
        assert.isTrue(Exit.isFailure(exit))
        const err = yield* Effect.flip(Whistleblower.reveal(state, actor, policy))
        assert.deepStrictEqual([err._tag, (err as SupervisionCase.Forbidden).reason], ["Forbidden", "policy"])
      }
      const entries = yield* Effect.flatMap(Whistleblower.WhistleblowerAccessLog, (l) => l.entries(caseId))
      assert.strictEqual(entries.length, 6)
      assert.isTrue(entries.every((e) => !e.granted && e.reason !== undefined))
    }).pipe(Effect.provide(TestLayer)))

  it.effect("a policy can be a table of posts, and relatives of the subject are refused", () =>
    Effect.gen(function*() {
      const { state } = yield* namedCase
      const policy = Whistleblower.byPosts({
        town: ["townDisciplineSecretary", "townDisciplineMember"],
        county: ["countyDisciplineOfficer"],
        isRelated: (a, b) => a === townMember.id && b === subjectCadre
      })
      const err = yield* Effect.flip(Whistleblower.reveal(state, townMember, policy))
      assert.strictEqual(err._tag, "Forbidden")
      const member2 = { ...townMember, id: Ids.CadreId.make("t-qian") }
      assert.deepStrictEqual(yield* Whistleblower.reveal(state, member2, policy), Option.some(identity))
    }).pipe(Effect.provide(TestLayer)))

  it.effect("the default policy refuses a relative of the subject who holds the secretary post, as decide does", () =>
    Effect.gen(function*() {
      const { state } = yield* namedCase
      const relative = { ...townSecretary, id: Ids.CadreId.make("t-relative") }
      const relations: ReadonlyArray<Kinship.Relation> = [
        { a: { cadreId: subjectCadre }, b: { cadreId: relative.id }, kind: "sibling" }
      ]
      // decide refuses the relative as a handler of the case (回避) ...
      const handled = SupervisionCase.decide(state, { _tag: "DisposeLead", way: "hold" }, { ...ctx("2026-03-03", relative), relations })
      assert.isTrue(Either.isLeft(handled) && handled.left._tag === "Forbidden" && handled.left.reason === "recusal")
      // ... and the default policy, given the same relations, refuses them the reporter's identity.
      const err = yield* Effect.flip(Whistleblower.reveal(state, relative, Whistleblower.defaultPolicy({ relations })))
      assert.deepStrictEqual([err._tag, (err as SupervisionCase.Forbidden).reason], ["Forbidden", "policy"])
      assert.include((err as SupervisionCase.Forbidden).detail, "回避")
      const byPredicate = Whistleblower.defaultPolicy({ isRelated: (a, b) => a === relative.id && b === subjectCadre })
      const err2 = yield* Effect.flip(Whistleblower.reveal(state, relative, byPredicate))
      assert.strictEqual(err2._tag, "Forbidden")
      // An unrelated secretary is still allowed under the same policy.
      assert.deepStrictEqual(yield* Whistleblower.reveal(state, townSecretary, Whistleblower.defaultPolicy({ relations })), Option.some(identity))
    }).pipe(Effect.provide(TestLayer)))

  it.effect("anonymous reports and non-petition leads reveal nothing", () =>
    Effect.gen(function*() {
      const anon = run([[register({ source: { _tag: "Petition", reporter: Whistleblower.anonymous } }), "2026-03-02"]]).state
      assert.deepStrictEqual(yield* Whistleblower.reveal(anon, townSecretary, policy), Option.none())
      const daily = run([[register(), "2026-03-02"]]).state
      assert.deepStrictEqual(yield* Whistleblower.reveal(daily, townSecretary, policy), Option.none())
    }).pipe(Effect.provide(TestLayer)))

  it.effect("a ciphertext does not open under another key, for another case, or once altered", () =>
    Effect.gen(function*() {
      const sealed = yield* Whistleblower.seal(caseId, identity)
      const otherKey = Whistleblower.layer({ keyId: "k-2026", key: Redacted.make(new Uint8Array(randomBytes(32))) })
      const e1 = yield* Effect.flip(Whistleblower.unseal(caseId, sealed).pipe(Effect.provide(otherKey)))
      assert.strictEqual(e1._tag === "WhistleblowerUnreadable" && e1.reason, "authenticationFailed")
      const e2 = yield* Effect.flip(Whistleblower.unseal(Ids.CaseId.make("case-2"), sealed))
      assert.strictEqual(e2.reason, "authenticationFailed")
      const bytes = Buffer.from(sealed.ciphertext, "base64")
      bytes[0] = bytes[0]! ^ 1
      const e3 = yield* Effect.flip(Whistleblower.unseal(caseId, { ...sealed, ciphertext: bytes.toString("base64") }))
      assert.strictEqual(e3.reason, "authenticationFailed")
      const e4 = yield* Effect.flip(Whistleblower.unseal(caseId, { ...sealed, keyId: "k-2025" }))
      assert.strictEqual(e4.reason, "unknownKey")
    }).pipe(Effect.provide(TestLayer)))

  it.effect("a key that is not 32 bytes is refused when the layer is built", () =>
    Effect.gen(function*() {
      const bad = Whistleblower.layer({ keyId: "short", key: Redacted.make(new Uint8Array(16)) })
      const e = yield* Effect.flip(Effect.provide(Whistleblower.WhistleblowerKey, bad))
      assert.deepStrictEqual([e._tag, e.length], ["WhistleblowerInvalidKey", 16])
      assert.isFalse(String(Redacted.make(key)).includes(key.toString("hex")))
    }))

  it("a named reporter needs a name", () => {
    const r = Schema.decodeUnknownEither(Whistleblower.Identity)({ name: "", phone: "1" })
    assert.isTrue(Either.isLeft(r))
  })
})
