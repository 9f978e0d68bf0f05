import { foldName } from "./cim-name.js";
import { integerRange, isPlainObject } from "./cim-value.js";
import { effectiveMembers } from "./class-members.js";
import { maxEmbeddedDepth } from "./class-values.js";
import { type CimDateTimeValue, formatDateTime, fromDate, parseDateTime } from "./datetime.js";
import { messageText } from "./message-text.js";
import { formatObjectPath, type ObjectPath, parseObjectPath } from "./reference.js";
import type { ClassSchema, ElementSchema, PropertySchema } from "./schema.js";

/**
 * Instances as JSON and back without loss. `JSON.stringify` throws on a bigint, and sint64/uint64 values are
 * bigints; writing them as JSON numbers would round everything past 2^53. So, as protobuf's JSON mapping does for
 * its 64-bit integers, the JSON form writes:
 *
 * - a bigint as a string of decimal digits (`"18446744073709551615"`);
 * - a real32/real64 NaN or infinity as `"NaN"`, `"Infinity"`, `"-Infinity"` (JSON numbers have none);
 * - a datetime or interval as its CIM text (`formatDateTime`: `"20240131123000.000000+060"`), a Date as well;
 * - a REF as its object path text (`formatObjectPath`), whose bigint keys survive;
 * - an embedded instance given as an object property by property with its class's schema (MOF text stays text);
 * - everything else as `JSON.stringify` does; undefined properties are left out, null stays.
 *
 * `fromJson` reads that form back with the class's generated schema (`Msvm_ComputerSystem_Schema`), which says which
 * strings are 64-bit integers, datetimes or paths. Properties the schema does not know are kept as parsed (a bigint
 * among them comes back as its string). It converts; it does not validate the instance (the provider host does).
 */

/** JSON that `fromJson` cannot read back: `path` names the property (`Disks[2].Size`). */
export class InstanceJsonError extends Error {
  override readonly name = "InstanceJsonError";
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(path === "" ? reason : `${path}: ${reason}`);
  }
}

/** The instance as JSON text (see above); `space` indents it as for `JSON.stringify`. */
export function toJson(instance: object, schema: ClassSchema, space?: string | number): string {
  return JSON.stringify(instanceToJson(instance, schema, 0), bigintsAsText, space);
}

/** The instance's properties from JSON text written by `toJson` (or an object `JSON.parse` made of it). */
export function fromJson<T extends object = Record<string, unknown>>(json: string | object, schema: ClassSchema): T {
  let parsed: unknown = json;
  if (typeof json === "string") {
    try {
      parsed = JSON.parse(json);
    } catch (error) {
      throw new InstanceJsonError("", `not JSON: ${(error as Error).message}`);
    }
  }
  if (!isPlainObject(parsed)) throw new InstanceJsonError("", "the JSON is not an object of properties");
  return instanceFromJson(parsed, schema, "", 0) as T;
}

/** Bigints the schema does not type (a property it lacks, an untyped embedded object) are written as text too. */
function bigintsAsText(_key: string, value: unknown): unknown {
  return typeof value === "bigint" ? value.toString() : value;
}

function propertiesOf(schema: ClassSchema): ReadonlyMap<string, PropertySchema> {
  let known = propertyMaps.get(schema);
  if (known === undefined) {
    known = new Map(effectiveMembers(schema).properties.map((p) => [foldName(p.name), p]));
    propertyMaps.set(schema, known);
  }
  return known;
}

const propertyMaps = new WeakMap<ClassSchema, ReadonlyMap<string, PropertySchema>>();

function instanceToJson(instance: object, schema: ClassSchema, depth: number): Record<string, unknown> {
  if (depth > maxEmbeddedDepth)
    throw new InstanceJsonError("", `embedded instances nest deeper than ${maxEmbeddedDepth}`);
  const properties = propertiesOf(schema);
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(instance)) {
    if (value === undefined) continue;
    const element = properties.get(foldName(name));
    out[name] = Array.isArray(value)
      ? value.map((v: unknown) => scalarToJson(element, v, depth))
      : scalarToJson(element, value, depth);
  }
  return out;
}

function scalarToJson(element: ElementSchema | undefined, value: unknown, depth: number): unknown {
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  if (value instanceof Date) return formatDateTime(fromDate(value));
  if (element === undefined || !isPlainObject(value)) return value;
  if (element.type === "datetime") return formatDateTime(value as CimDateTimeValue);
  if (element.type === "reference") return formatObjectPath(value as ObjectPath);
  const embedded = element.embeddedSchema?.();
  return embedded === undefined ? value : instanceToJson(value, embedded, depth + 1);
}

function instanceFromJson(json: object, schema: ClassSchema, path: string, depth: number): Record<string, unknown> {
  if (depth > maxEmbeddedDepth)
    throw new InstanceJsonError(path, `embedded instances nest deeper than ${maxEmbeddedDepth}`);
  const properties = propertiesOf(schema);
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(json)) {
    const element = properties.get(foldName(name));
    const at = path === "" ? name : `${path}.${name}`;
    out[name] =
      element === undefined
        ? value
        : Array.isArray(value)
          ? value.map((v: unknown, i) => scalarFromJson(element, v, `${at}[${i}]`, depth))
          : scalarFromJson(element, value, at, depth);
  }
  return out;
}

function scalarFromJson(element: ElementSchema, value: unknown, path: string, depth: number): unknown {
  if (value === null) return null;
  const fail = (expected: string): never => {
    throw new InstanceJsonError(path, `expected ${expected}, found ${messageText(JSON.stringify(value) ?? "")}`);
  };
  switch (element.type) {
    case "sint64":
    case "uint64": {
      const text = typeof value === "number" && Number.isSafeInteger(value) ? String(value) : value;
      if (typeof text !== "string" || !/^-?[0-9]{1,20}$/.test(text)) return fail(`a ${element.type} as decimal text`);
      const n = BigInt(text);
      const [lo, hi] = integerRange(element.type) ?? [n, n];
      return n < lo || n > hi ? fail(`a ${element.type} in ${lo}..${hi}`) : n;
    }
    case "real32":
    case "real64":
      if (value === "NaN" || value === "Infinity" || value === "-Infinity") return Number(value);
      return value;
    case "datetime":
      return typeof value === "string" ? parsed(() => parseDateTime(value), path) : fail("a CIM datetime text");
    case "reference":
      return typeof value === "string" ? parsed(() => parseObjectPath(value), path) : fail("an object path text");
    default: {
      const embedded = element.embeddedSchema?.();
      if (embedded === undefined || !isPlainObject(value)) return value;
      return instanceFromJson(value, embedded, path, depth + 1);
    }
  }
}

function parsed<T>(read: () => T, path: string): T {
  try {
    return read();
  } catch (error) {
    throw new InstanceJsonError(path, (error as Error).message);
  }
}
