// A fast path for decoding input that is valid, compiled from a schema's AST.
//
// effect's parser pays for its error reports even when nothing is wrong: a union of literals
// (Body, Act, Evidence …) tries its members one by one and builds an issue for each that does not
// match, and every step goes through Either wrappers. Most input a county sends is valid, so the
// boundary first runs this compiled checker, which follows the parser's rules exactly for input
// that decodes (same members tried in the same order, the same filters and transformations, the
// same output). At the first thing it does not accept, it gives up, and the schema's own decoder
// runs: every error, path and message still comes from effect.
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import type { ParseOptions } from "effect/SchemaAST"
import * as AST from "effect/SchemaAST"

/** Returned by a compiled checker for input it does not accept. */
const FAIL: unique symbol = Symbol.for("@qinglian/core/internal/fastDecode/FAIL")
type Fast = (u: unknown) => unknown

// Thrown when a transformation answers with an Effect rather than an Either: only the real parser
// can run it.
const BAIL: unique symbol = Symbol.for("@qinglian/core/internal/fastDecode/BAIL")

const hasOwn = Object.prototype.hasOwnProperty

const isRecordOrArray = (u: unknown): u is Record<PropertyKey, unknown> => typeof u === "object" && u !== null

const unsupported = (ast: AST.AST): boolean =>
  ast.annotations[AST.ParseOptionsAnnotationId] !== undefined ||
  ast.annotations[AST.DecodingFallbackAnnotationId] !== undefined

// The parser's search tree for unions (literal-valued required keys), so that members are tried
// in the order the parser tries them.
const literalsOf = (ast: AST.AST): Array<readonly [PropertyKey, AST.Literal]> => {
  switch (ast._tag) {
    case "TypeLiteral": {
      const out: Array<readonly [PropertyKey, AST.Literal]> = []
      for (const ps of ast.propertySignatures) {
        const type = AST.encodedAST(ps.type)
        if (AST.isLiteral(type) && !ps.isOptional) out.push([ps.name, type])
      }
      return out
    }
    case "TupleType": {
      const out: Array<readonly [PropertyKey, AST.Literal]> = []
      ast.elements.forEach((e, i) => {
        const type = AST.encodedAST(e.type)
        if (AST.isLiteral(type) && !e.isOptional) out.push([i, type])
      })
      return out
    }
    case "Refinement":
      return literalsOf(ast.from)
    case "Transformation":
      return literalsOf(ast.from)
    default:
      return []
  }
}

interface SearchTree {
  readonly keys: Record<PropertyKey, Record<string, Array<AST.AST>>>
  readonly otherwise: ReadonlyArray<AST.AST>
}

const searchTree = (members: ReadonlyArray<AST.AST>): SearchTree => {
  const keys: Record<PropertyKey, Record<string, Array<AST.AST>>> = {}
  const otherwise: Array<AST.AST> = []
  for (const member of members) {
    const tags = literalsOf(member)
    if (tags.length === 0) {
      otherwise.push(member)
      continue
    }
    for (let j = 0; j < tags.length; j++) {
      const [key, literal] = tags[j]!
      const hash = String(literal.literal)
      const buckets = (keys[key] ??= {})
      if (hasOwn.call(buckets, hash)) {
        if (j < tags.length - 1) continue
        buckets[hash]!.push(member)
      } else {
        buckets[hash] = [member]
        break
      }
    }
  }
  return { keys, otherwise }
}

const compileUnion = (ast: AST.Union, go: (ast: AST.AST) => Fast | undefined): Fast | undefined => {
  // A union of plain literals accepts exactly its literals, whatever the order.
  if (ast.types.every((t) => AST.isLiteral(t) && !unsupported(t) && !(typeof t.literal === "number" && Number.isNaN(t.literal)))) {
    const set = new Set(ast.types.map((t) => (t as AST.Literal).literal))
    return (u) => (set.has(u as AST.LiteralValue) ? u : FAIL)
  }
  const parsers = new Map<AST.AST, Fast>()
  for (const t of ast.types) {
    const p = go(t)
    if (p === undefined) return undefined
    parsers.set(t, p)
  }
  const tree = searchTree(ast.types)
  const keys = Reflect.ownKeys(tree.keys)
  const otherwise = tree.otherwise.map((t) => parsers.get(t)!)
  if (keys.length === 0) {
    return (u) => {
      for (let i = 0; i < otherwise.length; i++) {
        const r = otherwise[i]!(u)
        if (r !== FAIL) return r
      }
      return FAIL
    }
  }
  const buckets = keys.map((k) => {
    const b: Record<string, ReadonlyArray<Fast>> = {}
    for (const [hash, members] of Object.entries(tree.keys[k]!)) b[hash] = members.map((m) => parsers.get(m)!)
    return [k, b] as const
  })
  return (u) => {
    if (isRecordOrArray(u)) {
      for (const [k, b] of buckets) {
        if (!hasOwn.call(u, k)) continue
        const hash = String(u[k])
        if (!hasOwn.call(b, hash)) continue
        const candidates = b[hash]!
        for (let i = 0; i < candidates.length; i++) {
          const r = candidates[i]!(u)
          if (r !== FAIL) return r
        }
      }
    }
    for (let i = 0; i < otherwise.length; i++) {
      const r = otherwise[i]!(u)
      if (r !== FAIL) return r
    }
    return FAIL
  }
}

const compileTuple = (ast: AST.TupleType, go: (ast: AST.AST) => Fast | undefined): Fast | undefined => {
  if (ast.rest.length > 1) return undefined
  const elements: Array<Fast> = []
  for (const e of ast.elements) {
    const p = go(e.type)
    if (p === undefined) return undefined
    elements.push(p)
  }
  const optional = ast.elements.map((e) => e.isOptional)
  const required = optional.filter((o) => !o).length
  const rest = ast.rest.length === 1 ? go(ast.rest[0]!.type) : null
  if (rest === undefined) return undefined
  const ne = elements.length
  return (u) => {
    if (!Array.isArray(u)) return FAIL
    const len = u.length
    if (len < required) return FAIL
    if (rest === null && len > ne) return FAIL
    const out: Array<unknown> = []
    for (let i = 0; i < ne; i++) {
      if (len < i + 1 && optional[i]) continue
      const r = elements[i]!(u[i])
      if (r === FAIL) return FAIL
      out.push(r)
    }
    if (rest !== null) {
      for (let i = ne; i < len; i++) {
        const r = rest(u[i])
        if (r === FAIL) return FAIL
        out.push(r)
      }
    }
    return out
  }
}

const compileTypeLiteral = (
  ast: AST.TypeLiteral,
  go: (ast: AST.AST) => Fast | undefined,
  exact: boolean
): Fast | undefined => {
  if (ast.indexSignatures.length > 0) return undefined
  if (ast.propertySignatures.length === 0) return (u) => (u !== null && u !== undefined ? u : FAIL)
  const n = ast.propertySignatures.length
  const names: Array<PropertyKey> = []
  const optional: Array<boolean> = []
  const parsers: Array<Fast> = []
  for (const ps of ast.propertySignatures) {
    const p = go(ps.type)
    if (p === undefined) return undefined
    names.push(ps.name)
    optional.push(ps.isOptional)
    parsers.push(p)
  }
  return generated(names, optional, parsers, exact) ?? ((u) => {
    if (!isRecordOrArray(u) || Array.isArray(u)) return FAIL
    const out: Record<PropertyKey, unknown> = {}
    for (let i = 0; i < n; i++) {
      const name = names[i]!
      if (!hasOwn.call(u, name)) {
        if (optional[i]) continue
        if (exact) return FAIL
      }
      const r = parsers[i]!(u[name])
      if (r === FAIL) return FAIL
      out[name] = r
    }
    return out
  })
}

// One function per struct, with its keys written out: a shared loop over key names makes every
// property access megamorphic, which costs about as much as the checks themselves. Where code
// cannot be generated (a content security policy forbids it), the loop above is used.
const generated = (
  names: ReadonlyArray<PropertyKey>,
  optional: ReadonlyArray<boolean>,
  parsers: ReadonlyArray<Fast>,
  exact: boolean
): Fast | undefined => {
  if (!names.every((k) => typeof k === "string")) return undefined
  const lines: Array<string> = [
    "return function (u) {",
    "if (typeof u !== \"object\" || u === null || Array.isArray(u)) return FAIL",
    "const out = {}",
    "let r"
  ]
  names.forEach((k, i) => {
    const key = JSON.stringify(k)
    const parse = `r = p[${i}](u[${key}]); if (r === FAIL) return FAIL; out[${key}] = r`
    if (optional[i]) lines.push(`if (hasOwn.call(u, ${key})) { ${parse} }`)
    else if (exact) lines.push(`if (!hasOwn.call(u, ${key})) return FAIL`, parse)
    else lines.push(parse)
  })
  lines.push("return out", "}")
  try {
    return new Function("p", "FAIL", "hasOwn", lines.join("\n"))(parsers, FAIL, hasOwn) as Fast
  } catch {
    return undefined
  }
}

const compileTransformation = (
  ast: AST.Transformation,
  go: (ast: AST.AST) => Fast | undefined,
  options: ParseOptions
): Fast | undefined => {
  const from = go(ast.from)
  const to = go(ast.to)
  if (from === undefined || to === undefined) return undefined
  const t = ast.transformation
  switch (t._tag) {
    case "ComposeTransformation":
      return (u) => {
        const a = from(u)
        return a === FAIL ? FAIL : to(a)
      }
    case "FinalTransformation":
      return (u) => {
        const a = from(u)
        if (a === FAIL) return FAIL
        const r: unknown = t.decode(a, options, ast, u)
        if (!Either.isEither(r)) throw BAIL
        return Either.isLeft(r) ? FAIL : to(r.right)
      }
    case "TypeLiteralTransformation": {
      const psts = t.propertySignatureTransformations
      return (u) => {
        const a = from(u)
        if (a === FAIL) return FAIL
        const o = a as Record<PropertyKey, unknown>
        for (const pst of psts) {
          const v = pst.decode(hasOwn.call(o, pst.from) ? Option.some(o[pst.from]) : Option.none())
          delete o[pst.from]
          if (Option.isSome(v)) o[pst.to] = v.value
        }
        return to(o)
      }
    }
  }
}

/**
 * Compiles `ast` (decoding side) into a checker that returns the decoded value for input the
 * parser would accept, or `undefined` when it cannot be sure (the caller then runs the parser).
 * `undefined` as a whole: the schema uses something this fast path does not cover.
 */
export const compile = (ast: AST.AST, options: ParseOptions): ((u: unknown) => Either.Either<unknown, undefined>) | undefined => {
  if (options.onExcessProperty === "error" || options.onExcessProperty === "preserve") return undefined
  if (options.propertyOrder === "original") return undefined
  const exact = options.exact === true
  const memo = new Map<AST.AST, Fast | undefined>()
  const inProgress = new Set<AST.AST>()
  const go = (ast: AST.AST): Fast | undefined => {
    if (memo.has(ast)) return memo.get(ast)
    if (inProgress.has(ast) || unsupported(ast)) return undefined
    inProgress.add(ast)
    const p = compileNode(ast)
    inProgress.delete(ast)
    memo.set(ast, p)
    return p
  }
  const compileNode = (ast: AST.AST): Fast | undefined => {
    switch (ast._tag) {
      case "Literal": {
        const lit = ast.literal
        return (u) => (u === lit ? u : FAIL)
      }
      case "UndefinedKeyword":
        return (u) => (u === undefined ? u : FAIL)
      case "StringKeyword":
        return (u) => (typeof u === "string" ? u : FAIL)
      case "NumberKeyword":
        return (u) => (typeof u === "number" ? u : FAIL)
      case "BooleanKeyword":
        return (u) => (typeof u === "boolean" ? u : FAIL)
      case "UnknownKeyword":
      case "AnyKeyword":
        return (u) => u
      case "Refinement": {
        const from = go(ast.from)
        if (from === undefined) return undefined
        return (u) => {
          const a = from(u)
          return a === FAIL || Option.isSome(ast.filter(a, options, ast)) ? FAIL : a
        }
      }
      case "Transformation":
        return compileTransformation(ast, go, options)
      case "TypeLiteral":
        return compileTypeLiteral(ast, go, exact)
      case "TupleType":
        return compileTuple(ast, go)
      case "Union":
        return compileUnion(ast, go)
      default:
        return undefined
    }
  }
  const fast = go(ast)
  if (fast === undefined) return undefined
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
