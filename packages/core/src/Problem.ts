/**
 * One shape for everything the library refuses: input that does not decode and commands or writes
 * it will not carry out. {@link fromError} turns any of core's errors into a {@link Problem} with a
 * stable `code`, the `path` it concerns and a message in Chinese and English, so an application
 * (a web form, the command line, a county's own system) shows every refusal the same way.
 *
 * {@link catalogue} lists every code core can give (input issues, refusals and the diagnostics of
 * its checks) with its meaning in both languages; `docs/codes.md` is generated from it.
 *
 * @example
 * ```ts
 * import { PowerList, Problem } from "@qinglian/core"
 * import { Either } from "effect"
 *
 * declare const text: string // the JSON a county uploaded
 * const decoded = PowerList.decodeJson(text)
 * if (Either.isLeft(decoded)) {
 *   const problem = Problem.fromError(decoded.left)! // code "InvalidInput"
 *   for (const issue of problem.issues) console.log(issue.code, issue.path, issue.message.zh)
 * }
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import type * as Diagnostic from "./base/Diagnostic.js"
import * as InvalidInput from "./base/InvalidInput.js"
import * as LocalDate from "./base/LocalDate.js"
import * as WorkCalendar from "./calendar/WorkCalendar.js"
import type * as Cadre from "./org/Cadre.js"
import type * as Organisation from "./org/Organisation.js"
import type * as Exercise from "./powerlist/Exercise.js"
import { codes as exerciseWeights, meanings as exerciseMeanings } from "./powerlist/internal/codes.js"
import { validationCodes } from "./powerlist/internal/validationCodes.js"
import * as Measure from "./rulebook/Measure.js"
import * as Rulebook from "./rulebook/Rulebook.js"
import * as Audit from "./storage/Audit.js"
import * as Storage from "./storage/Storage.js"
import * as StorageAdapter from "./storage/StorageAdapter.js"
import * as VersionExists from "./storage/VersionExists.js"
import * as FourForms from "./supervision/FourForms.js"
import * as Sanction from "./supervision/Sanction.js"
import * as SupervisionCase from "./supervision/SupervisionCase.js"
import * as Whistleblower from "./supervision/Whistleblower.js"
import * as WhistleblowerSealing from "./supervision/WhistleblowerSealing.js"
import type * as Mentoring from "./village/Mentoring.js"
import type * as Rectification from "./village/Rectification.js"
import type * as SupervisionCommittee from "./village/SupervisionCommittee.js"

/**
 * A refusal as an application shows it: a stable `code` (the error's `_tag`), the `path` it concerns (`[]` for the whole input or
 * command), a message in Chinese and English a person can act on, and, for input that did not
 * decode, every issue.
 *
 * @since 0.1.0
 * @category models
 */
export interface Problem {
  readonly code: string
  readonly path: ReadonlyArray<string | number>
  readonly message: { readonly zh: string; readonly en: string }
  readonly issues: ReadonlyArray<InvalidInput.Issue>
}

/**
 * One line of the {@link catalogue}: a code, what kind of code it is, what it means in both
 * languages and the module that gives it. Diagnostics also have their severity.
 *
 * @since 0.1.0
 * @category models
 */
export interface Entry {
  readonly kind: "input" | "refusal" | "diagnostic"
  readonly code: string
  readonly severity?: "error" | "warning" | "info"
  readonly zh: string
  readonly en: string
  readonly module: string
}

/**
 * Every error core fails with. Each has an entry in the refusal table, which is keyed by their
 * `_tag`s: an error added here without an entry does not compile.
 *
 * @since 0.1.0
 * @category models
 */
export type CoreError =
  | InvalidInput.InvalidInput
  | LocalDate.DateOutOfRange
  | SupervisionCase.Forbidden
  | SupervisionCase.IllegalTransition
  | SupervisionCase.CommandRejected
  | SupervisionCase.InconsistentStream
  | WhistleblowerSealing.InvalidKey
  | WhistleblowerSealing.InvalidKeyring
  | WhistleblowerSealing.Unreadable
  | Whistleblower.AccessNotLogged
  | FourForms.Unclassified
  | Sanction.MeasureNotAllowed
  | Sanction.PeriodChoiceInvalid
  | Sanction.PartySanctionsNotCombined
  | Sanction.CombinedPeriodInvalid
  | StorageAdapter.ConcurrencyConflict
  | StorageAdapter.StorageError
  | Storage.CorruptRecord
  | Storage.DocumentNotFound
  | Audit.ChainBroken
  | Audit.CheckpointInvalid
  | VersionExists.VersionExists
  | Rulebook.NotInForce
  | WorkCalendar.OutOfRange

type Message = Diagnostic.Message
type Tag = CoreError["_tag"]

interface Refusal<E> {
  /** The error's class, to tell a real error from any object with the same `_tag`. */
  readonly schema: Schema.Schema.Any & { readonly fields: Schema.Struct.Fields }
  readonly module: string
  /** What the code means, for the catalogue. */
  readonly meaning: Message
  /** The message for one error, from its fields. */
  readonly explain: (error: E) => Message
}

const stageZh = (stage: SupervisionCase.Stage): string => SupervisionCase.stageLabelZh[stage] ?? stage

const measureZh = (m: Measure.Measure): string => `${Measure.labelZh[m] ?? m}`

const list = (items: ReadonlyArray<string | number>, zh: boolean): string =>
  items.length === 0 ? (zh ? "无" : "none") : items.join(zh ? "、" : ", ")

const forbiddenReason: { readonly [R in SupervisionCase.Forbidden["reason"]]: Message } = {
  post: { zh: "没有可以办理此事项的职务", en: "they hold no post that may issue it" },
  jurisdiction: { zh: "案件不在其所在乡镇或县的管辖范围内", en: "the case is outside their town or county" },
  recusal: {
    zh: "本人或其近亲属是案件对象，应当回避",
    en: "they or a relative of theirs are the subject of the case and must stand aside (回避)"
  },
  decisionLevel: { zh: "该处分超出其决定权限", en: "the measure is above their level of decision" },
  policy: { zh: "查阅规定不允许其查看举报人身份", en: "the access policy does not let them see a whistleblower's identity" }
}

const subjectCategoryZh: { readonly [C in Sanction.SubjectCategory]: string } = {
  villageCadre: "村干部",
  publicOfficial: "公职人员",
  partyMember: "党员"
}

const keyringReason: { readonly [R in WhistleblowerSealing.InvalidKeyring["reason"]]: Message } = {
  noKeys: { zh: "密钥环中没有密钥", en: "the keyring has no keys" },
  emptyKeyId: { zh: "有一把密钥的编号为空", en: "a key has an empty key id" },
  duplicateKeyId: { zh: "两把密钥用了同一个编号", en: "two keys share one key id" },
  activeNotInRing: { zh: "当前使用的密钥不在密钥环中", en: "the active key is not in the keyring" }
}

const checkpointReason: { readonly [R in Audit.CheckpointInvalid["reason"]]: Message } = {
  signature: { zh: "签名无法用所给公钥验证", en: "its signature does not verify with the public key given" },
  key: { zh: "签名密钥无法读取", en: "a signing key cannot be read" },
  malformed: { zh: "检查点格式不对", en: "the checkpoint is malformed" }
}

const unreadableReason: { readonly [R in WhistleblowerSealing.Unreadable["reason"]]: Message } = {
  unknownKey: { zh: "举报人身份是用另一把密钥加密的", en: "the identity was sealed with another key" },
  authenticationFailed: {
    zh: "加密的举报人身份未通过校验：密钥不对、案件不对，或密文被改动",
    en: "the sealed identity failed authentication: wrong key, wrong case, or altered ciphertext"
  },
  malformed: { zh: "解密结果不是举报人身份", en: "the sealed identity decrypted to something that is not an identity" }
}

// What the boundary's subjects are called in Chinese; a subject not listed (a stored record's key)
// is shown as it is.
const subjectZh: Readonly<Record<string, string>> = {
  "audit entry": "审计日志条目",
  "case summary": "案件摘要",
  "check report": "检查报告",
  exercise: "权力行使记录",
  "mentoring studio": "老干部工作室",
  organisation: "组织架构",
  "power list": "小微权力清单",
  "rectification history": "整治记录",
  relations: "亲属关系",
  roster: "干部名册",
  "rulebook file": "规则库文件",
  "supervision command": "监督执纪指令",
  "supervision event": "监督执纪事件",
  "work calendar data": "工作日历数据"
}

const issueSummary = (issues: ReadonlyArray<InvalidInput.Issue>, zh: boolean): string => {
  const shown = issues.slice(0, 3).map((i) => {
    const where = i.path.length === 0 ? (zh ? "整体" : "(root)") : i.path.join(".")
    return `${where}: ${i.message[zh ? "zh" : "en"]}`
  })
  const more = issues.length - shown.length
  return shown.join(zh ? "；" : "; ") + (more > 0 ? (zh ? `；另有 ${more} 处` : `; and ${more} more`) : "")
}

const refusals: { readonly [T in Tag]: Refusal<Extract<CoreError, { readonly _tag: T }>> } = {
  InvalidInput: {
    schema: InvalidInput.InvalidInput,
    module: "base/InvalidInput",
    meaning: {
      zh: "输入不符合格式：每处问题都有自己的代码、位置和说明，按说明改正后重新提交",
      en: "The input does not match its format: each issue has its own code, path and message; correct them and submit again"
    },
    explain: (e) => ({
      zh: `${Object.prototype.hasOwnProperty.call(subjectZh, e.subject) ? subjectZh[e.subject] : e.subject}有 ${e.issues.length} 处不符合格式：${issueSummary(e.issues, true)}`,
      en: `the ${e.subject} has ${e.issues.length} issue${e.issues.length === 1 ? "" : "s"}: ${issueSummary(e.issues, false)}`
    })
  },
  DateOutOfRange: {
    schema: LocalDate.DateOutOfRange,
    module: "base/LocalDate",
    meaning: {
      zh: `日期计算超出了可用范围（${LocalDate.minYear} 至 ${LocalDate.maxYear} 年）`,
      en: `Date arithmetic left the dates a LocalDate may be (the years ${LocalDate.minYear} to ${LocalDate.maxYear})`
    },
    explain: (e) => ({
      zh: `${e.computation} 超出了可用的日期范围（${LocalDate.minDate} 至 ${LocalDate.maxDate}）`,
      en: `${e.computation} is not a date from ${LocalDate.minDate} to ${LocalDate.maxDate}`
    })
  },
  Forbidden: {
    schema: SupervisionCase.Forbidden,
    module: "supervision/Authority",
    meaning: {
      zh: "操作人无权办理此事项（职务、管辖、回避、决定权限或查阅规定），未写入任何内容",
      en: "The actor may not issue this command (post, jurisdiction, recusal, decision level or access policy); nothing was written"
    },
    explain: (e) => ({
      zh: `${e.actor} 无权办理 ${e.command}：${forbiddenReason[e.reason].zh}。未写入任何内容`,
      en: `${e.actor} may not issue ${e.command}: ${forbiddenReason[e.reason].en} (${e.detail}); nothing was written`
    })
  },
  IllegalTransition: {
    schema: SupervisionCase.IllegalTransition,
    module: "supervision/Decide",
    meaning: {
      zh: "案件当前阶段不允许此操作（例如立案前审理、结案后处分），未写入任何内容",
      en: "The case's stage does not allow the command (a review before the case is opened, a decision on a closed case); nothing was written"
    },
    explain: (e) => {
      const allowed = SupervisionCase.enabledCommands(e.stage)
      return {
        zh: `案件处于“${stageZh(e.stage)}”阶段，不能办理 ${e.command}；此阶段可办理：${list(allowed, true)}`,
        en: `${e.command} is not allowed while the case is in stage ${e.stage} (${stageZh(e.stage)}); allowed now: ${list(allowed, false)}`
      }
    }
  },
  CommandRejected: {
    schema: SupervisionCase.CommandRejected,
    module: "supervision/Decide",
    meaning: {
      zh: "此阶段允许该操作，但条件不满足（案件已中止、已延期过、申请期已过等），未写入任何内容",
      en: "The stage allows the command but a condition does not hold (the case is suspended, the extension was used, the window closed …); nothing was written"
    },
    explain: (e) => ({
      zh: `${e.command} 未能办理（“${stageZh(e.stage)}”阶段）：需要“${
        (SupervisionCase.guardLabelZh as Readonly<Record<string, string>>)[e.guard] ?? e.guard
      }”`,
      en: `${e.command} was rejected in stage ${e.stage} (${e.guard}): ${e.detail}`
    })
  },
  InconsistentStream: {
    schema: SupervisionCase.InconsistentStream,
    module: "supervision/State",
    meaning: {
      zh: "案件记录中有一条事件不可能发生在它所处的阶段：记录被库外程序写入或被改动",
      en: "A stored event of a case cannot happen in the stage the case had reached: the stream was written outside the library or altered"
    },
    explain: (e) => ({
      zh: `案件记录第 ${e.version} 条事件（${e.event}）不可能发生在“${stageZh(e.stage)}”阶段；请核查记录是否被改动`,
      en: `event ${e.version} (${e.event}) cannot happen in stage ${e.stage}; check whether the stream was altered`
    })
  },
  WhistleblowerInvalidKey: {
    schema: WhistleblowerSealing.InvalidKey,
    module: "supervision/WhistleblowerSealing",
    meaning: {
      zh: "举报人身份加密密钥长度不对：AES-256-GCM 需要 32 字节",
      en: "The whistleblower key has the wrong length: AES-256-GCM needs 32 bytes"
    },
    explain: (e) => ({
      zh: `举报人身份密钥 ${e.keyId} 为 ${e.length} 字节，应为 32 字节`,
      en: `whistleblower key ${e.keyId} has ${e.length} bytes; AES-256-GCM needs exactly 32`
    })
  },
  WhistleblowerInvalidKeyring: {
    schema: WhistleblowerSealing.InvalidKeyring,
    module: "supervision/WhistleblowerSealing",
    meaning: {
      zh: "举报人身份密钥环不可用：没有密钥、密钥编号为空或重复，或当前密钥不在环中",
      en: "The whistleblower keyring cannot work: no keys, an empty or repeated key id, or an active key not in the ring"
    },
    explain: (e) => ({
      zh: `举报人身份密钥环不可用：${keyringReason[e.reason].zh}${e.keyId === "" ? "" : `（${e.keyId}）`}`,
      en: `the whistleblower keyring cannot work: ${keyringReason[e.reason].en}${e.keyId === "" ? "" : ` (${e.keyId})`}`
    })
  },
  WhistleblowerUnreadable: {
    schema: WhistleblowerSealing.Unreadable,
    module: "supervision/WhistleblowerSealing",
    meaning: {
      zh: "加密的举报人身份无法打开：密钥不对、案件不对或密文被改动",
      en: "A sealed whistleblower identity does not open: another key, another case, or altered"
    },
    explain: (e) => ({
      zh: `${unreadableReason[e.reason].zh}（密钥 ${e.keyId}）`,
      en: `${unreadableReason[e.reason].en} (key ${e.keyId})`
    })
  },
  WhistleblowerAccessNotLogged: {
    schema: Whistleblower.AccessNotLogged,
    module: "supervision/Whistleblower",
    meaning: {
      zh: "查阅记录写入失败，因此未显示举报人身份",
      en: "The access log could not be written, so the whistleblower's identity was not revealed"
    },
    explain: (e) => ({
      zh: `案件 ${e.caseId} 的查阅记录写入失败，未显示举报人身份；请稍后重试`,
      en: `the access to case ${e.caseId} could not be logged, so its reporter was not revealed; try again later`
    })
  },
  FourFormsUnclassified: {
    schema: FourForms.Unclassified,
    module: "supervision/FourForms",
    meaning: {
      zh: "现行规则库没有给该处理方式指定“四种形态”",
      en: "The rulebook in force does not classify the measure into one of the four forms"
    },
    explain: (e) => ({
      zh: `规则库的 fourForms.classification 没有为“${measureZh(e.measure)}”指定形态；请在规则库中补上`,
      en: `the rulebook's fourForms.classification has no form for ${e.measure} (${measureZh(e.measure)}); add it to the rulebook`
    })
  },
  MeasureNotAllowed: {
    schema: Sanction.MeasureNotAllowed,
    module: "supervision/Sanction",
    meaning: {
      zh: "对象不能受到这种处分（村干部只能给予警告、记过、记大过）",
      en: "The subject cannot receive this measure (a village cadre only 警告, 记过 or 记大过)"
    },
    explain: (e) => ({
      zh: `${subjectCategoryZh[e.subjectCategory]}不能给予“${measureZh(e.measure)}”；可给予的政务处分：${
        list(e.allowed.map(measureZh), true)
      }`,
      en: `a ${e.subjectCategory} cannot receive ${e.measure} (${measureZh(e.measure)}); allowed: ${list(e.allowed, false)}`
    })
  },
  PeriodChoiceInvalid: {
    schema: Sanction.PeriodChoiceInvalid,
    module: "supervision/Sanction",
    meaning: {
      zh: "处分的影响期选择不对（留党察看须写明 12 或 24 个月；没有影响期的处分不能写）",
      en: "The influence period chosen is not one the rulebook allows (留党察看 needs 12 or 24 months; other measures may have none)"
    },
    explain: (e) =>
      e.allowed.length === 0
        ? {
          zh: `“${measureZh(e.measure)}”没有影响期，请不要填写`,
          en: `${e.measure} (${measureZh(e.measure)}) has no influence period; do not give one`
        }
        : {
          zh: `“${measureZh(e.measure)}”的影响期应为 ${e.allowed.join(" 或 ")} 个月` +
            (e.chosen === undefined ? "，请选择" : `，填写的是 ${e.chosen}`),
          en: `${e.measure} (${measureZh(e.measure)}) needs an influence period of ${e.allowed.join(" or ")} months` +
            (e.chosen === undefined ? "; choose one" : `, got ${e.chosen}`)
        }
  },
  PartySanctionsNotCombined: {
    schema: Sanction.PartySanctionsNotCombined,
    module: "supervision/Sanction",
    meaning: {
      zh: "一项决定对同一对象写了多个党纪处分：应合并处理，只写合并后的一个",
      en: "A decision names several party sanctions for its subject: they are combined (合并处理) and the decision names the one that results"
    },
    explain: (e) => ({
      zh: `一项决定只能写一个党纪处分（合并处理），现有：${list(e.measures.map(measureZh), true)}`,
      en: `a decision states one party sanction for its subject (合并处理), got ${list(e.measures, false)}`
    })
  },
  CombinedPeriodInvalid: {
    schema: Sanction.CombinedPeriodInvalid,
    module: "supervision/Sanction",
    meaning: {
      zh: "同类政务处分合并执行时，须在规定范围内选定一个处分期间（政务处分法第十条）",
      en: "Several government sanctions of one kind are executed as one, with one period chosen within the allowed range (政务处分法 第十条)"
    },
    explain: (e) => ({
      zh: `${e.count} 个“${measureZh(e.measure)}”合并执行，处分期间应在 ${e.min} 至 ${e.max} 个月之间` +
        (e.chosen === undefined ? "，请用 periodMonths 选定" : `，填写的是 ${e.chosen.join("、")}`),
      en: `${e.count} × ${e.measure} (${measureZh(e.measure)}) are executed as one, with one period of ${e.min} to ${e.max} months` +
        (e.chosen === undefined ? "; choose it with periodMonths" : `, got ${e.chosen.join(", ")}`)
    })
  },
  ConcurrencyConflict: {
    schema: StorageAdapter.ConcurrencyConflict,
    module: "storage/StorageAdapter",
    meaning: {
      zh: "读取之后数据已被他人修改，本次未写入；请重新读取后再操作",
      en: "The document or stream changed since it was read, and nothing was written; read it again and retry"
    },
    explain: (e) => ({
      zh: `${e.kind === "document" ? "文档" : "事件流"} ${e.key} 已被他人修改（应为第 ${e.expected} 版，实为第 ${e.actual} 版），未写入；请重新读取后再操作`,
      en: `${e.kind} ${e.key} changed since it was read (expected version ${e.expected}, found ${e.actual}); nothing was written, read it again and retry`
    })
  },
  StorageError: {
    schema: StorageAdapter.StorageError,
    module: "storage/StorageAdapter",
    meaning: {
      zh: "存储出错或调用参数无效，未写入任何内容",
      en: "The storage back end failed or the arguments were invalid; nothing was written"
    },
    explain: (e) => ({
      zh: `存储操作 ${e.operation} 失败，未写入任何内容：${e.message}`,
      en: `storage ${e.operation} failed, nothing was written: ${e.message}`
    })
  },
  StorageCorruptRecord: {
    schema: Storage.CorruptRecord,
    module: "storage/Storage",
    meaning: {
      zh: "已存储的数据无法按其格式读取：格式有不兼容的变更，或数据被库外程序修改",
      en: "A stored record no longer decodes: its schema changed incompatibly, or it was edited outside the library"
    },
    explain: (e) => ({
      zh: `已存储的 ${e.key} 无法读取：${issueSummary(e.issues, true)}`,
      en: `stored ${e.key} does not decode: ${issueSummary(e.issues, false)}`
    })
  },
  StorageDocumentNotFound: {
    schema: Storage.DocumentNotFound,
    module: "storage/Storage",
    meaning: { zh: "找不到该编号的文档", en: "No document has this id" },
    explain: (e) => ({
      zh: `${e.collection} 中没有编号为 ${e.id} 的文档`,
      en: `no document ${e.collection}/${e.id}`
    })
  },
  AuditChainBroken: {
    schema: Audit.ChainBroken,
    module: "storage/Audit",
    meaning: {
      zh: "审计日志被改动或删除了条目：哈希链断开",
      en: "The audit log was altered or an entry removed: the hash chain is broken"
    },
    explain: (e) => ({
      zh: `审计日志第 ${e.version} 条${e.reason === "altered" ? "被改动" : "被删除"}`,
      en: `audit entry ${e.version} was ${e.reason}: ${e.detail}`
    })
  },
  AuditCheckpointInvalid: {
    schema: Audit.CheckpointInvalid,
    module: "storage/Audit",
    meaning: {
      zh: "审计日志检查点不可信（签名无法验证、密钥不对或格式错误），未据此核验",
      en: "An audit checkpoint cannot be trusted (bad signature, another key, malformed); nothing was verified against it"
    },
    explain: (e) => ({
      zh: `审计日志检查点不可信：${checkpointReason[e.reason].zh}，未据此核验`,
      en: `the audit checkpoint cannot be trusted: ${checkpointReason[e.reason].en} (${e.detail}); nothing was verified against it`
    })
  },
  VersionExists: {
    schema: VersionExists.VersionExists,
    module: "storage/VersionExists",
    meaning: {
      zh: "该版本已经存在：已保存的版本不可修改，请以新的版本号保存",
      en: "This version already exists: stored versions never change, so save the change as a new version"
    },
    explain: (e) =>
      e.version === undefined
        ? {
          zh: `${e.collection} 中已有 ${e.key}，已保存的记录不会被覆盖`,
          en: `${e.collection}: ${e.key} already exists; stored records are not replaced`
        }
        : {
          zh: `${e.key} 的版本 ${e.version} 已经存在（${e.collection}）；已保存的版本不可修改，请以新的版本号保存`,
          en: `version ${e.version} of ${e.key} already exists (${e.collection}); stored versions never change, so save the change as a new version`
        }
  },
  RulebookNotInForce: {
    schema: Rulebook.NotInForce,
    module: "rulebook/Rulebook",
    meaning: {
      zh: "该日期没有生效的规则库版本，或生效版本缺少所需参数",
      en: "No rulebook edition is in force on the date, or the editions in force leave a parameter out"
    },
    explain: (e) =>
      e.missing.length === 0
        ? {
          zh: `${e.date} 没有生效的规则库版本；最早的版本自 ${e.earliest} 起生效`,
          en: `no rulebook edition is in force on ${e.date}; the earliest starts ${e.earliest}`
        }
        : {
          zh: `${e.date} 生效的规则库版本没有设定 ${list(e.missing, true)}`,
          en: `the rulebook does not set ${list(e.missing, false)} on ${e.date}`
        }
  },
  CalendarOutOfRange: {
    schema: WorkCalendar.OutOfRange,
    module: "calendar/WorkCalendar",
    meaning: {
      zh: "工作日历不包含该日期所在的年份",
      en: "The working-day calendar does not cover the year of the date"
    },
    explain: (e) => ({
      zh: `工作日历不包含 ${e.date}（已有 ${list(e.years, true)} 年，${e.from} 至 ${e.to}）；` +
        `请用 WorkCalendar.withYears 补充该年的节假日安排，或以 { outOfRange: "weekendsOnly" } 构建日历`,
      en: `the working-day calendar does not cover ${e.date} (it has the years ${list(e.years, false)}, ${e.from} to ${e.to}); ` +
        `add that year's holiday schedule with WorkCalendar.withYears, or build it with { outOfRange: "weekendsOnly" }`
    })
  }
}

/**
 * The `_tag` of every error core fails with, in the order of the catalogue.
 *
 * @since 0.1.0
 * @category constants
 */
export const refusalTags: ReadonlyArray<CoreError["_tag"]> = Object.keys(refusals) as Array<CoreError["_tag"]>

const guards = new Map<string, (u: unknown) => boolean>()

const isInstance = (tag: Tag, error: object): boolean => {
  const refusal = refusals[tag]
  if (error instanceof (refusal.schema as unknown as new(...args: Array<never>) => object)) return true
  // The same error from another copy of the library (a bundled and an installed one): check its fields.
  let guard = guards.get(tag)
  if (guard === undefined) {
    guard = Schema.is(Schema.Struct(refusal.schema.fields) as unknown as Schema.Schema<unknown>)
    guards.set(tag, guard)
  }
  return guard(error)
}

/**
 * The {@link Problem} of any error core fails with, told apart by its `_tag`; `undefined` for
 * anything else (a defect, another library's error). An {@link InvalidInput.InvalidInput} with one
 * `InvalidInput`'s issues come along, each with its own code, path and message.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromError = (error: unknown): Problem | undefined => {
  if (typeof error !== "object" || error === null) return undefined
  const tag: unknown = (error as { readonly _tag?: unknown })._tag
  if (typeof tag !== "string" || !Object.prototype.hasOwnProperty.call(refusals, tag)) return undefined
  if (!isInstance(tag as Tag, error)) return undefined
  const refusal = refusals[tag as Tag] as Refusal<CoreError>
  const e = error as CoreError
  const message = refusal.explain(e)
  const issues = e._tag === "InvalidInput" || e._tag === "StorageCorruptRecord" ? e.issues : []
  return { code: e._tag, path: [], message, issues }
}

const refusalEntries: ReadonlyArray<Entry> = refusalTags.map((tag) => {
  const r = refusals[tag]
  return { kind: "refusal", code: tag, zh: r.meaning.zh, en: r.meaning.en, module: r.module }
})

const inputEntries: ReadonlyArray<Entry> = InvalidInput.issueCodes.map((code) => ({
  kind: "input",
  code,
  zh: InvalidInput.issueMeaning[code].zh,
  en: InvalidInput.issueMeaning[code].en,
  module: "base/InvalidInput"
}))

interface DiagnosticMeaning {
  readonly module: string
  readonly severity: Diagnostic.Severity
  readonly zh: string
  readonly en: string
}

// The checks of the organisation and the village registers. Keyed by their code unions, so a new
// code without its meaning does not compile. A code several checks share (PERIOD_ORDER,
// KINSHIP_SELF) is listed once, under the module that gives it.
const otherDiagnostics: {
  readonly [
    C in Organisation.TreeCode | Cadre.RosterCode | Mentoring.Code | SupervisionCommittee.Code | Rectification.HistoryCode
  ]: DiagnosticMeaning
} = {
  PERIOD_ORDER: {
    module: "base/Period",
    severity: "error",
    zh: "期间的结束日期早于开始日期",
    en: "A period ends before it starts"
  },
  ORGANISATION_DUPLICATE_ID: {
    module: "org/Organisation",
    severity: "error",
    zh: "县、镇或村的编号重复",
    en: "Two counties, towns or villages share an id"
  },
  ORGANISATION_UNKNOWN_PARENT: {
    module: "org/Organisation",
    severity: "error",
    zh: "镇所属的县或村所属的镇不存在",
    en: "A town's county or a village's town is not in the lists"
  },
  ORGANISATION_CODE_MISMATCH: {
    module: "org/Organisation",
    severity: "warning",
    zh: "统计用区划代码没有以上级的代码开头",
    en: "A statistical division code does not start with its parent's code"
  },
  KINSHIP_SELF: {
    module: "org/Kinship",
    severity: "error",
    zh: "亲属关系的双方是同一人",
    en: "A kinship relation links a person to themselves"
  },
  ROSTER_DUPLICATE_CADRE: {
    module: "org/Cadre",
    severity: "error",
    zh: "名册中干部编号重复",
    en: "Two cadres on the roster share an id"
  },
  ROSTER_UNKNOWN_CADRE: {
    module: "org/Cadre",
    severity: "error",
    zh: "任职或亲属关系所指的干部不在名册中",
    en: "An appointment or relation names a cadre who is not on the roster"
  },
  ROSTER_UNKNOWN_UNIT: {
    module: "org/Cadre",
    severity: "error",
    zh: "任职单位不在组织架构中",
    en: "An appointment's unit is not in the organisation tree"
  },
  ROSTER_SOLE_POST_OVERLAP: {
    module: "org/Cadre",
    severity: "warning",
    zh: "只能由一人担任的职务在同一时间有两人担任",
    en: "A post held by one person at a time is held by two at once"
  },
  MENTORING_SELF: {
    module: "village/Mentoring",
    severity: "error",
    zh: "结对的导师和学员是同一人",
    en: "A pair's mentor and mentee are the same cadre"
  },
  MENTORING_MENTOR_NOT_RETIRED_SECRETARY: {
    module: "village/Mentoring",
    severity: "error",
    zh: "导师在结对开始前未曾担任并卸任村党组织书记",
    en: "The mentor had not served and left a village party secretary post before the pair began"
  },
  MENTORING_MENTOR_HOLDS_POST: {
    module: "village/Mentoring",
    severity: "error",
    zh: "导师在结对开始时仍在任，导师应为离任干部",
    en: "The mentor still holds a post when the pair begins; a mentor has left office"
  },
  MENTORING_MENTEE_NOT_CADRE: {
    module: "village/Mentoring",
    severity: "error",
    zh: "学员在结对开始时未担任任何职务",
    en: "The mentee holds no post when the pair begins; a mentee is a serving cadre"
  },
  MENTORING_NO_GOALS: {
    module: "village/Mentoring",
    severity: "warning",
    zh: "结对未设定帮带目标",
    en: "The pair has no goal"
  },
  MENTORING_TARGET_OUTSIDE_PERIOD: {
    module: "village/Mentoring",
    severity: "warning",
    zh: "帮带目标的期限不在结对期间内",
    en: "A goal falls due outside the pair's period"
  },
  SUPERVISION_COMMITTEE_SIZE: {
    module: "village/SupervisionCommittee",
    severity: "error",
    zh: "村务监督委员会人数不在规定范围内",
    en: "The supervision committee has too few or too many members"
  },
  SUPERVISION_COMMITTEE_CHAIR: {
    module: "village/SupervisionCommittee",
    severity: "error",
    zh: "村务监督委员会没有主任，或主任不止一名",
    en: "The supervision committee has no chair, or more than one"
  },
  SUPERVISION_COMMITTEE_INCOMPATIBLE_POST: {
    module: "village/SupervisionCommittee",
    severity: "error",
    zh: "成员担任了不得兼任村务监督委员会成员的职务",
    en: "A member holds a post that may not sit on the supervision committee"
  },
  SUPERVISION_COMMITTEE_RELATIVE: {
    module: "village/SupervisionCommittee",
    severity: "error",
    zh: "成员是村“两委”主要干部的近亲属，不得担任村务监督委员会成员",
    en: "A member is a close relative of a leading village cadre and may not sit on the committee"
  },
  RULEBOOK_NOT_IN_FORCE: {
    module: "village/SupervisionCommittee",
    severity: "error",
    zh: "该日期没有生效的规则集，无法核对村务监督委员会",
    en: "No rulebook edition is in force on the date, so the committee could not be checked"
  },
  RECTIFICATION_UNKNOWN_CATEGORY: {
    module: "village/Rectification",
    severity: "error",
    zh: "整治类别不在类别目录中：请先登记",
    en: "The rectification category is not in the catalogue: add it first"
  },
  RECTIFICATION_OVERLAP: {
    module: "village/Rectification",
    severity: "error",
    zh: "同一个村的两个整治期重叠",
    en: "Two rectification periods of one village overlap"
  }
}

const exerciseEntries: ReadonlyArray<Entry> = (Object.keys(exerciseMeanings) as Array<Exercise.Code>).map((code) => ({
  kind: "diagnostic",
  code,
  severity: exerciseWeights[code].severity,
  zh: exerciseMeanings[code].zh,
  en: exerciseMeanings[code].en,
  module: "powerlist/Exercise"
}))

const validationEntries: ReadonlyArray<Entry> = (Object.keys(validationCodes) as Array<keyof typeof validationCodes>).map((code) => ({
  kind: "diagnostic",
  code,
  severity: validationCodes[code].severity,
  zh: validationCodes[code].meaning.zh,
  en: validationCodes[code].meaning.en,
  module: "powerlist/PowerList"
}))

const otherEntries: ReadonlyArray<Entry> = (Object.keys(otherDiagnostics) as Array<keyof typeof otherDiagnostics>).map((code) => {
  const d = otherDiagnostics[code]
  return { kind: "diagnostic", code, severity: d.severity, zh: d.zh, en: d.en, module: d.module }
})

/**
 * Every code core gives, with its meaning in Chinese and English: the input issues of the boundary,
 * the refusals (each error's `_tag`) and the diagnostics of its checks (with their severity). A code
 * that two modules give with different meanings (`RULEBOOK_NOT_IN_FORCE`, `UNKNOWN_POST`) is listed
 * under each.
 *
 * @since 0.1.0
 * @category constants
 */
export const catalogue: ReadonlyArray<Entry> = [
  ...inputEntries,
  ...refusalEntries,
  ...validationEntries,
  ...exerciseEntries,
  ...otherEntries
]
