// What the workloads that time a fresh Node process share: running a child on the BUILT packages
// (as users get them) and reading the figures it reports, and building a package when its dist is
// missing or older than its sources.
import { spawnSync } from "node:child_process"
import { existsSync, readdirSync, statSync } from "node:fs"
import { join } from "node:path"
import { performance } from "node:perf_hooks"
import { fileURLToPath } from "node:url"

/** The repository's root. */
export const root = fileURLToPath(new URL("..", import.meta.url))

// The bench runs under tsx with the `source` condition; the children must load plain built files.
const env = { ...process.env }
delete env["NODE_OPTIONS"]

/** A child process's run: its wall time as the parent saw it, and the figures it reported. */
export interface Child {
  readonly wallMs: number
  readonly figures: ReadonlyArray<number>
  readonly stdout: string
}

/**
 * The code a child ends with to report `figures` (JavaScript expressions) on one line tagged
 * `tag`, which {@link spawnNode} reads back.
 */
export const report = (tag: string, figures: ReadonlyArray<string>): string =>
  `console.log(${JSON.stringify(`${tag}:`)} + [${figures.join(", ")}].join(","))`

/** Runs `code` as an ES module in a fresh Node process and reads the line {@link report} wrote. */
export const spawnNode = (tag: string, code: string): Child => {
  const start = performance.now()
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", code], { cwd: root, env, encoding: "utf8" })
  const wallMs = performance.now() - start
  const line = child.stdout.split("\n").find((l) => l.startsWith(`${tag}:`))
  if (child.status !== 0 || line === undefined) {
    throw new Error(`${tag}: child ended with status ${child.status}:\n${child.stderr}`)
  }
  return { wallMs, figures: line.slice(tag.length + 1).split(",").map(Number), stdout: child.stdout }
}

/** The child's CPU time so far (user + system), in ms, as an expression for {@link report}. */
export const cpuMs = "((u) => (u.user + u.system) / 1000)(process.cpuUsage())"

const newestIn = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const path = join(dir, entry.name)
    return Math.max(newest, entry.isDirectory() ? newestIn(path) : statSync(path).mtimeMs)
  }, 0)

/**
 * Builds `packages/<pkg>` with `command` (run in `cwd`, the root by default) when its
 * `dist/index.js` is missing or older than a file of its `src`, so the figures are for this code.
 */
export const ensureBuilt = (tag: string, pkg: string, command: ReadonlyArray<string>, cwd: string = root): void => {
  const dir = join(root, "packages", pkg)
  const built = join(dir, "dist/index.js")
  if (existsSync(built) && statSync(built).mtimeMs >= newestIn(join(dir, "src"))) return
  process.stderr.write(`${tag}: building packages/${pkg} (${command.join(" ")}) …\n`)
  const [cmd, ...args] = command
  const build = spawnSync(cmd!, args, { cwd, stdio: ["ignore", 2, 2] })
  if (build.status !== 0) throw new Error(`${tag}: the build of packages/${pkg} failed (status ${build.status})`)
}
