/**
 * `createQinglian`: the whole library behind Promises, for apps written with plain async/await.
 *
 * ```ts
 * import { createQinglian, isQinglianError } from "@qinglian/node"
 *
 * const ql = await createQinglian({ storage: { sqlite: "county.db" } })
 * const report = await ql.powerLists.validate(json)   // data, never throws
 * try {
 *   await ql.cases.execute("JC-2026-001", command, { actor })
 * } catch (e) {
 *   if (isQinglianError(e, "Forbidden")) console.log(e.text.zh)
 * }
 * await ql.close()
 * ```
 *
 * @since 0.1.0
 */
import {
  Audit,
  Cadre,
  CaseStore,
  Diagnostic,
  Exercise,
  FourForms,
  Ids,
  InvalidInput,
  LocalDate,
  Organisation,
  OrgStore,
  PowerList,
  PowerListStore,
  Rulebook,
  RulebookStore,
  Storage,
  type StorageAdapter,
  SupervisionCase,
  Whistleblower,
  WorkCalendar
} from "@qinglian/core"
import { type Annual, type Board, Rubric, ScoringStore, type Signal, TaskBook, type WeeklyAssessment } from "@qinglian/scoring"
import { MemoryStorage } from "@qinglian/storage-memory"
import { SqliteStorage } from "@qinglian/storage-sqlite"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as AnnualInput from "./internal/annual.js"
import { argument, document, internal, refusal, settle, toQinglianError } from "./internal/boundary.js"
import { checkList, exerciseChecker, storeChecked } from "./internal/powerlist.js"
import type { Issue } from "./QinglianError.js"

// ---------------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------------

/**
 * Where the data lives:
 *
 * - `{ memory: true }`: in this process only, gone when it exits (tests, demos);
 * - `{ sqlite: "county.db" }`: one SQLite file, created and migrated on open (`":memory:"` for a
 *   private in-memory database); `busyTimeoutMs` and `synchronous` as in `@qinglian/storage-sqlite`;
 * - `{ adapter: layer }`: any `StorageAdapter` layer (PostgreSQL, your own).
 *
 * @since 0.1.0
 * @category options
 */
export type StorageOptions =
  | { readonly memory: true }
  | { readonly sqlite: string; readonly busyTimeoutMs?: number; readonly synchronous?: "full" | "normal" }
  | { readonly adapter: Layer.Layer<StorageAdapter.StorageAdapter, unknown> }

/**
 * Options of {@link createQinglian}.
 *
 * - `storage`: see {@link StorageOptions}.
 * - `whistleblower`: the key that seals named reporters (AES-256-GCM, 32 bytes, given as bytes or
 *   base64) and the id stored beside each ciphertext, or a ring of keys and the active one (to
 *   rotate). Checked at start: a wrong key rejects `createQinglian`. Without it, sealing and
 *   revealing reject with `WhistleblowerKeyMissing`; everything else works.
 * - `rulebook`: a rulebook file (JSON text or its parsed value) merged onto the built-in defaults:
 *   the base every jurisdiction's stored editions ({@link RulebookApi.save}) are added to.
 * - `calendar`: working-day calendar years (JSON text or parsed) added to the built-in China calendar.
 *
 * @since 0.1.0
 * @category options
 */
export interface QinglianOptions {
  readonly storage: StorageOptions
  readonly whistleblower?:
    | { readonly keyId?: string; readonly key: Uint8Array | string }
    | { readonly keys: ReadonlyArray<{ readonly keyId: string; readonly key: Uint8Array | string }>; readonly active: string }
  readonly rulebook?: unknown
  readonly calendar?: unknown
}

/**
 * Who writes: the id entered in the audit log with every change.
 *
 * @since 0.1.0
 * @category options
 */
export interface WriteOptions {
  readonly actor: string
}

/**
 * Options of {@link CasesApi.execute}:
 *
 * - `actor`: the cadre id of who issues the command. Their posts, jurisdiction and relatives are
 *   read from the stored roster and organisation ({@link OrgApi.saveRoster}), never taken from the
 *   caller.
 * - `on`: the day the command takes effect (`YYYY-MM-DD`), default today in China.
 * - `recusal`: `{ notChecked: true, reason }` opts out of reading the actor's relatives for recusal
 *   (回避); the reason is stored and audited beside the events.
 *
 * @since 0.1.0
 * @category options
 */
export interface ExecuteOptions {
  readonly actor: string
  readonly on?: string
  readonly recusal?: { readonly notChecked: true; readonly reason: string }
}

// ---------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------

/**
 * What {@link PowerListsApi.validate} says about any input: `ok` when it is a list with no
 * error-level diagnostic. `issues` lists every bad path when the input is not a list at all (then
 * `diagnostics` is empty); `diagnostics` are the findings of checking a list that decoded.
 *
 * @since 0.1.0
 * @category results
 */
export interface ValidationResult {
  readonly ok: boolean
  readonly issues: ReadonlyArray<Issue>
  readonly diagnostics: ReadonlyArray<Diagnostic.Diagnostic>
}

/**
 * What {@link AuditApi.verify} found: the chain intact (`ok: true`, how many entries, the newest
 * hash to keep as an anchor) or broken at `version` (altered or removed). A broken chain is a
 * finding, so it is data, not a rejection.
 *
 * @since 0.1.0
 * @category results
 */
export type AuditReport =
  | { readonly ok: true; readonly entries: number; readonly head: string }
  | { readonly ok: false; readonly version: number; readonly reason: "altered" | "removed"; readonly detail: string }

/**
 * The outcome of an accepted supervision command: the case as it now stands and the events
 * appended.
 *
 * @since 0.1.0
 * @category results
 */
export interface Executed {
  readonly state: SupervisionCase.State
  readonly events: ReadonlyArray<SupervisionCase.Event>
}

// ---------------------------------------------------------------------------------------------
// Namespaces
// ---------------------------------------------------------------------------------------------

/**
 * The organisation: counties, towns and villages.
 *
 * @since 0.1.0
 * @category namespaces
 */
export interface OrgApi {
  /** Stores a county's organisation lists (all new: a stored id is `VersionExists` or `ConcurrencyConflict`). */
  readonly save: (input: unknown, options: WriteOptions) => Promise<void>
  /** Every stored county, town and village, with what building the tree found (a missing parent …). */
  readonly load: () => Promise<{
    readonly counties: ReadonlyArray<Organisation.County>
    readonly towns: ReadonlyArray<Organisation.Town>
    readonly villages: ReadonlyArray<Organisation.Village>
    readonly diagnostics: ReadonlyArray<Diagnostic.Diagnostic>
  }>
  /** One stored town, or `undefined`. */
  readonly town: (id: string) => Promise<Organisation.Town | undefined>
  /** One stored village, or `undefined`. */
  readonly village: (id: string) => Promise<Organisation.Village | undefined>
  /**
   * Stores a roster (名册): its cadres, their appointments (任职) and the family relations among
   * them (亲属关系), all new, in one transaction. Supervision reads who may act from it.
   */
  readonly saveRoster: (roster: unknown, options: WriteOptions) => Promise<void>
  /** The whole stored roster. */
  readonly roster: () => Promise<Cadre.Roster>
  /**
   * Checks a roster (cadres, appointments, relations) against itself and the stored organisation:
   * its diagnostics, or the issues of input that is not a roster. Never rejects for bad input.
   */
  readonly checkRoster: (roster: unknown) => Promise<ValidationResult>
}

/**
 * Micro-power lists (小微权力清单).
 *
 * @since 0.1.0
 * @category namespaces
 */
export interface PowerListsApi {
  /**
   * Decodes and checks any input (JSON text or a parsed value) against the rulebook of the list's
   * own jurisdiction. Never rejects for bad input: the answer is a {@link ValidationResult}.
   */
  readonly validate: (input: unknown) => Promise<ValidationResult>
  /**
   * Stores a new version of a list. A version already stored rejects with `VersionExists`
   * (versions never change: save the change under a new version). The list is stored even when
   * its check finds problems; `report` says what it found (call `validate` first to refuse them).
   */
  readonly save: (input: unknown, options: WriteOptions) => Promise<{ readonly id: string; readonly version: string; readonly report: ValidationResult }>
  /** The list in force in a jurisdiction on a day, or `undefined`. */
  readonly inForce: (jurisdiction: string, on: string) => Promise<PowerList.PowerListEncoded | undefined>
  /** One stored version, or `undefined`. */
  readonly version: (id: string, version: string) => Promise<PowerList.PowerListEncoded | undefined>
  /** Every stored version of a list, oldest first. */
  readonly versions: (id: string) => Promise<ReadonlyArray<PowerList.PowerListEncoded>>
}

/**
 * Exercises of a power (权力行使) and the reports of checking them.
 *
 * @since 0.1.0
 * @category namespaces
 */
export interface ExercisesApi {
  /**
   * Checks an exercise against the list in force in `jurisdiction` on the exercise's date, the
   * jurisdiction's rulebook and the calendar. Findings are data (`risk`, `findings`); a
   * non-exercise rejects with its issues, and no list in force with `NotFound`.
   */
  readonly check: (input: unknown, options: { readonly jurisdiction: string; readonly asOf?: string }) => Promise<Exercise.Result>
  /**
   * Stores the exercise and the report of checking it, in one transaction. An exercise is recorded
   * once: an id already stored rejects with `VersionExists` (check it again with `check`).
   */
  readonly record: (
    input: unknown,
    options: WriteOptions & { readonly jurisdiction: string; readonly asOf?: string }
  ) => Promise<PowerListStore.CheckReport>
  /** Every stored check report of an exercise, oldest first. */
  readonly reports: (exerciseId: string) => Promise<ReadonlyArray<PowerListStore.CheckReport>>
}

/**
 * Supervision cases (监督执纪).
 *
 * @since 0.1.0
 * @category namespaces
 */
export interface CasesApi {
  /**
   * Decides a command against a stored case and appends its events, in one transaction. A refused
   * command (`Forbidden`, `IllegalTransition`, `CommandRejected` …) rejects and writes nothing.
   */
  readonly execute: (caseId: string, command: unknown, options: ExecuteOptions) => Promise<Executed>
  /** A stored case replayed, or `undefined` when none was registered. */
  readonly load: (caseId: string) => Promise<SupervisionCase.State | undefined>
  /**
   * The overdue dashboard of a town (give `town`; its county is read from the stored organisation
   * unless given) or of a county (`county` alone), or of every case, as of `on` (default today in China).
   */
  readonly overdue: (query?: { readonly town?: string; readonly county?: string; readonly on?: string }) => Promise<SupervisionCase.OverdueReport>
  /** The four-forms report (四种形态) over every stored case, for a period and optionally some towns. */
  readonly fourForms: (query: { readonly from: string; readonly to: string; readonly towns?: ReadonlyArray<string> }) => Promise<FourForms.Report>
}

/**
 * Named reporters (实名举报): sealing before a lead is registered, revealing under the policy.
 *
 * @since 0.1.0
 * @category namespaces
 */
export interface WhistleblowerApi {
  /** Seals a reporter's identity for a case: the `reporter` of a `Petition` lead source. */
  readonly seal: (caseId: string, identity: unknown) => Promise<SupervisionCase.Reporter>
  /**
   * Reveals the named reporter of a stored case to `actor` (a cadre id, whose posts, jurisdiction
   * and relatives are read from the stored roster as of `on`, default today) if the default policy
   * allows it: the town discipline secretary or the county commission, never the subject or a
   * relative. `undefined` when the lead has no named reporter. Every attempt is written to the
   * audited access log first; a refusal rejects with `Forbidden`.
   */
  readonly reveal: (caseId: string, options: { readonly actor: string; readonly on?: string }) => Promise<Whistleblower.Identity | undefined>
}

/**
 * The effective-dated rulebook (规则集).
 *
 * @since 0.1.0
 * @category namespaces
 */
export interface RulebookApi {
  /**
   * Stores a rulebook file's editions for its `jurisdiction`, all or none. An edition already stored
   * for its date rejects with `VersionExists`: stored editions never change, so a correction is a
   * new edition from a later date.
   */
  readonly save: (file: unknown, options: WriteOptions) => Promise<void>
  /** The parameters in force in a jurisdiction on a day, each with its value, citation and scope. */
  readonly at: (jurisdiction: string, on: string) => Promise<Rulebook.RuleSet>
}

/**
 * The working-day calendar (工作日, 调休 included).
 *
 * @since 0.1.0
 * @category namespaces
 */
export interface CalendarApi {
  /** Whether a day is a working day. */
  readonly isWorkingDay: (date: string) => Promise<boolean>
  /** The `n`-th working day after `date` (negative `n`: before). */
  readonly addWorkingDays: (date: string, n: number) => Promise<string>
  /** Working days from `from` (excluded) to `to` (included). */
  readonly workingDaysBetween: (from: string, to: string) => Promise<number>
  /** The first and last day the calendar knows. */
  readonly coveredRange: () => Promise<{ readonly from: string; readonly to: string }>
}

/**
 * The tamper-evident audit log.
 *
 * @since 0.1.0
 * @category namespaces
 */
export interface AuditApi {
  /** Walks the whole hash chain; `anchor` is a head recorded earlier, to detect a cut tail. */
  readonly verify: (options?: { readonly anchor?: { readonly version: number; readonly hash: string } }) => Promise<AuditReport>
  /**
   * Checks every stored document and event against the audit log, and the log against its chain:
   * what was changed, added or removed outside the library, as findings (`ok` when there are
   * none). Data, never a rejection for what it finds.
   */
  readonly verifyStore: (options?: VerifyStoreOptions) => Promise<Audit.StoreReport>
}

/**
 * Options of {@link AuditApi.verifyStore}: a signed checkpoint kept outside the database (as JSON,
 * the way `Audit.checkpoint` gave it) and the public key that signed it (PEM text). With
 * `checkpoint`, a cut tail or a rewritten chain is found; with `since`, only what was written after
 * that checkpoint is compared (a nightly run). A checkpoint whose signature does not verify rejects
 * with `AuditCheckpointInvalid`.
 *
 * @since 0.1.0
 * @category models
 */
export interface VerifyStoreOptions {
  /** A signed checkpoint the log must still match: a cut tail or a rewrite after it is found. */
  readonly checkpoint?: unknown
  /** Check only what was written after this signed checkpoint (a nightly run). */
  readonly since?: unknown
  /** The PEM public key that signed `checkpoint` and `since`. */
  readonly publicKey?: string
}

/**
 * Weekly scoring (一周三晒): task books, progress, stock-takes and the week's assessment.
 * Commands refused by scoring's rules reject with `ScoringCommandRejected` and its issues. `roster`
 * defaults to the stored one ({@link OrgApi.saveRoster}).
 *
 * @since 0.1.0
 * @category namespaces
 */
export interface ScoringApi {
  /** Issues a village's task book for a week, checked against the roster. */
  readonly issueTaskBook: (book: unknown, options: WriteOptions & { readonly roster?: unknown }) => Promise<void>
  /** Records a progress report against its stored task book. */
  readonly reportProgress: (report: unknown, options: WriteOptions) => Promise<void>
  /** Records a stock-take (盘点) of a stored week. */
  readonly recordStockTake: (take: unknown, options: WriteOptions & { readonly roster?: unknown }) => Promise<void>
  /** Assesses a town's stored week under a rubric and stores the results. */
  readonly runWeek: (options: WriteOptions & {
    readonly rubric: unknown
    readonly town: string
    readonly week: string
    readonly roster?: unknown
    readonly villagerRatings?: Readonly<Record<string, Readonly<Record<string, number>>>>
  }) => Promise<{ readonly week: WeeklyAssessment.TownWeek; readonly signals: ReadonlyArray<Signal.Signal> }>
  /** A cadre's stored weekly results, oldest first. */
  readonly results: (cadre: string) => Promise<ReadonlyArray<WeeklyAssessment.CadreResult>>
  /**
   * The published board (公示栏) of a stored week, for the town or one village: `week`'s task
   * books as the arrangements, the week before's stock-take and results, names from the roster and
   * the stored organisation. Gives the rows and the files to post: Markdown, HTML (A4, Chinese
   * fonts) and three CSV tables (UTF-8 with a byte-order mark, which Excel and WPS open).
   */
  readonly board: (options: {
    readonly rubric: unknown
    readonly town: string
    readonly week: string
    /** One village's board; the town's when absent. */
    readonly village?: string
    readonly roster?: unknown
  }) => Promise<{
    readonly board: Board.Board
    readonly markdown: string
    readonly html: string
    readonly csv: Readonly<Record<"arrangements" | "stockTake" | "results", string>>
  }>
  /**
   * The annual assessment of a town's stored year: each cadre's weekly mean (from the stored
   * weeks), the annual rubric with its 清廉村居 section, the sanction bar, grades with quotas and
   * ranks. Sanctions are read from the stored cases of the town's county unless given; sanction
   * periods come from the rulebook of `jurisdiction` (its stored editions over the instance's base
   * rulebook), or from the base rulebook when it is left out. `cadres` adds what the store does
   * not hold, by cadre:
   * `leave` (`[{ from, until, note? }]`, dates `YYYY-MM-DD`), `achieved` (checklist item ids),
   * `findings` and `events` (`[{ id, kind, count?, note? }]`).
   */
  readonly annual: (options: {
    readonly rubric: unknown
    readonly town: string
    readonly year: number
    /** `YYYY-MM-DD`: picks the rubric edition; a sanction in force on it bars the top grade. */
    readonly assessedOn: string
    /** Whose stored rulebook gives the sanction periods (as in {@link RulebookApi.save}). */
    readonly jurisdiction?: string
    readonly roster?: unknown
    readonly cadres?: unknown
    /** `[{ caseId, cadre, measure, decidedOn, chosenMonths? }]`, instead of the stored cases. */
    readonly sanctions?: unknown
  }) => Promise<ReadonlyArray<Annual.CadreResult>>
}

/**
 * An open instance: one storage connection and one Effect runtime, shared by every call until
 * {@link Qinglian.close}.
 *
 * @since 0.1.0
 * @category models
 */
export interface Qinglian {
  readonly org: OrgApi
  readonly powerLists: PowerListsApi
  readonly exercises: ExercisesApi
  readonly cases: CasesApi
  readonly whistleblower: WhistleblowerApi
  readonly rulebook: RulebookApi
  readonly calendar: CalendarApi
  readonly audit: AuditApi
  readonly scoring: ScoringApi
  /**
   * Stops taking calls, waits for the calls in flight to settle, then closes the storage (the
   * SQLite file). Idempotent: every call returns the same promise. Calls made after it reject with
   * code `Closed`.
   */
  readonly close: () => Promise<void>
}

// ---------------------------------------------------------------------------------------------
// Building
// ---------------------------------------------------------------------------------------------

type Services = Storage.Storage | Whistleblower.WhistleblowerAccessLog | StorageAdapter.StorageAdapter

const keyMissing = refusal(
  "WhistleblowerKeyMissing",
  ["whistleblower"],
  "未配置举报人身份加密密钥 (createQinglian 的 whistleblower 选项)",
  "no whistleblower key was given (the whistleblower option of createQinglian)"
)

const adapterLayer = (storage: StorageOptions): Layer.Layer<StorageAdapter.StorageAdapter, unknown> => {
  if ("memory" in storage) return MemoryStorage.layer()
  if ("sqlite" in storage) {
    return SqliteStorage.layer({
      filename: storage.sqlite,
      ...(storage.busyTimeoutMs === undefined ? {} : { busyTimeout: `${storage.busyTimeoutMs} millis` as const }),
      ...(storage.synchronous === undefined ? {} : { synchronous: storage.synchronous })
    })
  }
  return storage.adapter
}

const keyBytes = (key: Uint8Array | string): Redacted.Redacted<Uint8Array> =>
  Redacted.make(typeof key === "string" ? new Uint8Array(Buffer.from(key, "base64")) : key)

const keyringOf = (wb: NonNullable<QinglianOptions["whistleblower"]>): Whistleblower.KeyringOptions =>
  "keys" in wb
    ? { keys: wb.keys.map((k) => ({ keyId: k.keyId, key: keyBytes(k.key) })), active: wb.active }
    : { ...(wb.keyId === undefined ? {} : { keyId: wb.keyId }), key: keyBytes(wb.key) }

const decodeOption = <A>(name: string, value: unknown, decoded: (v: unknown) => Either.Either<A, InvalidInput.InvalidInput>): A => {
  const r = decoded(value)
  if (Either.isRight(r)) return r.right
  throw toQinglianError(
    new InvalidInput.InvalidInput({ subject: r.left.subject, issues: r.left.issues.map((i) => ({ ...i, path: [name, ...i.path] })) })
  )
}

const LocalDateArg = (name: string) => argument(LocalDate.LocalDate, name, "date")
const StringArg = (name: string) => argument(Schema.String.pipe(Schema.minLength(1)), name, "identifier")
const CaseIdArg = argument(Ids.CaseId, "caseId", "case id")
const CadreIdArg = argument(Ids.CadreId, "actor", "cadre id")
const RecusalArg = argument(SupervisionCase.RecusalNotChecked, "recusal", "recusal opt-out")
const WriteActorArg = argument(Schema.String.pipe(Schema.minLength(1)), "actor", "actor")
const TownIdArg = argument(Ids.TownId, "town", "town id")
const CountyIdArg = argument(Ids.CountyId, "county", "county id")
const CheckpointArg = (name: string) => argument(Audit.Checkpoint, name, "audit checkpoint")
const PublicKeyArg = argument(Schema.String.pipe(Schema.minLength(1)), "publicKey", "public key")
const WeekArg = argument(TaskBook.IsoWeek, "week", "ISO week")
const AnnualCadresArg = argument(AnnualInput.Cadres, "cadres", "annual facts by cadre")
const SanctionsArg = argument(AnnualInput.Sanctions, "sanctions", "sanction decisions")
const YearArg = argument(Schema.Int.pipe(Schema.between(LocalDate.minYear, LocalDate.maxYear)), "year", "year")
const DateArg = (name: string) => argument(LocalDate.LocalDate, name, "date")

const RatingsArg = argument(
  Schema.Record({ key: InvalidInput.RecordKey, value: Schema.Record({ key: InvalidInput.RecordKey, value: Schema.Number }) }),
  "villagerRatings",
  "villager ratings"
)

const encodeList = Schema.encodeSync(PowerList.PowerList)

const todayInChina = Effect.map(Clock.currentTimeMillis, LocalDate.fromInstantChina)

const issuesOf = (e: InvalidInput.InvalidInput): ReadonlyArray<Issue> => e.issues

const validationOf = (report: PowerList.ValidationReport): ValidationResult => ({
  ok: report.ok,
  issues: [],
  diagnostics: report.diagnostics
})

/**
 * Opens storage (creating and migrating a SQLite file if needed) and builds the one runtime every
 * call of the returned {@link Qinglian} runs on.
 *
 * Lifecycle: call it once when the app starts and keep the instance for the app's lifetime (a
 * server's, a job's); `await ql.close()` on shutdown. Do not create one per request: each instance
 * opens its own storage, and with `{ memory: true }` each has its own empty store.
 *
 * Concurrency: calls may overlap freely. Each write is one transaction; on SQLite, transactions of
 * one instance run one at a time on its single connection, and reads see only committed data. Open
 * one instance per process per SQLite file; other processes on the same file queue for the write
 * lock up to `busyTimeoutMs` (default 5 s) and then reject with `StorageError`. A case is never
 * forked: within one instance, two commands on it are decided one after the other (the second on
 * the first's result); a writer in another process that got there first makes the later append
 * reject with `ConcurrencyConflict`, writing nothing.
 *
 * Rejects with a {@link QinglianError} when an option does not decode (paths start with the
 * option's name) or the storage cannot be opened.
 *
 * @since 0.1.0
 * @category constructors
 */
export const createQinglian = async (options: QinglianOptions): Promise<Qinglian> => {
  // Plain JavaScript callers get the same refusal as any bad input, not a TypeError.
  const storageOption: unknown = (options as { readonly storage?: unknown } | undefined)?.storage
  if (
    typeof storageOption !== "object" || storageOption === null ||
    !(("memory" in storageOption && storageOption.memory === true) ||
      ("sqlite" in storageOption && typeof storageOption.sqlite === "string" && storageOption.sqlite.length > 0) ||
      ("adapter" in storageOption && Layer.isLayer(storageOption.adapter)))
  ) {
    throw refusal(
      "InvalidInput",
      ["storage"],
      "storage 须为 { memory: true }、{ sqlite: \"文件路径\" } 或 { adapter: 存储适配器 Layer }",
      "storage must be { memory: true }, { sqlite: \"path/to/file.db\" } or { adapter: a StorageAdapter layer }"
    )
  }
  const baseRulebook = options.rulebook === undefined
    ? Rulebook.defaults
    : Rulebook.fromFile(decodeOption("rulebook", options.rulebook, orJsonText("rulebook file", Rulebook.decodeFile)))
  const calendar = options.calendar === undefined
    ? WorkCalendar.china
    : WorkCalendar.withYears(
      WorkCalendar.china,
      decodeOption("calendar", options.calendar, (v) => typeof v === "string" ? WorkCalendar.decodeJson(v) : WorkCalendar.decodeUnknown(v))
    )
  const wb = options.whistleblower
  // The key is checked here (32 bytes), so a wrong one rejects at start, not at the first petition.
  const ring = wb === undefined ? undefined : Either.getOrElse(Whistleblower.makeKeyring(keyringOf(wb)), (e) => {
    throw toQinglianError(e)
  })
  // Sealing and revealing need the key; an app without named reports needs none.
  const withKey = <A, E, R>(self: Effect.Effect<A, E, R>) =>
    ring === undefined ? Effect.fail(keyMissing) : Effect.provideService(self, Whistleblower.WhistleblowerKey, ring)
  const storage = Storage.layer.pipe(Layer.provideMerge(adapterLayer(options.storage)))
  const live = Layer.mergeAll(Whistleblower.layerStorageLog).pipe(Layer.provideMerge(storage))
  const runtime = ManagedRuntime.make(live)
  // Built now, so a file that cannot be opened rejects here rather than on the first call.
  const built = await Effect.runPromiseExit(runtime.runtimeEffect)
  if (built._tag === "Failure") {
    await runtime.dispose().catch(() => undefined)
    settle(built)
  }

  let closing: Promise<void> | undefined
  const inFlight = new Set<Promise<unknown>>()

  const run = <A>(program: Effect.Effect<A, unknown, Services>): Promise<A> => {
    if (closing !== undefined) {
      return Promise.reject(refusal("Closed", [], "实例已关闭 (close 之后不能再调用)", "the instance is closed: no call may follow close()"))
    }
    const p = runtime.runPromiseExit(program).then(settle, (e: unknown) => {
      throw internal(e)
    })
    const tracked = p.finally(() => inFlight.delete(tracked))
    inFlight.add(tracked)
    return tracked
  }

  const rulebookFor = (jurisdiction: string) => RulebookStore.rulebookFor(jurisdiction, baseRulebook)

  const notFound = (path: ReadonlyArray<string | number>, zh: string, en: string) => Effect.fail(refusal("NotFound", path, zh, en))

  const decodeList = (input: unknown) => typeof input === "string" ? PowerList.decodeJson(input) : PowerList.decodeUnknown(input)
  const decodeExercise = (input: unknown) => typeof input === "string" ? Exercise.decodeJson(input) : Exercise.decodeUnknown(input)
  const decodeRulebookFile = orJsonText("rulebook file", Rulebook.decodeFile)

  const checkExercise = (input: unknown, opts: { readonly jurisdiction: string; readonly asOf?: string }) =>
    Effect.gen(function*() {
      const jurisdiction = yield* StringArg("jurisdiction")(opts.jurisdiction)
      const asOf = opts.asOf === undefined ? undefined : yield* LocalDateArg("asOf")(opts.asOf)
      const exercise = yield* document(decodeExercise(input))
      const check = yield* exerciseChecker(jurisdiction, baseRulebook, calendar)
      return yield* check(exercise, asOf).pipe(
        Effect.catchTag("NoListInForce", (e) => notFound(["jurisdiction"], e.text.zh, e.text.en))
      )
    })

  // Who a cadre is on a day for a case, from the stored roster and organisation, the way
  // CaseStore.contextFor reads it for commands (SupervisionCase.resolveActor decides).
  const actorFromRecord = (
    cadre: Ids.CadreId,
    on: LocalDate.LocalDate,
    place: { readonly county: Ids.CountyId | undefined; readonly town: Ids.TownId | undefined },
    command: string
  ) =>
    Effect.gen(function*() {
      const appointments = yield* OrgStore.appointmentsOf(cadre)
      const towns: Array<Organisation.Town> = []
      for (const a of appointments) {
        if (a.unit.level !== "town" || towns.some((t) => a.unit.level === "town" && t.id === a.unit.townId)) continue
        const town = yield* OrgStore.towns.get(a.unit.townId)
        if (Option.isSome(town)) towns.push(town.value.value)
      }
      const actor = yield* SupervisionCase.resolveActor({ appointments, towns }, cadre, on, place, command)
      const relations = yield* OrgStore.relationsOf(cadre)
      return { actor, relations }
    })

  const org: OrgApi = {
    save: (input, opts) =>
      run(Effect.gen(function*() {
        const actor = yield* WriteActorArg(opts.actor)
        const decoded = yield* document(Organisation.decodeInput(input))
        yield* OrgStore.saveOrganisation(decoded, { actor })
      })),
    load: () =>
      run(Effect.map(OrgStore.loadOrganisation, ({ diagnostics, tree }) => ({
        counties: [...tree.counties.values()],
        towns: [...tree.towns.values()],
        villages: [...tree.villages.values()],
        diagnostics
      }))),
    town: (id) =>
      run(Effect.flatMap(StringArg("id")(id), (i) => Effect.map(OrgStore.towns.get(i), (o) => Option.getOrUndefined(Option.map(o, (s) => s.value))))),
    village: (id) =>
      run(Effect.flatMap(StringArg("id")(id), (i) => Effect.map(OrgStore.villages.get(i), (o) => Option.getOrUndefined(Option.map(o, (s) => s.value))))),
    saveRoster: (roster, opts) =>
      run(Effect.gen(function*() {
        const actor = yield* WriteActorArg(opts.actor)
        const decoded = yield* document(decodeRoster(roster))
        yield* OrgStore.saveRoster(decoded, { actor })
      })),
    roster: () => run(OrgStore.loadRoster),
    checkRoster: (roster) =>
      run(Effect.gen(function*() {
        const decoded = decodeRoster(roster)
        if (Either.isLeft(decoded)) return { ok: false, issues: issuesOf(decoded.left), diagnostics: [] }
        const { tree } = yield* OrgStore.loadOrganisation
        const diagnostics = Cadre.checkRoster(decoded.right, tree)
        return { ok: Diagnostic.isOk(diagnostics), issues: [], diagnostics }
      }))
  }

  const powerLists: PowerListsApi = {
    validate: (input) =>
      run(Effect.gen(function*() {
        const decoded = decodeList(input)
        if (Either.isLeft(decoded)) return { ok: false, issues: issuesOf(decoded.left), diagnostics: [] }
        return validationOf(yield* checkList(decoded.right, baseRulebook))
      })),
    save: (input, opts) =>
      run(Effect.gen(function*() {
        const actor = yield* WriteActorArg(opts.actor)
        const list = yield* document(decodeList(input))
        const report = yield* checkList(list, baseRulebook)
        yield* PowerListStore.powerLists.save(list, { actor })
        return { id: list.id, version: list.version, report: validationOf(report) }
      })),
    inForce: (jurisdiction, on) =>
      run(Effect.gen(function*() {
        const j = yield* StringArg("jurisdiction")(jurisdiction)
        const day = yield* LocalDateArg("on")(on)
        const found = yield* PowerListStore.powerLists.inForce(j, day)
        return Option.isSome(found) ? encodeList(found.value.value) : undefined
      })),
    version: (id, version) =>
      run(Effect.gen(function*() {
        const i = yield* StringArg("id")(id)
        const v = yield* StringArg("version")(version)
        const found = yield* PowerListStore.powerLists.version(i, v)
        return Option.isSome(found) ? encodeList(found.value.value) : undefined
      })),
    versions: (id) =>
      run(Effect.gen(function*() {
        const i = yield* StringArg("id")(id)
        const all = yield* PowerListStore.powerLists.versions(i)
        return all.map((s) => encodeList(s.value))
      }))
  }

  const exercises: ExercisesApi = {
    check: (input, opts) => run(Effect.map(checkExercise(input, opts), ({ result }) => result)),
    record: (input, opts) =>
      run(Effect.gen(function*() {
        const actor = yield* WriteActorArg(opts.actor)
        const checked = yield* checkExercise(input, opts)
        return yield* Storage.transaction(storeChecked(checked, actor))
      })),
    reports: (exerciseId) =>
      run(Effect.gen(function*() {
        const id = yield* StringArg("exerciseId")(exerciseId)
        const stored = yield* PowerListStore.checkReports.read(id)
        return stored.map((e) => e.value)
      }))
  }

  const cases: CasesApi = {
    execute: (caseId, command, opts) =>
      run(Effect.gen(function*() {
        const id = yield* CaseIdArg(caseId)
        const actor = yield* CadreIdArg(opts.actor)
        const now = opts.on === undefined ? yield* todayInChina : yield* LocalDateArg("on")(opts.on)
        const recusal = opts.recusal === undefined ? undefined : yield* RecusalArg(opts.recusal)
        const decoded = yield* document(SupervisionCase.decodeCommand(command))
        // The rulebook is the case's county's: named by a new lead, else read from the stored case.
        const county = decoded._tag === "RegisterLead" ? decoded.county : (yield* SupervisionCase.current(id)).county
        const rulebook = county === undefined ? baseRulebook : yield* rulebookFor(county)
        const { events, state } = yield* SupervisionCase.execute(id, decoded, {
          rulebook,
          calendar,
          actor,
          now,
          ...(recusal === undefined ? {} : { recusal })
        })
        return { state, events }
      })),
    load: (caseId) =>
      run(Effect.gen(function*() {
        const id = yield* CaseIdArg(caseId)
        const state = yield* SupervisionCase.load(id)
        return state.version === 0 ? undefined : state
      })),
    overdue: (query = {}) =>
      run(Effect.gen(function*() {
        const today = query.on === undefined ? yield* todayInChina : yield* LocalDateArg("on")(query.on)
        if (query.town !== undefined) {
          const town = yield* TownIdArg(query.town)
          const county = query.county !== undefined
            ? yield* CountyIdArg(query.county)
            : yield* Effect.flatMap(OrgStore.towns.get(town), (t) =>
              Option.isSome(t)
                ? Effect.succeed(t.value.value.countyId)
                : notFound(["town"], `未找到乡镇 ${town} (请先保存组织架构，或同时给出 county)`, `town ${town} is not stored (save the organisation first, or give county)`))
          return yield* SupervisionCase.overdueFromStorage(today, { jurisdiction: { level: "town", county, town } })
        }
        if (query.county !== undefined) {
          const county = yield* CountyIdArg(query.county)
          return yield* SupervisionCase.overdueFromStorage(today, { jurisdiction: { level: "county", county } })
        }
        return yield* SupervisionCase.overdueFromStorage(today)
      })),
    fourForms: (query) =>
      run(Effect.gen(function*() {
        const from = yield* LocalDateArg("from")(query.from)
        const to = yield* LocalDateArg("to")(query.to)
        const towns = query.towns === undefined ? undefined : yield* argument(Schema.Array(Ids.TownId), "towns", "town ids")(query.towns)
        const ids = yield* CaseStore.storedCaseIds
        const states = yield* Effect.forEach(ids, (id) => SupervisionCase.load(id))
        return FourForms.report(states, { from, to }, towns === undefined ? { towns: "all" } : { towns })
      }))
  }

  const whistleblower: WhistleblowerApi = {
    seal: (caseId, identity) =>
      run(Effect.gen(function*() {
        const id = yield* CaseIdArg(caseId)
        const who = yield* argument(Whistleblower.Identity, "identity", "whistleblower identity")(identity)
        return yield* withKey(Whistleblower.named(id, who))
      })),
    reveal: (caseId, opts) =>
      run(Effect.gen(function*() {
        const id = yield* CaseIdArg(caseId)
        const cadre = yield* CadreIdArg(opts.actor)
        const on = opts.on === undefined ? yield* todayInChina : yield* LocalDateArg("on")(opts.on)
        const state = yield* SupervisionCase.current(id)
        const { actor, relations } = yield* actorFromRecord(cadre, on, state, "RevealWhistleblower")
        const identity = yield* withKey(Whistleblower.reveal(id, actor, Whistleblower.defaultPolicy({ relations })))
        return Option.getOrUndefined(identity)
      }))
  }

  const rulebook: RulebookApi = {
    save: (file, opts) =>
      run(Effect.gen(function*() {
        const actor = yield* WriteActorArg(opts.actor)
        const decoded = yield* document(decodeRulebookFile(file))
        const jurisdiction = decoded.jurisdiction
        if (jurisdiction === undefined) {
          return yield* Effect.fail(refusal("InvalidInput", ["jurisdiction"], "规则集文件须写明 jurisdiction (适用的县或乡镇)", "a rulebook file to store needs its jurisdiction (the county or town it applies to)"))
        }
        // All editions or none; one already stored for its date is a VersionExists naming it.
        yield* Storage.transaction(
          Effect.forEach(decoded.editions, (edition) => RulebookStore.saveOverride({ jurisdiction, edition }, { actor }), { discard: true })
        )
      })),
    at: (jurisdiction, on) =>
      run(Effect.gen(function*() {
        const j = yield* StringArg("jurisdiction")(jurisdiction)
        const day = yield* LocalDateArg("on")(on)
        const book = yield* rulebookFor(j)
        return yield* Rulebook.at(book, day)
      }))
  }

  const calendarApi: CalendarApi = {
    isWorkingDay: (date) => run(Effect.flatMap(LocalDateArg("date")(date), (d) => WorkCalendar.isWorkingDay(calendar, d))),
    addWorkingDays: (date, n) =>
      run(Effect.gen(function*() {
        const d = yield* LocalDateArg("date")(date)
        const count = yield* argument(Schema.Int, "n", "working days")(n)
        return yield* WorkCalendar.addWorkingDays(calendar, d, count)
      })),
    workingDaysBetween: (from, to) =>
      run(Effect.gen(function*() {
        const a = yield* LocalDateArg("from")(from)
        const b = yield* LocalDateArg("to")(to)
        return yield* WorkCalendar.workingDaysBetween(calendar, a, b)
      })),
    coveredRange: () => run(Effect.sync(() => WorkCalendar.coveredRange(calendar)))
  }

  const audit: AuditApi = {
    verify: (opts = {}) =>
      run(Effect.gen(function*() {
        const verified = yield* Effect.either(Storage.verifyAudit(opts.anchor === undefined ? {} : { anchor: opts.anchor }))
        if (Either.isRight(verified)) return { ok: true as const, entries: verified.right.entries, head: verified.right.head }
        const e = verified.left
        if (e._tag === "AuditChainBroken") return { ok: false as const, version: e.version, reason: e.reason, detail: e.detail }
        return yield* Effect.fail(e)
      })),
    verifyStore: (opts = {}) =>
      run(Effect.gen(function*() {
        const checkpoint = opts.checkpoint === undefined ? undefined : yield* CheckpointArg("checkpoint")(opts.checkpoint)
        const since = opts.since === undefined ? undefined : yield* CheckpointArg("since")(opts.since)
        const publicKey = opts.publicKey === undefined ? undefined : yield* PublicKeyArg(opts.publicKey)
        return yield* Storage.verifyStore({
          ...(checkpoint === undefined ? {} : { checkpoint }),
          ...(since === undefined ? {} : { since }),
          ...(publicKey === undefined ? {} : { publicKey })
        })
      }))
  }

  // A roster given with the call, or else the stored one.
  const rosterOf = (roster: unknown) =>
    roster === undefined
      ? OrgStore.loadRoster
      : Effect.mapError(document(decodeRoster(roster)), (e) =>
        new InvalidInput.InvalidInput({ subject: e.subject, issues: e.issues.map((i) => ({ ...i, path: ["roster", ...i.path] })) }))

  const scoring: ScoringApi = {
    issueTaskBook: (book, opts) =>
      run(Effect.gen(function*() {
        const actor = yield* WriteActorArg(opts.actor)
        const roster = yield* rosterOf(opts.roster)
        yield* ScoringStore.issueTaskBook(book, { roster, actor })
      })),
    reportProgress: (report, opts) =>
      run(Effect.gen(function*() {
        const actor = yield* WriteActorArg(opts.actor)
        yield* ScoringStore.reportProgress(report, { actor })
      })),
    recordStockTake: (take, opts) =>
      run(Effect.gen(function*() {
        const actor = yield* WriteActorArg(opts.actor)
        const roster = yield* rosterOf(opts.roster)
        yield* ScoringStore.recordStockTake(take, { roster, actor })
      })),
    runWeek: (opts) =>
      run(Effect.gen(function*() {
        const actor = yield* WriteActorArg(opts.actor)
        const roster = yield* rosterOf(opts.roster)
        const town = yield* StringArg("town")(opts.town)
        const week = yield* WeekArg(opts.week)
        const villagerRatings = yield* RatingsArg(opts.villagerRatings ?? {})
        const rubric = yield* document(decodeRubric(opts.rubric))
        return yield* ScoringStore.runWeek({ rubric, town, week, roster, calendar, villagerRatings, actor })
      })),
    results: (cadre) => run(Effect.flatMap(StringArg("cadre")(cadre), ScoringStore.resultsOf)),
    board: (opts) =>
      run(Effect.gen(function*() {
        const roster = yield* rosterOf(opts.roster)
        const town = yield* StringArg("town")(opts.town)
        const week = yield* WeekArg(opts.week)
        const village = opts.village === undefined ? undefined : yield* StringArg("village")(opts.village)
        const rubric = yield* document(decodeRubric(opts.rubric))
        return yield* ScoringStore.board({
          rubric,
          town,
          week,
          roster,
          scope: village === undefined ? { level: "town" } : { level: "village", village }
        })
      })),
    annual: (opts) =>
      run(Effect.gen(function*() {
        const roster = yield* rosterOf(opts.roster)
        const town = yield* StringArg("town")(opts.town)
        const year = yield* YearArg(opts.year)
        const assessedOn = yield* DateArg("assessedOn")(opts.assessedOn)
        const cadres = opts.cadres === undefined ? undefined : yield* AnnualCadresArg(opts.cadres)
        const sanctions = opts.sanctions === undefined ? undefined : yield* SanctionsArg(opts.sanctions)
        const rubric = yield* document(decodeRubric(opts.rubric))
        const rulebook = opts.jurisdiction === undefined ? baseRulebook : yield* rulebookFor(yield* StringArg("jurisdiction")(opts.jurisdiction))
        return yield* ScoringStore.annual({ rubric, town, year, assessedOn, roster, calendar, rulebook, cadres, sanctions })
      }))
  }

  const close = (): Promise<void> => {
    closing ??= (async () => {
      await Promise.allSettled([...inFlight])
      await runtime.dispose()
    })()
    return closing
  }

  return {
    org,
    powerLists,
    exercises,
    cases,
    whistleblower,
    rulebook,
    calendar: calendarApi,
    audit,
    scoring,
    close
  }
}

// A document given as JSON text is parsed by the boundary's parser (text that is not JSON is an
// InvalidInput with the issue NOT_JSON, never a thrown SyntaxError); a parsed value is decoded as is.
const orJsonText = <A, E>(subject: string, decode: (input: unknown) => Either.Either<A, E>) =>
(input: unknown): Either.Either<A, E | InvalidInput.InvalidInput> =>
  typeof input === "string" ? Either.flatMap(InvalidInput.parseJson(subject)(input), decode) : decode(input)

const decodeRoster = orJsonText("roster", Cadre.decodeRoster)
const decodeRubric = orJsonText("rubric file", Rubric.decodeFile)
