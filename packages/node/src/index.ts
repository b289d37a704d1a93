/**
 * `@qinglian/node`: qinglian for Node apps that do not use Effect. One call,
 * {@link createQinglian}, opens storage and returns Promise-based namespaces over the rules engine;
 * every refusal rejects with a {@link QinglianError}, and reports are plain data.
 *
 * ```ts
 * import { createQinglian } from "@qinglian/node"
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */
export {
  type AuditApi,
  type AuditReport,
  type CalendarApi,
  type CasesApi,
  createQinglian,
  type ExecuteOptions,
  type Executed,
  type ExercisesApi,
  type OrgApi,
  type PowerListsApi,
  type Qinglian,
  type QinglianOptions,
  type RulebookApi,
  type ScoringApi,
  type StorageOptions,
  type ValidationResult,
  type WhistleblowerApi,
  type WriteOptions
} from "./Qinglian.js"
export { type Code, type Issue, isQinglianError, type ProblemJson, QinglianError, type Text } from "./QinglianError.js"
