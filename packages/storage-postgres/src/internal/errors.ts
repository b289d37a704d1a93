/**
 * Turns driver failures into the port's `StorageError`, with a message a person can act on.
 *
 * @internal
 */
import { StorageAdapter } from "@qinglian/core"

/** The SQLSTATE (`23505`, `57P01`, ...) anywhere in a cause chain. @internal */
export const sqlState = (error: unknown): string | undefined =>
  StorageAdapter.causeCode(error, (code) => /^[0-9A-Z]{5}$/.test(code))

const messages = StorageAdapter.causeMessages

/**
 * The connection to the server broke (class 08, an administrator's termination 57P01–57P03, or the
 * driver's own "terminated" errors). The server rolled back whatever transaction it was in.
 *
 * @internal
 */
export const isConnectionLost = (error: unknown): boolean => {
  const state = sqlState(error)
  if (state !== undefined && (state.startsWith("08") || state === "57P01" || state === "57P02" || state === "57P03")) {
    return true
  }
  return messages(error).some((m) => /connection terminated|terminating connection|connection error|not queryable|ECONNRESET|ECONNREFUSED|EPIPE/i.test(m))
}

/**
 * Maps any failure of `operation` to a `StorageError`. A lost connection says so, since nothing
 * was written and a retry on a fresh connection is the fix.
 *
 * @internal
 */
export const toStorageError = (operation: string) => (error: unknown): StorageAdapter.StorageError => {
  if (error instanceof StorageAdapter.StorageError) return error
  const state = sqlState(error)
  const described = `${messages(error).join(": ")}${state === undefined ? "" : ` [SQLSTATE ${state}]`}`
  return new StorageAdapter.StorageError({
    operation,
    message: isConnectionLost(error)
      ? `the connection to PostgreSQL was lost; the transaction was rolled back and nothing was written, retry (${described})`
      : described,
    cause: error
  })
}
