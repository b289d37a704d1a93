// Runs the town demo as a user would (`npm run demo`: tsx against the sources, in a child process)
// with its database in a temporary directory, then opens that database through the Promise API
// alone. What the demo says it stored must read back through the library: its cases at the stage
// it printed (not "none", as a raw stream appended beside the case store reads back), the overdue
// items of its dashboard on its day, the four-forms count, the list, the check reports, the rulebook,
// the roster and an intact audit chain.
import { execFile } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { createQinglian, type Qinglian } from "@qinglian/node"
import { afterAll, assert, beforeAll, describe, it } from "vitest"

const root = fileURLToPath(new URL("..", import.meta.url))

interface Run {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

const runDemo = (dbFile: string): Promise<Run> =>
  new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--conditions", "source", "--import", "tsx", path.join("examples", "town-demo.ts")],
      // The database path goes in through the environment, as `QINGLIAN_DEMO_DB=… npm run demo` does.
      { cwd: root, timeout: 240_000, maxBuffer: 4 * 1024 * 1024, env: { ...process.env, NO_COLOR: "1", QINGLIAN_DEMO_DB: dbFile } },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1
        resolve({ code, stdout, stderr: error?.signal ? `${stderr}\nkilled by ${error.signal}` : stderr })
      }
    )
  })

// What the demo printed about the data it stored.
interface Printed {
  readonly cases: ReadonlyArray<{ readonly id: string; readonly subject: string; readonly stage: string; readonly events: number }>
  readonly dashboard: { readonly town: string; readonly on: string; readonly total: number }
  readonly overdue: ReadonlyArray<{ readonly caseId: string; readonly kind: string; readonly due: string; readonly days: number }>
  readonly fourForms: { readonly from: string; readonly to: string; readonly total: number }
  readonly auditEntries: number
}

const parse = (stdout: string): Printed => {
  const lines = stdout.split("\n")
  const cases: Array<{ id: string; subject: string; stage: string; events: number }> = []
  let current: { id: string; subject: string; stage: string; events: number } | undefined
  for (const line of lines) {
    const head = /^(JC-\S+) · (\S+) · now (\S+) \(/.exec(line)
    if (head !== null) {
      current = { id: head[1]!, subject: head[2]!, stage: head[3]!, events: 0 }
      cases.push(current)
      continue
    }
    if (current !== undefined && /^ {2}\d{4}-\d{2}-\d{2} [A-Z]\w+/.test(line)) current.events++
    else if (line.trim() === "" || line.startsWith("==")) current = undefined
  }
  const dash = /^(\S+) on (\d{4}-\d{2}-\d{2}): (\d+) overdue$/m.exec(stdout)
  const overdue = [...stdout.matchAll(/^ {2}OVERDUE (\S+) \S+ (\w+) due (\d{4}-\d{2}-\d{2}), (\d+) days overdue$/gm)]
    .map((m) => ({ caseId: m[1]!, kind: m[2]!, due: m[3]!, days: Number(m[4]) }))
  const forms = /^(\d{4}-\d{2}-\d{2}) – (\d{4}-\d{2}-\d{2}), (\d+) person-times$/m.exec(stdout)
  const audit = /^(\d+) entries, head /m.exec(stdout)
  assert.isNotNull(dash, "the demo prints its overdue dashboard")
  assert.isNotNull(forms, "the demo prints its four-forms report")
  assert.isNotNull(audit, "the demo prints its audit chain")
  return {
    cases,
    dashboard: { town: dash![1]!, on: dash![2]!, total: Number(dash![3]) },
    overdue,
    fourForms: { from: forms![1]!, to: forms![2]!, total: Number(forms![3]) },
    auditEntries: Number(audit![1])
  }
}

let dir = ""
let dbFile = ""
let run: Run
let printed: Printed
let ql: Qinglian | undefined

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "qinglian-demo-readback-"))
  dbFile = path.join(dir, "demo.db")
  run = await runDemo(dbFile)
  assert.strictEqual(run.code, 0, `the demo failed\n--- stdout ---\n${run.stdout}\n--- stderr ---\n${run.stderr}`)
  printed = parse(run.stdout)
  ql = await createQinglian({ storage: { sqlite: dbFile } })
}, 300_000)

afterAll(async () => {
  await ql?.close()
  if (dir !== "") fs.rmSync(dir, { recursive: true, force: true })
})

describe("the town demo's database, read through the Promise API", () => {
  it("was written where QINGLIAN_DEMO_DB points, and the demo printed cases and overdue items", () => {
    assert.isTrue(fs.existsSync(dbFile))
    assert.isAtLeast(printed.cases.length, 2, run.stdout)
    assert.isAtLeast(printed.dashboard.total, 1, "the demo's dashboard shows an overdue case")
    assert.strictEqual(printed.overdue.length, printed.dashboard.total)
  })

  it("loads every case the demo printed, at the stage and version it printed", async () => {
    for (const c of printed.cases) {
      const state = await ql!.cases.load(c.id)
      assert.isDefined(state, `${c.id} reads back through cases.load`)
      assert.strictEqual(state!.stage, c.stage, c.id)
      assert.notStrictEqual(state!.stage, "none", c.id)
      assert.strictEqual(state!.version, c.events, `${c.id}: as many stored events as the demo printed`)
      assert.strictEqual(state!.subject?.cadre, c.subject, c.id)
      assert.strictEqual(state!.town, printed.dashboard.town, c.id)
    }
  })

  it("finds the demo's overdue items on the demo's day, for its town and for every case", async () => {
    const { on, town, total } = printed.dashboard
    for (const report of [await ql!.cases.overdue({ town, on }), await ql!.cases.overdue({ on })]) {
      assert.strictEqual(report.total, total)
      const items = report.byStage.flatMap((row) => row.items)
      assert.deepStrictEqual(
        items.map((i) => ({ caseId: i.caseId, kind: i.deadline.kind, due: i.deadline.due, days: i.daysOverdue })),
        printed.overdue
      )
    }
    // The day before the earliest printed due date, nothing the demo printed is overdue yet.
    const earliest = printed.overdue.map((o) => o.due).sort()[0]!
    const before = await ql!.cases.overdue({ town, on: earliest })
    assert.isFalse(before.byStage.some((row) => row.items.some((i) => i.deadline.due === earliest)))
  })

  it("counts the same four-forms person-times as the demo", async () => {
    const report = await ql!.cases.fourForms({ from: printed.fourForms.from, to: printed.fourForms.to, towns: [printed.dashboard.town] })
    assert.strictEqual(report.total.total, printed.fourForms.total)
  })

  it("reads the stored list, check reports, county rulebook and roster, and an intact audit chain", async () => {
    const list = await ql!.powerLists.inForce("140525", "2025-06-03")
    assert.strictEqual(list?.id, "140525-micro-power")
    assert.strictEqual(list?.items.length, 57)
    const reports = await ql!.exercises.reports("xishu-heating-2025-faulty")
    assert.strictEqual(reports.length, 1)
    assert.strictEqual(reports[0]!.risk, "red")
    assert.strictEqual(reports[0]!.findings.length, 8)
    const rules = await ql!.rulebook.at("140525", "2025-06-03")
    assert.deepStrictEqual(rules.parameters["disclosure.majorMatterDeadline"].value, { amount: 3, unit: "workingDays" })
    const roster = await ql!.org.roster()
    assert.isTrue(roster.appointments.some((a) => a.cadreId === "jincun-discipline-secretary" && a.post === "townDisciplineSecretary"))
    const audit = await ql!.audit.verify()
    assert.isTrue(audit.ok)
    // The demo verified the chain before its last step (the village's week), which writes more.
    if (audit.ok) assert.isAbove(audit.entries, printed.auditEntries)
  })
})
