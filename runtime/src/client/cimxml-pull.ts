import { decodeClass } from "../codecs/cimxml/class.js";
import { invalid } from "../codecs/cimxml/errors.js";
import { type CimXmlResponse, iparam, iparamValue as v } from "../codecs/cimxml/message.js";
import { decodePath, encodeInstanceName } from "../codecs/cimxml/path.js";
import type { CimInstance } from "../codecs/cimxml/typed.js";
import { decodeElementValue, decodeInstance, type SchemaLookup } from "../codecs/cimxml/value.js";
import type { ObjectPath } from "../values/reference.js";
import { childNamed, type XmlElement } from "../xml/tree.js";
import type { XmlWriter } from "../xml/writer.js";
import { items, outParameter, pair, placed } from "./cimxml-results.js";
import type {
  AssociationPullOptions,
  OpenOptions,
  PageState,
  PathPage,
  PullCallOptions,
  PullOptions,
  PullPage,
  QueryPage,
  QueryPullOptions,
  ReferencePullOptions,
  WbemPullOperations,
} from "./operations.js";

/** One intrinsic call in a namespace, as the connection sends it. */
export type IntrinsicCall = (
  namespace: string,
  method: string,
  signal: AbortSignal | undefined,
  params: (w: XmlWriter) => void,
) => Promise<CimXmlResponse>;

/**
 * The pull operations of DSP0200 §5.3.2.16-27 over CIM-XML. Every Open answers a first page (IRETURNVALUE) with
 * the EnumerationContext and EndOfSequence out parameters; each Pull answers the next page of the same kind; a
 * page remembers the namespace it was opened in, so the pulls and the close go where the context lives.
 */
export class CimXmlPull implements WbemPullOperations {
  readonly #call: IntrinsicCall;
  readonly #schemas: SchemaLookup;
  readonly #normal: (namespace: string) => string;

  /** `normal` writes a namespace as the connection does (`//root/cimv2/` is `root/cimv2`). */
  constructor(
    readonly namespace: string,
    call: IntrinsicCall,
    schemas: SchemaLookup,
    normal: (namespace: string) => string,
  ) {
    this.#call = call;
    this.#schemas = schemas;
    this.#normal = normal;
  }

  /** A path's own namespace, else the connection's: association opens are sent where their source is. */
  namespaceOf(path: ObjectPath): string {
    return path.namespace === undefined ? this.namespace : this.#normal(path.namespace);
  }

  async openEnumerateInstances(className: string, o: PullOptions = {}): Promise<PullPage> {
    const r = await this.#call(this.namespace, "OpenEnumerateInstances", o.signal, (w) => {
      iparam(w, "ClassName", v.className(className));
      iparam(w, "DeepInheritance", v.boolean(o.deepInheritance));
      shownFlags(w, o);
      openParams(w, o);
    });
    return this.#instancePage(r, this.namespace);
  }

  async openEnumerateInstancePaths(className: string, o: OpenOptions = {}): Promise<PathPage> {
    const r = await this.#call(this.namespace, "OpenEnumerateInstancePaths", o.signal, (w) => {
      iparam(w, "ClassName", v.className(className));
      openParams(w, o);
    });
    return pathPage(r, this.namespace);
  }

  async openAssociatorInstances(path: ObjectPath, o: AssociationPullOptions = {}): Promise<PullPage> {
    const ns = this.namespaceOf(path);
    const r = await this.#call(ns, "OpenAssociatorInstances", o.signal, (w) => associationParams(w, path, o, true));
    return this.#instancePage(r, ns);
  }

  async openAssociatorInstancePaths(path: ObjectPath, o: AssociationPullOptions = {}): Promise<PathPage> {
    const ns = this.namespaceOf(path);
    const r = await this.#call(ns, "OpenAssociatorInstancePaths", o.signal, (w) =>
      associationParams(w, path, o, false),
    );
    return pathPage(r, ns);
  }

  async openReferenceInstances(path: ObjectPath, o: ReferencePullOptions = {}): Promise<PullPage> {
    const ns = this.namespaceOf(path);
    const r = await this.#call(ns, "OpenReferenceInstances", o.signal, (w) => associationParams(w, path, o, true));
    return this.#instancePage(r, ns);
  }

  async openReferenceInstancePaths(path: ObjectPath, o: ReferencePullOptions = {}): Promise<PathPage> {
    const ns = this.namespaceOf(path);
    const r = await this.#call(ns, "OpenReferenceInstancePaths", o.signal, (w) => associationParams(w, path, o, false));
    return pathPage(r, ns);
  }

  async openQueryInstances(queryLanguage: string, query: string, o: QueryPullOptions = {}): Promise<QueryPage> {
    const r = await this.#call(this.namespace, "OpenQueryInstances", o.signal, (w) => {
      iparam(w, "FilterQueryLanguage", v.string(queryLanguage));
      iparam(w, "FilterQuery", v.string(query));
      iparam(w, "ReturnQueryResultClass", v.boolean(o.returnQueryResultClass));
      pagingParams(w, o);
    });
    const page = this.#queryPage(r, this.namespace);
    const resultClass = outParameter(r, "QueryResultClass");
    if (resultClass === undefined) return page;
    const cls = childNamed(resultClass, "CLASS") ?? invalid(resultClass, "QueryResultClass holds no CLASS");
    return { ...page, queryResultClass: decodeClass(cls) };
  }

  async pullInstancesWithPath(context: string, max: number, o: PullCallOptions = {}): Promise<PullPage> {
    const ns = this.#contextNamespace(o);
    return this.#instancePage(await this.#call(ns, "PullInstancesWithPath", o.signal, pullParams(context, max)), ns);
  }

  async pullInstancePaths(context: string, max: number, o: PullCallOptions = {}): Promise<PathPage> {
    const ns = this.#contextNamespace(o);
    return pathPage(await this.#call(ns, "PullInstancePaths", o.signal, pullParams(context, max)), ns);
  }

  async pullInstances(context: string, max: number, o: PullCallOptions = {}): Promise<PullPage> {
    const ns = this.#contextNamespace(o);
    return this.#queryPage(await this.#call(ns, "PullInstances", o.signal, pullParams(context, max)), ns);
  }

  async closeEnumeration(context: string, o: PullCallOptions = {}): Promise<void> {
    checkContext(context);
    const r = await this.#call(this.#contextNamespace(o), "CloseEnumeration", o.signal, (w) =>
      iparam(w, "EnumerationContext", v.string(context)),
    );
    const extra = r.iReturnValue ?? r.outParameters[0];
    if (extra !== undefined) invalid(extra, `CloseEnumeration returns nothing, but the answer holds ${extra.name}`);
  }

  async enumerationCount(context: string, o: PullCallOptions = {}): Promise<bigint | undefined> {
    checkContext(context);
    const r = await this.#call(this.#contextNamespace(o), "EnumerationCount", o.signal, (w) =>
      iparam(w, "EnumerationContext", v.string(context)),
    );
    const [count, ...more] = items(r, ["VALUE"]);
    if (more.length > 0) invalid(r.iReturnValue, "EnumerationCount returned more than one VALUE");
    // DSP0200: an IRETURNVALUE without a value (or none at all) is NULL, a server that cannot count.
    if (count === undefined) return undefined;
    const text = count.text.trim();
    if (!/^\d+$/.test(text)) invalid(count, `EnumerationCount ${JSON.stringify(text)} is not a uint64`);
    return BigInt(text);
  }

  #contextNamespace(o: PullCallOptions): string {
    return o.namespace === undefined ? this.namespace : this.#normal(o.namespace);
  }

  #instancePage(r: CimXmlResponse, namespace: string): PullPage {
    const instances = items(r, ["VALUE.INSTANCEWITHPATH"]).map((item) => {
      const [path, instance] = pair(item, "INSTANCEPATH", "INSTANCE");
      return decodeInstance(instance, this.#schemas, placed(decodePath(path), namespace));
    });
    return { instances, ...pageState(r, namespace, this.#schemas) };
  }

  /** OpenQueryInstances and PullInstances: INSTANCEs without paths (a query's rows need not be instances). */
  #queryPage(r: CimXmlResponse, namespace: string): PullPage {
    const instances: CimInstance[] = items(r, ["INSTANCE"]).map((i) => decodeInstance(i, this.#schemas));
    return { instances, ...pageState(r, namespace, this.#schemas) };
  }
}

function pathPage(r: CimXmlResponse, namespace: string): PathPage {
  const paths = items(r, ["INSTANCEPATH"]).map((p) => placed(decodePath(p), namespace));
  return { paths, ...pageState(r, namespace, () => undefined) };
}

/** EndOfSequence (required) and EnumerationContext (required while the sequence goes on). */
function pageState(r: CimXmlResponse, namespace: string, schemas: SchemaLookup): PageState {
  const end: XmlElement =
    outParameter(r, "EndOfSequence") ?? invalid(undefined, `${r.method}: the EndOfSequence parameter is missing`);
  const endOfSequence = decodeElementValue(end, schemas, { name: "EndOfSequence", type: "boolean" });
  if (typeof endOfSequence !== "boolean") invalid(end, "EndOfSequence is not a boolean");
  const contextElement = outParameter(r, "EnumerationContext");
  const context = contextElement === undefined ? undefined : decodeElementValue(contextElement, schemas);
  if (!endOfSequence && typeof context !== "string")
    invalid(contextElement, `${r.method}: an open enumeration needs its EnumerationContext`);
  return { endOfSequence, context: endOfSequence ? undefined : (context as string), namespace };
}

function openParams(w: XmlWriter, o: OpenOptions): void {
  iparam(w, "FilterQueryLanguage", v.string(o.filterQueryLanguage));
  iparam(w, "FilterQuery", v.string(o.filterQuery));
  pagingParams(w, o);
}

/** What OpenQueryInstances shares with the other Opens (its query is its subject, not a filter). */
function pagingParams(w: XmlWriter, o: QueryPullOptions): void {
  iparam(w, "OperationTimeout", v.integer(o.operationTimeout));
  iparam(w, "ContinueOnError", v.boolean(o.continueOnError));
  iparam(w, "MaxObjectCount", v.integer(o.maxObjectCount));
}

function shownFlags(w: XmlWriter, o: { includeClassOrigin?: boolean; propertyList?: readonly string[] }): void {
  iparam(w, "IncludeClassOrigin", v.boolean(o.includeClassOrigin));
  iparam(w, "PropertyList", v.strings(o.propertyList));
}

/** DSP0200's Open{Associator,Reference}Instance{s,Paths}: InstanceName (never a class: pull is for instances). */
function associationParams(
  w: XmlWriter,
  path: ObjectPath,
  o: AssociationPullOptions & ReferencePullOptions,
  withObjects: boolean,
): void {
  iparam(w, "InstanceName", (w) => encodeInstanceName(w, { className: path.className, keys: path.keys }));
  iparam(w, "AssocClass", v.className(o.assocClass));
  iparam(w, "ResultClass", v.className(o.resultClass));
  iparam(w, "Role", v.string(o.role));
  iparam(w, "ResultRole", v.string(o.resultRole));
  if (withObjects) shownFlags(w, o);
  openParams(w, o);
}

/**
 * A Pull's arguments, checked before anything is sent (a JavaScript caller is not held to the types): a context
 * the server gave, and a MaxObjectCount that is a uint32, which DSP0200 requires of a Pull.
 */
const pullParams = (context: string, max: number) => {
  checkContext(context);
  if (typeof max !== "number") throw new TypeError(`MaxObjectCount must be a number, not ${typeof max}`);
  if (!Number.isInteger(max) || max < 0 || max > 0xffffffff)
    throw new RangeError(`MaxObjectCount ${max} is not a uint32 (0 to 4294967295)`);
  return (w: XmlWriter) => {
    iparam(w, "EnumerationContext", v.string(context));
    iparam(w, "MaxObjectCount", v.integer(max));
  };
};

function checkContext(context: string): void {
  if (typeof context !== "string" || context === "")
    throw new TypeError(
      `an EnumerationContext is the non-empty string an Open returned, not ${JSON.stringify(context)}`,
    );
}
