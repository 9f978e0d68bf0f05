import { readValue } from "../values/caller-value.js";
import { CimError, CimStatus } from "../values/cim-error.js";
import { foldName } from "../values/cim-name.js";
import { describeValue, isPlainObject } from "../values/cim-value.js";
import { ClassDirectory, type ClassIndex } from "../values/class-directory.js";
import type { ObjectPath } from "../values/reference.js";
import { describeName, errorText, guard, operation } from "./host-operation.js";
import type {
  AssociatorsOptions,
  CallOptions,
  OperationContext,
  Provider,
  ProviderClassMap,
  ReferencesOptions,
  UntypedClassMap,
} from "./provider.js";
import { checkInstance, checkMethodInput, checkMethodOutput, checkPath } from "./provider-checks.js";
import { checkReturnedKeys } from "./returned-instance.js";

type ClassName<M> = keyof M & string;
type MethodName<M extends ProviderClassMap, C extends keyof M> = keyof M[C]["methods"] & string;
type InstanceOf<M extends ProviderClassMap, C extends keyof M> = M[C]["instance"];

type Registered = { readonly provider: Provider; readonly index: ClassIndex };

export interface ProviderHostOptions {
  /**
   * Most instances that `enumerateInstances`, `references` and `associators`, which answer one array, gather from
   * a provider's stream (default 100,000, as the servers' `maxResultCount`): past it they fail with
   * CIM_ERR_SERVER_LIMITS_EXCEEDED and stop the stream, rather than hold a stream without end in memory.
   * `instanceStream` and `referenceStream` give a stream of any length as it comes.
   */
  readonly maxResultCount?: number;
}

/** The default of `ProviderHostOptions.maxResultCount`, and of the servers' `maxResultCount`. */
export const defaultMaxResultCount = 100_000;

const { CIM_ERR_FAILED: FAILED, CIM_ERR_INVALID_PARAMETER: INVALID } = CimStatus;

/**
 * Registers providers, one per class, and dispatches CIM operations to them, checking every input against the
 * class's `ClassSchema` before the provider runs and every result after (see `provider-checks.ts`). Class, method,
 * parameter, property and key names are found case-insensitively, as in CIM: ASCII letters only (`foldName`,
 * `cim-name.ts`, the compiler's rule too), so `\u212Aill` with a KELVIN SIGN is not `Kill` (issue 13 item 23).
 * They are handed on in the schema's spelling.
 *
 * Every operation fails only with a `CimError` (or, once the caller's signal is aborted, the caller's own abort
 * reason): caller values are read once into plain data (`caller-value.ts`), so a throwing getter or a Proxy is
 * CIM_ERR_INVALID_PARAMETER, and whatever a provider throws or returns wrongly is CIM_ERR_FAILED, the original error
 * attached as the `cause`.
 *
 * Typed use: the generator emits, per namespace, `providers/class-map.ts` with `export type ClassMap`; a
 * `new ProviderHost<ClassMap>()` then types `invokeMethod("Msvm_Foo", "Bar", input)` end to end (the input is
 * `Msvm_Foo_Bar_In`, the result `Msvm_Foo_Bar_Out`), and `enumerateInstances` / `getInstance` return the class's
 * interface. Without a map every name is a string and every value a record. One host serves classes by name, so a
 * host per namespace is the natural unit (two namespaces may both define `Msvm_ConcreteJob`).
 */
export class ProviderHost<M extends ProviderClassMap = UntypedClassMap> {
  readonly #classes = new Map<string, Registered>();
  /** The classes REF and embedded-instance values may name: the providers' classes and what they link to. */
  readonly #directory = new ClassDirectory();
  readonly #maxResults: number;

  constructor(options: ProviderHostOptions = {}) {
    const max = options.maxResultCount ?? defaultMaxResultCount;
    if (!Number.isSafeInteger(max) || max < 0)
      throw new CimError(INVALID, `ProviderHost: maxResultCount ${describeValue(max)} is not a whole number >= 0`);
    this.#maxResults = max;
  }

  /** Serve `provider.schema`'s class with `provider`; a class can have only one provider (CIM_ERR_ALREADY_EXISTS). */
  register(provider: Provider): this {
    const { schema, index } = guard("register", INVALID, () => {
      if (typeof provider !== "object" || provider === null)
        throw new CimError(INVALID, `register: ${describeValue(provider)} is not a provider`);
      const schema = provider.schema;
      if (!isPlainObject(schema) || typeof schema.name !== "string")
        throw new CimError(INVALID, "register: the provider has no schema (a ClassSchema with a name)");
      return { schema, index: this.#directory.index(schema) };
    });
    const key = foldName(schema.name);
    const existing = this.#classes.get(key);
    if (existing !== undefined)
      throw new CimError(
        CimStatus.CIM_ERR_ALREADY_EXISTS,
        `a provider for class ${existing.index.schema.name} is already registered; ${schema.name} cannot have two`,
      );
    this.#directory.learn(schema);
    this.#classes.set(key, { provider, index });
    return this;
  }

  /** The registered classes, as their schemas spell them, in registration order. */
  get classNames(): readonly string[] {
    return [...this.#classes.values()].map((c) => c.index.schema.name);
  }

  /**
   * Every instance of the class, gathered into an array: a streaming provider is read to its end, up to
   * `maxResultCount` instances (CIM_ERR_SERVER_LIMITS_EXCEEDED past it).
   */
  enumerateInstances<C extends ClassName<M>>(className: C, options?: CallOptions): Promise<InstanceOf<M, C>[]> {
    return operation("enumerateInstances", options, async (signal) => {
      const found = await this.instanceStream(className, options);
      if (Array.isArray(found)) return found as InstanceOf<M, C>[];
      const where = `${this.#find(className).index.schema.name}.enumerateInstances`;
      return (await gathered(where, found as AsyncIterable<unknown>, signal, this.#maxResults)) as InstanceOf<M, C>[];
    });
  }

  /**
   * Every instance of the class as the provider gives them: an array (checked) when it returned one, else its
   * stream, each instance checked as it comes; anything the stream throws, or a wrong instance, is CIM_ERR_FAILED
   * naming the instance's position. The servers read a stream only as far as clients pull; stopping early (break,
   * `return()`) stops the provider's stream too.
   */
  instanceStream<C extends ClassName<M>>(
    className: C,
    options?: CallOptions,
  ): Promise<readonly InstanceOf<M, C>[] | AsyncIterable<InstanceOf<M, C>>> {
    return operation("enumerateInstances", options, async (signal) => {
      const { provider, index } = this.#find(className);
      const where = `${index.schema.name}.enumerateInstances`;
      const found = await this.#call(where, signal, async () =>
        provider.enumerateInstances(this.#context(index, signal)),
      );
      if (isAsyncIterable(found)) return this.#checkedStream<InstanceOf<M, C>>(index, where, found, signal);
      return this.#returnedList(index, where, found);
    });
  }

  getInstance<C extends ClassName<M>>(path: ObjectPath<C>, options?: CallOptions): Promise<InstanceOf<M, C>> {
    return operation("getInstance", options, async (signal) => {
      const given = readValue(path, "getInstance: path", INVALID);
      const { provider, index } = this.#findByPath(given, "getInstance");
      const where = `${index.schema.name}.getInstance`;
      const checked = checkPath(index, given, `${where}: path`);
      const instance = await this.#call(where, signal, () =>
        provider.getInstance(checked, this.#context(index, signal)),
      );
      if (instance === undefined)
        throw new CimError(CimStatus.CIM_ERR_NOT_FOUND, `${where}: no instance at ${keyText(checked)}`);
      const returned = this.#returned<InstanceOf<M, C>>(index, instance, `${where}: the instance`);
      checkReturnedKeys(index, checked, returned as object, `${where}: the instance`);
      return returned;
    });
  }

  createInstance<C extends ClassName<M>>(
    className: C,
    instance: InstanceOf<M, C>,
    options?: CallOptions,
  ): Promise<ObjectPath<C>> {
    return operation("createInstance", options, async (signal) => {
      const { provider, index } = this.#find(className);
      const where = `${index.schema.name}.createInstance`;
      const given = readValue(instance, `${where}: the instance`, INVALID);
      const input = checkInstance(index, given, { where, code: INVALID, keys: false, directory: this.#directory });
      const path = await this.#call(where, signal, () => provider.createInstance(input, this.#context(index, signal)));
      try {
        return checkPath(
          index,
          readValue(path, `${where}: the returned path`, FAILED),
          `${where}: the returned path`,
        ) as ObjectPath<C>;
      } catch (error) {
        throw error instanceof CimError ? new CimError(FAILED, error.detail, { cause: error }) : error;
      }
    });
  }

  /** Change an instance, which carries its keys; `propertyList` names the properties to change. */
  modifyInstance<C extends ClassName<M>>(
    className: C,
    instance: Partial<InstanceOf<M, C>>,
    propertyList?: readonly string[],
    options?: CallOptions,
  ): Promise<void> {
    return operation("modifyInstance", options, async (signal) => {
      const { provider, index } = this.#find(className);
      const where = `${index.schema.name}.modifyInstance`;
      const given = readValue(instance, `${where}: the instance`, INVALID);
      const input = checkInstance(index, given, { where, code: INVALID, keys: true, directory: this.#directory });
      const properties = propertyNames(index, readValue(propertyList, `${where}: property list`, INVALID), where);
      await this.#call(where, signal, () => provider.modifyInstance(input, properties, this.#context(index, signal)));
    });
  }

  deleteInstance<C extends ClassName<M>>(path: ObjectPath<C>, options?: CallOptions): Promise<void> {
    return operation("deleteInstance", options, async (signal) => {
      const given = readValue(path, "deleteInstance: path", INVALID);
      const { provider, index } = this.#findByPath(given, "deleteInstance");
      const where = `${index.schema.name}.deleteInstance`;
      const checked = checkPath(index, given, `${where}: path`);
      await this.#call(where, signal, () => provider.deleteInstance(checked, this.#context(index, signal)));
    });
  }

  /**
   * The instances that the association `assocClass` links `source` to (the far ends); a stream is read to its end,
   * up to `maxResultCount` instances.
   */
  associators<A extends ClassName<M>>(
    assocClass: A,
    source: ObjectPath,
    options?: AssociatorsOptions & CallOptions,
  ): Promise<object[]> {
    return operation("associators", options, async (signal) => {
      const { provider, index, where, filters, path } = this.#association(assocClass, "associators", source, options);
      const associators = provider.associators;
      if (associators === undefined) throw notImplemented(where);
      const found = await this.#call(where, signal, async () =>
        associators.call(provider, path, filters, this.#context(index, signal)),
      );
      const list = isAsyncIterable(found) ? await gathered(where, found, signal, this.#maxResults) : found;
      const given = readValue(list, `${where}: the provider's result`, FAILED);
      if (!Array.isArray(given)) throw badResult(where, `${describeValue(given)} instead of an array`);
      for (const [i, instance] of given.entries())
        if (!isPlainObject(instance))
          throw badResult(where, `instance ${i}: ${describeValue(instance)} is not an instance`);
      return given as object[];
    });
  }

  /**
   * The instances of the association `assocClass` that refer to `source`, gathered into an array (from a stream,
   * up to `maxResultCount` instances).
   */
  references<A extends ClassName<M>>(
    assocClass: A,
    source: ObjectPath,
    options?: ReferencesOptions & CallOptions,
  ): Promise<InstanceOf<M, A>[]> {
    return operation("references", options, async (signal) => {
      const found = await this.referenceStream(assocClass, source, options);
      if (Array.isArray(found)) return found as InstanceOf<M, A>[];
      const where = `${this.#find(assocClass).index.schema.name}.references`;
      return (await gathered(where, found as AsyncIterable<unknown>, signal, this.#maxResults)) as InstanceOf<M, A>[];
    });
  }

  /**
   * The instances of the association `assocClass` that refer to `source`, as the provider gives them: an array
   * (checked), or its stream, each instance checked as it comes (as `instanceStream`).
   */
  referenceStream<A extends ClassName<M>>(
    assocClass: A,
    source: ObjectPath,
    options?: ReferencesOptions & CallOptions,
  ): Promise<readonly InstanceOf<M, A>[] | AsyncIterable<InstanceOf<M, A>>> {
    return operation("references", options, async (signal) => {
      const { provider, index, where, filters, path } = this.#association(assocClass, "references", source, options);
      const references = provider.references;
      if (references === undefined) throw notImplemented(where);
      const found = await this.#call(where, signal, async () =>
        references.call(provider, path, filters, this.#context(index, signal)),
      );
      if (isAsyncIterable(found)) return this.#checkedStream<InstanceOf<M, A>>(index, where, found, signal);
      return this.#returnedList(index, where, found);
    });
  }

  /**
   * Invoke a method. `target` is the instance to invoke a non-static method on (required, with its keys); a static
   * method takes none. Resolves with `ReturnValue` and the Out parameters, checked against the schema.
   */
  invokeMethod<C extends ClassName<M>, N extends MethodName<M, C>>(
    className: C,
    methodName: N,
    params: M[C]["methods"][N]["in"],
    target?: ObjectPath<C>,
    options?: CallOptions,
  ): Promise<M[C]["methods"][N]["out"]> {
    return operation("invokeMethod", options, async (signal) => {
      const { provider, index } = this.#find(className);
      const method = typeof methodName === "string" ? index.methods.get(foldName(methodName)) : undefined;
      if (method === undefined) {
        const name = describeName(methodName);
        throw new CimError(
          CimStatus.CIM_ERR_METHOD_NOT_FOUND,
          `${index.schema.name}.${name}: ${index.schema.name} has no method ${name}`,
        );
      }
      const { where } = method;
      const given = readValue(target, `${where}: target`, INVALID);
      let checkedTarget: ObjectPath | undefined;
      if (method.method.static === true) {
        if (given !== undefined && given !== null)
          throw new CimError(INVALID, `${where}: a static method is invoked on its class, not on an instance`);
      } else {
        if (given === undefined || given === null)
          throw new CimError(
            INVALID,
            `${where}: the method is not static and needs the path of the instance to invoke it on`,
          );
        checkedTarget = checkPath(index, given, `${where}: target`);
      }
      const input = checkMethodInput(method, readValue(params, `${where}: the parameters`, INVALID), this.#directory);
      const context = { ...this.#context(index, signal), methodName: method.method.name, target: checkedTarget };
      const output = await this.#call(where, signal, () => provider.invokeMethod(input, context));
      const result = readValue(output, `${where}: the provider's result`, FAILED);
      return checkMethodOutput(method, result, this.#directory) as M[C]["methods"][N]["out"];
    });
  }

  #find(className: unknown): Registered {
    const found = typeof className === "string" ? this.#classes.get(foldName(className)) : undefined;
    if (found !== undefined) return found;
    const known = this.classNames.length === 0 ? "none is registered" : `registered: ${this.classNames.join(", ")}`;
    throw new CimError(CimStatus.CIM_ERR_INVALID_CLASS, `no provider for class ${describeName(className)} (${known})`);
  }

  #findByPath(path: unknown, operation: string): Registered {
    const className = isPlainObject(path) ? (path as { className?: unknown }).className : undefined;
    if (typeof className !== "string")
      throw new CimError(
        INVALID,
        `${operation}: ${describeValue(path)} is not an object path (an ObjectPath with className and keys)`,
      );
    return this.#find(className);
  }

  #association(
    assocClass: unknown,
    operation: "associators" | "references",
    source: unknown,
    options: unknown,
  ): Registered & { where: string; filters: AssociatorsOptions; path: ObjectPath } {
    const { provider, index } = this.#find(assocClass);
    const where = `${index.schema.name}.${operation}`;
    const invalid = (reason: string) => new CimError(INVALID, `${where}: ${reason}`);
    if (index.schema.association !== true) throw invalid(`${index.schema.name} is not an association`);
    const path = readValue(source, `${where}: source`, INVALID) as Partial<ObjectPath> | null;
    if (!isPlainObject(path) || typeof path?.className !== "string" || !isPlainObject(path.keys))
      throw invalid(`source: ${describeValue(path)} is not an object path`);
    const given = readValue(options ?? {}, `${where}: options`, INVALID) as {
      readonly [F in keyof AssociatorsOptions]?: unknown;
    };
    const role = (name: unknown, what: string): string | undefined => {
      if (name === undefined) return undefined;
      const property = typeof name === "string" ? index.properties.get(foldName(name)) : undefined;
      if (property?.type !== "reference")
        throw invalid(`${what} ${describeValue(name)} is not a reference of ${index.schema.name}`);
      return property.name;
    };
    const { resultClass } = given;
    if (resultClass !== undefined && typeof resultClass !== "string")
      throw invalid(`result class ${describeValue(resultClass)} is not a class name`);
    const filters = {
      ...(resultClass !== undefined && { resultClass }),
      ...(given.role !== undefined && { role: role(given.role, "role") }),
      ...(given.resultRole !== undefined && { resultRole: role(given.resultRole, "result role") }),
    } as AssociatorsOptions;
    return { provider, index, where, filters, path: path as ObjectPath };
  }

  #context(index: ClassIndex, signal: AbortSignal | undefined): OperationContext {
    return { namespace: index.schema.namespace, className: index.schema.name, signal: signal ?? neverAborted };
  }

  /**
   * Run a provider call: a CimError passes through, the caller's own abort reason too; anything else the provider
   * throws is its failure, CIM_ERR_FAILED naming where it happened.
   */
  async #call<T>(where: string, signal: AbortSignal | undefined, run: () => Promise<T>): Promise<T> {
    signal?.throwIfAborted();
    try {
      return await run();
    } catch (error) {
      if (error instanceof CimError) throw error;
      if (signal?.aborted === true && error === signal.reason) throw error;
      throw new CimError(FAILED, `${where}: the provider failed: ${errorText(error)}`, { cause: error });
    }
  }

  #returned<T>(index: ClassIndex, instance: unknown, where: string): T {
    const given = readValue(instance, where, FAILED);
    return checkInstance(index, given, { where, code: FAILED, keys: true, directory: this.#directory }) as T;
  }

  async *#checkedStream<T>(
    index: ClassIndex,
    where: string,
    stream: AsyncIterable<unknown>,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<T, void, undefined> {
    let position = 0;
    try {
      // A bad instance leaves the loop, which stops the provider's stream (its finally blocks run).
      for await (const instance of stream) yield this.#returned<T>(index, instance, `${where}: instance ${position++}`);
    } catch (error) {
      throw streamFailure(where, position, error, signal);
    }
  }

  #returnedList<T>(index: ClassIndex, where: string, found: unknown): T[] {
    const list = readValue(found, `${where}: the provider's result`, FAILED);
    if (!Array.isArray(list)) throw badResult(where, `${describeValue(list)} instead of an array`);
    return list.map((instance: unknown, i) => this.#returned<T>(index, instance, `${where}: instance ${i}`));
  }
}

const neverAborted = new AbortController().signal;

/** What a provider's stream threw, as the host reports it: a CimError or the caller's abort as is, else FAILED. */
function streamFailure(where: string, position: number, error: unknown, signal: AbortSignal | undefined): unknown {
  if (error instanceof CimError || (signal?.aborted === true && error === signal.reason)) return error;
  return new CimError(FAILED, `${where}: the provider failed after ${position} instances: ${errorText(error)}`, {
    cause: error,
  });
}

/**
 * A stream read to its end (the host's array-returning calls), but never more than `max` items: one more stops it
 * (leaving the loop calls its `return()`, so the provider's `finally` blocks run) with CIM_ERR_SERVER_LIMITS_EXCEEDED,
 * as the servers' operations without pulls answer past their `maxResultCount`.
 */
async function gathered(where: string, stream: AsyncIterable<unknown>, signal: AbortSignal | undefined, max: number) {
  const all: unknown[] = [];
  try {
    for await (const item of stream) {
      if (all.length === max)
        throw new CimError(
          CimStatus.CIM_ERR_SERVER_LIMITS_EXCEEDED,
          `${where}: the provider's stream has more than ${max} instances, the most this host gathers into one array (maxResultCount); read it with instanceStream or referenceStream instead`,
        );
      all.push(item);
    }
  } catch (error) {
    throw streamFailure(where, all.length, error, signal);
  }
  return all;
}

/** Whether a provider returned a stream (an async generator, or any object with `Symbol.asyncIterator`). */
function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  try {
    return (
      typeof value === "object" &&
      value !== null &&
      typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === "function"
    );
  } catch {
    return false; // a throwing getter: checked as a list, and refused there
  }
}

/** A propertyList: an array of the class's property names, in the schema's spelling; undefined means all. */
function propertyNames(index: ClassIndex, list: unknown, where: string): readonly string[] | undefined {
  if (list === undefined) return undefined;
  if (!Array.isArray(list))
    throw new CimError(INVALID, `${where}: property list: ${describeValue(list)} is not an array of property names`);
  return list.map((name: unknown) => {
    const property = typeof name === "string" ? index.properties.get(foldName(name)) : undefined;
    if (property === undefined)
      throw new CimError(INVALID, `${where}: property list: ${describeValue(name)} is not a property`);
    return property.name;
  });
}

function badResult(where: string, reason: string): CimError {
  return new CimError(FAILED, `${where}: the provider returned a bad result: ${reason}`);
}

function notImplemented(where: string): CimError {
  return new CimError(CimStatus.CIM_ERR_NOT_SUPPORTED, `${where} is not supported`);
}

function keyText(path: ObjectPath): string {
  const keys = Object.entries(path.keys).map(([name, value]) => `${name}=${describeValue(value)}`);
  return `${path.className}${keys.length === 0 ? "=@" : `.${keys.join(",")}`}`;
}
