/**
 * Discipline supervision (监督执纪): cases as a typed state machine, the four forms, sanctions, whistleblower sealing and the case store.
 *
 * ```ts
 * import { FourForms } from "@qinglian/core/supervision"
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as Authority from "./Authority.js"
/** @since 0.1.0 */
export * as CaseStore from "./CaseStore.js"
/** @since 0.1.0 */
export * as Command from "./Command.js"
/** @since 0.1.0 */
export * as Deadlines from "./Deadlines.js"
/** @since 0.1.0 */
export * as Decide from "./Decide.js"
/** @since 0.1.0 */
export * as Event from "./Event.js"
/** @since 0.1.0 */
export * as FourForms from "./FourForms.js"
/** @since 0.1.0 */
export * as Guards from "./Guards.js"
/** @since 0.1.0 */
export * as Machine from "./Machine.js"
/** @since 0.1.0 */
export * as Overdue from "./Overdue.js"
/** @since 0.1.0 */
export * as Sanction from "./Sanction.js"
/** @since 0.1.0 */
export * as State from "./State.js"
/** @since 0.1.0 */
export * as SupervisionCase from "./SupervisionCase.js"
/** @since 0.1.0 */
export * as Vocabulary from "./Vocabulary.js"
/** @since 0.1.0 */
export * as Whistleblower from "./Whistleblower.js"
