/**
 * Migration 1: documents (jsonb) with typed secondary index rows, and append-only event streams.
 * It runs with `search_path` set to the county's schema, so names are unqualified.
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
  // Keys compare by code point (UTF-8 bytes): COLLATE "C", as the port's order requires.
  // `indexes` is kept only to rebuild the record and to find the rows to delete on update.
  yield* sql.unsafe(`CREATE TABLE documents (
  collection text COLLATE "C" NOT NULL,
  id text COLLATE "C" NOT NULL,
  version bigint NOT NULL CHECK (version >= 1),
  data jsonb NOT NULL,
  indexes jsonb NOT NULL,
  PRIMARY KEY (collection, id)
)`)
  // One row per (document, index name), typed: numbers in a double precision column (kind 0),
  // strings in a text column (kind 1); the unused one holds a constant, so (kind, num, str) sorts in
  // the port's order (numbers first, numerically; strings by code point) with no NULLs. The primary
  // key is the path of queryIndex: equality on (collection, name), a range and the keyset cursor on
  // (kind, num, str, id), in either direction.
  yield* sql.unsafe(`CREATE TABLE document_index (
  collection text COLLATE "C" NOT NULL,
  name text COLLATE "C" NOT NULL,
  kind smallint NOT NULL CHECK (kind IN (0, 1)),
  num double precision NOT NULL,
  str text COLLATE "C" NOT NULL,
  id text COLLATE "C" NOT NULL,
  PRIMARY KEY (collection, name, kind, num, str, id),
  CHECK ((kind = 0 AND str = '') OR (kind = 1 AND num = 0))
)`)
  // The primary key enforces one event per (stream, version); readEvents and lastVersion use it.
  yield* sql.unsafe(`CREATE TABLE events (
  stream text COLLATE "C" NOT NULL,
  version bigint NOT NULL CHECK (version >= 1),
  type text COLLATE "C" NOT NULL,
  data jsonb NOT NULL,
  recorded_at bigint NOT NULL,
  PRIMARY KEY (stream, version)
)`)
  // Events are append-only: refuse changes made through SQL (a bug, or a careless manual fix). The
  // table owner can still disable the trigger; the audit hash chain detects that. Application roles
  // should also lack UPDATE, DELETE and TRUNCATE on the table (docs/postgres.md).
  yield* sql.unsafe(`CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'events are append-only' USING ERRCODE = 'restrict_violation';
END
$$`)
  yield* sql.unsafe(`CREATE TRIGGER events_no_change BEFORE UPDATE OR DELETE ON events
FOR EACH ROW EXECUTE FUNCTION events_append_only()`)
  yield* sql.unsafe(`CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
FOR EACH STATEMENT EXECUTE FUNCTION events_append_only()`)
})
