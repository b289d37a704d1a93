// What each code of a power list's validation (PowerList.check) means, and how serious it is: the
// codes page (docs/codes.md) prints it. Keyed by the code union, so a new code without its meaning
// does not compile.
import type * as Diagnostic from "../../base/Diagnostic.js"
import type { ValidationCode } from "../PowerList.js"

export interface ValidationCodeInfo {
  readonly severity: Diagnostic.Severity
  readonly meaning: Diagnostic.Message
}

export const validationCodes: { readonly [C in ValidationCode]: ValidationCodeInfo } = {
  DUPLICATE_ITEM_CODE: {
    severity: "error",
    meaning: { zh: "两个事项用了同一个编号", en: "Two items share one item code" }
  },
  DUPLICATE_CATEGORY_CODE: {
    severity: "error",
    meaning: { zh: "两个类别用了同一个编号", en: "Two categories share one category code" }
  },
  UNKNOWN_CATEGORY: {
    severity: "error",
    meaning: { zh: "事项所属的类别不在清单的类别中", en: "An item names a category the list does not declare" }
  },
  CATEGORY_WITHOUT_ITEMS: {
    severity: "warning",
    meaning: { zh: "类别下没有任何事项", en: "A category has no items" }
  },
  DECLARED_TOTAL_MISMATCH: {
    severity: "error",
    meaning: { zh: "清单声明的类别数或事项数与实际不符", en: "The numbers of categories or items the list declares differ from what it holds" }
  },
  MISSING_LEGAL_BASIS: {
    severity: "error",
    meaning: { zh: "事项没有写明法律或政策依据", en: "An item cites no legal basis: every power names the law or policy it rests on" }
  },
  EMPTY_PROCEDURE: {
    severity: "error",
    meaning: { zh: "事项的流程没有任何步骤", en: "An item's procedure has no steps" }
  },
  DUPLICATE_STEP_ID: {
    severity: "error",
    meaning: { zh: "同一事项的两个步骤用了同一个编号", en: "Two steps of one item share an id" }
  },
  UNKNOWN_POST: {
    severity: "error",
    meaning: {
      zh: "所列岗位既不是内置职务，也没有在 localPosts 中声明",
      en: "A post is neither a built-in post nor declared in localPosts"
    }
  },
  UNKNOWN_METHOD: {
    severity: "error",
    meaning: { zh: "流程引用的工作法在清单中不存在", en: "A procedure follows a method the list does not have" }
  },
  MISSING_EVIDENCE: {
    severity: "warning",
    meaning: { zh: "决策步骤没有规定留痕材料（会议记录、决议等）", en: "A deciding step requires no evidence (minutes, resolution …)" }
  },
  DUPLICATE_RISK_ID: {
    severity: "error",
    meaning: { zh: "同一事项的两个廉政风险点用了同一个编号", en: "Two risk points of one item share an id" }
  },
  RISK_WITHOUT_CONTROL: {
    severity: "error",
    meaning: { zh: "廉政风险点没有防控措施", en: "An integrity-risk point has no control (防控措施)" }
  },
  UNKNOWN_STEP_REFERENCE: {
    severity: "error",
    meaning: {
      zh: "风险点、公开事项、监督或适用条件指向流程中不存在的步骤",
      en: "A risk point, disclosure, supervision or condition refers to a step the procedure does not have"
    }
  },
  MISSING_DISCLOSURE: {
    severity: "error",
    meaning: { zh: "须公开（或涉及村民利益）的事项没有规定公开事项", en: "An item that must be disclosed (or touches villagers' interests) has no disclosure duty" }
  },
  DISCLOSURE_EXEMPTION_UNEXPLAINED: {
    severity: "warning",
    meaning: {
      zh: "涉及村民利益的事项不公开，却没有在 disclosureExemption 中写明理由和依据",
      en: "An item touching villagers' interests is not disclosed, and disclosureExemption does not say why"
    }
  },
  DUPLICATE_DISCLOSURE_ID: {
    severity: "error",
    meaning: { zh: "同一事项的两个公开事项用了同一个编号", en: "Two disclosure duties of one item share an id" }
  },
  WRONG_DECIDING_BODY: {
    severity: "error",
    meaning: {
      zh: "村民委员会组织法第二十四条事项没有交由村民会议或村民代表会议决定",
      en: "A §24 matter is not decided by the villagers' assembly or the representative assembly"
    }
  },
  FOUR_AND_TWO_BROKEN: {
    severity: "error",
    meaning: { zh: "“四议两公开”的步骤缺少、重复或顺序错误", en: "The steps of 四议两公开 are missing, repeated or out of order" }
  },
  TENDER_THRESHOLD_ABOVE_NATIONAL: {
    severity: "warning",
    meaning: {
      zh: "清单的公开招标起点高于国家标准；国家标准仍然适用",
      en: "The list's public-tender threshold is above the national one; the national threshold still applies"
    }
  },
  RULEBOOK_NOT_IN_FORCE: {
    severity: "warning",
    meaning: {
      zh: "清单生效日没有生效的规则集，金额标准未能核对",
      en: "No rulebook edition is in force on the list's effective date, so amount limits were not compared"
    }
  },
  ILLUSTRATIVE_LIST: {
    severity: "info",
    meaning: {
      zh: "这是示例清单，请替换为本县（镇）正式发布的清单",
      en: "An illustrative list: replace it with the list your county (town) has adopted"
    }
  }
}
