/**
 * Core's diagnostics as a table: severity, code, where, and the message in the chosen language.
 *
 * @since 0.1.0
 */
import { Diagnostic } from "@qinglian/core"
import type { Lang, Text } from "./Lang.js"
import type { Table } from "./Output.js"

const severityText: Readonly<Record<Diagnostic.Severity, Text>> = {
  error: { zh: "错误", en: "error" },
  warning: { zh: "警告", en: "warning" },
  info: { zh: "提示", en: "info" }
}

const headers: ReadonlyArray<Text> = [
  { zh: "级别", en: "Severity" },
  { zh: "代码", en: "Code" },
  { zh: "位置", en: "Path" },
  { zh: "说明", en: "Message" }
]

/**
 * One row per diagnostic, in the order core reports them.
 *
 * @since 0.1.0
 * @category rendering
 */
export const table = (diagnostics: ReadonlyArray<Diagnostic.Diagnostic>, lang: Lang): Table => ({
  headers,
  rows: diagnostics.map((d) => [severityText[d.severity][lang], d.code, Diagnostic.formatPath(d.path), d.message[lang]])
})

/**
 * The count line under a table of findings.
 *
 * @since 0.1.0
 * @category rendering
 */
export const summary = (diagnostics: ReadonlyArray<Diagnostic.Diagnostic>): Text => {
  const n = (s: Diagnostic.Severity) => diagnostics.filter((d) => d.severity === s).length
  const [e, w, i] = [n("error"), n("warning"), n("info")]
  return diagnostics.length === 0
    ? { zh: "未发现问题", en: "no findings" }
    : {
      zh: `共 ${diagnostics.length} 条：错误 ${e} 条，警告 ${w} 条，提示 ${i} 条`,
      en: `${diagnostics.length} finding${diagnostics.length === 1 ? "" : "s"}: ${e} error${e === 1 ? "" : "s"}, ` +
        `${w} warning${w === 1 ? "" : "s"}, ${i} info`
    }
}
