import type {
  CimValue,
  ClassModel,
  DataType,
  InstanceModel,
  MethodModel,
  NamespaceModel,
  ParameterModel,
  PropertyModel,
  QualifierType,
  QualifierValue,
  SchemaModel,
  ValueMap,
} from "../model/types.js";
import { jsonChunks } from "./json-chunks.js";

/**
 * The resolved model as JSON (`mofgen model`), in the shape documented by `docs/model.schema.json` (README,
 * "Model JSON"). Pure and deterministic: the same model
 * always prints the same bytes. 64-bit integers are written as JSON strings when they do not fit a double.
 */
export interface ModelJson {
  readonly classes: readonly unknown[];
  readonly qualifierTypes: readonly unknown[];
  readonly instances: readonly unknown[];
}

export function modelToJson(schema: SchemaModel): ModelJson {
  const lazy = lazyModelJson(schema);
  return { classes: [...lazy.classes], qualifierTypes: [...lazy.qualifierTypes], instances: [...lazy.instances] };
}

export function formatModelJson(schema: SchemaModel): string {
  return `${JSON.stringify(modelToJson(schema), null, 2)}\n`;
}

/**
 * The same bytes as `formatModelJson`, in chunks of about 64 KB, each class built only when it is printed:
 * the output grows with the square of an inheritance chain's depth (each class lists its effective members),
 * so it may exceed what one string can hold, and the CLI writes it as it comes.
 */
export function* modelJsonChunks(schema: SchemaModel): Generator<string> {
  // Walked down to the class's member lists; each property, method and qualifier type is printed at once.
  yield* jsonChunks(lazyModelJson(schema), 4);
  yield "\n";
}

/** The model JSON with its three lists as generators: nothing is built before it is read. */
function lazyModelJson(schema: SchemaModel) {
  return {
    classes: eachOf(schema, (ns) => ns.classes, classJson),
    qualifierTypes: eachOf(schema, (ns) => ns.qualifierTypes, qualifierTypeJson),
    instances: eachOf(schema, (ns) => ns.instances, instanceJson),
  };
}

/** The JSON of each item of every namespace, in model order, built as it is read. */
function* eachOf<T>(
  schema: SchemaModel,
  items: (ns: NamespaceModel) => readonly T[],
  json: (item: T, namespace: string) => unknown,
): Generator<unknown> {
  for (const ns of schema.namespaces) for (const item of items(ns)) yield json(item, ns.name);
}

function classJson(c: ClassModel) {
  return {
    name: c.name,
    namespace: c.namespace,
    superclass: c.superclass ?? null,
    kind: c.association ? "association" : c.indication ? "indication" : "class",
    abstract: c.abstract,
    qualifiers: c.qualifiers.map(qualifierJson),
    properties: c.properties.map(propertyJson),
    methods: c.methods.map(methodJson),
  };
}

function typeName(t: DataType): string {
  switch (t.kind) {
    case "intrinsic":
      return t.name;
    case "reference":
      return "ref";
    case "object":
      return "object";
    case "instance":
      return "instance";
    case "void":
      return "void";
  }
}

function propertyJson(p: PropertyModel) {
  return {
    name: p.name,
    type: typeName(p.type),
    array: p.array !== undefined,
    ...(p.array?.size !== undefined && { arraySize: Number(p.array.size) }),
    referenceClass: p.type.kind === "reference" ? (p.type.className ?? null) : null,
    embeddedClass: p.embeddedClass ?? null,
    default: p.default === undefined ? null : valueJson(p.default),
    key: p.key,
    classOrigin: p.classOrigin,
    propagated: p.propagated,
    qualifiers: p.qualifiers.map(qualifierJson),
    valueMap: valueMapJson(p.valueMap),
  };
}

function methodJson(m: MethodModel) {
  return {
    name: m.name,
    returnType: typeName(m.returnType),
    static: m.static,
    embeddedClass: m.embeddedClass ?? null,
    classOrigin: m.classOrigin,
    propagated: m.propagated,
    qualifiers: m.qualifiers.map(qualifierJson),
    valueMap: valueMapJson(m.valueMap),
    parameters: m.parameters.map(parameterJson),
  };
}

function parameterJson(p: ParameterModel) {
  return {
    name: p.name,
    type: typeName(p.type),
    array: p.array !== undefined,
    ...(p.array?.size !== undefined && { arraySize: Number(p.array.size) }),
    in: p.in,
    out: p.out,
    referenceClass: p.type.kind === "reference" ? (p.type.className ?? null) : null,
    embeddedClass: p.embeddedClass ?? null,
    default: p.default === undefined ? null : valueJson(p.default),
    qualifiers: p.qualifiers.map(qualifierJson),
    valueMap: valueMapJson(p.valueMap),
  };
}

function qualifierJson(q: QualifierValue) {
  const f = q.flavors;
  const flavors = [
    f.overridable ? "EnableOverride" : "DisableOverride",
    f.toSubclass ? "ToSubclass" : "Restricted",
    ...(f.translatable ? ["Translatable"] : []),
    ...(f.amended ? ["Amended"] : []),
    ...(f.toInstance ? ["ToInstance"] : []),
  ];
  return { name: q.name, value: valueJson(q.value), flavors, propagated: q.propagated };
}

function qualifierTypeJson(q: QualifierType, namespace: string) {
  return {
    name: q.name,
    namespace,
    type: q.type,
    array: q.array,
    default: q.default === undefined ? null : valueJson(q.default),
    scopes: [...q.scopes],
    flavors: q.flavors,
  };
}

function instanceJson(i: InstanceModel): unknown {
  return {
    className: i.className,
    namespace: i.namespace,
    alias: i.alias ?? null,
    qualifiers: i.qualifiers.map(qualifierJson),
    properties: i.properties.map((p) => ({ name: p.name, value: valueJson(p.value) })),
  };
}

function valueMapJson(vm: ValueMap | undefined) {
  if (vm === undefined) return null;
  return { open: vm.open, entries: vm.entries.map((e) => ({ label: e.label, value: e.value })) };
}

const safe = (n: bigint) => n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER);

export function valueJson(v: CimValue): unknown {
  switch (v.kind) {
    case "null":
      return null;
    case "boolean":
    case "string":
    case "char16":
    case "datetime":
      return v.value;
    case "integer":
      return safe(v.value) ? Number(v.value) : v.value.toString();
    case "real":
      return Number.isFinite(v.value) ? v.value : String(v.value);
    case "reference":
      return v.alias !== undefined ? { alias: v.alias } : { path: v.path ?? null };
    case "instance":
      return { instance: instanceJson(v.instance) };
    case "array":
      return v.elements.map(valueJson);
  }
}
