// docs/codes.md is generated from the catalogues in the code (core's Problem.catalogue, scoring's
// Codes.catalogue). This fails when the page is stale: a code added, renamed or re-explained without
// running scripts/codes-page.ts.
import { execFile } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { assert, describe, it } from "@effect/vitest"
import { Problem } from "@qinglian/core"
import { Codes } from "@qinglian/scoring"

const root = fileURLToPath(new URL("..", import.meta.url))

const runScript = (args: ReadonlyArray<string>): Promise<{ code: number; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--conditions", "source", "--import", "tsx", path.join("scripts", "codes-page.ts"), ...args],
      { cwd: root, timeout: 120_000, env: { ...process.env, NO_COLOR: "1" } },
      (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : -1, stdout, stderr })
    )
  })

describe("docs/codes.md", () => {
  it("is what scripts/codes-page.ts generates from the catalogues", async () => {
    const run = await runScript(["--check"])
    assert.strictEqual(run.code, 0, run.stderr + run.stdout)
    assert.include(run.stdout, "up to date")
  })

  it("lists every code of both catalogues with its meanings", () => {
    const page = fs.readFileSync(path.join(root, "docs", "codes.md"), "utf8")
    for (const e of [...Problem.catalogue, ...Codes.catalogue]) {
      assert.include(page, `\`${e.code}\``, e.code)
      assert.include(page, e.en.replace(/_/g, "\\_").replace(/\|/g, "\\|"), e.code)
    }
    for (const code of ["VersionExists", "NOT_ALLOWED_VALUE", "SELF_APPROVAL", "Forbidden", "ScoringCommandRejected"]) {
      assert.include(page, `\`${code}\``)
    }
  })
})
