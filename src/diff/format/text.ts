import type { Criticality } from "../catalog.js";
import type { Change } from "../change.js";
import { changeText, type FormatOptions, groupByClass, locationText, namespacesOf, summaryLine } from "./common.js";

export interface DiffTextOptions extends FormatOptions {
  /** ANSI colours: the CLI turns them on only on a terminal, and never with NO_COLOR. */
  readonly color: boolean;
}

const ansi = { bold: 1, dim: 2, red: 31, green: 32, yellow: 33 } as const;

const criticalityColor: Record<Criticality, keyof typeof ansi> = {
  breaking: "red",
  dangerous: "yellow",
  "non-breaking": "green",
};

/** Width of the criticality column: "non-breaking" and two spaces. */
const column = 14;

/**
 * The human format: one block per class (a heading, then its changes), each change on one line with its
 * criticality, path and what changed; below it why it breaks (for breaking and dangerous changes) and where
 * it is on each side. Namespaces are named in headings only when the changes span more than one.
 */
export function formatDiffText(changes: readonly Change[], options: DiffTextOptions): string {
  const paint = (style: keyof typeof ansi, text: string) =>
    options.color ? `\u001b[${ansi[style]}m${text}\u001b[0m` : text;
  const manyNamespaces = namespacesOf(changes).size > 1;
  const indent = " ".repeat(2 + column);
  const out: string[] = [`Changes from ${options.oldLabel} to ${options.newLabel}`, ""];
  for (const group of groupByClass(changes)) {
    const name = group.className ?? `namespace ${group.namespace}`;
    const where = manyNamespaces && group.className !== null ? ` (${group.namespace})` : "";
    out.push(paint("bold", `${name}${where}`));
    for (const c of group.changes) {
      const label = paint(criticalityColor[c.criticality], c.criticality.padEnd(column));
      out.push(`  ${label}${c.path}  ${changeText(c)}`);
      if (c.criticality !== "non-breaking") out.push(`${indent}why: ${c.reason}`);
      const places = [
        c.oldLocation && `old ${locationText(c.oldLocation, options.relativize)}`,
        c.newLocation && `new ${locationText(c.newLocation, options.relativize)}`,
      ].filter((p) => p !== null);
      if (places.length > 0) out.push(paint("dim", `${indent}${places.join("  ")}`));
    }
    out.push("");
  }
  out.push(summaryLine(changes));
  return `${out.join("\n")}\n`;
}
