import { fileURLToPath } from "node:url"
import { defineConfig } from "vitest/config"

const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url))

// Tests run against the sources, never against built output.
export default defineConfig({
  resolve: {
    alias: [
      // Core's subpaths (`@qinglian/core/powerlist` …) map to their folders.
      { find: /^@qinglian\/core\/([a-z]+)$/, replacement: fileURLToPath(new URL("./packages/core/src/$1/index.ts", import.meta.url)) },
      ...["core", "scoring", "storage-memory", "storage-sqlite", "storage-postgres", "storage-conformance", "node"].map((pkg) => ({
        find: new RegExp(`^@qinglian/${pkg}$`),
        replacement: src(pkg)
      }))
    ]
  },
  test: {
    include: ["packages/*/test/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    sequence: { concurrent: false }
  }
})
