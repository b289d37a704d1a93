/**
 * Ids, dates, money, citations, diagnostics, periods and the input boundary: what every other folder builds on.
 *
 * ```ts
 * import { Citation } from "@qinglian/core/base"
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as Citation from "./Citation.js"
/** @since 0.1.0 */
export * as Diagnostic from "./Diagnostic.js"
/** @since 0.1.0 */
export * as Ids from "./Ids.js"
/** @since 0.1.0 */
export * as InvalidInput from "./InvalidInput.js"
/** @since 0.1.0 */
export * as LocalDate from "./LocalDate.js"
/** @since 0.1.0 */
export * as Money from "./Money.js"
/** @since 0.1.0 */
export * as Period from "./Period.js"
