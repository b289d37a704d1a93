import { assert, describe, it } from "@effect/vitest"
import { Codes, Examples, Rubric } from "@qinglian/scoring"
import * as Either from "effect/Either"
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"

const src = path.join(path.dirname(fileURLToPath(import.meta.url)), "../src")
const texts = () => fs.readdirSync(src).filter((f) => f.endsWith(".ts")).map((f) => fs.readFileSync(path.join(src, f), "utf8"))

describe("the scoring catalogue", () => {
  it("has a refusal for every error the package declares", () => {
    const declared = texts().flatMap((t) => [...t.matchAll(/Schema\.TaggedError<\w+>\(\)\(\s*"(\w+)"/g)].map((m) => m[1]!))
    assert.isAbove(declared.length, 5)
    assert.sameMembers(Codes.catalogue.filter((e) => e.kind === "refusal").map((e) => e.code), declared)
  })

  it("has every diagnostic code its checks give and every input code of its boundary", () => {
    const listed = new Set(Codes.catalogue.filter((e) => e.kind === "diagnostic").map((e) => e.code))
    const given = texts().flatMap((t) => [
      ...[...t.matchAll(/Diagnostic\.error\(\s*"([A-Z_]+)"/g)].map((m) => m[1]!),
      ...[...t.matchAll(/invalidFacts\(\w+\.subject, "([A-Z_]+)"/g)].map((m) => m[1]!)
    ])
    assert.isAbove(given.length, 15)
    for (const code of given) assert.isTrue(listed.has(code), code)
    const input = texts().flatMap((t) => [...t.matchAll(/"(INPUT_[A-Z_]+)"/g)].map((m) => m[1]!))
    const inputs = new Set(Codes.catalogue.filter((e) => e.kind === "input").map((e) => e.code))
    for (const code of input) assert.isTrue(inputs.has(code), code)
  })

  it("says each in Chinese and English, once", () => {
    const keys = Codes.catalogue.map((e) => `${e.kind} ${e.code}`)
    assert.strictEqual(new Set(keys).size, keys.length)
    for (const e of Codes.catalogue) {
      assert.match(e.zh, /\p{Script=Han}/u, e.code)
      assert.match(e.en, /^[^\p{Script=Han}]*[A-Za-z]{3}/u, e.code)
      assert.match(e.module, /^scoring\//)
    }
  })
})

describe("the scoring boundary, on core's issue codes", () => {
  const file = (): any => JSON.parse(JSON.stringify(Examples.weeklyRubric))

  it("a mistyped literal is one INPUT_TYPE issue naming the allowed values, in both languages", () => {
    const f = file()
    f.editions[0].rubric.components[0].source = "ratting"
    const r = Rubric.decodeFile(f)
    const issues = Either.isLeft(r) ? r.left.issues : assert.fail("expected a refusal")
    assert.deepStrictEqual(issues.map((i) => [i.code, i.path.join("/")]), [["INPUT_TYPE", "editions/0/rubric/components/0/source"]])
    assert.include(issues[0]!.message.zh, "\"rating\"、\"tasks\"、\"checklist\"")
    assert.include(issues[0]!.message.en, "Did you mean \"rating\"?")
  })

  it("JSON text may start with a byte order mark; deep or broken text is an issue, never a throw", () => {
    const text = JSON.stringify(file())
    assert.isTrue(Either.isRight(Rubric.decodeJson("\uFEFF" + text)))
    const broken = Rubric.decodeJson(text.slice(1))
    assert.deepStrictEqual(Either.isLeft(broken) ? broken.left.issues.map((i) => i.code) : [], ["INPUT_JSON"])
    const deep = Rubric.decodeJson("[".repeat(10_000) + "]".repeat(10_000))
    assert.deepStrictEqual(Either.isLeft(deep) ? deep.left.issues.map((i) => [i.code, i.path.length]) : [], [["INPUT_RULE", 64]])
  })
})
