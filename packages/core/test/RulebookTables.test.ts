import { assert, describe, it } from "@effect/vitest"
import { Either, Schema } from "effect"
import { LocalDate, Money, Rulebook } from "@qinglian/core"
import * as fc from "fast-check"

const edition = (value: unknown) => ({
  name: "测试县",
  editions: [
    {
      effectiveFrom: "2026-01-01",
      source: { law: "测试县监督执纪权限规定" },
      parameters: {
        "authority.decisionLevel": { value, citation: { law: "测试县监督执纪权限规定" }, scope: "local" }
      }
    }
  ]
})

describe("Rulebook tables keyed by measure", () => {
  it("a county lists only the measures it changes; the rest keep their earlier values", () => {
    const decoded = Rulebook.decodeJson(JSON.stringify(edition({ dismissal: "town" })))
    assert.isTrue(Either.isRight(decoded))
    const rules = Rulebook.unsafeAt(Either.getOrThrow(decoded), "2026-03-01" as never)
    const levels = Rulebook.value(rules, "authority.decisionLevel")
    assert.strictEqual(levels.dismissal, "town")
    // The other measures keep the values of earlier editions.
    assert.strictEqual(levels.partyProbation, "county")
    assert.strictEqual(levels.talkReminder, "town")
    // Before the county's edition, the built-in table applies.
    const before = Rulebook.unsafeAt(Either.getOrThrow(decoded), "2025-12-31" as never)
    assert.strictEqual(Rulebook.value(before, "authority.decisionLevel").dismissal, "county")
  })

  it("a mistyped measure is reported at its path, not dropped", () => {
    const decoded = Rulebook.decodeJson(JSON.stringify(edition({ partyWarnig: "town" })))
    assert.isTrue(Either.isLeft(decoded))
    const issues = Either.isLeft(decoded) ? decoded.left.issues : []
    assert.deepStrictEqual(issues.map((i) => i.path), [
      ["editions", 0, "parameters", "authority.decisionLevel", "value", "partyWarnig"]
    ])
    assert.match(issues[0]!.detail, /unknown measure "partyWarnig"/)
  })

  it("the built-in edition encodes and decodes back, so it can be stored as an override", () => {
    const [first] = Rulebook.defaults.editions
    const encoded = Schema.encodeUnknownSync(Rulebook.Edition)(first)
    const decoded = Schema.decodeUnknownSync(Rulebook.Edition)(encoded)
    assert.deepStrictEqual(decoded, first)
  })
})

describe("Rulebook files are strict", () => {
  const file = (parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      name: "测试县",
      editions: [{ effectiveFrom: "2026-01-01", source: { law: "测试县规定" }, parameters, ...extra }]
    })
  const money = { value: { amount: 30000, unit: "yuan" }, citation: { law: "测试县规定" }, scope: "local" }

  it("a misspelt parameter key is reported at its path, never ignored", () => {
    const decoded = Rulebook.decodeJson(file({ "threshold.escalaton": money }))
    assert.isTrue(Either.isLeft(decoded))
    const issues = Either.isLeft(decoded) ? decoded.left.issues : []
    assert.deepStrictEqual(issues.map((i) => i.path), [["editions", 0, "parameters", "threshold.escalaton"]])
    assert.match(issues[0]!.detail, /unexpected/i)
  })

  it("a misspelt edition field is reported too", () => {
    const decoded = Rulebook.decodeJson(file({ "threshold.escalation": money }, { effectiveUntill: "2027-01-01" }))
    assert.isTrue(Either.isLeft(decoded))
    assert.deepStrictEqual(
      Either.isLeft(decoded) ? decoded.left.issues.map((i) => i.path) : [],
      [["editions", 0, "effectiveUntill"]]
    )
  })

  it("the correctly spelt file applies from its date", () => {
    const rulebook = Either.getOrThrow(Rulebook.decodeJson(file({ "threshold.escalation": money })))
    assert.strictEqual(Rulebook.value(Rulebook.unsafeAt(rulebook, "2026-02-01" as never), "threshold.escalation"), 3_000_000)
  })
})

describe("Rulebook.at and incomplete rule sets", () => {
  it("a county edition dated before the defaults does not make a partial rule set", () => {
    const early = Rulebook.withEditions(Rulebook.defaults, [{
      effectiveFrom: "2010-01-01" as never,
      source: { law: "测试县规定" },
      parameters: {
        "threshold.escalation": { value: 3_000_000 as never, citation: { law: "测试县规定" }, scope: "local" }
      }
    }])
    const before = Rulebook.at(early, "2015-06-01" as never)
    assert.isTrue(Either.isLeft(before))
    if (Either.isLeft(before)) {
      assert.strictEqual(before.left._tag, "RulebookNotInForce")
      assert.include(before.left.missing, "threshold.fourAndTwo")
      assert.notInclude(before.left.missing, "threshold.escalation")
    }
    // From the built-in edition's date every parameter is set; being later, it overrides the 2010 value.
    const after = Rulebook.unsafeAt(early, "2019-01-01" as never)
    assert.strictEqual(Rulebook.value(after, "threshold.escalation"), Rulebook.value(Rulebook.unsafeAt(Rulebook.defaults, "2019-01-01" as never), "threshold.escalation"))
  })
})

describe("Rulebook.at resolves each span of dates once", () => {
  it("property: the value in force is the last edition in force on that date, whatever order dates are asked in", () => {
    const day = (n: number) => LocalDate.addDays(LocalDate.unsafeMake("2020-01-01"), n)
    const arbEdition = fc.record({
      from: fc.integer({ min: 0, max: 2000 }),
      length: fc.option(fc.integer({ min: 1, max: 800 }), { nil: undefined }),
      yuan: fc.integer({ min: 1, max: 1_000_000 })
    })
    fc.assert(
      fc.property(fc.array(arbEdition, { maxLength: 8 }), fc.array(fc.integer({ min: -10, max: 3000 }), { minLength: 1, maxLength: 40 }), (eds, asked) => {
        const editions = eds.map((e) => ({
          effectiveFrom: day(e.from),
          ...(e.length === undefined ? {} : { effectiveUntil: day(e.from + e.length) }),
          source: { law: "测试县规定" },
          parameters: {
            "threshold.escalation": { value: Money.yuan(e.yuan), citation: { law: "测试县规定" }, scope: "local" as const }
          }
        }))
        const rulebook = Rulebook.withEditions(Rulebook.defaults, editions)
        for (const n of asked) {
          const date = day(n)
          const inForce = editions
            .map((e, i) => [e, i] as const)
            .filter(([e]) => e.effectiveFrom <= date && (e.effectiveUntil === undefined || date < e.effectiveUntil))
            .sort(([a, i], [b, j]) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : i - j))
          const expected = inForce.length > 0
            ? inForce[inForce.length - 1]![0].parameters["threshold.escalation"].value
            : Rulebook.value(Rulebook.unsafeAt(Rulebook.defaults, date), "threshold.escalation")
          const got = Rulebook.at(rulebook, date)
          if (Either.isLeft(got) || got.right.date !== date) return false
          if (Rulebook.value(got.right, "threshold.escalation") !== expected) return false
        }
        return true
      }),
      { numRuns: 300 }
    )
  })
})
