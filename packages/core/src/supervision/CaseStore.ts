/**
 * The case store (案件存储): supervision cases on core's generic {@link Storage.Storage}. Each case
 * is an event stream ({@link streams}) with a summary beside it ({@link summaries}) that dashboards
 * and case lists query by index; {@link execute} loads, decides and appends in one transaction,
 * and {@link rebuildSummaries} brings summaries up to date from the streams.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Ids from "../base/Ids.js"
import * as LocalDate from "../base/LocalDate.js"
import * as Audit from "../storage/Audit.js"
import * as Storage from "../storage/Storage.js"
import * as StorageAdapter from "../storage/StorageAdapter.js"
import type { Jurisdiction } from "./Authority.js"
import type { Command } from "./Command.js"
import { Deadline } from "./Deadlines.js"
import { CommandRejected, decide, type DecideContext, type DecideError } from "./Decide.js"
import { Event } from "./Event.js"
import * as validators from "./internal/validators.js"
import { overdue, type OverdueReport } from "./Overdue.js"
import { fold, type InconsistentStream, initial, replay, type State } from "./State.js"
import { Stage, Subject } from "./Vocabulary.js"

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
 * Loads a case, decides a command against it, appends the events and stores the case's
 * {@link Summary}, all in one transaction: a rejected command writes nothing, and a failed append
 * or summary write leaves both the stream and the summary as they were. The append names the
 * version it loaded, so a writer that got there first (for example another process that bypassed
 * the transaction's lock) makes it fail with `ConcurrencyConflict`.
 *
 * @since 0.1.0
 * @category storage
 */
export const execute = (
  caseId: Ids.CaseId,
  command: Command,
  ctx: DecideContext
): Effect.Effect<
  { readonly state: State; readonly events: ReadonlyArray<Event> },
  DecideError | Storage.ReadError | Storage.WriteError | InconsistentStream,
  Storage.Storage
> =>
  Storage.transaction(Effect.gen(function*() {
    const state = yield* load(caseId)
    if (command._tag === "RegisterLead" && command.caseId !== caseId) {
      return yield* new CommandRejected({
        stage: state.stage,
        command: command._tag,
        guard: "caseId",
        detail: `the command registers ${command.caseId} but was sent to stream ${caseId}`
      })
    }
    const events = yield* decide(state, command, ctx)
    const actor = { id: ctx.actor.id, posts: [...ctx.actor.posts] }
    yield* streams.append(caseId, state.version, events, { actor })
    const next = fold(events, state)
    const summary = summaryOf(next)
    if (summary !== undefined && events.length > 0) {
      yield* summaries.put(summary, { actor, expectedVersion: yield* summaryVersion(caseId) })
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
