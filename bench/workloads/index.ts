// Every workload `npm run bench` knows, in the order it runs them. Add yours here.
import type { Workload } from "../harness.js"
import { auditVerifySqlite } from "./audit-verify.js"
import { calendarLarge } from "./calendar-large.js"
import { coldImport } from "./cold-import.js"
import { nodeColdStart } from "./node-cold-start.js"
import { memoryIngest } from "./memory-ingest.js"
import { postgresIngest } from "./postgres-ingest.js"
import { powerList } from "./power-list.js"
import { rulebookAt } from "./rulebook-at.js"
import { scoringProvinceWeek } from "./scoring-province-week.js"
import { sqliteIngest } from "./sqlite-ingest.js"
import { supervisionDecide, supervisionExecuteLong, supervisionExecuteLongMemory, supervisionFold } from "./supervision.js"
import { typedWritesMemory, typedWritesSqlite } from "./typed-writes.js"

export const workloads: ReadonlyArray<Workload<unknown>> = [rulebookAt, sqliteIngest, postgresIngest, memoryIngest, typedWritesMemory, typedWritesSqlite, powerList, supervisionFold, supervisionDecide, supervisionExecuteLong, supervisionExecuteLongMemory, scoringProvinceWeek, auditVerifySqlite, coldImport, nodeColdStart, calendarLarge]
