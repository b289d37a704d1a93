/**
 * The in-memory storage adapter: the whole `StorageAdapter` contract (versioned documents with
 * sorted secondary indexes, append-only streams, serializable transactions with rollback) in one
 * process, for tests, demos and fast imports. Nothing survives the process.
 *
 * @example
 * ```ts
 * import { Storage } from "@qinglian/core"
 * import { MemoryStorage } from "@qinglian/storage-memory"
 * import { Effect, Layer } from "effect"
 *
 * // Core's Storage on memory, for tests, demos and fast imports: nothing survives the process.
 * const StorageLive = Storage.layer.pipe(Layer.provideMerge(MemoryStorage.layer()))
 * const verified = Storage.verifyAudit().pipe(Effect.provide(StorageLive))
 * Effect.runPromise(verified).then((v) => console.log(v.entries)) // 0: nothing written yet
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */
import { StorageAdapter } from "@qinglian/core"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as FiberRef from "effect/FiberRef"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import { compareEntries, compareKeys, type Entry, keyOf, lowerBound, makeEntry, SortedIndex } from "./internal/sortedIndex.js"

type Json = StorageAdapter.Json
type IndexValue = StorageAdapter.IndexValue
type DocumentRecord = StorageAdapter.DocumentRecord
type DocumentWrite = StorageAdapter.DocumentWrite
type EventRecord = StorageAdapter.EventRecord
type Mutable<A> = { -readonly [K in keyof A]: A[K] }

/**
 * The capabilities this adapter reports.
 *
 * @since 0.1.0
 * @category constants
 */
export const capabilities: StorageAdapter.Capabilities = {
  transactions: "emulated",
  durable: false,
  multiProcess: false,
  bulkImport: "native"
}

/**
 * The in-memory store: its adapter and its test-only tamper hook.
 *
 * @since 0.1.0
 * @category models
 */
export interface MemoryStorageService {
  readonly adapter: StorageAdapter.StorageAdapterService
  readonly tamper: StorageAdapter.StorageTamperService
}

/**
 * The in-memory store's own tag, for tests that want both the adapter and the tamper hook.
 *
 * @since 0.1.0
 * @category tags
 */
export class MemoryStorage extends Context.Tag("@qinglian/storage-memory/MemoryStorage")<
  MemoryStorage,
  MemoryStorageService
>() {}

interface DocState {
  readonly record: DocumentRecord
  readonly entries: ReadonlyArray<Entry>
}

interface Collection {
  readonly docs: Map<string, DocState>
  readonly indexes: Map<string, SortedIndex>
}

// One undo log per outermost transaction. A nested transaction remembers the log's length when it
// starts (its savepoint) and, if it fails, undoes back to that mark only, so the outer one can
// catch the failure and commit the rest.
interface Tx {
  readonly undo: Array<() => void>
  closed: boolean
}

const rollbackTo = (tx: Tx, mark: number): void => {
  for (let i = tx.undo.length - 1; i >= mark; i--) tx.undo[i]!()
  tx.undo.length = mark
}

const fail = (operation: string, message: string): StorageAdapter.StorageError =>
  new StorageAdapter.StorageError({ operation, message })

// Copies (and freezes) a JSON value so the caller can neither change the store nor be changed by it. It
// refuses what a JSON store could not keep (the rules of core's `StorageAdapter.jsonProblem`), in one
// pass with the copy; a refusal is worded by `jsonProblem` itself, so every shipped adapter says the
// same thing.
class NotJson {}

const copyJson = (value: unknown, depth: number): Json => {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value
    case "number":
      if (!Number.isFinite(value)) throw new NotJson()
      return value === 0 ? 0 : value
    case "object": {
      if (value === null) return null
      if (depth > 256) throw new NotJson()
      if (Array.isArray(value)) {
        const out = new Array<Json>(value.length)
        for (let i = 0; i < value.length; i++) out[i] = copyJson(value[i], depth + 1)
        return Object.freeze(out)
      }
      const proto = Object.getPrototypeOf(value)
      if (proto !== Object.prototype && proto !== null) throw new NotJson()
      const out: Record<string, Json> = {}
      for (const key in value) {
        if (!Object.prototype.hasOwnProperty.call(value, key)) continue
        const v = (value as Record<string, unknown>)[key]
        if (v === undefined) continue
        // A plain assignment to "__proto__" would set the prototype instead of a key.
        if (key === "__proto__") {
          Object.defineProperty(out, key, { value: copyJson(v, depth + 1), enumerable: true, writable: true, configurable: true })
        } else out[key] = copyJson(v, depth + 1)
      }
      return Object.freeze(out)
    }
    default:
      throw new NotJson()
  }
}

// `what` names the value in the refusal ("data", "event data"), and `where` is what it belongs to.
const cloneJson = (operation: string, value: unknown, where: string, what = "data"): Json => {
  try {
    return copyJson(value, 0)
  } catch (e) {
    if (!(e instanceof NotJson)) throw e
    throw fail(operation, `${where}${what} holds ${StorageAdapter.jsonProblem(value) ?? "a value that is not JSON"}`)
  }
}

// A durable store keeps text as UTF-8, which cannot hold a lone UTF-16 surrogate: keys with one are
// refused here too (core's `wellFormedText` rule), so that a store that works in memory also works
// on disk.
const rule = StorageAdapter.wellFormedText

// Validates a write and copies its data, before any version is compared: bad input is a
// `StorageError` whatever the stored version. The checks and their words are core's.
const checkWrite = (operation: string, write: DocumentWrite): Json => {
  const where = `document ${StorageAdapter.documentKey(write.collection, write.id)}: `
  const problem = StorageAdapter.documentWriteProblem({ ...write, data: null }, rule)
  if (problem !== undefined) throw fail(operation, where + problem)
  return cloneJson(operation, write.data, where)
}

/**
 * Creates an empty in-memory store.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<MemoryStorageService> = Effect.gen(function*() {
  const lock = yield* Effect.makeSemaphore(1)
  const currentTx = FiberRef.unsafeMake<Tx | undefined>(undefined)
  const collections = new Map<string, Collection>()
  const streams = new Map<string, Array<EventRecord>>()

  const collectionOf = (name: string): Collection => {
    let c = collections.get(name)
    if (c === undefined) {
      c = { docs: new Map(), indexes: new Map() }
      collections.set(name, c)
    }
    return c
  }

  const indexOf = (c: Collection, name: string): SortedIndex => {
    let index = c.indexes.get(name)
    if (index === undefined) {
      index = new SortedIndex()
      c.indexes.set(name, index)
    }
    return index
  }

  const setDoc = (c: Collection, id: string, next: DocState | undefined, tx: Tx | undefined): void => {
    const prev = c.docs.get(id)
    if (prev !== undefined) for (const entry of prev.entries) indexOf(c, entry.index).remove(entry)
    if (next === undefined) c.docs.delete(id)
    else {
      c.docs.set(id, next)
      for (const entry of next.entries) indexOf(c, entry.index).add(entry)
    }
    if (tx !== undefined) tx.undo.push(() => setDoc(c, id, prev, undefined))
  }

  // `data` is the copy `checkWrite` made.
  const stateOf = (write: DocumentWrite, data: Json, version: number): DocState => {
    const indexes: Record<string, IndexValue> = {}
    const record: DocumentRecord = {
      collection: write.collection,
      id: write.id,
      version,
      data,
      indexes
    }
    const entries: Array<Entry> = []
    for (const name in write.indexes) {
      const raw = write.indexes[name]!
      // -0 reads back as 0 from a JSON or SQL store.
      const value = raw === 0 ? 0 : raw
      // A plain assignment to "__proto__" would set the prototype instead of a key.
      if (name === "__proto__") {
        Object.defineProperty(indexes, name, { value, enumerable: true, writable: true, configurable: true })
      } else indexes[name] = value
      entries.push(makeEntry(name, value, write.id, record))
    }
    Object.freeze(indexes)
    return { record: Object.freeze(record), entries }
  }

  // Runs a synchronous operation under the store's lock (or inside the current transaction, which
  // already holds it), turning thrown typed errors into failures.
  const run = <A, E extends StorageAdapter.StorageError | StorageAdapter.ConcurrencyConflict = StorageAdapter.StorageError>(
    f: (tx: Tx | undefined) => A
  ): Effect.Effect<A, E> => {
    const attempt = (tx: Tx | undefined) =>
      Effect.suspend(() => {
        try {
          return Effect.succeed(f(tx))
        } catch (e) {
          if (e instanceof StorageAdapter.StorageError || e instanceof StorageAdapter.ConcurrencyConflict) {
            return Effect.fail(e as E)
          }
          return Effect.die(e)
        }
      })
    return Effect.flatMap(
      FiberRef.get(currentTx),
      (tx) => tx !== undefined && !tx.closed ? attempt(tx) : lock.withPermits(1)(attempt(undefined))
    )
  }

  const currentVersion = (collection: string, id: string): number =>
    collections.get(collection)?.docs.get(id)?.record.version ?? 0

  const lastOf = (events: ReadonlyArray<EventRecord> | undefined): number =>
    events === undefined || events.length === 0 ? 0 : events[events.length - 1]!.version

  const adapter: Mutable<StorageAdapter.StorageAdapterService> = {
    name: "memory",
    capabilities,

    getDocument: (collection, id) =>
      run(() => Option.fromNullable(collections.get(collection)?.docs.get(id)?.record)),

    putDocument: (write) =>
      run<DocumentRecord, StorageAdapter.ConcurrencyConflict | StorageAdapter.StorageError>((tx) => {
        const data = checkWrite("putDocument", write)
        const actual = currentVersion(write.collection, write.id)
        if (actual !== write.expectedVersion) {
          throw StorageAdapter.documentConflict(write, actual)
        }
        const state = stateOf(write, data, actual + 1)
        setDoc(collectionOf(write.collection), write.id, state, tx)
        return state.record
      }),

    putDocuments: (writes) =>
      run<void, StorageAdapter.ConcurrencyConflict | StorageAdapter.StorageError>((tx) => {
        // Apply in order, remembering what each write replaced; on the first bad write, put it all
        // back. Checking against the live store also handles two writes to one document.
        const undoCollections: Array<Collection> = []
        const undoIds: Array<string> = []
        const undoStates: Array<DocState | undefined> = []
        const data = writes.map((write) => checkWrite("putDocuments", write))
        let c: Collection | undefined
        let i = 0
        try {
          for (; i < writes.length; i++) {
            const write = writes[i]!
            if (c === undefined || writes[i - 1]?.collection !== write.collection) c = collectionOf(write.collection)
            const prev = c.docs.get(write.id)
            const actual = prev?.record.version ?? 0
            if (actual !== write.expectedVersion) {
              throw StorageAdapter.documentConflict(write, actual)
            }
            const state = stateOf(write, data[i]!, actual + 1)
            setDoc(c, write.id, state, undefined)
            undoCollections.push(c)
            undoIds.push(write.id)
            undoStates.push(prev)
          }
        } catch (e) {
          for (let j = undoIds.length - 1; j >= 0; j--) setDoc(undoCollections[j]!, undoIds[j]!, undoStates[j], undefined)
          throw e
        }
        if (tx !== undefined) {
          tx.undo.push(() => {
            for (let j = undoIds.length - 1; j >= 0; j--) setDoc(undoCollections[j]!, undoIds[j]!, undoStates[j], undefined)
          })
        }
      }),

    queryIndex: (query) =>
      run(() => {
        if (!Number.isSafeInteger(query.limit) || query.limit < 1) {
          throw fail("queryIndex", `limit must be a positive integer, got ${query.limit}`)
        }
        for (const bound of [query.gte, query.gt, query.lte, query.lt]) {
          if (bound !== undefined && !StorageAdapter.isIndexValue(bound)) {
            throw fail("queryIndex", "range bounds must be strings or finite numbers")
          }
        }
        let after: Entry | undefined
        if (query.cursor !== undefined) {
          const key = StorageAdapter.decodeCursor(query.cursor)
          if (key === undefined) throw fail("queryIndex", "malformed cursor")
          after = makeEntry(query.index, key.value, key.id, undefined)
        }
        const c = collections.get(query.collection)
        const index = c?.indexes.get(query.index)
        if (c === undefined || index === undefined) return { items: [], cursor: undefined }
        const entries = index.entries()
        const cmp = compareKeys
        const limit = query.limit
        const gte = query.gte === undefined ? undefined : keyOf(query.gte)
        const gt = query.gt === undefined ? undefined : keyOf(query.gt)
        const lte = query.lte === undefined ? undefined : keyOf(query.lte)
        const lt = query.lt === undefined ? undefined : keyOf(query.lt)
        const items: Array<DocumentRecord> = []
        let last: Entry | undefined
        let more = false
        if (query.order !== "desc") {
          let start = 0
          if (gte !== undefined) start = Math.max(start, lowerBound(entries, (e) => cmp(e.key, gte) < 0))
          if (gt !== undefined) start = Math.max(start, lowerBound(entries, (e) => cmp(e.key, gt) <= 0))
          if (after !== undefined) start = Math.max(start, lowerBound(entries, (e) => compareEntries(e, after) <= 0))
          for (let i = start; i < entries.length; i++) {
            const e = entries[i]!
            if ((lte !== undefined && cmp(e.key, lte) > 0) || (lt !== undefined && cmp(e.key, lt) >= 0)) break
            if (items.length === limit) {
              more = true
              break
            }
            items.push(e.record!)
            last = e
          }
        } else {
          let end = entries.length
          if (lte !== undefined) end = Math.min(end, lowerBound(entries, (e) => cmp(e.key, lte) <= 0))
          if (lt !== undefined) end = Math.min(end, lowerBound(entries, (e) => cmp(e.key, lt) < 0))
          if (after !== undefined) end = Math.min(end, lowerBound(entries, (e) => compareEntries(e, after) < 0))
          for (let i = end - 1; i >= 0; i--) {
            const e = entries[i]!
            if ((gte !== undefined && cmp(e.key, gte) < 0) || (gt !== undefined && cmp(e.key, gt) <= 0)) break
            if (items.length === limit) {
              more = true
              break
            }
            items.push(e.record!)
            last = e
          }
        }
        return { items, cursor: more && last !== undefined ? StorageAdapter.encodeCursor(last) : undefined }
      }),

    appendEvents: (stream, expectedVersion, events) =>
      run<number, StorageAdapter.ConcurrencyConflict | StorageAdapter.StorageError>((tx) => {
        // Every event is checked before the version: bad input is a StorageError whatever the stream holds.
        const problem = StorageAdapter.appendProblem(stream, expectedVersion, events.map((e) => ({ ...e, data: null })), rule)
        if (problem !== undefined) throw fail("appendEvents", problem)
        const checked = events.map((event) => ({
          type: event.type,
          data: cloneJson("appendEvents", event.data, `stream ${stream}: `, "event data"),
          recordedAt: event.recordedAt
        }))
        const existing = streams.get(stream)
        const actual = lastOf(existing)
        if (actual !== expectedVersion) {
          throw StorageAdapter.streamConflict(stream, expectedVersion, actual)
        }
        if (checked.length === 0) return actual
        const records = checked.map((event, i): EventRecord =>
          Object.freeze({ stream, version: actual + i + 1, type: event.type, data: event.data, recordedAt: event.recordedAt })
        )
        let target = existing
        if (target === undefined) {
          target = []
          streams.set(stream, target)
        }
        const before = target.length
        for (const r of records) target.push(r)
        if (tx !== undefined) {
          const events = target
          tx.undo.push(() => {
            events.length = before
            if (before === 0) streams.delete(stream)
          })
        }
        return actual + records.length
      }),

    readEvents: (stream, fromVersion = 1, limit) =>
      run(() => {
        const problem = StorageAdapter.readEventsProblem(fromVersion, limit)
        if (problem !== undefined) throw fail("readEvents", problem)
        const events = streams.get(stream)
        if (events === undefined) return []
        const start = events[fromVersion - 1]?.version === fromVersion
          ? fromVersion - 1
          : lowerBound(events, (e) => e.version < fromVersion)
        return events.slice(start, limit === undefined ? undefined : start + limit)
      }),

    lastVersion: (stream) => run(() => lastOf(streams.get(stream))),

    transaction: <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E | StorageAdapter.StorageError, R> =>
      Effect.flatMap(FiberRef.get(currentTx), (outer) => {
        if (outer !== undefined && !outer.closed) {
          // Nested: a savepoint. A failure (error, defect or interruption) undoes this call's
          // writes only; the outer transaction may catch it and commit the rest.
          return Effect.uninterruptibleMask((restore) =>
            Effect.suspend(() => {
              const mark = outer.undo.length
              return restore(self).pipe(
                Effect.onExit((exit) =>
                  Effect.sync(() => {
                    if (Exit.isFailure(exit) && !outer.closed) rollbackTo(outer, mark)
                  })
                )
              )
            })
          )
        }
        return lock.withPermits(1)(Effect.suspend(() => {
          const tx: Tx = { undo: [], closed: false }
          return self.pipe(
            Effect.locally(currentTx, tx),
            Effect.onExit((exit) =>
              Effect.sync(() => {
                tx.closed = true
                if (Exit.isFailure(exit)) rollbackTo(tx, 0)
              })
            )
          )
        }))
      })
  }

  const findEvent = (operation: string, stream: string, version: number): [Array<EventRecord>, number] => {
    const events = streams.get(stream)
    const i = events === undefined ? -1 : lowerBound(events, (e) => e.version < version)
    if (events === undefined || events[i]?.version !== version) {
      throw fail(operation, `no event ${stream}@${version}`)
    }
    return [events, i]
  }

  // The record as the indexes hold it: an index entry removed behind the adapter's back is left out.
  const scanned = (c: Collection, state: DocState): DocumentRecord => {
    if (state.entries.every((e) => indexOf(c, e.index).has(e))) return state.record
    const indexes: Record<string, IndexValue> = {}
    for (const e of state.entries) {
      if (indexOf(c, e.index).has(e)) Object.defineProperty(indexes, e.index, { value: e.value, enumerable: true })
    }
    return Object.freeze({ ...state.record, indexes: Object.freeze(indexes) })
  }

  adapter.scanDocuments = (after, limit) =>
    run(() => {
      if (!Number.isSafeInteger(limit) || limit < 1) throw fail("scanDocuments", "limit must be a positive integer")
      const out: Array<DocumentRecord> = []
      const names = [...collections.keys()].sort(StorageAdapter.compareStrings)
      for (const name of names) {
        if (after !== undefined && StorageAdapter.compareStrings(name, after.collection) < 0) continue
        const c = collections.get(name)!
        const ids = [...c.docs.keys()].sort(StorageAdapter.compareStrings)
        for (const id of ids) {
          if (after !== undefined && StorageAdapter.compareScanKeys({ collection: name, id }, after) <= 0) continue
          out.push(scanned(c, c.docs.get(id)!))
          if (out.length === limit) return out
        }
      }
      return out
    })

  adapter.scanStreams = (after, limit) =>
    run(() => {
      if (!Number.isSafeInteger(limit) || limit < 1) throw fail("scanStreams", "limit must be a positive integer")
      const out: Array<StorageAdapter.StreamHead> = []
      for (const name of [...streams.keys()].sort(StorageAdapter.compareStrings)) {
        if (after !== undefined && StorageAdapter.compareStrings(name, after) <= 0) continue
        const lastVersion = lastOf(streams.get(name))
        if (lastVersion === 0) continue
        out.push({ stream: name, lastVersion })
        if (out.length === limit) break
      }
      return out
    })

  const findDocument = (operation: string, collection: string, id: string): [Collection, DocState] => {
    const c = collections.get(collection)
    const state = c?.docs.get(id)
    if (c === undefined || state === undefined) throw fail(operation, `no document ${collection}/${id}`)
    return [c, state]
  }

  const tamper: StorageAdapter.StorageTamperService = {
    alterEvent: (stream, version, data) =>
      run(() => {
        const [events, i] = findEvent("alterEvent", stream, version)
        events[i] = Object.freeze({ ...events[i]!, data: cloneJson("alterEvent", data, `event ${stream}@${version}: `) })
      }),
    deleteEvent: (stream, version) =>
      run(() => {
        const [events, i] = findEvent("deleteEvent", stream, version)
        events.splice(i, 1)
      }),
    alterEventTime: (stream, version, recordedAt) =>
      run(() => {
        const [events, i] = findEvent("alterEventTime", stream, version)
        events[i] = Object.freeze({ ...events[i]!, recordedAt })
      }),
    insertEvent: (stream, version, event) =>
      run(() => {
        let events = streams.get(stream)
        if (events === undefined) {
          events = []
          streams.set(stream, events)
        }
        const i = lowerBound(events, (e) => e.version < version)
        if (events[i]?.version === version) throw fail("insertEvent", `event ${stream}@${version} exists`)
        events.splice(i, 0, Object.freeze({ stream, version, type: event.type, data: cloneJson("insertEvent", event.data, `event ${stream}@${version}: `), recordedAt: event.recordedAt }))
      }),
    alterDocument: (collection, id, data) =>
      run(() => {
        const [c, state] = findDocument("alterDocument", collection, id)
        const record = state.record
        setDoc(c, id, stateOf({ ...record, expectedVersion: 0 }, cloneJson("alterDocument", data, `document ${collection}/${id}: `), record.version), undefined)
      }),
    deleteDocument: (collection, id) =>
      run(() => {
        const [c] = findDocument("deleteDocument", collection, id)
        setDoc(c, id, undefined, undefined)
      }),
    insertDocument: (record) =>
      run(() => {
        const c = collectionOf(record.collection)
        setDoc(
          c,
          record.id,
          stateOf({ ...record, expectedVersion: 0 }, cloneJson("insertDocument", record.data, `document ${record.collection}/${record.id}: `), record.version),
          undefined
        )
      }),
    deleteIndexEntry: (collection, id, index) =>
      run(() => {
        const [c, state] = findDocument("deleteIndexEntry", collection, id)
        const entry = state.entries.find((e) => e.index === index)
        if (entry === undefined || !indexOf(c, index).has(entry)) throw fail("deleteIndexEntry", `${collection}/${id} is not in index ${index}`)
        indexOf(c, index).remove(entry)
      })
  }

  return { adapter, tamper }
})

/**
 * A fresh, empty in-memory store as the `StorageAdapter` (and as {@link MemoryStorage}).
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (): Layer.Layer<StorageAdapter.StorageAdapter | MemoryStorage> =>
  Layer.effectContext(Effect.map(make, (service) =>
    Context.make(MemoryStorage, service).pipe(Context.add(StorageAdapter.StorageAdapter, service.adapter))))

/**
 * The test-only tamper hook of the {@link MemoryStorage} in context.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerTamper: Layer.Layer<StorageAdapter.StorageTamper, never, MemoryStorage> = Layer.effect(
  StorageAdapter.StorageTamper,
  Effect.map(MemoryStorage, (service) => service.tamper)
)

/**
 * A fresh store with the tamper hook: what the conformance suite and tests use.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerTest = (): Layer.Layer<StorageAdapter.StorageAdapter | StorageAdapter.StorageTamper | MemoryStorage> =>
  Layer.provideMerge(layerTamper, layer())
