/**
 * The guards of the supervision machine (守卫条件), as a record of named guards in the way
 * xstate's `setup({ guards })` takes them: the rows of `Machine.machine` name the guards that must
 * hold, and {@link guards} gives each its check, a pure predicate over the case, the command, the
 * rulebook in force and today's date, its Chinese label, and what to tell the user when it fails.
 * `decide` checks a row's guards in the order the row names them; the diagram prints their names.
 *
 * The record sits in a module beside the table rather than inside it: the checks read a case's
 * `State`, and `State` is folded with the table, so keeping them apart keeps every import one-way.
 *
 * @since 0.1.0
 */
import type * as LocalDate from "../base/LocalDate.js"
import * as Rulebook from "../rulebook/Rulebook.js"
import type { Command } from "./Command.js"
import type { Guard } from "./Machine.js"
import type { State } from "./State.js"

/**
 * What a guard sees: the case as its events leave it, the command being decided, the rulebook
 * parameters in force on `now`, and `now`.
 *
 * @since 0.1.0
 * @category models
 */
export interface GuardInput {
  readonly state: State
  readonly command: Command
  readonly rules: Rulebook.RuleSet
  readonly now: LocalDate.LocalDate
}

/**
 * One named guard: its label in Chinese, its `check` (pure: true when the guard holds) and
 * `explain`, why it does not hold, which becomes the `detail` of the `CommandRejected` it leads to.
 *
 * @since 0.1.0
 * @category models
 */
export interface GuardDefinition {
  readonly labelZh: string
  readonly check: (input: GuardInput) => boolean
  readonly explain: (input: GuardInput) => string
}

/**
 * Every guard the machine names, by name. The type requires one definition for each {@link Guard}
 * and no other, so a row cannot name a guard that is not defined here.
 *
 * | guard | 中文 | holds when |
 * | --- | --- | --- |
 * | `notSuspended` | 案件未中止 | the case is not suspended |
 * | `suspended` | 案件已中止 | the case is suspended |
 * | `awaitingReply` | 函询待回复 | a letter inquiry awaits the cadre's reply |
 * | `extensionAvailable` | 尚有延期次数 | fewer extensions used than `case.investigationExtension.times` |
 * | `reexaminationWindowOpen` | 复审申请期内 | the 复审 application window is open today |
 * | `recheckWindowOpen` | 复核申请期内 | the 复核 application window is open today |
 * | `appealWindowOpen` | 复审 / 复核申请期内 | an appeal window is open today |
 * | `appealWindowPassed` | 申请期届满或本人已放弃 | no appeal window is open: it ended, or the subject waived it |
 *
 * @since 0.1.0
 * @category machine
 */
export const guards: { readonly [G in Guard]: GuardDefinition } = {
  notSuspended: {
    labelZh: "案件未中止",
    check: ({ state }) => state.suspendedSince === undefined,
    explain: ({ state }) => `the case is suspended since ${state.suspendedSince}; resume it first`
  },
  suspended: {
    labelZh: "案件已中止",
    check: ({ state }) => state.suspendedSince !== undefined,
    explain: () => "the case is not suspended"
  },
  awaitingReply: {
    labelZh: "函询待回复",
    check: ({ state }) => state.awaitingReply,
    explain: () => "no letter inquiry is awaiting a reply"
  },
  extensionAvailable: {
    labelZh: "尚有延期次数",
    check: ({ rules, state }) => state.extensionsUsed < Rulebook.value(rules, "case.investigationExtension").times,
    explain: ({ rules, state }) =>
      `the investigation was already extended ${state.extensionsUsed} time(s); the rulebook allows ${
        Rulebook.value(rules, "case.investigationExtension").times
      }`
  },
  reexaminationWindowOpen: {
    labelZh: "复审申请期内",
    check: ({ now, state }) => state.window?.kind === "reexaminationApply" && now <= state.window.due,
    explain: ({ state }) =>
      state.window?.kind === "reexaminationApply"
        ? `the 复审 application window closed on ${state.window.due}`
        : "复审 can no longer be applied for"
  },
  recheckWindowOpen: {
    labelZh: "复核申请期内",
    check: ({ now, state }) => state.window?.kind === "recheckApply" && now <= state.window.due,
    explain: ({ state }) =>
      state.window?.kind === "recheckApply"
        ? `the 复核 application window closed on ${state.window.due}`
        : "复核 needs a 复审 decision first, and is applied for once"
  },
  appealWindowOpen: {
    labelZh: "复审 / 复核申请期内",
    check: ({ now, state }) => state.window !== undefined && now <= state.window.due,
    explain: () => "no appeal window is open to waive"
  },
  appealWindowPassed: {
    labelZh: "申请期届满或本人已放弃",
    check: ({ now, state }) => state.window === undefined || now > state.window.due,
    explain: ({ state }) =>
      `the subject may apply for ${state.window?.kind === "recheckApply" ? "复核" : "复审"} until ${state.window?.due}; ` +
      "close the case after that date, or record the subject's waiver (WaiveAppeal) first"
  }
}

/**
 * What each guard requires, in Chinese (the `labelZh` of each of {@link guards}).
 *
 * @since 0.1.0
 * @category constants
 */
export const guardLabelZh: Readonly<Record<Guard, string>> = Object.fromEntries(
  Object.entries(guards).map(([name, guard]) => [name, guard.labelZh])
) as Record<Guard, string>

/**
 * The first of `names` that does not hold for `input`, with why; `undefined` when all hold.
 * `decide` calls it with a row's guards.
 *
 * @since 0.1.0
 * @category machine
 */
export const firstFailing = (
  names: ReadonlyArray<Guard>,
  input: GuardInput
): { readonly guard: Guard; readonly detail: string } | undefined => {
  for (const name of names) {
    const guard = guards[name]
    if (!guard.check(input)) return { guard: name, detail: guard.explain(input) }
  }
  return undefined
}
