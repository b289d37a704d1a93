/**
 * The conformance suite itself.
 *
 * @since 0.1.0
 */
import { assert, describe, it } from "@effect/vitest"
import { StorageAdapter } from "@qinglian/core"
import * as Effect from "effect/Effect"
import type * as Layer from "effect/Layer"

/**
 * Builds a FRESH, empty store each time it is called: the suite calls it once per test. The layer
 * must provide `StorageAdapter`; it should also provide the test-only `StorageTamper` hook (unless
 * `tamper: false`).
 *
 * @since 0.1.0
 * @category models
 */
export type MakeLayer = () => Layer.Layer<StorageAdapter.StorageAdapter, unknown>

/**
 * Options of {@link suite}.
 *
 * @since 0.1.0
 * @category models
 */
export interface SuiteOptions {
  /** What the adapter claims to do natively; the suite checks the adapter reports exactly this. */
  readonly capabilities: StorageAdapter.Capabilities
  /** Whether the layer provides `StorageTamper` so tamper detection can be proved. Default `true`. */
  readonly tamper?: boolean
  /** fast-check runs for the property tests. Default 50. */
  readonly numRuns?: number
  /** Fibers racing on one stream. Default 20. */
  readonly racers?: number
}

/**
 * Registers the conformance tests for one adapter under `describe(name)`.
 *
 * @since 0.1.0
 * @category suite
 */
export const suite = (name: string, makeLayer: MakeLayer, options: SuiteOptions): void => {
  const run = <A, E>(self: Effect.Effect<A, E, StorageAdapter.StorageAdapter>) =>
    Effect.provide(self, makeLayer())
  describe(`storage conformance: ${name}`, () => {
    it.effect("reports the declared capabilities", () =>
      run(Effect.gen(function*() {
        const adapter = yield* StorageAdapter.StorageAdapter
        assert.deepStrictEqual(adapter.capabilities, options.capabilities)
      })))
  })
}
