import { isTrue } from "../../model/qualifiers.js";
import type { ClassModel, DataType, MethodModel, ParameterModel, PropertyModel, ValueMap } from "../../model/types.js";
import { is64, type NamespaceContext, orderedParameters } from "./context.js";
import { docComment } from "./jsdoc.js";
import type { ModuleScope } from "./module-scope.js";
import { stringLiteral as literal } from "./names.js";
import type { RawStatement } from "./print.js";
import { schemaSymbol } from "./symbols.js";
import { elementType, returnType } from "./type-map.js";

/**
 * `C_Schema`: the class's run-time `ClassSchema` (runtime `schema.ts`) with its effective properties and methods,
 * parameters in ID order, value maps (the shared label tables of `value-maps.ts`), and the required / key /
 * static / referenceClass / embeddedClass facts the provider host validates with. Typed `: ClassSchema` rather than
 * `as const`: the host reads it as data, and literal types for ~1,600 CIM classes would only slow the type checker.
 * A data statement (see `print.ts`): one entry per line, every string through `stringLiteral`.
 */
export function classSchema(cls: ClassModel, ctx: NamespaceContext, scope: ModuleScope): RawStatement {
  const lines = docComment({
    notes: [`Run-time schema of ${cls.name}: effective properties and methods, for validation.`],
  });
  lines.push(`export const ${schemaSymbol(cls)}: ${scope.runtime("ClassSchema")} = {`);
  lines.push(`  name: ${str(cls.name)},`, `  namespace: ${str(cls.namespace)},`);
  if (cls.superclass !== undefined) lines.push(`  superclass: ${str(cls.superclass)},`);
  if (cls.abstract) lines.push("  abstract: true,");
  if (cls.association) lines.push("  association: true,");
  list(lines, "  ", "properties", cls.properties, (p, indent) => {
    lines.push(`${indent}${propertyEntry(p, ctx, scope)},`);
  });
  list(lines, "  ", "methods", cls.methods, (m, indent) => {
    lines.push(`${indent}{`);
    for (const field of methodFields(m, ctx, scope)) lines.push(`${indent}  ${field},`);
    list(lines, `${indent}  `, "parameters", orderedParameters(m), (p, inner) => {
      lines.push(`${inner}${parameterEntry(p, ctx, scope)},`);
    });
    lines.push(`${indent}},`);
  });
  lines.push("};");
  return { kind: "raw", lines };
}

// The same few names (class origins, type names) fill every schema: quote each once.
const quoted = new Map<string, string>();
function str(text: string): string {
  let q = quoted.get(text);
  if (q === undefined) {
    q = literal(text);
    if (quoted.size < 100_000) quoted.set(text, q);
  }
  return q;
}

function list<T>(
  lines: string[],
  indent: string,
  name: string,
  items: readonly T[],
  write: (item: T, indent: string) => void,
) {
  if (items.length === 0) {
    lines.push(`${indent}${name}: [],`);
    return;
  }
  lines.push(`${indent}${name}: [`);
  for (const item of items) write(item, `${indent}  `);
  lines.push(`${indent}],`);
}

function propertyEntry(p: PropertyModel, ctx: NamespaceContext, scope: ModuleScope): string {
  const fields = elementFields(p, ctx, scope);
  if (p.key) fields.push("key: true");
  fields.push(`classOrigin: ${str(p.classOrigin)}`);
  return `{ ${fields.join(", ")} }`;
}

function parameterEntry(p: ParameterModel, ctx: NamespaceContext, scope: ModuleScope): string {
  const fields = elementFields(p, ctx, scope);
  fields.push(`in: ${p.in}`, `out: ${p.out}`);
  return `{ ${fields.join(", ")} }`;
}

function methodFields(m: MethodModel, ctx: NamespaceContext, scope: ModuleScope): string[] {
  const fields = [`name: ${str(m.name)}`];
  if (m.static) fields.push("static: true");
  const returnCim = returnType(m, ctx.findClass).cim;
  if (returnCim !== undefined) fields.push(`returnType: ${str(returnCim)}`);
  if (m.valueMap !== undefined) fields.push(`returnValueMap: ${table(m.valueMap, m.returnType, scope)}`);
  fields.push(`classOrigin: ${str(m.classOrigin)}`);
  return fields;
}

function elementFields(e: PropertyModel | ParameterModel, ctx: NamespaceContext, scope: ModuleScope): string[] {
  const t = elementType(e, ctx.findClass);
  const fields = [`name: ${str(e.name)}`, `type: ${str(t.cim ?? "string")}`];
  if (t.array) fields.push("array: true");
  if (t.referenceClass !== undefined) fields.push(`referenceClass: ${str(t.referenceClass)}`);
  if (t.embeddedName !== undefined) fields.push(`embeddedClass: ${str(t.embeddedName)}`);
  if (e.valueMap !== undefined) fields.push(`valueMap: ${table(e.valueMap, e.type, scope)}`);
  if (isTrue(e.qualifiers, "required")) fields.push("required: true");
  return fields;
}

function table(map: ValueMap, type: DataType, scope: ModuleScope): string {
  const name = scope.schemaTable(map, is64(type));
  // planNamespace declares every map an element of the namespace uses; an inline table would only hide a bug.
  if (name === undefined) throw new Error("internal error: value map without a shared declaration");
  return name;
}
