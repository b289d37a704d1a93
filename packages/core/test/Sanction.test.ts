import { assert, describe, it } from "@effect/vitest"
import { Either } from "effect"
import * as fc from "fast-check"
import { Ids, LocalDate, Measure, Rulebook, Sanction } from "@qinglian/core"

const d = LocalDate.unsafeMake
const rules = Rulebook.unsafeAt(Rulebook.defaults, d("2026-01-01"))
const li = Ids.CadreId.make("v-li")
const wang = Ids.CadreId.make("v-wang")
const caseId = Ids.CaseId.make("case-1")

describe("Sanction.period", () => {
  it("reads the statutory influence periods from the rulebook", () => {
    const months = (m: Measure.Measure, chosen?: number) => Either.getOrThrow(Sanction.period(rules, m, chosen))
    assert.deepStrictEqual(
      [
        months("partyWarning"),
        months("partySeriousWarning"),
        months("removalFromPartyPost"),
        months("partyProbation", 12),
        months("partyProbation", 24),
        months("expulsionFromParty"),
        months("governmentWarning"),
        months("governmentDemerit"),
        months("governmentMajorDemerit"),
        months("governmentDemotion"),
        months("governmentRemoval")
      ],
      [12, 18, 24, 12, 24, 60, 6, 12, 18, 24, 24]
    )
    assert.strictEqual(months("admonition"), undefined)
    assert.strictEqual(months("dismissal"), undefined)
  })

  it("留党察看 must choose 12 or 24; a measure without a period takes none", () => {
    const e1 = Sanction.period(rules, "partyProbation")
    assert.isTrue(Either.isLeft(e1) && e1.left.message.includes("12 or 24"))
    assert.isTrue(Either.isLeft(Sanction.period(rules, "partyProbation", 18)))
    assert.isTrue(Either.isLeft(Sanction.period(rules, "criticism", 6)))
    assert.deepStrictEqual(Sanction.period(rules, "partyWarning", 12), Either.right(12))
    assert.isTrue(Either.isLeft(Sanction.period(rules, "partyWarning", 24)))
  })
})

describe("Sanction.checkSubject", () => {
  it("village cadres receive only 警告, 记过, 记大过 as 政务处分", () => {
    const allowed = Measure.all.filter((m) => Either.isRight(Sanction.checkSubject(rules, m, "villageCadre")))
    const government = allowed.filter((m) => Measure.kind(m) === "government")
    assert.deepStrictEqual(government, ["governmentWarning", "governmentDemerit", "governmentMajorDemerit"])
    const e = Sanction.checkSubject(rules, "governmentRemoval", "villageCadre")
    assert.isTrue(Either.isLeft(e) && e.left._tag === "MeasureNotAllowed")
  })

  it("public officials receive all 政务处分; party members without office none", () => {
    for (const m of Measure.all) assert.isTrue(Either.isRight(Sanction.checkSubject(rules, m, "publicOfficial")))
    assert.isTrue(Either.isLeft(Sanction.checkSubject(rules, "governmentWarning", "partyMember")))
    assert.isTrue(Either.isRight(Sanction.checkSubject(rules, "partyWarning", "partyMember")))
  })
})

describe("Sanction.isUnderInfluence", () => {
  const s = Sanction.make({ caseId, cadre: li, measure: "partyWarning", from: d("2026-03-15"), months: 12 })

  it("runs from the decision date to the same date a period later (exclusive)", () => {
    assert.strictEqual(s.until, "2027-03-15")
    assert.isFalse(Sanction.isUnderInfluence([s], li, d("2026-03-14")))
    assert.isTrue(Sanction.isUnderInfluence([s], li, d("2026-03-15")))
    assert.isTrue(Sanction.isUnderInfluence([s], li, d("2027-03-14")))
    assert.isFalse(Sanction.isUnderInfluence([s], li, d("2027-03-15")))
    assert.isFalse(Sanction.isUnderInfluence([s], wang, d("2026-06-01")))
    assert.deepStrictEqual(Sanction.inForce([s], li, d("2026-06-01")), [s])
  })

  it("property: under influence exactly within [from, from + months)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3000 }),
        fc.constantFrom(6, 12, 18, 24, 60),
        fc.integer({ min: -100, max: 2000 }),
        (start, months, offset) => {
          const from = LocalDate.addDays(d("2020-01-01"), start)
          const sanction = Sanction.make({ caseId, cadre: li, measure: "governmentWarning", from, months })
          const date = LocalDate.addDays(from, offset)
          return Sanction.isUnderInfluence([sanction], li, date) === (offset >= 0 && date < LocalDate.addMonths(from, months))
        }
      )
    )
  })
})
