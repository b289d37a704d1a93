// What a user installs is the packed tarballs, not our sources: build every package, `npm pack` it,
// install all the tarballs together in a scratch project (so @qinglian/* dependencies resolve to
// the tarballs, never to a registry) and use each package from ESM, CommonJS and TypeScript.
// @qinglian/storage-conformance is ESM only (it imports vitest, which refuses require()): from
// CommonJS the check is that Node and TypeScript refuse it plainly.
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { execFile } from "node:child_process"
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { fileURLToPath } from "node:url"

const root = resolve(fileURLToPath(new URL("..", import.meta.url)))
const npm = process.platform === "win32" ? "npm.cmd" : "npm"

// Directory under packages/ → published name. Core first: the others' declaration builds read
// core's built types (their build tsconfig drops the "source" condition).
const packages = {
  core: "@qinglian/core",
  scoring: "@qinglian/scoring",
  "storage-memory": "@qinglian/storage-memory",
  "storage-sqlite": "@qinglian/storage-sqlite",
  "storage-conformance": "@qinglian/storage-conformance"
} as const

// Third-party dependencies and peer dependencies of the five, linked from this checkout so the
// check needs no network (better-sqlite3 with its native module already built there).
const thirdParty = [
  "effect",
  "@effect/sql",
  "@effect/sql-sqlite-node",
  "@effect/platform",
  "@effect/experimental",
  "better-sqlite3",
  "@effect/vitest",
  "vitest",
  "fast-check"
]

// Scripts the user would write, one per package. Each prints one line per check so the assertion
// can name what broke. `esm` and `cjs` are the ESM or CommonJS import of what the script uses.
// `esmOnly` packages expect `expectedCjs` from the CommonJS script instead of `expected`.
interface Program {
  readonly esm: string
  readonly cjs: string
  readonly body: string
  readonly expected: ReadonlyArray<string>
  readonly esmOnly?: { readonly expectedCjs: ReadonlyArray<string> }
}

const programs: Record<string, Program> = {
  core: {
    esm: `import { LocalDate, Rulebook, Threshold } from "@qinglian/core"\nimport { Schema } from "effect"`,
    cjs: `const { LocalDate, Rulebook, Threshold } = require("@qinglian/core")\nconst { Schema } = require("effect")`,
    body: `const date = LocalDate.unsafeMake("2026-05-20")
const decoded = Schema.decodeUnknownEither(LocalDate.LocalDate)("2026-02-30")
console.log("invalid date rejected:", decoded._tag === "Left")
const rules = Rulebook.unsafeAt(Rulebook.defaults, date)
console.log("tender construction (fen):", Rulebook.value(rules, "threshold.tenderConstruction"))
console.log("cited:", Rulebook.citationOf(rules, "threshold.tenderConstruction").article)
console.log("two thirds of 45:", Threshold.minimumCount(Threshold.atLeastTwoThirds, 45))`,
    expected: [
      "invalid date rejected: true",
      "tender construction (fen): 400000000",
      "cited: 第五条(一)",
      "two thirds of 45: 30"
    ]
  },
  scoring: {
    esm: `import { packageName } from "@qinglian/scoring"`,
    cjs: `const { packageName } = require("@qinglian/scoring")`,
    body: `console.log("package:", packageName)`,
    expected: ["package: @qinglian/scoring"]
  },
  // Core's Storage service on the memory adapter: a write, a read, a refused duplicate, the audit.
  "storage-memory": {
    esm: `import { Storage } from "@qinglian/core"
import { MemoryStorage } from "@qinglian/storage-memory"
import { Effect, Schema } from "effect"`,
    cjs: `const { Storage } = require("@qinglian/core")
const { MemoryStorage } = require("@qinglian/storage-memory")
const { Effect, Schema } = require("effect")`,
    body: `const notes = Storage.collection({
  name: "notes",
  schema: Schema.Struct({ id: Schema.String, text: Schema.String }),
  id: (note) => note.id
})
const program = Effect.gen(function*() {
  yield* notes.insert({ id: "n1", text: "村务公开" }, { actor: "clerk-01" })
  const read = yield* notes.getOrFail("n1")
  console.log("read back:", read.value.text, "version", read.version)
  const again = yield* Effect.either(notes.insert({ id: "n1", text: "again" }, { actor: "clerk-01" }))
  console.log("second insert of n1:", again._tag === "Left" ? again.left._tag : "stored")
  console.log("audit entries:", (yield* Storage.verifyAudit()).entries)
})
Effect.runPromise(program.pipe(Effect.provide(Storage.layer), Effect.provide(MemoryStorage.layer())))`,
    expected: ["read back: 村务公开 version 1", "second insert of n1: ConcurrencyConflict", "audit entries: 1"]
  },
  // The same on a SQLite file: written through one connection, read back after reopening the file,
  // so better-sqlite3's native module and the migrations shipped in the tarball both ran.
  "storage-sqlite": {
    esm: `import { Storage } from "@qinglian/core"
import { SqliteStorage } from "@qinglian/storage-sqlite"
import { Effect, Schema } from "effect"
const filename = "esm.sqlite"`,
    cjs: `const { Storage } = require("@qinglian/core")
const { SqliteStorage } = require("@qinglian/storage-sqlite")
const { Effect, Schema } = require("effect")
const filename = "cjs.sqlite"`,
    body: `const notes = Storage.collection({
  name: "notes",
  schema: Schema.Struct({ id: Schema.String, text: Schema.String }),
  id: (note) => note.id
})
const open = (self) => self.pipe(Effect.provide(Storage.layer), Effect.provide(SqliteStorage.layer({ filename })))
const write = open(notes.insert({ id: "n1", text: "财务公开" }, { actor: "clerk-01" }))
const read = open(Effect.gen(function*() {
  const read = yield* notes.getOrFail("n1")
  console.log("read back after reopening:", read.value.text, "version", read.version)
  console.log("audit entries:", (yield* Storage.verifyAudit()).entries)
}))
Effect.runPromise(Effect.zipRight(write, read))`,
    expected: ["read back after reopening: 财务公开 version 1", "audit entries: 1"]
  },
  // The suite only runs inside vitest (it calls describe/it), so outside it the ESM check is that
  // the export map resolves; the vitest run below uses it for real. It is ESM only, so require()
  // must fail at resolution with Node's own code (no `require` condition), not later inside vitest.
  "storage-conformance": {
    esm: `import { relative } from "node:path"
import { fileURLToPath } from "node:url"
const resolved = fileURLToPath(import.meta.resolve("@qinglian/storage-conformance"))
console.log("entry:", relative(process.cwd(), resolved).split("\\\\").join("/"))`,
    cjs: `for (const [what, load] of [["require.resolve", require.resolve], ["require", require]]) {
  try {
    load("@qinglian/storage-conformance")
    console.log(what + ": loaded")
  } catch (error) {
    console.log(what + ":", error.code)
  }
}`,
    body: "",
    expected: ["entry: node_modules/@qinglian/storage-conformance/dist/index.js"],
    esmOnly: {
      expectedCjs: ["require.resolve: ERR_PACKAGE_PATH_NOT_EXPORTED", "require: ERR_PACKAGE_PATH_NOT_EXPORTED"]
    }
  }
}

describe("the packed packages", () => {
  let dir = ""
  let app = ""
  // Asynchronous on purpose: a synchronous child process blocks the test worker, which then misses
  // vitest's 60 s RPC deadline on a busy machine.
  const run = (
    cmd: string,
    args: ReadonlyArray<string>,
    cwd: string,
    env: NodeJS.ProcessEnv = process.env
  ): Promise<string> =>
    new Promise((resolvePromise, reject) => {
      execFile(
        cmd,
        args,
        { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024, env: { ...env, NO_COLOR: "1" } },
        (error, stdout, stderr) =>
          error === null
            ? resolvePromise(stdout)
            : reject(new Error(`${cmd} ${args.join(" ")} failed in ${cwd}:\n${stdout}${stderr}`))
      )
    })

  beforeAll(async () => {
    dir = realpathSync(mkdtempSync(join(tmpdir(), "qinglian-pack-")))
    // Always build: a stale dist from an earlier checkout must not pass for the current sources.
    await run(npm, ["run", "build", "--workspace", packages.core], root)
    const dependents = Object.values(packages).filter((name) => name !== packages.core)
    await Promise.all(dependents.map((name) => run(npm, ["run", "build", "--workspace", name], root)))
    const tarballs = await Promise.all(
      Object.entries(packages).map(async ([folder, name]) => {
        const packed = JSON.parse(
          await run(npm, ["pack", "--json", "--pack-destination", dir], join(root, "packages", folder))
        ) as ReadonlyArray<{ filename: string }>
        return [name, `file:${join(dir, packed[0]!.filename)}`] as const
      })
    )

    app = join(dir, "app")
    mkdirSync(app)
    writeFileSync(
      join(app, "package.json"),
      JSON.stringify({
        name: "qinglian-pack-check",
        private: true,
        dependencies: Object.fromEntries([
          ...tarballs,
          ...thirdParty.map((name) => [name, `file:${join(root, "node_modules", name)}`])
        ])
      })
    )
    // --offline: anything not satisfied by the tarballs and links (say an @qinglian/* dependency
    // on a version we did not pack) fails here instead of being fetched.
    await run(npm, ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"], app)
    for (const [folder, program] of Object.entries(programs)) {
      writeFileSync(join(app, `${folder}.mjs`), `${program.esm}\n${program.body}\n`)
      writeFileSync(join(app, `${folder}.cjs`), `${program.cjs}\n${program.body}\n`)
    }
  }, 300_000)

  afterAll(() => {
    if (dir !== "") rmSync(dir, { recursive: true, force: true })
  })

  it("resolves every @qinglian/* dependency to the packed tarballs", () => {
    const lock = JSON.parse(readFileSync(join(app, "package-lock.json"), "utf8")) as {
      packages: Record<string, { resolved?: string }>
    }
    for (const name of Object.values(packages)) {
      const entries = Object.entries(lock.packages).filter(([path]) => path.endsWith(`node_modules/${name}`))
      // One copy, from our tarball: a second copy nested under a dependent would mean a dependency
      // range the packed version does not satisfy.
      assert.deepStrictEqual(entries.map(([path]) => path), [`node_modules/${name}`])
      assert.match(entries[0]![1].resolved ?? "", /^file:.*\.tgz$/)
    }
  })

  for (const folder of Object.keys(programs)) {
    const program = programs[folder]!
    const expected = (ext: string) => program.expected.join("\n").replace("__EXT__", ext)

    it(`${packages[folder as keyof typeof packages]} is usable from ESM (import)`, async () => {
      assert.strictEqual((await run(process.execPath, [`${folder}.mjs`], app)).trim(), expected("js"))
    })

    if (program.esmOnly === undefined) {
      it(`${packages[folder as keyof typeof packages]} is usable from CommonJS (require)`, async () => {
        assert.strictEqual((await run(process.execPath, [`${folder}.cjs`], app)).trim(), expected("cjs"))
      })
    } else {
      const expectedCjs = program.esmOnly.expectedCjs.join("\n")
      it(`${packages[folder as keyof typeof packages]} is ESM only: CommonJS require() is refused`, async () => {
        assert.strictEqual((await run(process.execPath, [`${folder}.cjs`], app)).trim(), expectedCjs)
      })
    }
  }

  it("runs the packed conformance suite against the packed memory adapter under vitest", async () => {
    writeFileSync(
      join(app, "memory.conformance.test.mjs"),
      `import { suite } from "@qinglian/storage-conformance"
import { MemoryStorage } from "@qinglian/storage-memory"
suite("memory", () => MemoryStorage.layerTest(), { capabilities: MemoryStorage.capabilities })
`
    )
    // A fresh vitest in the scratch project, not a worker of this run: drop this run's VITEST_*.
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("VITEST")))
    await run(
      process.execPath,
      [join(app, "node_modules/vitest/vitest.mjs"), "run", "--reporter=json", "--outputFile=conformance.json"],
      app,
      env
    )
    const report = JSON.parse(readFileSync(join(app, "conformance.json"), "utf8")) as {
      success: boolean
      numTotalTests: number
      numPassedTests: number
    }
    assert.isTrue(report.success)
    assert.isAbove(report.numTotalTests, 0)
    assert.strictEqual(report.numPassedTests, report.numTotalTests)
  }, 120_000)

  // Core's folders are subpaths of one package: each resolves from both module systems, a class
  // is the same class whichever subpath it comes from, the JSON Schemas are exported as files, and
  // internal modules stay closed.
  it("@qinglian/core's subpaths, schemas and closed internals, from ESM and CommonJS", async () => {
    const folders = ["base", "org", "rulebook", "calendar", "storage", "powerlist", "supervision", "village", "testing", "examples"]
    const body = (load: (module: string) => string) => `const root = ${load("@qinglian/core")}
const folders = ${JSON.stringify(folders)}
let loaded = 0
for (const f of folders) { if (Object.keys(${load("`@qinglian/core/${f}`")}).length > 0) loaded++ }
console.log("subpaths:", loaded)
const pl = ${load("@qinglian/core/powerlist")}
console.log("one class:", pl.PowerList.PowerList === root.PowerList.PowerList && (${load("@qinglian/core/base")}).InvalidInput.InvalidInput === root.InvalidInput.InvalidInput)
console.log("reference items:", pl.PowerList.reference().items.length)
let closed = false
try { ${load("@qinglian/core/internal/validators")} } catch (e) { closed = e.code === "ERR_PACKAGE_PATH_NOT_EXPORTED" }
console.log("internal closed:", closed)`
    writeFileSync(join(app, "subpaths.mjs"), body((m) => `await import(${m.startsWith("`") ? m : JSON.stringify(m)})`) + `
const schema = (await import("@qinglian/core/schemas/power-list.schema.json", { with: { type: "json" } })).default
console.log("schema:", schema.$ref)`)
    writeFileSync(join(app, "subpaths.cjs"), body((m) => `require(${m.startsWith("`") ? m : JSON.stringify(m)})`) + `
console.log("schema:", require("@qinglian/core/schemas/power-list.schema.json").$ref)`)
    const expected = ["subpaths: 10", "one class: true", "reference items: 57", "internal closed: true", "schema: #/$defs/PowerList"].join("\n")
    assert.strictEqual((await run(process.execPath, ["subpaths.mjs"], app)).trim(), expected)
    assert.strictEqual((await run(process.execPath, ["subpaths.cjs"], app)).trim(), expected)
  })

  it("type-checks for users of both module systems (.d.ts and .d.cts)", async () => {
    const imports = `import { Ids, LocalDate, Organisation, PowerList, Rulebook, Storage, Threshold } from "@qinglian/core"
import { Exercise } from "@qinglian/core/powerlist"
import { packageName } from "@qinglian/scoring"
import { MemoryStorage } from "@qinglian/storage-memory"
import { SqliteStorage } from "@qinglian/storage-sqlite"
import { Effect, Layer, Schema } from "effect"
`
    const use = `const d: LocalDate.LocalDate = LocalDate.unsafeMake("2026-05-20")
const fen: number = Rulebook.value(Rulebook.unsafeAt(Rulebook.defaults, d), "threshold.escalation")
// @ts-expect-error a key the rulebook does not have
Rulebook.value(Rulebook.unsafeAt(Rulebook.defaults, d), "threshold.nope")
const name: "@qinglian/scoring" = packageName
const notes = Storage.collection({
  name: "notes",
  schema: Schema.Struct({ id: Schema.String, text: Schema.String }),
  id: (note) => note.id
})
const read: Effect.Effect<string, unknown, never> = Effect.map(notes.getOrFail("n1"), (stored) => stored.value.text).pipe(
  Effect.provide(Storage.layer),
  Effect.provide(MemoryStorage.layer())
)
const sqlite: Layer.Layer<Storage.Storage, unknown> = Layer.provide(Storage.layer, SqliteStorage.layer({ filename: "x.sqlite" }))
// @ts-expect-error not a synchronous mode the adapter offers
SqliteStorage.layer({ filename: "x.sqlite", synchronous: "off" })
// Schemas are values as well as types, from the root and from a subpath.
const caseId: Ids.CaseId = Ids.CaseId.make("JC-2026-001")
const county: Organisation.County = Schema.decodeUnknownSync(Organisation.County)({ id: "140525", name: "泽州县" })
const encoded = Schema.encodeSync(PowerList.PowerList)(PowerList.reference())
const exercise: Exercise.Exercise | undefined = Exercise.decodeUnknown({}).pipe((r) => (r._tag === "Right" ? r.right : undefined))
export const out = [fen, Threshold.isMet(Threshold.moreThanHalf, 3, 5), name, read, sqlite, caseId, county, encoded, exercise]
`
    // The ESM-only conformance suite: fully typed from ESM; from CommonJS TypeScript must refuse the
    // import as Node does (an unused @ts-expect-error fails the check if a require entry comes back).
    const conformanceEsm = `import { suite, type SuiteOptions } from "@qinglian/storage-conformance"
const options: SuiteOptions = { capabilities: MemoryStorage.capabilities }
const register: (name: string, makeLayer: () => ReturnType<typeof MemoryStorage.layerTest>, options: SuiteOptions) => void = suite
// @ts-expect-error not a kind of transactions the contract knows
const wrong: SuiteOptions = { capabilities: { ...MemoryStorage.capabilities, transactions: "sometimes" } }
export const conformance = [options, register, wrong]
`
    const conformanceCjs = `// @ts-expect-error ESM only: the package has no require entry
import { suite } from "@qinglian/storage-conformance"
export const conformance = [suite]
`
    writeFileSync(join(app, "use.mts"), imports + use + conformanceEsm)
    writeFileSync(join(app, "use.cts"), imports + use + conformanceCjs)
    const tsc = join(root, "node_modules/typescript/bin/tsc")
    const args = ["--noEmit", "--strict", "--skipLibCheck", "--module", "nodenext", "--moduleResolution", "nodenext", "use.mts", "use.cts"]
    // tsc exits non-zero, and `run` rejects with its diagnostics, when a declaration is wrong.
    assert.strictEqual(await run(process.execPath, [tsc, ...args], app), "")
  }, 180_000)
})
