/**
 * Names of supervision stages and deadlines in both languages, for tables.
 *
 * @since 0.1.0
 */
import { SupervisionCase } from "@qinglian/core"
import type { Text } from "./Lang.js"

const stageEn: Readonly<Record<SupervisionCase.Stage, string>> = {
  none: "not registered",
  leadRegistered: "lead registered",
  inquiry: "letter inquiry",
  preliminaryCheck: "preliminary check",
  held: "held",
  investigation: "investigation",
  review: "review",
  decided: "decided",
  execution: "execution",
  reexamination: "re-examination",
  recheck: "recheck",
  closed: "closed"
}

const deadlineEn: Readonly<Record<SupervisionCase.DeadlineKind, string>> = {
  leadDisposal: "lead disposal",
  letterInquiryReply: "inquiry reply",
  preliminaryCheck: "preliminary check",
  investigation: "investigation",
  review: "review",
  decisionService: "service of the decision",
  reexaminationApply: "re-examination application",
  reexaminationDecide: "re-examination decision",
  recheckApply: "recheck application",
  recheckDecide: "recheck decision"
}

/**
 * A stage's name.
 *
 * @since 0.1.0
 * @category labels
 */
export const stage = (s: SupervisionCase.Stage): Text => ({ zh: SupervisionCase.stageLabelZh[s], en: stageEn[s] })

/**
 * A deadline's name.
 *
 * @since 0.1.0
 * @category labels
 */
export const deadline = (k: SupervisionCase.DeadlineKind): Text => ({
  zh: SupervisionCase.deadlinePolicy[k].labelZh,
  en: deadlineEn[k]
})
