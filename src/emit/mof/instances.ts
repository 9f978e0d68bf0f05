import type { ClassModel, InstanceModel, PropertyValueModel } from "../../model/types.js";
import { fold } from "../../model/types.js";
import { indentUnit, type Layout, lineStart, type PrintContext } from "./context.js";
import { qualifierListText, withQualifiers } from "./qualifiers.js";
import { valueText } from "./values.js";

/**
 * `instance of X as $alias {` ... `}` without the final ';' (an inline value is followed by the ';' of the
 * property it initialises). Property values are indented one level from `at.indent`.
 */
export function instanceText(instance: InstanceModel, at: Layout, context: PrintContext): string {
  const alias = instance.alias !== undefined ? ` as $${instance.alias}` : "";
  const inner = at.indent + indentUnit;
  const cls = context.classNamed(instance.className);
  const lines = [`instance of ${instance.className}${alias} {`];
  for (const pv of instance.properties) lines.push(inner + propertyValueText(pv, cls, inner, context));
  lines.push(`${at.indent}}`);
  return lines.join("\n");
}

/** A top-level instance declaration: its qualifiers on a line of their own, then the instance and ';'. */
export function instanceDeclarationText(instance: InstanceModel, context: PrintContext): string {
  const list = qualifierListText(instance.qualifiers, lineStart(""), context);
  const body = `${instanceText(instance, lineStart(""), context)};`;
  return list === undefined ? body : `${list}\n${body}`;
}

/**
 * `Name = value;`. An embedded instance given to an `EmbeddedInstance` string property is printed as MOF in
 * a string (an inline `instance of` is not a string), one given to an object- or class-typed property inline.
 */
function propertyValueText(
  pv: PropertyValueModel,
  cls: ClassModel | undefined,
  indent: string,
  context: PrintContext,
): string {
  const property = cls?.propertyByName.get(fold(pv.name));
  const options = {
    instancesAsStrings: property !== undefined && property.type.kind === "intrinsic",
    instance: context.instance,
  };
  const list = qualifierListText(pv.qualifiers, lineStart(indent), context);
  return withQualifiers(
    list,
    (at) => {
      const head = `${pv.name} = `;
      return `${head}${valueText(pv.value, { indent: at.indent, col: at.col + head.length }, options)};`;
    },
    indent,
  );
}
