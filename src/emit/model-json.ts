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
  ValueMapDeclarer,
} from "../model/types.js";
import { jsonChunks } from "./json-chunks.js";
import { noSpans, type SpanJson, spanWriter } from "./model-json-spans.js";

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

/** What the model JSON holds beyond the default. */
export interface ModelJsonOptions {
  /**
   * Give every class, property, method, parameter, qualifier, value map, qualifier type and instance a `span`:
   * where it is written in the MOF. Off by default: spans make the JSON of CIM 2.49 1.42 times as large,
   * and the same schema compiled from another file or folder prints other spans.
   */
  readonly spans?: boolean;
  /** How a span names its file (the CLI: relative to the working directory, as diagnostics do); default as loaded. */
  readonly relativize?: (path: string) => string;
}

export function modelToJson(schema: SchemaModel, options: ModelJsonOptions = {}): ModelJson {
  const lazy = lazyModelJson(schema, options);
  return { classes: [...lazy.classes], qualifierTypes: [...lazy.qualifierTypes], instances: [...lazy.instances] };
}

export function formatModelJson(schema: SchemaModel, options: ModelJsonOptions = {}): string {
  return `${JSON.stringify(modelToJson(schema, options), null, 2)}\n`;
}

/**
 * The same bytes as `formatModelJson`, in chunks of about 64 KB, each class built only when it is printed:
 * the output grows with the square of an inheritance chain's depth (each class lists its effective members),
 * so it may exceed what one string can hold, and the CLI writes it as it comes.
 */
export function* modelJsonChunks(schema: SchemaModel, options: ModelJsonOptions = {}): Generator<string> {
  // Walked down to the class's member lists; each property, method and qualifier type is printed at once.
  yield* jsonChunks(lazyModelJson(schema, options), 4);
  yield "\n";
}

/** The model JSON with its three lists as generators: nothing is built before it is read. */
function lazyModelJson(schema: SchemaModel, options: ModelJsonOptions) {
  const span = spanWriter(schema, options);
  return {
    classes: eachOf(
      schema,
      (ns) => ns.classes,
      (c) => classJson(c, span),
    ),
    qualifierTypes: eachOf(
      schema,
      (ns) => ns.qualifierTypes,
      (q, ns) => qualifierTypeJson(q, ns, span),
    ),
    instances: eachOf(
      schema,
      (ns) => ns.instances,
      (i) => instanceJson(i, span),
    ),
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

function classJson(c: ClassModel, span: SpanJson) {
  const qualifier = (q: QualifierValue) => qualifierJson(q, span);
  const property = (p: PropertyModel) => propertyJson(p, span, qualifier);
  const method = (m: MethodModel) => methodJson(m, span, qualifier);
  return {
    name: c.name,
    namespace: c.namespace,
    span: span.of(c.span),
    superclass: c.superclass ?? null,
    kind: c.association ? "association" : c.indication ? "indication" : "class",
    abstract: c.abstract,
    qualifiers: c.qualifiers.map(qualifier),
    properties: c.properties.map(property),
    methods: c.methods.map(method),
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

type QualifierJson = (q: QualifierValue) => unknown;

function propertyJson(p: PropertyModel, span: SpanJson, qualifier: QualifierJson) {
  return {
    name: p.name,
    span: span.of(p.span),
    type: typeName(p.type),
    array: p.array !== undefined,
    ...(p.array?.size !== undefined && { arraySize: Number(p.array.size) }),
    referenceClass: p.type.kind === "reference" ? (p.type.className ?? null) : null,
    embeddedClass: p.embeddedClass ?? null,
    default: p.default === undefined ? null : valueJson(p.default),
    key: p.key,
    classOrigin: p.classOrigin,
    propagated: p.propagated,
    qualifiers: p.qualifiers.map(qualifier),
    valueMap: valueMapJson(p.valueMap, span),
  };
}

function methodJson(m: MethodModel, span: SpanJson, qualifier: QualifierJson) {
  return {
    name: m.name,
    span: span.of(m.span),
    returnType: typeName(m.returnType),
    static: m.static,
    embeddedClass: m.embeddedClass ?? null,
    classOrigin: m.classOrigin,
    propagated: m.propagated,
    qualifiers: m.qualifiers.map(qualifier),
    valueMap: valueMapJson(m.valueMap, span),
    parameters: m.parameters.map((p) => parameterJson(p, span, qualifier)),
  };
}

function parameterJson(p: ParameterModel, span: SpanJson, qualifier: QualifierJson) {
  return {
    name: p.name,
    span: span.of(p.span),
    type: typeName(p.type),
    array: p.array !== undefined,
    ...(p.array?.size !== undefined && { arraySize: Number(p.array.size) }),
    in: p.in,
    out: p.out,
    referenceClass: p.type.kind === "reference" ? (p.type.className ?? null) : null,
    embeddedClass: p.embeddedClass ?? null,
    default: p.default === undefined ? null : valueJson(p.default),
    qualifiers: p.qualifiers.map(qualifier),
    valueMap: valueMapJson(p.valueMap, span),
  };
}

function qualifierJson(q: QualifierValue, span: SpanJson) {
  const f = q.flavors;
  const flavors = [
    f.overridable ? "EnableOverride" : "DisableOverride",
    f.toSubclass ? "ToSubclass" : "Restricted",
    ...(f.translatable ? ["Translatable"] : []),
    ...(f.amended ? ["Amended"] : []),
    ...(f.toInstance ? ["ToInstance"] : []),
  ];
  return { name: q.name, span: span.of(q.span), value: valueJson(q.value), flavors, propagated: q.propagated };
}

function qualifierTypeJson(q: QualifierType, namespace: string, span: SpanJson) {
  return {
    name: q.name,
    namespace,
    span: span.of(q.span),
    type: q.type,
    array: q.array,
    default: q.default === undefined ? null : valueJson(q.default),
    scopes: [...q.scopes],
    flavors: q.flavors,
  };
}

function instanceJson(i: InstanceModel, span: SpanJson): unknown {
  return {
    className: i.className,
    namespace: i.namespace,
    alias: i.alias ?? null,
    span: span.of(i.span),
    qualifiers: i.qualifiers.map((q) => qualifierJson(q, span)),
    properties: i.properties.map((p) => ({ name: p.name, span: span.of(p.span), value: valueJson(p.value) })),
  };
}

/** Who declared the map, then where (with spans), then the map: the same order as an element's fields. */
function valueMapJson(vm: ValueMap | undefined, span: SpanJson) {
  if (vm === undefined) return null;
  return {
    declarer: declarerJson(vm.declarer),
    span: span.valueMap(vm),
    open: vm.open,
    entries: vm.entries.map((e) => ({ label: e.label, value: e.value })),
  };
}

/** The element that writes the map (the nearest up the overrides), without the model's type. */
function declarerJson(d: ValueMapDeclarer) {
  return {
    namespace: d.namespace,
    className: d.className,
    element: d.element,
    member: d.member,
    parameter: d.parameter ?? null,
  };
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
      // No spans inside values: an instance embedded as a string has no place in a file of its own.
      return { instance: instanceJson(v.instance, noSpans) };
    case "array":
      return v.elements.map(valueJson);
  }
}
