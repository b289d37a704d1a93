import { assert, describe, it } from "@effect/vitest"
import { Diagnostic, PowerList, Rulebook } from "@qinglian/core"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"

const encode = Schema.encodeSync(PowerList.PowerList)

type Encoded = PowerList.PowerListEncoded
type ItemEncoded = Encoded["items"][number]

const six = [
  { id: "p", name: { zh: "提议" }, act: "propose", actor: { body: "partyOrganisation" }, evidence: ["minutes"] },
  { id: "d", name: { zh: "商议" }, act: "discuss", actor: { body: "twoCommittees" }, evidence: ["minutes"] },
  { id: "r", name: { zh: "审议" }, act: "review", actor: { body: "partyMembersMeeting" }, evidence: ["minutes"] },
  { id: "v", name: { zh: "决议" }, act: "resolve", actor: { body: "villagersAssembly" }, evidence: ["resolution"] },
  { id: "pd", name: { zh: "决议公开" }, act: "publishDecision", actor: { body: "villagersCommittee" }, evidence: ["noticePhoto"] },
  { id: "pr", name: { zh: "结果公开" }, act: "publishResult", actor: { body: "villagersCommittee" }, evidence: ["noticePhoto"] }
] as const satisfies ReadonlyArray<Extract<ItemEncoded["procedure"], { _tag: "Steps" }>["steps"][number]>

const goodItem: ItemEncoded = {
  code: "A01",
  category: "A",
  name: { zh: "村级重大事项决策" },
  legalBasis: [{ law: "中华人民共和国村民委员会组织法", version: "2018", article: "第二十四条" }],
  responsiblePosts: ["partySecretary", "gridLeader"],
  decidingBody: "villagersAssembly",
  procedure: { _tag: "Steps", steps: [...six] },
  riskPoints: [{ id: "r1", description: { zh: "暗箱操作" }, level: "high", step: "v", controls: [{ zh: "全程公开" }] }],
  disclosures: [
    { id: "d1", what: { zh: "决议" }, afterStep: "v", within: { parameter: "disclosure.majorMatterDeadline" }, channels: ["villageAffairsBoard"] }
  ],
  conditions: [{ when: { always: true }, then: "fourAndTwo" }],
  touchesVillagersInterests: true,
  article24: "collectiveIncomeUse"
}

const templateItem: ItemEncoded = {
  ...goodItem,
  code: "B01",
  category: "B",
  procedure: {
    _tag: "FourAndTwo",
    before: [{ id: "survey", name: { zh: "调研" }, act: "apply", actor: { post: "committeeDirector" }, evidence: [] }],
    implementation: [{ id: "build", name: { zh: "施工" }, act: "implement", actor: { body: "villagersCommittee" }, evidence: [] }],
    after: [{ id: "file", name: { zh: "归档" }, act: "archive", actor: { post: "clerk" }, evidence: ["ledger"] }]
  },
  riskPoints: [],
  disclosures: [
    { id: "d1", what: { zh: "决议" }, afterStep: "4and2.resolve", within: { duration: { amount: 5, unit: "days" } }, channels: ["online"] }
  ]
}

const base: Encoded = {
  id: "test",
  title: { zh: "测试清单" },
  jurisdiction: { level: "town", code: "140525100", name: "金村镇" },
  version: "2026.1",
  effectiveFrom: "2026-01-01",
  declaredTotals: { categories: 2, items: 2 },
  localPosts: [{ code: "gridLeader", name: { zh: "网格长" } }],
  categories: [
    { code: "A", name: { zh: "重大事项决策" } },
    { code: "B", name: { zh: "工程项目建设" } }
  ],
  items: [goodItem, templateItem]
}

const report = (input: unknown, rulebook?: Rulebook.Rulebook) => {
  const r = PowerList.validate(input, rulebook)
  if (Either.isLeft(r)) throw new Error(r.left.message)
  return r.right
}
const codes = (input: unknown) => report(input).diagnostics.map((d) => d.code)
const withItem = (patch: Partial<ItemEncoded>, i = 0): Encoded => ({
  ...base,
  items: base.items.map((it, j) => (j === i ? { ...it, ...patch } : it))
})

describe("PowerList.validate", () => {
  it("accepts a sound list", () => {
    const r = report(base)
    assert.isTrue(r.ok)
    assert.deepStrictEqual(r.diagnostics, [])
  })

  it("reads JSON text, and reports input that is no list as InvalidInput with paths, never throwing", () => {
    assert.isTrue(report(JSON.stringify(base)).ok)
    const notJson = PowerList.validate("{ not json")
    assert.isTrue(Either.isLeft(notJson))
    const wrong = PowerList.validate({ ...base, items: [{ ...goodItem, code: 7, procedure: { _tag: "Nope" } }] })
    assert.isTrue(Either.isLeft(wrong))
    if (Either.isLeft(wrong)) {
      const paths = wrong.left.issues.map((i) => i.path.join("."))
      assert.include(paths, "items.0.code")
      assert.isTrue(paths.some((p) => p.startsWith("items.0.procedure")))
      assert.strictEqual(wrong.left._tag, "InvalidInput")
    }
    assert.isTrue(Either.isLeft(PowerList.validate(42)))
    assert.isTrue(Either.isLeft(PowerList.validate(null)))
  })

  it("DUPLICATE_ITEM_CODE", () => {
    const r = report({ ...base, declaredTotals: undefined, items: [goodItem, templateItem, { ...goodItem }] })
    assert.deepStrictEqual(r.diagnostics.map((d) => [d.code, d.path]), [["DUPLICATE_ITEM_CODE", ["items", 2, "code"]]])
    assert.isFalse(r.ok)
  })

  it("DUPLICATE_CATEGORY_CODE, UNKNOWN_CATEGORY, CATEGORY_WITHOUT_ITEMS", () => {
    const r = report({
      ...base,
      declaredTotals: undefined,
      categories: [...base.categories, { code: "A", name: { zh: "重复" } }, { code: "H", name: { zh: "党务管理" } }],
      items: [goodItem, { ...templateItem, category: "Z" }]
    })
    assert.deepStrictEqual(
      r.diagnostics.map((d) => [d.code, d.path]),
      [
        ["DUPLICATE_CATEGORY_CODE", ["categories", 2, "code"]],
        ["UNKNOWN_CATEGORY", ["items", 1, "category"]],
        ["CATEGORY_WITHOUT_ITEMS", ["categories", 1]],
        ["CATEGORY_WITHOUT_ITEMS", ["categories", 3]]
      ]
    )
    const empty = r.diagnostics.find((d) => d.code === "CATEGORY_WITHOUT_ITEMS")!
    assert.strictEqual(empty.severity, "warning")
  })

  it("DECLARED_TOTAL_MISMATCH: 8 categories / 57 items declared", () => {
    const r = report({ ...base, declaredTotals: { categories: 8, items: 57 } })
    assert.deepStrictEqual(
      r.diagnostics.map((d) => [d.code, d.path]),
      [
        ["DECLARED_TOTAL_MISMATCH", ["declaredTotals", "categories"]],
        ["DECLARED_TOTAL_MISMATCH", ["declaredTotals", "items"]]
      ]
    )
    assert.include(r.diagnostics[1]!.message.zh, "57")
    assert.include(r.diagnostics[1]!.message.en, "declares 57 items but has 2")
  })

  it("MISSING_LEGAL_BASIS", () => {
    assert.deepStrictEqual(codes(withItem({ legalBasis: [] })), ["MISSING_LEGAL_BASIS"])
  })

  it("EMPTY_PROCEDURE", () => {
    // An empty procedure also loses the 四议两公开 steps and the steps its duties and risks follow.
    const r = report(withItem({ procedure: { _tag: "Steps", steps: [] }, conditions: [], riskPoints: [], disclosures: [], touchesVillagersInterests: false, article24: undefined }))
    assert.deepStrictEqual(r.diagnostics.map((d) => [d.code, d.path]), [["EMPTY_PROCEDURE", ["items", 0, "procedure"]]])
  })

  it("UNKNOWN_POST: responsible posts and actors' posts; list-declared local posts are known", () => {
    const steps = [...six, { id: "x", name: { zh: "x" }, act: "record", actor: { post: "villageBoss" }, evidence: [] }] as const
    const r = report(withItem({ responsiblePosts: ["partySecretary", "chief"], procedure: { _tag: "Steps", steps } }))
    assert.deepStrictEqual(
      r.diagnostics.map((d) => [d.code, d.path]),
      [
        ["UNKNOWN_POST", ["items", 0, "responsiblePosts", 1]],
        ["UNKNOWN_POST", ["items", 0, "procedure", "steps", 6, "actor", "post"]]
      ]
    )
    // "gridLeader" is declared in localPosts, so the base list is clean.
    assert.deepStrictEqual(codes({ ...base, localPosts: [] }), ["UNKNOWN_POST", "UNKNOWN_POST"])
  })

  it("DUPLICATE_STEP_ID and MISSING_EVIDENCE on a deciding step", () => {
    const steps = [...six.slice(0, 3), { ...six[3], evidence: [] }, ...six.slice(4), { ...six[0] }]
    const r = report(withItem({ procedure: { _tag: "Steps", steps } }))
    assert.deepStrictEqual(
      r.diagnostics.map((d) => [d.code, d.severity, d.path]),
      [
        ["MISSING_EVIDENCE", "warning", ["items", 0, "procedure", "steps", 3, "evidence"]],
        ["DUPLICATE_STEP_ID", "error", ["items", 0, "procedure", "steps", 6, "id"]],
        // The copied 提议 after the result is published is also a misplaced 四议两公开 step.
        ["FOUR_AND_TWO_BROKEN", "error", ["items", 0, "procedure", "steps", 6]]
      ]
    )
  })

  it("RISK_WITHOUT_CONTROL, DUPLICATE_RISK_ID and UNKNOWN_STEP_REFERENCE", () => {
    const r = report(
      withItem({
        riskPoints: [
          { id: "r1", description: { zh: "a" }, level: "high", controls: [] },
          { id: "r1", description: { zh: "b" }, level: "low", step: "ghost", controls: [{ zh: "c" }] }
        ],
        disclosures: [{ ...goodItem.disclosures[0]!, afterStep: "nowhere" }]
      })
    )
    assert.deepStrictEqual(
      r.diagnostics.map((d) => [d.code, d.path]),
      [
        ["RISK_WITHOUT_CONTROL", ["items", 0, "riskPoints", 0, "controls"]],
        ["DUPLICATE_RISK_ID", ["items", 0, "riskPoints", 1, "id"]],
        ["UNKNOWN_STEP_REFERENCE", ["items", 0, "riskPoints", 1, "step"]],
        ["UNKNOWN_STEP_REFERENCE", ["items", 0, "disclosures", 0, "afterStep"]]
      ]
    )
  })

  it("MISSING_DISCLOSURE and DUPLICATE_DISCLOSURE_ID", () => {
    assert.deepStrictEqual(codes(withItem({ disclosures: [] })), ["MISSING_DISCLOSURE"])
    assert.deepStrictEqual(codes(withItem({ disclosures: [], touchesVillagersInterests: false })), [])
    const d = goodItem.disclosures[0]!
    assert.deepStrictEqual(codes(withItem({ disclosures: [d, d] })), ["DUPLICATE_DISCLOSURE_ID"])
  })

  it("WRONG_DECIDING_BODY: a §24 matter decided by the 两委", () => {
    const r = report(withItem({ decidingBody: "twoCommittees" }))
    assert.deepStrictEqual(r.diagnostics.map((d) => [d.code, d.path]), [["WRONG_DECIDING_BODY", ["items", 0, "decidingBody"]]])
    assert.deepStrictEqual(codes(withItem({ decidingBody: "representativesAssembly" })), [])
    assert.deepStrictEqual(codes(withItem({ decidingBody: "twoCommittees", article24: undefined })), [])
    // A resolving step by a body without the power is reported too.
    const steps = [...six, { id: "x", name: { zh: "再决议" }, act: "resolve", actor: { body: "villagersCommittee" }, evidence: ["resolution"] }] as const
    const r2 = report(withItem({ procedure: { _tag: "Steps", steps } }))
    assert.deepStrictEqual(r2.diagnostics.map((d) => [d.code, d.path]), [["WRONG_DECIDING_BODY", ["items", 0, "procedure", "steps", 6, "actor"]]])
  })

  it("FOUR_AND_TWO_BROKEN: a missing step, named", () => {
    const steps = six.filter((s) => s.act !== "review")
    const r = report(withItem({ procedure: { _tag: "Steps", steps } }))
    assert.deepStrictEqual(r.diagnostics.map((d) => [d.code, d.path]), [["FOUR_AND_TWO_BROKEN", ["items", 0, "procedure", "steps"]]])
    assert.include(r.diagnostics[0]!.message.zh, "党员大会审议")
  })

  it("FOUR_AND_TWO_BROKEN: steps out of order", () => {
    const steps = [six[0], six[2], six[1], ...six.slice(3)]
    const r = report(withItem({ procedure: { _tag: "Steps", steps } }))
    assert.deepStrictEqual(r.diagnostics.map((d) => [d.code, d.path]), [["FOUR_AND_TWO_BROKEN", ["items", 0, "procedure", "steps", 1]]])
  })

  it("FOUR_AND_TWO_BROKEN: recognised by act and actor, not id; a resolve by the 两委 is no 决议", () => {
    const renamed = six.map((s, i) => ({ ...s, id: `step-${i}` }))
    const ok = report(withItem({ procedure: { _tag: "Steps", steps: renamed }, riskPoints: [], disclosures: [{ ...goodItem.disclosures[0]!, afterStep: "step-3" }] }))
    assert.deepStrictEqual(ok.diagnostics, [])
    const wrongBody = six.map((s) => (s.act === "resolve" ? { ...s, actor: { body: "twoCommittees" as const } } : s))
    const r = report(withItem({ procedure: { _tag: "Steps", steps: wrongBody }, article24: undefined }))
    assert.deepStrictEqual(r.diagnostics.map((d) => d.code), ["FOUR_AND_TWO_BROKEN"])
  })

  it("FOUR_AND_TWO_BROKEN: a step of the six that appears twice in explicit steps", () => {
    const early = { ...six[5]!, id: "early-result" }
    const steps = [...six.slice(0, 4), early, ...six.slice(4)]
    const r = report(withItem({ procedure: { _tag: "Steps", steps } }))
    // The early one comes first, so it is out of order; the second is a duplicate.
    assert.deepStrictEqual(r.diagnostics.map((d) => [d.code, d.path]), [
      ["FOUR_AND_TWO_BROKEN", ["items", 0, "procedure", "steps", 4]],
      ["FOUR_AND_TWO_BROKEN", ["items", 0, "procedure", "steps", 6]]
    ])
    assert.include(r.diagnostics[1]!.message.en, "more than once")
    assert.include(r.diagnostics[1]!.message.zh, "实施结果公开")
    const twice = report(withItem({ procedure: { _tag: "Steps", steps: [...six, { ...six[4]!, id: "again" }] } }))
    assert.deepStrictEqual(twice.diagnostics.map((d) => [d.code, d.path]), [["FOUR_AND_TWO_BROKEN", ["items", 0, "procedure", "steps", 6]]])
  })

  it("FOUR_AND_TWO_BROKEN: a step of the six placed in the template's before / implementation / after", () => {
    const other = { id: "x", name: { zh: "其他" }, act: "implement" as const, actor: { body: "villagersCommittee" as const }, evidence: [] }
    const result = { id: "early-result", name: { zh: "提前公开结果" }, act: "publishResult" as const, actor: { body: "villagersCommittee" as const }, evidence: [] }
    const proposal = { id: "late-proposal", name: { zh: "再次提议" }, act: "propose" as const, actor: { body: "partyOrganisation" as const }, evidence: [] }
    const template = (procedure: Record<string, unknown>) =>
      withItem({ procedure: { _tag: "FourAndTwo", ...procedure } as ItemEncoded["procedure"], riskPoints: [], disclosures: [{ ...goodItem.disclosures[0]!, afterStep: "4and2.resolve" }] })
    const pathsOf = (input: unknown) => report(input).diagnostics.map((d) => [d.code, d.path])
    assert.deepStrictEqual(pathsOf(template({ implementation: [other, result] })), [
      ["FOUR_AND_TWO_BROKEN", ["items", 0, "procedure", "implementation", 1]]
    ])
    assert.deepStrictEqual(pathsOf(template({ before: [other, other, result].map((s, i) => ({ ...s, id: `b${i}` })) })), [
      ["FOUR_AND_TWO_BROKEN", ["items", 0, "procedure", "before", 2]]
    ])
    assert.deepStrictEqual(pathsOf(template({ before: [other], implementation: [other, other].map((s, i) => ({ ...s, id: `i${i}` })), after: [proposal] })), [
      ["FOUR_AND_TWO_BROKEN", ["items", 0, "procedure", "after", 0]]
    ])
    // The template binds the item by itself, with or without a fourAndTwo condition.
    const unconditional = template({ implementation: [result] })
    const noCondition = { ...unconditional, items: unconditional.items.map((it, j) => (j === 0 ? { ...it, conditions: [] } : it)) }
    assert.deepStrictEqual(pathsOf(noCondition), [["FOUR_AND_TWO_BROKEN", ["items", 0, "procedure", "implementation", 0]]])
  })

  it("the FourAndTwo template is always sound, and an item without a fourAndTwo condition is not bound", () => {
    assert.deepStrictEqual(codes(withItem({ procedure: { _tag: "FourAndTwo" }, riskPoints: [], disclosures: [{ ...goodItem.disclosures[0]!, afterStep: "4and2.resolve" }] })), [])
    assert.deepStrictEqual(codes(withItem({ procedure: { _tag: "Steps", steps: six.slice(0, 2) }, conditions: [], article24: undefined, riskPoints: [], disclosures: [{ ...goodItem.disclosures[0]!, afterStep: "d" }] })), [])
  })

  it("reports paths inside the template's before / implementation / after", () => {
    const r = report(
      withItem(
        {
          procedure: {
            _tag: "FourAndTwo",
            before: [{ id: "s", name: { zh: "s" }, act: "apply", actor: { post: "nobody" }, evidence: [] }],
            implementation: [{ id: "i", name: { zh: "i" }, act: "implement", actor: { post: "nobody" }, evidence: [] }],
            after: [{ id: "a", name: { zh: "a" }, act: "archive", actor: { post: "nobody" }, evidence: [] }]
          }
        },
        1
      )
    )
    assert.deepStrictEqual(
      r.diagnostics.map((d) => d.path),
      [
        ["items", 1, "procedure", "before", 0, "actor", "post"],
        ["items", 1, "procedure", "implementation", 0, "actor", "post"],
        ["items", 1, "procedure", "after", 0, "actor", "post"]
      ]
    )
  })

  it("reports every problem at once, with messages in both languages", () => {
    const r = report({
      ...base,
      categories: [...base.categories, ...base.categories],
      items: [{ ...goodItem, legalBasis: [], disclosures: [], decidingBody: "villagersCommittee" }, goodItem]
    })
    const found = new Set(r.diagnostics.map((d) => d.code))
    for (const c of ["DUPLICATE_CATEGORY_CODE", "DUPLICATE_ITEM_CODE", "MISSING_LEGAL_BASIS", "MISSING_DISCLOSURE", "WRONG_DECIDING_BODY", "DECLARED_TOTAL_MISMATCH", "CATEGORY_WITHOUT_ITEMS"]) {
      assert.isTrue(found.has(c as PowerList.ValidationCode), c)
    }
    for (const d of r.diagnostics) {
      assert.isTrue(d.message.zh.length > 0 && d.message.en.length > 0)
      assert.isTrue(Diagnostic.formatPath(d.path).startsWith("/"))
    }
  })

  it("ILLUSTRATIVE_LIST is information only", () => {
    const r = report({ ...base, illustrative: true })
    assert.deepStrictEqual(r.diagnostics.map((d) => [d.code, d.severity]), [["ILLUSTRATIVE_LIST", "info"]])
    assert.isTrue(r.ok)
  })
})

describe("PowerList.check with a rulebook", () => {
  it("TENDER_THRESHOLD_ABOVE_NATIONAL: a local list cannot lift the national tender threshold", () => {
    const works = withItem({ procurement: "construction", conditions: [{ when: { amountAtLeast: { amount: { amount: 5_000_000, unit: "yuan" } } }, then: "publicTender" }] }, 1)
    const r = report(works, Rulebook.defaults)
    assert.deepStrictEqual(r.diagnostics.map((d) => [d.code, d.path]), [["TENDER_THRESHOLD_ABOVE_NATIONAL", ["items", 1, "conditions", 0, "when", "amountAtLeast"]]])
    assert.isTrue(r.ok)
    assert.deepStrictEqual(report(works).diagnostics, [])
  })

  it("RULEBOOK_NOT_IN_FORCE on the list's effective date", () => {
    const r = report({ ...base, effectiveFrom: "2001-01-01" }, Rulebook.defaults)
    assert.deepStrictEqual(r.diagnostics.map((d) => d.code), ["RULEBOOK_NOT_IN_FORCE"])
  })
})

describe("PowerList.steps and fourAndTwoRole", () => {
  it("expands the template as before, steps 1–5, implementation, step 6, after", () => {
    const list = Either.getOrThrow(PowerList.decodeUnknown(base))
    const ids = PowerList.steps(list.items[1]!.procedure).map((s) => s.id)
    assert.deepStrictEqual(ids, [
      "survey",
      "4and2.propose",
      "4and2.discuss",
      "4and2.review",
      "4and2.resolve",
      "4and2.publishDecision",
      "build",
      "4and2.publishResult",
      "file"
    ])
    assert.deepStrictEqual(PowerList.fourAndTwoSteps.map(PowerList.fourAndTwoRole), [0, 1, 2, 3, 4, 5])
  })
})

describe("PowerList.reference()", () => {
  it("is a sound list of 8 categories and 57 items, marked illustrative", () => {
    const r = PowerList.check(PowerList.reference(), Rulebook.defaults)
    assert.isTrue(r.ok, JSON.stringify(r.diagnostics.filter((d) => d.severity === "error").slice(0, 3)))
    assert.deepStrictEqual(r.diagnostics.map((d) => d.code), ["ILLUSTRATIVE_LIST"])
    assert.strictEqual(PowerList.reference().categories.length, 8)
    assert.strictEqual(PowerList.reference().items.length, 57)
  })

  it("round-trips through its JSON form and validates from text", () => {
    const text = JSON.stringify(encode(PowerList.reference()))
    const r = PowerList.validate(text)
    assert.isTrue(Either.isRight(r) && r.right.ok)
  })
})
