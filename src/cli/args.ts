import { type ParseArgsConfig, parseArgs } from "node:util";
import { type DiagnosticPolicy, knownCodes, type SeverityLevel, severityLevels } from "../diagnostics/policy.js";
import { type Dialect, defaultDialect, dialectNames } from "../dialect/dialect.js";
import { closest } from "../util/spelling.js";

/**
 * What every command line shares: the compile options, the choice-of-values check, and the usage error that
 * `main` prints with a pointer to `--help` (exit 2). Each command spreads `compileOptions` into its own.
 */

/** A mistake on the command line: `main` prints its message and exits 2. */
export class UsageError extends Error {}

/** A usage mistake found here or by node:util's parseArgs (unknown option, missing value...). */
export function isUsageError(e: unknown): e is Error {
  return e instanceof UsageError || ((e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS") ?? false);
}

/** The options of every command that compiles MOF, for node:util's parseArgs. */
export const compileOptions = {
  include: { type: "string", short: "I", multiple: true },
  "allow-include-outside": { type: "boolean" },
  dialect: { type: "string" },
  "builtin-qualifiers": { type: "boolean" },
  namespace: { type: "string" },
  quiet: { type: "boolean", short: "q" },
  diagnostic: { type: "string", multiple: true },
  color: { type: "boolean" },
  "no-color": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

/**
 * One command's line, as every command reads it: the compile options and the command's own (`own`), PATHs as
 * positionals, and an unknown option a usage error.
 */
/** The options of one command, as node:util declares them. */
export type CommandOptions = NonNullable<ParseArgsConfig["options"]>;

interface CommandLineConfig<T extends CommandOptions> {
  args: string[];
  allowPositionals: true;
  strict: true;
  options: typeof compileOptions & T;
}

export function parseCommandLine<const T extends CommandOptions>(
  args: readonly string[],
  own: T,
): ReturnType<typeof parseArgs<CommandLineConfig<T>>> {
  return parseArgs({ args: [...args], allowPositionals: true, strict: true, options: { ...compileOptions, ...own } });
}

/**
 * `--dialect` as written, undefined when absent: `generate` and `docs` then take the configuration's, and the
 * other commands the default. One parser for every command, so they accept and reject the same words.
 */
export function dialectFlag(value: string | undefined): Dialect | undefined {
  return value === undefined ? undefined : oneOf("--dialect", value, dialectNames, defaultDialect);
}

/** `value` when it is one of `allowed`, `fallback` when absent; anything else is a usage error. */
export function oneOf<T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(", ")} (got '${value}')`);
}

/** `--color` / `--no-color` as an option object: absent when neither is given (the terminal decides). */
export function colorChoice(values: { readonly color?: boolean; readonly "no-color"?: boolean }): {
  color?: boolean;
} {
  return values["no-color"] ? { color: false } : values.color ? { color: true } : {};
}

/** `1 file`, `2 files`: for summaries. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/**
 * `--quiet` and each `--diagnostic CODE=LEVEL` as a policy; the levels layered over `base` (the configuration
 * file's), so the command line wins. A code not in the catalog or a level not known is a usage error.
 */
export function diagnosticPolicy(
  values: { readonly quiet?: boolean; readonly diagnostic?: readonly string[] },
  base?: ReadonlyMap<string, SeverityLevel>,
): DiagnosticPolicy {
  const levels = new Map(base);
  const codes = knownCodes();
  for (const given of values.diagnostic ?? []) {
    const m = /^([^=]+)=(.*)$/.exec(given);
    const code = m?.[1]?.trim().toUpperCase() ?? "";
    const level = m?.[2]?.trim().toLowerCase() ?? "";
    if (m === null) throw new UsageError(`--diagnostic takes CODE=LEVEL, such as MOF3010=off (got '${given}')`);
    if (!codes.includes(code)) {
      const hint = closest(code, codes);
      throw new UsageError(
        `--diagnostic: '${code}' is no mofgen diagnostic code${hint === undefined ? "" : `; did you mean '${hint}'?`}`,
      );
    }
    if (!(severityLevels as readonly string[]).includes(level)) {
      throw new UsageError(
        `--diagnostic ${code}: the level must be one of ${severityLevels.join(", ")} (got '${level}')`,
      );
    }
    levels.set(code, level as SeverityLevel);
  }
  return { quiet: values.quiet ?? false, levels };
}
