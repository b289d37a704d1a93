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

describe("Sanction.combine (政务处分法 第十条; 合并处理)", () => {
  const combine = (choices: ReadonlyArray<Sanction.Choice>) => Sanction.combine(rules, choices)
  const tagOf = (r: Either.Either<unknown, { readonly _tag: string }>) => (Either.isLeft(r) ? r.left._tag : "ok")

  it("the cap on a combined period is a cited national parameter of 48 months", () => {
    assert.strictEqual(Rulebook.value(rules, "sanction.governmentCombinedMaxMonths"), 48)
    const p = rules.parameters["sanction.governmentCombinedMaxMonths"]
    assert.include(JSON.stringify(p), "第十条")
  })

  it("of two or more kinds of 政务处分 only the heaviest is executed", () => {
    assert.deepStrictEqual(
      combine([{ measure: "admonition" }, { measure: "governmentWarning" }, { measure: "governmentMajorDemerit" }, { measure: "governmentDemerit" }]),
      Either.right([{ measure: "admonition", periodMonths: undefined }, { measure: "governmentMajorDemerit", periodMonths: 18 }])
    )
    assert.deepStrictEqual(
      combine([{ measure: "governmentRemoval" }, { measure: "governmentExpulsion" }]),
      Either.right([{ measure: "governmentExpulsion", periodMonths: undefined }])
    )
    assert.deepStrictEqual(Sanction.governmentSeverity, [
      "governmentWarning",
      "governmentDemerit",
      "governmentMajorDemerit",
      "governmentDemotion",
      "governmentRemoval",
      "governmentExpulsion"
    ])
  })

  it("several of the same kind below 撤职 are one, with a chosen period from the longest single one to the sum, at most 48", () => {
    const two = [{ measure: "governmentDemerit" as const, periodMonths: 20 }, { measure: "governmentDemerit" as const }]
    assert.deepStrictEqual(combine(two), Either.right([{ measure: "governmentDemerit", periodMonths: 20 }]))
    for (const months of [11, 25]) {
      const r = combine([{ measure: "governmentDemerit", periodMonths: months }, { measure: "governmentDemerit", periodMonths: months }])
      assert.isTrue(Either.isLeft(r) && r.left._tag === "CombinedPeriodInvalid" && r.left.min === 12 && r.left.max === 24, String(months))
    }
    // No choice made: the decision must state the period.
    const none = combine([{ measure: "governmentWarning" }, { measure: "governmentWarning" }])
    assert.isTrue(Either.isLeft(none) && none.left._tag === "CombinedPeriodInvalid" && none.left.message.includes("6 to 12"))
    // Three 记大过 sum to 54 months, capped at 48.
    const three = (m: number) => combine([1, 2, 3].map(() => ({ measure: "governmentMajorDemerit" as const, periodMonths: m })))
    assert.deepStrictEqual(three(48), Either.right([{ measure: "governmentMajorDemerit", periodMonths: 48 }]))
    assert.strictEqual(tagOf(three(49)), "CombinedPeriodInvalid")
    // Two different choices on the entries are ambiguous.
    assert.strictEqual(tagOf(combine([{ measure: "governmentDemotion", periodMonths: 30 }, { measure: "governmentDemotion", periodMonths: 36 }])), "CombinedPeriodInvalid")
    // 撤职 twice is one 撤职 with its single period.
    assert.deepStrictEqual(combine([{ measure: "governmentRemoval" }, { measure: "governmentRemoval" }]), Either.right([{ measure: "governmentRemoval", periodMonths: 24 }]))
  })

  it("the combined period stays within [longest single, min(sum, 48)] for any count and kind below 撤职", () => {
    const below = ["governmentWarning", "governmentDemerit", "governmentMajorDemerit", "governmentDemotion"] as const
    fc.assert(
      fc.property(fc.constantFrom(...below), fc.integer({ min: 2, max: 6 }), fc.integer({ min: 0, max: 80 }), (measure, n, months) => {
        const single = Either.getOrThrow(Sanction.period(rules, measure))!
        const r = combine(Array.from({ length: n }, () => ({ measure, periodMonths: months })))
        const ok = months >= single && months <= Math.min(single * n, 48)
        return ok ? Either.isRight(r) && r.right.length === 1 && r.right[0]!.periodMonths === months : Either.isLeft(r)
      })
    )
  })

  it("a decision names one party sanction (合并处理): two, of different kinds or the same, are refused", () => {
    for (const pair of [["partyWarning", "partySeriousWarning"], ["partyWarning", "partyWarning"]] as const) {
      const r = combine(pair.map((measure) => ({ measure })))
      assert.isTrue(Either.isLeft(r) && r.left._tag === "PartySanctionsNotCombined", pair.join("+"))
      if (Either.isLeft(r) && r.left._tag === "PartySanctionsNotCombined") assert.deepStrictEqual(r.left.measures, [...pair])
    }
    // One party sanction beside one 政务处分 is a normal decision.
    assert.deepStrictEqual(
      combine([{ measure: "partyWarning" }, { measure: "governmentWarning" }]),
      Either.right([{ measure: "partyWarning", periodMonths: 12 }, { measure: "governmentWarning", periodMonths: 6 }])
    )
  })
})

describe("Sanction.make at the end of the date range", () => {
  it("a period running past 2199-12-31 ends there instead of throwing", () => {
    const s = Sanction.make({
      caseId: Ids.CaseId.make("JC-2199-001"),
      cadre: Ids.CadreId.make("c1"),
      measure: "demotion" as Measure.Measure,
      from: LocalDate.unsafeMake("2199-06-01"),
      months: 24
    })
    assert.strictEqual(s.until, LocalDate.maxDate)
    assert.isTrue(Sanction.isUnderInfluence([s], s.cadre, LocalDate.unsafeMake("2199-12-30")))
  })

  it("a period inside the range is unchanged", () => {
    const s = Sanction.make({
      caseId: Ids.CaseId.make("JC-2026-001"),
      cadre: Ids.CadreId.make("c1"),
      measure: "demotion" as Measure.Measure,
      from: LocalDate.unsafeMake("2026-03-02"),
      months: 24
    })
    assert.strictEqual(s.until, "2028-03-02")
  })
})
