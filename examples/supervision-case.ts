/**
 * One discipline supervision case (监督执纪) from a named petition, on in-memory storage:
 *
 * - the town and its discipline commission's roster are stored first: who may act is read from them;
 * - the reporter's identity is sealed (AES-256-GCM) before it enters the case stream;
 * - each command goes through `SupervisionCase.execute`, which loads the case, resolves the actor
 *   from the stored roster, decides, and stores the events, summary and snapshot in one transaction;
 * - a command from the wrong person, or in the wrong stage, is refused and writes nothing;
 * - the 15-working-day letter-inquiry deadline and the overdue dashboard read from storage;
 * - revealing the reporter: refused for a committee member, granted to the town discipline
 *   secretary, and every attempt written to the audit-logged access stream.
 *
 *   npx tsx --conditions source examples/supervision-case.ts
 *
 * In production the key comes from your secret store, e.g.
 * `Redacted.make(Buffer.from(process.env.WB_KEY!, "base64"))`; here a random one is made per run.
 */
import { randomBytes } from "node:crypto"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import { Audit, Cadre, Ids, LocalDate, OrgStore, Rulebook, Storage, StorageAdapter, SupervisionCase, Whistleblower, WorkCalendar } from "@qinglian/core"
import { MemoryStorage } from "@qinglian/storage-memory"

const county = Ids.CountyId.make("140525")
const town = Ids.TownId.make("140525-jincun")
const clerk = "jincun-clerk-01"
// Officers are cadre ids: their posts and jurisdiction are read from the stored roster.
const secretary = Ids.CadreId.make("jincun-discipline-secretary")
const member = Ids.CadreId.make("jincun-discipline-member")
const caseId = Ids.CaseId.make("JC-2026-007")
// The case store's streams: `Whistleblower.reveal` loads the case from them by id.
const cases = SupervisionCase.streams

// The town and its discipline commission (镇纪委), stored before any case is written.
const registerTown = Effect.gen(function*() {
  yield* OrgStore.saveOrganisation({
    counties: [{ id: county, name: "泽州县" }],
    towns: [{ id: town, countyId: county, name: "金村镇" }],
    villages: []
  }, { actor: clerk })
  const since = { start: LocalDate.unsafeMake("2021-11-01") }
  yield* OrgStore.saveRoster({
    cadres: [{ id: secretary, name: "金村镇纪委书记" }, { id: member, name: "金村镇纪委委员" }],
    appointments: [
      { cadreId: secretary, post: "townDisciplineSecretary", unit: Cadre.town(town), term: since },
      { cadreId: member, post: "townDisciplineMember", unit: Cadre.town(town), term: since }
    ],
    relations: []
  }, { actor: clerk })
})

// Decide a command and store its events through the case store, printing what was appended.
const run = (actor: Ids.CadreId, on: string, command: SupervisionCase.Command) =>
  Effect.gen(function*() {
    const ctx = { rulebook: Rulebook.defaults, calendar: WorkCalendar.china, actor, now: LocalDate.unsafeMake(on) }
    const { events, state } = yield* SupervisionCase.execute(caseId, command, ctx)
    for (const e of events) {
      const d = "deadline" in e ? e.deadline : undefined
      console.log(`  ${on} ${actor.padEnd(28)} ${e._tag}${d ? ` — ${d.kind} due ${d.due}` : ""}`)
    }
    return state
  })

// Who a reader is on a day, for a case of this town: read from the stored roster and organisation,
// the way `execute` reads an actor, with their recorded relatives for recusal (回避).
const readerFromRoster = (cadre: Ids.CadreId, on: LocalDate.LocalDate) =>
  Effect.gen(function*() {
    const appointments = yield* OrgStore.appointmentsOf(cadre)
    const towns = Option.toArray(yield* OrgStore.towns.get(town)).map((t) => t.value)
    const actor = yield* SupervisionCase.resolveActor({ appointments, towns }, cadre, on, { county, town }, "RevealWhistleblower")
    const relations = yield* OrgStore.relationsOf(cadre)
    return { actor, policy: Whistleblower.defaultPolicy({ relations }) }
  })

const program = Effect.gen(function*() {
  yield* registerTown
  console.log(`case ${caseId}: a named petition about a village cadre of 金村镇`)
  const reporter = yield* Whistleblower.named(caseId, { name: "王某某", phone: "13800000000" })
  yield* run(member, "2026-03-02", {
    _tag: "RegisterLead",
    caseId,
    county,
    town,
    subject: { cadre: Ids.CadreId.make("xishu-zhang-jianguo"), category: "villageCadre" },
    source: { _tag: "Petition", reporter }
  })

  // What the database holds: ciphertext only.
  const adapter = yield* StorageAdapter.StorageAdapter
  const [raw] = yield* adapter.readEvents(cases.streamName(caseId))
  const rawJson = JSON.stringify(raw?.data)
  console.log(`  stored lead mentions the reporter's name: ${rawJson.includes("王某某")}; ` +
    `sealed with ${reporter._tag === "Named" ? `${reporter.identity.alg}, key ${reporter.identity.keyId}` : "-"}`)

  // Disposing of a lead is a decision: a committee member may record it but not decide it.
  const refused = yield* Effect.either(run(member, "2026-03-05", { _tag: "DisposeLead", way: "letterInquiry" }))
  if (Either.isLeft(refused)) console.log(`  refused: ${refused.left._tag}: ${refused.left.message}`)
  const skipped = yield* Effect.either(
    run(secretary, "2026-03-05", { _tag: "Decide", measures: [{ measure: "partyWarning" }] })
  )
  if (Either.isLeft(skipped)) console.log(`  refused: ${skipped.left._tag}: ${skipped.left.message}`)
  console.log(`  stream version after the refusals: ${yield* cases.lastVersion(caseId)} (unchanged)`)

  yield* run(secretary, "2026-03-05", { _tag: "DisposeLead", way: "letterInquiry" })

  // The town's dashboard on two days, from the stored case summaries: before and after the reply was due.
  for (const today of ["2026-03-20", "2026-04-01"].map(LocalDate.unsafeMake)) {
    const report = yield* SupervisionCase.overdueFromStorage(today, { jurisdiction: { level: "town", county, town } })
    const item = report.byStage[0]?.items[0]
    const detail = item ? ` (${item.caseId}, ${item.deadline.kind} due ${item.deadline.due}, ${item.daysOverdue} days)` : ""
    console.log(`  dashboard ${today}: ${report.total} overdue${detail}`)
  }
  yield* run(member, "2026-04-02", { _tag: "RecordInquiryReply" })
  yield* run(secretary, "2026-04-10", { _tag: "ConcludeInquiry", outcome: "talkReminder" })

  // Load the stored case: its whole stream replayed, checked against the machine.
  const replayed = yield* SupervisionCase.load(caseId)
  console.log(`  replayed ${replayed.version} events: stage ${replayed.stage} (${SupervisionCase.stageLabelZh[replayed.stage]}), ` +
    `dispositions ${replayed.dispositions.map((d) => `${d.measure} (form ${d.form})`).join(", ")}`)

  console.log("\nwho may see the reporter:")
  for (const cadre of [member, secretary]) {
    const { actor, policy } = yield* readerFromRoster(cadre, LocalDate.unsafeMake("2026-04-10"))
    const seen = yield* Effect.either(Whistleblower.reveal(caseId, actor, policy))
    console.log(
      Either.isRight(seen)
        ? `  ${cadre}: granted, ${Option.match(seen.right, { onNone: () => "anonymous", onSome: (i) => i.name })}`
        : `  ${cadre}: ${seen.left._tag} — ${seen.left.message}`
    )
  }
  const log = yield* Effect.flatMap(Whistleblower.WhistleblowerAccessLog, (l) => l.entries(caseId))
  console.log(`  access log: ${log.map((e) => `${e.actor} ${e.granted ? "granted" : "refused"}`).join("; ")}`)

  const verified = yield* Audit.verify()
  console.log(`\naudit: ${verified.entries} entries, chain verified`)
})

const key = Redacted.make(new Uint8Array(randomBytes(32)))
const StorageLive = Storage.layer.pipe(Layer.provideMerge(MemoryStorage.layer()))
const AppLive = Layer.mergeAll(Whistleblower.layer({ keyId: "demo-key", key }), Whistleblower.layerStorageLog).pipe(
  Layer.provideMerge(StorageLive)
)

Effect.runPromiseExit(program.pipe(Effect.provide(AppLive))).then((exit) => {
  if (exit._tag === "Failure") {
    console.error(String(exit.cause))
    process.exitCode = 1
  }
})
