import { assert, describe, it } from "@effect/vitest"
import { Effect, Either, TestClock } from "effect"
import * as fc from "fast-check"
import { Ids, LocalDate, Rulebook, SupervisionCase, WorkCalendar } from "@qinglian/core"
import { countyOfficer, ctx, d, reach, register, run } from "./SupervisionCase.fixtures.js"

const rejected = (r: Either.Either<unknown, unknown>): string => {
  if (Either.isRight(r)) assert.fail("expected a rejection")
  const e = r.left as { _tag: string; guard?: string }
  return e._tag === "CommandRejected" ? `CommandRejected:${e.guard}` : e._tag
}

describe("SupervisionCase deadlines", () => {
  it("one context decides many commands with the same dates as a fresh context each time, and never a stale one", () => {
    const shared = ctx("2026-03-02")
    const first = Either.getOrThrow(SupervisionCase.decide(SupervisionCase.initial, register(), shared))
    for (let i = 0; i < 3; i++) {
      assert.deepStrictEqual(Either.getOrThrow(SupervisionCase.decide(SupervisionCase.initial, register(), shared)), first)
      assert.deepStrictEqual(Either.getOrThrow(SupervisionCase.decide(SupervisionCase.initial, register(), ctx("2026-03-02"))), first)
    }
    // A context is readonly; one changed in place anyway is decided on its new day.
    const mutable = { ...shared } as { -readonly [K in keyof typeof shared]: (typeof shared)[K] }
    SupervisionCase.decide(SupervisionCase.initial, register(), mutable)
    mutable.now = d("2026-04-07")
    const moved = Either.getOrThrow(SupervisionCase.decide(SupervisionCase.initial, register(), mutable))
    assert.deepStrictEqual(moved, Either.getOrThrow(SupervisionCase.decide(SupervisionCase.initial, register(), ctx("2026-04-07"))))
    const deadline = (moved[0] as Extract<SupervisionCase.Event, { readonly _tag: "LeadRegistered" }>).deadline
    assert.strictEqual(deadline?.startedOn, "2026-04-07")
  })
  it("a lead is disposed of within one month, counted the way statutes count months", () => {
    const { state } = run([[register(), "2026-01-31"]])
    assert.deepStrictEqual(state.deadline, {
      kind: "leadDisposal",
      startedOn: d("2026-01-31"),
      due: d("2026-02-28"),
      onSuspend: "run",
      binding: "authority"
    })
  })

  it("a letter inquiry is answered within 15 working days on the holiday calendar (中秋, 国庆, 调休)", () => {
    // 2026-09-25..27 中秋 and 10-01..07 国庆 are rest days; 10-10 (Saturday) is a make-up workday.
    const { state } = run([[register(), "2026-09-21"], [{ _tag: "DisposeLead", way: "letterInquiry" }, "2026-09-25"]])
    assert.strictEqual(state.deadline?.kind, "letterInquiryReply")
    assert.strictEqual(state.deadline?.due, "2026-10-22")
    assert.strictEqual(state.awaitingReply, true)
    // A talk (谈话) has no reply to wait for.
    const talk = run([[register(), "2026-09-21"], [{ _tag: "DisposeLead", way: "talkInquiry" }, "2026-09-25"]]).state
    assert.strictEqual(talk.deadline, undefined)
    assert.strictEqual(rejected(SupervisionCase.decide(talk, { _tag: "RecordInquiryReply" }, ctx("2026-09-28"))), "CommandRejected:awaitingReply")
    // The reply stops the clock.
    const replied = run([[{ _tag: "RecordInquiryReply" }, "2026-10-09"]], state).state
    assert.strictEqual(replied.deadline, undefined)
  })

  it("due dates are remembered per calendar: another calendar never gets this one's dates", () => {
    const rules = Rulebook.unsafeAt(Rulebook.defaults, d("2025-12-19"))
    const only2025 = WorkCalendar.make({ years: { "2025": WorkCalendar.chinaData.years["2025"]! } })
    const onChina = SupervisionCase.deadlineFor("letterInquiryReply", rules, WorkCalendar.china, d("2025-12-19"))
    assert.isTrue(Either.isRight(onChina))
    const uncovered = SupervisionCase.deadlineFor("letterInquiryReply", rules, only2025, d("2025-12-19"))
    assert.isTrue(Either.isLeft(uncovered) && uncovered.left._tag === "CalendarOutOfRange")
    assert.deepStrictEqual(SupervisionCase.deadlineFor("letterInquiryReply", rules, WorkCalendar.china, d("2025-12-19")), onChina)
  })

  it("a calendar that does not cover the due date is a typed error, not a guess", () => {
    const lead = run([[register(), "2026-12-10"]]).state
    const r = SupervisionCase.decide(lead, { _tag: "DisposeLead", way: "letterInquiry" }, ctx("2026-12-20"))
    assert.strictEqual(rejected(r), "CalendarOutOfRange")
  })

  it("an investigation runs 90 days, with one extension of at most 90 days", () => {
    const inv = reach("investigation").state // filed 2026-04-01
    assert.strictEqual(inv.deadline?.due, "2026-06-30")
    assert.strictEqual(rejected(SupervisionCase.decide(inv, { _tag: "ExtendInvestigation", days: 91 }, ctx("2026-06-01"))), "CommandRejected:extensionWithinMax")
    const extended = run([[{ _tag: "ExtendInvestigation", days: 90 }, "2026-06-01"]], inv).state
    assert.strictEqual(extended.deadline?.due, "2026-09-28")
    assert.strictEqual(rejected(SupervisionCase.decide(extended, { _tag: "ExtendInvestigation", days: 1 }, ctx("2026-06-02"))), "CommandRejected:extensionAvailable")
  })

  it("the number and length of extensions come from the rulebook", () => {
    const inv = reach("investigation").state
    const base = Rulebook.unsafeAt(Rulebook.defaults, d("2026-01-01")).parameters["case.investigationExtension"]
    const generous = Rulebook.withEditions(Rulebook.defaults, [{
      effectiveFrom: d("2026-01-01"),
      source: { law: "test" },
      parameters: { "case.investigationExtension": { ...base, value: { max: { amount: 3, unit: "months" }, times: 2 } } }
    }])
    let s = inv
    for (const days of [92, 30]) {
      const r = SupervisionCase.handle(s, { _tag: "ExtendInvestigation", days }, { ...ctx("2026-06-01"), rulebook: generous })
      if (Either.isLeft(r)) assert.fail(r.left.message)
      s = r.right.state
    }
    assert.strictEqual(s.extensionsUsed, 2)
    assert.strictEqual(s.deadline?.due, LocalDate.addDays(d("2026-06-30"), 122))
  })

  it("suspension pauses an investigation's clock and resumption shifts it by the days suspended", () => {
    const inv = reach("investigation").state
    const suspended = run([[{ _tag: "Suspend" }, "2026-05-01"]], inv).state
    assert.strictEqual(suspended.suspendedSince, "2026-05-01")
    assert.strictEqual(rejected(SupervisionCase.decide(suspended, { _tag: "SubmitForReview" }, ctx("2026-05-02"))), "CommandRejected:notSuspended")
    assert.strictEqual(rejected(SupervisionCase.decide(suspended, { _tag: "Suspend" }, ctx("2026-05-02"))), "CommandRejected:notSuspended")
    // While suspended, a paused deadline is never overdue.
    assert.strictEqual(SupervisionCase.overdue([suspended], d("2026-08-01")).total, 0)
    const resumed = run([[{ _tag: "Resume" }, "2026-05-21"]], suspended).state
    assert.strictEqual(resumed.deadline?.due, "2026-07-20")
    assert.strictEqual(resumed.suspendedSince, undefined)
    assert.strictEqual(rejected(SupervisionCase.decide(resumed, { _tag: "Resume" }, ctx("2026-05-22"))), "CommandRejected:suspended")
  })

  it("a deadline that runs during suspension is not shifted (the cadre's reply to a letter inquiry)", () => {
    const inq = reach("inquiry").state
    const due = inq.deadline?.due
    const after = run([[{ _tag: "Suspend" }, "2026-03-06"], [{ _tag: "Resume" }, "2026-03-20"]], inq).state
    assert.strictEqual(after.deadline?.due, due)
    assert.strictEqual(SupervisionCase.deadlinePolicy.letterInquiryReply.onSuspend, "run")
    // and it shows as overdue even while suspended
    const suspended = run([[{ _tag: "Suspend" }, "2026-03-06"]], inq).state
    assert.strictEqual(SupervisionCase.overdue([suspended], LocalDate.addDays(due!, 1)).total, 1)
  })

  it("review runs one month and can be extended with approval to a later date", () => {
    const review = reach("review").state // 2026-06-01
    assert.strictEqual(review.deadline?.due, "2026-07-01")
    assert.strictEqual(rejected(SupervisionCase.decide(review, { _tag: "ExtendReview", until: d("2026-06-20") }, ctx("2026-06-10"))), "CommandRejected:extendsLater")
    const ext = run([[{ _tag: "ExtendReview", until: d("2026-07-31") }, "2026-06-25"]], review).state
    assert.strictEqual(ext.deadline?.due, "2026-07-31")
  })

  it("decision service, 复审 and 复核 windows and decisions", () => {
    const decided = reach("decided").state // 2026-06-15
    assert.deepStrictEqual([decided.deadline?.kind, decided.deadline?.due], ["decisionService", "2026-07-15"])
    const exec = reach("execution").state // served 2026-06-20
    assert.strictEqual(exec.deadline, undefined)
    assert.deepStrictEqual([exec.window?.kind, exec.window?.due, exec.window?.binding], ["reexaminationApply", "2026-07-20", "applicant"])
    assert.strictEqual(rejected(SupervisionCase.decide(exec, { _tag: "ApplyReexamination" }, ctx("2026-07-21"))), "CommandRejected:reexaminationWindowOpen")
    assert.strictEqual(rejected(SupervisionCase.decide(exec, { _tag: "ApplyRecheck" }, ctx("2026-07-01"))), "CommandRejected:recheckWindowOpen")
    const reex = run([[{ _tag: "ApplyReexamination" }, "2026-07-20"]], exec).state
    assert.deepStrictEqual([reex.deadline?.kind, reex.deadline?.due], ["reexaminationDecide", "2026-08-20"])
    const back = run([[{ _tag: "DecideReexamination", outcome: "upheld" }, "2026-08-01"]], reex).state
    assert.deepStrictEqual([back.stage, back.window?.kind, back.window?.due], ["execution", "recheckApply", "2026-09-01"])
    assert.strictEqual(rejected(SupervisionCase.decide(back, { _tag: "ApplyReexamination" }, ctx("2026-08-02"))), "CommandRejected:reexaminationWindowOpen")
    const recheck = run([[{ _tag: "ApplyRecheck" }, "2026-08-15"]], back).state
    assert.deepStrictEqual([recheck.deadline?.kind, recheck.deadline?.due], ["recheckDecide", "2026-10-15"])
    const done = run([[{ _tag: "DecideRecheck", outcome: "upheld" }, "2026-09-01", countyOfficer]], recheck).state
    assert.deepStrictEqual([done.stage, done.window, done.deadline], ["execution", undefined, undefined])
    assert.strictEqual(rejected(SupervisionCase.decide(done, { _tag: "ApplyRecheck" }, ctx("2026-09-02"))), "CommandRejected:recheckWindowOpen")
  })

  it("due dates are stored in the events and survive a restart, even if the rulebook changes afterwards", () => {
    const { state, events } = reach("investigation")
    const stored = JSON.parse(JSON.stringify(events)) as Array<unknown>
    const decoded = stored.map((e) => Either.getOrThrow(SupervisionCase.decodeEvent(e)))
    const restored = Either.getOrThrow(SupervisionCase.replay(decoded))
    assert.deepStrictEqual(restored, state)
    assert.strictEqual(restored.deadline?.due, "2026-06-30")
    // A later rulebook edition with a shorter investigation does not rewrite a decided due date.
    const inv = Rulebook.unsafeAt(Rulebook.defaults, d("2026-01-01")).parameters["case.investigation"]
    const shorter = Rulebook.withEditions(Rulebook.defaults, [{
      effectiveFrom: d("2026-05-01"),
      source: { law: "test" },
      parameters: { "case.investigation": { ...inv, value: { amount: 60, unit: "days" } } }
    }])
    const check = run([[register(), "2026-05-04"], [{ _tag: "DisposeLead", way: "preliminaryCheck" }, "2026-05-05"]]).state
    const r = SupervisionCase.handle(check, { _tag: "ConcludeInquiry", outcome: "fileCase" }, { ...ctx("2026-05-10"), rulebook: shorter })
    assert.strictEqual(Either.getOrThrow(r).state.deadline?.due, "2026-07-09")
    assert.strictEqual(SupervisionCase.fold(decoded).deadline?.due, "2026-06-30")
  })

  it("replay rejects a stream an outsider wrote out of order", () => {
    const { events } = reach("review")
    const tampered = [events[0]!, events[3]!]
    const r = SupervisionCase.replay(tampered)
    if (Either.isRight(r)) assert.fail("expected InconsistentStream")
    assert.deepStrictEqual([r.left.version, r.left.stage, r.left.event], [2, "leadRegistered", events[3]!._tag])
  })
})

describe("SupervisionCase.overdue", () => {
  const mk = (id: string, town: string, steps: Parameters<typeof run>[0]) =>
    run(steps.map(([c, n]): readonly [SupervisionCase.Command, string] =>
      [c._tag === "RegisterLead" ? { ...c, caseId: Ids.CaseId.make(id), town: Ids.TownId.make(town) } : c, n]
    )).state

  const states = () => [
    mk("a", "t1", [[register(), "2026-03-02"]]), // leadDisposal due 04-02
    mk("b", "t1", [[register(), "2026-03-20"]]), // due 04-20
    mk("c", "t1", [[register(), "2026-03-02"], [{ _tag: "DisposeLead", way: "preliminaryCheck" }, "2026-03-03"]]), // 05-03 is in the Labour Day rest (05-01–05-05): due 05-06
    mk("d", "t1", [[register(), "2026-03-02"], [{ _tag: "DisposeLead", way: "close" }, "2026-03-03"]]) // closed
  ]

  it("lists cases past their due date, by stage, most overdue first", () => {
    const report = SupervisionCase.overdue(states(), d("2026-04-25"))
    assert.strictEqual(report.total, 2)
    assert.deepStrictEqual(
      report.byStage.map((g) => [g.stage, g.labelZh, g.items.map((i) => [i.caseId, i.daysOverdue])]),
      [["leadRegistered", "线索受理", [["a", 23], ["b", 5]]]]
    )
    assert.strictEqual(SupervisionCase.overdue(states(), d("2026-04-02")).total, 0) // due today is not late
    assert.deepStrictEqual(
      SupervisionCase.overdue(states(), d("2026-05-06")).byStage.map((g) => [g.stage, g.items.length]),
      [["leadRegistered", 2]]
    )
    assert.deepStrictEqual(
      SupervisionCase.overdue(states(), d("2026-05-07")).byStage.map((g) => [g.stage, g.items.length]),
      [["leadRegistered", 2], ["preliminaryCheck", 1]]
    )
  })

  it("a limit in months that ends on a rest day runs to the next working day, unless the rulebook says otherwise", () => {
    const steps = [[register(), "2026-03-02"], [{ _tag: "DisposeLead", way: "preliminaryCheck" }, "2026-03-03"]] as const
    assert.strictEqual(run(steps).state.deadline?.due, "2026-05-06")
    const strict = Rulebook.withEditions(Rulebook.defaults, [{
      effectiveFrom: d("2026-01-01"),
      source: { law: "测试县规定" },
      parameters: {
        "deadline.rollForwardFromRestDay": { value: false, citation: { law: "测试县规定" }, scope: "local" }
      }
    }])
    const check = SupervisionCase.handle(run([steps[0]]).state, steps[1][0], { ...ctx(steps[1][1]), rulebook: strict })
    assert.strictEqual(Either.getOrThrow(check).state.deadline?.due, "2026-05-03")
  })

  it("a month limit ending in a year the calendar does not list keeps its calendar date", () => {
    // 2026-12-10 + 1 month = 2027-01-10; 2027's schedule is not shipped, so it cannot be carried over.
    assert.strictEqual(run([[register(), "2026-12-10"]]).state.deadline?.due, "2027-01-10")
  })

  it.effect("overdueNow reads today from the Clock (China time)", () =>
    Effect.gen(function*() {
      // 2026-04-24T16:30Z is already 04-25 in Beijing.
      yield* TestClock.setTime(Date.UTC(2026, 3, 24, 16, 30))
      const report = yield* SupervisionCase.overdueNow(states())
      assert.strictEqual(report.today, "2026-04-25")
      assert.strictEqual(report.total, 2)
    }))

  it("property: an authority deadline is overdue exactly when today is after its due date", () => {
    const base = reach("investigation").state
    fc.assert(
      fc.property(fc.integer({ min: -200, max: 200 }), (offset) => {
        const today = LocalDate.addDays(base.deadline!.due, offset)
        return SupervisionCase.overdue([base], today).total === (offset > 0 ? 1 : 0)
      })
    )
  })

  it("property: letter-inquiry due dates are the 15th working day after the disposal", () => {
    const working = (x: LocalDate.LocalDate) => Either.getOrThrow(WorkCalendar.isWorkingDay(WorkCalendar.china, x))
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 680 }), (offset) => {
        const on = LocalDate.addDays(d("2025-01-02"), offset)
        const r = SupervisionCase.handle(
          run([[register(), on]]).state,
          { _tag: "DisposeLead", way: "letterInquiry" },
          ctx(on)
        )
        if (Either.isLeft(r)) return false
        const due = r.right.state.deadline!.due
        let count = 0
        for (let x = LocalDate.addDays(on, 1); x <= due; x = LocalDate.addDays(x, 1)) if (working(x)) count++
        return count === 15 && working(due)
      }),
      { numRuns: 200 }
    )
  })

  it("an extension is measured against the 90 days un-carried; only the new due date is carried past a holiday", () => {
    // Filed 2026-04-04: due 07-03. 07-03 + 90 days is 10-01 (国庆), which must not widen the limit to 10-08.
    const inv = run([
      [register(), "2026-03-02"],
      [{ _tag: "DisposeLead", way: "preliminaryCheck" }, "2026-03-05"],
      [{ _tag: "ConcludeInquiry", outcome: "fileCase" }, "2026-04-04"]
    ]).state
    assert.strictEqual(inv.deadline?.due, "2026-07-03")
    for (const days of [91, 96, 97]) {
      assert.strictEqual(
        rejected(SupervisionCase.decide(inv, { _tag: "ExtendInvestigation", days }, ctx("2026-06-01"))),
        "CommandRejected:extensionWithinMax",
        `${days} days`
      )
    }
    // 90 days reaches 10-01, a holiday: the new due date is the next working day, 10-08.
    const extended = run([[{ _tag: "ExtendInvestigation", days: 90 }, "2026-06-01"]], inv)
    assert.strictEqual(extended.state.deadline?.due, "2026-10-08")
    assert.deepStrictEqual(extended.events.map((e) => e._tag === "InvestigationExtended" && [e.days, e.due]), [[90, d("2026-10-08")]])
    // Where the rulebook does not carry deadlines, the new due date is the raw one.
    const rules = Rulebook.unsafeAt(Rulebook.defaults, d("2026-01-01"))
    const raw = Either.getOrThrow(SupervisionCase.investigationExtension(
      { ...rules, parameters: { ...rules.parameters, "deadline.rollForwardFromRestDay": { ...rules.parameters["deadline.rollForwardFromRestDay"], value: false } } },
      WorkCalendar.china,
      d("2026-07-03"),
      90
    ))
    assert.deepStrictEqual(raw, { latest: d("2026-10-01"), withinMax: true, due: d("2026-10-01") })
  })

  describe("closing a case in execution keeps the right to appeal", () => {
    const served = run([
      [register(), "2026-03-02"],
      [{ _tag: "DisposeLead", way: "preliminaryCheck" }, "2026-03-05"],
      [{ _tag: "ConcludeInquiry", outcome: "fileCase" }, "2026-04-01"],
      [{ _tag: "SubmitForReview" }, "2026-05-01"],
      [{ _tag: "Decide", measures: [{ measure: "partyWarning" }] }, "2026-05-20"],
      [{ _tag: "ServeDecision" }, "2026-05-25"]
    ]).state

    it("CloseCase is refused while the 复审 window is open, and the subject can still apply", () => {
      assert.strictEqual(served.window?.kind, "reexaminationApply")
      assert.strictEqual(served.window?.due, "2026-06-25")
      for (const day of ["2026-05-26", "2026-06-25"]) {
        assert.strictEqual(rejected(SupervisionCase.decide(served, { _tag: "CloseCase" }, ctx(day))), "CommandRejected:appealWindowPassed", day)
      }
      const applied = run([[{ _tag: "ApplyReexamination" }, "2026-05-27"]], served).state
      assert.strictEqual(applied.stage, "reexamination")
      // Once the window has passed, the case closes.
      assert.strictEqual(run([[{ _tag: "CloseCase" }, "2026-06-26"]], served).state.stage, "closed")
    })

    it("the 复核 window after a 复审 decision holds the case open the same way", () => {
      const reexamined = run([
        [{ _tag: "ApplyReexamination" }, "2026-05-27"],
        [{ _tag: "DecideReexamination", outcome: "upheld" }, "2026-06-10"]
      ], served).state
      assert.strictEqual(reexamined.window?.kind, "recheckApply")
      assert.strictEqual(rejected(SupervisionCase.decide(reexamined, { _tag: "CloseCase" }, ctx("2026-06-11"))), "CommandRejected:appealWindowPassed")
      assert.strictEqual(run([[{ _tag: "CloseCase" }, LocalDate.addDays(reexamined.window!.due, 1)]], reexamined).state.stage, "closed")
    })

    it("a recorded waiver (WaiveAppeal) closes the window, so the case can close at once and no appeal follows", () => {
      const waived = run([[{ _tag: "WaiveAppeal" }, "2026-05-26"]], served)
      assert.deepStrictEqual(waived.events.map((e) => e._tag), ["AppealWaived"])
      assert.strictEqual(waived.state.window, undefined)
      assert.strictEqual(rejected(SupervisionCase.decide(waived.state, { _tag: "ApplyReexamination" }, ctx("2026-05-27"))), "CommandRejected:reexaminationWindowOpen")
      assert.strictEqual(run([[{ _tag: "CloseCase" }, "2026-05-26"]], waived.state).state.stage, "closed")
      // Nothing to waive once the window has closed.
      assert.strictEqual(rejected(SupervisionCase.decide(served, { _tag: "WaiveAppeal" }, ctx("2026-06-26"))), "CommandRejected:appealWindowOpen")
      assert.strictEqual(rejected(SupervisionCase.decide(waived.state, { _tag: "WaiveAppeal" }, ctx("2026-05-27"))), "CommandRejected:appealWindowOpen")
    })
  })
})
