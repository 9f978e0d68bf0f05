import type { IntegerValue, StringValue, Value } from "../ast/nodes.js";
import { Diagnostics, diag } from "../diagnostics/catalog.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { WrittenString } from "./types.js";

/** A ValueMap or Values element that stands for no string: a real, a boolean, null, a char16... */
export type OtherElement = Exclude<Value, StringValue | IntegerValue>;

/**
 * The elements of a ValueMap or Values value that are neither strings nor integers (an integer stands for its
 * text, as mofcomp reads it). Nearly every list holds strings only: the empty answer is one shared array.
 */
export function otherElements(value: Value): readonly OtherElement[] {
  const elements = value.kind === "arrayValue" ? value.elements : [value];
  let others: OtherElement[] | undefined;
  for (const e of elements) {
    if (e.kind === "string" || e.kind === "integer") continue;
    if (others === undefined) others = [];
    others.push(e);
  }
  return others ?? none;
}

const none: readonly OtherElement[] = [];

/**
 * MOF3013 for one such element, or nothing for a bare word (an undefined macro, parsed as null and reported as
 * such, MOF1212). This is the one report of the fault: the value check says nothing more about the element
 * (its "must be a string" would repeat the same fault, less precisely), and the value map reader only leaves
 * it out.
 */
export function otherElementDiagnostic(e: OtherElement, qualifier: "ValueMap" | "Values"): Diagnostic | undefined {
  const other = otherElement(e);
  const bareWord = e.kind === "null" && other.value.toLowerCase() !== "null";
  return bareWord ? undefined : diag(Diagnostics.ValueMapElementKind, e, qualifier, other.value, other.notText);
}

/** An element that stands for no string: its text as written (for messages), and what it is. */
export function otherElement(v: OtherElement): WrittenString & { notText: string } {
  const notText = kindWords[v.kind];
  // Short literals are shown as written (TRUE, 1.5e0); an instance or array by what it is.
  const value =
    v.kind === "instanceValue"
      ? `instance of ${v.instance.className.name}`
      : v.kind === "arrayValue"
        ? "{...}"
        : v.file.text.slice(v.start, v.end);
  return { value, span: v, notText };
}

const kindWords: Readonly<Record<OtherElement["kind"], string>> = {
  real: "a real number",
  boolean: "a boolean",
  null: "the null value",
  char16: "a char16",
  alias: "an alias",
  instanceValue: "an embedded instance",
  arrayValue: "an array",
};
