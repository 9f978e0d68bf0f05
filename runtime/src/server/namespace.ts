import type { SchemaLookup } from "../codecs/cimxml/value.js";
import type { ProviderHost } from "../host/provider-host.js";
import { CimError, CimStatus } from "../values/cim-error.js";
import { foldName, sameName } from "../values/cim-name.js";
import { withEffectiveMembers } from "../values/class-members.js";
import { type CimDateTimeValue, formatDateTime } from "../values/datetime.js";
import { formatObjectPath, getKey, type KeyValue, type ObjectPath } from "../values/reference.js";
import type { ClassSchema } from "../values/schema.js";

/**
 * One namespace as a server serves it: the `ProviderHost` that runs its providers, and the generated schemas of
 * all its classes (the host only knows the classes it has providers for, but GetClass, superclass enumeration and
 * REF checks need the whole tree: `CIM_ComputerSystem` has no provider, `Msvm_ComputerSystem` has).
 */
export class ServedNamespace {
  readonly name: string;
  readonly schemas: readonly ClassSchema[];
  readonly #schemas = new Map<string, ClassSchema>();
  readonly lookup: SchemaLookup = (className) => this.#schemas.get(foldName(className));

  constructor(
    // biome-ignore lint/suspicious/noExplicitAny: a host typed by any ClassMap serves here
    readonly host: ProviderHost<any>,
    schemas: readonly ClassSchema[],
    name?: string,
  ) {
    // Served whole: GetClass, queries and association roles read a class's effective members.
    this.schemas = schemas.map(withEffectiveMembers);
    for (const schema of this.schemas) this.#schemas.set(foldName(schema.name), schema);
    const first = name ?? schemas[0]?.namespace;
    if (first === undefined) throw new TypeError("a served namespace needs its name or the schemas of its classes");
    this.name = normaliseNamespace(first);
  }

  /** Whether `namespace` (as a request spells it) is this one. */
  is(namespace: string): boolean {
    return sameName(normaliseNamespace(namespace), this.name);
  }

  /** The class's schema; CIM_ERR_INVALID_CLASS when the namespace has no such class. */
  requireClass(className: string): ClassSchema {
    const schema = this.lookup(className);
    if (schema === undefined)
      throw new CimError(CimStatus.CIM_ERR_INVALID_CLASS, `${this.name} has no class ${className}`);
    return schema;
  }

  /** Whether `className` is `ancestor` or inherits from it (names case-insensitive; unknown classes are not). */
  isA(className: string, ancestor: string): boolean {
    const target = foldName(ancestor);
    let current = this.lookup(className);
    for (let steps = 0; current !== undefined && steps < 64; steps++) {
      if (foldName(current.name) === target) return true;
      current = current.superclass === undefined ? undefined : this.lookup(current.superclass);
    }
    return false;
  }

  /** The classes with a provider that are `className` or inherit from it (all, without it), in registration order. */
  providedClasses(className?: string): ClassSchema[] {
    return this.host.classNames.flatMap((name) => {
      const schema = this.lookup(name);
      return schema !== undefined && (className === undefined || this.isA(name, className)) ? [schema] : [];
    });
  }

  /** Whether the class has a provider. */
  isProvided(className: string): boolean {
    return this.host.classNames.some((name) => sameName(name, className));
  }

  /** The direct subclasses of `className`, or the root classes when it is undefined, in schema order. */
  subclasses(className: string | undefined): ClassSchema[] {
    const parent = className === undefined ? undefined : foldName(className);
    return this.schemas.filter((s) => (s.superclass === undefined ? undefined : foldName(s.superclass)) === parent);
  }

  /** The path of an instance of `schema`: its key properties, in this namespace. */
  pathOf(schema: ClassSchema, properties: Readonly<Record<string, unknown>>): ObjectPath {
    const keys: Record<string, KeyValue> = {};
    for (const property of schema.properties) {
      if (property.key !== true) continue;
      const value = getKey({ className: schema.name, keys: properties as ObjectPath["keys"] }, property.name);
      if (value !== undefined) Object.defineProperty(keys, property.name, { value: keyValue(value), enumerable: true });
    }
    return { className: schema.name, namespace: this.name, keys };
  }
}

/** Key values in paths are strings, numbers, bigints or booleans; a datetime or REF key is written as its text. */
function keyValue(value: unknown): KeyValue {
  if (typeof value === "string" || typeof value === "number" || typeof value === "bigint" || typeof value === "boolean")
    return value;
  if (typeof value === "object" && value !== null && "className" in value && "keys" in value)
    return formatObjectPath(value as ObjectPath);
  if (typeof value === "object" && value !== null && "kind" in value) return formatDateTime(value as CimDateTimeValue);
  return String(value);
}

/** `root/cimv2` from `root\\cimv2`, `/root/cimv2/`...: `/`-separated, case kept (names compare without case). */
export function normaliseNamespace(namespace: string): string {
  return namespace
    .split(/[\\/]+/)
    .filter((s) => s !== "")
    .join("/");
}
