/**
 * The `qinglian` bin. Runs the command line on the process's arguments and exits with its code
 * (see Exit.ts): 0 clean, 1 errors found, 2 bad input or usage, 3 could not finish.
 *
 * @since 0.1.0
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Cli from "./Cli.js"

Cli.run(process.argv).pipe(
  Effect.provide(Layer.merge(NodeContext.layer, Cli.config)),
  NodeRuntime.runMain({
    disableErrorReporting: true,
    // The exit code is set, not forced: the process then ends once its output is written.
    teardown: (exit, onExit) => {
      if (Exit.isSuccess(exit)) {
        process.exitCode = exit.value as number
        onExit(0)
      } else {
        // Interrupted (Ctrl+C): the conventional 130.
        onExit(130)
      }
    }
  })
)
