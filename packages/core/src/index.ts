/**
 * qinglian core: the organisation model, the effective-dated Rulebook, the working-day calendar,
 * the micro-power list and its checks, supervision cases and the storage ports.
 *
 * @packageDocumentation
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as Audit from "./storage/Audit.js"
/** @since 0.1.0 */
export * as Cadre from "./org/Cadre.js"
/** @since 0.1.0 */
export * as Citation from "./base/Citation.js"
/** @since 0.1.0 */
export * as Diagnostic from "./base/Diagnostic.js"
/** @since 0.1.0 */
export * as Examples from "./examples/Examples.js"
/** @since 0.1.0 */
export * as Exercise from "./powerlist/Exercise.js"
/** @since 0.1.0 */
export * as FourForms from "./supervision/FourForms.js"
/** @since 0.1.0 */
export * as Ids from "./base/Ids.js"
/** @since 0.1.0 */
export * as InvalidInput from "./base/InvalidInput.js"
/** @since 0.1.0 */
export * as JsonSchema from "./JsonSchema.js"
/** @since 0.1.0 */
export * as Kinship from "./org/Kinship.js"
/** @since 0.1.0 */
export * as LocalDate from "./base/LocalDate.js"
/** @since 0.1.0 */
export * as Measure from "./rulebook/Measure.js"
/** @since 0.1.0 */
export * as Mentoring from "./village/Mentoring.js"
/** @since 0.1.0 */
export * as Money from "./base/Money.js"
/** @since 0.1.0 */
export * as Organisation from "./org/Organisation.js"
/** @since 0.1.0 */
export * as Period from "./base/Period.js"
/** @since 0.1.0 */
export * as Post from "./org/Post.js"
/** @since 0.1.0 */
export * as Problem from "./Problem.js"
/** @since 0.1.0 */
export * as PowerList from "./powerlist/PowerList.js"
/** @since 0.1.0 */
export * as Rectification from "./village/Rectification.js"
/** @since 0.1.0 */
export * as Rulebook from "./rulebook/Rulebook.js"
/** @since 0.1.0 */
export * as Sanction from "./supervision/Sanction.js"
/** @since 0.1.0 */
export * as Storage from "./storage/Storage.js"
/** @since 0.1.0 */
export * as StorageAdapter from "./storage/StorageAdapter.js"
/** @since 0.1.0 */
export * as SupervisionCase from "./supervision/SupervisionCase.js"
/** @since 0.1.0 */
export * as SupervisionCommittee from "./village/SupervisionCommittee.js"
/** @since 0.1.0 */
export * as Threshold from "./rulebook/Threshold.js"
/** @since 0.1.0 */
export * as Whistleblower from "./supervision/Whistleblower.js"
/** @since 0.1.0 */
export * as WorkCalendar from "./calendar/WorkCalendar.js"
/** @since 0.1.0 */
export * as OrgStore from "./org/OrgStore.js"
/** @since 0.1.0 */
export * as PowerListStore from "./powerlist/PowerListStore.js"
/** @since 0.1.0 */
export * as RulebookStore from "./rulebook/RulebookStore.js"
/** @since 0.1.0 */
export * as CaseStore from "./supervision/CaseStore.js"
