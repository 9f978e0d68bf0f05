import { encodeClass } from "../codecs/cimxml/class.js";
import { CimXmlError } from "../codecs/cimxml/errors.js";
import {
  type CimXmlResponse,
  decodeResponse,
  encodeIMethodCall,
  encodeMethodCall,
  iparam,
  iparamValue,
} from "../codecs/cimxml/message.js";
import { decodePath, encodeInstanceName } from "../codecs/cimxml/path.js";
import { encodeQualifierDeclaration } from "../codecs/cimxml/qualifier-declaration.js";
import type { CimClass, CimInstance, CimQualifierDeclaration } from "../codecs/cimxml/typed.js";
import type { SchemaLookup } from "../codecs/cimxml/value.js";
import { decodeInstance, encodeInstance } from "../codecs/cimxml/value.js";
import { type HttpOptions, type HttpResponse, HttpTransport, responseHeader } from "../transport/http.js";
import { foldName, sameName } from "../values/cim-name.js";
import { effectiveMembers } from "../values/class-members.js";
import { type ClassPath, classPath, isClassPath } from "../values/class-path.js";
import { formatObjectPath, type ObjectPath } from "../values/reference.js";
import type { ClassSchema } from "../values/schema.js";
import { XmlReader } from "../xml/reader.js";
import type { XmlWriter } from "../xml/writer.js";
import {
  classes,
  classesWithPath,
  classPaths,
  qualifierDeclaration,
  qualifierDeclarations,
} from "./cimxml-class-ops.js";
import { CimXmlPull } from "./cimxml-pull.js";
import {
  cimClass,
  className,
  instanceNames,
  instancesWithNames,
  methodResult,
  nothing,
  objectPaths,
  objectsWithPath,
  single,
} from "./cimxml-results.js";
import { HttpStatusError } from "./errors.js";
import type {
  AssociationOptions,
  AssociationPullOptions,
  ClassOptions,
  EnumerateClassesOptions,
  EnumerateOptions,
  InstanceOptions,
  ModifyOptions,
  OpenOptions,
  PathPage,
  PullCallOptions,
  PullOptions,
  PullPage,
  QueryPage,
  QueryPullOptions,
  ReferenceOptions,
  ReferencePullOptions,
  WbemCallOptions,
  WbemOperations,
  WbemPullOperations,
  WbemSchemaOperations,
} from "./operations.js";

export interface CimXmlOptions extends HttpOptions {
  /** The namespace every operation works in (default `root/cimv2`). */
  readonly namespace?: string;
  /** The generated `ClassSchema`s the client checks values against (any class without one is read by its TYPEs). */
  readonly schemas?: readonly ClassSchema[];
  /** The CIM-XML path on the server (default `/cimom`, DSP0200's). */
  readonly path?: string;
}

const v = iparamValue;

/**
 * CIM operations over HTTP (DSP0200) with the CIM-XML codec: one POST per operation, the DSP0200 headers
 * (`CIMOperation`, `CIMMethod`, `CIMObject`), the answer checked (HTTP status, `CIMOperation: MethodResponse`, an XML
 * content type, the message ID) before it is decoded.
 */
export class CimXmlConnection implements WbemOperations, WbemPullOperations, WbemSchemaOperations {
  readonly namespace: string;
  readonly #transport: HttpTransport;
  readonly #path: string;
  readonly #schemas: SchemaLookup;
  readonly #pull: CimXmlPull;
  #nextId = 1001;

  constructor(options: CimXmlOptions) {
    this.namespace = normalNamespace(options.namespace ?? "root/cimv2");
    this.#transport = new HttpTransport(options);
    this.#path = options.path ?? "/cimom";
    const byName = new Map((options.schemas ?? []).map((s) => [foldName(s.name), s]));
    this.#schemas = (name) => byName.get(foldName(name));
    this.#pull = new CimXmlPull(
      this.namespace,
      (namespace, method, signal, params) => this.#intrinsicIn(namespace, method, signal, params),
      this.#schemas,
      normalNamespace,
    );
  }

  close(): void {
    this.#transport.close();
  }

  async getInstance(path: ObjectPath, o: InstanceOptions = {}): Promise<CimInstance> {
    const r = await this.#intrinsic(
      "GetInstance",
      o.signal,
      (w) => {
        iparam(w, "InstanceName", (w) => encodeInstanceName(w, path));
        instanceFlags(w, o);
      },
      path,
    );
    return decodeInstance(single(r, "INSTANCE"), this.#schemas, this.#place(path));
  }

  async enumerateInstances(className: string, o: EnumerateOptions = {}): Promise<CimInstance[]> {
    const r = await this.#intrinsic("EnumerateInstances", o.signal, (w) => {
      iparam(w, "ClassName", v.className(className));
      iparam(w, "LocalOnly", v.boolean(o.localOnly));
      iparam(w, "DeepInheritance", v.boolean(o.deepInheritance));
      iparam(w, "IncludeQualifiers", v.boolean(o.includeQualifiers));
      iparam(w, "IncludeClassOrigin", v.boolean(o.includeClassOrigin));
      iparam(w, "PropertyList", v.strings(o.propertyList));
    });
    return instancesWithNames(r, this.namespace, this.#schemas);
  }

  async enumerateInstanceNames(className: string, o: WbemCallOptions = {}): Promise<ObjectPath[]> {
    const r = await this.#intrinsic("EnumerateInstanceNames", o.signal, (w) =>
      iparam(w, "ClassName", v.className(className)),
    );
    return instanceNames(r, this.namespace);
  }

  async invokeMethod(
    target: ObjectPath,
    method: string,
    params: Readonly<Record<string, unknown>>,
    o: WbemCallOptions = {},
  ): Promise<Record<string, unknown>> {
    const classSchema = this.#schemas(target.className);
    const schema =
      classSchema === undefined
        ? undefined
        : effectiveMembers(classSchema).methods.find((m) => sameName(m.name, method));
    const parameters = Object.entries(params).map(([name, value]) => {
      const element = schema?.parameters.find((p) => sameName(p.name, name));
      if (schema !== undefined && element === undefined)
        throw new CimXmlError(`${target.className}.${method} has no parameter ${name}`);
      return element === undefined ? { name, value } : { name, element, value };
    });
    const namespace = this.#namespaceOf(target);
    const id = String(this.#nextId++);
    const body = encodeMethodCall(id, { ...target, namespace }, method, parameters, this.#schemas);
    const object =
      Object.keys(target.keys).length === 0
        ? `${namespace}:${target.className}`
        : `${namespace}:${formatObjectPath({ className: target.className, keys: target.keys })}`;
    const r = await this.#exchange({ id, method, intrinsic: false, object, body, signal: o.signal });
    return methodResult(r, schema, this.#schemas);
  }

  associators(path: ClassPath, o?: AssociationOptions): Promise<CimClass[]>;
  associators(path: ObjectPath, o?: AssociationOptions): Promise<CimInstance[]>;
  async associators(path: ObjectPath, o: AssociationOptions = {}): Promise<CimInstance[] | CimClass[]> {
    const r = await this.#intrinsic("Associators", o.signal, (w) => associationParams(w, path, o, true), path);
    if (isClassPath(path)) return classesWithPath(r, this.#namespaceOf(path));
    return objectsWithPath(r, this.#namespaceOf(path), this.#schemas);
  }

  associatorNames(path: ClassPath, o?: AssociationOptions): Promise<ClassPath[]>;
  associatorNames(path: ObjectPath, o?: AssociationOptions): Promise<ObjectPath[]>;
  async associatorNames(path: ObjectPath, o: AssociationOptions = {}): Promise<ObjectPath[]> {
    const r = await this.#intrinsic("AssociatorNames", o.signal, (w) => associationParams(w, path, o, false), path);
    if (isClassPath(path)) return classPaths(r, this.#namespaceOf(path));
    return objectPaths(r, this.#namespaceOf(path));
  }

  references(path: ClassPath, o?: ReferenceOptions): Promise<CimClass[]>;
  references(path: ObjectPath, o?: ReferenceOptions): Promise<CimInstance[]>;
  async references(path: ObjectPath, o: ReferenceOptions = {}): Promise<CimInstance[] | CimClass[]> {
    const r = await this.#intrinsic("References", o.signal, (w) => associationParams(w, path, o, true), path);
    if (isClassPath(path)) return classesWithPath(r, this.#namespaceOf(path));
    return objectsWithPath(r, this.#namespaceOf(path), this.#schemas);
  }

  referenceNames(path: ClassPath, o?: ReferenceOptions): Promise<ClassPath[]>;
  referenceNames(path: ObjectPath, o?: ReferenceOptions): Promise<ObjectPath[]>;
  async referenceNames(path: ObjectPath, o: ReferenceOptions = {}): Promise<ObjectPath[]> {
    const r = await this.#intrinsic("ReferenceNames", o.signal, (w) => associationParams(w, path, o, false), path);
    if (isClassPath(path)) return classPaths(r, this.#namespaceOf(path));
    return objectPaths(r, this.#namespaceOf(path));
  }

  async createInstance(instance: CimInstance<object>, o: WbemCallOptions = {}): Promise<ObjectPath> {
    const r = await this.#intrinsic(
      "CreateInstance",
      o.signal,
      (w) => iparam(w, "NewInstance", (w) => encodeInstance(w, instance, this.#schemas)),
      instance.path,
    );
    const name = decodePath(single(r, "INSTANCENAME"));
    return { ...name, namespace: this.#namespaceOf(instance.path) };
  }

  async modifyInstance(
    instance: CimInstance<object> & { readonly path: ObjectPath },
    o: ModifyOptions = {},
  ): Promise<void> {
    const r = await this.#intrinsic(
      "ModifyInstance",
      o.signal,
      (w) => {
        iparam(w, "ModifiedInstance", (w) => {
          w.start("VALUE.NAMEDINSTANCE");
          encodeInstanceName(w, instance.path);
          encodeInstance(w, instance, this.#schemas);
          w.end();
        });
        iparam(w, "IncludeQualifiers", v.boolean(o.includeQualifiers));
        iparam(w, "PropertyList", v.strings(o.propertyList));
      },
      instance.path,
    );
    nothing(r);
  }

  async deleteInstance(path: ObjectPath, o: WbemCallOptions = {}): Promise<void> {
    const r = await this.#intrinsic(
      "DeleteInstance",
      o.signal,
      (w) => iparam(w, "InstanceName", (w) => encodeInstanceName(w, path)),
      path,
    );
    nothing(r);
  }

  async execQuery(queryLanguage: string, query: string, o: WbemCallOptions = {}): Promise<CimInstance[]> {
    const r = await this.#intrinsic("ExecQuery", o.signal, (w) => {
      iparam(w, "QueryLanguage", v.string(queryLanguage));
      iparam(w, "Query", v.string(query));
    });
    return objectsWithPath(r, this.namespace, this.#schemas);
  }

  async getClass(name: string, o: ClassOptions = {}): Promise<CimClass> {
    const r = await this.#intrinsic("GetClass", o.signal, (w) => {
      iparam(w, "ClassName", v.className(name));
      instanceFlags(w, o);
    });
    const cls = cimClass(r);
    // The class's path is where it was asked for: the server sends a bare CLASS.
    return { ...cls, path: classPath(cls.className, { namespace: this.namespace }) };
  }

  async enumerateClassNames(
    name?: string,
    o: { readonly deepInheritance?: boolean; readonly signal?: AbortSignal } = {},
  ): Promise<string[]> {
    const r = await this.#intrinsic("EnumerateClassNames", o.signal, (w) => {
      iparam(w, "ClassName", v.className(name));
      iparam(w, "DeepInheritance", v.boolean(o.deepInheritance));
    });
    return className(r);
  }

  // ---- the schema operations: classes and qualifier declarations (cimxml-class-ops.ts reads the answers) ----

  async enumerateClasses(name?: string, o: EnumerateClassesOptions = {}): Promise<CimClass[]> {
    const r = await this.#intrinsic("EnumerateClasses", o.signal, (w) => {
      iparam(w, "ClassName", v.className(name));
      iparam(w, "DeepInheritance", v.boolean(o.deepInheritance));
      instanceFlags(w, o);
    });
    return classes(r);
  }

  async createClass(newClass: CimClass, o: WbemCallOptions = {}): Promise<void> {
    nothing(
      await this.#intrinsic("CreateClass", o.signal, (w) => iparam(w, "NewClass", (w) => encodeClass(w, newClass))),
    );
  }

  async modifyClass(modifiedClass: CimClass, o: WbemCallOptions = {}): Promise<void> {
    const r = await this.#intrinsic("ModifyClass", o.signal, (w) =>
      iparam(w, "ModifiedClass", (w) => encodeClass(w, modifiedClass)),
    );
    nothing(r);
  }

  async deleteClass(name: string, o: WbemCallOptions = {}): Promise<void> {
    nothing(await this.#intrinsic("DeleteClass", o.signal, (w) => iparam(w, "ClassName", v.className(name))));
  }

  async getQualifier(name: string, o: WbemCallOptions = {}): Promise<CimQualifierDeclaration> {
    const r = await this.#intrinsic("GetQualifier", o.signal, (w) => iparam(w, "QualifierName", v.string(name)));
    return qualifierDeclaration(r);
  }

  async setQualifier(declaration: CimQualifierDeclaration, o: WbemCallOptions = {}): Promise<void> {
    const r = await this.#intrinsic("SetQualifier", o.signal, (w) =>
      iparam(w, "QualifierDeclaration", (w) => encodeQualifierDeclaration(w, declaration)),
    );
    nothing(r);
  }

  async deleteQualifier(name: string, o: WbemCallOptions = {}): Promise<void> {
    nothing(await this.#intrinsic("DeleteQualifier", o.signal, (w) => iparam(w, "QualifierName", v.string(name))));
  }

  async enumerateQualifiers(o: WbemCallOptions = {}): Promise<CimQualifierDeclaration[]> {
    return qualifierDeclarations(await this.#intrinsic("EnumerateQualifiers", o.signal, () => undefined));
  }

  // The pull operations, in cimxml-pull.ts.
  openEnumerateInstances(name: string, o?: PullOptions): Promise<PullPage> {
    return this.#pull.openEnumerateInstances(name, o);
  }
  openEnumerateInstancePaths(name: string, o?: OpenOptions): Promise<PathPage> {
    return this.#pull.openEnumerateInstancePaths(name, o);
  }
  openAssociatorInstances(path: ObjectPath, o?: AssociationPullOptions): Promise<PullPage> {
    return this.#pull.openAssociatorInstances(path, o);
  }
  openAssociatorInstancePaths(path: ObjectPath, o?: AssociationPullOptions): Promise<PathPage> {
    return this.#pull.openAssociatorInstancePaths(path, o);
  }
  openReferenceInstances(path: ObjectPath, o?: ReferencePullOptions): Promise<PullPage> {
    return this.#pull.openReferenceInstances(path, o);
  }
  openReferenceInstancePaths(path: ObjectPath, o?: ReferencePullOptions): Promise<PathPage> {
    return this.#pull.openReferenceInstancePaths(path, o);
  }
  openQueryInstances(queryLanguage: string, query: string, o?: QueryPullOptions): Promise<QueryPage> {
    return this.#pull.openQueryInstances(queryLanguage, query, o);
  }
  pullInstancesWithPath(context: string, maxObjectCount: number, o?: PullCallOptions): Promise<PullPage> {
    return this.#pull.pullInstancesWithPath(context, maxObjectCount, o);
  }
  pullInstancePaths(context: string, maxObjectCount: number, o?: PullCallOptions): Promise<PathPage> {
    return this.#pull.pullInstancePaths(context, maxObjectCount, o);
  }
  pullInstances(context: string, maxObjectCount: number, o?: PullCallOptions): Promise<PullPage> {
    return this.#pull.pullInstances(context, maxObjectCount, o);
  }
  closeEnumeration(context: string, o?: PullCallOptions): Promise<void> {
    return this.#pull.closeEnumeration(context, o);
  }
  enumerationCount(context: string, o?: PullCallOptions): Promise<bigint | undefined> {
    return this.#pull.enumerationCount(context, o);
  }

  #place(path: ObjectPath): ObjectPath {
    return { ...path, namespace: this.#namespaceOf(path) };
  }

  #namespaceOf(path: ObjectPath | undefined): string {
    return path?.namespace === undefined ? this.namespace : normalNamespace(path.namespace);
  }

  /** An intrinsic operation, in the namespace of the path it is about when that path names one. */
  #intrinsic(
    method: string,
    signal: AbortSignal | undefined,
    params: (w: XmlWriter) => void,
    about?: ObjectPath,
  ): Promise<CimXmlResponse> {
    return this.#intrinsicIn(this.#namespaceOf(about), method, signal, params);
  }

  #intrinsicIn(
    namespace: string,
    method: string,
    signal: AbortSignal | undefined,
    params: (w: XmlWriter) => void,
  ): Promise<CimXmlResponse> {
    const id = String(this.#nextId++);
    const body = encodeIMethodCall(id, namespace, method, params);
    return this.#exchange({ id, method, intrinsic: true, object: namespace, body, signal });
  }

  async #exchange(call: {
    readonly id: string;
    readonly method: string;
    readonly intrinsic: boolean;
    readonly object: string;
    readonly body: string;
    readonly signal: AbortSignal | undefined;
  }): Promise<CimXmlResponse> {
    const response = await this.#transport.post({
      path: this.#path,
      headers: {
        "Content-Type": 'application/xml; charset="utf-8"',
        CIMOperation: "MethodCall",
        CIMMethod: encodeHeader(call.method),
        CIMObject: encodeHeader(call.object),
      },
      body: call.body,
      ...(call.signal === undefined ? {} : { signal: call.signal }),
      ...(call.intrinsic && repeatable.has(call.method) && { idempotent: true }),
    });
    checkHttp(response, this.#transport.url);
    const root = new XmlReader().write(response.body).close();
    return decodeResponse(root, call, this.#schemas);
  }
}

/**
 * The intrinsic methods sent again when a kept-alive connection turns out stale (transport/http.ts `idempotent`):
 * those that only read (DSP0200 §5.3.2), and the Open* of pulled enumerations and EnumerationCount. An Open does
 * make an enumeration context, but a repeated one leaves at most a context whose name the client never learned,
 * which the server closes when its OperationTimeout runs out; in the case the retry is for (the server closed the
 * connection while idle) the first Open never reached it. Not Pull* (it moves the context on: a repeated Pull would
 * skip a page without a word) nor CloseEnumeration, nor anything that writes.
 */
const repeatable: ReadonlySet<string> = new Set([
  "GetInstance",
  "GetClass",
  "GetProperty",
  "GetQualifier",
  "EnumerateInstances",
  "EnumerateInstanceNames",
  "EnumerateClasses",
  "EnumerateClassNames",
  "EnumerateQualifiers",
  "Associators",
  "AssociatorNames",
  "References",
  "ReferenceNames",
  "ExecQuery",
  "OpenEnumerateInstances",
  "OpenEnumerateInstancePaths",
  "OpenAssociatorInstances",
  "OpenAssociatorInstancePaths",
  "OpenReferenceInstances",
  "OpenReferenceInstancePaths",
  "OpenQueryInstances",
  "EnumerationCount",
]);

/** `root/cimv2` however it was written (`/root/cimv2/`, `root\\cimv2`): empty segments name nothing. */
function normalNamespace(namespace: string): string {
  return namespace
    .split(/[\\/]/)
    .filter((s) => s !== "")
    .join("/");
}

/** DSP0200 §4.3: header values are percent-encoded UTF-8 where they hold other characters than these. */
function encodeHeader(text: string): string {
  return encodeURIComponent(text).replace(/%(2F|3A|2C|3D|22)/g, (m) => decodeURIComponent(m));
}

function checkHttp(response: HttpResponse, url: URL): void {
  checkMethodResponse(response, url, "CIMOperation");
  const type = responseHeader(response, "Content-Type");
  if (type !== undefined && !/^(?:application|text)\/xml\b/i.test(type))
    throw new CimXmlError(`${url.href}: the answer is ${type}, not CIM-XML`);
}

function instanceFlags(w: XmlWriter, o: InstanceOptions | ClassOptions | EnumerateClassesOptions): void {
  iparam(w, "LocalOnly", v.boolean(o.localOnly));
  iparam(w, "IncludeQualifiers", v.boolean(o.includeQualifiers));
  iparam(w, "IncludeClassOrigin", v.boolean(o.includeClassOrigin));
  if ("propertyList" in o) iparam(w, "PropertyList", v.strings(o.propertyList));
}

function associationParams(
  w: XmlWriter,
  path: ObjectPath,
  o: AssociationOptions & ReferenceOptions,
  withObjects: boolean,
): void {
  iparam(w, "ObjectName", v.objectName(path));
  iparam(w, "AssocClass", v.className(o.assocClass));
  iparam(w, "ResultClass", v.className(o.resultClass));
  iparam(w, "Role", v.string(o.role));
  iparam(w, "ResultRole", v.string(o.resultRole));
  if (!withObjects) return;
  iparam(w, "IncludeQualifiers", v.boolean(o.includeQualifiers));
  iparam(w, "IncludeClassOrigin", v.boolean(o.includeClassOrigin));
  iparam(w, "PropertyList", v.strings(o.propertyList));
}

/**
 * An answer to a CIM-XML message (an operation or an export): HTTP 200 (else `HttpStatusError` with DSP0200's
 * CIMError header and OpenPegasus' PGErrorDetail) and `<kind>: MethodResponse` (`CIMOperation` or `CIMExport`).
 */
export function checkMethodResponse(response: HttpResponse, url: URL, kind: "CIMOperation" | "CIMExport"): void {
  if (response.status !== 200)
    throw new HttpStatusError(
      url,
      response.status,
      responseHeader(response, "CIMError"),
      responseHeader(response, "PGErrorDetail"),
      response.body.toString("utf8", 0, 500),
    );
  const answer = responseHeader(response, kind);
  if (answer?.toLowerCase() !== "methodresponse")
    throw new CimXmlError(
      `${url.href}: the answer's ${kind} header is ${JSON.stringify(answer ?? null)}, not MethodResponse`,
    );
}
