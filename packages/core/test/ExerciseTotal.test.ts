import { assert, describe, it } from "@effect/vitest"
import { Exercise, PowerList, Rulebook, WorkCalendar } from "@qinglian/core"
import * as Schema from "effect/Schema"
import * as fc from "fast-check"

// Random but well-typed exercises of random reference-list items: whatever the facts, a check
// returns (never throws) and its risk is what the table says of its findings.
const items = PowerList.reference().items
const bodies = PowerList.Body.literals
const evidence = PowerList.Evidence.literals
const channels = PowerList.Channel.literals
const cadres = ["a", "b", "c", "d"]

const date = fc
  .integer({ min: 0, max: 365 * 3 })
  .map((d) => new Date(Date.UTC(2024, 9, 1) + d * 86_400_000).toISOString().slice(0, 10))

const count = fc.integer({ min: 0, max: 60 })

const exercise = fc.integer({ min: 0, max: items.length - 1 }).chain((i) => {
  const item = items[i]!
  const stepIds = [...PowerList.steps(item.procedure).map((s) => s.id), "bogus"]
  const dutyIds = [...item.disclosures.map((d) => d.id), "ghost"]
  return fc.record({
    id: fc.constant("x"),
    item: fc.oneof(fc.constant(item.code), fc.constant("Z99")),
    village: fc.constant("v"),
    date,
    status: fc.constantFrom("inProgress" as const, "completed" as const),
    amount: fc.option(fc.record({ amount: fc.integer({ min: 0, max: 20_000_000 }), unit: fc.constant("yuan" as const) }), { nil: undefined }),
    procurement: fc.option(fc.constantFrom("construction" as const, "goods" as const, "services" as const), { nil: undefined }),
    counterparty: fc.option(fc.record({ name: fc.constant("某公司"), relatedCadres: fc.subarray(cadres) }), { nil: undefined }),
    actors: fc.array(
      fc.record({
        cadre: fc.constantFrom(...cadres),
        posts: fc.subarray(["partySecretary", "committeeDirector", "villagersCommitteeMember", "supervisionCommitteeChair", "bookkeeper", "clerk"] as const),
        relatedToCounterparty: fc.boolean()
      }),
      { maxLength: 4 }
    ),
    steps: fc.array(
      fc.record({
        stepId: fc.constantFrom(...stepIds),
        performedBy: fc.oneof(fc.subarray(cadres), fc.record({ body: fc.constantFrom(...bodies), cadres: fc.subarray(cadres) })),
        date,
        evidence: fc.subarray([...evidence]),
        meeting: fc.option(
          fc.record({
            membersEntitled: fc.option(count, { nil: undefined }),
            present: count,
            adultVillagers: fc.option(fc.record({ total: count, present: count }), { nil: undefined }),
            households: fc.option(fc.record({ total: count, represented: count }), { nil: undefined }),
            votesFor: count,
            votesAgainst: count
          }, { requiredKeys: ["present", "votesFor", "votesAgainst"] }),
          { nil: undefined }
        )
      }, { requiredKeys: ["stepId", "performedBy", "date", "evidence"] }),
      { maxLength: 20 }
    ),
    disclosures: fc.array(
      fc.record({ dutyId: fc.constantFrom(...dutyIds), postedOn: date, channel: fc.constantFrom(...channels) }),
      { maxLength: 4 }
    ),
    safeguards: fc.record({ publicTender: fc.boolean(), competitiveSelection: fc.boolean(), townReview: fc.boolean() })
  }, { requiredKeys: ["id", "item", "village", "date", "status", "actors", "steps", "disclosures", "safeguards"] })
})

const strip = (o: unknown): unknown => JSON.parse(JSON.stringify(o)) // drop undefined optionals

describe("Exercise.check is total", () => {
  it("never throws, and its risk and severities follow the table", () => {
    fc.assert(
      fc.property(exercise, fc.option(date, { nil: undefined }), (encoded, asOf) => {
        const e = Schema.decodeUnknownSync(Exercise.Exercise)(strip(encoded))
        const r = Exercise.checkInList(PowerList.reference(), e, Rulebook.defaults, WorkCalendar.china, {
          asOf: asOf as never
        })
        assert.strictEqual(r.risk, Exercise.riskOf(r.findings))
        for (const f of r.findings) {
          assert.strictEqual(f.severity, Exercise.codes[f.code].severity)
          assert.isString(f.message.zh)
          assert.isString(f.message.en)
        }
        if (r.tenderRequired) assert.include(r.requirements, "publicTender")
        if (r.escalationRequired) assert.include(r.requirements, "escalation")
      }),
      { numRuns: 500 }
    )
  })
})
