/**
 * Grades, quotas and ranks over a group of scored cadres.
 *
 * **Order.** Cadres are compared by score, then by the rubric's `tieBreak` components in order,
 * higher first. Cadres equal on all of them are tied.
 *
 * **Ranks** are competition ranks (1, 2, 2, 4): a cadre's rank is one more than the number of
 * cadres strictly ahead. They are computed within each village and within each town.
 *
 * **Grades** come from the bands (lower bounds inclusive), then vetoes force their grade (the worst
 * of several), then quotas adjust, group by group (town or village, as the quota says):
 *
 * - at least p%: `need = round(n × p%)` with the quota's rounding; while fewer than `need` hold the
 *   grade or better, the best-ranked cadre below it (not vetoed) is promoted. A cadre tied with the
 *   last one promoted is promoted too: the floor may be exceeded, never missed by an arbitrary
 *   choice between equals.
 * - at most p%: `cap = round(n × p%)`; while more than `cap` hold the grade, the worst-ranked of them
 *   moves down one band. Cadres tied at the cut all move down: the cap is never exceeded.
 *
 * The result never depends on the order the cadres are given in.
 *
 * @since 0.1.0
 */
import * as Points from "./Points.js"
import * as Rubric from "./Rubric.js"

/**
 * A scored cadre with where it sits: its village and town.
 *
 * @since 0.1.0
 * @category models
 */
export interface Entry {
  readonly scored: Rubric.Scored
  readonly village: string
  readonly town: string
}

/**
 * How a cadre's grade was reached.
 *
 * @since 0.1.0
 * @category models
 */
export type GradeBasis = "band" | "veto" | "quotaPromoted" | "quotaDemoted"

/**
 * Movement against the previous ranking: `up`/`down` by `delta` places, `same`, or `new` (not
 * ranked last time).
 *
 * @since 0.1.0
 * @category models
 */
export interface Trend {
  readonly direction: "up" | "down" | "same" | "new"
  readonly delta: number
}

/**
 * A graded and ranked cadre.
 *
 * @since 0.1.0
 * @category models
 */
export interface Ranked {
  readonly subject: string
  readonly village: string
  readonly town: string
  readonly score: Points.Hundredths
  readonly bandGrade: string
  readonly grade: string
  readonly basis: GradeBasis
  readonly villageRank: number
  readonly villageSize: number
  readonly townRank: number
  readonly townSize: number
  /** No cadre of the village is ranked behind this one (末位, ties included). */
  readonly lastInVillage: boolean
  /** No cadre of the town is ranked behind this one (末位, ties included). */
  readonly lastInTown: boolean
  readonly trend: Trend
}

/**
 * Compares two scored cadres: negative when `a` is ahead. Score, then the tie-break components.
 *
 * @since 0.1.0
 * @category ordering
 */
export const compare = (body: Rubric.RubricBody) => (a: Rubric.Scored, b: Rubric.Scored): number => {
  if (a.score !== b.score) return b.score - a.score
  for (const c of body.tieBreak) {
    const x = a.components[c] ?? 0
    const y = b.components[c] ?? 0
    if (x !== y) return y - x
  }
  return 0
}

/**
 * Competition ranks (1, 2, 2, 4) of `items` under `cmp`, in the order given: rank = 1 + the number
 * of items strictly ahead.
 *
 * @since 0.1.0
 * @category ordering
 */
export const competitionRanks = <A>(items: ReadonlyArray<A>, cmp: (a: A, b: A) => number): ReadonlyArray<number> => {
  const order = items.map((_, i) => i).sort((i, j) => cmp(items[i]!, items[j]!))
  const ranks = new Array<number>(items.length)
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!
    const prev = k > 0 ? order[k - 1]! : undefined
    ranks[i] = prev !== undefined && cmp(items[prev]!, items[i]!) === 0 ? ranks[prev]! : k + 1
  }
  return ranks
}

/**
 * The count a share of a group comes to: `n × percent` (hundredths of a percent), rounded as the
 * quota says. 20% of 12 rounded up is 3; 30% of 12 rounded down is 3.
 *
 * @since 0.1.0
 * @category quotas
 */
export const quotaCount = (n: number, percent: number, rounding: Rubric.Quota["rounding"]): number => {
  const num = n * percent
  const den = 100 * Points.PER_POINT
  const q = Math.floor(num / den)
  const r = num - q * den
  return rounding === "down" ? q : rounding === "up" ? (r > 0 ? q + 1 : q) : 2 * r >= den ? q + 1 : q
}

const groupBy = <A>(items: ReadonlyArray<A>, key: (a: A) => string): Map<string, Array<number>> => {
  const m = new Map<string, Array<number>>()
  items.forEach((a, i) => {
    const k = key(a)
    const g = m.get(k)
    if (g === undefined) m.set(k, [i])
    else g.push(i)
  })
  return m
}

/**
 * Applies the quotas to grades already set from bands and vetoes. `grades[i]` is the grade index
 * (0 = best) of `entries[i]`; returns the new indexes and how each was reached.
 *
 * @since 0.1.0
 * @category quotas
 */
export const applyQuotas = (
  body: Rubric.RubricBody,
  entries: ReadonlyArray<Entry>,
  grades: ReadonlyArray<number>,
  vetoed: ReadonlyArray<boolean>
): { readonly grades: ReadonlyArray<number>; readonly promoted: ReadonlySet<number>; readonly demoted: ReadonlySet<number> } => {
  const g = [...grades]
  const promoted = new Set<number>()
  const demoted = new Set<number>()
  const cmp = compare(body)
  const lowest = body.grades.length - 1
  for (const q of body.quotas) {
    const target = Rubric.gradeIndex(body, q.grade)
    const groups = groupBy(entries, (e) => (q.scope === "town" ? e.town : `${e.town}\u001f${e.village}`))
    for (const members of groups.values()) {
      const sorted = [...members].sort((i, j) => cmp(entries[i]!.scored, entries[j]!.scored) || 0)
      if (q.atLeastPercent !== undefined) {
        const need = quotaCount(members.length, q.atLeastPercent, q.rounding)
        let have = members.filter((i) => g[i]! <= target).length
        let last: number | undefined
        for (const i of sorted) {
          if (g[i]! <= target || vetoed[i]) continue
          const tiedWithLast = last !== undefined && cmp(entries[last]!.scored, entries[i]!.scored) === 0
          if (have >= need && !tiedWithLast) break
          g[i] = target
          promoted.add(i)
          demoted.delete(i)
          have++
          last = i
        }
      }
      if (q.atMostPercent !== undefined && target < lowest) {
        const cap = quotaCount(members.length, q.atMostPercent, q.rounding)
        const holders = sorted.filter((i) => g[i] === target)
        if (holders.length > cap) {
          // Keep the first `cap`, less any tied with the first one cut.
          let keep = cap
          const firstCut = holders[cap]!
          while (keep > 0 && cmp(entries[holders[keep - 1]!]!.scored, entries[firstCut]!.scored) === 0) keep--
          for (const i of holders.slice(keep)) {
            g[i] = target + 1
            demoted.add(i)
            promoted.delete(i)
          }
        }
      }
    }
  }
  return { grades: g, promoted, demoted }
}

/**
 * Grades and ranks a group of scored cadres: bands, vetoes, quotas, competition ranks within
 * village and town, and the trend against `previous` (last week's ranking, by subject).
 *
 * @since 0.1.0
 * @category ranking
 */
export const rank = (
  body: Rubric.RubricBody,
  entries: ReadonlyArray<Entry>,
  previous?: ReadonlyMap<string, { readonly townRank: number }>
): ReadonlyArray<Ranked> => {
  const cmp = compare(body)
  const bands = entries.map((e) => Rubric.gradeIndex(body, Rubric.bandOf(body, e.scored.score).grade))
  const vetoed = entries.map((e) => e.scored.vetoes.length > 0)
  const withVeto = entries.map((e, i) =>
    e.scored.vetoes.reduce((worst, v) => Math.max(worst, Rubric.gradeIndex(body, v.grade)), bands[i]!)
  )
  const { demoted, grades, promoted } = applyQuotas(body, entries, withVeto, vetoed)
  const villageRanks = new Array<number>(entries.length)
  const villageSizes = new Array<number>(entries.length)
  const townRanks = new Array<number>(entries.length)
  const townSizes = new Array<number>(entries.length)
  const villageWorst = new Array<number>(entries.length)
  const townWorst = new Array<number>(entries.length)
  for (const [key, target, sizes, worst] of [
    [(e: Entry) => `${e.town}\u001f${e.village}`, villageRanks, villageSizes, villageWorst],
    [(e: Entry) => e.town, townRanks, townSizes, townWorst]
  ] as const) {
    for (const members of groupBy(entries, key).values()) {
      const ranks = competitionRanks(members.map((i) => entries[i]!.scored), cmp)
      const max = ranks.reduce((m, r) => Math.max(m, r), 0)
      members.forEach((i, k) => {
        target[i] = ranks[k]!
        sizes[i] = members.length
        worst[i] = max
      })
    }
  }
  return entries.map((e, i): Ranked => {
    const before = previous?.get(e.scored.subject)
    const townRank = townRanks[i]!
    const trend: Trend = before === undefined
      ? { direction: "new", delta: 0 }
      : before.townRank > townRank
      ? { direction: "up", delta: before.townRank - townRank }
      : before.townRank < townRank
      ? { direction: "down", delta: townRank - before.townRank }
      : { direction: "same", delta: 0 }
    const basis: GradeBasis = promoted.has(i)
      ? "quotaPromoted"
      : demoted.has(i)
      ? "quotaDemoted"
      : withVeto[i] !== bands[i]
      ? "veto"
      : "band"
    return {
      subject: e.scored.subject,
      village: e.village,
      town: e.town,
      score: e.scored.score,
      bandGrade: body.grades[bands[i]!]!.grade,
      grade: body.grades[Math.min(grades[i]!, body.grades.length - 1)]!.grade,
      basis,
      villageRank: villageRanks[i]!,
      villageSize: villageSizes[i]!,
      townRank,
      townSize: townSizes[i]!,
      lastInVillage: villageRanks[i] === villageWorst[i],
      lastInTown: townRank === townWorst[i],
      trend
    }
  })
}
