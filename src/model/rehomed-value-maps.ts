import type { DataType, MethodModel, PropertyModel, RehomedValueMap, ValueMap, ValueMapDeclarer } from "./types.js";
import { fold } from "./types.js";

const none: readonly RehomedValueMap[] = [];

/**
 * The value maps of a class's effective elements that its namespace re-homes (see `RehomedValueMap`), in member
 * order. Most classes have none: they share one empty list.
 */
export function rehomedValueMaps(
  namespace: string,
  className: string,
  properties: readonly PropertyModel[],
  methods: readonly MethodModel[],
): readonly RehomedValueMap[] {
  let out: RehomedValueMap[] | undefined;
  const use = (
    map: ValueMap | undefined,
    type: DataType,
    element: ValueMapDeclarer["element"],
    member: string,
    parameter?: string,
  ) => {
    if (map === undefined) return;
    const d = map.declarer;
    // Fast path (every element of CIM): the same namespace, and the type object the declarer recorded.
    if (d.namespace === namespace && d.type === type) return;
    const elsewhere = fold(d.namespace) !== fold(namespace);
    if (!elsewhere && sameType(d.type, type)) return;
    const declarer: ValueMapDeclarer = { namespace, className, element, member, parameter, type };
    out ??= [];
    out.push({ map, declarer, because: elsewhere ? "namespace" : "type" });
  };
  for (const p of properties) use(p.valueMap, p.type, "property", p.name);
  for (const m of methods) {
    use(m.valueMap, m.returnType, "method", m.name);
    for (const p of m.parameters) use(p.valueMap, p.type, "parameter", m.name, p.name);
  }
  return out ?? none;
}

/** The same data type: class names compare case-insensitively, as every MOF name. */
function sameType(a: DataType, b: DataType): boolean {
  switch (a.kind) {
    case "intrinsic":
      return b.kind === "intrinsic" && a.name === b.name;
    case "reference":
      return b.kind === "reference" && fold(a.className ?? "") === fold(b.className ?? "");
    case "instance":
      return b.kind === "instance" && fold(a.className) === fold(b.className);
    case "object":
    case "void":
      return a.kind === b.kind;
  }
}
