import { assert, describe, it } from "@effect/vitest"
import { Exercise, JsonSchema, PowerList } from "@qinglian/core"
import * as Schema from "effect/Schema"
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"

const schemasDir = fileURLToPath(new URL("../schemas/", import.meta.url))

// A small validator for the JSON Schema subset JSONSchema.make emits (type, enum, required,
// properties, additionalProperties, items, anyOf, $ref, minLength, minimum, format "date"), so a
// test can check real documents against the committed files without a new dependency.
type Node = Record<string, any>
const validate = (root: Node, node: Node, value: unknown, path: string, errors: Array<string>): void => {
  if (typeof node.$ref === "string") {
    const target = root.$defs[node.$ref.replace("#/$defs/", "")]
    if (target === undefined) return void errors.push(`${path}: unresolved ${node.$ref}`)
    validate(root, target, value, path, errors)
  }
  if (Array.isArray(node.anyOf)) {
    const ok = node.anyOf.some((alt: Node) => {
      const e: Array<string> = []
      validate(root, alt, value, path, e)
      return e.length === 0
    })
    if (!ok) errors.push(`${path}: matches no alternative`)
  }
  if (node.enum !== undefined && !node.enum.includes(value)) errors.push(`${path}: ${JSON.stringify(value)} not in enum`)
  switch (node.type) {
    case "string":
      if (typeof value !== "string") return void errors.push(`${path}: expected string`)
      if (node.minLength !== undefined && value.length < node.minLength) errors.push(`${path}: too short`)
      if (node.format === "date" && !/^\d{4}-\d{2}-\d{2}$/.test(value)) errors.push(`${path}: not a date`)
      break
    case "integer":
    case "number":
      if (typeof value !== "number" || (node.type === "integer" && !Number.isInteger(value))) return void errors.push(`${path}: expected ${node.type}`)
      if (node.minimum !== undefined && value < node.minimum) errors.push(`${path}: below minimum`)
      break
    case "boolean":
      if (typeof value !== "boolean") errors.push(`${path}: expected boolean`)
      break
    case "array":
      if (!Array.isArray(value)) return void errors.push(`${path}: expected array`)
      if (node.items !== undefined) value.forEach((v, i) => validate(root, node.items, v, `${path}/${i}`, errors))
      break
    case "object": {
      if (typeof value !== "object" || value === null || Array.isArray(value)) return void errors.push(`${path}: expected object`)
      const o = value as Record<string, unknown>
      for (const k of node.required ?? []) if (!(k in o)) errors.push(`${path}: missing ${k}`)
      for (const [k, v] of Object.entries(o)) {
        const p = node.properties?.[k]
        if (p !== undefined) validate(root, p, v, `${path}/${k}`, errors)
        else if (node.additionalProperties === false) errors.push(`${path}: unexpected ${k}`)
      }
      break
    }
  }
}
const errorsOf = (root: Node, value: unknown): Array<string> => {
  const errors: Array<string> = []
  validate(root, root, value, "", errors)
  return errors
}

const committed = (name: string) => readFileSync(schemasDir + name, "utf8")

describe("JSON Schema files", () => {
  it("the committed files are what the schemas generate (run scripts/json-schema.ts when this fails)", () => {
    for (const [name, make] of Object.entries(JsonSchema.files)) {
      assert.strictEqual(committed(name), JsonSchema.render(make()), name)
    }
  })

  it("the list schema requires the list's top-level properties and allows $schema", () => {
    const root = JSON.parse(committed("power-list.schema.json"))
    assert.strictEqual(root.$ref, "#/$defs/PowerList")
    const list = root.$defs.PowerList
    for (const k of ["id", "title", "jurisdiction", "version", "effectiveFrom", "categories", "items"]) assert.include(list.required, k)
    assert.property(list.properties, "$schema")
    const item = root.$defs.PowerItem
    for (const k of ["code", "category", "legalBasis", "responsiblePosts", "decidingBody", "procedure", "riskPoints", "disclosures"]) {
      assert.include(item.required, k)
    }
  })

  it("the shipped reference list conforms, and a broken one does not", () => {
    const root = JSON.parse(committed("power-list.schema.json"))
    const encoded = Schema.encodeSync(PowerList.PowerList)(PowerList.reference())
    assert.deepStrictEqual(errorsOf(root, JSON.parse(JSON.stringify({ $schema: "./power-list.schema.json", ...encoded }))), [])
    const broken = { ...encoded, items: [{ ...encoded.items[0], decidingBody: "mayor" }], version: 3 }
    const errors = errorsOf(root, JSON.parse(JSON.stringify(broken)))
    assert.isTrue(errors.some((e) => e.startsWith("/items/0/decidingBody")), errors.join("\n"))
    assert.isTrue(errors.some((e) => e.startsWith("/version")), errors.join("\n"))
  })

  it("an exercise conforms to the exercise schema", () => {
    const root = JSON.parse(committed("exercise.schema.json"))
    for (const k of ["id", "item", "village", "date", "steps"]) assert.include(root.$defs.Exercise.required, k)
    const exercise: Exercise.ExerciseEncoded = {
      id: "e1",
      item: "A01",
      village: "xishu",
      date: "2026-03-02",
      amount: { amount: 8_000_000, unit: "yuan" },
      actors: [{ cadre: "wang", posts: ["partySecretary", "committeeDirector"] }],
      steps: [
        { stepId: "4and2.propose", performedBy: { body: "partyOrganisation" }, date: "2026-03-02", evidence: ["minutes"] },
        { stepId: "4and2.resolve", performedBy: { body: "villagersAssembly" }, date: "2026-03-10", meeting: { present: 300, adultVillagers: { total: 500, present: 300 }, votesFor: 280, votesAgainst: 20 } }
      ],
      disclosures: [{ dutyId: "decision", postedOn: "2026-03-11", channel: "villageAffairsBoard" }],
      safeguards: { publicTender: true }
    }
    assert.deepStrictEqual(errorsOf(root, exercise), [])
    assert.isNotEmpty(errorsOf(root, { ...exercise, steps: [{ stepId: "x", performedBy: 3, date: "2026-03-02" }] }))
  })
})
