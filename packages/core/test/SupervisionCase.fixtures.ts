// Shared fixtures for the supervision-case tests: actors, a context, recipes that reach every
// stage, a sample command for every (command, variant), and a random driver for model tests.
import { Effect, Either } from "effect"
import { Cadre, Ids, Kinship, LocalDate, Organisation, OrgStore, Rulebook, SupervisionCase, WorkCalendar } from "@qinglian/core"

export const county = Ids.CountyId.make("c1")
export const town = Ids.TownId.make("t1")
export const otherTown = Ids.TownId.make("t2")
export const subjectCadre = Ids.CadreId.make("v-li")
export const caseId = Ids.CaseId.make("case-1")

export const townSecretary: SupervisionCase.Actor = {
  id: Ids.CadreId.make("t-wang"),
  posts: ["townDisciplineSecretary"],
  jurisdiction: { level: "town", county, town }
}
export const townMember: SupervisionCase.Actor = {
  id: Ids.CadreId.make("t-zhao"),
  posts: ["townDisciplineMember"],
  jurisdiction: { level: "town", county, town }
}
export const countyOfficer: SupervisionCase.Actor = {
  id: Ids.CadreId.make("x-chen"),
  posts: ["countyDisciplineOfficer"],
  jurisdiction: { level: "county", county }
}
export const otherTownSecretary: SupervisionCase.Actor = {
  id: Ids.CadreId.make("t2-sun"),
  posts: ["townDisciplineSecretary"],
  jurisdiction: { level: "town", county, town: otherTown }
}

export const d = LocalDate.unsafeMake

/** A context for the pure `decide` that knows the actor's relatives (recorded relations, or a predicate). */
export interface CheckedContext {
  readonly rulebook: Rulebook.Rulebook
  readonly calendar: WorkCalendar.WorkCalendar
  readonly actor: SupervisionCase.Actor
  readonly now: LocalDate.LocalDate
  readonly relations: ReadonlyArray<Kinship.Relation>
  readonly isRelated?: (a: Ids.CadreId, b: Ids.CadreId) => boolean
  readonly recusal?: undefined
}

/**
 * A context for the pure `decide`: the actor as given, and no recorded relations unless `extra`
 * gives some (or a predicate), or else the recusal opt-out.
 */
export function ctx(
  now: string,
  actor?: SupervisionCase.Actor,
  extra?: { readonly isRelated?: (a: Ids.CadreId, b: Ids.CadreId) => boolean; readonly relations?: ReadonlyArray<Kinship.Relation> }
): CheckedContext
export function ctx(now: string, actor: SupervisionCase.Actor, extra: { readonly recusal: SupervisionCase.RecusalNotChecked }): SupervisionCase.DecideContext
export function ctx(
  now: string,
  actor: SupervisionCase.Actor = townSecretary,
  extra:
    | { readonly isRelated?: (a: Ids.CadreId, b: Ids.CadreId) => boolean; readonly relations?: ReadonlyArray<Kinship.Relation> }
    | { readonly recusal: SupervisionCase.RecusalNotChecked } = {}
): SupervisionCase.DecideContext {
  const base = { rulebook: Rulebook.defaults, calendar: WorkCalendar.china, actor, now: d(now) }
  return "recusal" in extra ? { ...base, recusal: extra.recusal } : { ...base, relations: [], ...extra }
}

/** A context for `CaseStore.execute`: only the actor's cadre id; the store says what they hold. */
export const execCtx = (
  now: string,
  actor: SupervisionCase.Actor | Ids.CadreId = townSecretary,
  extra: { readonly recusal?: SupervisionCase.RecusalNotChecked } = {}
): SupervisionCase.ExecuteContext => ({
  rulebook: Rulebook.defaults,
  calendar: WorkCalendar.china,
  actor: typeof actor === "string" ? actor : actor.id,
  now: d(now),
  ...extra
})

/**
 * The stored record that makes each actor what the fixtures say: their counties and towns, and an
 * appointment to each post in their jurisdiction's unit since 2020, plus any relations given.
 */
export const recordOf = (
  actors: ReadonlyArray<SupervisionCase.Actor>,
  relations: ReadonlyArray<Kinship.Relation> = []
): { readonly organisation: Organisation.OrganisationInput; readonly roster: Cadre.Roster } => {
  const counties = new Map<string, Organisation.County>()
  const towns = new Map<string, Organisation.Town>()
  const appointments: Array<Cadre.Appointment> = []
  for (const a of actors) {
    const j = a.jurisdiction
    counties.set(j.county, { id: j.county, name: `县 ${j.county}` })
    if (j.level === "town") towns.set(j.town, { id: j.town, countyId: j.county, name: `镇 ${j.town}` })
    for (const post of a.posts) {
      appointments.push({
        cadreId: a.id,
        post,
        unit: j.level === "town" ? Cadre.town(j.town) : Cadre.county(j.county),
        term: { start: d("2020-01-01") }
      })
    }
  }
  return {
    organisation: { counties: [...counties.values()], towns: [...towns.values()], villages: [] },
    roster: {
      cadres: [...new Map(actors.map((a) => [a.id, { id: a.id, name: a.id }])).values()],
      appointments,
      relations
    }
  }
}

/** Stores {@link recordOf} the given actors (default: the four above). */
export const seedRecord = (
  actors: ReadonlyArray<SupervisionCase.Actor> = [townSecretary, townMember, countyOfficer, otherTownSecretary],
  relations: ReadonlyArray<Kinship.Relation> = []
) => {
  const { organisation, roster } = recordOf(actors, relations)
  return Effect.zipRight(
    OrgStore.saveOrganisation(organisation, { actor: "org-clerk" }),
    OrgStore.saveRoster(roster, { actor: "org-clerk" })
  )
}

export const register = (
  overrides: Partial<Extract<SupervisionCase.Command, { _tag: "RegisterLead" }>> = {}
): SupervisionCase.Command => ({
  _tag: "RegisterLead",
  caseId,
  county,
  town,
  subject: { cadre: subjectCadre, category: "villageCadre" },
  source: { _tag: "DailySupervision" },
  ...overrides
})

/** Runs commands from a state, failing the test on any error. */
export const run = (
  steps: ReadonlyArray<readonly [SupervisionCase.Command, string, SupervisionCase.Actor?]>,
  from: SupervisionCase.State = SupervisionCase.initial
): { readonly state: SupervisionCase.State; readonly events: ReadonlyArray<SupervisionCase.Event> } => {
  let state = from
  const events: Array<SupervisionCase.Event> = []
  for (const [command, now, actor] of steps) {
    const r = SupervisionCase.handle(state, command, ctx(now, actor ?? townSecretary))
    if (Either.isLeft(r)) throw new Error(`${command._tag} on ${now} failed: ${r.left.message}`)
    state = r.right.state
    events.push(...r.right.events)
  }
  return { state, events }
}

type Step = readonly [SupervisionCase.Command, string, SupervisionCase.Actor?]

const c = <T extends SupervisionCase.CommandTag>(
  cmd: Extract<SupervisionCase.Command, { _tag: T }>
): SupervisionCase.Command => cmd

/** Recipes that reach each stage (dates in 2026, inside the built-in calendar). */
export const recipes: Readonly<Record<SupervisionCase.Stage, ReadonlyArray<Step>>> = (() => {
  const lead: Array<Step> = [[register(), "2026-03-02"]]
  const inquiry: Array<Step> = [...lead, [c({ _tag: "DisposeLead", way: "letterInquiry" }), "2026-03-05"]]
  const check: Array<Step> = [...lead, [c({ _tag: "DisposeLead", way: "preliminaryCheck" }), "2026-03-05"]]
  const held: Array<Step> = [...lead, [c({ _tag: "DisposeLead", way: "hold" }), "2026-03-05"]]
  const investigation: Array<Step> = [...check, [c({ _tag: "ConcludeInquiry", outcome: "fileCase" }), "2026-04-01"]]
  const review: Array<Step> = [...investigation, [c({ _tag: "SubmitForReview" }), "2026-06-01"]]
  const decided: Array<Step> = [
    ...review,
    [c({ _tag: "Decide", measures: [{ measure: "partyWarning" }] }), "2026-06-15"]
  ]
  const execution: Array<Step> = [...decided, [c({ _tag: "ServeDecision" }), "2026-06-20"]]
  const reexamination: Array<Step> = [...execution, [c({ _tag: "ApplyReexamination" }), "2026-07-01"]]
  const recheck: Array<Step> = [
    ...reexamination,
    [c({ _tag: "DecideReexamination", outcome: "upheld" }), "2026-07-10"],
    [c({ _tag: "ApplyRecheck" }), "2026-07-20"]
  ]
  const closed: Array<Step> = [...lead, [c({ _tag: "DisposeLead", way: "close" }), "2026-03-05"]]
  return {
    none: [],
    leadRegistered: lead,
    inquiry,
    preliminaryCheck: check,
    held,
    investigation,
    review,
    decided,
    execution,
    reexamination,
    recheck,
    closed
  }
})()

/** The date of the last step of a recipe (or the start). */
export const lastDate = (stage: SupervisionCase.Stage): string => recipes[stage].at(-1)?.[1] ?? "2026-03-01"

export const reach = (stage: SupervisionCase.Stage) => run(recipes[stage])

/** A valid command for each (command, variant) of the machine. */
export const sample = (tag: SupervisionCase.CommandTag, variant = "*"): SupervisionCase.Command => {
  switch (tag) {
    case "RegisterLead":
      return register()
    case "DisposeLead":
      return { _tag: tag, way: variant === "*" ? "preliminaryCheck" : (variant as "hold") }
    case "RecordInquiryReply":
    case "Reactivate":
    case "Suspend":
    case "Resume":
    case "SubmitForReview":
    case "ServeDecision":
    case "ApplyReexamination":
    case "ApplyRecheck":
    case "WaiveAppeal":
    case "CloseCase":
      return { _tag: tag }
    case "ConcludeInquiry":
      return { _tag: tag, outcome: variant === "*" ? "fileCase" : (variant as "close") }
    case "Transfer":
      return { _tag: tag, to: "otherAuthority" }
    case "ExtendInvestigation":
      return { _tag: tag, days: 30 }
    case "ExtendReview":
      return { _tag: tag, until: d("2026-12-31") }
    case "Decide":
      return { _tag: tag, measures: [{ measure: "partySeriousWarning" }] }
    case "DecideReexamination":
    case "DecideRecheck":
      return { _tag: tag, outcome: "upheld" }
  }
}

/** The state in which a row's guards hold, starting from the recipe of `stage`. */
export const prepared = (tag: SupervisionCase.CommandTag, stage: SupervisionCase.Stage) => {
  if (tag === "Resume") {
    const base = reach(stage)
    return { ...run([[{ _tag: "Suspend" }, lastDate(stage)]], base.state), now: lastDate(stage) }
  }
  if (tag === "ApplyRecheck") {
    return {
      ...run([...recipes.reexamination, [{ _tag: "DecideReexamination", outcome: "upheld" }, "2026-07-10"]]),
      now: "2026-07-20"
    }
  }
  if (tag === "CloseCase" && stage === "execution") {
    // The 复审 application window (served 06-20) has passed.
    return { ...reach(stage), now: "2026-07-21" }
  }
  return { ...reach(stage), now: lastDate(stage) }
}

export const actorFor = (tag: SupervisionCase.CommandTag): SupervisionCase.Actor =>
  tag === "DecideRecheck" ? countyOfficer : townSecretary
