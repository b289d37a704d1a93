// A county's micro-power work: 600 villages' lists (57 items each) validated and 100,000
// exercises of their powers checked, from encoded (JSON) input — decode plus rules, as an
// integrator runs them. The baseline only decodes the same data with the same Schema options: the
// floor any validator pays. A call handles a slice of villages (each list and that village's
// exercises); run and baseline walk the same slices in the same order. Rates are timed per phase,
// and the whole county's time is projected from them (600 lists, 100,000 exercises).
import { Exercise, PowerList, Rulebook, WorkCalendar } from "@qinglian/core"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { performance } from "node:perf_hooks"
import { makeCounty } from "../data/county.js"
import { workload } from "../harness.js"

const VILLAGES = 600
const EXERCISES = 100_000
const SLICE = 4 // villages per call

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
const options = { errors: "all", onExcessProperty: "ignore" } as const
const decodeList = Schema.decodeUnknownEither(PowerList.PowerList, options)
const decodeExercise = Schema.decodeUnknownEither(Exercise.Exercise, options)

interface Tally {
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

const validateAndCheck = (s: State, villages: ReadonlyArray<number>): Tally => {
  const t: Tally = { itemsMs: 0, itemsRulesMs: 0, items: 0, exercisesMs: 0, exercisesRulesMs: 0, exercises: 0, checksum: 0 }
  for (const v of villages) {
    const t0 = performance.now()
    const decoded = PowerList.decodeUnknown(s.lists[v])
    const t1 = performance.now()
    if (Either.isLeft(decoded)) throw new Error(`power-list: list ${v} does not decode`)
    const list = decoded.right
    const report = PowerList.check(list, Rulebook.defaults)
    const t2 = performance.now()
    t.itemsMs += t2 - t0
    t.itemsRulesMs += t2 - t1
    t.items += list.items.length
    t.checksum += report.diagnostics.length
    for (const input of s.exercisesOf[v]!) {
      const e0 = performance.now()
      const ex = Exercise.decodeUnknown(input)
      const e1 = performance.now()
      if (Either.isLeft(ex)) throw new Error("power-list: an exercise does not decode")
      const result = Exercise.checkInList(list, ex.right, Rulebook.defaults, WorkCalendar.china, { asOf: s.asOf })
      const e2 = performance.now()
      t.exercisesMs += e2 - e0
      t.exercisesRulesMs += e2 - e1
      t.exercises++
      t.checksum += result.findings.length
    }
  }
  return t
}

const decodeOnly = (s: State, villages: ReadonlyArray<number>): Tally => {
  const t: Tally = { itemsMs: 0, itemsRulesMs: 0, items: 0, exercisesMs: 0, exercisesRulesMs: 0, exercises: 0, checksum: 0 }
  for (const v of villages) {
    const t0 = performance.now()
    const list = decodeList(s.lists[v])
    t.itemsMs += performance.now() - t0
    if (Either.isLeft(list)) throw new Error(`power-list: list ${v} does not decode`)
    t.items += list.right.items.length
    for (const input of s.exercisesOf[v]!) {
      const e0 = performance.now()
      const ex = decodeExercise(input)
      t.exercisesMs += performance.now() - e0
      if (Either.isLeft(ex)) throw new Error("power-list: an exercise does not decode")
      t.exercises++
      t.checksum += ex.right.steps.length
    }
  }
  return t
}

const perSecond = (n: number, ms: number) => (n * 1000) / ms
// The whole county's seconds, from this slice's per-item and per-exercise costs.
const countySeconds = (t: Tally, itemsMs: number, exercisesMs: number, items: number) =>
  ((itemsMs / t.items) * items + (exercisesMs / t.exercises) * EXERCISES) / 1000

export const powerList = workload<State>({
  name: "power-list",
  unit: "villages/s",
  description: `a county of ${VILLAGES} lists × 57 items validated and ${EXERCISES.toLocaleString("en-US")} exercises checked (decode + rules), vs decode only`,
  target: {
    description: "cost ≤ 1.5× decode-only (ratio ≥ 0.67) and county rules ≤ 1 s",
    met: ({ ratio, extra }) => ratio >= 1 / 1.5 && (extra["countyRulesS"] ?? Infinity) <= 1
  },
  warmup: 1,
  repetitions: 7,
  minSampleMs: 0,
  setup: () => {
    const county = makeCounty({ villages: VILLAGES, exercises: EXERCISES })
    const exercisesOf: Array<Array<unknown>> = Array.from({ length: VILLAGES }, () => [])
    county.exercises.forEach((e, n) => exercisesOf[county.villageOf[n]!]!.push(e))
    const state: State = {
      lists: county.lists,
      exercisesOf,
      items: county.lists.reduce((n, l) => n + l.items.length, 0),
      asOf: county.asOf,
      run: { next: 0 },
      baseline: { next: 0 }
    }
    // Both sides must read the same data: the same items and exercises decode on either side.
    const a = validateAndCheck(state, [0, 1])
    const b = decodeOnly(state, [0, 1])
    if (a.items !== b.items || a.exercises !== b.exercises) throw new Error("power-list: baseline read other data")
    return state
  },
  run: (s) => {
    const t = validateAndCheck(s, slice(s, s.run))
    return {
      items: SLICE,
      seconds: (t.itemsMs + t.exercisesMs) / 1000,
      extra: {
        itemsPerS: perSecond(t.items, t.itemsMs),
        exercisesPerS: perSecond(t.exercises, t.exercisesMs),
        rulesItemsPerS: perSecond(t.items, t.itemsRulesMs),
        rulesExercisesPerS: perSecond(t.exercises, t.exercisesRulesMs),
        countyS: countySeconds(t, t.itemsMs, t.exercisesMs, s.items),
        countyRulesS: countySeconds(t, t.itemsRulesMs, t.exercisesRulesMs, s.items)
      }
    }
  },
  baseline: (s) => {
    const t = decodeOnly(s, slice(s, s.baseline))
    return {
      items: SLICE,
      seconds: (t.itemsMs + t.exercisesMs) / 1000,
      extra: {
        itemsPerS: perSecond(t.items, t.itemsMs),
        exercisesPerS: perSecond(t.exercises, t.exercisesMs),
        countyS: countySeconds(t, t.itemsMs, t.exercisesMs, s.items)
      }
    }
  }
})
