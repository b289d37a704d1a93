// The finding codes of exercise checks, the table that weighs them and what each means. Kept apart
// from Exercise.ts so the rule code can import it without an import cycle through PowerList.ts.
import type * as Diagnostic from "../../base/Diagnostic.js"
import type { Code, Risk, Weight } from "../Exercise.js"

type Entry = Weight & { readonly meaning: Diagnostic.Message }

// The meanings are what the codes page (docs/codes.md) prints: what the finding says and what to do.
const table: { readonly [C in Code]: Entry } = {
  SELF_APPROVAL: {
    severity: "error",
    risk: "red",
    meaning: {
      zh: "同一人既提出（申请）又批准（决定）了该事项，违反不相容职务分离",
      en: "One person both proposed (or applied for) and approved the matter: incompatible duties were not separated"
    }
  },
  RECUSAL_REQUIRED: {
    severity: "error",
    risk: "red",
    meaning: {
      zh: "与相对方有亲属或利害关系的干部应当回避，却参与了办理",
      en: "A cadre related to the counterparty took part in a step instead of standing aside (回避)"
    }
  },
  QUORUM_NOT_MET: {
    severity: "error",
    risk: "red",
    meaning: { zh: "会议未达到法定到会人数", en: "A meeting lacked its quorum" }
  },
  MAJORITY_NOT_REACHED: {
    severity: "error",
    risk: "red",
    meaning: { zh: "表决赞成票未达到规定比例", en: "A vote did not reach the required majority" }
  },
  TENDER_REQUIRED: {
    severity: "error",
    risk: "red",
    meaning: { zh: "金额达到必须公开招标的标准，但未公开招标", en: "The amount must be publicly tendered, and no public tender took place" }
  },
  COMPETITIVE_SELECTION_REQUIRED: {
    severity: "error",
    risk: "red",
    meaning: { zh: "须经比选确定承接方，但未比选", en: "The contractor must be chosen by competitive selection (比选), which did not take place" }
  },
  ESCALATION_REQUIRED: {
    severity: "error",
    risk: "red",
    meaning: { zh: "金额达到提级监督标准，须报镇级审核，但未经审核", en: "The amount calls for town review (提级监督), which did not take place" }
  },
  STEP_MISSING: {
    severity: "error",
    risk: "red",
    meaning: { zh: "清单规定的步骤没有办理（如“四议两公开”中的一步）", en: "A step the list requires was not performed (one of 四议两公开, say)" }
  },
  STEP_OUT_OF_ORDER: {
    severity: "error",
    risk: "red",
    meaning: { zh: "步骤办理顺序颠倒：早于应在其前的步骤", en: "A step was performed before a step that must precede it" }
  },
  WRONG_DECIDING_BODY: {
    severity: "error",
    risk: "red",
    meaning: {
      zh: "村民委员会组织法第二十四条事项不是由村民会议或村民代表会议决定的",
      en: "A §24 matter was not decided by the villagers' assembly or the representative assembly"
    }
  },
  DISCLOSURE_MISSING: {
    severity: "error",
    risk: "red",
    meaning: { zh: "应当公开的事项没有公开", en: "A disclosure the list requires was never posted" }
  },
  DISCLOSURE_LATE: {
    severity: "warning",
    risk: "yellow",
    meaning: { zh: "公开晚于规定期限", en: "A disclosure was posted after its deadline" }
  },
  DISCLOSURE_BEFORE_STEP: {
    severity: "warning",
    risk: "yellow",
    meaning: { zh: "公开日期早于所公开的步骤，记录可能有误", en: "A disclosure was posted before the step it reports on: the record may be wrong" }
  },
  DISCLOSURE_WRONG_CHANNEL: {
    severity: "warning",
    risk: "yellow",
    meaning: { zh: "公开渠道不是清单规定的渠道", en: "A disclosure was posted on a channel the list does not name" }
  },
  DISCLOSURE_TOO_SHORT: {
    severity: "warning",
    risk: "yellow",
    meaning: { zh: "公示天数不足规定天数", en: "A disclosure stayed up fewer days than required" }
  },
  UNKNOWN_DISCLOSURE_DUTY: {
    severity: "warning",
    risk: "yellow",
    meaning: { zh: "记录的公开事项在清单该事项中不存在", en: "The record names a disclosure duty the list's item does not have" }
  },
  EVIDENCE_MISSING: {
    severity: "warning",
    risk: "yellow",
    meaning: { zh: "步骤缺少规定的留痕材料（会议记录、决议等）", en: "A step lacks the evidence the list requires (minutes, resolution …)" }
  },
  PERFORMER_MISMATCH: {
    severity: "warning",
    risk: "yellow",
    meaning: { zh: "步骤不是由清单规定的岗位、机构或部门办理的", en: "A step was performed by someone other than the post, body or department the list names" }
  },
  MEETING_RECORD_MISSING: {
    severity: "warning",
    risk: "yellow",
    meaning: {
      zh: "会议没有登记到会、应到或表决人数，无法核对法定人数和表决结果",
      en: "A meeting records no attendance, membership or votes, so quorum and majority cannot be checked"
    }
  },
  MEETING_COUNTS_INCONSISTENT: {
    severity: "error",
    risk: "yellow",
    meaning: { zh: "会议登记的人数自相矛盾（如赞成票多于到会人数）", en: "A meeting's counts contradict each other (more votes than people present …)" }
  },
  STEP_BEFORE_EXERCISE: {
    severity: "warning",
    risk: "yellow",
    meaning: { zh: "步骤日期早于事项开始日", en: "A step is dated before the exercise started" }
  },
  UNKNOWN_STEP: {
    severity: "warning",
    risk: "yellow",
    meaning: { zh: "记录的步骤在该事项的流程中不存在", en: "The record names a step the item's procedure does not have" }
  },
  DUPLICATE_STEP_RECORD: {
    severity: "warning",
    risk: "yellow",
    meaning: { zh: "同一步骤登记了多次，以第一次为准", en: "A step is recorded more than once; the first record counts" }
  },
  AMOUNT_MISSING: {
    severity: "warning",
    risk: "yellow",
    meaning: {
      zh: "事项按金额确定程序（四议两公开、提级监督、招标），但记录未填写金额",
      en: "The item's procedure depends on the amount (四议两公开, escalation, tender) but the record states none"
    }
  },
  FACT_MISSING: {
    severity: "warning",
    risk: "yellow",
    meaning: { zh: "记录缺少判断适用条件所需的事实", en: "The record lacks a fact a condition of the item needs" }
  },
  SUPERVISION_MISSING: {
    severity: "error",
    risk: "red",
    meaning: { zh: "村务监督委员会没有对应监督的步骤进行监督", en: "The village supervision committee did not oversee a step it must watch" }
  },
  UNKNOWN_POST: {
    severity: "warning",
    risk: "yellow",
    meaning: { zh: "干部的职务既不是内置职务，也不是清单声明的本地职务", en: "A cadre holds a post that is neither built in nor declared in the list's localPosts" }
  },
  METHOD_NOT_RESOLVED: {
    severity: "error",
    risk: "yellow",
    meaning: {
      zh: "事项的流程引用工作法，须连同清单检查，或先展开",
      en: "The item follows a method by reference: check it with its list (Exercise.checkInList) or resolve it first"
    }
  },
  ITEM_MISMATCH: {
    severity: "error",
    risk: "yellow",
    meaning: { zh: "记录属于另一个事项，不能按此事项检查", en: "The exercise is of another item and cannot be checked against this one" }
  },
  UNKNOWN_ITEM: {
    severity: "error",
    risk: "yellow",
    meaning: { zh: "清单中没有记录所属的事项", en: "The list has no item with the exercise's item code" }
  },
  RULEBOOK_NOT_IN_FORCE: {
    severity: "error",
    risk: "yellow",
    meaning: {
      zh: "记录日期没有生效的规则集，金额标准、会议规则和公开期限未能检查",
      en: "No rulebook edition is in force on the exercise's date: thresholds, meeting rules and deadlines were not checked"
    }
  },
  CALENDAR_OUT_OF_RANGE: {
    severity: "warning",
    risk: "yellow",
    meaning: {
      zh: "工作日历未覆盖所需年份，公开期限未能计算：请补充该年度的节假日安排",
      en: "The working-day calendar does not cover the year, so a deadline could not be computed: add that year's holiday schedule"
    }
  },
  DUAL_TOP_POSTS: {
    severity: "info",
    risk: "none",
    meaning: {
      zh: "办理人同时担任村党组织书记和村委会主任（一肩挑），本事项应加强监督",
      en: "A performer is both party secretary and committee director (一肩挑): the exercise calls for closer supervision"
    }
  }
}

export const codes: { readonly [C in Code]: Weight } = Object.fromEntries(
  Object.entries(table).map(([code, { risk, severity }]) => [code, { severity, risk }])
) as { readonly [C in Code]: Weight }

export const meanings: { readonly [C in Code]: Diagnostic.Message } = Object.fromEntries(
  Object.entries(table).map(([code, { meaning }]) => [code, meaning])
) as { readonly [C in Code]: Diagnostic.Message }

export const riskOf = (findings: ReadonlyArray<Diagnostic.Diagnostic<Code>>): Risk => {
  let risk: Risk = "green"
  for (const f of findings) {
    const r = codes[f.code].risk
    if (r === "red") return "red"
    if (r === "yellow") risk = "yellow"
  }
  return risk
}
