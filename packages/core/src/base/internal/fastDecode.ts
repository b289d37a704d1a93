// A fast path for decoding input that is valid, generated from a schema's AST.
//
// effect's parser pays for its error reports even when nothing is wrong: every node goes through
// Either wrappers, a union of literals (Body, Act, Evidence …) tries its members one by one and
// builds an issue for each that does not match, a struct with defaults is built, then has keys
// deleted and re-added (which leaves it a slow dictionary object), then is parsed again on its
// type side. Most input a county sends is valid, so the boundary first runs the code generated
// here, which follows the parser's rules exactly for input that decodes (the same union members
// tried in the same order, the same filters and transformations, the same output with its keys in
// the same order). At the first thing it does not accept it gives up, and the schema's own decoder
// runs: every error, path and message still comes from effect.
//
// The generated code is one function per AST node, all in one closure, so V8 can inline them into
// each other. Each returns the decoded value or `FAIL`. Encoders are generated the same way, for
// what storage writes: valid values take them, and anything they refuse goes to effect's encoder.
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import type * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type { ParseOptions } from "effect/SchemaAST"
import * as AST from "effect/SchemaAST"

/** Returned by generated code for input it does not accept. */
const FAIL: unique symbol = Symbol.for("@qinglian/core/internal/fastDecode/FAIL")

// Thrown when a transformation answers with an Effect rather than an Either: only the real parser
// can run it.
const BAIL: unique symbol = Symbol.for("@qinglian/core/internal/fastDecode/BAIL")

// Thrown while generating, for a node this fast path does not cover; the whole schema then keeps
// effect's decoder.
const UNSUPPORTED: unique symbol = Symbol.for("@qinglian/core/internal/fastDecode/UNSUPPORTED")

const hasOwn = Object.prototype.hasOwnProperty

const unsupported = (ast: AST.AST): boolean =>
  ast.annotations[AST.ParseOptionsAnnotationId] !== undefined ||
  ast.annotations[AST.DecodingFallbackAnnotationId] !== undefined

// ---------------------------------------------------------------------------------------------
// defaults whose behaviour is known
//
// A property transformation is an opaque function from Option to Option; effect's own default
// (`optionalWith(s, { default })`) allocates several closures and Options per call. The library's
// schemas declare their defaults through `withDefault`, which records the transformation with its
// default value, so the generated code can apply the default without calling it: a missing or
// `undefined` value becomes `value()`, anything else passes through.

const knownDefaults = new WeakMap<object, () => unknown>()

/**
 * `Schema.optionalWith(self, { default: value })`, with the default recorded for the fast path.
 */
export const withDefault = <S extends Schema.Schema.All>(self: S, value: () => Schema.Schema.Type<S>) => {
  const ps = Schema.optionalWith(self, { default: value })
  knownDefaults.set((ps.ast as Schema.PropertySignatureTransformation).decode, value)
  return ps
}

// ---------------------------------------------------------------------------------------------
// filters whose predicate is known
//
// A filter is called through effect's wrapper, which turns the predicate's answer into an
// Option of an issue. For the library's own filters (and effect's `Int`), the plain predicate is
// recorded beside the filter, and the generated code calls it directly. Each predicate accepts
// exactly what its filter accepts.

const knownPredicates = new WeakMap<object, (a: never) => boolean>()

const known = <S extends Schema.Schema.Any>(schema: S, predicate: (a: never) => boolean): S => {
  const ast = schema.ast
  if (AST.isRefinement(ast)) knownPredicates.set(ast.filter, predicate)
  return schema
}

known(Schema.Int, Number.isSafeInteger)

/** `Schema.minLength`, with its predicate recorded for the fast path. */
export const minLength = <S extends Schema.Schema.Any>(n: number, annotations?: Schema.Annotations.Filter<Schema.Schema.Type<S>>) =>
<A extends string>(self: S & Schema.Schema<A, Schema.Schema.Encoded<S>, Schema.Schema.Context<S>>): Schema.filter<S> =>
  known(self.pipe(Schema.minLength(n, annotations)), (a: string) => a.length >= n)

/** `Schema.int`, with its predicate recorded for the fast path. */
export const int = <S extends Schema.Schema.Any>(annotations?: Schema.Annotations.Filter<Schema.Schema.Type<S>>) =>
<A extends number>(self: S & Schema.Schema<A, Schema.Schema.Encoded<S>, Schema.Schema.Context<S>>): Schema.filter<S> =>
  known(self.pipe(Schema.int(annotations)), Number.isSafeInteger)

/** `Schema.nonNegative`, with its predicate recorded for the fast path. */
export const nonNegative = <S extends Schema.Schema.Any>(annotations?: Schema.Annotations.Filter<Schema.Schema.Type<S>>) =>
<A extends number>(self: S & Schema.Schema<A, Schema.Schema.Encoded<S>, Schema.Schema.Context<S>>): Schema.filter<S> =>
  known(self.pipe(Schema.nonNegative(annotations)), (a: number) => a >= 0)

/** `Schema.lessThanOrEqualTo`, with its predicate recorded for the fast path. */
export const lessThanOrEqualTo = <S extends Schema.Schema.Any>(maximum: number, annotations?: Schema.Annotations.Filter<Schema.Schema.Type<S>>) =>
<A extends number>(self: S & Schema.Schema<A, Schema.Schema.Encoded<S>, Schema.Schema.Context<S>>): Schema.filter<S> =>
  known(self.pipe(Schema.lessThanOrEqualTo(maximum, annotations)), (a: number) => a <= maximum)

/**
 * `Schema.filter` for a predicate with a message: the value passes when `predicate` holds, and
 * otherwise fails with `message(value)`. The predicate is recorded for the fast path.
 */
export const check = <A>(predicate: (a: A) => boolean, message: (a: A) => string) =>
<I, R>(self: Schema.Schema<A, I, R>): Schema.filter<Schema.Schema<A, I, R>> =>
  known(self.pipe(Schema.filter((a: A) => predicate(a) || message(a))), predicate)

// ---------------------------------------------------------------------------------------------
// unions: the parser's search tree (literal-valued required keys), so that members are tried in
// the order the parser tries them

const literalsOf = (ast: AST.AST, decoding: boolean): Array<readonly [PropertyKey, AST.Literal]> => {
  const side = decoding ? AST.encodedAST : AST.typeAST
  switch (ast._tag) {
    case "TypeLiteral": {
      const out: Array<readonly [PropertyKey, AST.Literal]> = []
      for (const ps of ast.propertySignatures) {
        const type = side(ps.type)
        if (AST.isLiteral(type) && !ps.isOptional) out.push([ps.name, type])
      }
      return out
    }
    case "TupleType": {
      const out: Array<readonly [PropertyKey, AST.Literal]> = []
      ast.elements.forEach((e, i) => {
        const type = side(e.type)
        if (AST.isLiteral(type) && !e.isOptional) out.push([i, type])
      })
      return out
    }
    case "Refinement":
      return literalsOf(ast.from, decoding)
    case "Transformation":
      return literalsOf(decoding ? ast.from : ast.to, decoding)
    default:
      return []
  }
}

interface SearchTree {
  /** For each key, in the parser's order: the members to try for each value (as a string). */
  readonly keys: ReadonlyArray<readonly [PropertyKey, ReadonlyMap<string, ReadonlyArray<AST.AST>>]>
  readonly otherwise: ReadonlyArray<AST.AST>
}

const searchTree = (members: ReadonlyArray<AST.AST>, decoding: boolean): SearchTree => {
  const keys = new Map<PropertyKey, Map<string, Array<AST.AST>>>()
  const otherwise: Array<AST.AST> = []
  for (const member of members) {
    const tags = literalsOf(member, decoding)
    if (tags.length === 0) {
      otherwise.push(member)
      continue
    }
    for (let j = 0; j < tags.length; j++) {
      const [key, literal] = tags[j]!
      const hash = String(literal.literal)
      let buckets = keys.get(key)
      if (buckets === undefined) keys.set(key, buckets = new Map())
      const bucket = buckets.get(hash)
      if (bucket !== undefined) {
        if (j < tags.length - 1) continue
        bucket.push(member)
      } else {
        buckets.set(hash, [member])
        break
      }
    }
  }
  // The parser walks the keys in `Reflect.ownKeys` order of a plain object: integer-like keys
  // first, in ascending order, then strings and symbols in insertion order.
  const order = Reflect.ownKeys(Object.fromEntries([...keys.keys()].map((k) => [k, null])))
  return { keys: order.map((k) => [k, keys.get(typeof k === "symbol" ? k : keyOf(keys, k))!] as const), otherwise }
}

const keyOf = (keys: ReadonlyMap<PropertyKey, unknown>, k: string): PropertyKey => {
  if (keys.has(k)) return k
  const n = Number(k)
  if (keys.has(n)) return n
  throw UNSUPPORTED
}

// ---------------------------------------------------------------------------------------------
// When a struct's type side needs no second pass: its decoded encoded side already satisfies it
//
// A struct with defaults or renamed keys is a transformation whose `to` side is the type side of
// each field. The parser decodes every field on the type side again. For a field the
// transformation leaves alone, that second pass gives back what the first produced (each node's
// output already passed the same filters), so it can be skipped, provided the type side cannot
// choose another member of a union than the first pass did.

type Kind = "string" | "number" | "boolean" | "undefined" | "array" | "record" | { readonly literal: AST.LiteralValue }

// The kinds of value `ast` can accept, or `undefined` when that is not known.
const kindsOf = (ast: AST.AST): ReadonlyArray<Kind> | undefined => {
  switch (ast._tag) {
    case "Literal":
      return [{ literal: ast.literal }]
    case "StringKeyword":
      return ["string"]
    case "NumberKeyword":
      return ["number"]
    case "BooleanKeyword":
      return ["boolean"]
    case "UndefinedKeyword":
      return ["undefined"]
    case "TupleType":
      return ["array"]
    case "TypeLiteral":
      return ast.propertySignatures.length > 0 && ast.indexSignatures.length === 0 ? ["record"] : undefined
    case "Refinement":
      return kindsOf(ast.from)
    case "Union": {
      const kinds: Array<Kind> = []
      for (const member of ast.types) {
        const k = kindsOf(member)
        if (k === undefined) return undefined
        kinds.push(...k)
      }
      return kinds
    }
    default:
      return undefined
  }
}

const overlap = (a: Kind, b: Kind): boolean => {
  if (typeof a === "string" && typeof b === "string") return a === b
  if (typeof a !== "string" && typeof b !== "string") return Object.is(a.literal, b.literal)
  const lit = typeof a === "string" ? (b as { readonly literal: AST.LiteralValue }).literal : a.literal
  const kind = typeof a === "string" ? a : (b as string)
  return lit !== null && typeof lit === kind
}

const struct = (ast: AST.AST): AST.TypeLiteral | undefined =>
  AST.isRefinement(ast) ? struct(ast.from) :
  AST.isTypeLiteral(ast) && ast.propertySignatures.length > 0 && ast.indexSignatures.length === 0 ? ast :
  undefined

// No value is accepted by both (a refinement only narrows what its base accepts).
const disjoint = (a: AST.AST, b: AST.AST): boolean => {
  if (AST.isUnion(a)) return a.types.every((m) => disjoint(m, b))
  if (AST.isUnion(b)) return b.types.every((m) => disjoint(a, m))
  const x = struct(a)
  const y = struct(b)
  if (x !== undefined && y !== undefined) return rejectsAll(x, y) && rejectsAll(y, x)
  const ka = kindsOf(a)
  const kb = kindsOf(b)
  return ka !== undefined && kb !== undefined && !ka.some((p) => kb.some((q) => overlap(p, q)))
}

// `x` accepts no output of `y`: one of its required keys rejects `undefined` (a missing key is
// read as `undefined`) and `y` either never has that key or has it with a disjoint type.
const rejectsAll = (x: AST.TypeLiteral, y: AST.TypeLiteral): boolean =>
  x.propertySignatures.some((ps) => {
    if (ps.isOptional || acceptsUndefined(ps.type)) return false
    const other = y.propertySignatures.find((qs) => qs.name === ps.name)
    return other === undefined || disjoint(ps.type, other.type)
  })

const acceptsUndefined = (ast: AST.AST): boolean => {
  const kinds = kindsOf(ast)
  return kinds === undefined || kinds.includes("undefined")
}

// Keywords that accept a whole kind of value and give it back as it is.
const leaves: ReadonlySet<AST.AST["_tag"]> = new Set<AST.AST["_tag"]>([
  "StringKeyword",
  "NumberKeyword",
  "BooleanKeyword",
  "UndefinedKeyword",
  "UnknownKeyword",
  "AnyKeyword"
])

// No union inside `ast` can accept one value in two members.
const unambiguous = (ast: AST.AST): boolean => {
  if (unsupported(ast)) return false
  if (AST.isLiteral(ast) || leaves.has(ast._tag)) return true
  switch (ast._tag) {
    case "Refinement":
      return unambiguous(ast.from)
    case "TypeLiteral":
      return ast.indexSignatures.length === 0 && ast.propertySignatures.every((ps) => unambiguous(ps.type))
    case "TupleType":
      return ast.elements.every((e) => unambiguous(e.type)) && ast.rest.every((r) => unambiguous(r.type))
    case "Union": {
      for (let i = 0; i < ast.types.length; i++) {
        for (let j = i + 1; j < ast.types.length; j++) if (!disjoint(ast.types[i]!, ast.types[j]!)) return false
      }
      return ast.types.every(unambiguous)
    }
    default:
      return false
  }
}

// Two ASTs that decode alike (built by the same constructors from the same parts).
const sameAst = (a: AST.AST, b: AST.AST): boolean => {
  if (a === b) return true
  if (a._tag !== b._tag || unsupported(a) || unsupported(b)) return false
  if (leaves.has(a._tag)) return true
  switch (a._tag) {
    case "Literal":
      return Object.is(a.literal, (b as AST.Literal).literal)
    case "Refinement": {
      const r = b as AST.Refinement
      return a.filter === r.filter && sameAst(a.from, r.from)
    }
    case "TypeLiteral": {
      const t = b as AST.TypeLiteral
      return a.indexSignatures.length === 0 && t.indexSignatures.length === 0 &&
        a.propertySignatures.length === t.propertySignatures.length &&
        a.propertySignatures.every((ps, i) => {
          const qs = t.propertySignatures[i]!
          return ps.name === qs.name && ps.isOptional === qs.isOptional && sameAst(ps.type, qs.type)
        })
    }
    case "TupleType": {
      const t = b as AST.TupleType
      return a.elements.length === t.elements.length && a.rest.length === t.rest.length &&
        a.elements.every((e, i) => e.isOptional === t.elements[i]!.isOptional && sameAst(e.type, t.elements[i]!.type)) &&
        a.rest.every((r, i) => sameAst(r.type, t.rest[i]!.type))
    }
    case "Union": {
      const u = b as AST.Union
      return a.types.length === u.types.length && a.types.every((m, i) => sameAst(m, u.types[i]!))
    }
    default:
      return false
  }
}

// ---------------------------------------------------------------------------------------------
// code generation

const isPlainKey = (k: PropertyKey): k is string => typeof k === "string" && k !== "__proto__"

class Generator {
  readonly refs: Array<unknown> = []
  readonly decls: Array<string> = []
  private readonly names = new Map<AST.AST, string>()
  private readonly encodeNames = new Map<AST.AST, string>()
  private readonly inProgress = new Set<AST.AST>()
  private readonly encodeInProgress = new Set<AST.AST>()
  private readonly refIndex = new Map<unknown, string>()
  private count = 0

  constructor(readonly exact: boolean) {}

  /** A constant the generated code can read. */
  ref(value: unknown): string {
    let name = this.refIndex.get(value)
    if (name === undefined) {
      name = `R${this.refs.length}`
      this.refs.push(value)
      this.refIndex.set(value, name)
    }
    return name
  }

  /** The name of the function that decodes `ast`. */
  fn(ast: AST.AST): string {
    return this.go(ast, true)
  }

  /** The name of the function that decodes (`true`) or encodes (`false`) with `ast`. */
  go(ast: AST.AST, decoding: boolean): string {
    const names = decoding ? this.names : this.encodeNames
    const inProgress = decoding ? this.inProgress : this.encodeInProgress
    const known = names.get(ast)
    if (known !== undefined) return known
    if (inProgress.has(ast) || unsupported(ast)) throw UNSUPPORTED
    inProgress.add(ast)
    const name = `${decoding ? "d" : "e"}${this.count++}`
    const body = decoding ? this.node(ast) : this.encodeNode(ast)
    this.decls.push(`function ${name}(u) {\n${body}\n}`)
    inProgress.delete(ast)
    names.set(ast, name)
    return name
  }

  // Encoding, as the parser encodes: a refinement checks the value on its type side, then encodes
  // what it refines; a transformation encodes its `to` side, transforms back, then encodes its
  // `from` side. Structs, tuples and unions walk their parts as in decoding.
  private encodeNode(ast: AST.AST): string {
    switch (ast._tag) {
      case "Refinement":
        return [
          `const a = ${this.fn(AST.typeAST(ast))}(u)`,
          "if (a === FAIL) return FAIL",
          `return ${this.go(dropRightRefinement(ast.from), false)}(a)`
        ].join("\n")
      case "Transformation": {
        const t = ast.transformation
        const lines = [`const a = ${this.go(ast.to, false)}(u)`, "if (a === FAIL) return FAIL"]
        switch (t._tag) {
          case "ComposeTransformation":
            lines.push(`return ${this.go(ast.from, false)}(a)`)
            break
          case "FinalTransformation":
            lines.push(
              `const r = ${this.ref(t.encode)}(a, OPTS, ${this.ref(ast)}, u)`,
              `if (!${this.ref(Either.isEither)}(r)) throw BAIL`,
              `return r._tag === "Left" ? FAIL : ${this.go(ast.from, false)}(r.right)`
            )
            break
          case "TypeLiteralTransformation":
            // The parser applies each property transformation to the object `to` gave, in order,
            // from the property's `to` key back to its `from` key.
            lines.push(...this.applyToObject(t, false), `return ${this.go(ast.from, false)}(a)`)
            break
        }
        return lines.join("\n")
      }
      case "TypeLiteral":
        return this.typeLiteral(ast, false)
      case "TupleType":
        return this.tuple(ast, false)
      case "Union":
        return this.union(ast, false)
      default:
        return this.node(ast)
    }
  }

  private node(ast: AST.AST): string {
    switch (ast._tag) {
      case "Literal":
        // A string literal gives back the schema's own string: the same value, and an interned one,
        // so the rules' comparisons with it are pointer comparisons.
        return `return u === ${this.ref(ast.literal)} ? ${typeof ast.literal === "string" ? this.ref(ast.literal) : "u"} : FAIL`
      case "UndefinedKeyword":
        return "return u === undefined ? u : FAIL"
      case "StringKeyword":
        return "return typeof u === \"string\" ? u : FAIL"
      case "NumberKeyword":
        return "return typeof u === \"number\" ? u : FAIL"
      case "BooleanKeyword":
        return "return typeof u === \"boolean\" ? u : FAIL"
      case "UnknownKeyword":
      case "AnyKeyword":
        return "return u"
      case "Refinement": {
        const from = this.fn(ast.from)
        const predicate = knownPredicates.get(ast.filter)
        if (predicate !== undefined) {
          return [`const a = ${from}(u)`, `return a !== FAIL && ${this.ref(predicate)}(a) ? a : FAIL`].join("\n")
        }
        return [
          `const a = ${from}(u)`,
          "if (a === FAIL) return FAIL",
          `return ${this.ref(ast.filter)}(a, OPTS, ${this.ref(ast)})._tag === "None" ? a : FAIL`
        ].join("\n")
      }
      case "Transformation":
        return this.transformation(ast)
      case "TypeLiteral":
        return this.typeLiteral(ast, true)
      case "TupleType":
        return this.tuple(ast, true)
      case "Union":
        return this.union(ast, true)
      default:
        throw UNSUPPORTED
    }
  }

  private transformation(ast: AST.Transformation): string {
    const t = ast.transformation
    switch (t._tag) {
      case "ComposeTransformation":
        return [`const a = ${this.fn(ast.from)}(u)`, "if (a === FAIL) return FAIL", `return ${this.fn(ast.to)}(a)`].join("\n")
      case "FinalTransformation":
        return [
          `const a = ${this.fn(ast.from)}(u)`,
          "if (a === FAIL) return FAIL",
          `const r = ${this.ref(t.decode)}(a, OPTS, ${this.ref(ast)}, u)`,
          `if (!${this.ref(Either.isEither)}(r)) throw BAIL`,
          `return r._tag === "Left" ? FAIL : ${this.fn(ast.to)}(r.right)`
        ].join("\n")
      case "TypeLiteralTransformation":
        return AST.isTypeLiteral(ast.from) && AST.isTypeLiteral(ast.to) && plainStruct(ast.from) && plainStruct(ast.to)
          ? this.structTransformation(ast.from, ast.to, t)
          : this.genericStructTransformation(ast, t)
    }
  }

  // Each property transformation applied to the object `a` as the parser applies it: read the key
  // (as an Option), delete it, and set the result under the other key.
  private applyToObject(t: AST.TypeLiteralTransformation, decoding: boolean): Array<string> {
    return t.propertySignatureTransformations.flatMap((pst) => {
      const from = JSON.stringify(keyName(decoding ? pst.from : pst.to))
      const to = JSON.stringify(keyName(decoding ? pst.to : pst.from))
      return [
        "{",
        `const v = ${this.ref(decoding ? pst.decode : pst.encode)}(hasOwn.call(a, ${from}) ? ${this.ref(Option.some)}(a[${from}]) : ${this.ref(Option.none())})`,
        `delete a[${from}]`,
        `if (v._tag === "Some") a[${to}] = v.value`,
        "}"
      ]
    })
  }

  // The parser's steps for a struct transformation: decode `from`, apply each property
  // transformation to the object (deleting and re-adding keys), decode `to` over the result.
  private genericStructTransformation(ast: AST.Transformation, t: AST.TypeLiteralTransformation): string {
    const lines = [`const a = ${this.fn(ast.from)}(u)`, "if (a === FAIL) return FAIL", ...this.applyToObject(t, true)]
    lines.push(`return ${this.fn(ast.to)}(a)`)
    return lines.join("\n")
  }

  // The same steps with the object kept in local variables (one per key, with whether it is
  // present), so that only the result is allocated, with its keys in `to`'s order as the parser
  // leaves them.
  private structTransformation(from: AST.TypeLiteral, to: AST.TypeLiteral, t: AST.TypeLiteralTransformation): string {
    const slots = new Map<string, number>()
    const fromType = new Map<number, AST.AST>()
    const touched = new Set<number>()
    const declared = new Set<number>()
    const declare = (s: number) => {
      if (declared.has(s)) return []
      declared.add(s)
      return [`let s${s}, h${s} = false`]
    }
    const slot = (k: string) => {
      let s = slots.get(k)
      if (s === undefined) slots.set(k, s = slots.size)
      return s
    }
    const lines = ["if (typeof u !== \"object\" || u === null || Array.isArray(u)) return FAIL"]
    for (const ps of from.propertySignatures) {
      const k = ps.name as string
      const s = slot(k)
      fromType.set(s, ps.type)
      lines.push(...declare(s), ...this.readKey(ps, `s${s}`, `h${s} = true`))
    }
    // Slots whose value is either what decoding the key gave or, when `z<slot>` is set, a
    // default that has still to pass the type side.
    const defaulted = new Set<number>()
    for (const pst of t.propertySignatureTransformations) {
      const f = slot(keyName(pst.from))
      const g = slot(keyName(pst.to))
      lines.push(...declare(f), ...declare(g))
      const value = knownDefaults.get(pst.decode)
      if (value !== undefined && fromType.has(f) && !touched.has(f) && !touched.has(g)) {
        if (f !== g) fromType.set(g, fromType.get(f)!)
        touched.add(g)
        defaulted.add(g)
        lines.push(
          `let z${g} = false`,
          `if (!h${f} || s${f} === undefined) { s${g} = ${this.ref(value)}(); z${g} = true } else s${g} = s${f}`,
          ...(f === g ? [] : [`h${f} = false`]),
          `h${g} = true`
        )
        continue
      }
      touched.add(g)
      lines.push(
        "{",
        `const v = ${this.ref(pst.decode)}(h${f} ? ${this.ref(Option.some)}(s${f}) : ${this.ref(Option.none())})`,
        `h${f} = false`,
        `if (v._tag === "Some") { s${g} = v.value; h${g} = true }`,
        "}"
      )
    }
    const out: Array<readonly [string, string, boolean]> = []
    to.propertySignatures.forEach((ps, j) => {
      const k = ps.name as string
      const s = slots.get(k)
      const decodeTo = this.fn(ps.type)
      const missing = ps.isOptional
        ? null
        : this.exact
        ? "return FAIL"
        : `t${j} = ${decodeTo}(undefined); if (t${j} === FAIL) return FAIL`
      if (s === undefined) {
        if (missing === null) return
        lines.push(`let t${j}`, missing)
        out.push([k, `t${j}`, false])
        return
      }
      const from = fromType.get(s)
      // A value decoded from the key gives back itself on the type side; a default does not
      // come from decoding, so it is decoded there.
      const decoded = from === undefined ? undefined : defaulted.has(s) ? withoutUndefined(from) : from
      const again = (touched.has(s) && !defaulted.has(s)) || decoded === undefined || !unambiguous(ps.type) ||
        !sameAst(ps.type, AST.typeAST(decoded))
      const decodeAgain = `t${j} = ${decodeTo}(s${s}); if (t${j} === FAIL) return FAIL`
      const present = again ? decodeAgain : defaulted.has(s) ? `if (z${s}) { ${decodeAgain} } else t${j} = s${s}` : `t${j} = s${s}`
      lines.push(`let t${j}`)
      if (missing === null) {
        lines.push(`if (h${s}) { ${present} }`)
        out.push([k, `t${j}`, true])
      } else {
        lines.push(`if (h${s}) { ${present} } else { ${missing} }`)
        out.push([k, `t${j}`, false])
      }
    })
    lines.push(...build(out.map(([k, v, optional]) => [k, v, optional ? `h${slots.get(k)!}` : null])))
    return lines.join("\n")
  }

  // Reads one key as the parser does: a missing optional key is skipped; a missing required key
  // is decoded as `undefined` unless `exact` is set.
  private readKey(ps: AST.PropertySignature, into: string, onPresent: string, decoding = true): Array<string> {
    const key = JSON.stringify(ps.name)
    const parse = `${into} = ${this.go(ps.type, decoding)}(u[${key}]); if (${into} === FAIL) return FAIL; ${onPresent}`
    if (ps.isOptional) return [`if (hasOwn.call(u, ${key})) { ${parse} }`]
    if (this.exact) return [`if (!hasOwn.call(u, ${key})) return FAIL`, parse]
    return [parse]
  }

  private typeLiteral(ast: AST.TypeLiteral, decoding: boolean): string {
    if (ast.indexSignatures.length > 0) throw UNSUPPORTED
    // `{}` accepts anything but null and undefined, as is.
    if (ast.propertySignatures.length === 0) return "return u !== null && u !== undefined ? u : FAIL"
    if (!plainStruct(ast)) throw UNSUPPORTED
    const lines = ["if (typeof u !== \"object\" || u === null || Array.isArray(u)) return FAIL"]
    const out: Array<readonly [string, string, string | null]> = []
    ast.propertySignatures.forEach((ps, i) => {
      if (ps.isOptional) {
        lines.push(`let v${i}, h${i} = false`, ...this.readKey(ps, `v${i}`, `h${i} = true`, decoding))
        out.push([ps.name as string, `v${i}`, `h${i}`])
      } else {
        lines.push(`let v${i}`, ...this.readKey(ps, `v${i}`, "", decoding))
        out.push([ps.name as string, `v${i}`, null])
      }
    })
    lines.push(...build(out))
    return lines.join("\n")
  }

  private tuple(ast: AST.TupleType, decoding: boolean): string {
    if (ast.rest.length > 1) throw UNSUPPORTED
    const required = ast.elements.filter((e) => !e.isOptional).length
    const n = ast.elements.length
    const rest = ast.rest.length === 1 ? this.go(ast.rest[0]!.type, decoding) : undefined
    // The plain array (`Schema.Array`): the result is allocated at its final length, not grown
    // push by push (which leaves a small array with room for 17).
    if (n === 0 && rest !== undefined) {
      return [
        "if (!Array.isArray(u)) return FAIL",
        "const len = u.length",
        "const out = new Array(len)",
        `for (let i = 0; i < len; i++) { const r = ${rest}(u[i]); if (r === FAIL) return FAIL; out[i] = r }`,
        "return out"
      ].join("\n")
    }
    const lines = [
      "if (!Array.isArray(u)) return FAIL",
      "const len = u.length",
      `if (len < ${required}) return FAIL`
    ]
    if (rest === undefined) lines.push(`if (len > ${n}) return FAIL`)
    lines.push("const out = []", "let r")
    ast.elements.forEach((e, i) => {
      const parse = `r = ${this.go(e.type, decoding)}(u[${i}]); if (r === FAIL) return FAIL; out.push(r)`
      lines.push(e.isOptional ? `if (len > ${i}) { ${parse} }` : parse)
    })
    if (rest !== undefined) {
      lines.push(`for (let i = ${n}; i < len; i++) { r = ${rest}(u[i]); if (r === FAIL) return FAIL; out.push(r) }`)
    }
    lines.push("return out")
    return lines.join("\n")
  }

  private union(ast: AST.Union, decoding: boolean): string {
    // A union of plain literals (or of such unions) accepts exactly its literals, whatever the
    // order. Strings come back as the schema's own (interned) strings, other values as given.
    const literals = literalsIn(ast)
    if (literals !== undefined) {
      if (literals.every((l) => typeof l === "string") && literals.length > 8) {
        const canonical = new Map(literals.map((l) => [l, l]))
        return [`const v = ${this.ref(canonical)}.get(u)`, "return v === undefined ? FAIL : v"].join("\n")
      }
      if (literals.length <= 8 || literals.some((l) => typeof l === "number" && Number.isNaN(l))) {
        return [
          ...literals.map((l) => `if (u === ${this.ref(l)}) return ${typeof l === "string" ? this.ref(l) : "u"}`),
          "return FAIL"
        ].join("\n")
      }
      return `return ${this.ref(new Set(literals))}.has(u) ? u : FAIL`
    }
    const tree = searchTree(ast.types, decoding)
    const lines = ["let r"]
    const attempt = (member: AST.AST) => `r = ${this.go(member, decoding)}(u); if (r !== FAIL) return r`
    if (tree.keys.length > 0) {
      lines.push("if (typeof u === \"object\" && u !== null) {")
      for (const [key, buckets] of tree.keys) {
        const k = typeof key === "symbol" ? this.ref(key) : JSON.stringify(key)
        lines.push(`if (hasOwn.call(u, ${k})) switch (String(u[${k}])) {`)
        for (const [hash, members] of buckets) {
          lines.push(`case ${JSON.stringify(hash)}:`, ...members.map(attempt), "break")
        }
        lines.push("}")
      }
      lines.push("}")
    }
    lines.push(...tree.otherwise.map(attempt), "return FAIL")
    return lines.join("\n")
  }
}

const literalsIn = (ast: AST.Union): Array<AST.LiteralValue> | undefined => {
  const out: Array<AST.LiteralValue> = []
  for (const t of ast.types) {
    if (unsupported(t)) return undefined
    if (AST.isLiteral(t)) out.push(t.literal)
    else if (AST.isUnion(t)) {
      const nested = literalsIn(t)
      if (nested === undefined) return undefined
      out.push(...nested)
    } else return undefined
  }
  return out
}

const dropRightRefinement = (ast: AST.AST): AST.AST => AST.isRefinement(ast) ? dropRightRefinement(ast.from) : ast

const keyName = (k: PropertyKey): string => {
  if (!isPlainKey(k)) throw UNSUPPORTED
  return k
}

// The member of `X | undefined` that is not `undefined` (what a present, defined value was
// decoded by), or `undefined` when the union has another form.
const withoutUndefined = (ast: AST.AST): AST.AST | undefined => {
  if (!AST.isUnion(ast)) return ast
  const rest = ast.types.filter((t) => !AST.isUndefinedKeyword(t))
  return rest.length === 1 && rest.length === ast.types.length - 1 ? rest[0] : undefined
}

const plainStruct = (ast: AST.TypeLiteral): boolean =>
  ast.indexSignatures.length === 0 && ast.propertySignatures.every((ps) => isPlainKey(ps.name))

// The result object, its keys in order. With few optional keys, one object literal for each
// combination of them that is present: the object is allocated once with every property in it,
// where adding keys to a smaller literal would put them in a separate, slower backing store.
// Otherwise the leading always-present keys as one literal, the rest assigned in turn.
const MAX_OPTIONAL_COMBINATIONS = 4

const build = (keys: ReadonlyArray<readonly [string, string, string | null]>): Array<string> => {
  const optional = keys.filter(([, , present]) => present !== null)
  if (optional.length <= MAX_OPTIONAL_COMBINATIONS) {
    const literal = (included: ReadonlySet<string>) =>
      `return { ${keys.filter(([k, , present]) => present === null || included.has(k)).map(([k, v]) => `${JSON.stringify(k)}: ${v}`).join(", ")} }`
    const branch = (i: number, included: ReadonlySet<string>): Array<string> => {
      if (i === optional.length) return [literal(included)]
      const [k, , present] = optional[i]!
      return [`if (${present}) {`, ...branch(i + 1, new Set([...included, k])), "} else {", ...branch(i + 1, included), "}"]
    }
    return branch(0, new Set())
  }
  let lead = 0
  while (lead < keys.length && keys[lead]![2] === null) lead++
  const lines = [`const out = { ${keys.slice(0, lead).map(([k, v]) => `${JSON.stringify(k)}: ${v}`).join(", ")} }`]
  for (const [k, v, present] of keys.slice(lead)) {
    const assign = `out[${JSON.stringify(k)}] = ${v}`
    lines.push(present === null ? assign : `if (${present}) ${assign}`)
  }
  lines.push("return out")
  return lines
}

const decodeOptions: ParseOptions = { errors: "all", onExcessProperty: "ignore" }

/**
 * `Schema.decodeUnknownEither(schema, { errors: "all" })`, with valid input taking the generated
 * fast path: the same value, and for anything else effect's own `ParseError`.
 */
export const decoder = <A, I>(schema: Schema.Schema<A, I, never>): (u: unknown) => Either.Either<A, ParseResult.ParseError> => {
  const decode = Schema.decodeUnknownEither(schema, decodeOptions)
  const fast = compile(schema.ast, decodeOptions)
  if (fast === undefined) return decode
  return (u) => {
    const r = fast(u)
    return Either.isRight(r) ? (r as Either.Either<A, never>) : decode(u)
  }
}

/**
 * `Schema.encodeEither(schema, { errors: "all" })`, with valid values taking the generated fast
 * path: the same encoded value, and for anything else effect's own `ParseError`.
 */
export const encoder = <A, I>(schema: Schema.Schema<A, I, never>): (a: A) => Either.Either<I, ParseResult.ParseError> => {
  const encode = Schema.encodeEither(schema, decodeOptions)
  const fast = compile(schema.ast, decodeOptions, false)
  if (fast === undefined) return encode
  return (a) => {
    const r = fast(a)
    return Either.isRight(r) ? (r as Either.Either<I, never>) : encode(a)
  }
}

/**
 * The generated source for `ast` and the constants it reads, or `undefined` when the fast path
 * does not cover the schema or the options.
 */
export const generate = (
  ast: AST.AST,
  options: ParseOptions,
  decoding = true
): { readonly source: string; readonly refs: ReadonlyArray<unknown> } | undefined => {
  if (options.onExcessProperty === "error" || options.onExcessProperty === "preserve") return undefined
  if (options.propertyOrder === "original") return undefined
  const gen = new Generator(options.exact === true)
  let root: string
  try {
    root = gen.go(ast, decoding)
  } catch (e) {
    if (e === UNSUPPORTED) return undefined
    throw e
  }
  const source = [
    "\"use strict\"",
    ...gen.refs.map((_, i) => `const R${i} = R[${i}]`),
    ...gen.decls,
    `return ${root}`
  ].join("\n")
  return { source, refs: gen.refs }
}

/**
 * Compiles `ast` into a checker that returns the decoded value (or, with `decoding` false, the
 * encoded value) for input the
 * parser would accept, or `Left(undefined)` when it cannot be sure (the caller then runs the
 * parser). `undefined` as a whole: the schema uses something this fast path does not cover, the
 * options change what the parser accepts, or code cannot be generated here (a content security
 * policy forbids it).
 */
export const compile = (ast: AST.AST, options: ParseOptions, decoding = true): Compiled | undefined => {
  // Compiled once per schema, options object and direction: a caller that builds its decoder
  // inline, call after call, does not generate the code each time.
  const cache = decoding ? compiled : compiledEncoders
  let byAst = cache.get(options)
  if (byAst === undefined) cache.set(options, byAst = new WeakMap())
  if (byAst.has(ast)) return byAst.get(ast) ?? undefined
  const result = compileNew(ast, options, decoding)
  byAst.set(ast, result ?? null)
  return result
}

type Compiled = (u: unknown) => Either.Either<unknown, undefined>

const compiled = new WeakMap<ParseOptions, WeakMap<AST.AST, Compiled | null>>()
const compiledEncoders = new WeakMap<ParseOptions, WeakMap<AST.AST, Compiled | null>>()

const compileNew = (ast: AST.AST, options: ParseOptions, decoding: boolean): Compiled | undefined => {
  const generated = generate(ast, options, decoding)
  if (generated === undefined) return undefined
  let fast: (u: unknown) => unknown
  try {
    fast = new Function("R", "FAIL", "BAIL", "hasOwn", "OPTS", generated.source)(generated.refs, FAIL, BAIL, hasOwn, options)
  } catch {
    return undefined
  }
  return (u) => {
    let r: unknown
    try {
      r = fast(u)
    } catch (e) {
      if (e === BAIL) return Either.left(undefined)
      throw e
    }
    return r === FAIL ? Either.left(undefined) : Either.right(r)
  }
}
