import { arraySuffix } from "../model/mof-text.js";
import { findQualifier, isTrue } from "../model/qualifiers.js";
import { sameValue } from "../model/same-value.js";
import type { ArrayInfo, DataType, MethodModel, ParameterModel, PropertyModel } from "../model/types.js";
import { fold } from "../model/types.js";
import { appendAll } from "../util/arrays.js";
import { compareCodeUnits } from "../util/compare.js";
import type { ChangeType } from "./catalog.js";
import { type Change, makeChange, type Scope } from "./change.js";
import { QualifierDiff } from "./qualifiers.js";
import { typeText, valueText } from "./texts.js";
import { type Direction, diffValueMaps } from "./value-maps.js";

/** The two sides of one class being compared, and what its changes are filed under. */
export interface ClassPair {
  readonly scope: Scope;
  /** The class name for paths (the new spelling). */
  readonly name: string;
  readonly oldProperties: ReadonlyMap<string, PropertyModel>;
  readonly newProperties: ReadonlyMap<string, PropertyModel>;
  readonly oldMethods: ReadonlyMap<string, MethodModel>;
  readonly newMethods: ReadonlyMap<string, MethodModel>;
  /** Same superclass on both sides: members inherited on both sides are compared in the superclass only. */
  readonly inheritedSame: boolean;
}

/** Both sides of a collection keyed by case-folded name, in code-unit order of the key. */
function pairs<T extends { readonly name: string }>(
  before: readonly T[],
  after: readonly T[],
): [T | undefined, T | undefined][] {
  const byKey = new Map<string, [T | undefined, T | undefined]>();
  for (const b of before) byKey.set(fold(b.name), [b, undefined]);
  for (const a of after) {
    const key = fold(a.name);
    byKey.set(key, [byKey.get(key)?.[0], a]);
  }
  return [...byKey.keys()].sort(compareCodeUnits).map((k) => byKey.get(k) as [T | undefined, T | undefined]);
}

/**
 * Both sides of a class's effective members, from its lookup maps (keyed by folded name). With
 * `inheritedSame`, a member inherited on both sides (or on the one side it exists) is left out: the
 * superclass reports it. Most members of a deep class are inherited, so this also keeps the diff fast.
 */
function memberPairs<T extends { readonly propagated: boolean }>(
  before: ReadonlyMap<string, T>,
  after: ReadonlyMap<string, T>,
  inheritedSame: boolean,
): [T | undefined, T | undefined][] {
  const keys = new Set<string>();
  for (const [key, m] of before) if (!inheritedSame || !m.propagated) keys.add(key);
  for (const [key, m] of after) if (!inheritedSame || !m.propagated) keys.add(key);
  return [...keys].sort(compareCodeUnits).map((k) => [before.get(k), after.get(k)]);
}

/**
 * What a type is, leaving out the class a reference or embedded instance names (compared on its own, as
 * reference-class-changed / embedded-class-changed). A WMI class-typed element is a string holding an
 * embedded instance, as the model treats it.
 */
function shape(type: DataType, array: ArrayInfo | undefined): string {
  const base = type.kind === "reference" ? "REF" : type.kind === "instance" ? "string" : typeText(type, undefined);
  return `${base}${arraySuffix(array)}`;
}

function referenceClass(type: DataType): string | undefined {
  return type.kind === "reference" ? type.className : undefined;
}

type Typed = Pick<PropertyModel, "type" | "array" | "embeddedClass" | "span">;

/** Type, REF class and EmbeddedInstance class of a property, parameter (or, with a return type, method). */
function compareTypes(scope: Scope, path: string, was: Typed, is: Typed, retyped: ChangeType): Change[] {
  const spans = { oldSpan: was.span, newSpan: is.span };
  if (shape(was.type, was.array) !== shape(is.type, is.array)) {
    return [
      makeChange(retyped, scope, {
        path,
        before: typeText(was.type, was.array),
        after: typeText(is.type, is.array),
        ...spans,
      }),
    ];
  }
  const changes: Change[] = [];
  const oldRef = referenceClass(was.type);
  const newRef = referenceClass(is.type);
  if (fold(oldRef ?? "") !== fold(newRef ?? "")) {
    changes.push(makeChange("reference-class-changed", scope, { path, before: oldRef, after: newRef, ...spans }));
  }
  if (fold(was.embeddedClass ?? "") !== fold(is.embeddedClass ?? "")) {
    changes.push(
      makeChange("embedded-class-changed", scope, {
        path,
        before: was.embeddedClass,
        after: is.embeddedClass,
        ...spans,
      }),
    );
  }
  return changes;
}

function defaults(scope: Scope, path: string, was: PropertyModel | ParameterModel, is: PropertyModel | ParameterModel) {
  const a = was.default ?? { kind: "null" as const };
  const b = is.default ?? { kind: "null" as const };
  if (sameValue(a, b)) return [];
  return [
    makeChange("default-changed", scope, {
      path,
      before: valueText(a),
      after: valueText(b),
      oldSpan: was.span,
      newSpan: is.span,
    }),
  ];
}

/** Where a value map is written: its ValueMap (or, for an implicit map, Values) qualifier. */
function mapSpan(element: PropertyModel | ParameterModel | MethodModel) {
  return (
    (findQualifier(element.qualifiers, "ValueMap") ?? findQualifier(element.qualifiers, "Values"))?.span ?? element.span
  );
}

function valueMaps(
  scope: Scope,
  path: string,
  direction: Direction,
  was: PropertyModel | ParameterModel | MethodModel,
  is: PropertyModel | ParameterModel | MethodModel,
  quals: QualifierDiff,
): Change[] {
  if (!quals.owned("ValueMap", "Values")) return [];
  return diffValueMaps(
    scope,
    path,
    direction,
    { map: was.valueMap, span: mapSpan(was) },
    { map: is.valueMap, span: mapSpan(is) },
  );
}

export function diffProperties(pair: ClassPair): Change[] {
  const { scope } = pair;
  const changes: Change[] = [];
  for (const [was, is] of memberPairs(pair.oldProperties, pair.newProperties, pair.inheritedSame)) {
    const path = `${pair.name}.${(is ?? was)?.name}`;
    if (was === undefined || is === undefined) {
      changes.push(added(scope, path, was, is, "property"));
      continue;
    }
    appendAll(changes, compareTypes(scope, path, was, is, "property-type-changed"));
    const quals = new QualifierDiff(scope, path, was, is, pair.inheritedSame);
    quals.flag("Key", "key-added", "key-removed");
    quals.flag("Write", "write-added", "write-removed");
    quals.typed();
    quals.common();
    appendAll(changes, quals.changes);
    appendAll(changes, defaults(scope, path, was, is));
    const direction = { input: isTrue(is.qualifiers, "Write"), output: true };
    appendAll(changes, valueMaps(scope, path, direction, was, is, quals));
  }
  return changes;
}

/** An element on one side only: added, removed, or removed after being deprecated. */
function added(
  scope: Scope,
  path: string,
  was: PropertyModel | MethodModel | undefined,
  is: PropertyModel | MethodModel | undefined,
  what: "property" | "method",
): Change {
  if (is !== undefined) {
    return makeChange(`${what}-added`, scope, { path, after: signature(is), newSpan: is.span });
  }
  const gone = was as PropertyModel | MethodModel;
  const deprecated = findQualifier(gone.qualifiers, "Deprecated") !== undefined;
  const type: ChangeType = deprecated ? `deprecated-${what}-removed` : `${what}-removed`;
  return makeChange(type, scope, { path, before: signature(gone), oldSpan: gone.span });
}

/** `uint16[] Name`, or `uint32 Run([In] string Mode, [Out] CIM_Job REF Job)`. */
function signature(element: PropertyModel | MethodModel): string {
  if (element.kind !== "method") return `${typeText(element.type, element.array)} ${element.name}`;
  const params = element.parameters.map((p) => `[${directionText(p)}] ${typeText(p.type, p.array)} ${p.name}`);
  return `${typeText(element.returnType, undefined)} ${element.name}(${params.join(", ")})`;
}

function directionText(p: ParameterModel): string {
  return p.in && p.out ? "In, Out" : p.in ? "In" : "Out";
}

export function diffMethods(pair: ClassPair): Change[] {
  const { scope } = pair;
  const changes: Change[] = [];
  for (const [was, is] of memberPairs(pair.oldMethods, pair.newMethods, pair.inheritedSame)) {
    const path = `${pair.name}.${(is ?? was)?.name}()`;
    if (was === undefined || is === undefined) {
      changes.push(added(scope, path, was, is, "method"));
      continue;
    }
    const returns = (m: MethodModel): Typed => ({
      type: m.returnType,
      array: undefined,
      embeddedClass: m.embeddedClass,
      span: m.span,
    });
    appendAll(changes, compareTypes(scope, path, returns(was), returns(is), "method-return-type-changed"));
    if (was.static !== is.static) {
      changes.push(
        makeChange("method-static-changed", scope, {
          path,
          before: String(was.static),
          after: String(is.static),
          oldSpan: was.span,
          newSpan: is.span,
        }),
      );
    }
    const quals = new QualifierDiff(scope, path, was, is, pair.inheritedSame);
    quals.common();
    appendAll(changes, quals.changes);
    appendAll(changes, valueMaps(scope, path, { input: false, output: true }, was, is, quals));
    appendAll(changes, diffParameters(scope, `${pair.name}.${is.name}`, was, is, pair.inheritedSame));
  }
  return changes;
}

/**
 * The order of the parameters both sides have (added and removed ones are reported on their own): one change
 * for the method, with both orders, when it differs.
 */
function parameterOrder(scope: Scope, method: string, was: MethodModel, is: MethodModel): Change[] {
  const shared = (m: MethodModel, other: MethodModel) => {
    const names = new Set(other.parameters.map((p) => fold(p.name)));
    return m.parameters.filter((p) => names.has(fold(p.name))).map((p) => p.name);
  };
  const before = shared(was, is);
  const after = shared(is, was);
  if (before.every((n, i) => fold(n) === fold(after[i] ?? ""))) return [];
  return [
    makeChange("parameter-order-changed", scope, {
      path: `${method}()`,
      before: before.join(", "),
      after: after.join(", "),
      oldSpan: was.span,
      newSpan: is.span,
    }),
  ];
}

function diffParameters(scope: Scope, method: string, was: MethodModel, is: MethodModel, inheritedSame: boolean) {
  const changes: Change[] = parameterOrder(scope, method, was, is);
  for (const [a, b] of pairs(was.parameters, is.parameters)) {
    const path = `${method}(${(b ?? a)?.name})`;
    if (a === undefined || b === undefined) {
      changes.push(parameterAddedOrRemoved(scope, path, a, b));
      continue;
    }
    if (a.in !== b.in || a.out !== b.out) {
      changes.push(
        makeChange("parameter-direction-changed", scope, {
          path,
          before: directionText(a),
          after: directionText(b),
          oldSpan: a.span,
          newSpan: b.span,
        }),
      );
    }
    appendAll(changes, compareTypes(scope, path, a, b, "parameter-type-changed"));
    const quals = new QualifierDiff(scope, path, a, b, inheritedSame);
    quals.typed();
    quals.common();
    appendAll(changes, quals.changes);
    appendAll(changes, defaults(scope, path, a, b));
    appendAll(changes, valueMaps(scope, path, { input: b.in, output: b.out }, a, b, quals));
  }
  return changes;
}

function parameterAddedOrRemoved(
  scope: Scope,
  path: string,
  was: ParameterModel | undefined,
  is: ParameterModel | undefined,
): Change {
  const text = (p: ParameterModel) => `[${directionText(p)}] ${typeText(p.type, p.array)} ${p.name}`;
  if (is === undefined) {
    const gone = was as ParameterModel;
    return makeChange("parameter-removed", scope, { path, before: text(gone), oldSpan: gone.span });
  }
  const type: ChangeType = !is.in
    ? "out-parameter-added"
    : isTrue(is.qualifiers, "Required")
      ? "required-in-parameter-added"
      : "in-parameter-added";
  return makeChange(type, scope, { path, after: text(is), newSpan: is.span });
}
