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
    // The `qinglian` bin: ESM only, with a shebang so npm can link it. Bundled with its
    // dependencies (all but better-sqlite3's native addon): loading effect's many module files one
    // by one made a clerk wait about 3 s for each command, bundled about 1.2 s. The bundle carries
    // CommonJS dependencies, so it gets a `require` of its own.
    entry: { cli: "src/cli/main.ts" },
    format: ["esm"],
    dts: false,
    // A map of the whole bundle would weigh 10 MB in every install; the bin's errors name their
    // codes, and the sources ship in src/ for anyone debugging it.
    sourcemap: false,
    clean: false,
    target: "node20",
    platform: "node",
    tsconfig: "tsconfig.build.json",
    noExternal: [/^(?!better-sqlite3$)/],
    external: ["better-sqlite3"],
    banner: {
      js: "#!/usr/bin/env node\nimport { createRequire as __createRequire } from \"node:module\"\n" +
        "const require = __createRequire(import.meta.url)"
    }
  }
])
