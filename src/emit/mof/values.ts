import { stringLiteral, stringLiterals } from "../../model/literals.js";
import { mofValueText } from "../../model/mof-text.js";
import type { CimValue, InstanceModel } from "../../model/types.js";
import { indentUnit, type Layout, lineWidth } from "./context.js";

/**
 * Values as MOF literals. Convention of every `...Text` function of this printer: the result's first line has
 * no indentation (it continues the line at `at.col`); its further lines carry their full indentation.
 */

export interface ValueOptions {
  /**
   * Print embedded instances as MOF text inside a string: the form an `EmbeddedInstance` string property
   * needs (compiling that string gives the embedded instance back). Otherwise `instance of X { ... }` inline,
   * which object- and class-typed (WMI) elements take.
   */
  readonly instancesAsStrings: boolean;
  /** Prints an embedded instance (without the final ';'), its property values one level in from `at.indent`. */
  readonly instance: (instance: InstanceModel, at: Layout) => string;
}

/**
 * A value as MOF. Integers and reals keep the literal they were written as (`0x8000`, `1.5e3`): it gives the
 * same value, and the model's `text` survives the round trip too. Datetimes are strings; references are
 * `$alias` or the object path as a string.
 */
export function valueText(v: CimValue, at: Layout, options: ValueOptions): string {
  switch (v.kind) {
    case "null":
    case "boolean":
    case "integer":
    case "real":
    case "char16":
      return mofValueText(v);
    case "string":
    case "datetime":
      return stringText(v.value, at);
    case "reference":
      if (v.alias !== undefined) return `$${v.alias}`;
      return v.path !== undefined ? stringText(v.path, at) : "null";
    case "instance":
      if (!options.instancesAsStrings) return options.instance(v.instance, at);
      return stringText(`${options.instance(v.instance, { indent: "", col: 0 })};`, at);
    case "array":
      return arrayText(v.elements, at, options);
  }
}

/** A string that does not fit the line is split into adjacent literals on continuation lines. */
function stringText(value: string, at: Layout): string {
  const whole = stringLiteral(value);
  if (at.col + whole.length <= lineWidth) return whole;
  const continuation = at.indent + indentUnit;
  // Room for the quotes and the two characters that may follow (`),` or `")]`); never narrower than 20.
  const width = Math.max(20, lineWidth - continuation.length - 4);
  const literals = stringLiterals(value, width, Math.max(20, lineWidth - at.col - 4));
  return literals.join(`\n${continuation}`);
}

/**
 * `{a, b}` on one line when it fits; else elements packed into lines of `lineWidth`; an element that spans
 * lines itself (an embedded instance, a split string) puts every element on its own line between `{` and `}`.
 */
function arrayText(elements: readonly CimValue[], at: Layout, options: ValueOptions): string {
  if (elements.length === 0) return "{}";
  const inner = at.indent + indentUnit;
  const parts = elements.map((e) => valueText(e, { indent: inner, col: inner.length }, options));
  if (parts.some((p) => p.includes("\n"))) {
    return `{\n${parts.map((p) => inner + p).join(",\n")}\n${at.indent}}`;
  }
  const oneLine = `{${parts.join(", ")}}`;
  if (at.col + oneLine.length <= lineWidth) return oneLine;
  const lines: string[] = [];
  let line = "{";
  let col = at.col + 1;
  let lineEmpty = true;
  parts.forEach((p, i) => {
    const piece = `${p}${i === parts.length - 1 ? "}" : ","}`;
    if (!lineEmpty && col + 1 + piece.length > lineWidth) {
      lines.push(line);
      line = inner;
      col = inner.length;
      lineEmpty = true;
    }
    const sep = lineEmpty ? "" : " ";
    line += sep + piece;
    col += sep.length + piece.length;
    lineEmpty = false;
  });
  lines.push(line);
  return lines.join("\n");
}
