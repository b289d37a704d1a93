import { assert, describe, it } from "@effect/vitest"
import { WorkCalendar } from "@qinglian/core"
import { Board, Examples, Rubric, Signal, TaskBook, WeeklyAssessment } from "@qinglian/scoring"
import * as Either from "effect/Either"
import { assessWeek, boardInput, editionOn, weeklyFile } from "./fixtures.js"

describe("Board.render", () => {
  const input = boardInput("2026-W13")

  it("has the three sections for a village, in Markdown", () => {
    const { board, markdown } = Board.render(input, { level: "village", village: "v-xishu" })
    assert.deepStrictEqual(board.sections.map((s) => s.title), ["本周安排（2026-W13）", "上周盘点（2026-W12）", "考核结果（2026-W12）"])
    assert.strictEqual(board.sections[0]!.rows.length, 4)
    assert.strictEqual(board.sections[1]!.rows.length, 8) // 4 tasks + 4 reviews
    assert.strictEqual(board.sections[2]!.rows.length, 4)
    assert.include(markdown, "# 西属村“一周三晒”公示栏")
    assert.include(markdown, "| 任务 | 责任人 | 完成时限 | 任务量 |")
    assert.notInclude(markdown, "南河村")
  })

  it("lists every village on the town's board", () => {
    const { board } = Board.render(input, { level: "town" })
    assert.strictEqual(board.sections[2]!.rows.length, 12)
    assert.strictEqual(board.sections[2]!.header[0], "村")
  })

  it("writes CSV as UTF-8 with a byte-order mark and RFC 4180 quoting", () => {
    const odd = { ...input, names: { ...input.names, "c-xishu-1": "王\"建国\",一" } }
    const { csv } = Board.render(odd, { level: "village", village: "v-xishu" })
    const bytes = Buffer.from(csv.results, "utf8")
    assert.deepStrictEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf])
    assert.include(csv.results, `"王""建国"",一"`)
    assert.isTrue(csv.arrangements.endsWith("\r\n"))
  })

  it("escapes HTML and declares an A4 page and Chinese fonts", () => {
    const odd = { ...input, names: { ...input.names, "c-xishu-1": "<script>x</script>" } }
    const { html } = Board.render(odd, { level: "village", village: "v-xishu" })
    assert.notInclude(html, "<script>x")
    assert.include(html, "&lt;script&gt;")
    assert.include(html, "size: A4")
    assert.include(html, "WenQuanYi Micro Hei")
  })

  it("never shows supervision data: no veto, sanction, signal or lead, only the public grade", () => {
    const week = TaskBook.unsafeWeek("2026-W12")
    const villages = [0, 1, 2].map((i) => Examples.villageWeek(i, week))
    const secret = "涉嫌挪用集体资金案-2026-17"
    villages[0] = {
      ...villages[0]!,
      facts: {
        "c-xishu-1": {
          events: [{ id: "case-2026-17", kind: "event.violation", note: secret }],
          findings: [{ id: "f-1", kind: "negativeList.breach", note: "优亲厚友" }],
          warnings: [{ id: "w1", colour: "red", on: TaskBook.mondayOf(week) }]
        }
      }
    }
    const w10 = Either.getOrThrow(assessWeek("2026-W10"))
    const w11 = Either.getOrThrow(assessWeek("2026-W11", w10))
    const w12 = Either.getOrThrow(WeeklyAssessment.assess({
      rubric: weeklyFile,
      town: Examples.town.id,
      week,
      assessedOn: villages[0]!.stockTake.heldOn,
      villages,
      roster: Examples.town.roster,
      calendar: WorkCalendar.china,
      previous: WeeklyAssessment.ranksOf(w11)
    }))
    const signals = Signal.detect(editionOn(weeklyFile, "2026-03-23").rubric, [w10, w11, w12])
    assert.isAbove(signals.length, 0)
    const r = w12.results.find((x) => x.subject === "c-xishu-1")!
    assert.strictEqual(r.basis, "veto")
    const forbidden = [
      secret, "case-2026-17", "优亲厚友", "一票否决", "majorViolation", "veto", "处分", "线索", "谈话", "预警", "红牌",
      ...signals.flatMap((s) => [s.label.zh, s.id]),
      ...r.scored.ledger.filter((e) => e.section !== "component").flatMap((e) => [Rubric.explain(e, editionOn(weeklyFile, "2026-03-23").rubric).zh, e.fact])
    ]
    for (const scope of [{ level: "town" } as const, { level: "village", village: "v-xishu" } as const]) {
      const out = Board.render(boardInput("2026-W13", w12), scope)
      const all = [out.markdown, out.html, ...Object.values(out.csv)].join("\n")
      for (const f of forbidden) assert.notInclude(all, f, `the board shows ${JSON.stringify(f)}`)
      assert.include(all, "较差")
    }
  })
})
