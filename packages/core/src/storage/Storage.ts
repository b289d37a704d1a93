/**
 * The typed storage API that every domain builds its store on: Schema-typed document collections
 * with declared indexes, typed event streams and transactions. It knows no domain: each domain
 * declares its own collections (`OrgStore`, `PowerListStore`, `RulebookStore`, `CaseStore`, and
 * scoring's store) with {@link collection} and {@link eventStream}, so adding a rule set needs no
 * edit here.
 *
 * It runs on any `StorageAdapter`: it encodes on write and decodes on read with `effect/Schema`, and
 * every write appends to the audit log (`Audit`) in the same transaction, so a failed write leaves
 * no trace, audit included.
 *
 * ```ts
 * const notes = Storage.collection({ name: "notes", schema: Note, id: (n) => n.id })
 * const program = notes.insert(note, { actor: "clerk-01" }).pipe(
 *   Effect.provide(Storage.layer),
 *   Effect.provide(MemoryStorage.layer())
 * )
 * ```
 *
 * @example
 * ```ts
 * import { Storage } from "@qinglian/core"
 * import { MemoryStorage } from "@qinglian/storage-memory"
 * import { Effect, Schema } from "effect"
 *
 * // A typed collection on whatever adapter the application provides: every write is audited.
 * const notes = Storage.collection({
 *   name: "notes",
 *   schema: Schema.Struct({ id: Schema.String, text: Schema.String }),
 *   id: (note) => note.id
 * })
 * const program = Effect.gen(function*() {
 *   yield* notes.insert({ id: "n1", text: "村务公开" }, { actor: "clerk-01" })
 *   const read = yield* notes.getOrFail("n1")
 *   console.log(read.value.text, read.version) // "村务公开" 1
 * })
 * Effect.runPromise(program.pipe(Effect.provide(Storage.layer), Effect.provide(MemoryStorage.layer())))
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Audit from "./Audit.js"
import * as InvalidInput from "../base/InvalidInput.js"
import { digest, indexDigest } from "./internal/digest.js"
import * as StorageAdapter from "./StorageAdapter.js"

type Json = StorageAdapter.Json
type IndexValue = StorageAdapter.IndexValue

// ---------------------------------------------------------------------------------------------
// Service
// ---------------------------------------------------------------------------------------------

/**
 * The storage service: the adapter it runs on and its transaction.
 *
 * @since 0.1.0
 * @category models
 */
export interface StorageService {
  readonly adapter: StorageAdapter.StorageAdapterService
}

/**
 * The typed storage service. Repositories need it in context.
 *
 * @since 0.1.0
 * @category tags
 */
export class Storage extends Context.Tag("@qinglian/core/Storage")<Storage, StorageService>() {}

/**
 * Builds the service on the adapter in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<StorageService, never, StorageAdapter.StorageAdapter> = Effect.map(
  StorageAdapter.StorageAdapter,
  (adapter) => ({ adapter })
)

/**
 * {@link Storage} on the `StorageAdapter` in context (e.g. `MemoryStorage.layer()`).
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Storage, never, StorageAdapter.StorageAdapter> = Layer.effect(Storage, make)

/**
 * Runs `self` in one adapter transaction: every write inside (and its audit entries) is kept, or
 * none is.
 *
 * @since 0.1.0
 * @category transactions
 */
export const transaction = <A, E, R>(
  self: Effect.Effect<A, E, R>
): Effect.Effect<A, E | StorageAdapter.StorageError, R | Storage> =>
  Effect.flatMap(Storage, ({ adapter }) => adapter.transaction(self))

const withAdapter = <A, E, R>(
  f: (adapter: StorageAdapter.StorageAdapterService) => Effect.Effect<A, E, R>
): Effect.Effect<A, E, R | Storage> => Effect.flatMap(Storage, ({ adapter }) => f(adapter))

// ---------------------------------------------------------------------------------------------
// Errors and shared models
// ---------------------------------------------------------------------------------------------

/**
 * A stored document or event no longer decodes with its schema (the schema changed incompatibly, or
 * the data was edited outside the library).
 *
 * @since 0.1.0
 * @category errors
 */
export class CorruptRecord extends Schema.TaggedError<CorruptRecord>("@qinglian/core/storage/CorruptRecord")("StorageCorruptRecord", {
  /** `collection/id` or `stream@version`. */
  key: Schema.String,
  issues: Schema.Array(InvalidInput.Issue)
}) {
  /**
   * @since 0.1.0
   */
  override get message(): string {
    return `stored ${this.key} does not decode: ` + this.issues.map((i) => `${i.path.join(".")}: ${i.detail}`).join("; ")
  }
}

/**
 * No document with this id.
 *
 * @since 0.1.0
 * @category errors
 */
export class DocumentNotFound extends Schema.TaggedError<DocumentNotFound>("@qinglian/core/storage/DocumentNotFound")("StorageDocumentNotFound", {
  collection: Schema.String,
  id: Schema.String
}) {
  /**
   * @since 0.1.0
   */
  override get message(): string {
    return `no document ${this.collection}/${this.id}`
  }
}

/**
 * Who writes: every write names its actor, recorded in the audit log.
 *
 * @since 0.1.0
 * @category models
 */
export interface WriteOptions {
  readonly actor: Audit.Actor
}

/**
 * A decoded document with its id and version (pass the version back as `expectedVersion` to update
 * it).
 *
 * @since 0.1.0
 * @category models
 */
export interface Stored<A> {
  readonly id: string
  readonly version: number
  readonly value: A
}

/**
 * A range on one index (combined with AND); see `StorageAdapter.IndexQuery`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Range {
  readonly gte?: IndexValue
  readonly gt?: IndexValue
  readonly lte?: IndexValue
  readonly lt?: IndexValue
  readonly order?: "asc" | "desc"
}

/**
 * One page of a query: pass `cursor` back (with the same range) for the next page; `undefined`
 * when there is none.
 *
 * @since 0.1.0
 * @category models
 */
export interface Page<A> {
  readonly items: ReadonlyArray<Stored<A>>
  readonly cursor: string | undefined
}

/**
 * Errors a write can fail with.
 *
 * @since 0.1.0
 * @category models
 */
export type WriteError = StorageAdapter.ConcurrencyConflict | StorageAdapter.StorageError | InvalidInput.InvalidInput

/**
 * Errors a read can fail with.
 *
 * @since 0.1.0
 * @category models
 */
export type ReadError = StorageAdapter.StorageError | CorruptRecord

/**
 * `Audit.verify` on the adapter under {@link Storage}: walks the audit chain and names the first
 * entry that was altered or removed.
 *
 * @since 0.1.0
 * @category audit
 */
export const verifyAudit = (
  options?: Audit.VerifyOptions
): Effect.Effect<Audit.Verified, Audit.ChainBroken | StorageAdapter.StorageError, Storage> =>
  withAdapter((adapter) => Effect.provideService(Audit.verify(options), StorageAdapter.StorageAdapter, adapter))

/**
 * `Audit.verifyStore` on the adapter under {@link Storage}: checks every stored document and event
 * against the audit log, and the log against its chain (and a checkpoint), and reports what it
 * found.
 *
 * @since 0.1.0
 * @category audit
 */
export const verifyStore = (
  options?: Audit.VerifyStoreOptions
): Effect.Effect<Audit.StoreReport, Audit.CheckpointInvalid | StorageAdapter.StorageError, Storage> =>
  withAdapter((adapter) => Effect.provideService(Audit.verifyStore(options), StorageAdapter.StorageAdapter, adapter))

/**
 * `Audit.checkpoint` on the adapter under {@link Storage}: a signed head of the audit log, with the
 * `Audit.CheckpointSigner` in context.
 *
 * @since 0.1.0
 * @category audit
 */
export const checkpoint: Effect.Effect<
  Audit.Checkpoint,
  StorageAdapter.StorageError,
  Storage | Audit.CheckpointSigner
> = withAdapter((adapter) => Effect.provideService(Audit.checkpoint, StorageAdapter.StorageAdapter, adapter))

// ---------------------------------------------------------------------------------------------
// Index keys
// ---------------------------------------------------------------------------------------------

const SEPARATOR = "\u001f"

/**
 * A composite index value from several parts (e.g. village and ISO week), ordered part by part.
 * Parts must not contain U+001F; numbers are written as given, so pad them if they must sort
 * numerically inside a composite key.
 *
 * @since 0.1.0
 * @category indexes
 */
export const indexKey = (...parts: ReadonlyArray<string | number>): string => parts.join(SEPARATOR)

/**
 * The range of composite keys made of the given parts, or starting with them (all weeks of one
 * village, all versions of one list …). `prefixRange("青莲村")` does not match `"青莲村二组"`.
 *
 * @since 0.1.0
 * @category indexes
 */
export const prefixRange = (...parts: ReadonlyArray<string | number>): { readonly gte: string; readonly lt: string } => {
  const prefix = indexKey(...parts)
  // U+0020 is the first character after the separator U+001F.
  return { gte: prefix, lt: prefix + "\u0020" }
}

// ---------------------------------------------------------------------------------------------
// Collections
// ---------------------------------------------------------------------------------------------

/**
 * How to store one kind of document.
 *
 * @since 0.1.0
 * @category models
 */
export interface CollectionOptions<A, I, Ix extends string> {
  /** The collection name in the store. Must not start with `$` (reserved). */
  readonly name: string
  readonly schema: Schema.Schema<A, I, never>
  /** The document id. */
  readonly id: (value: A) => string
  /** Declared secondary indexes: a value per document, or `undefined` to leave it out of that index. */
  readonly indexes?: { readonly [K in Ix]: (value: A) => IndexValue | undefined }
  /**
   * A validator compiled from the schema's JSON Schema, to read documents back without effect's
   * decoder when they are intact (see `InvalidInput.decodeUnknown`).
   */
  readonly validate?: InvalidInput.Validator
}

/**
 * A repository of Schema-typed documents with declared indexes. Every method needs {@link Storage}.
 *
 * @since 0.1.0
 * @category models
 */
export interface Repository<A, Ix extends string> {
  readonly name: string
  readonly schema: Schema.Schema<A, any, never>
  /** The id a value would be stored under. */
  readonly idOf: (value: A) => string
  /** The document, decoded, or `None`. */
  readonly get: (id: string) => Effect.Effect<Option.Option<Stored<A>>, ReadError, Storage>
  /** The document, or {@link DocumentNotFound}. */
  readonly getOrFail: (id: string) => Effect.Effect<Stored<A>, ReadError | DocumentNotFound, Storage>
  /** Stores a new document; a {@link StorageAdapter.ConcurrencyConflict} if the id is taken. */
  readonly insert: (value: A, options: WriteOptions) => Effect.Effect<Stored<A>, WriteError, Storage>
  /**
   * Stores `value` if the document's version is `expectedVersion` (0: it must not exist yet).
   */
  readonly put: (
    value: A,
    options: WriteOptions & { readonly expectedVersion: number }
  ) => Effect.Effect<Stored<A>, WriteError, Storage>
  /** Stores many documents in one transaction through the adapter's bulk path, all or none. */
  readonly putMany: (
    writes: ReadonlyArray<{ readonly value: A; readonly expectedVersion: number }>,
    options: WriteOptions
  ) => Effect.Effect<void, WriteError, Storage>
  /** Stores many new documents (all must be new), all or none. */
  readonly insertMany: (values: ReadonlyArray<A>, options: WriteOptions) => Effect.Effect<void, WriteError, Storage>
  /** Reads, changes and writes back one document in one transaction. */
  readonly modify: (
    id: string,
    f: (value: A) => A,
    options: WriteOptions
  ) => Effect.Effect<Stored<A>, WriteError | ReadError | DocumentNotFound, Storage>
  /** One page of documents in index order. */
  readonly query: (
    index: Ix,
    options: Range & { readonly limit: number; readonly cursor?: string }
  ) => Effect.Effect<Page<A>, ReadError, Storage>
  /** Every document in the range, in index order (read page by page). */
  readonly all: (
    index: Ix,
    range?: Range & { readonly pageSize?: number }
  ) => Effect.Effect<ReadonlyArray<Stored<A>>, ReadError, Storage>
}

const checkName = (name: string): void => {
  if (name.length === 0 || name.startsWith("$")) {
    throw new Error(`storage name ${JSON.stringify(name)} is empty or reserved (starts with "$")`)
  }
}

/**
 * Declares a collection: `Storage.collection({ name, schema, id, indexes })`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const collection = <A, I, Ix extends string = never>(
  options: CollectionOptions<A, I, Ix>
): Repository<A, Ix> => {
  checkName(options.name)
  const name = options.name
  const encode = InvalidInput.encoder(options.schema, name, options.validate)
  // Documents read back are checked like input; a corrupt one gets every bad path.
  const decode = InvalidInput.decodeUnknown(options.schema, name, options.validate)
  const indexEntries = Object.entries(options.indexes ?? {}) as Array<[string, (a: A) => IndexValue | undefined]>

  const toWrite = (value: A, expectedVersion: number): Either.Either<StorageAdapter.DocumentWrite, InvalidInput.InvalidInput> => {
    const id = options.id(value)
    return Either.map(
      Either.mapLeft(encode(value), (e) => new InvalidInput.InvalidInput({ subject: `${name}/${id}`, issues: e.issues })),
      (data) => {
        const indexes: Record<string, IndexValue> = {}
        for (const [index, f] of indexEntries) {
          const v = f(value)
          if (v !== undefined) indexes[index] = v
        }
        return { collection: name, id, expectedVersion, data: data as unknown as Json, indexes }
      }
    )
  }

  const fromRecord = (record: StorageAdapter.DocumentRecord): Effect.Effect<Stored<A>, CorruptRecord> => {
    const decoded = decode(record.data)
    return Either.isRight(decoded)
      ? Effect.succeed({ id: record.id, version: record.version, value: decoded.right })
      : Effect.fail(new CorruptRecord({ key: `${name}/${record.id}`, issues: decoded.left.issues }))
  }

  const changeOf = (write: StorageAdapter.DocumentWrite): Audit.Change => ({
    kind: "document",
    collection: name,
    id: write.id,
    action: write.expectedVersion === 0 ? "create" : "update",
    fromVersion: write.expectedVersion,
    toVersion: write.expectedVersion + 1,
    digest: digest(write.data),
    indexes: indexDigest(write.indexes)
  })

  const put = (value: A, opts: WriteOptions & { readonly expectedVersion: number }) =>
    withAdapter((adapter) =>
      Effect.flatMap(toWrite(value, opts.expectedVersion), (write) =>
        adapter.transaction(
          Effect.gen(function*() {
            const record = yield* adapter.putDocument(write)
            yield* Audit.record(opts.actor, [changeOf(write)])
            return { id: record.id, version: record.version, value } satisfies Stored<A>
          })
        ).pipe(Effect.provideService(StorageAdapter.StorageAdapter, adapter)))
    )

  const putMany = (
    writes: ReadonlyArray<{ readonly value: A; readonly expectedVersion: number }>,
    opts: WriteOptions
  ) =>
    withAdapter((adapter) =>
      Effect.gen(function*() {
        const docs: Array<StorageAdapter.DocumentWrite> = new Array(writes.length)
        for (let i = 0; i < writes.length; i++) {
          const write = toWrite(writes[i]!.value, writes[i]!.expectedVersion)
          if (Either.isLeft(write)) return yield* write.left
          docs[i] = write.right
        }
        if (docs.length === 0) return
        yield* adapter.transaction(
          Effect.gen(function*() {
            yield* adapter.putDocuments(docs)
            yield* Audit.record(opts.actor, docs.map(changeOf))
          })
        ).pipe(Effect.provideService(StorageAdapter.StorageAdapter, adapter))
      })
    )

  const get = (id: string) =>
    withAdapter((adapter) =>
      Effect.flatMap(adapter.getDocument(name, id), (record) =>
        Option.isNone(record)
          ? Effect.succeed(Option.none<Stored<A>>())
          : Effect.map(fromRecord(record.value), Option.some))
    )

  const getOrFail = (id: string) =>
    Effect.flatMap(get(id), (found) =>
      Option.isSome(found) ? Effect.succeed(found.value) : Effect.fail(new DocumentNotFound({ collection: name, id })))

  const query = (index: Ix, q: Range & { readonly limit: number; readonly cursor?: string }) =>
    withAdapter((adapter) =>
      Effect.flatMap(adapter.queryIndex({ ...q, collection: name, index }), (page) =>
        Effect.map(Effect.forEach(page.items, fromRecord), (items): Page<A> => ({ items, cursor: page.cursor })))
    )

  // Page by page until the adapter gives no cursor.
  const all = (index: Ix, range: Range & { readonly pageSize?: number } = {}) => {
    const { pageSize = 500, ...rest } = range
    return Effect.gen(function*() {
      const out: Array<Stored<A>> = []
      let cursor: string | undefined
      do {
        const page: Page<A> = yield* query(index, cursor === undefined ? { ...rest, limit: pageSize } : { ...rest, limit: pageSize, cursor })
        for (const item of page.items) out.push(item)
        cursor = page.cursor
      } while (cursor !== undefined)
      return out as ReadonlyArray<Stored<A>>
    })
  }

  return {
    name,
    schema: options.schema,
    idOf: options.id,
    get,
    getOrFail,
    insert: (value, opts) => put(value, { ...opts, expectedVersion: 0 }),
    put,
    putMany,
    insertMany: (values, opts) => putMany(values.map((value) => ({ value, expectedVersion: 0 })), opts),
    modify: (id, f, opts) =>
      transaction(
        Effect.flatMap(getOrFail(id), (current) => put(f(current.value), { ...opts, expectedVersion: current.version }))
      ),
    query,
    all
  }
}

// ---------------------------------------------------------------------------------------------
// Event streams
// ---------------------------------------------------------------------------------------------

/**
 * A decoded event.
 *
 * @since 0.1.0
 * @category models
 */
export interface StoredEvent<A> {
  readonly stream: string
  readonly version: number
  readonly type: string
  readonly recordedAt: number
  readonly value: A
}

/**
 * How to store one family of event streams (one stream per key, e.g. per exercise).
 *
 * @since 0.1.0
 * @category models
 */
export interface EventStreamOptions<A, I> {
  /** The streams are named `${name}/${key}`. Must not start with `$`. */
  readonly name: string
  readonly schema: Schema.Schema<A, I, never>
  /** The event type recorded with each event. Default: the value's `_tag`, else `name`. */
  readonly type?: (value: A) => string
  /** A validator compiled from the schema's JSON Schema, to read intact events back quickly. */
  readonly validate?: InvalidInput.Validator
}

/**
 * A family of typed, append-only event streams. Every method needs {@link Storage}.
 *
 * @since 0.1.0
 * @category models
 */
export interface EventStream<A> {
  readonly name: string
  /** The adapter stream name for a key. */
  readonly streamName: (key: string) => string
  /** Appends if the stream is at `expectedVersion`; returns the new last version. */
  readonly append: (
    key: string,
    expectedVersion: number,
    events: ReadonlyArray<A>,
    options: WriteOptions
  ) => Effect.Effect<number, WriteError, Storage>
  /** Events from `fromVersion` (default 1), decoded. */
  readonly read: (
    key: string,
    fromVersion?: number,
    limit?: number
  ) => Effect.Effect<ReadonlyArray<StoredEvent<A>>, ReadError, Storage>
  /** The stream's last version (0 when empty). */
  readonly lastVersion: (key: string) => Effect.Effect<number, StorageAdapter.StorageError, Storage>
}

/**
 * Declares a family of event streams.
 *
 * @since 0.1.0
 * @category constructors
 */
export const eventStream = <A, I>(options: EventStreamOptions<A, I>): EventStream<A> => {
  checkName(options.name)
  const name = options.name
  const encode = InvalidInput.encoder(options.schema, name, options.validate)
  // Events read back are checked like input; a corrupt one gets every bad path.
  const decode = InvalidInput.decodeUnknown(options.schema, name, options.validate)
  const typeOf = options.type ??
    ((value: A) =>
      typeof value === "object" && value !== null && typeof (value as { _tag?: unknown })._tag === "string"
        ? (value as unknown as { _tag: string })._tag
        : name)
  const streamName = (key: string) => `${name}/${key}`

  return {
    name,
    streamName,
    append: (key, expectedVersion, events, opts) =>
      withAdapter((adapter) =>
        Effect.gen(function*() {
          const stream = streamName(key)
          const at = yield* Clock.currentTimeMillis
          const encoded: Array<StorageAdapter.NewEvent> = []
          for (const [i, event] of events.entries()) {
            const data = yield* Either.mapLeft(
              encode(event),
              (e) => new InvalidInput.InvalidInput({ subject: `${stream}@${expectedVersion + i + 1}`, issues: e.issues })
            )
            encoded.push({ type: typeOf(event), data: data as unknown as Json, recordedAt: at })
          }
          return yield* adapter.transaction(
            Effect.gen(function*() {
              const version = yield* adapter.appendEvents(stream, expectedVersion, encoded)
              if (encoded.length > 0) {
                yield* Audit.record(opts.actor, [{
                  kind: "stream",
                  stream,
                  action: "append",
                  fromVersion: expectedVersion,
                  toVersion: version,
                  digest: digest(encoded.map((e) => ({ type: e.type, data: e.data }))),
                  recordedAt: at
                }])
              }
              return version
            })
          ).pipe(Effect.provideService(StorageAdapter.StorageAdapter, adapter))
        })
      ),
    read: (key, fromVersion, limit) =>
      withAdapter((adapter) =>
        Effect.flatMap(adapter.readEvents(streamName(key), fromVersion, limit), (events) =>
          Effect.forEach(events, (event) => {
            const decoded = decode(event.data)
            return Either.isRight(decoded)
              ? Effect.succeed<StoredEvent<A>>({
                stream: event.stream,
                version: event.version,
                type: event.type,
                recordedAt: event.recordedAt,
                value: decoded.right
              })
              : Effect.fail(new CorruptRecord({ key: `${event.stream}@${event.version}`, issues: decoded.left.issues }))
          }))
      ),
    lastVersion: (key) => withAdapter((adapter) => adapter.lastVersion(streamName(key)))
  }
}
