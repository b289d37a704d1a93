import { assert, describe, it } from "@effect/vitest"
import { Codes } from "@qinglian/scoring"
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
