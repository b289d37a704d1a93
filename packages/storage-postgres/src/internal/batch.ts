/**
 * Multi-row statement text with `$n` placeholders. Through @effect/sql each statement costs some
 * runtime overhead and a round trip, so bulk paths send hundreds of rows per statement. Texts are
 * memoised by shape, so the server's parse work and our string building happen once per shape.
 *
 * @internal
 */

/** PostgreSQL's limit on bound parameters in one statement (the protocol counts them in 16 bits). @internal */
export const maxParameters = 65535

/** Rows per statement for `columns` parameters per row: `preferred`, capped by the parameter limit. @internal */
export const rowsPerStatement = (preferred: number, columns: number): number =>
  Math.max(1, Math.min(Math.floor(preferred), Math.floor(maxParameters / columns)))

const cache = new Map<string, string>()

/**
 * `($1::text, $2::bigint), ($3, $4), ...` for `rows` rows; `casts` gives each column's type, written
 * on the first row only (enough for the server to type the VALUES list).
 *
 * @internal
 */
export const valuesList = (casts: ReadonlyArray<string>, rows: number): string => {
  const key = `${casts.join(",")}x${rows}`
  let text = cache.get(key)
  if (text === undefined) {
    const out: Array<string> = []
    let n = 1
    for (let r = 0; r < rows; r++) {
      const row: Array<string> = []
      for (const cast of casts) row.push(r === 0 && cast !== "" ? `$${n++}::${cast}` : `$${n++}`)
      out.push(`(${row.join(", ")})`)
    }
    text = out.join(", ")
    if (cache.size < 256) cache.set(key, text)
  }
  return text
}

/** Splits `items` into consecutive slices of at most `size`. @internal */
export const chunks = <A>(items: ReadonlyArray<A>, size: number): Array<ReadonlyArray<A>> => {
  const out: Array<ReadonlyArray<A>> = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
