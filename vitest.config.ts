import { fileURLToPath } from "node:url"
import { defineConfig } from "vitest/config"

const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url))

// Tests run against the sources, never against built output.
export default defineConfig({
  resolve: {
    alias: {
      "@qinglian/core": src("core"),
      "@qinglian/scoring": src("scoring"),
      "@qinglian/storage-memory": src("storage-memory"),
      "@qinglian/storage-sqlite": src("storage-sqlite"),
      "@qinglian/storage-postgres": src("storage-postgres"),
      "@qinglian/storage-conformance": src("storage-conformance")
    }
  },
  test: {
    include: ["packages/*/test/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    sequence: { concurrent: false }
  }
})
