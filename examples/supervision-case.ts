/**
 * One discipline supervision case (监督执纪) from a named petition, on in-memory storage:
 *
 * - the reporter's identity is sealed (AES-256-GCM) before it enters the case stream;
 * - commands are decided by the pure machine and their events appended through the storage port;
 * - a command from the wrong person, or in the wrong stage, is refused and writes nothing;
 * - the 15-working-day letter-inquiry deadline and the overdue dashboard;
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
import { Audit, Ids, LocalDate, Rulebook, Storage, StorageAdapter, SupervisionCase, Whistleblower, WorkCalendar } from "@qinglian/core"
import { MemoryStorage } from "@qinglian/storage-memory"

const county = Ids.CountyId.make("140525")
const town = Ids.TownId.make("140525-jincun")
const officer = (id: string, post: "townDisciplineSecretary" | "townDisciplineMember"): SupervisionCase.Actor => ({
  id: Ids.CadreId.make(id),
  posts: [post],
  jurisdiction: { level: "town", county, town }
})
const secretary = officer("jincun-discipline-secretary", "townDisciplineSecretary")
const member = officer("jincun-discipline-member", "townDisciplineMember")
const caseId = Ids.CaseId.make("JC-2026-007")
// The case store's streams: `Whistleblower.reveal` loads the case from them by id.
const cases = SupervisionCase.streams

// Decide a command and append its events, expecting the stream at the version the state was folded
// from: a concurrent writer makes the append fail instead of forking the case.
const run = (state: SupervisionCase.State, actor: SupervisionCase.Actor, on: string, command: SupervisionCase.Command) =>
  Effect.gen(function*() {
    const ctx = { rulebook: Rulebook.defaults, calendar: WorkCalendar.china, actor, now: LocalDate.unsafeMake(on), relations: [] }
    const { events, state: next } = yield* SupervisionCase.handle(state, command, ctx)
    yield* cases.append(caseId, state.version, events, { actor: actor.id })
    for (const e of events) {
      const d = "deadline" in e ? e.deadline : undefined
      console.log(`  ${on} ${actor.id.padEnd(28)} ${e._tag}${d ? ` — ${d.kind} due ${d.due}` : ""}`)
    }
    return next
  })

const program = Effect.gen(function*() {
  console.log(`case ${caseId}: a named petition about a village cadre of 金村镇`)
  const reporter = yield* Whistleblower.named(caseId, { name: "王某某", phone: "13800000000" })
  let state = yield* run(SupervisionCase.initial, member, "2026-03-02", {
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
  const refused = yield* Effect.either(run(state, member, "2026-03-05", { _tag: "DisposeLead", way: "letterInquiry" }))
  if (Either.isLeft(refused)) console.log(`  refused: ${refused.left._tag}: ${refused.left.message}`)
  const skipped = yield* Effect.either(
    run(state, secretary, "2026-03-05", { _tag: "Decide", measures: [{ measure: "partyWarning" }] })
  )
  if (Either.isLeft(skipped)) console.log(`  refused: ${skipped.left._tag}: ${skipped.left.message}`)
  console.log(`  stream version after the refusals: ${yield* cases.lastVersion(caseId)} (unchanged)`)

  state = yield* run(state, secretary, "2026-03-05", { _tag: "DisposeLead", way: "letterInquiry" })

  // The town's dashboard on two days: before and after the reply was due.
  for (const today of ["2026-03-20", "2026-04-01"].map(LocalDate.unsafeMake)) {
    const report = SupervisionCase.overdue([state], today)
    const item = report.byStage[0]?.items[0]
    const detail = item ? ` (${item.caseId}, ${item.deadline.kind} due ${item.deadline.due}, ${item.daysOverdue} days)` : ""
    console.log(`  dashboard ${today}: ${report.total} overdue${detail}`)
  }
  state = yield* run(state, member, "2026-04-02", { _tag: "RecordInquiryReply" })
  state = yield* run(state, secretary, "2026-04-10", { _tag: "ConcludeInquiry", outcome: "talkReminder" })

  // Replay the stored stream: the same state, checked against the machine.
  const replayed = yield* SupervisionCase.replay((yield* cases.read(caseId)).map((e) => e.value))
  console.log(`  replayed ${replayed.version} events: stage ${replayed.stage} (${SupervisionCase.stageLabelZh[replayed.stage]}), ` +
    `dispositions ${replayed.dispositions.map((d) => `${d.measure} (form ${d.form})`).join(", ")}`)

  console.log("\nwho may see the reporter:")
  for (const reader of [member, secretary]) {
    const seen = yield* Effect.either(Whistleblower.reveal(caseId, reader, Whistleblower.defaultPolicy({ relations: [] })))
    console.log(
      Either.isRight(seen)
        ? `  ${reader.id}: granted, ${Option.match(seen.right, { onNone: () => "anonymous", onSome: (i) => i.name })}`
        : `  ${reader.id}: ${seen.left._tag} — ${seen.left.message}`
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
