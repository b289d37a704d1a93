import { defineConfig } from "tsup"

// One entry per folder: each is a subpath export (`@qinglian/core/powerlist` …). Code shared
// between entries goes into chunks, in both formats, so a class is one class whichever subpath a
// user imports it from.
const folders = ["base", "org", "rulebook", "calendar", "storage", "powerlist", "supervision", "village", "testing", "examples"]

export default defineConfig({
  entry: {
    index: "src/index.ts",
    ...Object.fromEntries(folders.map((f) => [`${f}/index`, `src/${f}/index.ts`]))
  },
  format: ["esm", "cjs"],
  splitting: true,
  // Declarations come from tsc, one per module (see the build script): the bundled rollup exported
  // some schemas as types only.
  dts: false,
  sourcemap: true,
  clean: true,
  target: "node20",
  tsconfig: "tsconfig.build.json",
  // safe-stable-stringify (the canonical JSON behind digests) is CommonJS behind an ES module
  // wrapper; loaded that way it costs a cold import some 30 ms of CPU, bundled nothing to speak of.
  noExternal: ["safe-stable-stringify"]
})
