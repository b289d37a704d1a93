import { assert, describe, it } from "@effect/vitest"
import { Citation, LocalDate, Money, Rulebook, WorkCalendar } from "@qinglian/core"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as SchemaAST from "effect/SchemaAST"
import defaultsJson from "../src/rulebook/data/defaults.json" with { type: "json" }

const d = LocalDate.unsafeMake

// A county file as a county would write it: money with its unit, dates as YYYY-MM-DD.
const countyFile = {
  name: "泽州县清廉村居规则",
  jurisdiction: "140525",
  editions: [
    {
      effectiveFrom: "2026-03-01",
      source: { law: "泽州县村级小微权力运行规定", version: "2026", article: "第八条" },
      parameters: {
        "threshold.escalation": {
          value: { amount: 50_000, unit: "yuan" },
          citation: { law: "泽州县村级小微权力运行规定", version: "2026", article: "第八条" },
          scope: "local"
        }
      }
    }
  ]
}

const decodeOrFail = (json: string): Rulebook.Rulebook => {
  const r = Rulebook.decodeJson(json)
  if (Either.isLeft(r)) assert.fail(r.left.message)
  return r.right
}

const rulesAt = (rulebook: Rulebook.Rulebook, date: string): Rulebook.RuleSet => {
  const r = Rulebook.at(rulebook, d(date))
  if (Either.isLeft(r)) assert.fail(r.left.message)
  return r.right
}

describe("Rulebook.defaults", () => {
  it("resolves every parameter at a date, each with a citation", () => {
    const rules = rulesAt(Rulebook.defaults, "2026-05-20")
    assert.strictEqual(rules.date, "2026-05-20")
    for (const key of Object.keys(Rulebook.ParameterValues) as Array<Rulebook.Key>) {
      const p = rules.parameters[key]
      assert.isDefined(p, key)
      assert.isAbove(p.citation.law.length, 0, key)
      assert.include(["national", "local"], p.scope, key)
    }
  })

  it("carries the statutory values with their articles", () => {
    const rules = rulesAt(Rulebook.defaults, "2026-05-20")
    assert.strictEqual(Rulebook.value(rules, "threshold.tenderConstruction"), Money.yuan(4_000_000))
    assert.strictEqual(Rulebook.citationOf(rules, "threshold.tenderConstruction").article, "第五条(一)")
    assert.deepStrictEqual(Rulebook.value(rules, "case.letterInquiryReply"), { amount: 15, unit: "workingDays" })
    const assembly = Rulebook.value(rules, "meeting.villagersAssembly")
    assert.strictEqual(assembly.noticeDays, 10)
    assert.strictEqual(Citation.format(Rulebook.citationOf(rules, "meeting.villagersAssembly")).includes("村民委员会组织法"), true)
  })

  it("marks illustrative local values as local", () => {
    const rules = rulesAt(Rulebook.defaults, "2026-05-20")
    assert.strictEqual(rules.parameters["threshold.escalation"].scope, "local")
    assert.strictEqual(rules.parameters["threshold.tenderConstruction"].scope, "national")
  })

  it("is not in force before its first edition", () => {
    const r = Rulebook.at(Rulebook.defaults, d("2018-12-28"))
    assert.isTrue(Either.isLeft(r))
    if (Either.isLeft(r)) {
      assert.strictEqual(r.left._tag, "RulebookNotInForce")
      assert.strictEqual(r.left.date, "2018-12-28")
      assert.strictEqual(r.left.earliest, "2018-12-29")
    }
    assert.isTrue(Either.isRight(Rulebook.at(Rulebook.defaults, d("2018-12-29"))))
    assert.throws(() => Rulebook.unsafeAt(Rulebook.defaults, d("2000-01-01")))
  })
})

describe("Rulebook county overrides", () => {
  const county = decodeOrFail(JSON.stringify(countyFile))

  it("decodes money with its unit into fen", () => {
    const edition = county.editions[1]
    assert.isDefined(edition)
    assert.strictEqual(edition?.parameters["threshold.escalation"]?.value, 5_000_000)
    assert.strictEqual(county.name, "泽州县清廉村居规则")
    assert.strictEqual(county.jurisdiction, "140525")
  })

  it("overrides a local value from its effectiveFrom date, not before", () => {
    const before = rulesAt(county, "2026-02-28")
    const on = rulesAt(county, "2026-03-01")
    const after = rulesAt(county, "2027-01-01")
    assert.strictEqual(Rulebook.value(before, "threshold.escalation"), Money.yuan(100_000))
    assert.strictEqual(Rulebook.value(on, "threshold.escalation"), Money.yuan(50_000))
    assert.strictEqual(Rulebook.value(after, "threshold.escalation"), Money.yuan(50_000))
    assert.strictEqual(Rulebook.citationOf(on, "threshold.escalation").law, "泽州县村级小微权力运行规定")
  })

  it("leaves the parameters it does not name as they were", () => {
    const on = rulesAt(county, "2026-03-01")
    const base = rulesAt(Rulebook.defaults, "2026-03-01")
    assert.strictEqual(Rulebook.value(on, "threshold.fourAndTwo"), Rulebook.value(base, "threshold.fourAndTwo"))
    assert.deepStrictEqual(Rulebook.value(on, "case.investigation"), Rulebook.value(base, "case.investigation"))
  })

  it("honours effectiveUntil (exclusive)", () => {
    const edition = countyFile.editions[0]!
    const file = {
      ...countyFile,
      editions: [{ ...edition, effectiveUntil: "2026-07-01" }]
    }
    const rb = decodeOrFail(JSON.stringify(file))
    assert.strictEqual(Rulebook.value(rulesAt(rb, "2026-06-30"), "threshold.escalation"), Money.yuan(50_000))
    assert.strictEqual(Rulebook.value(rulesAt(rb, "2026-07-01"), "threshold.escalation"), Money.yuan(100_000))
  })

  it("applies editions by effectiveFrom whatever order the file lists them", () => {
    const later = {
      effectiveFrom: "2027-01-01",
      source: { law: "泽州县村级小微权力运行规定", version: "2027" },
      parameters: {
        "threshold.escalation": {
          value: { amount: 3_000_000, unit: "fen" },
          citation: { law: "泽州县村级小微权力运行规定", version: "2027" },
          scope: "local"
        }
      }
    }
    const rb = decodeOrFail(JSON.stringify({ ...countyFile, editions: [later, ...countyFile.editions] }))
    assert.strictEqual(Rulebook.value(rulesAt(rb, "2026-12-31"), "threshold.escalation"), Money.yuan(50_000))
    assert.strictEqual(Rulebook.value(rulesAt(rb, "2027-01-01"), "threshold.escalation"), Money.fen(3_000_000))
  })
})

describe("Rulebook.decodeJson rejects bad files", () => {
  const issuesOf = (json: string) => {
    const r = Rulebook.decodeJson(json)
    if (Either.isRight(r)) return assert.fail("expected the file to be rejected")
    assert.strictEqual(r.left._tag, "InvalidInput")
    assert.strictEqual(r.left.subject, "rulebook file")
    return r.left.issues.map((i) => ({ path: i.path.join("."), message: i.detail }))
  }

  it("names the exact path and reason of a bad money unit", () => {
    const bad = structuredClone(countyFile) as any
    bad.editions[0].parameters["threshold.escalation"].value.unit = "dollars"
    assert.deepStrictEqual(issuesOf(JSON.stringify(bad)), [
      {
        path: "editions.0.parameters.threshold.escalation.value.unit",
        message: 'a money unit is "fen" or "yuan", got "dollars"'
      }
    ])
  })

  it("reports every bad path, not only the first", () => {
    const bad = structuredClone(countyFile) as any
    bad.editions[0].effectiveFrom = "2026-02-30"
    bad.editions[0].parameters["threshold.escalation"].value.amount = 1.5
    bad.editions[0].source.law = ""
    const paths = issuesOf(JSON.stringify(bad)).map((i) => i.path)
    assert.deepStrictEqual(paths.sort(), [
      "editions.0.effectiveFrom",
      "editions.0.parameters.threshold.escalation.value.amount",
      "editions.0.source.law"
    ])
  })

  it("rejects an edition that ends before it starts", () => {
    const bad = structuredClone(countyFile) as any
    bad.editions[0].effectiveUntil = "2026-03-01"
    assert.deepStrictEqual(issuesOf(JSON.stringify(bad)), [
      { path: "editions.0.effectiveUntil", message: "effectiveUntil must be after effectiveFrom" }
    ])
  })

  it("rejects a wrong scope and a negative duration", () => {
    const bad = structuredClone(countyFile) as any
    bad.editions[0].parameters["threshold.escalation"].scope = "provincial"
    bad.editions[0].parameters["case.letterInquiryReply"] = {
      value: { amount: -1, unit: "workingDays" },
      citation: { law: "x" },
      scope: "local"
    }
    const paths = issuesOf(JSON.stringify(bad)).map((i) => i.path)
    assert.include(paths, "editions.0.parameters.threshold.escalation.scope")
    assert.include(paths, "editions.0.parameters.case.letterInquiryReply.value.amount")
  })

  it("turns text that is not JSON into InvalidInput, never a thrown SyntaxError", () => {
    const issues = issuesOf("{ name: 泽州县 ")
    assert.strictEqual(issues.length, 1)
    assert.strictEqual(issues[0]?.path, "")
    assert.isAbove(issues[0]?.message.length ?? 0, 0)
  })

  it("rejects a missing editions list at the root path", () => {
    assert.deepStrictEqual(
      issuesOf(JSON.stringify({ name: "x" })).map((i) => i.path),
      ["editions"]
    )
  })
})

describe("Rulebook.defaults as shipped data", () => {
  it("the shipped JSON is a rulebook file the strict decoder accepts, and it is what defaults holds", () => {
    const file = Either.getOrThrow(Rulebook.decodeFile(defaultsJson))
    assert.strictEqual(file.name, Rulebook.defaults.name)
    assert.deepStrictEqual(file.editions, Rulebook.defaults.editions)
  })

  it("decodes once: every read of editions gives the same value", () => {
    const first = Rulebook.defaults.editions
    assert.strictEqual(Rulebook.defaults.editions, first)
    assert.strictEqual(first.length, 1)
    assert.strictEqual(first[0]!.effectiveFrom, "2018-12-29")
  })

  it("keeps every citation, word for word", () => {
    const rules = rulesAt(Rulebook.defaults, "2026-05-20")
    assert.deepStrictEqual(Rulebook.citationOf(rules, "threshold.tenderConstruction"), {
      law: "必须招标的工程项目规定 (国家发展改革委令第16号)",
      version: "2018",
      article: "第五条(一)"
    })
    assert.deepStrictEqual(Rulebook.citationOf(rules, "sanction.periodMonths"), {
      law: "中国共产党纪律处分条例; 中华人民共和国公职人员政务处分法",
      version: "2023; 2020",
      article: "纪律处分条例 第十一、十二条; 政务处分法 第八条"
    })
  })
})

describe("Rulebook.NotInForce", () => {
  it("is named in the package's namespace and keeps its _tag", () => {
    const ast = Rulebook.NotInForce.ast
    assert.isTrue(SchemaAST.isTransformation(ast))
    if (SchemaAST.isTransformation(ast)) {
      assert.deepStrictEqual(SchemaAST.getIdentifierAnnotation(ast.to).pipe(Either.fromOption(() => "none")), Either.right("@qinglian/core/rulebook/NotInForce"))
    }
    const r = Rulebook.at(Rulebook.defaults, d("2000-01-01"))
    assert.isTrue(Either.isLeft(r))
    if (Either.isLeft(r)) {
      assert.strictEqual(r.left._tag, "RulebookNotInForce")
      assert.instanceOf(r.left, Rulebook.NotInForce)
    }
  })

  it.effect("is caught by its _tag", () =>
    Effect.gen(function*() {
      const caught = yield* Effect.try(() => Rulebook.unsafeAt(Rulebook.defaults, d("2000-01-01"))).pipe(
        Effect.catchAll((e) => Effect.fail(e.error as Rulebook.NotInForce)),
        Effect.catchTag("RulebookNotInForce", (e) => Effect.succeed(e.earliest))
      )
      assert.strictEqual(caught, "2018-12-29")
    }))
})

describe("record keys in rulebook and calendar files", () => {
  it("refuses __proto__, constructor and prototype as keys of tables keyed by measure or by year", () => {
    for (const key of ["__proto__", "constructor", "prototype"]) {
      const rulebook = `{"name":"c","editions":[{"effectiveFrom":"2026-01-01","source":{"law":"某县规定"},"parameters":{"fourForms.classification":{"value":{${JSON.stringify(key)}:1},"citation":{"law":"某县规定"},"scope":"local"}}}]}`
      const r = Rulebook.decodeJson(rulebook)
      assert.isTrue(Either.isLeft(r), `rulebook ${key}`)
      const calendar = `{"years":{"2026":{"source":"x","restDays":[],"makeUpWorkdays":[]},${JSON.stringify(key)}:{"source":"x","restDays":[],"makeUpWorkdays":[]}}}`
      const c = WorkCalendar.decodeJson(calendar)
      assert.isTrue(Either.isLeft(c), `calendar ${key}`)
      if (Either.isLeft(c)) assert.isTrue(c.left.issues.some((i) => i.path.includes(key)), JSON.stringify(c.left.issues))
    }
  })

  it("reads a rulebook file after a byte order mark", () => {
    const text = "\uFEFF" + JSON.stringify({ name: "c", editions: [] })
    assert.isTrue(Either.isRight(Rulebook.decodeJson(text)))
  })
})
