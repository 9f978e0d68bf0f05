import { namespaceKey } from "../model/namespaces.js";
import type { NamespaceModel, SchemaModel } from "../model/types.js";
import { fold } from "../model/types.js";
import { appendAll } from "../util/arrays.js";
import { compareCodeUnits } from "../util/compare.js";
import { type Change, makeChange } from "./change.js";
import { type ClassLookup, classAdded, classRemoved, diffClass } from "./classes.js";
import { diffInstances } from "./instances.js";

export interface DiffOptions {
  /** Leave out description-changed (documentation only). */
  readonly ignoreDescriptions?: boolean;
}

/**
 * The schema differ: every change from `before` to `after`, with its criticality (src/diff/catalog.ts). Pure
 * and deterministic: namespaces, then classes, then members in code-unit order of their case-folded names.
 *
 * Namespaces holding classes are paired by name. When, after that, exactly one namespace is left unpaired
 * on each side (two releases of one schema under different names, as `root/virtualization` and
 * `root/virtualization/v2`), the two are paired as a rename and their classes compared; otherwise a namespace
 * on one side only is added or removed together with every class in it.
 *
 * Members are compared by their effective (inherited included) sets, so a property moved to a superclass is
 * not removed from the subclass. When a class keeps its superclass, members it inherits on both sides are
 * left to the superclass, where the change is reported once rather than on every subclass.
 */
export function diffSchemas(before: SchemaModel, after: SchemaModel, options: DiffOptions = {}): Change[] {
  const changes: Change[] = [];
  const lookBefore = lookupIn(before);
  const lookAfter = lookupIn(after);
  for (const [was, is] of pairNamespaces(before, after)) {
    if (was === undefined || is === undefined) {
      appendAll(changes, namespaceOnOneSide((is ?? was) as NamespaceModel, is !== undefined));
      continue;
    }
    if (namespaceKey(was.name) !== namespaceKey(is.name)) {
      const scope = { namespace: is.name, className: null };
      changes.push(makeChange("namespace-renamed", scope, { path: is.name, before: was.name, after: is.name }));
    }
    appendAll(changes, diffNamespace(was, is, lookBefore, lookAfter));
  }
  return options.ignoreDescriptions ? changes.filter((c) => c.type !== "description-changed") : changes;
}

function withClasses(schema: SchemaModel): NamespaceModel[] {
  return schema.namespaces.filter((n) => n.classes.length > 0);
}

/** A namespace on each side; undefined where it does not exist. */
type Side = [NamespaceModel | undefined, NamespaceModel | undefined];

function pairNamespaces(before: SchemaModel, after: SchemaModel): Side[] {
  const oldOnes = withClasses(before);
  const newOnes = withClasses(after);
  const newByKey = new Map(newOnes.map((n) => [namespaceKey(n.name), n]));
  const paired: Side[] = [];
  const oldOnly: NamespaceModel[] = [];
  for (const o of oldOnes) {
    const n = newByKey.get(namespaceKey(o.name));
    if (n === undefined) oldOnly.push(o);
    else {
      paired.push([o, n]);
      newByKey.delete(namespaceKey(o.name));
    }
  }
  const newOnly = [...newByKey.values()];
  if (oldOnly.length === 1 && newOnly.length === 1) paired.push([oldOnly[0], newOnly[0]]);
  else {
    for (const o of oldOnly) paired.push([o, undefined]);
    for (const n of newOnly) paired.push([undefined, n]);
  }
  const name = ([o, n]: Side) => namespaceKey((n ?? o)?.name ?? "");
  return paired.sort((a, b) => compareCodeUnits(name(a), name(b)));
}

function namespaceOnOneSide(ns: NamespaceModel, isNew: boolean): Change[] {
  const scope = { namespace: ns.name, className: null };
  const head = makeChange(isNew ? "namespace-added" : "namespace-removed", scope, {
    path: ns.name,
    ...(isNew ? { after: ns.name } : { before: ns.name }),
  });
  const classes = [...ns.classes].sort((a, b) => compareCodeUnits(fold(a.name), fold(b.name)));
  return [
    head,
    ...classes.map((c) => {
      const classScope = { namespace: ns.name, className: c.name };
      return isNew ? classAdded(c, classScope) : classRemoved(c, classScope);
    }),
  ];
}

function diffNamespace(was: NamespaceModel, is: NamespaceModel, before: ClassLookup, after: ClassLookup): Change[] {
  const changes: Change[] = [];
  const keys = new Set([...was.classByName.keys(), ...is.classByName.keys()]);
  for (const key of [...keys].sort(compareCodeUnits)) {
    const o = was.classByName.get(key);
    const n = is.classByName.get(key);
    if (o !== undefined && n !== undefined) {
      appendAll(changes, diffClass(o, n, { namespace: is.name, className: n.name }, before, after));
    } else if (n !== undefined) changes.push(classAdded(n, { namespace: is.name, className: n.name }));
    else if (o !== undefined) changes.push(classRemoved(o, { namespace: is.name, className: o.name }));
  }
  appendAll(changes, diffInstances(was, is));
  return changes;
}

/** Class lookup in the class's own namespace, then in any namespace (WMI superclasses can cross them). */
function lookupIn(schema: SchemaModel): ClassLookup {
  return (name, namespace) => {
    const key = fold(name);
    const own = schema.namespaceByName.get(namespaceKey(namespace))?.classByName.get(key);
    if (own !== undefined) return own;
    for (const ns of schema.namespaces) {
      const found = ns.classByName.get(key);
      if (found !== undefined) return found;
    }
    return undefined;
  };
}
