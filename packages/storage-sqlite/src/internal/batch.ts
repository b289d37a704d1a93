/**
 * Multi-row statement text. Through @effect/sql each statement costs tens of microseconds of
 * runtime overhead, so bulk paths send a few hundred rows per statement. Texts are memoised by
 * row count so that the driver's prepared-statement cache (keyed by text) hits for full batches.
 *
 * @internal
 */

/**
 * SQLite's bound-parameter limit in the builds better-sqlite3 ships (SQLITE_MAX_VARIABLE_NUMBER,
 * 32766 since SQLite 3.32). Batches stay far below it.
 *
 * @internal
 */
export const maxVariables = 32766

/** Rows per statement for a table of `columns` columns: `preferred`, capped by the variable limit. @internal */
export const rowsPerStatement = (preferred: number, columns: number): number =>
  Math.max(1, Math.min(Math.floor(preferred), Math.floor(maxVariables / columns)))

const cache = new Map<string, string>()

/** `(?, ?, ?), (?, ?, ?), ...` for `rows` rows of `columns` placeholders. @internal */
export const valuesList = (columns: number, rows: number): string => {
  const key = `${columns}x${rows}`
  let text = cache.get(key)
  if (text === undefined) {
    const row = `(${Array.from({ length: columns }, () => "?").join(", ")})`
    text = Array.from({ length: rows }, () => row).join(", ")
    // Bounded (a few MB at most): full batches, the ones that repeat, are met first in a bulk import.
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
