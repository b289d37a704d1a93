// Every workload `npm run bench` knows, in the order it runs them. Add yours here.
import type { Workload } from "../harness.js"
import { powerList } from "./powerList.js"
import { memoryIngest } from "./memory-ingest.js"
import { rulebookAt } from "./rulebookAt.js"
import { sqliteIngest } from "./sqlite-ingest.js"
import { supervisionDecide, supervisionFold } from "./supervision.js"

export const workloads: ReadonlyArray<Workload<unknown>> = [rulebookAt, sqliteIngest, memoryIngest, powerList, supervisionFold, supervisionDecide]
