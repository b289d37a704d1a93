// A province-week of task documents shared by the storage workloads: ~200 bytes of JSON each, one
// village's task for the week (村务周任务), indexed by village-week.
import type { StorageAdapter } from "@qinglian/core"

export const VILLAGES = 10_000
export const READS = 200
export const WEEK = "2026-W48"
export const COLLECTION = "tasks"

export const villageWeek = (village: number) => `v${String(village).padStart(5, "0")}\u001f${WEEK}`

export const makeWrites = (n: number): Array<StorageAdapter.DocumentWrite> =>
  Array.from({ length: n }, (_, i) => ({
    collection: COLLECTION,
    id: `task-${String(i).padStart(7, "0")}`,
    expectedVersion: 0,
    data: {
      villageId: `v${String(i % VILLAGES).padStart(5, "0")}`,
      week: WEEK,
      kind: i % 3 === 0 ? "patrol" : i % 3 === 1 ? "publicNotice" : "ledgerCheck",
      owner: `cadre-${(i * 7919) % 50_000}`,
      deadline: `2026-12-0${1 + (i % 5)}`,
      quantity: 1 + (i % 12),
      status: "open",
      note: "按时完成并上传凭证"
    },
    indexes: { villageWeek: villageWeek(i % VILLAGES) }
  }))

// The village-weeks read back, spread over the whole range.
export const readKeys = Array.from({ length: READS }, (_, r) => villageWeek((r * 7907) % VILLAGES))
