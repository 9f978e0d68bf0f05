import { isPlainObject } from "./cim-value.js";
import type { ObjectPath } from "./reference.js";

/**
 * The path of a class, not of an instance: what class-level Associators, AssociatorNames, References and
 * ReferenceNames take and return (DSP0200 §5.3.2.11-14 on a class name answer with classes). A path without keys
 * could also name the one instance of a keyless (singleton) class, so a class path says what it is with `kind`.
 */
export interface ClassPath<C extends string = string> extends ObjectPath<C> {
  readonly kind: "classPath";
  readonly keys: Readonly<Record<string, never>>;
}

/** `classPath("CIM_Foo")`, or with the namespace (and host) it lives in: `classPath("CIM_Foo", { namespace }) `. */
export function classPath<C extends string>(
  className: C,
  place: { readonly namespace?: string; readonly host?: string } = {},
): ClassPath<C> {
  return {
    kind: "classPath",
    className,
    keys: {},
    ...(place.namespace === undefined ? {} : { namespace: place.namespace }),
    ...(place.host === undefined ? {} : { host: place.host }),
  };
}

export function isClassPath(path: unknown): path is ClassPath {
  return isPlainObject(path) && (path as { kind?: unknown }).kind === "classPath";
}
