/**
 * `@qinglian/node`: qinglian for Node apps that do not use Effect. One call,
 * {@link createQinglian}, opens storage and returns Promise-based namespaces over the rules engine,
 * to keep for the app's life. The rule: a call rejects only when it refused (a
 * {@link QinglianError} with a stable `code`, and nothing was changed); what the library finds
 * (diagnostics, findings, dashboards) is returned as plain data.
 *
 * @example
 * ```ts
 * import { createQinglian, isQinglianError } from "@qinglian/node"
 *
 * const ql = await createQinglian({ storage: { memory: true } }) // { sqlite: "county.db" } in production
 * const report = await ql.powerLists.validate("{ not a list")   // data, never a rejection
 * console.log(report.ok, report.issues[0]?.code)                 // false "NOT_JSON"
 * try {
 *   await ql.cases.execute("JC-2026-001", { _tag: "DisposeLead", way: "close" }, { actor: "cadre-17", on: "2026-03-05" })
 * } catch (e) {
 *   if (isQinglianError(e, "Forbidden")) console.log(e.code, e.text.zh) // cadre-17 holds no post in the stored roster
 * }
 * await ql.close()
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
  type VerifyStoreOptions,
  type WhistleblowerApi,
  type WriteOptions
} from "./Qinglian.js"
export { type Code, type Issue, isQinglianError, type ProblemJson, QinglianError, type Text } from "./QinglianError.js"
