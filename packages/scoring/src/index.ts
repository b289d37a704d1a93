/**
 * qinglian scoring: the weekly assessment of village cadres (一周三晒: 一周一安排、一周一盘点、
 * 一周一考核) and the annual rubric (年度目标责任制考核), built on `@qinglian/core`.
 *
 * @packageDocumentation
 * @since 0.1.0
 */

/**
 * The name this package is published under.
 *
 * @since 0.1.0
 * @category metadata
 */
export const packageName = "@qinglian/scoring" as const

/** @since 0.1.0 */
export * as Examples from "./Examples.js"
/** @since 0.1.0 */
export * as Input from "./Input.js"
/** @since 0.1.0 */
export * as Points from "./Points.js"
/** @since 0.1.0 */
export * as Ranking from "./Ranking.js"
/** @since 0.1.0 */
export * as Rubric from "./Rubric.js"
/** @since 0.1.0 */
export * as Xccdf from "./Xccdf.js"
/** @since 0.1.0 */
export * as Signal from "./Signal.js"
/** @since 0.1.0 */
export * as TaskBook from "./TaskBook.js"
/** @since 0.1.0 */
export * as WeeklyAssessment from "./WeeklyAssessment.js"
/** @since 0.1.0 */
export * as Annual from "./Annual.js"
/** @since 0.1.0 */
export * as ScoringStore from "./ScoringStore.js"
/** @since 0.1.0 */
export * as Board from "./Board.js"
/** @since 0.1.0 */
export * as Codes from "./Codes.js"
