import { CimError, CimStatus } from "../values/cim-error.js";
import { checkElementValue, describeValue, integerRange, isPlainObject } from "../values/cim-value.js";
import { isJobStarted } from "../values/job.js";
import type { KeyValue, ObjectPath } from "../values/reference.js";
import type { ClassSchema, ElementSchema, MethodSchema, ParameterSchema, PropertySchema } from "../values/schema.js";

/**
 * The checks a `ProviderHost` makes around a provider call: method inputs (CIM_ERR_INVALID_PARAMETER), method
 * outputs and returned instances (a provider bug: CIM_ERR_FAILED), object paths and instances given as input.
 * Each check returns a new object whose names are the schema's spelling (CIM names are case-insensitive), so the
 * provider and the caller see the names the generated types use.
 */

/** A class's schema with its members found by case-folded name, built once when a provider is registered. */
export interface ClassIndex {
  readonly schema: ClassSchema;
  readonly properties: ReadonlyMap<string, PropertySchema>;
  readonly keys: readonly PropertySchema[];
  readonly methods: ReadonlyMap<string, MethodIndex>;
}

export interface MethodIndex {
  readonly method: MethodSchema;
  readonly parameters: ReadonlyMap<string, ParameterSchema>;
  /** Where messages say the problem is: `Class.Method`. */
  readonly where: string;
}

export function indexClass(schema: ClassSchema): ClassIndex {
  const byName = <E extends { readonly name: string }>(list: readonly E[]) =>
    new Map(list.map((e) => [e.name.toLowerCase(), e]));
  const methods = schema.methods.map((method): [string, MethodIndex] => [
    method.name.toLowerCase(),
    { method, parameters: byName(method.parameters), where: `${schema.name}.${method.name}` },
  ]);
  return {
    schema,
    properties: byName(schema.properties),
    keys: schema.properties.filter((p) => p.key === true),
    methods: new Map(methods),
  };
}

/** The In parameters of a call, checked and renamed to the schema's spelling; throws CIM_ERR_INVALID_PARAMETER. */
export function checkMethodInput(method: MethodIndex, params: unknown): Record<string, unknown> {
  const fail = (reason: string): never => {
    throw new CimError(CimStatus.CIM_ERR_INVALID_PARAMETER, `${method.where}: ${reason}`);
  };
  if (params !== undefined && !isPlainObject(params))
    fail(`the parameters are ${describeValue(params)}, not an object of parameter values`);
  const known = method.method.parameters.filter((p) => p.in).map((p) => p.name);
  const given = normaliseNames(params ?? {}, method.parameters, "parameter", fail, (name) => {
    const list = known.length === 0 ? "it has no In parameters" : `its In parameters are ${known.join(", ")}`;
    return `parameter ${name}: not a parameter of the method (${list})`;
  });
  for (const [parameter, value] of given) {
    if (!parameter.in) fail(`parameter ${parameter.name}: an Out parameter cannot be given as input`);
    if (value !== null) checkValue(parameter, value, `parameter ${parameter.name}`, fail);
  }
  for (const parameter of method.method.parameters) {
    if (parameter.in && parameter.required === true && (given.get(parameter) ?? null) === null)
      fail(`parameter ${parameter.name}: is required${given.has(parameter) ? " and cannot be null" : ""}`);
  }
  return toRecord(method.parameters, given);
}

/**
 * What a provider's method returned, checked and renamed: `ReturnValue` (its type and closed value map) and Out
 * parameters only. A bad result is the provider's bug, so this throws CIM_ERR_FAILED rather than pass it on.
 */
export function checkMethodOutput(method: MethodIndex, output: unknown): Record<string, unknown> {
  const fail = (reason: string): never => {
    throw new CimError(CimStatus.CIM_ERR_FAILED, `${method.where}: the provider returned a bad result: ${reason}`);
  };
  if (!isPlainObject(output)) return fail(`${describeValue(output)} instead of an object of Out parameters`);
  const { returnType, returnValueMap } = method.method;
  const returnValue: ElementSchema | undefined =
    returnType === undefined
      ? undefined
      : { name: "ReturnValue", type: returnType, ...(returnValueMap !== undefined && { valueMap: returnValueMap }) };
  const elements = new Map<string, ElementSchema>(returnValue === undefined ? [] : [["returnvalue", returnValue]]);
  for (const [name, parameter] of method.parameters) elements.set(name, parameter);
  const result = normaliseNames(output, elements, "Out parameter", fail, (name) =>
    name.toLowerCase() === "returnvalue"
      ? "ReturnValue from a void method"
      : `${name} is not a parameter of the method`,
  );
  for (const [element, value] of result) {
    if (element !== returnValue && !(element as ParameterSchema).out) fail(`${element.name} is not an Out parameter`);
    if (value !== null) checkValue(element, value, element.name, fail);
  }
  if (returnValue !== undefined && (result.get(returnValue) ?? null) === null) fail("ReturnValue is missing");
  for (const parameter of method.method.parameters)
    if (parameter.out && parameter.required === true && (result.get(parameter) ?? null) === null)
      fail(`the required Out parameter ${parameter.name} is missing`);
  const job = method.parameters.get("job");
  const code = returnValue === undefined ? undefined : result.get(returnValue);
  if (job?.out === true && (typeof code === "number" || typeof code === "bigint") && isJobStarted(code))
    if ((result.get(job) ?? null) === null) fail(`ReturnValue ${code} (job started) without the Out parameter Job`);
  return toRecord(elements, result);
}

export interface InstanceCheck {
  /** Where messages say the problem is: `Msvm_Foo.enumerateInstances: instance 2`. */
  readonly where: string;
  /** CIM_ERR_INVALID_PARAMETER for an instance given as input, CIM_ERR_FAILED for one a provider returned. */
  readonly code: CimStatus;
  /** Whether every key property must have a value. */
  readonly keys: boolean;
}

/** An instance (a plain object of property values), checked and renamed to the schema's spelling. */
export function checkInstance(cls: ClassIndex, instance: unknown, check: InstanceCheck): Record<string, unknown> {
  const fail = (reason: string): never => {
    throw new CimError(check.code, `${check.where}: ${reason}`);
  };
  if (!isPlainObject(instance)) return fail(`${describeValue(instance)} is not an instance (an object of properties)`);
  const given = normaliseNames(
    instance,
    cls.properties,
    "property",
    fail,
    (name) => `property ${name}: not a property of ${cls.schema.name}`,
  );
  for (const [property, value] of given)
    if (value !== null) checkValue(property, value, `property ${property.name}`, fail);
  for (const property of cls.schema.properties) {
    const missing = (given.get(property) ?? null) === null;
    if (missing && check.keys && property.key === true) fail(`key property ${property.name} has no value`);
    if (missing && property.required === true) fail(`required property ${property.name} has no value`);
  }
  return toRecord(cls.properties, given);
}

/**
 * An object path given for an instance of `cls`: its class must be `cls`, its namespace (if given) the class's, and
 * its keys exactly the class's key properties with values of the right type. Returns the path with the schema's
 * spelling of the class and key names and the class's namespace; throws CIM_ERR_INVALID_PARAMETER (or
 * CIM_ERR_INVALID_NAMESPACE).
 */
export function checkPath(cls: ClassIndex, path: unknown, where: string): ObjectPath {
  const fail = (reason: string, code: CimStatus = CimStatus.CIM_ERR_INVALID_PARAMETER): never => {
    throw new CimError(code, `${where}: ${reason}`);
  };
  const { schema } = cls;
  const candidate = path as Partial<ObjectPath> | null;
  if (!isPlainObject(path) || typeof candidate?.className !== "string" || !isPlainObject(candidate.keys))
    return fail(`${describeValue(path)} is not an object path (an ObjectPath with className and keys)`);
  if (candidate.className.toLowerCase() !== schema.name.toLowerCase())
    fail(`the path names class ${candidate.className}, not ${schema.name}`);
  const namespace = candidate.namespace;
  if (namespace !== undefined && normaliseNamespace(namespace) !== normaliseNamespace(schema.namespace))
    fail(
      `namespace ${namespace} is not ${schema.name}'s namespace ${schema.namespace}`,
      CimStatus.CIM_ERR_INVALID_NAMESPACE,
    );
  const keys = normaliseNames(candidate.keys, cls.properties, "key", fail, (name) => `key ${name}: not a property`);
  for (const [property, value] of keys) {
    if (property.key !== true) fail(`key ${property.name}: not a key property of ${schema.name}`);
    const reason = checkKeyValue(property, value);
    if (reason !== undefined) fail(`key ${property.name}: ${reason}`);
  }
  for (const key of cls.keys) if (!keys.has(key)) fail(`key ${key.name} is missing`);
  return {
    className: schema.name,
    namespace: schema.namespace,
    ...(candidate.host !== undefined && { host: candidate.host }),
    keys: toRecord(cls.properties, keys) as Record<string, KeyValue>,
  };
}

/**
 * Key values in a path are what path text can hold: integers as numbers or bigints (text gives numbers below 2^53),
 * booleans, reals as numbers, and everything else (strings, char16, datetimes, references) as strings.
 */
function checkKeyValue(property: PropertySchema, value: unknown): string | undefined {
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

function checkValue(element: ElementSchema, value: unknown, what: string, fail: (reason: string) => never): void {
  const reason = checkElementValue(element, value);
  if (reason !== undefined) fail(`${what}: ${reason}`);
}

/**
 * The own enumerable entries of `given`, each matched case-insensitively to an element; `undefined` values count
 * as absent. Fails on an unknown name and on one name given twice in different cases.
 */
function normaliseNames<E extends { readonly name: string }>(
  given: object,
  elements: ReadonlyMap<string, E>,
  what: string,
  fail: (reason: string) => never,
  unknown: (name: string) => string,
): Map<E, unknown> {
  const result = new Map<E, unknown>();
  const spelled = new Map<E, string>();
  for (const [name, value] of Object.entries(given)) {
    if (value === undefined) continue;
    const element = elements.get(name.toLowerCase());
    if (element === undefined) return fail(unknown(name));
    const before = spelled.get(element);
    if (before !== undefined) fail(`${what} ${element.name}: given twice, as ${before} and ${name}`);
    spelled.set(element, name);
    result.set(element, value);
  }
  return result;
}

/** A record in the schema's member order, whatever order the caller wrote them in; `__proto__` stays a key. */
function toRecord<E extends { readonly name: string }>(
  elements: ReadonlyMap<string, E>,
  values: ReadonlyMap<E, unknown>,
): Record<string, unknown> {
  const entries: [string, unknown][] = [];
  for (const element of elements.values()) if (values.has(element)) entries.push([element.name, values.get(element)]);
  return Object.fromEntries(entries);
}

function normaliseNamespace(namespace: string): string {
  return namespace
    .replace(/\\/g, "/")
    .replace(/^\/+|\/+$/g, "")
    .toLowerCase();
}
