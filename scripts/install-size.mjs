// What an app pays on disk to install `@qinglian/node` with SQLite, against `effect` alone.
//
// Packs the workspace packages `@qinglian/node` needs (core, scoring, storage-memory,
// storage-sqlite and node itself) with `npm pack`, installs the tarballs into a scratch project
// with `npm install --omit=dev --ignore-scripts` from npm's cache (`--prefer-offline`), and sums the
// bytes of every file under its node_modules. A second scratch project installs `effect` alone at
// the version the workspace uses.
//
// Install scripts are skipped, so better-sqlite3 is not compiled here (it takes minutes: its
// prebuilt download is unreachable). The size of the compiled addon, which a real install adds,
// is taken from the workspace's own build (node_modules/better-sqlite3/build/Release/*.node) and
// reported beside the total, and added to `nodeWithSqliteBytes`.
//
// The packages must be built first (their dist is packed): `npm run build`, or the JS alone with
// `npx tsup` in each package (what bench/workloads/node-cold-start.ts does).
//
//   node scripts/install-size.mjs          # prints one JSON object
import { execFileSync } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("..", import.meta.url))
const packages = ["core", "scoring", "storage-memory", "storage-sqlite", "node"]

/** Bytes of every regular file under `dir` (symlinks not followed, so nothing is counted twice). */
const bytesUnder = (dir) => {
  let total = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    if (entry.isDirectory()) total += bytesUnder(p)
    else if (entry.isFile()) total += fs.statSync(p).size
  }
  return total
}

const countPackages = (dir) => {
  let n = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith(".")) continue
    if (entry.name.startsWith("@")) n += countPackages(path.join(dir, entry.name))
    else n++
  }
  return n
}

const npm = (args, cwd) => execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] })

const install = (dir, dependencies) => {
  fs.mkdirSync(dir, { recursive: true })
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "scratch", private: true, type: "module", dependencies }, null, 2))
  npm(["install", "--omit=dev", "--ignore-scripts", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], dir)
  const modules = path.join(dir, "node_modules")
  return { bytes: bytesUnder(modules), packages: countPackages(modules), largest: largest(modules) }
}

/** The ten largest installed packages, with their bytes (what to look at to make the install smaller). */
const largest = (modules) => {
  const sizes = []
  for (const entry of fs.readdirSync(modules, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith(".")) continue
    const names = entry.name.startsWith("@")
      ? fs.readdirSync(path.join(modules, entry.name)).map((n) => `${entry.name}/${n}`)
      : [entry.name]
    for (const name of names) sizes.push([name, bytesUnder(path.join(modules, name))])
  }
  return Object.fromEntries(sizes.sort((a, b) => b[1] - a[1]).slice(0, 10))
}

/** Measures both installs in a fresh temporary directory, which it removes. */
export const measureInstallSize = () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "qinglian-install-size-"))
  try {
    const tarballs = path.join(tmp, "tarballs")
    fs.mkdirSync(tarballs)
    const deps = {}
    for (const pkg of packages) {
      const dir = path.join(root, "packages", pkg)
      if (!fs.existsSync(path.join(dir, "dist"))) throw new Error(`packages/${pkg} is not built (no dist): run npm run build`)
      const [packed] = JSON.parse(npm(["pack", "--json", "--pack-destination", tarballs], dir))
      deps[packed.name] = `file:${path.join(tarballs, packed.filename)}`
    }
    const effectVersion = JSON.parse(fs.readFileSync(path.join(root, "node_modules/effect/package.json"), "utf8")).version
    const node = install(path.join(tmp, "node"), deps)
    const effect = install(path.join(tmp, "effect"), { effect: effectVersion })
    const release = path.join(root, "node_modules/better-sqlite3/build/Release")
    const addonBytes = fs.existsSync(release)
      ? fs.readdirSync(release).filter((f) => f.endsWith(".node")).reduce((n, f) => n + fs.statSync(path.join(release, f)).size, 0)
      : 0
    return {
      nodeWithSqliteBytes: node.bytes + addonBytes,
      nodeWithSqlitePackages: node.packages,
      nodeWithoutAddonBytes: node.bytes,
      sqliteAddonBytes: addonBytes,
      effectBytes: effect.bytes,
      effectPackages: effect.packages,
      effectVersion,
      largest: node.largest,
      ratio: (node.bytes + addonBytes) / effect.bytes
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true })
  }
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(measureInstallSize(), null, 2))
}
