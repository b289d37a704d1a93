import { assert, describe, it } from "@effect/vitest"
import { WorkCalendar } from "@qinglian/core"
import { Examples, TaskBook } from "@qinglian/scoring"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { d } from "./fixtures.js"

const week = TaskBook.unsafeWeek("2026-W12")
const book = (): any => JSON.parse(JSON.stringify(Examples.villageWeek(0, week).book))
const roster = Examples.town.roster

describe("ISO weeks", () => {
  it("finds Mondays, Sundays and the week of a date, across year ends", () => {
    assert.strictEqual(TaskBook.mondayOf(week), "2026-03-16")
    assert.strictEqual(TaskBook.sundayOf(week), "2026-03-22")
    assert.strictEqual(TaskBook.weekOf(d("2026-01-01")), "2026-W01")
    assert.strictEqual(TaskBook.weekOf(d("2027-01-03")), "2026-W53")
    assert.strictEqual(TaskBook.mondayOf(TaskBook.unsafeWeek("2026-W01")), "2025-12-29")
    assert.strictEqual(TaskBook.previousWeek(TaskBook.unsafeWeek("2026-W01")), "2025-W01".replace("W01", "W52"))
  })

  it("holds the meeting on the week's first working day: a holiday Monday moves it", () => {
    // 2026-10-05 (Mon) to 10-07 are 国庆节 rest days; the first working day is Thursday 10-08.
    assert.deepStrictEqual(TaskBook.meetingDate(WorkCalendar.china, TaskBook.unsafeWeek("2026-W41")), Either.right(d("2026-10-08")))
    assert.deepStrictEqual(TaskBook.meetingDate(WorkCalendar.china, TaskBook.unsafeWeek("2026-W41"), { meeting: "monday" }), Either.right(d("2026-10-05")))
    assert.deepStrictEqual(TaskBook.meetingDate(WorkCalendar.china, week), Either.right(d("2026-03-16")))
  })
})

describe("TaskBook decoding and checks", () => {
  it("accepts the example book", () => {
    const b = TaskBook.decodeTaskBook(book())
    assert.isTrue(Either.isRight(b))
    if (Either.isRight(b)) assert.deepStrictEqual(TaskBook.check(b.right, roster), [])
  })

  it("refuses a task without an owner, without a deadline or with a zero target, at their paths", () => {
    const b = book()
    delete b.tasks[0].owner
    delete b.tasks[1].deadline
    b.tasks[2].target.quantity = 0
    b.tasks[3].extra = true
    const r = TaskBook.decodeTaskBook(b)
    assert.isTrue(Either.isLeft(r))
    if (Either.isLeft(r)) {
      const byPath = new Map(r.left.issues.map((i) => [i.path.join("/"), i]))
      assert.strictEqual(byPath.get("tasks/0/owner")?.code, "INPUT_MISSING")
      assert.strictEqual(byPath.get("tasks/1/deadline")?.code, "INPUT_MISSING")
      assert.include(byPath.get("tasks/2/target/quantity")?.message.zh, "大于0")
      assert.strictEqual(byPath.get("tasks/3/extra")?.code, "INPUT_UNKNOWN_KEY")
    }
  })

  it("refuses a deadline outside the week, an owner without a post in the village, a duplicate id", () => {
    const b = Either.getOrThrow(TaskBook.decodeTaskBook(book()))
    const bad: TaskBook.TaskBook = {
      ...b,
      tasks: [
        { ...b.tasks[0]!, deadline: d("2026-03-23") },
        { ...b.tasks[1]!, owner: b.tasks[0]!.owner.replace("xishu", "nanhe") as any },
        { ...b.tasks[2]!, id: b.tasks[3]!.id },
        b.tasks[3]!
      ]
    }
    const codes = TaskBook.check(bad, roster).map((x) => [x.code, x.path.join("/")])
    assert.deepStrictEqual(codes, [
      ["TASK_DEADLINE_OUTSIDE_WEEK", "tasks/0/deadline"],
      ["TASK_OWNER_NO_POST", "tasks/1/owner"],
      ["TASK_DUPLICATE_ID", "tasks/3/id"]
    ])
    // A horizon reaching into next week lets the first task through.
    assert.strictEqual(TaskBook.check(bad, roster, { horizonDays: 3 }).filter((x) => x.code === "TASK_DEADLINE_OUTSIDE_WEEK").length, 0)
  })

  it("refuses an owner whose term ended before the meeting", () => {
    const b = Either.getOrThrow(TaskBook.decodeTaskBook(book()))
    const ended = {
      ...roster,
      appointments: roster.appointments.map((a) => (a.cadreId === b.tasks[0]!.owner ? { ...a, term: { start: a.term.start, end: d("2026-03-01") } } : a))
    }
    assert.deepStrictEqual(TaskBook.check(b, ended).map((x) => x.code), ["TASK_OWNER_NO_POST"])
  })
})

describe("progress and stock-take", () => {
  const vw = Examples.villageWeek(0, week)
  it("sums progress and finds the day the target was reached", () => {
    const t = vw.book.tasks[0]!
    const reports: TaskBook.Progress[] = [
      { ...vw.progress[0]!, quantity: 1, on: d("2026-03-17") },
      { ...vw.progress[0]!, quantity: t.target.quantity, on: d("2026-03-19") }
    ]
    assert.deepStrictEqual(TaskBook.outcomeOf(t, reports), {
      id: t.id,
      target: t.target.quantity,
      done: t.target.quantity + 1,
      deadline: t.deadline,
      completedOn: d("2026-03-19")
    })
  })
  it("refuses progress from someone other than the owner, and on an unknown task", () => {
    assert.deepStrictEqual(TaskBook.checkProgress(vw.book, { ...vw.progress[0]!, reportedBy: vw.book.tasks[1]!.owner }).map((x) => x.code), ["PROGRESS_NOT_OWNER"])
    assert.deepStrictEqual(TaskBook.checkProgress(vw.book, { ...vw.progress[0]!, task: "nope" }).map((x) => x.code), ["PROGRESS_UNKNOWN_TASK"])
    const noEvidence = TaskBook.decodeProgress({ ...vw.progress[0]!, evidence: [] })
    assert.isTrue(Either.isLeft(noEvidence))
  })
  it("refuses a second review of one cadre and a review of an outsider", () => {
    const take = vw.stockTake
    const bad = { ...take, reviews: [...take.reviews, take.reviews[0]!, { ...take.reviews[0]!, cadre: "c-nanhe-1" as any }] }
    assert.deepStrictEqual(TaskBook.checkStockTake(bad, roster).map((x) => x.code), ["REVIEW_DUPLICATE", "REVIEW_NOT_MEMBER"])
    assert.isTrue(Either.isLeft(TaskBook.decodeStockTake({ ...take, reviews: [{ cadre: "c1", rating: 101, comment: "x" }] })))
  })
})

describe("IsoWeek: years inside the date range", () => {
  const decode = Schema.decodeUnknownEither(TaskBook.IsoWeek)
  it("refuses weeks whose year is outside 1901–2198 instead of throwing, and keeps the ones inside", () => {
    for (const w of ["0026-W01", "1899-W52", "1900-W01", "2199-W52", "9999-W01"]) {
      const r = decode(w)
      assert.isTrue(Either.isLeft(r), w)
    }
    for (const w of ["1901-W01", "2026-W12", "2198-W52"]) {
      const r = decode(w)
      assert.isTrue(Either.isRight(r), w)
      if (Either.isRight(r)) {
        // The weeks either side still have dates: no throw at the ends.
        assert.isString(TaskBook.previousWeek(r.right))
        assert.isString(TaskBook.nextWeek(r.right))
      }
    }
  })
})
