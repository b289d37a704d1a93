/**
 * Whistleblower reveals racing in two processes on one SQLite file: every reveal must be logged,
 * none refused for a lost race on the access log (`WhistleblowerAccessNotLogged`), and the log must
 * hold exactly one entry per reveal. The other processes run test/fixtures/WhistleblowerRaceChild.ts.
 */
import { assert, describe, it } from "@effect/vitest"
import { Audit, Ids, LocalDate, Storage, SupervisionCase, Whistleblower } from "@qinglian/core"
import { Testkit } from "@qinglian/storage-conformance"
import { SqliteStorage } from "@qinglian/storage-sqlite"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import type { ChildProcess } from "node:child_process"
import { randomBytes } from "node:crypto"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll } from "vitest"

// Two processes × this many reveals each (the figure).
const REVEALS = 400
// Child processes start tsx and the adapter, then make 2 × 400 audited writes: allow for a busy machine.
const timeout = 300_000

const root = fileURLToPath(new URL("../../..", import.meta.url))
const childScript = fileURLToPath(new URL("./fixtures/WhistleblowerRaceChild.ts", import.meta.url))
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qinglian-wb-race-"))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

interface Child {
  readonly process: ChildProcess
  readonly lines: Array<string>
  readonly ready: Promise<void>
  readonly exited: Promise<number | null>
}

// The conformance testkit's child, seen as this test reads it: `ready` also settles when the child
// exits first, and a failed child's stderr ends its lines.
const startChild = (args: ReadonlyArray<string>): Child => {
  const child = Testkit.startChild({ script: childScript, args, cwd: root, execArgv: ["--import", "tsx", "--conditions", "source"] })
  const ready = child.waitFor(/^ready$/).then(() => undefined, () => undefined)
  const exited = child.exited.then(({ code }) => {
    if (code !== 0) child.lines.push(`stderr ${child.stderr()}`)
    return code
  })
  return { process: child.process, lines: child.lines, ready, exited }
}

const county = Ids.CountyId.make("c1")
const town = Ids.TownId.make("t1")
const caseId = Ids.CaseId.make("case-race")
const secretary: SupervisionCase.Actor = {
  id: Ids.CadreId.make("t-wang"),
  posts: ["townDisciplineSecretary"],
  jurisdiction: { level: "town", county, town }
}
const key = randomBytes(32)

const open = (filename: string) =>
  Layer.mergeAll(
    Whistleblower.layer({ keyId: "k1", key: Redacted.make(new Uint8Array(key)) }),
    Whistleblower.layerStorageLog
  ).pipe(Layer.provideMerge(Storage.layer.pipe(Layer.provideMerge(SqliteStorage.layer({ filename })))))

// The lead as `execute` would register it; the race is on the access log, not on the case.
const registerNamed = (id: Ids.CaseId) =>
  Effect.gen(function*() {
    const reporter = yield* Whistleblower.named(id, { name: "张三", phone: "13800000000" })
    yield* SupervisionCase.streams.append(id, 0, [{
      _tag: "LeadRegistered",
      on: LocalDate.unsafeMake("2026-09-21"),
      by: secretary.id,
      caseId: id,
      county,
      town,
      subject: { cadre: Ids.CadreId.make("v-li"), category: "villageCadre" },
      source: { _tag: "Petition", reporter }
    }], { actor: secretary.id })
  })

describe("Whistleblower reveals from two processes", () => {
  it("2 processes × 400 reveals: no spurious AccessNotLogged, and exactly one log entry per reveal", async () => {
    const file = path.join(dir, "race.db")
    await Effect.runPromise(registerNamed(caseId).pipe(Effect.provide(open(file))))

    const children = [0, 1].map(() => startChild([file, caseId, String(REVEALS), key.toString("hex")]))
    await Promise.all(children.map((c) => c.ready))
    for (const c of children) c.process.stdin!.write("go\n")
    const codes = await Promise.all(children.map((c) => c.exited))
    assert.deepStrictEqual(codes, [0, 0], children.map((c) => c.lines.slice(-5).join("\n")).join("\n---\n"))

    const results = children.map((c) => {
      const line = c.lines.find((l) => l.startsWith("result "))
      assert.isDefined(line, c.lines.join("\n"))
      const [granted, notLogged, other] = line!.split(" ").slice(1).map(Number)
      return { granted: granted!, notLogged: notLogged!, other: other! }
    })
    const refusals = results.reduce((n, r) => n + r.notLogged + r.other, 0)
    assert.strictEqual(
      refusals,
      0,
      `refused: ${children.flatMap((c) => c.lines.filter((l) => !l.startsWith("result ") && l !== "ready")).slice(0, 5).join("; ")}`
    )
    assert.deepStrictEqual(results.map((r) => r.granted), [REVEALS, REVEALS])

    await Effect.runPromise(Effect.gen(function*() {
      const log = yield* Whistleblower.WhistleblowerAccessLog
      const entries = yield* log.entries(caseId)
      assert.strictEqual(entries.length, 2 * REVEALS)
      assert.isTrue(entries.every((e) => e.granted && e.actor === secretary.id))
      const stored = yield* Whistleblower.accessStreams.read(caseId)
      assert.deepStrictEqual(stored.map((e) => e.version), stored.map((_, i) => i + 1))
      yield* Audit.verify()
    }).pipe(Effect.provide(open(file))))
  }, timeout)

  it("one process, 400 reveals from 16 fibers at once on a SQLite file: none refused, one entry each", async () => {
    const file = path.join(dir, "fibers.db")
    const fiberCase = Ids.CaseId.make("case-fibers")
    await Effect.runPromise(Effect.gen(function*() {
      yield* registerNamed(fiberCase)
      const results = yield* Effect.forEach(
        Array.from({ length: REVEALS }, (_, i) => i),
        () => Effect.either(Whistleblower.reveal(fiberCase, secretary, Whistleblower.defaultPolicy({ relations: [] }))),
        { concurrency: 16 }
      )
      assert.deepStrictEqual(results.filter((r) => r._tag === "Left").map((r) => r._tag === "Left" ? r.left._tag : ""), [])
      const stored = yield* Whistleblower.accessStreams.read(fiberCase)
      assert.deepStrictEqual(stored.map((e) => e.version), Array.from({ length: REVEALS }, (_, i) => i + 1))
      yield* Audit.verify()
    }).pipe(Effect.provide(open(file))))
  }, timeout)
})
