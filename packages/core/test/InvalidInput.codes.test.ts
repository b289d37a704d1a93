import { assert, describe, it } from "@effect/vitest"
import { Exercise, Examples, InvalidInput, PowerList, Rulebook, SupervisionCase, WorkCalendar } from "@qinglian/core"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as fc from "fast-check"
import * as fs from "node:fs"

// The issue codes and their messages, on the real boundary documents.

const leftOf = <A>(r: Either.Either<A, InvalidInput.InvalidInput>): InvalidInput.InvalidInput => {
  if (Either.isRight(r)) return assert.fail("expected InvalidInput")
  return r.left
}

const referenceJson = (): any => JSON.parse(JSON.stringify(Schema.encodeSync(PowerList.PowerList)(PowerList.reference())))

const hasHan = (s: string) => /\p{Script=Han}/u.test(s)

const assertBilingual = (issue: InvalidInput.Issue) => {
  assert.isTrue(hasHan(issue.message.zh), `zh message in Chinese: ${issue.message.zh}`)
  assert.isFalse(hasHan(issue.message.en.replace(/[“”]/g, "")) && !/[A-Za-z]/.test(issue.message.en), issue.message.en)
  assert.match(issue.message.en, /[A-Za-z]{3}/)
  assert.isAbove(issue.detail.length, 0)
}

describe("input issue codes", () => {
  it("an array where a power list belongs is one WRONG_TYPE at the root, in both languages", () => {
    const e = leftOf(PowerList.decodeUnknown([]))
    assert.strictEqual(e.issues.length, 1)
    const [issue] = e.issues
    assert.strictEqual(issue!.code, "WRONG_TYPE")
    assert.deepStrictEqual(issue!.path, [])
    assert.include(issue!.message.zh, "对象")
    assert.include(issue!.message.zh, "数组")
    assert.include(issue!.message.en, "expected an object")
    assert.include(issue!.message.en, "array")
    assert.notInclude(issue!.message.en, "Encoded side")
    assertBilingual(issue!)
  })

  it("a misspelt key is UNKNOWN_KEY at its path, suggesting the key it is close to", () => {
    const list = referenceJson()
    list.items[3].conditons = []
    const e = leftOf(PowerList.decodeUnknown(list))
    assert.deepStrictEqual(e.issues.map((i) => [i.code, i.path]), [["UNKNOWN_KEY", ["items", 3, "conditons"]]])
    const issue = e.issues[0]!
    assert.include(issue.message.zh, "未知字段 “conditons”")
    assert.include(issue.message.zh, "conditions")
    assert.include(issue.message.en, "Unknown key \"conditons\"")
    assert.include(issue.message.en, "did you mean \"conditions\"")
    assert.include(issue.detail, "is unexpected")
  })

  it("a one-letter typo in a literal is exactly one NOT_ALLOWED_VALUE naming the allowed values", () => {
    const list = referenceJson()
    list.items[0].decidingBody = "villagersAssembIy"
    const e = leftOf(PowerList.decodeUnknown(list))
    assert.strictEqual(e.issues.length, 1)
    const issue = e.issues[0]!
    assert.strictEqual(issue.code, "NOT_ALLOWED_VALUE")
    assert.deepStrictEqual(issue.path, ["items", 0, "decidingBody"])
    for (const allowed of ["villagersAssembly", "representativesAssembly", "townGovernment"]) {
      assert.include(issue.message.zh, allowed)
      assert.include(issue.message.en, allowed)
    }
    assert.include(issue.message.en, "Did you mean \"villagersAssembly\"?")
    assertBilingual(issue)
  })

  it("a wrong tag of a tagged union is one NOT_ALLOWED_VALUE at the tag", () => {
    const list = referenceJson()
    list.items[0].procedure._tag = "Stepz"
    const e = leftOf(PowerList.decodeUnknown(list))
    assert.deepStrictEqual(e.issues.map((i) => [i.code, i.path]), [["NOT_ALLOWED_VALUE", ["items", 0, "procedure", "_tag"]]])
    assert.include(e.issues[0]!.message.en, "\"Steps\"")
  })

  it("a missing key is MISSING_KEY, a date that does not exist BAD_DATE", () => {
    const list = referenceJson()
    delete list.title
    list.effectiveFrom = "2025-02-30"
    const e = leftOf(PowerList.decodeUnknown(list))
    assert.sameDeepMembers(e.issues.map((i) => [i.code, i.path]), [["MISSING_KEY", ["title"]], ["BAD_DATE", ["effectiveFrom"]]])
    const date = e.issues.find((i) => i.code === "BAD_DATE")!
    assert.include(date.message.zh, "YYYY-MM-DD")
    assert.include(date.message.zh, "2025-02-30")
    assertBilingual(date)
  })

  it("a negative amount is OUT_OF_RANGE saying the bound, an unknown unit NOT_ALLOWED_VALUE", () => {
    const faulty = JSON.parse(JSON.stringify(Examples.xishuHeatingFaulty()))
    faulty.amount = { amount: -5, unit: "yuan" }
    const e = leftOf(Exercise.decodeUnknown(faulty))
    assert.deepStrictEqual(e.issues.map((i) => [i.code, i.path]), [["OUT_OF_RANGE", ["amount", "amount"]]])
    assert.include(e.issues[0]!.message.zh, "不小于 0")
    assert.include(e.issues[0]!.message.en, "at least 0")
    faulty.amount = { amount: 5, unit: "dollars" }
    const unit = leftOf(Exercise.decodeUnknown(faulty))
    assert.deepStrictEqual(unit.issues.map((i) => [i.code, i.path]), [["NOT_ALLOWED_VALUE", ["amount", "unit"]]])
    assert.strictEqual(unit.issues[0]!.detail, "a money unit is \"fen\" or \"yuan\", got \"dollars\"")
  })

  it("text that is not JSON is NOT_JSON; a byte order mark before valid JSON is skipped", () => {
    const text = JSON.stringify(referenceJson())
    assert.isTrue(Either.isRight(PowerList.decodeJson("\uFEFF" + text)))
    const e = leftOf(PowerList.decodeJson(text.slice(0, -1)))
    assert.deepStrictEqual(e.issues.map((i) => [i.code, i.path]), [["NOT_JSON", []]])
    assert.include(e.issues[0]!.detail, "not JSON")
    assertBilingual(e.issues[0]!)
    assert.strictEqual(leftOf(InvalidInput.parseJson("x")(42 as unknown as string)).issues[0]!.code, "NOT_JSON")
  })

  it("input nested too deeply is one TOO_DEEP at the first path past the limit", () => {
    const e = leftOf(PowerList.decodeJson("[".repeat(5000) + "]".repeat(5000)))
    assert.strictEqual(e.issues.length, 1)
    assert.strictEqual(e.issues[0]!.code, "TOO_DEEP")
    assert.strictEqual(e.issues[0]!.path.length, InvalidInput.maxDepth)
    assertBilingual(e.issues[0]!)
  })

  it("a forbidden record key is FORBIDDEN_KEY", () => {
    const decode = InvalidInput.decodeUnknown(Schema.Record({ key: InvalidInput.RecordKey, value: Schema.Number }), "table")
    const e = leftOf(decode(JSON.parse("{\"2026\": 1, \"__proto__\": 2}")))
    assert.deepStrictEqual(e.issues.map((i) => [i.code, i.path]), [["FORBIDDEN_KEY", ["__proto__"]]])
  })

  it("a filter that names paths of its own reports at each, with the filter's code", () => {
    const e = leftOf(WorkCalendar.decodeJson(JSON.stringify({
      years: { "2027": { restDays: [["2027-01-03", "2027-01-01", "元旦"]], makeUpWorkdays: [] } }
    })))
    assert.isAbove(e.issues.length, 0)
    for (const i of e.issues) assert.isAbove(i.path.length, 2, JSON.stringify(i))
  })

  it("a misspelt key among the rulebook's parameters is UNKNOWN_KEY, and every issue has a known code", () => {
    const e = leftOf(Rulebook.decodeJson(JSON.stringify({
      name: "x",
      editions: [{ effectiveFrom: "2026-01-01", source: { law: "x" }, parameters: { "threshold.escalaton": 1 } }]
    })))
    const codes = new Set<string>(InvalidInput.issueCodes)
    for (const i of e.issues) assert.isTrue(codes.has(i.code), i.code)
    assert.isTrue(e.issues.some((i) => i.code === "UNKNOWN_KEY" && i.message.en.includes("threshold.escalation")))
  })

  it("the one-line message keeps effect's text", () => {
    const e = leftOf(PowerList.decodeUnknown([]))
    assert.strictEqual(e.message, `invalid power list: (root): ${e.issues[0]!.detail}`)
  })

  it("every issue code has a meaning in both languages", () => {
    for (const code of InvalidInput.issueCodes) {
      assert.isTrue(hasHan(InvalidInput.issueMeaning[code].zh), code)
      assert.isAbove(InvalidInput.issueMeaning[code].en.length, 10, code)
    }
    assert.includeMembers([...InvalidInput.issueCodes], [
      "UNKNOWN_KEY", "MISSING_KEY", "WRONG_TYPE", "NOT_ALLOWED_VALUE", "OUT_OF_RANGE", "BAD_DATE", "BAD_FORMAT",
      "TOO_DEEP", "NOT_JSON", "FORBIDDEN_KEY", "INVALID"
    ])
  })
})

// Every path of a JSON document, for mutating one place at a time.
const pathsOf = (doc: unknown, at: ReadonlyArray<string | number> = [], out: Array<ReadonlyArray<string | number>> = []) => {
  out.push(at)
  if (Array.isArray(doc)) doc.forEach((v, i) => pathsOf(v, [...at, i], out))
  else if (typeof doc === "object" && doc !== null) for (const [k, v] of Object.entries(doc)) pathsOf(v, [...at, k], out)
  return out
}

type Mutation = { readonly kind: "replace"; readonly value: unknown } | { readonly kind: "delete" } | { readonly kind: "add"; readonly key: string }

const mutate = (doc: any, path: ReadonlyArray<string | number>, m: Mutation): unknown => {
  const copy = structuredClone(doc)
  if (path.length === 0) return m.kind === "replace" ? m.value : copy
  let parent = copy
  for (const p of path.slice(0, -1)) parent = parent[p]
  const last = path[path.length - 1]!
  if (m.kind === "replace") parent[last] = m.value
  else if (m.kind === "delete") Array.isArray(parent) ? parent.splice(Number(last), 1) : delete parent[last]
  else if (typeof parent[last] === "object" && parent[last] !== null && !Array.isArray(parent[last])) parent[last][m.key] = 1
  return copy
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("replace" as const), value: fc.jsonValue({ maxDepth: 2 }) }),
  fc.record({ kind: fc.constant("delete" as const) }),
  fc.record({ kind: fc.constant("add" as const), key: fc.string({ minLength: 1, maxLength: 12 }) })
)

describe("input issue codes on mutated documents", () => {
  const documents: ReadonlyArray<readonly [string, unknown, (u: unknown) => Either.Either<unknown, InvalidInput.InvalidInput>]> = [
    ["power list", referenceJson(), PowerList.decodeUnknown],
    ["exercise", JSON.parse(JSON.stringify(Examples.xishuHeatingFaulty())), Exercise.decodeUnknown],
    ["rulebook file", JSON.parse(fs.readFileSync(new URL("../src/rulebook/data/defaults.json", import.meta.url), "utf8")), Rulebook.decodeFile],
    ["supervision command", { _tag: "ExtendInvestigation", days: 30 }, SupervisionCase.decodeCommand]
  ]
  for (const [name, doc, decode] of documents) {
    it(`${name}: every issue has a known code, a path into the document and a message in both languages`, () => {
      const paths = pathsOf(doc)
      const codes = new Set<string>(InvalidInput.issueCodes)
      fc.assert(
        fc.property(fc.nat(paths.length - 1), mutation, (i, m) => {
          const r = decode(mutate(doc, paths[i]!, m))
          if (Either.isRight(r)) return
          assert.isAbove(r.left.issues.length, 0)
          for (const issue of r.left.issues) {
            assert.isTrue(codes.has(issue.code), issue.code)
            for (const p of issue.path) assert.include(["string", "number"], typeof p)
            assert.isTrue(hasHan(issue.message.zh), JSON.stringify(issue))
            assert.match(issue.message.en, /[A-Za-z]{3}/)
            assert.isAbove(issue.detail.length, 0)
          }
          // One issue per mistyped literal, never one per allowed value.
          const at = r.left.issues.map((x) => JSON.stringify(x.path))
          assert.strictEqual(new Set(at).size, at.length, JSON.stringify(r.left.issues.map((x) => [x.code, x.path])))
        }),
        { numRuns: 150, seed: 20261203 }
      )
    })
  }
})
