// What a user installs is the packed tarball, not our sources: build @qinglian/core, `npm pack` it,
// install the tarball in a scratch project and use it from both ESM and CommonJS.
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { execFile } from "node:child_process"
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { fileURLToPath } from "node:url"

const root = resolve(fileURLToPath(new URL("..", import.meta.url)))
const npm = process.platform === "win32" ? "npm.cmd" : "npm"

// Scripts the user would write. Each prints one line per check so the assertion can name what broke.
const program = (load: string) => `${load}
const date = LocalDate.unsafeMake("2026-05-20")
const decoded = Schema.decodeUnknownEither(LocalDate.LocalDate)("2026-02-30")
console.log("invalid date rejected:", decoded._tag === "Left")
const rules = Rulebook.unsafeAt(Rulebook.defaults, date)
console.log("tender construction (fen):", Rulebook.value(rules, "threshold.tenderConstruction"))
console.log("cited:", Rulebook.citationOf(rules, "threshold.tenderConstruction").article)
console.log("two thirds of 45:", Threshold.minimumCount(Threshold.atLeastTwoThirds, 45))
`

const expected = [
  "invalid date rejected: true",
  "tender construction (fen): 400000000",
  "cited: 第五条(一)",
  "two thirds of 45: 30"
].join("\n")

describe("the packed @qinglian/core", () => {
  let dir = ""
  // Asynchronous on purpose: a synchronous child process blocks the test worker, which then misses
  // vitest's 60 s RPC deadline on a busy machine.
  const run = (cmd: string, args: ReadonlyArray<string>, cwd: string): Promise<string> =>
    new Promise((resolvePromise, reject) => {
      execFile(
        cmd,
        args,
        { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: "1" } },
        (error, stdout, stderr) =>
          error === null
            ? resolvePromise(stdout)
            : reject(new Error(`${cmd} ${args.join(" ")} failed in ${cwd}:\n${stdout}${stderr}`))
      )
    })

  beforeAll(async () => {
    dir = realpathSync(mkdtempSync(join(tmpdir(), "qinglian-pack-")))
    // Always build: a stale dist from an earlier checkout must not pass for the current sources.
    await run(npm, ["run", "build", "--workspace", "@qinglian/core"], root)
    const packed = JSON.parse(
      await run(npm, ["pack", "--json", "--pack-destination", dir], join(root, "packages/core"))
    ) as ReadonlyArray<{ filename: string }>
    const tarball = join(dir, packed[0]!.filename)

    const app = join(dir, "app")
    mkdirSync(app)
    writeFileSync(
      join(app, "package.json"),
      JSON.stringify({
        name: "qinglian-pack-check",
        private: true,
        dependencies: {
          "@qinglian/core": `file:${tarball}`,
          // The peer dependency, linked from this checkout so the check needs no network.
          effect: `file:${join(root, "node_modules/effect")}`
        }
      })
    )
    await run(npm, ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"], app)
    writeFileSync(
      join(app, "esm.mjs"),
      program(`import { LocalDate, Rulebook, Threshold } from "@qinglian/core"\nimport { Schema } from "effect"`)
    )
    writeFileSync(
      join(app, "cjs.cjs"),
      program(`const { LocalDate, Rulebook, Threshold } = require("@qinglian/core")\nconst { Schema } = require("effect")`)
    )
  }, 180_000)

  afterAll(() => {
    if (dir !== "") rmSync(dir, { recursive: true, force: true })
  })

  it("is usable from ESM (import)", async () => {
    assert.strictEqual((await run(process.execPath, ["esm.mjs"], join(dir, "app"))).trim(), expected)
  })

  it("is usable from CommonJS (require)", async () => {
    assert.strictEqual((await run(process.execPath, ["cjs.cjs"], join(dir, "app"))).trim(), expected)
  })

  it("type-checks for users of both module systems (.d.ts and .d.cts)", async () => {
    const app = join(dir, "app")
    const use = `const d: LocalDate.LocalDate = LocalDate.unsafeMake("2026-05-20")
const fen: number = Rulebook.value(Rulebook.unsafeAt(Rulebook.defaults, d), "threshold.escalation")
// @ts-expect-error a key the rulebook does not have
Rulebook.value(Rulebook.unsafeAt(Rulebook.defaults, d), "threshold.nope")
export const out = [fen, Threshold.isMet(Threshold.moreThanHalf, 3, 5)]
`
    writeFileSync(join(app, "use.mts"), `import { LocalDate, Rulebook, Threshold } from "@qinglian/core"\n${use}`)
    writeFileSync(join(app, "use.cts"), `import { LocalDate, Rulebook, Threshold } from "@qinglian/core"\n${use}`)
    const tsc = join(root, "node_modules/typescript/bin/tsc")
    const args = ["--noEmit", "--strict", "--skipLibCheck", "--module", "nodenext", "--moduleResolution", "nodenext", "use.mts", "use.cts"]
    // tsc exits non-zero and execFileSync throws with its diagnostics when a declaration is wrong.
    assert.strictEqual(await run(process.execPath, [tsc, ...args], app), "")
  }, 180_000)
})
