/**
 * The `--db` option and the store behind it: the county's SQLite file, opened through
 * `@qinglian/storage-sqlite` (which applies its migrations) with core's `Storage` on top.
 *
 * @since 0.1.0
 */
import * as Options from "@effect/cli/Options"
import * as FileSystem from "@effect/platform/FileSystem"
import { Storage, StorageAdapter } from "@qinglian/core"
import { SqliteStorage } from "@qinglian/storage-sqlite"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { badInput, type CliFailure, couldNotFinish } from "./Exit.js"

/**
 * The `--db` option.
 *
 * @since 0.1.0
 * @category options
 */
export const dbOption: Options.Options<string> = Options.file("db").pipe(
  Options.withPseudoName("file.db"),
  Options.withDescription("SQLite 数据库文件（由 qinglian init 创建） / The SQLite database file (made by qinglian init)")
)

// Every SQLite 3 database file starts with these 16 bytes.
const sqliteHeader = "SQLite format 3\u0000"

/**
 * Checks that `file` is an existing SQLite database, so that a command that reads a store never
 * creates an empty one at a mistyped path and never opens a spreadsheet as one.
 *
 * @since 0.1.0
 * @category opening
 */
export const requireDatabase = (file: string): Effect.Effect<void, CliFailure, FileSystem.FileSystem> =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const notInitialised = badInput({
      zh: `找不到数据库 ${file}；请先运行 qinglian init --db ${file} 创建`,
      en: `no database at ${file}; create it first with qinglian init --db ${file}`
    })
    const exists = yield* Effect.orElseSucceed(fs.exists(file), () => false)
    if (!exists) return yield* notInitialised
    const head = yield* fs.open(file, { flag: "r" }).pipe(
      Effect.flatMap((handle) => handle.readAlloc(FileSystem.Size(16))),
      Effect.scoped,
      Effect.mapError((error) =>
        badInput({ zh: `无法读取数据库 ${file}：${error.message}`, en: `cannot read the database ${file}: ${error.message}` })
      )
    )
    const text = head._tag === "Some" ? new TextDecoder("latin1").decode(head.value) : ""
    if (text !== sqliteHeader) {
      return yield* badInput({
        zh: `${file} 不是 SQLite 数据库文件`,
        en: `${file} is not an SQLite database file`
      })
    }
  })

const busy = /SQLITE_BUSY|database is busy/

/**
 * Opens the store. A file SQLite cannot open (not a database, a newer schema than this release
 * knows) is bad input; a database another process keeps locked is a failure to finish (exit 3).
 * The connection closes with the layer.
 *
 * @since 0.1.0
 * @category opening
 */
export const layer = (
  file: string
): Layer.Layer<Storage.Storage | StorageAdapter.StorageAdapter | SqliteStorage.SqliteStorage, CliFailure> =>
  Storage.layer.pipe(
    Layer.provideMerge(SqliteStorage.layer({ filename: file })),
    Layer.mapError((error) =>
      // Busy is the one failure to open that is not the file's fault: another process holds the
      // write lock past the busy timeout, and running again later succeeds.
      busy.test(error.message)
        ? couldNotFinish(error)
        : badInput({ zh: `无法打开数据库 ${file}：${error.message}`, en: `cannot open the database ${file}: ${error.message}` }, error)
    )
  )
