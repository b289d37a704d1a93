// The vocabulary of the supervision machine and what is derived from its table: the lookup
// indexes decide/evolve use, and the Mermaid diagram.
import type { DeadlinePolicy, Guard, Stage, Target, Transition } from "../SupervisionCase.js"

export const stages = [
  "none",
  "leadRegistered",
  "inquiry",
  "preliminaryCheck",
  "held",
  "investigation",
  "review",
  "decided",
  "execution",
  "reexamination",
  "recheck",
  "closed"
] as const

export const stageLabelZh: Readonly<Record<(typeof stages)[number], string>> = {
  none: "未受理",
  leadRegistered: "线索受理",
  inquiry: "谈话函询",
  preliminaryCheck: "初步核实",
  held: "暂存待查",
  investigation: "立案审查调查",
  review: "审理",
  decided: "处分决定",
  execution: "执行",
  reexamination: "复审",
  recheck: "复核",
  closed: "结案"
}

export const deadlineKinds = [
  "leadDisposal",
  "letterInquiryReply",
  "preliminaryCheck",
  "investigation",
  "review",
  "decisionService",
  "reexaminationApply",
  "reexaminationDecide",
  "recheckApply",
  "recheckDecide"
] as const

export type DeadlineKind = (typeof deadlineKinds)[number]

export const deadlinePolicy: Readonly<Record<DeadlineKind, DeadlinePolicy>> = {
  leadDisposal: { key: "case.leadDisposal", onSuspend: "run", binding: "authority", labelZh: "线索处置" },
  // The cadre's reply clock is theirs: suspending our side does not stop it.
  letterInquiryReply: { key: "case.letterInquiryReply", onSuspend: "run", binding: "authority", labelZh: "函询回复" },
  preliminaryCheck: { key: "case.preliminaryCheck", onSuspend: "pause", binding: "authority", labelZh: "初步核实" },
  investigation: { key: "case.investigation", onSuspend: "pause", binding: "authority", labelZh: "审查调查" },
  review: { key: "case.review", onSuspend: "pause", binding: "authority", labelZh: "审理" },
  decisionService: { key: "case.decisionService", onSuspend: "run", binding: "authority", labelZh: "处分决定送达" },
  reexaminationApply: { key: "case.reexaminationApply", onSuspend: "run", binding: "applicant", labelZh: "申请复审" },
  reexaminationDecide: { key: "case.reexaminationDecide", onSuspend: "run", binding: "authority", labelZh: "复审决定" },
  recheckApply: { key: "case.recheckApply", onSuspend: "run", binding: "applicant", labelZh: "申请复核" },
  recheckDecide: { key: "case.recheckDecide", onSuspend: "run", binding: "authority", labelZh: "复核决定" }
}

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
