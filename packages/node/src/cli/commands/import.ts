/**
 * `qinglian import list` and `qinglian import exercises`: a clerk loads a micro-power list, or a
 * file of exercises, into the county database, checked as the Promise API checks them
 * (`powerLists.save`, `exercises.record`). A rejected import stores nothing.
 *
 * @since 0.1.0
 */
import * as Args from "@effect/cli/Args"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import { Diagnostic, Exercise, InvalidInput, PowerList, PowerListStore, Rulebook, Storage, WorkCalendar } from "@qinglian/core"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { checkList, type Checked, exerciseChecker, storeAllChecked } from "../../internal/powerlist.js"
import { badInput, CliFailure, ExitCode, failures, foundErrors } from "../Exit.js"
import * as Findings from "../Findings.js"
import * as Input from "../Input.js"
import * as Lang from "../Lang.js"
import * as Output from "../Output.js"
import * as Store from "../Store.js"

// An id that is more than blanks: the audit log names who wrote, and a jurisdiction code selects lists.
const NonBlank = Schema.String.pipe(
  Schema.pattern(/\S/, { message: () => "不能为空 / must not be blank" })
)

const actorOption = Options.text("actor").pipe(
  Options.withPseudoName("id"),
  Options.withSchema(NonBlank),
  Options.withDescription("操作人编号，记入审计日志 / Who is importing: the actor id the audit log records")
)

const listWhat: Lang.Text = { zh: "小微权力清单", en: "micro-power list" }

const list = Command.make(
  "list",
  {
    file: Args.file({ name: "list.json" }).pipe(
      Args.withDescription("小微权力清单文件（JSON） / The micro-power list file (JSON)")
    ),
    db: Store.dbOption,
    actor: actorOption,
    format: Output.formatOption,
    lang: Lang.option
  },
  ({ actor, db, file, format, lang }) =>
    failures(Effect.gen(function*() {
      yield* Store.requireDatabase(db)
      const text = yield* Input.readText(file)
      const powerList = yield* Input.decodeFile(file, listWhat, PowerList.decodeJson(text))
      const named = `${powerList.id} ${powerList.version}`
      const { report, stored } = yield* Effect.gen(function*() {
        // The rulebook in force for the list's jurisdiction: the county's stored editions over the built-in one.
        const report = yield* checkList(powerList, Rulebook.defaults)
        if (!Diagnostic.isOk(report.diagnostics)) return { report, stored: false }
        yield* PowerListStore.powerLists.save(powerList, { actor })
        return { report, stored: true }
      }).pipe(
        Effect.provide(Store.layer(db)),
        Effect.catchTag("VersionExists", (error) =>
          Effect.fail(badInput({
            zh: `数据库中已有清单 ${powerList.id} 的版本 ${powerList.version}，未作任何改动：已保存的版本不可修改，请以新的版本号（version）保存`,
            en: `version ${powerList.version} of list ${powerList.id} is already stored; nothing was changed: ` +
              `stored versions never change, so save the change under a new version`
          }, error)))
      )
      yield* Output.show(
        {
          table: Findings.table(report.diagnostics, lang),
          json: { file, stored, id: powerList.id, version: powerList.version, ok: report.ok, diagnostics: report.diagnostics },
          before: stored
            ? [{
              zh: `已导入清单 ${named}（${powerList.jurisdiction.name}，${powerList.effectiveFrom} 起施行）`,
              en: `imported list ${named} (${powerList.jurisdiction.name}, in force from ${powerList.effectiveFrom})`
            }]
            : [{ zh: `清单 ${named} 有错误，未导入：请改正后重试`, en: `list ${named} has errors and was not imported: correct them and try again` }],
          after: [Findings.summary(report.diagnostics)]
        },
        format,
        lang
      )
      if (!stored) yield* foundErrors
    }))
).pipe(
  Command.withDescription(
    "把小微权力清单导入数据库：按其辖区的规则库校验，有错误时不导入、退出码为 1；该版本已存在时退出码为 2 / " +
      "Import a micro-power list into the database: checked with its jurisdiction's rulebook; with an error finding nothing is stored " +
      "and the exit code is 1; a version already stored exits 2"
  )
)

// --- exercises -------------------------------------------------------------------------------

/** Where a record sits in its file: the whole file, an index of a JSON array, or a line of NDJSON. */
type Position = { readonly whole: true } | { readonly index: number } | { readonly line: number }

interface RawRecord {
  readonly at: Position
  readonly value: Either.Either<unknown, InvalidInput.InvalidInput>
}

/** One problem of one record, as printed: its position goes before its path and its message. */
interface RecordIssue {
  readonly code: string
  readonly path: ReadonlyArray<string | number>
  readonly message: Lang.Text
  readonly record: Position
}

const positionText = (at: Position): Lang.Text | undefined =>
  "index" in at
    ? { zh: `第 ${at.index + 1} 条（下标 ${at.index}）`, en: `record ${at.index + 1} (index ${at.index})` }
    : "line" in at
    ? { zh: `第 ${at.line} 行`, en: `line ${at.line}` }
    : undefined

const issueAt = (at: Position, code: string, path: ReadonlyArray<string | number>, message: Lang.Text): RecordIssue => {
  const where = positionText(at)
  return {
    code,
    // An array's records are addressed by their index in the file, like any JSON path.
    path: "index" in at ? [at.index, ...path] : path,
    message: where === undefined ? message : { zh: `${where.zh}：${message.zh}`, en: `${where.en}: ${message.en}` },
    record: at
  }
}

const parse = InvalidInput.parseJson("exercise")

const exercisesWhat: Lang.Text = { zh: "权力行使记录文件", en: "file of exercises" }

/**
 * The records of a file of exercises: one JSON object, a JSON array of them, or NDJSON (one per
 * line, blank lines allowed). A file that is none of these is bad input as a whole.
 */
const recordsOf = (file: string, text: string): Either.Either<ReadonlyArray<RawRecord>, CliFailure> => {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const empty = badInput({ zh: `${file} 中没有权力行使记录`, en: `${file} holds no exercise` })
  if (body.trim() === "") return Either.left(empty)
  const whole = parse(body)
  if (Either.isRight(whole)) {
    const value = whole.right
    if (!Array.isArray(value)) return Either.right([{ at: { whole: true }, value: Either.right(value) }])
    if (value.length === 0) return Either.left(empty)
    return Either.right(value.map((v: unknown, index) => ({ at: { index }, value: Either.right(v) })))
  }
  // Not one JSON document: NDJSON when its first line is a JSON document of its own and more follow.
  const lines = body.split(/\r\n|\n|\r/)
  const filled = lines.flatMap((l, i) => (l.trim() === "" ? [] : [{ line: i + 1, text: l }]))
  const first = filled[0]
  if (filled.length < 2 || first === undefined || Either.isLeft(parse(first.text))) {
    return Either.left(badInput({ zh: `${file} 不是有效的${exercisesWhat.zh}`, en: `${file} is not a valid ${exercisesWhat.en}` }, whole.left))
  }
  return Either.right(filled.map(({ line, text }) => ({ at: { line }, value: parse(text) })))
}

const order = (at: Position): number => ("index" in at ? at.index : "line" in at ? at.line : 0)

const refused = (file: string, found: ReadonlyArray<RecordIssue>): CliFailure => {
  // In file order, whichever check found them.
  const issues = [...found].sort((a, b) => order(a.record) - order(b.record))
  const records = new Set(issues.map((i) => JSON.stringify(i.record))).size
  const message = {
    zh: `${file} 中有 ${records} 条记录不能导入，未保存任何记录：请改正后重新导入整个文件`,
    en: `${records} record${records === 1 ? "" : "s"} in ${file} cannot be imported, so nothing was stored: ` +
      `correct ${records === 1 ? "it" : "them"} and import the whole file again`
  }
  return new CliFailure({ exitCode: ExitCode.badInput, message, problem: { code: "ImportRejected", path: [], message, issues } })
}

const riskText: Readonly<Record<Exercise.Risk, Lang.Text>> = {
  green: { zh: "绿", en: "green" },
  yellow: { zh: "黄", en: "yellow" },
  red: { zh: "红", en: "red" }
}

const exerciseHeaders: ReadonlyArray<Lang.Text> = [
  { zh: "记录编号", en: "Exercise" },
  { zh: "事项", en: "Item" },
  { zh: "日期", en: "Date" },
  { zh: "风险等级", en: "Risk" },
  { zh: "问题数", en: "Findings" }
]

const exercises = Command.make(
  "exercises",
  {
    file: Args.file({ name: "exercises.json" }).pipe(
      Args.withDescription(
        "权力行使记录文件：一条记录（JSON 对象）、JSON 数组，或每行一条的 NDJSON / " +
          "The exercises: one exercise (a JSON object), a JSON array of them, or NDJSON (one per line)"
      )
    ),
    db: Store.dbOption,
    actor: actorOption,
    jurisdiction: Options.text("jurisdiction").pipe(
      Options.withPseudoName("code"),
      Options.withSchema(NonBlank),
      Options.withDescription(
        "辖区代码：按该辖区在每条记录日期生效的清单检查 / The jurisdiction code: each exercise is checked against its list in force on the exercise's date"
      )
    ),
    asOf: Input.dateOption(
      "as-of",
      "检查日期 YYYY-MM-DD：进行中的事项，此前到期未公开的算作未公开；报告以此日期记录，不给则为记录日期 / " +
        "The day of the check, YYYY-MM-DD: for an exercise in progress, disclosures due before it and not posted are missing; " +
        "reports are dated on it, else on each exercise's date"
    ).pipe(Options.optional),
    format: Output.formatOption,
    lang: Lang.option
  },
  ({ actor, asOf, db, file, format, jurisdiction, lang }) =>
    failures(Effect.gen(function*() {
      yield* Store.requireDatabase(db)
      const text = yield* Input.readText(file)
      const raw = yield* recordsOf(file, text)
      const issues: Array<RecordIssue> = []
      // Every record decoded first, each id once in the file.
      const decoded: Array<{ readonly at: Position; readonly exercise: Exercise.Exercise }> = []
      const firstAt = new Map<string, Position>()
      for (const { at, value } of raw) {
        const exercise = Either.flatMap(value, Exercise.decodeUnknown)
        if (Either.isLeft(exercise)) {
          for (const i of exercise.left.issues) issues.push(issueAt(at, i.code, i.path, i.message))
          continue
        }
        const id = exercise.right.id
        const first = firstAt.get(id)
        if (first !== undefined) {
          const where = positionText(first) ?? { zh: "前面", en: "earlier" }
          issues.push(issueAt(at, "DUPLICATE_ID", ["id"], {
            zh: `记录编号 ${id} 重复（${where.zh}已有）：每条权力行使记录只能导入一次`,
            en: `the id ${id} repeats (${where.en} has it): each exercise is imported once`
          }))
          continue
        }
        firstAt.set(id, at)
        decoded.push({ at, exercise: exercise.right })
      }
      const day = Option.getOrUndefined(asOf)
      const stored = yield* Effect.gen(function*() {
        const check = yield* exerciseChecker(jurisdiction, Rulebook.defaults, WorkCalendar.china)
        const checked: Array<Checked> = []
        for (const { at, exercise } of decoded) {
          if (Option.isSome(yield* PowerListStore.exercises.get(exercise.id))) {
            issues.push(issueAt(at, "ALREADY_STORED", ["id"], {
              zh: `记录编号 ${exercise.id} 已在数据库中：已导入的记录不会被覆盖`,
              en: `the exercise ${exercise.id} is already stored: stored exercises are not replaced`
            }))
            continue
          }
          const result = yield* Effect.either(check(exercise, day))
          if (Either.isLeft(result)) {
            const error = result.left
            if (error._tag !== "NoListInForce") return yield* error
            issues.push(issueAt(at, "NO_LIST_IN_FORCE", ["date"], {
              zh: `${error.text.zh}：请先用 qinglian import list 导入该日期生效的清单`,
              en: `${error.text.en}: import the list in force on that day first (qinglian import list)`
            }))
            continue
          }
          checked.push(result.right)
        }
        // The decoding issues are reported with those found in the store, all at once.
        if (issues.length > 0) return yield* refused(file, issues)
        // All or none: one transaction for every exercise and its report.
        return yield* Storage.transaction(storeAllChecked(checked, actor))
      }).pipe(
        Effect.provide(Store.layer(db)),
        // Another process stored one of these ids since they were read: the transaction rolled back.
        Effect.catchTag("VersionExists", (error) =>
          Effect.fail(badInput({
            zh: `导入期间另一进程已保存记录 ${error.key}，未保存任何记录：请重新导入`,
            en: `another process stored the exercise ${error.key} meanwhile, so nothing was stored: import the file again`
          }, error)))
      )
      const byId = new Map(decoded.map(({ exercise }) => [exercise.id as string, exercise]))
      const rows = stored.map((report) => {
        const exercise = byId.get(report.exercise)!
        return { id: exercise.id, item: exercise.item, date: exercise.date, risk: report.risk, findings: report.findings.length }
      })
      const count = (risk: Exercise.Risk) => stored.filter((r) => r.risk === risk).length
      const withErrors = stored.filter((r) => !Diagnostic.isOk(r.findings)).length
      yield* Output.show(
        {
          table: { headers: exerciseHeaders, rows: rows.map((r) => [r.id, r.item, r.date, riskText[r.risk][lang], r.findings]) },
          json: { file, jurisdiction, asOf: day ?? null, stored: stored.length, exercises: rows, reports: stored },
          after: [{
            zh: `已导入 ${stored.length} 条权力行使记录（辖区 ${jurisdiction}）：绿 ${count("green")} 条，黄 ${count("yellow")} 条，` +
              `红 ${count("red")} 条；有错误的 ${withErrors} 条`,
            en: `imported ${stored.length} exercise${stored.length === 1 ? "" : "s"} (jurisdiction ${jurisdiction}): ` +
              `${count("green")} green, ${count("yellow")} yellow, ${count("red")} red; ${withErrors} with errors`
          }]
        },
        format,
        lang
      )
      if (withErrors > 0) yield* foundErrors
    }))
).pipe(
  Command.withDescription(
    "把权力行使记录导入数据库：逐条按生效清单检查，连同检查报告一次全部保存；任一条有误则一条不存、退出码为 2；有错误问题时退出码为 1 / " +
      "Import exercises into the database: each is checked against the list in force and all are stored with their reports at once; " +
      "one bad record stores none (exit 2); exit code 1 when a finding is an error"
  )
)

/**
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make("import").pipe(
  Command.withDescription("导入数据库 / Import into the database"),
  Command.withSubcommands([list, exercises])
)
