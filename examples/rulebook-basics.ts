// A tour of @qinglian/core in one program: `npm run demo`.
//
// 1. the rules in force on a date, each with the law it comes from;
// 2. a county's own rulebook file overriding a local value from the day it takes effect;
// 3. a real vote counted exactly (quorum and majority of a 村民代表会议);
// 4. a deadline in working days on the official holiday calendar (函询 reply: 15 working days).
import { Citation, LocalDate, Money, Rulebook, Threshold, WorkCalendar } from "@qinglian/core"
import * as Effect from "effect/Effect"

const d = LocalDate.unsafeMake

const program = Effect.gen(function*() {
  // 1. The built-in rulebook: national statutes plus illustrative local values.
  const date = d("2026-05-20")
  const rules = yield* Rulebook.at(Rulebook.defaults, date)
  console.log(`Rules in force on ${date}:`)
  for (const key of ["threshold.tenderConstruction", "threshold.escalation", "case.letterInquiryReply"] as const) {
    const p = rules.parameters[key]
    const shown = typeof p.value === "number" ? `${Money.formatYuan(p.value)} yuan` : `${p.value.amount} ${p.value.unit}`
    console.log(`  ${key.padEnd(30)} ${shown.padEnd(20)} ${p.scope.padEnd(8)} ${Citation.format(p.citation)}`)
  }

  // 2. A county lowers the escalation threshold (提级监督) from 1 March 2026.
  const county = yield* Rulebook.decodeJson(
    JSON.stringify({
      name: "示例县清廉村居规则",
      editions: [
        {
          effectiveFrom: "2026-03-01",
          source: { law: "示例县村级小微权力运行规定", version: "2026", article: "第八条" },
          parameters: {
            "threshold.escalation": {
              value: { amount: 50_000, unit: "yuan" },
              citation: { law: "示例县村级小微权力运行规定", version: "2026", article: "第八条" },
              scope: "local"
            }
          }
        }
      ]
    })
  )
  console.log(`\n${county.name}: town review (提级监督) from`)
  for (const day of [d("2026-02-28"), d("2026-03-01")]) {
    const r = yield* Rulebook.at(county, day)
    console.log(
      `  ${day}: ${Money.formatYuan(Rulebook.value(r, "threshold.escalation"))} yuan  (${
        Citation.format(Rulebook.citationOf(r, "threshold.escalation"))
      })`
    )
  }

  // 3. A 村民代表会议 of 45 representatives: 31 attend, 16 vote for the plan.
  const assembly = Rulebook.value(rules, "meeting.representativesAssembly")
  const [members, present, inFavour] = [45, 31, 16]
  const quorum = assembly.quorum[0]
  const quorate = Threshold.isMet(quorum.threshold, present, members)
  const carried = Threshold.isMet(assembly.majority.threshold, inFavour, present)
  console.log(`\n村民代表会议 (${Citation.format(Rulebook.citationOf(rules, "meeting.representativesAssembly"))}):`)
  console.log(
    `  quorum ${Threshold.format(quorum.threshold)} of ${members}: ${present} present → ${quorate ? "quorate" : "not quorate"}` +
      ` (at least ${Threshold.minimumCount(quorum.threshold, members)} needed)`
  )
  console.log(
    `  majority ${Threshold.format(assembly.majority.threshold)} of ${present} present: ${inFavour} in favour → ` +
      `${carried ? "carried" : "not carried"} (at least ${Threshold.minimumCount(assembly.majority.threshold, present)} needed)`
  )

  // 4. A letter of inquiry (函询) sent just before the 2026 Spring Festival holiday.
  const sent = d("2026-02-10")
  const reply = Rulebook.value(rules, "case.letterInquiryReply")
  const due = yield* WorkCalendar.addDuration(WorkCalendar.china, sent, reply)
  console.log(
    `\n函询 sent ${sent}: reply within ${reply.amount} ${reply.unit} → due ${due}` +
      ` (${LocalDate.daysBetween(sent, due)} calendar days, across the 春节 holiday and its 调休 make-up working days)`
  )
})

Effect.runSync(program)
