// The boundary's fast path must agree with effect's decoder: the same value for input that
// decodes, the same InvalidInput for input that does not.
import { describe, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as fc from "effect/FastCheck"
import * as Schema from "effect/Schema"
import { isDeepStrictEqual } from "node:util"
import { expect } from "vitest"
import * as Exercise from "../src/Exercise.js"
import * as InvalidInput from "../src/InvalidInput.js"
import * as PowerList from "../src/PowerList.js"
import * as Rulebook from "../src/Rulebook.js"

const options = { errors: "all", onExcessProperty: "ignore" } as const

const exercise: Exercise.ExerciseEncoded = {
  id: "ex-1",
  item: "A01",
  village: "v-1",
  date: "2025-03-03",
  amount: { amount: 500000, unit: "yuan" },
  counterparty: { name: "某公司", relatedCadres: ["c-1"] },
  actors: [{ cadre: "c-1", name: "王", posts: ["partySecretary", "committeeDirector"] }, { cadre: "c-2", posts: ["bookkeeper"] }],
  steps: [
    { stepId: "4and2.propose", performedBy: { body: "partyOrganisation" }, date: "2025-03-03", evidence: ["minutes"] },
    { stepId: "4and2.discuss", performedBy: ["c-1"], date: "2025-03-04", meeting: { membersEntitled: 7, present: 6, votesFor: 5, votesAgainst: 1 } }
  ],
  disclosures: [{ dutyId: "d1", postedOn: "2025-03-05", channel: "online", removedOn: "2025-03-12" }],
  safeguards: { publicTender: true }
}

const junk: ReadonlyArray<unknown> = [
  undefined, null, 0, -1, 1.5, Number.NaN, "", "x", "2025-02-30", "2025-01-01", true, [], {}, ["a"],
  { body: "townGovernment" }, "villagersAssembly", "minutes", { amount: 1, unit: "fen" }, { _tag: "Steps" }
]

// Changes one place of a value, chosen by `picks`: a key removed or added, an element dropped or
// appended, or a leaf replaced with junk.
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
      else c[pick % 3 === 0 ? "extra" : keys[0] ?? "k"] = junk[pick % junk.length]
      return c
    }
    const k = keys[pick % keys.length]!
    return { ...v, [k]: mutate((v as Record<string, unknown>)[k], picks, at + 1) }
  }
  return junk[pick % junk.length]
}

const agree = <A, I>(schema: Schema.Schema<A, I, never>, subject: string, input: unknown) => {
  const slow = Schema.decodeUnknownEither(schema, options)(input)
  const fast = InvalidInput.decodeUnknown(schema, subject)(input)
  if (Either.isRight(slow)) {
    expect(Either.isRight(fast)).toBe(true)
    const value = Either.getOrThrow(fast)
    expect(isDeepStrictEqual(value, slow.right)).toBe(true)
    expect(JSON.stringify(value)).toBe(JSON.stringify(slow.right))
  } else {
    expect(Either.isLeft(fast)).toBe(true)
    expect(Either.flip(fast).pipe(Either.getOrThrow)).toStrictEqual(InvalidInput.fromParseError(subject, slow.left))
  }
}

const cases = [
  { name: "power list", schema: PowerList.PowerList, input: Schema.encodeSync(PowerList.PowerList)(PowerList.reference) },
  { name: "exercise", schema: Exercise.Exercise, input: exercise },
  {
    name: "rulebook",
    schema: Rulebook.RulebookFile,
    input: Schema.encodeSync(Rulebook.RulebookFile)({ name: "defaults", editions: Rulebook.defaults.editions })
  }
] as const

describe("InvalidInput.decodeUnknown fast path", () => {
  for (const c of cases) {
    it(`decodes a valid ${c.name} exactly as effect does`, () => {
      agree(c.schema as Schema.Schema<unknown, unknown, never>, c.name, c.input)
    })
    it(`agrees with effect on mutated ${c.name} input`, () => {
      fc.assert(
        fc.property(fc.array(fc.nat(1_000_000), { minLength: 1, maxLength: 12 }), (picks) => {
          agree(c.schema as Schema.Schema<unknown, unknown, never>, c.name, mutate(c.input, picks))
        }),
        { numRuns: c.name === "power list" ? 60 : 300 }
      )
    })
  }
})
