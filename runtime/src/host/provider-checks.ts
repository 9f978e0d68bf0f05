import { CimError, CimStatus } from "../values/cim-error.js";
import { foldName } from "../values/cim-name.js";
import { checkElementValue, describeValue, isPlainObject } from "../values/cim-value.js";
import { ClassDirectory, type ClassIndex, type MethodIndex } from "../values/class-directory.js";
import { checkClassValue, checkKeyValue, topScope } from "../values/class-values.js";
import { isJobStarted } from "../values/job.js";
import { messageText } from "../values/message-text.js";
import type { KeyValue, ObjectPath } from "../values/reference.js";
import type { ElementSchema, ParameterSchema } from "../values/schema.js";

/**
 * The checks a `ProviderHost` makes around a provider call: method inputs (CIM_ERR_INVALID_PARAMETER), method
 * outputs and returned instances (a provider bug: CIM_ERR_FAILED), object paths and instances given as input.
 * Each check returns a new object whose names are the schema's spelling (CIM names are case-insensitive), so the
 * provider and the caller see the names the generated types use. A `ClassDirectory` (the host's) tells which
 * classes a REF or an embedded instance may name; without one, only the classes the schemas link to are known.
 */

/** The In parameters of a call, checked and renamed to the schema's spelling; throws CIM_ERR_INVALID_PARAMETER. */
export function checkMethodInput(
  method: MethodIndex,
  params: unknown,
  directory = new ClassDirectory(),
): Record<string, unknown> {
  const fail = (reason: string): never => {
    throw new CimError(CimStatus.CIM_ERR_INVALID_PARAMETER, `${method.where}: ${reason}`);
  };
  if (params !== undefined && !isPlainObject(params))
    fail(`the parameters are ${describeValue(params)}, not an object of parameter values`);
  const known = method.method.parameters.filter((p) => p.in).map((p) => p.name);
  const given = normaliseNames(params ?? {}, method.parameters, "parameter", fail, (name) => {
    const list = known.length === 0 ? "it has no In parameters" : `its In parameters are ${known.join(", ")}`;
    return `parameter ${messageText(name)}: not a parameter of the method (${list})`;
  });
  for (const [parameter, value] of given) {
    if (!parameter.in) fail(`parameter ${parameter.name}: an Out parameter cannot be given as input`);
    if (value !== null) checkValue(parameter, value, `parameter ${parameter.name}`, fail, directory);
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
export function checkMethodOutput(
  method: MethodIndex,
  output: unknown,
  directory = new ClassDirectory(),
): Record<string, unknown> {
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
    foldName(name) === "returnvalue"
      ? "ReturnValue from a void method"
      : `${messageText(name)} is not a parameter of the method`,
  );
  for (const [element, value] of result) {
    if (element !== returnValue && !(element as ParameterSchema).out) fail(`${element.name} is not an Out parameter`);
    if (value !== null) checkValue(element, value, element.name, fail, directory);
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
  /** The classes REF and embedded-instance values may name. */
  readonly directory?: ClassDirectory;
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
    (name) => `property ${messageText(name)}: not a property of ${cls.schema.name}`,
  );
  const directory = check.directory ?? new ClassDirectory();
  for (const [property, value] of given)
    if (value !== null) checkValue(property, value, `property ${property.name}`, fail, directory);
  for (const property of cls.properties.values()) {
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
  if (foldName(candidate.className) !== foldName(schema.name))
    fail(`the path names class ${messageText(candidate.className)}, not ${schema.name}`);
  const { namespace, host } = candidate;
  if (namespace !== undefined && typeof namespace !== "string")
    fail(`the namespace is ${describeValue(namespace)}, not a string`);
  if (host !== undefined && typeof host !== "string") fail(`the host is ${describeValue(host)}, not a string`);
  if (namespace !== undefined && normaliseNamespace(namespace) !== normaliseNamespace(schema.namespace))
    fail(
      `namespace ${messageText(namespace)} is not ${schema.name}'s namespace ${schema.namespace}`,
      CimStatus.CIM_ERR_INVALID_NAMESPACE,
    );
  const keys = normaliseNames(
    candidate.keys,
    cls.properties,
    "key",
    fail,
    (name) => `key ${messageText(name)}: not a property`,
  );
  for (const [property, value] of keys) {
    if (property.key !== true) fail(`key ${property.name}: not a key property of ${schema.name}`);
    const reason = checkKeyValue(property, value);
    if (reason !== undefined) fail(`key ${property.name}: ${reason}`);
  }
  for (const key of cls.keys) if (!keys.has(key)) fail(`key ${key.name} is missing`);
  return {
    className: schema.name,
    namespace: schema.namespace,
    ...(host !== undefined && { host }),
    keys: toRecord(cls.properties, keys) as Record<string, KeyValue>,
  };
}

function checkValue(
  element: ElementSchema,
  value: unknown,
  what: string,
  fail: (reason: string) => never,
  directory: ClassDirectory,
): void {
  const scope = topScope(directory);
  const reason = checkElementValue(element, value, (e, v) => checkClassValue(e, v, scope));
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
    const element = elements.get(foldName(name));
    if (element === undefined) return fail(unknown(name));
    const before = spelled.get(element);
    if (before !== undefined)
      fail(`${what} ${element.name}: given twice, as ${messageText(before)} and ${messageText(name)}`);
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
  return foldName(namespace.replace(/\\/g, "/").replace(/^\/+|\/+$/g, ""));
}
