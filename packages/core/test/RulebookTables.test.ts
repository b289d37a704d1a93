import { assert, describe, it } from "@effect/vitest"
import { Either, Schema } from "effect"
import { Rulebook } from "@qinglian/core"

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
    assert.match(issues[0]!.message, /unknown measure "partyWarnig"/)
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
    assert.match(issues[0]!.message, /unexpected/i)
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
