/**
 * Migration 1: documents with their secondary index entries, and append-only event streams.
 *
 * Migrations are history: never edit one that has shipped, add the next number instead.
 *
 * @internal
 */
import * as SqlClient from "@effect/sql/SqlClient"
import * as Effect from "effect/Effect"

/** @internal */
export default Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient
  // `data` and `indexes` are JSON text returned as written; queries never look inside them.
  // `indexes` is kept only to rebuild the record (and to find the entries to delete on update).
  yield* sql.unsafe(`CREATE TABLE documents (
  collection TEXT NOT NULL,
  id TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1),
  data TEXT NOT NULL,
  indexes TEXT NOT NULL,
  PRIMARY KEY (collection, id)
) STRICT, WITHOUT ROWID`)
  // One row per (document, index name). The primary key is the query path of `queryIndex`:
  // equality on (collection, name), a range on value, keyset order by (value, id).
  // `value ANY` keeps numbers as numbers and strings as strings (numbers sort first, strings by
  // BINARY = code point order), which is the order the port specifies.
  yield* sql.unsafe(`CREATE TABLE document_index (
  collection TEXT NOT NULL,
  name TEXT NOT NULL,
  value ANY NOT NULL,
  id TEXT NOT NULL,
  PRIMARY KEY (collection, name, value, id),
  FOREIGN KEY (collection, id) REFERENCES documents (collection, id)
) STRICT, WITHOUT ROWID`)
  // The primary key enforces one event per (stream, version); readEvents and lastVersion use it.
  yield* sql.unsafe(`CREATE TABLE events (
  stream TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1),
  type TEXT NOT NULL,
  data TEXT NOT NULL,
  recorded_at INTEGER NOT NULL,
  PRIMARY KEY (stream, version)
) STRICT, WITHOUT ROWID`)
  // Events are append-only: refuse in-place changes made through SQL (a bug, or a careless manual
  // fix). Someone with the file can still drop these; the audit hash chain detects that.
  yield* sql.unsafe(`CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END`)
  yield* sql.unsafe(`CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END`)
})
