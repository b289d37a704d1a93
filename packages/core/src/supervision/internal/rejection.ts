// Rejections are expected answers, not bugs: their fields were built by decide (validation off)
// and nobody reads their stack, so collecting one would be most of the cost of saying no.
// Rejections are immutable values, and the same ones recur (a stage, a command, a guard), so they
// are kept in a small cache.
const rejections = new Map<string, unknown>()

export const rejection = <E>(key: string, make: () => E): E => {
  const hit = rejections.get(key)
  if (hit !== undefined) return hit as E
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = 0
  try {
    const e = make()
    if (rejections.size >= 4096) rejections.clear()
    rejections.set(key, e)
    return e
  } finally {
    Error.stackTraceLimit = limit
  }
}
