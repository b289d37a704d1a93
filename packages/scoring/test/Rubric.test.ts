import { assert, describe, it } from "@effect/vitest"
import { LocalDate } from "@qinglian/core"
import { Examples, Points, Rubric } from "@qinglian/scoring"
import * as Either from "effect/Either"
import * as fc from "fast-check"
import { ctx, d, editionOn, scoreOrThrow, sumLedger, weeklyFile } from "./fixtures.js"

const spring = editionOn(weeklyFile, "2026-03-16")

const base = (over: Partial<Rubric.Facts> = {}): Rubric.Facts => ({
  subject: "c1",
  date: d("2026-03-16"),
  ratings: { villagers: 7000, town: 8500 },
  tasks: [{ id: "t1", target: 10, done: 9, deadline: d("2026-03-13"), completedOn: d("2026-03-13") }],
  ...over
})

const entriesFor = (s: Rubric.Scored, rule: string) => s.ledger.filter((e) => e.rule === rule)

describe("Rubric.score: weighted components", () => {
  it("40% villagers + 20% town + 40% targets: 70, 85, 90 → 81", () => {
    const s = scoreOrThrow(spring, base())
    assert.strictEqual(s.score, 8100)
    assert.deepStrictEqual(s.ledger.map((e) => e.points), [2800, 1700, 3600])
    assert.strictEqual(Rubric.explain(s.ledger[0]!, spring.rubric).zh, "村民评议 70.00 × 40.00% = 28.00")
    assert.strictEqual(sumLedger(s), s.score)
    assert.strictEqual(Points.format(s.score), "81.00")
  })

  it("caps each task's completion: over-delivery on one task does not make up for another", () => {
    const s = scoreOrThrow(spring, base({
      tasks: [
        { id: "t1", target: 10, done: 30, deadline: d("2026-03-13"), completedOn: d("2026-03-12") },
        { id: "t2", target: 10, done: 5, deadline: d("2026-03-13"), completedOn: d("2026-03-13") }
      ]
    }))
    assert.strictEqual(s.components["targets"], 7500) // (100% + 50%) / 2, not (300% + 50%) / 2
  })

  it("refuses a rating outside 0–100 or a task without a positive target, naming the path", () => {
    const bad = Rubric.score(spring, base({ ratings: { villagers: 10_001, town: 0 } }), { rubricId: "x", calendar: (undefined as never) })
    assert.isTrue(Either.isLeft(bad))
    if (Either.isLeft(bad)) assert.deepStrictEqual(bad.left.path, ["ratings", "villagers"])
    const zero = Rubric.score(spring, base({ tasks: [{ id: "t", target: 0, done: 0, deadline: d("2026-03-13") }] }), {
      rubricId: "x",
      calendar: (undefined as never)
    })
    assert.isTrue(Either.isLeft(zero))
    if (Either.isLeft(zero)) assert.strictEqual(zero.left.code, "TASK_TARGET")
  })
})

describe("Rubric.score: deductions", () => {
  it("deducts per working day late, on the holiday calendar", () => {
    // Deadline Thursday 2026-04-02; done Wednesday 2026-04-08: 清明 2026-04-04..06 are rest days,
    // so only 04-03 (Fri), 04-07 (Tue) and 04-08 (Wed) count: 3 working days, 0.5 each.
    const s = scoreOrThrow(spring, base({
      date: d("2026-04-13"),
      tasks: [{ id: "t1", target: 10, done: 10, deadline: d("2026-04-02"), completedOn: d("2026-04-08") }]
    }))
    const late = entriesFor(s, "lateTask")
    assert.strictEqual(late.length, 1)
    assert.strictEqual(late[0]!.points, -150)
    assert.strictEqual(sumLedger(s), s.score)
  })

  it("stops at the item's worth: an item worth 8, −5 and −4 → 8 deducted, 0 left (扣完为止)", () => {
    const s = scoreOrThrow(spring, base({
      findings: [
        { id: "f1", kind: "meeting.absent" },
        { id: "f2", kind: "duty.absent" }
      ]
    }))
    const lines = s.ledger.filter((e) => e.section === "deduction")
    assert.deepStrictEqual(lines.map((e) => [e.rule, e.points, e.outcome]), [
      ["absentMeeting", -500, "applied"],
      ["offDuty", -300, "capped"]
    ])
    assert.strictEqual(s.score, 8100 - 800)
    assert.include(Rubric.explain(lines[1]!, spring.rubric).zh, "扣完为止")
    assert.strictEqual(Rubric.explain(lines[0]!, spring.rubric).zh, "无故缺席周例会：扣5.00分")
  })

  it("deducts one fact once, at the highest (就高处理), and says which rule won", () => {
    const s = scoreOrThrow(spring, base({ findings: [{ id: "f9", kind: "disclosure.overdue", note: "三季度财务未公开" }] }))
    const lines = s.ledger.filter((e) => e.section === "deduction")
    const lost = lines.find((e) => e.rule === "disclosureLate")!
    const won = lines.find((e) => e.rule === "negativeListDisclosure")!
    assert.strictEqual(won.points, -400)
    assert.strictEqual(lost.points, 0)
    assert.strictEqual(lost.outcome, "superseded")
    assert.deepStrictEqual(lost.reason, { _tag: "Superseded", winner: "negativeListDisclosure", amount: 200, winnerAmount: 400 })
    assert.include(Rubric.explain(lost, spring.rubric).zh, "就高处理")
    assert.strictEqual(s.score, 8100 - 400)
  })

  it("clamps the total at 0 with a ledger line, so the ledger still sums to the score", () => {
    const s = scoreOrThrow(spring, base({
      ratings: { villagers: 0, town: 0 },
      tasks: [{ id: "t1", target: 10, done: 0, deadline: d("2026-03-13") }],
      findings: [{ id: "f1", kind: "meeting.absent" }]
    }))
    assert.strictEqual(s.score, 0)
    assert.strictEqual(sumLedger(s), 0)
    assert.isTrue(s.ledger.some((e) => e.section === "clamp" && e.points > 0))
  })
})

describe("Rubric.score: bonuses and vetoes", () => {
  it("caps a bonus per month, counting awards already granted", () => {
    const s = scoreOrThrow(spring, base({
      merits: [{ id: "m1", kind: "merit.commendation" }],
      priorAwards: [{ bonus: "commendation", on: d("2026-03-02"), points: 100 }]
    }))
    const line = entriesFor(s, "commendation")[0]!
    assert.strictEqual(line.points, 100)
    assert.strictEqual(line.outcome, "capped")
    assert.deepStrictEqual(s.awards, [{ bonus: "commendation", on: d("2026-03-16"), points: 100 }])
  })

  it("caps a bonus per year", () => {
    const prior = [2, 4, 5, 6, 8, 9].map((m, i) => ({
      bonus: "innovation",
      on: d(`2026-0${m}-0${i + 1}`),
      points: 100
    }))
    const s = scoreOrThrow(editionOn(weeklyFile, "2026-11-16"), base({
      date: d("2026-11-16"),
      merits: [{ id: "m1", kind: "merit.innovation" }],
      priorAwards: prior
    }))
    assert.strictEqual(entriesFor(s, "innovation")[0]!.points, 0)
  })

  it("vetoes on a named event: the points stay, the grade is forced", () => {
    const s = scoreOrThrow(spring, base({ events: [{ id: "e1", kind: "event.violation" }] }))
    assert.strictEqual(s.score, 8100)
    assert.deepStrictEqual(s.vetoes, [{ rule: "majorViolation", grade: "poor" }])
  })

  it("counts each warning colour on its own, within the calendar year", () => {
    const w = (colour: Rubric.Colour, on: string, i: number) => ({ id: `w${i}`, colour, on: d(on) })
    const three = base({
      warnings: [w("yellow", "2026-01-05", 1), w("yellow", "2026-02-05", 2), w("yellow", "2026-03-02", 3), w("orange", "2026-03-03", 4), w("orange", "2026-03-04", 5), w("red", "2026-03-05", 6)]
    })
    assert.deepStrictEqual(scoreOrThrow(spring, three).vetoes, []) // 3 yellow, 2 orange, 1 red: none reached
    const lastYear = base({ warnings: [...(three.warnings ?? []), w("yellow", "2025-12-30", 7)] })
    assert.deepStrictEqual(scoreOrThrow(spring, lastYear).vetoes, [])
    const fourth = base({ warnings: [...(three.warnings ?? []), w("yellow", "2026-03-10", 8)] })
    assert.deepStrictEqual(scoreOrThrow(spring, fourth).vetoes, [{ rule: "warnings", grade: "poor" }])
    const secondRed = base({ warnings: [...(three.warnings ?? []), w("red", "2026-03-11", 9)] })
    assert.deepStrictEqual(scoreOrThrow(spring, secondRed).vetoes, [{ rule: "warnings", grade: "poor" }])
  })
})

describe("Rubric.at: effective-dated editions", () => {
  it("scores an old week under the edition then in force", () => {
    const facts = (date: string): Rubric.Facts => base({
      date: d(date),
      tasks: [{ id: "t1", target: 1, done: 1, deadline: d("2026-06-24"), completedOn: d("2026-06-26") }]
    })
    const june = scoreOrThrow(editionOn(weeklyFile, "2026-06-29"), facts("2026-06-29"))
    const july = scoreOrThrow(editionOn(weeklyFile, "2026-07-06"), facts("2026-07-06"))
    assert.strictEqual(june.rubric.version, "2026.1")
    assert.strictEqual(entriesFor(june, "lateTask")[0]!.points, -100)
    assert.strictEqual(july.rubric.version, "2026.2")
    assert.strictEqual(entriesFor(july, "lateTask")[0]!.points, -200)
  })

  it("has no edition before the first", () => {
    assert.isTrue(Either.isLeft(Rubric.at(weeklyFile, d("2025-12-31"))))
  })
})

describe("Rubric grade bands", () => {
  it("uses inclusive lower bounds: 90.00 is 优秀, 89.99 is 良好", () => {
    assert.strictEqual(Rubric.bandOf(spring.rubric, 9000).grade, "excellent")
    assert.strictEqual(Rubric.bandOf(spring.rubric, 8999).grade, "good")
    assert.strictEqual(Rubric.bandOf(spring.rubric, 0).grade, "poor")
  })
})

describe("Rubric.decodeFile", () => {
  const file = (): any => JSON.parse(JSON.stringify(Examples.weeklyRubric))

  it("refuses an unknown key at its path", () => {
    const f = file()
    f.editions[0].rubric.components[0].weigth = 40
    const r = Rubric.decodeFile(f)
    assert.isTrue(Either.isLeft(r))
    if (Either.isLeft(r)) {
      const issue = r.left.issues.find((i) => i.code === "INPUT_UNKNOWN_KEY")!
      assert.deepStrictEqual(issue.path, ["editions", 0, "rubric", "components", 0, "weigth"])
      assert.include(issue.message.zh, "未知字段")
    }
  })

  it("refuses weights that do not add up to 100, with a zh/en message", () => {
    const f = file()
    f.editions[0].rubric.components[0].weight = 35
    const r = Rubric.decodeFile(f)
    assert.isTrue(Either.isLeft(r))
    if (Either.isLeft(r)) {
      const issue = r.left.issues.find((i) => i.code === "INPUT_RULE")!
      assert.deepStrictEqual(issue.path, ["editions", 0, "rubric", "components"])
      assert.include(issue.message.zh, "权重")
      assert.include(issue.message.en, "add up to 100")
    }
  })

  it("refuses points with more than two decimals at their path", () => {
    const f = file()
    f.editions[0].rubric.deductions[0].worth = 8.125
    const r = Rubric.decodeFile(f)
    assert.isTrue(Either.isLeft(r))
    if (Either.isLeft(r)) {
      assert.deepStrictEqual(r.left.issues.map((i) => i.path.join("/")), ["editions/0/rubric/deductions/0/worth"])
      assert.include(r.left.issues[0]!.message.zh, "两位小数")
    }
  })

  it("refuses unknown grades, unsorted bands and duplicate ids, every one at its path", () => {
    const f = file()
    const r0 = f.editions[0].rubric
    r0.vetoes[0].grade = "terrible"
    r0.grades[1].min = 95
    r0.bonuses[1].id = "commendation"
    const r = Rubric.decodeFile(f)
    assert.isTrue(Either.isLeft(r))
    if (Either.isLeft(r)) {
      const paths = r.left.issues.map((i) => i.path.join("/"))
      assert.include(paths, "editions/0/rubric/vetoes/0/grade")
      assert.include(paths, "editions/0/rubric/grades/1/min")
      assert.include(paths, "editions/0/rubric/bonuses/1/id")
      for (const i of r.left.issues) assert.isTrue(i.message.zh.length > 0 && i.message.en.length > 0)
    }
  })

  it("never throws on any JSON input", () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => {
      const r = Rubric.decodeFile(v)
      return Either.isLeft(r) || Either.isRight(r)
    }), { numRuns: 500 })
    fc.assert(fc.property(fc.string(), (s) => Either.isLeft(Rubric.decodeJson(s)) || true), { numRuns: 200 })
    assert.isTrue(Either.isLeft(Rubric.decodeJson("{not json")))
  })
})

describe("Rubric.score: property tests", () => {
  const kinds = ["meeting.absent", "meeting.late", "duty.absent", "disclosure.overdue", "negativeList.breach", "task.late", "x"]
  const factsArb = fc.record({
    villagers: fc.integer({ min: 0, max: 10_000 }),
    town: fc.integer({ min: 0, max: 10_000 }),
    tasks: fc.array(
      fc.record({ target: fc.integer({ min: 1, max: 50 }), done: fc.integer({ min: 0, max: 100 }), late: fc.integer({ min: -3, max: 12 }) }),
      { maxLength: 6 }
    ),
    findings: fc.array(fc.record({ kind: fc.constantFrom(...kinds), count: fc.integer({ min: 0, max: 9 }) }), { maxLength: 8 }),
    merits: fc.array(fc.constantFrom("merit.commendation", "merit.innovation", "none"), { maxLength: 5 })
  })

  it("the ledger sums exactly to the score, which lies in [0, max]; no item loses more than its worth", () => {
    fc.assert(fc.property(factsArb, (f) => {
      const s = scoreOrThrow(spring, {
        subject: "c",
        date: d("2026-03-30"),
        ratings: { villagers: f.villagers, town: f.town },
        tasks: f.tasks.map((t, i) => ({
          id: `t${i}`,
          target: t.target,
          done: t.done,
          deadline: d("2026-03-20"),
          completedOn: t.late < 0 ? undefined : LocalDate.addDays(d("2026-03-20"), t.late)
        })),
        findings: f.findings.map((x, i) => ({ id: `f${i}`, kind: x.kind, count: x.count })),
        merits: f.merits.map((k, i) => ({ id: `m${i}`, kind: k }))
      })
      assert.strictEqual(sumLedger(s), s.score)
      assert.isTrue(Number.isSafeInteger(s.score) && s.score >= 0 && s.score <= 10_000)
      for (const item of spring.rubric.deductions) {
        const rules = new Set(item.rules.map((r) => r.id))
        const lost = s.ledger.filter((e) => e.section === "deduction" && rules.has(e.rule)).reduce((a, e) => a - e.points, 0)
        assert.isTrue(lost <= item.worth)
      }
    }), { numRuns: 300 })
  })
})

describe("Rubric.scoreBatch", () => {
  const factsArb = fc.array(
    fc.record({
      villagers: fc.integer({ min: 0, max: 10_000 }),
      town: fc.integer({ min: 0, max: 10_000 }),
      tasks: fc.array(fc.record({ target: fc.integer({ min: 1, max: 9 }), done: fc.integer({ min: 0, max: 12 }), late: fc.integer({ min: -2, max: 9 }) }), { maxLength: 4 }),
      findings: fc.array(fc.constantFrom("meeting.absent", "duty.absent", "disclosure.overdue", "negativeList.breach"), { maxLength: 4 }),
      merits: fc.array(fc.constantFrom("merit.commendation", "merit.innovation"), { maxLength: 3 }),
      events: fc.array(fc.constantFrom("event.violation", "none"), { maxLength: 2 }),
      reds: fc.integer({ min: 0, max: 3 }),
      note: fc.option(fc.constantFrom("村民代表会议评议", "包片领导当面点评"), { nil: undefined })
    }),
    { maxLength: 12 }
  )
  it("gives every cadre exactly the Scored that score gives, ledger included", () => {
    fc.assert(fc.property(factsArb, (xs) => {
      const facts: Array<Rubric.Facts> = xs.map((f, i) => ({
        subject: `c${i}`,
        date: d("2026-03-30"),
        ratings: { villagers: f.villagers, town: f.town },
        // A rating with a note names the note as its ledger line's fact.
        ...(f.note === undefined ? {} : { ratingNotes: { town: f.note } }),
        tasks: f.tasks.map((t, k) => ({ id: `t${i}-${k}`, target: t.target, done: t.done, deadline: d("2026-03-20"), completedOn: t.late < 0 ? undefined : LocalDate.addDays(d("2026-03-20"), t.late) })),
        findings: f.findings.map((kind, k) => ({ id: `f${k}`, kind })),
        merits: f.merits.map((kind, k) => ({ id: `m${k}`, kind })),
        events: f.events.map((kind, k) => ({ id: `e${k}`, kind })),
        warnings: Array.from({ length: f.reds }, (_, k) => ({ id: `w${k}`, colour: "red" as const, on: d("2026-02-02") }))
      }))
      const batch = Either.getOrThrow(Rubric.scoreBatch(spring, facts, { rubricId: "jincun-weekly", calendar: ctx.calendar }))
      assert.strictEqual(batch.size, facts.length)
      facts.forEach((f, i) => {
        const one = scoreOrThrow(spring, f)
        assert.deepStrictEqual(batch.scored(i), one)
        assert.strictEqual(batch.scores[i], one.score)
      })
    }), { numRuns: 150 })
  })
})
