import type { InstanceModel, NamespaceModel } from "../model/types.js";
import { fold } from "../model/types.js";
import { compareCodeUnits } from "../util/compare.js";
import { type Change, makeChange } from "./change.js";
import { valueText } from "./texts.js";

/**
 * The instances a schema declares (`instance of`: provider registrations, profiles, default settings), paired
 * across the two sides by what identifies them: the class and its key values as an object path
 * (`Msvm_Foo.InstanceID="x"`), else the alias (`Msvm_Foo $Alias`), else their place among the class's instances
 * (`Msvm_Foo#2`). Then each property value.
 */
export function diffInstances(was: NamespaceModel, is: NamespaceModel): Change[] {
  const before = identified(was);
  const after = identified(is);
  const changes: Change[] = [];
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort(compareCodeUnits);
  for (const key of keys) {
    const a = before.get(key);
    const b = after.get(key);
    const scope = { namespace: is.name, className: (b ?? a)?.instance.className ?? null };
    if (a === undefined || b === undefined) {
      const one = (b ?? a) as Identified;
      const type = b === undefined ? "instance-removed" : "instance-added";
      const side =
        b === undefined
          ? { before: one.path, oldSpan: one.instance.span }
          : { after: one.path, newSpan: one.instance.span };
      changes.push(makeChange(type, scope, { path: one.path, ...side }));
      continue;
    }
    const names = new Set([...a.values.keys(), ...b.values.keys()]);
    for (const name of [...names].sort(compareCodeUnits)) {
      const x = a.values.get(name);
      const y = b.values.get(name);
      const text = (v: typeof x) => (v === undefined ? null : valueText(v.value));
      if (text(x) === text(y)) continue;
      changes.push(
        makeChange("instance-value-changed", scope, {
          path: `${b.path}.${(y ?? x)?.name ?? name}`,
          before: text(x),
          after: text(y),
          oldSpan: x?.span ?? a.instance.span,
          newSpan: y?.span ?? b.instance.span,
        }),
      );
    }
  }
  return changes;
}

interface Identified {
  readonly path: string;
  readonly instance: InstanceModel;
  readonly values: ReadonlyMap<string, InstanceModel["properties"][number]>;
}

function identified(ns: NamespaceModel): Map<string, Identified> {
  const out = new Map<string, Identified>();
  const seen = new Map<string, number>();
  for (const instance of ns.instances) {
    const cls = ns.classByName.get(fold(instance.className));
    const values = new Map(instance.properties.map((p) => [fold(p.name), p]));
    const keys = (cls?.properties ?? []).filter((p) => p.key);
    const keyed = keys.length > 0 && keys.every((k) => values.has(fold(k.name)));
    const name = cls?.name ?? instance.className;
    const n = (seen.get(fold(name)) ?? 0) + 1;
    seen.set(fold(name), n);
    const path = keyed
      ? `${name}.${keys.map((k) => `${k.name}=${valueText(values.get(fold(k.name))?.value ?? { kind: "null" })}`).join(",")}`
      : instance.alias !== undefined
        ? `${name} $${instance.alias}`
        : `${name}#${n}`;
    out.set(fold(path), { path, instance, values });
  }
  return out;
}
