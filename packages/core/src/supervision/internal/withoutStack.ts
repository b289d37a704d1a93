// A rejected command is an expected answer, not a bug: decide builds its fields itself (validation
// off) and nobody reads its stack, so collecting one would be most of the cost of saying no. The
// limit is restored before anything else runs.
export const withoutStack = <E>(make: () => E): E => {
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = 0
  try {
    return make()
  } finally {
    Error.stackTraceLimit = limit
  }
}
