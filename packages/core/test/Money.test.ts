import { assert, describe, it } from "@effect/vitest"
import { InvalidInput, Money } from "@qinglian/core"
import * as Either from "effect/Either"
import * as fc from "fast-check"
import * as Schema from "effect/Schema"

const decode = InvalidInput.decodeUnknown(Money.Money, "amount")
const encode = Schema.encodeSync(Money.Money)

const issues = (input: unknown) => {
  const r = decode(input)
  if (Either.isRight(r)) return assert.fail(`expected ${JSON.stringify(input)} to be rejected`)
  return r.left.issues.map((i) => `${i.path.join(".")}: ${i.detail}`)
}

describe("Money.Money (amounts as written in files)", () => {
  it("converts yuan to fen exactly", () => {
    assert.deepStrictEqual(decode({ amount: 4_000_000, unit: "yuan" }), Either.right(Money.fen(400_000_000)))
    assert.deepStrictEqual(decode({ amount: 12_345, unit: "fen" }), Either.right(Money.fen(12_345)))
    assert.deepStrictEqual(decode({ amount: 0, unit: "yuan" }), Either.right(Money.fen(0)))
  })

  it("converts every whole yuan amount exactly", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Math.floor(Number.MAX_SAFE_INTEGER / 100) }), (y) => {
        const r = decode({ amount: y, unit: "yuan" })
        return Either.isRight(r) && r.right === y * 100 && Number.isSafeInteger(r.right)
      })
    )
  })

  it("rejects floats, even ones that look exact", () => {
    assert.deepStrictEqual(issues({ amount: 1.5, unit: "yuan" }), ["amount: an amount must be a whole number"])
    assert.deepStrictEqual(issues({ amount: 0.07, unit: "yuan" }), ["amount: an amount must be a whole number"])
    assert.deepStrictEqual(issues({ amount: 10.5, unit: "fen" }), ["amount: an amount must be a whole number"])
  })

  it("rejects negative amounts", () => {
    assert.deepStrictEqual(issues({ amount: -100, unit: "yuan" }).map((m) => m.split(":")[0]), ["amount"])
    assert.deepStrictEqual(issues({ amount: -1, unit: "fen" }).map((m) => m.split(":")[0]), ["amount"])
  })

  it("rejects amounts whose fen would not be a safe integer", () => {
    assert.strictEqual(Either.isLeft(decode({ amount: Number.MAX_SAFE_INTEGER, unit: "yuan" })), true)
  })

  it("rejects an unknown unit and a string amount with their paths", () => {
    assert.deepStrictEqual(issues({ amount: 1, unit: "元" }), ['unit: a money unit is "fen" or "yuan", got "元"'])
    assert.deepStrictEqual(issues({ amount: "100", unit: "yuan" }).map((m) => m.split(":")[0]), ["amount"])
  })

  it("encodes whole yuan as yuan and the rest as fen, round-tripping", () => {
    assert.deepStrictEqual(encode(Money.yuan(50_000)), { amount: 50_000, unit: "yuan" })
    assert.deepStrictEqual(encode(Money.fen(12_345)), { amount: 12_345, unit: "fen" })
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (n) => {
        const back = decode(encode(Money.fen(n)))
        return Either.isRight(back) && back.right === n
      })
    )
  })
})

describe("Money constructors", () => {
  it("yuan takes whole yuan only", () => {
    assert.strictEqual(Money.yuan(100_000), 10_000_000)
    assert.throws(() => Money.yuan(0.5), RangeError)
    assert.throws(() => Money.yuan(0.07), RangeError)
    assert.throws(() => Money.yuan(-1), RangeError)
  })

  it("fen takes non-negative safe integers only", () => {
    assert.strictEqual(Money.fen(0), 0)
    assert.throws(() => Money.fen(1.5), RangeError)
    assert.throws(() => Money.fen(-1), RangeError)
    assert.throws(() => Money.fen(Number.MAX_SAFE_INTEGER + 1), RangeError)
    assert.throws(() => Money.fen(Number.NaN), RangeError)
  })

  it("Fen schema rejects floats and negatives", () => {
    const fen = InvalidInput.decodeUnknown(Money.Fen, "amount")
    assert.isTrue(Either.isRight(fen(100)))
    assert.isTrue(Either.isLeft(fen(1.5)))
    assert.isTrue(Either.isLeft(fen(-1)))
  })

  it("formats fen as yuan with two decimals", () => {
    assert.strictEqual(Money.formatYuan(Money.fen(12_345)), "123.45")
    assert.strictEqual(Money.formatYuan(Money.fen(5)), "0.05")
    assert.strictEqual(Money.formatYuan(Money.yuan(8_000_000)), "8000000.00")
  })
})
