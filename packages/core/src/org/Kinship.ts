/**
 * Family relations between cadres (and other persons), for the rules that bar relatives from
 * sitting together: the villagers' committee members' close relatives (近亲属) may not sit on the
 * supervision committee (村民委员会组织法 2018 第三十二条), and local rules often reach further
 * (近姻亲, 三代以内旁系血亲).
 *
 * A relation is recorded once, from one side (`b` is `a`'s `kind`); every lookup is symmetric.
 *
 * @example
 * ```ts
 * import { Ids, Kinship } from "@qinglian/core"
 * import { Either } from "effect"
 *
 * const relations = Either.getOrThrow(Kinship.decodeRelations([{ a: { cadreId: "wang" }, b: { cadreId: "sun" }, kind: "sibling" }]))
 * const wang = Kinship.cadre(Ids.CadreId.make("wang"))
 * const sun = Kinship.cadre(Ids.CadreId.make("sun"))
 * console.log(Kinship.areRelated(relations, sun, wang)) // true: either direction
 * console.log(Kinship.closenessOfKind.sibling, Kinship.kindLabelZh.sibling) // "nearRelative" "兄弟姐妹"
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Diagnostic from "../base/Diagnostic.js"
import * as Ids from "../base/Ids.js"
import * as InvalidInput from "../base/InvalidInput.js"

/**
 * Who a relation links: a cadre on the roster or another person.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Subject = Schema.Union(
  Schema.Struct({ cadreId: Ids.CadreId }),
  Schema.Struct({ personId: Ids.PersonId })
).annotations({ identifier: "KinshipSubject" })

/**
 * @since 0.1.0
 * @category models
 */
export type Subject = typeof Subject.Type

/**
 * A cadre id or a subject; functions accept either.
 *
 * @since 0.1.0
 * @category models
 */
export type Party = Ids.CadreId | Subject

/**
 * How `b` is related to `a`.
 *
 * | code | 中文 |
 * | --- | --- |
 * | `spouse` | 配偶 |
 * | `parent` / `child` | 父母 / 子女 |
 * | `sibling` | 兄弟姐妹 |
 * | `grandparent` / `grandchild` | (外)祖父母 / (外)孙子女 |
 * | `parentInLaw` / `childInLaw` | 配偶的父母 / 子女的配偶 |
 * | `siblingInLaw` | 配偶的兄弟姐妹, 兄弟姐妹的配偶 |
 * | `uncleOrAunt` / `nephewOrNiece` | 伯叔姑舅姨 / 侄甥 |
 * | `cousin` | 堂表兄弟姐妹 |
 * | `other` | 其他亲属 |
 *
 * @since 0.1.0
 * @category schemas
 */
export const Kind = Schema.Literal(
  "spouse",
  "parent",
  "child",
  "sibling",
  "grandparent",
  "grandchild",
  "parentInLaw",
  "childInLaw",
  "siblingInLaw",
  "uncleOrAunt",
  "nephewOrNiece",
  "cousin",
  "other"
).annotations({
  identifier: "KinshipKind",
  message: () => ({
    message: "expected a kinship kind: spouse, parent, child, sibling, grandparent, grandchild, " +
      "parentInLaw, childInLaw, siblingInLaw, uncleOrAunt, nephewOrNiece, cousin or other",
    override: true
  })
})

/**
 * @since 0.1.0
 * @category models
 */
export type Kind = typeof Kind.Type

/**
 * Chinese labels of the kinds.
 *
 * @since 0.1.0
 * @category constants
 */
export const kindLabelZh: Readonly<Record<Kind, string>> = {
  spouse: "配偶",
  parent: "父母",
  child: "子女",
  sibling: "兄弟姐妹",
  grandparent: "祖父母、外祖父母",
  grandchild: "孙子女、外孙子女",
  parentInLaw: "配偶的父母",
  childInLaw: "子女的配偶",
  siblingInLaw: "配偶的兄弟姐妹、兄弟姐妹的配偶",
  uncleOrAunt: "伯叔姑舅姨",
  nephewOrNiece: "侄子女、甥子女",
  cousin: "堂表兄弟姐妹",
  other: "其他亲属"
}

/**
 * The kind seen from the other side: `b` is `a`'s parent ⇔ `a` is `b`'s child.
 *
 * @since 0.1.0
 * @category utils
 */
export const inverse = (kind: Kind): Kind => {
  switch (kind) {
    case "parent":
      return "child"
    case "child":
      return "parent"
    case "grandparent":
      return "grandchild"
    case "grandchild":
      return "grandparent"
    case "parentInLaw":
      return "childInLaw"
    case "childInLaw":
      return "parentInLaw"
    case "uncleOrAunt":
      return "nephewOrNiece"
    case "nephewOrNiece":
      return "uncleOrAunt"
    default:
      return kind
  }
}

/**
 * How close a relation is, the classes conflict-of-interest rules are written in:
 *
 * - `nearRelative` 近亲属 (民法典 第一千零四十五条): spouse, parents, children, siblings,
 *   grandparents, grandchildren.
 * - `closeInLaw` 近姻亲: parents-in-law, children's spouses, siblings-in-law.
 * - `collateral` 三代以内旁系血亲: uncles and aunts, nephews and nieces, cousins.
 * - `distant`: any other relative.
 *
 * Which classes a rule bars is a Rulebook parameter (`committee.supervisionExcludedRelatives`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Closeness = Schema.Literal("nearRelative", "closeInLaw", "collateral", "distant").annotations({
  identifier: "KinshipCloseness",
  message: () => ({ message: "expected nearRelative, closeInLaw, collateral or distant", override: true })
})

/**
 * @since 0.1.0
 * @category models
 */
export type Closeness = typeof Closeness.Type

/**
 * The closeness class of each kind.
 *
 * @since 0.1.0
 * @category constants
 */
export const closenessOfKind: Readonly<Record<Kind, Closeness>> = {
  spouse: "nearRelative",
  parent: "nearRelative",
  child: "nearRelative",
  sibling: "nearRelative",
  grandparent: "nearRelative",
  grandchild: "nearRelative",
  parentInLaw: "closeInLaw",
  childInLaw: "closeInLaw",
  siblingInLaw: "closeInLaw",
  uncleOrAunt: "collateral",
  nephewOrNiece: "collateral",
  cousin: "collateral",
  other: "distant"
}

/**
 * A relation: `b` is `a`'s `kind`. `closeness` overrides the class implied by the kind, for an
 * `other` relative a county treats as close.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Relation = Schema.Struct({
  a: Subject,
  b: Subject,
  kind: Kind,
  closeness: Schema.optionalWith(Closeness, { exact: true }),
  note: Schema.optionalWith(Schema.String, { exact: true })
}).annotations({ identifier: "KinshipRelation" })

/**
 * @since 0.1.0
 * @category models
 */
export type Relation = typeof Relation.Type

/**
 * Decodes a list of relations from unknown input; every bad path is named in the error.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeRelations: (input: unknown) => Either.Either<ReadonlyArray<Relation>, InvalidInput.InvalidInput> =
  InvalidInput.decodeUnknown(Schema.Array(Relation), "relations")

/**
 * A cadre as a subject.
 *
 * @since 0.1.0
 * @category constructors
 */
export const cadre = (cadreId: Ids.CadreId): Subject => ({ cadreId })

/**
 * A person outside the roster as a subject.
 *
 * @since 0.1.0
 * @category constructors
 */
export const person = (personId: Ids.PersonId): Subject => ({ personId })

/**
 * A string key unique per subject (`cadre:…`, `person:…`): a cadre and a person with the same id
 * text are different people.
 *
 * @since 0.1.0
 * @category utils
 */
export const key = (party: Party): string =>
  typeof party === "string" ? `cadre:${party}` : "cadreId" in party ? `cadre:${party.cadreId}` : `person:${party.personId}`

/**
 * The closeness class of a relation (its override, or its kind's).
 *
 * @since 0.1.0
 * @category getters
 */
export const closenessOf = (relation: Relation): Closeness => relation.closeness ?? closenessOfKind[relation.kind]

/**
 * One relative of a party, as seen from that party.
 *
 * @since 0.1.0
 * @category models
 */
export interface Relative {
  /** The other party. */
  readonly subject: Subject
  /** What the other party is to the one asked about. */
  readonly kind: Kind
  readonly closeness: Closeness
  /** Index of the relation in the list, for diagnostic paths. */
  readonly index: number
}

/**
 * Every recorded relative of a party, whichever side the relation was recorded from.
 *
 * @since 0.1.0
 * @category getters
 */
export const relativesOf = (relations: ReadonlyArray<Relation>, party: Party): ReadonlyArray<Relative> => {
  const k = key(party)
  const out: Array<Relative> = []
  relations.forEach((r, index) => {
    const closeness = closenessOf(r)
    if (key(r.a) === k) out.push({ subject: r.b, kind: r.kind, closeness, index })
    else if (key(r.b) === k) out.push({ subject: r.a, kind: inverse(r.kind), closeness, index })
  })
  return out
}

const rank: Readonly<Record<Closeness, number>> = { nearRelative: 0, closeInLaw: 1, collateral: 2, distant: 3 }

/**
 * The closest recorded relation between two parties, seen from `a` (`kind` is what `b` is to `a`).
 *
 * @since 0.1.0
 * @category getters
 */
export const relationBetween = (
  relations: ReadonlyArray<Relation>,
  a: Party,
  b: Party
): Option.Option<Relative> => {
  const kb = key(b)
  const found = relativesOf(relations, a)
    .filter((r) => key(r.subject) === kb)
    .sort((x, y) => rank[x.closeness] - rank[y.closeness])
  return Option.fromNullable(found[0])
}

/**
 * Whether two parties are related, in either direction. With `within`, only relations of those
 * closeness classes count.
 *
 * @since 0.1.0
 * @category predicates
 */
export const areRelated = (
  relations: ReadonlyArray<Relation>,
  a: Party,
  b: Party,
  within?: ReadonlyArray<Closeness>
): boolean => {
  const kb = key(b)
  return relativesOf(relations, a).some((r) =>
    key(r.subject) === kb && (within === undefined || within.includes(r.closeness))
  )
}

/**
 * Checks a list of relations: no one is related to themselves (`KINSHIP_SELF`). Paths are
 * `[index, "b"]` into the list.
 *
 * @since 0.1.0
 * @category validation
 */
export const checkRelations = (relations: ReadonlyArray<Relation>): ReadonlyArray<Diagnostic.Diagnostic<"KINSHIP_SELF">> =>
  relations.flatMap((r, i) =>
    key(r.a) === key(r.b)
      ? [
        Diagnostic.error(
          "KINSHIP_SELF",
          [i, "b"],
          `亲属关系的双方是同一人 (${key(r.a)})`,
          `a relation links ${key(r.a)} to themselves`
        )
      ]
      : []
  )
