/**
 * qinglian scoring: the weekly assessment of village cadres (一周三晒: 一周一安排、一周一盘点、
 * 一周一考核) and the annual rubric (年度目标责任制考核), built on `@qinglian/core`.
 *
 * This release ships the package name only; the assessment and the rubric land in a later release.
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
