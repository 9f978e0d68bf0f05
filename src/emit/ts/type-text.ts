import type { ModuleScope } from "./module-scope.js";
import { stringLiteral } from "./names.js";
import type { ElementType } from "./type-map.js";

/**
 * The TypeScript text of an element type inside one module (imports registered in its scope):
 * boolean; number; bigint (64-bit); string (string, char16); `CimDateTimeValue`; `Reference<"Class">`;
 * `EmbeddedInstance<X>` (`MofProperties` for WMI `object` and for a class the schema lacks); a value map's type
 * when one types the element; `readonly T[]` for arrays.
 */
export function typeText(t: ElementType, scope: ModuleScope, input = false): string {
  const item = itemText(t, scope, input);
  return t.array ? `readonly ${item}[]` : item;
}

/** `input`: a method input, where an embedded instance is a new one (`NewInstance<X>`: no key is required yet). */
function itemText(t: ElementType, scope: ModuleScope, input: boolean): string {
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
      if (t.embeddedClass === undefined)
        return `${scope.runtime("EmbeddedInstance")}<${scope.runtime("MofProperties")}>`;
      const cls = scope.classType(t.embeddedClass);
      const inner = input ? `${scope.runtime("NewInstance")}<${cls}>` : cls;
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
