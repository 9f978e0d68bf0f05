import { foldName, mofNamePattern, sameName } from "./cim-name.js";
import { checkElementValue, describeValue, integerRange, isPlainObject } from "./cim-value.js";
import type { ClassDirectory, ClassIndex } from "./class-directory.js";
import { messageText } from "./message-text.js";
import type { ObjectPath } from "./reference.js";
import type { ClassSchema, ElementSchema, PropertySchema } from "./schema.js";

/**
 * The checks of values that name classes: a REF must name the REF's class or a subclass and carry that class's
 * keys; an embedded instance must be an instance of its element's class or a subclass, its properties checked
 * recursively against that class. Nesting is bounded and cycles are found, so a circular or 100,000-deep object is
 * a clear error, not a stack overflow. Each check returns the reason a value is wrong, or undefined.
 */

/** How deep embedded instances (and the objects of an untyped embedded object) may nest. */
export const maxEmbeddedDepth = 32;

export interface ClassValueScope {
  readonly directory: ClassDirectory;
  /** How many embedded instances enclose the value. */
  readonly depth: number;
  /** The objects being checked on the way here, to find an instance that contains itself. */
  readonly open: Set<object>;
}

export function topScope(directory: ClassDirectory): ClassValueScope {
  return { directory, depth: 0, open: new Set() };
}

/** Why `value` (already of the element's type, and not an array) names the wrong class, or undefined. */
export function checkClassValue(element: ElementSchema, value: unknown, scope: ClassValueScope): string | undefined {
  if (element.type === "reference") return checkReferenceClass(element, value as ObjectPath, scope.directory);
  if (element.embeddedClass !== undefined || element.type === "instance" || element.type === "object")
    return checkEmbedded(element, value, scope);
  return undefined;
}

/** The schema of the class an element names, learnt by the directory, if the element or the directory has it. */
function schemaOf(
  name: string | undefined,
  link: (() => ClassSchema) | undefined,
  directory: ClassDirectory,
): ClassSchema | undefined {
  if (name === undefined) return undefined;
  const schema = link?.() ?? directory.find(name);
  if (schema !== undefined) directory.learn(schema);
  return schema;
}

/**
 * The class a value names (`named`), as one the element's class `expected` admits: the schema to check it against,
 * `undefined` when no schema says more than the expected class's, or a reason it is not admitted.
 */
function admitted(named: string, expected: ClassSchema, directory: ClassDirectory): ClassSchema | string | undefined {
  if (sameName(named, expected.name)) return expected;
  const schema = directory.find(named);
  const derivation = schema === undefined ? "unknown" : directory.derives(schema, expected.name);
  if (derivation === "no") return `class ${messageText(named)} is not ${expected.name} or a subclass of it`;
  return derivation === "yes" ? schema : undefined;
}

function checkReferenceClass(element: ElementSchema, path: ObjectPath, directory: ClassDirectory): string | undefined {
  const expected = schemaOf(element.referenceClass, element.referenceSchema, directory);
  if (expected === undefined) return undefined;
  const found = admitted(path.className, expected, directory);
  if (typeof found === "string") return `the reference names ${found}`;
  const keysOf = directory.index(found ?? expected);
  // A class no schema describes may be a subclass of a keyless class that declares keys of its own.
  if (found === undefined && keysOf.keys.length === 0) return undefined;
  const reason = checkKeys(keysOf, path.keys);
  return reason === undefined ? undefined : `the reference to ${messageText(path.className)}: ${reason}`;
}

/** Why `keys` are not exactly the key properties of the class with values of their types, or undefined. */
export function checkKeys(cls: ClassIndex, keys: object): string | undefined {
  const given = new Set<PropertySchema>();
  for (const [name, value] of Object.entries(keys)) {
    const property = cls.properties.get(foldName(name));
    if (property === undefined) return `key ${messageText(name)}: not a property`;
    if (property.key !== true) return `key ${property.name}: not a key property of ${cls.schema.name}`;
    if (given.has(property)) return `key ${property.name}: given twice`;
    given.add(property);
    const reason = checkKeyValue(property, value);
    if (reason !== undefined) return `key ${property.name}: ${reason}`;
  }
  for (const key of cls.keys) if (!given.has(key)) return `key ${key.name} is missing`;
  return undefined;
}

/**
 * Key values in a path are what path text can hold: integers as numbers or bigints (text gives numbers below 2^53),
 * booleans, reals as numbers, and everything else (strings, char16, datetimes, references) as strings.
 */
export function checkKeyValue(property: PropertySchema, value: unknown): string | undefined {
  const range = integerRange(property.type);
  if (range !== undefined) {
    if (typeof value === "number" && Number.isInteger(value) && !Number.isSafeInteger(value))
      return `${describeValue(value)} has lost precision; give it as a bigint`;
    const n = typeof value === "number" && Number.isInteger(value) ? BigInt(value) : value;
    return typeof n === "bigint" && n >= range[0] && n <= range[1]
      ? undefined
      : `${describeValue(value)} is not a ${property.type} (an integer from ${range[0]} to ${range[1]})`;
  }
  if (property.type === "boolean" || property.type === "real32" || property.type === "real64")
    return checkElementValue({ name: property.name, type: property.type }, value);
  return typeof value === "string" ? undefined : `${describeValue(value)} is not a string`;
}

const mofInstanceText = new RegExp(`^\\s*instance\\s+of\\s+(${mofNamePattern})\\s*\\{`, "i");
const mofClassText = new RegExp(`^\\s*(?:\\[[^\\]]{0,1000}\\]\\s*)?class\\s+${mofNamePattern}`, "i");
const xmlInstanceText = new RegExp(
  `^\\s*(?:<\\?xml[^>]{0,200}\\?>\\s*)?<INSTANCE\\s[^>]{0,1000}?\\bCLASSNAME\\s*=\\s*"(${mofNamePattern})"`,
);

function checkEmbedded(element: ElementSchema, value: unknown, scope: ClassValueScope): string | undefined {
  const { directory } = scope;
  const expected = schemaOf(element.embeddedClass, element.embeddedSchema, directory);
  if (typeof value === "string") {
    const named = mofInstanceText.exec(value)?.[1] ?? xmlInstanceText.exec(value)?.[1];
    // WMI's untyped `object` may also hold a class declaration.
    if (named === undefined && expected === undefined && element.type === "object" && mofClassText.test(value))
      return undefined;
    if (named === undefined)
      return `${describeValue(value)} is not the text of an embedded instance (MOF "instance of ${element.embeddedClass ?? "Class"} { ... };" or a CIM-XML INSTANCE)`;
    const found = expected === undefined ? undefined : admitted(named, expected, directory);
    return typeof found === "string" ? `the embedded instance is of ${found}` : undefined;
  }
  if (scope.depth >= maxEmbeddedDepth) return `embedded instances nest deeper than ${maxEmbeddedDepth} levels`;
  if (scope.open.has(value as object)) return "the embedded instance contains itself";
  let properties = value as object;
  let cls = expected;
  if (isMofInstance(value)) {
    if (!isPlainObject(value.properties)) return "the properties of the embedded instance are not an object";
    properties = value.properties;
    const found = expected === undefined ? undefined : admitted(value.className, expected, directory);
    if (typeof found === "string") return `the embedded instance is of ${found}`;
    cls = found;
  }
  if (cls === undefined) return checkUntyped(properties, scope);
  const nested: ClassValueScope = { directory, depth: scope.depth + 1, open: scope.open };
  scope.open.add(value as object);
  try {
    return checkEmbeddedProperties(directory.index(cls), properties, nested);
  } finally {
    scope.open.delete(value as object);
  }
}

/** A value made by `instanceOf(className, properties)`, which names its class. */
function isMofInstance(value: unknown): value is { className: string; properties: unknown } {
  const v = value as { kind?: unknown; className?: unknown };
  return v.kind === "instance" && typeof v.className === "string";
}

/** The properties of an embedded instance of `cls` (not all need be given: it may describe a change). */
function checkEmbeddedProperties(cls: ClassIndex, properties: object, scope: ClassValueScope): string | undefined {
  for (const [name, value] of Object.entries(properties)) {
    const property = cls.properties.get(foldName(name));
    if (property === undefined) return `property ${messageText(name)}: not a property of ${cls.schema.name}`;
    if (value === undefined || value === null) continue;
    const reason = checkElementValue(property, value, (e, v) => checkClassValue(e, v, scope));
    if (reason !== undefined) return `property ${property.name}: ${reason}`;
  }
  return undefined;
}

/** An embedded object whose class no schema describes: plain data only, bounded and without cycles. */
function checkUntyped(value: unknown, scope: ClassValueScope): string | undefined {
  if (value === null || typeof value !== "object") {
    const t = typeof value;
    return t === "function" || t === "symbol" ? `${describeValue(value)} is not a CIM value` : undefined;
  }
  if (!Array.isArray(value) && !isPlainObject(value)) return `${describeValue(value)} is not a CIM value`;
  if (scope.depth >= maxEmbeddedDepth) return `embedded values nest deeper than ${maxEmbeddedDepth} levels`;
  if (scope.open.has(value)) return "the embedded value contains itself";
  const nested: ClassValueScope = { ...scope, depth: scope.depth + 1 };
  scope.open.add(value);
  try {
    for (const [name, item] of Object.entries(value)) {
      if (name === "__proto__") return "a property named __proto__ is not a MOF property";
      const reason = checkUntyped(item, nested);
      if (reason !== undefined)
        return `${Array.isArray(value) ? `element ${name}` : `property ${messageText(name)}`}: ${reason}`;
    }
    return undefined;
  } finally {
    scope.open.delete(value);
  }
}
