/**
 * The supervision case machine, written once as data (状态机): every legal (stage, command) pair, the
 * event it is decided into, the stage that event leads to, the deadline that stage opens, the
 * guards that must hold and who may issue it. `decide`, `evolve`, {@link enabledCommands} and
 * {@link diagram} are all derived from {@link machine}; nothing else encodes the stages.
 *
 * @since 0.1.0
 */
import type * as Rulebook from "../rulebook/Rulebook.js"
import type { Role } from "./Authority.js"
import type { CommandTag } from "./Command.js"
import type { DeadlineKind } from "./Deadlines.js"
import type { EventTag } from "./Event.js"
import { type Stage, stageLabelZh, stages } from "./Vocabulary.js"

/**
 * A named guard of the machine. The rows name their guards; `Guards.guards` gives each its check
 * and label (see {@link SupervisionCase.guards}).
 *
 * @since 0.1.0
 * @category models
 */
export type Guard =
  | "notSuspended"
  | "suspended"
  | "awaitingReply"
  | "extensionAvailable"
  | "reexaminationWindowOpen"
  | "recheckWindowOpen"
  | "appealWindowOpen"
  | "appealWindowPassed"

/**
 * Where a transition goes: a stage (or `same`, to stay), and the deadline the new stage opens.
 *
 * @since 0.1.0
 * @category models
 */
export interface Target {
  readonly stage: Stage | "same"
  readonly opens?: DeadlineKind
}

/**
 * One row of the machine: in any stage of `from`, `command` is decided into `event`, which leads
 * to `to[command[by]]` (or `to["*"]` when the row has no `by`). `role` and `level` say who may
 * issue it; `guards` must all hold.
 *
 * @since 0.1.0
 * @category models
 */
export interface Transition {
  readonly command: CommandTag
  readonly event: EventTag
  readonly from: ReadonlyArray<Stage>
  readonly by?: string
  readonly to: Readonly<Record<string, Target>>
  readonly role: Role
  readonly level?: Rulebook.Level
  readonly guards: ReadonlyArray<Guard>
  readonly labelZh: string
}

/**
 * The machine: every legal (stage, command) pair, written once. `decide`, `evolve`,
 * {@link enabledCommands} and {@link diagram} read it; nothing else encodes the stages. Each row
 * names its guards, which `Guards.guards` defines.
 *
 * @since 0.1.0
 * @category machine
 */
export const machine: ReadonlyArray<Transition> = [
  {
    command: "RegisterLead",
    event: "LeadRegistered",
    from: ["none"],
    to: { "*": { stage: "leadRegistered", opens: "leadDisposal" } },
    role: "record",
    guards: [],
    labelZh: "受理问题线索"
  },
  {
    command: "DisposeLead",
    event: "LeadDisposed",
    from: ["leadRegistered"],
    by: "way",
    to: {
      talkInquiry: { stage: "inquiry" },
      letterInquiry: { stage: "inquiry", opens: "letterInquiryReply" },
      preliminaryCheck: { stage: "preliminaryCheck", opens: "preliminaryCheck" },
      hold: { stage: "held" },
      close: { stage: "closed" }
    },
    role: "decide",
    guards: [],
    labelZh: "线索处置"
  },
  {
    command: "RecordInquiryReply",
    event: "InquiryReplyReceived",
    from: ["inquiry"],
    to: { "*": { stage: "same" } },
    role: "record",
    guards: ["awaitingReply"],
    labelZh: "登记函询回复"
  },
  {
    command: "ConcludeInquiry",
    event: "InquiryConcluded",
    from: ["inquiry", "preliminaryCheck"],
    by: "outcome",
    to: {
      fileCase: { stage: "investigation", opens: "investigation" },
      close: { stage: "closed" },
      talkReminder: { stage: "closed" },
      hold: { stage: "held" }
    },
    role: "decide",
    guards: ["notSuspended"],
    labelZh: "谈话函询·初核结果"
  },
  {
    command: "Transfer",
    event: "CaseTransferred",
    from: ["inquiry", "preliminaryCheck", "investigation", "review"],
    to: { "*": { stage: "closed" } },
    role: "decide",
    guards: ["notSuspended"],
    labelZh: "移送"
  },
  {
    command: "Reactivate",
    event: "LeadReactivated",
    from: ["held"],
    to: { "*": { stage: "leadRegistered", opens: "leadDisposal" } },
    role: "decide",
    guards: [],
    labelZh: "暂存线索重新启用"
  },
  {
    command: "ExtendInvestigation",
    event: "InvestigationExtended",
    from: ["investigation"],
    to: { "*": { stage: "same" } },
    role: "decide",
    guards: ["notSuspended", "extensionAvailable"],
    labelZh: "审查调查延期"
  },
  {
    command: "Suspend",
    event: "CaseSuspended",
    from: ["inquiry", "preliminaryCheck", "investigation", "review"],
    to: { "*": { stage: "same" } },
    role: "decide",
    guards: ["notSuspended"],
    labelZh: "中止"
  },
  {
    command: "Resume",
    event: "CaseResumed",
    from: ["inquiry", "preliminaryCheck", "investigation", "review"],
    to: { "*": { stage: "same" } },
    role: "decide",
    guards: ["suspended"],
    labelZh: "恢复"
  },
  {
    command: "SubmitForReview",
    event: "SubmittedForReview",
    from: ["investigation"],
    to: { "*": { stage: "review", opens: "review" } },
    role: "record",
    guards: ["notSuspended"],
    labelZh: "移送审理"
  },
  {
    command: "ExtendReview",
    event: "ReviewExtended",
    from: ["review"],
    to: { "*": { stage: "same" } },
    role: "decide",
    guards: ["notSuspended"],
    labelZh: "审理延期 (经批准)"
  },
  {
    command: "Decide",
    event: "DecisionMade",
    from: ["review"],
    to: { "*": { stage: "decided", opens: "decisionService" } },
    role: "decide",
    guards: ["notSuspended"],
    labelZh: "作出处分决定"
  },
  {
    command: "ServeDecision",
    event: "DecisionServed",
    from: ["decided"],
    to: { "*": { stage: "execution", opens: "reexaminationApply" } },
    role: "record",
    guards: [],
    labelZh: "送达处分决定"
  },
  {
    command: "ApplyReexamination",
    event: "ReexaminationApplied",
    from: ["execution"],
    to: { "*": { stage: "reexamination", opens: "reexaminationDecide" } },
    role: "record",
    guards: ["reexaminationWindowOpen"],
    labelZh: "申请复审"
  },
  {
    command: "DecideReexamination",
    event: "ReexaminationDecided",
    from: ["reexamination"],
    to: { "*": { stage: "execution", opens: "recheckApply" } },
    role: "decide",
    guards: [],
    labelZh: "复审决定"
  },
  {
    command: "ApplyRecheck",
    event: "RecheckApplied",
    from: ["execution"],
    to: { "*": { stage: "recheck", opens: "recheckDecide" } },
    role: "record",
    guards: ["recheckWindowOpen"],
    labelZh: "申请复核"
  },
  {
    command: "DecideRecheck",
    event: "RecheckDecided",
    from: ["recheck"],
    to: { "*": { stage: "execution" } },
    role: "decide",
    // 复核 is decided by the level above the one that decided the case.
    level: "county",
    guards: [],
    labelZh: "复核决定"
  },
  {
    command: "WaiveAppeal",
    event: "AppealWaived",
    from: ["execution"],
    to: { "*": { stage: "same" } },
    role: "record",
    guards: ["appealWindowOpen"],
    labelZh: "登记放弃申请复审 / 复核"
  },
  {
    command: "CloseCase",
    event: "CaseClosed",
    from: ["investigation", "review", "execution"],
    to: { "*": { stage: "closed" } },
    role: "decide",
    // In execution the subject may still appeal until the window ends, unless they waived it.
    guards: ["notSuspended", "appealWindowPassed"],
    labelZh: "结案"
  }
]

// The table, indexed once: the row for each (stage, command), the commands each stage allows (in
// table order), the row of each event and the stages it may happen in. A table that names an event
// twice, or a command twice in one stage, is a bug in this file, found when core is first loaded.
const STAY: Target = { stage: "same" }
const rows: Record<string, Record<string, Transition>> = {}
const enabled: Record<string, Array<CommandTag>> = {}
const byEvent: Record<string, Transition> = {}
const eventStages: Record<string, ReadonlySet<Stage>> = {}
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

/**
 * The commands the machine allows in `stage`, before guards and authority are checked.
 *
 * @since 0.1.0
 * @category machine
 */
export const enabledCommands = (stage: Stage): ReadonlyArray<CommandTag> => enabled[stage] ?? []

/**
 * The row of {@link machine} that decides `command` in `stage`, or `undefined` when the machine
 * does not allow it there.
 *
 * @since 0.1.0
 * @category machine
 */
export const transitionFor = (stage: Stage, command: CommandTag): Transition | undefined => rows[stage]?.[command]

/**
 * Where `row` leads for a command or event `payload`: `to[payload[by]]`, or `to["*"]` when the
 * row has no `by`; staying in the stage when the row names no target for that variant.
 *
 * @since 0.1.0
 * @category machine
 */
export const targetFor = (row: Transition, payload: object): Target => {
  const variant = row.by === undefined ? "*" : String((payload as Record<string, unknown>)[row.by])
  return row.to[variant] ?? STAY
}

/**
 * Where an event leads a case: its row's target for the event's payload (staying in the stage for
 * an event no row names).
 *
 * @since 0.1.0
 * @category machine
 */
export const targetOfEvent = (event: { readonly _tag: EventTag }): Target => {
  const row = byEvent[event._tag]
  return row === undefined ? STAY : targetFor(row, event)
}

/**
 * Whether the machine allows an event of `eventTag` to happen in `stage`: how a stream read from
 * outside is checked.
 *
 * @since 0.1.0
 * @category machine
 */
export const allowsEvent = (stage: Stage, eventTag: EventTag): boolean => eventStages[eventTag]?.has(stage) ?? false

const node = (stage: Stage): string => (stage === "none" ? "[*]" : stage)

/**
 * The machine as a Mermaid `stateDiagram-v2`, generated from {@link machine}: one line per state
 * (with its Chinese label) and per (stage, command, target), naming the deadline a target opens
 * and the guards.
 *
 * @since 0.1.0
 * @category machine
 */
export const diagram = (): string => {
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
