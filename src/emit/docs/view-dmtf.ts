import type { ClassModel, Flavors, MethodModel, QualifierValue } from "../../model/types.js";
import { fold } from "../../model/types.js";
import { appendAll } from "../../util/arrays.js";
import type { DocsContext } from "./context.js";
import { type CodeBlock, codeBlock, escapeCell, mermaidLabel } from "./markdown.js";
import { firstSentenceOf, qualifierValueText } from "./values.js";

/**
 * What DMTF's schema documentation adds to Microsoft's layout: the class hierarchy, the class origin of every
 * member, and every qualifier with its flavors.
 */

export interface OriginRow {
  readonly member: string;
  readonly kind: string;
  /** Link to the member's class origin: the class that declared it last (this one when it overrides it). */
  readonly origin: string;
  /** `declared here`, `overridden here` or `inherited`. */
  readonly status: string;
}

export interface QualifierRow {
  /** `class`, `property Name`, `method Name`, `parameter Method.Name`. */
  readonly element: string;
  readonly name: string;
  readonly value: string;
  readonly flavors: string;
  /** `inherited` when propagated from the superclass or the overridden element, else "". */
  readonly inherited: string;
}

/**
 * A Mermaid flowchart, subclasses pointing at their superclass: the ancestors, the class itself (highlighted)
 * and its direct subclasses. Node ids are generated (`c0`, `c1`...); names go into quoted, escaped labels.
 */
export function hierarchyDiagram(context: DocsContext, cls: ClassModel): CodeBlock {
  const chain = [...context.ancestorsOf(cls), cls];
  const subclasses = context.subclassesOf(cls);
  const lines = ["flowchart BT"];
  const node = (c: ClassModel, i: number) => `c${i}["${mermaidLabel(c.name)}"]`;
  chain.forEach((c, i) => {
    lines.push(`  ${node(c, i)}`);
  });
  for (let i = 1; i < chain.length; i++) lines.push(`  c${i} --> c${i - 1}`);
  const self = chain.length - 1;
  subclasses.forEach((c, j) => {
    const i = chain.length + j;
    lines.push(`  ${node(c, i)} --> c${self}`);
  });
  lines.push("  classDef current stroke-width:3px,font-weight:bold", `  class c${self} current`);
  return codeBlock(lines.join("\n"), "mermaid");
}

export function originRows(context: DocsContext, page: string, cls: ClassModel): OriginRow[] {
  const rows: OriginRow[] = [];
  const status = (name: string, propagated: boolean, kind: "property" | "method") => {
    if (propagated) return "inherited";
    const base = context.overridden(cls, name, kind);
    return base === undefined ? "declared here" : `overrides ${context.classLink(page, base.name, base.namespace)}`;
  };
  for (const p of cls.properties) {
    rows.push({
      member: escapeCell(p.name),
      kind: p.kind,
      origin: context.classLink(page, p.classOrigin, cls.namespace),
      status: status(p.name, p.propagated, "property"),
    });
  }
  for (const m of cls.methods) {
    rows.push({
      member: escapeCell(`${m.name}()`),
      kind: "method",
      origin: context.classLink(page, m.classOrigin, cls.namespace),
      status: status(m.name, m.propagated, "method"),
    });
  }
  return rows;
}

function flavorText(f: Flavors): string {
  const words = [f.overridable ? "EnableOverride" : "DisableOverride", f.toSubclass ? "ToSubclass" : "Restricted"];
  if (f.translatable) words.push("Translatable");
  if (f.amended) words.push("Amended");
  if (f.toInstance) words.push("ToInstance");
  return words.join(", ");
}

/**
 * A qualifier's value for its cell, memoised by value: subclasses inherit the same values (long ValueMap and
 * Values arrays above all) hundreds of times in a schema like CIM. A Description shows its first sentence:
 * the whole text is on the page already (or, for methods and parameters, on the method page), and repeating
 * every inherited description in full would double the size of a CIM class page.
 */
function valueCell(q: QualifierValue, cache: WeakMap<object, string>): string {
  let text = cache.get(q.value);
  if (text === undefined) {
    const description = fold(q.name) === "description" && q.value.kind === "string" ? q.value.value : undefined;
    if (description !== undefined) {
      const first = firstSentenceOf(description);
      text = escapeCell(first.length < description.trim().length ? `${first} \u2026` : first);
    } else {
      text = escapeCell(qualifierValueText(q));
    }
    cache.set(q.value, text);
  }
  return text;
}

function rowsOf(
  element: string,
  qualifiers: readonly QualifierValue[],
  cache: WeakMap<object, string>,
): QualifierRow[] {
  const cell = escapeCell(element);
  return qualifiers.map((q) => ({
    element: cell,
    name: escapeCell(q.name),
    value: valueCell(q, cache),
    flavors: flavorText(q.flavors),
    inherited: q.propagated ? "inherited" : "",
  }));
}

/**
 * Every qualifier of the class and of the members it declares or overrides, in declaration order (with the
 * qualifiers those inherit). A member inherited unchanged has its table on its class origin's page, which the
 * class origin table links to; parameters have theirs on the method page. Repeating them on every subclass
 * would make a CIM class page mostly copies (CIM_ReplicationService's would be 130 kB of them).
 */
export function qualifierRows(cls: ClassModel, cache: WeakMap<object, string>): QualifierRow[] {
  const rows = rowsOf("class", cls.qualifiers, cache);
  for (const p of cls.properties)
    if (!p.propagated) appendAll(rows, rowsOf(`${p.kind} ${p.name}`, p.qualifiers, cache));
  for (const m of cls.methods) if (!m.propagated) appendAll(rows, rowsOf(`method ${m.name}`, m.qualifiers, cache));
  return rows;
}

/** Every qualifier of a method and of its parameters, for the method page. */
export function methodQualifierRows(m: MethodModel, cache: WeakMap<object, string>): QualifierRow[] {
  const rows = rowsOf("method", m.qualifiers, cache);
  for (const p of m.parameters) appendAll(rows, rowsOf(`parameter ${p.name}`, p.qualifiers, cache));
  return rows;
}
