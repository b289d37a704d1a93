// Runs examples/weekly-assessment.ts as a user would (tsx, against the sources) and checks the lines
// that carry its point and the board files, so the example cannot silently rot.
import { assert, describe, it } from "@effect/vitest"
import { execFile } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("../../..", import.meta.url))

describe("examples/weekly-assessment.ts", () => {
  it("runs three weeks, refuses a bad book, registers a lead and writes the board", async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "qinglian-weekly-"))
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ["--conditions", "source", "--import", "tsx", path.join("examples", "weekly-assessment.ts"), "--out", out],
        { cwd: root, timeout: 240_000, maxBuffer: 4 * 1024 * 1024 },
        (error, stdout, stderr) => resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : -1, stdout, stderr })
      )
    })
    assert.strictEqual(run.code, 0, run.stderr)
    for (const line of [
      "2026-W12: assessed 2026-03-23 under jincun-weekly 2026.1; 12 cadres",
      "rejected INPUT_MISSING at /tasks/0/owner: 缺少必填字段",
      "stored task book for 2026-W13: none (nothing written)",
      "lead 140525-jincun-2026-0031: stage 线索受理",
      "audit chain verified"
    ]) assert.include(run.stdout, line)
    assert.match(run.stdout, /ledger sum (\d+\.\d\d) = score \1/)
    for (const f of ["v-xishu.md", "v-xishu.html", "v-xishu-results.csv", "town.md", "town-arrangements.csv"]) {
      assert.isTrue(fs.existsSync(path.join(out, f)), f)
    }
    assert.include(fs.readFileSync(path.join(out, "v-xishu.md"), "utf8"), "## 考核结果（2026-W12）")
  })
})
