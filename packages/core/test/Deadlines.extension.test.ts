// The investigation extension cap (审查调查延期, case.investigationExtension.max) holds for every
// size of `days`: huge values are refused at the boundary, and a typed caller that skips the
// boundary gets a typed refusal from the cap, never a defect and never a due date in year 10240.
import { assert, describe, it } from "@effect/vitest"
import { Cause, Effect, Exit, Layer } from "effect"
import * as Either from "effect/Either"
import { Audit, Ids, LocalDate, Rulebook, Storage, StorageAdapter, SupervisionCase, WorkCalendar } from "@qinglian/core"
import { MemoryStorage } from "@qinglian/storage-memory"
import { countyOfficer, ctx, d, execCtx, recipes, seedRecord, townMember, townSecretary } from "./SupervisionCase.fixtures.js"

// The rulebook with due dates that are not carried over a rest day: the setting under which string
// comparison of dates let `days: 3e6` through.
const noRollForward = Rulebook.withEditions(Rulebook.defaults, [{
  effectiveFrom: d("2026-01-01"),
  source: { law: "测试县规定" },
  parameters: {
    "deadline.rollForwardFromRestDay": { value: false, citation: { law: "测试县规定" }, scope: "local" }
  }
}])

const storage = () =>
  Layer.effectDiscard(seedRecord([townSecretary, townMember, countyOfficer])).pipe(
    Layer.provideMerge(Storage.layer.pipe(Layer.provideMerge(MemoryStorage.layer())))
  )

// Everything the store holds for one case, read raw: the stream, the summary and snapshot
// documents, and the audit log's length.
const readStore = (caseId: Ids.CaseId) =>
  Effect.gen(function*() {
    const adapter = yield* StorageAdapter.StorageAdapter
    return {
      stream: yield* adapter.readEvents(SupervisionCase.streams.streamName(caseId)),
      summary: yield* adapter.getDocument(SupervisionCase.summaries.name, caseId),
      snapshot: yield* adapter.getDocument(SupervisionCase.snapshots.name, caseId),
      audit: yield* adapter.lastVersion(Audit.stream)
    }
  })

const toInvestigation = (caseId: Ids.CaseId, rulebook: Rulebook.Rulebook) =>
  Effect.gen(function*() {
    for (const [command, now, actor] of recipes.investigation) {
      const c = command._tag === "RegisterLead" ? { ...command, caseId } : command
      yield* SupervisionCase.execute(caseId, c, { ...execCtx(now, actor ?? townSecretary), rulebook })
    }
    return yield* SupervisionCase.load(caseId)
  })

describe("ExtendInvestigation at the boundary", () => {
  it("days above LocalDate.maxSpanDays (1e8, 3e6) are InvalidInput at days; the bound itself decodes", () => {
    for (const days of [1e8, 3e6, LocalDate.maxSpanDays + 1, 2 ** 53, 1e300]) {
      const r = SupervisionCase.decodeCommand({ _tag: "ExtendInvestigation", days })
      if (Either.isRight(r)) assert.fail(`days ${days} decoded`)
      assert.strictEqual(r.left._tag, "InvalidInput")
      assert.deepStrictEqual(r.left.issues.map((i) => i.path), [["days"]])
      // Past 2^53 a number is not a safe integer, so it fails as the wrong kind of number first.
      assert.strictEqual(r.left.issues[0]?.code, days < 2 ** 53 ? "OUT_OF_RANGE" : "WRONG_TYPE")
    }
    for (const days of [0, -1, 1.5]) assert.isTrue(Either.isLeft(SupervisionCase.decodeCommand({ _tag: "ExtendInvestigation", days })), String(days))
    assert.deepStrictEqual(
      SupervisionCase.decodeCommand({ _tag: "ExtendInvestigation", days: LocalDate.maxSpanDays }),
      Either.right({ _tag: "ExtendInvestigation", days: LocalDate.maxSpanDays } as const)
    )
  })
})

describe("ExtendInvestigation against the cap", () => {
  const refusedBy = (r: Either.Either<unknown, SupervisionCase.DecideError>) => {
    if (Either.isRight(r)) assert.fail("expected a refusal")
    return r.left._tag === "CommandRejected" ? `CommandRejected:${r.left.guard}` : r.left._tag
  }

  it("decide refuses huge, fractional and non-numeric days by the cap, with the rulebook carrying over rest days or not", () => {
    const filed = recipes.investigation
    for (const rulebook of [Rulebook.defaults, noRollForward]) {
      let state = SupervisionCase.initial
      for (const [command, now, actor] of filed) {
        state = Either.getOrThrow(SupervisionCase.handle(state, command, { ...ctx(now, actor ?? townSecretary), rulebook })).state
      }
      assert.strictEqual(state.deadline?.due, "2026-06-30")
      const at = { ...ctx("2026-06-01"), rulebook }
      for (const days of [91, 3e6, 1e8, LocalDate.maxSpanDays, Number.MAX_SAFE_INTEGER, 1e300, Infinity, Number.NaN, 1.5, 0, -30]) {
        assert.strictEqual(refusedBy(SupervisionCase.decide(state, { _tag: "ExtendInvestigation", days }, at)), "CommandRejected:extensionWithinMax", String(days))
      }
      const ok = Either.getOrThrow(SupervisionCase.decide(state, { _tag: "ExtendInvestigation", days: 90 }, at))
      assert.strictEqual((ok[0] as { due?: string }).due, "2026-09-28")
    }
  })

  it("investigationExtension compares day counts: latest is 90 days on, and nothing is computed past it", () => {
    const rules = Rulebook.unsafeAt(noRollForward, d("2026-06-01"))
    const x = Either.getOrThrow(SupervisionCase.investigationExtension(rules, WorkCalendar.china, d("2026-06-30"), 3e6))
    assert.deepStrictEqual(x, { withinMax: false, latest: d("2026-09-28") })
  })

  for (const [name, rulebook] of [["carried over rest days", Rulebook.defaults], ["not carried over (rollForwardFromRestDay = false)", noRollForward]] as const) {
    it.effect(`through execute on the memory adapter, 1e8 and 3e6 days are refused and nothing is written (${name})`, () =>
      Effect.gen(function*() {
        const caseId = Ids.CaseId.make("case-extend")
        const state = yield* toInvestigation(caseId, rulebook)
        assert.strictEqual(state.stage, "investigation")
        const before = yield* readStore(caseId)
        for (const days of [1e8, 3e6]) {
          const exit = yield* Effect.exit(
            SupervisionCase.execute(caseId, { _tag: "ExtendInvestigation", days }, { ...execCtx("2026-06-01"), rulebook })
          )
          // A typed failure, not a defect.
          if (Exit.isSuccess(exit)) assert.fail(`days ${days} was accepted: due ${JSON.stringify(exit.value.events)}`)
          assert.isFalse(Cause.isDie(exit.cause), Cause.pretty(exit.cause))
          const failure = Cause.failureOption(exit.cause)
          assert.strictEqual(failure._tag, "Some")
          if (failure._tag === "Some") {
            assert.strictEqual(failure.value._tag, "CommandRejected")
            assert.strictEqual((failure.value as SupervisionCase.CommandRejected).guard, "extensionWithinMax")
          }
          assert.deepStrictEqual(yield* readStore(caseId), before, "a refused extension writes nothing")
        }
        // The cap still lets the statute's 90 days through, and the store moves on.
        const { events } = yield* SupervisionCase.execute(caseId, { _tag: "ExtendInvestigation", days: 90 }, { ...execCtx("2026-06-01"), rulebook })
        assert.strictEqual((events[0] as { due?: string }).due, "2026-09-28")
        assert.strictEqual((yield* readStore(caseId)).stream.length, before.stream.length + 1)
      }).pipe(Effect.provide(storage())))
  }
})

describe("resuming a case near the end of the dates", () => {
  it("a paused deadline pushed past 2199-12-31 is a typed OutOfRange, not a throw or a date in 2200", () => {
    const lenient = WorkCalendar.make(WorkCalendar.chinaData, { outOfRange: "weekendsOnly" })
    const steps: ReadonlyArray<readonly [SupervisionCase.Command, string]> = [
      [{ _tag: "RegisterLead", caseId: Ids.CaseId.make("case-2199"), county: Ids.CountyId.make("c1"), town: Ids.TownId.make("t1"), subject: { cadre: Ids.CadreId.make("v-li"), category: "villageCadre" }, source: { _tag: "DailySupervision" } }, "2199-09-01"],
      [{ _tag: "DisposeLead", way: "preliminaryCheck" }, "2199-09-02"],
      [{ _tag: "ConcludeInquiry", outcome: "fileCase" }, "2199-10-01"],
      [{ _tag: "Suspend" }, "2199-10-02"]
    ]
    let state = SupervisionCase.initial
    for (const [command, now] of steps) state = Either.getOrThrow(SupervisionCase.handle(state, command, { ...ctx(now), calendar: lenient })).state
    assert.strictEqual(state.deadline?.due, "2199-12-30")
    const r = SupervisionCase.decide(state, { _tag: "Resume" }, { ...ctx("2199-12-01"), calendar: lenient })
    if (Either.isRight(r)) assert.fail(`resumed with ${JSON.stringify(r.right)}`)
    assert.strictEqual(r.left._tag, "CalendarOutOfRange")
    assert.strictEqual((r.left as WorkCalendar.OutOfRange).pastDateRange, true)
    // A pause that still ends in range moves the due date as before.
    const early = Either.getOrThrow(SupervisionCase.decide(state, { _tag: "Resume" }, { ...ctx("2199-10-03"), calendar: lenient }))
    assert.strictEqual((early[0] as { deadline?: { due: string } }).deadline?.due, "2199-12-31")
  })
})

