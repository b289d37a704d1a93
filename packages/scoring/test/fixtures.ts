import { LocalDate, WorkCalendar } from "@qinglian/core"
import { Examples, Rubric } from "@qinglian/scoring"
import * as Either from "effect/Either"

export const d = LocalDate.unsafeMake

export const weeklyFile: Rubric.RubricFile = Either.getOrThrowWith(Rubric.decodeFile(Examples.weeklyRubric), (e) => e)
export const annualFile: Rubric.RubricFile = Either.getOrThrowWith(Rubric.decodeFile(Examples.annualRubric), (e) => e)

export const editionOn = (file: Rubric.RubricFile, date: string): Rubric.Edition =>
  Either.getOrThrowWith(Rubric.at(file, d(date)), (e) => e)

export const ctx: Rubric.Context = { rubricId: "jincun-weekly", calendar: WorkCalendar.china }

export const scoreOrThrow = (edition: Rubric.Edition, facts: Rubric.Facts): Rubric.Scored =>
  Either.getOrThrowWith(Rubric.score(edition, facts, ctx), (e) => e)

export const sumLedger = (s: Rubric.Scored): number => s.ledger.reduce((a, e) => a + e.points, 0)
