import { CimError, CimStatus } from "../values/cim-error.js";
import { describeValue, isPlainObject } from "../values/cim-value.js";
import type { ObjectPath } from "../values/reference.js";
import type {
  AssociatorsOptions,
  CallOptions,
  OperationContext,
  Provider,
  ProviderClassMap,
  ReferencesOptions,
  UntypedClassMap,
} from "./provider.js";
import {
  type ClassIndex,
  checkInstance,
  checkMethodInput,
  checkMethodOutput,
  checkPath,
  indexClass,
} from "./provider-checks.js";

type ClassName<M> = keyof M & string;
type MethodName<M extends ProviderClassMap, C extends keyof M> = keyof M[C]["methods"] & string;
type InstanceOf<M extends ProviderClassMap, C extends keyof M> = M[C]["instance"];

/**
 * Registers providers, one per class, and dispatches CIM operations to them, checking every input against the
 * class's `ClassSchema` before the provider runs and every result after (see `provider-checks.ts`). Class, method,
 * parameter, property and key names are found case-insensitively, as in CIM, and handed on in the schema's spelling.
 *
 * Typed use: the generator emits, per namespace, `providers/class-map.ts` with `export type ClassMap`; a
 * `new ProviderHost<ClassMap>()` then types `invokeMethod("Msvm_Foo", "Bar", input)` end to end (the input is
 * `Msvm_Foo_Bar_In`, the result `Msvm_Foo_Bar_Out`), and `enumerateInstances` / `getInstance` return the class's
 * interface. Without a map every name is a string and every value a record. One host serves classes by name, so a
 * host per namespace is the natural unit (two namespaces may both define `Msvm_ConcreteJob`).
 */
export class ProviderHost<M extends ProviderClassMap = UntypedClassMap> {
  readonly #classes = new Map<string, { readonly provider: Provider; readonly index: ClassIndex }>();

  /** Serve `provider.schema`'s class with `provider`; a class can have only one provider (CIM_ERR_ALREADY_EXISTS). */
  register(provider: Provider): this {
    const { schema } = provider;
    const key = schema.name.toLowerCase();
    const existing = this.#classes.get(key);
    if (existing !== undefined)
      throw new CimError(
        CimStatus.CIM_ERR_ALREADY_EXISTS,
        `a provider for class ${existing.index.schema.name} is already registered; ${schema.name} cannot have two`,
      );
    this.#classes.set(key, { provider, index: indexClass(schema) });
    return this;
  }

  /** The registered classes, as their schemas spell them, in registration order. */
  get classNames(): readonly string[] {
    return [...this.#classes.values()].map((c) => c.index.schema.name);
  }

  async enumerateInstances<C extends ClassName<M>>(
    className: C,
    options: CallOptions = {},
  ): Promise<InstanceOf<M, C>[]> {
    const { provider, index } = this.#find(className);
    const where = `${index.schema.name}.enumerateInstances`;
    const instances = await this.#call(where, options, () =>
      provider.enumerateInstances(this.#context(index, options)),
    );
    if (!Array.isArray(instances)) throw badResult(where, `${describeValue(instances)} instead of an array`);
    return instances.map((instance: unknown, i) => checkReturned(index, instance, `${where}: instance ${i}`));
  }

  async getInstance<C extends ClassName<M>>(path: ObjectPath<C>, options: CallOptions = {}): Promise<InstanceOf<M, C>> {
    const { provider, index } = this.#findByPath(path, "getInstance");
    const where = `${index.schema.name}.getInstance`;
    const checked = checkPath(index, path, `${where}: path`);
    const instance = await this.#call(where, options, () =>
      provider.getInstance(checked, this.#context(index, options)),
    );
    if (instance === undefined)
      throw new CimError(CimStatus.CIM_ERR_NOT_FOUND, `${where}: no instance at ${keyText(checked)}`);
    return checkReturned(index, instance, `${where}: the instance`);
  }

  async createInstance<C extends ClassName<M>>(
    className: C,
    instance: InstanceOf<M, C>,
    options: CallOptions = {},
  ): Promise<ObjectPath<C>> {
    const { provider, index } = this.#find(className);
    const where = `${index.schema.name}.createInstance`;
    const input = checkInstance(index, instance, { where, code: CimStatus.CIM_ERR_INVALID_PARAMETER, keys: false });
    const path = await this.#call(where, options, () => provider.createInstance(input, this.#context(index, options)));
    try {
      return checkPath(index, path, `${where}: the returned path`) as ObjectPath<C>;
    } catch (error) {
      throw error instanceof CimError ? new CimError(CimStatus.CIM_ERR_FAILED, error.detail) : error;
    }
  }

  /** Change an instance, which carries its keys; `propertyList` names the properties to change. */
  async modifyInstance<C extends ClassName<M>>(
    className: C,
    instance: Partial<InstanceOf<M, C>>,
    propertyList?: readonly string[],
    options: CallOptions = {},
  ): Promise<void> {
    const { provider, index } = this.#find(className);
    const where = `${index.schema.name}.modifyInstance`;
    const input = checkInstance(index, instance, { where, code: CimStatus.CIM_ERR_INVALID_PARAMETER, keys: true });
    const properties = propertyList?.map((name) => {
      const property = typeof name === "string" ? index.properties.get(name.toLowerCase()) : undefined;
      if (property === undefined)
        throw new CimError(
          CimStatus.CIM_ERR_INVALID_PARAMETER,
          `${where}: property list: ${describeValue(name)} is not a property`,
        );
      return property.name;
    });
    await this.#call(where, options, () => provider.modifyInstance(input, properties, this.#context(index, options)));
  }

  async deleteInstance<C extends ClassName<M>>(path: ObjectPath<C>, options: CallOptions = {}): Promise<void> {
    const { provider, index } = this.#findByPath(path, "deleteInstance");
    const where = `${index.schema.name}.deleteInstance`;
    const checked = checkPath(index, path, `${where}: path`);
    await this.#call(where, options, () => provider.deleteInstance(checked, this.#context(index, options)));
  }

  /** The instances that the association `assocClass` links `source` to (the far ends). */
  async associators<A extends ClassName<M>>(
    assocClass: A,
    source: ObjectPath,
    options: AssociatorsOptions & CallOptions = {},
  ): Promise<object[]> {
    const { provider, index, where, filters } = this.#association(assocClass, "associators", source, options);
    if (provider.associators === undefined) throw notImplemented(where);
    const found = await this.#call(where, options, () =>
      (provider.associators as NonNullable<Provider["associators"]>)(source, filters, this.#context(index, options)),
    );
    if (!Array.isArray(found)) throw badResult(where, `${describeValue(found)} instead of an array`);
    for (const [i, instance] of found.entries())
      if (!isPlainObject(instance))
        throw badResult(where, `instance ${i}: ${describeValue(instance)} is not an instance`);
    return [...found];
  }

  /** The instances of the association `assocClass` that refer to `source`. */
  async references<A extends ClassName<M>>(
    assocClass: A,
    source: ObjectPath,
    options: ReferencesOptions & CallOptions = {},
  ): Promise<InstanceOf<M, A>[]> {
    const { provider, index, where, filters } = this.#association(assocClass, "references", source, options);
    if (provider.references === undefined) throw notImplemented(where);
    const found = await this.#call(where, options, () =>
      (provider.references as NonNullable<Provider["references"]>)(source, filters, this.#context(index, options)),
    );
    if (!Array.isArray(found)) throw badResult(where, `${describeValue(found)} instead of an array`);
    return found.map((instance: unknown, i) => checkReturned(index, instance, `${where}: instance ${i}`));
  }

  /**
   * Invoke a method. `target` is the instance to invoke a non-static method on (required, with its keys); a static
   * method takes none. Resolves with `ReturnValue` and the Out parameters, checked against the schema.
   */
  async invokeMethod<C extends ClassName<M>, N extends MethodName<M, C>>(
    className: C,
    methodName: N,
    params: M[C]["methods"][N]["in"],
    target?: ObjectPath<C>,
    options: CallOptions = {},
  ): Promise<M[C]["methods"][N]["out"]> {
    const { provider, index } = this.#find(className);
    const method = typeof methodName === "string" ? index.methods.get(methodName.toLowerCase()) : undefined;
    if (method === undefined)
      throw new CimError(
        CimStatus.CIM_ERR_METHOD_NOT_FOUND,
        `${index.schema.name}.${String(methodName)}: ${index.schema.name} has no method ${String(methodName)}`,
      );
    const { where } = method;
    let checkedTarget: ObjectPath | undefined;
    if (method.method.static === true) {
      if (target !== undefined && target !== null)
        throw new CimError(
          CimStatus.CIM_ERR_INVALID_PARAMETER,
          `${where}: a static method is invoked on its class, not on an instance`,
        );
    } else {
      if (target === undefined || target === null)
        throw new CimError(
          CimStatus.CIM_ERR_INVALID_PARAMETER,
          `${where}: the method is not static and needs the path of the instance to invoke it on`,
        );
      checkedTarget = checkPath(index, target, `${where}: target`);
    }
    const input = checkMethodInput(method, params);
    const context = { ...this.#context(index, options), methodName: method.method.name, target: checkedTarget };
    const output = await this.#call(where, options, () => provider.invokeMethod(input, context));
    return checkMethodOutput(method, output) as M[C]["methods"][N]["out"];
  }

  #find(className: unknown): { readonly provider: Provider; readonly index: ClassIndex } {
    const found = typeof className === "string" ? this.#classes.get(className.toLowerCase()) : undefined;
    if (found !== undefined) return found;
    const known = this.classNames.length === 0 ? "none is registered" : `registered: ${this.classNames.join(", ")}`;
    throw new CimError(CimStatus.CIM_ERR_INVALID_CLASS, `no provider for class ${describeName(className)} (${known})`);
  }

  #findByPath(path: unknown, operation: string): { readonly provider: Provider; readonly index: ClassIndex } {
    const className = isPlainObject(path) ? (path as { className?: unknown }).className : undefined;
    if (typeof className !== "string")
      throw new CimError(
        CimStatus.CIM_ERR_INVALID_PARAMETER,
        `${operation}: ${describeValue(path)} is not an object path (an ObjectPath with className and keys)`,
      );
    return this.#find(className);
  }

  #association(
    assocClass: unknown,
    operation: "associators" | "references",
    source: unknown,
    options: AssociatorsOptions,
  ): { provider: Provider; index: ClassIndex; where: string; filters: AssociatorsOptions } {
    const { provider, index } = this.#find(assocClass);
    const where = `${index.schema.name}.${operation}`;
    const invalid = (reason: string) => new CimError(CimStatus.CIM_ERR_INVALID_PARAMETER, `${where}: ${reason}`);
    if (index.schema.association !== true) throw invalid(`${index.schema.name} is not an association`);
    const path = source as Partial<ObjectPath> | null;
    if (!isPlainObject(source) || typeof path?.className !== "string" || !isPlainObject(path.keys))
      throw invalid(`source: ${describeValue(source)} is not an object path`);
    const role = (name: string | undefined, what: string): string | undefined => {
      if (name === undefined) return undefined;
      const property = index.properties.get(String(name).toLowerCase());
      if (property?.type !== "reference")
        throw invalid(`${what} ${describeValue(name)} is not a reference of ${index.schema.name}`);
      return property.name;
    };
    const filters = {
      ...(options.resultClass !== undefined && { resultClass: options.resultClass }),
      ...(options.role !== undefined && { role: role(options.role, "role") }),
      ...(options.resultRole !== undefined && { resultRole: role(options.resultRole, "result role") }),
    } as AssociatorsOptions;
    return { provider, index, where, filters };
  }

  #context(index: ClassIndex, options: CallOptions): OperationContext {
    return { namespace: index.schema.namespace, className: index.schema.name, signal: options.signal ?? neverAborted };
  }

  /**
   * Run a provider call: a CimError passes through, the caller's own abort reason too; anything else the provider
   * throws is its failure, CIM_ERR_FAILED naming where it happened.
   */
  async #call<T>(where: string, options: CallOptions, run: () => Promise<T>): Promise<T> {
    options.signal?.throwIfAborted();
    try {
      return await run();
    } catch (error) {
      if (error instanceof CimError) throw error;
      if (options.signal?.aborted === true && error === options.signal.reason) throw error;
      const message = error instanceof Error ? error.message : describeValue(error);
      throw new CimError(CimStatus.CIM_ERR_FAILED, `${where}: the provider failed: ${message}`, { cause: error });
    }
  }
}

const neverAborted = new AbortController().signal;

function checkReturned<T>(index: ClassIndex, instance: unknown, where: string): T {
  return checkInstance(index, instance, { where, code: CimStatus.CIM_ERR_FAILED, keys: true }) as T;
}

function badResult(where: string, reason: string): CimError {
  return new CimError(CimStatus.CIM_ERR_FAILED, `${where}: the provider returned a bad result: ${reason}`);
}

function notImplemented(where: string): CimError {
  return new CimError(CimStatus.CIM_ERR_NOT_SUPPORTED, `${where} is not supported`);
}

function describeName(name: unknown): string {
  return typeof name === "string" ? name : describeValue(name);
}

function keyText(path: ObjectPath): string {
  const keys = Object.entries(path.keys).map(([name, value]) => `${name}=${describeValue(value)}`);
  return `${path.className}${keys.length === 0 ? "=@" : `.${keys.join(",")}`}`;
}
