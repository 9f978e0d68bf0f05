import type { CimClass, CimInstance } from "../codecs/cimxml/typed.js";
import type { AnyClassMap, CimClassMap } from "../values/class-map.js";
import { JobFailedError, type JobStatus, type WaitForJobOptions, waitForJob } from "../values/job.js";
import type { ObjectPath } from "../values/reference.js";
import { CimXmlConnection, type CimXmlOptions } from "./cimxml-connection.js";
import { fetchJobErrors, jobError } from "./job-errors.js";
import type {
  AssociationOptions,
  ClassOptions,
  EnumerateOptions,
  InstanceOptions,
  PullOptions,
  ReferenceOptions,
  WbemCallOptions,
  WbemOperations,
} from "./operations.js";
import { WsmanConnection, type WsmanOptions } from "./wsman-connection.js";

/** The protocol a `WbemClient` speaks: CIM-XML (DSP0200, the default) or WS-Management (DSP0226, WinRM). */
export type WbemClientOptions =
  | (CimXmlOptions & { readonly protocol?: "cim-xml" })
  | (WsmanOptions & { readonly protocol: "wsman" })
  | { readonly operations: WbemOperations };

type ClassName<M> = keyof M & string;
type MethodName<M extends CimClassMap, C extends ClassName<M>> = keyof M[C]["methods"] & string;
type InstanceOf<M extends CimClassMap, C extends ClassName<M>> = CimInstance<M[C]["instance"]>;

/**
 * A WBEM client typed by a generated `ClassMap`, pywbem's `WBEMConnection` in TypeScript: one method per DSP0200
 * operation in the client's namespace, instances typed by their class, `invokeMethod` taking the generated `_In`
 * and returning the `_Out` type, `iterEnumerateInstances` pulling page by page. The protocol underneath is any
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
   * throw) closes the enumeration on the server.
   */
  async *iterEnumerateInstances<C extends ClassName<M>>(
    className: C,
    options: PullOptions = {},
  ): AsyncGenerator<InstanceOf<M, C>, void, undefined> {
    const max = options.maxObjectCount ?? 1000;
    const call = options.signal === undefined ? {} : { signal: options.signal };
    let page = await this.#ops.openEnumerateInstances(className, { ...options, maxObjectCount: max });
    try {
      for (;;) {
        for (const instance of page.instances) yield instance as InstanceOf<M, C>;
        if (page.endOfSequence || page.context === undefined) return;
        page = await this.#ops.pullInstancesWithPath(page.context, max, call);
      }
    } finally {
      if (!page.endOfSequence && page.context !== undefined)
        await this.#ops.closeEnumeration(page.context, call).catch(() => undefined);
    }
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

  associators(path: ObjectPath, options?: AssociationOptions): Promise<CimInstance[]> {
    return this.#ops.associators(path, options);
  }

  associatorNames(path: ObjectPath, options?: AssociationOptions): Promise<ObjectPath[]> {
    return this.#ops.associatorNames(path, options);
  }

  references(path: ObjectPath, options?: ReferenceOptions): Promise<CimInstance[]> {
    return this.#ops.references(path, options);
  }

  referenceNames(path: ObjectPath, options?: ReferenceOptions): Promise<ObjectPath[]> {
    return this.#ops.referenceNames(path, options);
  }

  createInstance<C extends ClassName<M>>(
    className: C,
    properties: Partial<M[C]["instance"]>,
    options?: WbemCallOptions,
  ): Promise<ObjectPath<C>> {
    return this.#ops.createInstance({ className, properties }, options) as Promise<ObjectPath<C>>;
  }

  modifyInstance<C extends ClassName<M>>(
    path: ObjectPath<C>,
    properties: Partial<M[C]["instance"]>,
    options?: {
      readonly includeQualifiers?: boolean;
      readonly propertyList?: readonly string[];
      readonly signal?: AbortSignal;
    },
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
