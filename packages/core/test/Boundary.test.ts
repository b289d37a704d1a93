// One source of truth at the boundary: for every boundary schema, the validator compiled from its
// published JSON Schema (ajv's standalone code) and effect's decoder accept exactly the same JSON,
// and what they accept decodes to itself. Inputs are valid documents and mutations of them (a key
// removed, an unknown key added, an element dropped or added, a leaf replaced), plus arbitrary JSON.
import { describe, it } from "@effect/vitest"
import { Ajv } from "ajv"
import * as Either from "effect/Either"
import * as fc from "effect/FastCheck"
import * as Schema from "effect/Schema"
import { spawnSync } from "node:child_process"
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { expect } from "vitest"
import * as InvalidInput from "../src/base/InvalidInput.js"
import * as LocalDate from "../src/base/LocalDate.js"
import * as WorkCalendar from "../src/calendar/WorkCalendar.js"
import * as Examples from "../src/examples/Examples.js"
import * as orgValidators from "../src/org/internal/validators.js"
import * as Organisation from "../src/org/Organisation.js"
import * as Cadre from "../src/org/Cadre.js"
import * as Exercise from "../src/powerlist/Exercise.js"
import * as powerlistValidators from "../src/powerlist/internal/validators.js"
import * as PowerList from "../src/powerlist/PowerList.js"
import * as PowerListStore from "../src/powerlist/PowerListStore.js"
import * as Rulebook from "../src/rulebook/Rulebook.js"
import * as Audit from "../src/storage/Audit.js"
import * as storageValidators from "../src/storage/internal/validators.js"
import * as supervisionValidators from "../src/supervision/internal/validators.js"
import * as SupervisionCase from "../src/supervision/SupervisionCase.js"
import * as Fixtures from "./SupervisionCase.fixtures.js"
import { rosterInput } from "./fixtures/roster.js"

const strict = { errors: "all", onExcessProperty: "error" } as const

// JSON values only: the boundary's contract is about JSON input.
const junk: ReadonlyArray<unknown> = [
  null, 0, -1, 1.5, 2 ** 53, -(2 ** 53), 1e300, "", "x", "2025-02-30", "2025-01-01", "2024-02-29", "2023-02-29", "0000-02-29",
  true, [], {}, ["a"], { body: "townGovernment" }, "villagersAssembly", "minutes", { amount: 1, unit: "fen" },
  { amount: 90071992547410, unit: "yuan" }, { _tag: "Steps" }, { __proto__: 1 }, "__proto__"
]

// Changes one place of a value, chosen by `picks`.
const mutate = (v: unknown, picks: ReadonlyArray<number>, at = 0): unknown => {
  const pick = picks[at % picks.length]!
  if (Array.isArray(v)) {
    if (v.length === 0 || pick % 10 === 0) return pick % 2 === 0 ? [...v, junk[pick % junk.length]] : v.slice(1)
    const i = pick % v.length
    const c = [...v]
    c[i] = mutate(v[i], picks, at + 1)
    return c
  }
  if (typeof v === "object" && v !== null) {
    const keys = Object.keys(v)
    if (keys.length === 0 || pick % 7 === 0) {
      const c: Record<string, unknown> = { ...v }
      if (pick % 2 === 0 && keys.length > 0) delete c[keys[pick % keys.length]!]
      else if (pick % 3 === 0) Object.defineProperty(c, pick % 5 === 0 ? "__proto__" : "extra", { value: junk[pick % junk.length], enumerable: true })
      else c[keys[0] ?? "k"] = junk[pick % junk.length]
      return c
    }
    const k = keys[pick % keys.length]!
    return { ...v, [k]: mutate((v as Record<string, unknown>)[k], picks, at + 1) }
  }
  return junk[pick % junk.length]
}

// Both sides on one input: the same verdict, and an accepted input decodes to itself.
const agree = (schema: Schema.Schema<any, any, never>, validate: InvalidInput.Validator, input: unknown) => {
  const json = JSON.parse(JSON.stringify(input)) as unknown
  const slow = Schema.decodeUnknownEither(schema, strict)(json)
  const fast = validate(json)
  if (fast !== Either.isRight(slow)) {
    throw new Error(`the JSON Schema says ${fast ? "valid" : "invalid"}, effect says ${Either.isRight(slow) ? "valid" : String(slow.left)}: ${JSON.stringify(json).slice(0, 400)}`)
  }
  if (Either.isRight(slow)) expect(slow.right).toStrictEqual(json)
}

const encodeAll = <A, I>(schema: Schema.Schema<A, I, never>, values: ReadonlyArray<A>): ReadonlyArray<I> =>
  values.map((v) => Schema.encodeSync(schema)(v))

const events = Object.values(Fixtures.recipes).flatMap((steps) => Fixtures.run(steps).events)
const commands = SupervisionCase.commandTags.map((tag) => Fixtures.sample(tag))
const summaries = Object.values(Fixtures.recipes).flatMap((steps) => {
  const summary = SupervisionCase.summaryOf(Fixtures.run(steps).state)
  return summary === undefined ? [] : [summary]
})
const reports = [Examples.xishuHeatingClean(), Examples.xishuHeatingFaulty()].map((ex) =>
  PowerListStore.checkReportOf(
    ex,
    Exercise.check(Examples.xishuHeatingItem(), ex, Rulebook.defaults, WorkCalendar.china, { asOf: Examples.xishuHeatingFaultyAsOf }),
    LocalDate.unsafeMake("2025-11-01")
  )
)
const organisation = Organisation.decodeInput({
  counties: [{ id: "140525", name: "泽州县", divisionCode: "140525" }],
  towns: [{ id: "140525106", countyId: "140525", name: "金村镇", kind: "town" }],
  villages: [{ id: "140525106201", townId: "140525106", name: "西属村", kind: "village" }]
})
const orgInput = Either.getOrThrow(organisation)
const auditEntry: Audit.Entry = {
  actor: "clerk-01",
  at: 1_767_225_600_000,
  change: { kind: "document", collection: "exercises", id: "e1", action: "create", fromVersion: 0, toVersion: 1, digest: "ab".repeat(32) },
  previous: "0".repeat(64),
  hash: "f".repeat(64)
} as Audit.Entry

// An exercise in the county example's shape: a local post, a county department, supervisors and facts.
const countyExercise = {
  id: "felling-1",
  item: "C01",
  village: "xishu",
  date: "2026-04-01",
  counterparty: { name: "村民张某", kind: "villager" },
  facts: { ownership: "villageCollective", touchesVillagersInterests: true },
  actors: [{ cadre: "zhou", posts: ["familyPlanningOfficer"] }],
  steps: [
    { stepId: "apply", performedBy: { body: "villagersCommittee" }, date: "2026-04-01", supervisors: ["zhao"] },
    { stepId: "permit", performedBy: { external: { level: "county", sector: "forestry", name: { zh: "县林业局" } } }, date: "2026-04-15" }
  ]
}

const cases: ReadonlyArray<{
  readonly name: string
  readonly schema: Schema.Schema<any, any, never>
  readonly validate: InvalidInput.Validator
  readonly inputs: ReadonlyArray<unknown>
  readonly runs: number
}> = [
  { name: "power list", schema: PowerList.PowerList, validate: powerlistValidators.PowerList, inputs: [JSON.parse(JSON.stringify(PowerList.reference())), JSON.parse(JSON.stringify(PowerList.countyExample()))], runs: 150 },
  {
    name: "exercise",
    schema: Exercise.Exercise,
    validate: powerlistValidators.Exercise,
    inputs: [Examples.xishuHeatingCleanEncoded, Examples.xishuHeatingFaultyEncoded, countyExercise],
    runs: 400
  },
  { name: "check report", schema: PowerListStore.CheckReport, validate: powerlistValidators.CheckReport, inputs: encodeAll(PowerListStore.CheckReport, reports), runs: 200 },
  { name: "organisation", schema: Organisation.OrganisationInput, validate: orgValidators.OrganisationInput, inputs: [orgInput], runs: 300 },
  { name: "village", schema: Organisation.Village, validate: orgValidators.Village, inputs: orgInput.villages, runs: 200 },
  { name: "cadre", schema: Cadre.Cadre, validate: orgValidators.Cadre, inputs: rosterInput.cadres, runs: 200 },
  { name: "supervision command", schema: SupervisionCase.Command, validate: supervisionValidators.Command, inputs: encodeAll(SupervisionCase.Command, commands), runs: 400 },
  { name: "supervision event", schema: SupervisionCase.Event, validate: supervisionValidators.Event, inputs: encodeAll(SupervisionCase.Event, events), runs: 400 },
  { name: "case summary", schema: SupervisionCase.Summary, validate: supervisionValidators.Summary, inputs: encodeAll(SupervisionCase.Summary, summaries), runs: 300 },
  { name: "audit entry", schema: Audit.Entry, validate: storageValidators.AuditEntry, inputs: [auditEntry], runs: 200 }
]

// Documents whose schema checks more than a JSON Schema can state (a make-up workday must fall on a
// weekend of its year; a roster's relations default to none; a rulebook's amounts decode to fen):
// their published JSON Schema checks the shape, and never refuses what the decoder accepts.
const published = (file: string) => {
  const ajv = new Ajv({ strict: true, unicode: false, logger: false })
  return ajv.compile(JSON.parse(readFileSync(fileURLToPath(new URL(`../schemas/${file}`, import.meta.url)), "utf8")))
}
const shapeOnly = [
  {
    name: "calendar data",
    schema: WorkCalendar.CalendarData,
    file: "calendar.schema.json",
    inputs: [JSON.parse(readFileSync(fileURLToPath(new URL("../src/calendar/data/holidays-cn.json", import.meta.url)), "utf8"))]
  },
  { name: "roster", schema: Cadre.Roster, file: "roster.schema.json", inputs: [rosterInput] },
  {
    name: "rulebook file",
    schema: Rulebook.RulebookFile,
    file: "rulebook.schema.json",
    inputs: [Schema.encodeSync(Rulebook.RulebookFile)({ name: "defaults", editions: Rulebook.defaults.editions })]
  }
] as const

describe("the boundary: shape-only JSON Schemas never refuse what the decoder accepts", () => {
  for (const c of shapeOnly) {
    it(`${c.name}`, () => {
      const validate = published(c.file)
      const schema = c.schema as unknown as Schema.Schema<unknown, unknown, never>
      expect(InvalidInput.canValidate(schema)).toBe(false)
      fc.assert(
        fc.property(fc.nat(c.inputs.length - 1), fc.array(fc.nat(1_000_000), { minLength: 1, maxLength: 10 }), fc.boolean(), (i, picks, mutated) => {
          const input = JSON.parse(JSON.stringify(mutated ? mutate(c.inputs[i], picks) : c.inputs[i])) as unknown
          if (Either.isRight(Schema.decodeUnknownEither(schema, strict)(input))) expect(validate(input)).toBe(true)
        }),
        { numRuns: 200, seed: 20261203 }
      )
      expect(validate({ ...(c.inputs[0] as object), misspelt: 1 })).toBe(false)
    })
  }
})

describe("the boundary: compiled JSON Schema and effect's decoder agree", () => {
  for (const c of cases) {
    it(`${c.name}: both accept the valid documents, and they decode to themselves`, () => {
      expect(c.inputs.length).toBeGreaterThan(0)
      for (const input of c.inputs) {
        expect(c.validate(JSON.parse(JSON.stringify(input)))).toBe(true)
        agree(c.schema, c.validate, input)
      }
    })
    it(`${c.name}: same verdict on mutated documents and on arbitrary JSON`, () => {
      fc.assert(
        fc.property(
          fc.nat(c.inputs.length - 1),
          fc.array(fc.nat(1_000_000), { minLength: 1, maxLength: 10 }),
          fc.integer({ min: 1, max: 3 }),
          (i, picks, times) => {
            let input = c.inputs[i]
            for (let t = 0; t < times; t++) input = mutate(input, picks.slice(t))
            agree(c.schema, c.validate, input)
          }
        ),
        { numRuns: c.runs, seed: 20261203 }
      )
      fc.assert(fc.property(fc.jsonValue({ maxDepth: 4 }), (input) => agree(c.schema, c.validate, input)), { numRuns: 100, seed: 7 })
    })
  }

  it("every boundary decoder refuses an unknown or misspelt key at its path", () => {
    const list = { ...JSON.parse(JSON.stringify(PowerList.reference())), items: [] as Array<unknown> }
    const item = { ...JSON.parse(JSON.stringify(PowerList.reference().items[0])), conditons: [] }
    const r = PowerList.decodeUnknown({ ...list, items: [item] })
    expect(Either.isLeft(r)).toBe(true)
    expect(Either.flip(r).pipe(Either.getOrThrow).issues.map((i) => i.path)).toContainEqual(["items", 0, "conditons"])
    for (const c of cases) {
      const input = { ...(c.inputs[0] as object), misspelt: 1 }
      expect(c.validate(input)).toBe(false)
      expect(Either.isLeft(Schema.decodeUnknownEither(c.schema, strict)(input))).toBe(true)
    }
  })

  it("JSON.stringify of a decoded exercise decodes back to the same value", () => {
    for (const encoded of [Examples.xishuHeatingCleanEncoded, Examples.xishuHeatingFaultyEncoded]) {
      const decoded = Either.getOrThrow(Exercise.decodeUnknown(encoded))
      const again = Either.getOrThrow(Exercise.decodeJson(JSON.stringify(decoded)))
      expect(again).toStrictEqual(decoded)
      expect(JSON.stringify(again)).toBe(JSON.stringify(decoded))
    }
    const list = PowerList.reference()
    expect(Either.getOrThrow(PowerList.decodeJson(JSON.stringify(list)))).toStrictEqual(list)
  })

  it("the committed validators and schemas are what the script generates", () => {
    const script = fileURLToPath(new URL("../scripts/json-schema.ts", import.meta.url))
    const tsx = fileURLToPath(new URL("../../../node_modules/.bin/tsx", import.meta.url))
    const r = spawnSync(tsx, [script, "--check"], { encoding: "utf8" })
    expect(r.stderr + r.stdout).not.toContain("out of date")
    expect(r.status).toBe(0)
  })
})
