import { assert, describe, it } from "@effect/vitest"
import { Diagnostic, LocalDate, Rulebook, SupervisionCommittee } from "@qinglian/core"
import { id, roster, withExtra, xishu } from "./fixtures/roster.js"

const d = LocalDate.unsafeMake
const on = d("2023-01-01")
const check = (r = roster, rulebook: Rulebook.Rulebook = Rulebook.defaults) =>
  SupervisionCommittee.checkSupervisionCommittee(rulebook, r, xishu, on)
const codesAndPaths = (ds: ReadonlyArray<Diagnostic.Diagnostic>) => ds.map((x) => [x.code, x.path])

const village = { level: "village", villageId: "xishu" }
const seat = (cadreId: string, post = "supervisionCommitteeMember") => ({
  cadreId,
  post,
  unit: village,
  term: { start: "2021-01-10" }
})

describe("SupervisionCommittee.checkSupervisionCommittee", () => {
  it("passes a lawful committee of three with one chair", () => {
    assert.deepStrictEqual(
      SupervisionCommittee.membersOf(roster, xishu, on).map((s) => [s.cadreId, s.chair]),
      [[id("chen"), true], [id("liu"), false], [id("sun"), false]]
    )
    assert.deepStrictEqual(check(), [])
  })

  it("reads the size from the rulebook in force", () => {
    const { min, max } = Rulebook.value(Rulebook.unsafeAt(Rulebook.defaults, on), "committee.supervisionSize")
    const tooMany = withExtra({
      appointments: Array.from({ length: max + 1 - 3 }, (_, i) => seat(`extra${i}`))
    })
    const found = check(tooMany)
    assert.deepStrictEqual(codesAndPaths(found), [["SUPERVISION_COMMITTEE_SIZE", ["appointments"]]])
    assert.match(found[0]!.message.zh, new RegExp(`应为 ${min} 至 ${max} 人`))
    assert.match(found[0]!.message.en, new RegExp(`has ${max + 1} members`))
  })

  it("reports a committee below the minimum once its members' terms end", () => {
    const shrunk = withExtra({})
    const ended = {
      ...shrunk,
      appointments: shrunk.appointments.map((a) =>
        a.cadreId === id("sun") ? { ...a, term: { start: a.term.start, end: d("2022-06-01") } } : a
      )
    }
    assert.deepStrictEqual(codesAndPaths(check(ended)), [["SUPERVISION_COMMITTEE_SIZE", ["appointments"]]])
    assert.deepStrictEqual(SupervisionCommittee.checkSupervisionCommittee(Rulebook.defaults, ended, xishu, d("2022-05-31")), [])
  })

  it("follows a county's edition that changes the size", () => {
    const county = Rulebook.withEditions(Rulebook.defaults, [
      {
        effectiveFrom: d("2022-01-01"),
        source: { law: "某县村务监督委员会工作规则" },
        parameters: {
          "committee.supervisionSize": {
            value: { min: 5, max: 7 },
            citation: { law: "某县村务监督委员会工作规则", article: "第五条" },
            scope: "local"
          }
        }
      }
    ])
    assert.deepStrictEqual(codesAndPaths(check(roster, county)), [["SUPERVISION_COMMITTEE_SIZE", ["appointments"]]])
    assert.deepStrictEqual(SupervisionCommittee.checkSupervisionCommittee(county, roster, xishu, d("2021-12-31")), [])
  })

  it("requires exactly one chair", () => {
    const four = withExtra({ appointments: [seat("extra")] })
    const noChair = { ...four, appointments: four.appointments.filter((a) => a.post !== "supervisionCommitteeChair") }
    assert.deepStrictEqual(codesAndPaths(check(noChair)), [["SUPERVISION_COMMITTEE_CHAIR", ["appointments"]]])
    const twoChairs = withExtra({ appointments: [seat("liu", "supervisionCommitteeChair")] })
    const found = check(twoChairs)
    assert.deepStrictEqual(codesAndPaths(found), [["SUPERVISION_COMMITTEE_CHAIR", ["appointments"]]])
    assert.match(found[0]!.message.en, /2 chairs/)
  })

  it("bars a member who sits on the two committees, or is the clerk or the bookkeeper", () => {
    const bad = withExtra({
      appointments: [
        seat("liu", "villagersCommitteeMember"), // 15
        seat("sun", "clerk"), // 16
        seat("chen", "bookkeeper") // 17
      ]
    })
    const found = check(bad)
    assert.deepStrictEqual(codesAndPaths(found), [
      ["SUPERVISION_COMMITTEE_INCOMPATIBLE_POST", ["appointments", 17]],
      ["SUPERVISION_COMMITTEE_INCOMPATIBLE_POST", ["appointments", 15]],
      ["SUPERVISION_COMMITTEE_INCOMPATIBLE_POST", ["appointments", 16]]
    ])
    assert.match(found[1]!.message.zh, /刘监委委员 担任村民委员会委员/)
  })

  it("ignores posts held in another village or after they ended", () => {
    const elsewhere = withExtra({
      appointments: [
        { cadreId: "liu", post: "clerk", unit: { level: "village", villageId: "dongshu" }, term: { start: "2021-01-10" } },
        { cadreId: "sun", post: "bookkeeper", unit: village, term: { start: "2019-01-01", end: "2021-01-10" } }
      ]
    })
    assert.deepStrictEqual(check(elsewhere), [])
  })

  it("bars a close relative of a two-committees member, whichever side the relation was recorded from", () => {
    const siblingOfDirector = withExtra({ relations: [{ a: { cadreId: "zhao" }, b: { cadreId: "sun" }, kind: "sibling" }] })
    const spouseOfSecretary = withExtra({ relations: [{ a: { cadreId: "liu" }, b: { cadreId: "wang" }, kind: "spouse" }] })
    assert.deepStrictEqual(codesAndPaths(check(siblingOfDirector)), [["SUPERVISION_COMMITTEE_RELATIVE", ["relations", 1]]])
    const found = check(spouseOfSecretary)
    assert.deepStrictEqual(codesAndPaths(found), [["SUPERVISION_COMMITTEE_RELATIVE", ["relations", 1]]])
    assert.match(found[0]!.message.zh, /刘监委委员 是村党组织书记、村民委员会主任 王书记 的配偶/)
  })

  it("does not bar relatives of the clerk, or cousins, unless the rulebook says so", () => {
    const cousin = withExtra({
      relations: [
        { a: { cadreId: "sun" }, b: { cadreId: "wang" }, kind: "cousin" },
        { a: { cadreId: "liu" }, b: { cadreId: "zhou" }, kind: "spouse" }
      ]
    })
    assert.deepStrictEqual(check(cousin), [])
    const defaults = Rulebook.value(Rulebook.unsafeAt(Rulebook.defaults, on), "committee.supervisionExclusions")
    const strict = Rulebook.withEditions(Rulebook.defaults, [
      {
        effectiveFrom: d("2022-01-01"),
        source: { law: "某县规定" },
        parameters: {
          "committee.supervisionExclusions": {
            value: { ...defaults, relativeCloseness: ["nearRelative", "closeInLaw", "collateral"] },
            citation: { law: "某县规定" },
            scope: "local"
          }
        }
      }
    ])
    assert.deepStrictEqual(codesAndPaths(check(cousin, strict)), [["SUPERVISION_COMMITTEE_RELATIVE", ["relations", 1]]])
  })

  it("reports every failure together", () => {
    const bad = withExtra({
      appointments: [seat("zhou"), seat("x1"), seat("x2")],
      relations: [{ a: { cadreId: "chen" }, b: { cadreId: "zhao" }, kind: "parentInLaw", closeness: "nearRelative" }]
    })
    assert.deepStrictEqual(
      check(bad).map((x) => x.code),
      ["SUPERVISION_COMMITTEE_SIZE", "SUPERVISION_COMMITTEE_RELATIVE", "SUPERVISION_COMMITTEE_INCOMPATIBLE_POST"]
    )
  })

  it("reports a date no rulebook edition covers", () => {
    const found = SupervisionCommittee.checkSupervisionCommittee(Rulebook.defaults, roster, xishu, d("2010-01-01"))
    assert.deepStrictEqual(codesAndPaths(found), [["RULEBOOK_NOT_IN_FORCE", []]])
  })
})
