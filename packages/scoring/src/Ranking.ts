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

// Comparison by index over precomputed keys: score, then the tie-break components.
const indexComparator = (body: Rubric.RubricBody, entries: ReadonlyArray<Entry>) => {
  const width = 1 + body.tieBreak.length
  const keys = new Float64Array(entries.length * width)
  for (let i = 0; i < entries.length; i++) {
    const s = entries[i]!.scored
    keys[i * width] = s.score
    for (let k = 0; k < body.tieBreak.length; k++) keys[i * width + 1 + k] = s.components[body.tieBreak[k]!] ?? 0
  }
  return (i: number, j: number): number => {
    const a = i * width
    const b = j * width
    for (let k = 0; k < width; k++) {
      const d = keys[b + k]! - keys[a + k]!
      if (d !== 0) return d
    }
    return 0
  }
}

interface Groups {
  /** Each town's members, best first. */
  readonly towns: ReadonlyArray<ReadonlyArray<number>>
  /** Each village's members, best first. */
  readonly villages: ReadonlyArray<ReadonlyArray<number>>
}

const groupsOf = (entries: ReadonlyArray<Entry>, cmp: (i: number, j: number) => number): Groups => {
  const byTown = new Map<string, Map<string, Array<number>>>()
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!
    let villages = byTown.get(e.town)
    if (villages === undefined) byTown.set(e.town, villages = new Map())
    const v = villages.get(e.village)
    if (v === undefined) villages.set(e.village, [i])
    else v.push(i)
  }
  const towns: Array<Array<number>> = []
  const villages: Array<Array<number>> = []
  for (const vs of byTown.values()) {
    const t: Array<number> = []
    for (const v of vs.values()) {
      v.sort(cmp)
      villages.push(v)
      for (const i of v) t.push(i)
    }
    t.sort(cmp)
    towns.push(t)
  }
  return { towns, villages }
}

const quotasOn = (
  body: Rubric.RubricBody,
  groups: Groups,
  cmp: (i: number, j: number) => number,
  g: Array<number>,
  vetoed: ReadonlyArray<boolean>,
  promoted: Set<number>,
  demoted: Set<number>
): void => {
  const lowest = body.grades.length - 1
  for (const q of body.quotas) {
    const target = Rubric.gradeIndex(body, q.grade)
    for (const sorted of q.scope === "town" ? groups.towns : groups.villages) {
      if (q.atLeastPercent !== undefined) {
        const need = quotaCount(sorted.length, q.atLeastPercent, q.rounding)
        let have = 0
        for (const i of sorted) if (g[i]! <= target) have++
        let last = -1
        for (const i of sorted) {
          if (g[i]! <= target || vetoed[i]) continue
          const tiedWithLast = last >= 0 && cmp(last, i) === 0
          if (have >= need && !tiedWithLast) break
          g[i] = target
          promoted.add(i)
          demoted.delete(i)
          have++
          last = i
        }
      }
      if (q.atMostPercent !== undefined && target < lowest) {
        const cap = quotaCount(sorted.length, q.atMostPercent, q.rounding)
        const holders: Array<number> = []
        for (const i of sorted) if (g[i] === target) holders.push(i)
        if (holders.length > cap) {
          // Keep the first `cap`, less any tied with the first one cut.
          let keep = cap
          const firstCut = holders[cap]!
          while (keep > 0 && cmp(holders[keep - 1]!, firstCut) === 0) keep--
          for (let k = keep; k < holders.length; k++) {
            const i = holders[k]!
            g[i] = target + 1
            demoted.add(i)
            promoted.delete(i)
          }
        }
      }
    }
  }
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
  const cmp = indexComparator(body, entries)
  const g = [...grades]
  const promoted = new Set<number>()
  const demoted = new Set<number>()
  quotasOn(body, groupsOf(entries, cmp), cmp, g, vetoed, promoted, demoted)
  return { grades: g, promoted, demoted }
}

const NEW: Trend = { direction: "new", delta: 0 }
const SAME: Trend = { direction: "same", delta: 0 }

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
  const n = entries.length
  const cmp = indexComparator(body, entries)
  const groups = groupsOf(entries, cmp)
  const bands = new Array<number>(n)
  const g = new Array<number>(n)
  const vetoed = new Array<boolean>(n)
  for (let i = 0; i < n; i++) {
    const s = entries[i]!.scored
    let band = body.grades.length - 1
    for (let k = 0; k < body.grades.length; k++) {
      if (s.score >= body.grades[k]!.min) {
        band = k
        break
      }
    }
    bands[i] = band
    let worst = band
    for (const v of s.vetoes) worst = Math.max(worst, Rubric.gradeIndex(body, v.grade))
    g[i] = worst
    vetoed[i] = s.vetoes.length > 0
  }
  const withVeto = [...g]
  const promoted = new Set<number>()
  const demoted = new Set<number>()
  quotasOn(body, groups, cmp, g, vetoed, promoted, demoted)
  const villageRanks = new Array<number>(n)
  const villageSizes = new Array<number>(n)
  const townRanks = new Array<number>(n)
  const townSizes = new Array<number>(n)
  const villageWorst = new Array<number>(n)
  const townWorst = new Array<number>(n)
  for (const [list, ranks, sizes, worst] of [
    [groups.villages, villageRanks, villageSizes, villageWorst],
    [groups.towns, townRanks, townSizes, townWorst]
  ] as const) {
    for (const sorted of list) {
      let r = 0
      for (let k = 0; k < sorted.length; k++) {
        const i = sorted[k]!
        r = k > 0 && cmp(sorted[k - 1]!, i) === 0 ? r : k + 1
        ranks[i] = r
        sizes[i] = sorted.length
      }
      for (const i of sorted) worst[i] = r
    }
  }
  const out = new Array<Ranked>(n)
  for (let i = 0; i < n; i++) {
    const e = entries[i]!
    const before = previous?.get(e.scored.subject)
    const townRank = townRanks[i]!
    const trend: Trend = before === undefined
      ? NEW
      : before.townRank > townRank
      ? { direction: "up", delta: before.townRank - townRank }
      : before.townRank < townRank
      ? { direction: "down", delta: townRank - before.townRank }
      : SAME
    const basis: GradeBasis = promoted.has(i)
      ? "quotaPromoted"
      : demoted.has(i)
      ? "quotaDemoted"
      : withVeto[i] !== bands[i]
      ? "veto"
      : "band"
    out[i] = {
      subject: e.scored.subject,
      village: e.village,
      town: e.town,
      score: e.scored.score,
      bandGrade: body.grades[bands[i]!]!.grade,
      grade: body.grades[Math.min(g[i]!, body.grades.length - 1)]!.grade,
      basis,
      villageRank: villageRanks[i]!,
      villageSize: villageSizes[i]!,
      townRank,
      townSize: townSizes[i]!,
      lastInVillage: villageRanks[i] === villageWorst[i],
      lastInTown: townRank === townWorst[i],
      trend
    }
  }
  return out
}
