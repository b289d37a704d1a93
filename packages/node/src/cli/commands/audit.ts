/**
 * `qinglian audit verify --db county.db`: checks the audit log's hash chain and every stored
 * document and event against the entry that wrote it (core's `Audit.verifyStore`), and lists
 * everything that was altered, removed or written behind the library's back.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import type * as FileSystem from "@effect/platform/FileSystem"
import { Audit, InvalidInput, StorageAdapter } from "@qinglian/core"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { badInput, type CliFailure, failures, foundErrors } from "../Exit.js"
import * as Input from "../Input.js"
import * as Lang from "../Lang.js"
import * as Output from "../Output.js"
import * as Progress from "../Progress.js"
import * as Store from "../Store.js"

const headers: ReadonlyArray<Lang.Text> = [
  { zh: "问题", en: "Finding" },
  { zh: "记录", en: "Record" },
  { zh: "审计条目", en: "Audit entry" },
  { zh: "说明", en: "Detail" }
]

const kindText: Readonly<Record<Audit.Finding["kind"], Lang.Text>> = {
  chainBroken: { zh: "审计日志被改动或删除", en: "audit log altered or cut" },
  contentChanged: { zh: "记录被改动", en: "record altered" },
  recordMissing: { zh: "记录被删除", en: "record removed" },
  entryMissing: { zh: "记录没有审计条目", en: "record without an audit entry" }
}

const decodeCheckpoint = InvalidInput.decodeJson(Audit.Checkpoint, "audit checkpoint")

// A signed checkpoint and the public key it is checked with, both from files, or neither.
const checkpointOptions = (
  checkpoint: Option.Option<string>,
  publicKey: Option.Option<string>
): Effect.Effect<Audit.VerifyStoreOptions, CliFailure, FileSystem.FileSystem> =>
  Effect.gen(function*() {
    if (Option.isNone(checkpoint) && Option.isNone(publicKey)) return {}
    if (Option.isNone(checkpoint) || Option.isNone(publicKey)) {
      return yield* badInput({
        zh: "--checkpoint 和 --public-key 须一起给出：签名检查点要用签发它的公钥核验",
        en: "--checkpoint and --public-key go together: a signed checkpoint is checked with its signer's public key"
      })
    }
    const text = yield* Input.readText(checkpoint.value)
    const decoded = yield* Input.decodeFile(checkpoint.value, { zh: "审计检查点", en: "audit checkpoint" }, decodeCheckpoint(text))
    return { checkpoint: decoded, publicKey: yield* Input.readText(publicKey.value) }
  })

const verify = Command.make(
  "verify",
  {
    db: Store.dbOption,
    checkpoint: Options.file("checkpoint").pipe(
      Options.withPseudoName("checkpoint.json"),
      Options.withDescription(
        "此前签发并保存在库外的审计检查点，用来发现末尾被截掉或整条重写的日志 / " +
          "A signed audit checkpoint kept outside the database, to detect a cut tail or a rewritten log"
      ),
      Options.optional
    ),
    publicKey: Options.file("public-key").pipe(
      Options.withPseudoName("key.pem"),
      Options.withDescription("签发检查点的公钥（PEM） / The public key that signed the checkpoint (PEM)"),
      Options.optional
    ),
    progress: Progress.option,
    format: Output.formatOption,
    lang: Lang.option
  },
  ({ checkpoint, db, format, lang, progress, publicKey }) =>
    failures(Effect.gen(function*() {
      const options = yield* checkpointOptions(checkpoint, publicKey)
      yield* Store.requireDatabase(db)
      const chainBar = Progress.make({ zh: "校验审计日志", en: "verifying the audit log" }, lang, progress)
      const recordBar = Progress.make({ zh: "核对存储记录", en: "checking stored records" }, lang, progress)
      const report = yield* Effect.gen(function*() {
        const adapter = yield* StorageAdapter.StorageAdapter
        const total = yield* adapter.lastVersion(Audit.stream)
        let entries = 0
        let records = 0
        let chainDone = false
        const endChain = Effect.suspend(() => (chainDone ? Effect.void : ((chainDone = true), chainBar.done)))
        // verifyStore walks the log page by page, then the documents and streams: counting what it
        // reads is the progress.
        const counting: StorageAdapter.StorageAdapterService = {
          ...adapter,
          readEvents: (stream, from, limit) =>
            Effect.tap(adapter.readEvents(stream, from, limit), (events) => {
              if (stream === Audit.stream) {
                entries += events.length
                return chainBar.update(Math.min(entries, total), total)
              }
              records += events.length
              return Effect.zipRight(endChain, recordBar.update(records))
            }),
          ...(adapter.scanDocuments === undefined ? {} : {
            scanDocuments: (after, limit) =>
              Effect.tap(adapter.scanDocuments!(after, limit), (page) => {
                records += page.length
                return Effect.zipRight(endChain, recordBar.update(records))
              })
          })
        }
        const report = yield* Audit.verifyStore(options).pipe(
          Effect.provideService(StorageAdapter.StorageAdapter, counting),
          Effect.catchTag("AuditCheckpointInvalid", (error) =>
            Effect.fail(badInput({ zh: "审计检查点无效", en: "the audit checkpoint is not valid" }, error)))
        )
        yield* endChain
        if (records > 0) yield* recordBar.done
        return report
      }).pipe(Effect.provide(Store.layer(db)))
      const counts: Lang.Text = {
        zh: `审计日志 ${report.entries} 条，核对文档 ${report.documents} 个、事件 ${report.events} 条` +
          (report.scanned ? "" : "（此存储不支持全量扫描，未查找无审计条目的记录）"),
        en: `${report.entries} audit entries; ${report.documents} documents and ${report.events} events checked` +
          (report.scanned ? "" : " (this store cannot be scanned, so records without an entry were not looked for)")
      }
      yield* Output.show(
        {
          table: {
            headers,
            rows: report.findings.map((f) => [kindText[f.kind][lang], Audit.findingKey(f), f.entry ?? "", f.detail])
          },
          json: report,
          before: [counts],
          after: [
            report.ok
              ? {
                zh: `审计日志完好，存储记录与之一致。末条哈希 ${report.head}`,
                en: `the audit log is intact and the stored records match it. Head hash ${report.head}`
              }
              : {
                zh: `发现 ${report.findings.length} 处问题：数据库被绕过本库改动过，请保全文件并上报`,
                en: `${report.findings.length} finding${report.findings.length === 1 ? "" : "s"}: ` +
                  "the database was changed behind the library's back; keep the file and report it"
              }
          ]
        },
        format,
        lang
      )
      if (!report.ok) yield* foundErrors
    }))
).pipe(
  Command.withDescription(
    "校验审计日志的哈希链，并逐条核对存储的记录，发现改动或删除时退出码为 1 / " +
      "Verify the audit log's hash chain and every stored record against it; exit code 1 when anything was altered or removed"
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
