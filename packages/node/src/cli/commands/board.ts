/**
 * `qinglian board --db county.db --rubric rubric.json --town t-jincun --week 2026-W13 --out board/`:
 * the published board (一周三晒公示栏) of a stored week, written as files a clerk prints or posts:
 * Markdown, HTML (A4, Chinese fonts) and three CSV tables that Excel and WPS open. The week's task
 * books are the arrangements; the stock-take and the results are the week before's. Names come
 * from the stored roster and organisation.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as FileSystem from "@effect/platform/FileSystem"
import * as Path from "@effect/platform/Path"
import { OrgStore } from "@qinglian/core"
import { Rubric, ScoringStore, TaskBook } from "@qinglian/scoring"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { badInput, CliFailure, ExitCode, failures, refusedBecause } from "../Exit.js"
import * as Input from "../Input.js"
import * as Lang from "../Lang.js"
import * as Output from "../Output.js"
import * as Store from "../Store.js"

/**
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make(
  "board",
  {
    db: Store.dbOption,
    rubric: Options.file("rubric").pipe(
      Options.withPseudoName("rubric.json"),
      Options.withDescription("考核细则文件（JSON），用于等次名称 / The rubric file (JSON), which names the grades")
    ),
    town: Input.townOption,
    week: Options.text("week").pipe(
      Options.withPseudoName("YYYY-Www"),
      Options.withDescription(
        "公示的周（ISO 周，如 2026-W13）：本周安排取该周任务书，盘点和考核结果取上一周 / " +
          "The week posted (ISO week, e.g. 2026-W13): its task books are the arrangements; the stock-take and results are the week before's"
      )
    ),
    village: Options.text("village").pipe(
      Options.withPseudoName("id"),
      Options.withDescription("只生成这个村的公示栏；不给则生成全镇的 / Only this village's board; the town's when left out"),
      Options.optional
    ),
    out: Options.directory("out", { exists: "either" }).pipe(
      Options.withPseudoName("dir"),
      Options.withDescription("写入文件的目录（不存在则创建） / The directory to write the files to (made when missing)")
    ),
    format: Output.formatOption,
    lang: Lang.option
  },
  ({ db, format, lang, out, rubric, town, village, week }) =>
    failures(Effect.gen(function*() {
      const posted = Schema.decodeUnknownEither(TaskBook.IsoWeek)(week)
      if (Either.isLeft(posted)) {
        return yield* badInput({ zh: `周次 ${week} 无效，应为 ISO 周（如 2026-W13）`, en: `${week} is not an ISO week (e.g. 2026-W13)` })
      }
      const file = yield* Effect.flatMap(Input.readText(rubric), (text) =>
        Input.decodeFile(rubric, { zh: "考核细则文件", en: "rubric file" }, Rubric.decodeJson(text)))
      yield* Store.requireDatabase(db)
      const rendered = yield* Effect.gen(function*() {
        const roster = yield* OrgStore.loadRoster
        return yield* ScoringStore.board({
          rubric: file,
          town,
          week: posted.right,
          roster,
          scope: Option.isSome(village) ? { level: "village", village: village.value } : { level: "town" }
        })
      }).pipe(
        // Nothing to show for that town and week is bad input: the town or the week was not the right one.
        Effect.catchTag("ScoringCommandRejected", (e) => Effect.fail(refusedBecause({ zh: "无法生成公示栏", en: "cannot make the board" }, e))),
        Effect.provide(Store.layer(db))
      )
      const fs = yield* FileSystem.FileSystem
      const path = yield* Path.Path
      const base = `${Option.getOrElse(village, () => town)}-${posted.right}`
      const files: ReadonlyArray<readonly [string, string]> = [
        [`${base}.md`, rendered.markdown],
        [`${base}.html`, rendered.html],
        [`${base}-arrangements.csv`, rendered.csv.arrangements],
        [`${base}-stockTake.csv`, rendered.csv.stockTake],
        [`${base}-results.csv`, rendered.csv.results]
      ]
      const written = yield* Effect.gen(function*() {
        yield* fs.makeDirectory(out, { recursive: true })
        const paths: Array<string> = []
        for (const [name, text] of files) {
          const target = path.join(out, name)
          yield* fs.writeFileString(target, text)
          paths.push(target)
        }
        return paths
      }).pipe(
        Effect.mapError((error) =>
          new CliFailure({
            exitCode: ExitCode.failed,
            message: { zh: `无法写入 ${out}：${error.message}`, en: `cannot write to ${out}: ${error.message}` }
          })
        )
      )
      const rows = rendered.board.sections.map((s) => [s.title, s.rows.length])
      yield* Output.show(
        {
          table: { headers: [{ zh: "栏目", en: "Section" }, { zh: "行数", en: "Rows" }], rows },
          json: { title: rendered.board.title, week: posted.right, sections: rendered.board.sections, files: written },
          before: [{ zh: rendered.board.title, en: `${rendered.board.title} (${posted.right})` }],
          after: [{ zh: `已写入 ${written.length} 个文件：${written.join("、")}`, en: `${written.length} files written: ${written.join(", ")}` }]
        },
        format,
        lang
      )
    }))
).pipe(
  Command.withDescription(
    "生成“一周三晒”公示栏文件（Markdown、HTML、CSV） / Write the weekly board (一周三晒) as files: Markdown, HTML and CSV"
  )
)
