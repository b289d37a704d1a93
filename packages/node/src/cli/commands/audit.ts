/**
 * `qinglian audit verify --db county.db`: walks the audit log's hash chain and names the first
 * entry that was altered or removed.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import { Audit, StorageAdapter } from "@qinglian/core"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import { badInput, foundErrors } from "../Exit.js"
import * as Lang from "../Lang.js"
import * as Output from "../Output.js"
import * as Progress from "../Progress.js"
import * as Store from "../Store.js"

const headers: ReadonlyArray<Lang.Text> = [
  { zh: "结果", en: "Result" },
  { zh: "条目数", en: "Entries" },
  { zh: "末条哈希", en: "Head hash" },
  { zh: "问题条目", en: "Bad entry" },
  { zh: "原因", en: "Reason" },
  { zh: "说明", en: "Detail" }
]

const anchorPattern = /^([1-9][0-9]*):([0-9a-f]{64})$/

const verify = Command.make(
  "verify",
  {
    db: Store.dbOption,
    anchor: Options.text("anchor").pipe(
      Options.withPseudoName("version:hash"),
      Options.withDescription(
        "此前记下的 条目号:哈希（例如上次校验的结果），用来发现末尾被截掉的条目 / " +
          "A head recorded earlier, version:hash (the output of an earlier run), to detect entries cut off the end"
      ),
      Options.optional
    ),
    progress: Progress.option,
    format: Output.formatOption,
    lang: Lang.option
  },
  ({ anchor, db, format, lang, progress }) =>
    Effect.gen(function*() {
      const parsed = Option.map(anchor, (a) => anchorPattern.exec(a))
      if (Option.isSome(parsed) && parsed.value === null) {
        return yield* badInput({
          zh: `--anchor 应写成 条目号:64位十六进制哈希，例如 120:${"ab".repeat(32)}`,
          en: `--anchor must be version:hash with a 64-digit hex hash, e.g. 120:${"ab".repeat(32)}`
        })
      }
      const options: Audit.VerifyOptions = Option.match(parsed, {
        onNone: () => ({}),
        onSome: (m) => ({ anchor: { version: Number(m![1]), hash: m![2]! } })
      })
      yield* Store.requireDatabase(db)
      const bar = Progress.make({ zh: "校验审计日志", en: "verifying the audit log" }, lang, progress)
      const result: Either.Either<Audit.Verified, Audit.ChainBroken> = yield* Effect.gen(function*() {
        const adapter = yield* StorageAdapter.StorageAdapter
        const total = yield* adapter.lastVersion(Audit.stream)
        let read = 0
        // Audit.verify reads the log page by page; counting the pages it reads is the progress.
        const counting: StorageAdapter.StorageAdapterService = {
          ...adapter,
          readEvents: (stream, from, limit) =>
            Effect.tap(adapter.readEvents(stream, from, limit), (events) => {
              if (stream !== Audit.stream) return Effect.void
              read += events.length
              return bar.update(Math.min(read, total), total)
            })
        }
        const verified = yield* Audit.verify(options).pipe(
          Effect.provideService(StorageAdapter.StorageAdapter, counting),
          Effect.map((verified) => Either.right(verified)),
          Effect.catchTag("AuditChainBroken", (broken) => Effect.succeed(Either.left(broken)))
        )
        yield* bar.done
        return verified
      }).pipe(Effect.provide(Store.layer(db)))
      if (Either.isRight(result)) {
        const { entries, head } = result.right
        yield* Output.show(
          {
            table: { headers, rows: [[lang === "zh" ? "完好" : "intact", entries, head, "", "", ""]] },
            json: { ok: true, entries, head, anchor: entries === 0 ? null : `${entries}:${head}` },
            after: [
              {
                zh: `审计日志完好：共 ${entries} 条。可记下 ${entries}:${head}，下次用 --anchor 校验末尾未被截掉`,
                en: `the audit log is intact: ${entries} entries. Keep ${entries}:${head} and pass it as --anchor next time to detect a cut-off tail`
              }
            ]
          },
          format,
          lang
        )
        return
      }
      const broken = result.left
      const reason: Lang.Text = broken.reason === "altered" ? { zh: "被改动", en: "altered" } : { zh: "被删除", en: "removed" }
      yield* Output.show(
        {
          table: { headers, rows: [[lang === "zh" ? "已损坏" : "broken", "", "", broken.version, reason[lang], broken.detail]] },
          json: { ok: false, version: broken.version, reason: broken.reason, detail: broken.detail },
          after: [
            {
              zh: `审计日志第 ${broken.version} 条${reason.zh}（${broken.detail}）：数据库被绕过本库改动过，请保全文件并上报`,
              en: `audit entry ${broken.version} was ${reason.en} (${broken.detail}): the database was changed behind the library's back; keep the file and report it`
            }
          ]
        },
        format,
        lang
      )
      yield* foundErrors
    })
).pipe(
  Command.withDescription(
    "校验审计日志的哈希链，发现改动或删除时退出码为 1 / Verify the audit log's hash chain; exit code 1 when an entry was altered or removed"
  )
)

/**
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make("audit").pipe(
  Command.withDescription("审计日志 / The audit log"),
  Command.withSubcommands([verify])
)
