import { assert, describe, it } from "@effect/vitest"
import { InvalidInput, Threshold } from "@qinglian/core"
import * as Either from "effect/Either"
import * as fc from "fast-check"

// The reference: count/total against numerator/denominator in BigInt, so no float or overflow
// can agree with a wrong answer by accident.
const exact = (t: Threshold.Threshold, count: number, total: number): boolean => {
  const lhs = BigInt(count) * BigInt(t.denominator)
  const rhs = BigInt(t.numerator) * BigInt(total)
  return t.inclusive ? lhs >= rhs : lhs > rhs
}

const threshold: fc.Arbitrary<Threshold.Threshold> = fc
  .integer({ min: 1, max: 1_000 })
  .chain((denominator) =>
    fc.record({
      numerator: fc.integer({ min: 0, max: denominator }),
      denominator: fc.constant(denominator),
      inclusive: fc.boolean()
    })
  )

// Meetings are small, but the arithmetic must hold wherever it is exact: up to 1e9 people.
const countAndTotal = fc
  .integer({ min: 0, max: 1_000_000_000 })
  .chain((total) => fc.tuple(fc.integer({ min: 0, max: total }), fc.constant(total)))

describe("Threshold.isMet", () => {
  it("equals the exact rational comparison", () => {
    fc.assert(
      fc.property(threshold, countAndTotal, (t, [count, total]) => Threshold.isMet(t, count, total) === exact(t, count, total)),
      { numRuns: 2_000 }
    )
  })

  it("more than half: exactly half is not enough", () => {
    assert.isFalse(Threshold.isMet(Threshold.moreThanHalf, 50, 100))
    assert.isTrue(Threshold.isMet(Threshold.moreThanHalf, 51, 100))
    assert.isFalse(Threshold.isMet(Threshold.moreThanHalf, 3, 7))
    assert.isTrue(Threshold.isMet(Threshold.moreThanHalf, 4, 7))
  })

  it("at least two thirds: exactly two thirds is enough", () => {
    assert.isTrue(Threshold.isMet(Threshold.atLeastTwoThirds, 2, 3))
    assert.isTrue(Threshold.isMet(Threshold.atLeastTwoThirds, 20, 30))
    assert.isFalse(Threshold.isMet(Threshold.atLeastTwoThirds, 19, 30))
    // 2/3 of 31 is 20.67: 20 is short, 21 is enough. A float 0.6666 would let 20.66 slip.
    assert.isFalse(Threshold.isMet(Threshold.atLeastTwoThirds, 20, 31))
    assert.isTrue(Threshold.isMet(Threshold.atLeastTwoThirds, 21, 31))
  })

  it("a real vote: 村民代表会议 of 45 representatives", () => {
    // Quorum: at least 2/3 of 45 = 30 present. Decision: more than half of those present.
    assert.isTrue(Threshold.isMet(Threshold.atLeastTwoThirds, 30, 45))
    assert.isFalse(Threshold.isMet(Threshold.atLeastTwoThirds, 29, 45))
    assert.isFalse(Threshold.isMet(Threshold.moreThanHalf, 15, 30))
    assert.isTrue(Threshold.isMet(Threshold.moreThanHalf, 16, 30))
  })
})

describe("Threshold.minimumCount", () => {
  it("is the least count that meets the threshold", () => {
    fc.assert(
      fc.property(threshold, fc.integer({ min: 0, max: 1_000_000_000 }), (t, total) => {
        const m = Threshold.minimumCount(t, total)
        const meets = exact(t, m, total)
        const lessDoesNot = m === 0 || !exact(t, m - 1, total)
        return meets && lessDoesNot
      }),
      { numRuns: 2_000 }
    )
  })

  it("at the boundaries", () => {
    assert.strictEqual(Threshold.minimumCount(Threshold.moreThanHalf, 100), 51)
    assert.strictEqual(Threshold.minimumCount(Threshold.moreThanHalf, 7), 4)
    assert.strictEqual(Threshold.minimumCount(Threshold.atLeastTwoThirds, 30), 20)
    assert.strictEqual(Threshold.minimumCount(Threshold.atLeastTwoThirds, 31), 21)
    assert.strictEqual(Threshold.minimumCount(Threshold.atLeastTwoThirds, 0), 0)
  })

  it("can exceed total when nothing meets it (more than all)", () => {
    const all: Threshold.Threshold = { numerator: 1, denominator: 1, inclusive: false }
    assert.strictEqual(Threshold.minimumCount(all, 10), 11)
  })
})

describe("Threshold schema", () => {
  const decode = InvalidInput.decodeUnknown(Threshold.Threshold, "threshold")

  it("accepts the statutory fractions", () => {
    assert.deepStrictEqual(decode({ numerator: 2, denominator: 3, inclusive: true }), Either.right(Threshold.atLeastTwoThirds))
  })

  it("rejects a fraction above the whole, a zero denominator and non-integers", () => {
    for (const bad of [
      { numerator: 4, denominator: 3, inclusive: true },
      { numerator: 1, denominator: 0, inclusive: true },
      { numerator: 0.5, denominator: 1, inclusive: true }
    ]) {
      assert.isTrue(Either.isLeft(decode(bad)), JSON.stringify(bad))
    }
  })

  it("formats for people", () => {
    assert.strictEqual(Threshold.format(Threshold.moreThanHalf), "> 1/2")
    assert.strictEqual(Threshold.format(Threshold.atLeastTwoThirds), "≥ 2/3")
  })
})
