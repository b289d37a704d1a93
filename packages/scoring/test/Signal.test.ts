import { assert, describe, it } from "@effect/vitest"
import { Ids, LocalDate, Rulebook, Storage, SupervisionCase, WorkCalendar } from "@qinglian/core"
import { Examples, Signal, WeeklyAssessment } from "@qinglian/scoring"
import { MemoryStorage } from "@qinglian/storage-memory"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { assessWeek, editionOn, weeklyFile } from "./fixtures.js"

const body = editionOn(weeklyFile, "2026-03-16").rubric

const weeks = (names: ReadonlyArray<string>): Array<WeeklyAssessment.TownWeek> => {
  const out: Array<WeeklyAssessment.TownWeek> = []
  for (const w of names) out.push(Either.getOrThrow(assessWeek(w, out[out.length - 1])))
  return out
}

describe("Signal.detect", () => {
  it("raises 'bottom of the town twice running' in the second week, and 'lowest grade three weeks running' in the third", () => {
    const h = weeks(["2026-W10", "2026-W11", "2026-W12"])
    assert.deepStrictEqual(Signal.detect(body, h.slice(0, 1)).map((s) => s.rule), [])
    assert.deepStrictEqual(Signal.detect(body, h.slice(0, 2)).map((s) => [s.rule, s.subject]), [["townBottomTwice", "c-nanhe-4"]])
    const third = Signal.detect(body, h)
    assert.deepStrictEqual(third.map((s) => [s.rule, s.subject]), [["lowestThreeWeeks", "c-nanhe-4"], ["townBottomTwice", "c-nanhe-4"]])
    assert.strictEqual(third[0]!.evidence.length, 3)
    assert.strictEqual(third[0]!.suggest, "talkReminder")
  })

  it("counts only consecutive weeks", () => {
    const h = weeks(["2026-W10", "2026-W12"])
    assert.deepStrictEqual(Signal.detect(body, h).map((s) => s.rule), [])
  })

  it("raises 'last in the village three months running' once, in the first week after the third month", () => {
    const names = Array.from({ length: 14 }, (_, i) => `2026-W${String(2 + i).padStart(2, "0")}`)
    const h = weeks(names)
    const raised = h.map((_, i) => Signal.detect(body, h.slice(0, i + 1)).filter((s) => s.rule === "villageLastThreeMonths"))
    const weeksWith = raised.flatMap((s, i) => (s.length > 0 ? [h[i]!.assessedOn] : []))
    assert.deepStrictEqual(weeksWith, ["2026-04-07"]) // January, February, March complete → first assessment in April
    assert.deepStrictEqual(raised.flat().map((s) => s.subject), ["c-nanhe-4"])
  })
})

describe("Signal.registerLead", () => {
  const town = Examples.town
  const ctx: SupervisionCase.DecideContext = {
    rulebook: Rulebook.defaults,
    calendar: WorkCalendar.china,
    actor: { id: "c-jiwei" as Ids.CadreId, posts: ["townDisciplineSecretary"], jurisdiction: { level: "town", county: town.county, town: town.id } },
    now: LocalDate.unsafeMake("2026-03-23")
  }

  it.effect("follows one signal from scores to a stored lead", () =>
    Effect.gen(function*() {
      const h = weeks(["2026-W10", "2026-W11", "2026-W12"])
      const signal = Signal.detect(body, h).find((s) => s.rule === "lowestThreeWeeks")!
      const caseId = "case-2026-0001" as Ids.CaseId
      yield* Signal.registerLead(signal, { caseId, county: town.county, town: town.id }, ctx)
      const state = yield* SupervisionCase.load(caseId)
      assert.strictEqual(state.stage, "leadRegistered")
      const events = yield* SupervisionCase.streams.read(caseId)
      assert.strictEqual(events.length, 1)
      const e = events[0]!.value
      assert.strictEqual(e._tag, "LeadRegistered")
      if (e._tag === "LeadRegistered") {
        assert.strictEqual(e.subject.cadre, "c-nanhe-4")
        assert.strictEqual(e.source._tag, "ScoringSignal")
        if (e.source._tag === "ScoringSignal") assert.include(e.source.reference ?? "", "谈话提醒")
      }
    }).pipe(Effect.provide(Storage.layer), Effect.provide(MemoryStorage.layer())))

  it.effect("an actor without the post registers nothing", () =>
    Effect.gen(function*() {
      const h = weeks(["2026-W10", "2026-W11", "2026-W12"])
      const signal = Signal.detect(body, h)[0]!
      const caseId = "case-2026-0002" as Ids.CaseId
      const r = yield* Effect.either(Signal.registerLead(signal, { caseId, county: town.county, town: town.id }, { ...ctx, actor: { ...ctx.actor, posts: ["areaLeader"] } }))
      assert.isTrue(Either.isLeft(r))
      assert.strictEqual((yield* SupervisionCase.streams.read(caseId)).length, 0)
    }).pipe(Effect.provide(Storage.layer), Effect.provide(MemoryStorage.layer())))
})
