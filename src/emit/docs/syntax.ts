import type { ValueTextStyle } from "../../model/mof-text.js";
import { isTrue } from "../../model/qualifiers.js";
import type {
  ArrayInfo,
  ClassModel,
  MethodModel,
  ParameterModel,
  PropertyModel,
  QualifierValue,
} from "../../model/types.js";
import { fold } from "../../model/types.js";
import { longest } from "../../util/arrays.js";
import type { DocsStyle } from "./options.js";
import { docsValueStyle, microsoftValueStyle, qualifierText, syntaxValue, typeName } from "./values.js";

/**
 * The "simplified MOF" of the reference pages: a class with the properties its page lists (every one, inherited
 * ones included in class origin order, or those it declares: see view-class.ts) and their defaults, and a method
 * signature with directions and aligned columns. Plain text for a code
 * block; `codeBlock` fences it.
 */

/**
 * Class qualifiers the syntax line leaves out: long prose that the page prints as its description. Microsoft's
 * pages keep `DisplayName` (all 21 HyperV_v2 classes whose MOF has one print it), so the Microsoft style does.
 */
const proseQualifiers: Readonly<Record<DocsStyle, ReadonlySet<string>>> = {
  dmtf: new Set(["description", "displayname"]),
  microsoft: new Set(["description"]),
};

function arraySuffix(array: ArrayInfo | undefined): string {
  if (array === undefined) return "";
  return array.size === undefined ? "[]" : `[${array.size}]`;
}

/** The qualifiers DSP0004's grammar (Annex A, `assocDeclaration`, `indicDeclaration`) puts first. */
const leadingQualifiers = new Set(["association", "indication"]);

/**
 * The class's own qualifiers as written, except that `Association` and `Indication` lead, where DSP0004's grammar
 * puts them (`[Association, Abstract, ...]`) and the reference pages print them, wherever a MOF wrote them.
 */
function qualifierLine(
  qualifiers: readonly QualifierValue[],
  style: DocsStyle,
  order: "grammar" | "written",
): string | undefined {
  const own = qualifiers.filter((q) => !q.propagated && !proseQualifiers[style].has(fold(q.name)));
  const shown =
    order === "written"
      ? own
      : [
          ...own.filter((q) => leadingQualifiers.has(fold(q.name))),
          ...own.filter((q) => !leadingQualifiers.has(fold(q.name))),
        ];
  if (shown.length === 0) return undefined;
  return `[${shown.map((q) => qualifierText(q, "")).join(", ")}]`;
}

/** What a page may choose about its Syntax block beyond the style (the Microsoft style's rules and the overlay). */
export interface ClassSyntaxLayout {
  /** The value style of a property's default; by default the style's own (`docsValueStyle`, `microsoftValueStyle`). */
  readonly defaultStyle?: (p: PropertyModel) => ValueTextStyle;
  /** The qualifier line's order (default `grammar`: Association and Indication first). */
  readonly qualifierOrder?: "grammar" | "written";
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
export function classSyntax(
  cls: ClassModel,
  properties: readonly PropertyModel[] = cls.properties,
  style: DocsStyle = "dmtf",
  layout: ClassSyntaxLayout = {},
): string {
  const valueStyle = style === "microsoft" ? microsoftValueStyle : docsValueStyle;
  const defaultStyle = layout.defaultStyle ?? (() => valueStyle);
  const lines: string[] = [];
  const qualifiers = qualifierLine(cls.qualifiers, style, layout.qualifierOrder ?? "grammar");
  if (qualifiers !== undefined) lines.push(qualifiers);
  lines.push(cls.superclass === undefined ? `class ${cls.name}` : `class ${cls.name} : ${cls.superclass}`);
  lines.push("{");
  const types = properties.map((p) => typeName(p.type));
  const width = longest(types);
  const anyRef = properties.some((p) => p.type.kind === "reference");
  properties.forEach((p, i) => {
    const value =
      p.default === undefined || p.default.kind === "null" ? "" : ` = ${syntaxValue(p.default, defaultStyle(p))}`;
    const ref = anyRef ? (p.type.kind === "reference" ? "REF " : "    ") : "";
    lines.push(`  ${(types[i] ?? "").padEnd(width)} ${ref}${p.name}${arraySuffix(p.array)}${value};`);
  });
  lines.push("};");
  return lines.join("\n");
}

/**
 * `in`, `out` or `in, out`, then `, optional` for a parameter marked `Optional` (`[out, optional]`, as
 * Microsoft's pages write it); a parameter marked neither In nor Out is an input, as DSP0004 defaults `In` to true.
 */
export function direction(p: ParameterModel): string {
  const way = p.in && p.out ? "in, out" : p.out ? "out" : "in";
  return isTrue(p.qualifiers, "optional") ? `${way}, optional` : way;
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
