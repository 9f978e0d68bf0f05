import type { CimClass, CimInstance, CimQualifierDeclaration } from "../codecs/cimxml/typed.js";
import type { ClassPath } from "../values/class-path.js";
import type { ObjectPath } from "../values/reference.js";

/**
 * The WBEM operations as one protocol offers them, untyped: names and values as strings and records. `WbemClient`
 * adds the generated types on top; CIM-XML implements this interface today and WS-Management can implement the same
 * one, so a program switches protocol without changing a call.
 */
export interface InstanceOptions {
  /** Only the properties declared by the class itself (DSP0200 LocalOnly; deprecated, many servers ignore it). */
  readonly localOnly?: boolean;
  readonly includeQualifiers?: boolean;
  readonly includeClassOrigin?: boolean;
  /** Only these properties (an empty list: none); all when absent. */
  readonly propertyList?: readonly string[];
  readonly signal?: AbortSignal;
}

export interface EnumerateOptions extends InstanceOptions {
  /** Include properties that subclasses add (DSP0200 DeepInheritance; default true). */
  readonly deepInheritance?: boolean;
}

export interface AssociationOptions {
  readonly assocClass?: string;
  readonly resultClass?: string;
  readonly role?: string;
  readonly resultRole?: string;
  readonly includeQualifiers?: boolean;
  readonly includeClassOrigin?: boolean;
  readonly propertyList?: readonly string[];
  readonly signal?: AbortSignal;
}

export interface ReferenceOptions {
  readonly resultClass?: string;
  readonly role?: string;
  readonly includeQualifiers?: boolean;
  readonly includeClassOrigin?: boolean;
  readonly propertyList?: readonly string[];
  readonly signal?: AbortSignal;
}

/** What every Open operation takes (DSP0200 §5.3.2.x): a filter, the context's life, and the first page's size. */
export interface OpenOptions {
  readonly filterQueryLanguage?: string;
  readonly filterQuery?: string;
  /** Seconds the server keeps the enumeration open between pulls. */
  readonly operationTimeout?: number;
  readonly continueOnError?: boolean;
  /** Instances asked for per request (default 1000 in the iterators; absent in an Open: the server's choice, 0). */
  readonly maxObjectCount?: number;
  readonly signal?: AbortSignal;
}

export interface PullOptions extends OpenOptions {
  readonly deepInheritance?: boolean;
  readonly includeClassOrigin?: boolean;
  readonly propertyList?: readonly string[];
}

/** OpenAssociatorInstances and OpenAssociatorInstancePaths (the paths variant ignores the two instance flags). */
export interface AssociationPullOptions extends OpenOptions {
  readonly assocClass?: string;
  readonly resultClass?: string;
  readonly role?: string;
  readonly resultRole?: string;
  readonly includeClassOrigin?: boolean;
  readonly propertyList?: readonly string[];
}

/** OpenReferenceInstances and OpenReferenceInstancePaths. */
export interface ReferencePullOptions extends OpenOptions {
  readonly resultClass?: string;
  readonly role?: string;
  readonly includeClassOrigin?: boolean;
  readonly propertyList?: readonly string[];
}

/** OpenQueryInstances: the query is the operation's subject, so it takes no second filter. */
export interface QueryPullOptions extends Omit<OpenOptions, "filterQueryLanguage" | "filterQuery"> {
  /** Ask the server for the class that describes the query's result (DSP0200 ReturnQueryResultClass). */
  readonly returnQueryResultClass?: boolean;
}

/** A Pull, CloseEnumeration or EnumerationCount on an open context. */
export interface PullCallOptions {
  /** The namespace the enumeration was opened in (`PullPage.namespace`); the connection's when absent. */
  readonly namespace?: string;
  readonly signal?: AbortSignal;
}

/** What every page of a pull enumeration says besides its items. */
export interface PageState {
  /** The context to pull the next page with; undefined once `endOfSequence`. */
  readonly context: string | undefined;
  readonly endOfSequence: boolean;
  /**
   * The namespace the enumeration lives in: pulls and closes go there (an association opened on a path in another
   * namespace is pulled in that namespace, as pywbem's (context, namespace) pairs are).
   */
  readonly namespace?: string;
}

/** One page of a pull enumeration of instances. */
export interface PullPage extends PageState {
  readonly instances: readonly CimInstance[];
}

/** One page of a pull enumeration of instance paths. */
export interface PathPage extends PageState {
  readonly paths: readonly ObjectPath[];
}

/** The first page of OpenQueryInstances: instances without paths, and the result class when it was asked for. */
export interface QueryPage extends PullPage {
  readonly queryResultClass?: CimClass;
}

export interface ClassOptions {
  readonly localOnly?: boolean;
  readonly includeQualifiers?: boolean;
  readonly includeClassOrigin?: boolean;
  readonly propertyList?: readonly string[];
  readonly signal?: AbortSignal;
}

export interface EnumerateClassesOptions extends Omit<ClassOptions, "propertyList"> {
  /** All descendants, not just the direct subclasses (DSP0200 DeepInheritance; default false). */
  readonly deepInheritance?: boolean;
}

/** ModifyInstance's options (DSP0200 §5.3.2.14): which properties to set, and whether qualifiers go too. */
export interface ModifyOptions {
  readonly includeQualifiers?: boolean;
  readonly propertyList?: readonly string[];
  readonly signal?: AbortSignal;
}

/** A call's options: just cancellation. */
export interface WbemCallOptions {
  readonly signal?: AbortSignal;
}

export interface WbemOperations {
  readonly namespace: string;
  getInstance(path: ObjectPath, options?: InstanceOptions): Promise<CimInstance>;
  enumerateInstances(className: string, options?: EnumerateOptions): Promise<CimInstance[]>;
  enumerateInstanceNames(className: string, options?: WbemCallOptions): Promise<ObjectPath[]>;
  /** Extrinsic method: on an instance, or on a class (a path without keys) for a static method. */
  invokeMethod(
    target: ObjectPath,
    method: string,
    params: Readonly<Record<string, unknown>>,
    options?: WbemCallOptions,
  ): Promise<Record<string, unknown>>;
  associators(path: ObjectPath, options?: AssociationOptions): Promise<CimInstance[]>;
  associatorNames(path: ObjectPath, options?: AssociationOptions): Promise<ObjectPath[]>;
  references(path: ObjectPath, options?: ReferenceOptions): Promise<CimInstance[]>;
  referenceNames(path: ObjectPath, options?: ReferenceOptions): Promise<ObjectPath[]>;
  createInstance(instance: CimInstance<object>, options?: WbemCallOptions): Promise<ObjectPath>;
  modifyInstance(instance: CimInstance<object> & { readonly path: ObjectPath }, options?: ModifyOptions): Promise<void>;
  deleteInstance(path: ObjectPath, options?: WbemCallOptions): Promise<void>;
  execQuery(queryLanguage: string, query: string, options?: WbemCallOptions): Promise<CimInstance[]>;
  getClass(className: string, options?: ClassOptions): Promise<CimClass>;
  enumerateClassNames(
    className?: string,
    options?: { readonly deepInheritance?: boolean; readonly signal?: AbortSignal },
  ): Promise<string[]>;
  openEnumerateInstances(className: string, options?: PullOptions): Promise<PullPage>;
  pullInstancesWithPath(context: string, maxObjectCount: number, options?: PullCallOptions): Promise<PullPage>;
  closeEnumeration(context: string, options?: PullCallOptions): Promise<void>;
}

/**
 * The rest of DSP0200's pull operations. A protocol that has them implements this beside `WbemOperations`; the
 * client's iterators use them when they are there and fall back to the one-answer operations (Associators,
 * ExecQuery...) when not, as pywbem's Iter* methods do for servers without pull support.
 */
export interface WbemPullOperations {
  openEnumerateInstancePaths(className: string, options?: OpenOptions): Promise<PathPage>;
  openAssociatorInstances(path: ObjectPath, options?: AssociationPullOptions): Promise<PullPage>;
  openAssociatorInstancePaths(path: ObjectPath, options?: AssociationPullOptions): Promise<PathPage>;
  openReferenceInstances(path: ObjectPath, options?: ReferencePullOptions): Promise<PullPage>;
  openReferenceInstancePaths(path: ObjectPath, options?: ReferencePullOptions): Promise<PathPage>;
  openQueryInstances(queryLanguage: string, query: string, options?: QueryPullOptions): Promise<QueryPage>;
  pullInstancePaths(context: string, maxObjectCount: number, options?: PullCallOptions): Promise<PathPage>;
  /** The next page of an OpenQueryInstances enumeration (instances without paths). */
  pullInstances(context: string, maxObjectCount: number, options?: PullCallOptions): Promise<PullPage>;
  /** How many items the server still holds for the context; undefined when it cannot tell (NULL). */
  enumerationCount(context: string, options?: PullCallOptions): Promise<bigint | undefined>;
}

/**
 * The schema operations (DSP0200 §5.3.2), which a protocol may lack (WS-Management has no class operations): classes
 * and qualifier declarations, and the association operations on a `classPath(...)`, which return classes. CIM-XML
 * implements them beside `WbemOperations`; `WbemClient` answers CIM_ERR_NOT_SUPPORTED over a protocol without them.
 */
export interface WbemSchemaOperations {
  enumerateClasses(className?: string, options?: EnumerateClassesOptions): Promise<CimClass[]>;
  createClass(newClass: CimClass, options?: WbemCallOptions): Promise<void>;
  modifyClass(modifiedClass: CimClass, options?: WbemCallOptions): Promise<void>;
  deleteClass(className: string, options?: WbemCallOptions): Promise<void>;
  getQualifier(qualifierName: string, options?: WbemCallOptions): Promise<CimQualifierDeclaration>;
  setQualifier(declaration: CimQualifierDeclaration, options?: WbemCallOptions): Promise<void>;
  deleteQualifier(qualifierName: string, options?: WbemCallOptions): Promise<void>;
  enumerateQualifiers(options?: WbemCallOptions): Promise<CimQualifierDeclaration[]>;
  associators(path: ClassPath, options?: AssociationOptions): Promise<CimClass[]>;
  associatorNames(path: ClassPath, options?: AssociationOptions): Promise<ClassPath[]>;
  references(path: ClassPath, options?: ReferenceOptions): Promise<CimClass[]>;
  referenceNames(path: ClassPath, options?: ReferenceOptions): Promise<ClassPath[]>;
}

/** Whether a protocol's operations include the schema operations. */
export function hasSchemaOperations(ops: object): ops is WbemSchemaOperations {
  return typeof (ops as Partial<WbemSchemaOperations>).enumerateClasses === "function";
}
