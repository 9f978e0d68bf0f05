import { classPath, isClassPath } from "../../values/class-path.js";
import { formatObjectPath, type KeyValue, type ObjectPath, parseObjectPath } from "../../values/reference.js";
import { childNamed, type XmlElement } from "../../xml/tree.js";
import type { XmlWriter } from "../../xml/writer.js";
import { invalid, required } from "./errors.js";

/**
 * Object paths in CIM-XML (DSP0201 §5.3): INSTANCEPATH (host and namespace), LOCALINSTANCEPATH (namespace),
 * INSTANCENAME (class and keys only), and for classes CLASSPATH, LOCALCLASSPATH and CLASSNAME, all read into the
 * runtime's `ObjectPath` (a class path has no keys). Keys are KEYVALUEs typed by VALUETYPE (string, boolean,
 * numeric) or VALUE.REFERENCEs, which the `ObjectPath` carries as the referenced path's text.
 */

const pathElements = new Set([
  "INSTANCEPATH",
  "LOCALINSTANCEPATH",
  "INSTANCENAME",
  "CLASSPATH",
  "LOCALCLASSPATH",
  "CLASSNAME",
]);

/** Whether `element` is one of the six path forms. */
export function isPath(element: XmlElement): boolean {
  return pathElements.has(element.name);
}

export function decodePath(element: XmlElement): ObjectPath {
  switch (element.name) {
    case "INSTANCEPATH":
    case "CLASSPATH": {
      const ns = childNamed(element, "NAMESPACEPATH") ?? invalid(element, "NAMESPACEPATH is missing");
      const host = childNamed(ns, "HOST")?.text.trim();
      const local = childNamed(ns, "LOCALNAMESPACEPATH") ?? invalid(ns, "LOCALNAMESPACEPATH is missing");
      return withPlace(decodeLast(element), decodeNamespace(local), host);
    }
    case "LOCALINSTANCEPATH":
    case "LOCALCLASSPATH": {
      const local = childNamed(element, "LOCALNAMESPACEPATH") ?? invalid(element, "LOCALNAMESPACEPATH is missing");
      return withPlace(decodeLast(element), decodeNamespace(local), undefined);
    }
    case "INSTANCENAME":
      return decodeInstanceName(element);
    case "CLASSNAME":
      return { className: required(element, "NAME"), keys: {} };
    default:
      return invalid(element, "expected an instance or class path");
  }
}

/** The name at the end of a path: CLASSNAME in the class forms, INSTANCENAME in the instance forms. */
function decodeLast(element: XmlElement): ObjectPath {
  const wanted = element.name.includes("CLASS") ? "CLASSNAME" : "INSTANCENAME";
  const last = element.children.find((c) => c.name === "INSTANCENAME" || c.name === "CLASSNAME");
  if (last === undefined) invalid(element, `${wanted} is missing`);
  if (last.name !== wanted) invalid(last, `${element.name} holds ${wanted}, not ${last.name}`);
  return decodePath(last);
}

function withPlace(path: ObjectPath, namespace: string, host: string | undefined): ObjectPath {
  return host === undefined || host === "" ? { ...path, namespace } : { ...path, namespace, host };
}

/** `root/cimv2` from `<LOCALNAMESPACEPATH><NAMESPACE NAME="root"/><NAMESPACE NAME="cimv2"/>`. */
export function decodeNamespace(local: XmlElement): string {
  const names = local.children.filter((c) => c.name === "NAMESPACE").map((c) => required(c, "NAME"));
  if (names.length === 0) invalid(local, "no NAMESPACE");
  return names.join("/");
}

function decodeInstanceName(element: XmlElement): ObjectPath {
  const className = required(element, "CLASSNAME");
  const keys: Record<string, KeyValue> = {};
  const set = (name: string, value: KeyValue) => Object.defineProperty(keys, name, { value, enumerable: true });
  for (const child of element.children) {
    if (child.name === "KEYBINDING") set(required(child, "NAME"), decodeKeyBinding(child));
    // The single-key shorthand: INSTANCENAME holding the key's value without its name.
    else if (child.name === "KEYVALUE" || child.name === "VALUE.REFERENCE") set("", decodeKeyValue(child));
  }
  return { className, keys };
}

function decodeKeyBinding(binding: XmlElement): KeyValue {
  const value = binding.children[0] ?? invalid(binding, "KEYVALUE or VALUE.REFERENCE is missing");
  return decodeKeyValue(value);
}

function decodeKeyValue(value: XmlElement): KeyValue {
  if (value.name === "VALUE.REFERENCE") return formatObjectPath(decodeReference(value));
  if (value.name !== "KEYVALUE") invalid(value, "expected KEYVALUE or VALUE.REFERENCE");
  const text = value.text;
  switch (value.attributes.VALUETYPE ?? "string") {
    case "string":
      return text;
    case "boolean": {
      const t = text.trim().toLowerCase();
      if (t !== "true" && t !== "false") invalid(value, `${JSON.stringify(text)} is not a boolean`);
      return t === "true";
    }
    case "numeric": {
      const t = text.trim();
      if (/^[+-]?[0-9]+$/.test(t)) {
        const n = BigInt(t);
        return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
      }
      const n = Number(t);
      if (t === "" || Number.isNaN(n)) invalid(value, `${JSON.stringify(text)} is not numeric`);
      return n;
    }
    default:
      return invalid(
        value,
        `VALUETYPE ${JSON.stringify(value.attributes.VALUETYPE)} is not string, boolean or numeric`,
      );
  }
}

/** VALUE.REFERENCE: one of the six path forms inside; a class form is a `classPath`. */
export function decodeReference(element: XmlElement): ObjectPath {
  const inner = element.children[0] ?? invalid(element, "the path is missing");
  const path = decodePath(inner);
  if (!/^(?:CLASSPATH|LOCALCLASSPATH|CLASSNAME)$/.test(inner.name)) return path;
  return classPath(path.className, {
    ...(path.namespace === undefined ? {} : { namespace: path.namespace }),
    ...(path.host === undefined ? {} : { host: path.host }),
  });
}

// ---- writing ----

export function encodeNamespace(w: XmlWriter, namespace: string): void {
  w.start("LOCALNAMESPACEPATH");
  for (const name of namespace.split(/[\\/]/)) w.leaf("NAMESPACE", { NAME: name });
  w.end();
}

/** The most specific form the path allows: INSTANCEPATH with a host, LOCALINSTANCEPATH with a namespace, else a name. */
export function encodePath(w: XmlWriter, path: ObjectPath, isClass = false): void {
  const name = () => (isClass ? w.leaf("CLASSNAME", { NAME: path.className }) : encodeInstanceName(w, path));
  if (path.host !== undefined && path.namespace !== undefined) {
    w.start(isClass ? "CLASSPATH" : "INSTANCEPATH")
      .start("NAMESPACEPATH")
      .leaf("HOST", {}, path.host);
    encodeNamespace(w, path.namespace);
    w.end();
    name();
    w.end();
  } else if (path.namespace !== undefined) {
    w.start(isClass ? "LOCALCLASSPATH" : "LOCALINSTANCEPATH");
    encodeNamespace(w, path.namespace);
    name();
    w.end();
  } else name();
}

export function encodeInstanceName(w: XmlWriter, path: ObjectPath): void {
  w.start("INSTANCENAME", { CLASSNAME: path.className });
  for (const [name, value] of Object.entries(path.keys)) {
    w.start("KEYBINDING", { NAME: name });
    encodeKeyValue(w, value);
    w.end();
  }
  w.end();
}

/** A key value; a string that is an object path of a key that is a REF is written as a string (its type is unknown). */
function encodeKeyValue(w: XmlWriter, value: KeyValue): void {
  switch (typeof value) {
    case "string":
      w.leaf("KEYVALUE", { VALUETYPE: "string", TYPE: "string" }, value);
      return;
    case "boolean":
      w.leaf("KEYVALUE", { VALUETYPE: "boolean", TYPE: "boolean" }, value ? "TRUE" : "FALSE");
      return;
    default:
      w.leaf("KEYVALUE", { VALUETYPE: "numeric" }, String(value));
  }
}

/** VALUE.REFERENCE around a path; a `classPath` in its class form. */
export function encodeReference(w: XmlWriter, path: ObjectPath): void {
  w.start("VALUE.REFERENCE");
  encodePath(w, path, isClassPath(path));
  w.end();
}

/** A path given as WMI text (`parseObjectPath`) or as an object. */
export function toPath(path: ObjectPath | string): ObjectPath {
  return typeof path === "string" ? parseObjectPath(path) : path;
}
