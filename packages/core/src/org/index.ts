/**
 * The organisation model: posts, counties, towns and villages, cadres and their terms, kinship.
 *
 * ```ts
 * import { Cadre } from "@qinglian/core/org"
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as Cadre from "./Cadre.js"
/** @since 0.1.0 */
export * as Kinship from "./Kinship.js"
/** @since 0.1.0 */
export * as Organisation from "./Organisation.js"
/** @since 0.1.0 */
export * as Post from "./Post.js"
/** @since 0.1.0 */
export * as OrgStore from "./OrgStore.js"
