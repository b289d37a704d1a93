// What an app without Effect pays to start: a fresh Node process that imports the built
// `@qinglian/node`, opens it on SQLite (`{ sqlite: ":memory:" }`, so better-sqlite3 loads and the
// migrations run) and gets the answer of its first `powerLists.validate` on the county-shaped
// reference list, against a process that imports `effect` alone. In extra: the same on memory
// storage, and the install size of `@qinglian/node` with SQLite against `effect` alone
// (scripts/install-size.mjs, measured once in setup).
//
// Each child reports the time from its own start (performance.timeOrigin) to the answer, and its
// CPU time (user + system) at that moment; the parent times the whole child (wall). It measures
// the BUILT packages, as users get them: setup builds each when it is missing or older than a
// source file.
import { spawnSync } from "node:child_process"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { PowerList } from "@qinglian/core"
import * as Schema from "effect/Schema"
import { cpuMs, ensureBuilt, report, root, spawnNode } from "../children.js"
import { median, workload } from "../harness.js"

const TAG = "node-cold-start"

const env = { ...process.env }
// The bench runs under tsx with the `source` condition; the install-size script must not.
delete env["NODE_OPTIONS"]

interface Child {
  readonly wallMs: number
  /** From the child's start to the answer. */
  readonly readyMs: number
  /** The child's CPU time when it had the answer. */
  readonly cpuMs: number
}

// Each child reports the time from its start to the answer and its CPU time then, and runs `after`.
const child = (code: string, after = ""): Child => {
  const c = spawnNode(TAG, `${code}; ${report(TAG, ["performance.now()", cpuMs])}; ${after}`)
  return { wallMs: c.wallMs, readyMs: c.figures[0]!, cpuMs: c.figures[1]! }
}

// The list is read before anything is imported, so both sides start from the same point. The
// instance closes after the answer is reported.
const firstValidate = (file: string, storage: string) =>
  child(
    `import { readFileSync } from "node:fs"; const text = readFileSync(${JSON.stringify(file)}, "utf8"); ` +
      `const { createQinglian } = await import("@qinglian/node"); ` +
      `const ql = await createQinglian({ storage: ${storage} }); ` +
      `const report = await ql.powerLists.validate(text); ` +
      `if (!report.ok) throw new Error("the list did not validate")`,
    "await ql.close()"
  )

const effectAlone = () => child(`await import("effect")`)

// Each package, built when missing or older than its sources: the dependencies with their own
// build (as cold-import does for core), so their declarations stay in place for everyone else;
// @qinglian/node's JavaScript alone (tsup without its config, which neither cleans dist nor
// builds the command line), as nothing here needs its declarations.
const ensureAllBuilt = (): void => {
  for (const pkg of ["core", "scoring", "storage-memory", "storage-sqlite"]) {
    ensureBuilt(TAG, pkg, ["npm", "run", "build", "-w", `@qinglian/${pkg}`])
  }
  ensureBuilt(TAG, "node", ["npx", "tsup", "src/index.ts", "--no-config", "--format", "esm,cjs", "--target", "node20", "--sourcemap"], join(root, "packages/node"))
}

interface State {
  readonly dir: string
  readonly file: string
  readonly install: Readonly<Record<string, number>>
  readonly samples: Record<string, Array<number>>
}

const record = (s: State, key: string, value: number): number => {
  ;(s.samples[key] ??= []).push(value)
  return value
}

const MiB = 1024 * 1024

export const nodeColdStart = workload<State>({
  name: "node-cold-start",
  unit: "cold starts/s",
  description: "a fresh Node process importing the built @qinglian/node, opening it on SQLite (:memory:) and getting its first " +
    "powerLists.validate of the 57-item list, vs one importing effect alone; extra: the same on memory storage, and the " +
    "install size of @qinglian/node with SQLite vs effect alone (scripts/install-size.mjs)",
  target: {
    description: "reported; no fixed target",
    met: () => true
  },
  warmup: 1,
  repetitions: 9,
  minSampleMs: 0,
  setup: () => {
    ensureAllBuilt()
    const dir = mkdtempSync(join(tmpdir(), "qinglian-cold-start-"))
    const file = join(dir, "list.json")
    writeFileSync(file, JSON.stringify({
      ...Schema.encodeSync(PowerList.PowerList)(PowerList.reference()),
      id: "140525-micro-power",
      version: "2026.1",
      effectiveFrom: "2026-01-01",
      jurisdiction: { level: "county", code: "140525", name: "泽州县" }
    }))
    // Both sides must work before anything is timed.
    firstValidate(file, `{ sqlite: ":memory:" }`)
    firstValidate(file, `{ memory: true }`)
    effectAlone()
    process.stderr.write("node-cold-start: measuring the install size (npm pack + npm install from the cache) …\n")
    let install: Record<string, number> = {}
    const measured = spawnSync(process.execPath, [join(root, "scripts/install-size.mjs")], { cwd: root, env, encoding: "utf8" })
    try {
      if (measured.status !== 0) throw new Error(measured.stderr)
      const size = JSON.parse(measured.stdout) as {
        readonly nodeWithSqliteBytes: number
        readonly nodeWithSqlitePackages: number
        readonly sqliteAddonBytes: number
        readonly effectBytes: number
        readonly ratio: number
      }
      install = {
        installMiB: size.nodeWithSqliteBytes / MiB,
        installPackages: size.nodeWithSqlitePackages,
        sqliteAddonMiB: size.sqliteAddonBytes / MiB,
        effectInstallMiB: size.effectBytes / MiB,
        installRatio: size.ratio
      }
    } catch (e) {
      process.stderr.write(`node-cold-start: install size not measured: ${e instanceof Error ? e.message : String(e)}\n`)
    }
    return { dir, file, install, samples: {} }
  },
  run: (s) => {
    const sqlite = firstValidate(s.file, `{ sqlite: ":memory:" }`)
    const memory = firstValidate(s.file, `{ memory: true }`)
    return {
      items: 1,
      seconds: sqlite.readyMs / 1000,
      extra: {
        readyMs: record(s, "sqlite.readyMs", sqlite.readyMs),
        cpuMs: record(s, "sqlite.cpuMs", sqlite.cpuMs),
        wallMs: sqlite.wallMs,
        memoryReadyMs: record(s, "memory.readyMs", memory.readyMs),
        memoryCpuMs: memory.cpuMs,
        ...s.install
      }
    }
  },
  baseline: (s) => {
    const child = effectAlone()
    return {
      items: 1,
      seconds: child.readyMs / 1000,
      extra: { readyMs: record(s, "effect.readyMs", child.readyMs), cpuMs: record(s, "effect.cpuMs", child.cpuMs), wallMs: child.wallMs }
    }
  },
  teardown: (s) => {
    rmSync(s.dir, { recursive: true, force: true })
    const m = (key: string) => median((s.samples[key] ?? []).slice(1))
    const lines = [
      `node-cold-start: medians over ${(s.samples["effect.readyMs"]?.length ?? 1) - 1} runs, from process start`,
      `  import effect                               ${m("effect.readyMs").toFixed(0)} ms (${m("effect.cpuMs").toFixed(0)} ms CPU)`,
      `  @qinglian/node on SQLite, first validate    ${m("sqlite.readyMs").toFixed(0)} ms (${m("sqlite.cpuMs").toFixed(0)} ms CPU)`,
      `  @qinglian/node on memory, first validate    ${m("memory.readyMs").toFixed(0)} ms`,
      ...(s.install["installMiB"] === undefined
        ? []
        : [
          `  install: @qinglian/node with SQLite ${s.install["installMiB"].toFixed(1)} MiB in ${s.install["installPackages"]} packages ` +
          `vs effect ${s.install["effectInstallMiB"]?.toFixed(1)} MiB (${s.install["installRatio"]?.toFixed(2)}×)`
        ])
    ]
    process.stderr.write(`${lines.join("\n")}\n`)
  }
})
