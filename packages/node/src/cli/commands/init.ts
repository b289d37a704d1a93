/**
 * `qinglian init --db county.db`: creates the database file with its tables, or brings an existing
 * one up to this release's schema. Running it again changes nothing.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as FileSystem from "@effect/platform/FileSystem"
import { SqliteStorage } from "@qinglian/storage-sqlite"
import * as Effect from "effect/Effect"
import { failures } from "../Exit.js"
import * as Lang from "../Lang.js"
import * as Output from "../Output.js"
import * as Store from "../Store.js"

/**
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make(
  "init",
  { db: Store.dbOption, format: Output.formatOption, lang: Lang.option },
  ({ db, format, lang }) =>
    failures(Effect.gen(function*() {
      const fs = yield* FileSystem.FileSystem
      const existed = yield* Effect.orElseSucceed(fs.exists(db), () => false)
      // An existing file must be a database: never let SQLite take over a spreadsheet.
      if (existed) yield* Store.requireDatabase(db)
      const storage = yield* Effect.provide(SqliteStorage.SqliteStorage, Store.layer(db))
      const status: Lang.Text = existed
        ? { zh: `数据库 ${db} 已存在，结构版本 ${storage.schemaVersion}，已是最新`, en: `${db} exists; schema version ${storage.schemaVersion}, up to date` }
        : { zh: `已创建数据库 ${db}，结构版本 ${storage.schemaVersion}`, en: `created ${db}, schema version ${storage.schemaVersion}` }
      yield* Output.show(
        {
          table: {
            headers: [{ zh: "数据库", en: "Database" }, { zh: "结构版本", en: "Schema version" }, { zh: "状态", en: "Status" }],
            rows: [[db, storage.schemaVersion, existed ? (lang === "zh" ? "已存在" : "existed") : (lang === "zh" ? "已创建" : "created")]]
          },
          json: { db, schemaVersion: storage.schemaVersion, created: !existed, journalMode: storage.journalMode },
          after: [status]
        },
        format,
        lang
      )
    }))
).pipe(Command.withDescription("创建数据库文件并建表（可重复运行） / Create the database file and its tables (safe to run again)"))
