import { assert, describe, it } from "@effect/vitest"
import { Either } from "effect"
import { Ids, Rulebook, SupervisionCase } from "@qinglian/core"
import {
  actorFor,
  caseId,
  countyOfficer,
  ctx,
  d,
  otherTownSecretary,
  prepared,
  reach,
  register,
  run,
  sample,
  subjectCadre,
  townMember,
  townSecretary
} from "./SupervisionCase.fixtures.js"

const left = <A, E>(r: Either.Either<A, E>): E => {
  if (Either.isRight(r)) assert.fail(`expected an error, got ${JSON.stringify(r.right)}`)
  return r.left
}
const right = <A, E>(r: Either.Either<A, E>): A => {
  if (Either.isLeft(r)) assert.fail(`expected success, got ${String((r.left as { message?: string }).message ?? r.left)}`)
  return r.right
}

describe("SupervisionCase machine", () => {
  describe("every legal transition", () => {
    for (const row of SupervisionCase.machine) {
      for (const from of row.from) {
        for (const [variant, target] of Object.entries(row.to)) {
          it(`${from} --${row.command}${variant === "*" ? "" : `(${variant})`}--> ${target.stage === "same" ? from : target.stage}`, () => {
            const { state, now } = prepared(row.command, from)
            assert.strictEqual(state.stage, from)
            const { events, state: next } = right(
              SupervisionCase.handle(state, sample(row.command, variant), ctx(now, actorFor(row.command)))
            )
            assert.deepStrictEqual(events.map((e) => e._tag), [row.event])
            assert.strictEqual(next.stage, target.stage === "same" ? from : target.stage)
            assert.strictEqual(next.version, state.version + 1)
            if (target.opens !== undefined) {
              const opened = next.deadline ?? next.window
              assert.strictEqual(opened?.kind, target.opens)
              assert.strictEqual(opened?.startedOn, now)
            }
          })
        }
      }
    }
  })

  describe("every illegal (stage, command) is an IllegalTransition that writes nothing", () => {
    for (const stage of SupervisionCase.stages) {
      const allowed = new Set(SupervisionCase.enabledCommands(stage))
      for (const command of SupervisionCase.commandTags.filter((t) => !allowed.has(t))) {
        it(`${command} in ${stage}`, () => {
          const { state, now } = prepared("CloseCase", stage)
          const e = left(SupervisionCase.decide(state, sample(command), ctx(now, countyOfficer)))
          assert.strictEqual(e._tag, "IllegalTransition")
          assert.deepStrictEqual({ stage: (e as SupervisionCase.IllegalTransition).stage, command: (e as SupervisionCase.IllegalTransition).command }, { stage, command })
        })
      }
    }
  })

  it("names the examples from the issue: 审理 before 立案, a decision on a closed case", () => {
    const lead = reach("preliminaryCheck").state
    const e1 = left(SupervisionCase.decide(lead, { _tag: "SubmitForReview" }, ctx("2026-03-10")))
    assert.strictEqual(e1.message.includes("SubmitForReview is not allowed in stage preliminaryCheck (初步核实)"), true)
    const closed = reach("closed").state
    const e2 = left(SupervisionCase.decide(closed, sample("Decide"), ctx("2026-03-10")))
    assert.deepStrictEqual([e2._tag, (e2 as SupervisionCase.IllegalTransition).stage], ["IllegalTransition", "closed"])
  })

  it("every stage is reachable and every command appears in the machine", () => {
    const reached = new Set<string>(["none"])
    for (const row of SupervisionCase.machine) for (const t of Object.values(row.to)) if (t.stage !== "same") reached.add(t.stage)
    assert.deepStrictEqual([...reached].sort(), [...SupervisionCase.stages].sort())
    assert.deepStrictEqual(
      [...new Set(SupervisionCase.machine.map((r) => r.command))].sort(),
      [...SupervisionCase.commandTags].sort()
    )
  })
})

describe("SupervisionCase guards", () => {
  it("every guard a row names is defined in the guards record with its Chinese label, and every defined guard is named by a row", () => {
    const named = new Set(SupervisionCase.machine.flatMap((r) => r.guards))
    assert.deepStrictEqual([...named].sort(), Object.keys(SupervisionCase.guards).sort())
    for (const [name, guard] of Object.entries(SupervisionCase.guards)) {
      assert.isTrue(/\p{Script=Han}/u.test(guard.labelZh), name)
      assert.strictEqual(SupervisionCase.guardLabelZh[name as SupervisionCase.Guard], guard.labelZh)
    }
  })

  it("decide rejects with the first guard of the row whose check fails, and that guard's explanation", () => {
    let rejected = 0
    for (const row of SupervisionCase.machine) {
      if (row.guards.length === 0) continue
      for (const from of row.from) {
        const { state, now } = prepared(row.command, from)
        // The same case suspended, and the same case a year later (appeal windows closed).
        const suspended = SupervisionCase.evolve(state, { _tag: "CaseSuspended", on: d(now), by: townSecretary.id })
        const later = `${Number(now.slice(0, 4)) + 1}${now.slice(4)}`
        for (const [s, on] of [[state, now], [suspended, now], [state, later]] as const) {
          const command = sample(row.command)
          const input = { state: s, command, rules: Rulebook.unsafeAt(Rulebook.defaults, d(on)), now: d(on) }
          const failing = row.guards.find((g) => !SupervisionCase.guards[g].check(input))
          const result = SupervisionCase.decide(s, command, ctx(on, actorFor(row.command)))
          if (failing === undefined) {
            if (Either.isLeft(result)) assert.notStrictEqual(result.left._tag, "CommandRejected", `${from}/${row.command}`)
            continue
          }
          const e = left(result) as SupervisionCase.CommandRejected
          assert.deepStrictEqual(
            { tag: e._tag, guard: e.guard, detail: e.detail },
            { tag: "CommandRejected", guard: failing, detail: SupervisionCase.guards[failing].explain(input) }
          )
          rejected++
        }
      }
    }
    assert.isAbove(rejected, 10)
  })
})

describe("SupervisionCase authority", () => {
  it("a town commission acts only on cases in its own town", () => {
    const e = left(SupervisionCase.decide(SupervisionCase.initial, register(), ctx("2026-03-02", otherTownSecretary)))
    assert.deepStrictEqual([e._tag, (e as SupervisionCase.Forbidden).reason], ["Forbidden", "jurisdiction"])
    const lead = reach("leadRegistered").state
    const e2 = left(SupervisionCase.decide(lead, sample("DisposeLead"), ctx("2026-03-03", otherTownSecretary)))
    assert.strictEqual((e2 as SupervisionCase.Forbidden).reason, "jurisdiction")
  })

  it("the county commission acts on any case of its county, not another county's", () => {
    right(SupervisionCase.decide(SupervisionCase.initial, register(), ctx("2026-03-02", countyOfficer)))
    const elsewhere = { ...countyOfficer, jurisdiction: { level: "county" as const, county: Ids.CountyId.make("c9") } }
    const e = left(SupervisionCase.decide(SupervisionCase.initial, register(), ctx("2026-03-02", elsewhere)))
    assert.strictEqual((e as SupervisionCase.Forbidden).reason, "jurisdiction")
  })

  it("a discipline member may record but not decide", () => {
    right(SupervisionCase.decide(SupervisionCase.initial, register(), ctx("2026-03-02", townMember)))
    const lead = reach("leadRegistered").state
    const e = left(SupervisionCase.decide(lead, sample("DisposeLead"), ctx("2026-03-03", townMember)))
    assert.deepStrictEqual([e._tag, (e as SupervisionCase.Forbidden).reason], ["Forbidden", "post"])
    const villager = { ...townSecretary, posts: ["partySecretary" as const] }
    assert.strictEqual((left(SupervisionCase.decide(SupervisionCase.initial, register(), ctx("2026-03-02", villager))) as SupervisionCase.Forbidden).reason, "post")
  })

  it("the subject cannot handle their own case (回避)", () => {
    const self = { ...townSecretary, id: subjectCadre }
    const e = left(SupervisionCase.decide(reach("leadRegistered").state, sample("DisposeLead"), ctx("2026-03-03", self)))
    assert.strictEqual((e as SupervisionCase.Forbidden).reason, "recusal")
  })

  it("a relative of the subject cannot handle the case, by predicate or by recorded relations", () => {
    const lead = reach("leadRegistered").state
    const byPredicate = ctx("2026-03-03", townSecretary, {
      isRelated: (a, b) => (a === townSecretary.id && b === subjectCadre) || (b === townSecretary.id && a === subjectCadre)
    })
    assert.strictEqual((left(SupervisionCase.decide(lead, sample("DisposeLead"), byPredicate)) as SupervisionCase.Forbidden).reason, "recusal")
    const byRelations = ctx("2026-03-03", townSecretary, {
      relations: [{ a: { cadreId: subjectCadre }, b: { cadreId: townSecretary.id }, kind: "sibling" }]
    })
    assert.strictEqual((left(SupervisionCase.decide(lead, sample("DisposeLead"), byRelations)) as SupervisionCase.Forbidden).reason, "recusal")
    // Someone else's relative does not matter.
    const unrelated = ctx("2026-03-03", townSecretary, {
      relations: [{ a: { cadreId: Ids.CadreId.make("other") }, b: { cadreId: townSecretary.id }, kind: "sibling" }]
    })
    right(SupervisionCase.decide(lead, sample("DisposeLead"), unrelated))
  })

  it("light measures are decided by the town, heavier ones and transfers to the judiciary need the county", () => {
    const review = reach("review").state
    right(SupervisionCase.decide(review, { _tag: "Decide", measures: [{ measure: "partySeriousWarning" }, { measure: "governmentMajorDemerit" }] }, ctx("2026-06-10")))
    const heavy = left(SupervisionCase.decide(review, { _tag: "Decide", measures: [{ measure: "partyProbation", periodMonths: 24 }] }, ctx("2026-06-10")))
    assert.deepStrictEqual([heavy._tag, (heavy as SupervisionCase.Forbidden).reason], ["Forbidden", "decisionLevel"])
    right(SupervisionCase.decide(review, { _tag: "Decide", measures: [{ measure: "partyProbation", periodMonths: 24 }] }, ctx("2026-06-10", countyOfficer)))
    const transfer = left(SupervisionCase.decide(review, { _tag: "Transfer", to: "judiciary" }, ctx("2026-06-10")))
    assert.strictEqual((transfer as SupervisionCase.Forbidden).reason, "decisionLevel")
    const done = right(SupervisionCase.handle(review, { _tag: "Transfer", to: "judiciary" }, ctx("2026-06-10", countyOfficer)))
    assert.deepStrictEqual(done.state.dispositions.map((x) => [x.measure, x.form]), [["transferToJudiciary", 4]])
    assert.strictEqual(done.state.transferredTo, "judiciary")
  })

  it("the decision level follows the rulebook, not code", () => {
    const review = reach("review").state
    const countyRulebook = Rulebook.withEditions(Rulebook.defaults, [{
      effectiveFrom: d("2026-01-01"),
      source: { law: "某县规定" },
      parameters: {
        "authority.decisionLevel": {
          value: { ...Rulebook.unsafeAt(Rulebook.defaults, d("2026-01-01")).parameters["authority.decisionLevel"].value, partySeriousWarning: "county" },
          citation: { law: "某县规定" },
          scope: "local"
        }
      }
    }])
    const e = left(SupervisionCase.decide(review, sample("Decide"), { ...ctx("2026-06-10"), rulebook: countyRulebook }))
    assert.strictEqual((e as SupervisionCase.Forbidden).reason, "decisionLevel")
  })

  it("复核 is decided by the county", () => {
    const { state, now } = prepared("DecideRecheck", "recheck")
    const e = left(SupervisionCase.decide(state, sample("DecideRecheck"), ctx(now, townSecretary)))
    assert.strictEqual((e as SupervisionCase.Forbidden).reason, "decisionLevel")
  })
})

describe("SupervisionCase measures", () => {
  it("a village cadre receives only 警告, 记过, 记大过 as 政务处分", () => {
    const review = reach("review").state
    for (const m of ["governmentDemotion", "governmentRemoval", "governmentExpulsion"] as const) {
      const e = left(SupervisionCase.decide(review, { _tag: "Decide", measures: [{ measure: m }] }, ctx("2026-06-10", countyOfficer)))
      assert.strictEqual(e._tag, "MeasureNotAllowed")
    }
    const official = run([
      [register({ subject: { cadre: subjectCadre, category: "publicOfficial" } }), "2026-03-02"],
      [{ _tag: "DisposeLead", way: "preliminaryCheck" }, "2026-03-03"],
      [{ _tag: "ConcludeInquiry", outcome: "fileCase" }, "2026-03-04"],
      [{ _tag: "SubmitForReview" }, "2026-03-05"]
    ]).state
    right(SupervisionCase.decide(official, { _tag: "Decide", measures: [{ measure: "governmentDemotion" }] }, ctx("2026-03-10", countyOfficer)))
  })

  it("留党察看 needs the decision to choose 12 or 24 months", () => {
    const review = reach("review").state
    const none = left(SupervisionCase.decide(review, { _tag: "Decide", measures: [{ measure: "partyProbation" }] }, ctx("2026-06-10", countyOfficer)))
    assert.strictEqual(none._tag, "PeriodChoiceInvalid")
    const wrong = left(SupervisionCase.decide(review, { _tag: "Decide", measures: [{ measure: "partyProbation", periodMonths: 18 }] }, ctx("2026-06-10", countyOfficer)))
    assert.strictEqual(wrong._tag, "PeriodChoiceInvalid")
    const ok = right(SupervisionCase.handle(review, { _tag: "Decide", measures: [{ measure: "partyProbation", periodMonths: 12 }] }, ctx("2026-06-10", countyOfficer)))
    assert.deepStrictEqual(SupervisionCase.sanctions(ok.state).map((s) => [s.measure, s.from, s.until]), [["partyProbation", "2026-06-10", "2027-06-10"]])
  })

  describe("several sanctions in one decision", () => {
    const official = run([
      [register({ subject: { cadre: subjectCadre, category: "publicOfficial" } }), "2026-03-02"],
      [{ _tag: "DisposeLead", way: "preliminaryCheck" }, "2026-03-03"],
      [{ _tag: "ConcludeInquiry", outcome: "fileCase" }, "2026-03-04"],
      [{ _tag: "SubmitForReview" }, "2026-03-05"]
    ]).state

    it("of two kinds of 政务处分 only the heaviest is executed (政务处分法 第十条)", () => {
      const ok = right(SupervisionCase.handle(official, {
        _tag: "Decide",
        measures: [{ measure: "governmentWarning" }, { measure: "partyWarning" }, { measure: "governmentDemotion" }]
      }, ctx("2026-03-10", countyOfficer)))
      assert.deepStrictEqual(ok.state.dispositions.map((x) => [x.measure, x.periodMonths]), [["governmentDemotion", 24], ["partyWarning", 12]])
      // Periods run from the decision date: 政务处分法 第八条, 政务处分决定自作出之日起生效.
      assert.deepStrictEqual(SupervisionCase.sanctions(ok.state).map((x) => [x.measure, x.from, x.until]), [
        ["governmentDemotion", "2026-03-10", "2028-03-10"],
        ["partyWarning", "2026-03-10", "2027-03-10"]
      ])
    })

    it("several of the same kind below 撤职 are one, with one period between the longest and the sum, at most 48 months", () => {
      const two = (periodMonths?: number) => SupervisionCase.handle(official, {
        _tag: "Decide",
        measures: [periodMonths === undefined ? { measure: "governmentMajorDemerit" } : { measure: "governmentMajorDemerit", periodMonths }, { measure: "governmentMajorDemerit" }]
      }, ctx("2026-03-10", countyOfficer))
      assert.deepStrictEqual(right(two(30)).state.dispositions.map((x) => [x.measure, x.periodMonths]), [["governmentMajorDemerit", 30]])
      for (const bad of [undefined, 17, 37]) {
        const e = left(two(bad))
        assert.strictEqual(e._tag, "CombinedPeriodInvalid", String(bad))
      }
    })

    it("two party sanctions in one decision are refused (合并处理), and nothing is written", () => {
      const e = left(SupervisionCase.decide(official, {
        _tag: "Decide",
        measures: [{ measure: "partyWarning" }, { measure: "partySeriousWarning" }]
      }, ctx("2026-03-10", countyOfficer)))
      assert.strictEqual(e._tag, "PartySanctionsNotCombined")
      assert.include(e.message, "合并处理")
    })
  })

  it("each disposition carries its form from the rulebook table", () => {
    const review = reach("review").state
    const ok = right(SupervisionCase.handle(review, {
      _tag: "Decide",
      measures: [{ measure: "partyWarning" }, { measure: "admonition" }, { measure: "dismissal" }]
    }, ctx("2026-06-10", countyOfficer)))
    assert.deepStrictEqual(ok.state.dispositions.map((x) => [x.measure, x.form, x.periodMonths]), [
      ["partyWarning", 2, 12],
      ["admonition", 1, undefined],
      ["dismissal", 2, undefined]
    ])
  })

  it("谈话提醒 after an inquiry takes first-form measures only", () => {
    const inquiry = reach("inquiry").state
    const ok = right(SupervisionCase.handle(inquiry, { _tag: "ConcludeInquiry", outcome: "talkReminder" }, ctx("2026-03-20")))
    assert.deepStrictEqual(ok.state.dispositions.map((x) => [x.measure, x.form]), [["talkReminder", 1]])
    assert.strictEqual(ok.state.stage, "closed")
    const admonished = right(SupervisionCase.handle(inquiry, { _tag: "ConcludeInquiry", outcome: "talkReminder", measures: [{ measure: "admonition" }] }, ctx("2026-03-20")))
    assert.deepStrictEqual(admonished.state.dispositions.map((x) => x.measure), ["admonition"])
    const heavy = left(SupervisionCase.decide(inquiry, { _tag: "ConcludeInquiry", outcome: "talkReminder", measures: [{ measure: "partyWarning" }] }, ctx("2026-03-20")))
    assert.deepStrictEqual([heavy._tag, (heavy as SupervisionCase.CommandRejected).guard], ["CommandRejected", "firstFormOnly"])
    const stray = left(SupervisionCase.decide(inquiry, { _tag: "ConcludeInquiry", outcome: "close", measures: [{ measure: "criticism" }] }, ctx("2026-03-20")))
    assert.strictEqual((stray as SupervisionCase.CommandRejected).guard, "noMeasures")
  })

  it("复审 can change or revoke the measures, which then run from the original decision", () => {
    const reex = reach("reexamination").state
    const changed = right(SupervisionCase.handle(reex, { _tag: "DecideReexamination", outcome: "changed", measures: [{ measure: "criticism" }] }, ctx("2026-07-10")))
    assert.deepStrictEqual(changed.state.dispositions, [{ measure: "criticism", form: 1, on: d("2026-06-15") }])
    const revoked = right(SupervisionCase.handle(reex, { _tag: "DecideReexamination", outcome: "revoked" }, ctx("2026-07-10")))
    assert.deepStrictEqual(revoked.state.dispositions, [])
    assert.deepStrictEqual(SupervisionCase.sanctions(revoked.state), [])
    const missing = left(SupervisionCase.decide(reex, { _tag: "DecideReexamination", outcome: "changed" }, ctx("2026-07-10")))
    assert.strictEqual((missing as SupervisionCase.CommandRejected).guard, "measuresRequired")
  })

  it("sources: petitions (anonymous), exercise findings with their codes, and the rest", () => {
    const sources: ReadonlyArray<SupervisionCase.LeadSource> = [
      { _tag: "Petition", reporter: { _tag: "Anonymous" } },
      { _tag: "Inspection", reference: "巡察-2026-3" },
      { _tag: "Audit" },
      { _tag: "ThreeAssetsAnomaly" },
      { _tag: "ExerciseFinding", exercise: Ids.ExerciseId.make("ex-9"), findings: ["NO_DISCLOSURE", "OVER_THRESHOLD"] },
      { _tag: "ScoringSignal" },
      { _tag: "DailySupervision" }
    ]
    for (const source of sources) {
      const { state } = run([[register({ source }), "2026-03-02"]])
      assert.deepStrictEqual(state.source, source)
      assert.strictEqual(state.id, caseId)
    }
    const bad = SupervisionCase.decodeCommand({ ...register(), source: { _tag: "ExerciseFinding", exercise: "ex-9", findings: [] } })
    assert.strictEqual(Either.isLeft(bad), true)
  })

  it("decodes commands at the boundary, naming the bad path", () => {
    const r = SupervisionCase.decodeCommand({ _tag: "ExtendInvestigation", days: -3 })
    const e = left(r)
    assert.deepStrictEqual(e.issues[0]?.path, ["days"])
  })
})
