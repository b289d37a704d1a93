// Decoding and building a large holiday schedule: every year from 1900 to 2199, each listing 320
// rest-day blocks that span the whole year, about 3.2 MB of JSON whose blocks name 35 million days
// between them. Checking and indexing cost in proportion to the blocks, so this is a few seconds of
// work (a schedule this size took over a minute each to decode and to build when both walked the
// days). The baseline is JSON.parse of the same text: the least any reader of it must do.
import { LocalDate, WorkCalendar } from "@qinglian/core"
import * as Either from "effect/Either"
import { workload } from "../harness.js"

const BLOCKS = 320

interface State {
  readonly text: string
  readonly blocks: number
}

export const calendarLarge = workload<State>({
  name: "calendar-large",
  unit: "blocks/s",
  description: `WorkCalendar.decodeJson + make of a 3.2 MB schedule (300 years × ${BLOCKS} whole-year blocks), vs JSON.parse`,
  target: {
    // Per CPU-second: 96,000 blocks in under 10 s of CPU, where the day-by-day check took 75 s.
    description: "≥ 10,000 blocks per CPU-second",
    met: ({ cpu }) => cpu.figure >= 10_000
  },
  setup: () => {
    const years: Record<string, unknown> = {}
    for (let y = LocalDate.minYear; y <= LocalDate.maxYear; y++) {
      years[String(y)] = { source: `bench ${y}`, restDays: Array.from({ length: BLOCKS }, () => [`${y}-01-01`, `${y}-12-31`, "全年"]), makeUpWorkdays: [] }
    }
    return { text: JSON.stringify({ years }), blocks: (LocalDate.maxYear - LocalDate.minYear + 1) * BLOCKS }
  },
  run: (s) => {
    const data = WorkCalendar.decodeJson(s.text)
    if (Either.isLeft(data)) throw new Error(`calendar-large: ${data.left.message.slice(0, 200)}`)
    const cal = WorkCalendar.make(data.right)
    // Every day is a rest day, so nothing between the first and last date is a working day.
    if (Either.getOrThrow(WorkCalendar.workingDaysBetween(cal, LocalDate.minDate, LocalDate.maxDate)) !== 0) {
      throw new Error("calendar-large: wrong calendar")
    }
    return s.blocks
  },
  baseline: (s) => {
    const parsed = JSON.parse(s.text) as { years: Record<string, { restDays: ReadonlyArray<unknown> }> }
    return Object.values(parsed.years).reduce((n, y) => n + y.restDays.length, 0)
  },
  warmup: 1,
  repetitions: 3,
  minSampleMs: 0
})
