/**
 * `@qinglian/node`: qinglian for Node apps that do not use Effect.
 *
 * @since 0.1.0
 */
export {}
