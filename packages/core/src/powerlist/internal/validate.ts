// Semantic checks of a decoded micro-power list. Every problem is reported; nothing throws.
import * as Either from "effect/Either"
import * as Diagnostic from "../../base/Diagnostic.js"
import * as Money from "../../base/Money.js"
import * as Post from "../../org/Post.js"
import type * as PowerList from "../PowerList.js"
import * as Rulebook from "../../rulebook/Rulebook.js"
import { fourAndTwoSteps, methodOf } from "./procedure.js"
import { type Prepared, preparedAt, roleAt, tableOf } from "./check.js"

type D = Diagnostic.Diagnostic<PowerList.ValidationCode>


const deciding = (a: PowerList.Act) => a === "resolve" || a === "approve"
const assemblies = new Set<PowerList.Body>(["villagersAssembly", "representativesAssembly"])

const tenderKey = {
  construction: "threshold.tenderConstruction",
  goods: "threshold.tenderGoods",
  services: "threshold.tenderServices"
} as const

const fourAndTwoNameZh = (role: number): string => fourAndTwoSteps[role]?.name.zh ?? String(role)
const fourAndTwoNameEn = (role: number): string => fourAndTwoSteps[role]?.name.en ?? String(role)

const knownPost = (p: string, localPosts: ReadonlySet<string>) => Post.isBuiltIn(p) || localPosts.has(p)

// Where an expanded step lives in the input, so that paths point at what the author wrote.
const stepPath = (item: PowerList.PowerItem, index: number, i: number): ReadonlyArray<string | number> => {
  if (item.procedure._tag === "Steps") return ["items", index, "procedure", "steps", i]
  // A method's steps are written in the method item; the path names the reference.
  if (item.procedure._tag === "Method") return ["items", index, "procedure"]
  const nb = item.procedure.before?.length ?? 0
  const ni = item.procedure.implementation?.length ?? 0
  if (i < nb) return ["items", index, "procedure", "before", i]
  if (i < nb + 5) return ["items", index, "procedure"]
  if (i < nb + 5 + ni) return ["items", index, "procedure", "implementation", i - nb - 5]
  if (i < nb + 6 + ni) return ["items", index, "procedure"]
  return ["items", index, "procedure", "after", i - nb - 6 - ni]
}

// Runs on the expanded steps, so a template's own six steps and the author's steps around them are
// seen together. The primary occurrence of each role is the template's own step (for a template) or
// the first one (for explicit steps); any other step in the same role is a misplaced duplicate.
const checkFourAndTwo = (
  item: PowerList.PowerItem,
  procedure: PowerList.Procedure,
  index: number,
  prepared: Prepared,
  out: Array<D>
): void => {
  const all = prepared.steps
  const position: Array<number> = [-1, -1, -1, -1, -1, -1]
  if (procedure._tag !== "FourAndTwo") {
    for (let i = 0; i < all.length; i++) {
      const role = roleAt(prepared, i)
      if (role >= 0 && position[role] === -1) position[role] = i
    }
  } else {
    const nb = procedure.before?.length ?? 0
    for (let role = 0; role < 5; role++) position[role] = nb + role
    position[5] = nb + 5 + (procedure.implementation?.length ?? 0)
  }
  const path = ["items", index, "procedure", "steps"]
  for (let role = 0; role < 6; role++) {
    if (position[role] === -1) {
      out.push(
        Diagnostic.error(
          "FOUR_AND_TWO_BROKEN",
          path,
          `事项 ${item.code} 适用"四议两公开"，但流程缺少第${role + 1}步"${fourAndTwoNameZh(role)}"`,
          `item ${item.code} is bound to 四议两公开 but its procedure lacks step ${role + 1}: ${fourAndTwoNameEn(role)}`
        )
      )
    }
  }
  let last = -1
  let lastRole = -1
  for (let role = 0; role < 6; role++) {
    const p = position[role]!
    if (p === -1) continue
    if (p < last) {
      out.push(
        Diagnostic.error(
          "FOUR_AND_TWO_BROKEN",
          stepPath(item, index, p),
          `事项 ${item.code} 的"四议两公开"顺序错误："${fourAndTwoNameZh(role)}"排在"${fourAndTwoNameZh(lastRole)}"之前`,
          `item ${item.code} has 四议两公开 out of order: "${fourAndTwoNameEn(role)}" comes before "${fourAndTwoNameEn(lastRole)}"`
        )
      )
    } else {
      last = p
      lastRole = role
    }
  }
  for (let i = 0; i < all.length; i++) {
    const role = roleAt(prepared, i)
    if (role < 0 || position[role] === i) continue
    out.push(
      Diagnostic.error(
        "FOUR_AND_TWO_BROKEN",
        stepPath(item, index, i),
        `事项 ${item.code} 的"四议两公开"第${role + 1}步"${fourAndTwoNameZh(role)}"重复出现：步骤 "${all[i]!.id}" 不在其应有的位置`,
        `item ${item.code} has 四议两公开 step ${role + 1} (${fourAndTwoNameEn(role)}) more than once: step "${all[i]!.id}" is out of place`
      )
    )
  }
}

// Whether an earlier entry uses the id of entry `i`. An item has a handful of risk points and
// duties, so a scan costs less than building a set for every item of every list.
const takenBefore = (entries: ReadonlyArray<{ readonly id: string }>, i: number): boolean => {
  const id = entries[i]!.id
  for (let j = 0; j < i; j++) if (entries[j]!.id === id) return true
  return false
}

// Plain loops: a county validates hundreds of lists of dozens of items.
const checkItem = (
  list: PowerList.PowerList,
  index: number,
  categoryOf: ReadonlyMap<string, number>,
  categoryUsed: Array<boolean>,
  localPosts: ReadonlySet<string>,
  out: Array<D>
): void => {
  const item = list.items[index]!
  const base = ["items", index] as const
  const code = item.code

  const category = categoryOf.get(item.category)
  if (category !== undefined) categoryUsed[category] = true
  else {
    out.push(
      Diagnostic.error(
        "UNKNOWN_CATEGORY",
        [...base, "category"],
        `事项 ${code} 所属类别 "${item.category}" 不在清单的类别中`,
        `item ${code} names category "${item.category}", which the list does not declare`
      )
    )
  }
  if (item.legalBasis.length === 0) {
    out.push(
      Diagnostic.error(
        "MISSING_LEGAL_BASIS",
        [...base, "legalBasis"],
        `事项 ${code} 没有法律或政策依据；每项权力都必须写明依据`,
        `item ${code} cites no legal basis; every power must name the law or policy it rests on`
      )
    )
  }
  const duties = item.postDuties ?? []
  for (let i = 0; i < duties.length; i++) {
    const p = duties[i]!.post
    if (!knownPost(p, localPosts)) {
      out.push(
        Diagnostic.error(
          "UNKNOWN_POST",
          [...base, "postDuties", i, "post"],
          `事项 ${code} 的岗位责任所列岗位 "${p}" 不是已知职务；请使用内置职务代码或在 localPosts 中声明`,
          `item ${code} states the duty of post "${p}", which is neither a built-in post nor declared in localPosts`
        )
      )
    }
  }
  if (item.procedure._tag === "Method" && methodOf(list, item) === undefined) {
    out.push(
      Diagnostic.error(
        "UNKNOWN_METHOD",
        [...base, "procedure", "method"],
        `事项 ${code} 的流程引用工作法 "${item.procedure.method}"，但清单中没有该编号的工作法事项（须属于 kind 为 "method" 的类别）`,
        `item ${code} follows method "${item.procedure.method}", but the list has no such item in a category of kind "method" (or it is itself a reference)`
      )
    )
  }
  for (let i = 0; i < item.responsiblePosts.length; i++) {
    const p = item.responsiblePosts[i]!
    if (!knownPost(p, localPosts)) {
      out.push(
        Diagnostic.error(
          "UNKNOWN_POST",
          [...base, "responsiblePosts", i],
          `事项 ${code} 的责任岗位 "${p}" 不是已知职务；请使用内置职务代码或在 localPosts 中声明`,
          `item ${code} names responsible post "${p}", which is neither a built-in post nor declared in localPosts`
        )
      )
    }
  }

  // The same preparation exercise checks use, so validating a list warms their cache.
  const prepared = preparedAt(list, index)
  const all = prepared.steps
  const stepIds = prepared.index
  if (all.length === 0) {
    out.push(
      Diagnostic.error(
        "EMPTY_PROCEDURE",
        [...base, "procedure"],
        `事项 ${code} 的流程没有任何步骤`,
        `item ${code} has a procedure with no steps`
      )
    )
  }
  // The preparation lists the steps whose id an earlier step took, in order.
  const duplicates = prepared.duplicateSteps
  let nextDuplicate = 0
  for (let i = 0; i < all.length; i++) {
    const s = all[i]!
    if (duplicates[nextDuplicate] === i) {
      nextDuplicate++
      out.push(
        Diagnostic.error(
          "DUPLICATE_STEP_ID",
          [...stepPath(item, index, i), "id"],
          `事项 ${code} 的步骤编号 "${s.id}" 重复`,
          `item ${code} uses step id "${s.id}" more than once`
        )
      )
    }
    if ("post" in s.actor && !knownPost(s.actor.post, localPosts)) {
      out.push(
        Diagnostic.error(
          "UNKNOWN_POST",
          [...stepPath(item, index, i), "actor", "post"],
          `事项 ${code} 步骤 "${s.id}" 的执行岗位 "${s.actor.post}" 不是已知职务`,
          `item ${code}, step "${s.id}": actor post "${s.actor.post}" is neither a built-in post nor declared in localPosts`
        )
      )
    }
    if ("anyOfPosts" in s.actor) {
      for (let j = 0; j < s.actor.anyOfPosts.length; j++) {
        const p = s.actor.anyOfPosts[j]!
        if (knownPost(p, localPosts)) continue
        out.push(
          Diagnostic.error(
            "UNKNOWN_POST",
            [...stepPath(item, index, i), "actor", "anyOfPosts", j],
            `事项 ${code} 步骤 "${s.id}" 的可选执行岗位 "${p}" 不是已知职务`,
            `item ${code}, step "${s.id}": alternative actor post "${p}" is neither a built-in post nor declared in localPosts`
          )
        )
      }
    }
    if (s.evidence.length === 0 && deciding(s.act)) {
      out.push(
        Diagnostic.warning(
          "MISSING_EVIDENCE",
          [...stepPath(item, index, i), "evidence"],
          `事项 ${code} 的决策步骤 "${s.id}" 没有规定留痕材料（如会议记录、决议）`,
          `item ${code}: deciding step "${s.id}" requires no evidence (minutes, resolution …); a decision must leave a record`
        )
      )
    }
  }

  const risks = item.riskPoints
  for (let i = 0; i < risks.length; i++) {
    const r = risks[i]!
    if (takenBefore(risks, i)) {
      out.push(
        Diagnostic.error(
          "DUPLICATE_RISK_ID",
          [...base, "riskPoints", i, "id"],
          `事项 ${code} 的风险点编号 "${r.id}" 重复`,
          `item ${code} uses risk point id "${r.id}" more than once`
        )
      )
    }
    if (r.controls.length === 0) {
      out.push(
        Diagnostic.error(
          "RISK_WITHOUT_CONTROL",
          [...base, "riskPoints", i, "controls"],
          `事项 ${code} 的廉政风险点 "${r.id}" 没有防控措施`,
          `item ${code}: integrity-risk point "${r.id}" has no control (防控措施)`
        )
      )
    }
    if (r.step !== undefined && !stepIds.has(r.step)) {
      out.push(
        Diagnostic.error(
          "UNKNOWN_STEP_REFERENCE",
          [...base, "riskPoints", i, "step"],
          `事项 ${code} 的风险点 "${r.id}" 指向不存在的步骤 "${r.step}"`,
          `item ${code}: risk point "${r.id}" refers to step "${r.step}", which the procedure does not have`
        )
      )
    }
  }

  const mustDisclose = item.mustDisclose ?? item.touchesVillagersInterests
  if (mustDisclose && item.disclosures.length === 0) {
    out.push(
      Diagnostic.error(
        "MISSING_DISCLOSURE",
        [...base, "disclosures"],
        item.touchesVillagersInterests ? `事项 ${code} 涉及村民利益，但没有规定公开事项` : `事项 ${code} 须公开，但没有规定公开事项`,
        item.touchesVillagersInterests
          ? `item ${code} touches villagers' interests but has no disclosure duty (村务公开)`
          : `item ${code} must be disclosed but has no disclosure duty (村务公开)`
      )
    )
  }
  if (item.touchesVillagersInterests && !mustDisclose && item.disclosureExemption === undefined) {
    out.push(
      Diagnostic.warning(
        "DISCLOSURE_EXEMPTION_UNEXPLAINED",
        [...base, "mustDisclose"],
        `事项 ${code} 涉及村民利益但不公开；请在 disclosureExemption 中写明理由和依据（如涉及个人信息）`,
        `item ${code} touches villagers' interests but is not disclosed; state why in disclosureExemption (e.g. personal data) with its basis`
      )
    )
  }
  const disclosures = item.disclosures
  for (let i = 0; i < disclosures.length; i++) {
    const d = disclosures[i]!
    if (prepared.duplicateDuties && takenBefore(disclosures, i)) {
      out.push(
        Diagnostic.error(
          "DUPLICATE_DISCLOSURE_ID",
          [...base, "disclosures", i, "id"],
          `事项 ${code} 的公开事项编号 "${d.id}" 重复`,
          `item ${code} uses disclosure id "${d.id}" more than once`
        )
      )
    }
    if (!stepIds.has(d.afterStep)) {
      out.push(
        Diagnostic.error(
          "UNKNOWN_STEP_REFERENCE",
          [...base, "disclosures", i, "afterStep"],
          `事项 ${code} 的公开事项 "${d.id}" 指向不存在的步骤 "${d.afterStep}"`,
          `item ${code}: disclosure "${d.id}" follows step "${d.afterStep}", which the procedure does not have`
        )
      )
    }
  }

  const proc = prepared.item.procedure
  const supervision = proc.supervision
  const watched = supervision?.steps ?? []
  for (let i = 0; i < watched.length; i++) {
    if (stepIds.has(watched[i]!)) continue
    out.push(
      Diagnostic.error(
        "UNKNOWN_STEP_REFERENCE",
        [...base, "procedure", "supervision", "steps", i],
        `事项 ${code} 的监督（一监督）指向不存在的步骤 "${watched[i]}"`,
        `item ${code}: supervision watches step "${watched[i]}", which the procedure does not have`
      )
    )
  }
  const conditionList = item.conditions ?? []
  for (let k = 0; k < conditionList.length; k++) {
    const then = conditionList[k]!.then
    if (typeof then === "string") continue
    for (let i = 0; i < then.steps.length; i++) {
      if (stepIds.has(then.steps[i]!)) continue
      out.push(
        Diagnostic.error(
          "UNKNOWN_STEP_REFERENCE",
          [...base, "conditions", k, "then", "steps", i],
          `事项 ${code} 的适用条件要求不存在的步骤 "${then.steps[i]}"`,
          `item ${code}: a condition requires step "${then.steps[i]}", which the procedure does not have`
        )
      )
    }
  }

  const groupOwned = item.propertyOwner === "villagerGroup"
  const mayDecide = (b: PowerList.Body) => assemblies.has(b) || (groupOwned && b === "villagerGroupMeeting")
  if (item.article24 !== undefined && !mayDecide(item.decidingBody)) {
    out.push(
      Diagnostic.error(
        "WRONG_DECIDING_BODY",
        [...base, "decidingBody"],
        `事项 ${code} 属于村民委员会组织法第二十四条所列事项，只能由村民会议（或经授权的村民代表会议）决定，不能由 ${item.decidingBody} 决定`,
        `item ${code} is a §24 matter (${item.article24}); only the villagers' assembly or the representative assembly may decide it, not ${item.decidingBody}`
      )
    )
  }
  if (item.article24 !== undefined) {
    for (let i = 0; i < all.length; i++) {
      const s = all[i]!
      if (s.act === "resolve" && "body" in s.actor && !mayDecide(s.actor.body)) {
        out.push(
          Diagnostic.error(
            "WRONG_DECIDING_BODY",
            [...stepPath(item, index, i), "actor"],
            `事项 ${code} 属于第二十四条事项，但步骤 "${s.id}" 由 ${s.actor.body} 作出决议`,
            `item ${code} is a §24 matter but step "${s.id}" has ${s.actor.body} resolve it`
          )
        )
      }
    }
  }

  // The template binds the item to 四议两公开 by itself; explicit steps only through a condition.
  let boundToFourAndTwo = proc._tag === "FourAndTwo"
  const conditions = item.conditions ?? []
  for (let k = 0; k < conditions.length && !boundToFourAndTwo; k++) {
    if (conditions[k]!.then === "fourAndTwo") boundToFourAndTwo = true
  }
  if (boundToFourAndTwo) checkFourAndTwo(item, proc, index, prepared, out)
}

const checkAgainstRulebook = (list: PowerList.PowerList, rulebook: Rulebook.Rulebook, out: Array<D>): void => {
  const rules = Rulebook.at(rulebook, list.effectiveFrom)
  if (Either.isLeft(rules)) {
    out.push(
      Diagnostic.warning(
        "RULEBOOK_NOT_IN_FORCE",
        ["effectiveFrom"],
        `清单生效日 ${list.effectiveFrom} 没有生效的规则集（最早 ${rules.left.earliest}），无法核对金额标准`,
        `no rulebook edition is in force on the list's effective date ${list.effectiveFrom} (earliest ${rules.left.earliest}); amount limits were not compared`
      )
    )
    return
  }
  for (let i = 0; i < list.items.length; i++) {
    const item = list.items[i]!
    if (item.procurement === undefined) continue
    const national = Rulebook.value(rules.right, tenderKey[item.procurement])
    const conditions = item.conditions ?? []
    for (let j = 0; j < conditions.length; j++) {
      const c = conditions[j]!
      if (c.then !== "publicTender" || !("amountAtLeast" in c.when) || !("amount" in c.when.amountAtLeast)) continue
      const limit = Money.toFen(c.when.amountAtLeast.amount)
      if (limit > national) {
        out.push(
          Diagnostic.warning(
            "TENDER_THRESHOLD_ABOVE_NATIONAL",
            ["items", i, "conditions", j, "when", "amountAtLeast"],
            `事项 ${item.code} 的公开招标起点 ${Money.formatYuan(limit)} 元高于国家标准 ${Money.formatYuan(national)} 元；国家标准仍然适用`,
            `item ${item.code} requires a public tender from ${Money.formatYuan(limit)} yuan, above the national ${Money.formatYuan(national)} yuan; the national threshold still applies`
          )
        )
      }
    }
  }
}

export const check = (list: PowerList.PowerList, rulebook?: Rulebook.Rulebook): ReadonlyArray<D> => {
  const out: Array<D> = []
  if (list.illustrative) {
    out.push(
      Diagnostic.make(
        "ILLUSTRATIVE_LIST",
        "info",
        ["illustrative"],
        "这是示例清单，请替换为本县（镇）正式发布的清单",
        "this is an illustrative list; replace it with the list your county (town) has adopted"
      )
    )
  }
  // Each category code's first position; the list's items by code and its local posts come from
  // the table the exercise checks use.
  const categoryOf = new Map<string, number>()
  const categories = list.categories
  for (let i = 0; i < categories.length; i++) {
    const c = categories[i]!
    if (categoryOf.has(c.code)) {
      out.push(
        Diagnostic.error(
          "DUPLICATE_CATEGORY_CODE",
          ["categories", i, "code"],
          `类别编号 "${c.code}" 重复`,
          `category code "${c.code}" is used more than once`
        )
      )
    } else categoryOf.set(c.code, i)
  }
  const table = tableOf(list)
  const categoryUsed: Array<boolean> = new Array(categories.length).fill(false)
  const items = list.items
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!
    const first = table.byCode.get(item.code)!
    if (first !== i) {
      out.push(
        Diagnostic.error(
          "DUPLICATE_ITEM_CODE",
          ["items", i, "code"],
          `事项编号 "${item.code}" 重复（第一次出现在第 ${first + 1} 项）`,
          `item code "${item.code}" is used more than once (first at items[${first}])`
        )
      )
    }
    checkItem(list, i, categoryOf, categoryUsed, table.localPosts, out)
  }
  for (let i = 0; i < categories.length; i++) {
    const c = categories[i]!
    if (!categoryUsed[categoryOf.get(c.code)!]) {
      out.push(
        Diagnostic.warning(
          "CATEGORY_WITHOUT_ITEMS",
          ["categories", i],
          `类别 "${c.code}"（${c.name.zh}）下没有任何事项`,
          `category "${c.code}" (${c.name.en ?? c.name.zh}) has no items`
        )
      )
    }
  }
  if (list.declaredTotals !== undefined) {
    const { categories, items } = list.declaredTotals
    if (categories !== list.categories.length) {
      out.push(
        Diagnostic.error(
          "DECLARED_TOTAL_MISMATCH",
          ["declaredTotals", "categories"],
          `清单声明 ${categories} 大类，实际为 ${list.categories.length} 类`,
          `the list declares ${categories} categories but has ${list.categories.length}`
        )
      )
    }
    if (items !== list.items.length) {
      out.push(
        Diagnostic.error(
          "DECLARED_TOTAL_MISMATCH",
          ["declaredTotals", "items"],
          `清单声明 ${items} 项，实际为 ${list.items.length} 项`,
          `the list declares ${items} items but has ${list.items.length}`
        )
      )
    }
  }
  if (rulebook !== undefined) checkAgainstRulebook(list, rulebook, out)
  return out
}
