import { assert, describe, it } from "@effect/vitest"
import { Xccdf } from "@qinglian/scoring"
import * as Either from "effect/Either"
import * as fc from "fast-check"

// Worked by hand from NISTIR 7275r4 §7.3.2:
//   G1 (w 2): R1 pass, R2 fail, R3 notapplicable     → default 50 (count 2)
//   G2 (w 1): R4 pass (w 3), R5 fail (w 1)           → default (300 + 0) / 4 = 75
//   R6 informational (not counted), R7 error (w 1)   → default 0
//   benchmark: (50·2 + 75·1 + 0·1) / (2 + 1 + 1) = 43.75
const benchmark: Xccdf.Group = {
  id: "bench",
  children: [
    { id: "G1", weight: 2, children: [{ id: "R1", result: "pass" }, { id: "R2", result: "fail" }, { id: "R3", result: "notapplicable" }] },
    { id: "G2", children: [{ id: "R4", weight: 3, result: "pass" }, { id: "R5", result: "fail" }] },
    { id: "R6", result: "informational" },
    { id: "R7", result: "error" }
  ]
}

describe("Xccdf.score on a hand-worked benchmark", () => {
  it("default: weighted means of groups, maximum 100", () => {
    assert.deepStrictEqual(Xccdf.score(benchmark, "default"), { score: 43.75, maximum: 100 })
  })
  it("flat: passing weights over counted weights", () => {
    assert.deepStrictEqual(Xccdf.score(benchmark, "flat"), { score: 4, maximum: 7 })
  })
  it("flat-unweighted: passing rules over counted rules", () => {
    assert.deepStrictEqual(Xccdf.score(benchmark, "flat-unweighted"), { score: 2, maximum: 5 })
  })
  it("absolute: 0 unless every counted rule passes; maximum 1", () => {
    assert.deepStrictEqual(Xccdf.score(benchmark, "absolute"), { score: 0, maximum: 1 })
    const allPass: Xccdf.Group = { id: "b", children: [{ id: "a", result: "pass" }, { id: "b", result: "fixed" }, { id: "c", result: "notchecked" }] }
    assert.deepStrictEqual(Xccdf.score(allPass, "absolute"), { score: 1, maximum: 1 })
    assert.deepStrictEqual(Xccdf.score(allPass, "absolute", { compat: "openscap" }), { score: 1, maximum: 2 })
  })
  it("unselected groups and rules, and unscored roles, are left out", () => {
    const b: Xccdf.Group = {
      id: "b",
      children: [
        { id: "a", result: "pass" },
        { id: "G", selected: false, children: [{ id: "x", result: "fail" }] },
        { id: "y", selected: false, result: "fail" },
        { id: "z", role: "unscored", result: "fail" }
      ]
    }
    assert.deepStrictEqual(Xccdf.score(b, "default"), { score: 100, maximum: 100 })
    assert.deepStrictEqual(Xccdf.score(b, "flat"), { score: 1, maximum: 1 })
  })
})

describe("Xccdf.score where the spec is silent (and OpenSCAP)", () => {
  it("an informational rule alone: 0 under default and 1 under absolute (as OpenSCAP's tests assert)", () => {
    const b: Xccdf.Group = { id: "b", children: [{ id: "r", result: "informational" }] }
    for (const compat of ["spec", "openscap"] as const) {
      assert.strictEqual(Xccdf.score(b, "default", { compat }).score, 0)
      assert.strictEqual(Xccdf.score(b, "absolute", { compat }).score, 1)
      assert.deepStrictEqual(Xccdf.score(b, "flat", { compat }), { score: 0, maximum: 0 })
    }
  })
  it("a weight-0 rule under flat-unweighted: not counted here, counted as 1 by OpenSCAP", () => {
    const b: Xccdf.Group = { id: "b", children: [{ id: "a", result: "pass" }, { id: "z", weight: 0, result: "fail" }] }
    assert.deepStrictEqual(Xccdf.score(b, "flat-unweighted"), { score: 1, maximum: 1 })
    assert.deepStrictEqual(Xccdf.score(b, "flat-unweighted", { compat: "openscap" }), { score: 1, maximum: 2 })
  })
  it("a group whose rules all weigh 0 is empty here, and scores 0 and counts under OpenSCAP", () => {
    const b: Xccdf.Group = {
      id: "b",
      children: [{ id: "a", result: "pass" }, { id: "G", children: [{ id: "z", weight: 0, result: "pass" }] }]
    }
    assert.strictEqual(Xccdf.score(b, "default").score, 100)
    assert.strictEqual(Xccdf.score(b, "default", { compat: "openscap" }).score, 50)
  })
  it("a rule with several results: any failure fails it here; OpenSCAP reads the first", () => {
    const b: Xccdf.Group = { id: "b", children: [{ id: "r", result: ["pass", "fail"] }] }
    assert.deepStrictEqual(Xccdf.score(b, "flat"), { score: 0, maximum: 1 })
    assert.deepStrictEqual(Xccdf.score(b, "flat", { compat: "openscap" }), { score: 1, maximum: 1 })
    const na: Xccdf.Group = { id: "b", children: [{ id: "r", result: ["notapplicable", "pass"] }] }
    assert.deepStrictEqual(Xccdf.score(na, "flat"), { score: 1, maximum: 1 })
    assert.deepStrictEqual(Xccdf.score(na, "flat", { compat: "openscap" }), { score: 0, maximum: 0 })
  })
})

describe("Xccdf properties", () => {
  const result = fc.constantFrom<Xccdf.Result>(
    "pass", "fail", "error", "unknown", "notapplicable", "notchecked", "notselected", "informational", "fixed"
  )
  const rule = fc.record({ id: fc.string(), weight: fc.integer({ min: 0, max: 5 }), result })
  const tree = fc.letrec<{ g: Xccdf.Group }>((tie) => ({
    g: fc.record({ id: fc.string(), weight: fc.integer({ min: 0, max: 4 }), children: fc.array(fc.oneof(rule, tie("g")), { maxLength: 4 }) })
  })).g
  it("scores lie within [0, maximum]; absolute is 1 exactly when flat reaches its maximum", () => {
    fc.assert(fc.property(tree, (b) => {
      for (const m of ["default", "flat", "flat-unweighted", "absolute"] as const) {
        const s = Xccdf.score(b, m)
        assert.isTrue(s.score >= 0 && s.score <= s.maximum + 1e-9)
      }
      const flat = Xccdf.score(b, "flat")
      assert.strictEqual(Xccdf.score(b, "absolute").score, flat.score === flat.maximum ? 1 : 0)
    }), { numRuns: 300 })
  })
  it("decodes strictly: unknown keys and bad results are refused with paths", () => {
    const r = Xccdf.decode({ id: "b", children: [{ id: "r", result: "passed" }, { id: "s", result: "pass", wieght: 2 }] })
    assert.isTrue(Either.isLeft(r))
    if (Either.isLeft(r)) {
      const paths = r.left.issues.map((i) => i.path.join("/"))
      assert.isTrue(paths.some((p) => p.startsWith("children/0")))
      assert.isTrue(paths.some((p) => p.startsWith("children/1")))
    }
    assert.isTrue(Either.isRight(Xccdf.decode(benchmark)))
  })
})
