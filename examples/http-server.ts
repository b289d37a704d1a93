/**
 * A county's HTTP service on Fastify with the Promise API (`@qinglian/node`): no Effect in sight.
 *
 * - one `createQinglian` for the server's whole life, closed by Fastify's `onClose` hook;
 * - every refusal is a `QinglianError`, sent as `{ code, path, message: { zh, en }, issues }` with a
 *   status chosen by its code (one error handler for the whole app);
 * - reports (a list's validation, the overdue dashboard, the audit check) are 200 responses: they
 *   are data, not errors.
 *
 *   npx tsx --conditions source examples/http-server.ts            # SQLite file .tmp/county.db
 *   QINGLIAN_DB=:memory: PORT=3000 npx tsx --conditions source examples/http-server.ts
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

// Run as a program: one SQLite file, one instance for the process, closed on SIGINT/SIGTERM.
if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const db = process.env["QINGLIAN_DB"] ?? path.resolve(".tmp/county.db")
  if (db !== ":memory:") fs.mkdirSync(path.dirname(db), { recursive: true })
  const { app } = await buildServer({ storage: { sqlite: db } })
  const stop = async () => {
    await app.close()
    process.exit(0)
  }
  process.once("SIGINT", stop)
  process.once("SIGTERM", stop)
  const address = await app.listen({ port: Number(process.env["PORT"] ?? 3000), host: "127.0.0.1" })
  console.log(`qinglian HTTP example on ${address}, database ${db}`)
}
