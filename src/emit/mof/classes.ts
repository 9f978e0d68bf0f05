import { arraySuffix, mofTypeText } from "../../model/mof-text.js";
import type { ClassModel, MethodModel, ParameterModel, PropertyModel, QualifierValue } from "../../model/types.js";
import { fold } from "../../model/types.js";
import { indentUnit, type Layout, lineStart, lineWidth, type PrintContext } from "./context.js";
import { qualifierListText, withQualifiers } from "./qualifiers.js";
import { type ValueOptions, valueText } from "./values.js";

/**
 * `[qualifiers] class Name as $Alias : Superclass { ... };` with only what the class declares: its own
 * qualifiers, properties, references and methods (properties first, each kind in declaration order).
 */
export function classText(c: ClassModel, context: PrintContext): string {
  const lines: string[] = [];
  const list = qualifierListText(c.qualifiers, lineStart(""), context);
  if (list !== undefined) lines.push(list);
  const alias = c.alias !== undefined ? ` as $${c.alias}` : "";
  const superclass = c.superclass !== undefined ? ` : ${c.superclass}` : "";
  lines.push(`class ${c.name}${alias}${superclass} {`);
  const inherited = c.superclass !== undefined ? context.classNamed(c.superclass) : undefined;
  const members = [
    ...c.ownProperties.map((p) => propertyText(p, inherited, context)),
    ...c.ownMethods.map((m) => methodText(m, context)),
  ];
  lines.push(members.map((m) => indentUnit + m).join("\n\n"));
  lines.push("};");
  return lines.filter((l) => l !== "").join("\n");
}

function inlineValues(context: PrintContext): ValueOptions {
  return { instancesAsStrings: false, instance: context.instance };
}

/** The string value of the element's own Override qualifier, if any. */
function overrideTarget(qualifiers: readonly QualifierValue[]): string | undefined {
  const q = qualifiers.find((x) => !x.propagated && fold(x.name) === "override");
  return q?.value.kind === "string" ? q.value.value : undefined;
}

function propertyText(p: PropertyModel, superclass: ClassModel | undefined, context: PrintContext): string {
  // A redeclared property without a default of its own carries the inherited default object itself: leave it
  // out, so that it is inherited again (and never converted to a changed type).
  const overridden = superclass?.propertyByName.get(fold(overrideTarget(p.qualifiers) ?? p.name));
  const ownDefault = p.default !== undefined && p.default !== overridden?.default ? p.default : undefined;
  const list = qualifierListText(p.qualifiers, lineStart(indentUnit), context);
  return withQualifiers(
    list,
    (at) => {
      const decl = `${mofTypeText(p.type)} ${p.name}${arraySuffix(p.array)}`;
      if (ownDefault === undefined) return `${decl};`;
      const value = valueText(ownDefault, { indent: at.indent, col: at.col + decl.length + 3 }, inlineValues(context));
      return `${decl} = ${value};`;
    },
    indentUnit,
  );
}

function parameterText(p: ParameterModel, indent: string, context: PrintContext): string {
  const list = qualifierListText(p.qualifiers, lineStart(indent), context);
  return withQualifiers(
    list,
    (at) => {
      const decl = `${mofTypeText(p.type)} ${p.name}${arraySuffix(p.array)}`;
      if (p.default === undefined) return decl;
      const value = valueText(p.default, { indent: at.indent, col: at.col + decl.length + 3 }, inlineValues(context));
      return `${decl} = ${value}`;
    },
    indent,
    2, // the ',' or ');' that follows a parameter
  );
}

/** `type Name(parameters);` on one line when it fits, else one parameter per line. */
function methodText(m: MethodModel, context: PrintContext): string {
  const list = qualifierListText(m.qualifiers, lineStart(indentUnit), context);
  return withQualifiers(list, (at: Layout) => signatureText(m, at, context), indentUnit);
}

function signatureText(m: MethodModel, at: Layout, context: PrintContext): string {
  const head = `${mofTypeText(m.returnType)} ${m.name}(`;
  const inner = at.indent + indentUnit;
  const parameters = m.parameters.map((p) => parameterText(p, inner, context));
  const oneLine = `${head}${parameters.join(", ")});`;
  if (!oneLine.includes("\n") && at.col + oneLine.length <= lineWidth) return oneLine;
  return `${head}\n${parameters.map((p) => inner + p).join(",\n")});`;
}
