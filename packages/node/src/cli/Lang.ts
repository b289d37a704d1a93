/**
 * The two languages of the command line. Output is Chinese unless `--lang en` is given: the people
 * who run it are town and county staff.
 *
 * @since 0.1.0
 */
import * as Options from "@effect/cli/Options"

/**
 * A language of output.
 *
 * @since 0.1.0
 * @category models
 */
export type Lang = "zh" | "en"

/**
 * A text in both languages, as core's diagnostics carry their messages.
 *
 * @since 0.1.0
 * @category models
 */
export interface Text {
  readonly zh: string
  readonly en: string
}

/**
 * The `--lang` option every command takes.
 *
 * @since 0.1.0
 * @category options
 */
export const option: Options.Options<Lang> = Options.choice("lang", ["zh", "en"] as const).pipe(
  Options.withDefault("zh" as const),
  Options.withDescription("输出语言：zh 中文（默认）或 en 英文 / Output language: zh Chinese (default) or en English")
)

/**
 * The language asked for on the command line, read before (and whether or not) it parses, so that
 * a usage error is reported in it too. The last `--lang` wins, as it does when parsing.
 *
 * @since 0.1.0
 * @category utils
 */
export const fromArgv = (argv: ReadonlyArray<string>): Lang => {
  let lang: Lang = "zh"
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    const value = arg === "--lang" ? argv[i + 1] : arg.startsWith("--lang=") ? arg.slice("--lang=".length) : undefined
    if (value === "zh" || value === "en") lang = value
  }
  return lang
}

/**
 * Both languages in one string, for help text and for messages printed before the language is known.
 *
 * @since 0.1.0
 * @category utils
 */
export const both = (text: Text): string => `${text.zh} / ${text.en}`
