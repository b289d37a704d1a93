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
    assert.strictEqual(e.issues[0]?.message, "name the village")
  })

  it("names a missing key", () => {
    const e = leftOf(decode({ village: "西属村", date: "2026-05-20" }))
    assert.deepStrictEqual(e.issues, [{ path: ["items"], message: "is missing" }])
  })

  it("reads as one line a person can act on", () => {
    const e = leftOf(decode({ village: "", date: "2026-05-20", items: [] }))
    assert.strictEqual(e.message, "invalid exercise: village: name the village")
    const root = leftOf(decode("not an object"))
    assert.match(root.message, /^invalid exercise: \(root\): /)
  })

  it("ignores keys it does not know", () => {
    assert.isTrue(Either.isRight(decode({ village: "西属村", date: "2026-05-20", items: [], remark: "extra" })))
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
