import { foldName, intrinsicTypeNames } from "@mofgen/runtime/values";
import type { DataTypeRef, Identifier, IntrinsicType } from "../ast/nodes.js";
import { distance } from "../util/spelling.js";
import { selfSpanned, unsetSpan } from "./self-spans.js";

export const intrinsicTypes: ReadonlySet<string> = new Set<IntrinsicType>(intrinsicTypeNames);

const intrinsicByName = new Map([...intrinsicTypes].map((t) => [t, t as IntrinsicType]));

/** Classify a type name as written: a CIM intrinsic type, WMI `object` / `void`, or a class name. */
export function dataTypeOf(name: Identifier): DataTypeRef {
  const lower = foldName(name.name);
  const { file, start, end } = name;
  // The set's own string, not the lower-cased copy: the tree keeps one per typed element.
  const intrinsic = intrinsicByName.get(lower);
  if (intrinsic !== undefined)
    return selfSpanned({ kind: "intrinsic", name: intrinsic, file, start, end, span: unsetSpan });
  if (lower === "object") return selfSpanned({ kind: "object", file, start, end, span: unsetSpan });
  if (lower === "void") return selfSpanned({ kind: "void", file, start, end, span: unsetSpan });
  return { kind: "class", className: name, span: name };
}

/** Type names from other languages (and MOF 3.0's `Integer`) and the CIM types they were probably meant as. */
const lookalikes: Record<string, readonly string[]> = {
  int: ["sint32"],
  integer: ["sint32", "sint64"],
  bool: ["boolean"],
  float: ["real32"],
  double: ["real64"],
  char: ["char16"],
  byte: ["uint8"],
  datetimes: ["datetime"],
};

/** Why a lookalike is not CIM, where the reason is worth saying. */
const lookalikeNotes: Record<string, string> = { integer: "'Integer' is MOF 3.0" };

/**
 * The hint for a type name that is not a CIM type but looks like one: `did you mean 'uint16'?`, or
 * `did you mean 'sint32' or 'sint64'? ('Integer' is MOF 3.0)`; undefined when the name looks like a class name.
 * Each suggested type is quoted on its own, and a note stays outside the quotes.
 */
export function didYouMean(name: string): string | undefined {
  const types = suspectedIntrinsic(name);
  if (types === undefined) return undefined;
  const note = lookalikeNotes[name.toLowerCase()];
  return `did you mean ${types.map((t) => `'${t}'`).join(" or ")}?${note === undefined ? "" : ` (${note})`}`;
}

/**
 * The intrinsic type a class-looking type name was probably meant to be (`unit16` -> `uint16`,
 * `int32` -> `sint32`), or undefined when the name looks like a real class name. Class names nearly always
 * carry a schema prefix (`CIM_`, `Msvm_`), so names with an underscore are never suspected.
 */
export function suspectedIntrinsic(name: string): readonly string[] | undefined {
  const lower = name.toLowerCase();
  if (lower.includes("_")) return undefined;
  const known = lookalikes[lower];
  if (known !== undefined) return known;
  const m = /^u?int(8|16|32|64)$/.exec(lower);
  if (m) return [lower.startsWith("u") ? `uint${m[1]}` : `sint${m[1]}`];
  if (lower.length < 5) return undefined;
  for (const t of intrinsicTypes) if (distance(lower, t) <= 1) return [t];
  return undefined;
}
