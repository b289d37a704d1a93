/**
 * The storage port: the narrow contract a storage back end implements so that core can keep its
 * documents, event streams and audit log in it.
 *
 * It has three parts, and a third party should be able to implement it in a day:
 *
 * - **versioned documents** with declared secondary indexes: get, put with an expected version,
 *   and query by one index with a range and keyset pagination;
 * - **append-only event streams**: append with an expected version, read from a version;
 * - **transactions**: an all-or-nothing, serializable scope around several writes; a nested
 *   transaction is a savepoint.
 *
 * Bad input (an empty or malformed key, a non-finite index value, a fractional `recordedAt`, a
 * negative version, a non-positive limit, data that is not JSON) is refused with a
 * {@link StorageError} that says what is wrong, before any version is compared and with nothing
 * written. Keys (collection, id, index names and string values, stream, event type) must be
 * well-formed Unicode: a lone UTF-16 surrogate cannot be stored as UTF-8.
 *
 * Settled by the conformance suite, which tests each:
 *
 * - **A transaction reads its own writes**: inside it, reads and index queries see the documents,
 *   index entries and events it (and its committed nested calls) wrote, before the commit.
 * - **Plain calls never see or join another fiber's open transaction**: a read outside it sees only
 *   committed data (it may wait for the transaction or read the last commit); a write outside it is
 *   not undone when that transaction rolls back.
 * - **Returned values are read-only**: what reads return (records, data, index values, events) is
 *   frozen or a fresh copy, so a caller that mutates it changes nothing stored; and an adapter copies
 *   its inputs, so changing a write's data after the call changes nothing stored either.
 * - **Empty keys**: a write with an empty collection, id or stream is refused; a read of an empty key
 *   finds nothing, like any key no write could have made.
 * - **Refusals name the operation and the problem** (`StorageError.operation` is the method called);
 *   conflicts name the document as `collection/id`, or the stream. Data with more than 257 nested
 *   levels of arrays or objects is refused; `-0` in data reads back as `0`.
 *
 * Adapters store JSON and know nothing about schemas or audit: core's `Storage` module encodes and
 * decodes with `effect/Schema` and appends the audit log (the `"$audit"` stream) in the same
 * transaction as every write. Prove an adapter with `@qinglian/storage-conformance`.
 *
 * @example
 * ```ts
 * import { StorageAdapter } from "@qinglian/core"
 * import { MemoryStorage } from "@qinglian/storage-memory"
 * import { Effect } from "effect"
 *
 * // The port an adapter implements (documents, indexes, event streams, transactions). Applications
 * // use Storage on top of it; an adapter of your own is proven with @qinglian/storage-conformance.
 * const program = Effect.gen(function*() {
 *   const adapter = yield* StorageAdapter.StorageAdapter
 *   console.log(adapter.name, adapter.capabilities)
 * })
 * Effect.runPromise(program.pipe(Effect.provide(MemoryStorage.layer())))
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import type * as Effect from "effect/Effect"
import type * as Option from "effect/Option"
import * as Schema from "effect/Schema"

/**
 * A JSON value: what an adapter stores for a document body or an event payload. Adapters must
 * return it exactly as written (strings byte for byte, integers up to `Number.MAX_SAFE_INTEGER`).
 *
 * @since 0.1.0
 * @category models
 */
export type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [k: string]: Json }

/**
 * The value of a secondary index for one document. Numbers (finite) sort before strings; numbers
 * sort numerically; strings sort by Unicode code point (the same order as UTF-8 bytes, i.e.
 * SQLite's `BINARY` collation). See {@link compareIndexValues}. `NaN` and `±Infinity` are refused;
 * `-0` is the same value as `0` and reads back as `0`. The empty string is a valid value.
 *
 * @since 0.1.0
 * @category models
 */
export type IndexValue = string | number

/**
 * A stored, versioned document.
 *
 * @since 0.1.0
 * @category models
 */
export interface DocumentRecord {
  readonly collection: string
  readonly id: string
  /** 1 after the first put, +1 for each later put. */
  readonly version: number
  readonly data: Json
  /** The declared secondary index values, by index name. */
  readonly indexes: Readonly<Record<string, IndexValue>>
}

/**
 * A document write. `expectedVersion` is 0 when the document must not exist yet, otherwise the
 * version the writer read. Any other current version is a {@link ConcurrencyConflict}; an
 * `expectedVersion` that is not a non-negative integer is a {@link StorageError}. `collection` and
 * `id` are non-empty, well-formed strings of any length.
 *
 * The written `indexes` replace the document's previous index values entirely: an index absent
 * from `indexes` no longer lists the document.
 *
 * @since 0.1.0
 * @category models
 */
export interface DocumentWrite {
  readonly collection: string
  readonly id: string
  readonly expectedVersion: number
  readonly data: Json
  readonly indexes: Readonly<Record<string, IndexValue>>
}

/**
 * A query on one secondary index of one collection: an optional range (`gte`/`gt` and
 * `lte`/`lt`, combined with AND), an order by `(index value, id)` and a page size.
 *
 * Pagination is keyset based: pass the `cursor` of the previous {@link Page} together with the same
 * range and order. Concatenated pages hold every matching document exactly once, with no duplicates
 * and no gaps, even when documents outside the pages already read change between calls.
 *
 * @since 0.1.0
 * @category models
 */
export interface IndexQuery {
  readonly collection: string
  readonly index: string
  readonly gte?: IndexValue
  readonly gt?: IndexValue
  readonly lte?: IndexValue
  readonly lt?: IndexValue
  /** Default `"asc"`. Ties on the index value are broken by document id in the same direction. */
  readonly order?: "asc" | "desc"
  /** A positive integer. */
  readonly limit: number
  /**
   * Opaque: the `cursor` of the previous page. Only the adapter that made it understands it; a
   * malformed one is a {@link StorageError}.
   */
  readonly cursor?: string
}

/**
 * One page of an {@link IndexQuery}. `cursor` is `undefined` exactly when no further matching
 * document exists.
 *
 * @since 0.1.0
 * @category models
 */
export interface Page {
  readonly items: ReadonlyArray<DocumentRecord>
  readonly cursor: string | undefined
}

/**
 * An event to append. `recordedAt` is a whole number of epoch milliseconds: a safe integer (negative
 * before 1970). A fraction, `NaN` or `±Infinity` is refused with a {@link StorageError} that names
 * `recordedAt`, and nothing of the append is written. Durable adapters store it as an integer
 * column, so any other value could not come back as written.
 *
 * @since 0.1.0
 * @category models
 */
export interface NewEvent {
  readonly type: string
  readonly data: Json
  readonly recordedAt: number
}

/**
 * A stored event. Versions in a stream start at 1 and have no gaps.
 *
 * @since 0.1.0
 * @category models
 */
export interface EventRecord extends NewEvent {
  readonly stream: string
  readonly version: number
}

/**
 * What an adapter does natively. Every adapter implements the whole contract; these flags say how,
 * so that a deployment can choose (e.g. `durable: false` is fine for tests, not for a county).
 *
 * @since 0.1.0
 * @category models
 */
export interface Capabilities {
  /** `"native"`: the back end's own transactions; `"emulated"`: a lock and an undo log. */
  readonly transactions: "native" | "emulated"
  /** Data survives the process exiting. */
  readonly durable: boolean
  /** Several processes may open the same store at once. */
  readonly multiProcess: boolean
  /** `"native"`: `putDocuments` uses a batched bulk path; `"emulated"`: one write at a time. */
  readonly bulkImport: "native" | "emulated"
}

/**
 * A write that expected another version: the document or stream changed since it was read.
 * Nothing was written.
 *
 * @since 0.1.0
 * @category errors
 */
export class ConcurrencyConflict extends Schema.TaggedError<ConcurrencyConflict>("@qinglian/core/storage/ConcurrencyConflict")("ConcurrencyConflict", {
  kind: Schema.Literal("document", "stream"),
  /** `collection/id` for a document, the stream name for a stream. */
  key: Schema.String,
  expected: Schema.Number,
  actual: Schema.Number
}) {
  /**
   * @since 0.1.0
   */
  override get message(): string {
    return `${this.kind} ${this.key}: expected version ${this.expected}, found ${this.actual}`
  }
}

/**
 * The back end failed (I/O, corrupt data), or the arguments are invalid (a non-positive `limit`, a
 * fractional `recordedAt`, a negative `expectedVersion`, a malformed key or cursor). Invalid
 * arguments are checked before versions, so a call that is both invalid and stale fails with this
 * error, not a {@link ConcurrencyConflict}. Nothing was written.
 *
 * @since 0.1.0
 * @category errors
 */
export class StorageError extends Schema.TaggedError<StorageError>("@qinglian/core/storage/StorageError")("StorageError", {
  operation: Schema.String,
  message: Schema.String,
  cause: Schema.optional(Schema.Defect)
}) {}

/**
 * The operations an adapter implements. See `docs/storage-adapters.md` for the semantics table.
 *
 * @since 0.1.0
 * @category models
 */
export interface StorageAdapterService {
  /** A short name for messages and benchmarks, e.g. `"memory"`, `"sqlite"`. */
  readonly name: string
  readonly capabilities: Capabilities
  /** The current version of a document, or `None`. */
  readonly getDocument: (collection: string, id: string) => Effect.Effect<Option.Option<DocumentRecord>, StorageError>
  /** Writes one document if its current version is `expectedVersion`; returns the stored record. */
  readonly putDocument: (write: DocumentWrite) => Effect.Effect<DocumentRecord, ConcurrencyConflict | StorageError>
  /**
   * Writes many documents atomically (all or none); the bulk path. Two writes to the same document
   * in one call apply in order (the second expects the version the first produced).
   */
  readonly putDocuments: (
    writes: ReadonlyArray<DocumentWrite>
  ) => Effect.Effect<void, ConcurrencyConflict | StorageError>
  /** One page of documents ordered by `(index value, id)`. Documents without the index are not listed. */
  readonly queryIndex: (query: IndexQuery) => Effect.Effect<Page, StorageError>
  /**
   * Appends events if the stream's last version is `expectedVersion` (0 for a new stream); returns
   * the new last version. Appending no events checks the version and returns it.
   */
  readonly appendEvents: (
    stream: string,
    expectedVersion: number,
    events: ReadonlyArray<NewEvent>
  ) => Effect.Effect<number, ConcurrencyConflict | StorageError>
  /**
   * Events with `version >= fromVersion` (default 1), in version order, at most `limit` of them.
   * `fromVersion` and `limit` are positive integers; past the end (or for an unknown stream) the
   * result is empty.
   */
  readonly readEvents: (
    stream: string,
    fromVersion?: number,
    limit?: number
  ) => Effect.Effect<ReadonlyArray<EventRecord>, StorageError>
  /** The stream's last version, 0 when it has no events. */
  readonly lastVersion: (stream: string) => Effect.Effect<number, StorageError>
  /**
   * Runs `self` all-or-nothing and serializable: no other transaction or write interleaves with it.
   * A failure, defect or interruption rolls back every write made inside, and the error is returned
   * unchanged.
   *
   * A nested call runs inside the outer transaction as a **savepoint**: if it fails (error, defect
   * or interruption) its own writes are undone at once, and only those; the outer transaction sees
   * the state from before the nested call, may catch the failure, and commits the rest. A nested call
   * that succeeds is kept only if the outermost transaction commits. Through core's `Storage`, a
   * nested write that is undone therefore leaves no audit entry, and the chain still verifies.
   */
  readonly transaction: <A, E, R>(self: Effect.Effect<A, E, R>) => Effect.Effect<A, E | StorageError, R>
  /**
   * Optional, for `Audit.verifyStore`: every stored document, ordered by `(collection, id)` (code
   * point order, as {@link compareStrings}), at most `limit` of them after the key `after`. The
   * `indexes` of each record are read from the structure that answers {@link queryIndex}, so a
   * document that was dropped from an index behind the adapter's back shows it. Without this
   * method `verifyStore` can check only the records the audit log names, and cannot find forged
   * documents that no entry names.
   */
  readonly scanDocuments?: (
    after: ScanKey | undefined,
    limit: number
  ) => Effect.Effect<ReadonlyArray<DocumentRecord>, StorageError>
  /**
   * Optional, for `Audit.verifyStore`: every stream that holds events, with its last version,
   * ordered by name (code point order), at most `limit` of them after the name `after`.
   */
  readonly scanStreams?: (
    after: string | undefined,
    limit: number
  ) => Effect.Effect<ReadonlyArray<StreamHead>, StorageError>
}

/**
 * Where a {@link StorageAdapterService.scanDocuments} page starts: after this document.
 *
 * @since 0.1.0
 * @category models
 */
export interface ScanKey {
  readonly collection: string
  readonly id: string
}

/**
 * A stream found by {@link StorageAdapterService.scanStreams}: its name and last version.
 *
 * @since 0.1.0
 * @category models
 */
export interface StreamHead {
  readonly stream: string
  readonly lastVersion: number
}

/**
 * Compares two {@link ScanKey}s in scan order: collection, then id, both by code point.
 *
 * @since 0.1.0
 * @category ordering
 */
export const compareScanKeys = (a: ScanKey, b: ScanKey): number => {
  const c = compareStrings(a.collection, b.collection)
  return c !== 0 ? c : compareStrings(a.id, b.id)
}

/**
 * The storage port. Adapters (`@qinglian/storage-memory`, `@qinglian/storage-sqlite`, yours)
 * provide it; core's `Storage.layer` builds the typed repositories on it.
 *
 * @since 0.1.0
 * @category tags
 */
export class StorageAdapter extends Context.Tag("@qinglian/core/StorageAdapter")<
  StorageAdapter,
  StorageAdapterService
>() {}

/**
 * A test-only hook that changes stored documents, index entries and events behind core's back,
 * through the adapter's raw handle (plain SQL, the memory store's own maps), so the conformance
 * suite can prove that `Audit.verify` and `Audit.verifyStore` detect tampering. Each operation
 * fails with a {@link StorageError} naming it when the record it changes does not exist. Adapters
 * provide it from a separate test layer, never in production layers.
 *
 * @since 0.1.0
 * @category models
 */
export interface StorageTamperService {
  /** Replaces the `data` of one stored event in place (version and stream unchanged). */
  readonly alterEvent: (stream: string, version: number, data: Json) => Effect.Effect<void, StorageError>
  /** Removes one stored event, leaving the other events and their versions as they are. */
  readonly deleteEvent: (stream: string, version: number) => Effect.Effect<void, StorageError>
  /** Replaces the `recordedAt` of one stored event in place. */
  readonly alterEventTime: (stream: string, version: number, recordedAt: number) => Effect.Effect<void, StorageError>
  /** Stores an event at `version` directly (no expected-version check, no audit entry). */
  readonly insertEvent: (stream: string, version: number, event: NewEvent) => Effect.Effect<void, StorageError>
  /** Replaces the `data` of one stored document in place (version and indexes unchanged). */
  readonly alterDocument: (collection: string, id: string, data: Json) => Effect.Effect<void, StorageError>
  /** Removes one stored document and its index entries. */
  readonly deleteDocument: (collection: string, id: string) => Effect.Effect<void, StorageError>
  /** Stores a document directly, with its index entries (no version check, no audit entry). */
  readonly insertDocument: (record: DocumentRecord) => Effect.Effect<void, StorageError>
  /** Removes one document's entry from one index, leaving the document as it is. */
  readonly deleteIndexEntry: (collection: string, id: string, index: string) => Effect.Effect<void, StorageError>
}

/**
 * Tag of the test-only {@link StorageTamperService}.
 *
 * @since 0.1.0
 * @category tags
 */
export class StorageTamper extends Context.Tag("@qinglian/core/StorageTamper")<
  StorageTamper,
  StorageTamperService
>() {}

// ---------------------------------------------------------------------------------------------
// Helpers shared by adapters, so every adapter orders and pages the same way.
// ---------------------------------------------------------------------------------------------

// Maps UTF-16 code units so that plain comparison gives code point order: surrogates (U+D800–
// U+DFFF, i.e. code points above U+FFFF) must sort after U+E000–U+FFFF.
const fixUnit = (u: number): number => (u < 0xd800 ? u : u < 0xe000 ? u + 0x2000 : u - 0x800)

/**
 * Compares strings by Unicode code point (UTF-8 byte order, SQLite `BINARY`), unlike `<`, which
 * compares UTF-16 code units and misplaces characters above U+FFFF such as emoji.
 *
 * @since 0.1.0
 * @category ordering
 */
export const compareStrings = (a: string, b: string): number => {
  if (a === b) return 0
  const n = a.length < b.length ? a.length : b.length
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i)
    const y = b.charCodeAt(i)
    if (x !== y) {
      if (x < 0xd800 && y < 0xd800) return x - y
      return fixUnit(x) - fixUnit(y)
    }
  }
  return a.length - b.length
}

/**
 * The order of {@link IndexValue}s: numbers before strings, numbers numerically, strings by code
 * point. Negative, zero or positive like `Array.prototype.sort` comparators.
 *
 * @since 0.1.0
 * @category ordering
 */
export const compareIndexValues = (a: IndexValue, b: IndexValue): number => {
  if (typeof a === "number") {
    if (typeof b === "number") return a < b ? -1 : a > b ? 1 : 0
    return -1
  }
  if (typeof b === "number") return 1
  return compareStrings(a, b)
}

/**
 * Whether a value is a valid {@link IndexValue} (a string or a finite number).
 *
 * @since 0.1.0
 * @category guards
 */
export const isIndexValue = (u: unknown): u is IndexValue =>
  typeof u === "string" || (typeof u === "number" && Number.isFinite(u))

/**
 * A keyset cursor: the `(index value, id)` of the last item of a page. Adapters may use their own
 * cursor format; this one is provided so they need not invent one.
 *
 * @since 0.1.0
 * @category cursors
 */
export interface CursorKey {
  readonly value: IndexValue
  readonly id: string
}

/**
 * Encodes a {@link CursorKey} as an opaque string.
 *
 * @since 0.1.0
 * @category cursors
 */
export const encodeCursor = (key: CursorKey): string => JSON.stringify([key.value, key.id])

/**
 * Decodes a cursor made by {@link encodeCursor}; `undefined` if it is malformed.
 *
 * @since 0.1.0
 * @category cursors
 */
export const decodeCursor = (cursor: string): CursorKey | undefined => {
  try {
    const parsed: unknown = JSON.parse(cursor)
    if (Array.isArray(parsed) && parsed.length === 2 && isIndexValue(parsed[0]) && typeof parsed[1] === "string") {
      return { value: parsed[0], id: parsed[1] }
    }
    return undefined
  } catch {
    return undefined
  }
}

/**
 * Whether an index value falls inside the range of an {@link IndexQuery} (ignoring the cursor).
 *
 * @since 0.1.0
 * @category ordering
 */
export const inRange = (query: IndexQuery, value: IndexValue): boolean =>
  (query.gte === undefined || compareIndexValues(value, query.gte) >= 0) &&
  (query.gt === undefined || compareIndexValues(value, query.gt) > 0) &&
  (query.lte === undefined || compareIndexValues(value, query.lte) <= 0) &&
  (query.lt === undefined || compareIndexValues(value, query.lt) < 0)

// ---------------------------------------------------------------------------------------------
// Checks shared by adapters, so every adapter refuses the same input with the same words. Each
// returns what is wrong as a phrase for a `StorageError` message, or `undefined` when all is well.
// ---------------------------------------------------------------------------------------------

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const nulOrLoneSurrogate = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/**
 * Whether `s` holds a lone UTF-16 surrogate. UTF-8 cannot encode one, so a store that keeps text as
 * UTF-8 (SQLite, PostgreSQL, most others) would give back U+FFFD instead: the port refuses such keys.
 *
 * @example
 * ```ts
 * import { StorageAdapter } from "@qinglian/core"
 *
 * console.log(StorageAdapter.hasLoneSurrogate("\uD83D\uDE00")) // false: a pair, one emoji
 * console.log(StorageAdapter.hasLoneSurrogate("\uD83D")) // true
 * ```
 *
 * @since 0.1.0
 * @category checks
 */
export const hasLoneSurrogate = (s: string): boolean => loneSurrogate.test(s)

/**
 * Whether `s` holds U+0000 or a lone UTF-16 surrogate: the strings PostgreSQL's `text` and `jsonb`
 * cannot hold, for an adapter on such a back end to build its {@link TextRule} with.
 *
 * @since 0.1.0
 * @category checks
 */
export const hasNulOrLoneSurrogate = (s: string): boolean => nulOrLoneSurrogate.test(s)

/**
 * Which strings a back end can store exactly, and how its refusals say so. Keys (collection, id,
 * index names and string values, stream, event type) are always held to it; strings inside JSON
 * data only when {@link TextRule.inData} is set.
 *
 * @example
 * ```ts
 * import { StorageAdapter } from "@qinglian/core"
 *
 * // A back end whose text type cannot hold U+0000 and that parses stored JSON.
 * const rule: StorageAdapter.TextRule = {
 *   refuses: StorageAdapter.hasNulOrLoneSurrogate,
 *   qualifier: " without U+0000",
 *   inData: "with U+0000 or a lone UTF-16 surrogate, which this database cannot store"
 * }
 * console.log(StorageAdapter.jsonProblem({ note: "a\u0000b" }, rule))
 * ```
 *
 * @since 0.1.0
 * @category checks
 */
export interface TextRule {
  /** Whether the back end cannot store `s` exactly. */
  readonly refuses: (s: string) => boolean
  /**
   * Words that refusals of keys add after "well-formed Unicode" or "well-formed string", e.g.
   * `" without U+0000"`; `""` for none.
   */
  readonly qualifier: string
  /**
   * Set for a back end that parses the JSON it stores (PostgreSQL's `jsonb`), where an escaped lone
   * surrogate or U+0000 in data is refused too: strings and object keys inside data are then held
   * to {@link TextRule.refuses}, and a refusal reads "a string " or "a key " followed by this.
   * Leave it out where data is stored as JSON text, which keeps such strings escaped and exact.
   */
  readonly inData?: string | undefined
}

/**
 * The rule of a store that keeps text as UTF-8 and data as JSON text (SQLite, memory): keys must be
 * well-formed Unicode (no lone surrogate); data strings may hold anything.
 *
 * @since 0.1.0
 * @category checks
 */
export const wellFormedText: TextRule = { refuses: hasLoneSurrogate, qualifier: "" }

const jsonProblemAt = (value: unknown, rule: TextRule | undefined, depth: number): string | undefined => {
  switch (typeof value) {
    case "string":
      return rule?.inData !== undefined && rule.refuses(value) ? `a string ${rule.inData}` : undefined
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
          const problem = jsonProblemAt(value[i], rule, depth + 1)
          if (problem !== undefined) return problem
        }
        return undefined
      }
      const proto = Object.getPrototypeOf(value)
      if (proto !== Object.prototype && proto !== null) {
        return `a ${proto?.constructor?.name ?? "non-plain"} object; encode it to JSON first`
      }
      for (const key in value) {
        if (rule?.inData !== undefined && rule.refuses(key)) return `a key ${rule.inData}`
        const v = (value as Record<string, unknown>)[key]
        if (v === undefined) continue
        const problem = jsonProblemAt(v, rule, depth + 1)
        if (problem !== undefined) return problem
      }
      return undefined
    }
    default:
      return `a ${typeof value}, which is not JSON`
  }
}

/**
 * What makes `value` not plain {@link Json}, or `undefined` when it is. `JSON.stringify` silently
 * turns `NaN` into `null`, drops `undefined` and calls `toJSON`, so such a value would not come back
 * as written; an adapter refuses it instead, before writing anything. Refused: non-finite numbers,
 * `undefined` in an array, objects that are not plain (a `Date`, a `Map`, a class instance),
 * functions, symbols and bigints, and more than 257 nested levels. A property whose value is
 * `undefined` is skipped, as `JSON.stringify` does. With a `rule` that sets
 * {@link TextRule.inData}, strings and keys it refuses are refused too.
 *
 * @example
 * ```ts
 * import { StorageAdapter } from "@qinglian/core"
 *
 * console.log(StorageAdapter.jsonProblem({ n: 1, tags: ["a"] })) // undefined
 * console.log(StorageAdapter.jsonProblem({ n: Number.NaN })) // "a non-finite number (NaN)"
 * console.log(StorageAdapter.jsonProblem({ at: new Date(0) })) // "a Date object; encode it to JSON first"
 * ```
 *
 * @since 0.1.0
 * @category checks
 */
export const jsonProblem = (value: unknown, rule?: TextRule): string | undefined => jsonProblemAt(value, rule, 0)

/**
 * Whether `n` is a valid expected or stored version: a non-negative safe integer.
 *
 * @since 0.1.0
 * @category checks
 */
export const isVersion = (n: unknown): n is number => typeof n === "number" && Number.isSafeInteger(n) && n >= 0

/**
 * A document's key as the port reports it, in conflicts and refusals: `collection/id`.
 *
 * @since 0.1.0
 * @category checks
 */
export const documentKey = (collection: string, id: string): string => `${collection}/${id}`

/**
 * What is wrong with a {@link DocumentWrite}, checked before any version is compared: an empty or
 * malformed collection or id, an `expectedVersion` that is not a non-negative integer, an index
 * value that is not an {@link IndexValue}, a key `rule` refuses, data that is not JSON
 * ({@link jsonProblem}). `undefined` when the write may go ahead.
 *
 * @example
 * ```ts
 * import { StorageAdapter } from "@qinglian/core"
 *
 * const problem = StorageAdapter.documentWriteProblem(
 *   { collection: "tasks", id: "", expectedVersion: 0, data: {}, indexes: {} },
 *   StorageAdapter.wellFormedText
 * )
 * console.log(problem) // "id must be a non-empty string"
 * ```
 *
 * @since 0.1.0
 * @category checks
 */
export const documentWriteProblem = (write: DocumentWrite, rule: TextRule): string | undefined => {
  if (typeof write.collection !== "string" || write.collection.length === 0) {
    return "collection must be a non-empty string"
  }
  if (typeof write.id !== "string" || write.id.length === 0) return "id must be a non-empty string"
  if (rule.refuses(write.collection) || rule.refuses(write.id)) {
    return `collection and id must be well-formed Unicode${rule.qualifier}`
  }
  if (!isVersion(write.expectedVersion)) return "expectedVersion must be a non-negative integer"
  for (const name in write.indexes) {
    const value = write.indexes[name]
    if (!isIndexValue(value)) return `index "${name}" must be a string or a finite number`
    if (rule.refuses(name) || (typeof value === "string" && rule.refuses(value))) {
      return `index "${name}": names and values must be well-formed Unicode${rule.qualifier}`
    }
  }
  const problem = jsonProblem(write.data, rule)
  return problem === undefined ? undefined : `data holds ${problem}`
}

/**
 * What is wrong with the first bad write of a {@link StorageAdapterService.putDocuments} call (or of
 * a single `putDocument`), named with its document: `document <collection/id>: <problem>`. Check all
 * writes before comparing any version, as the port requires: bad input is a {@link StorageError}
 * whatever the store holds.
 *
 * @since 0.1.0
 * @category checks
 */
export const documentWritesProblem = (writes: ReadonlyArray<DocumentWrite>, rule: TextRule): string | undefined => {
  for (const write of writes) {
    const problem = documentWriteProblem(write, rule)
    if (problem !== undefined) return `document ${documentKey(write.collection, write.id)}: ${problem}`
  }
  return undefined
}

/**
 * The {@link ConcurrencyConflict} of a write that expected another version than the `actual` one
 * stored (0 when the document does not exist), naming the document as `collection/id`.
 *
 * @since 0.1.0
 * @category checks
 */
export const documentConflict = (write: DocumentWrite, actual: number): ConcurrencyConflict =>
  new ConcurrencyConflict({
    kind: "document",
    key: documentKey(write.collection, write.id),
    expected: write.expectedVersion,
    actual
  })

/**
 * The {@link ConcurrencyConflict} of an append that expected the stream at another version than
 * its `actual` last one (0 for a stream with no events).
 *
 * @since 0.1.0
 * @category checks
 */
export const streamConflict = (stream: string, expected: number, actual: number): ConcurrencyConflict =>
  new ConcurrencyConflict({ kind: "stream", key: stream, expected, actual })

/**
 * What is wrong with a {@link NewEvent}: a type `rule` refuses, a `recordedAt` that is not whole
 * epoch milliseconds, data that is not JSON. `undefined` when it may be appended.
 *
 * @since 0.1.0
 * @category checks
 */
export const newEventProblem = (event: NewEvent, rule: TextRule): string | undefined => {
  if (typeof event.type !== "string" || rule.refuses(event.type)) {
    return `event type must be a well-formed string${rule.qualifier}`
  }
  if (!Number.isSafeInteger(event.recordedAt)) {
    return `recordedAt must be whole epoch milliseconds (an integer), got ${String(event.recordedAt)}`
  }
  const problem = jsonProblem(event.data, rule)
  return problem === undefined ? undefined : `event data holds ${problem}`
}

/**
 * What is wrong with the arguments of {@link StorageAdapterService.appendEvents}, checked before the
 * stream's version is compared: an empty or malformed stream, an `expectedVersion` that is not a
 * non-negative integer, or the first bad event ({@link newEventProblem}), named with its stream.
 *
 * @since 0.1.0
 * @category checks
 */
export const appendProblem = (
  stream: string,
  expectedVersion: number,
  events: ReadonlyArray<NewEvent>,
  rule: TextRule
): string | undefined => {
  if (typeof stream !== "string" || stream.length === 0 || rule.refuses(stream)) {
    return `stream must be a non-empty, well-formed string${rule.qualifier}`
  }
  if (!isVersion(expectedVersion)) return "expectedVersion must be a non-negative integer"
  for (const event of events) {
    const problem = newEventProblem(event, rule)
    if (problem !== undefined) return `stream ${stream}: ${problem}`
  }
  return undefined
}

/**
 * What is wrong with the arguments of {@link StorageAdapterService.readEvents}: `fromVersion` and,
 * when given, `limit` must be positive integers.
 *
 * @since 0.1.0
 * @category checks
 */
export const readEventsProblem = (fromVersion: number, limit: number | undefined): string | undefined =>
  positiveIntegerProblem("fromVersion", fromVersion) ?? (limit === undefined ? undefined : positiveIntegerProblem("limit", limit))

/**
 * `"<name> must be a positive integer, got <n>"` unless `n` is a positive safe integer: the check of
 * `fromVersion` and `limit` in reads and scans.
 *
 * @since 0.1.0
 * @category checks
 */
export const positiveIntegerProblem = (name: string, n: number): string | undefined =>
  !Number.isSafeInteger(n) || n < 1 ? `${name} must be a positive integer, got ${n}` : undefined

/**
 * Splits the writes of one {@link StorageAdapterService.putDocuments} call into consecutive batches
 * of at most `size` (at least 1), in order, none naming a document twice: a repeated document starts
 * a new batch, so a bulk path that writes one batch per statement sees the earlier write first.
 *
 * @example
 * ```ts
 * import { StorageAdapter } from "@qinglian/core"
 *
 * const w = (id: string, expectedVersion: number) => ({ collection: "c", id, expectedVersion, data: null, indexes: {} })
 * const batches = StorageAdapter.writeBatches([w("a", 0), w("b", 0), w("a", 1)], 500)
 * console.log(batches.map((b) => b.map((x) => x.id))) // [["a", "b"], ["a"]]
 * ```
 *
 * @since 0.1.0
 * @category checks
 */
export const writeBatches = <W extends ScanKey>(writes: ReadonlyArray<W>, size: number): Array<Array<W>> => {
  const most = size >= 1 ? Math.floor(size) : 1
  const batches: Array<Array<W>> = []
  let start = 0
  while (start < writes.length) {
    const batch: Array<W> = []
    const keys = new Set<string>()
    while (start < writes.length && batch.length < most) {
      const write = writes[start]!
      // Unambiguous even when a collection name contains "/".
      const key = `${write.collection.length}:${write.collection}/${write.id}`
      if (keys.has(key)) break
      keys.add(key)
      batch.push(write)
      start++
    }
    batches.push(batch)
  }
  return batches
}

// ---------------------------------------------------------------------------------------------
// Reading a driver's failure, for the message of the StorageError an adapter returns.
// ---------------------------------------------------------------------------------------------

// Drivers wrap their errors (SqlError → the driver's error → a system error); five levels is more
// than any we use nests, and a bound keeps a cyclic chain from looping.
const causeDepth = 5

/**
 * The distinct, non-empty `message`s along `error`'s `cause` chain (at most five levels), outermost
 * first; `[String(error)]` when it has none. Join them for a {@link StorageError} message that
 * keeps the driver's own words, which a wrapping error such as @effect/sql's `SqlError` hides.
 *
 * @example
 * ```ts
 * import { StorageAdapter } from "@qinglian/core"
 *
 * const error = new Error("Failed to execute statement", { cause: new Error("disk I/O error") })
 * console.log(StorageAdapter.causeMessages(error).join(": ")) // "Failed to execute statement: disk I/O error"
 * ```
 *
 * @since 0.1.0
 * @category errors
 */
export const causeMessages = (error: unknown): Array<string> => {
  const parts: Array<string> = []
  let current: unknown = error
  for (let depth = 0; depth < causeDepth && typeof current === "object" && current !== null; depth++) {
    const message = (current as { readonly message?: unknown }).message
    if (typeof message === "string" && message.length > 0 && !parts.includes(message)) parts.push(message)
    current = (current as { readonly cause?: unknown }).cause
  }
  if (parts.length === 0) parts.push(String(error))
  return parts
}

/**
 * The first string `code` along `error`'s `cause` chain (at most five levels) that `accept`s: a
 * driver's error code (`SQLITE_BUSY`, SQLSTATE `40001`) under the wrappers; `undefined` if none.
 *
 * @example
 * ```ts
 * import { StorageAdapter } from "@qinglian/core"
 *
 * const error = new Error("Failed to execute statement", { cause: Object.assign(new Error("locked"), { code: "SQLITE_BUSY" }) })
 * console.log(StorageAdapter.causeCode(error, (code) => code.startsWith("SQLITE_"))) // "SQLITE_BUSY"
 * ```
 *
 * @since 0.1.0
 * @category errors
 */
export const causeCode = (error: unknown, accept: (code: string) => boolean): string | undefined => {
  let current: unknown = error
  for (let depth = 0; depth < causeDepth && typeof current === "object" && current !== null; depth++) {
    const code = (current as { readonly code?: unknown }).code
    if (typeof code === "string" && accept(code)) return code
    current = (current as { readonly cause?: unknown }).cause
  }
  return undefined
}
