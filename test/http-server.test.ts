// Drives examples/http-server.ts over HTTP in-process (fastify.inject): one qinglian instance for
// the server's life, refusals as QinglianError JSON with a status by code, reports as data.
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { PowerList } from "@qinglian/core"
import * as Schema from "effect/Schema"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { buildServer } from "../examples/http-server.js"

const county = "140525"
const town = "140525106"
const organisation = {
  counties: [{ id: county, name: "泽州县" }],
  towns: [{ id: town, countyId: county, name: "金村镇" }],
  villages: [{ id: "xishu", townId: town, name: "西属村", kind: "village" }]
}
const roster = {
  cadres: [{ id: "jc-wang", name: "王纪委书记" }, { id: "jc-zhao", name: "赵纪委委员" }, { id: "xs-li", name: "李某" }],
  appointments: [
    { cadreId: "jc-wang", post: "townDisciplineSecretary", unit: { level: "town", townId: town }, term: { start: "2020-01-01" } },
    { cadreId: "jc-zhao", post: "townDisciplineMember", unit: { level: "town", townId: town }, term: { start: "2020-01-01" } }
  ]
}
const lead = {
  _tag: "RegisterLead",
  caseId: "JC-2026-001",
  county,
  town,
  subject: { cadre: "xs-li", category: "villageCadre" },
  source: { _tag: "DailySupervision" }
}
const list = {
  ...Schema.encodeSync(PowerList.PowerList)(PowerList.reference()),
  id: "140525-micro-power",
  version: "2026.1",
  effectiveFrom: "2026-01-01",
  jurisdiction: { level: "county", code: county, name: "泽州县" }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qinglian-http-"))
let app: Awaited<ReturnType<typeof buildServer>>["app"]

beforeAll(async () => {
  app = (await buildServer({ storage: { sqlite: path.join(dir, "county.db") } })).app
})
afterAll(async () => {
  await app.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const post = (url: string, body: unknown, actor = "clerk") =>
  app.inject({ method: "POST", url, headers: { "x-actor": actor, "content-type": "application/json" }, payload: JSON.stringify(body) })

describe("examples/http-server.ts", () => {
  it("answers a validation with data, for a list and for a body that is not JSON", async () => {
    const good = await post("/power-lists/validate", list)
    assert.strictEqual(good.statusCode, 200)
    assert.isTrue(good.json().ok)
    const junk = await app.inject({ method: "POST", url: "/power-lists/validate", headers: { "content-type": "application/json" }, payload: "{not json" })
    assert.strictEqual(junk.statusCode, 200)
    const report = junk.json()
    assert.isFalse(report.ok)
    assert.strictEqual(report.issues[0].code, "NOT_JSON")
  })

  it("keeps state across requests on one instance, and refuses with a status and zh/en JSON", async () => {
    assert.strictEqual((await post("/organisation", organisation)).statusCode, 201)
    assert.strictEqual((await post("/roster", roster)).statusCode, 201)
    const registered = await post("/cases/JC-2026-001/commands?on=2026-03-02", lead, "jc-zhao")
    assert.strictEqual(registered.statusCode, 200, registered.body)
    assert.strictEqual(registered.json().stage, "leadRegistered")

    // The member may record but not decide: 403 with the refusal's code and both texts.
    const forbidden = await post("/cases/JC-2026-001/commands?on=2026-03-05", { _tag: "DisposeLead", way: "close" }, "jc-zhao")
    assert.strictEqual(forbidden.statusCode, 403)
    const problem = forbidden.json()
    assert.strictEqual(problem.code, "Forbidden")
    assert.isNotEmpty(problem.message.zh)
    assert.isNotEmpty(problem.message.en)
    assert.strictEqual((await app.inject({ method: "GET", url: "/cases/JC-2026-001" })).json().version, 1)

    const disposed = await post("/cases/JC-2026-001/commands?on=2026-03-05", { _tag: "DisposeLead", way: "letterInquiry" }, "jc-wang")
    assert.strictEqual(disposed.statusCode, 200, disposed.body)
    assert.strictEqual(disposed.json().stage, "inquiry")

    const overdue = await app.inject({ method: "GET", url: `/towns/${town}/overdue?on=2026-06-01` })
    assert.strictEqual(overdue.statusCode, 200)
    assert.strictEqual(overdue.json().total, 1)

    const badDate = await app.inject({ method: "GET", url: `/towns/${town}/overdue?on=2026-13-01` })
    assert.strictEqual(badDate.statusCode, 400)
    assert.strictEqual(badDate.json().issues[0].code, "BAD_DATE")

    const verified = await app.inject({ method: "GET", url: "/audit/verify" })
    assert.isTrue(verified.json().ok)
  })

  it("answers a re-saved list version with 409 VersionExists", async () => {
    assert.strictEqual((await post("/power-lists", list)).statusCode, 201)
    const again = await post("/power-lists", { ...list, effectiveFrom: "2026-02-01" })
    assert.strictEqual(again.statusCode, 409)
    assert.strictEqual(again.json().code, "VersionExists")
    const inForce = await app.inject({ method: "GET", url: `/power-lists/${county}/in-force?on=2026-03-01` })
    assert.strictEqual(inForce.json().effectiveFrom, "2026-01-01")
  })

  it("closes its qinglian instance with the server", async () => {
    const other = await buildServer({ storage: { memory: true } })
    await other.app.close()
    const e = await other.ql.audit.verify().then(() => undefined, (error: unknown) => error)
    assert.strictEqual((e as { readonly code?: string } | undefined)?.code, "Closed")
  })
})
