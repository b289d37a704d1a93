// The fuzzing harness shared by the CI test (Fuzz.test.ts, fixed seed, modest runs) and the long
// run (scripts/fuzz.ts <runs>). Every public decoder of core gets JSON-representable input, both
// arbitrary JSON values and valid documents with a few random edits (a key removed, inserted or
// replaced, an element duplicated, a leaf swapped for an edge value); what decodes goes on to the
// check, build or decision behind it. Each outcome is counted: accepted, refused with a typed error,
// refused with something untyped, or thrown. The contract is no throws and no untyped refusals.
import { Cause, Effect, Exit, Layer } from "effect"
import * as Either from "effect/Either"
import * as fc from "fast-check"
import {
  Audit,
  Cadre,
  Examples,
  Exercise,
  Ids,
  Kinship,
  LocalDate,
  Mentoring,
  Organisation,
  PowerList,
  Rectification,
  Rulebook,
  Storage,
  StorageAdapter,
  SupervisionCase,
  WorkCalendar
} from "@qinglian/core"
import { MemoryStorage } from "@qinglian/storage-memory"
import holidaysCnJson from "../src/calendar/data/holidays-cn.json" with { type: "json" }
import defaultsJson from "../src/rulebook/data/defaults.json" with { type: "json" }
import { rosterInput } from "./fixtures/roster.js"
import * as Fixtures from "./SupervisionCase.fixtures.js"

/** What one input came to. */
export type Outcome = "accepted" | "refused" | "untyped" | "threw"

/** Counts per target, and the first few inputs that broke the contract. */
export interface Tally {
  readonly target: string
  inputs: number
  accepted: number
  refused: number
  untyped: number
  threw: number
  /** Wall-clock milliseconds spent. */
  ms: number
  readonly failures: Array<{ readonly outcome: Outcome; readonly input: string; readonly error: string }>
}

/** One decoder and what follows it, with valid documents to mutate. */
export interface Target {
  readonly name: string
  /** Valid documents to mutate. */
  readonly examples: ReadonlyArray<unknown>
  /** Runs the input through the decoder and what follows it; returns the outcome, or throws. */
  readonly run: (input: unknown) => Outcome
  /** The share of the runs this target gets (default 1): the 180-item reference list is slow to check. */
  readonly share?: number
}

// A refusal is typed when it is an error with a string `_tag` (InvalidInput, CommandRejected …).
export const typed = (e: unknown): boolean =>
  typeof e === "object" && e !== null && typeof (e as { _tag?: unknown })._tag === "string" && e instanceof Error

export const verdict = <A>(r: Either.Either<A, unknown>, then?: (a: A) => Outcome): Outcome =>
  Either.isLeft(r) ? (typed(r.left) ? "refused" : "untyped") : then === undefined ? "accepted" : then(r.right)

const json = (value: unknown): unknown => JSON.parse(JSON.stringify(value))

const d = LocalDate.unsafeMake
const lenient = WorkCalendar.make(WorkCalendar.chinaData, { outOfRange: "weekendsOnly" })
const organisationInput = {
  counties: [{ id: "140525", name: "泽州县", divisionCode: "140525" }],
  towns: [{ id: "140525106", countyId: "140525", name: "金村镇", kind: "town" }],
  villages: [{ id: "140525106201", townId: "140525106", name: "西属村", kind: "village" }]
}
const roster = Either.getOrThrow(Cadre.decodeRoster(rosterInput))

// The case in every stage, with the date of its last step: what decoded commands are decided against.
const states = Object.entries(Fixtures.recipes).map(([stage, steps]) => ({
  state: Fixtures.run(steps).state,
  now: Fixtures.lastDate(stage as SupervisionCase.Stage)
}))
const events = Object.values(Fixtures.recipes).flatMap((steps) => Fixtures.run(steps).events)
const commands = SupervisionCase.commandTags.map((tag) => Fixtures.sample(tag))

// Every decision ends in events or a typed refusal; events fold into a state. The command counts
// as accepted when some stage takes it.
const decideEverywhere = (command: SupervisionCase.Command): Outcome => {
  let accepted = false
  for (const { now, state } of states) {
    for (const actor of [Fixtures.townSecretary, Fixtures.countyOfficer]) {
      const r = SupervisionCase.decide(state, command, Fixtures.ctx(now, actor))
      if (Either.isLeft(r)) {
        if (!typed(r.left)) return "untyped"
      } else {
        SupervisionCase.fold(r.right, state)
        accepted = true
      }
    }
  }
  return accepted ? "accepted" : "refused"
}

/** Every target: the public decoders of core, each followed by what a county system does next. */
export const targets: ReadonlyArray<Target> = [
  {
    name: "PowerList.validate",
    examples: [json(PowerList.reference()), json(PowerList.countyExample())],
    share: 0.25,
    run: (input) => verdict(PowerList.validate(input, Rulebook.defaults))
  },
  {
    name: "PowerList.decodeJson",
    examples: [json(PowerList.countyExample())],
    share: 0.25,
    run: (input) => verdict(PowerList.decodeJson(typeof input === "string" ? input : JSON.stringify(input)))
  },
  {
    name: "Exercise.decodeUnknown + check",
    examples: [Examples.xishuHeatingCleanEncoded, Examples.xishuHeatingFaultyEncoded],
    run: (input) =>
      verdict(Exercise.decodeUnknown(input), (exercise) => {
        Exercise.check(Examples.xishuHeatingItem(), exercise, Rulebook.defaults, WorkCalendar.china)
        Exercise.check(Examples.xishuHeatingItem(), exercise, Rulebook.defaults, lenient, { asOf: Examples.xishuHeatingFaultyAsOf })
        return "accepted"
      })
  },
  {
    name: "Exercise.validate (county list)",
    examples: [Examples.xishuHeatingCleanEncoded],
    run: (input) => verdict(Exercise.validate(PowerList.countyExample(), input, Rulebook.defaults, lenient))
  },
  {
    name: "Organisation.decodeInput + make",
    examples: [organisationInput],
    run: (input) =>
      verdict(Organisation.decodeInput(input), (o) => {
        Organisation.make(o)
        return "accepted"
      })
  },
  {
    name: "Cadre.decodeRoster + checkRoster",
    examples: [rosterInput],
    run: (input) =>
      verdict(Cadre.decodeRoster(input), (r) => {
        Cadre.checkRoster(r)
        return "accepted"
      })
  },
  {
    name: "Kinship.decodeRelations + checkRelations",
    examples: [[
      { a: { cadreId: "wang" }, b: { cadreId: "zhao" }, kind: "parent" },
      { a: { cadreId: "sun" }, b: { cadreId: "zhao" }, kind: "other", closeness: "closeInLaw" }
    ]],
    run: (input) =>
      verdict(Kinship.decodeRelations(input), (r) => {
        Kinship.checkRelations(r)
        return "accepted"
      })
  },
  {
    name: "Rulebook.decodeFile / decodeJson + at",
    examples: [defaultsJson],
    run: (input) => {
      if (verdict(Rulebook.decodeFile(input)) === "untyped") return "untyped"
      return verdict(Rulebook.decodeJson(JSON.stringify(input)), (rulebook) => {
        for (const date of ["1900-01-01", "2026-03-02", "2199-12-31"]) {
          const r = Rulebook.at(rulebook, d(date))
          if (Either.isLeft(r) && !typed(r.left)) return "untyped"
        }
        return "accepted"
      })
    }
  },
  {
    name: "WorkCalendar.decodeUnknown + make + counts",
    examples: [holidaysCnJson],
    run: (input) =>
      verdict(WorkCalendar.decodeUnknown(input), (data) => {
        for (const outOfRange of ["error", "weekendsOnly"] as const) {
          const cal = WorkCalendar.make(data, { outOfRange })
          const { from, to } = WorkCalendar.coveredRange(cal)
          for (const n of [1, 15, -15, 1e6, -1e6, 1e12]) {
            for (const r of [WorkCalendar.addWorkingDays(cal, from, n), WorkCalendar.addWorkingDays(cal, to, n)]) {
              if (Either.isLeft(r) && !typed(r.left)) return "untyped"
            }
          }
          WorkCalendar.workingDaysBetween(cal, from, to)
          WorkCalendar.dueDate(cal, to, { amount: 3_000_000, unit: "days" }, { rollForwardFromRestDay: true })
        }
        return "accepted"
      })
  },
  {
    name: "SupervisionCase.decodeCommand + decide",
    examples: commands,
    run: (input) => verdict(SupervisionCase.decodeCommand(input), decideEverywhere)
  },
  {
    name: "SupervisionCase.decodeEvent + fold",
    examples: events.map(json),
    run: (input) =>
      verdict(SupervisionCase.decodeEvent(input), (event) => {
        SupervisionCase.fold([event])
        return "accepted"
      })
  },
  {
    name: "Mentoring.decodeStudio + checkStudio",
    examples: [{
      townId: "jincun",
      name: "金村镇老干部工作室",
      pairs: [{
        mentorId: "li",
        menteeId: "wang",
        period: { start: "2021-03-01", end: "2022-03-01" },
        goals: [{ text: "熟悉四议两公开程序" }, { text: "主持召开村民代表会议", target: { quantity: 4, unit: "次", due: "2021-12-31" } }]
      }]
    }],
    run: (input) =>
      verdict(Mentoring.decodeStudio(input), (studio) => {
        Mentoring.checkStudio(roster, studio)
        return "accepted"
      })
  },
  {
    name: "Rectification.decodeHistory + checkHistory",
    examples: [[
      {
        villageId: "xishu",
        category: "partyBuildingLed",
        period: { start: "2021-11-01", end: "2023-12-31" },
        designatedBy: "山西省纪委监委",
        reason: "村党支部软弱涣散",
        outcome: { before: "lagging", after: "advanced", assessedOn: "2023-12-20" }
      },
      { villageId: "xishu", category: "regionalCategory", period: { start: "2025-03-01" } }
    ]],
    run: (input) =>
      verdict(Rectification.decodeHistory(input), (history) => {
        Rectification.checkHistory(Rectification.defaultCatalogue, history)
        return "accepted"
      })
  }
]

// Values at the edges of what the decoders check: dates outside 1900–2199, numbers past the safe
// integers, the refused keys, long text, nesting past the limit.
const deep = (n: number): unknown => {
  let v: unknown = 0
  for (let i = 0; i < n; i++) v = [v]
  return v
}
const edgeValues: ReadonlyArray<unknown> = [
  null, true, false, 0, -0, -1, 1, 1.5, 90, 91, 1e8, 3e6, 109_572, 109_573, 2 ** 53, -(2 ** 53), 1e300, -1e300, 5e-324,
  "", " ", "x", "0026-03-01", "0000-01-01", "1899-12-31", "1900-01-01", "2199-12-31", "2200-01-01", "9999-12-31",
  "+010000-01-01", "2026-02-30", "2026-02-29", "2024-02-29", "2026-13-01", "2026-03-01T00:00:00Z", "__proto__",
  "constructor", "prototype", "toString", "x".repeat(5_000), "\u0000", "\ud800", [], {}, [[]], { "": {} }, deep(70)
]
// Objects with an own "toString" or "valueOf" key are left to probeUnreadableValues below, which
// puts one in every slot of every document: effect's union decoder throws on them in some
// decoders (a known failure, tracked there), and here they would hide every other finding.
const edgeKeys = ["__proto__", "constructor", "prototype", "hasOwnProperty", "_tag", "", "extra", "days", "date", "until", "years"]

const leaf = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...edgeValues) }, { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }) })
const edit = fc.record({
  path: fc.array(fc.nat(), { maxLength: 12 }),
  op: fc.nat(4),
  key: fc.oneof(fc.constantFrom(...edgeKeys), fc.string({ maxLength: 6 })),
  value: leaf
})
type Edit = typeof edit extends fc.Arbitrary<infer A> ? A : never

const isContainer = (v: unknown): v is Record<string, unknown> | Array<unknown> => typeof v === "object" && v !== null

// Applies one edit in place: walk down `path` while there are containers, then change that
// container (or the root, when it is a leaf).
const applyEdit = (root: unknown, edit: Edit): unknown => {
  // The edge values are shared between inputs: insert copies, so no edit changes another input or
  // makes a cycle.
  const e = { ...edit, value: structuredClone(edit.value) }
  if (!isContainer(root)) return e.value
  let node: Record<string, unknown> | Array<unknown> = root
  for (const step of e.path) {
    const keys = Object.keys(node)
    if (keys.length === 0) break
    const child = (node as Record<string, unknown>)[keys[step % keys.length]!]
    if (!isContainer(child)) break
    node = child
  }
  const keys = Object.keys(node)
  const k = keys.length === 0 ? undefined : keys[(e.path.at(-1) ?? 0) % keys.length]!
  if (Array.isArray(node)) {
    const i = k === undefined ? 0 : Number(k)
    if (e.op === 0 && k !== undefined) node[i] = e.value
    else if (e.op === 1 && k !== undefined) node.splice(i, 1)
    else if (e.op === 2) node.splice(i, 0, e.value)
    else if (e.op === 3 && k !== undefined) node.splice(i, 0, structuredClone(node[i]))
    else node.push(e.value)
    return root
  }
  if (e.op === 0 && k !== undefined) node[k] = e.value
  else if (e.op === 1 && k !== undefined) delete node[k]
  // defineProperty, so that "__proto__" becomes an own key, as JSON.parse makes it.
  else Object.defineProperty(node, e.key, { value: e.op === 3 && k !== undefined ? structuredClone(node[k]) : e.value, enumerable: true, writable: true, configurable: true })
  return root
}

// Moves every date of a document to the same date near an end of the range, so that each date
// computed from it (due dates, windows, periods) is computed at the edge.
const edgeDates = ["1900-01-01", "1900-01-02", "1900-02-28", "2199-06-30", "2199-11-30", "2199-12-01", "2199-12-28", "2199-12-31"]
const atEdge = (v: unknown, date: string): unknown =>
  typeof v === "string"
    ? /^\d{4}-\d{2}-\d{2}$/.test(v) ? date : v
    : Array.isArray(v)
    ? v.map((x) => atEdge(x, date))
    : isContainer(v)
    ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, atEdge(x, date)]))
    : v

/**
 * Arbitrary JSON; the target's valid documents with up to three random edits; and its documents
 * with every date moved to one date near 1900-01-01 or 2199-12-31.
 */
export const inputsFor = (target: Target): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...target.examples), fc.constantFrom(...edgeDates)).map(([doc, date]) => atEdge(json(doc), date)) },
    {
      weight: 3,
      arbitrary: fc.tuple(fc.constantFrom(...target.examples), fc.array(edit, { minLength: 0, maxLength: 3 })).map(([doc, edits]) =>
        edits.reduce((v, e) => applyEdit(v, e), json(doc))
      )
    }
  )

const describeError = (e: unknown): string => (e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 300) : String(e).slice(0, 300))
const show = (v: unknown): string => {
  try {
    return JSON.stringify(v)?.slice(0, 400) ?? String(v)
  } catch {
    return String(v)
  }
}

const tallyOf = (target: string): Tally => ({ target, inputs: 0, accepted: 0, refused: 0, untyped: 0, threw: 0, ms: 0, failures: [] })

const record = (t: Tally, outcome: Outcome, input: unknown, error = "") => {
  t.inputs++
  t[outcome]++
  if ((outcome === "threw" || outcome === "untyped") && t.failures.length < 5) t.failures.push({ outcome, input: show(input), error })
}

/**
 * Runs `runs` inputs through every target (each input also as JSON text where the target reads
 * text), with a fixed seed so a run can be repeated.
 */
export const fuzzDecoders = (runs: number, seed: number): ReadonlyArray<Tally> => fuzzTargets(targets, runs, seed)

/** {@link fuzzDecoders} for any list of targets (the scoring package's, in test/). */
export const fuzzTargets = (list: ReadonlyArray<Target>, runs: number, seed: number): ReadonlyArray<Tally> =>
  list.map((target, i) => {
    const t = tallyOf(target.name)
    const start = performance.now()
    for (const input of fc.sample(inputsFor(target), { numRuns: Math.max(1, Math.round(runs * (target.share ?? 1))), seed: seed + i })) {
      try {
        record(t, target.run(input), input)
      } catch (e) {
        record(t, "threw", input, describeError(e))
      }
    }
    t.ms = performance.now() - start
    return t
  })

// Commands a typed caller could build, skipping the decoder: every command, with numbers and dates
// from anywhere in their types' ranges.
const typedCommand: fc.Arbitrary<SupervisionCase.Command> = fc.oneof(
  fc.constantFrom(...commands),
  fc.oneof(fc.integer(), fc.double(), fc.constantFrom(1e8, 3e6, 90, 91, 109_572)).map((days) => ({ _tag: "ExtendInvestigation" as const, days })),
  fc.integer({ min: LocalDate.minEpochDay, max: LocalDate.maxEpochDay }).map((e) => ({ _tag: "ExtendReview" as const, until: LocalDate.fromEpochDay(e) }))
)

/** Decides typed commands (decoder skipped) against the case in every stage. */
export const fuzzDecide = (runs: number, seed: number): Tally => {
  const t = tallyOf("SupervisionCase.decide (typed commands)")
  const start = performance.now()
  for (const command of fc.sample(typedCommand, { numRuns: runs, seed })) {
    try {
      record(t, decideEverywhere(command), command)
    } catch (e) {
      record(t, "threw", command, describeError(e))
    }
  }
  t.ms = performance.now() - start
  return t
}

const readStore = (caseId: Ids.CaseId) =>
  Effect.gen(function*() {
    const adapter = yield* StorageAdapter.StorageAdapter
    return JSON.stringify({
      stream: yield* adapter.readEvents(SupervisionCase.streams.streamName(caseId)),
      summary: yield* adapter.getDocument(SupervisionCase.summaries.name, caseId),
      snapshot: yield* adapter.getDocument(SupervisionCase.snapshots.name, caseId),
      audit: yield* adapter.lastVersion(Audit.stream)
    })
  })

/**
 * Executes decoded fuzzed commands, and typed ones, against one stored case (memory adapter) in
 * the investigation stage: every exit is a success or a typed failure, never a defect, and a
 * refused command leaves the store as it was.
 */
export const fuzzExecute = (runs: number, seed: number): Promise<Tally> => {
  const t = tallyOf("SupervisionCase.execute (memory adapter)")
  const caseId = Ids.CaseId.make("case-fuzz")
  const commandTarget = targets.find((x) => x.name.startsWith("SupervisionCase.decodeCommand"))!
  const inputs = fc.sample(
    fc.oneof(
      inputsFor(commandTarget).map((json) => ({ json })),
      typedCommand.map((typed) => ({ typed }))
    ),
    { numRuns: runs, seed }
  )
  const start = performance.now()
  const program = Effect.gen(function*() {
    for (const [command, now, actor] of Fixtures.recipes.investigation) {
      yield* SupervisionCase.execute(caseId, command._tag === "RegisterLead" ? { ...command, caseId } : command, Fixtures.execCtx(now, actor ?? Fixtures.townSecretary))
    }
    for (const one of inputs) {
      // JSON goes through the decoder; typed commands, with values no decoder would pass (NaN
      // days), go in as they are.
      const input: unknown = "json" in one ? one.json : one.typed
      let command: SupervisionCase.Command
      if ("json" in one) {
        let decoded: Either.Either<SupervisionCase.Command, unknown>
        try {
          decoded = SupervisionCase.decodeCommand(one.json)
        } catch (e) {
          record(t, "threw", input, describeError(e))
          continue
        }
        if (Either.isLeft(decoded)) {
          record(t, typed(decoded.left) ? "refused" : "untyped", input)
          continue
        }
        command = decoded.right
      } else {
        command = one.typed
      }
      const before = yield* readStore(caseId)
      const exit = yield* Effect.exit(SupervisionCase.execute(caseId, command, Fixtures.execCtx("2026-06-01")))
      if (Exit.isSuccess(exit)) {
        record(t, "accepted", input)
        continue
      }
      const failure = Cause.failureOption(exit.cause)
      if (failure._tag === "None" || !typed(failure.value)) {
        record(t, Cause.isDie(exit.cause) ? "threw" : "untyped", input, Cause.pretty(exit.cause).slice(0, 300))
        continue
      }
      const after = yield* readStore(caseId)
      record(t, after === before ? "refused" : "untyped", input, after === before ? "" : "a refused command changed the store")
    }
    t.ms = performance.now() - start
    return t
  })
  return Effect.runPromise(program.pipe(
    Effect.provide(
      Layer.effectDiscard(Fixtures.seedRecord([Fixtures.townSecretary, Fixtures.townMember, Fixtures.countyOfficer])).pipe(
        Layer.provideMerge(Storage.layer.pipe(Layer.provideMerge(MemoryStorage.layer())))
      )
    )
  ))
}

/**
 * Puts `{"toString": 1}` (an object String() cannot convert, as JSON.parse builds it) at every
 * position of every example document in turn, where effect's union decoder reads a tag with
 * String(). Returns the positions that threw, as `target: path`.
 */
export const probeUnreadableValues = (): ReadonlyArray<string> => {
  const hits = new Set<string>()
  const positions = (v: unknown, p: ReadonlyArray<string | number>, out: Array<ReadonlyArray<string | number>>) => {
    out.push(p)
    if (isContainer(v)) for (const k of Object.keys(v)) positions((v as Record<string, unknown>)[k], [...p, Array.isArray(v) ? Number(k) : k], out)
    return out
  }
  const pattern = (p: ReadonlyArray<string | number>) => p.map((k) => (typeof k === "number" ? "#" : k)).join(".")
  for (const t of targets) {
    // One position per path pattern (items.#.procedure._tag): the same slot in the next item
    // meets the same decoder.
    const seen = new Set<string>()
    // The slow targets (the reference list) are probed with their smaller example only.
    for (const example of t.share === undefined ? t.examples : t.examples.slice(-1)) {
      for (const p of positions(example, [], [])) {
        if (seen.has(pattern(p))) continue
        seen.add(pattern(p))
        const doc = json(example)
        const unreadable = JSON.parse("{\"toString\":1}")
        let input: unknown = unreadable
        if (p.length > 0) {
          let node = doc as Record<string | number, unknown>
          for (const k of p.slice(0, -1)) node = node[k] as Record<string | number, unknown>
          node[p.at(-1)!] = unreadable
          input = doc
        }
        try {
          t.run(input)
        } catch {
          hits.add(`${t.name}: ${pattern(p)}`)
        }
      }
    }
  }
  return [...hits]
}
