// The test run Stryker uses for mutation testing of this adapter (`npm run mutation`): only the
// published conformance suite, so the score says how much of the adapter the suite pins down.
import { fileURLToPath } from "node:url"
import { defineConfig } from "vitest/config"

const src = (pkg: string) => fileURLToPath(new URL(`../${pkg}/src/index.ts`, import.meta.url))

export default defineConfig({
  root: fileURLToPath(new URL("../..", import.meta.url)),
  resolve: {
    alias: {
      "@qinglian/core": src("core"),
      "@qinglian/storage-memory": src("storage-memory"),
      "@qinglian/storage-conformance": src("storage-conformance")
    }
  },
  test: {
    include: ["packages/storage-memory/test/conformance.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000
  }
})
