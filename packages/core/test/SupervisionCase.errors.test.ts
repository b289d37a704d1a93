// The errors of the supervision folder carry identifiers in the package's namespace, as effect names
// its platform errors, while their `_tag` stays what callers match on.
import { assert, describe, it } from "@effect/vitest"
import { FourForms, Rulebook, Sanction, SupervisionCase, Whistleblower } from "@qinglian/core"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as Schema from "effect/Schema"
import * as SchemaAST from "effect/SchemaAST"
import { ctx, d, otherTownSecretary, reach, register, sample } from "./SupervisionCase.fixtures.js"

const identifierOf = (schema: Schema.Schema.Any): string | undefined => {
  const ast = schema.ast
  return SchemaAST.isTransformation(ast) ? SchemaAST.getIdentifierAnnotation(ast.to).pipe((o) => o._tag === "Some" ? o.value : undefined) : undefined
}

// [class, the _tag callers match on (unchanged), the identifier]
const errors: ReadonlyArray<readonly [Schema.Schema.Any, string, string]> = [
  [SupervisionCase.IllegalTransition, "IllegalTransition", "@qinglian/core/supervision/IllegalTransition"],
  [SupervisionCase.Forbidden, "Forbidden", "@qinglian/core/supervision/Forbidden"],
  [SupervisionCase.CommandRejected, "CommandRejected", "@qinglian/core/supervision/CommandRejected"],
  [SupervisionCase.InconsistentStream, "InconsistentStream", "@qinglian/core/supervision/InconsistentStream"],
  [FourForms.Unclassified, "FourFormsUnclassified", "@qinglian/core/supervision/Unclassified"],
  [Sanction.MeasureNotAllowed, "MeasureNotAllowed", "@qinglian/core/supervision/MeasureNotAllowed"],
  [Sanction.PeriodChoiceInvalid, "PeriodChoiceInvalid", "@qinglian/core/supervision/PeriodChoiceInvalid"],
  [Sanction.PartySanctionsNotCombined, "PartySanctionsNotCombined", "@qinglian/core/supervision/PartySanctionsNotCombined"],
  [Sanction.CombinedPeriodInvalid, "CombinedPeriodInvalid", "@qinglian/core/supervision/CombinedPeriodInvalid"],
  [Whistleblower.InvalidKey, "WhistleblowerInvalidKey", "@qinglian/core/supervision/InvalidKey"],
  [Whistleblower.Unreadable, "WhistleblowerUnreadable", "@qinglian/core/supervision/Unreadable"],
  [Whistleblower.AccessNotLogged, "WhistleblowerAccessNotLogged", "@qinglian/core/supervision/AccessNotLogged"]
]

describe("supervision errors", () => {
  for (const [schema, tag, identifier] of errors) {
    it(`${tag} keeps its _tag and is named ${identifier}`, () => {
      assert.strictEqual(identifierOf(schema), identifier)
      // The class's tag, which every instance carries as `_tag`.
      assert.strictEqual((schema as unknown as { readonly _tag: string })._tag, tag)
    })
  }

  it("no two errors share an identifier", () => {
    const ids = errors.map(([, , id]) => id)
    assert.strictEqual(new Set(ids).size, ids.length)
  })

  it("the errors decide returns are caught by their unchanged _tag", () => {
    const decided = (e: Either.Either<unknown, SupervisionCase.DecideError>) => {
      const decision: Effect.Effect<string, SupervisionCase.DecideError> = Either.isLeft(e) ? Effect.fail(e.left) : Effect.succeed("accepted")
      return Effect.runSync(
        decision.pipe(
          Effect.catchTag("IllegalTransition", (x) => Effect.succeed(`illegal ${x.stage}`)),
          Effect.catchTag("Forbidden", (x) => Effect.succeed(`forbidden ${x.reason}`)),
          Effect.catchTag("CommandRejected", (x) => Effect.succeed(`rejected ${x.guard}`)),
          Effect.catchAll((x) => Effect.succeed(`other ${x._tag}`))
        )
      )
    }
    const closed = reach("closed").state
    assert.strictEqual(decided(SupervisionCase.decide(closed, sample("Decide"), ctx("2026-03-10"))), "illegal closed")
    assert.strictEqual(
      decided(SupervisionCase.decide(SupervisionCase.initial, register(), ctx("2026-03-02", otherTownSecretary))),
      "forbidden jurisdiction"
    )
    const lead = reach("leadRegistered").state
    assert.strictEqual(decided(SupervisionCase.decide(lead, { _tag: "RecordInquiryReply" }, ctx("2026-03-03"))), "illegal leadRegistered")
    const inquiry = reach("inquiry").state
    const suspended = SupervisionCase.evolve(inquiry, { _tag: "CaseSuspended", on: d("2026-03-05"), by: inquiry.subject!.cadre })
    assert.strictEqual(decided(SupervisionCase.decide(suspended, { _tag: "Transfer", to: "otherAuthority" }, ctx("2026-03-06"))), "rejected notSuspended")
  })

  it("an error from another module of the folder is caught by its _tag too", () => {
    const rules = Rulebook.unsafeAt(Rulebook.defaults, d("2026-03-01"))
    const checked = Sanction.checkSubject(rules, "governmentRemoval", "villageCadre")
    const check: Effect.Effect<string, Sanction.MeasureNotAllowed> = Either.isLeft(checked) ? Effect.fail(checked.left) : Effect.succeed("allowed")
    const caught = Effect.runSync(check.pipe(Effect.catchTag("MeasureNotAllowed", (e) => Effect.succeed(`caught ${e._tag}`))))
    assert.strictEqual(caught, "caught MeasureNotAllowed")
  })
})
