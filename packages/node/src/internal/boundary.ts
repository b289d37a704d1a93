// The edge between plain JavaScript and core: arguments decoded with core's decoders, failures of
// any kind turned into one QinglianError.
import { InvalidInput, Problem } from "@qinglian/core"
import { Codes } from "@qinglian/scoring"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import type * as Schema from "effect/Schema"
import { QinglianError } from "../QinglianError.js"

/**
 * Decodes one named argument (`caseId`, `on`, `options.actor` …) with core's boundary decoder; the
 * issues' paths start with the argument's name.
 */
export const argument = <A, I>(schema: Schema.Schema<A, I, never>, name: string, subject: string) => {
  const decode = InvalidInput.decodeUnknown(schema, subject)
  return (value: unknown): Effect.Effect<A, InvalidInput.InvalidInput> => {
    const r = decode(value)
    return Either.isRight(r)
      ? Effect.succeed(r.right)
      : Effect.fail(
        new InvalidInput.InvalidInput({
          subject: r.left.subject,
          issues: r.left.issues.map((i) => ({ ...i, path: [name, ...i.path] }))
        })
      )
  }
}

/** A document argument decoded by one of core's decoders; paths are relative to the document. */
export const document = <A, E>(decoded: Either.Either<A, E>): Effect.Effect<A, E> =>
  Either.isRight(decoded) ? Effect.succeed(decoded.right) : Effect.fail(decoded.left)

/** A refusal of the Promise API itself (not of core), with its code and both texts. */
export const refusal = (code: string, path: ReadonlyArray<string | number>, zh: string, en: string): QinglianError =>
  new QinglianError({ code, path, message: { zh, en }, issues: [] })

/** Anything a call failed with, as the QinglianError it rejects with. */
export const toQinglianError = (error: unknown): QinglianError => {
  if (error instanceof QinglianError) return error
  const problem = Problem.fromError(error)
  if (problem !== undefined) return new QinglianError(problem, error)
  const scoring = scoringProblem(error)
  if (scoring !== undefined) return new QinglianError(scoring, error)
  return internal(error)
}

// Scoring's refusals carry coded, bilingual issues of their own; core's catalogue does not know the
// scoring package, so they are shaped here, keeping their tag as the code.
const scoringTags: ReadonlyArray<string> = ["ScoringCommandRejected", "ScoringInputRejected"]

interface ScoringIssue {
  readonly code: string
  readonly path: ReadonlyArray<string | number>
  readonly message: { readonly zh: string; readonly en: string }
}

// Scoring's other refusals, by tag, with their meaning from scoring's catalogue: what their issues
// are (none for a rubric not in force or an unreadable sanction, whose message says it all).
const scoringRefusals = new Map(Codes.catalogue.filter((e) => e.kind === "refusal").map((e) => [e.code, e]))

const issuesOf = (e: {
  readonly _tag: string
  readonly issues?: unknown
  readonly diagnostics?: unknown
  readonly code?: unknown
  readonly path?: unknown
  readonly reason?: unknown
}): ReadonlyArray<ScoringIssue> | undefined => {
  if (scoringTags.includes(e._tag)) return Array.isArray(e.issues) ? e.issues as ReadonlyArray<ScoringIssue> : undefined
  if (e._tag === "ScoringAssessmentRejected") return Array.isArray(e.diagnostics) ? e.diagnostics as ReadonlyArray<ScoringIssue> : undefined
  if (e._tag === "ScoringFactsInvalid") {
    return [{ code: String(e.code), path: e.path as ReadonlyArray<string | number>, message: e.reason as ScoringIssue["message"] }]
  }
  return []
}

/** A scoring refusal as a coded, bilingual problem with its issues; `undefined` for anything else. */
export const scoringProblem = (error: unknown) => {
  if (typeof error !== "object" || error === null) return undefined
  const e = error as { readonly _tag?: unknown; readonly issues?: unknown; readonly message?: unknown }
  if (typeof e._tag !== "string" || !scoringRefusals.has(e._tag)) return undefined
  const found = issuesOf(e as Parameters<typeof issuesOf>[0])
  if (found === undefined) return undefined
  if (found.length === 0) {
    const meaning = scoringRefusals.get(e._tag)!
    const en = typeof e.message === "string" && e.message.length > 0 ? e.message : meaning.en
    return { code: e._tag, path: [], message: { zh: meaning.zh, en }, issues: [] }
  }
  const issues = found.map((i) => ({ code: i.code, path: i.path, message: i.message, detail: i.message.en }))
  const only = issues.length === 1 ? issues[0] : undefined
  return {
    code: e._tag,
    path: only?.path ?? [],
    message: {
      zh: issues.map((i) => i.message.zh).join("；"),
      en: typeof e.message === "string" ? e.message : issues.map((i) => i.message.en).join("; ")
    },
    issues
  }
}

export const internal = (cause: unknown): QinglianError => {
  const detail = cause instanceof Error ? cause.message : String(cause)
  return new QinglianError(
    {
      code: "Internal",
      path: [],
      message: { zh: `内部错误: ${detail}`, en: `internal error: ${detail}` },
      issues: []
    },
    cause
  )
}

/** The value of a finished call, or the QinglianError it rejects with. */
export const settle = <A>(exit: Exit.Exit<A, unknown>): A => {
  if (exit._tag === "Success") return exit.value
  const failure = Cause.failureOption(exit.cause)
  if (Option.isSome(failure)) throw toQinglianError(failure.value)
  if (Cause.isInterruptedOnly(exit.cause)) {
    throw refusal("Closed", [], "调用在实例关闭时被中断", "the call was interrupted because the instance closed")
  }
  throw internal(Cause.squash(exit.cause))
}
