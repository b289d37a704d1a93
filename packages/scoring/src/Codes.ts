/**
 * Every code the scoring package gives, with its meaning in Chinese and English, in the shape of
 * core's `Problem.catalogue`: the input issues of its boundary, its refusals (each error's `_tag`)
 * and the diagnostics of its checks. `docs/codes.md` is generated from both catalogues.
 *
 * @packageDocumentation
 * @since 0.1.0
 */
import type { Problem } from "@qinglian/core"
import type * as Annual from "./Annual.js"
import type * as Input from "./Input.js"
import type * as Rubric from "./Rubric.js"
import type * as ScoringStore from "./ScoringStore.js"
import type * as TaskBook from "./TaskBook.js"
import type * as WeeklyAssessment from "./WeeklyAssessment.js"

/**
 * Every error the scoring package fails with.
 *
 * @since 0.1.0
 * @category models
 */
export type ScoringError =
  | Input.InputRejected
  | Annual.SanctionUnreadable
  | ScoringStore.CommandRejected
  | WeeklyAssessment.AssessmentRejected
  | Rubric.NotInForce
  | Rubric.FactsInvalid

interface Meaning {
  readonly module: string
  readonly zh: string
  readonly en: string
}

// Keyed by the errors' tags: an error added to ScoringError without its meaning does not compile.
const refusals: { readonly [T in ScoringError["_tag"]]: Meaning } = {
  ScoringInputRejected: {
    module: "scoring/Input",
    zh: "输入不符合格式（考核细则、任务书、指令等）：每处问题都有代码、位置和说明",
    en: "The input (a rubric, a task book, a command …) does not match its format: each issue has a code, a path and a message"
  },
  ScoringSanctionUnreadable: {
    module: "scoring/Annual",
    zh: "年度考核读取不到某个案件的处分，无法扣分",
    en: "The annual assessment could not read a case's sanction, so it could not deduct for it"
  },
  ScoringCommandRejected: {
    module: "scoring/ScoringStore",
    zh: "指令被拒绝（任务书已下达、尚未下达、未盘点等），未写入任何内容",
    en: "The command was refused (the task book exists already, is not issued yet, no stock-take …); nothing was written"
  },
  ScoringAssessmentRejected: {
    module: "scoring/WeeklyAssessment",
    zh: "本周无法考核：缺少点评、村民评议或考核事实",
    en: "The week cannot be assessed: a review, a villagers' rating or a fact is missing"
  },
  RubricNotInForce: {
    module: "scoring/Rubric",
    zh: "该日期没有生效的考核细则版本",
    en: "No edition of the rubric is in force on the date"
  },
  ScoringFactsInvalid: {
    module: "scoring/Rubric",
    zh: "考核事实不能计分（评分缺失或越界、任务目标不是正数、日期不在工作日历内）",
    en: "The facts cannot be scored (a rating missing or out of range, a task target not positive, a date outside the calendar)"
  }
}

/**
 * The codes of the scoring boundary's input issues.
 *
 * @since 0.1.0
 * @category models
 */
export type InputCode = "INPUT_UNKNOWN_KEY" | "INPUT_MISSING" | "INPUT_TYPE" | "INPUT_RULE" | "INPUT_JSON"

const inputs: { readonly [C in InputCode]: Omit<Meaning, "module"> } = {
  INPUT_UNKNOWN_KEY: {
    zh: "格式中没有这个字段：检查拼写，或删去它",
    en: "The format has no such key: check the spelling, or remove it"
  },
  INPUT_MISSING: { zh: "缺少必填字段：补上它", en: "A required key is missing: add it" },
  INPUT_TYPE: {
    zh: "类型或取值不符（如应为数字却写成文字，或不在允许的取值中）",
    en: "The value has the wrong type or is not one of the allowed values"
  },
  INPUT_RULE: {
    zh: "不符合考核规则（如权重之和须为 100、分值最多两位小数），详见说明",
    en: "The value breaks a rule of the format (weights add up to 100, points take two decimals …): see the message"
  },
  INPUT_JSON: {
    zh: "不是 JSON 文本：检查括号、引号和逗号",
    en: "Not JSON text: check brackets, quotes and commas"
  }
}

/**
 * The diagnostic codes of the scoring checks and commands.
 *
 * @since 0.1.0
 * @category models
 */
export type DiagnosticCode =
  | TaskBook.Code
  | "TASKBOOK_EXISTS"
  | "TASKBOOK_MISSING"
  | "STOCKTAKE_MISSING"
  | "RUBRIC_NOT_IN_FORCE"
  | "WEEKS_MISSING"
  | "TOWN_UNKNOWN"
  | "REVIEW_MISSING"
  | "VILLAGERS_RATING_MISSING"
  | "RATING_INVALID"
  | "TASK_TARGET"
  | "CALENDAR_RANGE"

const diagnostics: { readonly [C in DiagnosticCode]: Meaning } = {
  TASK_DUPLICATE_ID: { module: "scoring/TaskBook", zh: "任务书中任务编号重复", en: "Two tasks of a task book share an id" },
  TASK_DEADLINE_OUTSIDE_WEEK: {
    module: "scoring/TaskBook",
    zh: "任务完成时限不在例会日期至本周期限之间（定时）",
    en: "A task's deadline is not between the meeting and the end of the week's horizon"
  },
  TASK_OWNER_NO_POST: {
    module: "scoring/TaskBook",
    zh: "任务责任人在例会当日未在本村任职（定人）",
    en: "A task's owner holds no post in the village on the meeting date"
  },
  TASKBOOK_MEETING_OUTSIDE_WEEK: {
    module: "scoring/TaskBook",
    zh: "例会日期不在任务书所属的周内",
    en: "The meeting date is not in the task book's week"
  },
  TASKBOOK_CALENDAR: {
    module: "scoring/TaskBook",
    zh: "工作日历未覆盖任务书所需的日期",
    en: "The working-day calendar does not cover a date the task book needs"
  },
  PROGRESS_UNKNOWN_TASK: { module: "scoring/TaskBook", zh: "进度报告的任务不在任务书中", en: "A progress report names a task the task book does not have" },
  PROGRESS_NOT_OWNER: { module: "scoring/TaskBook", zh: "只有任务责任人可以报告进度", en: "Only a task's owner reports its progress" },
  PROGRESS_BEFORE_MEETING: { module: "scoring/TaskBook", zh: "进度日期早于任务下达日期", en: "Progress is dated before the task was issued" },
  REVIEW_DUPLICATE: { module: "scoring/TaskBook", zh: "盘点中同一干部点评了两次", en: "The stock-take reviews a cadre twice" },
  REVIEW_NOT_MEMBER: { module: "scoring/TaskBook", zh: "被点评人不是本村两委成员", en: "A reviewed cadre holds no post in the village" },
  TASKBOOK_EXISTS: {
    module: "scoring/ScoringStore",
    zh: "该村本周的任务书已经下达，不能再次下达",
    en: "The village's task book for the week was issued already"
  },
  TASKBOOK_MISSING: { module: "scoring/ScoringStore", zh: "该村（镇）本周的任务书尚未下达", en: "No task book was issued for the village (town) and week" },
  STOCKTAKE_MISSING: { module: "scoring/ScoringStore", zh: "该村本周尚未盘点", en: "The village has no stock-take for the week" },
  RUBRIC_NOT_IN_FORCE: { module: "scoring/ScoringStore", zh: "考核日期没有生效的考核细则", en: "No rubric edition is in force on the assessment date" },
  WEEKS_MISSING: { module: "scoring/ScoringStore", zh: "该镇这一年没有已考核的周，无法进行年度考核", en: "The town has no assessed week in the year, so the year cannot be assessed" },
  TOWN_UNKNOWN: {
    module: "scoring/ScoringStore",
    zh: "该镇不在已保存的组织架构中，无法查找其所在县的案件及处分",
    en: "The town is not in the stored organisation, so its county's cases and sanctions cannot be found"
  },
  REVIEW_MISSING: { module: "scoring/WeeklyAssessment", zh: "盘点缺少对某位干部的点评", en: "The stock-take has no review of a cadre" },
  VILLAGERS_RATING_MISSING: { module: "scoring/WeeklyAssessment", zh: "缺少某位干部的村民评议", en: "A cadre has no villagers' rating" },
  RATING_INVALID: { module: "scoring/Rubric", zh: "评分缺失，或不在 0 到 100 之间", en: "A rating is missing or outside 0–100" },
  TASK_TARGET: { module: "scoring/Rubric", zh: "任务目标须为正数", en: "A task's target must be positive" },
  CALENDAR_RANGE: {
    module: "scoring/Rubric",
    zh: "工作日历未覆盖任务期限，无法计算逾期",
    en: "The working-day calendar does not cover a task's deadline, so lateness cannot be computed"
  }
}

/**
 * Every code of the scoring package with its meaning, in the shape of core's `Problem.catalogue`.
 * All its diagnostics are errors.
 *
 * @since 0.1.0
 * @category constants
 */
export const catalogue: ReadonlyArray<Problem.Entry> = [
  ...(Object.keys(inputs) as Array<InputCode>).map((code): Problem.Entry => ({
    kind: "input",
    code,
    zh: inputs[code].zh,
    en: inputs[code].en,
    module: "scoring/Input"
  })),
  ...(Object.keys(refusals) as Array<ScoringError["_tag"]>).map((code): Problem.Entry => ({
    kind: "refusal",
    code,
    zh: refusals[code].zh,
    en: refusals[code].en,
    module: refusals[code].module
  })),
  ...(Object.keys(diagnostics) as Array<DiagnosticCode>).map((code): Problem.Entry => ({
    kind: "diagnostic",
    code,
    severity: "error",
    zh: diagnostics[code].zh,
    en: diagnostics[code].en,
    module: diagnostics[code].module
  }))
]
