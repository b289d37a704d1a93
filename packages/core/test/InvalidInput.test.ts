import { assert, describe, it } from "@effect/vitest"
import { InvalidInput, LocalDate, Money } from "@qinglian/core"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"

const Exercise = Schema.Struct({
  village: Schema.String.pipe(Schema.minLength(1, { message: () => "name the village" })),
  date: LocalDate.LocalDate,
  items: Schema.Array(Schema.Struct({ label: Schema.String, cost: Money.Money }))
})

const decode = InvalidInput.decodeUnknown(Exercise, "exercise")
const decodeJson = InvalidInput.decodeJson(Exercise, "exercise")

const leftOf = <A>(r: Either.Either<A, InvalidInput.InvalidInput>): InvalidInput.InvalidInput => {
  if (Either.isRight(r)) return assert.fail("expected InvalidInput")
  return r.left
}

describe("InvalidInput", () => {
  it("decodes good input to the typed value", () => {
    const r = decode({ village: "西属村", date: "2026-05-20", items: [{ label: "路灯", cost: { amount: 3, unit: "yuan" } }] })
    assert.deepStrictEqual(r, Either.right({ village: "西属村", date: LocalDate.unsafeMake("2026-05-20"), items: [{ label: "路灯", cost: Money.fen(300) }] }))
  })

  it("names every bad path, with array indices as numbers", () => {
    const e = leftOf(
      decode({
        village: "",
        date: "2026-02-30",
        items: [{ label: "路灯", cost: { amount: 3, unit: "yuan" } }, { label: 7, cost: { amount: -3, unit: "yuan" } }]
      })
    )
    assert.strictEqual(e._tag, "InvalidInput")
    assert.strictEqual(e.subject, "exercise")
    assert.deepStrictEqual(
      e.issues.map((i) => i.path),
      [["village"], ["date"], ["items", 1, "label"], ["items", 1, "cost", "amount"]]
    )
    assert.strictEqual(e.issues[0]?.detail, "name the village")
  })

  it("names a missing key", () => {
    const e = leftOf(decode({ village: "西属村", date: "2026-05-20" }))
    assert.deepStrictEqual(e.issues.map(({ detail, path }) => ({ path, detail })), [{ path: ["items"], detail: "is missing" }])
  })

  it("reads as one line a person can act on", () => {
    const e = leftOf(decode({ village: "", date: "2026-05-20", items: [] }))
    assert.strictEqual(e.message, "invalid exercise: village: name the village")
    const root = leftOf(decode("not an object"))
    assert.match(root.message, /^invalid exercise: \(root\): /)
  })

  // Unknown keys used to be dropped silently, which is how a county would lose a misspelt field
  // without noticing; the boundary now refuses them at their path.
  it("refuses keys it does not know, at their path", () => {
    const e = leftOf(decode({ village: "西属村", date: "2026-05-20", items: [{ label: "x", cost: { amount: 1, unit: "yuan" }, note: 1 }], remark: "extra" }))
    assert.sameDeepMembers(e.issues.map((i) => i.path), [["items", 0, "note"], ["remark"]])
  })

  it("skips a UTF-8 byte order mark before JSON text", () => {
    assert.isTrue(Either.isRight(decodeJson("\uFEFF" + JSON.stringify({ village: "西属村", date: "2026-05-20", items: [] }))))
  })

  it("refuses input nested deeper than maxDepth with one issue, never a RangeError", () => {
    const deep = "[".repeat(2200) + "]".repeat(2200)
    const e = leftOf(decodeJson(deep))
    assert.strictEqual(e.issues.length, 1)
    assert.strictEqual(e.issues[0]!.path.length, InvalidInput.maxDepth)
    assert.include(e.issues[0]!.detail, "deeper")
    const deepObject = JSON.parse("{\"a\":".repeat(5000) + "1" + "}".repeat(5000))
    assert.isTrue(Either.isLeft(decode(deepObject)))
  })

  it("never throws on text that is not a string", () => {
    assert.isTrue(Either.isLeft(decodeJson(42 as unknown as string)))
  })

  it("refuses __proto__, constructor and prototype as record keys", () => {
    const Table = Schema.Record({ key: InvalidInput.RecordKey, value: Schema.Number })
    const decodeTable = InvalidInput.decodeJson(Table, "table")
    for (const key of InvalidInput.forbiddenKeys) {
      const e = leftOf(decodeTable(`{"2025": 1, ${JSON.stringify(key)}: 2}`))
      assert.deepStrictEqual(e.issues.map((i) => i.path), [[key]])
    }
    const ok = decodeTable(`{"2025": 1}`)
    assert.deepStrictEqual(ok, Either.right({ "2025": 1 }))
  })

  it("takes a validator only for a schema that decodes to its own JSON form", () => {
    assert.isFalse(InvalidInput.isIdentity(Exercise))
    assert.isTrue(InvalidInput.isIdentity(Schema.Struct({ date: LocalDate.LocalDate, amount: Money.Amount })))
    assert.throws(() => InvalidInput.decodeUnknown(Exercise, "exercise", () => true), /transforms/)
    // A filter the JSON Schema cannot state would be skipped by a compiled validator.
    const Weekend = Schema.String.pipe(Schema.filter((s) => s.endsWith("6") || s.endsWith("7")))
    assert.isTrue(InvalidInput.isIdentity(Weekend))
    assert.isFalse(InvalidInput.canValidate(Weekend))
    assert.isTrue(InvalidInput.canValidate(Schema.Struct({ date: LocalDate.LocalDate, amount: Money.Amount })))
  })

  it("turns text that is not JSON into an issue at the root", () => {
    const e = leftOf(decodeJson("{ village: "))
    assert.strictEqual(e.issues.length, 1)
    assert.deepStrictEqual(e.issues[0]?.path, [])
  })

  it("decodes JSON text with paths inside it", () => {
    const e = leftOf(decodeJson(JSON.stringify({ village: "西属村", date: "2026-05-20", items: [{ label: "x", cost: { amount: 1, unit: "元" } }] })))
    assert.deepStrictEqual(e.issues.map((i) => i.path), [["items", 0, "cost", "unit"]])
  })

  it.effect("fails an Effect with the typed error", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(decode({}))
      assert.strictEqual(error._tag, "InvalidInput")
      assert.deepStrictEqual(error.issues.map((i) => i.path.join(".")), ["village", "date", "items"])
    })
  )
})
