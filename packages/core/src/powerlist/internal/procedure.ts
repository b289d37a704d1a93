// The 四议两公开 template and the expansion of a procedure into its ordered steps. The rules in
// this folder use them, and the PowerList facade re-exports them.
import type { PowerItem, PowerList, Procedure, Step } from "../PowerList.js"

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

// For property owned by a 村民小组 the group meeting decides (组织法 §28; 民法典 §262).
const groupResolve: Step = {
  id: "4and2.resolve",
  name: { zh: "村民小组会议决议", en: "The villager group meeting decides" },
  act: "resolve",
  actor: { body: "villagerGroupMeeting" },
  evidence: ["minutes", "signInSheet", "ballot", "resolution"]
}
const groupTemplate: ReadonlyArray<Step> = [...fourAndTwoSteps.slice(0, 3), groupResolve, ...fourAndTwoSteps.slice(4)]

const NONE: ReadonlyArray<Step> = []

export const steps = (procedure: Procedure, groupOwned = false): ReadonlyArray<Step> => {
  if (procedure._tag === "Steps") return procedure.steps
  if (procedure._tag === "Method") {
    return [...(procedure.before ?? NONE), ...(procedure.implementation ?? NONE), ...(procedure.after ?? NONE)]
  }
  const template = groupOwned ? groupTemplate : fourAndTwoSteps
  return [
    ...(procedure.before ?? NONE),
    ...template.slice(0, 5),
    ...(procedure.implementation ?? NONE),
    ...template.slice(5),
    ...(procedure.after ?? NONE)
  ]
}

export const fourAndTwoRole = (step: Step, groupOwned = false): number => {
  const body = "body" in step.actor ? step.actor.body : undefined
  switch (step.act) {
    case "propose":
      return body === "partyOrganisation" ? 0 : -1
    case "discuss":
      return body === "twoCommittees" ? 1 : -1
    case "review":
      return body === "partyMembersMeeting" ? 2 : -1
    case "resolve":
      return body === "villagersAssembly" || body === "representativesAssembly" ||
          (groupOwned && body === "villagerGroupMeeting")
        ? 3
        : -1
    case "publishDecision":
      return 4
    case "publishResult":
      return 5
    default:
      return -1
  }
}

// The method item an item's `Method` procedure names, if the list has one that can be followed:
// an item of a method category whose own procedure is not a reference.
export const methodOf = (list: PowerList, item: PowerItem): PowerItem | undefined => {
  const proc = item.procedure
  if (proc._tag !== "Method") return undefined
  let method: PowerItem | undefined
  for (const candidate of list.items) {
    if (candidate.code === proc.method) {
      method = candidate
      break
    }
  }
  if (method === undefined || method.procedure._tag === "Method") return undefined
  for (const c of list.categories) if (c.code === method.category) return c.kind === "method" ? method : undefined
  return undefined
}

// An item with its `Method` procedure written out; any other item as it is.
export const resolve = (list: PowerList, item: PowerItem): PowerItem => {
  const proc = item.procedure
  if (proc._tag !== "Method") return item
  const method = methodOf(list, item)
  if (method === undefined) return item
  const m = method.procedure
  const supervision = proc.supervision ?? m.supervision
  let procedure: Procedure
  if (m._tag === "FourAndTwo") {
    procedure = {
      _tag: "FourAndTwo",
      before: [...(m.before ?? NONE), ...(proc.before ?? NONE)],
      implementation: [...(m.implementation ?? NONE), ...(proc.implementation ?? NONE)],
      after: [...(proc.after ?? NONE), ...(m.after ?? NONE)],
      ...(supervision !== undefined ? { supervision } : {})
    }
  } else {
    const own = m._tag === "Steps" ? m.steps : NONE
    procedure = {
      _tag: "Steps",
      steps: [...(proc.before ?? NONE), ...own, ...(proc.implementation ?? NONE), ...(proc.after ?? NONE)],
      ...(supervision !== undefined ? { supervision } : {})
    }
  }
  return { ...item, procedure }
}
