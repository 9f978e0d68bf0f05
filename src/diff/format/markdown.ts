import { appendAll, longest } from "../../util/arrays.js";
import type { ChangeType } from "../catalog.js";
import type { Change } from "../change.js";
import { changeText, counts, type FormatOptions, type LinkedMember, namespacesOf } from "./common.js";

/**
 * A "What's new" page as Microsoft publishes them for Hyper-V's WMI classes: the sides named by the user's
 * labels, new and removed classes, methods with their signatures, new and removed properties grouped per class in
 * one line ("Msvm_ProcessorSettingData: A (uint16), B (boolean) and C (string)"), each element linked to the page
 * `mofgen docs` writes for it when `docsLink` is given, then the breaking and the dangerous changes in their own
 * sections with the reason for each. Sections with nothing in them are left out. Everything else (value maps,
 * qualifiers, descriptions) is in the text and JSON formats.
 */
export function formatDiffMarkdown(changes: readonly Change[], options: FormatOptions): string {
  const n = counts(changes);
  const page = new Page(changes, options);
  const out: string[] = [
    `# What's new from ${md(options.oldLabel)} to ${md(options.newLabel)}`,
    "",
    `${changes.length} changes: ${n.breaking} breaking, ${n.dangerous} dangerous, ${n["non-breaking"]} non-breaking.`,
  ];
  const section = (title: string, lines: readonly string[]) => {
    if (lines.length === 0) return;
    out.push("", `## ${title}`, "");
    appendAll(out, lines);
  };
  section("New namespaces", page.plain(["namespace-added"]));
  section("Removed namespaces", page.plain(["namespace-removed"]));
  section("New classes", page.classes(["class-added"], true));
  section("Removed classes", page.classes(["class-removed", "deprecated-class-removed"], false));
  section("New methods", page.methods(["method-added"], true));
  section("Removed methods", page.methods(["method-removed", "deprecated-method-removed"], false));
  section("New properties", page.properties(["property-added"], true));
  section("Removed properties", page.properties(["property-removed", "deprecated-property-removed"], false));
  page.table(out, "Breaking changes", "breaking");
  page.table(out, "Dangerous changes", "dangerous");
  return `${out.join("\n")}\n`;
}

/** The name a change is about: `Bar` of `CIM_Foo.Bar`, `Run` of `CIM_Foo.Run()`. */
function memberName(c: Change): string {
  const dot = c.path.indexOf(".");
  return c.path.slice(dot + 1).replace(/\(.*$/, "");
}

/** `uint16[] Name` -> `uint16[]`: the type part of a property's before/after text. */
function propertyType(text: string | null): string {
  if (text === null) return "";
  const space = text.lastIndexOf(" ");
  return space < 0 ? "" : text.slice(0, space);
}

class Page {
  readonly #manyNamespaces: boolean;

  constructor(
    private readonly changes: readonly Change[],
    private readonly options: FormatOptions,
  ) {
    this.#manyNamespaces = namespacesOf(changes).size > 1;
  }

  #of(types: readonly ChangeType[]): Change[] {
    return this.changes.filter((c) => types.includes(c.type));
  }

  /** The link to an element's reference page on the new side; undefined when removed or without `docsLink`. */
  #href(c: Change, member: LinkedMember | undefined, linked: boolean): string | undefined {
    if (!linked || c.className === null) return undefined;
    return this.options.docsLink?.(c.namespace, c.className, member);
  }

  /** `[**text**](link)`, or the bold text alone when there is no page. */
  #link(text: string, c: Change, member: LinkedMember | undefined, linked: boolean): string {
    const bold = `**${md(text)}**`;
    const href = this.#href(c, member, linked);
    return href === undefined ? bold : `[${bold}](${href})`;
  }

  #where(c: Change): string {
    return this.#manyNamespaces ? ` (${md(c.namespace)})` : "";
  }

  plain(types: readonly ChangeType[]): string[] {
    return this.#of(types).map((c) => `- ${md(c.path)}`);
  }

  /** `- [**Msvm_Foo**](link): class Msvm_Foo : CIM_Bar`. */
  classes(types: readonly ChangeType[], linked: boolean): string[] {
    return this.#of(types).map((c) => {
      const head = c.after ?? c.before;
      return `- ${this.#link(c.path, c, undefined, linked)}${this.#where(c)}${head === null ? "" : `: ${codeSpan(head)}`}`;
    });
  }

  /** `- [**Msvm_Foo.Run**](link): uint32 Run([In] string Mode)`: a method with its signature, types and all. */
  methods(types: readonly ChangeType[], linked: boolean): string[] {
    return this.#of(types).map((c) => {
      const member: LinkedMember = { kind: "method", name: memberName(c) };
      const signature = c.after ?? c.before;
      const text = `${c.className ?? ""}.${member.name}`;
      return `- ${this.#link(text, c, member, linked)}${this.#where(c)}${signature === null ? "" : `: ${codeSpan(signature)}`}`;
    });
  }

  /**
   * One line per class, as Microsoft's pages write them: `- [**Msvm_Foo**](link): [A](link#a) (uint16), B
   * (string\[\]) and C (boolean)`.
   */
  properties(types: readonly ChangeType[], linked: boolean): string[] {
    const byClass = new Map<string, Change[]>();
    for (const c of this.#of(types)) {
      const key = `${c.namespace}\u0000${c.className ?? ""}`;
      const list = byClass.get(key) ?? [];
      list.push(c);
      byClass.set(key, list);
    }
    return [...byClass.values()].map((list) => {
      const first = list[0] as Change;
      const names = list.map((c) => {
        const member: LinkedMember = { kind: "property", name: memberName(c) };
        const type = propertyType(c.after ?? c.before);
        const href = this.#href(c, member, linked);
        const name = href === undefined ? md(member.name) : `[${md(member.name)}](${href})`;
        return type === "" ? name : `${name} (${md(type)})`;
      });
      return `- ${this.#link(first.className ?? "", first, undefined, linked)}${this.#where(first)}: ${andList(names)}`;
    });
  }

  table(out: string[], title: string, criticality: Change["criticality"]): void {
    const selected = this.changes.filter((c) => c.criticality === criticality);
    if (selected.length === 0) return;
    out.push("", `## ${title}`, "", "| Element | Change | Why |", "| --- | --- | --- |");
    for (const c of selected) {
      const exists = c.newLocation !== null;
      const member = elementOf(c);
      out.push(`| ${this.#link(c.path, c, member, exists)} | ${cell(changeText(c))} | ${cell(c.reason)} |`);
    }
  }
}

/** What page a change's element is on: its method's, else its class's (a property's place on it). */
function elementOf(c: Change): LinkedMember | undefined {
  const dot = c.path.indexOf(".");
  if (dot < 0) return undefined;
  const rest = c.path.slice(dot + 1);
  const paren = rest.indexOf("(");
  if (paren >= 0) return { kind: "method", name: rest.slice(0, paren) };
  const name = /^\w+/.exec(rest)?.[0];
  return name === undefined ? undefined : { kind: "property", name };
}

/** `A`, `A and B`, `A, B and C`. */
function andList(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/**
 * Text from a schema (names, labels) as inline Markdown: nothing in it can start a link, emphasis or a cell. The
 * backslashes are escaped before `cell` adds its own to a '|', which would otherwise be escaped again (`\\|`
 * shows a backslash and then ends the cell).
 */
function md(text: string): string {
  return cell(
    text.replace(/[\\`*_[\]<>&~]/g, (ch) =>
      ch === "<" ? "&lt;" : ch === ">" ? "&gt;" : ch === "&" ? "&amp;" : `\\${ch}`,
    ),
  );
}

/** A code span that survives backticks in the text (CommonMark: a longer fence and padding). */
function codeSpan(text: string): string {
  const run = longest(Array.from(text.matchAll(/`+/g), (m) => m[0]));
  const fence = "`".repeat(run + 1);
  const pad = run > 0 ? " " : "";
  return `${fence}${pad}${cell(text)}${pad}${fence}`;
}

/** Table cells hold one line, and '|' would end the cell. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
}
