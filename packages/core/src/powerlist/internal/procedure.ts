// The 四议两公开 template and the expansion of a procedure into its ordered steps. The rules in
// this folder use them, and the PowerList facade re-exports them.
import type { Procedure, Step } from "../PowerList.js"

export const fourAndTwoSteps: ReadonlyArray<Step> = [
  {
    id: "4and2.propose",
    name: { zh: "村党组织提议", en: "The party organisation proposes" },
    act: "propose",
    actor: { body: "partyOrganisation" },
    evidence: ["minutes"]
  },
  {
    id: "4and2.discuss",
    name: { zh: "村\"两委\"会议商议", en: "The joint meeting of both committees discusses" },
    act: "discuss",
    actor: { body: "twoCommittees" },
    evidence: ["minutes", "signInSheet"]
  },
  {
    id: "4and2.review",
    name: { zh: "党员大会审议", en: "The party members' meeting reviews" },
    act: "review",
    actor: { body: "partyMembersMeeting" },
    evidence: ["minutes", "signInSheet"]
  },
  {
    id: "4and2.resolve",
    name: { zh: "村民会议或村民代表会议决议", en: "The villagers' (representative) assembly decides" },
    act: "resolve",
    actor: { body: "representativesAssembly" },
    evidence: ["minutes", "signInSheet", "ballot", "resolution"]
  },
  {
    id: "4and2.publishDecision",
    name: { zh: "决议公开", en: "The decision is published" },
    act: "publishDecision",
    actor: { body: "villagersCommittee" },
    evidence: ["noticePhoto"]
  },
  {
    id: "4and2.publishResult",
    name: { zh: "实施结果公开", en: "The result is published" },
    act: "publishResult",
    actor: { body: "villagersCommittee" },
    evidence: ["noticePhoto"]
  }
]

export const steps = (procedure: Procedure): ReadonlyArray<Step> =>
  procedure._tag === "Steps"
    ? procedure.steps
    : [
      ...(procedure.before ?? []),
      ...fourAndTwoSteps.slice(0, 5),
      ...(procedure.implementation ?? []),
      ...fourAndTwoSteps.slice(5),
      ...(procedure.after ?? [])
    ]

export const fourAndTwoRole = (step: Step): number => {
  const body = "body" in step.actor ? step.actor.body : undefined
  switch (step.act) {
    case "propose":
      return body === "partyOrganisation" ? 0 : -1
    case "discuss":
      return body === "twoCommittees" ? 1 : -1
    case "review":
      return body === "partyMembersMeeting" ? 2 : -1
    case "resolve":
      return body === "villagersAssembly" || body === "representativesAssembly" ? 3 : -1
    case "publishDecision":
      return 4
    case "publishResult":
      return 5
    default:
      return -1
  }
}
