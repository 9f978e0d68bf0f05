import type { CimClass, CimInstance } from "../codecs/cimxml/typed.js";
import {
  actions,
  decodeInstance,
  type EnumerateRequest,
  type EnumerationFilter,
  type EnumerationItem,
  type EnumerationPage,
  encodeInstance,
  endpointPath,
  type IdentifyResponse,
  invokeAction,
  pathSelectors,
  pathToEndpoint,
  type ResourceUriConvention,
  readEndpointReference,
  readEnumerationPage,
  readIdentifyResponse,
  readMethodOutput,
  requestHeaders,
  resourceUriFor,
  type Selector,
  type WsEnvelope,
  type WsHeaders,
  WsmanError,
  type WsValueOptions,
  writeEnumerate,
  writeEnvelope,
  writeIdentify,
  writeMethodInput,
  writePull,
  writeRelease,
} from "../codecs/wsman/index.js";
import { ns } from "../codecs/wsman/namespaces.js";
import { type HttpOptions, type HttpRequest, type HttpResponse, HttpTransport } from "../transport/http.js";
import { CimError, CimStatus } from "../values/cim-error.js";
import { foldName } from "../values/cim-name.js";
import type { ObjectPath } from "../values/reference.js";
import type { ClassSchema } from "../values/schema.js";
import type { XmlWriter } from "../xml/writer.js";
import {
  ConnectionAuthentication,
  call,
  checkAnswer,
  defined,
  normalNamespace,
  queryClass,
  queryFilter,
  type WsmanAuthenticator,
} from "./wsman-exchange.js";

export type { WsmanAuthenticator } from "./wsman-exchange.js";

import type {
  AssociationOptions,
  EnumerateOptions,
  InstanceOptions,
  ModifyOptions,
  PullOptions,
  PullPage,
  ReferenceOptions,
  WbemCallOptions,
  WbemOperations,
} from "./operations.js";

export interface WsmanOptions extends HttpOptions {
  /** The namespace every operation works in (default `root/cimv2`). */
  readonly namespace?: string;
  /** The generated `ClassSchema`s values are typed and checked by (others are read by `xsi:type` or as text). */
  readonly schemas?: readonly ClassSchema[];
  /** The WS-Management path (default: the URL's path, else `/wsman`). */
  readonly path?: string;
  /** Resource URIs in WinRM's `wmi` convention (default) or DSP0227's `dmtf` one. */
  readonly resourceUris?: ResourceUriConvention;
  /** `w:MaxEnvelopeSize`: the largest answer the server may send, in octets (default 512000, WinRM's 500 KB). */
  readonly maxEnvelopeSize?: number;
  /** `w:OperationTimeout` in ms (default 60000); the HTTP timeout defaults to 10 s more, so the server answers first. */
  readonly operationTimeoutMs?: number;
  /** `w:Locale` and `p:DataLocale` (default `en-US`). */
  readonly locale?: string;
  readonly authenticator?: WsmanAuthenticator;
  /** Instances `enumerateInstances` and the other collecting calls hold at most (default 1,000,000). */
  readonly maxInstances?: number;
}

const defaultMaxElements = 100;
/** Pages without items (and without the end) in a row after which an enumeration is taken as stuck. */
const maxEmptyPages = 100;

/**
 * The WBEM operations over WS-Management (DSP0226/DSP0227, WinRM): one SOAP POST per operation to `/wsman`,
 * answers checked (HTTP status, SOAP 1.2 envelope, `a:RelatesTo`, the expected action) before they are decoded.
 * A SOAP fault becomes a `WsmanFault` (a `CimError`); 401 an `HttpStatusError`; a malformed answer a `WsmanError`
 * naming the URL and the element. WS-Management has no class operations in WinRM's binding: `getClass` and
 * `enumerateClassNames` throw CIM_ERR_NOT_SUPPORTED.
 */
export class WsmanConnection implements WbemOperations {
  readonly namespace: string;
  readonly #transport: HttpTransport;
  readonly #path: string;
  readonly #o: WsValueOptions;
  readonly #options: WsmanOptions;
  readonly #auth: ConnectionAuthentication | undefined;
  /**
   * Per open context: the resource enumerated (Pull and Release go to the same resource URI) and the class its items
   * belong to, for WQL projections (`w:XmlFragment` names none).
   */
  readonly #contexts = new Map<
    string,
    {
      readonly resource: string;
      readonly hint: string | undefined;
      /** The properties each instance is cut down to (DSP0200 PropertyList), for the pages still to come. */
      readonly propertyList: readonly string[] | undefined;
    }
  >();

  constructor(options: WsmanOptions) {
    this.#options = options;
    this.#auth = options.authenticator === undefined ? undefined : new ConnectionAuthentication(options.authenticator);
    this.namespace = normalNamespace(options.namespace ?? "root/cimv2");
    const timeoutMs = options.timeoutMs ?? (options.operationTimeoutMs ?? 60_000) + 10_000;
    this.#transport = new HttpTransport({ ...options, url: withWinRmPort(options.url), timeoutMs });
    const urlPath = this.#transport.url.pathname;
    this.#path = options.path ?? (urlPath !== "/" && urlPath !== "" ? urlPath : "/wsman");
    const byName = new Map((options.schemas ?? []).map((s) => [foldName(s.name), s]));
    this.#o = {
      schemas: (name) => byName.get(foldName(name)),
      addressing: { convention: options.resourceUris ?? "wmi", namespace: this.namespace },
      refuseEmptyArrays: true,
    };
  }

  close(): void {
    this.#transport.close();
  }

  /** DSP0226 Identify: what the service is (sent with `WSMANIDENTIFY: unauthenticated`, as WinRM allows). */
  async identify(o: WbemCallOptions = {}): Promise<IdentifyResponse> {
    const env = await this.#post(writeIdentify(), undefined, o.signal, true, { WSMANIDENTIFY: "unauthenticated" });
    return readIdentifyResponse(this.#body(env, "wsmid:IdentifyResponse"));
  }

  async getInstance(path: ObjectPath, o: InstanceOptions = {}): Promise<CimInstance> {
    refuseOptions("getInstance", o);
    const env = await this.#call(actions.get, path, undefined, o.signal);
    const instance = decodeInstance(this.#body(env, "an instance"), this.#o, path.className);
    return project({ ...instance, path: this.#place(path) }, o.propertyList);
  }

  async enumerateInstances(className: string, o: EnumerateOptions = {}): Promise<CimInstance[]> {
    refuseOptions("enumerateInstances", o);
    const request: EnumerateRequest = { mode: "EnumerateObjectAndEPR", ...polymorphism(o.deepInheritance) };
    return this.#collect(className, request, className, o.signal, o.propertyList);
  }

  async enumerateInstanceNames(className: string, o: WbemCallOptions = {}): Promise<ObjectPath[]> {
    const items = await this.#collect(className, { mode: "EnumerateEPR" }, className, o.signal);
    return items.map((i) => i.path as ObjectPath);
  }

  async execQuery(queryLanguage: string, query: string, o: WbemCallOptions = {}): Promise<CimInstance[]> {
    return this.#collect("*", { filter: queryFilter(queryLanguage, query) }, queryClass(query), o.signal);
  }

  async associators(path: ObjectPath, o: AssociationOptions = {}): Promise<CimInstance[]> {
    refuseOptions("associators", o);
    return this.#collect(
      "*",
      { mode: "EnumerateObjectAndEPR", filter: this.#associators(path, o) },
      undefined,
      o.signal,
      // Sent as b:IncludeResultProperty too; cut here all the same, for a server that ignores it.
      o.propertyList,
    );
  }

  async associatorNames(path: ObjectPath, o: AssociationOptions = {}): Promise<ObjectPath[]> {
    const items = await this.#collect(
      "*",
      { mode: "EnumerateEPR", filter: this.#associators(path, o) },
      undefined,
      o.signal,
    );
    return items.map((i) => i.path as ObjectPath);
  }

  async references(path: ObjectPath, o: ReferenceOptions = {}): Promise<CimInstance[]> {
    refuseOptions("references", o);
    return this.#collect(
      "*",
      { mode: "EnumerateObjectAndEPR", filter: this.#references(path, o) },
      undefined,
      o.signal,
      // Sent as b:IncludeResultProperty too; cut here all the same, for a server that ignores it.
      o.propertyList,
    );
  }

  async referenceNames(path: ObjectPath, o: ReferenceOptions = {}): Promise<ObjectPath[]> {
    const items = await this.#collect(
      "*",
      { mode: "EnumerateEPR", filter: this.#references(path, o) },
      undefined,
      o.signal,
    );
    return items.map((i) => i.path as ObjectPath);
  }

  /**
   * Enumerate a class (or `*` with a filter) and yield instances page by page: the selector filter
   * (`{ dialect: "selector", selectors }`) and the others of `EnumerationFilter`. Leaving the loop early releases
   * the enumeration on the server.
   */
  async *enumerate(
    className: string,
    o: { readonly filter?: EnumerationFilter; readonly maxElements?: number; readonly signal?: AbortSignal } = {},
  ): AsyncGenerator<CimInstance, void, undefined> {
    const hint = className === "*" ? undefined : className;
    let page = await this.#open(
      className,
      { mode: "EnumerateObjectAndEPR", ...(o.filter !== undefined && { filter: o.filter }) },
      hint,
      o.maxElements,
      o.signal,
    );
    try {
      for (;;) {
        for (const instance of page.instances) yield instance;
        if (page.endOfSequence || page.context === undefined) return;
        page = await this.pullInstancesWithPath(page.context, o.maxElements ?? defaultMaxElements, call(o.signal));
      }
    } finally {
      if (!page.endOfSequence && page.context !== undefined)
        await this.closeEnumeration(page.context, call(o.signal)).catch(() => undefined);
    }
  }

  async invokeMethod(
    target: ObjectPath,
    method: string,
    params: Readonly<Record<string, unknown>>,
    o: WbemCallOptions = {},
  ): Promise<Record<string, unknown>> {
    const { resourceUri } = this.#resource(target.className, target.namespace);
    const action = invokeAction(resourceUri, method);
    const env = await this.#call(
      action,
      target,
      (w) => writeMethodInput(w, { resourceUri, className: target.className, method, params }, this.#o),
      o.signal,
    );
    this.#expectAction(env, `${action}Response`);
    return readMethodOutput(this.#body(env, `${method}_OUTPUT`), target.className, method, this.#o);
  }

  async createInstance(instance: CimInstance<object>, o: WbemCallOptions = {}): Promise<ObjectPath> {
    const target = {
      className: instance.className,
      ...(instance.path?.namespace !== undefined && { namespace: instance.path.namespace }),
      keys: {},
    };
    const env = await this.#call(actions.create, target, (w) => encodeInstance(w, instance, this.#o), o.signal);
    const body = this.#body(env, "x:ResourceCreated");
    if (body.ns !== ns.transfer || body.local !== "ResourceCreated")
      throw new WsmanError(`${this.#url()}: the Create answer is <${body.name}>, not x:ResourceCreated`);
    return endpointPath(readEndpointReference(body), this.#o);
  }

  async modifyInstance(
    instance: CimInstance<object> & { readonly path: ObjectPath },
    o: ModifyOptions = {},
  ): Promise<void> {
    refuseOptions("modifyInstance", o);
    if (o.propertyList !== undefined)
      throw new CimError(
        CimStatus.CIM_ERR_NOT_SUPPORTED,
        "modifyInstance: a WS-Management Put replaces the whole instance, so it cannot change only the properties of a propertyList; send the instance with every property instead",
      );
    await this.#call(actions.put, instance.path, (w) => encodeInstance(w, instance, this.#o), o.signal);
  }

  async deleteInstance(path: ObjectPath, o: WbemCallOptions = {}): Promise<void> {
    await this.#call(actions.delete, path, undefined, o.signal);
  }

  async getClass(className: string): Promise<CimClass> {
    throw new CimError(
      CimStatus.CIM_ERR_NOT_SUPPORTED,
      `getClass(${className}): WS-Management (WinRM's CIM binding) has no class operations`,
    );
  }

  async enumerateClassNames(): Promise<string[]> {
    throw new CimError(
      CimStatus.CIM_ERR_NOT_SUPPORTED,
      "enumerateClassNames: WS-Management (WinRM's CIM binding) has no class operations",
    );
  }

  /** Enumerate with `w:OptimizeEnumeration`, so the first page comes in the EnumerateResponse itself. */
  async openEnumerateInstances(className: string, o: PullOptions = {}): Promise<PullPage> {
    refuseOptions("openEnumerateInstances", o);
    const filter = o.filterQuery === undefined ? undefined : queryFilter(o.filterQueryLanguage ?? "WQL", o.filterQuery);
    const resource = filter === undefined ? className : "*";
    if (filter !== undefined && o.deepInheritance === false)
      throw new CimError(
        CimStatus.CIM_ERR_NOT_SUPPORTED,
        "openEnumerateInstances: deepInheritance false with a filterQuery: a filtered enumeration goes to the * resource, which names no class to keep the properties of; name the properties in the query's SELECT list instead",
      );
    const request: EnumerateRequest = {
      mode: "EnumerateObjectAndEPR",
      ...(filter !== undefined && { filter }),
      ...polymorphism(o.deepInheritance),
      // DSP0200 OperationTimeout (seconds the context lives between pulls) is WS-Enumeration's Expires.
      ...(o.operationTimeout !== undefined && { expires: `PT${o.operationTimeout}S` }),
    };
    return this.#open(resource, request, className, o.maxObjectCount, o.signal, o.propertyList);
  }

  async pullInstancesWithPath(context: string, maxObjectCount: number, o: WbemCallOptions = {}): Promise<PullPage> {
    const open = this.#contexts.get(context);
    this.#contexts.delete(context);
    const target = { className: open?.resource ?? "*", keys: {} };
    const env = await this.#call(actions.pull, target, (w) => writePull(w, context, maxObjectCount), o.signal, false);
    this.#expectAction(env, actions.pullResponse);
    return this.#page(
      readEnumerationPage(this.#body(env, "n:PullResponse")),
      target.className,
      open?.hint,
      open?.propertyList,
    );
  }

  async closeEnumeration(context: string, o: WbemCallOptions = {}): Promise<void> {
    const open = this.#contexts.get(context);
    this.#contexts.delete(context);
    await this.#call(
      actions.release,
      { className: open?.resource ?? "*", keys: {} },
      (w) => writeRelease(w, context),
      o.signal,
      false,
    );
  }

  // ---- internals ----

  async #open(
    className: string,
    request: EnumerateRequest,
    hint: string | undefined,
    maxElements: number | undefined,
    signal: AbortSignal | undefined,
    propertyList?: readonly string[],
  ): Promise<PullPage> {
    const env = await this.#call(
      actions.enumerate,
      { className, keys: {} },
      (w) => writeEnumerate(w, { optimize: true, maxElements: maxElements ?? defaultMaxElements, ...request }),
      signal,
      false,
    );
    this.#expectAction(env, actions.enumerateResponse);
    return this.#page(readEnumerationPage(this.#body(env, "n:EnumerateResponse")), className, hint, propertyList);
  }

  /** Every item of an enumeration, bounded by `maxInstances` and by pages that bring nothing. */
  async #collect(
    className: string,
    request: EnumerateRequest,
    hint: string | undefined,
    signal: AbortSignal | undefined,
    propertyList?: readonly string[],
  ): Promise<CimInstance[]> {
    const limit = this.#options.maxInstances ?? 1_000_000;
    const all: CimInstance[] = [];
    let page = await this.#open(className, request, hint, undefined, signal, propertyList);
    let empty = 0;
    try {
      for (;;) {
        for (const i of page.instances) all.push(i);
        if (all.length > limit)
          throw new WsmanError(
            `${this.#url()}: the enumeration of ${className} passed ${limit} instances (maxInstances); use iterEnumerateInstances or enumerate() to go through it page by page`,
          );
        if (page.endOfSequence || page.context === undefined) return all;
        empty = page.instances.length === 0 ? empty + 1 : 0;
        if (empty >= maxEmptyPages)
          throw new WsmanError(
            `${this.#url()}: ${maxEmptyPages} pages in a row without items and without the end of the enumeration of ${className}`,
          );
        page = await this.pullInstancesWithPath(page.context, defaultMaxElements, call(signal));
      }
    } finally {
      if (!page.endOfSequence && page.context !== undefined)
        await this.closeEnumeration(page.context, call(signal)).catch(() => undefined);
    }
  }

  #page(
    page: EnumerationPage,
    resource: string,
    hint: string | undefined,
    propertyList: readonly string[] | undefined,
  ): PullPage {
    if (page.context !== undefined && !page.endOfSequence) {
      // A context the caller never pulls again would stay here: keep the map small.
      if (this.#contexts.size > 1000) this.#contexts.clear();
      this.#contexts.set(page.context, { resource, hint, propertyList });
    }
    return {
      instances: page.items.map((item) => project(this.#item(item, hint), propertyList)),
      context: page.context,
      endOfSequence: page.endOfSequence || page.context === undefined,
    };
  }

  #item(item: EnumerationItem, hint: string | undefined): CimInstance {
    const path = item.epr === undefined ? undefined : endpointPath(item.epr, this.#o);
    if (item.object === undefined) {
      if (path === undefined) throw new WsmanError(`${this.#url()}: an enumeration item with neither object nor EPR`);
      return { className: path.className, properties: {}, path };
    }
    const instance = decodeInstance(item.object, this.#o, hint);
    return path === undefined ? instance : { ...instance, path: this.#place(path) };
  }

  #associators(path: ObjectPath, o: AssociationOptions): EnumerationFilter {
    return {
      dialect: "associators",
      object: pathToEndpoint(path, this.#o.addressing),
      ...defined({ assocClass: o.assocClass, resultClass: o.resultClass, role: o.role, resultRole: o.resultRole }),
      ...(o.propertyList !== undefined && { includeResultProperty: o.propertyList }),
    };
  }

  #references(path: ObjectPath, o: ReferenceOptions): EnumerationFilter {
    return {
      dialect: "references",
      object: pathToEndpoint(path, this.#o.addressing),
      ...defined({ resultClass: o.resultClass, role: o.role }),
      ...(o.propertyList !== undefined && { includeResultProperty: o.propertyList }),
    };
  }

  #resource(className: string, namespace: string | undefined) {
    return resourceUriFor(className, namespace ?? this.namespace, this.#o.addressing.convention);
  }

  #place(path: ObjectPath): ObjectPath {
    return { ...path, namespace: normalNamespace(path.namespace ?? this.namespace) };
  }

  #url(): string {
    return new URL(this.#path, this.#transport.url).href;
  }

  /** One request about `target` (its resource URI; its keys as selectors unless `withKeys` is false). */
  #call(
    action: string,
    target: ObjectPath,
    body: ((w: XmlWriter) => void) | undefined,
    signal: AbortSignal | undefined,
    withKeys = true,
  ): Promise<WsEnvelope> {
    const { resourceUri, namespaceSelector } = this.#resource(target.className, target.namespace);
    const selectors: Selector[] = withKeys
      ? pathSelectors(target, this.#o.addressing)
      : namespaceSelector === undefined
        ? []
        : [{ name: "__cimnamespace", value: namespaceSelector }];
    const locale = this.#options.locale ?? "en-US";
    const headers: WsHeaders = requestHeaders({
      action,
      to: this.#url(),
      resourceUri,
      selectors,
      maxEnvelopeSize: this.#options.maxEnvelopeSize ?? 512_000,
      operationTimeout: `PT${((this.#options.operationTimeoutMs ?? 60_000) / 1000).toFixed(3).replace(/\.?0+$/, "")}S`,
      locale,
      dataLocale: locale,
    });
    // Sent again over a stale connection: a Get, and an Enumerate (a repeated one leaves at most a context the client
    // never named, which the server expires, as a CIM-XML Open). Never a Pull (it moves the context on), a Release,
    // a method, nor a Put, Create or Delete.
    const repeatable = action === actions.get || action === actions.enumerate;
    return this.#post(writeEnvelope(headers, body), headers.messageId, signal, repeatable);
  }

  async #post(
    text: string,
    messageId: string | undefined,
    signal: AbortSignal | undefined,
    idempotent: boolean,
    extra: Readonly<Record<string, string>> = {},
  ): Promise<WsEnvelope> {
    const request: HttpRequest = {
      path: this.#path,
      headers: { "Content-Type": "application/soap+xml;charset=UTF-8", ...extra },
      body: text,
      ...(signal !== undefined && { signal }),
      ...(idempotent && { idempotent }),
    };
    const next = (r: HttpRequest) => this.#transport.post(r);
    const response = this.#auth === undefined ? await next(request) : await this.#auth.send(request, next);
    return this.#answer(response, messageId);
  }

  #answer(response: HttpResponse, messageId: string | undefined): WsEnvelope {
    return checkAnswer(response, {
      url: this.#url(),
      messageId,
      values: this.#o,
      maxBytes: this.#options.maxResponseBytes ?? 64 * 1024 * 1024,
    });
  }

  #expectAction(env: WsEnvelope, action: string): void {
    if (env.headers.action !== action)
      throw new WsmanError(`${this.#url()}: the answer's action is ${env.headers.action}, expected ${action}`);
  }

  #body(env: WsEnvelope, what: string) {
    if (env.body === undefined) throw new WsmanError(`${this.#url()}: the answer has an empty body, expected ${what}`);
    return env.body;
  }
}

/** WinRM's ports when the URL names none: 5985 for HTTP, 5986 for HTTPS (not HTTP's 80 and 443). */
function withWinRmPort(url: string | URL): URL {
  const u = new URL(url);
  if (u.port === "" && (u.protocol === "http:" || u.protocol === "https:"))
    u.port = u.protocol === "https:" ? "5986" : "5985";
  return u;
}

/**
 * DSP0200 options that WS-Management has no way to send (DSP0227 instances carry neither qualifiers nor class
 * origins, and no LocalOnly or ContinueOnError exists): set, they are refused by name instead of being dropped,
 * since the answer would then silently differ from what was asked for.
 */
function refuseOptions(
  operation: string,
  o: {
    readonly localOnly?: boolean;
    readonly includeQualifiers?: boolean;
    readonly includeClassOrigin?: boolean;
    readonly continueOnError?: boolean;
  },
): void {
  const why =
    o.localOnly === true
      ? "localOnly: WS-Management has no LocalOnly (DSP0200 deprecates it); name the properties in a propertyList"
      : o.includeQualifiers === true
        ? "includeQualifiers: WS-Management instances carry no qualifiers; the generated schema has them"
        : o.includeClassOrigin === true
          ? "includeClassOrigin: WS-Management instances carry no class origin; the generated ClassSchema has each property's"
          : o.continueOnError === true
            ? "continueOnError: a WS-Management enumeration cannot go on past an error"
            : undefined;
  if (why !== undefined) throw new CimError(CimStatus.CIM_ERR_NOT_SUPPORTED, `${operation}: ${why}`);
}

/** DSP0227 PolymorphismMode for DSP0200 DeepInheritance false; nothing for the default (true). */
function polymorphism(deepInheritance: boolean | undefined): { readonly polymorphism?: string } {
  return deepInheritance === false ? { polymorphism: "ExcludeSubClassProperties" } : {};
}

/**
 * DSP0200 PropertyList, which WS-Management cannot send on a Get or an Enumerate (a fragment transfer names one
 * property only): the instance is cut down here to the listed properties (names are case-insensitive), so the
 * answer is the one a CIM-XML server gives. An empty list leaves none; an absent one keeps all.
 */
function project(instance: CimInstance, propertyList: readonly string[] | undefined): CimInstance {
  if (propertyList === undefined) return instance;
  const wanted = new Set(propertyList.map(foldName));
  const properties: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(instance.properties))
    if (wanted.has(foldName(name))) properties[name] = value;
  return { ...instance, properties };
}
