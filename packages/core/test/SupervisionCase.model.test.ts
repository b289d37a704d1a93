// Model-based tests: random command sequences driven through the machine's own table.
import { assert, describe, it } from "@effect/vitest"
import { Either } from "effect"
import * as fc from "fast-check"
import { LocalDate, Measure, SupervisionCase } from "@qinglian/core"
import { countyOfficer, ctx, d, register, townMember, townSecretary } from "./SupervisionCase.fixtures.js"

interface Choice {
  readonly pick: number
  readonly variant: number
  readonly advance: number
  readonly actor: number
  readonly measures: ReadonlyArray<number>
  readonly period: number
}

const choice: fc.Arbitrary<Choice> = fc.record({
  pick: fc.nat(),
  variant: fc.nat(),
  advance: fc.integer({ min: 0, max: 6 }),
  actor: fc.nat(),
  measures: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
  period: fc.nat()
})

const actors = [townSecretary, townSecretary, countyOfficer, townMember]
const of = <A>(xs: ReadonlyArray<A>, i: number): A => xs[i % xs.length]!

const safe: ReadonlyArray<Measure.Measure> = ["criticism", "admonition", "partyWarning", "governmentDemerit"]

// Half the time a measure the town may decide for a village cadre; otherwise anything at all.
const measures = (ch: Choice): [SupervisionCase.MeasureChoice, ...Array<SupervisionCase.MeasureChoice>] => {
  if (ch.period % 2 === 1) return [{ measure: of(safe, ch.variant) }]
  const [first, ...rest] = ch.measures.map((i) => {
    const measure = of(Measure.all, i)
    const period = of([undefined, 12, 24], ch.period)
    return period === undefined ? { measure } : { measure, periodMonths: period }
  })
  return [first!, ...rest]
}

const commandFor = (tag: SupervisionCase.CommandTag, ch: Choice, now: LocalDate.LocalDate): SupervisionCase.Command => {
  switch (tag) {
    case "RegisterLead":
      return register()
    case "DisposeLead":
      return { _tag: tag, way: of(["talkInquiry", "letterInquiry", "preliminaryCheck", "hold", "close"] as const, ch.variant) }
    case "ConcludeInquiry": {
      const outcome = of(["fileCase", "close", "talkReminder", "hold"] as const, ch.variant)
      return outcome === "talkReminder" && ch.period % 3 === 0 ? { _tag: tag, outcome, measures: measures(ch) } : { _tag: tag, outcome }
    }
    case "Transfer":
      return { _tag: tag, to: of(["judiciary", "otherAuthority"] as const, ch.variant) }
    case "ExtendInvestigation":
      return { _tag: tag, days: 1 + (ch.variant % 120) }
    case "ExtendReview":
      return { _tag: tag, until: LocalDate.addDays(now, 1 + (ch.variant % 60)) }
    case "Decide":
      return { _tag: tag, measures: measures(ch) }
    case "DecideReexamination":
    case "DecideRecheck": {
      const outcome = of(["upheld", "changed", "revoked"] as const, ch.variant)
      return outcome === "changed" ? { _tag: tag, outcome, measures: measures(ch) } : { _tag: tag, outcome }
    }
    default:
      return { _tag: tag } as SupervisionCase.Command
  }
}

// The deadline each stage must carry once entered (undefined: none).
const expectedDeadline: Partial<Record<SupervisionCase.Stage, SupervisionCase.DeadlineKind>> = {
  leadRegistered: "leadDisposal",
  preliminaryCheck: "preliminaryCheck",
  investigation: "investigation",
  review: "review",
  decided: "decisionService",
  reexamination: "reexaminationDecide",
  recheck: "recheckDecide"
}

const stages = new Set<string>(SupervisionCase.stages)

// Commands that end the case are picked less often, so walks go deep into the machine.
const weighted = (stage: SupervisionCase.Stage): ReadonlyArray<SupervisionCase.CommandTag> =>
  SupervisionCase.machine
    .filter((r) => r.from.includes(stage))
    .flatMap((r) => Object.values(r.to).some((t) => t.stage !== "closed") ? [r.command, r.command, r.command] : [r.command])

interface Stream {
  readonly state: SupervisionCase.State
  readonly events: ReadonlyArray<SupervisionCase.Event>
}

// Drives cases through random commands; when one is closed, the next choices start a new case.
const drive = (choices: ReadonlyArray<Choice>, covered?: Set<string>): ReadonlyArray<Stream> => {
  const streams: Array<Stream> = []
  let state = SupervisionCase.initial
  let now = d("2025-01-06")
  let events: Array<SupervisionCase.Event> = []
  for (const ch of choices) {
    now = LocalDate.addDays(now, ch.advance)
    if (state.stage === "closed") {
      streams.push({ state, events })
      state = SupervisionCase.initial
      events = []
    }
    const command = commandFor(of(weighted(state.stage), ch.pick), ch, now)
    const r = SupervisionCase.decide(state, command, ctx(now, of(actors, ch.actor)))
    if (Either.isLeft(r)) {
      // Only typed errors; an illegal transition can never come from an enabled command.
      assert.notStrictEqual(r.left._tag, "IllegalTransition")
      continue
    }
    covered?.add(`${state.stage}/${command._tag}`)
    for (const e of r.right) {
      state = SupervisionCase.evolve(state, e)
      events.push(e)
    }
    // Invariants of every reachable state.
    assert.isTrue(stages.has(state.stage), `undefined stage ${state.stage}`)
    assert.strictEqual(state.version, events.length)
    const kind = expectedDeadline[state.stage]
    if (kind !== undefined) assert.strictEqual(state.deadline?.kind, kind)
    if (state.stage === "held" || state.stage === "closed") {
      assert.strictEqual(state.deadline, undefined)
      assert.strictEqual(state.window, undefined)
    }
    if (state.deadline !== undefined) assert.isTrue(state.deadline.due >= state.deadline.startedOn)
    for (const x of state.dispositions) assert.include([1, 2, 3, 4], x.form)
  }
  streams.push({ state, events })
  return streams
}

describe("SupervisionCase model-based", () => {
  it("replaying the produced events gives the incremental state, and no sequence reaches an undefined state", () => {
    const covered = new Set<string>()
    fc.assert(
      fc.property(fc.array(choice, { minLength: 30, maxLength: 80 }), (choices) => {
        for (const { events, state } of drive(choices, covered)) {
          assert.deepStrictEqual(SupervisionCase.fold(events), state)
          // Through storage: JSON, then the boundary decoder, then the checked replay.
          const reloaded = (JSON.parse(JSON.stringify(events)) as Array<unknown>).map((e) =>
            Either.getOrThrow(SupervisionCase.decodeEvent(e))
          )
          assert.deepStrictEqual(Either.getOrThrow(SupervisionCase.replay(reloaded)), state)
        }
      }),
      { numRuns: 250, seed: 20261128 }
    )
    // The random walk exercised every legal (stage, command) pair of the table.
    const all = SupervisionCase.machine.flatMap((r) => r.from.map((f) => `${f}/${r.command}`))
    assert.deepStrictEqual(all.filter((k) => !covered.has(k)), [])
  })

  it("deciding is deterministic: the same state, command and context give the same events", () => {
    fc.assert(
      fc.property(fc.array(choice, { maxLength: 25 }), choice, (choices, last) => {
        const { state } = drive(choices).at(-1)!
        const enabled = SupervisionCase.enabledCommands(state.stage)
        if (enabled.length === 0) return true
        const now = LocalDate.addDays(state.lastEventOn ?? d("2025-01-06"), last.advance)
        const command = commandFor(of(enabled, last.pick), last, now)
        const c = ctx(now, of(actors, last.actor))
        assert.deepStrictEqual(SupervisionCase.decide(state, command, c), SupervisionCase.decide(state, command, c))
        return true
      }),
      { numRuns: 200 }
    )
  })
})
