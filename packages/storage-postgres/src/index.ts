/**
 * PostgreSQL storage adapter for `@qinglian/core`, for systems that outgrow one machine.
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
export const packageName = "@qinglian/storage-postgres" as const
