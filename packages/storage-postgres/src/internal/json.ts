/**
 * JSON checks. `JSON.stringify` silently turns `NaN` into `null`, drops `undefined` and calls
 * `toJSON`, so a value would not come back as written; we refuse such values instead. PostgreSQL's
 * `jsonb` (and `text`) cannot hold U+0000 or a lone UTF-16 surrogate either: refused too, with the
 * reason, rather than failing deep inside the server.
 *
 * @internal
 */

const unstorable = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Whether PostgreSQL text can hold `s` exactly (no U+0000, no lone surrogate). @internal */
export const badText = (s: string): boolean => unstorable.test(s)

/** What makes `value` not plain JSON, or `undefined` when it is. @internal */
export const jsonProblem = (value: unknown, depth = 0): string | undefined => {
  switch (typeof value) {
    case "string":
      return badText(value) ? "a string with U+0000 or a lone UTF-16 surrogate, which PostgreSQL cannot store" : undefined
    case "boolean":
      return undefined
    case "number":
      return Number.isFinite(value) ? undefined : `a non-finite number (${value})`
    case "object": {
      if (value === null) return undefined
      if (depth > 256) return "values nested too deeply"
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          if (value[i] === undefined) return "undefined in an array"
          const problem = jsonProblem(value[i], depth + 1)
          if (problem !== undefined) return problem
        }
        return undefined
      }
      const proto = Object.getPrototypeOf(value)
      if (proto !== Object.prototype && proto !== null) {
        return `a ${proto?.constructor?.name ?? "non-plain"} object; encode it to JSON first`
      }
      for (const key in value) {
        if (badText(key)) return "a key with U+0000 or a lone UTF-16 surrogate, which PostgreSQL cannot store"
        const v = (value as Record<string, unknown>)[key]
        if (v === undefined) continue
        const problem = jsonProblem(v, depth + 1)
        if (problem !== undefined) return problem
      }
      return undefined
    }
    default:
      return `a ${typeof value}, which is not JSON`
  }
}
