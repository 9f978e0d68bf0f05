import {
  type AddressingOptions,
  actions,
  dialects,
  type EnumerateRequest,
  type EnumerationFilter,
  type EnumerationMode,
  encodeInstance,
  readEnumerate,
  readPull,
  readRelease,
  type WsElement,
  writeEndpointContent,
  writeEnumerationPage,
} from "../../codecs/wsman/index.js";
import { CimError, CimStatus } from "../../values/cim-error.js";
import { foldName, sameName } from "../../values/cim-name.js";
import { parseDateTime } from "../../values/datetime.js";
import type { ObjectPath } from "../../values/reference.js";
import type { XmlWriter } from "../../xml/writer.js";
import { associatedPaths, referencesTo, requireInstanceSource } from "../associations.js";
import { enumerate as enumerateClass, instancePath, type PathedInstance, pick, propertyFilter } from "../instances.js";
import { runQuery } from "../query.js";
import { filterResults, mapResults, mapResultsAsync, type Results } from "../results.js";
import type { WsAnswer, WsRequest } from "./context.js";
import { faults } from "./faults.js";
import { endpointOf, referenceOf, requireClass } from "./target.js";

/**
 * WS-Enumeration (DSP0226 §8, DSP0227 §8): Enumerate asks the providers and keeps their results (an array, or a
 * provider's stream read only as far as clients pull) in one of the server's bounded, expiring enumeration contexts,
 * and Pull hands them out MaxElements at a time, as many as fit in the client's MaxEnvelopeSize. Filters: none (the class and its subclasses), WQL, the
 * selector filter (instances whose keys are the selectors) and the association filters. Modes: objects, EPRs, or
 * both (`w:Item`).
 */

/** One result: the instance (absent in EnumerateEPR mode) and its path. */
interface WsItem {
  readonly path: ObjectPath;
  readonly properties?: Readonly<Record<string, unknown>>;
  readonly mode: EnumerationMode | "EnumerateObject";
  /** The class the object is written as (ExcludeSubClassProperties: the class enumerated). */
  readonly asClass: string;
  /** The resource URI convention of the Enumerate, which its Pulls answer in too (one object for all items). */
  readonly addressing: AddressingOptions;
}

/**
 * WS-Management contexts live beside CIM-XML's in one pool, under their own scope so neither pulls the other's; the
 * scope holds the Enumerate's resource URI, since a Pull or Release goes to the same resource (WS-Enumeration: the
 * data source's EPR), so a context is never consumed through another resource.
 */
const scope = (request: WsRequest) => `wsman ${request.ns.name} ${foldName(request.target.resourceUri.trim())}`;

export async function enumerateOp(request: WsRequest): Promise<WsAnswer> {
  const body = request.envelope.body;
  if (body === undefined) throw faults.schemaValidation("an Enumerate needs an n:Enumerate body");
  // Checked before the codec reads the body: DSP0226 names an unknown mode an unsupported feature, not bad XML.
  const modeElement = body.children.find((c) => c.local === "EnumerationMode");
  const modeText = modeElement?.text.trim();
  if (modeText !== undefined && modeText !== "EnumerateEPR" && modeText !== "EnumerateObjectAndEPR")
    throw faults.unsupportedFeature(`enumeration mode ${JSON.stringify(modeText)} is not supported`, "EnumerationMode");
  checkAssociationFilter(body);
  const enumerate = readEnumerate(body);
  const timeout = expiration(request, enumerate.expires);
  const mode = enumerate.mode ?? "EnumerateObject";
  const polymorphism = body.children.find((c) => c.local === "PolymorphismMode")?.text.trim();
  const found = polymorph(request, await results(request, enumerate.filter), polymorphism);
  const addressing = request.values.addressing;
  const items = mapResults(found, (i): WsItem => ({ ...i, mode, addressing }));
  const optimize = enumerate.optimize === true;
  // DSP0226 R8.2.3: an optimized Enumerate returns MaxElements items (1 when not said) with the context, as many
  // as fit in MaxEnvelopeSize (the others stay for the first Pull).
  const first = optimize ? (enumerate.maxElements ?? 1) : 0;
  const batch = await request.enumerations.open(scopeKind, scope(request), items, timeout, first, !optimize, (page) =>
    fit(request, "enumerate", page),
  );
  const context = batch.endOfSequence ? undefined : batch.context;
  return {
    action: actions.enumerateResponse,
    body: page(request, "enumerate", context, batch.items, batch.endOfSequence && optimize),
  };
}

const scopeKind = "instances" as const;

export async function pull(request: WsRequest): Promise<WsAnswer> {
  const body = request.envelope.body;
  if (body === undefined) throw faults.schemaValidation("a Pull needs an n:Pull body");
  const { context, maxElements } = readPull(body);
  const batch = await request.enumerations.pull<WsItem>(context, scopeKind, scope(request), maxElements ?? 1, (items) =>
    fit(request, "pull", items),
  );
  return {
    action: actions.pullResponse,
    body: page(request, "pull", batch.endOfSequence ? undefined : batch.context, batch.items, batch.endOfSequence),
  };
}

export async function release(request: WsRequest): Promise<WsAnswer> {
  const body = request.envelope.body;
  if (body === undefined) throw faults.schemaValidation("a Release needs an n:Release body");
  await request.enumerations.close(readRelease(body), scope(request));
  return { action: actions.releaseResponse };
}

/**
 * DSP0227 §8.x PolymorphismMode on a class enumeration: `IncludeSubClassProperties` (the default) writes each
 * instance as its own class; `ExcludeSubClassProperties` as the class enumerated, with its properties only; `None`
 * leaves out the subclasses' instances.
 */
function polymorph(
  request: WsRequest,
  found: Results<PathedInstance>,
  mode: string | undefined,
): Results<{ path: ObjectPath; properties: Readonly<Record<string, unknown>>; asClass: string }> {
  const schema = request.target.schema;
  const asOwnClass = (i: PathedInstance) => ({ ...i, asClass: i.path.className });
  if (mode === undefined || mode === "IncludeSubClassProperties" || schema === undefined)
    return mapResults(found, asOwnClass);
  if (mode === "None")
    return mapResults(
      filterResults(found, (i) => sameName(i.path.className, schema.name)),
      asOwnClass,
    );
  if (mode !== "ExcludeSubClassProperties")
    throw faults.unsupportedFeature(`polymorphism mode ${JSON.stringify(mode)} is not supported`, "PolymorphismMode");
  const own = propertyFilter(schema.properties.map((p) => p.name));
  return mapResults(found, (i) => ({ path: i.path, properties: pick(i.properties, own), asClass: schema.name }));
}

/** An association filter must hold one of the two association elements (DSP0227 §8.2): else CannotProcessFilter. */
function checkAssociationFilter(body: WsElement): void {
  const filter = body.children.find((c) => c.local === "Filter");
  if (filter === undefined || filter.attributes.get("Dialect")?.trim() !== dialects.association) return;
  const kind = filter.children[0];
  if (kind === undefined || (kind.local !== "AssociatedInstances" && kind.local !== "AssociationInstances"))
    throw faults.cannotProcessFilter(
      `the association filter holds ${kind === undefined ? "nothing" : `<${kind.name}>`}; expected b:AssociatedInstances or b:AssociationInstances`,
    );
}

/** The results of the enumeration, by filter dialect; filters apply to each instance as it comes. */
async function results(request: WsRequest, filter: EnumerationFilter | undefined): Promise<Results<PathedInstance>> {
  const { ns, signal, target } = request;
  if (filter === undefined) return enumerateClass(ns, requireClass(target).name, signal);
  switch (filter.dialect) {
    case "wql": {
      const found = await runQuery(ns, "WQL", filter.query, signal);
      // A class resource URI limits the query to that class (WinRM's `.../Class` with a WQL filter on it).
      const schema = target.schema;
      return schema === undefined ? found : filterResults(found, (i) => ns.isA(i.path.className, schema.name));
    }
    case "selector": {
      const schema = requireClass(target);
      const all = await enumerateClass(ns, schema.name, signal);
      return filterResults(all, (i) =>
        filter.selectors.every((s) => {
          const key = Object.entries(i.path.keys).find(([k]) => sameName(k, s.name));
          return key !== undefined && typeof s.value === "string" && String(key[1]) === s.value.trim();
        }),
      );
    }
    case "references":
    case "associators":
      return associationResults(request, filter);
    default:
      throw faults.dialectUnavailable(filter.dialect === "other" ? filter.uri : filter.dialect);
  }
}

async function associationResults(
  request: WsRequest,
  filter: Extract<EnumerationFilter, { dialect: "references" | "associators" }>,
): Promise<Results<PathedInstance>> {
  const { ns, signal } = request;
  const named = referenceOf(filter.object);
  if (named.namespace !== undefined && !ns.is(named.namespace))
    throw new CimError(CimStatus.CIM_ERR_INVALID_NAMESPACE, `CIM_ERR_INVALID_NAMESPACE: ${named.namespace}`);
  const operation = filter.dialect === "references" ? "AssociationInstances" : "AssociatedInstances";
  requireInstanceSource(named, operation);
  const source = instancePath(ns, named, operation);
  const shown = propertyFilter(filter.includeResultProperty);
  const defined = (o: Record<string, string | undefined>) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Record<string, string>;
  if (filter.dialect === "references") {
    const links = await referencesTo(
      ns,
      source,
      defined({ assocClass: filter.resultClass, role: filter.role }),
      signal,
    );
    return mapResults(links, (l) => ({ path: l.path, properties: pick(l.properties, shown) }));
  }
  const paths = await associatedPaths(
    ns,
    source,
    defined({
      assocClass: filter.assocClass,
      role: filter.role,
      resultClass: filter.resultClass,
      resultRole: filter.resultRole,
    }),
    signal,
  );
  return mapResultsAsync(paths, async (path) => {
    const properties = (await ns.host.getInstance(path, { signal })) as Record<string, unknown>;
    return { path, properties: pick(properties, shown) };
  });
}

/**
 * `n:Expires` as the enumeration's life in seconds: an xs:duration, or an xs:dateTime in the future. Anything else,
 * or a life the server does not grant, is InvalidExpirationTime.
 */
function expiration(request: WsRequest, expires: EnumerateRequest["expires"]): number {
  if (expires === undefined) return request.enumerations.timeout(undefined);
  let seconds: number;
  try {
    const value = parseDateTime(expires);
    if (value.kind === "interval") {
      const n = (f: unknown) => (typeof f === "number" ? f : 0);
      seconds = n(value.days) * 86400 + n(value.hours) * 3600 + n(value.minutes) * 60 + n(value.seconds);
      seconds += n(value.microseconds) > 0 ? 1 : 0;
    } else seconds = Math.ceil((Date.parse(expires) - Date.now()) / 1000);
  } catch {
    throw faults.invalidExpiration(expires);
  }
  if (!Number.isFinite(seconds) || seconds <= 0) throw faults.invalidExpiration(expires);
  try {
    return request.enumerations.timeout(seconds);
  } catch {
    throw faults.invalidExpiration(expires);
  }
}

/**
 * How many of `items` fit in the client's MaxEnvelopeSize (all when it set none); none fitting, when there are
 * some, is EncodingLimit (DSP0226 R6.2-x): the items stay in the context for a Pull with a larger envelope.
 */
function fit(request: WsRequest, kind: "enumerate" | "pull", items: readonly WsItem[]): number {
  const max = request.maxEnvelopeSize;
  if (max === undefined || items.length === 0) return items.length;
  const fits = (n: number) => request.measure(page(request, kind, placeholder, items.slice(0, n), false)) <= max;
  // The most items that fit, by bisection: a few measurements even for thousands of items.
  let count = 0;
  if (fits(items.length)) count = items.length;
  else {
    let low = 0;
    let high = items.length;
    while (high - low > 1) {
      const mid = (low + high) >> 1;
      if (fits(mid)) low = mid;
      else high = mid;
    }
    count = low;
  }
  if (count === 0)
    throw faults.encodingLimit(
      "the response could not be encoded within the requested envelope size limit",
      "MaxEnvelopeSize",
    );
  return count;
}

/** A context of the length this server writes, so a measured page is as long as the one sent. */
const placeholder = "uuid:00000000-0000-0000-0000-000000000000";

function page(
  request: WsRequest,
  kind: "enumerate" | "pull",
  context: string | undefined,
  items: readonly WsItem[],
  endOfSequence: boolean,
): (w: XmlWriter) => void {
  return (w) =>
    writeEnumerationPage(w, kind, { context, endOfSequence, itemCount: items.length }, (x) => {
      for (const item of items) writeItem(request, x, item);
    });
}

function writeItem(request: WsRequest, w: XmlWriter, item: WsItem): void {
  const values = { ...request.values, addressing: item.addressing };
  const epr = () => {
    w.start("a:EndpointReference");
    writeEndpointContent(w, endpointOf(request.ns, item.path, item.addressing));
    w.end();
  };
  const object = () => encodeInstance(w, { className: item.asClass, properties: item.properties ?? {} }, values);
  if (item.mode === "EnumerateEPR") epr();
  else if (item.mode === "EnumerateObject") object();
  else {
    w.start("w:Item");
    object();
    epr();
    w.end();
  }
}
