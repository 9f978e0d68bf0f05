import { CimDateTimeError, type CimDateTimeValue, formatDateTime } from "./datetime.js";
import { quotedText } from "./message-text.js";
import { formatObjectPath, type ObjectPath, ObjectPathError } from "./reference.js";
import type { CimTypeName, ElementSchema } from "./schema.js";
import { findEntry, isOpen, type ValueMap } from "./value-map.js";

/**
 * Run-time checks of values against the schema's types (`schema.ts` says which JavaScript value each CIM type
 * takes). Each check returns the reason a value is wrong, in words fit for an error message, or undefined when it
 * is right; the `ProviderHost` adds the class, method and element names.
 */

/** Inclusive bounds of the CIM integer types: the narrow ones are numbers, the 64-bit ones bigints. */
const integerBounds: { readonly [T in CimTypeName]?: readonly [bigint, bigint] } = {
  sint8: [-(2n ** 7n), 2n ** 7n - 1n],
  uint8: [0n, 2n ** 8n - 1n],
  sint16: [-(2n ** 15n), 2n ** 15n - 1n],
  uint16: [0n, 2n ** 16n - 1n],
  sint32: [-(2n ** 31n), 2n ** 31n - 1n],
  uint32: [0n, 2n ** 32n - 1n],
  sint64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint64: [0n, 2n ** 64n - 1n],
};

/** The inclusive bounds of an integer type, or undefined for the other types. */
export function integerRange(type: CimTypeName): readonly [bigint, bigint] | undefined {
  return integerBounds[type];
}

/** A further check of a scalar value that has the element's type (the class checks of REFs and embedded instances). */
export type ScalarCheck = (element: ElementSchema, value: unknown) => string | undefined;

/**
 * Why `value` is not a valid value of the element (type, array-ness and fixed array size, closed value map,
 * MinValue/MaxValue, MinLen/MaxLen, then `more`), or undefined when it is. Null and absence are the caller's
 * business (the `Required` rule); here null is only checked inside arrays, where it is not allowed.
 */
export function checkElementValue(element: ElementSchema, value: unknown, more?: ScalarCheck): string | undefined {
  if (element.array !== true) return checkScalar(element, value, more);
  if (!Array.isArray(value)) return `${describeValue(value)} is not an array of ${typeWords(element)}`;
  if (element.arraySize !== undefined && value.length > element.arraySize)
    return `the array has ${value.length} elements; the fixed-size array holds at most ${element.arraySize}`;
  for (const [i, item] of value.entries()) {
    const reason = item === null ? "null is not allowed in an array" : checkScalar(element, item, more);
    if (reason !== undefined) return `element ${i}: ${reason}`;
  }
  return undefined;
}

function checkScalar(element: ElementSchema, value: unknown, more: ScalarCheck | undefined): string | undefined {
  const reason = checkType(element, value) ?? checkValueMap(element, value) ?? checkBounds(element, value);
  return reason ?? more?.(element, value);
}

function checkValueMap(element: ElementSchema, value: unknown): string | undefined {
  const map = element.valueMap;
  if (map === undefined || isOpen(map)) return undefined;
  if (typeof value !== "number" && typeof value !== "bigint" && typeof value !== "string") return undefined;
  if (findEntry(map, value) !== undefined) return undefined;
  return `${describeValue(value)} is not a value of its value map (${listValueMap(map)})`;
}

/** MinValue/MaxValue of numbers (number and bigint compare exactly in JavaScript), MinLen/MaxLen of strings. */
function checkBounds(element: ElementSchema, value: unknown): string | undefined {
  const { minValue, maxValue, minLen, maxLen } = element;
  if (typeof value === "number" || typeof value === "bigint") {
    if (Number.isNaN(value) && (minValue !== undefined || maxValue !== undefined))
      return "NaN is not within its MinValue and MaxValue";
    if (minValue !== undefined && value < minValue)
      return `${describeValue(value)} is less than its MinValue ${minValue}`;
    if (maxValue !== undefined && value > maxValue)
      return `${describeValue(value)} is greater than its MaxValue ${maxValue}`;
  }
  if (
    typeof value === "string" &&
    element.embeddedClass === undefined &&
    (minLen !== undefined || maxLen !== undefined)
  ) {
    const length = characters(value);
    if (minLen !== undefined && length < minLen)
      return `${describeValue(value)} has ${length} characters, fewer than its MinLen ${minLen}`;
    if (maxLen !== undefined && length > maxLen)
      return `${describeValue(value)} has ${length} characters, more than its MaxLen ${maxLen}`;
  }
  return undefined;
}

/** A string's length in characters (code points), as MaxLen counts: a surrogate pair is one character. */
function characters(text: string): number {
  let pairs = 0;
  for (let i = 0; i < text.length - 1; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        pairs++;
        i++;
      }
    }
  }
  return text.length - pairs;
}

function checkType(element: ElementSchema, value: unknown): string | undefined {
  const bad = () => `${describeValue(value)} is not ${typeWords(element)}`;
  const { type } = element;
  if (element.embeddedClass !== undefined || type === "instance" || type === "object")
    return typeof value === "string" || isPlainObject(value) ? undefined : bad();
  switch (type) {
    case "boolean":
      return typeof value === "boolean" ? undefined : bad();
    case "string":
      return typeof value === "string" ? undefined : bad();
    case "char16":
      return typeof value === "string" && value.length === 1 ? undefined : bad();
    case "real32":
      if (typeof value !== "number") return bad();
      return Number.isFinite(value) && !Number.isFinite(Math.fround(value))
        ? `${describeValue(value)} is out of the range of a real32`
        : undefined;
    case "real64":
      return typeof value === "number" ? undefined : bad();
    case "datetime":
      return checkDateTime(value);
    case "reference":
      return checkReference(value);
    default: {
      const bounds = integerBounds[type];
      if (bounds === undefined) return bad();
      const wide = type === "sint64" || type === "uint64";
      const ok = wide ? typeof value === "bigint" : typeof value === "number" && Number.isInteger(value);
      if (!ok) return bad();
      const n = BigInt(value as number | bigint);
      return n >= bounds[0] && n <= bounds[1] ? undefined : bad();
    }
  }
}

function checkDateTime(value: unknown): string | undefined {
  if (!isPlainObject(value)) return `${describeValue(value)} is not a datetime (a CimDateTimeValue)`;
  const kind = (value as { kind?: unknown }).kind;
  if (kind !== "timestamp" && kind !== "interval")
    return `an object whose kind is not "timestamp" or "interval" is not a datetime (a CimDateTimeValue)`;
  try {
    formatDateTime(value as unknown as CimDateTimeValue);
    return undefined;
  } catch (error) {
    if (error instanceof CimDateTimeError) return `not a valid datetime: ${error.message}`;
    return "not a valid datetime";
  }
}

function checkReference(value: unknown): string | undefined {
  const path = value as Partial<ObjectPath> | null;
  if (!isPlainObject(value) || typeof path?.className !== "string" || !isPlainObject(path.keys))
    return `${describeValue(value)} is not a reference (an ObjectPath with className and keys)`;
  try {
    formatObjectPath(path as ObjectPath);
    return undefined;
  } catch (error) {
    if (error instanceof ObjectPathError) return `not a valid object path: ${error.reason}`;
    return "not a valid object path";
  }
}

/** The expected type in words: `a uint16 (an integer from 0 to 65535)`, `an array of string`... */
export function typeWords(element: ElementSchema): string {
  if (element.embeddedClass !== undefined || element.type === "instance" || element.type === "object") {
    const of = element.embeddedClass === undefined ? "" : ` of ${element.embeddedClass}`;
    return `an embedded instance${of} (an object of its properties, or its MOF text)`;
  }
  const bounds = integerBounds[element.type];
  if (bounds !== undefined) {
    const wide = element.type === "sint64" || element.type === "uint64";
    return wide
      ? `a ${element.type} (a bigint from ${bounds[0]}n to ${bounds[1]}n)`
      : `a ${element.type} (an integer from ${bounds[0]} to ${bounds[1]})`;
  }
  switch (element.type) {
    case "char16":
      return "a char16 (a string of exactly one UTF-16 code unit)";
    case "real32":
    case "real64":
      return `a ${element.type} (a number)`;
    case "reference":
      return "a reference (an ObjectPath)";
    case "datetime":
      return "a datetime (a CimDateTimeValue)";
    default:
      return `a ${element.type}`;
  }
}

/** The entries of a value map for a message, `2 Full Snapshot, 3 Disk Snapshot, ...`, at most eight of them. */
export function listValueMap(map: ValueMap): string {
  const shown = map.slice(0, 8).map((e) => (e.label === e.value ? e.value : `${e.value} ${e.label}`));
  return map.length > 8 ? `${shown.join(", ")}, ...` : shown.join(", ");
}

/**
 * A value as a message shows it: numbers as written, bigints with `n`, strings quoted, cut when long and escaped
 * (`messageText`), objects by kind only, so nothing a caller passes can run code or flood a log line.
 */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case "string":
      return quotedText(value, 60);
    case "number":
      return Object.is(value, -0) ? "-0" : String(value);
    case "bigint":
      return `${value}n`;
    case "boolean":
      return String(value);
    case "undefined":
      return "undefined";
    case "object":
      return value === null ? "null" : Array.isArray(value) ? "an array" : "an object";
    default:
      return `a ${typeof value}`;
  }
}

/**
 * A plain object (made by `{}`, `Object.create(null)` or JSON): what instances, embedded instances, paths and
 * datetimes are. A Map, a Promise, a Date or a class instance is not one: its data is not its own properties.
 */
export function isPlainObject(value: unknown): value is object {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
