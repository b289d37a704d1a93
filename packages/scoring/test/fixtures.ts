import { LocalDate, WorkCalendar } from "@qinglian/core"
import { Examples, Rubric, TaskBook, WeeklyAssessment } from "@qinglian/scoring"
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

export const assessWeek = (w: string, previous?: WeeklyAssessment.TownWeek) => {
  const week = TaskBook.unsafeWeek(w)
  const villages = [0, 1, 2].map((i) => Examples.villageWeek(i, week))
  return WeeklyAssessment.assess({
    rubric: weeklyFile,
    town: Examples.town.id,
    week,
    assessedOn: villages[0]!.stockTake.heldOn,
    villages,
    roster: Examples.town.roster,
    calendar: WorkCalendar.china,
    previous: previous === undefined ? undefined : WeeklyAssessment.ranksOf(previous)
  })
}

