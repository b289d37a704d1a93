/**
 * 金村镇 (泽州县, 140525) end to end, on an embedded SQLite file and nothing else:
 *
 * 0. store the organisation (county, town, village) and the roster: the town's discipline secretary
 *    and 西属村's cadres with their posts;
 * 1. load the county's rulebook: the defaults plus one county edition from JSON, stored and reloaded;
 * 2. load, validate and store the micro-power list (the 8-category, 57-item reference list);
 * 3. check the 西属村 central-heating exercises against the list's item `E01`, store the reports;
 * 4. turn the faulty exercise's findings into supervision cases and take them through disposal with
 *    `SupervisionCase.execute`, which reads who acts from the stored roster and writes each case's
 *    events, summary and snapshot in one transaction, beside a lead from the county's inspection
 *    (巡察) still waiting for its reply; reload, replay, print due dates and sanctions;
 * 5. the town's overdue dashboard on the demo's day, read from the stored case summaries;
 * 6. the four-forms report;
 * 7. verify the audit hash chain over everything written;
 * 8. one village's week (一周三晒): task book, stock-take, scores, ranks and the board files.
 *
 * Run: `npx tsx --conditions source examples/town-demo.ts [--db path]` (or `QINGLIAN_DEMO_DB=path`).
 * The database file is recreated on every run (default `.tmp/qinglian-demo.db` in the working directory).
 * Everything is written through the library's stores, so the file reads back through them, for example
 * with the Promise API: `(await createQinglian({ storage: { sqlite: file } })).cases.overdue({ on: "2026-05-20" })`.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { parseArgs } from "node:util"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { Audit, Cadre, Citation, Diagnostic, Examples, Exercise, FourForms, Ids, InvalidInput, LocalDate, Measure, Money, Organisation, OrgStore, PowerList, PowerListStore, Rulebook, RulebookStore, Storage, SupervisionCase, WorkCalendar } from "@qinglian/core"
import { Board, Examples as ScoringExamples, Points, Rubric, ScoringStore, TaskBook } from "@qinglian/scoring"
import { SqliteStorage } from "@qinglian/storage-sqlite"

// --- where the data lives ------------------------------------------------------------------------
const { values: args } = parseArgs({ options: { db: { type: "string" } } })
const dbFile = path.resolve(args.db ?? process.env["QINGLIAN_DEMO_DB"] ?? path.join(".tmp", "qinglian-demo.db"))
fs.mkdirSync(path.dirname(dbFile), { recursive: true })
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(dbFile + suffix, { force: true })

// --- the town, its officers and its county's local rules ------------------------------------------
const county = Ids.CountyId.make("140525")
const town = Ids.TownId.make("140525-jincun")
const clerk = { id: "jincun-clerk-01", name: "金村镇党政办" }
// Who issues supervision commands is a cadre id: their post and jurisdiction are read from the
// roster stored below, never claimed by the caller.
const secretary = Ids.CadreId.make("jincun-discipline-secretary")
// The day the demo stands on: the overdue dashboard is the town's as of this day.
const today = LocalDate.unsafeMake("2026-05-20")

// The county's rulebook file as its JSON text: one edition overriding two local values, each cited.
const countyDoc = { law: "泽州县村级小微权力运行监督办法 (示例)", version: "2025" }
const local = (value: unknown, article: string) => ({ value, citation: { ...countyDoc, article }, scope: "local" })
const countyRulebookJson = JSON.stringify({
  name: "泽州县规则集",
  jurisdiction: "140525",
  editions: [{
    effectiveFrom: "2025-01-01",
    source: countyDoc,
    parameters: {
      "disclosure.majorMatterDeadline": local({ amount: 3, unit: "workingDays" }, "第十二条"),
      "threshold.escalation": local({ amount: 50000, unit: "yuan" }, "第八条")
    }
  }]
})

// --- printing -----------------------------------------------------------------------------------
const say = (s = "") => console.log(s)
const heading = (zh: string, en: string) => say(`\n== ${zh} · ${en} ==`)
const mark = { error: "✗", warning: "!", info: "i" } as const
const printFinding = (d: Diagnostic.Diagnostic) => {
  say(`  ${mark[d.severity]} ${d.code.padEnd(22)} ${Diagnostic.formatPath(d.path)}`)
  say(`      ${d.message.zh}`)
  say(`      ${d.message.en}`)
}
const describeEvent = (e: SupervisionCase.Event) => {
  const d = "deadline" in e ? e.deadline : undefined
  const what = "way" in e ? e.way : "outcome" in e ? e.outcome : ""
  return `${e.on} ${e._tag} ${what}`.trimEnd().padEnd(42) + (d ? `${d.kind} due ${d.due} (${d.binding})` : "")
}

// --- the town's job, step by step -----------------------------------------------------------------
const registerTown = Effect.gen(function*() {
  heading("辖区", "Jurisdiction")
  const village = Ids.VillageId.make(Examples.xishuVillage.village.id)
  const organisation = yield* Schema.decodeUnknown(Organisation.OrganisationInput)({
    counties: [{ id: county, name: "泽州县", divisionCode: "140525" }],
    towns: [{ id: town, countyId: county, name: "金村镇", kind: "town" }],
    villages: [{ id: village, townId: town, name: "西属村", kind: "village" }]
  })
  yield* OrgStore.saveOrganisation(organisation, { actor: clerk })
  // The roster (名册): the town's discipline secretary and 西属村's cadres with their posts.
  const since = "2021-11-01"
  const villageCadres = Examples.xishuHeatingFaulty().actors ?? []
  const roster = yield* Schema.decodeUnknown(Cadre.Roster)({
    cadres: [{ id: secretary, name: "金村镇纪委书记" }, ...villageCadres.map((a) => ({ id: a.cadre, name: a.name }))],
    appointments: [
      { cadreId: secretary, post: "townDisciplineSecretary", unit: Cadre.town(town), term: { start: since } },
      ...villageCadres.flatMap((a) =>
        a.posts.map((post) => ({ cadreId: a.cadre, post, unit: Cadre.village(village), term: { start: since } }))
      )
    ],
    relations: []
  })
  yield* OrgStore.saveRoster(roster, { actor: clerk })
  const villages = yield* OrgStore.villages.all("byTown", Storage.prefixRange(town))
  const { tree } = yield* OrgStore.loadOrganisation
  say(`${tree.counties.get(county)?.name} (${county}) › ${tree.towns.get(town)?.name}: ${villages.map((s) => s.value.name).join(", ")}`)
  const stored = yield* OrgStore.loadRoster
  say(`roster: ${stored.cadres.length} cadres, ${stored.appointments.length} appointments`)
  say(`database: ${dbFile}`)
})

const loadRulebook = Effect.gen(function*() {
  heading("1 规则集", "Rulebook: defaults + county edition")
  const file = yield* InvalidInput.decodeJson(Rulebook.RulebookFile, "rulebook file")(countyRulebookJson)
  const overrides = file.editions.map((edition) => ({ jurisdiction: county, edition }))
  yield* RulebookStore.rulebookOverrides.insertMany(overrides, { actor: clerk })
  const rulebook = yield* RulebookStore.rulebookFor(county)
  const rules = yield* Rulebook.at(rulebook, Examples.xishuHeatingFaulty().date)
  say(`${rulebook.editions.length} editions; in force on ${rules.date}:`)
  const show = (key: Rulebook.Key, text: string) => {
    const p = rules.parameters[key]
    say(`  ${key.padEnd(32)} ${text.padEnd(18)} ${p.scope.padEnd(8)} ${Citation.format(p.citation)}`)
  }
  const duration = (d: Rulebook.Duration) => `${d.amount} ${d.unit}`
  const yuan = (fen: Money.Fen) => `${Money.formatYuan(fen)} yuan`
  show("disclosure.majorMatterDeadline", duration(Rulebook.value(rules, "disclosure.majorMatterDeadline")))
  show("threshold.escalation", yuan(Rulebook.value(rules, "threshold.escalation")))
  show("threshold.tenderConstruction", yuan(Rulebook.value(rules, "threshold.tenderConstruction")))
  show("case.letterInquiryReply", duration(Rulebook.value(rules, "case.letterInquiryReply")))
  return rulebook
})

const loadPowerList = (rulebook: Rulebook.Rulebook) =>
  Effect.gen(function*() {
    heading("2 小微权力清单", "Micro-power list")
    // The county adopts the shipped template as its 2025 list; a real county loads its own file.
    const listJson = JSON.stringify({
      ...Schema.encodeSync(PowerList.PowerList)(PowerList.reference()),
      id: "140525-micro-power",
      version: "2025.1",
      effectiveFrom: "2025-01-01",
      jurisdiction: { level: "county", code: "140525", name: "泽州县" }
    })
    const decoded = yield* PowerList.decodeJson(listJson)
    const validation = PowerList.check(decoded, rulebook)
    say(`${decoded.categories.length} categories / ${decoded.items.length} items: ${validation.ok ? "ok" : "INVALID"}`)
    validation.diagnostics.forEach(printFinding)
    if (!validation.ok) return yield* Effect.fail(new Error("the power list does not validate"))
    yield* PowerListStore.powerLists.save(decoded, { actor: clerk })
    const inForce = yield* PowerListStore.powerLists.inForce(county, Examples.xishuHeatingFaulty().date)
    const list = Option.getOrThrow(inForce).value
    say(`stored and reloaded ${list.id}@${list.version}, in force from ${list.effectiveFrom}`)
    return list
  })

const checkExercises = (list: PowerList.PowerList, rulebook: Rulebook.Rulebook) =>
  Effect.gen(function*() {
    heading("3 权力行使检查", "Checking the 西属村 central-heating exercises")
    const checks = [
      { exercise: Examples.xishuHeatingClean(), asOf: LocalDate.unsafeMake("2026-01-26") },
      { exercise: Examples.xishuHeatingFaulty(), asOf: Examples.xishuHeatingFaultyAsOf }
    ]
    yield* PowerListStore.exercises.insertMany(checks.map((c) => c.exercise), { actor: clerk })
    const item = list.items.find((i) => i.code === Examples.xishuHeatingFaulty().item)
    say(`item ${item?.code} ${item?.name.zh} · ${item?.name.en}`)
    const results: Array<Exercise.Result> = []
    for (const { asOf, exercise } of checks) {
      const result = Exercise.checkInList(list, exercise, rulebook, WorkCalendar.china, { asOf })
      const { findings, risk, requirements } = result
      const report = PowerListStore.checkReportOf(exercise, result, asOf)
      yield* PowerListStore.checkReports.append(exercise.id, yield* PowerListStore.checkReports.lastVersion(exercise.id), [report], { actor: clerk })
      say(`\n${exercise.title} (${exercise.id}), item ${exercise.item}, checked ${asOf}`)
      const amount = exercise.amount === undefined ? "-" : Money.formatYuan(Money.toFen(exercise.amount))
      say(`  amount ${amount} yuan; requires ${requirements.join(", ")}`)
      findings.forEach(printFinding)
      say(`  risk ${risk} · ${findings.length} finding${findings.length === 1 ? "" : "s"}`)
      results.push(result)
    }
    const [stored] = yield* PowerListStore.checkReports.read(Examples.xishuHeatingFaulty().id)
    say(`\nreloaded report: ${stored?.value.exercise} risk ${stored?.value.risk}, ${stored?.value.findings.length} findings`)
    return results[1]!
  })

// Findings that name a person become leads (线索); the rest go to the village's rectification.
// Every command goes through `SupervisionCase.execute`: it loads the case from the store, reads the
// secretary's post, jurisdiction and relatives (for 回避) from the stored roster on the command's
// date, decides, and writes the events, the case summary and its snapshot in one transaction.
const superviseFindings = (rulebook: Rulebook.Rulebook, faulty: Exercise.Result) =>
  Effect.gen(function*() {
    heading("4 问题线索处置", "Supervision: from findings to cases")
    const subject = (cadre: string) => ({ cadre: Ids.CadreId.make(cadre), category: "villageCadre" as const })
    const lead = (caseId: string, cadre: string, ...codes: Array<Exercise.Code>): SupervisionCase.Command => ({
      _tag: "RegisterLead",
      caseId: Ids.CaseId.make(caseId),
      county,
      town,
      subject: subject(cadre),
      source: {
        _tag: "ExerciseFinding",
        exercise: Examples.xishuHeatingFaulty().id,
        findings: faulty.findings.filter((f) => codes.includes(f.code)).map((f) => f.code) as [string, ...Array<string>]
      }
    })
    const scripts: ReadonlyArray<readonly [string, ReadonlyArray<readonly [string, SupervisionCase.Command]>]> = [
      ["JC-2025-001", [ // 张建国: self-approval and a skipped public tender → 初步核实 → 立案 → 处分
        ["2025-10-16", lead("JC-2025-001", "xishu-zhang-jianguo", "SELF_APPROVAL", "TENDER_REQUIRED")],
        ["2025-10-20", { _tag: "DisposeLead", way: "preliminaryCheck" }],
        ["2025-12-10", { _tag: "ConcludeInquiry", outcome: "fileCase" }],
        ["2026-02-27", { _tag: "SubmitForReview" }],
        ["2026-03-20", { _tag: "Decide", measures: [{ measure: "partyWarning" }, { measure: "governmentWarning" }] }],
        ["2026-03-25", { _tag: "ServeDecision" }],
        ["2026-04-30", { _tag: "CloseCase" }]
      ]],
      ["JC-2025-002", [ // 李伟: sat on the bid evaluation of his relative's company → 函询 → 谈话提醒
        ["2025-10-16", lead("JC-2025-002", "xishu-li-wei", "RECUSAL_REQUIRED")],
        ["2025-10-20", { _tag: "DisposeLead", way: "letterInquiry" }],
        ["2025-11-18", { _tag: "RecordInquiryReply" }],
        ["2025-11-21", { _tag: "ConcludeInquiry", outcome: "talkReminder" }]
      ]],
      ["JC-2026-003", [ // 王芳: the county's inspection (巡察) asks why the second evaluator kept silent → 函询, no reply yet
        ["2026-04-20", {
          _tag: "RegisterLead",
          caseId: Ids.CaseId.make("JC-2026-003"),
          county,
          town,
          subject: subject("xishu-wang-fang"),
          source: { _tag: "Inspection", reference: "泽州县委巡察组 2026 年第一轮反馈 (示例)" }
        }],
        ["2026-04-22", { _tag: "DisposeLead", way: "letterInquiry" }]
      ]]
    ]
    for (const [caseId, commands] of scripts) {
      for (const [on, command] of commands) {
        const ctx = { rulebook, calendar: WorkCalendar.china, actor: secretary, now: LocalDate.unsafeMake(on) }
        yield* SupervisionCase.execute(Ids.CaseId.make(caseId), command, ctx)
      }
    }
    // Reload every case from the database: its stream replayed through the machine's checks.
    const states: Array<SupervisionCase.State> = []
    for (const [caseId] of scripts) {
      const id = Ids.CaseId.make(caseId)
      const state = yield* SupervisionCase.load(id)
      const events = (yield* SupervisionCase.streams.read(id)).map((e) => e.value)
      states.push(state)
      say(`\n${state.id} · ${state.subject?.cadre} · now ${state.stage} (${SupervisionCase.stageLabelZh[state.stage]})`)
      for (const e of events) say(`  ${describeEvent(e)}`.trimEnd())
      for (const d of state.dispositions) {
        say(`  disposition ${Measure.labelZh[d.measure]} (${d.measure}) on ${d.on}: form ${d.form}`)
      }
      for (const s of SupervisionCase.sanctions(state)) {
        say(`  sanction ${Measure.labelZh[s.measure]} (${s.measure}) ${s.months} months: ${s.from} → ${s.until}`)
      }
    }
    return states
  })

// The town's dashboard on the demo's day, from the stored case summaries: a range query on the
// due-date index, so it reads only the overdue cases and replays no stream.
const showDashboard = Effect.gen(function*() {
  heading("5 逾期看板", "Overdue dashboard")
  const report = yield* SupervisionCase.overdueFromStorage(today, { jurisdiction: { level: "town", county, town } })
  say(`${town} on ${today}: ${report.total} overdue`)
  for (const row of report.byStage) {
    for (const i of row.items) {
      say(`  OVERDUE ${i.caseId} ${row.labelZh} ${i.deadline.kind} due ${i.deadline.due}, ${i.daysOverdue} days overdue`)
    }
  }
  const cases = yield* SupervisionCase.summaries.all("byTownStage", Storage.prefixRange(county, town))
  for (const { value: s } of cases) {
    if (s.deadline === undefined || s.deadline.due < today) continue
    const left = LocalDate.daysBetween(today, s.deadline.due)
    say(`  on time ${s.caseId} ${SupervisionCase.stageLabelZh[s.stage]} ${s.deadline.kind} due ${s.deadline.due}, ${left} days left`)
  }
  say(`the town's cases by stage: ${cases.map(({ value: s }) => `${s.caseId} ${SupervisionCase.stageLabelZh[s.stage]}`).join(", ")}`)
})

const showFourForms = (states: ReadonlyArray<SupervisionCase.State>) =>
  Effect.sync(() => {
    heading("6 四种形态", "Four forms")
    const period = { from: LocalDate.unsafeMake("2025-01-01"), to: LocalDate.unsafeMake("2026-12-31") }
    const forms = FourForms.report(states, period, { towns: [town] })
    say(`${period.from} – ${period.to}, ${forms.total.total} person-times`)
    for (const f of FourForms.forms) {
      say(`  ${FourForms.labelZh[f]} form ${f}: ${forms.total.counts[f]}  ${forms.total.shares[f].display}`)
    }
  })

const verifyAudit = Effect.gen(function*() {
  heading("7 审计", "Audit chain")
  const verified = yield* Audit.verify()
  say(`${verified.entries} entries, head ${verified.head.slice(0, 16)}…`)
  say("audit chain verified")
})

// --- 8. one village's week (一周三晒) ---------------------------------------------------------------
// 西属村's week on the same store: the task book issued at the Monday meeting, the stock-take at the
// next one, scores with their ledgers, ranks in village and town, and the board files.
const boardDir = path.join(path.dirname(dbFile), "town-demo-board")

const villageWeek = Effect.gen(function*() {
  heading("8 一周三晒", "One village's week: task book, stock-take, scores, ranks, board")
  const demoTown = ScoringExamples.town
  const rubric = yield* Rubric.decodeFile(ScoringExamples.weeklyRubric)
  const names: Record<string, string> = Object.fromEntries(demoTown.roster.cadres.map((c) => [c.id, c.name]))
  const week = TaskBook.unsafeWeek("2026-W12")
  const villages = demoTown.villages.map((_, i) => ScoringExamples.villageWeek(i, week))
  for (const v of villages) {
    yield* ScoringStore.issueTaskBook(v.book, { roster: demoTown.roster, actor: clerk })
    for (const p of v.progress) yield* ScoringStore.reportProgress(p, { actor: clerk })
    yield* ScoringStore.recordStockTake(Schema.encodeSync(TaskBook.StockTake)(v.stockTake), { roster: demoTown.roster, actor: clerk })
  }
  const xishu = villages[0]!
  say(`task book 西属村 ${week} (meeting ${xishu.book.meetingDate}):`)
  for (const t of xishu.book.tasks) say(`  ${t.title} · ${names[t.owner]} · due ${t.deadline} · ${t.target.quantity}${t.target.unit}`)
  say(`stock-take ${xishu.stockTake.heldOn}:`)
  for (const r of xishu.stockTake.reviews) say(`  ${names[r.cadre]} ${Points.format(r.rating)} ${r.comment}`)
  const { week: result } = yield* ScoringStore.runWeek({
    rubric,
    town: demoTown.id,
    week,
    roster: demoTown.roster,
    calendar: WorkCalendar.china,
    villagerRatings: Object.fromEntries(villages.map((v) => [v.book.village, v.villagerRatings])),
    actor: clerk
  })
  const body = (yield* Rubric.at(rubric, result.assessedOn)).rubric
  say(`scores ${week} under ${result.rubric.id} ${result.rubric.version}:`)
  for (const r of result.results.filter((x) => x.village === "v-xishu")) {
    const sum = r.scored.ledger.reduce((a, e) => a + e.points, 0)
    say(`  ${names[r.subject]} ${Points.format(r.scored.score)} ${Rubric.gradeLabel(body, r.grade).zh} · 村内 ${r.villageRank}/${r.villageSize} · 全镇 ${r.townRank}/${r.townSize} · ledger ${r.scored.ledger.length} lines = ${Points.format(sum)}`)
  }
  const next = TaskBook.nextWeek(week)
  const out = Board.render({
    townName: demoTown.name,
    week: next,
    books: demoTown.villages.map((_, i) => ScoringExamples.villageWeek(i, next).book),
    lastBooks: villages.map((v) => v.book),
    lastProgress: villages.flatMap((v) => v.progress),
    stockTakes: villages.map((v) => v.stockTake),
    results: result,
    names,
    villageNames: Object.fromEntries(demoTown.villages.map((v) => [v.id, v.name])),
    grades: body.grades
  }, { level: "village", village: "v-xishu" })
  fs.mkdirSync(boardDir, { recursive: true })
  fs.writeFileSync(path.join(boardDir, "v-xishu.md"), out.markdown)
  fs.writeFileSync(path.join(boardDir, "v-xishu.html"), out.html)
  for (const [k, v] of Object.entries(out.csv)) fs.writeFileSync(path.join(boardDir, `v-xishu-${k}.csv`), v)
  say(`board files written to ${boardDir}: v-xishu.md, v-xishu.html, v-xishu-{arrangements,stockTake,results}.csv`)
})

const program = Effect.gen(function*() {
  yield* registerTown
  const rulebook = yield* loadRulebook
  const list = yield* loadPowerList(rulebook)
  const faulty = yield* checkExercises(list, rulebook)
  const states = yield* superviseFindings(rulebook, faulty)
  yield* showDashboard
  yield* showFourForms(states)
  yield* verifyAudit
  yield* villageWeek
})

// The embedded default: one SQLite file, migrated on open. Swap this layer to change back ends.
const StorageLive = Storage.layer.pipe(Layer.provideMerge(SqliteStorage.layer({ filename: dbFile })))

Effect.runPromiseExit(program.pipe(Effect.provide(StorageLive))).then((exit) => {
  if (exit._tag === "Failure") {
    console.error(String(exit.cause))
    process.exitCode = 1
  }
})
