// The `qinglian` bin, run as a child process on files in a temporary directory, the way a clerk
// runs it: exit codes, CSV that Excel and WPS open, both languages, and the store commands on a
// real SQLite file. What the bin prints is compared with what the library computes in-process.
//
// The bin is built once from the sources with the package's build options, bundled with its
// dependencies (tests here never depend on another package having been built). The last test
// builds the published `dist/cli.js` itself and runs it through an npm-style `.bin` link.
import { spawn } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import {
  Audit,
  Cadre,
  Examples,
  Exercise,
  FourForms,
  Ids,
  LocalDate,
  OrgStore,
  PowerList,
  PowerListStore,
  Rulebook,
  RulebookStore,
  Storage,
  StorageAdapter,
  SupervisionCase,
  WorkCalendar
} from "@qinglian/core"
import { Examples as ScoringExamples, Rubric, ScoringStore, TaskBook } from "@qinglian/scoring"
import { SqliteStorage } from "@qinglian/storage-sqlite"
import Database from "better-sqlite3"
import { Effect, Layer, Schema } from "effect"
import { build } from "tsup"

const pkgDir = fileURLToPath(new URL("..", import.meta.url))
const repoDir = path.resolve(pkgDir, "../..")
const tsxLoader = pathToFileURL(path.join(repoDir, "node_modules/tsx/dist/loader.mjs")).href

let work: string
let bin: string

// The bin bundled from the sources, in the repository's .tmp (so that it finds better-sqlite3).
beforeAll(async () => {
  fs.mkdirSync(path.join(repoDir, ".tmp"), { recursive: true })
  const out = fs.mkdtempSync(path.join(repoDir, ".tmp", "cli-test-"))
  await build({
    config: false,
    entry: { qinglian: path.join(pkgDir, "src/cli/main.ts") },
    outDir: out,
    format: ["esm"],
    target: "node20",
    platform: "node",
    // One file with every dependency but the native SQLite driver: it starts in about half the time
    // of one that loads effect's modules one by one, and the suite runs the bin some eighty times.
    banner: {
      js: "#!/usr/bin/env node\nimport { createRequire as __createRequire } from \"node:module\"\n" +
        "const require = __createRequire(import.meta.url)"
    },
    silent: true,
    noExternal: [/^(?!better-sqlite3$)/],
    external: ["better-sqlite3"],
    esbuildOptions: (options) => {
      options.conditions = ["source"]
    },
    tsconfig: path.join(pkgDir, "tsconfig.build.json")
  })
  bin = path.join(out, "qinglian.js")
  work = fs.mkdtempSync(path.join(os.tmpdir(), "qinglian-cli-"))
})

afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true })
  fs.rmSync(path.dirname(bin), { recursive: true, force: true })
})

interface Run {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
  readonly raw: Buffer
}

// Asynchronous, so that the test worker stays responsive while the bin runs.
const spawnBin = (command: string, args: ReadonlyArray<string>, env: NodeJS.ProcessEnv): Promise<Run> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: work, env })
    const out: Array<Buffer> = []
    const err: Array<Buffer> = []
    child.stdout.on("data", (b: Buffer) => out.push(b))
    child.stderr.on("data", (b: Buffer) => err.push(b))
    child.on("error", reject)
    child.on("close", (code) => {
      const raw = Buffer.concat(out)
      resolve({ code, stdout: raw.toString("utf8"), stderr: Buffer.concat(err).toString("utf8"), raw })
    })
  })

const run = (args: ReadonlyArray<string>): Promise<Run> => spawnBin(process.execPath, [bin, ...args], process.env)

const file = (name: string, content: unknown): string => {
  const p = path.join(work, name)
  fs.writeFileSync(p, typeof content === "string" ? content : JSON.stringify(content, null, 2))
  return p
}

const referenceJson = () =>
  JSON.parse(fs.readFileSync(path.join(repoDir, "packages/core/src/powerlist/data/reference-list.json"), "utf8")) as {
    items: Array<{ code: string }>
  }

// RFC 4180, as a spreadsheet reads it: quoted fields may hold commas, quotes ("") and line breaks.
const parseCsv = (text: string): Array<Array<string>> => {
  const rows: Array<Array<string>> = []
  let row: Array<string> = []
  let field = ""
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === "\"" && text[i + 1] === "\"") (field += "\"", i++)
      else if (c === "\"") quoted = false
      else field += c
    } else if (c === "\"") quoted = true
    else if (c === ",") (row.push(field), field = "")
    else if (c === "\r" && text[i + 1] === "\n") (row.push(field), rows.push(row), row = [], field = "", i++)
    else field += c
  }
  assert.strictEqual(field, "", "a CSV document ends with CRLF")
  return rows
}

describe("qinglian: help and usage", () => {
  it("prints help in both languages and exits 0", async () => {
    const r = await run(["--help"])
    assert.strictEqual(r.code, 0)
    assert.include(r.stdout, "校验小微权力清单")
    assert.include(r.stdout, "Validate a micro-power list")
    assert.include(r.stdout, "退出码")
    const sub = await run(["audit", "verify", "--help"])
    assert.strictEqual(sub.code, 0)
    assert.include(sub.stdout, "校验审计日志的哈希链")
    assert.include(sub.stdout, "Verify the audit log's hash chain")
  })

  it("refuses an unknown option or command with exit 2, in the chosen language", async () => {
    const list = file("ref.json", referenceJson())
    const zh = await run(["validate", list, "--bogus"])
    assert.strictEqual(zh.code, 2)
    assert.strictEqual(zh.stdout, "")
    assert.include(zh.stderr, "用法错误")
    assert.include(zh.stderr, "--bogus")
    const en = await run(["validate", list, "--bogus", "--lang", "en"])
    assert.strictEqual(en.code, 2)
    assert.include(en.stderr, "usage error")
    assert.notInclude(en.stderr, "用法错误")
    const command = await run(["valdate", list])
    assert.strictEqual(command.code, 2)
    assert.include(command.stderr, "没有这个命令")
    const missing = await run(["overdue", "--lang", "en"])
    assert.strictEqual(missing.code, 2)
    assert.include(missing.stderr, "missing")
  })

  it("refuses a date that does not exist with exit 2", async () => {
    const exercise = file("clean-exercise.json", Examples.xishuHeatingCleanEncoded)
    const r = await run(["check", exercise, "--as-of", "2026-02-30"])
    assert.strictEqual(r.code, 2)
    assert.strictEqual(r.stdout, "")
  })
})

describe("qinglian validate", () => {
  it("exits 0 on the reference list, with a Chinese table by default and an English one with --lang en", async () => {
    const list = file("ref.json", referenceJson())
    const zh = await run(["validate", list])
    assert.strictEqual(zh.code, 0, zh.stderr)
    assert.match(zh.stdout, /^级别\s+代码\s+位置\s+说明\n/)
    assert.include(zh.stdout, "ILLUSTRATIVE_LIST")
    assert.include(zh.stdout, "共 1 条：错误 0 条，警告 0 条，提示 1 条")
    const en = await run(["validate", list, "--lang", "en"])
    assert.strictEqual(en.code, 0)
    assert.match(en.stdout, /^Severity\s+Code\s+Path\s+Message\n/)
    assert.include(en.stdout, "1 finding: 0 errors, 0 warnings, 1 info")
    assert.notMatch(en.stdout, /[\u4e00-\u9fff]{4}/, "no Chinese sentence in English output")
    // Saved by Excel or Notepad as "UTF-8 with BOM": read the same.
    const withBom = await run(["validate", file("ref-bom.json", "\uFEFF" + JSON.stringify(referenceJson()))])
    assert.strictEqual(withBom.code, 0, withBom.stderr)
    assert.strictEqual(withBom.stdout, zh.stdout.replace(list, path.join(work, "ref-bom.json")))
  })

  it("exits 1 when a finding is an error, and its JSON is the library's report", async () => {
    const json = referenceJson()
    json.items[1]!.code = json.items[0]!.code
    const text = JSON.stringify(json)
    const list = file("duplicate.json", text)
    const r = await run(["validate", list, "--format", "json"])
    assert.strictEqual(r.code, 1, r.stderr)
    const printed = JSON.parse(r.stdout) as { ok: boolean; diagnostics: Array<unknown> }
    const expected = PowerList.validate(text, Rulebook.defaults)
    assert.isTrue(expected._tag === "Right")
    if (expected._tag !== "Right") return
    assert.isFalse(printed.ok)
    assert.deepStrictEqual(printed.diagnostics, JSON.parse(JSON.stringify(expected.right.diagnostics)))
    assert.isTrue(expected.right.diagnostics.some((d) => d.code === "DUPLICATE_ITEM_CODE"))
  })

  it("writes CSV as UTF-8 with a BOM and CRLF, every field as the JSON says, in either language", async () => {
    const json = referenceJson()
    // An item code with a comma and a quote, which the messages quote back.
    json.items[0]!.code = "A,\"1\""
    json.items[1]!.code = json.items[0]!.code
    ;(json.items[2] as { legalBasis?: unknown }).legalBasis = []
    const list = file("broken.json", json)
    const expected = (JSON.parse((await run(["validate", list, "--format", "json"])).stdout) as {
      diagnostics: Array<{ code: string; severity: string; message: { zh: string; en: string } }>
    }).diagnostics
    assert.isAtLeast(expected.length, 2)
    for (const lang of ["zh", "en"] as const) {
      const r = await run(["validate", list, "--format", "csv", "--lang", lang])
      assert.strictEqual(r.code, 1)
      assert.deepStrictEqual([...r.raw.subarray(0, 3)], [0xef, 0xbb, 0xbf], "starts with the UTF-8 BOM")
      // A fatal decoder throws on any byte sequence that is not UTF-8.
      const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(r.raw)
      assert.strictEqual(text.charCodeAt(0), 0xfeff)
      assert.isTrue(text.endsWith("\r\n"))
      const rows = parseCsv(text.slice(1))
      assert.deepStrictEqual(rows[0], lang === "zh" ? ["级别", "代码", "位置", "说明"] : ["Severity", "Code", "Path", "Message"])
      assert.strictEqual(rows.length, expected.length + 1)
      rows.slice(1).forEach((row, i) => {
        assert.strictEqual(row.length, 4)
        assert.strictEqual(row[1], expected[i]!.code)
        assert.strictEqual(row[3], expected[i]!.message[lang])
      })
    }
    // Messages hold commas and quotes, so the round trip above went through quoting.
    assert.isTrue(expected.some((d) => d.message.en.includes("A,\"1\"")))
  })

  it("guards CSV cells that a spreadsheet would run as a formula", async () => {
    const json = referenceJson() as { items: Array<{ code: string }>; localPosts?: unknown }
    json.items[1]!.code = "=HYPERLINK(\"http://x\")"
    json.items[2]!.code = "=HYPERLINK(\"http://x\")"
    const r = await run(["validate", file("formula.json", json), "--format", "csv", "--lang", "en"])
    const rows = parseCsv(r.raw.toString("utf8").slice(1))
    const cells = rows.flat()
    assert.isTrue(cells.some((c) => c.includes("HYPERLINK")), "the value is shown")
    assert.isFalse(cells.some((c) => /^[=+\-@]/.test(c)), "no cell starts like a formula")
  })

  it("reports bad input with exit 2: a missing file, text that is not JSON, an unknown key", async () => {
    const missing = await run(["validate", path.join(work, "nope.json")])
    assert.strictEqual(missing.code, 2)
    assert.include(missing.stderr, "找不到文件")
    assert.include((await run(["validate", path.join(work, "nope.json"), "--lang", "en"])).stderr, "no such file")
    // "中文" in GBK, as Notepad saves "ANSI" text on Chinese Windows: refused, never read as mojibake.
    const gbk = path.join(work, "gbk.json")
    fs.writeFileSync(gbk, Buffer.concat([Buffer.from("{\"title\": \""), Buffer.from([0xd6, 0xd0, 0xce, 0xc4]), Buffer.from("\"}")]))
    const notUtf8 = await run(["validate", gbk])
    assert.strictEqual(notUtf8.code, 2)
    assert.include(notUtf8.stderr, "不是 UTF-8 编码")
    const notJson = await run(["validate", file("not.json", "{ items: ")])
    assert.strictEqual(notJson.code, 2)
    assert.strictEqual(notJson.stdout, "")
    const unknown = await run(["validate", file("unknown.json", { ...referenceJson(), itemz: [] }), "--lang", "en"])
    assert.strictEqual(unknown.code, 2)
    assert.include(unknown.stderr, "/itemz")
    assert.include(unknown.stderr, "UNKNOWN_KEY")
    const json = await run(["validate", file("unknown.json", { ...referenceJson(), itemz: [] }), "--format", "json"])
    assert.strictEqual(json.code, 2)
    const error = JSON.parse(json.stderr) as { error: { problem: { code: string; issues: Array<{ path: Array<string> }> } } }
    assert.strictEqual(error.error.problem.code, "InvalidInput")
    assert.deepStrictEqual(error.error.problem.issues.map((i) => i.path), [["itemz"]])
  })
})

describe("qinglian check", () => {
  it("exits 0 on a clean exercise and 1 on a faulty one, with the library's findings", async () => {
    const clean = await run(["check", file("clean.json", Examples.xishuHeatingCleanEncoded)])
    assert.strictEqual(clean.code, 0, clean.stderr)
    assert.include(clean.stdout, "风险等级：绿")
    const faultyFile = file("faulty.json", Examples.xishuHeatingFaultyEncoded)
    const asOf = Examples.xishuHeatingFaultyAsOf
    const faulty = await run(["check", faultyFile, "--as-of", asOf, "--format", "json"])
    assert.strictEqual(faulty.code, 1)
    const printed = JSON.parse(faulty.stdout) as { risk: string; findings: Array<{ code: string }> }
    const expected = Exercise.checkInList(
      PowerList.reference(),
      Examples.xishuHeatingFaulty(),
      Rulebook.defaults,
      WorkCalendar.china,
      { asOf }
    )
    assert.strictEqual(printed.risk, "red")
    assert.deepStrictEqual(printed.findings, JSON.parse(JSON.stringify(expected.findings)))
    const en = await run(["check", faultyFile, "--as-of", asOf, "--lang", "en"])
    assert.strictEqual(en.code, 1)
    assert.include(en.stdout, "risk: red")
    assert.include(en.stdout, "SELF_APPROVAL")
  })

  it("never passes a terminal escape sequence from a file through to the screen", async () => {
    const title = "\u001b]0;pwned\u0007\u001b[31m红字"
    const r = await run(["check", file("escape.json", { ...Examples.xishuHeatingCleanEncoded, title })])
    assert.strictEqual(r.code, 0, r.stderr)
    assert.include(r.stdout, "\uFFFD]0;pwned\uFFFD\uFFFD[31m红字")
    assert.notMatch(r.stdout, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/)
    const usage = await run(["validate", "x.json", "--\u001b[2J"])
    assert.strictEqual(usage.code, 2)
    assert.notInclude(usage.stderr, "\u001b")
  })

  it("checks against the list and rulebook it is given, and refuses a bad one with exit 2", async () => {
    const exercise = file("clean.json", Examples.xishuHeatingCleanEncoded)
    const otherList = referenceJson()
    otherList.items = otherList.items.filter((i) => i.code !== Examples.xishuHeatingCleanEncoded.item)
    const r = await run(["check", exercise, "--list", file("without-item.json", otherList), "--format", "json"])
    assert.strictEqual(r.code, 1)
    assert.deepStrictEqual((JSON.parse(r.stdout) as { findings: Array<{ code: string }> }).findings.map((f) => f.code), [
      "UNKNOWN_ITEM"
    ])
    const badRulebook = await run(["check", exercise, "--rulebook", file("rulebook.json", { name: "x", editionz: [] })])
    assert.strictEqual(badRulebook.code, 2)
    assert.include(badRulebook.stderr, "规则库")
  })
})

// --- the store -------------------------------------------------------------------------------

const county = Ids.CountyId.make("c1")
const town = Ids.TownId.make("t1")
const secretary = Ids.CadreId.make("t-wang")

const storeOn = (filename: string) => Storage.layer.pipe(Layer.provideMerge(SqliteStorage.layerWithTamper({ filename })))

// The stored record execute reads the actor's posts and jurisdiction from: the county, the town, and
// the secretary's appointment as its discipline secretary.
const seedRecord = Effect.zipRight(
  OrgStore.saveOrganisation(
    { counties: [{ id: county, name: "县 c1" }], towns: [{ id: town, countyId: county, name: "镇 t1" }], villages: [] },
    { actor: "org-clerk" }
  ),
  OrgStore.saveRoster(
    {
      cadres: [{ id: secretary, name: "王" }],
      appointments: [
        { cadreId: secretary, post: "townDisciplineSecretary", unit: Cadre.town(town), term: { start: LocalDate.unsafeMake("2020-01-01") } }
      ],
      relations: []
    },
    { actor: "org-clerk" }
  )
)

// Writes a case through CaseStore.execute, command by command, each on its day.
const writeCase = (
  db: string,
  caseId: string,
  steps: ReadonlyArray<readonly [SupervisionCase.Command, string]>
) =>
  Effect.runPromise(
    Effect.gen(function*() {
      const roster = yield* OrgStore.loadRoster
      if (roster.cadres.length === 0) yield* seedRecord
      for (const [command, on] of steps) {
        yield* SupervisionCase.execute(Ids.CaseId.make(caseId), command, {
          rulebook: Rulebook.defaults,
          calendar: WorkCalendar.china,
          actor: secretary,
          now: LocalDate.unsafeMake(on)
        })
      }
    }).pipe(Effect.provide(storeOn(db)))
  )

const register = (caseId: string): SupervisionCase.Command => ({
  _tag: "RegisterLead",
  caseId: Ids.CaseId.make(caseId),
  county,
  town,
  subject: { cadre: Ids.CadreId.make("v-li"), category: "villageCadre" },
  source: { _tag: "DailySupervision" }
})

const inStore = <A, E>(
  db: string,
  effect: Effect.Effect<A, E, Storage.Storage | StorageAdapter.StorageAdapter | StorageAdapter.StorageTamper>
) =>
  Effect.runPromise(Effect.provide(effect, storeOn(db)))

describe("qinglian init and overdue", () => {
  it("init creates the file once; a second run changes nothing; a file that is not a database is refused", async () => {
    const db = path.join(work, "init.db")
    const first = await run(["init", "--db", db])
    assert.strictEqual(first.code, 0, first.stderr)
    assert.include(first.stdout, "已创建")
    assert.isTrue(fs.existsSync(db))
    const again = await run(["init", "--db", db, "--lang", "en"])
    assert.strictEqual(again.code, 0)
    assert.include(again.stdout, "up to date")
    const sheet = file("sheet.db", "name,town\n张三,t1\n")
    const refused = await run(["init", "--db", sheet])
    assert.strictEqual(refused.code, 2)
    assert.include(refused.stderr, "不是 SQLite 数据库")
    assert.strictEqual(fs.readFileSync(sheet, "utf8"), "name,town\n张三,t1\n")
  })

  it("overdue on a missing database exits 2 and creates nothing", async () => {
    const db = path.join(work, "missing.db")
    const r = await run(["overdue", "--db", db])
    assert.strictEqual(r.code, 2)
    assert.include(r.stderr, "qinglian init")
    assert.isFalse(fs.existsSync(db))
  })

  it("lists a case written through CaseStore.execute once it is past due, as the library does", async () => {
    const db = path.join(work, "overdue.db")
    assert.strictEqual((await run(["init", "--db", db])).code, 0)
    await writeCase(db, "case-1", [[register("case-1"), "2026-03-02"]])
    const notYet = await run(["overdue", "--db", db, "--on", "2026-03-03"])
    assert.strictEqual(notYet.code, 0, notYet.stderr)
    assert.include(notYet.stdout, "没有超期案件")
    const day = LocalDate.unsafeMake("2026-06-01")
    const expected = await inStore(db, SupervisionCase.overdueFromStorage(day))
    assert.strictEqual(expected.total, 1)
    const late = await run(["overdue", "--db", db, "--on", day, "--format", "json"])
    assert.strictEqual(late.code, 1, late.stderr)
    assert.deepStrictEqual(JSON.parse(late.stdout), JSON.parse(JSON.stringify({ ...expected })))
    const table = await run(["overdue", "--db", db, "--on", day])
    assert.include(table.stdout, "case-1")
    assert.include(table.stdout, "线索受理")
    assert.include(table.stdout, String(expected.byStage[0]!.items[0]!.daysOverdue))
    const en = await run(["overdue", "--db", db, "--on", day, "--lang", "en", "--format", "csv"])
    const rows = parseCsv(en.raw.toString("utf8").slice(1))
    assert.deepStrictEqual(rows[0], ["Case", "Town", "Stage", "Deadline", "Due", "Days overdue"])
    assert.deepStrictEqual(rows[1]?.slice(0, 3), ["case-1", "t1", "lead registered"])
    assert.strictEqual((await run(["overdue", "--db", db, "--on", day, "--town", "t2"])).code, 0)
    assert.strictEqual((await run(["overdue", "--db", db, "--on", day, "--county", "c1", "--town", "t1"])).code, 1)
    assert.strictEqual((await run(["overdue", "--db", db, "--on", day, "--county", "c9"])).code, 0)
  })
})

describe("qinglian on a database it cannot use", () => {
  it("exits 2 on a damaged file and 3 while another process holds the write lock, changing nothing", async () => {
    const damaged = path.join(work, "damaged.db")
    fs.writeFileSync(damaged, Buffer.concat([Buffer.from("SQLite format 3\u0000"), Buffer.alloc(4096, 7)]))
    const before = fs.readFileSync(damaged)
    const bad = await run(["overdue", "--db", damaged, "--lang", "en"])
    assert.strictEqual(bad.code, 2)
    assert.include(bad.stderr, "cannot open the database")
    assert.deepStrictEqual(fs.readFileSync(damaged), before)

    const db = path.join(work, "locked.db")
    assert.strictEqual((await run(["init", "--db", db])).code, 0)
    const holder = new Database(db)
    holder.exec("BEGIN IMMEDIATE")
    try {
      // Opening waits the adapter's busy timeout (5 s) for the lock, then gives up.
      const locked = await run(["overdue", "--db", db, "--on", "2026-06-01"])
      assert.strictEqual(locked.code, 3, locked.stderr)
      assert.include(locked.stderr, "无法完成")
      assert.strictEqual(locked.stdout, "")
    } finally {
      holder.exec("ROLLBACK")
      holder.close()
    }
    assert.strictEqual((await run(["overdue", "--db", db, "--on", "2026-06-01"])).code, 0)
  })
})

describe("qinglian report four-forms", () => {
  it("counts the dispositions of a period per town, as FourForms.report does over every case", async () => {
    const db = path.join(work, "report.db")
    assert.strictEqual((await run(["init", "--db", db])).code, 0)
    await writeCase(db, "case-d", [
      [register("case-d"), "2026-03-02"],
      [{ _tag: "DisposeLead", way: "preliminaryCheck" }, "2026-03-05"],
      [{ _tag: "ConcludeInquiry", outcome: "fileCase" }, "2026-04-01"],
      [{ _tag: "SubmitForReview" }, "2026-06-01"],
      [{ _tag: "Decide", measures: [{ measure: "partyWarning" }] }, "2026-06-15"]
    ])
    await writeCase(db, "case-open", [[register("case-open"), "2026-03-02"]])
    const period = { from: LocalDate.unsafeMake("2026-01-01"), to: LocalDate.unsafeMake("2026-12-31") }
    const states = await inStore(
      db,
      Effect.flatMap(SupervisionCase.storedCaseIds, (ids) => Effect.forEach(ids, SupervisionCase.load))
    )
    const expected = FourForms.report(states, period)
    assert.strictEqual(expected.total.total, 1)
    const r = await run(["report", "four-forms", "--db", db, "--from", period.from, "--to", period.to, "--format", "json"])
    assert.strictEqual(r.code, 0, r.stderr)
    assert.deepStrictEqual(JSON.parse(r.stdout), JSON.parse(JSON.stringify({ ...expected, skipped: [] })))
    const table = await run(["report", "four-forms", "--db", db, "--from", period.from, "--to", period.to])
    assert.include(table.stdout, "第二种形态")
    assert.include(table.stdout, "100.0%")
    const before = await run(["report", "four-forms", "--db", db, "--from", "2026-01-01", "--to", "2026-06-14", "--format", "json"])
    assert.strictEqual((JSON.parse(before.stdout) as FourForms.Report).total.total, 0)
    const scoped = await run(["report", "four-forms", "--db", db, "--from", period.from, "--to", period.to, "--town", "t9", "--format", "json"])
    assert.deepStrictEqual(
      JSON.parse(scoped.stdout),
      JSON.parse(JSON.stringify({ ...FourForms.report(states, period, { towns: [Ids.TownId.make("t9")] }), skipped: [] }))
    )
    const backwards = await run(["report", "four-forms", "--db", db, "--from", "2026-12-31", "--to", "2026-01-01"])
    assert.strictEqual(backwards.code, 2)
  })
})

describe("qinglian board", () => {
  it("writes the week's board files, the same as ScoringStore.board renders them", async () => {
    const db = path.join(work, "board.db")
    assert.strictEqual((await run(["init", "--db", db])).code, 0)
    const demo = ScoringExamples.town
    const w12 = TaskBook.unsafeWeek("2026-W12")
    const w13 = TaskBook.nextWeek(w12)
    const rubric = JSON.parse(JSON.stringify(ScoringExamples.weeklyRubric)) as unknown
    const rubricFile = file("weekly-rubric.json", rubric)
    const expected = await inStore(db, Effect.gen(function*() {
      yield* OrgStore.saveRoster(demo.roster, { actor: "clerk" })
      const villages = [0, 1, 2].map((i) => ScoringExamples.villageWeek(i, w12))
      for (const v of villages) {
        yield* ScoringStore.issueTaskBook(v.book, { roster: demo.roster, actor: "clerk" })
        for (const p of v.progress) yield* ScoringStore.reportProgress(p, { actor: "clerk" })
        yield* ScoringStore.recordStockTake(JSON.parse(JSON.stringify(Schema.encodeSync(TaskBook.StockTake)(v.stockTake))), { roster: demo.roster, actor: "clerk" })
      }
      const decoded = yield* Rubric.decodeFile(rubric)
      yield* ScoringStore.runWeek({
        rubric: decoded,
        town: demo.id,
        week: w12,
        roster: demo.roster,
        calendar: WorkCalendar.china,
        villagerRatings: Object.fromEntries(villages.map((v) => [v.book.village, v.villagerRatings])),
        actor: "clerk"
      })
      for (let i = 0; i < 3; i++) yield* ScoringStore.issueTaskBook(ScoringExamples.villageWeek(i, w13).book, { roster: demo.roster, actor: "clerk" })
      return yield* ScoringStore.board({ rubric: decoded, town: demo.id, week: w13, roster: demo.roster, scope: { level: "village", village: "v-xishu" } })
    }))
    const out = path.join(work, "board-out")
    const r = await run(["board", "--db", db, "--rubric", rubricFile, "--town", demo.id, "--week", w13, "--village", "v-xishu", "--out", out])
    assert.strictEqual(r.code, 0, r.stderr)
    assert.include(r.stdout, "公示栏")
    assert.strictEqual(fs.readFileSync(path.join(out, `v-xishu-${w13}.md`), "utf8"), expected.markdown)
    assert.strictEqual(fs.readFileSync(path.join(out, `v-xishu-${w13}.html`), "utf8"), expected.html)
    const results = fs.readFileSync(path.join(out, `v-xishu-${w13}-results.csv`), "utf8")
    assert.strictEqual(results, expected.csv.results)
    assert.strictEqual(parseCsv(results.slice(1)).length, 1 + 4, "a header and the village's four cadres")
    const json = await run(["board", "--db", db, "--rubric", rubricFile, "--town", demo.id, "--week", w13, "--out", out, "--format", "json"])
    assert.strictEqual(json.code, 0, json.stderr)
    assert.strictEqual((JSON.parse(json.stdout) as { files: Array<string> }).files.length, 5)
    assert.isTrue(fs.existsSync(path.join(out, `${demo.id}-${w13}-results.csv`)))
    // Nothing stored for that week, a week that is not one, a rubric that does not decode: bad input.
    const empty = await run(["board", "--db", db, "--rubric", rubricFile, "--town", demo.id, "--week", "2025-W30", "--out", out, "--lang", "en"])
    assert.strictEqual(empty.code, 2)
    assert.include(empty.stderr, "TASKBOOK_MISSING")
    assert.strictEqual((await run(["board", "--db", db, "--rubric", rubricFile, "--town", demo.id, "--week", "2026-13", "--out", out])).code, 2)
    const badRubric = file("bad-rubric.json", { ...(rubric as object), surprise: 1 })
    assert.strictEqual((await run(["board", "--db", db, "--rubric", badRubric, "--town", demo.id, "--week", w13, "--out", out])).code, 2)
  })
})

describe("qinglian annual", () => {
  it("assesses a stored year as ScoringStore.annual does, with facts from a file and sanctions from the stored cases", async () => {
    const db = path.join(work, "annual.db")
    assert.strictEqual((await run(["init", "--db", db])).code, 0)
    const demo = ScoringExamples.town
    const secretaryOf = Ids.CadreId.make("c-secretary")
    const roster: Cadre.Roster = {
      ...demo.roster,
      cadres: [...demo.roster.cadres, { id: secretaryOf, name: "纪委书记" }],
      appointments: [
        ...demo.roster.appointments,
        { cadreId: secretaryOf, post: "townDisciplineSecretary", unit: Cadre.town(demo.id), term: { start: LocalDate.unsafeMake("2020-01-01") } }
      ]
    }
    const weekly = JSON.parse(JSON.stringify(ScoringExamples.weeklyRubric)) as unknown
    const annualJson = JSON.parse(JSON.stringify(ScoringExamples.annualRubric)) as unknown
    const rubricFile = file("annual-rubric.json", annualJson)
    const facts = { "c-xishu-2": { achieved: ["powerList", "threeAssets", "redLines", "disclosure", "culture"] } }
    const factsFile = file("annual-facts.json", facts)
    const caseId = Ids.CaseId.make("case-annual")
    const expected = await inStore(db, Effect.gen(function*() {
      yield* OrgStore.saveOrganisation({
        counties: [{ id: demo.county, name: "泽州县" }],
        towns: [{ id: demo.id, countyId: demo.county, name: demo.name }],
        villages: demo.villages.map((v) => ({ id: Ids.VillageId.make(v.id), townId: demo.id, name: v.name, kind: "village" as const }))
      }, { actor: "clerk" })
      yield* OrgStore.saveRoster(roster, { actor: "clerk" })
      const weeklyRubric = yield* Rubric.decodeFile(weekly)
      for (const w of ["2026-W12", "2026-W13"]) {
        const week = TaskBook.unsafeWeek(w)
        const villages = [0, 1, 2].map((i) => ScoringExamples.villageWeek(i, week))
        for (const v of villages) {
          yield* ScoringStore.issueTaskBook(v.book, { roster, actor: "clerk" })
          for (const p of v.progress) yield* ScoringStore.reportProgress(p, { actor: "clerk" })
          yield* ScoringStore.recordStockTake(JSON.parse(JSON.stringify(Schema.encodeSync(TaskBook.StockTake)(v.stockTake))), { roster, actor: "clerk" })
        }
        yield* ScoringStore.runWeek({
          rubric: weeklyRubric,
          town: demo.id,
          week,
          roster,
          calendar: WorkCalendar.china,
          villagerRatings: Object.fromEntries(villages.map((v) => [v.book.village, v.villagerRatings])),
          actor: "clerk"
        })
      }
      const steps: ReadonlyArray<readonly [SupervisionCase.Command, string]> = [
        [{ _tag: "RegisterLead", caseId, county: demo.county, town: demo.id, subject: { cadre: Ids.CadreId.make("c-xishu-1"), category: "villageCadre" }, source: { _tag: "DailySupervision" } }, "2026-03-02"],
        [{ _tag: "DisposeLead", way: "preliminaryCheck" }, "2026-03-05"],
        [{ _tag: "ConcludeInquiry", outcome: "fileCase" }, "2026-04-01"],
        [{ _tag: "SubmitForReview" }, "2026-06-01"],
        [{ _tag: "Decide", measures: [{ measure: "partyWarning" }] }, "2026-06-15"]
      ]
      for (const [command, on] of steps) {
        yield* SupervisionCase.execute(caseId, command, { rulebook: Rulebook.defaults, calendar: WorkCalendar.china, actor: secretaryOf, now: LocalDate.unsafeMake(on) })
      }
      return yield* ScoringStore.annual({
        rubric: yield* Rubric.decodeFile(annualJson),
        town: demo.id,
        year: 2026,
        assessedOn: LocalDate.unsafeMake("2026-12-28"),
        roster,
        calendar: WorkCalendar.china,
        rulebook: Rulebook.defaults,
        cadres: facts
      })
    }))
    const args = ["annual", "--db", db, "--rubric", rubricFile, "--town", demo.id, "--year", "2026", "--on", "2026-12-28", "--facts", factsFile]
    const json = await run([...args, "--format", "json"])
    assert.strictEqual(json.code, 0, json.stderr)
    assert.deepStrictEqual(JSON.parse(json.stdout), JSON.parse(JSON.stringify(expected)))
    assert.isTrue(expected.find((r) => r.subject === "c-xishu-1")!.scored.ledger.some((e) => e.rule === "sanctionInfluence"), "the stored case's sanction is read")
    const table = await run(args)
    assert.strictEqual(table.code, 0, table.stderr)
    assert.include(table.stdout, "年度得分")
    assert.include(table.stdout, "西属村")
    const csv = parseCsv((await run([...args, "--format", "csv"])).stdout.slice(1))
    assert.strictEqual(csv.length, 1 + 12)
    // A year with no assessed week, an assessment date before the year, facts with a misspelt key: bad input.
    const empty = await run(["annual", "--db", db, "--rubric", rubricFile, "--town", demo.id, "--year", "2025", "--on", "2025-12-28", "--lang", "en"])
    assert.strictEqual(empty.code, 2)
    assert.include(empty.stderr, "WEEKS_MISSING")
    assert.strictEqual((await run(["annual", "--db", db, "--rubric", rubricFile, "--town", demo.id, "--year", "2026", "--on", "2025-12-28"])).code, 2)
    const misspelt = file("annual-facts-bad.json", { "c-xishu-2": { acheived: [] } })
    const bad = await run([...args.slice(0, -1), misspelt])
    assert.strictEqual(bad.code, 2)
    assert.include(bad.stderr, "acheived")
  })
})

describe("qinglian audit verify", () => {
  it("exits 0 on an intact store, as Audit.verifyStore reports it, with progress on standard error only", async () => {
    const db = path.join(work, "audit.db")
    assert.strictEqual((await run(["init", "--db", db])).code, 0)
    await writeCase(db, "case-a", [
      [register("case-a"), "2026-03-02"],
      [{ _tag: "DisposeLead", way: "preliminaryCheck" }, "2026-03-05"]
    ])
    const expected = await inStore(db, Audit.verifyStore())
    assert.isTrue(expected.ok)
    const ok = await run(["audit", "verify", "--db", db, "--format", "json"])
    assert.strictEqual(ok.code, 0, ok.stderr)
    assert.deepStrictEqual(JSON.parse(ok.stdout), JSON.parse(JSON.stringify(expected)))
    assert.include((await run(["audit", "verify", "--db", db])).stdout, "审计日志完好")
    const progress = await run(["audit", "verify", "--db", db, "--progress", "--format", "json", "--lang", "en"])
    assert.strictEqual(progress.code, 0)
    assert.include(progress.stderr, `verifying the audit log ${expected.entries}/${expected.entries} (100%)`)
    assert.include(progress.stderr, "checking stored records")
    assert.deepStrictEqual(JSON.parse(progress.stdout), JSON.parse(JSON.stringify(expected)))
  })

  it("checks a signed checkpoint, and refuses one it cannot verify with exit 2", async () => {
    const db = path.join(work, "checkpoint.db")
    assert.strictEqual((await run(["init", "--db", db])).code, 0)
    await writeCase(db, "case-c", [[register("case-c"), "2026-03-02"]])
    const key = Audit.generateSigningKey()
    const checkpoint = await Effect.runPromise(
      Audit.checkpoint.pipe(Effect.provide(Layer.merge(SqliteStorage.layer({ filename: db }), Audit.layerSigner(key.privateKey))))
    )
    const cp = file("checkpoint.json", checkpoint)
    const pem = file("key.pem", key.publicKey)
    const ok = await run(["audit", "verify", "--db", db, "--checkpoint", cp, "--public-key", pem])
    assert.strictEqual(ok.code, 0, ok.stderr)
    const other = file("other.pem", Audit.generateSigningKey().publicKey)
    const wrongKey = await run(["audit", "verify", "--db", db, "--checkpoint", cp, "--public-key", other])
    assert.strictEqual(wrongKey.code, 2, wrongKey.stdout)
    assert.strictEqual(wrongKey.stdout, "")
    assert.strictEqual((await run(["audit", "verify", "--db", db, "--checkpoint", cp])).code, 2)
  })

  it("exits 1 and names the record once a case event or an audit entry is altered behind the library's back", async () => {
    const db = path.join(work, "tampered.db")
    assert.strictEqual((await run(["init", "--db", db])).code, 0)
    await writeCase(db, "case-t", [
      [register("case-t"), "2026-03-02"],
      [{ _tag: "DisposeLead", way: "preliminaryCheck" }, "2026-03-05"]
    ])
    const caseStream = SupervisionCase.streams.streamName(Ids.CaseId.make("case-t"))
    await inStore(
      db,
      Effect.gen(function*() {
        const tamper = yield* StorageAdapter.StorageTamper
        const adapter = yield* StorageAdapter.StorageAdapter
        const [event] = yield* adapter.readEvents(caseStream, 2, 1)
        yield* tamper.alterEvent(caseStream, 2, { ...(event!.data as object), way: "close" })
      })
    )
    const expected = await inStore(db, Audit.verifyStore())
    assert.isFalse(expected.ok)
    const event = await run(["audit", "verify", "--db", db, "--format", "json"])
    assert.strictEqual(event.code, 1, event.stderr)
    assert.deepStrictEqual(JSON.parse(event.stdout), JSON.parse(JSON.stringify(expected)))
    const zh = await run(["audit", "verify", "--db", db])
    assert.strictEqual(zh.code, 1)
    assert.include(zh.stdout, "记录被改动")
    assert.include(zh.stdout, `${caseStream}@2`)

    await inStore(
      db,
      Effect.gen(function*() {
        const tamper = yield* StorageAdapter.StorageTamper
        const [first] = yield* Audit.entries(1, 1)
        yield* tamper.alterEvent(Audit.stream, 1, { ...first!.entry, actor: "someone-else" } as never)
      })
    )
    const chain = await run(["audit", "verify", "--db", db, "--format", "csv", "--lang", "en"])
    assert.strictEqual(chain.code, 1)
    const rows = parseCsv(chain.raw.toString("utf8").slice(1))
    assert.deepStrictEqual(rows[1]?.slice(0, 2), ["audit log altered or cut", `${Audit.stream}@1`])
  })
})

describe("import", () => {
  const jurisdiction = PowerList.reference().jurisdiction.code
  const asOf = Examples.xishuHeatingFaultyAsOf

  // How many audit entries the store holds: every write adds one, so an unchanged count after a
  // refused import proves that it wrote nothing.
  const auditEntries = (db: string) => inStore(db, Effect.map(Storage.verifyAudit(), (v) => v.entries))

  const freshDb = async (name: string) => {
    const db = path.join(work, name)
    fs.rmSync(db, { force: true })
    const init = await run(["init", "--db", db])
    assert.strictEqual(init.code, 0, init.stderr)
    return db
  }

  // A database holding the reference list, imported through the bin.
  const dbWithList = async (name: string) => {
    const db = await freshDb(name)
    const r = await run(["import", "list", file(`${name}-list.json`, referenceJson()), "--db", db, "--actor", "county-clerk"])
    assert.strictEqual(r.code, 0, r.stderr)
    return db
  }

  const storedExercise = (db: string, id: string) =>
    inStore(db, Effect.map(PowerListStore.exercises.get(id), (o) => (o._tag === "Some" ? o.value.value : undefined)))

  const storedReports = (db: string, id: string) =>
    inStore(db, Effect.map(PowerListStore.checkReports.read(id), (events) => events.map((e) => e.value)))

  // The report exercises.record stores, computed in-process from the exercise as the file holds it.
  const expectedReport = (encoded: Exercise.ExerciseEncoded, on?: LocalDate.LocalDate) => {
    const exercise = Schema.decodeUnknownSync(Exercise.Exercise)(encoded)
    const result = Exercise.checkInList(PowerList.reference(), exercise, Rulebook.defaults, WorkCalendar.china, on === undefined ? {} : { asOf: on })
    return { exercise, report: PowerListStore.checkReportOf(exercise, result, on ?? exercise.date) }
  }

  const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown

  it("imports the reference list as PowerListStore reads it back; a second import exits 2 and changes nothing", async () => {
    const db = await freshDb("import-list.db")
    const listFile = file("import-ref.json", referenceJson())
    const r = await run(["import", "list", listFile, "--db", db, "--actor", "county-clerk", "--format", "json"])
    assert.strictEqual(r.code, 0, r.stderr)
    const reference = PowerList.reference()
    const printed = JSON.parse(r.stdout) as { stored: boolean; id: string; version: string; diagnostics: Array<unknown> }
    assert.isTrue(printed.stored)
    assert.strictEqual(printed.id, reference.id)
    assert.strictEqual(printed.version, reference.version)
    assert.deepStrictEqual(printed.diagnostics, plain(PowerList.check(reference, Rulebook.defaults).diagnostics))
    const stored = await inStore(db, PowerListStore.powerLists.versions(reference.id))
    assert.strictEqual(stored.length, 1)
    assert.deepStrictEqual(stored[0]!.value, reference)
    const inForce = await inStore(db, PowerListStore.powerLists.inForce(jurisdiction, asOf))
    assert.strictEqual(inForce._tag, "Some")
    const entries = await inStore(db, Audit.entries(1))
    assert.deepStrictEqual(entries.map((e) => e.entry.actor), ["county-clerk"])

    const before = fs.readFileSync(db)
    const again = await run(["import", "list", listFile, "--db", db, "--actor", "county-clerk"])
    assert.strictEqual(again.code, 2)
    assert.strictEqual(again.stdout, "")
    assert.include(again.stderr, `数据库中已有清单 ${reference.id} 的版本 ${reference.version}`)
    const en = await run(["import", "list", listFile, "--db", db, "--actor", "county-clerk", "--lang", "en", "--format", "json"])
    assert.strictEqual(en.code, 2)
    const error = JSON.parse(en.stderr) as { error: { message: { en: string }; problem: { code: string } } }
    assert.include(error.error.message.en, `version ${reference.version} of list ${reference.id} is already stored`)
    assert.strictEqual(error.error.problem.code, "VersionExists")
    assert.deepStrictEqual(fs.readFileSync(db), before, "the database file is unchanged")
    assert.strictEqual(await auditEntries(db), 1)
    // A blank actor is a usage error.
    assert.strictEqual((await run(["import", "list", listFile, "--db", db, "--actor", " "])).code, 2)
  })

  it("checks a list with the county's stored rulebook editions over the built-in rulebook", async () => {
    const db = await freshDb("import-county-rulebook.db")
    // A county edition that lowers the construction tender threshold to 2,000,000 yuan.
    const override = Schema.decodeUnknownSync(RulebookStore.RulebookOverride)({
      jurisdiction,
      edition: {
        effectiveFrom: "2024-01-01",
        source: { law: "示例县规定" },
        parameters: {
          "threshold.tenderConstruction": { value: { amount: 2000000, unit: "yuan" }, citation: { law: "示例县规定" }, scope: "national" }
        }
      }
    })
    await inStore(db, RulebookStore.saveOverride(override, { actor: "county-clerk" }))
    // A list whose B01 tenders from 3,000,000 yuan: below the built-in threshold, above the county's.
    const json = referenceJson() as unknown as { items: Array<{ code: string; conditions: Array<{ when: unknown; then: string }> }> }
    const b01 = json.items.find((i) => i.code === "B01")!
    b01.conditions.find((c) => c.then === "publicTender")!.when = { amountAtLeast: { amount: { amount: 3000000, unit: "yuan" } } }
    const list = PowerList.decodeUnknown(json)
    assert.isTrue(list._tag === "Right")
    if (list._tag !== "Right") return
    const expected = PowerList.check(list.right, await inStore(db, RulebookStore.rulebookFor(jurisdiction))).diagnostics
    assert.isTrue(expected.some((d) => d.code === "TENDER_THRESHOLD_ABOVE_NATIONAL"))
    assert.isFalse(PowerList.check(list.right, Rulebook.defaults).diagnostics.some((d) => d.code === "TENDER_THRESHOLD_ABOVE_NATIONAL"))
    const r = await run(["import", "list", file("import-b01.json", json), "--db", db, "--actor", "county-clerk", "--format", "json"])
    assert.strictEqual(r.code, 0, r.stderr)
    assert.deepStrictEqual((JSON.parse(r.stdout) as { diagnostics: unknown }).diagnostics, plain(expected))
  })

  it("refuses a list with an error finding with exit 1 and stores nothing", async () => {
    const db = await freshDb("import-bad-list.db")
    const json = referenceJson()
    json.items[1]!.code = json.items[0]!.code
    const r = await run(["import", "list", file("import-duplicate.json", json), "--db", db, "--actor", "county-clerk"])
    assert.strictEqual(r.code, 1, r.stderr)
    assert.include(r.stdout, "DUPLICATE_ITEM_CODE")
    assert.include(r.stdout, "未导入")
    const printed = await run(["import", "list", file("import-duplicate.json", json), "--db", db, "--actor", "county-clerk", "--format", "json"])
    assert.strictEqual(printed.code, 1)
    assert.isFalse((JSON.parse(printed.stdout) as { stored: boolean }).stored)
    assert.deepStrictEqual(await inStore(db, PowerListStore.powerLists.versions(PowerList.reference().id)), [])
    assert.strictEqual(await auditEntries(db), 0)
    // Not a list at all, or no database: bad input, and nothing is created.
    const unknown = await run(["import", "list", file("import-unknown.json", { ...referenceJson(), itemz: [] }), "--db", db, "--actor", "a"])
    assert.strictEqual(unknown.code, 2)
    assert.include(unknown.stderr, "/itemz")
    const missing = path.join(work, "import-missing.db")
    assert.strictEqual((await run(["import", "list", file("import-ref.json", referenceJson()), "--db", missing, "--actor", "a"])).code, 2)
    assert.isFalse(fs.existsSync(missing))
  })

  it("stores exercises from a JSON array and from NDJSON with the reports Exercise.checkInList gives", async () => {
    const db = await dbWithList("import-exercises.db")
    const clean = Examples.xishuHeatingCleanEncoded
    const faulty = Examples.xishuHeatingFaultyEncoded
    const array = await run([
      "import", "exercises", file("import-array.json", [clean, faulty]), "--db", db, "--actor", "town-clerk",
      "--jurisdiction", jurisdiction, "--as-of", asOf, "--format", "json"
    ])
    // The faulty one has error findings: stored, and exit 1 as `check` does.
    assert.strictEqual(array.code, 1, array.stderr)
    const printed = JSON.parse(array.stdout) as { stored: number; exercises: Array<{ id: string; risk: string; findings: number }> }
    assert.strictEqual(printed.stored, 2)
    for (const encoded of [clean, faulty]) {
      const { exercise, report } = expectedReport(encoded, asOf)
      assert.deepStrictEqual(plain(await storedExercise(db, exercise.id)), plain(exercise))
      assert.deepStrictEqual(plain(await storedReports(db, exercise.id)), plain([report]))
      const row = printed.exercises.find((e) => e.id === exercise.id)
      assert.deepStrictEqual([row?.risk, row?.findings], [report.risk, report.findings.length])
    }
    assert.deepStrictEqual(printed.exercises.map((e) => e.risk), ["green", "red"])

    // NDJSON saved by Windows Notepad: a byte order mark, CRLF, a blank line. No --as-of: each
    // report is dated on its exercise's date.
    const nd = [{ ...clean, id: "nd-clean" }, { ...faulty, id: "nd-faulty" }]
    const ndFile = file("import-nd.ndjson", "\uFEFF" + JSON.stringify(nd[0]) + "\r\n\r\n" + JSON.stringify(nd[1]) + "\r\n")
    const csv = await run(["import", "exercises", ndFile, "--db", db, "--actor", "town-clerk", "--jurisdiction", jurisdiction, "--format", "csv", "--lang", "en"])
    assert.strictEqual(csv.code, 1, csv.stderr)
    const rows = parseCsv(csv.raw.toString("utf8").slice(1))
    assert.deepStrictEqual(rows[0], ["Exercise", "Item", "Date", "Risk", "Findings"])
    for (const [i, encoded] of nd.entries()) {
      const { exercise, report } = expectedReport(encoded as Exercise.ExerciseEncoded)
      assert.deepStrictEqual(plain(await storedExercise(db, exercise.id)), plain(exercise))
      assert.deepStrictEqual(plain(await storedReports(db, exercise.id)), plain([report]))
      assert.deepStrictEqual(rows[i + 1], [exercise.id, exercise.item, exercise.date, report.risk, String(report.findings.length)])
    }

    // One object, clean: exit 0, a Chinese table and its summary.
    const single = await run(["import", "exercises", file("import-one.json", { ...clean, id: "one-clean" }), "--db", db, "--actor", "town-clerk", "--jurisdiction", jurisdiction])
    assert.strictEqual(single.code, 0, single.stderr)
    assert.match(single.stdout, /^记录编号\s+事项\s+日期\s+风险等级\s+问题数\n/)
    assert.include(single.stdout, "已导入 1 条权力行使记录")
    const { report } = expectedReport({ ...clean, id: "one-clean" } as Exercise.ExerciseEncoded)
    assert.deepStrictEqual(plain(await storedReports(db, "one-clean")), plain([report]))
    const actors = new Set((await inStore(db, Audit.entries(2))).map((e) => e.entry.actor))
    assert.deepStrictEqual([...actors], ["town-clerk"])
  })

  it("stores none of a file's exercises when one record does not decode, naming its line or index", async () => {
    const db = await dbWithList("import-bad-record.db")
    const before = await auditEntries(db)
    const clean = Examples.xishuHeatingCleanEncoded
    const ids = ["bad-1", "bad-2", "bad-3"]
    const lines = [{ ...clean, id: ids[0] }, { ...clean, id: ids[1], amout: 5 }, { ...clean, id: ids[2] }].map((r) => JSON.stringify(r))
    const nd = await run(["import", "exercises", file("import-bad.ndjson", lines.join("\n") + "\n"), "--db", db, "--actor", "t", "--jurisdiction", jurisdiction])
    assert.strictEqual(nd.code, 2)
    assert.strictEqual(nd.stdout, "")
    assert.include(nd.stderr, "未保存任何记录")
    assert.include(nd.stderr, "/amout [UNKNOWN_KEY]: 第 2 行")
    const json = await run(["import", "exercises", file("import-bad.ndjson", lines.join("\n")), "--db", db, "--actor", "t", "--jurisdiction", jurisdiction, "--format", "json"])
    assert.strictEqual(json.code, 2)
    const error = JSON.parse(json.stderr) as { error: { problem: { issues: Array<{ code: string; path: Array<unknown>; record: unknown }> } } }
    assert.deepStrictEqual(error.error.problem.issues.map((i) => [i.code, i.path, i.record]), [["UNKNOWN_KEY", ["amout"], { line: 2 }]])
    const array = await run([
      "import", "exercises", file("import-bad-array.json", [{ ...clean, id: ids[0] }, { ...clean, id: ids[1], titel: "x" }]),
      "--db", db, "--actor", "t", "--jurisdiction", jurisdiction, "--lang", "en"
    ])
    assert.strictEqual(array.code, 2)
    assert.include(array.stderr, "/1/titel [UNKNOWN_KEY]: record 2 (index 1)")
    for (const id of ids) {
      assert.isUndefined(await storedExercise(db, id))
      assert.deepStrictEqual(await storedReports(db, id), [])
    }
    assert.strictEqual(await auditEntries(db), before)
    // Text that is neither JSON nor NDJSON is refused as a whole.
    const notJson = await run(["import", "exercises", file("import-not.json", "{ \"id\":\n  oops"), "--db", db, "--actor", "t", "--jurisdiction", jurisdiction])
    assert.strictEqual(notJson.code, 2)
    assert.include(notJson.stderr, "NOT_JSON")
    assert.strictEqual(await auditEntries(db), before)
  })

  it("stores all of a file's exercises or none: a write failing half way rolls back those before it", async () => {
    const db = await dbWithList("import-rollback.db")
    const clean = Examples.xishuHeatingCleanEncoded
    // The database fails on the third exercise's write, after the first two were written in the transaction.
    const sqlite = new Database(db)
    sqlite.exec(
      "CREATE TRIGGER fail_third BEFORE INSERT ON documents WHEN NEW.collection = 'exercises' AND NEW.id = 'tx-3' " +
        "BEGIN SELECT RAISE(ABORT, 'disk failed'); END"
    )
    sqlite.close()
    const before = await auditEntries(db)
    const ids = ["tx-1", "tx-2", "tx-3"]
    const r = await run(["import", "exercises", file("import-tx.json", ids.map((id) => ({ ...clean, id }))), "--db", db, "--actor", "t", "--jurisdiction", jurisdiction])
    assert.strictEqual(r.code, 3, r.stderr)
    assert.strictEqual(r.stdout, "")
    for (const id of ids) {
      assert.isUndefined(await storedExercise(db, id))
      assert.deepStrictEqual(await storedReports(db, id), [])
    }
    assert.strictEqual(await auditEntries(db), before)
  })

  it("refuses an id repeated in the file or already stored, and a date with no list in force, storing nothing", async () => {
    const db = await dbWithList("import-duplicate-ids.db")
    const clean = Examples.xishuHeatingCleanEncoded
    const before = await auditEntries(db)
    const twice = [{ ...clean, id: "dup-1" }, { ...clean, id: "dup-2" }, { ...clean, id: "dup-1" }].map((r) => JSON.stringify(r)).join("\n")
    const dup = await run(["import", "exercises", file("import-dup.ndjson", twice), "--db", db, "--actor", "t", "--jurisdiction", jurisdiction])
    assert.strictEqual(dup.code, 2)
    assert.include(dup.stderr, "/id [DUPLICATE_ID]: 第 3 行：记录编号 dup-1 重复（第 1 行已有）")
    assert.isUndefined(await storedExercise(db, "dup-1"))
    assert.isUndefined(await storedExercise(db, "dup-2"))
    assert.strictEqual(await auditEntries(db), before)

    const first = await run(["import", "exercises", file("import-first.json", { ...clean, id: "kept" }), "--db", db, "--actor", "t", "--jurisdiction", jurisdiction])
    assert.strictEqual(first.code, 0, first.stderr)
    const afterFirst = await auditEntries(db)
    const again = await run([
      "import", "exercises", file("import-again.json", [{ ...clean, id: "new-one" }, { ...clean, id: "kept" }]),
      "--db", db, "--actor", "t", "--jurisdiction", jurisdiction, "--lang", "en"
    ])
    assert.strictEqual(again.code, 2)
    assert.include(again.stderr, "/1/id [ALREADY_STORED]")
    assert.isUndefined(await storedExercise(db, "new-one"))
    assert.strictEqual((await storedReports(db, "kept")).length, 1, "the stored exercise keeps its one report")

    const elsewhere = await run(["import", "exercises", file("import-elsewhere.json", [{ ...clean, id: "elsewhere" }]), "--db", db, "--actor", "t", "--jurisdiction", "999999"])
    assert.strictEqual(elsewhere.code, 2)
    assert.include(elsewhere.stderr, "NO_LIST_IN_FORCE")
    assert.isUndefined(await storedExercise(db, "elsewhere"))
    assert.strictEqual(await auditEntries(db), afterFirst)
  })
})

describe("the published bin", () => {
  it("builds to dist/cli.js with a shebang and runs through an npm .bin link", async () => {
    // The package's own build of the bin entry (tsup.config.ts), as `npm run build` makes it.
    const script = `
      const { build } = await import("tsup")
      const { default: configs } = await import("./tsup.config.ts")
      const bin = configs.find((c) => typeof c.entry === "object" && !Array.isArray(c.entry) && "cli" in c.entry)
      // The bin bundles its dependencies: take the workspace packages from their sources, as
      // every test does, instead of relying on their builds.
      await build({ ...bin, config: false, silent: true, esbuildOptions: (o) => { o.conditions = ["source"] } })
    `
    const built = await new Promise<number | null>((resolve) =>
      spawn(process.execPath, ["--import", tsxLoader, "--input-type=module", "-e", script], { cwd: pkgDir, stdio: "inherit" })
        .on("close", resolve)
    )
    assert.strictEqual(built, 0)
    const cli = path.join(pkgDir, "dist", "cli.js")
    assert.isTrue(fs.readFileSync(cli, "utf8").startsWith("#!/usr/bin/env node\n"))
    const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, "package.json"), "utf8")) as {
      bin: Record<string, string>
      version: string
    }
    assert.strictEqual(path.resolve(pkgDir, pkg.bin["qinglian"]!), cli)

    // npm links a bin as node_modules/.bin/<name> -> the file, made executable, run by its shebang.
    const dotBin = path.join(work, "node_modules", ".bin")
    fs.mkdirSync(dotBin, { recursive: true })
    fs.chmodSync(cli, 0o755)
    const link = path.join(dotBin, "qinglian")
    fs.rmSync(link, { force: true })
    fs.symlinkSync(cli, link)
    // The workspace packages it imports are resolved to their sources: tests never rely on
    // another package having been built.
    const env = { ...process.env, NODE_OPTIONS: `--conditions=source --import=${tsxLoader}` }
    const list = file("ref.json", referenceJson())
    const ok = await spawnBin(link, ["validate", list, "--lang", "en"], env)
    assert.strictEqual(ok.code, 0, ok.stderr)
    assert.include(ok.stdout, "ILLUSTRATIVE_LIST")
    const bad = await spawnBin(link, ["validate", path.join(work, "nope.json")], env)
    assert.strictEqual(bad.code, 2)
    assert.include(bad.stderr, "找不到文件")
    const version = await spawnBin(link, ["--version"], env)
    assert.strictEqual(version.code, 0)
    assert.strictEqual(version.stdout.trim(), pkg.version)
  })
})
