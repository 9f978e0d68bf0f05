import type { CimClass, CimClassElement, CimQualifierDeclaration } from "../../../runtime/src/codecs/cimxml/typed.js";
import { cimClassName } from "../../../runtime/src/codecs/cimxml/typed.js";
import { type CimDateTimeValue, formatDateTime } from "../../../runtime/src/values/datetime.js";
import { parseObjectPath } from "../../../runtime/src/values/reference.js";
import { toClass, toPath, toQualifierDeclaration } from "./pywbem-case.js";

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
  if (v.kind === "class") return classForm(v as unknown as CimClass);
  if (v.kind === "qualifierDeclaration") return declarationForm(v as unknown as CimQualifierDeclaration);
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
      return classForm({ ...toClass(v), ...(isObj(v.path) ? { path: toPath(v.path) } : {}) });
    case "CIMQualifierDeclaration":
      return declarationForm(toQualifierDeclaration(v));
    case "CIMDateTime":
      return String(v.dtarg ?? v.x);
    case undefined:
      return lowerKeys(v, (x) => expected(x, withPath));
    default:
      return "x" in v ? scalar(v.x) : v;
  }
}

/**
 * A class as compared: its name, superclass and path, and by case-folded name each qualifier's value, each
 * property's type, array-ness, reference class, embedded-object kind and default, each method's return type and
 * parameters. Flavors and PROPAGATED are left out: pywbem fills in defaults the message did not state.
 */
function classForm(c: CimClass): unknown {
  const qualifiers = (qs: CimClass["qualifiers"]) =>
    lowerKeys(Object.fromEntries(qs.map((q) => [q.name, q.value])), actual);
  const element = (e: CimClassElement) => ({
    type: e.type,
    array: e.array === true,
    referenceClass: e.referenceClass?.toLowerCase() ?? null,
    embeddedObject: e.embeddedObject ?? null,
    value: actual(e.value),
    qualifiers: qualifiers(e.qualifiers),
  });
  const form = {
    class: c.className.toLowerCase(),
    superclass: c.superclass?.toLowerCase() ?? null,
    qualifiers: qualifiers(c.qualifiers),
    properties: lowerKeys(Object.fromEntries(c.properties.map((p) => [p.name, p])), (p) =>
      element(p as CimClassElement),
    ),
    methods: lowerKeys(Object.fromEntries(c.methods.map((m) => [m.name, m])), (m) => {
      const method = m as CimClass["methods"][number];
      return {
        returnType: method.returnType ?? null,
        qualifiers: qualifiers(method.qualifiers),
        parameters: lowerKeys(Object.fromEntries(method.parameters.map((p) => [p.name, p])), (p) =>
          element(p as CimClassElement),
        ),
      };
    }),
  };
  return c.path === undefined ? form : { ...form, at: actual(c.path) };
}

/** A qualifier declaration as compared, flavors with the DSP0201 defaults where the message said nothing. */
function declarationForm(q: CimQualifierDeclaration): unknown {
  return {
    declaration: q.name.toLowerCase(),
    type: q.type,
    array: q.array === true,
    value: actual(q.value),
    scopes: [...q.scopes].sort(),
    overridable: q.overridable ?? true,
    toSubclass: q.toSubclass ?? true,
    toInstance: q.toInstance ?? false,
    translatable: q.translatable ?? false,
  };
}
