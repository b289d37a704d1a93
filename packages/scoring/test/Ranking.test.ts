import { assert, describe, it } from "@effect/vitest"
import { WorkCalendar } from "@qinglian/core"
import { Ranking, Rubric } from "@qinglian/scoring"
import * as Either from "effect/Either"
import * as fc from "fast-check"
import { d, editionOn, weeklyFile } from "./fixtures.js"

const body = editionOn(weeklyFile, "2026-03-16").rubric

const scored = (subject: string, score: number, targets = 0, villagers = 0, vetoes: Rubric.AppliedVeto[] = []): Rubric.Scored => ({
  subject,
  rubric: { id: "r", version: "1" },
  date: d("2026-03-16"),
  score,
  components: { targets, villagers, town: 0 },
  ledger: [],
  vetoes,
  awards: []
})

const entry = (s: Rubric.Scored, village = "v1", town = "t1"): Ranking.Entry => ({ scored: s, village, town })

const withQuota = (quota: Partial<Rubric.Quota>): Rubric.RubricBody => ({
  ...body,
  quotas: [{ grade: "excellent", scope: "town", rounding: "up", citation: { law: "test" }, ...quota }]
})

describe("Ranking.competitionRanks", () => {
  it("gives 1, 2, 2, 4", () => {
    assert.deepStrictEqual(Ranking.competitionRanks([90, 80, 80, 70], (a, b) => b - a), [1, 2, 2, 4])
  })
  it("breaks ties by the rubric's components before calling a tie", () => {
    const e = [entry(scored("a", 8000, 9000)), entry(scored("b", 8000, 9500)), entry(scored("c", 8000, 9500, 100)), entry(scored("d", 8000, 9500, 100))]
    const r = Ranking.rank(body, e)
    assert.deepStrictEqual(r.map((x) => x.townRank), [4, 3, 1, 1])
  })
})

describe("Ranking.rank: ordering", () => {
  // Ranks by lexicographic comparison of (score, tie-break components), counted the obvious way:
  // 1 + how many in the group are strictly better. Scores and components are drawn from three
  // regimes: hundredths (the keys fold into one number), fractions (they do not), and values so
  // wide that their ranges multiply past a safe integer (they do not either).
  const regimes = [
    fc.integer({ min: 0, max: 10_000 }),
    fc.integer({ min: 0, max: 40 }).map((x) => x / 4),
    fc.integer({ min: 0, max: 4 }).map((x) => x * 2 ** 40)
  ] as const
  it("ranks exactly as a lexicographic comparison does, whichever way the keys are compared", () => {
    const arb = fc.integer({ min: 0, max: 2 }).chain((r) =>
      fc.array(
        fc.record({ score: regimes[r]!, targets: regimes[r]!, villagers: regimes[r]!, village: fc.constantFrom("v1", "v2"), town: fc.constantFrom("t1", "t2") }),
        { maxLength: 20 }
      )
    )
    fc.assert(fc.property(arb, (xs) => {
      const entries = xs.map((x, i) => entry(scored(`c${i}`, x.score, x.targets, x.villagers), x.village, x.town))
      const keyOf = (e: Ranking.Entry) => [e.scored.score, ...body.tieBreak.map((c) => e.scored.components[c] ?? 0)]
      const better = (a: ReadonlyArray<number>, b: ReadonlyArray<number>) => {
        for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k]! > b[k]!
        return false
      }
      const ranked = Ranking.rank(body, entries)
      entries.forEach((e, i) => {
        const inVillage = entries.filter((o) => o.village === e.village && o.town === e.town)
        const inTown = entries.filter((o) => o.town === e.town)
        assert.strictEqual(ranked[i]!.villageRank, 1 + inVillage.filter((o) => better(keyOf(o), keyOf(e))).length)
        assert.strictEqual(ranked[i]!.townRank, 1 + inTown.filter((o) => better(keyOf(o), keyOf(e))).length)
      })
    }), { numRuns: 400 })
  })
})

describe("Ranking.quotaCount", () => {
  it("20% of 12 rounded up is 3; 30% of 12 rounded down is 3; nearest rounds halves up", () => {
    assert.strictEqual(Ranking.quotaCount(12, 2000, "up"), 3)
    assert.strictEqual(Ranking.quotaCount(12, 3000, "down"), 3)
    assert.strictEqual(Ranking.quotaCount(10, 2500, "nearest"), 3)
    assert.strictEqual(Ranking.quotaCount(10, 2000, "up"), 2)
  })
})

describe("Ranking.rank: quotas", () => {
  const twelve = (scores: number[]) => scores.map((s, i) => entry(scored(`c${String(i).padStart(2, "0")}`, s, s)))

  it("fills a floor of 20% of 12 (→ 3) by promoting the best-ranked", () => {
    const r = Ranking.rank(withQuota({ atLeastPercent: 2000 }), twelve([9500, 8800, 8700, 8600, 8000, 7000, 6000, 5000, 4000, 3000, 2000, 1000]))
    assert.deepStrictEqual(r.filter((x) => x.grade === "excellent").map((x) => x.subject), ["c00", "c01", "c02"])
    assert.strictEqual(r[1]!.basis, "quotaPromoted")
    assert.strictEqual(r[0]!.basis, "band")
  })

  it("promotes every cadre tied with the last one promoted", () => {
    const r = Ranking.rank(withQuota({ atLeastPercent: 2000 }), twelve([9500, 8800, 8700, 8700, 8000, 7000, 6000, 5000, 4000, 3000, 2000, 1000]))
    assert.strictEqual(r.filter((x) => x.grade === "excellent").length, 4)
  })

  it("trims a cap of 30% of 12 (→ 3) by demoting the worst-ranked, and all tied at the cut", () => {
    const r = Ranking.rank(withQuota({ atMostPercent: 3000, rounding: "down" }), twelve([9900, 9800, 9700, 9600, 9500, 7000, 6000, 5000, 4000, 3000, 2000, 1000]))
    assert.deepStrictEqual(r.filter((x) => x.grade === "excellent").map((x) => x.subject), ["c00", "c01", "c02"])
    assert.strictEqual(r[3]!.grade, "good")
    assert.strictEqual(r[3]!.basis, "quotaDemoted")
    const tied = Ranking.rank(withQuota({ atMostPercent: 3000, rounding: "down" }), twelve([9900, 9800, 9700, 9700, 9500, 7000, 6000, 5000, 4000, 3000, 2000, 1000]))
    assert.deepStrictEqual(tied.filter((x) => x.grade === "excellent").map((x) => x.subject), ["c00", "c01"])
  })

  it("never promotes a vetoed cadre", () => {
    const e = twelve([9500, 8800, 8700, 8600, 8000, 7000, 6000, 5000, 4000, 3000, 2000, 1000])
    e[1] = entry(scored("c01", 8800, 8800, 0, [{ rule: "majorViolation", grade: "poor" }]))
    const r = Ranking.rank(withQuota({ atLeastPercent: 2000 }), e)
    assert.strictEqual(r[1]!.grade, "poor")
    assert.strictEqual(r[1]!.basis, "veto")
    assert.deepStrictEqual(r.filter((x) => x.grade === "excellent").map((x) => x.subject), ["c00", "c02", "c03"])
  })
})

describe("Ranking.rank: trend and groups", () => {
  it("ranks within village and town, with the trend against last week", () => {
    const e = [entry(scored("a", 9000), "v1"), entry(scored("b", 8000), "v2"), entry(scored("c", 8500), "v1")]
    const r = Ranking.rank(body, e, new Map([["a", { townRank: 3 }], ["b", { townRank: 3 }]]))
    assert.deepStrictEqual(r.map((x) => [x.villageRank, x.villageSize, x.townRank, x.townSize]), [[1, 2, 1, 3], [1, 1, 3, 3], [2, 2, 2, 3]])
    assert.deepStrictEqual(r.map((x) => x.trend), [{ direction: "up", delta: 2 }, { direction: "same", delta: 0 }, { direction: "new", delta: 0 }])
  })
})

describe("Ranking properties", () => {
  const group = fc.array(
    fc.record({ score: fc.integer({ min: 0, max: 20 }).map((x) => x * 500), targets: fc.integer({ min: 0, max: 2 }), village: fc.constantFrom("v1", "v2", "v3"), veto: fc.boolean() }),
    { minLength: 1, maxLength: 30 }
  )
  const toEntries = (g: ReadonlyArray<{ score: number; targets: number; village: string; veto: boolean }>) =>
    g.map((x, i) => entry(scored(`c${i}`, x.score, x.targets, 0, x.veto ? [{ rule: "v", grade: "poor" }] : []), x.village))

  it("rank = 1 + the number strictly ahead; equal cadres share a rank; input order does not matter", () => {
    fc.assert(fc.property(group, fc.integer(), (g, seed) => {
      const entries = toEntries(g)
      const r = Ranking.rank(body, entries)
      const cmp = Ranking.compare(body)
      r.forEach((x, i) => {
        const ahead = entries.filter((e) => cmp(e.scored, entries[i]!.scored) < 0).length
        assert.strictEqual(x.townRank, ahead + 1)
      })
      const shuffled = [...entries].sort((a, b) => ((a.scored.subject.length * 31 + seed) % 7) - ((b.scored.subject.length * 17 + seed) % 5))
      const again = new Map(Ranking.rank(body, shuffled).map((x) => [x.subject, x]))
      for (const x of r) assert.deepStrictEqual(again.get(x.subject), x)
    }), { numRuns: 300 })
  })

  it("a floor is met when enough cadres are eligible, only the best-ranked are promoted, and a cap is never exceeded", () => {
    fc.assert(fc.property(group, fc.integer({ min: 0, max: 10_000 }), fc.constantFrom("up", "down", "nearest") as fc.Arbitrary<"up" | "down" | "nearest">, (g, pct, rounding) => {
      const entries = toEntries(g)
      const cmp = Ranking.compare(body)
      const floor = Ranking.rank(withQuota({ atLeastPercent: pct, rounding }), entries)
      const need = Ranking.quotaCount(entries.length, pct, rounding)
      const top = floor.filter((x) => x.grade === "excellent").length
      const eligible = entries.filter((e) => e.scored.vetoes.length === 0).length
      assert.isTrue(top >= Math.min(need, eligible))
      // Every promoted cadre is at least as good as every eligible cadre left below.
      floor.forEach((x, i) => {
        if (x.basis !== "quotaPromoted") return
        floor.forEach((y, j) => {
          if (y.grade !== "excellent" && entries[j]!.scored.vetoes.length === 0) assert.isTrue(cmp(entries[i]!.scored, entries[j]!.scored) <= 0)
        })
      })
      const capped = Ranking.rank(withQuota({ atMostPercent: pct, rounding }), entries)
      assert.isTrue(capped.filter((x) => x.grade === "excellent").length <= Ranking.quotaCount(entries.length, pct, rounding))
    }), { numRuns: 300 })
  })
})

describe("Ranking.rankBatch", () => {
  it("grades and ranks a batch exactly as rank does", () => {
    const arb = fc.array(
      fc.record({ villagers: fc.integer({ min: 0, max: 10 }).map((x) => x * 1000), done: fc.integer({ min: 0, max: 4 }), village: fc.constantFrom("v1", "v2"), town: fc.constantFrom("t1", "t2"), veto: fc.boolean() }),
      { maxLength: 25 }
    )
    fc.assert(fc.property(arb, (xs) => {
      const facts: Array<Rubric.Facts> = xs.map((x, i) => ({
        subject: `c${i}`,
        date: d("2026-03-23"),
        ratings: { villagers: x.villagers, town: 8000 },
        tasks: [{ id: `t${i}`, target: 4, done: x.done, deadline: d("2026-03-20"), completedOn: d("2026-03-20") }],
        events: x.veto ? [{ id: "e", kind: "event.violation" }] : []
      }))
      const c: Rubric.Context = { rubricId: "r", calendar: WorkCalendar.china }
      const batch = Either.getOrThrow(Rubric.scoreBatch(editionOn(weeklyFile, "2026-03-16"), facts, c))
      const entries = facts.map((f, i) => entry(Either.getOrThrow(Rubric.score(editionOn(weeklyFile, "2026-03-16"), f, c)), xs[i]!.village, xs[i]!.town))
      const previous = new Map([["c0", { townRank: 3 }], ["c1", { townRank: 1 }]])
      const one = Ranking.rank(body, entries, previous)
      const many = Ranking.rankBatch(batch, { villages: xs.map((x) => x.village), towns: xs.map((x) => x.town), subjects: facts.map((f) => f.subject) }, previous)
      one.forEach((r, i) => assert.deepStrictEqual(many.ranked(i), r))
    }), { numRuns: 150 })
  })
})
