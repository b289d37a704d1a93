// Mutation testing of the in-memory adapter against the published conformance suite
// (`npm run mutation`). Not part of CI: a full run takes minutes. Survivors and why they remain are
// listed in docs/storage-adapters.md.
/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  vitest: { configFile: "packages/storage-memory/vitest.mutation.config.ts", related: false },
  mutate: ["packages/storage-memory/src/**/*.ts"],
  coverageAnalysis: "perTest",
  concurrency: 2,
  timeoutMS: 30_000,
  reporters: ["clear-text", "progress", "json"],
  jsonReporter: { fileName: ".tmp/stryker/storage-memory.json" },
  tempDirName: ".tmp/stryker/sandbox",
  incremental: false,
  thresholds: { high: 95, low: 90, break: 90 }
}
