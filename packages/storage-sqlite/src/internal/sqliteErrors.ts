/**
 * Turns driver failures into the port's `StorageError`, with a message a person can act on.
 *
 * @internal
 */
import { StorageAdapter } from "@qinglian/core"

/** The SQLite result code (`SQLITE_BUSY`, `SQLITE_CONSTRAINT_PRIMARYKEY`, ...) anywhere in a cause chain. @internal */
export const sqliteCode = (error: unknown): string | undefined => {
  let current: unknown = error
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const code = (current as { readonly code?: unknown }).code
    if (typeof code === "string" && code.startsWith("SQLITE_")) return code
    current = (current as { readonly cause?: unknown }).cause
  }
  return undefined
}

/** Another connection holds the lock we need (after waiting the busy timeout). @internal */
export const isBusy = (error: unknown): boolean => {
  const code = sqliteCode(error)
  return code !== undefined && (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"))
}

const describe = (error: unknown): string => {
  const parts: Array<string> = []
  let current: unknown = error
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const message = (current as { readonly message?: unknown }).message
    if (typeof message === "string" && message.length > 0 && !parts.includes(message)) parts.push(message)
    current = (current as { readonly cause?: unknown }).cause
  }
  if (parts.length === 0) parts.push(String(error))
  const code = sqliteCode(error)
  return code === undefined ? parts.join(": ") : `${parts.join(": ")} [${code}]`
}

/**
 * Maps any failure of `operation` to a `StorageError`. A busy database gets a message saying so,
 * since that is the one failure a caller should simply retry.
 *
 * @internal
 */
export const toStorageError = (operation: string, busyTimeoutMs: number) => (error: unknown): StorageAdapter.StorageError =>
  error instanceof StorageAdapter.StorageError
    ? error
    : new StorageAdapter.StorageError({
      operation,
      message: isBusy(error)
        ? `the database is busy: another connection held its lock for longer than the busy timeout ` +
          `(${busyTimeoutMs} ms); nothing was written, retry later [${sqliteCode(error)}]`
        : describe(error),
      cause: error
    })
