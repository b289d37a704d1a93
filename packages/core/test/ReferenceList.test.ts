import { assert, describe, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Post from "../src/org/Post.js"
import * as PowerList from "../src/powerlist/PowerList.js"
import * as Rulebook from "../src/rulebook/Rulebook.js"
import referenceListJson from "../src/powerlist/data/reference-list.json" with { type: "json" }

const list = PowerList.reference()

describe("the illustrative reference list", () => {
  it("decodes from its encoded form and round-trips through JSON", () => {
    const decoded = PowerList.decodeJson(JSON.stringify(referenceListJson))
    assert.isTrue(Either.isRight(decoded))
    const reencoded = Schema.encodeSync(PowerList.PowerList)(list)
    assert.deepStrictEqual(Schema.decodeSync(PowerList.PowerList)(reencoded), list)
  })

  it("is decoded once: every call gives the same list", () => {
    assert.strictEqual(PowerList.reference(), list)
    assert.deepStrictEqual(Either.getOrThrow(PowerList.decodeUnknown(referenceListJson)), list)
  })

  it("declares and has 8 categories and 57 items, and says it is a template", () => {
    assert.deepStrictEqual(list.declaredTotals, { categories: 8, items: 57 })
    assert.strictEqual(list.categories.length, 8)
    assert.strictEqual(list.items.length, 57)
    assert.isTrue(list.illustrative)
    assert.include(list.title.zh, "示例")
  })

  it("has the brief's categories with the intended item counts", () => {
    const count = (code: string) => list.items.filter((i) => i.category === code).length
    assert.deepStrictEqual(
      list.categories.map((c) => [c.name.zh, count(c.code)]),
      [
        ["重大事项决策", 8],
        ["招投标管理", 6],
        ["财务管理", 8],
        ["资产资源管理", 8],
        ["工程项目建设", 7],
        ["村务管理", 8],
        ["便民服务", 7],
        ["党务管理", 5]
      ]
    )
  })

  it("uses unique codes, each prefixed by its category", () => {
    const codes = list.items.map((i) => i.code)
    assert.strictEqual(new Set(codes).size, codes.length)
    for (const item of list.items) assert.match(item.code, new RegExp(`^${item.category}\\d{2}$`))
  })

  it("validates with no errors: only the template notice", () => {
    const report = PowerList.check(list, Rulebook.defaults)
    assert.deepStrictEqual(
      report.diagnostics.map((d) => `${d.severity}:${d.code}`),
      ["info:ILLUSTRATIVE_LIST"]
    )
    assert.isTrue(report.ok)
  })

  it("validates through the JSON boundary as well", () => {
    const result = PowerList.validate(JSON.stringify(referenceListJson), Rulebook.defaults)
    assert.isTrue(Either.isRight(result) && result.right.ok)
  })

  it("gives every item real content: a name, legal basis, responsible posts, risks with controls", () => {
    const names = new Set<string>()
    for (const item of list.items) {
      assert.isFalse(names.has(item.name.zh), `duplicate name ${item.name.zh}`)
      names.add(item.name.zh)
      assert.isDefined(item.name.en)
      assert.isAbove(item.legalBasis.length, 0, item.code)
      assert.isAbove(item.responsiblePosts.length, 0, item.code)
      for (const p of item.responsiblePosts) assert.isTrue(Schema.is(Post.Post)(p), `${item.code}: ${p}`)
      assert.isAbove(item.riskPoints.length, 0, item.code)
      for (const r of item.riskPoints) assert.isAbove(r.controls.length, 0, `${item.code}/${r.id}`)
      assert.isAbove(PowerList.steps(item.procedure).length, 1, item.code)
    }
  })

  it("sends every §24 matter through 四议两公开 decided by an assembly", () => {
    const article24 = list.items.filter((i) => i.article24 !== undefined)
    assert.isAtLeast(article24.length, 8)
    for (const item of article24) {
      // The six steps, in statutory order; the carrying-out comes before 实施结果公开.
      const all = PowerList.steps(item.procedure)
      const roles = all.map(PowerList.fourAndTwoRole).filter((r) => r >= 0)
      assert.deepStrictEqual(roles, [0, 1, 2, 3, 4, 5], item.code)
      const decisionAt = all.findIndex((x) => x.act === "publishDecision")
      const resultAt = all.findIndex((x) => x.act === "publishResult")
      assert.isAbove(resultAt - decisionAt, 1, `${item.code} publishes its result before doing the work`)
      // The result duty's clock starts at a step of the carrying-out, before 实施结果公开.
      const resultDuty = item.disclosures.find((d) => d.id === "result")
      if (resultDuty !== undefined) {
        const at = all.findIndex((x) => x.id === resultDuty.afterStep)
        assert.isTrue(at > decisionAt && at < resultAt, item.code)
      }
      assert.include(["villagersAssembly", "representativesAssembly"], item.decidingBody, item.code)
      assert.isTrue(
        (item.conditions ?? []).some((c) => c.then === "fourAndTwo"),
        `${item.code} must require 四议两公开`
      )
      // The decision is published on the rulebook's major-matter deadline.
      assert.isTrue(
        item.disclosures.some((d) => "parameter" in d.within && d.within.parameter === "disclosure.majorMatterDeadline"),
        item.code
      )
    }
  })

  it("ties every procurement item to the national tender threshold of its kind, from the rulebook", () => {
    const key = {
      construction: "threshold.tenderConstruction",
      goods: "threshold.tenderGoods",
      services: "threshold.tenderServices"
    } as const
    const procurement = list.items.filter((i) => i.procurement !== undefined)
    assert.isAtLeast(procurement.length, 5)
    for (const item of procurement) {
      const tender = (item.conditions ?? []).filter((c) => c.then === "publicTender")
      assert.deepStrictEqual(
        tender.map((c) => c.when),
        [{ amountAtLeast: { parameter: key[item.procurement!] } }],
        item.code
      )
    }
  })

  it("states no amounts: every amount condition points at a rulebook parameter", () => {
    for (const item of list.items) {
      for (const c of item.conditions ?? []) {
        if ("amountAtLeast" in c.when) assert.isTrue("parameter" in c.when.amountAtLeast, item.code)
      }
    }
  })

  it("cites statute articles only together with the law's version", () => {
    for (const item of list.items) {
      for (const c of item.legalBasis) {
        if (c.article !== undefined) assert.isDefined(c.version, `${item.code}: ${c.law}`)
      }
    }
  })
})
