import { assert, describe, it } from "@effect/vitest"
import { Diagnostic, Ids, InvalidInput, Organisation } from "@qinglian/core"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"

const county = Ids.CountyId.make("140525")
const jincun = Ids.TownId.make("jincun")
const xishu = Ids.VillageId.make("xishu")

const input = {
  counties: [{ id: "140525", name: "泽州县", divisionCode: "140525" }],
  towns: [
    { id: "jincun", countyId: "140525", name: "金村镇", kind: "town", statisticalCode: "140525101" },
    { id: "nancun", countyId: "140525", name: "南村镇", kind: "town" }
  ],
  villages: [
    { id: "xishu", townId: "jincun", name: "西属村", kind: "village", statisticalCode: "140525101201" },
    { id: "dongshu", townId: "jincun", name: "东属村", kind: "village" },
    { id: "jincunshequ", townId: "jincun", name: "金村社区", kind: "community" },
    { id: "nanbao", townId: "nancun", name: "南堡村", kind: "village" }
  ]
}

const leftOf = <A>(r: Either.Either<A, InvalidInput.InvalidInput>): InvalidInput.InvalidInput => {
  if (Either.isRight(r)) return assert.fail("expected InvalidInput")
  return r.left
}

const built = (raw: unknown): Organisation.Built => {
  const r = Organisation.fromUnknown(raw)
  if (Either.isLeft(r)) return assert.fail(r.left.message)
  return r.right
}

describe("Organisation division codes", () => {
  const decode = Schema.decodeUnknownEither(Organisation.CountyCode)

  it("accepts a county-level GB/T 2260 code", () => {
    assert.isTrue(Either.isRight(decode("140525")))
    assert.strictEqual(Organisation.divisionLevel(Schema.decodeSync(Organisation.DivisionCode)("140525")), "county")
  })

  it("tells province, prefecture and county apart", () => {
    const code = Schema.decodeSync(Organisation.DivisionCode)
    assert.strictEqual(Organisation.divisionLevel(code("140000")), "province")
    assert.strictEqual(Organisation.divisionLevel(code("140500")), "prefecture")
    assert.strictEqual(Organisation.divisionLevel(code("110101")), "county")
  })

  it("rejects a prefecture code as a county code, and malformed codes", () => {
    assert.isTrue(Either.isLeft(decode("140500")))
    assert.isTrue(Either.isLeft(decode("14052")))
    assert.isTrue(Either.isLeft(decode("1405250")))
    assert.isTrue(Either.isLeft(decode("14052a")))
    // 99 is no province-level prefix
    assert.isTrue(Either.isLeft(decode("990525")))
  })

  it("checks statistical code lengths", () => {
    assert.isTrue(Schema.is(Organisation.TownCode)("140525101"))
    assert.isFalse(Schema.is(Organisation.TownCode)("1405251"))
    assert.isTrue(Schema.is(Organisation.VillageCode)("140525101201"))
    assert.isFalse(Schema.is(Organisation.VillageCode)("140525101"))
  })
})

describe("Organisation decoding", () => {
  it("names every bad path", () => {
    const e = leftOf(
      Organisation.fromUnknown({
        counties: [{ id: "140525", name: "泽州县", divisionCode: "140500" }],
        towns: [{ id: "", countyId: "140525", name: "金村镇", statisticalCode: "12" }],
        villages: [{ id: "xishu", townId: "jincun", name: "西属村", kind: "hamlet" }]
      })
    )
    assert.strictEqual(e.subject, "organisation")
    assert.deepStrictEqual(
      e.issues.map((i) => i.path),
      [
        ["counties", 0, "divisionCode"],
        ["towns", 0, "id"],
        ["towns", 0, "statisticalCode"],
        ["villages", 0, "kind"]
      ]
    )
    assert.match(e.issues[0]!.detail, /prefecture/)
  })

  it("requires the three lists", () => {
    const e = leftOf(Organisation.decodeInput({ counties: [] }))
    assert.deepStrictEqual(e.issues.map((i) => i.path), [["towns"], ["villages"]])
  })
})

describe("OrganisationTree", () => {
  it("builds a clean tree and answers lookups", () => {
    const { diagnostics, tree } = built(input)
    assert.deepStrictEqual(diagnostics, [])
    assert.deepStrictEqual(
      Organisation.villagesOf(tree, jincun).map((v) => v.name),
      ["西属村", "东属村", "金村社区"]
    )
    assert.deepStrictEqual(Organisation.villagesOf(tree, Ids.TownId.make("nowhere")), [])
    assert.strictEqual(Option.getOrThrow(Organisation.townOf(tree, xishu)).name, "金村镇")
    assert.isTrue(Option.isNone(Organisation.townOf(tree, Ids.VillageId.make("nowhere"))))
    assert.strictEqual(Option.getOrThrow(Organisation.countyOf(tree, jincun)).name, "泽州县")
    assert.deepStrictEqual(Organisation.townsOf(tree, county).map((t) => t.id), ["jincun", "nancun"])
    assert.strictEqual(Option.getOrThrow(Organisation.village(tree, xishu)).kind, "village")
    assert.strictEqual(Organisation.kindLabelZh.community, "社区")
  })

  it("reports duplicate ids and keeps the first", () => {
    const { diagnostics, tree } = built({
      ...input,
      villages: [...input.villages, { id: "xishu", townId: "nancun", name: "重复", kind: "village" }]
    })
    assert.deepStrictEqual(diagnostics.map((x) => [x.code, x.path]), [
      ["ORGANISATION_DUPLICATE_ID", ["villages", 4, "id"]]
    ])
    assert.strictEqual(Option.getOrThrow(Organisation.village(tree, xishu)).name, "西属村")
    assert.isFalse(Diagnostic.isOk(diagnostics))
  })

  it("reports unknown parents with their paths", () => {
    const { diagnostics } = built({
      ...input,
      towns: [...input.towns, { id: "lost", countyId: "999999", name: "无县镇" }],
      villages: [...input.villages, { id: "orphan", townId: "ghost", name: "孤村", kind: "village" }]
    })
    assert.deepStrictEqual(diagnostics.map((x) => [x.code, x.path]), [
      ["ORGANISATION_UNKNOWN_PARENT", ["towns", 2, "countyId"]],
      ["ORGANISATION_UNKNOWN_PARENT", ["villages", 4, "townId"]]
    ])
    assert.match(diagnostics[1]!.message.zh, /孤村/)
    assert.match(diagnostics[1]!.message.en, /unknown town ghost/)
  })

  it("warns when a statistical code does not extend its parent's", () => {
    const { diagnostics } = built({
      ...input,
      towns: [{ ...input.towns[0]!, statisticalCode: "140526101" }, input.towns[1]!],
      villages: [{ ...input.villages[0]!, statisticalCode: "140525102201" }]
    })
    assert.deepStrictEqual(diagnostics.map((x) => [x.code, x.severity, x.path]), [
      ["ORGANISATION_CODE_MISMATCH", "warning", ["towns", 0, "statisticalCode"]],
      ["ORGANISATION_CODE_MISMATCH", "warning", ["villages", 0, "statisticalCode"]]
    ])
  })
})
