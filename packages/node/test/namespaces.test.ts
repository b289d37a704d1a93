// Each namespace of the Promise API over memory storage: plain JSON in, plain data out, reports as
// data and refusals as QinglianError.
import { Audit, Examples, Storage } from "@qinglian/core"
import { SqliteStorage } from "@qinglian/storage-sqlite"
import * as Effect from "effect/Effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { Examples as ScoringExamples, TaskBook } from "@qinglian/scoring"
import * as Schema from "effect/Schema"
import { afterEach, assert, beforeEach, describe, it } from "vitest"
import { createQinglian, isQinglianError, type Qinglian } from "@qinglian/node"
import { county, listJson, member, organisation, registerLead, roster, secretary, town } from "./fixtures.js"

let ql: Qinglian
beforeEach(async () => {
  ql = await createQinglian({ storage: { memory: true } })
})
afterEach(async () => {
  await ql.close()
})

const rejection = (p: Promise<unknown>): Promise<unknown> => p.then(() => assert.fail("expected a rejection"), (e: unknown) => e)

describe("org", () => {
  it("stores and reads the organisation and the roster as plain data", async () => {
    await ql.org.save(organisation, { actor: "clerk" })
    const loaded = await ql.org.load()
    assert.deepStrictEqual(loaded.counties.map((c) => c.id), [county])
    assert.deepStrictEqual(loaded.villages.map((v) => v.id), ["xishu"])
    assert.isEmpty(loaded.diagnostics)
    assert.strictEqual((await ql.org.town(town))?.countyId, county)
    const twice = await rejection(ql.org.save(organisation, { actor: "clerk" }))
    assert.isTrue(isQinglianError(twice, "VersionExists"), String(twice))
    assert.isUndefined(await ql.org.village("nowhere"))
    await ql.org.saveRoster(roster, { actor: "clerk" })
    const stored = await ql.org.roster()
    assert.sameMembers(stored.cadres.map((c) => c.id), roster.cadres.map((c) => c.id))
    assert.strictEqual(stored.appointments.length, 2)
    const check = await ql.org.checkRoster(roster)
    assert.isTrue(check.ok, JSON.stringify(check.diagnostics))
    const junk = await ql.org.checkRoster("{]")
    assert.isFalse(junk.ok)
    assert.strictEqual(junk.issues[0]?.code, "NOT_JSON")
  })
})

describe("exercises", () => {
  it("checks an exercise against the list in force and records it with its report", async () => {
    await ql.powerLists.save(listJson("2025.1", "2025-01-01"), { actor: "clerk" })
    const result = await ql.exercises.check(Examples.xishuHeatingFaultyEncoded, { jurisdiction: county, asOf: "2026-01-26" })
    assert.strictEqual(result.risk, "red")
    assert.isNotEmpty(result.findings)
    const clean = await ql.exercises.check(JSON.stringify(Examples.xishuHeatingCleanEncoded), { jurisdiction: county, asOf: "2026-01-26" })
    assert.notStrictEqual(clean.risk, "red")
    const report = await ql.exercises.record(Examples.xishuHeatingFaultyEncoded, { jurisdiction: county, asOf: "2026-01-26", actor: "clerk" })
    assert.deepStrictEqual(report.findings, result.findings)
    const twice = await rejection(ql.exercises.record(Examples.xishuHeatingFaultyEncoded, { jurisdiction: county, asOf: "2026-01-27", actor: "clerk" }))
    assert.isTrue(isQinglianError(twice, "VersionExists"), String(twice))
    const reports = await ql.exercises.reports(Examples.xishuHeatingFaultyEncoded.id)
    assert.strictEqual(reports.length, 1)
    assert.strictEqual(reports[0]?.risk, "red")
    // No list in force that early: NotFound, and nothing recorded.
    const early = { ...Examples.xishuHeatingCleanEncoded, id: "early", date: "2024-06-03" }
    const e = await rejection(ql.exercises.record(early, { jurisdiction: county, actor: "clerk" }))
    assert.isTrue(isQinglianError(e, "NotFound"), String(e))
    assert.isEmpty(await ql.exercises.reports("early"))
    const bad = await rejection(ql.exercises.check({ id: "x" }, { jurisdiction: county }))
    assert.isTrue(isQinglianError(bad, "InvalidInput"), String(bad))
  })
})

describe("rulebook and calendar", () => {
  it("stores a county edition and reads the parameters in force with their citations", async () => {
    const doc = { law: "泽州县村级小微权力运行监督办法 (示例)", version: "2025" }
    const file = {
      name: "泽州县规则集",
      jurisdiction: county,
      editions: [{
        effectiveFrom: "2025-01-01",
        source: doc,
        parameters: {
          "threshold.escalation": { value: { amount: 50000, unit: "yuan" }, citation: { ...doc, article: "第八条" }, scope: "local" }
        }
      }]
    }
    const before = await ql.rulebook.at(county, "2025-06-01")
    await ql.rulebook.save(JSON.stringify(file), { actor: "clerk" })
    const after = await ql.rulebook.at(county, "2025-06-01")
    assert.notDeepEqual(after.parameters["threshold.escalation"].value, before.parameters["threshold.escalation"].value)
    assert.strictEqual(after.parameters["threshold.escalation"].scope, "local")
    const again = await rejection(ql.rulebook.save(file, { actor: "clerk" }))
    assert.isTrue(isQinglianError(again, "VersionExists"), String(again))
    assert.deepStrictEqual(await ql.rulebook.at(county, "2025-06-01"), after)
    const early = await rejection(ql.rulebook.at(county, "1950-01-01"))
    assert.isTrue(isQinglianError(early, "RulebookNotInForce"), String(early))
  })

  it("counts working days with the China calendar, 调休 included", async () => {
    assert.isFalse(await ql.calendar.isWorkingDay("2026-10-01"))
    assert.isTrue(await ql.calendar.isWorkingDay("2026-03-02"))
    assert.strictEqual(await ql.calendar.addWorkingDays("2026-03-02", 5), "2026-03-09")
    assert.strictEqual(await ql.calendar.workingDaysBetween("2026-03-02", "2026-03-09"), 5)
    const range = await ql.calendar.coveredRange()
    assert.isTrue(range.from < range.to)
    const out = await rejection(ql.calendar.addWorkingDays(range.to, 30))
    assert.isTrue(isQinglianError(out, "CalendarOutOfRange"), String(out))
  })
})

describe("overrides given to createQinglian", () => {
  it("adds calendar years and merges a rulebook file onto the defaults, both as JSON", async () => {
    const notice = { source: "某年节假日安排的通知 (测试)", restDays: [["2027-01-01", "2027-01-03", "元旦"]], makeUpWorkdays: [] }
    const doc = { law: "泽州县村级小微权力运行监督办法 (示例)", version: "2027" }
    const file = {
      name: "泽州县规则集",
      editions: [{
        effectiveFrom: "2027-01-01",
        source: doc,
        parameters: {
          "threshold.escalation": { value: { amount: 80000, unit: "yuan" }, citation: { ...doc, article: "第八条" }, scope: "local" }
        }
      }]
    }
    const custom = await createQinglian({ storage: { memory: true }, calendar: JSON.stringify({ years: { "2027": notice } }), rulebook: file })
    try {
      assert.isFalse(await custom.calendar.isWorkingDay("2027-01-01"))
      assert.isTrue(await custom.calendar.isWorkingDay("2027-01-04"))
      assert.strictEqual((await custom.calendar.coveredRange()).to, "2027-12-31")
      const before = await custom.rulebook.at("anywhere", "2026-06-01")
      const after = await custom.rulebook.at("anywhere", "2027-06-01")
      assert.strictEqual(after.parameters["threshold.escalation"].scope, "local")
      assert.notDeepEqual(after.parameters["threshold.escalation"].value, before.parameters["threshold.escalation"].value)
    } finally {
      await custom.close()
    }
    // The built-in calendar ends earlier: the same day is out of its range.
    const e = await rejection(ql.calendar.isWorkingDay("2027-01-04"))
    assert.isTrue(isQinglianError(e, "CalendarOutOfRange"), String(e))
    const bad = await rejection(createQinglian({ storage: { memory: true }, calendar: { years: { "2027": { ...notice, makeUpWorkdays: ["2027-01-05"] } } } }))
    assert.isTrue(isQinglianError(bad, "InvalidInput"), String(bad))
    if (isQinglianError(bad)) assert.strictEqual(bad.issues[0]?.path[0], "calendar")
  })
})

describe("cases", () => {
  it("reports the four forms over every stored case", async () => {
    await ql.org.save(organisation, { actor: "clerk" })
    await ql.org.saveRoster(roster, { actor: "clerk" })
    await ql.cases.execute("JC-1", registerLead("JC-1"), { actor: member, on: "2026-03-02" })
    await ql.cases.execute("JC-1", { _tag: "DisposeLead", way: "talkInquiry" }, { actor: secretary, on: "2026-03-05" })
    await ql.cases.execute("JC-1", { _tag: "ConcludeInquiry", outcome: "talkReminder" }, { actor: secretary, on: "2026-03-10" })
    const report = await ql.cases.fourForms({ from: "2026-01-01", to: "2026-12-31" })
    assert.strictEqual(report.total.total, 1)
    assert.strictEqual(report.total.counts[1], 1)
    const none = await ql.cases.fourForms({ from: "2026-01-01", to: "2026-12-31", towns: ["elsewhere"] })
    assert.strictEqual(none.total.total, 0)
  })
})

describe("audit", () => {
  it("verifies the chain over everything written, as data", async () => {
    await ql.org.save(organisation, { actor: "clerk" })
    const report = await ql.audit.verify()
    assert.isTrue(report.ok)
    if (report.ok) assert.isAbove(report.entries, 0)
    const store = await ql.audit.verifyStore()
    assert.isTrue(store.ok, JSON.stringify(store.findings))
    assert.isAbove(store.documents, 0)
  })
})

describe("audit with a signed checkpoint kept outside the database", () => {
  it("verifies the store against it, refuses a checkpoint that does not verify, and a malformed one as bad input", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qinglian-node-checkpoint-"))
    const file = path.join(dir, "county.db")
    const first = await createQinglian({ storage: { sqlite: file } })
    await first.org.save(organisation, { actor: "clerk" })
    await first.close()
    // The county's signing key stays with the county; the checkpoint is plain JSON.
    const key = Audit.generateSigningKey()
    const checkpoint = await Effect.runPromise(
      Storage.checkpoint.pipe(
        Effect.provide(Storage.layer),
        Effect.provide(SqliteStorage.layer({ filename: file })),
        Effect.provide(Audit.layerSigner(key.privateKey)),
        Effect.scoped
      )
    )
    const json: unknown = JSON.parse(JSON.stringify(checkpoint))
    const ql2 = await createQinglian({ storage: { sqlite: file } })
    try {
      const report = await ql2.audit.verifyStore({ checkpoint: json, publicKey: key.publicKey })
      assert.isTrue(report.ok, JSON.stringify(report.findings))
      const forged = { ...(json as Record<string, unknown>), head: "0".repeat(64) }
      const refused = await rejection(ql2.audit.verifyStore({ checkpoint: forged, publicKey: key.publicKey }))
      assert.isTrue(isQinglianError(refused, "AuditCheckpointInvalid"), String(refused))
      const junk = await rejection(ql2.audit.verifyStore({ checkpoint: { entries: "many" }, publicKey: key.publicKey }))
      assert.isTrue(isQinglianError(junk, "InvalidInput"), String(junk))
      if (isQinglianError(junk)) assert.strictEqual(junk.issues[0]?.path[0], "checkpoint")
    } finally {
      await ql2.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe("scoring", () => {
  it("runs a village week from JSON and reads the results back", async () => {
    const demo = ScoringExamples.town
    const week = TaskBook.unsafeWeek("2026-W12")
    const v = ScoringExamples.villageWeek(0, week)
    const options = { actor: "clerk", roster: demo.roster }
    await ql.scoring.issueTaskBook(Schema.encodeSync(TaskBook.TaskBook)(v.book), options)
    for (const p of v.progress) await ql.scoring.reportProgress(Schema.encodeSync(TaskBook.Progress)(p), { actor: "clerk" })
    await ql.scoring.recordStockTake(Schema.encodeSync(TaskBook.StockTake)(v.stockTake), options)
    const again = await rejection(ql.scoring.issueTaskBook(Schema.encodeSync(TaskBook.TaskBook)(v.book), options))
    assert.isTrue(isQinglianError(again, "ScoringCommandRejected"), String(again))
    if (isQinglianError(again)) assert.strictEqual(again.issues[0]?.code, "TASKBOOK_EXISTS")
    const { week: assessed } = await ql.scoring.runWeek({
      ...options,
      rubric: ScoringExamples.weeklyRubric,
      town: demo.id,
      week,
      villagerRatings: { [v.book.village]: v.villagerRatings }
    })
    assert.isNotEmpty(assessed.results)
    const first = assessed.results[0]!
    const results = await ql.scoring.results(first.subject)
    assert.strictEqual(results.length, 1)
  })

  it("assesses a stored year, with facts and sanctions given as JSON, and refuses what it cannot read", async () => {
    const demo = ScoringExamples.town
    const options = { actor: "clerk", roster: demo.roster }
    for (const w of ["2026-W12", "2026-W13"]) {
      const week = TaskBook.unsafeWeek(w)
      const villages = [0, 1, 2].map((i) => ScoringExamples.villageWeek(i, week))
      for (const v of villages) {
        await ql.scoring.issueTaskBook(Schema.encodeSync(TaskBook.TaskBook)(v.book), options)
        for (const p of v.progress) await ql.scoring.reportProgress(Schema.encodeSync(TaskBook.Progress)(p), { actor: "clerk" })
        await ql.scoring.recordStockTake(Schema.encodeSync(TaskBook.StockTake)(v.stockTake), options)
      }
      await ql.scoring.runWeek({
        ...options,
        rubric: ScoringExamples.weeklyRubric,
        town: demo.id,
        week,
        villagerRatings: Object.fromEntries(villages.map((v) => [v.book.village, v.villagerRatings]))
      })
    }
    const annual = { rubric: ScoringExamples.annualRubric, town: demo.id, year: 2026, assessedOn: "2026-12-28", roster: demo.roster }
    // No organisation stored: the sanctions are given.
    const sanction = { caseId: "case-9", cadre: "c-xishu-1", measure: "partyWarning", decidedOn: "2026-06-15" }
    const results = await ql.scoring.annual({ ...annual, jurisdiction: "140525", sanctions: [sanction], cadres: { "c-xishu-2": { achieved: ["powerList"], leave: [{ from: "2026-03-23", until: "2026-03-28" }] } } })
    assert.strictEqual(results.length, 12)
    assert.isTrue(results.find((r) => r.subject === "c-xishu-1")!.scored.ledger.some((e) => e.rule === "sanctionInfluence"))
    assert.deepStrictEqual(results.find((r) => r.subject === "c-xishu-2")!.mean.excluded, [{ week: TaskBook.unsafeWeek("2026-W13"), reason: "leave" }])
    const unknownTown = await rejection(ql.scoring.annual(annual))
    assert.isTrue(isQinglianError(unknownTown, "ScoringCommandRejected"), String(unknownTown))
    if (isQinglianError(unknownTown)) assert.strictEqual(unknownTown.issues[0]?.code, "TOWN_UNKNOWN")
    const misspelt = await rejection(ql.scoring.annual({ ...annual, sanctions: [], cadres: { "c-xishu-2": { acheived: [] } } }))
    assert.isTrue(isQinglianError(misspelt, "InvalidInput"), String(misspelt))
    if (isQinglianError(misspelt)) assert.deepStrictEqual(misspelt.issues[0]?.path, ["cadres", "c-xishu-2", "acheived"])
    const early = await rejection(ql.scoring.annual({ ...annual, sanctions: [], assessedOn: "2025-06-01" }))
    assert.isTrue(isQinglianError(early, "RubricNotInForce"), String(early))
  })

  it("renders the published board of a stored week as files", async () => {
    const demo = ScoringExamples.town
    const week = TaskBook.unsafeWeek("2026-W12")
    const next = TaskBook.nextWeek(week)
    const v = ScoringExamples.villageWeek(0, week)
    const options = { actor: "clerk", roster: demo.roster }
    await ql.scoring.issueTaskBook(Schema.encodeSync(TaskBook.TaskBook)(v.book), options)
    for (const p of v.progress) await ql.scoring.reportProgress(Schema.encodeSync(TaskBook.Progress)(p), { actor: "clerk" })
    await ql.scoring.recordStockTake(Schema.encodeSync(TaskBook.StockTake)(v.stockTake), options)
    await ql.scoring.runWeek({ ...options, rubric: ScoringExamples.weeklyRubric, town: demo.id, week, villagerRatings: { [v.book.village]: v.villagerRatings } })
    await ql.scoring.issueTaskBook(Schema.encodeSync(TaskBook.TaskBook)(ScoringExamples.villageWeek(0, next).book), options)
    const out = await ql.scoring.board({ rubric: ScoringExamples.weeklyRubric, town: demo.id, week: next, village: v.book.village, roster: demo.roster })
    assert.deepStrictEqual(out.board.sections.map((s) => s.rows.length > 0), [true, true, true])
    assert.include(out.markdown, `考核结果（${week}）`)
    assert.include(out.html, "<table")
    assert.strictEqual(out.csv.results.charCodeAt(0), 0xfeff)
    const badWeek = await rejection(ql.scoring.board({ rubric: ScoringExamples.weeklyRubric, town: demo.id, week: "2026-13", roster: demo.roster }))
    assert.isTrue(isQinglianError(badWeek, "InvalidInput"), String(badWeek))
    const empty = await rejection(ql.scoring.board({ rubric: ScoringExamples.weeklyRubric, town: "elsewhere", week: next, roster: demo.roster }))
    assert.isTrue(isQinglianError(empty, "ScoringCommandRejected"), String(empty))
    if (isQinglianError(empty)) assert.strictEqual(empty.issues[0]?.code, "TASKBOOK_MISSING")
  })
})
