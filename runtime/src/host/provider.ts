import type { AnyClassMap, CimClassMap } from "../values/class-map.js";
import type { ObjectPath } from "../values/reference.js";
import type { ClassSchema } from "../values/schema.js";

/**
 * The contract between a `ProviderHost` and the provider of one CIM class. Generated code implements it: for each
 * class, `<Class>ProviderBase` (always regenerated) has typed entry points whose defaults answer "Not Supported",
 * and the user's `<Class>Provider` extends it and overrides what it implements.
 *
 * The host has validated everything a provider receives against `schema` (names normalised to the schema's
 * spelling, types, required values, closed value maps), and validates everything it returns, so a provider deals
 * only in well-formed values. Instances are plain objects keyed by property name; values follow `schema.ts`.
 * Every entry point is async; a provider reports failure by throwing a `CimError` (anything else it throws becomes
 * CIM_ERR_FAILED).
 */
export interface Provider {
  /** The class this provider serves: its name, namespace and members (`effectiveMembers` resolves inherited ones). */
  readonly schema: ClassSchema;

  /**
   * Every instance of the class: an array, or a stream (`InstanceStream`, e.g. an `async *enumerateInstances`) that
   * the servers read a batch at a time, as clients pull, and stop (its `return()`, so its finally blocks run) when the
   * enumeration is closed or times out.
   */
  enumerateInstances(context: OperationContext): Promise<readonly object[]> | AsyncIterable<object>;

  /** The instance at `path` (keys validated), or undefined when there is none (the host answers CIM_ERR_NOT_FOUND). */
  getInstance(path: ObjectPath, context: OperationContext): Promise<object | undefined>;

  /** Create an instance; resolves with its path. */
  createInstance(instance: object, context: OperationContext): Promise<ObjectPath>;

  /** Change an instance; `propertyList` names the properties to change (undefined: every property given). */
  modifyInstance(
    instance: object,
    propertyList: readonly string[] | undefined,
    context: OperationContext,
  ): Promise<void>;

  deleteInstance(path: ObjectPath, context: OperationContext): Promise<void>;

  /** Association classes only: the instances that instances of this association link `source` to. */
  associators?(source: ObjectPath, options: AssociatorsOptions, context: OperationContext): InstanceStream<object>;

  /** Association classes only: the instances of this association that refer to `source` (an array or a stream). */
  references?(source: ObjectPath, options: ReferencesOptions, context: OperationContext): InstanceStream<object>;

  /**
   * Run the method the MOF names `context.methodName` (the schema's spelling). `input` holds the In parameters that
   * were given; the result holds `ReturnValue` (unless the method is void) and any Out parameters.
   */
  invokeMethod(input: object, context: MethodContext): Promise<object>;
}

/**
 * What an enumeration entry point may return: all instances at once, or an async iterable (an async generator)
 * yielding them one by one, for a large or slow source. A stream is read only as far as clients pull.
 */
export type InstanceStream<I> = Promise<readonly I[]> | AsyncIterable<I>;

/** What every provider call knows besides its arguments. */
export interface OperationContext {
  /** The namespace of the class, `/`-separated. */
  readonly namespace: string;
  /** The class, as the schema spells it. */
  readonly className: string;
  /** Aborted when the caller gives up; long-running providers should pass it on or check it. */
  readonly signal: AbortSignal;
}

export interface MethodContext extends OperationContext {
  /** The method, as the schema spells it. */
  readonly methodName: string;
  /** The instance the method is invoked on (keys validated); undefined for a static method. */
  readonly target: ObjectPath | undefined;
}

/** Filters of the CIM Associators operation (DSP0200); absent means no filter. */
export interface AssociatorsOptions {
  /** Only instances of this class (or, if the provider knows them, its subclasses) at the far end. */
  readonly resultClass?: string;
  /** Only links where `source` plays this reference property. */
  readonly role?: string;
  /** Only links where the far end plays this reference property. */
  readonly resultRole?: string;
}

/** Filters of the CIM References operation (DSP0200). */
export interface ReferencesOptions {
  /** Only association instances where `source` plays this reference property. */
  readonly role?: string;
}

/** Per-call options of the host's operations. */
export interface CallOptions {
  readonly signal?: AbortSignal;
}

/**
 * The types of a namespace's classes, for a typed `ProviderHost`: the generator emits one per namespace
 * (`<namespace>/providers/class-map.ts`, `export type ClassMap = { Msvm_Foo: { instance: Msvm_Foo; methods: {
 * Bar: { in: Msvm_Foo_Bar_In; out: Msvm_Foo_Bar_Out } } } }`). It is a type alias, not an interface, so that it
 * satisfies the index signature of `ProviderClassMap`.
 */
export type ProviderClassTypes = CimClassMap[string];

export type ProviderMethodTypes = ProviderClassTypes["methods"][string];

/** The host and the client are typed by the same class map (values/class-map.ts). */
export type ProviderClassMap = CimClassMap;

/** The class map of an untyped host: any class, any method, plain objects. */
export type UntypedClassMap = AnyClassMap;
