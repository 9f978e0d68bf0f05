import { mofTypeText, mofValueText, type ValueTextStyle } from "../model/mof-text.js";
import type { ArrayInfo, CimValue, DataType } from "../model/types.js";

/**
 * The MOF-like texts that changes carry as `before` and `after`: short, one line, the way a reader of the
 * schema writes them (`uint16[]`, `CIM_System REF`, `"Enabled"`).
 */

/** The type as declared, with array brackets (and the fixed size when there is one). */
export function typeText(type: DataType, array: ArrayInfo | undefined): string {
  return mofTypeText(type, { array });
}

/**
 * A value as MOF writes it, on one line: integers by value (so `0x10` and `16` compare and print alike), strings
 * as JSON strings, char16 unescaped; embedded instances are shown by class only.
 */
const diffValueStyle: ValueTextStyle = { integers: "decimal", strings: "json", char16: "bare" };

export function valueText(v: CimValue): string {
  return mofValueText(v, diffValueStyle);
}
