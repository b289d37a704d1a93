import { suite } from "@qinglian/storage-conformance"
import { PostgresStorage } from "@qinglian/storage-postgres"
import { useServer } from "./fixtures/server.js"

// A real server (embedded, or DATABASE_URL); a fresh schema per test, dropped with the server.
const server = useServer()

suite(
  "postgres",
  () => PostgresStorage.layerWithTamper({ url: server.current().url, schema: server.current().freshSchema("conf"), maxConnections: 4 }),
  { capabilities: PostgresStorage.capabilities }
)
