import { hasErrors } from "../diagnostics/diagnostic.js";
import { atLeast, type Criticality } from "../diff/catalog.js";
import type { Change } from "../diff/change.js";
import { diffSchemas } from "../diff/diff.js";
import type { FormatOptions } from "../diff/format/common.js";
import { formatDiffJson } from "../diff/format/json.js";
import { formatDiffMarkdown } from "../diff/format/markdown.js";
import { formatDiffText } from "../diff/format/text.js";
import type { SchemaModel } from "../model/types.js";
import { colorChoice, oneOf, parseCommandLine, UsageError } from "./args.js";
import { type CompileCliOptions, compile } from "./compile.js";
import { compileFlags, compileSettings } from "./compile-flags.js";
import { docsLinks } from "./diff-links.js";
import { type CliIo, relativizer, useColor } from "./io.js";
import { reportDiagnostics } from "./report-diagnostics.js";

export type DiffFormat = "text" | "markdown" | "json";
export type FailOn = Criticality | "none";

export interface DiffCliOptions extends Omit<CompileCliOptions, "paths"> {
  readonly oldPath: string;
  readonly newPath: string;
  readonly format: DiffFormat;
  readonly failOn: FailOn;
  readonly ignoreDescriptions: boolean;
  /** How the Markdown page names the two sides (`--old-label`, `--new-label`); the paths by default. */
  readonly oldLabel?: string | undefined;
  readonly newLabel?: string | undefined;
  /** Prefix of the links to the reference pages of the new side (`--docs-base`); no links without it. */
  readonly docsBase?: string | undefined;
  readonly color?: boolean;
}

/**
 * `mofgen diff OLD NEW`: compile both sides as `check` does, then print the changes. Exit 0 when no change
 * reaches `--fail-on`, 1 when one does or when either side has compile errors (printed to stderr like `check`
 * prints them, and no diff), 2 for an unreadable input.
 */
export function runDiff(options: DiffCliOptions, io: CliIo): number {
  const color = useColor(io, options.color);
  // Only the model and diagnostics of a side are kept: letting the first side's syntax trees go before the
  // second side is compiled leaves the collector less to trace while two whole schemas are in memory.
  const sides = [options.oldPath, options.newPath].map((path) => {
    const { program, schema, diagnostics } = compile({ ...options, paths: [path] }, io);
    return { schema, diagnostics, inputErrors: program.inputErrors };
  });
  let failed = false;
  let unreadable = false;
  for (const side of sides) {
    if (!hasErrors(side.diagnostics)) continue;
    reportDiagnostics(side.diagnostics, io, { color: options.color, stream: "stderr" });
    failed = true;
    unreadable ||= side.inputErrors;
  }
  if (unreadable) return 2;
  if (failed) {
    io.stderr("mofgen diff: not compared, because of the errors above\n");
    return 1;
  }
  const [before, after] = sides as [(typeof sides)[0], (typeof sides)[0]];
  const changes = diffSchemas(before.schema, after.schema, { ignoreDescriptions: options.ignoreDescriptions });
  io.stdout(formatChanges(changes, options, io, color, after.schema));
  const threshold = options.failOn;
  return threshold !== "none" && changes.some((c) => atLeast(c.criticality, threshold)) ? 1 : 0;
}

function formatChanges(
  changes: readonly Change[],
  options: DiffCliOptions,
  io: CliIo,
  color: boolean,
  newSchema: SchemaModel,
): string {
  const relativize = relativizer(io.cwd);
  const format: FormatOptions = {
    oldLabel: options.oldLabel ?? options.oldPath,
    newLabel: options.newLabel ?? options.newPath,
    relativize,
    docsLink: options.docsBase === undefined ? undefined : docsLinks(options.docsBase, newSchema),
  };
  switch (options.format) {
    case "json":
      return formatDiffJson(changes, format);
    case "markdown":
      return formatDiffMarkdown(changes, format);
    case "text":
      return formatDiffText(changes, { ...format, color });
  }
}

/**
 * The `diff` command line: its own options (beside the compile options), so that `main` only dispatches to it.
 * A usage mistake throws UsageError, which `main` prints (exit 2) as for the other commands.
 */
export function diffCommand(args: readonly string[], io: CliIo, usage: string): number {
  const options = parseDiffArgs(args);
  if (options === "help") {
    io.stdout(usage);
    return 0;
  }
  return runDiff(options, io);
}

function parseDiffArgs(args: readonly string[]): DiffCliOptions | "help" {
  const { values, positionals } = parseCommandLine(args, {
    format: { type: "string" },
    "fail-on": { type: "string" },
    "ignore-descriptions": { type: "boolean" },
    "old-label": { type: "string" },
    "new-label": { type: "string" },
    "docs-base": { type: "string" },
  });
  if (values.help) return "help";
  const [oldPath, newPath, ...extra] = positionals;
  if (oldPath === undefined || newPath === undefined || extra.length > 0) {
    throw new UsageError(`diff needs two paths, OLD and NEW (got ${positionals.length})`);
  }
  const format = oneOf<DiffFormat>("--format", values.format, ["text", "markdown", "json"], "text");
  // Only the markdown report has links: taken silently with text or json, the URL would do nothing.
  if (values["docs-base"] !== undefined && format !== "markdown") {
    throw new UsageError(
      `--docs-base links the markdown report to the reference pages; add --format markdown (got --format ${format})`,
    );
  }
  return {
    oldPath,
    newPath,
    ...compileSettings(compileFlags(values)),
    format,
    failOn: oneOf<FailOn>("--fail-on", values["fail-on"], ["breaking", "dangerous", "none"], "breaking"),
    ignoreDescriptions: values["ignore-descriptions"] ?? false,
    oldLabel: values["old-label"],
    newLabel: values["new-label"],
    docsBase: values["docs-base"],
    ...colorChoice(values),
  };
}
