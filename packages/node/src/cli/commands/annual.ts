/**
 * `qinglian annual --db county.db --rubric annual.json --town t-jincun --year 2026 --on 2026-12-28`:
 * the annual assessment of a town's stored year, as `ScoringStore.annual` computes it: each cadre's
 * weekly mean, the annual score, the grade and the ranks, as a table, CSV or JSON. Sanctions come
 * from the stored cases of the town's county; what the store does not hold (leave, the 清廉村居
 * items achieved, the year's findings and events) comes from `--facts`.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import { InvalidInput, OrgStore, Rulebook, RulebookStore, Storage, WorkCalendar } from "@qinglian/core"
import { Points, Rubric, ScoringStore } from "@qinglian/scoring"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as AnnualInput from "../../internal/annual.js"
import { badInput, failures, refusedBecause } from "../Exit.js"
import * as Input from "../Input.js"
import * as Lang from "../Lang.js"
import * as Output from "../Output.js"
import * as Store from "../Store.js"

const headers: ReadonlyArray<Lang.Text> = [
  { zh: "姓名", en: "Name" },
  { zh: "村", en: "Village" },
  { zh: "周均分", en: "Weekly mean" },
  { zh: "计入周数", en: "Weeks counted" },
  { zh: "年度得分", en: "Annual score" },
  { zh: "等次", en: "Grade" },
  { zh: "村内排名", en: "Village rank" },
  { zh: "全镇排名", en: "Town rank" }
]

const cannotAssess: Lang.Text = { zh: "无法进行年度考核", en: "cannot assess the year" }

/**
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make(
  "annual",
  {
    db: Store.dbOption,
    rubric: Options.file("rubric").pipe(
      Options.withPseudoName("annual.json"),
      Options.withDescription("年度考核细则文件（JSON） / The annual rubric file (JSON)")
    ),
    town: Input.townOption,
    year: Options.integer("year").pipe(Options.withPseudoName("YYYY"), Options.withDescription("考核年度 / The year assessed")),
    on: Input.dateOption(
      "on",
      "考核日期，YYYY-MM-DD：决定适用的细则版本，该日处于处分影响期的不得评为最高等次 / " +
        "The assessment date, YYYY-MM-DD: it picks the rubric edition, and a sanction in force on it bars the top grade"
    ),
    facts: Options.file("facts").pipe(
      Options.withPseudoName("facts.json"),
      Options.withDescription(
        "按干部列出数据库中没有的事实（JSON）：请假 leave、清廉村居完成项 achieved、findings、events / " +
          "What the store does not hold, by cadre (JSON): leave, the 清廉村居 items achieved, findings and events"
      ),
      Options.optional
    ),
    jurisdiction: Options.text("jurisdiction").pipe(
      Options.withPseudoName("code"),
      Options.withDescription("处分影响期按该辖区保存的规则集计算；不给则用内置规则集 / Whose stored rulebook gives sanction periods; the built-in one when left out"),
      Options.optional
    ),
    format: Output.formatOption,
    lang: Lang.option
  },
  ({ db, facts, format, jurisdiction, lang, on, rubric, town, year }) =>
    failures(Effect.gen(function*() {
      // A year is assessed on a day in it or after it.
      if (Number(on.slice(0, 4)) < year) {
        return yield* badInput({ zh: `考核日期 ${on} 早于 ${year} 年`, en: `the assessment date ${on} is before ${year}` })
      }
      const file = yield* Effect.flatMap(Input.readText(rubric), (text) =>
        Input.decodeFile(rubric, { zh: "年度考核细则文件", en: "annual rubric file" }, Rubric.decodeJson(text)))
      const cadres = Option.isNone(facts)
        ? undefined
        : yield* Effect.flatMap(Input.readText(facts.value), (text) =>
          Input.decodeFile(facts.value, { zh: "年度事实文件", en: "annual facts file" }, InvalidInput.decodeJson(AnnualInput.Cadres, "annual facts")(text)))
      yield* Store.requireDatabase(db)
      const { results, names, body } = yield* Effect.gen(function*() {
        const roster = yield* OrgStore.loadRoster
        const rulebook = Option.isSome(jurisdiction) ? yield* RulebookStore.rulebookFor(jurisdiction.value, Rulebook.defaults) : Rulebook.defaults
        const results = yield* ScoringStore.annual({ rubric: file, town, year, assessedOn: on, roster, calendar: WorkCalendar.china, rulebook, cadres })
        const edition = yield* Rubric.at(file, on)
        const villages = yield* OrgStore.villages.all("byTown", Storage.prefixRange(town))
        return {
          results,
          names: new Map<string, string>([
            ...roster.cadres.map((c): [string, string] => [c.id, c.name]),
            ...villages.map((v): [string, string] => [v.value.id, v.value.name])
          ]),
          body: edition.rubric
        }
      }).pipe(
        // No assessed week, a town not in the stored organisation, no rubric edition in force, facts
        // or a sanction that cannot be read: what was asked for does not fit what is stored.
        Effect.catchTags({
          ScoringCommandRejected: (e) => Effect.fail(refusedBecause(cannotAssess, e)),
          RubricNotInForce: (e) => Effect.fail(refusedBecause(cannotAssess, e)),
          ScoringFactsInvalid: (e) => Effect.fail(refusedBecause(cannotAssess, e)),
          ScoringSanctionUnreadable: (e) => Effect.fail(refusedBecause(cannotAssess, e))
        }),
        Effect.provide(Store.layer(db))
      )
      // Best first in the table; the JSON keeps the results as ScoringStore.annual gives them.
      const rows = [...results].sort((a, b) => a.ranked.townRank - b.ranked.townRank).map((r) => [
        names.get(r.subject) ?? r.subject,
        names.get(r.village) ?? r.village,
        Points.format(r.mean.mean),
        r.mean.counted.length,
        Points.format(r.scored.score),
        Rubric.gradeLabel(body, r.ranked.grade)[lang],
        `${r.ranked.villageRank}/${r.ranked.villageSize}`,
        `${r.ranked.townRank}/${r.ranked.townSize}`
      ])
      yield* Output.show(
        {
          table: { headers, rows },
          json: results,
          before: [{ zh: `${town} ${year} 年度考核（${on}）`, en: `${town}: the ${year} assessment (${on})` }],
          after: [{ zh: `共 ${results.length} 名干部`, en: `${results.length} cadres` }]
        },
        format,
        lang
      )
    }))
).pipe(
  Command.withDescription(
    "年度考核：由数据库中的周考核结果和案件处分计算年度得分、等次和排名 / " +
      "The annual assessment: scores, grades and ranks from the stored weeks and decided cases"
  )
)

