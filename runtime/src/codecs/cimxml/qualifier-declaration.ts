import type { XmlElement } from "../../xml/tree.js";
import type { XmlWriter } from "../../xml/writer.js";
import { decodeFlavors, decodeValueOf, encodeValueOf, flavorAttributesOf, scalarType } from "./class.js";
import { invalid, required } from "./errors.js";
import type { CimQualifierDeclaration, CimScope } from "./typed.js";

/**
 * QUALIFIER.DECLARATION (DSP0201 §5.3.1): a qualifier type with its default value, the SCOPE it may be used in and
 * its flavors, as GetQualifier and EnumerateQualifiers return it and SetQualifier sends it.
 */

const scopeAttributes: readonly [string, CimScope][] = [
  ["CLASS", "class"],
  ["ASSOCIATION", "association"],
  ["REFERENCE", "reference"],
  ["PROPERTY", "property"],
  ["METHOD", "method"],
  ["PARAMETER", "parameter"],
  ["INDICATION", "indication"],
];

export function decodeQualifierDeclaration(el: XmlElement): CimQualifierDeclaration {
  if (el.name !== "QUALIFIER.DECLARATION") invalid(el, "expected QUALIFIER.DECLARATION");
  for (const c of el.children)
    if (!["SCOPE", "VALUE", "VALUE.ARRAY"].includes(c.name)) invalid(c, `QUALIFIER.DECLARATION cannot hold ${c.name}`);
  const type = scalarType(el);
  const isArray = el.attributes.ISARRAY;
  if (isArray !== undefined && isArray !== "true" && isArray !== "false")
    invalid(el, `ISARRAY is ${JSON.stringify(isArray)}, not true or false`);
  const value = decodeValueOf(el, type);
  const array = isArray === "true" || Array.isArray(value);
  if (value !== null && Array.isArray(value) !== array) invalid(el, "ISARRAY is true but the value is not an array");
  const size = el.attributes.ARRAYSIZE;
  const arraySize = size === undefined || size === "" ? undefined : Number(size);
  if (arraySize !== undefined && !(Number.isInteger(arraySize) && arraySize >= 0))
    invalid(el, `ARRAYSIZE ${JSON.stringify(size)} is not a size`);
  const scope = el.children.find((c) => c.name === "SCOPE");
  const scopes =
    scope === undefined ? [] : scopeAttributes.filter(([a]) => scope.attributes[a] === "true").map(([, s]) => s);
  return {
    kind: "qualifierDeclaration",
    name: required(el, "NAME"),
    type,
    ...(array ? { array: true as const } : {}),
    ...(arraySize === undefined ? {} : { arraySize }),
    value,
    scopes,
    ...decodeFlavors(el),
  };
}

/** QUALIFIER.DECLARATION; scope `any` is written as every scope, as DSP0201 has no ANY attribute in 2.4. */
export function encodeQualifierDeclaration(w: XmlWriter, declaration: CimQualifierDeclaration): void {
  const array = declaration.array === true;
  w.start("QUALIFIER.DECLARATION", {
    NAME: declaration.name,
    TYPE: declaration.type,
    ISARRAY: array ? "true" : "false",
    ARRAYSIZE: declaration.arraySize?.toString(),
    ...flavorAttributesOf(declaration),
  });
  if (declaration.scopes.length > 0) {
    const all = declaration.scopes.includes("any");
    w.leaf(
      "SCOPE",
      Object.fromEntries(
        scopeAttributes.filter(([, s]) => all || declaration.scopes.includes(s)).map(([a]) => [a, "true"]),
      ),
    );
  }
  encodeValueOf(w, `qualifier ${declaration.name}`, declaration.type, declaration.value, array);
  w.end();
}
