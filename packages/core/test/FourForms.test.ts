import { assert, describe, it } from "@effect/vitest"
import { Either } from "effect"
import * as fc from "fast-check"
import { FourForms, Ids, LocalDate, Measure, Rulebook } from "@qinglian/core"

const d = LocalDate.unsafeMake
const rules = Rulebook.unsafeAt(Rulebook.defaults, d("2026-01-01"))
const t1 = Ids.TownId.make("t1")
const t2 = Ids.TownId.make("t2")

describe("FourForms.classify", () => {
  it("puts every measure in exactly one form, by the rulebook table", () => {
    const byForm = FourForms.forms.map((f) => Measure.all.filter((m) => Either.getOrThrow(FourForms.classify(rules, m)) === f))
    assert.deepStrictEqual(byForm, [
      ["criticism", "talkReminder", "orderedSelfExamination", "admonition"],
      [
        "partyWarning",
        "partySeriousWarning",
        "suspensionForInspection",
        "postAdjustment",
        "orderedResignation",
        "dismissal",
        "governmentWarning",
        "governmentDemerit",
        "governmentMajorDemerit"
      ].sort((a, b) => Measure.all.indexOf(a as Measure.Measure) - Measure.all.indexOf(b as Measure.Measure)),
      ["removalFromPartyPost", "partyProbation", "expulsionFromParty", "demotion", "governmentDemotion", "governmentRemoval", "governmentExpulsion"],
      ["transferToJudiciary"]
    ])
    assert.strictEqual(byForm.flat().length, Measure.all.length)
  })

  it("follows a county's own table", () => {
    const county = Rulebook.unsafeAt(
      Rulebook.withEditions(Rulebook.defaults, [{
        effectiveFrom: d("2026-01-01"),
        source: { law: "某县规定" },
        parameters: {
          "fourForms.classification": { value: { admonition: 2 }, citation: { law: "某县规定" }, scope: "local" }
        }
      }]),
      d("2026-02-01")
    )
    assert.deepStrictEqual(FourForms.classify(county, "admonition"), Either.right(2))
    assert.deepStrictEqual(FourForms.classify(county, "criticism"), Either.right(1))
  })

  it("names a measure a rule set leaves unclassified", () => {
    const { demotion: _, ...table } = rules.parameters["fourForms.classification"].value
    const partial: Rulebook.RuleSet = {
      ...rules,
      parameters: { ...rules.parameters, "fourForms.classification": { ...rules.parameters["fourForms.classification"], value: table } }
    }
    const e = FourForms.classify(partial, "demotion")
    assert.isTrue(Either.isLeft(e) && e.left._tag === "FourFormsUnclassified")
  })
})

describe("FourForms.report", () => {
  const disp = (form: FourForms.Form, on: string, measure: Measure.Measure = "criticism"): FourForms.Disposition => ({ measure, form, on: d(on) })
  const period = { from: d("2026-01-01"), to: d("2026-12-31") }

  it("counts each case once, under its highest form in the period, per town", () => {
    const cases: Array<FourForms.Reportable> = [
      { town: t1, dispositions: [disp(1, "2026-02-01")] },
      { town: t1, dispositions: [disp(1, "2026-02-01")] },
      { town: t1, dispositions: [disp(2, "2026-03-01", "partyWarning"), disp(2, "2026-03-01", "governmentWarning")] },
      { town: t1, dispositions: [disp(3, "2025-12-31")] }, // before the period
      { town: t2, dispositions: [disp(4, "2026-05-01", "transferToJudiciary"), disp(3, "2026-05-01")] },
      { town: t2, dispositions: [] }
    ]
    const r = FourForms.report(cases, period)
    assert.deepStrictEqual(r.towns.map((x) => [x.town, x.total, x.counts]), [
      ["t1", 3, { 1: 2, 2: 1, 3: 0, 4: 0 }],
      ["t2", 1, { 1: 0, 2: 0, 3: 0, 4: 1 }]
    ])
    assert.deepStrictEqual(r.total.counts, { 1: 2, 2: 1, 3: 0, 4: 1 })
    assert.deepStrictEqual(r.towns[0]!.shares[1], { numerator: 2, denominator: 3, perMille: 667, display: "66.7%" })
    assert.deepStrictEqual(r.towns[0]!.shares[2], { numerator: 1, denominator: 3, perMille: 333, display: "33.3%" })
    const only = FourForms.report(cases, period, { towns: [t2, Ids.TownId.make("t3")] })
    assert.deepStrictEqual(only.towns.map((x) => [x.town, x.total]), [["t2", 1], ["t3", 0]])
    assert.deepStrictEqual(only.towns[1]!.shares[1], { numerator: 0, denominator: 0, perMille: 0, display: "0.0%" })
  })

  it("property: per-mille shares of a non-empty row add up to exactly 1000 and stay within 1 of the exact share", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom<FourForms.Form>(1, 2, 3, 4), { minLength: 1, maxLength: 500 }), (forms) => {
        const r = FourForms.report(forms.map((f) => ({ town: t1, dispositions: [disp(f, "2026-06-01")] })), period)
        const row = r.total
        const sum = FourForms.forms.reduce((a, f) => a + row.shares[f].perMille, 0)
        if (sum !== 1000 || row.total !== forms.length) return false
        // |perMille - 1000·n/total| < 1, checked in integers
        return FourForms.forms.every((f) => Math.abs(row.shares[f].perMille * row.total - 1000 * row.counts[f]) < row.total)
      })
    )
  })
})
