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
