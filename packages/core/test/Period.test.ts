import { assert, describe, it } from "@effect/vitest"
import { LocalDate, Period } from "@qinglian/core"
import * as fc from "fast-check"

const base = LocalDate.toEpochDay(LocalDate.unsafeMake("2024-01-01"))
const day = (n: number) => LocalDate.fromEpochDay(base + n)
// Well-formed periods within a 60-day window, open-ended about one time in four.
const period = fc
  .tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 20 }), fc.boolean(), fc.boolean())
  .map(([s, len, open, open2]): Period.Period =>
    open && open2 ? { start: day(s) } : { start: day(s), end: day(s + len) }
  )

describe("Period", () => {
  it("contains its start and not its (exclusive) end", () => {
    const p = Period.unsafeMake("2024-06-01", "2024-07-01")
    assert.isTrue(Period.contains(p, LocalDate.unsafeMake("2024-06-01")))
    assert.isTrue(Period.contains(p, LocalDate.unsafeMake("2024-06-30")))
    assert.isFalse(Period.contains(p, LocalDate.unsafeMake("2024-07-01")))
    assert.isFalse(Period.contains(p, LocalDate.unsafeMake("2024-05-31")))
    assert.isTrue(Period.contains(Period.unsafeMake("2024-06-01"), LocalDate.unsafeMake("2099-01-01")))
    assert.isTrue(Period.endedBefore(p, LocalDate.unsafeMake("2024-07-01")))
    assert.isFalse(Period.endedBefore(p, LocalDate.unsafeMake("2024-06-30")))
  })

  it("overlaps exactly when some day lies in both (property)", () => {
    fc.assert(
      fc.property(period, period, (a, b) => {
        let shared = false
        for (let n = -1; n <= 62; n++) if (Period.contains(a, day(n)) && Period.contains(b, day(n))) shared = true
        return Period.overlaps(a, b) === shared && Period.overlaps(b, a) === shared
      })
    )
  })

  it("reports an end that is not after the start", () => {
    assert.deepStrictEqual(Period.check(Period.unsafeMake("2024-01-01", "2024-03-01"), ["term"]), [])
    assert.deepStrictEqual(
      Period.check(Period.unsafeMake("2024-03-01", "2024-03-01"), ["term"]).map((d) => [d.code, d.path]),
      [["PERIOD_ORDER", ["term", "end"]]]
    )
  })
})
