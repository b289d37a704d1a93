#!/usr/bin/env node
// Checks what users actually install: each built package under packages/ is packed and linted by
// publint (package.json ↔ files) and by are-the-types-wrong (types resolve for ESM and CJS, from
// node10, node16 and bundler resolution). Run after `npm run build`; exits non-zero on any error.
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

const failures = []
for (const dir of dirs) {
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"))
  if (pkg.private === true) continue
  console.log(`\n=== ${pkg.name} (${dir.slice(root.length + 1)})`)

  // A package that was never built would pass publint vacuously for some fields: insist on the
  // files that `exports` promises, for both conditions.
  const promised = ["./dist/index.js", "./dist/index.cjs", "./dist/index.d.ts", "./dist/index.d.cts"]
  const missing = promised.filter((f) => !existsSync(join(dir, f)))
  if (missing.length > 0) {
    console.error(`${pkg.name}: not built, missing ${missing.join(", ")} (run npm run build)`)
    failures.push(`${pkg.name}: build output missing`)
    continue
  }

  if (!run(bin("publint"), ["run", "--strict", "--pack", "npm", "."], dir)) failures.push(`${pkg.name}: publint`)
  // The strict profile checks node10, node16 (from CJS and from ESM) and bundler resolution.
  if (!run(bin("attw"), ["--pack", ".", "--profile", "strict", "--no-color", "--format", "table-flipped"], dir)) {
    failures.push(`${pkg.name}: are-the-types-wrong`)
  }
}

if (failures.length > 0) {
  console.error(`\ncheck-packages: ${failures.length} problem(s):\n  ${failures.join("\n  ")}`)
  process.exit(1)
}
console.log(`\ncheck-packages: ${dirs.length} package(s) pass publint and are-the-types-wrong`)
