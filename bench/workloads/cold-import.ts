// What importing the built package costs a fresh Node process: `@qinglian/core` and each of its
// subpaths, each in a process of its own, against a process that imports only `effect/Effect` and
// `effect/Schema` (the floor any user of core pays). Also the first use of the shipped reference
// list after import (`PowerList.reference()` decodes it on that call).
//
// It measures the BUILT package (packages/core/dist, as users get it), so setup builds it when it
// is missing or older than a source file. Each child reports its own CPU time (user + system) at
// exit; the parent times the whole child (wall). The target reads CPU time, which a busy shared
// machine disturbs less than wall time; both are in the table.
import { spawnSync } from "node:child_process"
import { existsSync, readdirSync, statSync } from "node:fs"
import { join } from "node:path"
import { performance } from "node:perf_hooks"
import { fileURLToPath } from "node:url"
import { median, workload } from "../harness.js"

const root = fileURLToPath(new URL("../..", import.meta.url))
const core = join(root, "packages/core")

/** The subpaths measured besides the root, as `@qinglian/core/<name>`. */
const subpaths = ["base", "org", "rulebook", "calendar", "storage", "powerlist", "supervision", "village", "examples"]

/** At most this many ms of CPU over the effect-only process, as a median. */
const TARGET_MS = 150

const env = { ...process.env }
// The bench runs under tsx with the `source` condition; the children must load plain built files.
delete env["NODE_OPTIONS"]

const REPORT = "cold-import:"
const cpuAtExit = `const u = process.cpuUsage(); console.log(${JSON.stringify(REPORT)} + (u.user + u.system) / 1000)`

interface Child {
  readonly wallMs: number
  readonly cpuMs: number
  readonly output: string
}

const spawnNode = (code: string): Child => {
  const start = performance.now()
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", code], { cwd: root, env, encoding: "utf8" })
  const wallMs = performance.now() - start
  const line = child.stdout.split("\n").find((l) => l.startsWith(REPORT))
  if (child.status !== 0 || line === undefined) {
    throw new Error(`cold-import: child ended with status ${child.status}:\n${child.stderr}`)
  }
  return { wallMs, cpuMs: Number(line.slice(REPORT.length)), output: child.stdout }
}

const importing = (specifier: string): Child => spawnNode(`await import(${JSON.stringify(specifier)}); ${cpuAtExit}`)

// Time from the end of the import to the end of the first `PowerList.reference()`, in the child.
const firstUse = (): number => {
  const child = spawnNode(
    `const m = await import("@qinglian/core"); const t = performance.now(); ` +
      `if (m.PowerList.reference().items.length !== 57) throw new Error("wrong reference list"); ` +
      `console.log("first-use:" + (performance.now() - t)); ${cpuAtExit}`
  )
  return Number(child.output.split("\n").find((l) => l.startsWith("first-use:"))!.slice("first-use:".length))
}

const newestIn = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const path = join(dir, entry.name)
    return Math.max(newest, entry.isDirectory() ? newestIn(path) : statSync(path).mtimeMs)
  }, 0)

// Builds core when its dist is missing or older than its sources, so the figures are for this code.
const ensureBuilt = (): void => {
  const built = join(core, "dist/index.js")
  if (existsSync(built) && statSync(built).mtimeMs >= newestIn(join(core, "src"))) return
  process.stderr.write("cold-import: building @qinglian/core (npm run build -w @qinglian/core) …\n")
  const build = spawnSync("npm", ["run", "build", "-w", "@qinglian/core"], { cwd: root, stdio: ["ignore", 2, 2] })
  if (build.status !== 0) throw new Error(`cold-import: the build of @qinglian/core failed (status ${build.status})`)
}

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
    ensureBuilt()
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
    const effectOnly = spawnNode(`await import("effect/Effect"); await import("effect/Schema"); ${cpuAtExit}`)
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
