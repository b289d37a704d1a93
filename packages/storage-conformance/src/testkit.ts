/**
 * Test machinery for what only several processes can show about an adapter: a process killed in
 * the middle of a bulk import, two processes writing one store at once. The test (the parent)
 * starts a script with {@link startChild} and reads what it reports; the script (the child) opens
 * the real adapter and runs a program such as {@link bulkImport}, reporting each step with
 * {@link say}, one line on stdout (pipes are synchronous on Linux, so a line the parent has read
 * was really written).
 *
 * It imports neither vitest nor the suite, so a child script can import it:
 * `@qinglian/storage-conformance/testkit`. Tests find the same functions as `Testkit` in
 * `@qinglian/storage-conformance`.
 *
 * @example
 * ```ts
 * import * as Testkit from "@qinglian/storage-conformance/testkit"
 *
 * // In a vitest test: run a child script and wait for its first report.
 * export const importing = async (file: string) => {
 *   const child = Testkit.startChild({ script: "./test/fixtures/child.ts", args: ["import", file, "300000", "10000"] })
 *   await child.waitFor(/^progress 3$/)
 *   child.process.kill("SIGKILL")
 *   return (await child.exited).signal
 * }
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */
import { StorageAdapter } from "@qinglian/core"
import * as Effect from "effect/Effect"
import { type ChildProcess, spawn } from "node:child_process"

// --- the parent's side ---------------------------------------------------------------------------

/**
 * What to start: `node <execArgv> <script> <args>`, in `cwd`.
 *
 * @since 0.1.0
 * @category models
 */
export interface ChildOptions {
  /** The script's path. */
  readonly script: string
  readonly args?: ReadonlyArray<string> | undefined
  /** The working directory. Default: this process's. */
  readonly cwd?: string | undefined
  /**
   * Node's own options, before the script. Default `["--import", "tsx"]`, so the script may be
   * TypeScript; add `"--conditions", "source"` to run a workspace's packages from their sources.
   */
  readonly execArgv?: ReadonlyArray<string> | undefined
}

/**
 * A started child process and what it has reported so far.
 *
 * @since 0.1.0
 * @category models
 */
export interface Child {
  readonly process: ChildProcess
  /** The lines read from its stdout, in order, without their newline. */
  readonly lines: Array<string>
  /** What it has written to stderr so far. */
  readonly stderr: () => string
  /**
   * Resolves with the first line matching `pattern` (one read already counts), and rejects with its
   * stdout and stderr if the child exits first.
   */
  readonly waitFor: (pattern: RegExp) => Promise<string>
  /** Resolves when the child exits, with its exit code or the signal that ended it. */
  readonly exited: Promise<Exit>
}

/**
 * How a child process ended: its exit code, or the signal that ended it.
 *
 * @since 0.1.0
 * @category models
 */
export interface Exit {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
}

/**
 * Starts a child process with piped stdio and collects its stdout line by line.
 *
 * @since 0.1.0
 * @category parent
 */
export const startChild = (options: ChildOptions): Child => {
  const child = spawn(
    process.execPath,
    [...(options.execArgv ?? ["--import", "tsx"]), options.script, ...(options.args ?? [])],
    { cwd: options.cwd, stdio: ["pipe", "pipe", "pipe"] }
  )
  const lines: Array<string> = []
  const waiters: Array<{ pattern: RegExp; resolve: (line: string) => void; reject: (e: Error) => void }> = []
  let stderr = ""
  let buffered = ""
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  child.stdout.on("data", (chunk: Buffer) => {
    buffered += chunk.toString()
    let newline = buffered.indexOf("\n")
    while (newline >= 0) {
      const line = buffered.slice(0, newline)
      buffered = buffered.slice(newline + 1)
      lines.push(line)
      for (let i = waiters.length - 1; i >= 0; i--) {
        if (waiters[i]!.pattern.test(line)) waiters.splice(i, 1)[0]!.resolve(line)
      }
      newline = buffered.indexOf("\n")
    }
  })
  const exited = new Promise<Exit>((resolve) =>
    child.on("exit", (code, signal) => {
      for (const w of waiters.splice(0)) {
        w.reject(new Error(`child exited (${code ?? signal}) before ${w.pattern}; stdout: ${lines.join(" | ")}; stderr: ${stderr}`))
      }
      resolve({ code, signal })
    })
  )
  return {
    process: child,
    lines,
    stderr: () => stderr,
    exited,
    waitFor: (pattern) => {
      const seen = lines.find((line) => pattern.test(line))
      if (seen !== undefined) return Promise.resolve(seen)
      return new Promise((resolve, reject) => waiters.push({ pattern, resolve, reject }))
    }
  }
}

/**
 * Kills `child` with SIGKILL as soon as it has reported a line matching each of `patterns`, in
 * order (e.g. `ready`, then `progress 3`), and resolves with how it ended. Rejects, without
 * killing, if it exits first.
 *
 * @since 0.1.0
 * @category parent
 */
export const killAfter = async (child: Child, ...patterns: ReadonlyArray<RegExp>): Promise<Exit> => {
  for (const pattern of patterns) await child.waitFor(pattern)
  child.process.kill("SIGKILL")
  return child.exited
}

/**
 * Starts several children's work at once: waits until each has said `ready`, then sends each the
 * go-ahead that {@link waitForGo} waits for, and resolves with how each ended, in order.
 *
 * @since 0.1.0
 * @category parent
 */
export const runTogether = async <const C extends ReadonlyArray<Child>>(
  children: C
): Promise<{ -readonly [K in keyof C]: Exit }> => {
  await Promise.all(children.map((child) => child.waitFor(/^ready$/)))
  for (const child of children) child.process.stdin!.write("go\n")
  return (await Promise.all(children.map((child) => child.exited))) as { -readonly [K in keyof C]: Exit }
}

// --- the child's side ----------------------------------------------------------------------------

/**
 * Reports one step to the parent: `line` and a newline on stdout.
 *
 * @since 0.1.0
 * @category child
 */
export const say = (line: string): Effect.Effect<void> => Effect.sync(() => process.stdout.write(`${line}\n`))

/**
 * Waits for the parent's signal to start (anything written to stdin, as {@link runTogether} does),
 * then closes stdin, so that several children start writing together.
 *
 * @since 0.1.0
 * @category child
 */
export const waitForGo: Effect.Effect<void> = Effect.zipRight(
  Effect.promise(() => new Promise((resolve) => process.stdin.once("data", resolve))),
  Effect.sync(() => {
    process.stdin.destroy()
  })
)

/**
 * The `i`-th document of {@link bulkImport}: a task in collection `"tasks"`, id `task-0000042`,
 * with one index, `villageWeek`.
 *
 * @since 0.1.0
 * @category child
 */
export const importedTask = (i: number): StorageAdapter.DocumentWrite => ({
  collection: "tasks",
  id: `task-${String(i).padStart(7, "0")}`,
  expectedVersion: 0,
  data: { villageId: `v${i % 1000}`, week: "2026-W48", owner: `cadre-${i % 97}`, quantity: 1 + (i % 9), note: "按时完成" },
  indexes: { villageWeek: `v${i % 1000}:2026-W48` }
})

/**
 * A bulk import in one transaction, on the adapter in context. First it commits one document
 * (`before/one`, which must survive a kill) and says `ready`; then, in one transaction, it writes
 * `documents` tasks ({@link importedTask}) with one `putDocuments` call per `perCall` of them,
 * saying `progress <n>` after call n; it says `committed` once the transaction has committed. A
 * parent that kills it after `progress 3` must find no task and `before/one` in the store.
 *
 * @since 0.1.0
 * @category child
 */
export const bulkImport = (
  documents: number,
  perCall: number
): Effect.Effect<void, StorageAdapter.StorageError | StorageAdapter.ConcurrencyConflict, StorageAdapter.StorageAdapter> =>
  Effect.gen(function*() {
    const storage = yield* StorageAdapter.StorageAdapter
    // Committed before the big import: must survive the kill.
    yield* storage.putDocument({ collection: "before", id: "one", expectedVersion: 0, data: 1, indexes: {} })
    yield* say("ready")
    yield* storage.transaction(Effect.gen(function*() {
      for (let start = 0, call = 1; start < documents; start += perCall, call++) {
        const writes: Array<StorageAdapter.DocumentWrite> = []
        for (let i = start; i < Math.min(documents, start + perCall); i++) writes.push(importedTask(i))
        yield* storage.putDocuments(writes)
        yield* say(`progress ${call}`)
      }
    }))
    yield* say("committed")
  })
