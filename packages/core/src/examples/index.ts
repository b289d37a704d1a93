/**
 * Shipped worked examples: the 西属村 central-heating exercise, clean and faulty.
 *
 * ```ts
 * import { Examples } from "@qinglian/core/examples"
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as Examples from "./Examples.js"
