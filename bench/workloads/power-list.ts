// A county's micro-power work: 600 villages' lists (57 items each) validated and 100,000
// exercises of their powers checked, from encoded (JSON) input — decode plus rules, as an
// integrator runs them. The baseline is the peer an integrator would otherwise pick: ajv, validating
// the same JSON against the same published JSON Schemas (compiled here with ajv, as a user would),
// and nothing more. Beside it, in the same calls, effect's own decoder on the same data, with the
// boundary's options (the decode-only floor before the boundary was compiled). A call handles a
// slice of villages (each list and that village's exercises); run and baseline walk the same
// slices in the same order. Rates are timed per phase, and the whole county's time is projected
// from them (600 lists, 100,000 exercises).
import { Exercise, JsonSchema, PowerList, Rulebook, WorkCalendar } from "@qinglian/core"
import { Ajv } from "ajv"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { performance } from "node:perf_hooks"
import { faultCode, makeCounty } from "../data/county.js"
import { workload } from "../harness.js"

const VILLAGES = 600
const EXERCISES = 100_000
const SLICE = 16 // villages per call (about 2,700 exercises), so the rules phase is long enough to time

interface Side {
  next: number
}

interface State {
  readonly lists: ReadonlyArray<unknown>
  readonly exercisesOf: ReadonlyArray<ReadonlyArray<unknown>>
  readonly items: number
  readonly asOf: ReturnType<typeof makeCounty>["asOf"]
  readonly run: Side
  readonly baseline: Side
}

// Exactly the options the library's boundary uses (InvalidInput.decodeUnknown).
const options = { errors: "all", onExcessProperty: "error" } as const
const decodeList = Schema.decodeUnknownEither(PowerList.PowerList, options)
const decodeExercise = Schema.decodeUnknownEither(Exercise.Exercise, options)

// The peer: ajv with its defaults (strict mode), compiled from the published schemas.
const ajv = new Ajv()
const ajvList = ajv.compile(JsonSchema.powerList())
const ajvExercise = ajv.compile(JsonSchema.exercise())

interface Tally {
  /** CPU time of the rules (both phases), which a busy machine does not inflate. */
  rulesCpuMs: number
  /** CPU time of the whole call. */
  cpuMs: number
  itemsMs: number
  itemsRulesMs: number
  items: number
  exercisesMs: number
  exercisesRulesMs: number
  exercises: number
  /** Something that depends on every result, so no work can be skipped. */
  checksum: number
}

const slice = (s: State, side: Side): ReadonlyArray<number> => {
  const vs = Array.from({ length: SLICE }, (_, i) => (side.next + i) % s.lists.length)
  side.next = (side.next + SLICE) % s.lists.length
  return vs
}

// Village by village, as an integrator runs a county: decode the village's list and its exercises,
// then validate the list and check the exercises. The two phases are timed apart (wall and CPU), so
// the rules' time is not charged with decoding. One village's decoded records stay small enough to
// be collected young, as they are in a real run; holding a whole slice of villages decoded at once
// would measure the garbage collector copying them instead.
const validateAndCheck = (s: State, villages: ReadonlyArray<number>): Tally => {
  const t: Tally = { rulesCpuMs: 0, cpuMs: 0, itemsMs: 0, itemsRulesMs: 0, items: 0, exercisesMs: 0, exercisesRulesMs: 0, exercises: 0, checksum: 0 }
  const c0 = process.cpuUsage()
  for (const v of villages) {
    let t0 = performance.now()
    const decodedList = PowerList.decodeUnknown(s.lists[v])
    if (Either.isLeft(decodedList)) throw new Error(`power-list: list ${v} does not decode`)
    const list = decodedList.right
    let t1 = performance.now()
    t.itemsMs += t1 - t0
    const inputs = s.exercisesOf[v]!
    const exercises: Array<Exercise.Exercise> = new Array(inputs.length)
    for (let i = 0; i < inputs.length; i++) {
      const ex = Exercise.decodeUnknown(inputs[i])
      if (Either.isLeft(ex)) throw new Error("power-list: an exercise does not decode")
      exercises[i] = ex.right
    }
    t0 = performance.now()
    t.exercisesMs += t0 - t1
    const c1 = process.cpuUsage()
    t.checksum += PowerList.check(list, Rulebook.defaults).diagnostics.length
    t.items += list.items.length
    t1 = performance.now()
    t.itemsRulesMs += t1 - t0
    t.itemsMs += t1 - t0
    for (const ex of exercises) {
      t.checksum += Exercise.checkInList(list, ex, Rulebook.defaults, WorkCalendar.china, { asOf: s.asOf }).findings.length
      t.exercises++
    }
    t0 = performance.now()
    t.rulesCpuMs += cpuMs(process.cpuUsage(c1))
    t.exercisesRulesMs += t0 - t1
    t.exercisesMs += t0 - t1
  }
  t.cpuMs = cpuMs(process.cpuUsage(c0))
  return t
}

const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000

const decodeOnly = (s: State, villages: ReadonlyArray<number>): Tally => {
  const t: Tally = { rulesCpuMs: 0, cpuMs: 0, itemsMs: 0, itemsRulesMs: 0, items: 0, exercisesMs: 0, exercisesRulesMs: 0, exercises: 0, checksum: 0 }
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  for (const v of villages) {
    const list = decodeList(s.lists[v])
    if (Either.isLeft(list)) throw new Error(`power-list: list ${v} does not decode`)
    t.items += list.right.items.length
  }
  const t1 = performance.now()
  t.itemsMs += t1 - t0
  for (const v of villages) {
    for (const input of s.exercisesOf[v]!) {
      const ex = decodeExercise(input)
      if (Either.isLeft(ex)) throw new Error("power-list: an exercise does not decode")
      t.exercises++
      t.checksum += ex.right.steps.length
    }
  }
  t.exercisesMs += performance.now() - t1
  t.cpuMs = cpuMs(process.cpuUsage(c0))
  return t
}

const ajvOnly = (s: State, villages: ReadonlyArray<number>): Tally => {
  const t: Tally = { rulesCpuMs: 0, cpuMs: 0, itemsMs: 0, itemsRulesMs: 0, items: 0, exercisesMs: 0, exercisesRulesMs: 0, exercises: 0, checksum: 0 }
  const c0 = process.cpuUsage()
  for (const v of villages) {
    const t0 = performance.now()
    const list = s.lists[v] as PowerList.PowerList
    if (!ajvList(list)) throw new Error(`power-list: ajv refuses list ${v}`)
    t.items += list.items.length
    const t1 = performance.now()
    t.itemsMs += t1 - t0
    for (const input of s.exercisesOf[v]!) {
      if (!ajvExercise(input)) throw new Error("power-list: ajv refuses an exercise")
      t.exercises++
      t.checksum += (input as Exercise.Exercise).steps.length
    }
    t.exercisesMs += performance.now() - t1
  }
  t.cpuMs = cpuMs(process.cpuUsage(c0))
  return t
}

// The data must mean what it says, or the figures measure nothing: on sound lists, a clean
// exercise gets no finding beyond notes, and a faulty one gets its fault's finding.
const verify = (county: ReturnType<typeof makeCounty>, sample: number): void => {
  const lists = new Map<number, PowerList.PowerList>()
  for (let n = 0; n < sample; n++) {
    const v = county.villageOf[n]!
    if (county.brokenLists.has(v)) continue
    let list = lists.get(v)
    if (list === undefined) {
      list = Either.getOrThrow(PowerList.decodeUnknown(county.lists[v]))
      lists.set(v, list)
    }
    const ex = Either.getOrThrow(Exercise.decodeUnknown(county.exercises[n]))
    const codes = Exercise.checkInList(list, ex, Rulebook.defaults, WorkCalendar.china, { asOf: county.asOf })
      .findings.filter((f) => f.severity !== "info")
      .map((f) => f.code)
    const fault = county.faults[n]!
    const ok = fault === "none" ? codes.length === 0 : codes.includes(faultCode[fault])
    if (!ok) throw new Error(`power-list: exercise ${n} (${fault}) checks as ${codes.join(", ") || "clean"}`)
  }
}

const perSecond = (n: number, ms: number) => (n * 1000) / ms
// The whole county's seconds, from this slice's per-item and per-exercise costs.
const countySeconds = (t: Tally, itemsMs: number, exercisesMs: number, items: number) =>
  ((itemsMs / t.items) * items + (exercisesMs / t.exercises) * EXERCISES) / 1000

// Rates and county projections of a whole call (decoding and rules), for either side; the same in
// CPU time too: what the work costs when the machine is not shared.
const whole = (s: State, t: Tally) => ({
  itemsPerS: perSecond(t.items, t.itemsMs),
  exercisesPerS: perSecond(t.exercises, t.exercisesMs),
  countyS: countySeconds(t, t.itemsMs, t.exercisesMs, s.items),
  countyCpuS: (t.cpuMs / (t.itemsMs + t.exercisesMs)) * countySeconds(t, t.itemsMs, t.exercisesMs, s.items)
})

export const powerList = workload<State>({
  name: "power-list",
  unit: "villages/s",
  description: `a county of ${VILLAGES} lists × 57 items validated and ${EXERCISES.toLocaleString("en-US")} exercises checked (decode + rules), vs ajv validation alone; effect's decoder beside`,
  target: {
    description: "decode + rules ≤ 2× ajv alone (ratio ≥ 0.5); county figures recorded",
    met: ({ ratio }) => ratio >= 0.5
  },
  // A call is one slice (about 30 ms of ours), so a single scavenge moves one repetition's figure
  // by a tenth: fifteen of them make the median steady. The rules' code is larger than ajv's and
  // reaches its optimised tier later: with three slices of warm-up the first measured ones were
  // still a third slower than the steady state a county's run of 600 villages sees.
  warmup: 8,
  repetitions: 15,
  minSampleMs: 0,
  setup: () => {
    const county = makeCounty({ villages: VILLAGES, exercises: EXERCISES })
    const byVillage: Array<Array<unknown>> = Array.from({ length: VILLAGES }, () => [])
    county.exercises.forEach((e, n) => byVillage[county.villageOf[n]!]!.push(e))
    // Each village's records as JSON.parse gives them from that village's file: laid out
    // together in memory, not scattered through the whole county's generation order.
    const state: State = {
      lists: county.lists.map((l) => JSON.parse(JSON.stringify(l)) as unknown),
      exercisesOf: byVillage.map((es) => JSON.parse(JSON.stringify(es)) as ReadonlyArray<unknown>),
      items: county.lists.reduce((n, l) => n + l.items.length, 0),
      asOf: county.asOf,
      run: { next: 0 },
      baseline: { next: 0 }
    }
    // Both sides must read the same data: the same items and exercises decode on either side.
    const a = validateAndCheck(state, [0, 1])
    const b = decodeOnly(state, [0, 1])
    const c = ajvOnly(state, [0, 1])
    if (a.items !== b.items || a.exercises !== b.exercises || a.items !== c.items || a.exercises !== c.exercises) {
      throw new Error("power-list: baseline read other data")
    }
    verify(county, 2_000)
    return state
  },
  run: (s) => {
    const t = validateAndCheck(s, slice(s, s.run))
    return {
      items: SLICE,
      seconds: (t.itemsMs + t.exercisesMs) / 1000,
      extra: {
        ...whole(s, t),
        rulesItemsPerS: perSecond(t.items, t.itemsRulesMs),
        rulesExercisesPerS: perSecond(t.exercises, t.exercisesRulesMs),
        countyRulesS: countySeconds(t, t.itemsRulesMs, t.exercisesRulesMs, s.items),
        countyRulesCpuS: (t.rulesCpuMs / (t.itemsRulesMs + t.exercisesRulesMs)) * countySeconds(t, t.itemsRulesMs, t.exercisesRulesMs, s.items)
      }
    }
  },
  baseline: (s) => {
    const villages = slice(s, s.baseline)
    const t = ajvOnly(s, villages)
    const e = decodeOnly(s, villages)
    const effect = whole(s, e)
    return {
      items: SLICE,
      seconds: (t.itemsMs + t.exercisesMs) / 1000,
      extra: {
        ...whole(s, t),
        effectDecodeCountyS: effect.countyS,
        effectDecodeExercisesPerS: effect.exercisesPerS,
        // decode + rules against effect's decoder alone is run's countyS over this.
        effectDecodeSecondsPerSlice: (e.itemsMs + e.exercisesMs) / 1000
      }
    }
  }
})
