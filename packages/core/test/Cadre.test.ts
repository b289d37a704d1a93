import { assert, describe, it } from "@effect/vitest"
import { Cadre, Ids, InvalidInput, Kinship, LocalDate, Organisation } from "@qinglian/core"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as fc from "fast-check"
import { dongshu, id, jincun, roster, rosterInput, withExtra, xishu } from "./fixtures/roster.js"

const d = LocalDate.unsafeMake

const leftOf = <A>(r: Either.Either<A, InvalidInput.InvalidInput>): InvalidInput.InvalidInput => {
  if (Either.isRight(r)) return assert.fail("expected InvalidInput")
  return r.left
}

describe("Cadre roster decoding", () => {
  it("decodes a roster; relations default to none", () => {
    const r = Cadre.decodeRoster({ cadres: rosterInput.cadres, appointments: [] })
    assert.isTrue(Either.isRight(r))
    assert.deepStrictEqual(Either.getOrThrow(r).relations, [])
  })

  it("names every bad path", () => {
    const e = leftOf(
      Cadre.decodeRoster({
        cadres: [{ id: "wang", name: "" }],
        appointments: [
          { cadreId: "wang", post: "partySecretary", unit: { level: "town", townId: "jincun" }, term: { start: "2021-01-10" } },
          { cadreId: "wang", post: "clerk", unit: { level: "village", villageId: "xishu" }, term: { start: "2021-02-30" } },
          { cadreId: "wang", post: "mayor", unit: { level: "village", villageId: "xishu" }, term: { start: "2021-01-10" } },
          {
            cadreId: "wang",
            post: "clerk",
            unit: { level: "village", villageId: "xishu" },
            term: { start: "2021-01-10" },
            election: { date: "2021-01-10" }
          }
        ],
        relations: [{ a: { cadreId: "wang" }, b: { cadreId: "zhao" }, kind: "friend" }]
      })
    )
    assert.strictEqual(e.subject, "roster")
    assert.deepStrictEqual(e.issues.map((i) => i.path), [
      ["cadres", 0, "name"],
      ["appointments", 0, "post"],
      ["appointments", 1, "term", "start"],
      ["appointments", 2, "post"],
      ["appointments", 3, "election", "newlyAppointed"],
      ["relations", 0, "kind"]
    ])
    assert.match(e.issues[1]!.detail, /village post, but the unit is a town/)
    assert.match(e.issues[3]!.detail, /^expected a post code: partySecretary, /)
    assert.match(e.issues[5]!.detail, /expected a kinship kind/)
  })
})

describe("Cadre posts over time", () => {
  it("lists a cadre's posts on a date", () => {
    assert.deepStrictEqual(Cadre.postsOf(roster, id("wang"), d("2023-01-01")).map((a) => a.post), [
      "partySecretary",
      "committeeDirector"
    ])
    assert.deepStrictEqual(Cadre.postsOf(roster, id("wang"), d("2024-06-01")).map((a) => a.post), ["partySecretary"])
    assert.deepStrictEqual(Cadre.postsOf(roster, id("li"), d("2023-01-01")), [])
  })

  it("finds the holders of a post in a village or a town", () => {
    assert.deepStrictEqual(Cadre.holdersOf(roster, xishu, "partySecretary", d("2021-01-09")), [id("li")])
    assert.deepStrictEqual(Cadre.holdersOf(roster, xishu, "partySecretary", d("2021-01-10")), [id("wang")])
    assert.deepStrictEqual(Cadre.holdersOf(roster, xishu, "committeeDirector", d("2024-05-31")), [id("wang")])
    assert.deepStrictEqual(Cadre.holdersOf(roster, xishu, "committeeDirector", d("2024-06-01")), [id("zhao")])
    assert.deepStrictEqual(Cadre.holdersOf(roster, Cadre.town(jincun), "villageContactCadre", d("2022-01-01")), [id("he")])
    assert.deepStrictEqual(Cadre.holdersOf(roster, dongshu, "clerk", d("2022-01-01")), [])
  })

  it("names the top cadres (村主干), once for a one-shoulder cadre", () => {
    assert.deepStrictEqual(Cadre.villageTopCadres(roster, xishu, d("2023-01-01")), [id("wang")])
    assert.deepStrictEqual(Cadre.villageTopCadres(roster, xishu, d("2025-01-01")), [id("wang"), id("zhao")])
    assert.deepStrictEqual(Cadre.twoCommitteesMembers(roster, xishu, d("2023-01-01")), [id("wang"), id("zhao")])
  })

  it("tells serving cadres, past secretaries and newcomers of the election apart", () => {
    assert.isTrue(Cadre.isCurrentCadre(roster, id("wang"), d("2021-01-10")))
    assert.isFalse(Cadre.isCurrentCadre(roster, id("li"), d("2021-01-10")))
    assert.isTrue(Cadre.isCurrentCadre(roster, id("li"), d("2021-01-09")))
    assert.isTrue(Cadre.heldBefore(roster, id("li"), "partySecretary", d("2021-01-10")))
    assert.isFalse(Cadre.heldBefore(roster, id("li"), "partySecretary", d("2021-01-09")))
    assert.isTrue(Cadre.isNewlyAppointed(roster, id("wang"), d("2022-01-01")))
    assert.isFalse(Cadre.isNewlyAppointed(roster, id("zhao"), d("2022-01-01")))
    const summary = Cadre.topCadreSummary(roster, [xishu, dongshu], d("2022-01-01"))
    assert.deepStrictEqual(summary, { topCadres: [id("wang"), id("zheng"), id("feng")], newlyAppointed: [id("wang"), id("zheng")] })
  })

  it("knows each post's level", () => {
    assert.strictEqual(Cadre.postLevel("clerk"), "village")
    assert.strictEqual(Cadre.postLevel("areaLeader"), "town")
    assert.strictEqual(Cadre.postLevel("countyDisciplineOfficer"), "county")
  })
})

describe("一肩挑 (one shoulder)", () => {
  it("holds while the same cadre is secretary and director, and stops the day the director term ends", () => {
    assert.isFalse(Cadre.isOneShoulder(roster, xishu, d("2021-01-09")))
    assert.isTrue(Cadre.isOneShoulder(roster, xishu, d("2021-01-10")))
    assert.isTrue(Cadre.isOneShoulder(roster, xishu, d("2024-05-31")))
    assert.isFalse(Cadre.isOneShoulder(roster, xishu, d("2024-06-01")))
    assert.deepStrictEqual(Cadre.oneShoulderCadre(roster, xishu, d("2023-01-01")), Option.some(id("wang")))
  })

  it("is false when secretary and director are different cadres", () => {
    assert.isFalse(Cadre.isOneShoulder(roster, dongshu, d("2023-01-01")))
  })

  it("starts the day a second term begins", () => {
    const again = withExtra({
      appointments: [
        { cadreId: "wang", post: "committeeDirector", unit: { level: "village", villageId: "dongshu" }, term: { start: "2025-01-01" } },
        { cadreId: "wang", post: "partySecretary", unit: { level: "village", villageId: "dongshu" }, term: { start: "2025-03-01" } }
      ]
    })
    // posts in different villages never make a one-shoulder cadre
    assert.isFalse(Cadre.isOneShoulder(again, xishu, d("2025-02-01")))
    assert.isFalse(Cadre.isOneShoulder(again, dongshu, d("2025-02-28")))
    assert.isTrue(Cadre.isOneShoulder(again, dongshu, d("2025-03-01")))
  })
})

describe("三员合一 (three in one)", () => {
  it("holds when one cadre has all three supervision posts", () => {
    assert.isTrue(Cadre.isThreeInOne(roster, xishu, d("2023-01-01")))
    assert.deepStrictEqual(Cadre.threeInOneCadre(roster, xishu, d("2023-01-01")), Option.some(id("chen")))
    assert.isFalse(Cadre.isThreeInOne(roster, xishu, d("2021-01-09")))
  })

  it("is false when the posts are split", () => {
    const split = withExtra({
      appointments: [
        { cadreId: "chen", post: "supervisionCommitteeChair", unit: { level: "village", villageId: "dongshu" }, term: { start: "2021-01-10" } },
        { cadreId: "chen", post: "disciplineMember", unit: { level: "village", villageId: "dongshu" }, term: { start: "2021-01-10" } },
        { cadreId: "sun", post: "supervisionLiaison", unit: { level: "village", villageId: "dongshu" }, term: { start: "2021-01-10" } }
      ]
    })
    assert.isFalse(Cadre.isThreeInOne(split, dongshu, d("2023-01-01")))
    assert.isTrue(Cadre.isThreeInOne(split, xishu, d("2023-01-01")))
  })
})

describe("Cadre.checkRoster", () => {
  const tree = Organisation.make(
    Either.getOrThrow(
      Organisation.decodeInput({
        counties: [{ id: "140525", name: "泽州县" }],
        towns: [{ id: "jincun", countyId: "140525", name: "金村镇" }],
        villages: [
          { id: "xishu", townId: "jincun", name: "西属村", kind: "village" },
          { id: "dongshu", townId: "jincun", name: "东属村", kind: "village" }
        ]
      })
    )
  ).tree

  it("finds nothing wrong with the fixture", () => {
    assert.deepStrictEqual(Cadre.checkRoster(roster, tree), [])
  })

  it("reports unknown cadres and units, backwards terms, overlapping sole posts and self-relations", () => {
    const bad = withExtra({
      appointments: [
        { cadreId: "ghost", post: "clerk", unit: { level: "village", villageId: "xishu" }, term: { start: "2022-01-01" } },
        { cadreId: "zhou", post: "clerk", unit: { level: "village", villageId: "nowhere" }, term: { start: "2022-01-01" } },
        { cadreId: "wu", post: "bookkeeper", unit: { level: "village", villageId: "xishu" }, term: { start: "2022-01-01", end: "2021-01-01" } },
        { cadreId: "zhao", post: "partySecretary", unit: { level: "village", villageId: "xishu" }, term: { start: "2023-01-01", end: "2023-02-01" } }
      ],
      relations: [{ a: { cadreId: "zhao" }, b: { cadreId: "zhao" }, kind: "other" }, { a: { cadreId: "nobody" }, b: { cadreId: "zhao" }, kind: "cousin" }]
    })
    const found = Cadre.checkRoster(bad, tree)
    assert.deepStrictEqual(found.map((x) => [x.code, x.path]), [
      ["ROSTER_UNKNOWN_CADRE", ["appointments", 15, "cadreId"]],
      ["ROSTER_UNKNOWN_UNIT", ["appointments", 16, "unit"]],
      ["PERIOD_ORDER", ["appointments", 17, "term", "end"]],
      ["ROSTER_SOLE_POST_OVERLAP", ["appointments", 18, "term"]],
      ["ROSTER_UNKNOWN_CADRE", ["relations", 2, "a", "cadreId"]],
      ["KINSHIP_SELF", ["relations", 1, "b"]]
    ])
    assert.strictEqual(found.find((x) => x.code === "ROSTER_SOLE_POST_OVERLAP")?.severity, "warning")
  })

  it("reports a duplicate cadre id", () => {
    const dup: Cadre.Roster = { ...roster, cadres: [...roster.cadres, { id: id("wang"), name: "另一个王" }] }
    assert.deepStrictEqual(Cadre.checkRoster(dup).map((x) => [x.code, x.path]), [["ROSTER_DUPLICATE_CADRE", ["cadres", 11, "id"]]])
  })
})

describe("Kinship", () => {
  const relations: ReadonlyArray<Kinship.Relation> = Either.getOrThrow(
    Kinship.decodeRelations([
      { a: { cadreId: "wang" }, b: { cadreId: "zhao" }, kind: "parent" },
      { a: { cadreId: "wang" }, b: { personId: "zhao" }, kind: "cousin" },
      { a: { cadreId: "sun" }, b: { cadreId: "zhao" }, kind: "other", closeness: "closeInLaw" }
    ])
  )

  it("is symmetric, and sees the inverse kind from the other side", () => {
    assert.isTrue(Kinship.areRelated(relations, id("wang"), id("zhao")))
    assert.isTrue(Kinship.areRelated(relations, id("zhao"), id("wang")))
    assert.strictEqual(Option.getOrThrow(Kinship.relationBetween(relations, id("wang"), id("zhao"))).kind, "parent")
    assert.strictEqual(Option.getOrThrow(Kinship.relationBetween(relations, id("zhao"), id("wang"))).kind, "child")
    assert.isFalse(Kinship.areRelated(relations, id("wang"), id("sun")))
  })

  it("keeps cadres and persons with the same id text apart", () => {
    const person = Kinship.person(Ids.PersonId.make("zhao"))
    assert.isTrue(Kinship.areRelated(relations, id("wang"), person))
    assert.strictEqual(Option.getOrThrow(Kinship.relationBetween(relations, person, id("wang"))).kind, "cousin")
    assert.isFalse(Kinship.areRelated(relations, id("zhao"), person))
  })

  it("classifies closeness and filters by it", () => {
    assert.isTrue(Kinship.areRelated(relations, id("zhao"), id("wang"), ["nearRelative"]))
    assert.isFalse(Kinship.areRelated(relations, id("wang"), Kinship.person(Ids.PersonId.make("zhao")), ["nearRelative"]))
    assert.isTrue(Kinship.areRelated(relations, id("zhao"), id("sun"), ["closeInLaw"]))
    assert.strictEqual(Kinship.closenessOf(relations[1]!), "collateral")
    assert.strictEqual(Kinship.closenessOfKind.siblingInLaw, "closeInLaw")
    assert.strictEqual(Kinship.closenessOfKind.spouse, "nearRelative")
  })

  it("answers the same from either side, for any list of relations (property)", () => {
    const names = ["a", "b", "c", "d"]
    const subject = fc.oneof(
      fc.constantFrom(...names).map((n) => Kinship.cadre(id(n))),
      fc.constantFrom(...names).map((n) => Kinship.person(Ids.PersonId.make(n)))
    )
    const relation = fc.record({ a: subject, b: subject, kind: fc.constantFrom(...Kinship.Kind.literals) })
    const closeness = fc.subarray([...Kinship.Closeness.literals])
    fc.assert(
      fc.property(fc.array(relation, { maxLength: 8 }), subject, subject, closeness, (rs, x, y, within) => {
        const forward = Option.map(Kinship.relationBetween(rs, x, y), (r) => [r.closeness, Kinship.inverse(r.kind)])
        const backward = Option.map(Kinship.relationBetween(rs, y, x), (r) => [r.closeness, r.kind])
        return Kinship.areRelated(rs, x, y, within) === Kinship.areRelated(rs, y, x, within) &&
          Kinship.areRelated(rs, x, y) === Option.isSome(forward) &&
          Option.isSome(forward) === Option.isSome(backward) &&
          (Option.isNone(forward) || Option.getOrThrow(forward)[0] === Option.getOrThrow(backward)[0])
      })
    )
  })

  it("inverts every kind back to itself", () => {
    for (const k of Kinship.Kind.literals) {
      assert.strictEqual(Kinship.inverse(Kinship.inverse(k)), k)
      assert.strictEqual(Kinship.closenessOfKind[Kinship.inverse(k)], Kinship.closenessOfKind[k])
    }
  })
})
