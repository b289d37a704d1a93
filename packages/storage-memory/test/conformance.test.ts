import { suite } from "@qinglian/storage-conformance"
import { MemoryStorage } from "@qinglian/storage-memory"

suite("memory", () => MemoryStorage.layerTest(), { capabilities: MemoryStorage.capabilities })
