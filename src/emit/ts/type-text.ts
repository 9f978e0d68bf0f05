import type { ModuleScope } from "./module-scope.js";
import { stringLiteral } from "./names.js";
import type { ElementType } from "./type-map.js";

/**
 * The TypeScript text of an element type inside one module (imports registered in its scope):
 * boolean; number; bigint (64-bit); string (string, char16); `CimDateTimeValue`; `Reference<"Class">`;
 * `EmbeddedInstance<X>` (`MofProperties` for WMI `object` and for a class the schema lacks); a value map's type
 * when one types the element; `readonly T[]` for arrays.
 */
export function typeText(t: ElementType, scope: ModuleScope): string {
  const item = itemText(t, scope);
  return t.array ? `readonly ${item}[]` : item;
}

function itemText(t: ElementType, scope: ModuleScope): string {
  if (t.valueMap !== undefined) {
    const name = scope.mapRef(t.valueMap, t.base === "bigint", "type");
    if (name !== undefined) return name;
  }
  switch (t.base) {
    case "boolean":
    case "number":
    case "bigint":
    case "string":
    case "void":
      return t.base;
    case "datetime":
      return scope.runtime("CimDateTimeValue");
    case "reference": {
      const reference = scope.runtime("Reference");
      return t.referenceClass === undefined ? reference : `${reference}<${stringLiteral(t.referenceClass)}>`;
    }
    case "embedded": {
      const inner = t.embeddedClass === undefined ? scope.runtime("MofProperties") : scope.classType(t.embeddedClass);
      return `${scope.runtime("EmbeddedInstance")}<${inner}>`;
    }
    case "object":
      return `${scope.runtime("EmbeddedInstance")}<${scope.runtime("MofProperties")}>`;
  }
}

/** A property or parameter name as a member name: quoted when it is not an identifier, never mangled. */
export function memberKey(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : stringLiteral(name);
}
