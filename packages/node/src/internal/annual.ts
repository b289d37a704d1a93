// The JSON an app or a clerk gives the annual assessment besides the store: what the store does
// not hold, by cadre, and sanction decisions given instead of the stored cases. Shared by the
// Promise API (`scoring.annual`) and the `qinglian annual` command.
import { Ids, InvalidInput, LocalDate, Measure } from "@qinglian/core"
import * as Schema from "effect/Schema"

const Fact = Schema.Struct({
  id: Schema.String.pipe(Schema.minLength(1)),
  kind: Schema.String.pipe(Schema.minLength(1)),
  count: Schema.optional(Schema.Int.pipe(Schema.nonNegative())),
  note: Schema.optional(Schema.String)
})

/** By cadre id: leave, the checklist items achieved, the year's findings and events. */
export const Cadres = Schema.Record({
  key: InvalidInput.RecordKey,
  value: Schema.Struct({
    leave: Schema.optional(Schema.Array(Schema.Struct({ from: LocalDate.LocalDate, until: LocalDate.LocalDate, note: Schema.optional(Schema.String) }))),
    achieved: Schema.optional(Schema.Array(Schema.String)),
    findings: Schema.optional(Schema.Array(Fact)),
    events: Schema.optional(Schema.Array(Fact))
  })
})

/** Sanction decisions: the case, the cadre, the measure, the decision date and the months chosen. */
export const Sanctions = Schema.Array(Schema.Struct({
  caseId: Ids.CaseId,
  cadre: Ids.CadreId,
  measure: Measure.Measure,
  decidedOn: LocalDate.LocalDate,
  chosenMonths: Schema.optional(Schema.Int.pipe(Schema.positive()))
}))
