// The boundary's fast path must agree with effect's decoder: the same value for input that
// decodes, the same InvalidInput for input that does not.
import { describe, it } from "@effect/vitest"
import * as Arbitrary from "effect/Arbitrary"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as fc from "effect/FastCheck"
import * as Schema from "effect/Schema"
import { isDeepStrictEqual } from "node:util"
import { expect } from "vitest"
import * as Examples from "../src/examples/Examples.js"
import * as Exercise from "../src/powerlist/Exercise.js"
import * as fastDecode from "../src/base/internal/fastDecode.js"
import * as InvalidInput from "../src/base/InvalidInput.js"
import * as LocalDate from "../src/base/LocalDate.js"
import * as PowerList from "../src/powerlist/PowerList.js"
import * as Rulebook from "../src/rulebook/Rulebook.js"
import * as PowerListStore from "../src/powerlist/PowerListStore.js"
import * as SupervisionCase from "../src/supervision/SupervisionCase.js"
import * as WorkCalendar from "../src/calendar/WorkCalendar.js"
import * as Fixtures from "./SupervisionCase.fixtures.js"

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

// The fast path and effect end alike: the same value (same keys in the same order), or both fail
// and the fast path's error is effect's.
const sameOutcome = <B, E>(slow: Either.Either<B, E>, fast: Either.Either<B, unknown>, expected: (e: E) => unknown) => {
  if (Either.isRight(slow)) {
    expect(Either.isRight(fast)).toBe(true)
    const value = Either.getOrThrow(fast)
    expect(isDeepStrictEqual(value, slow.right)).toBe(true)
    expect(JSON.stringify(value)).toBe(JSON.stringify(slow.right))
  } else {
    expect(Either.isLeft(fast)).toBe(true)
    expect(Either.flip(fast).pipe(Either.getOrThrow)).toStrictEqual(expected(slow.left))
  }
}

const agree = <A, I>(schema: Schema.Schema<A, I, never>, subject: string, input: unknown) =>
  sameOutcome(
    Schema.decodeUnknownEither(schema, options)(input),
    InvalidInput.decodeUnknown(schema, subject)(input),
    (e) => InvalidInput.fromParseError(subject, e)
  )

const cases = [
  { name: "power list", schema: PowerList.PowerList, input: Schema.encodeSync(PowerList.PowerList)(PowerList.reference()) },
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

// Small schemas, one per construct the generated decoder handles, checked against effect on
// arbitrary valid values and on mutations of them.
const Tag = Schema.Literal("a", "b")
const constructs = {
  "optional keys and exact missing keys": Schema.Struct({ a: Schema.String, b: Schema.optional(Schema.Number), c: Schema.Boolean }),
  "defaults and renamed keys": Schema.Struct({
    a: Schema.optionalWith(Schema.Array(Schema.String), { default: () => [] }),
    b: Schema.propertySignature(Schema.Number).pipe(Schema.fromKey("bee")),
    c: Schema.optionalWith(Schema.NumberFromString, { nullable: true }),
    d: Schema.String
  }),
  // effect's parser applies the renames one after the other, so this one never decodes: the
  // generated code must fail it the same way.
  "two keys swapped": Schema.Struct({
    x: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("y")),
    y: Schema.optionalWith(Schema.Number, { default: () => 1 }).pipe(Schema.fromKey("x"))
  }),
  "literal unions, nested and with NaN": Schema.Union(
    Schema.Literal("a", "b", "c", "d", "e", "f", "g", "h", "i"),
    Schema.Literal(1, 2, Number.NaN),
    Schema.Literal(null)
  ),
  "tagged unions": Schema.Union(
    Schema.TaggedStruct("A", { n: Schema.Number }),
    Schema.TaggedStruct("B", { s: Schema.String, t: Tag }),
    Schema.Struct({ kind: Schema.Literal("c"), n: Schema.optional(Schema.Number) }),
    Schema.Array(Schema.String)
  ),
  "overlapping union members": Schema.Union(
    Schema.Struct({ a: Schema.String }),
    Schema.Struct({ a: Schema.String, b: Schema.Number })
  ),
  "defaults over an ambiguous union": Schema.Struct({
    u: Schema.Union(Schema.Struct({ a: Schema.String }), Schema.Struct({ a: Schema.String, b: Schema.Number })),
    d: Schema.optionalWith(Schema.Number, { default: () => 0 })
  }),
  "known defaults, also under a renamed key": Schema.Struct({
    a: fastDecode.withDefault(Schema.Array(Schema.String), () => []),
    b: fastDecode.withDefault(Schema.Boolean, () => false),
    c: fastDecode.withDefault(Schema.Literal("x", "y"), () => "x" as const),
    r: fastDecode.withDefault(Schema.NumberFromString, () => 0).pipe(Schema.fromKey("rr"))
  }),
  "unions of structs beside a default": Schema.Struct({
    disjoint: Schema.Array(Schema.Union(
      Schema.Struct({ post: Schema.String, note: Schema.optional(Schema.String) }),
      Schema.Struct({ body: Schema.Literal("a", "b"), cadres: Schema.optional(Schema.Array(Schema.String)) })
    )),
    // Not disjoint: an output of the second lacks `k`, which the first reads as undefined and accepts.
    overlapping: Schema.Union(
      Schema.Struct({ k: Schema.optional(Schema.String), n: Schema.UndefinedOr(Schema.Number) }),
      Schema.Struct({ n: Schema.Number, m: Schema.Boolean })
    ),
    d: fastDecode.withDefault(Schema.Array(Schema.Number), () => [])
  }),
  "filters with known predicates": Schema.Struct({
    n: Schema.Number.pipe(fastDecode.int(), fastDecode.nonNegative(), fastDecode.lessThanOrEqualTo(10)),
    i: Schema.Int,
    s: Schema.String.pipe(fastDecode.minLength(2))
  }),
  "tuples with optional and rest elements": Schema.Tuple([Schema.String, Schema.optionalElement(Schema.Number)], Schema.Boolean),
  "filters and transformations": Schema.Struct({
    n: Schema.NumberFromString.pipe(Schema.int(), Schema.positive()),
    s: Schema.Trim.pipe(Schema.minLength(2)),
    j: Schema.parseJson(Schema.Struct({ k: Schema.Number }))
  }),
  "an empty struct": Schema.Struct({})
} as const

// Encoding: the generated encoder against effect's, on type-side values and mutations of them.
const agreeEncoding = <A, I>(schema: Schema.Schema<A, I, never>, value: unknown) =>
  sameOutcome(Schema.encodeEither(schema, options)(value as A), fastDecode.encoder(schema)(value as A), (e) => e)

describe("the generated encoder", () => {
  for (const c of cases) {
    const s = c.schema as Schema.Schema<unknown, unknown, never>
    const value = Either.getOrThrow(Schema.decodeUnknownEither(s, options)(c.input))
    // The rulebook's tables are records (index signatures), which the fast path leaves to effect.
    it(`${c.name === "rulebook" ? "leaves to effect" : "covers"} ${c.name}, both ways`, () => {
      expect(fastDecode.generate(s.ast, options, false) !== undefined).toBe(c.name !== "rulebook")
      expect(fastDecode.generate(s.ast, options) !== undefined).toBe(c.name !== "rulebook")
    })
    it(`encodes a valid ${c.name} exactly as effect does, and mutations of it`, () => {
      agreeEncoding(s, value)
      fc.assert(
        fc.property(fc.array(fc.nat(1_000_000), { minLength: 1, maxLength: 12 }), (picks) => {
          agreeEncoding(s, mutate(value, picks))
        }),
        { numRuns: c.name === "power list" ? 60 : 300 }
      )
    })
  }
  for (const [name, schema] of Object.entries(constructs)) {
    const s = schema as unknown as Schema.Schema<unknown, unknown, never>
    it(`agrees with effect on ${name}`, () => {
      fc.assert(
        fc.property(Arbitrary.make(s), fc.array(fc.nat(1_000_000), { minLength: 1, maxLength: 6 }), fc.boolean(), (value, picks, mutated) => {
          agreeEncoding(s, mutated ? mutate(value, picks) : value)
        }),
        { numRuns: 300 }
      )
    })
  }
})

// Storage writes and reads supervision events, commands, case summaries and check reports through
// the generated code: every event the recipes produce and a command of each kind, valid and mutated.
describe("the generated code on supervision records", () => {
  const events = Object.values(Fixtures.recipes).flatMap((steps) => Fixtures.run(steps).events)
  const commands = SupervisionCase.commandTags.map((tag) => Fixtures.sample(tag))
  const summaries = Object.values(Fixtures.recipes).flatMap((steps) => {
    const summary = SupervisionCase.summaryOf(Fixtures.run(steps).state)
    return summary === undefined ? [] : [summary]
  })
  // And the check reports stored for exercises: the 西属村 examples, clean and faulty.
  const reports = [Examples.xishuHeatingClean(), Examples.xishuHeatingFaulty()].flatMap((ex) =>
    [undefined, Examples.xishuHeatingFaultyAsOf].map((asOf) =>
      PowerListStore.checkReportOf(
        ex,
        Exercise.check(Examples.xishuHeatingItem(), ex, Rulebook.defaults, WorkCalendar.china, asOf === undefined ? {} : { asOf }),
        LocalDate.unsafeMake("2025-11-01")
      )
    )
  )
  const records = [
    { name: "check reports", schema: PowerListStore.CheckReport, values: reports },
    { name: "events", schema: SupervisionCase.Event, values: events },
    { name: "commands", schema: SupervisionCase.Command, values: commands },
    { name: "case summaries", schema: SupervisionCase.Summary, values: summaries }
  ] as const
  for (const r of records) {
    const schema = r.schema as unknown as Schema.Schema<unknown, unknown, never>
    it(`encodes and decodes ${r.name} exactly as effect does`, () => {
      expect(r.values.length).toBeGreaterThanOrEqual(4)
      expect(fastDecode.generate(schema.ast, options)).toBeDefined()
      expect(fastDecode.generate(schema.ast, options, false)).toBeDefined()
      fc.assert(
        fc.property(fc.nat(r.values.length - 1), fc.array(fc.nat(1_000_000), { minLength: 1, maxLength: 8 }), fc.boolean(), (i, picks, mutated) => {
          const value = r.values[i]!
          agreeEncoding(schema, mutated ? mutate(value, picks) : value)
          const encoded = Either.getOrThrow(Schema.encodeEither(schema)(value))
          agree(schema, r.name, mutated ? mutate(encoded, picks) : encoded)
        }),
        { numRuns: 400 }
      )
    })
  }
})

describe("the generated decoder on each construct", () => {
  for (const [name, schema] of Object.entries(constructs)) {
    const s = schema as unknown as Schema.Schema<unknown, unknown, never>
    it(`covers ${name}`, () => {
      expect(fastDecode.generate(s.ast, options)).toBeDefined()
    })
    it(`agrees with effect on ${name}`, () => {
      const encode = Schema.encodeEither(s)
      fc.assert(
        fc.property(Arbitrary.make(s), fc.array(fc.nat(1_000_000), { minLength: 1, maxLength: 6 }), fc.boolean(), (value, picks, mutated) => {
          // Some values have no encoding (NaN against its literal, swapped keys): their
          // arbitrary type-side value stands in as input.
          const encoded = encode(value)
          const input = Either.isRight(encoded) ? encoded.right : value
          agree(s, name, mutated ? mutate(input, picks) : input)
        }),
        { numRuns: 300 }
      )
    })
  }
  it("agrees with effect when a key must be present (exact)", () => {
    const s = constructs["optional keys and exact missing keys"] as unknown as Schema.Schema<unknown, unknown, never>
    const exact = { ...options, exact: true } as const
    const fast = fastDecode.compile(s.ast, exact)!
    for (const input of [{ a: "x", c: true }, { a: "x" }, { a: "x", c: undefined }, { a: "x", b: undefined, c: false }]) {
      const slow = Schema.decodeUnknownEither(s, exact)(input)
      const r = fast(input)
      if (Either.isRight(r)) expect(Either.getOrThrow(slow)).toStrictEqual(r.right)
    }
    expect(Either.isLeft(fast({ a: "x" }))).toBe(true)
    expect(Either.isRight(fast({ a: "x", c: true }))).toBe(true)
  })
  it("decodes the type side again only where it can differ", () => {
    const overlapping = constructs["unions of structs beside a default"] as unknown as Schema.Schema<unknown, unknown, never>
    // The second member takes { k: 5 }; on the type side the first member takes its output and
    // drops `m`. effect's result has no `m`, and neither may ours.
    agree(overlapping, "unions", { disjoint: [{ body: "a" }, { post: "p" }], overlapping: { k: 5, n: 1, m: true } })
    expect(Schema.decodeUnknownSync(overlapping)({ disjoint: [], overlapping: { k: 5, n: 1, m: true } })).toStrictEqual({
      disjoint: [],
      overlapping: { n: 1 },
      d: []
    })
    // The disjoint union's array is taken as decoded; the overlapping union is decoded again, and
    // so is `d` when its default applies.
    const source = fastDecode.generate(overlapping.ast, options)!.source
    expect(source.match(/= d\d+\(s\d+\); if \(t\d+ === FAIL\)/g)?.length).toBe(2)
    expect(source).toContain("if (z")
  })
  it("calls known predicates directly, not through effect's filter", () => {
    // Custom predicates have no arbitrary that finds their values, so they get inputs by hand.
    const s = Schema.Struct({
      ...(constructs["filters with known predicates"] as typeof constructs["filters with known predicates"]).fields,
      c: Schema.String.pipe(fastDecode.check((s: string) => s.startsWith("a"), (s) => `${s} does not start with a`)),
      d: LocalDate.LocalDate
    }) as unknown as Schema.Schema<unknown, unknown, never>
    const source = fastDecode.generate(s.ast, options)!.source
    expect(source).not.toContain("_tag === \"None\"")
    for (const input of [{ n: 10, i: 1, s: "ab", c: "a", d: "2024-02-29" }, { n: 11, i: 1, s: "ab", c: "a", d: "2024-02-29" }, { n: 1.5, i: 1, s: "ab", c: "a", d: "2024-02-29" }, { n: -0, i: 1.5, s: "ab", c: "a", d: "2024-02-29" }, { n: 1, i: 1, s: "a", c: "b", d: "2023-02-29" }]) {
      agree(s, "filters", input)
    }
  })
  it("generates the code once per schema and options", () => {
    const s = constructs["tagged unions"] as unknown as Schema.Schema<unknown, unknown, never>
    const first = fastDecode.compile(s.ast, options)
    expect(first).toBeDefined()
    expect(fastDecode.compile(s.ast, options)).toBe(first)
    expect(fastDecode.compile(s.ast, { ...options, exact: true })).not.toBe(first)
  })
  it("leaves schemas it does not cover, and options that change acceptance, to effect", () => {
    expect(fastDecode.generate(Schema.Record({ key: Schema.String, value: Schema.Number }).ast, options)).toBeUndefined()
    expect(fastDecode.generate(Schema.Struct({ a: Schema.String }).ast, { onExcessProperty: "error" })).toBeUndefined()
    interface Tree { readonly children: ReadonlyArray<Tree> }
    const Tree: Schema.Schema<Tree> = Schema.Struct({ children: Schema.Array(Schema.suspend(() => Tree)) })
    expect(fastDecode.generate(Tree.ast, options)).toBeUndefined()
  })
  it("gives up on a transformation that answers with an Effect", () => {
    const Later = Schema.transformOrFail(Schema.String, Schema.String, {
      strict: true,
      decode: (s) => Effect.succeed(s),
      encode: (s) => Effect.succeed(s)
    })
    const fast = fastDecode.compile(Later.ast, options)!
    expect(Either.isLeft(fast("x"))).toBe(true)
  })
})
