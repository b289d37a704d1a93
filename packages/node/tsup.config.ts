import { defineConfig } from "tsup"

export default defineConfig([
  {
    entry: ["src/index.ts"],
    format: ["esm", "cjs"],
    // Declarations come from tsc, one per module (see the build script), as in the other packages:
    // a bundled rollup of declarations can export a value as a type only.
    dts: false,
    sourcemap: true,
    clean: true,
    target: "node20",
    tsconfig: "tsconfig.build.json"
  },
  {
    // The `qinglian` bin: ESM only, with a shebang so npm can link it.
    entry: { cli: "src/cli/main.ts" },
    format: ["esm"],
    dts: false,
    sourcemap: true,
    clean: false,
    target: "node20",
    tsconfig: "tsconfig.build.json",
    banner: { js: "#!/usr/bin/env node" }
  }
])
