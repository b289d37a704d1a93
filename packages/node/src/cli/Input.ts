/**
 * Reading the files a command is given: each failure is bad input (exit 2) with a message in both
 * languages saying which file and why.
 *
 * @since 0.1.0
 */
import * as Options from "@effect/cli/Options"
import * as FileSystem from "@effect/platform/FileSystem"
import { LocalDate, PowerList, Rulebook } from "@qinglian/core"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import { badInput, type CliFailure } from "./Exit.js"

// Fatal: a file saved as GBK (Notepad's "ANSI" on Chinese Windows) must not be read as UTF-8 with
// its Chinese text silently replaced by U+FFFD.
const utf8 = new TextDecoder("utf-8", { fatal: true })

/**
 * Reads a UTF-8 text file (a byte order mark is allowed; the decoders skip it). A missing file, a
 * directory, an unreadable file or one that is not UTF-8 is bad input.
 *
 * @since 0.1.0
 * @category reading
 */
export const readText = (file: string): Effect.Effect<string, CliFailure, FileSystem.FileSystem> =>
  Effect.flatMap(FileSystem.FileSystem, (fs) =>
    fs.readFile(file).pipe(
      Effect.mapError((error) =>
        error._tag === "SystemError" && error.reason === "NotFound"
          ? badInput({ zh: `找不到文件 ${file}`, en: `no such file: ${file}` })
          : badInput({
            zh: `无法读取文件 ${file}：${error.message}`,
            en: `cannot read ${file}: ${error.message}`
          })
      ),
      Effect.flatMap((bytes) =>
        Effect.try({
          try: () => utf8.decode(bytes),
          catch: () =>
            badInput({
              zh: `${file} 不是 UTF-8 编码（可能是 GBK）：请用记事本或 WPS“另存为”UTF-8 后重试`,
              en: `${file} is not UTF-8 (GBK, perhaps): save it as UTF-8 and try again`
            })
        })
      )
    ))

/**
 * Decodes with one of core's decoders; what does not decode is bad input naming the file, with
 * core's issues (each path and why).
 *
 * @since 0.1.0
 * @category reading
 */
export const decodeFile = <A, E>(
  file: string,
  what: { readonly zh: string; readonly en: string },
  decoded: Either.Either<A, E>
): Effect.Effect<A, CliFailure> =>
  Either.isRight(decoded)
    ? Effect.succeed(decoded.right)
    : Effect.fail(badInput({ zh: `${file} 不是有效的${what.zh}`, en: `${file} is not a valid ${what.en}` }, decoded.left))

/**
 * The `--rulebook` option: a county's rulebook file, merged onto the built-in defaults.
 *
 * @since 0.1.0
 * @category options
 */
export const rulebookOption: Options.Options<Option.Option<string>> = Options.file("rulebook").pipe(
  Options.withPseudoName("rulebook.json"),
  Options.withDescription(
    "县规则库文件（JSON），叠加在内置规则库之上；不给则用内置规则库 / " +
      "A county rulebook file (JSON), applied over the built-in rulebook; the built-in one when left out"
  ),
  Options.optional
)

/**
 * The rulebook of `--rulebook`, or the defaults.
 *
 * @since 0.1.0
 * @category reading
 */
export const rulebook = (
  file: Option.Option<string>
): Effect.Effect<Rulebook.Rulebook, CliFailure, FileSystem.FileSystem> =>
  Option.match(file, {
    onNone: () => Effect.succeed(Rulebook.defaults),
    onSome: (path) =>
      Effect.flatMap(readText(path), (text) =>
        decodeFile(path, { zh: "规则库文件", en: "rulebook file" }, Rulebook.decodeJson(text)))
  })

/**
 * The list of `--list`, or the reference list.
 *
 * @since 0.1.0
 * @category reading
 */
export const powerList = (
  file: Option.Option<string>
): Effect.Effect<PowerList.PowerList, CliFailure, FileSystem.FileSystem> =>
  Option.match(file, {
    onNone: () => Effect.sync(PowerList.reference),
    onSome: (path) =>
      Effect.flatMap(readText(path), (text) =>
        decodeFile(path, { zh: "小微权力清单", en: "micro-power list" }, PowerList.decodeJson(text)))
  })

/**
 * A date option (`YYYY-MM-DD`, a day that exists), checked by core's `LocalDate` schema.
 *
 * @since 0.1.0
 * @category options
 */
export const dateOption = (name: string, description: string): Options.Options<LocalDate.LocalDate> =>
  Options.text(name).pipe(
    Options.withPseudoName("YYYY-MM-DD"),
    Options.withSchema(LocalDate.LocalDate),
    Options.withDescription(description)
  )

/**
 * The `--town` option of the commands that work on one town's records.
 *
 * @since 0.1.0
 * @category options
 */
export const townOption: Options.Options<string> = Options.text("town").pipe(
  Options.withPseudoName("id"),
  Options.withDescription("乡镇 / The town")
)
