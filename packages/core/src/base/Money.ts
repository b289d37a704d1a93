/**
 * Money as integers. Amounts are counted in fen (分); a value written in yuan states its unit and
 * is converted exactly. Floats never touch money.
 *
 * @example
 * ```ts
 * import { Money } from "@qinglian/core"
 *
 * const limit = Money.yuan(50_000) // 5000000 fen: amounts are whole fen, never floats
 * console.log(Money.formatYuan(limit)) // "50000.00"
 * console.log(Money.toFen({ amount: 120, unit: "yuan" }) === Money.fen(12_000)) // true
 * ```
 *
 * @packageDocumentation
 * @since 0.1.0
 */
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type * as AST from "effect/SchemaAST"

const ParseOk = ParseResult.succeed
const ParseFail = (ast: AST.AST, actual: unknown, message: string) =>
  ParseResult.fail(new ParseResult.Type(ast, actual, message))

/**
 * An amount in fen (1 yuan = 100 fen): a non-negative safe integer.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Fen = Schema.Number.pipe(
  Schema.int({ message: () => "an amount in fen must be a whole number" }),
  Schema.nonNegative({ message: () => "an amount cannot be negative" }),
  Schema.lessThanOrEqualTo(Number.MAX_SAFE_INTEGER, { message: () => "an amount must be a safe integer" }),
  Schema.brand("Fen"),
  Schema.annotations({ identifier: "Fen", description: "Amount in fen (分), an integer" })
)

/**
 * @since 0.1.0
 * @category models
 */
export type Fen = typeof Fen.Type

// Compiled once: the transformation below runs for every amount decoded.
const decodeFen = Schema.decodeUnknownEither(Fen)

/**
 * The unit an amount is written in.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Unit = Schema.Literal("fen", "yuan").annotations({
  identifier: "MoneyUnit",
  message: (issue) => ({
    message: `a money unit is "fen" or "yuan", got ${JSON.stringify(issue.actual)}`,
    override: true
  })
})

// The largest whole number of yuan whose value in fen is still a safe integer.
const MAX_YUAN = Math.floor(Number.MAX_SAFE_INTEGER / 100)

const AmountFields = Schema.Struct({
  amount: Schema.Number.pipe(
    Schema.int({ message: () => "an amount must be a whole number" }),
    Schema.nonNegative(),
    Schema.lessThanOrEqualTo(Number.MAX_SAFE_INTEGER)
  ),
  unit: Unit
})

/**
 * An amount with its unit, exactly as written in files and kept so after decoding:
 * `{ "amount": 40000, "unit": "yuan" }`. Its value in fen ({@link toFen}) must be a safe integer.
 * Exercises and power lists carry amounts in this form, so that a decoded record is its own JSON.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Amount = AmountFields.pipe(
  Schema.filter((m) => m.unit === "fen" || m.amount <= MAX_YUAN || "amount out of range", {
    jsonSchema: {
      if: { properties: { unit: { type: "string", const: "yuan" } } },
      then: { properties: { amount: { type: "number", maximum: MAX_YUAN } } }
    }
  }),
  Schema.annotations({ identifier: "Amount", description: "An amount with its unit: fen (分) or yuan (元)" })
)

/**
 * @since 0.1.0
 * @category models
 */
export type Amount = typeof Amount.Type

/**
 * The value of an {@link Amount} in fen.
 *
 * @since 0.1.0
 * @category utils
 */
export const toFen = (m: Amount): Fen => (m.unit === "yuan" ? m.amount * 100 : m.amount) as Fen

/**
 * An amount with its unit, as written in files: `{ "amount": 4000000, "unit": "yuan" }`. Decodes to
 * fen. The rulebook's thresholds use it; records that keep their JSON form use {@link Amount}.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Money = Schema.transformOrFail(
  AmountFields,
  Fen,
  {
    strict: true,
    decode: (m, _, ast) => {
      const fen = m.unit === "yuan" ? m.amount * 100 : m.amount
      return Number.isSafeInteger(fen)
        ? decodeFen(fen).pipe((e) =>
            e._tag === "Right" ? ParseOk(e.right) : ParseFail(ast, m, "amount out of range")
          )
        : ParseFail(ast, m, "amount out of range")
    },
    encode: (fen) => ParseOk(fen % 100 === 0 ? { amount: fen / 100, unit: "yuan" as const } : { amount: fen, unit: "fen" as const })
  }
).annotations({ identifier: "Money" })


/**
 * Whole yuan as fen. Fractions of a yuan are written in fen ({@link fen}): `amount * 100` on a
 * float is not exact (0.07 × 100 ≠ 7), so it is refused rather than rounded.
 *
 * @since 0.1.0
 * @category constructors
 */
export const yuan = (amount: number): Fen => {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`not a whole amount in yuan: ${amount}`)
  return fen(amount * 100)
}

/**
 * An amount in fen, checked: a non-negative safe integer, or a `RangeError`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fen = (amount: number): Fen => {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`not a valid amount in fen: ${amount}`)
  return amount as Fen
}

/**
 * Formats fen as yuan with two decimals: `12345` → `"123.45"`.
 *
 * @since 0.1.0
 * @category utils
 */
export const formatYuan = (amount: Fen): string => `${Math.floor(amount / 100)}.${String(amount % 100).padStart(2, "0")}`
