/**
 * A progress line on standard error for long runs (verifying the audit log, replaying every case):
 * shown when standard error is a terminal, or always with `--progress`. Standard output stays
 * clean for the data.
 *
 * @since 0.1.0
 */
import * as Options from "@effect/cli/Options"
import * as Effect from "effect/Effect"
import type { Lang, Text } from "./Lang.js"

/**
 * The `--progress` flag.
 *
 * @since 0.1.0
 * @category options
 */
export const option: Options.Options<boolean> = Options.boolean("progress").pipe(
  Options.withDescription(
    "在标准错误上显示进度（标准错误是终端时自动显示） / Show progress on standard error (shown anyway when it is a terminal)"
  )
)

/**
 * A progress reporter: `update` with how far it is, `done` at the end.
 *
 * @since 0.1.0
 * @category models
 */
export interface Progress {
  readonly update: (done: number, total?: number) => Effect.Effect<void>
  readonly done: Effect.Effect<void>
}

// A terminal redraws one line at most this often; a log file gets a line at most this often.
const terminalEveryMs = 100
const logEveryMs = 1000

/**
 * A reporter labelled `label` (e.g. 校验审计日志 / verifying the audit log), printing
 * `label done/total (pct%)`, or `label done` when the total is not known. On a terminal the line
 * is redrawn in place; otherwise (`--progress` into a file or pipe) a line is written now and then,
 * and the last count always.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (label: Text, lang: Lang, forced: boolean): Progress => {
  const tty = process.stderr.isTTY === true
  if (!tty && !forced) return { update: () => Effect.void, done: Effect.void }
  let last = 0
  let pending: string | undefined
  const text = (done: number, total: number | undefined) => {
    if (total === undefined) return `${label[lang]} ${done}`
    const pct = total === 0 ? 100 : Math.floor((done * 100) / total)
    return `${label[lang]} ${done}/${total} (${pct}%)`
  }
  return {
    update: (done, total) =>
      Effect.sync(() => {
        const now = Date.now()
        pending = text(done, total)
        if (now - last < (tty ? terminalEveryMs : logEveryMs) && (total === undefined || done < total)) return
        last = now
        process.stderr.write(tty ? `\r\u001b[K${pending}` : `${pending}\n`)
        pending = undefined
      }),
    done: Effect.sync(() => {
      if (pending !== undefined) process.stderr.write(tty ? `\r\u001b[K${pending}` : `${pending}\n`)
      if (tty) process.stderr.write("\n")
    })
  }
}
