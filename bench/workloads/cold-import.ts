// What importing the built package costs a fresh Node process: `@qinglian/core` and each of its
// subpaths, each in a process of its own, against a process that imports only `effect/Effect` and
// `effect/Schema` (the floor any user of core pays). Also the first use of the shipped reference
// list after import (`PowerList.reference()` decodes it on that call).
//
// It measures the BUILT package (packages/core/dist, as users get it), so setup builds it when it
// is missing or older than a source file. Each child reports its own CPU time (user + system) at
// exit; the parent times the whole child (wall). The target reads CPU time, which a busy shared
// machine disturbs less than wall time; both are in the table.
import { cpuMs, ensureBuilt, report, spawnNode } from "../children.js"
import { median, workload } from "../harness.js"

/** The subpaths measured besides the root, as `@qinglian/core/<name>`. */
const subpaths = ["base", "org", "rulebook", "calendar", "storage", "powerlist", "supervision", "village", "examples"]

/** At most this many ms of CPU over the effect-only process, as a median. */
const TARGET_MS = 150

const TAG = "cold-import"

interface Child {
  readonly wallMs: number
  readonly cpuMs: number
}

// Each child reports its CPU time at exit.
const child = (code: string): Child => {
  const c = spawnNode(TAG, `${code}; ${report(TAG, [cpuMs])}`)
  return { wallMs: c.wallMs, cpuMs: c.figures[0]! }
}

const importing = (specifier: string): Child => child(`await import(${JSON.stringify(specifier)})`)

// Time from the end of the import to the end of the first `PowerList.reference()`, in the child.
const firstUse = (): number =>
  spawnNode(
    TAG,
    `const m = await import("@qinglian/core"); const t = performance.now(); ` +
      `if (m.PowerList.reference().items.length !== 57) throw new Error("wrong reference list"); ` +
      report(TAG, ["performance.now() - t"])
  ).figures[0]!

interface State {
  readonly samples: Record<string, Array<number>>
}

const record = (s: State, key: string, value: number): number => {
  ;(s.samples[key] ??= []).push(value)
  return value
}

export const coldImport = workload<State>({
  name: "cold-import",
  unit: "imports/s",
  description: "a fresh Node process importing the built @qinglian/core (and, in extra, each subpath and the first " +
    "PowerList.reference()), vs one importing effect/Effect and effect/Schema alone",
  target: {
    description: `median CPU of the root import ≤ ${TARGET_MS} ms over the effect-only process`,
    met: ({ extra }) => (extra["cpuMs"] ?? Infinity) - (extra["baseline.cpuMs"] ?? 0) <= TARGET_MS
  },
  warmup: 1,
  repetitions: 9,
  minSampleMs: 0,
  setup: () => {
    ensureBuilt(TAG, "core", ["npm", "run", "build", "-w", "@qinglian/core"])
    // Every specifier must load before anything is timed.
    for (const s of ["", ...subpaths]) importing(s === "" ? "@qinglian/core" : `@qinglian/core/${s}`)
    return { samples: {} }
  },
  run: (s) => {
    const rootImport = importing("@qinglian/core")
    const extra: Record<string, number> = {
      ms: record(s, "root.ms", rootImport.wallMs),
      cpuMs: record(s, "root.cpuMs", rootImport.cpuMs),
      firstUseMs: record(s, "firstUse.ms", firstUse())
    }
    for (const sub of subpaths) extra[`${sub}.cpuMs`] = record(s, `${sub}.cpuMs`, importing(`@qinglian/core/${sub}`).cpuMs)
    return { items: 1, seconds: rootImport.wallMs / 1000, extra }
  },
  baseline: (s) => {
    const effectOnly = child(`await import("effect/Effect"); await import("effect/Schema")`)
    return {
      items: 1,
      seconds: effectOnly.wallMs / 1000,
      extra: { ms: record(s, "effect.ms", effectOnly.wallMs), cpuMs: record(s, "effect.cpuMs", effectOnly.cpuMs) }
    }
  },
  teardown: (s) => {
    // The differences the target is about, per specifier, beside the table. The first sample of
    // each is the warm-up's.
    const m = (key: string) => median((s.samples[key] ?? []).slice(1))
    const lines = [
      `cold-import: medians over ${(s.samples["effect.cpuMs"]?.length ?? 1) - 1} runs, CPU ms (difference from effect-only)`,
      `  effect/Effect + effect/Schema  ${m("effect.cpuMs").toFixed(0)} ms CPU, ${m("effect.ms").toFixed(0)} ms wall`,
      `  @qinglian/core                 +${(m("root.cpuMs") - m("effect.cpuMs")).toFixed(0)} ms CPU, ` +
      `+${(m("root.ms") - m("effect.ms")).toFixed(0)} ms wall`,
      ...subpaths.map((sub) => `  @qinglian/core/${sub.padEnd(15)} +${(m(`${sub}.cpuMs`) - m("effect.cpuMs")).toFixed(0)} ms CPU`),
      `  first PowerList.reference()    ${m("firstUse.ms").toFixed(0)} ms`
    ]
    process.stderr.write(`${lines.join("\n")}\n`)
  }
})
