import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { embedded, typed } from "../../../runtime/src/codecs/cimxml/typed.js";
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
