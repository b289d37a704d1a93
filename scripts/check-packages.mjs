#!/usr/bin/env node
// Checks what users actually install: each built package under packages/ is packed and linted by
// publint (package.json ↔ files) and by are-the-types-wrong (types resolve for ESM and CJS, from
// node10, node16 and bundler resolution; ESM only for the packages listed in `esmOnly`). Then, unless
// it was given package names, scripts/check-examples.mjs type-checks and runs every example against
// the packed tarballs, as ESM and as CommonJS. Run after `npm run build`; exits non-zero on any error.
import { spawnSync } from "node:child_process"
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { dirname, join, resolve } from "node:path"
import { fileURLToPath } from "node:url"

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..")
const bin = (name) => join(root, "node_modules", ".bin", name)

const packagesDir = join(root, "packages")
const only = process.argv.slice(2)
const dirs = readdirSync(packagesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(packagesDir, d.name, "package.json")))
  .map((d) => join(packagesDir, d.name))
  .filter((dir) => only.length === 0 || only.some((o) => dir.endsWith(o)))

const run = (cmd, args, cwd) => {
  const r = spawnSync(cmd, args, { cwd, stdio: "inherit", env: { ...process.env, FORCE_COLOR: "0" } })
  return r.status === 0
}

// Packages published as ESM only, checked with attw's esm-only profile (which skips node10 and
// CommonJS-from-node16 resolution) instead of strict. @qinglian/storage-conformance imports vitest,
// which refuses to be loaded with require(), so a CommonJS entry could only ever fail. Listed by
// name rather than inferred from `exports`, so that a dual package losing its `require` condition
// by mistake still fails the strict check.
const esmOnly = new Set(["@qinglian/storage-conformance"])

// The files each format's `exports` condition promises.
const esmFiles = ["./dist/index.js", "./dist/index.d.ts"]
const cjsFiles = ["./dist/index.cjs", "./dist/index.d.cts"]

const failures = []
for (const dir of dirs) {
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"))
  if (pkg.private === true) continue
  console.log(`\n=== ${pkg.name} (${dir.slice(root.length + 1)})`)

  const isEsmOnly = esmOnly.has(pkg.name)
  // The export map must say the same as the list above: no `require` condition for an ESM-only
  // package (Node then refuses require() with ERR_PACKAGE_PATH_NOT_EXPORTED), one for the others.
  const hasRequire = pkg.exports?.["."]?.require !== undefined
  if (hasRequire === isEsmOnly) {
    console.error(`${pkg.name}: ${isEsmOnly ? "ESM-only but exports a require condition" : "no require condition in exports"}`)
    failures.push(`${pkg.name}: export map does not match its format`)
    continue
  }

  // A package that was never built would pass publint vacuously for some fields: insist on the
  // files that `exports` promises, for every condition it has.
  const promised = isEsmOnly ? esmFiles : [...esmFiles, ...cjsFiles]
  const missing = promised.filter((f) => !existsSync(join(dir, f)))
  if (missing.length > 0) {
    console.error(`${pkg.name}: not built, missing ${missing.join(", ")} (run npm run build)`)
    failures.push(`${pkg.name}: build output missing`)
    continue
  }

  if (!run(bin("publint"), ["run", "--strict", "--pack", "npm", "."], dir)) failures.push(`${pkg.name}: publint`)
  // The strict profile checks node10, node16 (from CJS and from ESM) and bundler resolution; the
  // esm-only profile checks node16 from ESM and bundler resolution.
  const profile = isEsmOnly ? "esm-only" : "strict"
  if (!run(bin("attw"), ["--pack", ".", "--profile", profile, "--no-color", "--format", "table-flipped"], dir)) {
    failures.push(`${pkg.name}: are-the-types-wrong`)
  }
}

// attw and publint read package.json and resolve entry points; they do not type-check code that uses
// the packages, so a value exported as a type only passes them. The examples check does that.
if (only.length === 0 && !run(process.execPath, [join(root, "scripts", "check-examples.mjs")], root)) {
  failures.push("examples against the packed tarballs (scripts/check-examples.mjs)")
}

if (failures.length > 0) {
  console.error(`\ncheck-packages: ${failures.length} problem(s):\n  ${failures.join("\n  ")}`)
  process.exit(1)
}
console.log(
  `\ncheck-packages: ${dirs.length} package(s) pass publint and are-the-types-wrong${only.length === 0 ? ", and the examples pass against their tarballs" : ""}`
)
