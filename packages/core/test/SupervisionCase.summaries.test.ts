// The stored case summaries behind the overdue dashboard, on both shipped adapters (memory and
// SQLite): written in the transaction that appends a case's events (or not at all), read by a range
// query that touches only overdue cases, rebuilt from the streams, and equal to `overdue` over every
// replayed case for random command sequences.
import { assert, describe, it } from "@effect/vitest"
import { Effect, Either, Layer, Option, TestClock } from "effect"
import * as fc from "fast-check"
import { Audit, Ids, LocalDate, Storage, StorageAdapter, SupervisionCase } from "@qinglian/core"
import { MemoryStorage } from "@qinglian/storage-memory"
import { SqliteStorage } from "@qinglian/storage-sqlite"
import {
  countyOfficer,
  ctx,
  d,
  execCtx,
  otherTown,
  otherTownSecretary,
  recipes,
  register,
  seedRecord,
  town,
  townMember,
  townSecretary
} from "./SupervisionCase.fixtures.js"

type Adapter = StorageAdapter.StorageAdapterService
type BaseLayer = () => Layer.Layer<StorageAdapter.StorageAdapter, unknown>

const county = Ids.CountyId.make("c1")
const farCounty = Ids.CountyId.make("c2")
const farTown = Ids.TownId.make("t3")
const farSecretary: SupervisionCase.Actor = {
  id: Ids.CadreId.make("t3-qian"),
  posts: ["townDisciplineSecretary"],
  jurisdiction: { level: "town", county: farCounty, town: farTown }
}
const farOfficer: SupervisionCase.Actor = {
  id: Ids.CadreId.make("x2-zhou"),
  posts: ["countyDisciplineOfficer"],
  jurisdiction: { level: "county", county: farCounty }
}

// Where a case belongs and who may act on it there (the last actor is the county officer).
interface Place {
  readonly county: Ids.CountyId
  readonly town: Ids.TownId
  readonly actors: ReadonlyArray<SupervisionCase.Actor>
}
const t1: Place = { county, town, actors: [townSecretary, townSecretary, townMember, countyOfficer] }
const t2: Place = { county, town: otherTown, actors: [otherTownSecretary, otherTownSecretary, countyOfficer] }
const t3: Place = { county: farCounty, town: farTown, actors: [farSecretary, farSecretary, farOfficer] }
const officerOf = (p: Place) => p.actors.at(-1)!

const jurisdictions: ReadonlyArray<SupervisionCase.Jurisdiction | undefined> = [
  undefined,
  { level: "county", county },
  { level: "county", county: farCounty },
  { level: "town", county, town },
  { level: "town", county, town: otherTown },
  { level: "town", county: farCounty, town: farTown }
]

const inJurisdiction = (j: SupervisionCase.Jurisdiction | undefined) => (s: SupervisionCase.State) =>
  j === undefined || (s.county === j.county && (j.level === "county" || s.town === j.town))

// What a test can see of the store for one case: the stream, the raw summary and snapshot
// documents, the audit log.
const snapshot = (caseId: Ids.CaseId) =>
  Effect.gen(function*() {
    const adapter = yield* StorageAdapter.StorageAdapter
    return {
      stream: yield* adapter.readEvents(SupervisionCase.streams.streamName(caseId)),
      summary: yield* adapter.getDocument(SupervisionCase.summaries.name, caseId),
      caseSnapshot: yield* adapter.getDocument(SupervisionCase.snapshots.name, caseId),
      audit: yield* adapter.lastVersion(Audit.stream)
    }
  })

// An adapter in front of the real one that counts reads and can misbehave on request.
interface Probe {
  streamReads: number
  summariesRead: number
  /**
   * The next read of this stream misses its last event, and the case's snapshot is not seen, as a
   * reader that raced a writer would.
   */
  staleStream: string | undefined
  /** The next summary write fails. */
  failSummaryWrite: boolean
}

const probed = (base: BaseLayer, probe: Probe) =>
  Layer.effect(
    StorageAdapter.StorageAdapter,
    Effect.map(StorageAdapter.StorageAdapter, (a): Adapter => ({
      ...a,
      readEvents: (stream, from, limit) =>
        Effect.map(a.readEvents(stream, from, limit), (events) => {
          if (!stream.startsWith("$")) probe.streamReads++
          if (stream !== probe.staleStream) return events
          probe.staleStream = undefined
          return events.slice(0, -1)
        }),
      // A reader that raced a writer saw neither its event nor the snapshot written with it, so
      // it replays the (stale) stream.
      getDocument: (collection, id) =>
        collection === SupervisionCase.snapshots.name && probe.staleStream === SupervisionCase.streams.streamName(id)
          ? Effect.succeed(Option.none())
          : a.getDocument(collection, id),
      queryIndex: (query) =>
        Effect.map(a.queryIndex(query), (page) => {
          if (query.collection === SupervisionCase.summaries.name) probe.summariesRead += page.items.length
          return page
        }),
      putDocument: (write) => {
        if (write.collection === SupervisionCase.summaries.name && probe.failSummaryWrite) {
          probe.failSummaryWrite = false
          return Effect.fail(new StorageAdapter.StorageError({ operation: "putDocument", message: "disk full" }))
        }
        return a.putDocument(write)
      }
    }))
  ).pipe(Layer.provide(base()))

const newProbe = (): Probe => ({ streamReads: 0, summariesRead: 0, staleStream: undefined, failSummaryWrite: false })

// The store, with the organisation and roster that give every actor of these tests their posts.
const storageOn = (base: BaseLayer, probe: Probe = newProbe()) =>
  Layer.effectDiscard(seedRecord([townSecretary, townMember, countyOfficer, otherTownSecretary, farSecretary, farOfficer])).pipe(
    Layer.provideMerge(Storage.layer.pipe(Layer.provideMerge(probed(base, probe))))
  )

// Runs a recipe from the fixtures for another case id and place, through `execute`.
const runRecipe = (
  caseId: Ids.CaseId,
  place: Place,
  steps: ReadonlyArray<readonly [SupervisionCase.Command, string, SupervisionCase.Actor?]>
) =>
  Effect.gen(function*() {
    let state = SupervisionCase.initial
    for (const [command, now, actor] of steps) {
      const c = command._tag === "RegisterLead" ? register({ caseId, county: place.county, town: place.town }) : command
      const who = command._tag === "DecideRecheck" || actor === countyOfficer ? officerOf(place) : place.actors[0]!
      state = (yield* SupervisionCase.execute(caseId, c, execCtx(now, who))).state
    }
    return state
  })

const loadAll = (ids: ReadonlyArray<Ids.CaseId>) => Effect.forEach(ids, SupervisionCase.load)

// Both dashboards for every jurisdiction on `today`: stored and replayed must be the same report,
// and (with a probe) the stored one read no stream and no summary of a case that is not overdue.
const assertSameReports = (ids: ReadonlyArray<Ids.CaseId>, today: LocalDate.LocalDate, probe?: Probe) =>
  Effect.gen(function*() {
    const states = yield* loadAll(ids)
    for (const j of jurisdictions) {
      if (probe !== undefined) probe.streamReads = probe.summariesRead = 0
      const stored = yield* SupervisionCase.overdueFromStorage(today, j === undefined ? {} : { jurisdiction: j, pageSize: 3 })
      const where = `${today} ${JSON.stringify(j)}`
      assert.deepStrictEqual(stored, SupervisionCase.overdue(states.filter(inJurisdiction(j)), today), where)
      if (probe !== undefined) assert.deepStrictEqual([probe.streamReads, probe.summariesRead], [0, stored.total], where)
    }
  })

// A mix of stages, with due dates before, on and after the dashboard days below.
const mix: ReadonlyArray<ReadonlyArray<readonly [SupervisionCase.Command, string, SupervisionCase.Actor?]>> = [
  recipes.leadRegistered,
  recipes.preliminaryCheck,
  recipes.inquiry,
  recipes.investigation,
  [...recipes.investigation, [{ _tag: "Suspend" }, "2026-05-04"]],
  recipes.review,
  recipes.decided,
  recipes.execution,
  recipes.reexamination,
  recipes.held,
  recipes.closed
]
const places = [t1, t2, t3]

const seed = (n: number) =>
  Effect.gen(function*() {
    const ids: Array<Ids.CaseId> = []
    for (let i = 0; i < n; i++) {
      const caseId = Ids.CaseId.make(`case-${String(i).padStart(3, "0")}`)
      yield* runRecipe(caseId, places[i % places.length]!, mix[i % mix.length]!)
      ids.push(caseId)
    }
    return ids
  })

const dashboardDays = ["2026-03-01", "2026-04-02", "2026-04-03", "2026-05-01", "2026-07-01", "2026-09-01", "2027-06-01"].map(d)

const suite = (name: string, base: BaseLayer) =>
  describe(`SupervisionCase summaries on ${name}`, () => {
    it.effect("execute stores the case's summary beside its events", () =>
      Effect.gen(function*() {
        const caseId = Ids.CaseId.make("case-s1")
        const state = yield* runRecipe(caseId, t1, recipes.review)
        const stored = yield* SupervisionCase.summaries.getOrFail(caseId)
        assert.deepStrictEqual(stored.value, SupervisionCase.summaryOf(state))
        assert.strictEqual(stored.value.version, (yield* SupervisionCase.load(caseId)).version)
        assert.strictEqual(stored.value.deadline?.kind, "review")
        assert.strictEqual(stored.version, recipes.review.length, "one summary write per accepted command")
        // The lead's source (possibly a sealed reporter) is not copied into the summary.
        assert.isFalse(JSON.stringify(stored.value).includes("DailySupervision"))
        yield* Storage.verifyAudit()
      }).pipe(Effect.provide(storageOn(base))))

    it.effect("a rejected command writes nothing: no event, no summary, no audit entry", () =>
      Effect.gen(function*() {
        const caseId = Ids.CaseId.make("case-s2")
        yield* runRecipe(caseId, t1, recipes.investigation)
        const before = yield* snapshot(caseId)
        const refusals = [
          yield* Effect.either(SupervisionCase.execute(caseId, { _tag: "ServeDecision" }, execCtx("2026-04-10"))),
          yield* Effect.either(SupervisionCase.execute(caseId, { _tag: "SubmitForReview" }, execCtx("2026-04-10", otherTownSecretary))),
          yield* Effect.either(SupervisionCase.execute(caseId, { _tag: "Resume" }, execCtx("2026-04-10"))),
          yield* Effect.either(SupervisionCase.execute(caseId, register({ caseId: Ids.CaseId.make("case-other") }), execCtx("2026-04-10")))
        ]
        assert.deepStrictEqual(refusals.map((r) => Either.isLeft(r) ? r.left._tag : "accepted"), [
          "IllegalTransition",
          "Forbidden",
          "CommandRejected",
          "CommandRejected"
        ])
        assert.deepStrictEqual(yield* snapshot(caseId), before)
        // A lead that was never accepted has no summary at all.
        const fresh = Ids.CaseId.make("case-s2-new")
        const refused = yield* Effect.either(SupervisionCase.execute(fresh, register({ caseId: fresh }), execCtx("2026-04-10", otherTownSecretary)))
        assert.isTrue(Either.isLeft(refused) && refused.left._tag === "Forbidden")
        assert.deepStrictEqual((yield* snapshot(fresh)).summary, Option.none())
        assert.strictEqual((yield* snapshot(fresh)).audit, before.audit)
      }).pipe(Effect.provide(storageOn(base))))

    it.effect("a ConcurrencyConflict leaves both the stream and the summary unchanged", () => {
      const probe = newProbe()
      return Effect.gen(function*() {
        const caseId = Ids.CaseId.make("case-s3")
        yield* runRecipe(caseId, t1, recipes.investigation)
        const before = yield* snapshot(caseId)
        // The load misses the last event (立案), so the command is decided on a stale version (初步核实,
        // where 中止 is allowed too) and the real adapter refuses the append.
        probe.staleStream = SupervisionCase.streams.streamName(caseId)
        const stale = yield* Effect.either(SupervisionCase.execute(caseId, { _tag: "Suspend" }, execCtx("2026-06-01")))
        assert.isTrue(Either.isLeft(stale) && stale.left._tag === "ConcurrencyConflict", JSON.stringify(stale))
        assert.deepStrictEqual(yield* snapshot(caseId), before)
        // Retried on the current version, it goes through and the summary follows.
        const { state } = yield* SupervisionCase.execute(caseId, { _tag: "Suspend" }, execCtx("2026-06-01"))
        assert.deepStrictEqual([state.stage, state.suspendedSince], ["investigation", d("2026-06-01")])
        assert.deepStrictEqual((yield* SupervisionCase.summaries.getOrFail(caseId)).value, SupervisionCase.summaryOf(state))
        yield* Storage.verifyAudit()
      }).pipe(Effect.provide(storageOn(base, probe)))
    })

    it.effect("a summary that cannot be written takes the events and their audit entry with it", () => {
      const probe = newProbe()
      return Effect.gen(function*() {
        const caseId = Ids.CaseId.make("case-s4")
        yield* runRecipe(caseId, t1, recipes.investigation)
        const before = yield* snapshot(caseId)
        probe.failSummaryWrite = true
        const failed = yield* Effect.either(SupervisionCase.execute(caseId, { _tag: "SubmitForReview" }, execCtx("2026-06-01")))
        assert.isTrue(Either.isLeft(failed) && failed.left._tag === "StorageError", JSON.stringify(failed))
        assert.deepStrictEqual(yield* snapshot(caseId), before)
        yield* Storage.verifyAudit()
      }).pipe(Effect.provide(storageOn(base, probe)))
    })

    it.effect("the dashboard reads only the overdue summaries and replays no stream", () => {
      const probe = newProbe()
      return Effect.gen(function*() {
        const ids = yield* seed(66)
        for (const today of dashboardDays) yield* assertSameReports(ids, today, probe)
        // The same dashboard from replayed states reads every stream.
        probe.streamReads = 0
        const all = SupervisionCase.overdue(yield* loadAll(ids), d("2026-05-01"))
        assert.strictEqual(probe.streamReads, ids.length)
        assert.isTrue(all.total > 0 && all.total < ids.length, `${all.total} of ${ids.length} overdue`)
        // A suspended case whose deadline pauses is never a candidate; once resumed it is again.
        const suspended = ids[4]!
        assert.isFalse(all.byStage.some((g) => g.items.some((x) => x.caseId === suspended)))
        yield* SupervisionCase.execute(suspended, { _tag: "Resume" }, execCtx("2026-05-11", officerOf(places[4 % places.length]!)))
        yield* assertSameReports(ids, d("2026-07-15"), probe)
        yield* assertSameReports(ids, d("2026-07-16"), probe)
      }).pipe(Effect.provide(storageOn(base, probe)))
    })

    it.effect("overdueFromStorageNow reads today's date in China from the Clock", () =>
      Effect.gen(function*() {
        const ids = yield* seed(11)
        // 2026-05-01 00:30 in China is still 04-30 in UTC.
        yield* TestClock.setTime(Date.UTC(2026, 3, 30, 16, 30))
        const now = yield* SupervisionCase.overdueFromStorageNow({ jurisdiction: { level: "county", county } })
        assert.strictEqual(now.today, "2026-05-01")
        assert.deepStrictEqual(now, yield* SupervisionCase.overdueFromStorage(d("2026-05-01"), { jurisdiction: { level: "county", county } }))
        assert.deepStrictEqual(now, SupervisionCase.overdue((yield* loadAll(ids)).filter(inJurisdiction({ level: "county", county })), d("2026-05-01")))
      }).pipe(Effect.provide(storageOn(base))))

    it.effect("rebuildSummaries replays every stream once and brings older data into the dashboard", () => {
      const probe = newProbe()
      return Effect.gen(function*() {
        const actor = { id: "county-clerk" }
        // Cases stored before summaries existed: events appended to the streams directly.
        const old: Array<Ids.CaseId> = []
        for (let i = 0; i < 12; i++) {
          const caseId = Ids.CaseId.make(`old-${i}`)
          const place = places[i % places.length]!
          let state = SupervisionCase.initial
          for (const [command, now] of mix[i % mix.length]!) {
            const c = command._tag === "RegisterLead" ? register({ caseId, county: place.county, town: place.town }) : command
            const events = Either.getOrThrow(SupervisionCase.decide(state, c, ctx(now, officerOf(place))))
            yield* SupervisionCase.streams.append(caseId, state.version, events, { actor })
            state = SupervisionCase.fold(events, state)
          }
          old.push(caseId)
        }
        const newer = [...(yield* seed(6))]
        const ids = [...old, ...newer]
        const today = d("2026-05-01")
        const before = yield* SupervisionCase.overdueFromStorage(today)
        assert.isTrue(before.total < SupervisionCase.overdue(yield* loadAll(ids), today).total, "older cases are missing")

        assert.deepStrictEqual([...(yield* SupervisionCase.storedCaseIds)].sort(), [...ids].sort())
        probe.streamReads = 0
        const first = yield* SupervisionCase.rebuildSummaries({ actor, batchSize: 5 })
        assert.deepStrictEqual(first, { replayed: ids.length, written: old.length, unchanged: newer.length, failed: [] })
        assert.strictEqual(probe.streamReads, ids.length, "each stream is read once")
        for (const day of dashboardDays) yield* assertSameReports(ids, day)

        const again = yield* SupervisionCase.rebuildSummaries({ actor })
        assert.deepStrictEqual(again, { replayed: ids.length, written: 0, unchanged: ids.length, failed: [] })

        // An event appended outside `execute` leaves the summary behind until the next rebuild.
        const behind = newer[3]!
        const version = yield* SupervisionCase.streams.lastVersion(behind)
        yield* SupervisionCase.streams.append(behind, version, [{ _tag: "CaseSuspended", on: d("2026-05-04"), by: countyOfficer.id }], { actor })
        // An event the machine does not allow is reported, and that case's summary left alone.
        const broken = old[0]!
        const brokenSummary = (yield* snapshot(broken)).summary
        const brokenVersion = yield* SupervisionCase.streams.lastVersion(broken)
        yield* SupervisionCase.streams.append(broken, brokenVersion, [{ _tag: "CaseClosed", on: d("2026-05-04"), by: countyOfficer.id }], { actor })
        const repaired = yield* SupervisionCase.rebuildSummaries({ actor, caseIds: [behind, broken, behind] })
        assert.deepStrictEqual(
          { ...repaired, failed: repaired.failed.map((f) => [f.caseId, f.error._tag]) },
          { replayed: 2, written: 1, unchanged: 0, failed: [[broken, "InconsistentStream"]] }
        )
        assert.deepStrictEqual((yield* snapshot(broken)).summary, brokenSummary)
        assert.deepStrictEqual(
          (yield* SupervisionCase.summaries.getOrFail(behind)).value,
          SupervisionCase.summaryOf(yield* SupervisionCase.load(behind))
        )
        yield* Storage.verifyAudit()
      }).pipe(Effect.provide(storageOn(base, probe)))
    })

    it("model: for random commands over several cases, the stored dashboard is overdue() of every replayed case", async () => {
      const seen = new Set<string>()
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 10, maxLength: 70 }), fc.array(fc.integer({ min: -5, max: 400 }), { maxLength: 4 }), (steps, offsets) =>
          Effect.suspend(() => {
            const probe = newProbe()
            return model(steps, offsets, probe, seen).pipe(Effect.provide(storageOn(base, probe)))
          }).pipe(Effect.runPromise)),
        { numRuns: 30 }
      )
      // The walks reached overdue cases in several stages and in every town, or they proved little.
      assert.includeMembers([...seen], ["town:t1", "town:t2", "town:t3"])
      assert.isAtLeast([...seen].filter((x) => x.startsWith("stage:")).length, 3, [...seen].join(" "))
    })
  })

// -----------------------------------------------------------------------------
// the model
// -----------------------------------------------------------------------------

interface Step {
  readonly which: number
  readonly pick: number
  readonly variant: number
  readonly advance: number
  readonly actor: number
}

const step: fc.Arbitrary<Step> = fc.record({
  which: fc.nat(),
  pick: fc.nat(),
  variant: fc.nat(),
  advance: fc.integer({ min: 0, max: 5 }),
  actor: fc.nat()
})

const of = <A>(xs: ReadonlyArray<A>, i: number): A => xs[i % xs.length]!

// Two cases in one town, one in its neighbour, one in another county.
const modelCases: ReadonlyArray<readonly [Ids.CaseId, Place]> = [
  [Ids.CaseId.make("m-a"), t1],
  [Ids.CaseId.make("m-b"), t1],
  [Ids.CaseId.make("m-c"), t2],
  [Ids.CaseId.make("m-d"), t3]
]

// Commands that end a case are picked less often, so walks go deep into the machine.
const weighted = (stage: SupervisionCase.Stage): ReadonlyArray<SupervisionCase.CommandTag> =>
  SupervisionCase.machine
    .filter((r) => r.from.includes(stage))
    .flatMap((r) => Object.values(r.to).some((t) => t.stage !== "closed") ? [r.command, r.command, r.command] : [r.command])

const modelCommand = (
  tag: SupervisionCase.CommandTag,
  s: Step,
  caseId: Ids.CaseId,
  place: Place,
  now: LocalDate.LocalDate
): SupervisionCase.Command => {
  switch (tag) {
    case "RegisterLead":
      return register({ caseId, county: place.county, town: place.town })
    case "DisposeLead":
      return { _tag: tag, way: of(["talkInquiry", "letterInquiry", "preliminaryCheck", "hold", "close"] as const, s.variant) }
    case "ConcludeInquiry":
      return { _tag: tag, outcome: of(["fileCase", "close", "talkReminder", "hold"] as const, s.variant) }
    case "Transfer":
      return { _tag: tag, to: of(["judiciary", "otherAuthority"] as const, s.variant) }
    case "ExtendInvestigation":
      return { _tag: tag, days: 1 + (s.variant % 120) }
    case "ExtendReview":
      return { _tag: tag, until: LocalDate.addDays(now, 1 + (s.variant % 60)) }
    case "Decide":
      return { _tag: tag, measures: [{ measure: of(["criticism", "admonition", "partyWarning", "governmentDemerit"] as const, s.variant) }] }
    case "DecideReexamination":
    case "DecideRecheck": {
      const outcome = of(["upheld", "changed", "revoked"] as const, s.variant)
      return outcome === "changed" ? { _tag: tag, outcome, measures: [{ measure: "partyWarning" }] } : { _tag: tag, outcome }
    }
    default:
      return { _tag: tag } as SupervisionCase.Command
  }
}

// Stored and replayed dashboards agree on every due date, the day after it, and a few other days.
const checkAll = (now: LocalDate.LocalDate, offsets: ReadonlyArray<number>, probe: Probe, seen: Set<string>) =>
  Effect.gen(function*() {
    const ids = modelCases.map(([id]) => id)
    const states = yield* loadAll(ids)
    for (const [i, state] of states.entries()) {
      const stored = yield* SupervisionCase.summaries.get(ids[i]!)
      assert.deepStrictEqual(Option.map(stored, (x) => x.value), Option.fromNullable(SupervisionCase.summaryOf(state)))
    }
    const days = new Set<LocalDate.LocalDate>([d("2025-01-06"), now, ...offsets.map((o) => LocalDate.addDays(now, o))])
    for (const s of states) {
      if (s.deadline === undefined) continue
      days.add(s.deadline.due)
      days.add(LocalDate.addDays(s.deadline.due, 1))
    }
    for (const today of days) {
      yield* assertSameReports(ids, today, probe)
      for (const g of (yield* SupervisionCase.overdueFromStorage(today)).byStage) {
        seen.add(`stage:${g.stage}`)
        for (const x of g.items) seen.add(`town:${x.town}`)
      }
    }
  })

const model = (steps: ReadonlyArray<Step>, offsets: ReadonlyArray<number>, probe: Probe, seen: Set<string>) =>
  Effect.gen(function*() {
    const stages = new Map<Ids.CaseId, SupervisionCase.Stage>(modelCases.map(([id]) => [id, "none"]))
    let now = d("2025-01-06")
    for (const [n, s] of steps.entries()) {
      now = LocalDate.addDays(now, s.advance)
      const [caseId, place] = of(modelCases, s.which)
      const stage = stages.get(caseId)!
      const tags = weighted(stage)
      if (tags.length === 0) continue
      const command = modelCommand(of(tags, s.pick), s, caseId, place, now)
      // Now and then someone from elsewhere tries: refused, and nothing may change.
      const actor = s.actor % 7 === 6 ? of([townSecretary, otherTownSecretary, farSecretary], s.variant) : of(place.actors, s.actor)
      const r = yield* Effect.either(SupervisionCase.execute(caseId, command, execCtx(now, actor)))
      if (Either.isRight(r)) stages.set(caseId, r.right.state.stage)
      else assert.notInclude(["StorageError", "ConcurrencyConflict", "InconsistentStream", "StorageCorruptRecord"], r.left._tag)
      // Midway too, not only at the end: cases pass through stages the walk later leaves.
      if (n % 15 === 14) yield* checkAll(now, [], probe, seen)
    }
    yield* checkAll(now, offsets, probe, seen)
  })

suite("memory", () => MemoryStorage.layer())
suite("SQLite", () => SqliteStorage.layer({ filename: ":memory:" }))
