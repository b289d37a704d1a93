/**
 * qinglian core: the organisation model, the effective-dated Rulebook, the working-day calendar,
 * the micro-power list and its checks, supervision cases and the storage ports.
 *
 * @packageDocumentation
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as Audit from "./Audit.js"
/** @since 0.1.0 */
export * as Cadre from "./Cadre.js"
/** @since 0.1.0 */
export * as Citation from "./Citation.js"
/** @since 0.1.0 */
export * as Diagnostic from "./Diagnostic.js"
/** @since 0.1.0 */
export * as Examples from "./Examples.js"
/** @since 0.1.0 */
export * as Exercise from "./Exercise.js"
/** @since 0.1.0 */
export * as FourForms from "./FourForms.js"
/** @since 0.1.0 */
export * as Ids from "./Ids.js"
/** @since 0.1.0 */
export * as InvalidInput from "./InvalidInput.js"
/** @since 0.1.0 */
export * as JsonSchema from "./JsonSchema.js"
/** @since 0.1.0 */
export * as Kinship from "./Kinship.js"
/** @since 0.1.0 */
export * as LocalDate from "./LocalDate.js"
/** @since 0.1.0 */
export * as Measure from "./Measure.js"
/** @since 0.1.0 */
export * as Mentoring from "./Mentoring.js"
/** @since 0.1.0 */
export * as Money from "./Money.js"
/** @since 0.1.0 */
export * as Organisation from "./Organisation.js"
/** @since 0.1.0 */
export * as Period from "./Period.js"
/** @since 0.1.0 */
export * as Post from "./Post.js"
/** @since 0.1.0 */
export * as PowerList from "./PowerList.js"
/** @since 0.1.0 */
export * as Rectification from "./Rectification.js"
/** @since 0.1.0 */
export * as Rulebook from "./Rulebook.js"
/** @since 0.1.0 */
export * as Sanction from "./Sanction.js"
/** @since 0.1.0 */
export * as Storage from "./Storage.js"
/** @since 0.1.0 */
export * as StorageAdapter from "./StorageAdapter.js"
/** @since 0.1.0 */
export * as SupervisionCase from "./SupervisionCase.js"
/** @since 0.1.0 */
export * as SupervisionCommittee from "./SupervisionCommittee.js"
/** @since 0.1.0 */
export * as Threshold from "./Threshold.js"
/** @since 0.1.0 */
export * as Whistleblower from "./Whistleblower.js"
/** @since 0.1.0 */
export * as WorkCalendar from "./WorkCalendar.js"
