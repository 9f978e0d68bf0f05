import type { ArrayInfo, ClassModel, MethodModel, ParameterModel, QualifierValue } from "../../model/types.js";
import { fold } from "../../model/types.js";
import { longest } from "../../util/arrays.js";
import { qualifierText, syntaxValue, typeName } from "./values.js";

/**
 * The "simplified MOF" of the reference pages: a class with every property (inherited ones included, root class
 * first) and its default, and a method signature with directions and aligned columns. Plain text for a code
 * block; `codeBlock` fences it.
 */

/** Class qualifiers the syntax line leaves out: long prose that the page prints as its description. */
const proseQualifiers = new Set(["description", "displayname"]);

function arraySuffix(array: ArrayInfo | undefined): string {
  if (array === undefined) return "";
  return array.size === undefined ? "[]" : `[${array.size}]`;
}

function qualifierLine(qualifiers: readonly QualifierValue[]): string | undefined {
  const shown = qualifiers.filter((q) => !q.propagated && !proseQualifiers.has(fold(q.name)));
  if (shown.length === 0) return undefined;
  return `[${shown.map((q) => qualifierText(q, "")).join(", ")}]`;
}

/**
 * ```
 * [Dynamic, Provider("VmmsWmiInstanceAndMethodProvider")]
 * class Msvm_ImageManagementService : CIM_Service
 * {
 *   string   InstanceID;
 *   uint16   OperationalStatus[] = { 2 };
 * };
 * ```
 * The type column is as wide as the widest type plus one space; when the class has references (an association),
 * a `REF` column follows, as in the method syntax.
 */
export function classSyntax(cls: ClassModel): string {
  const lines: string[] = [];
  const qualifiers = qualifierLine(cls.qualifiers);
  if (qualifiers !== undefined) lines.push(qualifiers);
  lines.push(cls.superclass === undefined ? `class ${cls.name}` : `class ${cls.name} : ${cls.superclass}`);
  lines.push("{");
  const types = cls.properties.map((p) => typeName(p.type));
  const width = longest(types);
  const anyRef = cls.properties.some((p) => p.type.kind === "reference");
  cls.properties.forEach((p, i) => {
    const value = p.default === undefined || p.default.kind === "null" ? "" : ` = ${syntaxValue(p.default)}`;
    const ref = anyRef ? (p.type.kind === "reference" ? "REF " : "    ") : "";
    lines.push(`  ${(types[i] ?? "").padEnd(width)} ${ref}${p.name}${arraySuffix(p.array)}${value};`);
  });
  lines.push("};");
  return lines.join("\n");
}

/** `[in]`, `[out]` or `[in, out]`; a parameter marked neither is an input, as DSP0004 defaults `In` to true. */
export function direction(p: ParameterModel): "in" | "out" | "in, out" {
  if (p.in && p.out) return "in, out";
  return p.out ? "out" : "in";
}

/**
 * ```
 * uint32 CreateSnapshot(
 *   [in]      CIM_ComputerSystem           REF AffectedSystem,
 *   [in]      string                           SnapshotSettings,
 *   [in, out] CIM_VirtualSystemSettingData REF ResultingSnapshot,
 *   [out]     CIM_ConcreteJob              REF Job
 * );
 * ```
 * Three aligned columns: the direction, the type (as wide as the widest), and `REF` (only when some parameter
 * is a reference), then the name with its array brackets.
 */
export function methodSyntax(method: MethodModel): string {
  const head = `${typeName(method.returnType)} ${method.name}(`;
  if (method.parameters.length === 0) return `${head});`;
  const directions = method.parameters.map((p) => `[${direction(p)}]`);
  const types = method.parameters.map((p) => typeName(p.type));
  const dirWidth = longest(directions);
  const typeWidth = longest(types);
  const anyRef = method.parameters.some((p) => p.type.kind === "reference");
  const lines = method.parameters.map((p, i) => {
    const ref = anyRef ? (p.type.kind === "reference" ? "REF " : "    ") : "";
    const comma = i < method.parameters.length - 1 ? "," : "";
    const dir = (directions[i] ?? "").padEnd(dirWidth);
    return `  ${dir} ${(types[i] ?? "").padEnd(typeWidth)} ${ref}${p.name}${arraySuffix(p.array)}${comma}`;
  });
  return [head, ...lines, ");"].join("\n");
}
