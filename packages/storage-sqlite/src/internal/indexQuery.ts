/**
 * The SQL of `queryIndex`, apart so a test can check its query plan.
 *
 * @internal
 */
import { StorageAdapter } from "@qinglian/core"

/** A compiled index query, or the reason it is invalid. @internal */
export type Compiled =
  | { readonly _tag: "Sql"; readonly text: string; readonly params: ReadonlyArray<unknown> }
  | { readonly _tag: "Invalid"; readonly message: string }

/**
 * Walks the primary key of `document_index` (collection, name, value, id): equality on the first
 * two, the range and the keyset cursor on (value, id), in either direction. It fetches one row more
 * than the page to know whether another page exists.
 *
 * @internal
 */
export const compile = (query: StorageAdapter.IndexQuery): Compiled => {
  if (!Number.isSafeInteger(query.limit) || query.limit < 1) {
    return { _tag: "Invalid", message: `limit must be a positive integer, got ${query.limit}` }
  }
  const desc = query.order === "desc"
  const where: Array<string> = ["i.collection = ?", "i.name = ?"]
  const params: Array<unknown> = [query.collection, query.index]
  for (const [op, value] of [[">=", query.gte], [">", query.gt], ["<=", query.lte], ["<", query.lt]] as const) {
    if (value === undefined) continue
    if (!StorageAdapter.isIndexValue(value)) {
      return { _tag: "Invalid", message: `range bound ${op} ${String(value)} must be a string or a finite number` }
    }
    where.push(`i.value ${op} ?`)
    params.push(value)
  }
  if (query.cursor !== undefined) {
    const after = StorageAdapter.decodeCursor(query.cursor)
    if (after === undefined) {
      return { _tag: "Invalid", message: "malformed cursor: pass the cursor of the previous page unchanged" }
    }
    where.push(`(i.value, i.id) ${desc ? "<" : ">"} (?, ?)`)
    params.push(after.value, after.id)
  }
  const direction = desc ? "DESC" : "ASC"
  params.push(query.limit + 1)
  return {
    _tag: "Sql",
    text: `SELECT d.collection, d.id, d.version, d.data, d.indexes, i.value
FROM document_index AS i JOIN documents AS d ON d.collection = i.collection AND d.id = i.id
WHERE ${where.join(" AND ")}
ORDER BY i.value ${direction}, i.id ${direction} LIMIT ?`,
    params
  }
}
