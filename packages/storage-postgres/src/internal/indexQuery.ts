/**
 * The SQL of `queryIndex`, apart so a test can check its query plan.
 *
 * @internal
 */
import { StorageAdapter } from "@qinglian/core"

/** An index value as the typed columns hold it: `(kind, num, str)`. @internal */
export type Columns = readonly [kind: 0 | 1, num: number, str: string]

/** The typed columns of an index value (`-0` as `0`). @internal */
export const columnsOf = (value: StorageAdapter.IndexValue): Columns =>
  typeof value === "number" ? [0, value === 0 ? 0 : value, ""] : [1, 0, value]

/** The index value the typed columns hold. @internal */
export const valueOf = (kind: number, num: number, str: string): StorageAdapter.IndexValue => (kind === 0 ? num : str)

/** A compiled index query, or the reason it is invalid. @internal */
export type Compiled =
  | { readonly _tag: "Sql"; readonly text: string; readonly params: ReadonlyArray<unknown> }
  | { readonly _tag: "Invalid"; readonly message: string }

/**
 * Walks the primary key of `document_index` (collection, name, kind, num, str, id): equality on
 * the first two, row comparisons for the range and the keyset cursor on the rest, in either
 * direction. It fetches one row more than the page to know whether another page exists.
 *
 * @internal
 */
export const compile = (
  schema: string,
  query: StorageAdapter.IndexQuery,
  isBadText: (s: string) => boolean
): Compiled => {
  if (!Number.isSafeInteger(query.limit) || query.limit < 1) {
    return { _tag: "Invalid", message: `limit must be a positive integer, got ${query.limit}` }
  }
  const desc = query.order === "desc"
  const params: Array<unknown> = [query.collection, query.index]
  const where: Array<string> = ["i.collection = $1", "i.name = $2"]
  for (const [op, value] of [[">=", query.gte], [">", query.gt], ["<=", query.lte], ["<", query.lt]] as const) {
    if (value === undefined) continue
    if (!StorageAdapter.isIndexValue(value)) {
      return { _tag: "Invalid", message: `range bound ${op} ${String(value)} must be a string or a finite number` }
    }
    // PostgreSQL text cannot hold U+0000, and no stored string contains it: for s = a + U+0000 + …,
    // a stored t is above s exactly when t > a, and below it exactly when t <= a.
    const nul = typeof value === "string" ? value.indexOf("\u0000") : -1
    const [kind, num, str] = columnsOf(nul < 0 ? value : (value as string).slice(0, nul))
    const sqlOp = nul < 0 ? op : op.startsWith(">") ? ">" : "<="
    const n = params.length
    where.push(`(i.kind, i.num, i.str) ${sqlOp} ($${n + 1}::smallint, $${n + 2}::float8, $${n + 3}::text)`)
    params.push(kind, num, str)
  }
  if (query.cursor !== undefined) {
    const after = StorageAdapter.decodeCursor(query.cursor)
    if (after === undefined || (typeof after.value === "string" && isBadText(after.value)) || isBadText(after.id)) {
      return { _tag: "Invalid", message: "malformed cursor: pass the cursor of the previous page unchanged" }
    }
    const [kind, num, str] = columnsOf(after.value)
    const n = params.length
    where.push(
      `(i.kind, i.num, i.str, i.id) ${desc ? "<" : ">"} ($${n + 1}::smallint, $${n + 2}::float8, $${n + 3}::text, $${n + 4}::text)`
    )
    params.push(kind, num, str, after.id)
  }
  const direction = desc ? "DESC" : "ASC"
  params.push(query.limit + 1)
  return {
    _tag: "Sql",
    text: `SELECT d.id, d.version::float8 AS version, d.data, d.indexes, i.kind, i.num, i.str
FROM ${schema}.document_index AS i JOIN ${schema}.documents AS d ON d.collection = i.collection AND d.id = i.id
WHERE ${where.join(" AND ")}
ORDER BY i.kind ${direction}, i.num ${direction}, i.str ${direction}, i.id ${direction} LIMIT $${params.length}`,
    params
  }
}
