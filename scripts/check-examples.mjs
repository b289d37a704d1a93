#!/usr/bin/env node
// The examples as a stranger runs them: against the packed tarballs, never against our sources.
// Run after `npm run build` (`npm run check:packages` runs it last). It
//
// 1. packs every public package under packages/ and installs all the tarballs together in a
//    scratch project in the system temp dir (outside this checkout, so nothing can resolve from
//    our node_modules by accident). Third-party packages are linked from this checkout's
//    node_modules, so the install needs no network (`npm install --offline`): every dependency and
//    peer dependency of the packages, and every package an example imports;
// 2. copies each .ts file of examples/ (sub-folders too) twice, as .mts (ESM) and as .cts
//    (CommonJS). Nothing is rewritten but extensions: the file's own, and `.js` → `.mjs`/`.cjs` in
//    its relative imports (so `./custom-adapter/MeteredStorage.js` names the copy beside it);
// 3. writes a program per module system that touches every runtime export of every package and
//    of each subpath, as a value (`Core.Ids.CaseId`): a value that the declarations export as a
//    type only (`export { type X as Y }`) is an error there even when no example uses it;
// 4. type-checks all of it with one `tsc` (module nodenext, strict, exactOptionalPropertyTypes,
//    declarations of the packages checked too), which also emits .mjs/.cjs; the example at the top
//    of each namespace's API page is type-checked in the same run, as a .mts file;
// 5. runs every top-level example, ESM and CommonJS, with node, and compares its exit code with
//    the one expected and the two runs' output with each other (its working directory, hashes and
//    timestamps masked).
//
// Exits non-zero on any type error, unexpected exit code or differing output.
// Usage: node scripts/check-examples.mjs [--keep] [--skip=<package name>]...
//   --keep leaves the scratch project in place; --skip leaves out a package under construction
//   (an example that imports it then fails, as it should).
import { execFile } from "node:child_process"
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join, relative, resolve } from "node:path"
import { fileURLToPath } from "node:url"

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..")
const examplesDir = join(root, "examples")
const keep = process.argv.includes("--keep")
const skip = new Set(process.argv.filter((a) => a.startsWith("--skip=")).map((a) => a.slice("--skip=".length)))
const started = Date.now()
const seconds = () => `${((Date.now() - started) / 1000).toFixed(0)}s`

// Examples that cannot be CommonJS, each with the reason. They are still checked and run as ESM.
// (Top-level await is not a reason: wrap it in an async main. Nor is import.meta.url for a default
// path: resolve it from the working directory.)
const esmOnlyExamples = {}

// Exit codes other than 0 that an example means to give when run without arguments.
const expectedExit = {
  // It checks the faulty 西属村 exercise by default: findings that are errors exit 1.
  "check-exercise.ts": 1
}

// Packages published as ESM only (also listed in scripts/check-packages.mjs): not required from
// the CommonJS bindings program.
const esmOnlyPackages = new Set(["@qinglian/storage-conformance"])

const run = (cmd, args, cwd, { env = process.env, timeout = 600_000 } = {}) =>
  new Promise((resolvePromise) => {
    execFile(
      cmd,
      args,
      { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024, timeout, env: { ...env, NO_COLOR: "1", FORCE_COLOR: "0" } },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1
        resolvePromise({ code, stdout, stderr: error?.signal ? `${stderr}\nkilled by ${error.signal}` : stderr })
      }
    )
  })
const npm = process.platform === "win32" ? "npm.cmd" : "npm"

// Runs `jobs` (functions returning promises) two at a time: the machines this runs on are small.
const pool = async (jobs, width = 2) => {
  const results = new Array(jobs.length)
  let next = 0
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < jobs.length) {
        const i = next++
        results[i] = await jobs[i]()
      }
    })
  )
  return results
}

const walk = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? walk(join(dir, d.name)) : d.name.endsWith(".ts") ? [join(dir, d.name)] : []
  )

// The package a bare import specifier names: `effect/Effect` → effect, `@a/b/c` → @a/b.
const packageOf = (specifier) => {
  if (specifier.startsWith(".") || specifier.startsWith("node:") || specifier.startsWith("/")) return undefined
  const parts = specifier.split("/")
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]
}
const importsOf = (text) => [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^"']*?from\s*["']([^"']+)["']/g)].map((m) => m[1])

const failures = []

// --- 1. pack and install ------------------------------------------------------------------------
const packagesDir = join(root, "packages")
const packages = readdirSync(packagesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(packagesDir, d.name, "package.json")))
  .map((d) => ({ dir: join(packagesDir, d.name), pkg: JSON.parse(readFileSync(join(packagesDir, d.name, "package.json"), "utf8")) }))
  .filter(({ pkg }) => pkg.private !== true && !skip.has(pkg.name))
for (const { dir, pkg } of packages) {
  if (!existsSync(join(dir, "dist", "index.js"))) {
    console.error(`check-examples: ${pkg.name} is not built (run npm run build)`)
    process.exit(1)
  }
}
const ours = new Set(packages.map(({ pkg }) => pkg.name))

const scratch = realpathSync(mkdtempSync(join(tmpdir(), "qinglian-check-examples-")))
const tarballs = join(scratch, "tarballs")
const app = join(scratch, "app")
mkdirSync(tarballs)
mkdirSync(app)
console.log(`check-examples: scratch project ${app}`)

const exampleFiles = walk(examplesDir)
const packed = await pool(
  packages.map(({ dir, pkg }) => async () => {
    const r = await run(npm, ["pack", "--json", "--pack-destination", tarballs], dir)
    if (r.code !== 0) throw new Error(`npm pack ${pkg.name} failed:\n${r.stdout}${r.stderr}`)
    return [pkg.name, `file:${join(tarballs, JSON.parse(r.stdout)[0].filename)}`]
  })
)

const thirdParty = new Set(["@types/node"])
for (const { pkg } of packages) {
  for (const name of Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies })) if (!ours.has(name)) thirdParty.add(name)
}
for (const file of exampleFiles) {
  for (const specifier of importsOf(readFileSync(file, "utf8"))) {
    const name = packageOf(specifier)
    if (name !== undefined && !ours.has(name)) thirdParty.add(name)
  }
}
const missing = [...thirdParty].filter((name) => !existsSync(join(root, "node_modules", name, "package.json")))
if (missing.length > 0) {
  console.error(`check-examples: not installed in this checkout: ${missing.join(", ")} (run npm ci)`)
  process.exit(1)
}
writeFileSync(
  join(app, "package.json"),
  JSON.stringify(
    {
      name: "qinglian-examples-check",
      private: true,
      dependencies: Object.fromEntries([
        ...packed,
        ...[...thirdParty].sort().map((name) => [name, `file:${join(root, "node_modules", name)}`])
      ])
    },
    null,
    2
  )
)
// --offline: a dependency that neither a tarball nor a link satisfies fails here, unfetched.
// --legacy-peer-deps: every peer dependency is linked above already, and npm 11's placement of
// peers crashes on linked folders ("Cannot read properties of null (reading 'matches')").
const install = await run(
  npm,
  ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", "--legacy-peer-deps", "--loglevel=error"],
  app
)
if (install.code !== 0) {
  console.error(`check-examples: npm install failed:\n${install.stdout}${install.stderr}`)
  process.exit(1)
}
console.log(`check-examples: ${packed.length} tarballs and ${thirdParty.size} linked packages installed (${seconds()})`)

// --- 2. the examples as .mts and .cts -----------------------------------------------------------
const copies = []
for (const file of exampleFiles) {
  const rel = relative(examplesDir, file)
  const text = readFileSync(file, "utf8")
  const formats = rel in esmOnlyExamples ? ["esm"] : ["esm", "cjs"]
  for (const format of formats) {
    const ext = format === "esm" ? "mts" : "cts"
    const target = join(app, format, rel.replace(/\.ts$/, `.${ext}`))
    mkdirSync(dirname(target), { recursive: true })
    const rewritten = text.replace(
      /((?:from|import)\s*\(?\s*["'])(\.{1,2}\/[^"']+?)\.js(["'])/g,
      `$1$2.${format === "esm" ? "mjs" : "cjs"}$3`
    )
    writeFileSync(target, rewritten)
    copies.push({ rel, format, target })
  }
}

// --- 3. every runtime export, as a value --------------------------------------------------------
// The module specifiers of each package: "." and every subpath that `exports` maps to code.
const specifiers = packages.flatMap(({ pkg }) =>
  Object.entries(pkg.exports ?? { ".": pkg.main })
    .filter(([key, target]) => !key.includes("*") && key !== "./package.json" && target !== null)
    .map(([key, target]) => ({ name: pkg.name, specifier: key === "." ? pkg.name : `${pkg.name}/${key.slice(2)}`, target }))
)
// The ESM file an export map entry points at (`{ import: { default } }`, `{ import }` or a string).
const esmFile = (target) =>
  typeof target === "string" ? target : typeof target?.import === "string" ? target.import : target?.import?.default ?? target?.default
// Packages that only load inside a test runner (the conformance suite imports vitest, which throws
// outside `vitest run`): their export names are read from each subpath's ESM entry's closing
// `export { … }`.
const testRunnerOnly = new Set(["@qinglian/storage-conformance"])
const listing = await run(
  process.execPath,
  [
    "--input-type=module",
    "-e",
    `const out = {}
for (const s of ${JSON.stringify(specifiers.filter((s) => !testRunnerOnly.has(s.name)).map((s) => s.specifier))}) {
  const m = await import(s)
  out[s] = Object.keys(m).sort().map((k) => {
    const v = m[k]
    // A namespace (\`export * as X\`): a module namespace object, or the object of getters that
    // the bundler makes for one. Other objects (data such as Rulebook.defaults) are not opened.
    const descriptors = v !== null && typeof v === "object" ? Object.values(Object.getOwnPropertyDescriptors(v)) : []
    const namespace = v?.[Symbol.toStringTag] === "Module" || (descriptors.length > 0 && descriptors.every((d) => d.get !== undefined))
    const inner = namespace ? Object.keys(v).sort() : []
    return [k, inner]
  })
}
console.log(JSON.stringify(out))`
  ],
  app
)
if (listing.code !== 0) {
  console.error(`check-examples: cannot import the packed packages:\n${listing.stderr}`)
  process.exit(1)
}
const exportsOf = JSON.parse(listing.stdout)
for (const { name, specifier, target } of specifiers.filter((s) => testRunnerOnly.has(s.name))) {
  // Each subpath's own entry file: a second entry exports other names than the main one.
  const file = esmFile(target)
  if (typeof file !== "string") {
    console.error(`check-examples: no ESM entry for ${specifier} in ${name}'s exports`)
    process.exit(1)
  }
  const entry = join(app, "node_modules", name, file)
  const names = /\nexport \{([^}]*)\};?\s*(?:\/\/# sourceMappingURL=\S+\s*)?$/.exec(readFileSync(entry, "utf8"))?.[1]
  if (names === undefined) {
    console.error(`check-examples: no closing export statement in ${entry}`)
    process.exit(1)
  }
  exportsOf[specifier] = names.split(",").map((n) => n.trim()).filter((n) => n !== "").map((n) => [n.split(/\s+as\s+/).pop(), []])
}
let bindingCount = 0
const member = (key) => (/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`)
const bindings = (format) => {
  const lines = []
  const uses = []
  specifiers
    .filter((s) => format === "esm" || !esmOnlyPackages.has(s.name))
    .forEach((s, i) => {
      lines.push(`import * as M${i} from ${JSON.stringify(s.specifier)}`)
      for (const [key, inner] of exportsOf[s.specifier]) {
        const access = `M${i}${member(key)}`
        uses.push(`  ${access},`)
        for (const k of inner) uses.push(`  ${access}${member(k)},`)
      }
    })
  if (format === "esm") bindingCount = uses.length
  return `// Every runtime export of every package, used as a value.\n${lines.join("\n")}\nexport const values = [\n${uses.join("\n")}\n]\n`
}
writeFileSync(join(app, "bindings.mts"), bindings("esm"))
writeFileSync(join(app, "bindings.cts"), bindings("cjs"))

// --- 3b. the example that opens each namespace's API page -----------------------------------------
// A namespace's page is its module's first doc comment (marked @packageDocumentation); the code of
// its @example is checked here as a user's .mts file. Type-checked only: some show a call on data
// the reader has (`declare const input: Board.BoardInput`).
const pageExamples = []
for (const { dir, pkg } of packages) {
  for (const file of walk(join(dir, "src"))) {
    const head = /^\s*\/\*\*([\s\S]*?)\*\//.exec(readFileSync(file, "utf8"))?.[1]
    if (head === undefined || !head.includes("@packageDocumentation")) continue
    const text = head.split("\n").map((line) => line.replace(/^\s*\* ?/, "")).join("\n")
    const code = /@example\s*\n```ts\n([\s\S]*?)\n```/.exec(text)?.[1]
    if (code === undefined) continue
    const target = join(app, "pages", pkg.name.replace("@", "").replace("/", "-"), relative(join(dir, "src"), file).replace(/\.ts$/, ".mts"))
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, `${code}\n`)
    pageExamples.push(target)
  }
}

// --- 4. one tsc over all of it ------------------------------------------------------------------
writeFileSync(
  join(app, "tsconfig.json"),
  JSON.stringify(
    {
      compilerOptions: {
        target: "ES2022",
        lib: ["ES2022"],
        module: "nodenext",
        moduleResolution: "nodenext",
        strict: true,
        exactOptionalPropertyTypes: true,
        // The packages' declarations are checked too, as a user with skipLibCheck off sees them.
        skipLibCheck: false,
        types: ["node"],
        rootDir: ".",
        outDir: "out"
      },
      include: ["esm", "cjs", "pages", "bindings.mts", "bindings.cts"]
    },
    null,
    2
  )
)
const tsc = await run(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"], app)
const diagnostics = tsc.stdout.split("\n").filter((line) => /error TS\d+/.test(line))
if (tsc.code !== 0) {
  const perFile = new Map()
  for (const line of diagnostics) {
    const file = line.split("(")[0]
    perFile.set(file, (perFile.get(file) ?? 0) + 1)
  }
  console.error(`\n${tsc.stdout}${tsc.stderr}`)
  console.error(`check-examples: ${diagnostics.length} type error(s):`)
  for (const [file, n] of perFile) console.error(`  ${String(n).padStart(4)}  ${file}`)
  failures.push(`${diagnostics.length} type error(s)`)
}
console.log(
  `check-examples: type-checked ${copies.length} example files, ${pageExamples.length} API page examples and ${bindingCount} exported values: ${diagnostics.length} error(s) (${seconds()})`
)

// --- 5. run them --------------------------------------------------------------------------------
const entries = exampleFiles.map((f) => relative(examplesDir, f)).filter((rel) => !rel.includes("/") && !rel.includes("\\"))
const runs = await pool(
  entries.flatMap((rel) =>
    copies
      .filter((c) => c.rel === rel)
      .map((c) => async () => {
        const compiled = join(app, "out", relative(app, c.target)).replace(/\.(m|c)ts$/, ".$1js")
        if (!existsSync(compiled)) return { ...c, code: -1, stdout: "", stderr: `not compiled: ${compiled}` }
        // Each run in a directory of its own: examples write files relative to where they run.
        const cwd = join(scratch, "runs", c.format, rel.replace(/\.ts$/, ""))
        mkdirSync(cwd, { recursive: true })
        const r = await run(process.execPath, [compiled], cwd, { timeout: 240_000 })
        // The same program prints the same, but for the directory it runs in (paths of the files it
        // writes), hashes over timestamps (the audit chain's head) and the timestamps themselves.
        const stdout = r.stdout
          .split(cwd)
          .join("<cwd>")
          .replace(/\b[0-9a-f]{12,}\b/g, "<hex>")
          .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/g, "<time>")
        return { ...c, ...r, stdout }
      })
  )
)
for (const rel of entries) {
  const pair = runs.filter((r) => r.rel === rel)
  const expected = expectedExit[rel] ?? 0
  for (const r of pair) {
    const ok = r.code === expected
    console.log(`  ${ok ? "ok  " : "FAIL"} ${r.format === "esm" ? "ESM" : "CJS"} ${rel}: exit ${r.code}${ok ? "" : `, expected ${expected}`}`)
    if (!ok) {
      console.error(`--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`)
      failures.push(`${rel} (${r.format}) exited ${r.code}, expected ${expected}`)
    }
  }
  const [esm, cjs] = pair
  if (esm !== undefined && cjs !== undefined && esm.stdout !== cjs.stdout) {
    const a = esm.stdout.split("\n")
    const b = cjs.stdout.split("\n")
    const i = a.findIndex((line, k) => line !== b[k])
    console.error(`  ${rel}: ESM and CommonJS print different output, first at line ${i + 1}:\n    ESM: ${a[i] ?? "(no line)"}\n    CJS: ${b[i] ?? "(no line)"}`)
    failures.push(`${rel}: ESM and CommonJS output differ`)
  }
}
for (const [rel, reason] of Object.entries(esmOnlyExamples)) console.log(`  ESM only: ${rel}: ${reason}`)

if (keep) console.log(`check-examples: kept ${scratch}`)
else rmSync(scratch, { recursive: true, force: true })
if (failures.length > 0) {
  console.error(`\ncheck-examples: ${failures.length} problem(s) (${seconds()}):\n  ${failures.join("\n  ")}`)
  process.exit(1)
}
console.log(
  `\ncheck-examples: ${entries.length} examples type-check and run as ESM and CommonJS against the packed tarballs (${seconds()})`
)
