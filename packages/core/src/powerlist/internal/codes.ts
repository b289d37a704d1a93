// The finding codes of exercise checks and the table that weighs them. Kept apart from
// Exercise.ts so the rule code can import it without an import cycle through PowerList.ts.
import type * as Diagnostic from "../../base/Diagnostic.js"
import type { Code, Risk, Weight } from "../Exercise.js"

export const codes: { readonly [C in Code]: Weight } = {
  SELF_APPROVAL: { severity: "error", risk: "red" },
  RECUSAL_REQUIRED: { severity: "error", risk: "red" },
  QUORUM_NOT_MET: { severity: "error", risk: "red" },
  MAJORITY_NOT_REACHED: { severity: "error", risk: "red" },
  TENDER_REQUIRED: { severity: "error", risk: "red" },
  COMPETITIVE_SELECTION_REQUIRED: { severity: "error", risk: "red" },
  ESCALATION_REQUIRED: { severity: "error", risk: "red" },
  STEP_MISSING: { severity: "error", risk: "red" },
  STEP_OUT_OF_ORDER: { severity: "error", risk: "red" },
  WRONG_DECIDING_BODY: { severity: "error", risk: "red" },
  DISCLOSURE_MISSING: { severity: "error", risk: "red" },
  DISCLOSURE_LATE: { severity: "warning", risk: "yellow" },
  DISCLOSURE_BEFORE_STEP: { severity: "warning", risk: "yellow" },
  DISCLOSURE_WRONG_CHANNEL: { severity: "warning", risk: "yellow" },
  DISCLOSURE_TOO_SHORT: { severity: "warning", risk: "yellow" },
  UNKNOWN_DISCLOSURE_DUTY: { severity: "warning", risk: "yellow" },
  EVIDENCE_MISSING: { severity: "warning", risk: "yellow" },
  PERFORMER_MISMATCH: { severity: "warning", risk: "yellow" },
  MEETING_RECORD_MISSING: { severity: "warning", risk: "yellow" },
  MEETING_COUNTS_INCONSISTENT: { severity: "error", risk: "yellow" },
  STEP_BEFORE_EXERCISE: { severity: "warning", risk: "yellow" },
  UNKNOWN_STEP: { severity: "warning", risk: "yellow" },
  DUPLICATE_STEP_RECORD: { severity: "warning", risk: "yellow" },
  AMOUNT_MISSING: { severity: "warning", risk: "yellow" },
  FACT_MISSING: { severity: "warning", risk: "yellow" },
  SUPERVISION_MISSING: { severity: "error", risk: "red" },
  UNKNOWN_POST: { severity: "warning", risk: "yellow" },
  METHOD_NOT_RESOLVED: { severity: "error", risk: "yellow" },
  ITEM_MISMATCH: { severity: "error", risk: "yellow" },
  UNKNOWN_ITEM: { severity: "error", risk: "yellow" },
  RULEBOOK_NOT_IN_FORCE: { severity: "error", risk: "yellow" },
  CALENDAR_OUT_OF_RANGE: { severity: "warning", risk: "yellow" },
  DUAL_TOP_POSTS: { severity: "info", risk: "none" }
}

export const riskOf = (findings: ReadonlyArray<Diagnostic.Diagnostic<Code>>): Risk => {
  let risk: Risk = "green"
  for (const f of findings) {
    const r = codes[f.code].risk
    if (r === "red") return "red"
    if (r === "yellow") risk = "yellow"
  }
  return risk
}
