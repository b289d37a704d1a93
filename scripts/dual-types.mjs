#!/usr/bin/env node
// Declarations for both module systems. `tsc --emitDeclarationOnly` writes one .d.ts per source
// module (so every exported value keeps its value binding, which a bundled rollup of declarations
// does not always do); this copies each to a .d.cts whose relative imports name .cjs files, so
// that CommonJS users get CommonJS declarations (are-the-types-wrong checks both).
// Usage: node scripts/dual-types.mjs <dist dir>
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs"
import { join } from "node:path"

const dir = process.argv[2]
if (dir === undefined) throw new Error("usage: dual-types.mjs <dist dir>")

const relative = /((?:from|import)\s*\(?\s*["'])(\.{1,2}\/[^"']+?)\.js(["'])/g

const walk = (d) => {
  for (const name of readdirSync(d)) {
    const path = join(d, name)
    if (statSync(path).isDirectory()) walk(path)
    else if (name.endsWith(".d.ts")) {
      const text = readFileSync(path, "utf8").replace(relative, "$1$2.cjs$3")
      writeFileSync(path.slice(0, -".d.ts".length) + ".d.cts", text)
    }
  }
}
walk(dir)
