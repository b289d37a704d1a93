import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { StorageAdapter } from "@qinglian/core"
import { MemoryStorage } from "@qinglian/storage-memory"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { afterAll, assert, describe, expectTypeOf, it } from "vitest"
import { createQinglian, isQinglianError, type Qinglian, QinglianError } from "@qinglian/node"
import { county, listJson, member, organisation, registerLead, roster, secretary, town } from "./fixtures.js"

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qinglian-node-"))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

const seed = async (ql: Qinglian) => {
  await ql.org.save(organisation, { actor: "clerk" })
  await ql.org.saveRoster(roster, { actor: "clerk" })
}

/** Awaits a promise that must reject, and returns what it rejected with. */
const rejection = async (p: Promise<unknown>): Promise<unknown> => {
  try {
    await p
  } catch (e) {
    return e
  }
  assert.fail("expected the call to reject")
}

const backends = [
  { name: "memory", open: () => createQinglian({ storage: { memory: true } }) },
  // The issue's case: SQLite's :memory: lost every case between calls when each call built its own layer.
  { name: "sqlite :memory:", open: () => createQinglian({ storage: { sqlite: ":memory:" } }) },
  { name: "sqlite file", open: () => createQinglian({ storage: { sqlite: path.join(dir, `cases-${Math.random()}.db`) } }) }
] as const

describe.each(backends)("@qinglian/node on $name", ({ open }) => {
  it("keeps a case registered in one call for the next", async () => {
    const ql = await open()
    try {
      await seed(ql)
      const first = await ql.cases.execute("JC-2026-001", registerLead("JC-2026-001"), { actor: member, on: "2026-03-02" })
      assert.strictEqual(first.state.stage, "leadRegistered")
      const loaded = await ql.cases.load("JC-2026-001")
      assert.strictEqual(loaded?.stage, "leadRegistered")
      assert.strictEqual(loaded?.version, 1)
      const next = await ql.cases.execute("JC-2026-001", { _tag: "DisposeLead", way: "letterInquiry" }, { actor: secretary, on: "2026-03-05" })
      assert.strictEqual(next.state.stage, "inquiry")
      assert.strictEqual((await ql.cases.load("JC-2026-001"))?.version, 2)
      assert.isUndefined(await ql.cases.load("JC-2026-999"))
    } finally {
      await ql.close()
    }
  })

  it("rejects a forbidden command with Forbidden in zh and en, and the store is unchanged", async () => {
    const ql = await open()
    try {
      await seed(ql)
      await ql.cases.execute("JC-2026-002", registerLead("JC-2026-002"), { actor: member, on: "2026-03-02" })
      const before = await ql.audit.verify()
      // A discipline member records; disposing of a lead is the secretary's decision.
      const e = await rejection(ql.cases.execute("JC-2026-002", { _tag: "DisposeLead", way: "close" }, { actor: member, on: "2026-03-05" }))
      assert.isTrue(isQinglianError(e, "Forbidden"))
      if (!isQinglianError(e, "Forbidden")) return
      assert.instanceOf(e, Error)
      assert.instanceOf(e, QinglianError)
      assert.strictEqual(e.code, "Forbidden")
      assert.isNotEmpty(e.text.zh)
      assert.isNotEmpty(e.text.en)
      assert.notStrictEqual(e.text.zh, e.text.en)
      assert.strictEqual(e.message, e.text.en)
      assert.strictEqual((e.cause as { readonly _tag?: string })._tag, "Forbidden")
      assert.deepStrictEqual(JSON.parse(JSON.stringify(e)), { code: "Forbidden", path: e.path, message: e.text, issues: [] })
      assert.isFalse(isQinglianError(e, "IllegalTransition"))
      // Read back: the case and the audit log are as they were.
      const after = await ql.cases.load("JC-2026-002")
      assert.strictEqual(after?.stage, "leadRegistered")
      assert.strictEqual(after?.version, 1)
      assert.deepStrictEqual(await ql.audit.verify(), before)
    } finally {
      await ql.close()
    }
  })

  it("takes overlapping calls on one instance: every write lands once and the audit chain holds", async () => {
    const ql = await open()
    try {
      await seed(ql)
      const ids = Array.from({ length: 12 }, (_, i) => `JC-2026-1${String(i).padStart(2, "0")}`)
      await Promise.all(ids.map((id) => ql.cases.execute(id, registerLead(id), { actor: member, on: "2026-03-02" })))
      // The same command on one case from two callers at once: one lands, the other sees the case
      // as the first left it and is refused by the machine, writing nothing.
      const twice = await Promise.allSettled([0, 1].map(() =>
        ql.cases.execute(ids[0]!, { _tag: "DisposeLead", way: "letterInquiry" }, { actor: secretary, on: "2026-03-05" })
      ))
      assert.strictEqual(twice.filter((r) => r.status === "fulfilled").length, 1)
      const refused = twice.find((r) => r.status === "rejected")
      // Transactions of one instance run one after the other, so the second is decided on the
      // first's result (a lead already disposed of), not raced into a version conflict.
      assert.isTrue(isQinglianError(refused?.reason, "IllegalTransition"), String(refused?.reason))
      for (const id of ids) assert.strictEqual((await ql.cases.load(id))?.version, id === ids[0] ? 2 : 1)
      const audit = await ql.audit.verify()
      assert.isTrue(audit.ok)
    } finally {
      await ql.close()
    }
  })

  it("refuses a re-saved list version with VersionExists, keeping the first", async () => {
    const ql = await open()
    try {
      const saved = await ql.powerLists.save(listJson("2026.1"), { actor: "clerk" })
      assert.strictEqual(saved.version, "2026.1")
      const changed = JSON.stringify({ ...JSON.parse(listJson("2026.1")), effectiveFrom: "2026-02-01" })
      const e = await rejection(ql.powerLists.save(changed, { actor: "clerk" }))
      assert.isTrue(isQinglianError(e, "VersionExists"), String(e))
      const versions = await ql.powerLists.versions("140525-micro-power")
      assert.strictEqual(versions.length, 1)
      assert.deepStrictEqual(versions[0], JSON.parse(listJson("2026.1")))
      const inForce = await ql.powerLists.inForce(county, "2026-03-01")
      assert.strictEqual(inForce?.version, "2026.1")
      assert.isUndefined(await ql.powerLists.inForce(county, "2025-12-31"))
    } finally {
      await ql.close()
    }
  })
})

describe("powerLists.validate", () => {
  it("answers with data for any input and never rejects", async () => {
    const ql = await createQinglian({ storage: { memory: true } })
    try {
      const good = await ql.powerLists.validate(listJson())
      assert.isTrue(good.ok, JSON.stringify(good.diagnostics.filter((d) => d.severity === "error")))
      assert.isEmpty(good.issues)
      const junk: ReadonlyArray<unknown> = [
        "",
        "{",
        "not json",
        "null",
        "[]",
        null,
        undefined,
        42,
        true,
        [],
        {},
        { id: 1 },
        { __proto__: { polluted: true } },
        JSON.parse("{\"__proto__\": {\"x\": 1}}"),
        "[".repeat(10_000),
        { ...JSON.parse(listJson()), items: "nope" },
        { ...JSON.parse(listJson()), extra: 1 }
      ]
      for (const input of junk) {
        const report = await ql.powerLists.validate(input)
        assert.isFalse(report.ok, `accepted ${JSON.stringify(input)?.slice(0, 40)}`)
        assert.isNotEmpty(report.issues)
        for (const issue of report.issues) {
          assert.isString(issue.code)
          assert.isString(issue.message.zh)
          assert.isString(issue.message.en)
        }
      }
      // A list that decodes but breaks a rule: a diagnostic, still data.
      const broken = JSON.parse(listJson())
      broken.items = [broken.items[0], broken.items[0]]
      const report = await ql.powerLists.validate(broken)
      assert.isFalse(report.ok)
      assert.isEmpty(report.issues)
      assert.isTrue(report.diagnostics.some((d) => d.code === "DUPLICATE_ITEM_CODE"))
    } finally {
      await ql.close()
    }
  })
})

describe("input at the boundary", () => {
  it("rejects ids and dates that do not decode with InvalidInput naming the argument", async () => {
    const ql = await createQinglian({ storage: { memory: true } })
    try {
      const e = await rejection(ql.cases.overdue({ town, county, on: "2026-02-30" }))
      assert.isTrue(isQinglianError(e))
      if (!isQinglianError(e)) return
      assert.strictEqual(e.code, "InvalidInput")
      assert.strictEqual(e.issues.length, 1)
      assert.strictEqual(e.issues[0]?.code, "BAD_DATE")
      assert.deepStrictEqual(e.issues[0]?.path, ["on"])
      assert.isNotEmpty(e.text.zh)
      const empty = await rejection(ql.cases.load(""))
      assert.isTrue(isQinglianError(empty) && empty.issues[0]?.path[0] === "caseId", String(empty))
      const command = await rejection(ql.cases.execute("JC-1", { _tag: "DisposeLead", way: "sideways" }, { actor: secretary }))
      assert.isTrue(isQinglianError(command) && command.issues.length > 0, String(command))
    } finally {
      await ql.close()
    }
  })

  it("reads a town's county from the stored organisation for the overdue dashboard", async () => {
    const ql = await createQinglian({ storage: { memory: true } })
    try {
      const missing = await rejection(ql.cases.overdue({ town, on: "2026-03-02" }))
      assert.isTrue(isQinglianError(missing, "NotFound"), String(missing))
      await seed(ql)
      await ql.cases.execute("JC-2026-003", registerLead("JC-2026-003"), { actor: member, on: "2026-03-02" })
      await ql.cases.execute("JC-2026-003", { _tag: "DisposeLead", way: "letterInquiry" }, { actor: secretary, on: "2026-03-05" })
      const early = await ql.cases.overdue({ town, on: "2026-03-06" })
      assert.strictEqual(early.total, 0)
      const late = await ql.cases.overdue({ town, on: "2026-06-01" })
      assert.strictEqual(late.total, 1)
      assert.strictEqual(late.byStage[0]?.items[0]?.caseId, "JC-2026-003")
    } finally {
      await ql.close()
    }
  })
})

describe("whistleblower", () => {
  it("seals a named reporter and reveals it only under the policy, without a key rejecting clearly", async () => {
    const key = Buffer.alloc(32, 7).toString("base64")
    const ql = await createQinglian({ storage: { memory: true }, whistleblower: { keyId: "2026-01", key } })
    try {
      await seed(ql)
      const reporter = await ql.whistleblower.seal("JC-2026-004", { name: "王某某", phone: "13800000000" })
      assert.strictEqual(reporter._tag, "Named")
      assert.notInclude(JSON.stringify(reporter), "王某某")
      await ql.cases.execute("JC-2026-004", { ...registerLead("JC-2026-004"), source: { _tag: "Petition", reporter } }, { actor: member, on: "2026-03-02" })
      const refused = await rejection(ql.whistleblower.reveal("JC-2026-004", { actor: member, on: "2026-03-03" }))
      assert.isTrue(isQinglianError(refused, "Forbidden"), String(refused))
      const identity = await ql.whistleblower.reveal("JC-2026-004", { actor: secretary, on: "2026-03-03" })
      assert.strictEqual(identity?.name, "王某某")
    } finally {
      await ql.close()
    }
    const keyless = await createQinglian({ storage: { memory: true } })
    try {
      const e = await rejection(keyless.whistleblower.seal("JC-1", { name: "王某某" }))
      assert.isTrue(isQinglianError(e, "WhistleblowerKeyMissing"), String(e))
      // Everything else works without a key.
      assert.isTrue((await keyless.audit.verify()).ok)
    } finally {
      await keyless.close()
    }
    const short = await rejection(createQinglian({ storage: { memory: true }, whistleblower: { key: Buffer.alloc(16).toString("base64") } }))
    assert.isTrue(isQinglianError(short, "WhistleblowerInvalidKey"), String(short))
  })
})

describe("defects", () => {
  it("rejects an unexpected failure as Internal with its cause, never a FiberFailure", async () => {
    const fire = new Error("disk on fire")
    // Any adapter layer works; this one is the memory store whose reads die.
    const adapter = Layer.effect(
      StorageAdapter.StorageAdapter,
      Effect.map(MemoryStorage.make, ({ adapter }) => ({ ...adapter, getDocument: () => Effect.die(fire) }))
    )
    const ql = await createQinglian({ storage: { adapter } })
    try {
      const e = await rejection(ql.org.town(town))
      assert.isTrue(isQinglianError(e, "Internal"), String(e))
      assert.strictEqual((e as QinglianError).cause, fire)
      assert.notInclude(String(e), "FiberFailure")
      assert.isNotEmpty((e as QinglianError).text.zh)
      // The instance still answers calls that do not touch the failing operation.
      assert.isTrue(await ql.calendar.isWorkingDay("2026-03-02"))
    } finally {
      await ql.close()
    }
  })

  it("narrows the code by type", () => {
    const e: unknown = new QinglianError({ code: "Forbidden", path: [], message: { zh: "无权", en: "forbidden" }, issues: [] })
    if (isQinglianError(e, "Forbidden")) expectTypeOf(e.code).toEqualTypeOf<"Forbidden">()
    if (isQinglianError(e)) expectTypeOf(e.text).toEqualTypeOf<{ readonly zh: string; readonly en: string }>()
    assert.isTrue(isQinglianError(e, "Forbidden"))
    assert.isFalse(isQinglianError(new Error("plain")))
    assert.isFalse(isQinglianError({ name: "QinglianError", code: "Forbidden" }))
  })
})

describe("lifecycle", () => {
  it("close is idempotent, waits for calls in flight, and later calls reject with Closed", async () => {
    const file = path.join(dir, "close.db")
    const ql = await createQinglian({ storage: { sqlite: file } })
    await seed(ql)
    const inFlight = ql.cases.execute("JC-2026-005", registerLead("JC-2026-005"), { actor: member, on: "2026-03-02" })
    const closed = ql.close()
    assert.strictEqual(ql.close(), closed)
    assert.strictEqual((await inFlight).state.stage, "leadRegistered")
    await closed
    await ql.close()
    const e = await rejection(ql.cases.load("JC-2026-005"))
    assert.isTrue(isQinglianError(e, "Closed"), String(e))
    assert.isNotEmpty((e as QinglianError).text.zh)
    // The file was closed and kept what was written: a new instance reads it.
    const again = await createQinglian({ storage: { sqlite: file } })
    try {
      assert.strictEqual((await again.cases.load("JC-2026-005"))?.stage, "leadRegistered")
    } finally {
      await again.close()
    }
  })

  it("rejects options that do not decode, naming the option", async () => {
    for (const bad of [undefined, {}, { storage: {} }, { storage: { sqlite: "" } }, { storage: { adapter: {} } }]) {
      const e = await rejection(createQinglian(bad as never))
      assert.isTrue(isQinglianError(e, "InvalidInput"), String(e))
      assert.deepStrictEqual((e as QinglianError).path, ["storage"])
    }
    const e = await rejection(createQinglian({ storage: { memory: true }, rulebook: { name: "x", editions: "no" } }))
    assert.isTrue(isQinglianError(e))
    if (!isQinglianError(e)) return
    assert.isNotEmpty(e.issues)
    for (const issue of e.issues) assert.strictEqual(issue.path[0], "rulebook")
  })

  it("rejects a SQLite file it cannot open with a QinglianError, not a FiberFailure", async () => {
    const e = await rejection(createQinglian({ storage: { sqlite: path.join(dir, "missing-dir", "x", "county.db") } }))
    assert.isTrue(isQinglianError(e), String(e))
    assert.notInclude(String(e), "FiberFailure")
  })
})
