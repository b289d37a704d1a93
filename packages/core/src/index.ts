/**
 * qinglian core: the organisation model, the effective-dated Rulebook, the working-day calendar,
 * the micro-power list and its checks, supervision cases and the storage ports.
 *
 * @packageDocumentation
 * @since 0.1.0
 */

// No doc comment on these re-exports: each namespace's page shows its module's own comment (with
// an example), which a comment here would replace.
export * as Audit from "./storage/Audit.js"
export * as Cadre from "./org/Cadre.js"
export * as Citation from "./base/Citation.js"
export * as Diagnostic from "./base/Diagnostic.js"
export * as Examples from "./examples/Examples.js"
export * as Exercise from "./powerlist/Exercise.js"
export * as FourForms from "./supervision/FourForms.js"
export * as Ids from "./base/Ids.js"
export * as InvalidInput from "./base/InvalidInput.js"
export * as JsonSchema from "./JsonSchema.js"
export * as Kinship from "./org/Kinship.js"
export * as LocalDate from "./base/LocalDate.js"
export * as Measure from "./rulebook/Measure.js"
export * as Mentoring from "./village/Mentoring.js"
export * as Money from "./base/Money.js"
export * as Organisation from "./org/Organisation.js"
export * as Period from "./base/Period.js"
export * as Post from "./org/Post.js"
export * as Problem from "./Problem.js"
export * as PowerList from "./powerlist/PowerList.js"
export * as Rectification from "./village/Rectification.js"
export * as Rulebook from "./rulebook/Rulebook.js"
export * as Sanction from "./supervision/Sanction.js"
export * as Storage from "./storage/Storage.js"
export * as StorageAdapter from "./storage/StorageAdapter.js"
export * as SupervisionCase from "./supervision/SupervisionCase.js"
export * as SupervisionCommittee from "./village/SupervisionCommittee.js"
export * as Threshold from "./rulebook/Threshold.js"
export * as VersionExists from "./storage/VersionExists.js"
export * as Whistleblower from "./supervision/Whistleblower.js"
export * as WorkCalendar from "./calendar/WorkCalendar.js"
export * as OrgStore from "./org/OrgStore.js"
export * as PowerListStore from "./powerlist/PowerListStore.js"
export * as RulebookStore from "./rulebook/RulebookStore.js"
export * as CaseStore from "./supervision/CaseStore.js"
