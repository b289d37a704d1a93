import { assert, describe, it } from "@effect/vitest"
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { SupervisionCase } from "@qinglian/core"

const doc = readFileSync(fileURLToPath(new URL("../../../docs/supervision.md", import.meta.url)), "utf8")

describe("SupervisionCase.diagram", () => {
  it("docs/supervision.md holds exactly the current diagram", () => {
    const start = doc.indexOf("<!-- diagram:start")
    const end = doc.indexOf("<!-- diagram:end -->")
    assert.isTrue(start >= 0 && end > start, "the doc lost its diagram markers")
    const block = doc.slice(doc.indexOf("\n", start) + 1, end)
    assert.strictEqual(block, "```mermaid\n" + SupervisionCase.diagram() + "```\n")
  })

  it("draws every (stage, command, target) of the machine, and nothing else", () => {
    const edges = SupervisionCase.diagram().split("\n").filter((l) => l.includes("-->"))
    const expected = SupervisionCase.machine.flatMap((r) => r.from.flatMap((f) => Object.keys(r.to).map(() => f)))
    assert.strictEqual(edges.length, expected.length + 1) // + closed --> [*]
    for (const row of SupervisionCase.machine) {
      for (const from of row.from) {
        const src = from === "none" ? "[*]" : from
        assert.isTrue(edges.some((e) => e.trim().startsWith(`${src} -->`) && e.includes(` : ${row.command}`)), `${from}/${row.command}`)
      }
    }
    assert.isTrue(SupervisionCase.diagram().startsWith("stateDiagram-v2\n"))
  })
})
