import { type ChangeType, type Criticality, changeType } from "../catalog.js";
import type { Change, Location } from "../change.js";

/** What every formatter is given besides the changes; formatters are pure and never touch the disk. */
export interface FormatOptions {
  /** How OLD and NEW were named on the command line. */
  readonly oldLabel: string;
  readonly newLabel: string;
  /** Paths as the other commands print them: relative to the working directory when under it. */
  readonly relativize: (path: string) => string;
  /**
   * The link to the reference page of a class, method or property of the new side (`mofgen docs --docs-base`),
   * or undefined for no links. The CLI builds it from the docs emitter's file names: the differ does not know
   * where pages live.
   */
  readonly docsLink?: DocsLink | undefined;
}

/** A member of a class, for a link to its place in the class's reference pages. */
export interface LinkedMember {
  readonly kind: "property" | "method";
  readonly name: string;
}

export type DocsLink = (namespace: string, className: string, member?: LinkedMember) => string | undefined;

export type Counts = Readonly<Record<Criticality, number>>;

export function counts(changes: readonly Change[]): Counts {
  const n = { breaking: 0, dangerous: 0, "non-breaking": 0 };
  for (const c of changes) n[c.criticality]++;
  return n;
}

export function summaryLine(changes: readonly Change[]): string {
  if (changes.length === 0) return "No changes";
  const n = counts(changes);
  const noun = changes.length === 1 ? "change" : "changes";
  return `${changes.length} ${noun}: ${n.breaking} breaking, ${n.dangerous} dangerous, ${n["non-breaking"]} non-breaking`;
}

export function locationText(at: Location, relativize: (path: string) => string): string {
  return `${relativize(at.file)}:${at.line}:${at.column}`;
}

/**
 * One line saying what changed: the catalog's title, then what it was and what it is. Descriptions are
 * documentation and often long: their texts are in the JSON only.
 */
export function changeText(c: Change): string {
  const title = changeType(c.type).title;
  if (c.type === "description-changed") return title;
  // An element on both sides whose qualifier appeared or went: say so, rather than show one value alone.
  const bothSides = c.oldLocation !== null && c.newLocation !== null && !entryChanges.has(c.type);
  if ((c.before !== null && c.after !== null) || (bothSides && (c.before ?? c.after) !== null)) {
    return `${title}: ${c.before ?? "(none)"} -> ${c.after ?? "(none)"}`;
  }
  const only = c.after ?? c.before;
  return only === null ? title : `${title}: ${only}`;
}

/** Value-map entries added or removed: the label alone says it (the path has the value). */
const entryChanges = new Set<ChangeType>([
  "value-added",
  "value-added-to-closed-output",
  "value-removed-from-input",
  "value-removed-from-output",
]);

/** Consecutive changes of one class (or of one namespace, for namespace changes), in the differ's order. */
export interface Group {
  readonly namespace: string;
  readonly className: string | null;
  readonly changes: readonly Change[];
}

export function groupByClass(changes: readonly Change[]): Group[] {
  const groups: { namespace: string; className: string | null; changes: Change[] }[] = [];
  for (const c of changes) {
    const last = groups.at(-1);
    if (last !== undefined && last.namespace === c.namespace && last.className === c.className) last.changes.push(c);
    else groups.push({ namespace: c.namespace, className: c.className, changes: [c] });
  }
  return groups;
}

export function namespacesOf(changes: readonly Change[]): Set<string> {
  return new Set(changes.map((c) => c.namespace));
}
