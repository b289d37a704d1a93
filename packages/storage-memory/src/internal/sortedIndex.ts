import type { StorageAdapter } from "@qinglian/core"

// Strings whose UTF-16 order differs from code point order contain a unit >= U+D800.
const NEEDS_REMAP = /[\uD800-\uFFFF]/

/**
 * A string that compares with plain `<` the way the original compares by code point: surrogates
 * move above U+E000–U+FFFF. Most strings (ASCII, Chinese) are returned unchanged.
 */
export const sortable = (s: string): string => {
  if (!NEEDS_REMAP.test(s)) return s
  let out = ""
  for (let i = 0; i < s.length; i++) {
    const u = s.charCodeAt(i)
    out += String.fromCharCode(u < 0xd800 ? u : u < 0xe000 ? u + 0x2000 : u - 0x800)
  }
  return out
}

/** A value in index order: numbers before strings, both comparable with `<`. */
export type Key = number | string

export const keyOf = (value: StorageAdapter.IndexValue): Key => typeof value === "number" ? value : sortable(value)

export const compareKeys = (a: Key, b: Key): number => {
  if (a === b) return 0
  if (typeof a === typeof b) return a < b ? -1 : 1
  return typeof a === "number" ? -1 : 1
}

/** One document's position in one index. Identity matters: removal is by object. */
export interface Entry {
  /** The index name. */
  readonly index: string
  readonly value: StorageAdapter.IndexValue
  readonly id: string
  readonly key: Key
  readonly idKey: string
  /** The document, so a query needs no lookup (absent on cursor probes). */
  readonly record: StorageAdapter.DocumentRecord | undefined
  /** Added but not yet merged into the sorted array. */
  pending: boolean
  /** Removed while still pending: skipped when the batch is merged. */
  dead: boolean
}

export const makeEntry = (
  index: string,
  value: StorageAdapter.IndexValue,
  id: string,
  record: StorageAdapter.DocumentRecord | undefined
): Entry => ({
  index,
  value,
  id,
  key: keyOf(value),
  idKey: sortable(id),
  record,
  pending: false,
  dead: false
})

export const compareEntries = (a: Entry, b: Entry): number => {
  const ka = a.key
  const kb = b.key
  if (ka !== kb) {
    if (typeof ka === typeof kb) return ka < kb ? -1 : 1
    return typeof ka === "number" ? -1 : 1
  }
  return a.idKey === b.idKey ? 0 : a.idKey < b.idKey ? -1 : 1
}

// Below this many pending changes, splicing into the sorted array beats a full merge.
const SPLICE_LIMIT = 64

/**
 * A sorted array of entries with buffered changes. Writes only touch the buffers (O(1)), so bulk
 * imports stay linear; the first query after a batch folds the buffers in (sort the batch, merge).
 */
export class SortedIndex {
  private sorted: Array<Entry> = []
  private added: Array<Entry> = []
  private readonly removed = new Set<Entry>()

  add(entry: Entry): void {
    entry.pending = true
    entry.dead = false
    this.added.push(entry)
  }

  remove(entry: Entry): void {
    if (entry.pending) entry.dead = true
    else this.removed.add(entry)
  }

  /** The entries in order, with pending changes applied. Do not mutate. */
  entries(): ReadonlyArray<Entry> {
    if (this.removed.size > 0) this.applyRemovals()
    if (this.added.length > 0) this.applyAdditions()
    return this.sorted
  }

  /** Whether the entry (this very object) is in the index. */
  has(entry: Entry): boolean {
    const sorted = this.entries()
    return sorted[lowerBound(sorted, (e) => compareEntries(e, entry) < 0)] === entry
  }

  private applyRemovals(): void {
    const removed = this.removed
    if (removed.size <= SPLICE_LIMIT) {
      for (const entry of removed) {
        const i = lowerBound(this.sorted, (e) => compareEntries(e, entry) < 0)
        if (this.sorted[i] === entry) this.sorted.splice(i, 1)
      }
    } else {
      this.sorted = this.sorted.filter((e) => !removed.has(e))
    }
    removed.clear()
  }

  private applyAdditions(): void {
    const batch: Array<Entry> = []
    for (const entry of this.added) {
      // An entry re-added after removal appears twice in the buffer; keep it once.
      if (entry.pending && !entry.dead) batch.push(entry)
      entry.pending = false
    }
    this.added = []
    batch.sort(compareEntries)
    const sorted = this.sorted
    if (sorted.length === 0) {
      this.sorted = batch
    } else if (batch.length <= SPLICE_LIMIT) {
      for (const entry of batch) {
        sorted.splice(lowerBound(sorted, (e) => compareEntries(e, entry) < 0), 0, entry)
      }
    } else {
      const merged = new Array<Entry>(sorted.length + batch.length)
      let i = 0
      let j = 0
      let k = 0
      while (i < sorted.length && j < batch.length) {
        merged[k++] = compareEntries(sorted[i]!, batch[j]!) <= 0 ? sorted[i++]! : batch[j++]!
      }
      while (i < sorted.length) merged[k++] = sorted[i++]!
      while (j < batch.length) merged[k++] = batch[j++]!
      this.sorted = merged
    }
  }
}

/** The first index whose element does not satisfy `before` (which must be monotone: true…false). */
export const lowerBound = <A>(items: ReadonlyArray<A>, before: (a: A) => boolean): number => {
  let lo = 0
  let hi = items.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (before(items[mid]!)) lo = mid + 1
    else hi = mid
  }
  return lo
}
