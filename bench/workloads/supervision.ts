// Supervision cases: folding events into case states, and deciding commands, against the same
// machine written in XState v5 and run through its pure `transition` function.
//
// The XState machines are generated from `SupervisionCase.machine`, so both sides have exactly the
// same stages, targets and guards; their context updates call the same `SupervisionCase.evolve`,
// so both sides compute the same states. What differs is the machinery: a table lookup and a
// plain function here, XState's snapshot and macrostep there.
//
// `supervision-execute-long` (at the end) times `CaseStore.execute` on a case of 100,000 events,
// reading its snapshot, against the previous execute that replayed the whole stream.
import { Cadre, Ids, LocalDate, OrgStore, Rulebook, Storage, type StorageAdapter, SupervisionCase, WorkCalendar } from "@qinglian/core"
import { MemoryStorage } from "@qinglian/storage-memory"
import { SqliteStorage } from "@qinglian/storage-sqlite"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Option from "effect/Option"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { assign, createMachine, initialTransition, transition } from "xstate"
import { workload } from "../harness.js"

type State = SupervisionCase.State
type Command = SupervisionCase.Command
type Event = SupervisionCase.Event
type Ctx = SupervisionCase.DecideContext

// -----------------------------------------------------------------------------
// A deterministic corpus of case histories
// -----------------------------------------------------------------------------

const county = Ids.CountyId.make("c1")
const towns = ["t1", "t2", "t3"].map((t) => Ids.TownId.make(t))
const secretaries = towns.map((town, i): SupervisionCase.Actor => ({
  id: Ids.CadreId.make(`sec-${i}`),
  posts: ["townDisciplineSecretary"],
  jurisdiction: { level: "town", county, town }
}))
const countyOfficer: SupervisionCase.Actor = {
  id: Ids.CadreId.make("county-1"),
  posts: ["countyDisciplineOfficer"],
  jurisdiction: { level: "county", county }
}

// Measures a town may decide for a village cadre, so that both sides agree on every decision.
const lightMeasures = ["criticism", "admonition", "partyWarning", "governmentDemerit", "partySeriousWarning"] as const

const rng = (seed: number) => {
  let s = seed >>> 0
  return (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s % n
  }
}

const commandFor = (tag: SupervisionCase.CommandTag, r: (n: number) => number, c: Ctx, caseId: Ids.CaseId, town: Ids.TownId): Command => {
  switch (tag) {
    case "RegisterLead":
      return {
        _tag: tag,
        caseId,
        county,
        town,
        subject: { cadre: Ids.CadreId.make(`v-${caseId}`), category: "villageCadre" },
        source: r(2) === 0 ? { _tag: "DailySupervision" } : { _tag: "Petition", reporter: { _tag: "Anonymous" } }
      }
    case "DisposeLead":
      return { _tag: tag, way: (["talkInquiry", "letterInquiry", "preliminaryCheck", "preliminaryCheck", "hold", "close"] as const)[r(6)]! }
    case "ConcludeInquiry":
      return { _tag: tag, outcome: (["fileCase", "fileCase", "fileCase", "close", "talkReminder", "hold"] as const)[r(6)]! }
    case "Transfer":
      return { _tag: tag, to: "otherAuthority" }
    case "ExtendInvestigation":
      return { _tag: tag, days: 1 + r(90) }
    case "ExtendReview":
      return { _tag: tag, until: LocalDate.addDays(c.now, 40 + r(30)) }
    case "Decide":
      return { _tag: tag, measures: [{ measure: lightMeasures[r(lightMeasures.length)]! }] }
    case "DecideReexamination":
    case "DecideRecheck": {
      const outcome = (["upheld", "upheld", "changed", "revoked"] as const)[r(4)]!
      return outcome === "changed" ? { _tag: tag, outcome, measures: [{ measure: "criticism" }] } : { _tag: tag, outcome }
    }
    default:
      return { _tag: tag } as Command
  }
}

interface Step {
  readonly state: State
  readonly command: Command
  readonly ctx: Ctx
}

interface Corpus {
  readonly streams: ReadonlyArray<ReadonlyArray<Event>>
  readonly events: number
  readonly steps: ReadonlyArray<Step>
}

// Random walks through the machine (enabled commands only, now and then an illegal one), dates
// inside the built-in calendar. Each walk is one case, up to `closed` or 30 steps.
const makeCorpus = (targetEvents: number, targetSteps: number): Corpus => {
  const r = rng(20261128)
  const streams: Array<ReadonlyArray<Event>> = []
  const steps: Array<Step> = []
  let events = 0
  let n = 0
  const ctxCache = new Map<string, Ctx>()
  const ctxOf = (now: LocalDate.LocalDate, actor: SupervisionCase.Actor): Ctx => {
    const key = `${now}|${actor.id}`
    let c = ctxCache.get(key)
    if (c === undefined) {
      c = { rulebook: Rulebook.defaults, calendar: WorkCalendar.china, actor, now, relations: [] }
      ctxCache.set(key, c)
    }
    return c
  }
  while (events < targetEvents || steps.length < targetSteps) {
    const t = n % towns.length
    const caseId = Ids.CaseId.make(`case-${n++}`)
    let state = SupervisionCase.initial
    let now = LocalDate.addDays(LocalDate.unsafeMake("2025-01-02"), r(300))
    const stream: Array<Event> = []
    for (let i = 0; i < 30 && state.stage !== "closed"; i++) {
      now = LocalDate.addDays(now, r(8))
      const enabled = SupervisionCase.enabledCommands(state.stage)
      // Users mostly issue what the screen offers; a rejected pick is usually replaced, so about
      // one command in ten is refused (illegal, forbidden or guarded).
      let pick: Step | undefined
      let result: ReturnType<typeof SupervisionCase.decide> | undefined
      for (let attempt = 0; attempt < 4; attempt++) {
        const tag = state.suspendedSince !== undefined && r(2) === 0
          ? "Resume"
          : r(12) === 0
          ? SupervisionCase.commandTags[r(SupervisionCase.commandTags.length)]!
          : enabled[r(enabled.length)]!
        const ctx = ctxOf(now, tag === "DecideRecheck" || r(40) === 0 ? countyOfficer : secretaries[r(25) === 0 ? (t + 1) % towns.length : t]!)
        pick = { state, command: commandFor(tag, r, ctx, caseId, towns[t]!), ctx }
        result = SupervisionCase.decide(state, pick.command, ctx)
        if (Either.isRight(result) || r(3) === 0) break
      }
      if (pick === undefined || result === undefined) break
      if (steps.length < targetSteps) steps.push(pick)
      if (Either.isRight(result)) {
        for (const e of result.right) {
          state = SupervisionCase.evolve(state, e)
          stream.push(e)
        }
      }
    }
    streams.push(stream)
    events += stream.length
  }
  return { streams, events, steps }
}

// -----------------------------------------------------------------------------
// The same machine in XState v5
// -----------------------------------------------------------------------------

type XEvent = { readonly type: string; readonly e: Event }

// Fold: events drive the machine; the context update is SupervisionCase.evolve.
const foldMachine = () => {
  const states: Record<string, { on: Record<string, Array<unknown>>; type?: "final" }> = {}
  for (const s of SupervisionCase.stages) states[s] = { on: {} }
  for (const row of SupervisionCase.machine) {
    for (const from of row.from) {
      states[from]!.on[row.event] = Object.entries(row.to).map(([variant, t]) => ({
        ...(t.stage === "same" ? {} : { target: t.stage }),
        ...(row.by === undefined ? {} : { guard: ({ event }: { event: XEvent }) => (event.e as unknown as Record<string, unknown>)[row.by!] === variant }),
        actions: assign(({ context, event }: { context: State; event: XEvent }) => SupervisionCase.evolve(context, event.e))
      }))
    }
  }
  return createMachine({ id: "case", initial: "none", context: SupervisionCase.initial, states } as never)
}

type XCommand = { readonly type: string; readonly command: Command; readonly ctx: Ctx }

const rules = Rulebook.unsafeAt(Rulebook.defaults, LocalDate.unsafeMake("2025-01-01"))

// Decide: commands drive the machine. Guards check the same row guards, roles, jurisdiction,
// recusal and levels; the action builds the event (due date from the rulebook on the calendar)
// and folds it with SupervisionCase.evolve.
const decideMachine = () => {
  const guardOk = (g: SupervisionCase.Guard, s: State, now: LocalDate.LocalDate): boolean => {
    switch (g) {
      case "notSuspended":
        return s.suspendedSince === undefined
      case "suspended":
        return s.suspendedSince !== undefined
      case "awaitingReply":
        return s.awaitingReply
      case "extensionAvailable":
        return s.extensionsUsed < Rulebook.value(rules, "case.investigationExtension").times
      case "reexaminationWindowOpen":
        return s.window?.kind === "reexaminationApply" && now <= s.window.due
      case "recheckWindowOpen":
        return s.window?.kind === "recheckApply" && now <= s.window.due
      case "appealWindowOpen":
        return s.window !== undefined && now <= s.window.due
      case "appealWindowPassed":
        return s.window === undefined || now > s.window.due
    }
  }
  const allowed = (row: SupervisionCase.Transition, s: State, c: XCommand): boolean => {
    const a = c.ctx.actor
    if (!a.posts.some((p) => SupervisionCase.rolePosts[row.role].includes(p))) return false
    const cmd = c.command
    const town = cmd._tag === "RegisterLead" ? cmd.town : s.town
    const cty = cmd._tag === "RegisterLead" ? cmd.county : s.county
    if (a.jurisdiction.county !== cty || (a.jurisdiction.level === "town" && a.jurisdiction.town !== town)) return false
    if (row.level === "county" && a.jurisdiction.level !== "county") return false
    const subject = cmd._tag === "RegisterLead" ? cmd.subject.cadre : s.subject?.cadre
    return subject !== a.id
  }
  const states: Record<string, { on: Record<string, Array<unknown>> }> = {}
  for (const s of SupervisionCase.stages) states[s] = { on: {} }
  for (const row of SupervisionCase.machine) {
    for (const from of row.from) {
      states[from]!.on[row.command] = Object.entries(row.to).map(([variant, t]) => ({
        ...(t.stage === "same" ? {} : { target: t.stage }),
        guard: ({ context, event }: { context: State; event: XCommand }) =>
          (row.by === undefined || (event.command as unknown as Record<string, unknown>)[row.by] === variant) &&
          row.guards.every((g) => guardOk(g, context, event.ctx.now)) &&
          allowed(row, context, event) &&
          extraOk(context, event.command),
        actions: assign(({ context, event }: { context: State; event: XCommand }) =>
          SupervisionCase.evolve(context, toEvent(row, t, context, event)))
      }))
    }
  }
  return createMachine({ id: "case", initial: "none", context: SupervisionCase.initial, states } as never)
}

// The command-specific checks the machine's guards do not name.
// The extension limit and the new due date are the machine's own computation.
const extension = (s: State, days: number) =>
  Either.getOrThrow(SupervisionCase.investigationExtension(rules, WorkCalendar.china, s.deadline!.due, days))

const extraOk = (s: State, c: Command): boolean => {
  switch (c._tag) {
    case "ExtendInvestigation":
      return s.deadline !== undefined && extension(s, c.days).withinMax
    case "ExtendReview":
      return s.deadline === undefined || c.until > s.deadline.due
    default:
      return true
  }
}

// Due dates memoised per (kind, day), as SupervisionCase.decide does, computed by the same
// function decide uses (rest days carried per the rulebook).
const dueCache = new Map<string, SupervisionCase.Deadline>()
const dueFor = (kind: SupervisionCase.DeadlineKind, ctx: Ctx): SupervisionCase.Deadline => {
  const key = kind + "|" + ctx.now
  let d = dueCache.get(key)
  if (d === undefined) {
    d = Either.getOrThrow(SupervisionCase.deadlineFor(kind, rules, ctx.calendar, ctx.now))
    dueCache.set(key, d)
  }
  return d
}

const toEvent = (row: SupervisionCase.Transition, t: SupervisionCase.Target, s: State, x: XCommand): Event => {
  const { command: c, ctx } = x
  const base = { on: ctx.now, by: ctx.actor.id }
  const deadline = t.opens === undefined ? {} : { deadline: dueFor(t.opens, ctx) }
  const form = (m: (typeof lightMeasures)[number] | "criticism" | "talkReminder") => ({
    measure: m,
    form: rules.parameters["fourForms.classification"].value[m]!,
    on: ctx.now,
    ...(rules.parameters["sanction.periodMonths"].value[m] === undefined ? {} : { periodMonths: rules.parameters["sanction.periodMonths"].value[m]![0]! })
  })
  switch (c._tag) {
    case "RegisterLead":
      return { _tag: "LeadRegistered", ...base, caseId: c.caseId, county: c.county, town: c.town, subject: c.subject, source: c.source, ...deadline }
    case "DisposeLead":
      return { _tag: "LeadDisposed", ...base, way: c.way, ...deadline }
    case "ConcludeInquiry":
      return { _tag: "InquiryConcluded", ...base, outcome: c.outcome, dispositions: c.outcome === "talkReminder" ? [form("talkReminder")] : [], ...deadline }
    case "Decide":
      return { _tag: "DecisionMade", ...base, dispositions: c.measures.map((m) => form(m.measure as (typeof lightMeasures)[number])), ...deadline }
    case "ExtendInvestigation": {
      // extraOk let only extensions within the cap through, and those have a due date.
      const x = extension(s, c.days)
      if (!x.withinMax) throw new Error(`supervision bench: an extension of ${c.days} days past the cap`)
      return { _tag: "InvestigationExtended", ...base, days: c.days, due: x.due }
    }
    case "ExtendReview":
      return { _tag: "ReviewExtended", ...base, due: c.until }
    case "Resume": {
      const paused = LocalDate.daysBetween(s.suspendedSince!, ctx.now)
      const d = s.deadline
      return d !== undefined && d.onSuspend === "pause"
        ? { _tag: "CaseResumed", ...base, pausedDays: paused, deadline: { ...d, due: LocalDate.addDays(d.due, paused) } }
        : { _tag: "CaseResumed", ...base, pausedDays: paused }
    }
    case "DecideReexamination":
    case "DecideRecheck": {
      const dispositions = c.outcome === "changed" ? [{ ...form("criticism"), on: s.decidedOn ?? ctx.now }] : []
      return c._tag === "DecideRecheck"
        ? { _tag: "RecheckDecided", ...base, outcome: c.outcome, dispositions }
        : { _tag: "ReexaminationDecided", ...base, outcome: c.outcome, dispositions, ...deadline }
    }
    case "Transfer":
      return { _tag: "CaseTransferred", ...base, to: c.to, dispositions: [] }
    default:
      return { _tag: row.event, ...base, ...deadline } as Event
  }
}

// -----------------------------------------------------------------------------
// Workloads
// -----------------------------------------------------------------------------

const FOLD_EVENTS = 1_000_000
const BASELINE_FOLD_EVENTS = 20_000
const DECIDE_COMMANDS = 100_000
const BASELINE_DECIDE_COMMANDS = 10_000

interface FoldState {
  readonly streams: ReadonlyArray<ReadonlyArray<Event>>
  readonly xstreams: ReadonlyArray<ReadonlyArray<XEvent>>
  readonly events: number
  readonly xevents: number
  readonly machine: ReturnType<typeof foldMachine>
  readonly initial: unknown
}

let corpus: Corpus | undefined
const getCorpus = () => (corpus ??= makeCorpus(FOLD_EVENTS, DECIDE_COMMANDS))

export const supervisionFold = workload<FoldState>({
  name: "supervision-fold",
  unit: "events/s",
  description: `SupervisionCase.fold of ${FOLD_EVENTS.toLocaleString("en")} events into case states, vs the same machine in XState 5 (transition + assign)`,
  target: { description: "≥ 10× XState", met: ({ ratio }) => ratio >= 10 },
  warmup: 2,
  repetitions: 7,
  minSampleMs: 0,
  setup: () => {
    const { streams, events } = getCorpus()
    const machine = foldMachine()
    const [initial] = initialTransition(machine)
    // XState is slow enough that it folds a prefix of the same corpus; the figure is per event.
    const xstreams: Array<ReadonlyArray<XEvent>> = []
    let xevents = 0
    for (const s of streams) {
      if (xevents >= BASELINE_FOLD_EVENTS) break
      xstreams.push(s.map((e) => ({ type: e._tag, e })))
      xevents += s.length
    }
    // Both sides must reach the same states.
    for (let i = 0; i < 200 && i < xstreams.length; i++) {
      let snap = initial
      for (const e of xstreams[i]!) snap = transition(machine, snap, e as never)[0]
      const ours = SupervisionCase.fold(streams[i]!)
      const theirs = snap as unknown as { value: string; context: State }
      if (theirs.value !== ours.stage || theirs.context.version !== ours.version || theirs.context.deadline?.due !== ours.deadline?.due) {
        throw new Error(`supervision-fold: XState disagrees on stream ${i}: ${theirs.value} vs ${ours.stage}`)
      }
    }
    return { streams, xstreams, events, xevents, machine, initial }
  },
  run: ({ streams, events }) => {
    let versions = 0
    for (const s of streams) versions += SupervisionCase.fold(s).version
    if (versions !== events) throw new Error("supervision-fold: lost events")
    return events
  },
  baseline: ({ xstreams, xevents, machine, initial }) => {
    let n = 0
    for (const s of xstreams) {
      let snap = initial
      for (const e of s) snap = transition(machine, snap as never, e as never)[0]
      n += s.length
    }
    if (n !== xevents) throw new Error("supervision-fold: baseline lost events")
    return xevents
  }
})

// Both sides must accept and reject the same commands, and reach the same states and due dates.
const checkAgreement = (
  steps: ReadonlyArray<Step>,
  xsteps: ReadonlyArray<{ readonly snapshot: unknown; readonly event: XCommand }>,
  machine: ReturnType<typeof decideMachine>
): void => {
  xsteps.forEach((x, i) => {
    const ours = SupervisionCase.decide(steps[i]!.state, steps[i]!.command, steps[i]!.ctx)
    const [next] = transition(machine, x.snapshot as never, x.event as never)
    const theirs = next as unknown as { value: string; context: State }
    const changed = theirs.context !== steps[i]!.state
    if (Either.isRight(ours) !== changed) throw new Error(`supervision-decide: XState disagrees on step ${i} (${x.event.type} in ${steps[i]!.state.stage})`)
    if (Either.isRight(ours)) {
      const after = SupervisionCase.fold(ours.right, steps[i]!.state)
      if (after.stage !== theirs.value || after.deadline?.due !== theirs.context.deadline?.due || after.window?.due !== theirs.context.window?.due) {
        throw new Error(`supervision-decide: XState reached ${theirs.value}, decide ${after.stage} (step ${i})`)
      }
    }
  })
}

/**
 * The setup check of `supervision-decide` on a smaller corpus of `commands` steps: the XState
 * machine and `SupervisionCase.decide` accept and reject the same commands and reach the same
 * states and due dates. Returns how many commands were checked and accepted.
 */
export const decideAgreement = (commands: number): { readonly checked: number; readonly accepted: number } => {
  const { steps } = makeCorpus(0, commands)
  const machine = decideMachine()
  const xsteps = steps.map((s) => ({
    snapshot: machine.resolveState({ value: s.state.stage, context: s.state } as never),
    event: { type: s.command._tag, command: s.command, ctx: s.ctx }
  }))
  checkAgreement(steps, xsteps, machine)
  let accepted = 0
  for (const s of steps) if (Either.isRight(SupervisionCase.decide(s.state, s.command, s.ctx))) accepted++
  return { checked: steps.length, accepted }
}

interface DecideState {
  readonly steps: ReadonlyArray<Step>
  readonly xsteps: ReadonlyArray<{ readonly snapshot: unknown; readonly event: XCommand }>
  readonly machine: ReturnType<typeof decideMachine>
  readonly accepted: number
}

export const supervisionDecide = workload<DecideState>({
  name: "supervision-decide",
  unit: "commands/s",
  description: `SupervisionCase.decide of ${DECIDE_COMMANDS.toLocaleString("en")} commands (legal, illegal, forbidden, guarded), vs the same machine in XState 5`,
  target: { description: "≥ 10× XState", met: ({ ratio }) => ratio >= 10 },
  warmup: 2,
  repetitions: 7,
  minSampleMs: 0,
  setup: () => {
    const { steps } = getCorpus()
    const machine = decideMachine()
    const xsteps = steps.slice(0, BASELINE_DECIDE_COMMANDS).map((s) => ({
      snapshot: machine.resolveState({ value: s.state.stage, context: s.state } as never),
      event: { type: s.command._tag, command: s.command, ctx: s.ctx }
    }))
    let accepted = 0
    for (const s of steps) if (Either.isRight(SupervisionCase.decide(s.state, s.command, s.ctx))) accepted++
    checkAgreement(steps, xsteps, machine)
    return { steps, xsteps, machine, accepted }
  },
  // Like XState's transition, each accepted command is also folded into the next state.
  run: ({ steps, accepted }) => {
    let ok = 0
    for (const s of steps) {
      const r = SupervisionCase.decide(s.state, s.command, s.ctx)
      if (r._tag === "Right") {
        SupervisionCase.fold(r.right, s.state)
        ok++
      }
    }
    if (ok !== accepted) throw new Error("supervision-decide: decisions changed between runs")
    return steps.length
  },
  baseline: ({ xsteps, machine }) => {
    let changed = 0
    for (const x of xsteps) {
      const [next] = transition(machine, x.snapshot as never, x.event as never)
      if ((next as unknown as { context: unknown }).context !== (x.snapshot as { context: unknown }).context) changed++
    }
    if (changed === 0) throw new Error("supervision-decide: baseline accepted nothing")
    return xsteps.length
  }
})

// -----------------------------------------------------------------------------
// execute on a long case stream
// -----------------------------------------------------------------------------

// One case whose stream already holds LONG_EVENTS events (a lead filed as a case, then suspended
// and resumed over and over), on SQLite and in memory. `run` is `CaseStore.execute`, which reads the case's
// snapshot and the events after it; the baseline is the previous `execute`, which replayed the
// whole stream inside the write transaction, otherwise doing the same work (the context read
// from the roster, decide, append, summary). Each side has a store of its own.
const LONG_EVENTS = Number(process.env["SUPERVISION_LONG_EVENTS"] ?? 100_000)
const longCase = Ids.CaseId.make("case-long")
const longTown = towns[0]!
const longSecretary = secretaries[0]!
const longDay = LocalDate.unsafeMake("2026-06-01")

const longStream = (): ReadonlyArray<Event> => {
  const ctx: Ctx = { rulebook: Rulebook.defaults, calendar: WorkCalendar.china, actor: longSecretary, now: longDay, relations: [] }
  const out: Array<Event> = []
  let state = SupervisionCase.initial
  const apply = (command: Command) => {
    const events = Either.getOrThrow(SupervisionCase.decide(state, command, ctx))
    for (const e of events) {
      out.push(e)
      state = SupervisionCase.evolve(state, e)
    }
  }
  apply({
    _tag: "RegisterLead",
    caseId: longCase,
    county,
    town: longTown,
    subject: { cadre: Ids.CadreId.make("v-long"), category: "villageCadre" },
    source: { _tag: "DailySupervision" }
  })
  apply({ _tag: "DisposeLead", way: "preliminaryCheck" })
  apply({ _tag: "ConcludeInquiry", outcome: "fileCase" })
  while (out.length < LONG_EVENTS) apply({ _tag: state.suspendedSince === undefined ? "Suspend" : "Resume" })
  return out
}

interface LongStore {
  readonly runtime: ManagedRuntime.ManagedRuntime<Storage.Storage | StorageAdapter.StorageAdapter, unknown>
  suspended: boolean
}

interface LongState {
  readonly snapshot: LongStore
  readonly replay: LongStore
  readonly dir: string
}

const longInput = (): SupervisionCase.ExecuteContext => ({
  rulebook: Rulebook.defaults,
  calendar: WorkCalendar.china,
  actor: longSecretary.id,
  now: longDay
})

// The previous `execute`: the same steps, with `load` (the whole stream, replayed) under the lock.
const executeByReplay = (command: Command, input: SupervisionCase.ExecuteContext) =>
  Storage.transaction(Effect.gen(function*() {
    const state = yield* SupervisionCase.load(longCase)
    const ctx = yield* SupervisionCase.contextFor(state, command, input)
    const events = yield* SupervisionCase.decide(state, command, ctx)
    const actor = { id: ctx.actor.id, posts: [...ctx.actor.posts] }
    yield* SupervisionCase.streams.append(longCase, state.version, events, { actor })
    const next = SupervisionCase.fold(events, state)
    const summary = SupervisionCase.summaryOf(next)!
    const stored = yield* SupervisionCase.summaries.get(longCase)
    yield* SupervisionCase.summaries.put(summary, { actor, expectedVersion: Option.isSome(stored) ? stored.value.version : 0 })
    return next
  }))

type LongAdapter = (filename: string) => Layer.Layer<StorageAdapter.StorageAdapter, unknown>

const openLongStore = async (adapter: LongAdapter, filename: string, events: ReadonlyArray<Event>): Promise<LongStore> => {
  const runtime = ManagedRuntime.make(Storage.layer.pipe(Layer.provideMerge(adapter(filename))))
  await runtime.runPromise(Effect.gen(function*() {
    yield* OrgStore.saveOrganisation({
      counties: [{ id: county, name: "县" }],
      towns: [{ id: longTown, countyId: county, name: "镇" }],
      villages: []
    }, { actor: "bench" })
    yield* OrgStore.saveRoster({
      cadres: [{ id: longSecretary.id, name: "书记" }],
      appointments: [{ cadreId: longSecretary.id, post: "townDisciplineSecretary", unit: Cadre.town(longTown), term: { start: LocalDate.unsafeMake("2020-01-01") } }],
      relations: []
    }, { actor: "bench" })
    // The stream as a migration would bring it in: appended in batches, no snapshot yet.
    for (let i = 0; i < events.length; i += 5_000) {
      yield* SupervisionCase.streams.append(longCase, i, events.slice(i, i + 5_000), { actor: "bench" })
    }
  }))
  const last = events.at(-1)!
  return { runtime, suspended: last._tag === "CaseSuspended" }
}

const nextCommand = (store: LongStore): Command => ({ _tag: store.suspended ? "Resume" : "Suspend" })

const executeLong = (name: string, on: string, adapter: LongAdapter) =>
  workload<LongState>({
    name,
    unit: "commands/s",
    description: `CaseStore.execute on a case of ${LONG_EVENTS.toLocaleString("en-US")} events in ${on} (snapshot + events after it), ` +
      "vs the previous execute that replayed the whole stream under the write lock",
    target: { description: "≥ 50× the whole-stream replay", met: ({ ratio }) => ratio >= 50 },
    setup: async () => {
      const events = longStream()
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qinglian-bench-long-"))
      const snapshot = await openLongStore(adapter, path.join(dir, "snapshot.db"), events)
      const replay = await openLongStore(adapter, path.join(dir, "replay.db"), events)
      // The first execute finds no snapshot, replays once and writes one.
      const first = await snapshot.runtime.runPromise(SupervisionCase.execute(longCase, nextCommand(snapshot), longInput()))
      snapshot.suspended = first.state.suspendedSince !== undefined
      // Both paths reach the same state.
      const viaSnapshot = await snapshot.runtime.runPromise(SupervisionCase.current(longCase))
      const viaReplay = await snapshot.runtime.runPromise(SupervisionCase.load(longCase))
      if (JSON.stringify(viaSnapshot) !== JSON.stringify(viaReplay)) throw new Error("supervision-execute-long: snapshot and replay disagree")
      return { snapshot, replay, dir }
    },
    run: async ({ snapshot }) => {
      const r = await snapshot.runtime.runPromise(SupervisionCase.execute(longCase, nextCommand(snapshot), longInput()))
      snapshot.suspended = r.state.suspendedSince !== undefined
      return 1
    },
    baseline: async ({ replay }) => {
      const next = await replay.runtime.runPromise(executeByReplay(nextCommand(replay), longInput()))
      replay.suspended = next.suspendedSince !== undefined
      return 1
    },
    teardown: async ({ snapshot, replay, dir }) => {
      await snapshot.runtime.dispose()
      await replay.runtime.dispose()
      fs.rmSync(dir, { recursive: true, force: true })
    },
    warmup: 1,
    repetitions: 5,
    minSampleMs: 200
  })

export const supervisionExecuteLong = executeLong("supervision-execute-long", "SQLite", (filename) => SqliteStorage.layer({ filename }))

export const supervisionExecuteLongMemory = executeLong("supervision-execute-long-memory", "memory", () => MemoryStorage.layer())
