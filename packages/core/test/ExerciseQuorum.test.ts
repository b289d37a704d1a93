import { assert, describe, it } from "@effect/vitest"
import { Exercise, PowerList, Rulebook, WorkCalendar } from "@qinglian/core"
import * as Schema from "effect/Schema"
import * as fc from "fast-check"

// One deciding meeting and nothing else, so the only findings are about its counts.
const item = Schema.decodeSync(PowerList.PowerItem)({
  code: "Q01",
  category: "A",
  name: { zh: "决议" },
  legalBasis: [{ law: "中华人民共和国村民委员会组织法" }],
  responsiblePosts: [],
  decidingBody: "representativesAssembly",
  procedure: {
    _tag: "Steps",
    steps: [{ id: "resolve", name: { zh: "决议" }, act: "resolve", actor: { body: "representativesAssembly" }, evidence: [] }]
  },
  riskPoints: [],
  disclosures: [],
  touchesVillagersInterests: false
})

const codesOf = (meeting: Exercise.ExerciseEncoded["steps"][number]["meeting"], body: PowerList.Body = "representativesAssembly") =>
  Exercise.check(
    item,
    Schema.decodeSync(Exercise.Exercise)({
      id: "q",
      item: "Q01",
      village: "v",
      date: "2026-05-06",
      steps: [{ stepId: "resolve", performedBy: { body }, date: "2026-05-06", meeting }]
    }),
    Rulebook.defaults,
    WorkCalendar.china
  ).findings.map((f) => f.code)

const quorumFails = (codes: ReadonlyArray<string>) => codes.includes("QUORUM_NOT_MET")
const majorityFails = (codes: ReadonlyArray<string>) => codes.includes("MAJORITY_NOT_REACHED")

describe("村民代表会议 quorum: at least two thirds of members (§26)", () => {
  it("exactly two thirds meets; one fewer does not", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (k) => {
        const members = 3 * k
        const exact = 2 * k
        assert.isFalse(quorumFails(codesOf({ membersEntitled: members, present: exact, votesFor: exact, votesAgainst: 0 })))
        assert.isTrue(quorumFails(codesOf({ membersEntitled: members, present: exact - 1, votesFor: exact - 1, votesAgainst: 0 })))
      })
    )
  })

  it("agrees with exact integer arithmetic for any counts", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }).chain((m) => fc.tuple(fc.constant(m), fc.integer({ min: 0, max: m }))),
        ([members, present]) => {
          const expected = BigInt(present) * 3n >= BigInt(members) * 2n
          assert.strictEqual(
            quorumFails(codesOf({ membersEntitled: members, present, votesFor: present, votesAgainst: 0 })),
            !expected
          )
        }
      )
    )
  })
})

describe("majority of those present: more than half", () => {
  it("exactly half never passes; half plus one always does", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (h) => {
        const present = 2 * h
        assert.isTrue(majorityFails(codesOf({ membersEntitled: present, present, votesFor: h, votesAgainst: h })))
        assert.isFalse(majorityFails(codesOf({ membersEntitled: present, present, votesFor: h + 1, votesAgainst: h - 1 })))
      })
    )
  })

  it("an odd meeting needs (n + 1) / 2", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (h) => {
        const present = 2 * h + 1
        assert.isTrue(majorityFails(codesOf({ membersEntitled: present, present, votesFor: h, votesAgainst: h + 1 })))
        assert.isFalse(majorityFails(codesOf({ membersEntitled: present, present, votesFor: h + 1, votesAgainst: h })))
      })
    )
  })
})

describe("村民会议 quorum: more than half of adults OR at least two thirds of households (§22)", () => {
  it("half of the adults alone is not a quorum", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50_000 }), (h) => {
        const codes = codesOf({ present: h, adultVillagers: { total: 2 * h, present: h }, votesFor: h, votesAgainst: 0 }, "villagersAssembly")
        assert.isTrue(quorumFails(codes))
        const more = codesOf({ present: h + 1, adultVillagers: { total: 2 * h, present: h + 1 }, votesFor: h + 1, votesAgainst: 0 }, "villagersAssembly")
        assert.isFalse(quorumFails(more))
      })
    )
  })

  it("either alternative suffices, exactly as integer arithmetic says", () => {
    const counts = fc.integer({ min: 1, max: 20_000 }).chain((t) => fc.tuple(fc.constant(t), fc.integer({ min: 0, max: t })))
    fc.assert(
      fc.property(counts, counts, ([adults, adultsPresent], [households, represented]) => {
        const expected = BigInt(adultsPresent) * 2n > BigInt(adults) || BigInt(represented) * 3n >= BigInt(households) * 2n
        const present = adultsPresent
        const codes = codesOf(
          {
            present,
            adultVillagers: { total: adults, present: adultsPresent },
            households: { total: households, represented },
            votesFor: present,
            votesAgainst: 0
          },
          "villagersAssembly"
        )
        assert.strictEqual(quorumFails(codes), !expected)
      })
    )
  })
})
