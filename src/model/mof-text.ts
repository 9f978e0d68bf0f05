import type { ArrayInfo, DataType } from "./types.js";

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
