// The benchmark harness. A workload measures one thing and, in the same process and the same
// repetitions, a baseline doing the simplest equivalent work, so that the ratio between the two
// means something on any machine. Every figure reported is the median of the repetitions.
import { performance } from "node:perf_hooks"

/**
 * What one call of `run` or `baseline` did: how many items it processed, and optionally extra
 * measurements it took itself (a latency in ms, a peak size …), keyed by a name that carries its
 * unit (`p99Ms`, `rssMiB`).
 */
export type Sample =
  | number
  | {
    readonly items: number
    readonly extra?: Readonly<Record<string, number>>
    /**
     * The seconds this call's items took, when the workload timed them itself (to leave out
     * per-call preparation such as creating a fresh database). Otherwise wall time is used.
     */
    readonly seconds?: number
  }

/** What a target is judged on: medians of the measured side and of the baseline. */
export interface Figures {
  /** The workload's figure: items per second, median over repetitions. */
  readonly figure: number
  /** The baseline's figure in the same unit, measured beside it. */
  readonly baseline: number
  /** figure / baseline. */
  readonly ratio: number
  /**
   * The same figures per second of this process's CPU time (user + system) rather than wall time:
   * steadier on a shared machine. `NaN` when the workload times itself (`seconds`).
   */
  readonly cpu: { readonly figure: number; readonly baseline: number; readonly ratio: number }
  /** Medians of the extra measurements `run` reported (and `baseline`'s, prefixed `baseline.`). */
  readonly extra: Readonly<Record<string, number>>
}

/**
 * A benchmark. `run` and `baseline` are called many times on the state `setup` built; each call
 * returns how many items it processed. The figure is items per second.
 */
export interface Workload<S = unknown> {
  readonly name: string
  /** The unit of the figure, e.g. `"resolutions/s"`. */
  readonly unit: string
  /** What is being compared, for the reader of the table. */
  readonly description: string
  readonly target: {
    /** The target as people read it: `"≥ 100,000/s"`, `"≥ 0.5× baseline and p99 ≤ 2 ms"`. */
    readonly description: string
    readonly met: (figures: Figures) => boolean
  }
  readonly setup: () => S | Promise<S>
  /** The measured thing. */
  readonly run: (state: S) => Sample | Promise<Sample>
  /** The simplest equivalent work, run beside `run` in the same process. */
  readonly baseline: (state: S) => Sample | Promise<Sample>
  readonly teardown?: (state: S) => void | Promise<void>
  /** Repetitions thrown away before measuring (JIT warm-up). Default 3. */
  readonly warmup?: number
  /** Measured repetitions; the median is reported. Default 9. */
  readonly repetitions?: number
  /** A repetition calls `run` (or `baseline`) until at least this long has passed. Default 200. */
  readonly minSampleMs?: number
}

/** One row of the results: what `bench/results.json` holds per workload. */
export interface Result {
  readonly name: string
  readonly unit: string
  readonly figure: number
  readonly baseline: number
  readonly ratio: number
  /** Items per CPU-second of the process, median, for both sides (see {@link Figures}). */
  readonly cpu: Figures["cpu"]
  readonly target: string
  readonly met: boolean
  readonly extra: Readonly<Record<string, number>>
  readonly description: string
  readonly repetitions: number
  /** Spread of the measured side: (max - min) / median, so a noisy figure shows as noisy. */
  readonly spread: number
}

/** Lets a workload be typed by its state and still sit in one list with the others. */
export const workload = <S>(w: Workload<S>): Workload<unknown> => w as unknown as Workload<unknown>

export const median = (xs: ReadonlyArray<number>): number => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length === 0 ? Number.NaN : s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

/** A percentile of samples (nearest rank), for workloads that time single operations. */
export const percentile = (xs: ReadonlyArray<number>, p: number): number => {
  const s = [...xs].sort((a, b) => a - b)
  if (s.length === 0) return Number.NaN
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!
}

interface Repetition {
  readonly perSecond: number
  readonly perCpuSecond: number
  readonly extra: Record<string, Array<number>>
}

const itemsOf = (s: Sample) =>
  typeof s === "number" ? { items: s, extra: {}, seconds: undefined } : { items: s.items, extra: s.extra ?? {}, seconds: s.seconds }

const repetition = async <S>(fn: (s: S) => Sample | Promise<Sample>, state: S, minMs: number): Promise<Repetition> => {
  let items = 0
  let selfTimed = 0
  let allSelfTimed = true
  const extra: Record<string, Array<number>> = {}
  const cpu0 = process.cpuUsage()
  const start = performance.now()
  let elapsed = 0
  do {
    const r = itemsOf(await fn(state))
    items += r.items
    if (r.seconds === undefined) allSelfTimed = false
    else selfTimed += r.seconds
    for (const [k, v] of Object.entries(r.extra)) (extra[k] ??= []).push(v)
    elapsed = performance.now() - start
  } while (elapsed < minMs)
  const cpu = process.cpuUsage(cpu0)
  const seconds = allSelfTimed ? selfTimed : elapsed / 1000
  const perCpuSecond = allSelfTimed ? Number.NaN : items / ((cpu.user + cpu.system) / 1e6)
  return { perSecond: items / seconds, perCpuSecond, extra }
}

/** Measures one workload: warm-up, then alternating repetitions of `run` and `baseline`. */
export const measure = async (w: Workload<unknown>): Promise<Result> => {
  const warmup = w.warmup ?? 3
  const repetitions = w.repetitions ?? 9
  const minMs = w.minSampleMs ?? 200
  const state = await w.setup()
  try {
    for (let i = 0; i < warmup; i++) {
      await repetition(w.run, state, minMs / 4)
      await repetition(w.baseline, state, minMs / 4)
    }
    const runs: Array<number> = []
    const bases: Array<number> = []
    const cpuRuns: Array<number> = []
    const cpuBases: Array<number> = []
    const extras: Record<string, Array<number>> = {}
    for (let i = 0; i < repetitions; i++) {
      // Alternate, and swap which goes first, so drift (GC, thermal) falls on both sides alike.
      const first = i % 2 === 0
      const a = first ? await repetition(w.run, state, minMs) : undefined
      const b = await repetition(w.baseline, state, minMs)
      const r = a ?? (await repetition(w.run, state, minMs))
      runs.push(r.perSecond)
      bases.push(b.perSecond)
      cpuRuns.push(r.perCpuSecond)
      cpuBases.push(b.perCpuSecond)
      for (const [k, vs] of Object.entries(r.extra)) (extras[k] ??= []).push(median(vs))
      for (const [k, vs] of Object.entries(b.extra)) (extras[`baseline.${k}`] ??= []).push(median(vs))
    }
    const figure = median(runs)
    const baseline = median(bases)
    const extra = Object.fromEntries(Object.entries(extras).map(([k, vs]) => [k, median(vs)]))
    const cpuFigure = median(cpuRuns)
    const cpuBaseline = median(cpuBases)
    const cpu = { figure: cpuFigure, baseline: cpuBaseline, ratio: cpuFigure / cpuBaseline }
    const figures: Figures = { figure, baseline, ratio: figure / baseline, cpu, extra }
    return {
      name: w.name,
      unit: w.unit,
      figure,
      baseline,
      ratio: figures.ratio,
      cpu,
      target: w.target.description,
      met: w.target.met(figures),
      extra,
      description: w.description,
      repetitions,
      spread: (Math.max(...runs) - Math.min(...runs)) / figure
    }
  } finally {
    await w.teardown?.(state)
  }
}

const fmt = (n: number): string =>
  !Number.isFinite(n) ? String(n) : Math.abs(n) >= 100 ? Math.round(n).toLocaleString("en-US") : n.toPrecision(3)

const ratio = (x: number): string => `${x >= 0.1 ? x.toFixed(2) : x.toPrecision(2)}×`

/** The results as a plain-text table. */
export const table = (results: ReadonlyArray<Result>): string => {
  const header = ["workload", "unit", "figure", "±", "baseline", "ratio", "cpu ratio", "extra", "target", "met"]
  const rows = results.map((r) => [
    r.name,
    r.unit,
    fmt(r.figure),
    `${Math.round(r.spread * 100)}%`,
    fmt(r.baseline),
    ratio(r.ratio),
    Number.isNaN(r.cpu.ratio) ? "-" : ratio(r.cpu.ratio),
    Object.entries(r.extra).map(([k, v]) => `${k}=${fmt(v)}`).join(" ") || "-",
    r.target,
    r.met ? "yes" : "NO"
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)))
  const line = (cells: ReadonlyArray<string>) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd()
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n")
}
