import { cimClassName } from "../../../runtime/src/codecs/cimxml/typed.js";
import { type CimDateTimeValue, formatDateTime } from "../../../runtime/src/values/datetime.js";
import { parseObjectPath } from "../../../runtime/src/values/reference.js";
import { toPath } from "./pywbem-case.js";

/**
 * One comparable form for what the client decoded and what pywbem expected: class and property names lower-cased
 * (CIM names are case-insensitive), numbers as their decimal text (pywbem's 64 is the client's 64n), datetimes as
 * CIM text, paths as class, keys, namespace and host.
 */
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const lowerKeys = (o: Obj, f: (v: unknown) => unknown) =>
  Object.fromEntries(
    Object.entries(o)
      .map(([k, v]) => [k.toLowerCase(), f(v)])
      .sort(([a], [b]) => ((a as string) < (b as string) ? -1 : 1)),
  );

function scalar(v: unknown): unknown {
  if (typeof v === "number" || typeof v === "bigint") return String(v);
  return v;
}

/** A key that is a REF: its class and keys (a path inside a path is compared by what it names). */
function referenceKey(p: { className: string; keys: Obj }) {
  return { ref: p.className.toLowerCase(), keys: lowerKeys(p.keys, scalar) };
}

const pathText = /^(?:[^"]*:)?[A-Za-z_]\w*\.\w+=/;

function actualKey(k: unknown): unknown {
  if (typeof k === "string" && pathText.test(k)) {
    try {
      return referenceKey(parseObjectPath(k) as never);
    } catch {
      return k;
    }
  }
  return scalar(k);
}

function path(
  p: { className: string; keys: Obj; namespace?: string; host?: string },
  keyValue: (v: unknown) => unknown,
) {
  return {
    path: p.className.toLowerCase(),
    keys: lowerKeys(p.keys, keyValue),
    namespace: p.namespace ?? null,
    host: p.host?.toLowerCase() ?? null,
  };
}

export function actual(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.map(actual);
  if (!isObj(v)) return scalar(v);
  if (v.kind === "timestamp" || v.kind === "interval") return formatDateTime(v as unknown as CimDateTimeValue);
  if (v.kind === "class") return { class: String(v.className).toLowerCase(), superclass: v.superclass ?? null };
  if (typeof v.className === "string" && isObj(v.keys)) return path(v as never, actualKey);
  if (typeof v.className === "string" && isObj(v.properties)) {
    const inst = { instance: v.className.toLowerCase(), properties: lowerKeys(v.properties, actual) };
    return v.path === undefined ? inst : { ...inst, at: actual(v.path) };
  }
  const embeddedClass = (v as { [cimClassName]?: string })[cimClassName];
  if (embeddedClass !== undefined) return { instance: embeddedClass.toLowerCase(), properties: lowerKeys(v, actual) };
  return lowerKeys(v, actual);
}

export function expected(v: unknown, withPath = true): unknown {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.map((x) => expected(x, withPath));
  if (!isObj(v)) return scalar(v);
  switch (v.pywbem_object) {
    case "CIMInstance": {
      const properties: Obj = {};
      for (const [name, p] of Object.entries((v.properties as Obj | undefined) ?? {})) {
        const prop = p as Obj;
        properties[String(prop.name ?? name)] = expected(
          prop.pywbem_object === "CIMProperty" ? prop.value : prop,
          false,
        );
      }
      const inst = { instance: String(v.classname).toLowerCase(), properties: lowerKeys(properties, (x) => x) };
      return withPath && isObj(v.path) ? { ...inst, at: expected(v.path) } : inst;
    }
    case "CIMInstanceName":
    case "CIMClassName":
      return path(toPath(v) as never, (k) =>
        isObj(k) && k.pywbem_object === "CIMInstanceName" ? referenceKey(toPath(k) as never) : scalar(k),
      );
    case "CIMClass":
      return { class: String(v.classname).toLowerCase(), superclass: v.superclass ?? null };
    case "CIMDateTime":
      return String(v.dtarg ?? v.x);
    case undefined:
      return lowerKeys(v, (x) => expected(x, withPath));
    default:
      return "x" in v ? scalar(v.x) : v;
  }
}
