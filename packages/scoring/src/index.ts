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

// No doc comment on these re-exports: each namespace's page shows its module's own comment (with
// an example), which a comment here would replace.
export * as Examples from "./Examples.js"
export * as Input from "./Input.js"
export * as Points from "./Points.js"
export * as Ranking from "./Ranking.js"
export * as Rubric from "./Rubric.js"
export * as Xccdf from "./Xccdf.js"
export * as Signal from "./Signal.js"
export * as TaskBook from "./TaskBook.js"
export * as WeeklyAssessment from "./WeeklyAssessment.js"
export * as Annual from "./Annual.js"
export * as ScoringStore from "./ScoringStore.js"
export * as Board from "./Board.js"
export * as Codes from "./Codes.js"
