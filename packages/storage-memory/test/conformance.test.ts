import { suite } from "@qinglian/storage-conformance"
import { MemoryStorage } from "@qinglian/storage-memory"

// The capabilities are written out, not taken from the adapter, so the suite checks what it reports.
suite("memory", () => MemoryStorage.layerTest(), {
  capabilities: { transactions: "emulated", durable: false, multiProcess: false, bulkImport: "native" }
})
