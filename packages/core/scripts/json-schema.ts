// Writes packages/core/schemas/*.schema.json from the Schema definitions.
// Usage: npx tsx packages/core/scripts/json-schema.ts [--check]
// With --check it writes nothing and exits 1 when a committed file is out of date.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { files, render } from "../src/JsonSchema.js"

const dir = fileURLToPath(new URL("../schemas/", import.meta.url))
const check = process.argv.includes("--check")
let stale = 0
mkdirSync(dir, { recursive: true })
for (const [name, make] of Object.entries(files)) {
  const text = render(make())
  const path = dir + name
  let current: string | undefined
  try {
    current = readFileSync(path, "utf8")
  } catch {
    current = undefined
  }
  if (current === text) continue
  if (check) {
    console.error(`${name} is out of date: run npx tsx packages/core/scripts/json-schema.ts`)
    stale++
  } else {
    writeFileSync(path, text)
    console.log(`wrote ${path}`)
  }
}
process.exitCode = stale > 0 ? 1 : 0
