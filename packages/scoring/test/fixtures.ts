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


export const boardInput = (w: string, results?: WeeklyAssessment.TownWeek): import("@qinglian/scoring").Board.BoardInput => {
  const week = TaskBook.unsafeWeek(w)
  const last = TaskBook.previousWeek(week)
  const lastVillages = [0, 1, 2].map((i) => Examples.villageWeek(i, last))
  return {
    townName: Examples.town.name,
    week,
    books: [0, 1, 2].map((i) => Examples.villageWeek(i, week).book),
    lastBooks: lastVillages.map((v) => v.book),
    lastProgress: lastVillages.flatMap((v) => v.progress),
    stockTakes: lastVillages.map((v) => v.stockTake),
    results: results ?? Either.getOrThrow(assessWeek(last)),
    names: Object.fromEntries(Examples.town.roster.cadres.map((c) => [c.id, c.name])),
    villageNames: Object.fromEntries(Examples.town.villages.map((v) => [v.id, v.name])),
    grades: Either.getOrThrow(Rubric.at(weeklyFile, TaskBook.mondayOf(week))).rubric.grades
  }
}
