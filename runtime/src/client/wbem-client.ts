import type { CimClass, CimInstance, CimQualifierDeclaration } from "../codecs/cimxml/typed.js";
import { CimError, CimStatus } from "../values/cim-error.js";
import type { AnyClassMap, CimClassMap } from "../values/class-map.js";
import { type ClassPath, isClassPath } from "../values/class-path.js";
import type { NewInstance } from "../values/embedded.js";
import { JobFailedError, type JobStatus, type WaitForJobOptions, waitForJob } from "../values/job.js";
import type { ObjectPath } from "../values/reference.js";
import { CimXmlConnection, type CimXmlOptions } from "./cimxml-connection.js";
import { fetchJobErrors, jobError } from "./job-errors.js";
import {
  type AssociationOptions,
  type AssociationPullOptions,
  type ClassOptions,
  type EnumerateClassesOptions,
  type EnumerateOptions,
  hasSchemaOperations,
  type InstanceOptions,
  type ModifyOptions,
  type OpenOptions,
  type PathPage,
  type PullOptions,
  type PullPage,
  type QueryPullOptions,
  type ReferenceOptions,
  type ReferencePullOptions,
  type WbemCallOptions,
  type WbemOperations,
  type WbemPullOperations,
  type WbemSchemaOperations,
} from "./operations.js";
import {
  associationOptions,
  enumerateOptions,
  instancePage,
  instanceSource,
  onlyFallback,
  type PageSource,
  pathSource,
  pulled,
  pullOperationsOf,
  signalOf,
  unlessFiltered,
} from "./pull-iteration.js";
import { WsmanConnection, type WsmanOptions } from "./wsman-connection.js";

/** The protocol a `WbemClient` speaks: CIM-XML (DSP0200, the default) or WS-Management (DSP0226, WinRM). */
export type WbemClientOptions =
  | (CimXmlOptions & { readonly protocol?: "cim-xml" })
  | (WsmanOptions & { readonly protocol: "wsman" })
  | { readonly operations: WbemOperations };

type ClassName<M> = keyof M & string;
type MethodName<M extends CimClassMap, C extends ClassName<M>> = keyof M[C]["methods"] & string;
type InstanceOf<M extends CimClassMap, C extends ClassName<M>> = CimInstance<M[C]["instance"]>;
/** An instance of the ResultClass a call names, or any instance when it names none. */
type ResultOf<M extends CimClassMap, R extends ClassName<M>> = [R] extends [never] ? CimInstance : InstanceOf<M, R>;

/**
 * A WBEM client typed by a generated `ClassMap`, pywbem's `WBEMConnection` in TypeScript: one method per DSP0200
 * operation in the client's namespace, instances typed by their class, `invokeMethod` taking the generated `_In`
 * and returning the `_Out` type, the `iter*` methods pulling page by page. The protocol underneath is any
 * `WbemOperations` (CIM-XML by default); every call takes an `AbortSignal`.
 */
export class WbemClient<M extends CimClassMap = AnyClassMap> {
  readonly #ops: WbemOperations;

  constructor(options: WbemClientOptions) {
    if ("operations" in options) this.#ops = options.operations;
    else if (options.protocol === "wsman") this.#ops = new WsmanConnection(options);
    else this.#ops = new CimXmlConnection(options);
  }

  /** The protocol connection underneath (a `WsmanConnection` offers `identify()` and filtered `enumerate()`). */
  get operations(): WbemOperations {
    return this.#ops;
  }

  get namespace(): string {
    return this.#ops.namespace;
  }

  /** Close idle connections. */
  close(): void {
    (this.#ops as { close?: () => void }).close?.();
  }

  getInstance<C extends ClassName<M>>(path: ObjectPath<C>, options?: InstanceOptions): Promise<InstanceOf<M, C>> {
    return this.#ops.getInstance(path, options) as Promise<InstanceOf<M, C>>;
  }

  enumerateInstances<C extends ClassName<M>>(className: C, options?: EnumerateOptions): Promise<InstanceOf<M, C>[]> {
    return this.#ops.enumerateInstances(className, options) as Promise<InstanceOf<M, C>[]>;
  }

  enumerateInstanceNames<C extends ClassName<M>>(className: C, options?: WbemCallOptions): Promise<ObjectPath<C>[]> {
    return this.#ops.enumerateInstanceNames(className, options) as Promise<ObjectPath<C>[]>;
  }

  /**
   * Enumerate with the pull operations (OpenEnumerateInstances, then PullInstancesWithPath), yielding instances
   * as each page arrives, so no more than `maxObjectCount` of them are held at once. Leaving the loop early (break,
   * throw) closes the enumeration on the server. A server without pull operations (CIM_ERR_NOT_SUPPORTED) is asked
   * with EnumerateInstances instead, unless a filter was given.
   */
  iterEnumerateInstances<C extends ClassName<M>>(
    className: C,
    options: PullOptions = {},
  ): AsyncGenerator<InstanceOf<M, C>, void, undefined> {
    const ops = this.#ops;
    const source: PageSource<CimInstance> = {
      open: async (max) =>
        instancePage(await ops.openEnumerateInstances(className, { ...options, maxObjectCount: max })),
      pull: async (context, max, o) => instancePage(await ops.pullInstancesWithPath(context, max, o)),
      close: (context, o) => ops.closeEnumeration(context, o),
      ...unlessFiltered(options, () => ops.enumerateInstances(className, enumerateOptions(options))),
    };
    return pulled(source, options.maxObjectCount, options.signal) as AsyncGenerator<InstanceOf<M, C>, void, undefined>;
  }

  /** The paths of a class's instances, pulled page by page (OpenEnumerateInstancePaths, PullInstancePaths). */
  iterEnumerateInstancePaths<C extends ClassName<M>>(
    className: C,
    options: OpenOptions = {},
  ): AsyncGenerator<ObjectPath<C>, void, undefined> {
    return this.#paths(
      options,
      (pull, max) => pull.openEnumerateInstancePaths(className, { ...options, maxObjectCount: max }),
      () => this.#ops.enumerateInstanceNames(className, signalOf(options)),
    ) as AsyncGenerator<ObjectPath<C>, void, undefined>;
  }

  /**
   * The instances associated with `path` (OpenAssociatorInstances), page by page; typed by `resultClass` when it
   * is given, since every result is then an instance of that class or a subclass.
   */
  iterAssociatorInstances<R extends ClassName<M> = never>(
    path: ObjectPath,
    options: AssociationPullOptions & { readonly resultClass?: R } = {},
  ): AsyncGenerator<ResultOf<M, R>, void, undefined> {
    return this.#instances(
      options,
      (pull, max) => pull.openAssociatorInstances(path, { ...options, maxObjectCount: max }),
      () => this.#ops.associators(path, associationOptions(options)),
    ) as AsyncGenerator<ResultOf<M, R>, void, undefined>;
  }

  /** The paths of the instances associated with `path` (OpenAssociatorInstancePaths), page by page. */
  iterAssociatorInstancePaths(
    path: ObjectPath,
    options: AssociationPullOptions = {},
  ): AsyncGenerator<ObjectPath, void, undefined> {
    return this.#paths(
      options,
      (pull, max) => pull.openAssociatorInstancePaths(path, { ...options, maxObjectCount: max }),
      () => this.#ops.associatorNames(path, associationOptions(options)),
    );
  }

  /** The association instances that refer to `path` (OpenReferenceInstances), page by page; typed by `resultClass`. */
  iterReferenceInstances<R extends ClassName<M> = never>(
    path: ObjectPath,
    options: ReferencePullOptions & { readonly resultClass?: R } = {},
  ): AsyncGenerator<ResultOf<M, R>, void, undefined> {
    return this.#instances(
      options,
      (pull, max) => pull.openReferenceInstances(path, { ...options, maxObjectCount: max }),
      () => this.#ops.references(path, associationOptions(options)),
    ) as AsyncGenerator<ResultOf<M, R>, void, undefined>;
  }

  /** The paths of the association instances that refer to `path` (OpenReferenceInstancePaths), page by page. */
  iterReferenceInstancePaths(
    path: ObjectPath,
    options: ReferencePullOptions = {},
  ): AsyncGenerator<ObjectPath, void, undefined> {
    return this.#paths(
      options,
      (pull, max) => pull.openReferenceInstancePaths(path, { ...options, maxObjectCount: max }),
      () => this.#ops.referenceNames(path, associationOptions(options)),
    );
  }

  /**
   * A query's rows (OpenQueryInstances, then PullInstances), page by page. They come without paths: a query may
   * project properties or join classes, so a row need not be an instance anyone can get again.
   */
  iterQueryInstances(
    queryLanguage: string,
    query: string,
    options: QueryPullOptions = {},
  ): AsyncGenerator<CimInstance, void, undefined> {
    const fallback = () => this.#ops.execQuery(queryLanguage, query, signalOf(options));
    const pull = pullOperationsOf(this.#ops);
    if (pull === undefined) return pulled(onlyFallback(fallback), options.maxObjectCount, options.signal);
    const source: PageSource<CimInstance> = {
      open: async (max) =>
        instancePage(await pull.openQueryInstances(queryLanguage, query, { ...options, maxObjectCount: max })),
      pull: async (context, max, o) => instancePage(await pull.pullInstances(context, max, o)),
      close: (context, o) => pull.closeEnumeration(context, o),
      fallback,
    };
    return pulled(source, options.maxObjectCount, options.signal);
  }

  /** Pull paths page by page with `open`, or answer them with `fallback` where the protocol or server cannot. */
  #paths(
    options: OpenOptions,
    open: (pull: WbemOperations & WbemPullOperations, max: number) => Promise<PathPage>,
    fallback: () => Promise<readonly ObjectPath[]>,
  ): AsyncGenerator<ObjectPath, void, undefined> {
    const pull = pullOperationsOf(this.#ops);
    const source =
      pull === undefined
        ? onlyFallback(fallback)
        : pathSource(pull, (max) => open(pull, max), unlessFiltered(options, fallback));
    return pulled(source, options.maxObjectCount, options.signal);
  }

  /** Pull instances page by page with `open` (continued by PullInstancesWithPath), or with `fallback`. */
  #instances(
    options: OpenOptions,
    open: (pull: WbemOperations & WbemPullOperations, max: number) => Promise<PullPage>,
    fallback: () => Promise<readonly CimInstance[]>,
  ): AsyncGenerator<CimInstance, void, undefined> {
    const pull = pullOperationsOf(this.#ops);
    const source =
      pull === undefined
        ? onlyFallback(fallback)
        : instanceSource(pull, (max) => open(pull, max), unlessFiltered(options, fallback));
    return pulled(source, options.maxObjectCount, options.signal);
  }

  /** An extrinsic method: on an instance (a path), or static on the class (its name). */
  invokeMethod<C extends ClassName<M>, N extends MethodName<M, C>>(
    target: ObjectPath<C> | C,
    method: N,
    params: M[C]["methods"][N]["in"],
    options?: WbemCallOptions,
  ): Promise<M[C]["methods"][N]["out"]> {
    const path = typeof target === "string" ? { className: target, keys: {} } : target;
    return this.#ops.invokeMethod(path, method, params as Record<string, unknown>, options) as Promise<
      M[C]["methods"][N]["out"]
    >;
  }

  /** The associated instances of an instance; of a `classPath(...)`, the associated classes. */
  associators(path: ClassPath, options?: AssociationOptions): Promise<CimClass[]>;
  associators(path: ObjectPath, options?: AssociationOptions): Promise<CimInstance[]>;
  async associators(path: ObjectPath, options?: AssociationOptions): Promise<CimInstance[] | CimClass[]> {
    return isClassPath(path)
      ? this.#schema("associators").associators(path, options)
      : this.#ops.associators(path, options);
  }

  associatorNames(path: ClassPath, options?: AssociationOptions): Promise<ClassPath[]>;
  associatorNames(path: ObjectPath, options?: AssociationOptions): Promise<ObjectPath[]>;
  async associatorNames(path: ObjectPath, options?: AssociationOptions): Promise<ObjectPath[]> {
    return isClassPath(path)
      ? this.#schema("associatorNames").associatorNames(path, options)
      : this.#ops.associatorNames(path, options);
  }

  references(path: ClassPath, options?: ReferenceOptions): Promise<CimClass[]>;
  references(path: ObjectPath, options?: ReferenceOptions): Promise<CimInstance[]>;
  async references(path: ObjectPath, options?: ReferenceOptions): Promise<CimInstance[] | CimClass[]> {
    return isClassPath(path)
      ? this.#schema("references").references(path, options)
      : this.#ops.references(path, options);
  }

  referenceNames(path: ClassPath, options?: ReferenceOptions): Promise<ClassPath[]>;
  referenceNames(path: ObjectPath, options?: ReferenceOptions): Promise<ObjectPath[]>;
  async referenceNames(path: ObjectPath, options?: ReferenceOptions): Promise<ObjectPath[]> {
    return isClassPath(path)
      ? this.#schema("referenceNames").referenceNames(path, options)
      : this.#ops.referenceNames(path, options);
  }

  /** A new instance: its properties as `NewInstance` (keys optional: the server may assign them). */
  createInstance<C extends ClassName<M>>(
    className: C,
    properties: NewInstance<M[C]["instance"]>,
    options?: WbemCallOptions,
  ): Promise<ObjectPath<C>> {
    return this.#ops.createInstance({ className, properties }, options) as Promise<ObjectPath<C>>;
  }

  modifyInstance<C extends ClassName<M>>(
    path: ObjectPath<C>,
    properties: Partial<M[C]["instance"]>,
    options?: ModifyOptions,
  ): Promise<void> {
    return this.#ops.modifyInstance({ className: path.className, properties, path }, options);
  }

  deleteInstance(path: ObjectPath, options?: WbemCallOptions): Promise<void> {
    return this.#ops.deleteInstance(path, options);
  }

  /** A query in the server's language (`WQL`, `DMTF:CQL`), passed through as written. */
  execQuery(queryLanguage: string, query: string, options?: WbemCallOptions): Promise<CimInstance[]> {
    return this.#ops.execQuery(queryLanguage, query, options);
  }

  getClass(className: string, options?: ClassOptions): Promise<CimClass> {
    return this.#ops.getClass(className, options);
  }

  enumerateClassNames(
    className?: string,
    options?: { readonly deepInheritance?: boolean; readonly signal?: AbortSignal },
  ): Promise<string[]> {
    return this.#ops.enumerateClassNames(className, options);
  }

  // The schema operations: classes and qualifier declarations, as the server holds them.

  async enumerateClasses(className?: string, options?: EnumerateClassesOptions): Promise<CimClass[]> {
    return this.#schema("enumerateClasses").enumerateClasses(className, options);
  }

  async createClass(newClass: CimClass, options?: WbemCallOptions): Promise<void> {
    return this.#schema("createClass").createClass(newClass, options);
  }

  async modifyClass(modifiedClass: CimClass, options?: WbemCallOptions): Promise<void> {
    return this.#schema("modifyClass").modifyClass(modifiedClass, options);
  }

  async deleteClass(className: string, options?: WbemCallOptions): Promise<void> {
    return this.#schema("deleteClass").deleteClass(className, options);
  }

  async getQualifier(qualifierName: string, options?: WbemCallOptions): Promise<CimQualifierDeclaration> {
    return this.#schema("getQualifier").getQualifier(qualifierName, options);
  }

  async setQualifier(declaration: CimQualifierDeclaration, options?: WbemCallOptions): Promise<void> {
    return this.#schema("setQualifier").setQualifier(declaration, options);
  }

  async deleteQualifier(qualifierName: string, options?: WbemCallOptions): Promise<void> {
    return this.#schema("deleteQualifier").deleteQualifier(qualifierName, options);
  }

  async enumerateQualifiers(options?: WbemCallOptions): Promise<CimQualifierDeclaration[]> {
    return this.#schema("enumerateQualifiers").enumerateQualifiers(options);
  }

  /** The schema operations of the protocol, or CIM_ERR_NOT_SUPPORTED when it has none (WS-Management). */
  #schema(operation: string): WbemSchemaOperations {
    if (hasSchemaOperations(this.#ops)) return this.#ops;
    throw new CimError(CimStatus.CIM_ERR_NOT_SUPPORTED, `${operation}: this protocol has no schema operations`);
  }

  /**
   * Follow a job that a method started (its Out `Job` reference, after ReturnValue 4096) by polling GetInstance
   * until it ends: resolves with the completed job, rejects with JobFailedError, JobTimeoutError or the signal's
   * reason (see the runtime's `waitForJob`). A failed job's errors (GetErrorEx, else GetError) make the rejection a
   * `JobCimError` (a CimError with the errors as typed instances) when the job reports any. Works with the generated job classes as they are. A job reference
   * names CIM_ConcreteJob or any subclass, so say which class it is (`waitForJob<"Msvm_ConcreteJob">(job)`) for
   * the result's type.
   */
  async waitForJob<C extends ClassName<M>>(
    job: ObjectPath,
    options: Partial<WaitForJobOptions> = {},
  ): Promise<InstanceOf<M, C>> {
    let last: InstanceOf<M, C> | undefined;
    const call = options.signal === undefined ? {} : { signal: options.signal };
    try {
      await waitForJob(
        async () => {
          last = (await this.#ops.getInstance(job, call)) as InstanceOf<M, C>;
          return last.properties as JobStatus;
        },
        { intervalMs: 1000, timeoutMs: Number.POSITIVE_INFINITY, ...options },
      );
    } catch (error) {
      // A failed job says why through GetErrorEx / GetError (Msvm_Error instances): a JobCimError when it does.
      if (!(error instanceof JobFailedError)) throw error;
      const errors = await fetchJobErrors(this.#ops, job, options.signal);
      throw errors === undefined ? error : jobError(error, job, errors);
    }
    return last as InstanceOf<M, C>;
  }

  /** What a job worked on or produced, through the `Msvm_AffectedJobElement` association (or another one named). */
  affectedElements(job: ObjectPath, options: AssociationOptions = {}): Promise<CimInstance[]> {
    return this.associators(job, {
      assocClass: "Msvm_AffectedJobElement",
      role: "AffectingElement",
      resultRole: "AffectedElement",
      ...options,
    });
  }
}
