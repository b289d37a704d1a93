// Every workload `npm run bench` knows, in the order it runs them. Add yours here.
import type { Workload } from "../harness.js"
import { rulebookAt } from "./rulebookAt.js"

export const workloads: ReadonlyArray<Workload<unknown>> = [rulebookAt]
