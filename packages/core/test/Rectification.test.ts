import { assert, describe, it } from "@effect/vitest"
import { Ids, InvalidInput, LocalDate, Period, Rectification } from "@qinglian/core"
import * as Either from "effect/Either"
import * as Option from "effect/Option"

const d = LocalDate.unsafeMake
const xishu = Ids.VillageId.make("xishu")

const leftOf = <A>(r: Either.Either<A, InvalidInput.InvalidInput>): InvalidInput.InvalidInput => {
  if (Either.isRight(r)) return assert.fail("expected InvalidInput")
  return r.left
}

describe("Rectification (三个一批)", () => {
  const history = Either.getOrThrow(
    Rectification.decodeHistory([
      {
        villageId: "xishu",
        category: "partyBuildingLed",
        period: { start: "2021-11-01", end: "2023-12-31" },
        designatedBy: "山西省纪委监委",
        reason: "村党支部软弱涣散、两委班子不团结",
        outcome: { before: "lagging", after: "advanced", assessedOn: "2023-12-20" }
      },
      { villageId: "xishu", category: "regionalCategory", period: { start: "2025-03-01" } }
    ])
  )

  it("answers a village's category on each date", () => {
    assert.isTrue(Option.isNone(Rectification.categoryOn(history, xishu, d("2021-10-31"))))
    assert.deepStrictEqual(Rectification.categoryOn(history, xishu, d("2021-11-01")), Option.some(Rectification.partyBuildingLed))
    assert.deepStrictEqual(Rectification.categoryOn(history, xishu, d("2023-12-30")), Option.some(Rectification.partyBuildingLed))
    assert.isTrue(Option.isNone(Rectification.categoryOn(history, xishu, d("2023-12-31"))))
    assert.strictEqual(Option.getOrThrow(Rectification.categoryOn(history, xishu, d("2026-01-01"))), "regionalCategory")
    assert.isTrue(Option.isNone(Rectification.categoryOn(history, Ids.VillageId.make("dongshu"), d("2022-01-01"))))
  })

  it("records the outcome 后进 → 先进", () => {
    const first = Option.getOrThrow(Rectification.designationOn(history, xishu, d("2022-06-01")))
    assert.deepStrictEqual(first.outcome, { before: "lagging", after: "advanced", assessedOn: d("2023-12-20") })
    assert.strictEqual(Rectification.standingLabelZh[first.outcome!.after], "先进")
  })

  it("reports a category missing from the catalogue until a county adds it", () => {
    const unknown = Rectification.checkHistory(Rectification.defaultCatalogue, history)
    assert.deepStrictEqual(unknown.map((x) => [x.code, x.path]), [["RECTIFICATION_UNKNOWN_CATEGORY", [1, "category"]]])
    const catalogue = Rectification.extendCatalogue(Rectification.defaultCatalogue, {
      ["regionalCategory" as Rectification.Category]: { zh: "地方类别", en: "regional category" }
    })
    assert.deepStrictEqual(Rectification.checkHistory(catalogue, history), [])
  })

  it("reports overlapping designations and backwards periods", () => {
    const bad: Rectification.History = [
      ...history,
      { villageId: xishu, category: Rectification.partyBuildingLed, period: Period.unsafeMake("2023-01-01", "2024-01-01") },
      { villageId: xishu, category: Rectification.partyBuildingLed, period: Period.unsafeMake("2019-01-01", "2018-01-01") }
    ]
    const found = Rectification.checkHistory(Rectification.defaultCatalogue, bad)
    assert.deepStrictEqual(found.map((x) => [x.code, x.path]), [
      ["RECTIFICATION_UNKNOWN_CATEGORY", [1, "category"]],
      ["RECTIFICATION_OVERLAP", [2, "period"]],
      ["PERIOD_ORDER", [3, "period", "end"]]
    ])
  })

  it("rejects a category code that is not lower camel case, with its path", () => {
    const e = leftOf(
      Rectification.decodeHistory([{ villageId: "xishu", category: "党建引领一批", period: { start: "2021-11-01" } }])
    )
    assert.deepStrictEqual(e.issues.map((i) => i.path), [[0, "category"]])
  })
})

describe("Rectification catalogue keys", () => {
  it("refuses constructor, prototype and __proto__ as category codes, so a catalogue keeps its prototype", () => {
    for (const key of ["constructor", "prototype", "__proto__"]) {
      const r = InvalidInput.decodeUnknown(Rectification.Catalogue, "catalogue")(JSON.parse(`{${JSON.stringify(key)}: {"zh": "x", "en": "x"}}`))
      assert.isTrue(Either.isLeft(r), key)
    }
  })
})
