import { mofTypeText } from "../model/mof-text.js";
import type { ArrayInfo, CimValue, DataType } from "../model/types.js";

/**
 * The MOF-like texts that changes carry as `before` and `after`: short, one line, the way a reader of the
 * schema writes them (`uint16[]`, `CIM_System REF`, `"Enabled"`).
 */

/** The type as declared, with array brackets (and the fixed size when there is one). */
export function typeText(type: DataType, array: ArrayInfo | undefined): string {
  return mofTypeText(type, { array });
}

/** A value as MOF writes it; embedded instances are shown by class only (their full text is not one line). */
export function valueText(v: CimValue): string {
  switch (v.kind) {
    case "null":
      return "null";
    case "boolean":
      return v.value ? "true" : "false";
    case "integer":
      return v.value.toString();
    case "real":
      return v.text;
    case "string":
    case "datetime":
      return JSON.stringify(v.value);
    case "char16":
      return `'${v.value}'`;
    case "reference":
      return v.alias !== undefined ? `$${v.alias}` : JSON.stringify(v.path ?? "");
    case "instance":
      return `instance of ${v.instance.className}`;
    case "array":
      return `{${v.elements.map(valueText).join(", ")}}`;
  }
}
