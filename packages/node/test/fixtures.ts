// A small county as plain JSON, the way an app would hold it: one county, one town, one village,
// the town's discipline secretary and member, a village cadre, and the shipped reference list
// adopted as the county's list.
import { PowerList } from "@qinglian/core"
import * as Schema from "effect/Schema"

export const county = "140525"
export const town = "140525106"
export const secretary = "jc-wang"
export const member = "jc-zhao"
export const subject = "xs-li"

export const organisation = {
  counties: [{ id: county, name: "泽州县" }],
  towns: [{ id: town, countyId: county, name: "金村镇" }],
  villages: [{ id: "xishu", townId: town, name: "西属村", kind: "village" }]
}

export const roster = {
  cadres: [
    { id: secretary, name: "王纪委书记" },
    { id: member, name: "赵纪委委员" },
    { id: subject, name: "李某" }
  ],
  appointments: [
    { cadreId: secretary, post: "townDisciplineSecretary", unit: { level: "town", townId: town }, term: { start: "2020-01-01" } },
    { cadreId: member, post: "townDisciplineMember", unit: { level: "town", townId: town }, term: { start: "2020-01-01" } }
  ]
}

export const registerLead = (caseId: string) => ({
  _tag: "RegisterLead",
  caseId,
  county,
  town,
  subject: { cadre: subject, category: "villageCadre" },
  source: { _tag: "DailySupervision" }
})

/** The county's list as JSON text: the reference list under the county's id, version and code. */
export const listJson = (version = "2026.1", effectiveFrom = "2026-01-01"): string =>
  JSON.stringify({
    ...Schema.encodeSync(PowerList.PowerList)(PowerList.reference()),
    id: "140525-micro-power",
    version,
    effectiveFrom,
    jurisdiction: { level: "county", code: county, name: "泽州县" }
  })
