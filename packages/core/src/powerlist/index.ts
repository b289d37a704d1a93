/**
 * The micro-power list (小微权力清单): its format, its validation, the check of each exercise against it, and its store.
 *
 * ```ts
 * import { Exercise } from "@qinglian/core/powerlist"
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as Exercise from "./Exercise.js"
/** @since 0.1.0 */
export * as PowerList from "./PowerList.js"
/** @since 0.1.0 */
export * as PowerListStore from "./PowerListStore.js"
