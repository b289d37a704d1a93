// The code in README.md is real: the first ```ts block under the Promise-API heading and the first
// under "For Effect users" are written out as they stand, type-checked with the repository's tsc
// and compiler options against the sources, then run one after the other in a scratch directory
// (the Promise-API program creates county.db, the Effect program continues on it). What they
// print is what the README says they print, and the database they leave reads back through the
// Promise API. Also: the README keeps its two commands, and examples/README.md lists every example.
import { execFile } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { PowerList } from "@qinglian/core"
import { createQinglian } from "@qinglian/node"
import * as Schema from "effect/Schema"
import { afterAll, assert, beforeAll, describe, it } from "vitest"

const root = fileURLToPath(new URL("..", import.meta.url))
const readme = fs.readFileSync(path.join(root, "README.md"), "utf8")

// The first ```ts block after the level-2 heading that contains `heading`.
const firstTsBlockUnder = (heading: string): string => {
  const at = readme.split("\n").findIndex((line) => line.startsWith("## ") && line.includes(heading))
  assert.isAtLeast(at, 0, `README.md has a "## …${heading}…" heading`)
  const after = readme.split("\n").slice(at + 1).join("\n")
  const block = /^```ts\n([\s\S]*?)^```$/m.exec(after)
  assert.isNotNull(block, `a \`\`\`ts block follows "${heading}"`)
  return block![1]!
}

interface Run {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

const exec = (args: ReadonlyArray<string>, cwd: string): Promise<Run> =>
  new Promise((resolve) => {
    execFile(process.execPath, args, { cwd, timeout: 280_000, maxBuffer: 4 * 1024 * 1024, env: { ...process.env, NO_COLOR: "1" } }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1
      resolve({ code, stdout, stderr: error?.signal ? `${stderr}\nkilled by ${error.signal}` : stderr })
    })
  })

const show = (r: Run) => `\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`

let dir = ""
let typecheck: Run
let promiseRun: Run
let effectRun: Run

beforeAll(async () => {
  // Inside the checkout (under the ignored .tmp/), so the snippets resolve @qinglian/* as an app
  // in this workspace would, with the `source` condition to the sources.
  fs.mkdirSync(path.join(root, ".tmp"), { recursive: true })
  dir = fs.mkdtempSync(path.join(root, ".tmp", "readme-"))
  fs.writeFileSync(path.join(dir, "promise-api.mts"), firstTsBlockUnder("Promise API"))
  fs.writeFileSync(path.join(dir, "effect-api.mts"), firstTsBlockUnder("For Effect users"))
  fs.writeFileSync(
    path.join(dir, "tsconfig.json"),
    JSON.stringify({
      extends: path.relative(dir, path.join(root, "tsconfig.base.json")),
      compilerOptions: { noEmit: true, composite: false, declaration: false, declarationMap: false, incremental: false },
      files: ["promise-api.mts", "effect-api.mts"]
    })
  )
  // The county's list: the reference list under the county's id and version.
  fs.writeFileSync(
    path.join(dir, "micro-power-list.json"),
    JSON.stringify({
      ...Schema.encodeSync(PowerList.PowerList)(PowerList.reference()),
      id: "140525-micro-power",
      version: "2025.1",
      effectiveFrom: "2025-01-01",
      jurisdiction: { level: "county", code: "140525", name: "泽州县" }
    })
  )
  const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc")
  const checking = exec([tsc, "-p", "tsconfig.json"], dir)
  promiseRun = await exec(["--conditions", "source", "--import", "tsx", "promise-api.mts"], dir)
  effectRun = await exec(["--conditions", "source", "--import", "tsx", "effect-api.mts"], dir)
  typecheck = await checking
}, 300_000)

afterAll(() => {
  if (dir !== "") fs.rmSync(dir, { recursive: true, force: true })
})

describe("README.md", () => {
  it("type-checks its Promise-API and Effect programs against the sources", () => {
    // tsc ran to the end (exit 0, or 1/2 with diagnostics), and none of its diagnostics is in the
    // README's code. (An error inside a package's sources is that package's own test's to report.)
    assert.include([0, 1, 2], typecheck.code, show(typecheck))
    const inReadme = typecheck.stdout.split("\n").filter((line) => /^(promise-api|effect-api)\.mts\(/.test(line))
    assert.deepStrictEqual(inReadme, [], `tsc found errors in the README's code${show(typecheck)}`)
    if (typecheck.code !== 0) assert.match(typecheck.stdout, /error TS\d+/, show(typecheck))
  })

  it("runs its Promise-API program, which prints what the README says", () => {
    assert.strictEqual(promiseRun.code, 0, show(promiseRun))
    const out = promiseRun.stdout
    for (const line of ["inquiry letterInquiryReply 2026-03-26", "JC-2026-001 谈话函询 6 days overdue"]) {
      assert.include(readme, line)
      assert.include(out, line, show(promiseRun))
    }
    assert.match(out, /^Forbidden xishu-li-wei /m, show(promiseRun))
  })

  it("runs its Effect program on the database the Promise-API program left", () => {
    assert.strictEqual(effectRun.code, 0, show(effectRun))
    assert.include(readme, "prints\n`inquiry 3 0 overdue`")
    assert.include(effectRun.stdout, "inquiry 3 0 overdue", show(effectRun))
  })

  it("leaves a database that reads back through the Promise API", async () => {
    const ql = await createQinglian({ storage: { sqlite: path.join(dir, "county.db") } })
    try {
      const state = await ql.cases.load("JC-2026-001")
      assert.strictEqual(state?.stage, "inquiry")
      assert.strictEqual(state?.version, 3)
      assert.strictEqual((await ql.powerLists.inForce("140525", "2026-03-02"))?.version, "2025.1")
      // The refused command wrote nothing (three events: lead, disposal, the Effect program's reply),
      // and the reply took the case off the dashboard the Promise-API program printed it on.
      assert.strictEqual(state?.awaitingReply, false)
      const after = await ql.cases.overdue({ town: "140525-jincun", on: "2026-04-01" })
      assert.strictEqual(after.total, 0)
      assert.isTrue((await ql.audit.verify()).ok)
    } finally {
      await ql.close()
    }
  })

  it("keeps its two commands", () => {
    assert.include(readme, "```sh\nnpm ci && npm run demo\nnpm test\n```")
  })

  it("lists every example in examples/README.md, one line each", () => {
    const index = fs.readFileSync(path.join(root, "examples", "README.md"), "utf8")
    const files = fs.readdirSync(path.join(root, "examples")).filter((f) => f.endsWith(".ts"))
    assert.isAtLeast(files.length, 8)
    for (const f of files) {
      const rows = index.split("\n").filter((line) => line.startsWith(`| [\`${f}\`](${f})`))
      assert.strictEqual(rows.length, 1, `examples/README.md has one row for ${f}`)
    }
  })
})
