import { findQualifier } from "../model/qualifiers.js";
import type { ClassModel } from "../model/types.js";
import { fold } from "../model/types.js";
import { appendAll } from "../util/arrays.js";
import type { ChangeType } from "./catalog.js";
import { type Change, makeChange, type Scope } from "./change.js";
import { diffMethods, diffProperties } from "./members.js";
import { QualifierDiff } from "./qualifiers.js";

/** Finds a class by name on one side (its own namespace first: WMI superclasses may live in another). */
export type ClassLookup = (name: string, namespace: string) => ClassModel | undefined;

/** The superclass chain, nearest first; stops at an unknown class or a cycle (which the model reported). */
export function ancestors(cls: ClassModel, lookup: ClassLookup): string[] {
  const chain: string[] = [];
  const seen = new Set([fold(cls.name)]);
  let next = cls.superclass;
  let namespace = cls.namespace;
  while (next !== undefined && !seen.has(fold(next))) {
    seen.add(fold(next));
    const parent = lookup(next, namespace);
    chain.push(parent?.name ?? next);
    next = parent?.superclass;
    namespace = parent?.namespace ?? namespace;
  }
  return chain;
}

export function classHead(cls: ClassModel): string {
  return cls.superclass === undefined ? cls.name : `${cls.name} : ${cls.superclass}`;
}

export function kindText(cls: ClassModel): string {
  return cls.association ? "association" : cls.indication ? "indication" : "class";
}

/** Everything that differs between two versions of one class: the class itself, then its members. */
export function diffClass(was: ClassModel, is: ClassModel, scope: Scope, before: ClassLookup, after: ClassLookup) {
  const changes: Change[] = [];
  const path = is.name;
  const spans = { oldSpan: was.span, newSpan: is.span };

  const inheritedSame = fold(was.superclass ?? "") === fold(is.superclass ?? "");
  // With the same superclass, a change further up the chain is the superclass's own, reported there once
  // (CIM 2.49 inserts CIM_AllocatedLogicalElement above hundreds of classes through two of them).
  if (!inheritedSame) changes.push(chainChange(was, is, scope, before, after));
  if (kindText(was) !== kindText(is)) {
    changes.push(
      makeChange("class-kind-changed", scope, { path, before: kindText(was), after: kindText(is), ...spans }),
    );
  }
  const quals = new QualifierDiff(scope, path, was, is, inheritedSame);
  quals.flag("Abstract", "abstract-added", "abstract-removed");
  quals.common();
  appendAll(changes, quals.changes);

  const pair = {
    scope,
    name: is.name,
    oldProperties: was.propertyByName,
    newProperties: is.propertyByName,
    oldMethods: was.methodByName,
    newMethods: is.methodByName,
    inheritedSame,
  };
  appendAll(changes, diffProperties(pair));
  appendAll(changes, diffMethods(pair));
  return changes;
}

/** A class whose superclass changed: did its chain of ancestors lose one, or only gain some? */
function chainChange(was: ClassModel, is: ClassModel, scope: Scope, before: ClassLookup, after: ClassLookup) {
  const oldChain = ancestors(was, before);
  const newChain = ancestors(is, after);
  const kept = new Set(newChain.map(fold));
  const lost = oldChain.some((c) => !kept.has(fold(c)));
  const type: ChangeType = lost ? "superclass-ancestor-removed" : "superclass-ancestor-added";
  const chain = (c: string[]) => (c.length === 0 ? null : c.join(" : "));
  return makeChange(type, scope, {
    path: is.name,
    before: chain(oldChain),
    after: chain(newChain),
    oldSpan: was.span,
    newSpan: is.span,
  });
}

export function classAdded(cls: ClassModel, scope: Scope): Change {
  return makeChange("class-added", scope, { path: cls.name, after: classHead(cls), newSpan: cls.span });
}

export function classRemoved(cls: ClassModel, scope: Scope): Change {
  const deprecated = findQualifier(cls.qualifiers, "Deprecated") !== undefined;
  return makeChange(deprecated ? "deprecated-class-removed" : "class-removed", scope, {
    path: cls.name,
    before: classHead(cls),
    oldSpan: cls.span,
  });
}
