/**
 * Opening a sealed whistleblower identity without a policy or a log, for tests, fixtures and
 * recovery tools. Applications reveal a reporter with `Whistleblower.reveal`, which loads the case
 * from the store, applies the access policy and logs the attempt first.
 *
 * ```ts
 * import { WhistleblowerUnsafe } from "@qinglian/core/testing"
 * const identity = yield* WhistleblowerUnsafe.unseal(caseId, sealed)   // needs WhistleblowerKey
 * ```
 *
 * @since 0.1.0
 */
import * as Sealing from "../supervision/WhistleblowerSealing.js"

/**
 * Opens a sealed identity with the key the keyring holds under its `keyId`. Policy-free: it checks
 * no access policy and writes no access log. Fails with `WhistleblowerUnreadable` for a key the
 * ring does not hold, another case, an altered ciphertext, or an IV or tag of the wrong length.
 *
 * @since 0.1.0
 * @category sealing
 */
export const unseal = Sealing.unseal
