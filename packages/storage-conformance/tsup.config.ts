import { defineConfig } from "tsup"

export default defineConfig({
  entry: ["src/index.ts", "src/testkit.ts"],
  // ESM only: the suite imports vitest, which refuses to be loaded with require().
  format: ["esm"],
  // Declarations come from tsc, one per module (see the build script): a bundled rollup of
  // declarations can export a value as a type only (`export { type X as Y }`).
  dts: false,
  sourcemap: true,
  clean: true,
  target: "node20",
  tsconfig: "tsconfig.build.json"
})
