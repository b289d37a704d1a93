// The vocabulary of the supervision machine and what is derived from its table: the lookup
// indexes decide/evolve use, and the Mermaid diagram.
import type { Guard, Target, Transition } from "../SupervisionCase.js"
import { type Stage, stageLabelZh, stages } from "../Vocabulary.js"

export const guardLabelZh: Readonly<Record<Guard, string>> = {
  notSuspended: "案件未中止",
  suspended: "案件已中止",
  awaitingReply: "函询待回复",
  extensionAvailable: "尚有延期次数",
  reexaminationWindowOpen: "复审申请期内",
  recheckWindowOpen: "复核申请期内",
  appealWindowOpen: "复审 / 复核申请期内",
  appealWindowPassed: "申请期届满或本人已放弃"
}

export interface Compiled {
  /** stage → command tag → row */
  readonly rows: Readonly<Record<string, Readonly<Record<string, Transition>>>>
  /** stage → command tags allowed, in table order */
  readonly enabled: Readonly<Record<string, ReadonlyArray<string>>>
  readonly targetOf: (event: { readonly _tag: string }, stage: Stage) => Target
  readonly allows: (stage: Stage, eventTag: string) => boolean
  readonly target: (row: Transition, payload: object) => Target
}

const STAY: Target = { stage: "same" }

export const compile = (machine: ReadonlyArray<Transition>): Compiled => {
  const rows: Record<string, Record<string, Transition>> = {}
  const enabled: Record<string, Array<string>> = {}
  const byEvent: Record<string, Transition> = {}
  const eventStages: Record<string, Set<string>> = {}
  for (const s of stages) {
    rows[s] = {}
    enabled[s] = []
  }
  for (const row of machine) {
    if (byEvent[row.event] !== undefined) throw new Error(`event ${row.event} appears in two rows`)
    byEvent[row.event] = row
    eventStages[row.event] = new Set(row.from)
    for (const s of row.from) {
      if (rows[s]![row.command] !== undefined) throw new Error(`${row.command} appears twice in stage ${s}`)
      rows[s]![row.command] = row
      enabled[s]!.push(row.command)
    }
  }
  const target = (row: Transition, payload: object): Target => {
    const variant = row.by === undefined ? "*" : String((payload as Record<string, unknown>)[row.by])
    return row.to[variant] ?? STAY
  }
  return {
    rows,
    enabled,
    target,
    targetOf: (event) => {
      const row = byEvent[event._tag]
      return row === undefined ? STAY : target(row, event)
    },
    allows: (stage, eventTag) => eventStages[eventTag]?.has(stage) ?? false
  }
}

const node = (stage: Stage): string => (stage === "none" ? "[*]" : stage)

export const diagram = (machine: ReadonlyArray<Transition>): string => {
  const lines: Array<string> = ["stateDiagram-v2"]
  for (const s of stages) {
    if (s === "none") continue
    lines.push(`    state "${stageLabelZh[s]} ${s}" as ${s}`)
  }
  for (const row of machine) {
    for (const from of row.from) {
      for (const [variant, t] of Object.entries(row.to)) {
        const to = t.stage === "same" ? from : t.stage
        const parts = [row.command + (variant === "*" ? "" : `(${variant})`)]
        if (row.guards.length > 0) parts.push(`[${row.guards.join(", ")}]`)
        if (row.level !== undefined) parts.push(`by ${row.level}`)
        if (t.opens !== undefined) parts.push(`due ${t.opens}`)
        lines.push(`    ${node(from)} --> ${node(to)} : ${parts.join(" ")}`)
      }
    }
  }
  lines.push("    closed --> [*]")
  return lines.join("\n") + "\n"
}
