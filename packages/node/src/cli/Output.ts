/**
 * What a command prints on standard output, in the format asked for: an aligned table for a person
 * at a terminal, JSON for programs, or CSV for Excel and WPS. Standard output carries only the data;
 * progress and errors go to standard error.
 *
 * @since 0.1.0
 */
import * as Options from "@effect/cli/Options"
import * as Effect from "effect/Effect"
import type { Lang, Text } from "./Lang.js"

/**
 * An output format.
 *
 * @since 0.1.0
 * @category models
 */
export type Format = "table" | "json" | "csv"

/**
 * The `--format` option every command that prints data takes.
 *
 * @since 0.1.0
 * @category options
 */
export const formatOption: Options.Options<Format> = Options.choice("format", ["table", "json", "csv"] as const).pipe(
  Options.withDefault("table" as const),
  Options.withDescription(
    "输出格式：table 表格（默认）、json，或 csv（UTF-8 带 BOM，Excel 和 WPS 可直接打开） / " +
      "Output format: table (default), json, or csv (UTF-8 with a BOM, so Excel and WPS open it as such)"
  )
)

/**
 * A cell: text, or a number (which CSV writes as it is, never as a formula guard).
 *
 * @since 0.1.0
 * @category models
 */
export type Cell = string | number

/**
 * Rows under headers in both languages.
 *
 * @since 0.1.0
 * @category models
 */
export interface Table {
  readonly headers: ReadonlyArray<Text>
  readonly rows: ReadonlyArray<ReadonlyArray<Cell>>
}

// East Asian wide and fullwidth characters take two terminal columns (汉字, fullwidth punctuation),
// and combining marks none, so the columns of a table with Chinese text line up.
const wide: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd]
]

/**
 * How many terminal columns a string takes.
 *
 * @since 0.1.0
 * @category utils
 */
export const displayWidth = (s: string): number => {
  let width = 0
  for (const ch of s) {
    const cp = ch.codePointAt(0)!
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || (cp >= 0x300 && cp <= 0x36f) || cp === 0x200b) continue
    width += wide.some(([lo, hi]) => cp >= lo && cp <= hi) ? 2 : 1
  }
  return width
}

/**
 * Text from an input file made safe for a terminal: control characters (an escape sequence that
 * would recolour the screen, move the cursor or retitle the window) become U+FFFD. Line breaks
 * and tabs are kept.
 *
 * @since 0.1.0
 * @category rendering
 */
// eslint-disable-next-line no-control-regex
export const printable = (text: string): string => text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, "\uFFFD")

// A cell is one line in a table: line breaks in a message would break the columns.
const oneLine = (cell: Cell): string => printable(String(cell)).replace(/\r\n|\r|\n|\t/g, " ")

/**
 * An aligned plain-text table: a header, a rule, the rows. The last column is not padded, so long
 * messages do not leave trailing blanks.
 *
 * @since 0.1.0
 * @category rendering
 */
export const renderTable = (table: Table, lang: Lang): string => {
  const header = table.headers.map((h) => h[lang])
  const rows = table.rows.map((r) => r.map(oneLine))
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ""))))
  const line = (cells: ReadonlyArray<string>) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c + " ".repeat(widths[i]! - displayWidth(c))))
      .join("  ")
      .trimEnd()
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n") + "\n"
}

/**
 * The UTF-8 byte order mark: with it Excel and WPS read a CSV file as UTF-8 rather than the
 * system's code page (GBK on Chinese Windows), which would garble every Chinese character.
 *
 * @since 0.1.0
 * @category constants
 */
export const bom = "\uFEFF"

// Excel and WPS run a cell that starts with one of these as a formula; a text value that does so
// (a name or a message taken from an input file) is written with a leading apostrophe, which the
// spreadsheet shows as plain text (OWASP, "CSV injection").
const formulaStart = /^[=+\-@\t\r]/

const csvField = (cell: Cell): string => {
  const text = typeof cell === "number" ? String(cell) : formulaStart.test(cell) ? `'${cell}` : cell
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, "\"\"")}"` : text
}

/**
 * A CSV document by RFC 4180: a byte order mark, a header row, CRLF line ends, and fields with a
 * comma, a quote, a line break or surrounding blanks quoted (quotes doubled).
 *
 * @since 0.1.0
 * @category rendering
 */
export const renderCsv = (table: Table, lang: Lang): string =>
  bom + [table.headers.map((h) => h[lang]), ...table.rows].map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n"

/**
 * JSON, indented, with a final newline.
 *
 * @since 0.1.0
 * @category rendering
 */
export const renderJson = (value: unknown): string => JSON.stringify(value, null, 2) + "\n"

/**
 * Writes to standard output. Writes to a pipe or a file are synchronous in Node on Linux, so all
 * output is out before the process sets its exit code and ends.
 *
 * @since 0.1.0
 * @category output
 */
export const stdout = (text: string): Effect.Effect<void> => Effect.sync(() => void process.stdout.write(text))

/**
 * Writes to standard error.
 *
 * @since 0.1.0
 * @category output
 */
export const stderr = (text: string): Effect.Effect<void> => Effect.sync(() => void process.stderr.write(text))

/**
 * What a command has to show, in every format: the rows of its table (also its CSV), the value its
 * JSON output is, and lines a person reads above and below the table (left out of CSV and JSON, so
 * that those stay pure data).
 *
 * @since 0.1.0
 * @category models
 */
export interface Shown {
  readonly table: Table
  readonly json: unknown
  readonly before?: ReadonlyArray<Text>
  readonly after?: ReadonlyArray<Text>
}

/**
 * Prints what a command has to show in the format and language asked for.
 *
 * @since 0.1.0
 * @category output
 */
export const show = (shown: Shown, format: Format, lang: Lang): Effect.Effect<void> => {
  switch (format) {
    case "json":
      return stdout(renderJson(shown.json))
    case "csv":
      return stdout(renderCsv(shown.table, lang))
    case "table": {
      const before = (shown.before ?? []).map((t) => printable(t[lang]) + "\n").join("")
      const body = shown.table.rows.length === 0 ? "" : renderTable(shown.table, lang)
      const after = (shown.after ?? []).map((t) => printable(t[lang]) + "\n").join("")
      return stdout(before + (before !== "" && body !== "" ? "\n" : "") + body + (body !== "" && after !== "" ? "\n" : "") + after)
    }
  }
}
