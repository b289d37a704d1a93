/**
 * One town's weekly assessment (一周三晒) end to end, in memory:
 *
 * 1. decode the town's weekly rubric (an effective-dated file with citations);
 * 2. for three weeks running: issue each village's task book at the Monday meeting, record the
 *    owners' progress with evidence, take stock at the next meeting (rating and comment per member);
 * 3. score the week through the store: each cadre's ledger (it adds up to the score exactly),
 *    grades under the 30% quota, ranks in village and town with the trend against last week;
 * 4. show a rejected task book (no owner) that writes nothing;
 * 5. register the signal "lowest grade three weeks running" as a supervision lead (谈话提醒);
 * 6. write the board (本周安排 / 上周盘点 / 考核结果) as Markdown, CSV and A4 HTML.
 *
 * Run: `npx tsx --conditions source examples/weekly-assessment.ts [--out dir]` (default
 * `.tmp/weekly-board`).
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { parseArgs } from "node:util"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import { Cadre, Ids, LocalDate, OrgStore, Rulebook, Storage, SupervisionCase, WorkCalendar } from "@qinglian/core"
import { Board, Examples, Points, Rubric, ScoringStore, Signal, TaskBook } from "@qinglian/scoring"
import { MemoryStorage } from "@qinglian/storage-memory"

const { values: args } = parseArgs({ options: { out: { type: "string" } } })
const outDir = path.resolve(args.out ?? path.join(".tmp", "weekly-board"))

const town = Examples.town
const clerk = { id: "jincun-clerk-01", name: "金村镇党政办" }
const names: Record<string, string> = Object.fromEntries(town.roster.cadres.map((c) => [c.id, c.name]))
const villageNames: Record<string, string> = Object.fromEntries(town.villages.map((v) => [v.id, v.name]))
const say = (line: string) => console.log(line)
const heading = (zh: string, en: string) => say(`\n== ${zh} (${en}) ==`)
const encodeTake = Schema.encodeSync(TaskBook.StockTake)

const rubric = Either.getOrThrowWith(Rubric.decodeFile(Examples.weeklyRubric), (e) => e)

const seedWeek = (week: TaskBook.IsoWeek) =>
  Effect.gen(function*() {
    const villages = town.villages.map((_, i) => Examples.villageWeek(i, week))
    for (const v of villages) {
      yield* ScoringStore.issueTaskBook(v.book, { roster: town.roster, actor: clerk })
      for (const p of v.progress) yield* ScoringStore.reportProgress(p, { actor: clerk })
      yield* ScoringStore.recordStockTake(encodeTake(v.stockTake), { roster: town.roster, actor: clerk })
    }
    return villages
  })

const runWeek = (week: TaskBook.IsoWeek, villages: ReadonlyArray<ReturnType<typeof Examples.villageWeek>>) =>
  ScoringStore.runWeek({
    rubric,
    town: town.id,
    week,
    roster: town.roster,
    calendar: WorkCalendar.china,
    villagerRatings: Object.fromEntries(villages.map((v) => [v.book.village, v.villagerRatings])),
    actor: clerk
  })

const program = Effect.gen(function*() {
  heading("1 考核细则", "Rubric")
  for (const e of rubric.editions) say(`${rubric.name} ${e.version}: from ${e.effectiveFrom}${e.effectiveUntil ? ` until ${e.effectiveUntil}` : ""}`)

  heading("2-3 三周任务书、盘点与考核", "Three weeks: task books, stock-takes, scores")
  const weeks = ["2026-W10", "2026-W11", "2026-W12"].map(TaskBook.unsafeWeek)
  let last: Effect.Effect.Success<ReturnType<typeof runWeek>> | undefined
  for (const w of weeks) {
    const villages = yield* seedWeek(w)
    last = yield* runWeek(w, villages)
    const r = last.week
    say(`${w}: assessed ${r.assessedOn} under ${r.rubric.id} ${r.rubric.version}; ${r.results.length} cadres; 优秀 ${r.results.filter((x) => x.grade === "excellent").length}`)
  }
  const week = last!.week
  const body = Either.getOrThrow(Rubric.at(rubric, week.assessedOn)).rubric
  const top = week.results[0]!
  say(`\n${names[top.subject]} (${villageNames[top.village]}) ledger, ${week.week}:`)
  for (const e of top.scored.ledger) say(`  ${Points.formatSigned(e.points).padStart(7)}  ${Rubric.explain(e, body).zh}  [${e.citation.law} ${e.citation.article ?? ""}]`)
  const sum = top.scored.ledger.reduce((a, e) => a + e.points, 0)
  say(`  ledger sum ${Points.format(sum)} = score ${Points.format(top.scored.score)}`)
  say(`\nranking ${week.week}:`)
  for (const r of week.results) {
    say(`  ${String(r.townRank).padStart(2)}/${r.townSize} ${names[r.subject]} ${villageNames[r.village]} ${Points.format(r.scored.score)} ${Rubric.gradeLabel(body, r.grade).zh}${r.basis === "quotaDemoted" ? "（名额限制）" : ""} 村内${r.villageRank}/${r.villageSize} ${r.trend.direction}${r.trend.delta > 0 ? r.trend.delta : ""}`)
  }

  heading("4 被拒绝的任务书", "A rejected task book")
  const next = TaskBook.nextWeek(weeks[2]!)
  const bad = JSON.parse(JSON.stringify(Examples.villageWeek(0, next).book))
  delete bad.tasks[0].owner
  const rejected = yield* Effect.either(ScoringStore.issueTaskBook(bad, { roster: town.roster, actor: clerk }))
  if (Either.isLeft(rejected) && rejected.left._tag === "ScoringCommandRejected") {
    for (const i of rejected.left.issues) say(`rejected ${i.code} at /${i.path.join("/")}: ${i.message.zh}`)
  }
  const stored = yield* ScoringStore.taskBooks.get(`v-xishu/${next}`)
  say(`stored task book for ${next}: ${stored._tag === "None" ? "none (nothing written)" : "present"}`)

  heading("5 考核信号转监督线索", "Signal to a supervision lead")
  const signal = last!.signals.find((s) => s.rule === "lowestThreeWeeks")
  if (signal !== undefined) {
    say(`signal ${signal.label.zh}: ${names[signal.subject]} — ${signal.evidence.join("; ")}; suggests ${Signal.suggestLabelZh[signal.suggest]}`)
    const caseId = Ids.CaseId.make("140525-jincun-2026-0031")
    // Who registers the lead is a cadre id; the post comes from the stored organisation and roster.
    const secretary = Ids.CadreId.make("jincun-discipline-secretary")
    yield* OrgStore.saveOrganisation({
      counties: [{ id: town.county, name: "泽州县" }],
      towns: [{ id: town.id, countyId: town.county, name: town.name }],
      villages: []
    }, { actor: clerk })
    yield* OrgStore.saveRoster({
      cadres: [{ id: secretary, name: "金村镇纪委书记" }],
      appointments: [{ cadreId: secretary, post: "townDisciplineSecretary", unit: Cadre.town(town.id), term: { start: LocalDate.unsafeMake("2021-11-01") } }],
      relations: []
    }, { actor: clerk })
    yield* Signal.registerLead(signal, { caseId, county: town.county, town: town.id }, {
      rulebook: Rulebook.defaults,
      calendar: WorkCalendar.china,
      actor: secretary,
      now: week.assessedOn
    })
    const state = yield* SupervisionCase.load(caseId)
    say(`lead ${caseId}: stage ${SupervisionCase.stageLabelZh[state.stage]}`)
  }

  heading("6 公示栏", "The board")
  fs.mkdirSync(outDir, { recursive: true })
  const lastWeek = weeks[2]!
  const boardWeek = next
  const input: Board.BoardInput = {
    townName: town.name,
    week: boardWeek,
    books: town.villages.map((_, i) => Examples.villageWeek(i, boardWeek).book),
    lastBooks: town.villages.map((_, i) => Examples.villageWeek(i, lastWeek).book),
    lastProgress: town.villages.flatMap((_, i) => Examples.villageWeek(i, lastWeek).progress),
    stockTakes: town.villages.map((_, i) => Examples.villageWeek(i, lastWeek).stockTake),
    results: week,
    names,
    villageNames,
    grades: body.grades
  }
  for (const scope of [{ level: "village", village: "v-xishu" } as const, { level: "town" } as const]) {
    const out = Board.render(input, scope)
    const base = path.join(outDir, scope.level === "town" ? "town" : scope.village)
    fs.writeFileSync(`${base}.md`, out.markdown)
    fs.writeFileSync(`${base}.html`, out.html)
    for (const [k, v] of Object.entries(out.csv)) fs.writeFileSync(`${base}-${k}.csv`, v)
    say(`board ${out.board.title}: ${base}.md, .html, -arrangements.csv, -stockTake.csv, -results.csv`)
  }
  const verified = yield* Storage.verifyAudit()
  say(`audit chain verified: ${verified.entries} entries`)
})

Effect.runPromiseExit(program.pipe(Effect.provide(Storage.layer.pipe(Layer.provideMerge(MemoryStorage.layer()))))).then((exit) => {
  if (exit._tag === "Failure") {
    console.error(String(exit.cause))
    process.exitCode = 1
  }
})
