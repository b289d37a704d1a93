/**
 * The working-day calendar (调休 included) and deadlines counted on it.
 *
 * ```ts
 * import { WorkCalendar } from "@qinglian/core/calendar"
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as WorkCalendar from "./WorkCalendar.js"
