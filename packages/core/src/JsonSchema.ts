/**
 * JSON Schema (draft-07) documents for every document that crosses the boundary: the micro-power
 * list, exercise records, rulebook files, the organisation, the cadre roster, calendar data, and
 * supervision commands and events. They are generated from the same `effect/Schema` definitions
 * the library decodes with, so an editor can check a file as it is typed, and they are shipped in
 * the package as `@qinglian/core/schemas/<name>.schema.json`. `scripts/json-schema.ts` writes them
 * and compiles each into a validator with ajv's standalone code (the boundary's fast path); a test
 * keeps both up to date.
 *
 * What the JSON Schema accepts, the decoder accepts, and the other way round: a property test holds
 * them together. A JSON Schema checks the shape only; `PowerList.validate`, `Exercise.check` and
 * the other rules apply the rules.
 *
 * @example
 * ```ts
 * import { JsonSchema } from "@qinglian/core"
 *
 * // The JSON Schema of the power-list format, for editors and validators in other languages
 * // (also shipped as a file: `@qinglian/core/schemas/power-list.schema.json`).
 * const text = JsonSchema.render(JsonSchema.powerList())
 * console.log(text.length > 0, Object.keys(JsonSchema.files))
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */
import * as JSONSchema from "effect/JSONSchema"
import type * as Schema from "effect/Schema"
import * as WorkCalendar from "./calendar/WorkCalendar.js"
import * as Cadre from "./org/Cadre.js"
import * as Organisation from "./org/Organisation.js"
import * as Exercise from "./powerlist/Exercise.js"
import * as PowerList from "./powerlist/PowerList.js"
import * as Rulebook from "./rulebook/Rulebook.js"
import * as SupervisionCase from "./supervision/SupervisionCase.js"

/**
 * A generated JSON Schema document.
 *
 * @since 0.1.0
 * @category models
 */
export type Document = JSONSchema.JsonSchema7Root

type Node = { [key: string]: unknown }

// Titles effect gives a filter by default (`minLength(1)`, `int`, `nonNegative` …) name code, not
// meaning: they are dropped, and the description (or the people-written annotation) stays.
const codeTitle = /^[a-zA-Z]+(\(.*\))?$/

// The normalisation every published schema goes through, in one place:
// - a `$ref` with sibling keywords becomes `allOf: [{ $ref }]` beside them (draft-07 ignores a
//   `$ref`'s siblings), with the referenced type repeated so that ajv's strict mode knows it;
// - every integer is bounded to the safe integers, as `Schema.Int` is;
// - titles that are only a filter's name are dropped.
// What may stand beside a `$ref` as it is: annotations, and the root's `$schema` and `$defs`.
const refSiblings = new Set(["$ref", "description", "title", "$schema", "$defs"])

const normalise = (node: unknown, defs: Readonly<Record<string, Node>>): unknown => {
  if (Array.isArray(node)) return node.map((n) => normalise(n, defs))
  if (typeof node !== "object" || node === null) return node
  const out: Node = {}
  for (const [k, v] of Object.entries(node as Node)) {
    if (k === "title" && typeof v === "string" && codeTitle.test(v)) continue
    out[k] = k === "enum" || k === "const" ? v : normalise(v, defs)
  }
  if (typeof out.$ref === "string" && Object.keys(out).some((k) => !refSiblings.has(k))) {
    const ref = out.$ref
    delete out.$ref
    const target = defs[ref.replace("#/$defs/", "")]
    out.allOf = [{ $ref: ref }, ...(Array.isArray(out.allOf) ? out.allOf : [])]
    if (out.type === undefined && target !== undefined && target.type !== undefined) out.type = target.type
  }
  if (out.type === "integer") {
    if (typeof out.minimum !== "number" || out.minimum < Number.MIN_SAFE_INTEGER) out.minimum = Number.MIN_SAFE_INTEGER
    if (typeof out.maximum !== "number" || out.maximum > Number.MAX_SAFE_INTEGER) out.maximum = Number.MAX_SAFE_INTEGER
  }
  return out
}

/**
 * The published JSON Schema of `schema`: effect's `JSONSchema.make`, normalised for ajv's strict
 * mode and for people (see the module header), with `description` at the root.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (schema: Schema.Schema<any, any, never>, description: string): Document => {
  const root = JSONSchema.make(schema) as unknown as Node & { $defs?: Record<string, Node> }
  const defs = root.$defs ?? {}
  const normalised = normalise(root, defs) as Node
  return { ...normalised, description } as unknown as Document
}

/**
 * One boundary document: its file name, schema and what it is, in words for people.
 *
 * @since 0.1.0
 * @category models
 */
export interface Entry {
  readonly file: string
  readonly schema: Schema.Schema<any, any, never>
  readonly description: string
}

/**
 * Every boundary document, by the name its schema is published under.
 *
 * @since 0.1.0
 * @category constants
 */
export const entries: ReadonlyArray<Entry> = [
  {
    file: "power-list.schema.json",
    schema: PowerList.PowerList,
    description:
      "小微权力清单 (micro-power list) as a county publishes it: categories and items with legal basis, procedure, risk points and disclosure duties. Shape only; PowerList.validate applies the rules."
  },
  {
    file: "exercise.schema.json",
    schema: Exercise.Exercise,
    description:
      "One exercise of a micro-power: steps performed, meetings' counts, disclosures, safeguards and related-party facts. Shape only; Exercise.check applies the rules."
  },
  {
    file: "rulebook.schema.json",
    schema: Rulebook.RulebookFile,
    description:
      "规则集 (rulebook file): a county's or town's editions of statutory and local parameters, each with its effective date and citation, overriding the national defaults."
  },
  {
    file: "organisation.schema.json",
    schema: Organisation.OrganisationInput,
    description: "The organisation (县、乡镇、村) as flat lists of counties, towns and villages with their codes."
  },
  {
    file: "roster.schema.json",
    schema: Cadre.Roster,
    description: "干部名册 (cadre roster): cadres, their appointments to posts with terms, and recorded kinship relations."
  },
  {
    file: "calendar.schema.json",
    schema: WorkCalendar.CalendarData,
    description: "工作日历 (working-day calendar data): the State Council's holiday schedule by year, with rest days and make-up working days (调休)."
  },
  {
    file: "supervision-command.schema.json",
    schema: SupervisionCase.Command,
    description: "One command to a discipline supervision case (监督执纪): register a lead, dispose of it, decide, serve, appeal, close …"
  },
  {
    file: "supervision-event.schema.json",
    schema: SupervisionCase.Event,
    description: "One recorded event of a discipline supervision case, as stored in its stream."
  }
]

/**
 * The JSON Schema of a micro-power list file ({@link PowerList.PowerList}).
 *
 * @since 0.1.0
 * @category constructors
 */
export const powerList = (): Document => make(entries[0]!.schema, entries[0]!.description)

/**
 * The JSON Schema of one exercise record ({@link Exercise.Exercise}).
 *
 * @since 0.1.0
 * @category constructors
 */
export const exercise = (): Document => make(entries[1]!.schema, entries[1]!.description)

/**
 * The shipped schema files, by file name.
 *
 * @since 0.1.0
 * @category constants
 */
export const files: Readonly<Record<string, () => Document>> = Object.fromEntries(
  entries.map((e) => [e.file, () => make(e.schema, e.description)])
)

/**
 * The exact text of a schema file: two-space indented JSON with a final newline.
 *
 * @since 0.1.0
 * @category utils
 */
export const render = (document: Document): string => JSON.stringify(document, null, 2) + "\n"
