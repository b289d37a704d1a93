/**
 * Posts (职务) at village, town and county level.
 *
 * @example
 * ```ts
 * import { Post } from "@qinglian/core"
 *
 * console.log(Post.labelZh.partySecretary) // "村党组织书记"
 * console.log(Post.twoCommitteesPosts.includes("committeeDirector")) // true: a member of the 两委
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * Village posts (村级职务).
 *
 * @since 0.1.0
 * @category schemas
 */
export const VillagePost = Schema.Literal(
  "partySecretary",
  "committeeDirector",
  "partyCommitteeMember",
  "villagersCommitteeMember",
  "supervisionCommitteeChair",
  "supervisionCommitteeMember",
  "disciplineMember",
  "supervisionLiaison",
  "bookkeeper",
  "clerk",
  "collectiveEconomyHead"
).annotations({ identifier: "VillagePost" })

/**
 * Town posts (镇级职务).
 *
 * @since 0.1.0
 * @category schemas
 */
export const TownPost = Schema.Literal(
  "townPartySecretary",
  "areaLeader",
  "villageContactCadre",
  "townDisciplineSecretary",
  "townDisciplineMember"
).annotations({ identifier: "TownPost" })

/**
 * County posts (县级职务).
 *
 * @since 0.1.0
 * @category schemas
 */
export const CountyPost = Schema.Literal("countyDisciplineOfficer").annotations({ identifier: "CountyPost" })

/**
 * Any post.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Post = Schema.Union(VillagePost, TownPost, CountyPost).annotations({ identifier: "Post" })

/**
 * @since 0.1.0
 * @category models
 */
export type Post = typeof Post.Type

/**
 * @since 0.1.0
 * @category models
 */
export type VillagePost = typeof VillagePost.Type

/**
 * @since 0.1.0
 * @category models
 */
export type TownPost = typeof TownPost.Type

/**
 * Chinese label of each post.
 *
 * @since 0.1.0
 * @category constants
 */
export const labelZh: Readonly<Record<Post, string>> = {
  partySecretary: "村党组织书记",
  committeeDirector: "村民委员会主任",
  partyCommitteeMember: "村党组织委员",
  villagersCommitteeMember: "村民委员会委员",
  supervisionCommitteeChair: "村务监督委员会主任",
  supervisionCommitteeMember: "村务监督委员会委员",
  disciplineMember: "村级纪检委员",
  supervisionLiaison: "监察联络员",
  bookkeeper: "报账员",
  clerk: "村文书",
  collectiveEconomyHead: "村集体经济组织负责人",
  townPartySecretary: "镇党委书记",
  areaLeader: "包片领导",
  villageContactCadre: "包村干部",
  townDisciplineSecretary: "镇纪委书记",
  townDisciplineMember: "镇纪委委员",
  countyDisciplineOfficer: "县纪委监委"
}

/**
 * Posts that make a cadre a member of the village "两委" (party branch committee and villagers'
 * committee).
 *
 * @since 0.1.0
 * @category constants
 */
export const twoCommitteesPosts: ReadonlyArray<Post> = [
  "partySecretary",
  "committeeDirector",
  "partyCommitteeMember",
  "villagersCommitteeMember"
]

// The built-in posts grouped by length: a post named in a record is a fresh string, and comparing
// it with the one or two posts of its length costs less than hashing it for a set.
const builtInByLength: ReadonlyArray<ReadonlyArray<string> | undefined> = (() => {
  const byLength: Array<Array<string> | undefined> = []
  for (const p of [...VillagePost.literals, ...TownPost.literals, ...CountyPost.literals]) (byLength[p.length] ??= []).push(p)
  return byLength
})()

/**
 * Whether a string is one of the built-in posts (a county's own posts are declared in its list's
 * `localPosts`).
 *
 * @example
 * ```ts
 * import { Post } from "@qinglian/core"
 *
 * Post.isBuiltIn("partySecretary") // true
 * Post.isBuiltIn("forestRanger") // false
 * ```
 *
 * @since 0.1.0
 * @category guards
 */
export const isBuiltIn = (value: string): value is Post => {
  const candidates = value.length < builtInByLength.length ? builtInByLength[value.length] : undefined
  if (candidates === undefined) return false
  for (let i = 0; i < candidates.length; i++) if (candidates[i] === value) return true
  return false
}
