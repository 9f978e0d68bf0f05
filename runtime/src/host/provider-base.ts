import { notSupported } from "../values/cim-error.js";
import type { ObjectPath } from "../values/reference.js";
import type { ClassSchema, Reference } from "../values/schema.js";
import type {
  AssociatorsOptions,
  InstanceStream,
  MethodContext,
  OperationContext,
  Provider,
  ReferencesOptions,
} from "./provider.js";

/**
 * The intrinsic operations of a provider, typed by the class's interface `I` and name `N`, answering "Not
 * Supported" until overridden. Each generated `<Class>ProviderBase` extends this (or `AssociationProviderBase`) and
 * adds the class's schema, one typed member per method and the method dispatch; keeping these defaults here, once,
 * keeps every generated base small.
 */
export abstract class ProviderBase<I extends object, N extends string = string> implements Provider {
  abstract readonly schema: ClassSchema;

  /**
   * Every instance of the class, as an array or a stream: override with `async enumerateInstances()` or with `async
   * *enumerateInstances()` (yield each instance; the servers read as clients pull). Default: CIM_ERR_NOT_SUPPORTED.
   */
  enumerateInstances(_context: OperationContext): InstanceStream<I> {
    return Promise.reject(notSupported(this.schema, "enumerateInstances"));
  }

  /** The instance at `path` (its keys checked by the host), or undefined when there is none. Default: CIM_ERR_NOT_SUPPORTED. */
  async getInstance(_path: Reference<N>, _context: OperationContext): Promise<I | undefined> {
    throw notSupported(this.schema, "getInstance");
  }

  /** Create an instance; resolves with its path. Default: CIM_ERR_NOT_SUPPORTED. */
  async createInstance(_instance: I, _context: OperationContext): Promise<Reference<N>> {
    throw notSupported(this.schema, "createInstance");
  }

  /**
   * Change an instance; `propertyList` names the properties to change (undefined: all given). Default:
   * CIM_ERR_NOT_SUPPORTED.
   */
  async modifyInstance(
    _instance: I,
    _propertyList: readonly string[] | undefined,
    _context: OperationContext,
  ): Promise<void> {
    throw notSupported(this.schema, "modifyInstance");
  }

  /** Delete the instance at `path`. Default: CIM_ERR_NOT_SUPPORTED. */
  async deleteInstance(_path: Reference<N>, _context: OperationContext): Promise<void> {
    throw notSupported(this.schema, "deleteInstance");
  }

  /** Run a method by its MOF name (`context.methodName`); the generated base dispatches to its typed members. */
  abstract invokeMethod(input: object, context: MethodContext): Promise<object>;
}

/**
 * The provider base of an association class: `F` is what `associators` returns, the classes at the far ends of
 * the association's references.
 */
export abstract class AssociationProviderBase<I extends object, N extends string = string, F extends object = object>
  extends ProviderBase<I, N>
  implements Provider
{
  /**
   * The instances that instances of this association link `source` to, as an array or a stream. Default:
   * CIM_ERR_NOT_SUPPORTED.
   */
  associators(_source: ObjectPath, _options: AssociatorsOptions, _context: OperationContext): InstanceStream<F> {
    return Promise.reject(notSupported(this.schema, "associators"));
  }

  /**
   * The instances of this association that refer to `source`, as an array or a stream (`async *references()`: the
   * servers read it as clients pull). Default: CIM_ERR_NOT_SUPPORTED.
   */
  references(_source: ObjectPath, _options: ReferencesOptions, _context: OperationContext): InstanceStream<I> {
    return Promise.reject(notSupported(this.schema, "references"));
  }
}
