import { findQualifier, isTrue } from "../../model/qualifiers.js";
import type { ClassModel, DataType, MethodModel, ParameterModel, PropertyModel, ValueMap } from "../../model/types.js";
import { appendAll } from "../../util/arrays.js";
import { is64, type NamespaceContext, orderedParameters } from "./context.js";
import { docComment } from "./jsdoc.js";
import type { ModuleScope } from "./module-scope.js";
import { stringLiteral as literal } from "./names.js";
import type { RawStatement } from "./print.js";
import { schemaSymbol } from "./symbols.js";
import { elementType, returnType } from "./type-map.js";

/**
 * `C_Schema`: the class's run-time `ClassSchema` (runtime `schema.ts`) with the properties and methods the class
 * declares (new ones and overrides) and a link to its superclass's schema, parameters in ID order, value maps (the
 * shared label tables of `value-maps.ts`), and the required / key / static / reference / embedded / bounds facts
 * the provider host validates with. Only declared members: repeating every inherited member in every class made
 * the output quadratic in the depth of the hierarchy (a 2,000-deep chain wrote gigabytes); the runtime resolves
 * the effective members once per class. A superclass outside the namespace's modules cannot be linked, so such a
 * class lists all its effective members. Typed `: ClassSchema` rather than `as const`: the host reads it as data,
 * and literal types for ~1,600 CIM classes would only slow the type checker. A data statement (see `print.ts`):
 * one entry per line, every string through `stringLiteral`.
 */
export function classSchema(cls: ClassModel, ctx: NamespaceContext, scope: ModuleScope): RawStatement {
  const superclass = ctx.superclassOf(cls);
  const lines = docComment({
    notes: [
      superclass === undefined
        ? `Run-time schema of ${cls.name}: its properties and methods, for validation.`
        : `Run-time schema of ${cls.name}: the properties and methods it declares, for validation; the rest come from ${superclass.name}'s.`,
    ],
  });
  lines.push(`export const ${schemaSymbol(cls)}: ${scope.runtime("ClassSchema")} = {`);
  lines.push(`  name: ${str(cls.name)},`, `  namespace: ${str(cls.namespace)},`);
  if (cls.superclass !== undefined) lines.push(`  superclass: ${str(cls.superclass)},`);
  if (superclass !== undefined) lines.push(`  superclassSchema: () => ${scope.classSchema(superclass)},`);
  if (cls.abstract) lines.push("  abstract: true,");
  if (cls.association) lines.push("  association: true,");
  const properties = superclass === undefined ? cls.properties : cls.ownProperties;
  const methods = superclass === undefined ? cls.methods : cls.ownMethods;
  list(lines, "  ", "properties", properties, (p, indent) => {
    lines.push(`${indent}${propertyEntry(p, ctx, scope)},`);
  });
  list(lines, "  ", "methods", methods, (m, indent) => {
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
  if (t.referenceClass !== undefined) {
    fields.push(`referenceClass: ${str(t.referenceClass)}`);
    const target = ctx.findClass(t.referenceClass);
    if (target !== undefined) fields.push(`referenceSchema: () => ${scope.classSchema(target)}`);
  }
  if (t.embeddedName !== undefined) {
    fields.push(`embeddedClass: ${str(t.embeddedName)}`);
    const embedded = ctx.findClass(t.embeddedName);
    if (embedded !== undefined) fields.push(`embeddedSchema: () => ${scope.classSchema(embedded)}`);
  }
  if (e.valueMap !== undefined) fields.push(`valueMap: ${table(e.valueMap, e.type, scope)}`);
  if (isTrue(e.qualifiers, "required")) fields.push("required: true");
  appendAll(fields, boundFields(e));
  return fields;
}

/**
 * The MinValue / MaxValue / MinLen / MaxLen qualifiers and a fixed array size, which the host enforces. Bounds of a
 * 64-bit element are bigint literals (values of those elements are bigints); others are numbers.
 */
function boundFields(e: PropertyModel | ParameterModel): string[] {
  const fields: string[] = [];
  const wide = is64(e.type);
  for (const [qualifier, field] of valueBounds) {
    const v = findQualifier(e.qualifiers, qualifier)?.value;
    if (v?.kind === "integer") fields.push(`${field}: ${wide ? `${v.value}n` : String(Number(v.value))}`);
    else if (v?.kind === "real" && Number.isFinite(v.value)) fields.push(`${field}: ${String(v.value)}`);
  }
  for (const [qualifier, field] of lengthBounds) {
    const v = findQualifier(e.qualifiers, qualifier)?.value;
    if (v?.kind === "integer" && v.value >= 0n) fields.push(`${field}: ${String(Number(v.value))}`);
  }
  const size = e.array?.size;
  if (size !== undefined && size > 0n) fields.push(`arraySize: ${String(Number(size))}`);
  return fields;
}

const valueBounds = [
  ["MinValue", "minValue"],
  ["MaxValue", "maxValue"],
] as const;
const lengthBounds = [
  ["MinLen", "minLen"],
  ["MaxLen", "maxLen"],
] as const;

function table(map: ValueMap, type: DataType, scope: ModuleScope): string {
  const name = scope.schemaTable(map, is64(type));
  // planNamespace declares every map an element of the namespace uses; an inline table would only hide a bug.
  if (name === undefined) throw new Error("internal error: value map without a shared declaration");
  return name;
}
