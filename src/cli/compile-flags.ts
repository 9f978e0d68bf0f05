import type { DiagnosticPolicy } from "../diagnostics/policy.js";
import { type Dialect, defaultDialect } from "../dialect/dialect.js";
import { diagnosticPolicy, dialectFlag } from "./args.js";
import type { CompileCliOptions } from "./compile.js";
import type { GenerateConfig } from "./config.js";

/**
 * The one table from the compile flags (`compileOptions` in args.ts, shared by every command that compiles
 * MOF) to the compile options, and the one place they are layered: the command line over the configuration
 * file (generate, and docs without PATH) over the defaults. check, model, format and diff have no
 * configuration and get the defaults directly, so every command defaults alike.
 */

/** The compile flags as written: undefined where absent, so that the configuration's value can apply. */
export interface CompileFlags {
  readonly includeDirs?: readonly string[] | undefined;
  readonly allowIncludeOutside?: boolean | undefined;
  readonly dialect?: Dialect | undefined;
  readonly builtinQualifiers?: boolean | undefined;
  readonly namespace?: string | undefined;
  /** `--quiet`: errors only. */
  readonly quiet?: boolean | undefined;
  /** Each `--diagnostic CODE=LEVEL`, over the configuration's `diagnostics`. */
  readonly diagnosticLevels?: readonly string[] | undefined;
}

/** What parseArgs gives for `compileOptions`. */
export interface CompileFlagValues {
  readonly include?: readonly string[] | undefined;
  readonly "allow-include-outside"?: boolean | undefined;
  readonly dialect?: string | undefined;
  readonly "builtin-qualifiers"?: boolean | undefined;
  readonly namespace?: string | undefined;
  readonly quiet?: boolean | undefined;
  readonly diagnostic?: readonly string[] | undefined;
}

/**
 * The flags by option name. A bad `--dialect` or `--diagnostic` is a usage error here, at once, before any
 * configuration file is read.
 */
export function compileFlags(values: CompileFlagValues): CompileFlags {
  diagnosticPolicy({ quiet: values.quiet ?? false, diagnostic: values.diagnostic ?? [] });
  return {
    includeDirs: values.include,
    allowIncludeOutside: values["allow-include-outside"],
    dialect: dialectFlag(values.dialect),
    builtinQualifiers: values["builtin-qualifiers"],
    namespace: values.namespace,
    quiet: values.quiet,
    diagnosticLevels: values.diagnostic,
  };
}

/** The configuration keys that are compile options. */
export type CompileConfig = Pick<
  GenerateConfig,
  "include" | "includeOutsideRoots" | "dialect" | "builtinQualifiers" | "diagnostics"
>;

/** The compile options but the paths: each flag, else the configuration's value, else the default. */
export function compileSettings(
  flags: CompileFlags,
  config: CompileConfig = {},
): Omit<CompileCliOptions, "paths"> & { readonly policy: DiagnosticPolicy } {
  return {
    includeDirs: flags.includeDirs ?? config.include ?? [],
    allowIncludeOutside: flags.allowIncludeOutside ?? config.includeOutsideRoots ?? false,
    dialect: flags.dialect ?? config.dialect ?? defaultDialect,
    builtinQualifiers: flags.builtinQualifiers ?? config.builtinQualifiers ?? false,
    namespace: flags.namespace,
    policy: diagnosticPolicy(
      { quiet: flags.quiet ?? false, diagnostic: flags.diagnosticLevels ?? [] },
      config.diagnostics,
    ),
  };
}
