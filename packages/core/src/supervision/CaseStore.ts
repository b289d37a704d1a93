/**
 * The case store (案件存储): supervision cases on core's generic {@link Storage.Storage}. Each case
 * is an event stream ({@link streams}) with a summary beside it ({@link summaries}) that dashboards
 * and case lists query by index; {@link execute} loads, decides and appends in one transaction,
 * and {@link rebuildSummaries} brings summaries up to date from the streams.
 *
 * @example
 * ```ts
 * import { CaseStore, Ids, Storage } from "@qinglian/core"
 * import { MemoryStorage } from "@qinglian/storage-memory"
 * import { Effect } from "effect"
 *
 * // Cases are event streams in storage; `execute` decides a command and appends its events in one
 * // transaction, `current` folds a stored case.
 * const program = Effect.gen(function*() {
 *   const state = yield* CaseStore.current(Ids.CaseId.make("JC-2026-007"))
 *   console.log(state.stage, state.version) // a case never written is at its initial state
 * })
 * Effect.runPromise(program.pipe(Effect.provide(Storage.layer), Effect.provide(MemoryStorage.layer())))
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Ids from "../base/Ids.js"
import * as LocalDate from "../base/LocalDate.js"
import type * as WorkCalendar from "../calendar/WorkCalendar.js"
import * as Cadre from "../org/Cadre.js"
import * as Kinship from "../org/Kinship.js"
import type * as Organisation from "../org/Organisation.js"
import * as OrgStore from "../org/OrgStore.js"
import type * as Rulebook from "../rulebook/Rulebook.js"
import * as Audit from "../storage/Audit.js"
import * as Storage from "../storage/Storage.js"
import * as StorageAdapter from "../storage/StorageAdapter.js"
import { Forbidden, type Jurisdiction, RecusalNotChecked, resolveActor } from "./Authority.js"
import type { Command } from "./Command.js"
import { Deadline } from "./Deadlines.js"
import { CommandRejected, decide, type DecideContext, type DecideError } from "./Decide.js"
import { Event } from "./Event.js"
import * as FourForms from "./FourForms.js"
import * as validators from "./internal/validators.js"
import { withoutStack } from "./internal/withoutStack.js"
import { overdue, type OverdueReport } from "./Overdue.js"
import { fold, type InconsistentStream, initial, replay, type State } from "./State.js"
import { LeadSource, Stage, Subject } from "./Vocabulary.js"

/**
 * The event streams of cases on {@link Storage.Storage}: one stream per case, named
 * `supervision-case/<caseId>`. Every append is audited in the same transaction.
 *
 * @since 0.1.0
 * @category storage
 */
export const streams: Storage.EventStream<Event> = Storage.eventStream({ name: "supervision-case", schema: Event, validate: validators.Event })

/**
 * Loads a case from storage: its events replayed through the machine ({@link replay}), so a
 * stream written or altered outside {@link execute} is an {@link InconsistentStream}. A case
 * never written is {@link initial}.
 *
 * @since 0.1.0
 * @category storage
 */
export const load = (
  caseId: Ids.CaseId
): Effect.Effect<State, Storage.ReadError | InconsistentStream, Storage.Storage> =>
  Effect.flatMap(streams.read(caseId), (stored) => replay(stored.map((e) => e.value)))

/**
 * What a dashboard or a case list needs of one case (案件摘要), kept beside its stream in
 * {@link summaries} so that those views are index queries rather than replays: where the case
 * belongs, whose conduct it examines, its stage, the commission's current due date (`deadline`,
 * with its kind), an appeal window open to the subject (`window`), and `version`, the stream
 * version it reflects. The lead's source is left out on purpose: it may hold a sealed reporter
 * identity, which a list has no reason to carry.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Summary = Schema.Struct({
  caseId: Ids.CaseId,
  county: Ids.CountyId,
  town: Ids.TownId,
  subject: Subject,
  stage: Stage,
  version: Schema.Int,
  registeredOn: LocalDate.LocalDate,
  lastEventOn: LocalDate.LocalDate,
  deadline: Schema.optional(Deadline),
  window: Schema.optional(Deadline),
  suspendedSince: Schema.optional(LocalDate.LocalDate),
  closedOn: Schema.optional(LocalDate.LocalDate)
}).annotations({ identifier: "SupervisionCaseSummary" })

/**
 * @since 0.1.0
 * @category models
 */
export type Summary = typeof Summary.Type

/**
 * The summary of a case as its state stands; `undefined` before a lead is registered.
 * {@link execute} stores exactly this after every accepted command.
 *
 * @since 0.1.0
 * @category storage
 */
export const summaryOf = (s: State): Summary | undefined => {
  if (
    s.id === undefined || s.county === undefined || s.town === undefined || s.subject === undefined ||
    s.registeredOn === undefined || s.lastEventOn === undefined
  ) return undefined
  return {
    caseId: s.id,
    county: s.county,
    town: s.town,
    subject: s.subject,
    stage: s.stage,
    version: s.version,
    registeredOn: s.registeredOn,
    lastEventOn: s.lastEventOn,
    ...(s.deadline === undefined ? {} : { deadline: s.deadline }),
    ...(s.window === undefined ? {} : { window: s.window }),
    ...(s.suspendedSince === undefined ? {} : { suspendedSince: s.suspendedSince }),
    ...(s.closedOn === undefined ? {} : { closedOn: s.closedOn })
  }
}

// The date a summary is indexed under: the commission's due date while its clock runs. A paused
// deadline of a suspended case cannot fall due (`overdue` skips it) and `Resume` rewrites the
// summary with the moved date, so leaving it out makes every entry the index returns overdue.
const runningDue = (s: Summary): LocalDate.LocalDate | undefined =>
  s.deadline === undefined || (s.suspendedSince !== undefined && s.deadline.onSuspend === "pause")
    ? undefined
    : s.deadline.due

/**
 * The indexes of {@link summaries}. Dates are `YYYY-MM-DD`, so index order is date order.
 *
 * | index | value | for |
 * | --- | --- | --- |
 * | `byDue` | the running due date | "due before D", everywhere |
 * | `byCountyDue` | county, running due date | the same within a county (县纪委监委) |
 * | `byTownDue` | county, town, running due date | the same within a town (镇纪委) |
 * | `byTownStage` | county, town, stage | a town's cases, by stage |
 *
 * The three due-date indexes hold only cases whose commission deadline is running: a case with no
 * deadline, or suspended with a deadline that pauses, is not in them.
 *
 * @since 0.1.0
 * @category storage
 */
export type SummaryIndex = "byDue" | "byCountyDue" | "byTownDue" | "byTownStage"

/**
 * The case summaries (collection `supervisionCaseSummaries`, one document per case id), written by
 * {@link execute} in the transaction that appends the case's events, and rebuilt from the streams
 * by {@link rebuildSummaries}.
 *
 * @since 0.1.0
 * @category storage
 */
export const summaries: Storage.Repository<Summary, SummaryIndex> = Storage.collection({
  name: "supervisionCaseSummaries",
  schema: Summary,
  validate: validators.Summary,
  id: (s: Summary) => s.caseId,
  indexes: {
    byDue: runningDue,
    byCountyDue: (s: Summary) => {
      const due = runningDue(s)
      return due === undefined ? undefined : Storage.indexKey(s.county, due)
    },
    byTownDue: (s: Summary) => {
      const due = runningDue(s)
      return due === undefined ? undefined : Storage.indexKey(s.county, s.town, due)
    },
    byTownStage: (s: Summary) => Storage.indexKey(s.county, s.town, s.stage)
  }
})

// The version of the stored summary document (0 when there is none), read without decoding it: a
// summary that no longer decodes is overwritten, never a reason to refuse a command.
const summaryVersion = (caseId: Ids.CaseId): Effect.Effect<number, StorageAdapter.StorageError, Storage.Storage> =>
  Effect.flatMap(Storage.Storage, ({ adapter }) =>
    Effect.map(adapter.getDocument(summaries.name, caseId), (doc) => Option.isSome(doc) ? doc.value.version : 0))

/**
 * A case as stored at one version (案件快照): the state {@link execute} reached, written in the
 * transaction that appends the events, so that the next command reads the snapshot and only the
 * events after it instead of replaying the whole stream ({@link current}). The full state,
 * including the lead's source, which is why it is kept apart from the {@link Summary} that lists
 * read.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Snapshot = Schema.Struct({
  caseId: Ids.CaseId,
  version: Schema.Int,
  stage: Stage,
  county: Schema.optional(Ids.CountyId),
  town: Schema.optional(Ids.TownId),
  subject: Schema.optional(Subject),
  source: Schema.optional(LeadSource),
  registeredOn: Schema.optional(LocalDate.LocalDate),
  deadline: Schema.optional(Deadline),
  window: Schema.optional(Deadline),
  suspendedSince: Schema.optional(LocalDate.LocalDate),
  awaitingReply: Schema.Boolean,
  extensionsUsed: Schema.Int,
  dispositions: Schema.Array(FourForms.Disposition),
  decidedOn: Schema.optional(LocalDate.LocalDate),
  transferredTo: Schema.optional(Schema.Literal("judiciary", "otherAuthority")),
  closedOn: Schema.optional(LocalDate.LocalDate),
  lastEventOn: Schema.optional(LocalDate.LocalDate)
}).annotations({ identifier: "SupervisionCaseSnapshot" })

/**
 * @since 0.1.0
 * @category models
 */
export type Snapshot = typeof Snapshot.Type

// Only defined fields are copied, so a snapshot encodes to plain JSON and reads back equal.
const defined = <A extends object>(o: A): A =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as A

/**
 * The snapshot of a case state; `undefined` for a state with no case id (nothing registered).
 *
 * @since 0.1.0
 * @category storage
 */
export const snapshotOf = (s: State): Snapshot | undefined =>
  s.id === undefined ? undefined : defined({
    caseId: s.id,
    version: s.version,
    stage: s.stage,
    county: s.county,
    town: s.town,
    subject: s.subject,
    source: s.source,
    registeredOn: s.registeredOn,
    deadline: s.deadline,
    window: s.window,
    suspendedSince: s.suspendedSince,
    awaitingReply: s.awaitingReply,
    extensionsUsed: s.extensionsUsed,
    dispositions: s.dispositions,
    decidedOn: s.decidedOn,
    transferredTo: s.transferredTo,
    closedOn: s.closedOn,
    lastEventOn: s.lastEventOn
  })

/**
 * The state a snapshot stands for.
 *
 * @since 0.1.0
 * @category storage
 */
export const stateOfSnapshot = (x: Snapshot): State => ({
  id: x.caseId,
  stage: x.stage,
  version: x.version,
  county: x.county,
  town: x.town,
  subject: x.subject,
  source: x.source,
  registeredOn: x.registeredOn,
  deadline: x.deadline,
  window: x.window,
  suspendedSince: x.suspendedSince,
  awaitingReply: x.awaitingReply,
  extensionsUsed: x.extensionsUsed,
  dispositions: x.dispositions,
  decidedOn: x.decidedOn,
  transferredTo: x.transferredTo,
  closedOn: x.closedOn,
  lastEventOn: x.lastEventOn
})

/**
 * The case snapshots (collection `supervisionCaseSnapshots`, one document per case id), written
 * by {@link execute} in the transaction that appends the case's events.
 *
 * @since 0.1.0
 * @category storage
 */
export const snapshots: Storage.Repository<Snapshot, never> = Storage.collection({
  name: "supervisionCaseSnapshots",
  schema: Snapshot,
  id: (x: Snapshot) => x.caseId
})

// The stored snapshot and its document version, or none. A snapshot that no longer decodes is
// ignored (the stream is replayed instead) and overwritten by the next command.
const storedSnapshot = (caseId: Ids.CaseId) =>
  Effect.flatMap(Storage.Storage, ({ adapter }) =>
    Effect.flatMap(adapter.getDocument(snapshots.name, caseId), (doc) => {
      if (Option.isNone(doc)) return Effect.succeed({ docVersion: 0, state: undefined })
      const decoded = Schema.decodeUnknownEither(Snapshot)(doc.value.data)
      return Effect.succeed({
        docVersion: doc.value.version,
        state: Either.isRight(decoded) && decoded.right.caseId === caseId ? stateOfSnapshot(decoded.right) : undefined
      })
    }))

const currentWithDoc = (caseId: Ids.CaseId) =>
  Effect.gen(function*() {
    const snap = yield* storedSnapshot(caseId)
    const from = snap.state ?? initial
    const tail = yield* streams.read(caseId, from.version + 1)
    const state = yield* replay(tail.map((e) => e.value), from)
    return { state, docVersion: snap.docVersion }
  })

/**
 * Loads a case the way {@link execute} does: its stored {@link Snapshot} plus the events after
 * it, checked against the machine, or the whole stream when there is no usable snapshot. Equal to
 * {@link load} for every case written through `execute` (and for events appended after its last
 * snapshot); {@link load} replays and checks the whole stream.
 *
 * @since 0.1.0
 * @category storage
 */
export const current = (
  caseId: Ids.CaseId
): Effect.Effect<State, Storage.ReadError | InconsistentStream, Storage.Storage> =>
  Effect.map(currentWithDoc(caseId), (x) => x.state)

/**
 * One opt-out of the recusal check (不核查回避) that {@link execute} let through: the case, the
 * stream version of the first event it wrote, the command, who issued it on which day, and the
 * reason they gave.
 *
 * @since 0.1.0
 * @category schemas
 */
export const RecusalOptOut = Schema.Struct({
  caseId: Ids.CaseId,
  version: Schema.Int,
  command: Schema.String,
  by: Ids.CadreId,
  on: LocalDate.LocalDate,
  reason: Schema.String
}).annotations({ identifier: "SupervisionRecusalOptOut" })

/**
 * @since 0.1.0
 * @category models
 */
export type RecusalOptOut = typeof RecusalOptOut.Type

/**
 * Every recusal opt-out {@link execute} accepted (collection `supervisionRecusalOptOuts`),
 * indexed by case and version; each is also an entry of the audit log.
 *
 * @since 0.1.0
 * @category storage
 */
export const recusalOptOuts: Storage.Repository<RecusalOptOut, "byCase"> = Storage.collection({
  name: "supervisionRecusalOptOuts",
  schema: RecusalOptOut,
  id: (o: RecusalOptOut) => Storage.indexKey(o.caseId, String(o.version).padStart(12, "0")),
  indexes: { byCase: (o: RecusalOptOut) => Storage.indexKey(o.caseId, String(o.version).padStart(12, "0")) }
})

/**
 * The recusal opt-outs recorded for a case, oldest first.
 *
 * @since 0.1.0
 * @category storage
 */
export const recusalOptOutsOf = (caseId: Ids.CaseId): Effect.Effect<ReadonlyArray<RecusalOptOut>, Storage.ReadError, Storage.Storage> =>
  Effect.map(recusalOptOuts.all("byCase", Storage.prefixRange(caseId)), (stored) => stored.map((s) => s.value))

/**
 * What {@link execute} is told by its caller: the rulebook and calendar, the date of the command,
 * and who issues it, as a cadre id only. Their posts, jurisdiction and relatives are read from the
 * stored roster and organisation ({@link contextFor}), never taken from the caller. `recusal`
 * opts out of reading relatives, with a reason that is stored and audited beside the events.
 *
 * @since 0.1.0
 * @category models
 */
export interface ExecuteContext {
  readonly rulebook: Rulebook.Rulebook
  readonly calendar: WorkCalendar.WorkCalendar
  readonly actor: Ids.CadreId
  readonly now: LocalDate.LocalDate
  readonly recusal?: RecusalNotChecked
}

const isCadreId = Schema.is(Ids.CadreId)

// The actor's recorded relations, read as between cadres: a relation the register keeps against the
// person record of the actor or of the subject (`Cadre.personId`) counts as one with that cadre.
const relationsFor = (actor: Ids.CadreId, subject: Ids.CadreId | undefined) =>
  Effect.gen(function*() {
    const personOf = (id: Ids.CadreId) =>
      Effect.map(OrgStore.cadres.get(id), (c) => Option.isSome(c) ? c.value.value.personId : undefined)
    const actorPerson = yield* personOf(actor)
    const subjectPerson = subject === undefined ? undefined : yield* personOf(subject)
    const own = yield* OrgStore.relationsOf(actor)
    if (actorPerson === undefined && subjectPerson === undefined) return own
    const asPerson = actorPerson === undefined ? [] : yield* OrgStore.relationsOf(Kinship.person(actorPerson))
    const asCadre = (party: Kinship.Subject): Kinship.Subject =>
      "personId" in party && party.personId === actorPerson
        ? Kinship.cadre(actor)
        : "personId" in party && subject !== undefined && party.personId === subjectPerson
        ? Kinship.cadre(subject)
        : party
    return [...own, ...asPerson].map((r) => ({ ...r, a: asCadre(r.a), b: asCadre(r.b) }))
  })

/**
 * Builds the {@link DecideContext} for a command on a case as it stands (`at`, a {@link State}
 * qualifies): the actor's posts and jurisdiction as the stored roster and organisation give them
 * on `input.now` ({@link resolveActor}), and their recorded relations ({@link OrgStore.relationsOf})
 * for recusal, unless `input.recusal` opts out. A relation recorded against the person record of
 * the actor or of the case's subject (`Cadre.personId`) counts as one with that cadre. Reads only;
 * a cadre the record gives no post is {@link Forbidden}.
 *
 * @since 0.1.0
 * @category storage
 */
export const contextFor = (
  at: {
    readonly county: Ids.CountyId | undefined
    readonly town: Ids.TownId | undefined
    readonly subject?: Subject | undefined
  },
  command: Command,
  input: ExecuteContext
): Effect.Effect<DecideContext, Forbidden | Storage.ReadError, Storage.Storage> =>
  Effect.gen(function*() {
    // A caller without types may still hand in an actor record claiming posts; it is refused, not read.
    if (!isCadreId(input.actor)) {
      return yield* withoutStack(() =>
        new Forbidden({
          command: command._tag,
          actor: typeof input.actor === "object" && input.actor !== null && typeof (input.actor as { id?: unknown }).id === "string"
            ? (input.actor as { id: string }).id
            : String(input.actor),
          reason: "post",
          detail: "the actor must be a cadre id: posts and jurisdiction are read from the stored roster, never taken from the caller " +
            "(操作人须为干部编号, 职务与管辖范围以名册为准)"
        }, true)
      )
    }
    const place = command._tag === "RegisterLead" ? { county: command.county, town: command.town } : at
    const appointments = yield* OrgStore.appointmentsOf(input.actor)
    const inForce = Cadre.postsOf({ cadres: [], appointments, relations: [] }, input.actor, input.now)
    const towns: Array<Organisation.Town> = []
    for (const a of inForce) {
      if (a.unit.level !== "town" || towns.some((t) => t.id === (a.unit as { townId: Ids.TownId }).townId)) continue
      const town = yield* OrgStore.towns.get(a.unit.townId)
      if (Option.isSome(town)) towns.push(town.value.value)
    }
    const actor = yield* resolveActor({ appointments: inForce, towns }, input.actor, input.now, place, command._tag)
    const base = { rulebook: input.rulebook, calendar: input.calendar, actor, now: input.now }
    if (input.recusal !== undefined) return { ...base, recusal: input.recusal }
    const subject = command._tag === "RegisterLead" ? command.subject.cadre : at.subject?.cadre
    return { ...base, relations: yield* relationsFor(input.actor, subject) }
  })

/**
 * Loads a case from its snapshot and the events after it ({@link current}), builds the decision
 * context from the stored record ({@link contextFor}), decides the command, appends the events and
 * stores the case's {@link Summary} and {@link Snapshot} (and a {@link RecusalOptOut} when the
 * caller opted out of recusal), all in one transaction: a rejected command writes nothing, and a
 * failed write leaves the stream, summary and snapshot as they were. The append names the version
 * it loaded, so a writer that got there first (for example another process that bypassed the
 * transaction's lock) makes it fail with `ConcurrencyConflict`.
 *
 * @since 0.1.0
 * @category storage
 */
export const execute = (
  caseId: Ids.CaseId,
  command: Command,
  input: ExecuteContext
): Effect.Effect<
  { readonly state: State; readonly events: ReadonlyArray<Event> },
  DecideError | Storage.ReadError | Storage.WriteError | InconsistentStream,
  Storage.Storage
> =>
  Storage.transaction(Effect.gen(function*() {
    const { docVersion, state } = yield* currentWithDoc(caseId)
    if (command._tag === "RegisterLead" && command.caseId !== caseId) {
      return yield* new CommandRejected({
        stage: state.stage,
        command: command._tag,
        guard: "caseId",
        detail: `the command registers ${command.caseId} but was sent to stream ${caseId}`
      })
    }
    const optOut = input.recusal === undefined ? undefined : Schema.decodeUnknownEither(RecusalNotChecked)(input.recusal)
    if (optOut !== undefined && Either.isLeft(optOut)) {
      return yield* new CommandRejected({
        stage: state.stage,
        command: command._tag,
        guard: "recusalReason",
        detail: "an opt-out of the recusal check needs a reason (不核查回避须说明理由)"
      })
    }
    const ctx = yield* contextFor(state, command, input)
    const events = yield* decide(state, command, ctx)
    if (events.length === 0) return { state, events }
    const actor = { id: ctx.actor.id, posts: [...ctx.actor.posts] }
    yield* streams.append(caseId, state.version, events, { actor })
    const next = fold(events, state)
    const summary = summaryOf(next)
    if (summary !== undefined) {
      yield* summaries.put(summary, { actor, expectedVersion: yield* summaryVersion(caseId) })
    }
    const snapshot = snapshotOf(next)
    if (snapshot !== undefined) yield* snapshots.put(snapshot, { actor, expectedVersion: docVersion })
    if (input.recusal !== undefined) {
      yield* recusalOptOuts.insert({
        caseId,
        version: state.version + 1,
        command: command._tag,
        by: input.actor,
        on: input.now,
        reason: input.recusal.reason
      }, { actor })
    }
    return { state: next, events }
  }))

/**
 * Which cases {@link overdueFromStorage} reports: those of one town or one county (an actor's
 * `jurisdiction` fits), or every case when left out. `pageSize` is how many summaries are read
 * per round trip (default 500).
 *
 * @since 0.1.0
 * @category models
 */
export interface OverdueQuery {
  readonly jurisdiction?: Jurisdiction
  readonly pageSize?: number
}

// Just enough of a state for `overdue`, so the stored and the in-memory dashboards share one
// definition of "overdue" and one order.
const overdueStateOf = (s: Summary): State => ({
  ...initial,
  id: s.caseId,
  stage: s.stage,
  version: s.version,
  county: s.county,
  town: s.town,
  subject: s.subject,
  registeredOn: s.registeredOn,
  deadline: s.deadline,
  window: s.window,
  suspendedSince: s.suspendedSince,
  closedOn: s.closedOn,
  lastEventOn: s.lastEventOn
})

/**
 * {@link overdue} computed from the stored {@link summaries} rather than from states the caller
 * loaded: a range query on a due-date index (`due < today`), so it reads only the cases that are
 * overdue and replays no stream. The report is the one `overdue` gives for every case's replayed
 * state (restricted to `options.jurisdiction`), as long as the summaries are current: cases are
 * written through {@link execute}, and data stored before summaries existed was brought in with
 * {@link rebuildSummaries}.
 *
 * @since 0.1.0
 * @category storage
 */
export const overdueFromStorage = (
  today: LocalDate.LocalDate,
  options: OverdueQuery = {}
): Effect.Effect<OverdueReport, Storage.ReadError, Storage.Storage> => {
  const j = options.jurisdiction
  const pageSize = options.pageSize ?? 500
  // A composite key "<prefix>␟<due>" is below "<prefix>␟<today>" exactly when due < today; the
  // empty last part makes the lower bound "<prefix>␟", the first key of that prefix.
  const candidates = j === undefined
    ? summaries.all("byDue", { lt: today, pageSize })
    : j.level === "county"
    ? summaries.all("byCountyDue", { gte: Storage.indexKey(j.county, ""), lt: Storage.indexKey(j.county, today), pageSize })
    : summaries.all("byTownDue", {
      gte: Storage.indexKey(j.county, j.town, ""),
      lt: Storage.indexKey(j.county, j.town, today),
      pageSize
    })
  return Effect.map(candidates, (stored) => overdue(stored.map((s) => overdueStateOf(s.value)), today))
}

/**
 * {@link overdueFromStorage} as of today's date in China (UTC+8), read from the Effect `Clock`
 * (so tests drive it with `TestClock`), like {@link overdueNow}.
 *
 * @since 0.1.0
 * @category storage
 */
export const overdueFromStorageNow = (
  options: OverdueQuery = {}
): Effect.Effect<OverdueReport, Storage.ReadError, Storage.Storage> =>
  Effect.flatMap(Clock.currentTimeMillis, (ms) => overdueFromStorage(LocalDate.fromInstantChina(ms), options))

/**
 * The id of every case with a stored stream, in the order each was first written. Every append
 * made through core is entered in the audit log in its own transaction, so the log names every
 * case stream; one written to the adapter directly, bypassing core, is not found (pass its id to
 * {@link rebuildSummaries} instead).
 *
 * @since 0.1.0
 * @category storage
 */
export const storedCaseIds: Effect.Effect<ReadonlyArray<Ids.CaseId>, StorageAdapter.StorageError, Storage.Storage> =
  Effect.flatMap(Storage.Storage, ({ adapter }) =>
    Effect.gen(function*() {
      const prefix = streams.streamName("")
      const seen = new Set<Ids.CaseId>()
      const pageSize = 1000
      let from = 1
      while (true) {
        const page = yield* Audit.entries(from, pageSize)
        for (const { entry } of page) {
          const change = entry.change
          // The stream name was built from a CaseId by `streams`, so its key is one.
          if (change.kind === "stream" && change.stream.startsWith(prefix)) seen.add(change.stream.slice(prefix.length) as Ids.CaseId)
        }
        if (page.length < pageSize) return [...seen]
        from += page.length
      }
    }).pipe(Effect.provideService(StorageAdapter.StorageAdapter, adapter)))

/**
 * Options of {@link rebuildSummaries}: who writes (entered in the audit log), which cases (default
 * {@link storedCaseIds}) and how many cases go in one transaction (default 200).
 *
 * @since 0.1.0
 * @category models
 */
export interface RebuildOptions extends Storage.WriteOptions {
  readonly caseIds?: Iterable<Ids.CaseId>
  readonly batchSize?: number
}

/**
 * What {@link rebuildSummaries} did: how many streams it replayed, how many summaries it wrote
 * (new or changed) or found already current, and the cases whose stream could not be replayed,
 * with why (their summaries are left as they were).
 *
 * @since 0.1.0
 * @category models
 */
export interface RebuildReport {
  readonly replayed: number
  readonly written: number
  readonly unchanged: number
  readonly failed: ReadonlyArray<{ readonly caseId: Ids.CaseId; readonly error: InconsistentStream | Storage.CorruptRecord }>
}

// JSON with object keys sorted, to tell whether a stored summary already says what a replay says.
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v)

const encodeSummary = Schema.encodeSync(Summary)

/**
 * (Re)builds {@link summaries} from the streams: replays every case once ({@link load}, checked
 * against the machine) and writes the summaries that are missing or differ, batch by batch, each
 * batch in one transaction. Run it once for cases stored before summaries existed, or after
 * events were appended outside {@link execute}; running it again writes nothing.
 *
 * @since 0.1.0
 * @category storage
 */
export const rebuildSummaries = (
  options: RebuildOptions
): Effect.Effect<RebuildReport, Storage.WriteError | Storage.ReadError, Storage.Storage> =>
  Effect.gen(function*() {
    const ids = options.caseIds === undefined ? yield* storedCaseIds : [...new Set(options.caseIds)]
    const batchSize = Math.max(1, options.batchSize ?? 200)
    let replayed = 0
    let written = 0
    let unchanged = 0
    const failed: Array<RebuildReport["failed"][number]> = []
    for (let i = 0; i < ids.length; i += batchSize) {
      const batch = ids.slice(i, i + batchSize)
      yield* Storage.transaction(Effect.gen(function*() {
        const { adapter } = yield* Storage.Storage
        const writes: Array<{ readonly value: Summary; readonly expectedVersion: number }> = []
        for (const caseId of batch) {
          const loaded: Either.Either<State, InconsistentStream | Storage.CorruptRecord> = yield* load(caseId).pipe(
            Effect.map((state) => Either.right(state)),
            Effect.catchTags({
              InconsistentStream: (error) => Effect.succeed(Either.left(error)),
              StorageCorruptRecord: (error) => Effect.succeed(Either.left(error))
            })
          )
          replayed++
          if (Either.isLeft(loaded)) {
            failed.push({ caseId, error: loaded.left })
            continue
          }
          const summary = summaryOf(loaded.right)
          if (summary === undefined) continue
          const stored = yield* adapter.getDocument(summaries.name, caseId)
          if (Option.isSome(stored) && canonical(stored.value.data) === canonical(encodeSummary(summary))) {
            unchanged++
            continue
          }
          writes.push({ value: summary, expectedVersion: Option.isSome(stored) ? stored.value.version : 0 })
        }
        yield* summaries.putMany(writes, options)
        written += writes.length
      }))
    }
    return { replayed, written, unchanged, failed }
  })
