/**
 * The board (晒): what is posted on the party-affairs board (党务公开栏) after the Monday meeting,
 * for one village or the whole town, in three sections:
 *
 * 1. 本周安排: this week's tasks (owner, deadline, target);
 * 2. 上周盘点: last week's tasks as done, and the leader's rating and comment per member;
 * 3. 考核结果: last week's scores, grades, ranks and trend.
 *
 * Rendered to Markdown, CSV (UTF-8 with a byte-order mark, so spreadsheet programs read the
 * Chinese) and a print-ready A4 HTML page with Chinese fonts and fallbacks, large enough to read on
 * a notice board.
 *
 * **Supervision data never appears on the board**: the board is built from a {@link BoardInput}
 * that has no place for signals, leads or ledgers, and it shows grades without saying how they
 * were reached (no veto, sanction or deduction reasons). What is posted is what the public may see.
 *
 * @example
 * ```ts
 * import { Board } from "@qinglian/scoring"
 *
 * // The published board (本周安排 / 上周盘点 / 考核结果) of a village or the whole town, as Markdown,
 * // CSV and an A4 HTML page. It shows public grades only: no veto, sanction, signal or lead.
 * declare const input: Board.BoardInput // the week's task books, stock-takes and results, with names
 * const { markdown, csv, html } = Board.render(input, { level: "village", village: "v-xishu" })
 * console.log(markdown, csv.results, html.length)
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */
import * as Points from "./Points.js"
import type * as Rubric from "./Rubric.js"
import * as TaskBook from "./TaskBook.js"
import type * as WeeklyAssessment from "./WeeklyAssessment.js"

/**
 * Whose board: one village, or the town.
 *
 * @since 0.1.0
 * @category models
 */
export type Scope = { readonly level: "village"; readonly village: string } | { readonly level: "town" }

/**
 * What a board is built from: this week's task books, last week's books, progress and
 * stock-takes, last week's assessment, and how to name people, villages and grades.
 *
 * @since 0.1.0
 * @category models
 */
export interface BoardInput {
  readonly townName: string
  readonly week: TaskBook.IsoWeek
  readonly books: ReadonlyArray<TaskBook.TaskBook>
  readonly lastBooks: ReadonlyArray<TaskBook.TaskBook>
  readonly lastProgress: ReadonlyArray<TaskBook.Progress>
  readonly stockTakes: ReadonlyArray<TaskBook.StockTake>
  readonly results?: WeeklyAssessment.TownWeek | undefined
  readonly names: Readonly<Record<string, string>>
  readonly villageNames: Readonly<Record<string, string>>
  readonly grades: ReadonlyArray<Rubric.GradeBand>
}

/**
 * A board's content as rows, before rendering.
 *
 * @since 0.1.0
 * @category models
 */
export interface Board {
  readonly title: string
  readonly subtitle: string
  readonly sections: ReadonlyArray<{ readonly key: "arrangements" | "stockTake" | "results"; readonly title: string; readonly header: ReadonlyArray<string>; readonly rows: ReadonlyArray<ReadonlyArray<string>> }>
}

const num = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, "").replace(/\.$/, ""))

/**
 * Builds a board's rows for a scope.
 *
 * @since 0.1.0
 * @category building
 */
export const build = (input: BoardInput, scope: Scope): Board => {
  const inScope = (village: string) => scope.level === "town" || scope.village === village
  const town = scope.level === "town"
  const name = (id: string) => input.names[id] ?? id
  const vname = (id: string) => input.villageNames[id] ?? id
  const gradeName = (g: string) => input.grades.find((x) => x.grade === g)?.label.zh ?? g
  const prefix = (village: string) => (town ? [vname(village)] : [])

  const arrangements = input.books.filter((b) => inScope(b.village)).flatMap((b) =>
    b.tasks.map((t) => [...prefix(b.village), t.title, name(t.owner), t.deadline, `${num(t.target.quantity)}${t.target.unit}`])
  )
  const last = input.lastBooks.filter((b) => inScope(b.village))
  const done = last.flatMap((b) =>
    b.tasks.map((t) => {
      const o = TaskBook.outcomeOf(t, input.lastProgress.filter((p) => p.village === b.village && p.week === b.week))
      const status = o.completedOn === undefined ? "未完成" : o.completedOn <= t.deadline ? "按时完成" : `逾期完成（${o.completedOn}）`
      return [...prefix(b.village), t.title, name(t.owner), `${num(o.done)}/${num(t.target.quantity)}${t.target.unit}`, status]
    })
  )
  const reviews = input.stockTakes.filter((s) => inScope(s.village)).flatMap((s) =>
    s.reviews.map((r) => [...prefix(s.village), name(r.cadre), "点评", Points.format(r.rating), r.comment])
  )
  const arrow = { up: "↑", down: "↓", same: "→", new: "新" } as const
  const results = (input.results?.results ?? []).filter((r) => inScope(r.village)).map((r) => [
    ...prefix(r.village),
    name(r.subject),
    Points.format(r.scored.score),
    gradeName(r.grade),
    `${r.villageRank}/${r.villageSize}`,
    `${r.townRank}/${r.townSize}`,
    r.trend.direction === "up" || r.trend.direction === "down" ? `${arrow[r.trend.direction]}${r.trend.delta}` : arrow[r.trend.direction]
  ])
  const lastWeek = TaskBook.previousWeek(input.week)
  const v = town ? ["村"] : []
  return {
    title: `${town ? input.townName : vname(scope.level === "village" ? scope.village : "")}“一周三晒”公示栏`,
    subtitle: `${input.week}（${TaskBook.mondayOf(input.week)} 至 ${TaskBook.sundayOf(input.week)}）· 一周一安排 · 一周一盘点 · 一周一考核`,
    sections: [
      { key: "arrangements", title: `本周安排（${input.week}）`, header: [...v, "任务", "责任人", "完成时限", "任务量"], rows: arrangements },
      {
        key: "stockTake",
        title: `上周盘点（${lastWeek}）`,
        header: [...v, "任务 / 姓名", "责任人 / 项目", "完成量 / 评分", "完成情况 / 点评"],
        rows: [...done, ...reviews]
      },
      { key: "results", title: `考核结果（${lastWeek}）`, header: [...v, "姓名", "得分", "等次", "村内排名", "全镇排名", "较上周"], rows: results }
    ]
  }
}

const mdCell = (s: string) => s.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ")

/**
 * Markdown: a heading per section and a table.
 *
 * @since 0.1.0
 * @category rendering
 */
export const toMarkdown = (board: Board): string => {
  const out = [`# ${board.title}`, "", board.subtitle, ""]
  for (const s of board.sections) {
    out.push(`## ${s.title}`, "")
    if (s.rows.length === 0) {
      out.push("（无）", "")
      continue
    }
    out.push(`| ${s.header.map(mdCell).join(" | ")} |`, `| ${s.header.map(() => "---").join(" | ")} |`)
    for (const r of s.rows) out.push(`| ${r.map(mdCell).join(" | ")} |`)
    out.push("")
  }
  return out.join("\n")
}

const csvCell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s)

/**
 * CSV, one file per section: UTF-8 with a byte-order mark, CRLF line ends, fields quoted as RFC
 * 4180 says.
 *
 * @since 0.1.0
 * @category rendering
 */
export const toCsv = (board: Board): Readonly<Record<"arrangements" | "stockTake" | "results", string>> => {
  const out = {} as Record<"arrangements" | "stockTake" | "results", string>
  for (const s of board.sections) {
    out[s.key] = "\uFEFF" + [s.header, ...s.rows].map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n"
  }
  return out
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")

/**
 * The font stack of the HTML board: common Chinese fonts on Linux, Windows and macOS, then the
 * generic sans-serif.
 *
 * @since 0.1.0
 * @category rendering
 */
export const fontStack = `"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Microsoft YaHei", "PingFang SC", "SimHei", sans-serif`

/**
 * A print-ready HTML page: A4 portrait, 12 mm margins, a 12 pt body (headings larger), tables that
 * wrap rather than overflow, rows never split across pages.
 *
 * @since 0.1.0
 * @category rendering
 */
export const toHtml = (board: Board): string => {
  const sections = board.sections.map((s) => {
    const body = s.rows.length === 0
      ? `<p class="empty">（无）</p>`
      : `<table><thead><tr>${s.header.map((h) => `<th>${esc(h)}</th>`).join("")}</tr></thead><tbody>${
        s.rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`).join("")
      }</tbody></table>`
    return `<section class="${s.key}"><h2>${esc(s.title)}</h2>${body}</section>`
  }).join("\n")
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${esc(board.title)}</title>
<style>
@page { size: A4 portrait; margin: 12mm; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: ${fontStack}; font-size: 12pt; line-height: 1.45; color: #111; width: 186mm; margin: 0 auto; }
h1 { font-size: 22pt; text-align: center; margin: 0 0 2mm; color: #b00000; letter-spacing: 0.1em; }
.subtitle { text-align: center; font-size: 11pt; margin: 0 0 4mm; }
h2 { font-size: 15pt; margin: 5mm 0 2mm; border-left: 3mm solid #b00000; padding-left: 2mm; break-after: avoid; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th, td { border: 0.3mm solid #444; padding: 1mm 1.5mm; vertical-align: top; overflow-wrap: anywhere; word-break: break-word; }
th { background: #f3e3e3; font-weight: bold; }
tr { break-inside: avoid; }
.empty { color: #555; }
footer { margin-top: 4mm; font-size: 9pt; color: #555; text-align: right; }
</style>
</head>
<body>
<h1>${esc(board.title)}</h1>
<p class="subtitle">${esc(board.subtitle)}</p>
${sections}
<footer>一周一安排、一周一盘点、一周一考核</footer>
</body>
</html>
`
}

/**
 * Renders a board for a week and a scope (a village or the town) in the three formats.
 *
 * @since 0.1.0
 * @category rendering
 */
export const render = (input: BoardInput, scope: Scope) => {
  const board = build(input, scope)
  return { board, markdown: toMarkdown(board), csv: toCsv(board), html: toHtml(board) }
}
