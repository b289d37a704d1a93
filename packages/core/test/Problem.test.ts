import { assert, describe, it } from "@effect/vitest"
import { InvalidInput, PowerList, Problem, StorageAdapter, SupervisionCase } from "@qinglian/core"
import { VersionExists } from "@qinglian/core/storage"
import * as Either from "effect/Either"
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"

const src = path.join(path.dirname(fileURLToPath(import.meta.url)), "../src")
const hasHan = (s: string) => /\p{Script=Han}/u.test(s)

const sources = (dir: string): Array<string> =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sources(path.join(dir, d.name)) : d.name.endsWith(".ts") ? [path.join(dir, d.name)] : []
  )

// The `_tag` of every Schema.TaggedError declared in core's sources.
const declaredTags = (): Array<string> => {
  const tags: Array<string> = []
  for (const file of sources(src)) {
    const text = fs.readFileSync(file, "utf8")
    for (const m of text.matchAll(/Schema\.TaggedError<\w+>\(\s*"[^"]*"\s*\)\(\s*"(\w+)"/g)) tags.push(m[1]!)
  }
  return tags
}

// Compile-time: the refusal codes are exactly the error tags, so an error added to CoreError
// without an entry fails to compile in Problem.ts, and this line names the union.
const tagsOfCoreErrors: ReadonlyArray<Problem.CoreError["_tag"]> = Problem.refusalTags

describe("Problem", () => {
  it("fromError of a Forbidden has its code and a message in Chinese and English from its fields", () => {
    const error = new SupervisionCase.Forbidden({
      command: "Decide",
      actor: "cadre-7",
      reason: "recusal",
      detail: "cadre-7 is the subject's spouse"
    })
    const problem = Problem.fromError(error)!
    assert.strictEqual(problem.code, "Forbidden")
    assert.deepStrictEqual(problem.path, [])
    assert.deepStrictEqual(problem.issues, [])
    assert.isTrue(hasHan(problem.message.zh))
    assert.include(problem.message.zh, "cadre-7")
    assert.include(problem.message.zh, "回避")
    assert.include(problem.message.en, "cadre-7 may not issue Decide")
    assert.include(problem.message.en, "spouse")
  })

  it("fromError of an IllegalTransition names the stage in Chinese and the commands allowed", () => {
    const problem = Problem.fromError(new SupervisionCase.IllegalTransition({ stage: "closed", command: "Decide" }))!
    assert.strictEqual(problem.code, "IllegalTransition")
    assert.include(problem.message.zh, "结案")
    assert.include(problem.message.en, "Decide is not allowed")
  })

  it("fromError of an InvalidInput carries its issues, each with its code", () => {
    const r = PowerList.decodeUnknown([])
    const error = Either.isLeft(r) ? r.left : assert.fail("expected InvalidInput")
    const problem = Problem.fromError(error)!
    assert.strictEqual(problem.code, "InvalidInput")
    assert.deepStrictEqual(problem.issues.map((i) => i.code), ["WRONG_TYPE"])
    assert.include(problem.message.zh, "小微权力清单")
    assert.include(problem.message.zh, "类型不对")
    assert.include(problem.message.en, "power list")
  })

  it("fromError says a re-saved version exists, and a conflict what to do", () => {
    const exists = Problem.fromError(new VersionExists.VersionExists({ collection: "powerLists", key: "l1", version: "2025" }))!
    assert.strictEqual(exists.code, "VersionExists")
    assert.include(exists.message.zh, "已经存在")
    const conflict = Problem.fromError(
      new StorageAdapter.ConcurrencyConflict({ kind: "document", key: "powerLists/l1@2025", expected: 1, actual: 2 })
    )!
    assert.include(conflict.message.zh, "重新读取")
  })

  it("fromError is undefined for anything that is not one of core's errors", () => {
    for (const u of [undefined, null, 42, "Forbidden", new Error("boom"), { _tag: "Forbidden" }, { _tag: "toString" }, { _tag: "Nope" }]) {
      assert.isUndefined(Problem.fromError(u), String(u))
    }
  })

  it("fromError reads the same error from another copy of the library by its fields", () => {
    const copy = { _tag: "IllegalTransition", stage: "review", command: "RegisterLead" }
    assert.strictEqual(Problem.fromError(copy)?.code, "IllegalTransition")
    assert.isUndefined(Problem.fromError({ ...copy, stage: "nowhere" }))
  })

  it("every TaggedError declared in core has a refusal entry, and every entry an error", () => {
    const declared = declaredTags()
    assert.isAbove(declared.length, 15)
    assert.sameMembers([...tagsOfCoreErrors], declared)
    const refusals = Problem.catalogue.filter((e) => e.kind === "refusal").map((e) => e.code)
    assert.sameMembers(refusals, declared)
    assert.include(refusals, "VersionExists")
  })

  it("the catalogue lists every input code and each diagnostic once per module, all in both languages", () => {
    const input = Problem.catalogue.filter((e) => e.kind === "input").map((e) => e.code)
    assert.sameMembers(input, [...InvalidInput.issueCodes])
    const keys = Problem.catalogue.map((e) => `${e.kind} ${e.module} ${e.code}`)
    assert.strictEqual(new Set(keys).size, keys.length, "no entry twice")
    for (const e of Problem.catalogue) {
      assert.isTrue(hasHan(e.zh), `${e.code}: ${e.zh}`)
      assert.match(e.en, /^[^\p{Script=Han}]*[A-Za-z]{3}/u, e.code)
      assert.strictEqual(e.kind === "diagnostic", e.severity !== undefined, e.code)
    }
    const diagnostics = new Set(Problem.catalogue.filter((e) => e.kind === "diagnostic").map((e) => `${e.module} ${e.code}`))
    for (const expected of ["powerlist/Exercise SELF_APPROVAL", "powerlist/PowerList FOUR_AND_TWO_BROKEN", "org/Cadre ROSTER_UNKNOWN_UNIT", "village/Mentoring MENTORING_SELF", "base/Period PERIOD_ORDER"]) {
      assert.isTrue(diagnostics.has(expected), expected)
    }
  })

  it("every diagnostic code core's checks can give is in the catalogue, with the severity they give it", () => {
    const listed = new Map(Problem.catalogue.filter((e) => e.kind === "diagnostic").map((e) => [e.code, e]))
    // Codes as the checks write them: Diagnostic.error("CODE", …), .warning(…) or .make("CODE", "severity", …).
    const found: Array<{ code: string; severity: string; file: string }> = []
    for (const file of sources(src)) {
      // Code, not the examples in doc comments.
      const text = fs.readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "")
      for (const m of text.matchAll(/Diagnostic\.(error|warning)\(\s*"([A-Z_]+)"/g)) found.push({ code: m[2]!, severity: m[1]!, file })
      for (const m of text.matchAll(/Diagnostic\.make\(\s*"([A-Z_]+)",\s*"(\w+)"/g)) found.push({ code: m[1]!, severity: m[2]!, file })
    }
    assert.isAbove(found.length, 40)
    for (const f of found) assert.isTrue(listed.has(f.code), `${f.code} (${path.relative(src, f.file)}) has no catalogue entry`)
    // The power-list validation's own table gives each code the severity validate.ts gives it.
    const validation = Problem.catalogue.filter((e) => e.module === "powerlist/PowerList")
    for (const f of found.filter((f) => f.file.endsWith("validate.ts"))) {
      assert.strictEqual(validation.find((e) => e.code === f.code)?.severity, f.severity, f.code)
    }
  })
})
