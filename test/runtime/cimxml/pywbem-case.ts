import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import {
  type CimClass,
  type CimClassElement,
  type CimQualifier,
  type CimQualifierDeclaration,
  type CimScope,
  embedded,
  typed,
} from "../../../runtime/src/codecs/cimxml/typed.js";
import { parseDateTime } from "../../../runtime/src/values/datetime.js";
import type { KeyValue, ObjectPath } from "../../../runtime/src/values/reference.js";
import type { CimTypeName } from "../../../runtime/src/values/schema.js";

/**
 * pywbem's recorded exchanges (../shared/corpora/cimxml-pywbem-exchanges), read as pywbem's own tests read them,
 * and pywbem's objects (`pywbem_object: CIMInstance`, `Uint32`...) turned into the runtime's values.
 */
export interface PywbemCase {
  readonly file: string;
  readonly name: string;
  readonly description?: string;
  readonly pywbem_request: {
    readonly namespace?: string;
    readonly operation: Record<string, unknown> & { readonly pywbem_method: string };
  };
  readonly pywbem_response: Record<string, unknown>;
  readonly http_request?: { readonly headers: Record<string, string>; readonly data: string };
  readonly http_response?: {
    readonly status: number;
    readonly headers?: Record<string, string>;
    readonly data?: string;
    readonly exception?: string;
  };
}

/**
 * PyYAML reads a multi-line single-quoted scalar whose continuation lines are no more indented than its key;
 * the `yaml` package does not (references_instances.yaml has one). Indent those lines: the XML is unchanged.
 */
function indentQuotedData(text: string): string {
  return text.replace(
    /\n( *)data: '([^']*)'/g,
    (_, indent: string, body: string) => `\n${indent}data: '${body.replace(/\n/g, "\n  ")}'`,
  );
}

export function readCases(dir: string): PywbemCase[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort();
  return files.flatMap((file) => {
    const cases = parse(indentQuotedData(readFileSync(join(dir, file), "utf8")), { uniqueKeys: false }) as Omit<
      PywbemCase,
      "file"
    >[];
    return cases.map((c) => ({ ...c, file }));
  });
}

type Obj = Record<string, unknown> & { readonly pywbem_object?: string };
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

const typeNames: Record<string, CimTypeName> = {
  Uint8: "uint8",
  Uint16: "uint16",
  Uint32: "uint32",
  Uint64: "uint64",
  Sint8: "sint8",
  Sint16: "sint16",
  Sint32: "sint32",
  Sint64: "sint64",
  Real32: "real32",
  Real64: "real64",
  Char16: "char16",
};

export function toPath(o: unknown): ObjectPath {
  if (typeof o === "string") return { className: o, keys: {} };
  if (!isObj(o)) throw new Error(`not a pywbem path: ${JSON.stringify(o)}`);
  const keys: Record<string, KeyValue> = {};
  for (const [k, v] of Object.entries((o.keybindings as Obj | undefined) ?? {})) keys[k] = keyValue(v);
  return {
    className: o.classname as string,
    keys,
    ...(typeof o.namespace === "string" ? { namespace: o.namespace } : {}),
    ...(typeof o.host === "string" ? { host: o.host } : {}),
  };
}

function keyValue(v: unknown): KeyValue {
  if (isObj(v) && v.pywbem_object !== undefined && "x" in v) return v.x as number;
  return v as KeyValue;
}

/** A pywbem value as the client takes it: CIM-typed numbers through `typed`, instances as embedded values. */
export function toValue(v: unknown, type?: string): unknown {
  if (v === null || v === undefined) return type === undefined ? null : typed(type as CimTypeName, null);
  if (Array.isArray(v)) {
    const items = v.map((x) => toValue(x, type));
    const first = items.find((x) => isObj(x) && (x as Obj).kind === "typed") as { type: CimTypeName } | undefined;
    if (type !== undefined) return typed(type as CimTypeName, items.map(plainOf), true);
    return first === undefined ? items : typed(first.type, items.map(plainOf), true);
  }
  if (isObj(v)) {
    const kind = v.pywbem_object;
    if (kind !== undefined && typeNames[kind] !== undefined) return toValue(v.x, typeNames[kind]);
    if (kind === "CIMDateTime") return parseDateTime(String(v.dtarg ?? v.x));
    if (kind === "CIMInstanceName") return toPath(v);
    if (kind === "CIMInstance") return embedded(v.classname as string, toProperties(v));
    if (kind === "CIMClass") return toClass(v);
  }
  if (type === undefined) return v;
  const t = type as CimTypeName;
  if (t === "uint64" || t === "sint64") return typed(t, BigInt(v as number));
  if (t === "datetime") return typed(t, parseDateTime(String(v)));
  return typed(t, v);
}

const plainOf = (x: unknown) => (isObj(x) && x.kind === "typed" ? x.value : x);

/** A property or parameter with its pywbem type and `embedded_object`, as the client takes it. */
export function toElementValue(p: Obj): unknown {
  const value = toValue(
    p.value,
    p.embedded_object === undefined || p.embedded_object === null ? (p.type as string | undefined) : undefined,
  );
  if (p.embedded_object === "object") return typed("object", value, Array.isArray(p.value));
  if (p.embedded_object === "instance") return typed("instance", value, Array.isArray(p.value));
  return value;
}

export function toProperties(instance: Obj): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, p] of Object.entries((instance.properties as Obj | undefined) ?? {})) {
    if (isObj(p) && p.pywbem_object === "CIMProperty") out[(p.name as string) ?? name] = toElementValue(p);
    else out[name] = toValue(p);
  }
  return out;
}

// ---- classes and qualifier declarations ----

const entries = (v: unknown): Obj[] =>
  (Array.isArray(v) ? v : Object.values((v as Obj | null | undefined) ?? {})).filter(isObj);

/** A pywbem value of a known CIM type as the runtime holds it untyped (class defaults, qualifier values). */
function plainValue(v: unknown, type: string | undefined): unknown {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.map((x) => plainValue(x, type));
  if (isObj(v)) {
    if (v.pywbem_object === "CIMClass") return toClass(v);
    if (v.pywbem_object === "CIMInstanceName" || v.pywbem_object === "CIMClassName") return toPath(v);
    if (v.pywbem_object === "CIMInstance") {
      const properties = Object.fromEntries(
        entries(v.properties).map((p) => [p.name as string, plainValue(p.value, p.type as string | undefined)]),
      );
      return embedded(v.classname as string, properties);
    }
    if (v.pywbem_object === "CIMDateTime") return parseDateTime(String(v.dtarg ?? v.x));
    if ("x" in v) return plainValue(v.x, type);
  }
  if (type === "uint64" || type === "sint64") return BigInt(v as number);
  if (type === "datetime") return parseDateTime(String(v));
  return v;
}

const flavors = (q: Obj) =>
  Object.fromEntries(
    (
      [
        ["overridable", "overridable"],
        ["tosubclass", "toSubclass"],
        ["toinstance", "toInstance"],
        ["translatable", "translatable"],
      ] as const
    )
      .filter(([from]) => typeof q[from] === "boolean")
      .map(([from, to]) => [to, q[from]]),
  );

/** pywbem infers a qualifier's type from a Python bool or str when none is given. */
const inferredType = (q: Obj): CimTypeName => {
  if (typeof q.type === "string") return q.type as CimTypeName;
  const sample = Array.isArray(q.value) ? q.value[0] : q.value;
  return typeof sample === "boolean" ? "boolean" : "string";
};

function toQualifiers(v: unknown): CimQualifier[] {
  return entries(v).map((q) => ({
    name: q.name as string,
    type: inferredType(q),
    value: plainValue(q.value, q.type as string),
    ...(Array.isArray(q.value) ? { array: true as const } : {}),
    ...(typeof q.propagated === "boolean" ? { propagated: q.propagated } : {}),
    ...flavors(q),
  }));
}

function toElement(p: Obj, withValue: boolean): CimClassElement {
  const type = (p.type ?? "string") as CimTypeName;
  // pywbem's CIMProperty infers EmbeddedObject from a CIMInstance or CIMClass value.
  const sample = (Array.isArray(p.value) ? p.value[0] : p.value) as Obj | undefined;
  const inferred =
    sample?.pywbem_object === "CIMInstance" ? "instance" : sample?.pywbem_object === "CIMClass" ? "object" : undefined;
  const eo = p.embedded_object ?? inferred;
  return {
    name: p.name as string,
    type,
    ...(p.is_array === true || Array.isArray(p.value) ? { array: true as const } : {}),
    ...(typeof p.array_size === "number" ? { arraySize: p.array_size } : {}),
    ...(typeof p.reference_class === "string" ? { referenceClass: p.reference_class } : {}),
    ...(eo === "object" || eo === "instance" ? { embeddedObject: eo } : {}),
    ...(typeof p.class_origin === "string" ? { classOrigin: p.class_origin } : {}),
    ...(typeof p.propagated === "boolean" ? { propagated: p.propagated } : {}),
    ...(withValue && p.value !== null && p.value !== undefined ? { value: plainValue(p.value, type) } : {}),
    qualifiers: toQualifiers(p.qualifiers),
  };
}

export function toClass(c: Obj): CimClass {
  return {
    kind: "class",
    className: c.classname as string,
    ...(typeof c.superclass === "string" ? { superclass: c.superclass } : {}),
    qualifiers: toQualifiers(c.qualifiers),
    properties: entries(c.properties).map((p) => toElement(p, true)),
    methods: entries(c.methods).map((m) => ({
      name: m.name as string,
      ...(typeof m.return_type === "string" ? { returnType: m.return_type as CimTypeName } : {}),
      ...(typeof m.class_origin === "string" ? { classOrigin: m.class_origin } : {}),
      ...(typeof m.propagated === "boolean" ? { propagated: m.propagated } : {}),
      qualifiers: toQualifiers(m.qualifiers),
      parameters: entries(m.parameters).map((p) => toElement(p, false)),
    })),
  };
}

const scopeNames: readonly CimScope[] = [
  "class",
  "association",
  "reference",
  "property",
  "method",
  "parameter",
  "indication",
  "any",
];

export function toQualifierDeclaration(q: Obj): CimQualifierDeclaration {
  const scopes = Object.entries((q.scopes as Obj | undefined) ?? {})
    .filter(([, on]) => on === true)
    .map(([name]) => name.toLowerCase() as CimScope)
    .filter((s) => scopeNames.includes(s));
  return {
    kind: "qualifierDeclaration",
    name: q.name as string,
    type: q.type as CimTypeName,
    ...(q.is_array === true ? { array: true as const } : {}),
    ...(typeof q.array_size === "number" ? { arraySize: q.array_size } : {}),
    value: plainValue(q.value, q.type as string),
    scopes,
    ...flavors(q),
  };
}
