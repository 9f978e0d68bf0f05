import { char16Literal, stringLiteral } from "./literals.js";
import type { ArrayInfo, CimValue, DataType } from "./types.js";

/**
 * Types (and, below, values) written as MOF text: one renderer for the MOF printer, the reference pages, the
 * differ and the model's own messages, each choosing its style with options instead of keeping a copy.
 */

export interface TypeTextOptions {
  /**
   * Array brackets after the type: none (`false`, the default), `[]` (`true`), or the element's array info
   * (`[]`, or `[n]` for a DSP0004 fixed size). `void` never takes brackets.
   */
  readonly array?: boolean | ArrayInfo | undefined;
  /**
   * Write ` REF` after a reference's class (the default, as a declaration does); the reference pages' syntax
   * blocks give REF its own column and leave it out here.
   */
  readonly ref?: boolean;
}

/** A type as a declaration writes it: `uint32`, `CIM_Foo REF`, WMI `object` and `object REF`, `Msvm_Foo`. */
export function mofTypeText(type: DataType, options: TypeTextOptions = {}): string {
  const brackets = options.array === undefined || options.array === false ? "" : arraySuffix(options.array);
  switch (type.kind) {
    case "intrinsic":
      return `${type.name}${brackets}`;
    case "reference":
      return `${type.className ?? "object"}${options.ref === false ? "" : " REF"}${brackets}`;
    case "object":
      return `object${brackets}`;
    case "instance":
      return `${type.className}${brackets}`;
    case "void":
      return "void";
  }
}

/** `[]`, or `[n]` for a fixed size; empty for a scalar (undefined). */
export function arraySuffix(array: ArrayInfo | true | undefined): string {
  if (array === undefined) return "";
  return array === true || array.size === undefined ? "[]" : `[${array.size}]`;
}

/**
 * How a one-line value is written. The defaults are MOF's own literals; the reference pages and the differ each
 * pick their style (see `docsValueStyle` and `diffValueStyle` where they are used).
 */
export interface ValueTextStyle {
  /**
   * `null`, `true`, `false` as MOF writes them (default), `Null`, `True`, `False` as the reference pages do, or
   * `NULL`, `TRUE`, `FALSE` (the upper case many MOF files and some reference pages use).
   */
  readonly keywords?: "mof" | "title" | "upper";
  /** Integers as written (`0x8000`, default), or as their decimal value. */
  readonly integers?: "written" | "decimal";
  /**
   * Strings, datetimes and reference paths as MOF literals with DSP0004 escapes (default), or as JSON strings;
   * `page`: strings and datetimes between quotes as they are, as Microsoft's "simplified MOF" prints them
   * (`"Microsoft:GUID\\DeviceSpecificData"`), escaping only a quote or a line break, which would end the string or
   * the line (reference paths keep MOF's escapes).
   */
  readonly strings?: "mof" | "json" | "page";
  /** char16 as a MOF literal with escapes (default), or the character between single quotes as it is. */
  readonly char16?: "mof" | "bare";
  /** Arrays as `{a, b}` (default), or `{ a, b }` and `{ }` with spaces inside the braces. */
  readonly arrays?: "tight" | "spaced";
  /** An empty array as `arrays` writes it (default), or always `{}`. */
  readonly emptyArrays?: "as-arrays" | "tight";
  /**
   * A one-element array in braces (default), or `bare`: its element alone, as some reference pages print a
   * default (`OperationalStatus[] = 2`). Not MOF: only for pages.
   */
  readonly singleElement?: "braces" | "bare";
}

/**
 * A value as MOF text on one line. Reals keep the literal they were written as (the model's `text`); a real
 * without one gets MOF's '.' (5 -> 5.0). References are `$alias` or their path as a string; an embedded
 * instance is `instance of Class` (its full text is not one line: the MOF printer lays those out itself).
 */
export function mofValueText(v: CimValue, style: ValueTextStyle = {}): string {
  switch (v.kind) {
    case "null":
      return keywordText("null", style);
    case "boolean":
      return keywordText(v.value ? "true" : "false", style);
    case "integer":
      return style.integers === "decimal" || v.text === "" ? v.value.toString() : v.text;
    case "real":
      return v.text !== "" ? v.text : realText(v.value);
    case "char16":
      return style.char16 === "bare" ? `'${v.value}'` : char16Literal(v.value);
    case "string":
    case "datetime":
      return stringText(v.value, style);
    case "reference":
      if (v.alias !== undefined) return `$${v.alias}`;
      return style.strings === "json" ? JSON.stringify(v.path ?? "") : stringLiteral(v.path ?? "");
    case "instance":
      return `instance of ${v.instance.className}`;
    case "array": {
      const parts = v.elements.map((e) => mofValueText(e, style));
      if (parts.length === 1 && style.singleElement === "bare") return parts[0] ?? "";
      if (parts.length === 0 && style.emptyArrays === "tight") return "{}";
      if (style.arrays !== "spaced") return `{${parts.join(", ")}}`;
      return parts.length === 0 ? "{ }" : `{ ${parts.join(", ")} }`;
    }
  }
}

function keywordText(word: "null" | "true" | "false", style: ValueTextStyle): string {
  if (style.keywords === "upper") return word.toUpperCase();
  if (style.keywords === "title") return `${word.charAt(0).toUpperCase()}${word.slice(1)}`;
  return word;
}

function stringText(value: string, style: ValueTextStyle): string {
  if (style.strings === "json") return JSON.stringify(value);
  if (style.strings === "page") return `"${value.replace(/["\r\n]/g, (c) => pageEscapes[c] ?? c)}"`;
  return stringLiteral(value);
}

/** The only escapes Microsoft's simplified MOF keeps: what would end the string or the line. */
const pageEscapes: Readonly<Record<string, string>> = { '"': '\\"', "\n": "\\n", "\r": "\\r" };

/**
 * A real that has no written form (the compiler always keeps one; a hand-built model may not). MOF needs a '.'
 * before any exponent: 5 -> 5.0, 1e+21 -> 1.0e+21. NaN and infinities have no MOF literal at all.
 */
export function realText(value: number): string {
  const [mantissa = "", exponent] = String(value).split("e");
  const withPoint = mantissa.includes(".") ? mantissa : `${mantissa}.0`;
  return exponent === undefined ? withPoint : `${withPoint}e${exponent}`;
}
