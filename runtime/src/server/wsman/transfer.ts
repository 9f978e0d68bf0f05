import {
  actions,
  decodeInstance,
  encodeInstance,
  type WsElement,
  WsmanError,
  writeEndpointContent,
} from "../../codecs/wsman/index.js";
import { sameName } from "../../values/cim-name.js";
import type { ClassSchema } from "../../values/schema.js";
import { instancePath } from "../instances.js";
import type { WsAnswer, WsRequest } from "./context.js";
import { faults } from "./faults.js";
import { endpointOf, instanceOf, requireClass } from "./target.js";

/**
 * WS-Transfer on CIM instances (DSP0226 §7, DSP0227 §9.1): Get, Put (ModifyInstance, answered with the instance as
 * it now is), Create (CreateInstance, answered with `x:ResourceCreated`, the new instance's endpoint reference) and
 * Delete. The resource URI names the class, the selectors the instance.
 */
export async function get(request: WsRequest): Promise<WsAnswer> {
  const { ns, signal, target } = request;
  const path = instancePath(ns, instanceOf(ns, requireClass(target), target.selectors), "Get");
  const properties = await ns.host.getInstance(path, { signal });
  return {
    action: actions.getResponse,
    body: (w) => encodeInstance(w, { className: path.className, properties }, request.values),
  };
}

export async function put(request: WsRequest): Promise<WsAnswer> {
  const { ns, signal, target } = request;
  const schema = requireClass(target);
  const path = instancePath(ns, instanceOf(ns, schema, target.selectors), "Put");
  const properties = readInstance(request, schema);
  await ns.host.modifyInstance(path.className, { ...properties, ...path.keys }, undefined, { signal });
  const now = await ns.host.getInstance(path, { signal });
  return {
    action: actions.putResponse,
    body: (w) => encodeInstance(w, { className: path.className, properties: now }, request.values),
  };
}

export async function create(request: WsRequest): Promise<WsAnswer> {
  const { ns, signal, target } = request;
  const schema = requireClass(target);
  const properties = readInstance(request, schema);
  const path = await ns.host.createInstance(schema.name, properties, { signal });
  const epr = endpointOf(ns, { ...path, namespace: ns.name }, { ...request.values.addressing, ...address(request) });
  return {
    action: actions.createResponse,
    body: (w) => {
      w.start("x:ResourceCreated");
      writeEndpointContent(w, epr);
      w.end();
    },
  };
}

export async function remove(request: WsRequest): Promise<WsAnswer> {
  const { ns, signal, target } = request;
  const path = instancePath(ns, instanceOf(ns, requireClass(target), target.selectors), "Delete");
  await ns.host.deleteInstance(path, { signal });
  return { action: actions.deleteResponse };
}

/** `a:Address` of endpoint references the server hands out: where the request was sent (`a:To`). */
function address(request: WsRequest): { address?: string } {
  const to = request.envelope.headers.to;
  return to === undefined ? {} : { address: to };
}

/**
 * The instance of a Put or Create body, typed by the class: an element of another class, or a property the class
 * does not have, is the client's schema mistake (SchemaValidationError); a value not of its type InvalidParameter.
 */
function readInstance(request: WsRequest, schema: ClassSchema): Record<string, unknown> {
  const body: WsElement | undefined = request.envelope.body;
  if (body === undefined) throw faults.schemaValidation(`the body must hold the ${schema.name} instance`);
  if (!sameName(body.local, schema.name))
    throw faults.schemaValidation(`the body holds ${body.local}; the resource URI names ${schema.name}`);
  for (const c of body.children)
    if (!schema.properties.some((p) => sameName(p.name, c.local)))
      throw faults.schemaValidation(`the ${c.local} property does not exist in ${schema.name}`);
  try {
    return decodeInstance(body, request.values, schema.name).properties as Record<string, unknown>;
  } catch (error) {
    if (error instanceof WsmanError) throw faults.invalidParameter(error.message);
    throw error;
  }
}
