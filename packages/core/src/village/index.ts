/**
 * Village bodies and registers: the supervision committee (监委会), mentoring and rectification (三个一批).
 *
 * ```ts
 * import { Mentoring } from "@qinglian/core/village"
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as Mentoring from "./Mentoring.js"
/** @since 0.1.0 */
export * as Rectification from "./Rectification.js"
/** @since 0.1.0 */
export * as SupervisionCommittee from "./SupervisionCommittee.js"
