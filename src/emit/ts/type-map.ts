import type { ClassModel, DataType, IntrinsicTypeName, ValueMap } from "../../model/types.js";
import { fold } from "../../model/types.js";

/**
 * How a CIM element is typed in TypeScript, independent of the module that prints it: the lossless base type, the
 * classes it names, and whether its value map types it. The module scope turns this into text (`type-text.ts`), and
 * the interface emitter compares two of them to decide whether an override needs `Omit`.
 */
export type TsBase =
  | "boolean"
  | "number"
  | "bigint"
  | "string"
  | "datetime"
  | "reference"
  | "embedded"
  | "object"
  | "void";

export interface ElementType {
  readonly base: TsBase;
  /** The CIM type name the run-time schema uses; undefined for `void`. */
  readonly cim: CimType | undefined;
  readonly array: boolean;
  /** `reference`: the class the REF names (undefined for WMI `object ref`). */
  readonly referenceClass: string | undefined;
  /** `embedded`: the class named by EmbeddedInstance or the WMI class type, as written. */
  readonly embeddedName: string | undefined;
  /** `embedded`: that class when the schema has it; undefined degrades to `MofProperties`. */
  readonly embeddedClass: ClassModel | undefined;
  /** The value map that types the element (its literals), when its kind matches the base type. */
  readonly valueMap: ValueMap | undefined;
}

/** The CIM type names of the run-time `ClassSchema` (runtime `schema.ts`). */
export type CimType = IntrinsicTypeName | "reference" | "object" | "instance";

const numberTypes = new Set<string>(["sint8", "sint16", "sint32", "uint8", "uint16", "uint32", "real32", "real64"]);

/** The TypeScript base type of an intrinsic CIM type: 64-bit integers are bigint so nothing loses precision. */
export function intrinsicBase(name: IntrinsicTypeName): TsBase {
  if (name === "boolean") return "boolean";
  if (name === "sint64" || name === "uint64") return "bigint";
  if (name === "datetime") return "datetime";
  if (name === "string" || name === "char16") return "string";
  if (numberTypes.has(name)) return "number";
  return "string";
}

export interface TypedElement {
  readonly type: DataType;
  readonly array?: unknown;
  readonly embeddedClass: string | undefined;
  readonly valueMap: ValueMap | undefined;
}

/**
 * The element's TypeScript type. `findClass` resolves an embedded class name (its own namespace first). A value map
 * types the element only when it fits the base type (an integer map on a number or bigint, a string map on a string);
 * any other combination keeps the base type, so the type never claims what the value cannot be.
 */
export function elementType(element: TypedElement, findClass: (name: string) => ClassModel | undefined): ElementType {
  const cached = typed.get(element);
  if (cached !== undefined) return cached;
  const t = computeType(element, findClass);
  typed.set(element, t);
  return t;
}

/** The type of a method's return value (its ValueMap types it, as for any element). */
export function returnType(
  method: Omit<TypedElement, "type"> & { readonly returnType: DataType },
  findClass: (name: string) => ClassModel | undefined,
): ElementType {
  const cached = returns.get(method);
  if (cached !== undefined) return cached;
  const t = computeType(
    { type: method.returnType, embeddedClass: method.embeddedClass, valueMap: method.valueMap },
    findClass,
  );
  returns.set(method, t);
  return t;
}

const returns = new WeakMap<object, ElementType>();

// Model objects are immutable; a class's schema and its subclasses' schemas ask for the same elements again.
const typed = new WeakMap<object, ElementType>();

function computeType(element: TypedElement, findClass: (name: string) => ClassModel | undefined): ElementType {
  const array = element.array !== undefined;
  const type = element.type;
  const plain = (
    base: TsBase,
    cim: CimType | undefined,
    valueMap?: ValueMap,
    referenceClass?: string,
  ): ElementType => ({
    base,
    cim,
    array,
    referenceClass,
    embeddedName: undefined,
    embeddedClass: undefined,
    valueMap,
  });
  switch (type.kind) {
    case "void":
      return plain("void", undefined);
    case "object":
      return plain("object", "object");
    case "reference":
      return plain("reference", "reference", undefined, type.className);
    case "instance":
      return embedded(array, "instance", type.className, findClass);
    case "intrinsic": {
      if (type.name === "string" && element.embeddedClass !== undefined)
        return embedded(array, "string", element.embeddedClass, findClass);
      const base = intrinsicBase(type.name);
      return plain(base, type.name, fits(element.valueMap, base) ? element.valueMap : undefined);
    }
  }
}

function embedded(
  array: boolean,
  cim: CimType,
  name: string,
  findClass: (name: string) => ClassModel | undefined,
): ElementType {
  const embeddedClass = findClass(name);
  return {
    base: "embedded",
    cim,
    array,
    referenceClass: undefined,
    embeddedName: name,
    embeddedClass,
    valueMap: undefined,
  };
}

function fits(map: ValueMap | undefined, base: TsBase): boolean {
  if (map === undefined) return false;
  return map.valueType === "string" ? base === "string" : base === "number" || base === "bigint";
}

/**
 * A key that is equal for two element types exactly when they print the same way in any module: the interface
 * emitter's first test for "the override keeps the inherited type".
 */
export function typeKey(t: ElementType, mapName: (map: ValueMap) => string): string {
  const cls =
    t.base === "reference"
      ? fold(t.referenceClass ?? "")
      : t.base === "embedded"
        ? `${t.embeddedClass?.namespace ?? "?"}:${fold(t.embeddedClass?.name ?? "")}`
        : "";
  const map = t.valueMap === undefined ? "" : mapName(t.valueMap);
  return `${t.base}|${cls}|${map}|${t.array ? "[]" : ""}`;
}
