// The walls between core's folders, checked by dependency-cruiser in `npm test` (`npm run check:deps`).
// docs/where-things-live.md explains them for someone adding a rule set.
//
// The order:   base  ←  org, rulebook, calendar  ←  storage  ←  the domains (powerlist, supervision, village)
// - base imports no other folder.
// - org, rulebook and calendar import base, and each other only along the edges declared below
//   (rulebook → org for posts and kinship; calendar → rulebook for its parameters).
// - storage imports base only: it knows no domain. A domain's store (OrgStore, RulebookStore,
//   PowerListStore, CaseStore) lives in the domain's folder and imports storage.
// - a domain imports the layers below it, and another domain only along a declared edge (none yet).
// - testing and examples sit on top: testing imports storage (tamper hooks) and supervision (the
//   policy-free whistleblower unseal); examples import the domains.
// - `internal/` files are private to their folder, and import their folder's facades by type only,
//   so that a facade can import its internals without a cycle.
// - no cycles through value imports anywhere (a type-only import is erased at build time).
const core = "^packages/core/src/"

// For each folder, the folders it may import besides itself.
const allowed = {
  base: [],
  org: ["base"],
  rulebook: ["base", "org"],
  calendar: ["base", "rulebook"],
  storage: ["base"],
  powerlist: ["base", "org", "rulebook", "calendar", "storage"],
  supervision: ["base", "org", "rulebook", "calendar", "storage"],
  village: ["base", "org", "rulebook", "calendar", "storage"],
  testing: ["base", "storage", "supervision"],
  examples: ["base", "org", "rulebook", "calendar", "powerlist"]
}

// Stores of the lower folders: they build on storage, which the rest of their folder may not import.
const stores = ["org/OrgStore\\.ts$", "rulebook/RulebookStore\\.ts$"]

const folderRules = Object.entries(allowed).map(([folder, may]) => ({
  name: `folder-order-${folder}`,
  comment: `${folder}/ may import only ${may.length === 0 ? "itself" : [folder, ...may].join(", ")}`,
  severity: "error",
  from: { path: `${core}${folder}/`, pathNot: stores.map((s) => `${core}${s}`) },
  to: { path: core, pathNot: [`${core}(${[folder, ...may].join("|")})/`] }
}))

module.exports = {
  forbidden: [
    {
      name: "no-value-cycles",
      comment: "no import cycle made of value imports (type-only imports are erased at build time)",
      severity: "error",
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } }
    },
    ...folderRules,
    {
      name: "stores-build-on-storage-only",
      comment: "a lower folder's store may add storage, and nothing else, to what its folder imports",
      severity: "error",
      from: { path: `${core}(org|rulebook)/[A-Za-z]+Store\\.ts$` },
      to: { path: core, pathNot: [`${core}(base|org|rulebook|storage)/`] }
    },
    {
      name: "internal-is-private",
      comment: "a folder's internal/ files are imported only from inside that folder",
      severity: "error",
      from: { path: `${core}([^/]+)/` },
      to: { path: `${core}[^/]+/internal/`, pathNot: `${core}$1/` }
    },
    {
      name: "internal-imports-facades-by-type",
      comment: "internal/ files import their folder's facades by type only",
      severity: "error",
      from: { path: `${core}([^/]+)/internal/` },
      to: { path: `${core}$1/[^/]+\\.ts$`, dependencyTypesNot: ["type-only"] }
    },
    {
      name: "packages-use-public-entry-points",
      comment: "other packages import @qinglian/core through its exports, never its files",
      severity: "error",
      from: { path: "^packages/(?!core/)" },
      to: { path: "^packages/core/src/(?!index\\.ts$|[a-z]+/index\\.ts$)" }
    }
  ],
  options: {
    tsPreCompilationDeps: true,
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(dist|node_modules)/" },
    enhancedResolveOptions: { conditionNames: ["source", "import", "require", "default"], exportsFields: ["exports"] }
  }
}
