// `npm run bench` runs every workload; `npm run bench -- NAME [NAME…]` runs the ones named.
// Prints a table and records the rows in bench/results.json (rows of other workloads are kept).
// Exits 1 when a target is not met, or a name is unknown.
//
// Each workload runs in a process of its own, so none measures the heap another left behind (an
// ingest of 500,000 documents makes every later collection slower).
import { spawnSync } from "node:child_process"
import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { measure, type Result, table } from "./harness.js"
import { workloads } from "./workloads/index.js"

const resultsFile = fileURLToPath(new URL("./results.json", import.meta.url))

const CHILD = "--child"
const RESULT = "bench-result:"

const names = process.argv.slice(2).filter((a) => !a.startsWith("-"))
const unknown = names.filter((n) => !workloads.some((w) => w.name === n))
if (unknown.length > 0) {
  console.error(`unknown workload(s): ${unknown.join(", ")}; known: ${workloads.map((w) => w.name).join(", ")}`)
  process.exit(1)
}
const selected = names.length === 0 ? workloads : workloads.filter((w) => names.includes(w.name))

if (process.argv.includes(CHILD)) {
  // One workload, in this process: the result goes to the parent as one line.
  const result = await measure(selected[0]!)
  process.stdout.write(`${RESULT}${JSON.stringify(result)}\n`)
  process.exit(0)
}

const runAlone = (name: string): Result => {
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), CHILD, name], {
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024
  })
  const line = child.stdout.split("\n").find((l) => l.startsWith(RESULT))
  if (child.status !== 0 || line === undefined) {
    throw new Error(`bench: ${name} ended with status ${child.status}${child.stdout === "" ? "" : `:\n${child.stdout}`}`)
  }
  // JSON has no NaN (a figure not measured): it comes back as null.
  return JSON.parse(line.slice(RESULT.length), (_, v: unknown) => (v === null ? Number.NaN : v)) as Result
}

const results: Array<Result> = []
for (const w of selected) {
  process.stderr.write(`running ${w.name} …\n`)
  results.push(runAlone(w.name))
}

console.log(`node ${process.version}, ${process.platform}/${process.arch}; figures are medians, baseline measured beside each\n`)
console.log(table(results))

interface Recorded extends Result {
  readonly node: string
  readonly measuredAt: string
}
const previous: ReadonlyArray<Recorded> = existsSync(resultsFile)
  ? (JSON.parse(readFileSync(resultsFile, "utf8")) as ReadonlyArray<Recorded>)
  : []
const now = new Date().toISOString()
const fresh: Array<Recorded> = results.map((r) => ({ ...r, node: process.version, measuredAt: now }))
const order = workloads.map((w) => w.name)
const merged = [...previous.filter((p) => !fresh.some((f) => f.name === p.name)), ...fresh]
  .filter((r) => order.includes(r.name))
  .sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name))
writeFileSync(resultsFile, `${JSON.stringify(merged, null, 2)}\n`)
console.log(`\nwrote ${merged.length} result(s) to bench/results.json`)

const missed = results.filter((r) => !r.met)
if (missed.length > 0) {
  console.error(`target not met: ${missed.map((r) => r.name).join(", ")}`)
  process.exitCode = 1
}
