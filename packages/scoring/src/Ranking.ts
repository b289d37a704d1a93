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
 * @example
 * ```ts
 * import { Ranking } from "@qinglian/scoring"
 *
 * // Competition ranks ("1224"): equal scores share a rank, the next rank skips.
 * console.log(Ranking.competitionRanks([9000, 8500, 8500, 7000], (a, b) => b - a)) // [1, 2, 2, 4]
 * // How many of 17 cadres a 30% quota admits, rounded down.
 * console.log(Ranking.quotaCount(17, 3000, "down")) // 5
 * ```
 *
 * @packageDocumentation
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

// Comparison by index over packed keys: score, then the tie-break components (`width` per cadre).
// Only the sign of the result is used.
const comparator = (keys: Float64Array, width: number): ((i: number, j: number) => number) => {
  const folded = width === 1 ? keys : fold(keys, width)
  if (folded !== undefined) return (i, j) => folded[j]! - folded[i]!
  return (i, j) => {
    const a = i * width
    const b = j * width
    for (let k = 0; k < width; k++) {
      const d = keys[b + k]! - keys[a + k]!
      if (d !== 0) return d
    }
    return 0
  }
}

// Folds each cadre's keys into one number that orders the same way, exactly: the columns as digits
// of a mixed-radix number, score most significant, each digit its value less the column's least.
// Possible when every key is a whole number and the columns' ranges multiply to a safe integer
// (for 0–100.00 scores and components, about 10^12). Ranking a province compares cadres some two
// million times, and one subtraction is cheaper than a loop over the columns. `undefined` when the
// keys do not fold.
const fold = (keys: Float64Array, width: number): Float64Array | undefined => {
  const n = keys.length / width
  const least = new Float64Array(width).fill(Infinity)
  const most = new Float64Array(width).fill(-Infinity)
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < width; k++) {
      const x = keys[i * width + k]!
      if (!Number.isInteger(x)) return undefined
      if (x < least[k]!) least[k] = x
      if (x > most[k]!) most[k] = x
    }
  }
  const radix = new Float64Array(width)
  let span = 1
  for (let k = 0; k < width; k++) {
    radix[k] = n === 0 ? 1 : most[k]! - least[k]! + 1
    span *= radix[k]!
  }
  if (!(span <= Number.MAX_SAFE_INTEGER)) return undefined
  const folded = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    let v = 0
    for (let k = 0; k < width; k++) v = v * radix[k]! + (keys[i * width + k]! - least[k]!)
    folded[i] = v
  }
  return folded
}

const keysOfEntries = (body: Rubric.RubricBody, entries: ReadonlyArray<Entry>) => {
  const width = 1 + body.tieBreak.length
  const keys = new Float64Array(entries.length * width)
  for (let i = 0; i < entries.length; i++) {
    const s = entries[i]!.scored
    keys[i * width] = s.score
    for (let k = 0; k < body.tieBreak.length; k++) keys[i * width + 1 + k] = s.components[body.tieBreak[k]!] ?? 0
  }
  return { keys, width }
}

// A partition of the cadres into groups, in one typed array: group `g`'s members, best first, are
// `members[start[g]]` up to `members[start[g + 1]]` (exclusive). A province has 20,000 villages:
// one array with offsets costs the garbage collector nothing, where 20,000 small arrays cost it a
// scan every week.
interface Partition {
  readonly members: Int32Array
  readonly start: Int32Array
}

interface Groups {
  readonly towns: Partition
  readonly villages: Partition
  /** Town `t`'s villages are villages `townVillages[t]` up to `townVillages[t + 1]` (exclusive). */
  readonly townVillages: Int32Array
}

interface TownIds {
  readonly id: number
  readonly villages: Map<string, number>
}

const groupsOf = (
  n: number,
  villageOf: (i: number) => string,
  townOf: (i: number) => string,
  cmp: (i: number, j: number) => number
): Groups => {
  // Number the towns, and the villages (named within their town), in the order first seen.
  // Cadres usually come town by town and village by village: look a group up only when it changes.
  const byTown = new Map<string, TownIds>()
  const townOfVillage: Array<number> = []
  const villageOfCadre = new Int32Array(n)
  let lastTown: string | undefined
  let lastVillage: string | undefined
  let inTown: TownIds | undefined
  let v = -1
  for (let i = 0; i < n; i++) {
    const town = townOf(i)
    const village = villageOf(i)
    if (town !== lastTown || inTown === undefined) {
      inTown = byTown.get(town)
      if (inTown === undefined) byTown.set(town, inTown = { id: byTown.size, villages: new Map() })
      lastTown = town
      lastVillage = undefined
    }
    if (village !== lastVillage || v < 0) {
      const known = inTown.villages.get(village)
      if (known === undefined) {
        v = townOfVillage.length
        townOfVillage.push(inTown.id)
        inTown.villages.set(village, v)
      } else v = known
      lastVillage = village
    }
    villageOfCadre[i] = v
  }
  const villages = townOfVillage.length
  const towns = byTown.size

  // Lay the villages out town by town, each town's in the order first seen: town `t` holds the
  // villages `townVillages[t]` up to `townVillages[t + 1]` of the layout.
  const townVillages = new Int32Array(towns + 1)
  for (let g = 0; g < villages; g++) townVillages[townOfVillage[g]! + 1]!++
  for (let t = 0; t < towns; t++) townVillages[t + 1]! += townVillages[t]!
  const place = townVillages.slice(0, towns)
  const slot = new Int32Array(villages)
  for (let g = 0; g < villages; g++) slot[g] = place[townOfVillage[g]!]!++
  // Then the cadres, by counting sort: each village's members stay in the order given.
  for (let i = 0; i < n; i++) villageOfCadre[i] = slot[villageOfCadre[i]!]!
  const villageStart = new Int32Array(villages + 1)
  for (let i = 0; i < n; i++) villageStart[villageOfCadre[i]! + 1]!++
  for (let s = 0; s < villages; s++) villageStart[s + 1]! += villageStart[s]!
  const next = villageStart.slice(0, villages)
  const villageMembers = new Int32Array(n)
  for (let i = 0; i < n; i++) villageMembers[next[villageOfCadre[i]!]!++] = i
  for (let s = 0; s < villages; s++) sortRange(villageMembers, villageStart[s]!, villageStart[s + 1]!, cmp)

  // A town is its villages, each sorted already: merging them costs less than sorting afresh.
  const townStart = new Int32Array(towns + 1)
  for (let t = 0; t <= towns; t++) townStart[t] = villageStart[townVillages[t]!]!
  const townMembers = villageMembers.slice()
  const scratch = new Int32Array(n)
  for (let t = 0; t < towns; t++) mergeRuns(townMembers, scratch, villageStart, townVillages[t]!, townVillages[t + 1]!, cmp)
  return { towns: { members: townMembers, start: townStart }, villages: { members: villageMembers, start: villageStart }, townVillages }
}

// Villages hold a handful of cadres: an insertion sort beats a call into the built-in sort for
// each of tens of thousands of small groups. Larger groups go to the built-in sort (on a view of
// the range, so in place). Both are stable.
const sortRange = (a: Int32Array, lo: number, hi: number, cmp: (i: number, j: number) => number): void => {
  if (hi - lo > 16) {
    a.subarray(lo, hi).sort(cmp)
    return
  }
  for (let k = lo + 1; k < hi; k++) {
    const x = a[k]!
    let j = k - 1
    while (j >= lo && cmp(a[j]!, x) > 0) {
      a[j + 1] = a[j]!
      j--
    }
    a[j + 1] = x
  }
}

// Merges the sorted runs `first` up to `last` (exclusive) of `a` into one sorted range, in place,
// with `scratch` (as long as `a`) to merge into; run `r` is `a[starts[r]]` up to `a[starts[r + 1]]`.
// Pairwise and stable: on a tie the earlier run's member comes first, so the result is what a
// stable sort of the range gives.
const mergeRuns = (
  a: Int32Array,
  scratch: Int32Array,
  starts: Int32Array,
  first: number,
  last: number,
  cmp: (i: number, j: number) => number
): void => {
  const runs = last - first
  const end = starts[last]!
  let src = a
  let dst = scratch
  for (let width = 1; width < runs; width *= 2) {
    for (let r = 0; r < runs; r += 2 * width) {
      const lo = starts[first + r]!
      const mid = r + width < runs ? starts[first + r + width]! : end
      const hi = r + 2 * width < runs ? starts[first + r + 2 * width]! : end
      let i = lo
      let j = mid
      let k = lo
      while (i < mid && j < hi) dst[k++] = cmp(src[i]!, src[j]!) <= 0 ? src[i++]! : src[j++]!
      while (i < mid) dst[k++] = src[i++]!
      while (j < hi) dst[k++] = src[j++]!
    }
    const swap = src
    src = dst
    dst = swap
  }
  if (src !== a) a.set(src.subarray(starts[first]!, end), starts[first]!)
}

const PROMOTED = 1
const DEMOTED = 2

// Applies the quotas to town `t` and its villages, in place on grade indexes `g`; `moved[i]`
// records promotions and demotions. Towns (and villages) do not share cadres, so applying every
// quota town by town gives what applying each quota to every town in turn gives.
const quotasOnTown = (
  body: Rubric.RubricBody,
  groups: Groups,
  t: number,
  cmp: (i: number, j: number) => number,
  g: Int16Array,
  vetoed: (i: number) => boolean,
  moved: Uint8Array
): void => {
  for (const q of body.quotas) {
    const target = Rubric.gradeIndex(body, q.grade)
    if (q.scope === "town") {
      const { members, start } = groups.towns
      quotaOn(body, q, target, members, start[t]!, start[t + 1]!, cmp, g, vetoed, moved)
    } else {
      const { members, start } = groups.villages
      for (let v = groups.townVillages[t]!; v < groups.townVillages[t + 1]!; v++) {
        quotaOn(body, q, target, members, start[v]!, start[v + 1]!, cmp, g, vetoed, moved)
      }
    }
  }
}

// Applies one quota to one group, `members[lo]` up to `members[hi]` (best first).
const quotaOn = (
  body: Rubric.RubricBody,
  q: Rubric.Quota,
  target: number,
  members: Int32Array,
  lo: number,
  hi: number,
  cmp: (i: number, j: number) => number,
  g: Int16Array,
  vetoed: (i: number) => boolean,
  moved: Uint8Array
): void => {
  if (q.atLeastPercent !== undefined) {
    const need = quotaCount(hi - lo, q.atLeastPercent, q.rounding)
    let have = 0
    for (let k = lo; k < hi; k++) if (g[members[k]!]! <= target) have++
    let last = -1
    for (let k = lo; k < hi; k++) {
      const i = members[k]!
      if (g[i]! <= target || vetoed(i)) continue
      const tiedWithLast = last >= 0 && cmp(last, i) === 0
      if (have >= need && !tiedWithLast) break
      g[i] = target
      moved[i] = PROMOTED
      have++
      last = i
    }
  }
  if (q.atMostPercent !== undefined && target < body.grades.length - 1) {
    const cap = quotaCount(hi - lo, q.atMostPercent, q.rounding)
    // The holders in rank order; past the first `cap` they move down, and so do those tied with
    // the first one cut (ties sit next to each other in rank order).
    let holders = 0
    let firstCut = -1
    for (let k = lo; k < hi; k++) {
      const i = members[k]!
      if (g[i] !== target) continue
      if (holders === cap) firstCut = i
      holders++
    }
    if (firstCut < 0) return
    let seen = 0
    for (let k = lo; k < hi; k++) {
      const i = members[k]!
      if (g[i] !== target) continue
      if (seen >= cap || cmp(i, firstCut) === 0) {
        g[i] = target + 1
        moved[i] = DEMOTED
      }
      seen++
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
  const { keys, width } = keysOfEntries(body, entries)
  const cmp = comparator(keys, width)
  const g = Int16Array.from(grades)
  const moved = new Uint8Array(entries.length)
  const groups = groupsOf(entries.length, (i) => entries[i]!.village, (i) => entries[i]!.town, cmp)
  const isVetoed = (i: number) => vetoed[i] === true
  for (let t = 0; t + 1 < groups.towns.start.length; t++) quotasOnTown(body, groups, t, cmp, g, isVetoed, moved)
  const promoted = new Set<number>()
  const demoted = new Set<number>()
  moved.forEach((m, i) => (m === PROMOTED ? promoted.add(i) : m === DEMOTED ? demoted.add(i) : undefined))
  return { grades: Array.from(g), promoted, demoted }
}

const BASIS: ReadonlyArray<GradeBasis> = ["band", "veto", "quotaPromoted", "quotaDemoted"]
const DIRECTIONS: ReadonlyArray<Trend["direction"]> = ["new", "same", "up", "down"]
const NEW: Trend = { direction: "new", delta: 0 }
const SAME: Trend = { direction: "same", delta: 0 }

/**
 * A group graded and ranked, in columns: what a province's week needs. {@link RankedBatch.ranked}
 * gives cadre `i`'s {@link Ranked}, identical to {@link rank}'s, on demand.
 *
 * @since 0.1.0
 * @category models
 */
export interface RankedBatch {
  readonly size: number
  /** Grade indexes (0 = best): from the band, and in the end. */
  readonly bandGrade: Int16Array
  readonly grade: Int16Array
  /** Index into `band`, `veto`, `quotaPromoted`, `quotaDemoted`. */
  readonly basis: Uint8Array
  readonly villageRank: Int32Array
  readonly villageSize: Int32Array
  readonly townRank: Int32Array
  readonly townSize: Int32Array
  readonly lastInVillage: Uint8Array
  readonly lastInTown: Uint8Array
  /** Index into `new`, `same`, `up`, `down`, and the places moved. */
  readonly trendDirection: Uint8Array
  readonly trendDelta: Int32Array
  readonly ranked: (i: number) => Ranked
}

type Columns = Omit<RankedBatch, "ranked">

// Grades and ranks town `t` and its villages, writing into `c`. The work is done town by town, in
// a function called a thousand times a week: V8 optimizes such a function early and keeps it,
// where a loop over a whole province in a function called once a week runs unoptimized until
// on-stack replacement catches up, in each of a process's first weeks.
const settleTown = (
  body: Rubric.RubricBody,
  groups: Groups,
  t: number,
  cmp: (i: number, j: number) => number,
  keys: Float64Array,
  width: number,
  mins: Float64Array,
  vetoGrade: (i: number) => number,
  vetoed: (i: number) => boolean,
  moved: Uint8Array,
  c: Columns
): void => {
  const { members, start } = groups.towns
  const lo = start[t]!
  const hi = start[t + 1]!
  for (let k = lo; k < hi; k++) {
    const i = members[k]!
    const score = keys[i * width]!
    let band = mins.length - 1
    for (let b = 0; b < mins.length; b++) {
      if (score >= mins[b]!) {
        band = b
        break
      }
    }
    c.bandGrade[i] = band
    const v = vetoGrade(i)
    c.grade[i] = v > band ? v : band
    c.basis[i] = v > band ? 1 : 0
  }
  quotasOnTown(body, groups, t, cmp, c.grade, vetoed, moved)
  for (let k = lo; k < hi; k++) {
    const i = members[k]!
    if (moved[i] !== 0) c.basis[i] = moved[i] === PROMOTED ? 2 : 3
  }
  rankGroup(members, lo, hi, cmp, c.townRank, c.townSize, c.lastInTown)
  const villages = groups.villages
  for (let v = groups.townVillages[t]!; v < groups.townVillages[t + 1]!; v++) {
    rankGroup(villages.members, villages.start[v]!, villages.start[v + 1]!, cmp, c.villageRank, c.villageSize, c.lastInVillage)
  }
}

// Competition ranks within one group, `members[lo]` up to `members[hi]` (best first), its size,
// and who is last (ties included).
const rankGroup = (
  members: Int32Array,
  lo: number,
  hi: number,
  cmp: (i: number, j: number) => number,
  ranks: Int32Array,
  sizes: Int32Array,
  last: Uint8Array
): void => {
  let r = 0
  for (let k = lo; k < hi; k++) {
    const i = members[k]!
    r = k > lo && cmp(members[k - 1]!, i) === 0 ? r : k - lo + 1
    ranks[i] = r
    sizes[i] = hi - lo
  }
  for (let k = lo; k < hi; k++) last[members[k]!] = ranks[members[k]!] === r ? 1 : 0
}

const rankCore = (
  body: Rubric.RubricBody,
  n: number,
  keys: Float64Array,
  width: number,
  vetoGrade: (i: number) => number,
  villageOf: (i: number) => string,
  townOf: (i: number) => string,
  subjectOf: (i: number) => string,
  previous: ReadonlyMap<string, { readonly townRank: number }> | undefined
): Columns => {
  const cmp = comparator(keys, width)
  const groups = groupsOf(n, villageOf, townOf, cmp)
  const c: Columns = {
    size: n,
    bandGrade: new Int16Array(n),
    grade: new Int16Array(n),
    basis: new Uint8Array(n),
    villageRank: new Int32Array(n),
    villageSize: new Int32Array(n),
    townRank: new Int32Array(n),
    townSize: new Int32Array(n),
    lastInVillage: new Uint8Array(n),
    lastInTown: new Uint8Array(n),
    trendDirection: new Uint8Array(n),
    trendDelta: new Int32Array(n)
  }
  // Typed rather than `grades.map(...)`: an array from `map` may come with a different elements kind
  // from one call to the next, and each change throws away the optimized code that reads it.
  const mins = Float64Array.from(body.grades, (x) => x.min)
  const vetoed = (i: number) => vetoGrade(i) >= 0
  const moved = new Uint8Array(n)
  for (let t = 0; t + 1 < groups.towns.start.length; t++) settleTown(body, groups, t, cmp, keys, width, mins, vetoGrade, vetoed, moved, c)
  if (previous !== undefined) {
    for (let i = 0; i < n; i++) {
      const before = previous.get(subjectOf(i))
      if (before === undefined) continue
      const d = before.townRank - c.townRank[i]!
      c.trendDirection[i] = d > 0 ? 2 : d < 0 ? 3 : 1
      c.trendDelta[i] = Math.abs(d)
    }
  }
  return c
}

const rankedAt = (body: Rubric.RubricBody, c: Columns, i: number, subject: string, village: string, town: string, score: number): Ranked => {
  const dir = c.trendDirection[i]!
  return {
    subject,
    village,
    town,
    score,
    bandGrade: body.grades[c.bandGrade[i]!]!.grade,
    grade: body.grades[Math.min(c.grade[i]!, body.grades.length - 1)]!.grade,
    basis: BASIS[c.basis[i]!]!,
    villageRank: c.villageRank[i]!,
    villageSize: c.villageSize[i]!,
    townRank: c.townRank[i]!,
    townSize: c.townSize[i]!,
    lastInVillage: c.lastInVillage[i] === 1,
    lastInTown: c.lastInTown[i] === 1,
    trend: dir === 0 ? NEW : dir === 1 ? SAME : { direction: DIRECTIONS[dir]!, delta: c.trendDelta[i]! }
  }
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
  const { keys, width } = keysOfEntries(body, entries)
  const vetoGrade = (i: number) => {
    let worst = -1
    for (const v of entries[i]!.scored.vetoes) worst = Math.max(worst, Rubric.gradeIndex(body, v.grade))
    return worst
  }
  const c = rankCore(body, entries.length, keys, width, vetoGrade, (i) => entries[i]!.village, (i) => entries[i]!.town, (i) => entries[i]!.scored.subject, previous)
  return entries.map((e, i) => rankedAt(body, c, i, e.scored.subject, e.village, e.town, e.scored.score))
}

/**
 * Grades and ranks a {@link Rubric.Batch}: the same rules and results as {@link rank}, kept in
 * columns. `villages[i]` and `towns[i]` place cadre `i`; `subjects[i]` names it for the trend.
 *
 * @since 0.1.0
 * @category ranking
 */
export const rankBatch = (
  batch: Rubric.Batch,
  where: { readonly villages: ReadonlyArray<string>; readonly towns: ReadonlyArray<string>; readonly subjects?: ReadonlyArray<string> | undefined },
  previous?: ReadonlyMap<string, { readonly townRank: number }>
): RankedBatch => {
  const body = batch.edition.rubric
  const width = 1 + body.tieBreak.length
  const keys = new Float64Array(batch.size * width)
  const compWidth = body.components.length
  const tie = Int32Array.from(body.tieBreak, (t) => body.components.findIndex((c) => c.id === t))
  for (let i = 0; i < batch.size; i++) {
    keys[i * width] = batch.scores[i]!
    for (let k = 0; k < tie.length; k++) keys[i * width + 1 + k] = batch.components[i * compWidth + tie[k]!]!
  }
  const subjectOf = (i: number) => where.subjects?.[i] ?? batch.scored(i).subject
  const c = rankCore(body, batch.size, keys, width, (i) => batch.vetoGrade[i]!, (i) => where.villages[i]!, (i) => where.towns[i]!, subjectOf, previous)
  return { ...c, ranked: (i) => rankedAt(body, c, i, subjectOf(i), where.villages[i]!, where.towns[i]!, batch.scores[i]!) }
}
