/**
 * JSON Schema (draft-07) documents for the files a county writes by hand — its micro-power list and
 * exercise records — generated from the same `effect/Schema` definitions the library decodes with,
 * so an editor can check a file as it is typed. They are generated into
 * `packages/core/schemas/power-list.schema.json` and `exercise.schema.json` (by
 * `scripts/json-schema.ts`) and kept up to date by a test.
 *
 * A JSON Schema checks the shape only; {@link PowerList.validate} and {@link Exercise.check} apply
 * the rules.
 *
 * @since 0.1.0
 */
import * as JSONSchema from "effect/JSONSchema"
import type * as Schema from "effect/Schema"
import * as Exercise from "./powerlist/Exercise.js"
import * as PowerList from "./powerlist/PowerList.js"

/**
 * A generated JSON Schema document.
 *
 * @since 0.1.0
 * @category models
 */
export type Document = JSONSchema.JsonSchema7Root

// Files may name their schema (`"$schema": "./power-list.schema.json"`) for editor support; the
// decoder ignores the key, so the JSON Schema must allow it.
const make = (schema: Schema.Schema<any, any, never>, identifier: string, description: string): Document => {
  const root = JSONSchema.make(schema) as Document & { $defs?: Record<string, JSONSchema.JsonSchema7> }
  const def = root.$defs?.[identifier] as JSONSchema.JsonSchema7Object | undefined
  if (def !== undefined && def.type === "object") {
    def.properties = { $schema: { type: "string", description: "The JSON Schema this file follows (ignored when decoding)" }, ...def.properties }
  }
  return { ...root, description } as Document
}

/**
 * The JSON Schema of a micro-power list file ({@link PowerList.PowerList}, encoded form).
 *
 * @since 0.1.0
 * @category constructors
 */
export const powerList = (): Document =>
  make(
    PowerList.PowerList,
    "PowerList",
    "小微权力清单 (micro-power list) as a county publishes it: categories and items with legal basis, procedure, risk points and disclosure duties. Shape only; PowerList.validate applies the rules."
  )

/**
 * The JSON Schema of one exercise record ({@link Exercise.Exercise}, encoded form).
 *
 * @since 0.1.0
 * @category constructors
 */
export const exercise = (): Document =>
  make(
    Exercise.Exercise,
    "Exercise",
    "One exercise of a micro-power: steps performed, meetings' counts, disclosures, safeguards and related-party facts. Shape only; Exercise.check applies the rules."
  )

/**
 * The shipped schema files, by file name.
 *
 * @since 0.1.0
 * @category constants
 */
export const files: Readonly<Record<string, () => Document>> = {
  "power-list.schema.json": powerList,
  "exercise.schema.json": exercise
}

/**
 * The exact text of a schema file: two-space indented JSON with a final newline.
 *
 * @since 0.1.0
 * @category utils
 */
export const render = (document: Document): string => JSON.stringify(document, null, 2) + "\n"
