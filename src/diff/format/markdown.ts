import { appendAll, longest } from "../../util/arrays.js";
import type { ChangeType } from "../catalog.js";
import type { Change } from "../change.js";
import { changeText, counts, type FormatOptions, namespacesOf } from "./common.js";

/**
 * Markdown in the layout of Microsoft's "What's new in Hyper-V" pages: new classes, removed classes, new
 * methods, new and removed properties, then tables of the breaking and the dangerous changes with the reason
 * for each. Sections with nothing in them are left out. Everything else (value maps, qualifiers,
 * descriptions) is in the text and JSON formats.
 */
export function formatDiffMarkdown(changes: readonly Change[], options: FormatOptions): string {
  const n = counts(changes);
  const manyNamespaces = namespacesOf(changes).size > 1;
  const out: string[] = [
    `# What's new from ${code(options.oldLabel)} to ${code(options.newLabel)}`,
    "",
    `${changes.length} changes: ${n.breaking} breaking, ${n.dangerous} dangerous, ${n["non-breaking"]} non-breaking.`,
  ];
  const item = (c: Change) => `- ${code(c.path)}${manyNamespaces ? ` (${c.namespace})` : ""}`;
  const list = (title: string, types: readonly ChangeType[]) => {
    const selected = changes.filter((c) => types.includes(c.type));
    if (selected.length === 0) return;
    out.push("", `## ${title}`, "");
    appendAll(out, selected.map(item));
  };
  list("New namespaces", ["namespace-added"]);
  list("Removed namespaces", ["namespace-removed"]);
  list("New classes", ["class-added"]);
  list("Removed classes", ["class-removed", "deprecated-class-removed"]);
  list("New methods", ["method-added"]);
  list("Removed methods", ["method-removed", "deprecated-method-removed"]);
  list("New properties", ["property-added"]);
  list("Removed properties", ["property-removed", "deprecated-property-removed"]);
  table(
    out,
    "Breaking changes",
    changes.filter((c) => c.criticality === "breaking"),
  );
  table(
    out,
    "Dangerous changes",
    changes.filter((c) => c.criticality === "dangerous"),
  );
  return `${out.join("\n")}\n`;
}

function table(out: string[], title: string, changes: readonly Change[]): void {
  if (changes.length === 0) return;
  out.push("", `## ${title}`, "", "| Element | Change | Why |", "| --- | --- | --- |");
  for (const c of changes) out.push(`| ${code(c.path)} | ${cell(changeText(c))} | ${cell(c.reason)} |`);
}

/** A code span that survives backticks in the text (CommonMark: a longer fence and padding). */
function code(text: string): string {
  const run = longest(Array.from(text.matchAll(/`+/g), (m) => m[0]));
  const fence = "`".repeat(run + 1);
  const pad = run > 0 ? " " : "";
  return `${fence}${pad}${cell(text)}${pad}${fence}`;
}

/** Table cells hold one line, and '|' would end the cell. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
}
