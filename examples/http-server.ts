/**
 * A county's HTTP service on Fastify with the Promise API (`@qinglian/node`): no Effect in sight.
 *
 * - one `createQinglian` for the server's whole life, closed by Fastify's `onClose` hook;
 * - every refusal is a `QinglianError`, sent as `{ code, path, message: { zh, en }, issues }` with a
 *   status chosen by its code (one error handler for the whole app);
 * - reports (a list's validation, the overdue dashboard, the audit check) are 200 responses: they
 *   are data, not errors.
 *
 *   npx tsx --conditions source examples/http-server.ts            # a short tour through app.inject, in memory
 *   npx tsx --conditions source examples/http-server.ts --listen   # serve .tmp/county.db on port 3000
 *   QINGLIAN_DB=:memory: PORT=3001 npx tsx --conditions source examples/http-server.ts
 *
 *   curl -X POST localhost:3000/power-lists/validate -H 'content-type: application/json' -d @list.json
 *   curl -X POST localhost:3000/cases/JC-2026-001/commands -H 'x-actor: jc-wang' -H 'content-type: application/json' \
 *        -d '{"_tag":"DisposeLead","way":"letterInquiry"}'
 *   curl 'localhost:3000/towns/140525106/overdue?on=2026-04-01'
 *
 * The caller's cadre id comes in the `x-actor` header here to keep the example short; a real
 * service takes it from its authenticated session. What that cadre may do is read from the stored
 * roster, never from the request.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { createQinglian, isQinglianError, type Qinglian, type QinglianOptions } from "@qinglian/node"
import Fastify, { type FastifyInstance, type FastifyRequest } from "fastify"

/** The HTTP status for each refusal code; anything else in the input is a 400. */
const statusOf = (code: string): number => {
  switch (code) {
    case "Forbidden":
      return 403
    case "NotFound":
      return 404
    case "VersionExists":
    case "ConcurrencyConflict":
    case "IllegalTransition":
    case "CommandRejected":
    case "ScoringCommandRejected":
      return 409
    case "Closed":
      return 503
    case "Internal":
    case "StorageError":
    case "StorageCorruptRecord":
    case "InconsistentStream":
      return 500
    default:
      return 400
  }
}

const actorOf = (request: FastifyRequest): string => {
  const actor = request.headers["x-actor"]
  return typeof actor === "string" ? actor : ""
}

/**
 * Builds the server on one qinglian instance, returned beside it. `app.close()` closes the instance
 * too (after the requests in flight), so tests and the process's signal handlers only close the
 * server.
 */
export const buildServer = async (options: QinglianOptions): Promise<{ readonly app: FastifyInstance; readonly ql: Qinglian }> => {
  const ql = await createQinglian(options)
  const app = Fastify({ logger: false })
  app.addHook("onClose", async () => ql.close())

  app.setErrorHandler((error, request, reply) => {
    if (isQinglianError(error)) {
      const status = statusOf(error.code)
      if (status >= 500) request.log.error({ err: error, cause: error.cause }, error.message)
      return reply.status(status).send(error.toJSON())
    }
    // Fastify's own errors (an unsupported media type …) keep their status, in the same shape.
    const { message, statusCode } = error as { readonly message?: unknown; readonly statusCode?: unknown }
    const status = typeof statusCode === "number" ? statusCode : 500
    const text = typeof message === "string" ? message : "request failed"
    return reply.status(status).send({ code: "Http", path: [], message: { zh: "请求有误", en: text }, issues: [] })
  })

  // Validation answers for any body, even one that is not JSON: the text goes to qinglian as it is.
  await app.register(async (scope) => {
    scope.addContentTypeParser("*", { parseAs: "string" }, (_request, body, done) => done(null, body))
    scope.removeContentTypeParser("application/json")
    scope.addContentTypeParser("application/json", { parseAs: "string" }, (_request, body, done) => done(null, body))
    scope.post("/power-lists/validate", async (request) => ql.powerLists.validate(request.body))
  })

  app.post("/organisation", async (request, reply) => {
    await ql.org.save(request.body, { actor: actorOf(request) })
    return reply.status(201).send({ saved: true })
  })
  app.post("/roster", async (request, reply) => {
    await ql.org.saveRoster(request.body, { actor: actorOf(request) })
    return reply.status(201).send({ saved: true })
  })
  app.post("/power-lists", async (request, reply) => {
    const saved = await ql.powerLists.save(request.body, { actor: actorOf(request) })
    return reply.status(201).send(saved)
  })
  app.get<{ Params: { jurisdiction: string }; Querystring: { on: string } }>(
    "/power-lists/:jurisdiction/in-force",
    async (request, reply) => {
      const list = await ql.powerLists.inForce(request.params.jurisdiction, request.query.on)
      return list === undefined ? reply.status(404).send({ code: "NotFound", path: ["on"], message: { zh: "当日没有生效的清单", en: "no list in force that day" }, issues: [] }) : list
    }
  )
  app.post<{ Params: { caseId: string }; Querystring: { on?: string } }>("/cases/:caseId/commands", async (request) => {
    const { on } = request.query
    const { state, events } = await ql.cases.execute(request.params.caseId, request.body, {
      actor: actorOf(request),
      ...(on === undefined ? {} : { on })
    })
    return { stage: state.stage, version: state.version, deadline: state.deadline, events }
  })
  app.get<{ Params: { caseId: string } }>("/cases/:caseId", async (request, reply) => {
    const state = await ql.cases.load(request.params.caseId)
    return state ?? reply.status(404).send({ code: "NotFound", path: ["caseId"], message: { zh: "未找到案件", en: "no such case" }, issues: [] })
  })
  app.get<{ Params: { town: string }; Querystring: { on?: string } }>("/towns/:town/overdue", async (request) => {
    const { on } = request.query
    return ql.cases.overdue({ town: request.params.town, ...(on === undefined ? {} : { on }) })
  })
  app.get("/audit/verify", async () => ql.audit.verify())

  return { app, ql }
}

// --- run as a program ----------------------------------------------------------------------------
// `--listen` (or PORT set): serve a SQLite file until SIGINT/SIGTERM, one instance for the process.
// Otherwise: a short tour through `app.inject` on a fresh in-memory store, printed, then closed.

const tour = async (): Promise<void> => {
  const { app } = await buildServer({ storage: { memory: true } })
  try {
    const send = async (method: "GET" | "POST", url: string, body?: unknown, actor = "clerk") => {
      const res = await app.inject({
        method,
        url,
        headers: { "x-actor": actor, ...(body === undefined ? {} : { "content-type": "application/json" }) },
        ...(body === undefined ? {} : { payload: JSON.stringify(body) })
      })
      return { status: res.statusCode, json: res.json() as Record<string, unknown> }
    }
    const county = "140525"
    const town = "140525106"
    await send("POST", "/organisation", {
      counties: [{ id: county, name: "泽州县" }],
      towns: [{ id: town, countyId: county, name: "金村镇" }],
      villages: [{ id: "xishu", townId: town, name: "西属村", kind: "village" }]
    })
    await send("POST", "/roster", {
      cadres: [{ id: "jc-wang", name: "王纪委书记" }, { id: "jc-zhao", name: "赵纪委委员" }, { id: "xs-li", name: "李某" }],
      appointments: [
        { cadreId: "jc-wang", post: "townDisciplineSecretary", unit: { level: "town", townId: town }, term: { start: "2020-01-01" } },
        { cadreId: "jc-zhao", post: "townDisciplineMember", unit: { level: "town", townId: town }, term: { start: "2020-01-01" } }
      ]
    })
    const junk = await send("POST", "/power-lists/validate", { id: "x", items: [1] })
    console.log(`POST /power-lists/validate (not a list)  ${junk.status} ok=${String(junk.json["ok"])}, ` +
      `${(junk.json["issues"] as ReadonlyArray<unknown>).length} issues`)
    const lead = {
      _tag: "RegisterLead",
      caseId: "JC-2026-001",
      county,
      town,
      subject: { cadre: "xs-li", category: "villageCadre" },
      source: { _tag: "DailySupervision" }
    }
    const registered = await send("POST", "/cases/JC-2026-001/commands?on=2026-03-02", lead, "jc-zhao")
    console.log(`POST RegisterLead by jc-zhao           ${registered.status} stage ${String(registered.json["stage"])}`)
    const refused = await send("POST", "/cases/JC-2026-001/commands?on=2026-03-05", { _tag: "DisposeLead", way: "close" }, "jc-zhao")
    const message = refused.json["message"] as { readonly zh: string; readonly en: string }
    console.log(`POST DisposeLead by jc-zhao            ${refused.status} ${String(refused.json["code"])}`)
    console.log(`  ${message.zh}`)
    console.log(`  ${message.en}`)
    const disposed = await send("POST", "/cases/JC-2026-001/commands?on=2026-03-05", { _tag: "DisposeLead", way: "letterInquiry" }, "jc-wang")
    const deadline = disposed.json["deadline"] as { readonly due: string } | undefined
    console.log(`POST DisposeLead by jc-wang            ${disposed.status} stage ${String(disposed.json["stage"])}, reply due ${deadline?.due}`)
    const overdue = await send("GET", `/towns/${town}/overdue?on=2026-06-01`)
    console.log(`GET  /towns/${town}/overdue         ${overdue.status} ${String(overdue.json["total"])} overdue on 2026-06-01`)
    const audit = await send("GET", "/audit/verify")
    console.log(`GET  /audit/verify                     ${audit.status} ok=${String(audit.json["ok"])}, ${String(audit.json["entries"])} entries`)
  } finally {
    await app.close()
  }
}

const serve = async (): Promise<void> => {
  const db = process.env["QINGLIAN_DB"] ?? path.resolve(".tmp", "county.db")
  if (db !== ":memory:") fs.mkdirSync(path.dirname(db), { recursive: true })
  const { app } = await buildServer({ storage: { sqlite: db } })
  const stop = () => {
    app.close().then(() => process.exit(0), () => process.exit(1))
  }
  process.once("SIGINT", stop)
  process.once("SIGTERM", stop)
  const address = await app.listen({ port: Number(process.env["PORT"] ?? 3000), host: "127.0.0.1" })
  console.log(`qinglian HTTP example on ${address}, database ${db}`)
}

// Run only as a program (`tsx examples/http-server.ts`), not when a test imports buildServer. The
// file's own name is compared, so this works as ESM and as CommonJS alike.
if (/^http-server\.[cm]?[jt]s$/.test(path.basename(process.argv[1] ?? ""))) {
  const listen = process.argv.includes("--listen") || process.env["PORT"] !== undefined
  ;(listen ? serve() : tour()).catch((e: unknown) => {
    console.error(e)
    process.exitCode = 1
  })
}
