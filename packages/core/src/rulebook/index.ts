/**
 * The effective-dated Rulebook: statutory and local parameters with their citations, measures and thresholds.
 *
 * ```ts
 * import { Measure } from "@qinglian/core/rulebook"
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as Measure from "./Measure.js"
/** @since 0.1.0 */
export * as Rulebook from "./Rulebook.js"
/** @since 0.1.0 */
export * as Threshold from "./Threshold.js"
/** @since 0.1.0 */
export * as RulebookStore from "./RulebookStore.js"
