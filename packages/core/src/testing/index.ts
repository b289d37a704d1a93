/**
 * Test support: tamper hooks for proving audit detection, and the policy-free whistleblower
 * `unseal` (`WhistleblowerUnsafe`). Not for production code.
 *
 * ```ts
 * import { Tamper } from "@qinglian/core/testing"
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as Tamper from "./Tamper.js"
/** @since 0.1.0 */
export * as WhistleblowerUnsafe from "./WhistleblowerUnsafe.js"
