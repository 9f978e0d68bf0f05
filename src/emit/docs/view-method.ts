import type { ClassModel, MethodModel, ParameterModel } from "../../model/types.js";
import type { DocsContext } from "./context.js";
import { type CodeBlock, codeBlock, escapeInline } from "./markdown.js";
import { relativeLink } from "./paths.js";
import { direction, methodSyntax } from "./syntax.js";
import { typeName, type ValueItem, valueItems } from "./values.js";
import {
  type ExampleView,
  examplesOf,
  generatedNote,
  mofFileOf,
  notesOf,
  type RequirementRow,
  requirementRows,
} from "./view-common.js";
import { methodQualifierRows, type QualifierRow } from "./view-dmtf.js";

export interface ParameterView {
  readonly name: string;
  /** `\[in\]`, `\[out\]` or `\[in, out\]`: the marker the reference pages put after the name. */
  readonly direction: string;
  /** The `Type:` line's value: `**uint16**`, `**string** array`, `[**CIM\_ConcreteJob**](...)` (a reference). */
  readonly type: string;
  readonly description: string;
  readonly values: readonly ValueItem[];
  readonly notes: readonly string[];
}

export interface MethodPageView {
  readonly generatedNote: string;
  readonly className: string;
  readonly name: string;
  /** True in the DMTF style: the qualifier table is shown, not folded away. */
  readonly dmtf: boolean;
  readonly description: string;
  readonly syntax: CodeBlock;
  readonly parameters: readonly ParameterView[];
  /** The return type, escaped (`uint32`). */
  readonly returnType: string;
  readonly returnValues: readonly ValueItem[];
  readonly notes: readonly string[];
  readonly examples: readonly ExampleView[];
  readonly requirements: readonly RequirementRow[];
  readonly seeAlso: readonly string[];
  readonly qualifiers: readonly QualifierRow[];
}

/**
 * A parameter's type as the `Type:` lines of Microsoft's method pages print it (DefineSystem: `**string**`,
 * `**string\[\]**`, a reference as its class `**CIM\_ConcreteJob**`, here linked to its page); the DMTF style
 * writes `**string** array` and adds the word `reference`.
 */
function parameterType(context: DocsContext, page: string, cls: ClassModel, p: ParameterModel): string {
  const dmtf = context.options.style === "dmtf";
  const brackets = p.array === undefined ? "" : escapeInline(`[${p.array.size ?? ""}]`);
  const array = p.array === undefined ? "" : " array";
  if (p.type.kind === "reference") {
    const name = p.type.className;
    if (dmtf)
      return `${name === undefined ? "**object**" : context.classLink(page, name, cls.namespace)} reference${array}`;
    const bold = `**${escapeInline(name ?? "object")}${brackets}**`;
    const found = name === undefined ? undefined : context.findClass(name, cls.namespace);
    return found === undefined ? bold : `[${bold}](${relativeLink(page, context.classPage(found))})`;
  }
  const type = escapeInline(typeName(p.type));
  return dmtf ? `**${type}**${array}` : `**${type}${brackets}**`;
}

function parameterView(
  context: DocsContext,
  page: string,
  cls: ClassModel,
  m: MethodModel,
  p: ParameterModel,
): ParameterView {
  return {
    name: escapeInline(p.name),
    direction: `\\[${direction(p)}\\]`,
    type: parameterType(context, page, cls, p),
    description: context.paragraphs(context.description(cls, p.qualifiers, m.name, p.name)),
    values: valueItems(context.valueMap(cls, p.valueMap, m.name, p.name)),
    notes: notesOf(context.memberOverlay(cls, [m.name, p.name])),
  };
}

/** The page of a method that `cls` declares (new or overriding). */
export function methodPageView(context: DocsContext, cls: ClassModel, m: MethodModel): MethodPageView {
  const page = context.methodPage(cls, m.name);
  const overlay = context.memberOverlay(cls, [m.name]);
  const classOverlay = context.overlay(cls.namespace, [cls.name]);
  return {
    generatedNote: generatedNote(mofFileOf(cls)),
    className: escapeInline(cls.name),
    name: escapeInline(m.name),
    dmtf: context.options.style === "dmtf",
    description: context.paragraphs(context.description(cls, m.qualifiers, m.name)),
    syntax: codeBlock(methodSyntax(m), "mof"),
    parameters: m.parameters.map((p) => parameterView(context, page, cls, m, p)),
    returnType: escapeInline(typeName(m.returnType)),
    returnValues: valueItems(context.valueMap(cls, m.valueMap, m.name)),
    notes: notesOf(overlay),
    examples: examplesOf(overlay),
    requirements: requirementRows(cls, context.requirements(overlay, classOverlay), context.options.style),
    seeAlso: [context.classLink(page, cls.name, cls.namespace)],
    qualifiers: methodQualifierRows(m, context.valueCells),
  };
}
