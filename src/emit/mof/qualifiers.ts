import { builtinQualifier } from "../../model/builtin-qualifiers.js";
import { defaultFlavors } from "../../model/qualifiers.js";
import type { Flavors, QualifierType, QualifierValue } from "../../model/types.js";
import { indentUnit, type Layout, lineStart, lineWidth, type PrintContext } from "./context.js";
import { type ValueOptions, valueText } from "./values.js";

/** Qualifier values and qualifier defaults hold embedded instances only in untyped WMI qualifiers: inline. */
function inlineValues(context: PrintContext): ValueOptions {
  return { instancesAsStrings: false, instance: context.instance };
}

/**
 * The flavor words that turn `base` (the qualifier type's flavors) into `flavors`, in a fixed order.
 * Translatable and Amended have no negative word: a qualifier can only add them.
 */
export function flavorWords(flavors: Flavors, base: Flavors): string[] {
  const words: string[] = [];
  if (flavors.overridable !== base.overridable) words.push(flavors.overridable ? "EnableOverride" : "DisableOverride");
  if (flavors.toSubclass !== base.toSubclass) words.push(flavors.toSubclass ? "ToSubclass" : "Restricted");
  if (flavors.translatable && !base.translatable) words.push("Translatable");
  if (flavors.amended && !base.amended) words.push("Amended");
  if (flavors.toInstance !== base.toInstance) words.push(flavors.toInstance ? "ToInstance" : "NotToInstance");
  return words;
}

/**
 * One qualifier: `Name` for a boolean true (when its type reads a bare name as true), `Name(value)`,
 * `Name {array}`, then `: Flavor ...` where its flavors differ from its type's.
 */
function qualifierText(q: QualifierValue, at: Layout, context: PrintContext): string {
  const type = context.qualifierType(q.name);
  const v = q.value;
  let text = q.name;
  const bare = v.kind === "boolean" && v.value && (type.type === undefined || type.type === "boolean");
  if (v.kind === "array") {
    text += ` ${valueText(v, { indent: at.indent, col: at.col + text.length + 1 }, inlineValues(context))}`;
  } else if (!bare) {
    text += `(${valueText(v, { indent: at.indent, col: at.col + text.length + 1 }, inlineValues(context))})`;
  }
  const flavors = flavorWords(q.flavors, type.flavors);
  return flavors.length > 0 ? `${text}: ${flavors.join(" ")}` : text;
}

/**
 * `[A, B(1)]` on one line when it fits, else one qualifier per line. Only the qualifiers written on the
 * element itself: propagated ones come back from the superclass or the overridden element.
 */
export function qualifierListText(
  qualifiers: readonly QualifierValue[],
  at: Layout,
  context: PrintContext,
): string | undefined {
  const own = qualifiers.filter((q) => !q.propagated);
  if (own.length === 0) return undefined;
  const inner = lineStart(at.indent + indentUnit);
  // The first qualifier follows the '['; the others start lines of their own when the list is split.
  const parts = own.map((q, i) =>
    qualifierText(q, i === 0 ? { indent: inner.indent, col: at.col + 1 } : inner, context),
  );
  const oneLine = `[${parts.join(", ")}]`;
  if (!oneLine.includes("\n") && at.col + oneLine.length <= lineWidth) return oneLine;
  return `[${parts.join(`,\n${inner.indent}`)}]`;
}

/**
 * `[qualifiers] declaration` on one line when the list is short and the whole fits (with `after` more
 * characters, such as the `);` after a parameter); otherwise the list on lines of its own above the
 * declaration. `declaration` prints at the layout it is given.
 */
export function withQualifiers(
  list: string | undefined,
  declaration: (at: Layout) => string,
  indent: string,
  after = 0,
): string {
  if (list === undefined) return declaration(lineStart(indent));
  if (!list.includes("\n")) {
    const col = indent.length + list.length + 1;
    const decl = declaration({ indent, col });
    if (!decl.includes("\n") && col + decl.length + after <= lineWidth) return `${list} ${decl}`;
  }
  return `${list}\n${indent}${declaration(lineStart(indent))}`;
}

/**
 * `Qualifier Name : type[] = default, Scope(...), Flavor(...);` with the flavors that differ from DSP0004's
 * defaults. A type that a WMI flavor-only declaration made (`qualifier Description : Amended;`: its type
 * comes from mofgen's table or from its uses) is printed in that form again.
 */
export function qualifierTypeText(q: QualifierType, context: PrintContext): string {
  if (q.origin !== "declared") {
    const base =
      (q.origin === "builtin" ? builtinQualifier(q.name, context.dialect)?.flavors : undefined) ?? defaultFlavors;
    const words = flavorWords(q.flavors, base);
    // The grammar needs at least one word; restating the override flavor changes nothing.
    if (words.length === 0) words.push(q.flavors.overridable ? "EnableOverride" : "DisableOverride");
    return `Qualifier ${q.name} : ${words.join(" ")};`;
  }
  let text = `Qualifier ${q.name} : ${q.type}${q.array ? "[]" : ""}`;
  if (q.default !== undefined) {
    text += ` = ${valueText(q.default, { indent: "", col: text.length + 3 }, inlineValues(context))}`;
  }
  if (q.scopes.size > 0) text += `, Scope(${[...q.scopes].join(", ")})`;
  const words = flavorWords(q.flavors, defaultFlavors);
  if (words.length > 0) text += `, Flavor(${words.join(", ")})`;
  return `${text};`;
}
