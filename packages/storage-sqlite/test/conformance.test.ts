import { suite } from "@qinglian/storage-conformance"
import { SqliteStorage } from "@qinglian/storage-sqlite"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"

// A fresh database file per test, as deployed (WAL, file locks), removed when the test's layer closes.
const freshFile = Layer.unwrapScoped(
  Effect.map(
    Effect.acquireRelease(
      Effect.sync(() => fs.mkdtempSync(path.join(os.tmpdir(), "qinglian-sqlite-"))),
      (dir) => Effect.sync(() => fs.rmSync(dir, { recursive: true, force: true }))
    ),
    (dir) => SqliteStorage.layerWithTamper({ filename: path.join(dir, "store.db") })
  )
)

suite("sqlite", () => freshFile, {
  capabilities: { transactions: "native", durable: true, multiProcess: true, bulkImport: "native" }
})
