// What decide has already worked out for one DecideContext: the rules in force on its day, the due
// dates opened on that day and the refusals it gave. All depend only on the context's rulebook,
// calendar, day and actor, and a commission that keeps one context per day and actor decides many
// commands with it. The memo is keyed by the caller's context object, so it lives exactly as long
// as the caller keeps that object; nothing is held for the process.
import type * as Either from "effect/Either"
import type * as LocalDate from "../../base/LocalDate.js"
import type * as WorkCalendar from "../../calendar/WorkCalendar.js"
import type * as Rulebook from "../../rulebook/Rulebook.js"
import type { Deadline, DeadlineKind } from "../Deadlines.js"

interface Scope {
  readonly rulebook: Rulebook.Rulebook
  readonly calendar: WorkCalendar.WorkCalendar
  readonly now: LocalDate.LocalDate
  readonly actor: object
}

export interface Memo {
  readonly scope: Scope
  rules: Either.Either<Rulebook.RuleSet, Rulebook.NotInForce> | undefined
  readonly deadlines: Partial<Record<DeadlineKind, Either.Either<Deadline, WorkCalendar.OutOfRange>>>
  readonly refusals: Map<string, unknown>
}

const memos = new WeakMap<Scope, Memo>()

// A context is readonly, but a caller who changed one in place gets a fresh memo, never a stale one.
export const memoOf = (ctx: Scope): Memo => {
  const memo = memos.get(ctx)
  if (
    memo !== undefined && memo.scope.now === ctx.now && memo.scope.rulebook === ctx.rulebook &&
    memo.scope.calendar === ctx.calendar && memo.scope.actor === ctx.actor
  ) return memo
  const fresh: Memo = {
    scope: { rulebook: ctx.rulebook, calendar: ctx.calendar, now: ctx.now, actor: ctx.actor },
    rules: undefined,
    deadlines: {},
    refusals: new Map()
  }
  memos.set(ctx, fresh)
  return fresh
}

/** The refusal of `key` for this context, made once by `make` (which must depend only on the key and the context). */
export const refusal = <E>(memo: Memo, key: string, make: () => E): E => {
  const hit = memo.refusals.get(key)
  if (hit !== undefined) return hit as E
  const made = make()
  memo.refusals.set(key, made)
  return made
}
