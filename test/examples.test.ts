// Runs every example as a user would (a child process through tsx, against the sources) and checks
// the lines that carry its point, so the examples cannot silently rot. Also proves the example
// adapter with the storage conformance suite.
import { execFile } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { assert, describe, it } from "@effect/vitest"
import { Examples, PowerList } from "@qinglian/core"
import { suite } from "@qinglian/storage-conformance"
import { MemoryStorage } from "@qinglian/storage-memory"
import * as Schema from "effect/Schema"
import { afterAll, beforeAll } from "vitest"
import * as MeteredStorage from "../examples/custom-adapter/MeteredStorage.js"

const root = fileURLToPath(new URL("..", import.meta.url))

interface Run {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

const runExample = (file: string, args: ReadonlyArray<string> = []): Promise<Run> =>
  new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--conditions", "source", "--import", "tsx", path.join("examples", file), ...args],
      { cwd: root, timeout: 240_000, maxBuffer: 4 * 1024 * 1024, env: { ...process.env, NO_COLOR: "1" } },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1
        resolve({ code, stdout, stderr: error?.signal ? `${stderr}\nkilled by ${error.signal}` : stderr })
      }
    )
  })

const includesAll = (run: Run, lines: ReadonlyArray<string | RegExp>) => {
  for (const line of lines) {
    const found = typeof line === "string" ? run.stdout.includes(line) : line.test(run.stdout)
    assert.isTrue(found, `expected output to contain ${String(line)}\n--- stdout ---\n${run.stdout}\n--- stderr ---\n${run.stderr}`)
  }
}

let dir = ""
let dbFile = ""
const runs: Record<string, Run> = {}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "qinglian-examples-"))
  dbFile = path.join(dir, "town.db")
  // A leftover file from an earlier run must not matter: the demo recreates its database.
  fs.writeFileSync(dbFile, "not a database")
  const reference = Schema.encodeSync(PowerList.PowerList)(PowerList.reference())
  const broken = {
    ...reference,
    items: reference.items.map((item, i) =>
      i === 1 ? { ...item, code: reference.items[0]!.code } : i === 2 ? { ...item, legalBasis: [] } : item
    )
  }
  fs.writeFileSync(path.join(dir, "broken-list.json"), JSON.stringify(broken))
  fs.writeFileSync(path.join(dir, "not-a-list.json"), JSON.stringify({ id: "x", items: [1] }))
  fs.writeFileSync(path.join(dir, "clean-exercise.json"), JSON.stringify(Examples.xishuHeatingCleanEncoded))

  // In parallel: each example is a separate process, and together they stay well under 30 s.
  const jobs: Record<string, Promise<Run>> = {
    town: runExample("town-demo.ts", ["--db", dbFile]),
    listReference: runExample("validate-power-list.ts"),
    listBroken: runExample("validate-power-list.ts", [path.join(dir, "broken-list.json")]),
    listNotAList: runExample("validate-power-list.ts", [path.join(dir, "not-a-list.json")]),
    exerciseFaulty: runExample("check-exercise.ts"),
    exerciseClean: runExample("check-exercise.ts", [path.join(dir, "clean-exercise.json")]),
    calendar: runExample("calendar-deadlines.ts"),
    supervision: runExample("supervision-case.ts"),
    adapter: runExample("custom-adapter.ts"),
    rulebook: runExample("rulebook-basics.ts")
  }
  for (const [name, job] of Object.entries(jobs)) runs[name] = await job
}, 300_000)

afterAll(() => {
  if (dir !== "") fs.rmSync(dir, { recursive: true, force: true })
})

describe("examples/town-demo.ts", () => {
  it("runs the town's whole job on the SQLite file it was given", () => {
    const run = runs["town"]!
    assert.strictEqual(run.code, 0, run.stderr)
    assert.isTrue(fs.existsSync(dbFile), "the demo writes the database at --db")
    includesAll(run, [
      "roster: 7 cadres, 12 appointments",
      "8 categories / 57 items: ok",
      // The county edition's 3 working days, not the default 5, set the faulty disclosure's deadline.
      /disclosure\.majorMatterDeadline\s+3 workingDays\s+local\s+泽州县/,
      'disclosure "decision" was due by 2025-07-02',
      "risk green · 1 finding\n",
      "risk red · 8 findings",
      "reloaded report: xishu-heating-2025-faulty risk red, 8 findings",
      "letterInquiryReply due 2025-11-10",
      // The dashboard reads the stored case summaries on the demo's day: the inspection's lead is
      // still waiting for its reply, the two other cases are closed.
      "140525-jincun on 2026-05-20: 1 overdue",
      "OVERDUE JC-2026-003 谈话函询 letterInquiryReply due 2026-05-15, 5 days overdue",
      "the town's cases by stage: JC-2025-001 结案, JC-2025-002 结案, JC-2026-003 谈话函询",
      "sanction 党内警告 (partyWarning) 12 months: 2026-03-20 → 2027-03-20",
      "第一种形态 form 1: 1  50.0%",
      "第二种形态 form 2: 1  50.0%",
      "audit chain verified"
    ])
    for (const code of Examples.xishuHeatingFaultyCodes) includesAll(run, [code])
  })
})

describe("examples/validate-power-list.ts", () => {
  it("passes the reference list", () => {
    const run = runs["listReference"]!
    assert.strictEqual(run.code, 0, run.stderr)
    includesAll(run, ["8 categories / 57 items", "0 errors", "ILLUSTRATIVE_LIST", /^ok$/m])
  })

  it("fails a list with errors, naming each path", () => {
    const run = runs["listBroken"]!
    assert.strictEqual(run.code, 1)
    includesAll(run, [/DUPLICATE_ITEM_CODE\s+\/items\/1\/code/, /MISSING_LEGAL_BASIS\s+\/items\/2\/legalBasis/, /^invalid$/m])
  })

  it("fails what is not a list at all", () => {
    const run = runs["listNotAList"]!
    assert.strictEqual(run.code, 1)
    includesAll(run, ["not a valid power list", /\/categories MISSING_KEY: .*“categories”/, /\/items\/0 WRONG_TYPE/])
  })
})

describe("examples/check-exercise.ts", () => {
  it("finds every fault of the faulty heating exercise and exits 1", () => {
    const run = runs["exerciseFaulty"]!
    assert.strictEqual(run.code, 1, run.stderr)
    includesAll(run, ["checked as of: 2025-10-15", "risk: red (8 findings)", ...Examples.xishuHeatingFaultyCodes])
  })

  it("passes the clean exercise read from a file", () => {
    const run = runs["exerciseClean"]!
    assert.strictEqual(run.code, 0, run.stderr)
    includesAll(run, ["risk: green (1 finding)", "DUAL_TOP_POSTS"])
  })
})

describe("examples/calendar-deadlines.ts", () => {
  it("counts working days across the National Day break", () => {
    const run = runs["calendar"]!
    assert.strictEqual(run.code, 0, run.stderr)
    includesAll(run, [
      "2025-09-28 Sun  working (调休上班",
      "2025-10-08 Wed  rest (法定假日)",
      /case\.letterInquiryReply\s+15 workingDays\s+→ 2025-10-23/,
      "CalendarOutOfRange"
    ])
  })
})

describe("examples/supervision-case.ts", () => {
  it("seals the reporter, refuses without writing, tracks the deadline and logs the reveal", () => {
    const run = runs["supervision"]!
    assert.strictEqual(run.code, 0, run.stderr)
    includesAll(run, [
      "stored lead mentions the reporter's name: false",
      "refused: Forbidden",
      "refused: IllegalTransition",
      "stream version after the refusals: 1 (unchanged)",
      "dashboard 2026-03-20: 0 overdue",
      "letterInquiryReply due 2026-03-26",
      "dashboard 2026-04-01: 1 overdue (JC-2026-007, letterInquiryReply due 2026-03-26, 6 days)",
      "replayed 4 events: stage closed",
      "jincun-discipline-secretary: granted, 王某某",
      "access log: jincun-discipline-member refused; jincun-discipline-secretary granted",
      "chain verified"
    ])
  })
})

describe("examples/custom-adapter.ts", () => {
  it("runs core on the metered adapter", () => {
    const run = runs["adapter"]!
    assert.strictEqual(run.code, 0, run.stderr)
    includesAll(run, [
      "adapter: metered(memory)",
      "stale append refused: ConcurrencyConflict",
      "reloaded xishu-heating-2025-faulty: risk red, 8 findings",
      "chain verified",
      /appendEvents\s+\d+ \/ 1/
    ])
  })
})

// The example adapter is held to the same contract as the shipped ones.
suite("examples/custom-adapter MeteredStorage", () => MeteredStorage.layerTest(), {
  capabilities: MemoryStorage.capabilities
})

describe("examples/rulebook-basics.ts", () => {
  it("prints cited rules, a county edition from its date, an exact vote and a working-day deadline", () => {
    const run = runs.rulebook!
    assert.strictEqual(run.code, 0, run.stderr)
    includesAll(run, [
      /threshold\.tenderConstruction\s+4000000\.00 yuan\s+national/,
      "2026-03-01: 50000.00 yuan",
      "31 present → quorate (at least 30 needed)",
      "16 in favour → carried (at least 16 needed)",
      "due 2026-03-09"
    ])
  })
})
