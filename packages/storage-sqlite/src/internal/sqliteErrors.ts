/**
 * Turns driver failures into the port's `StorageError`, with a message a person can act on.
 *
 * @internal
 */
import { StorageAdapter } from "@qinglian/core"

/** The SQLite result code (`SQLITE_BUSY`, `SQLITE_CONSTRAINT_PRIMARYKEY`, ...) anywhere in a cause chain. @internal */
export const sqliteCode = (error: unknown): string | undefined =>
  StorageAdapter.causeCode(error, (code) => code.startsWith("SQLITE_"))

/** Another connection holds the lock we need (after waiting the busy timeout). @internal */
export const isBusy = (error: unknown): boolean => {
  const code = sqliteCode(error)
  return code !== undefined && (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"))
}

const describe = (error: unknown): string => {
  const parts = StorageAdapter.causeMessages(error)
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
