import { foldName, sameName } from "../../values/cim-name.js";
import { effectiveMembers } from "../../values/class-members.js";
import type { ClassSchema, ElementSchema, MethodSchema } from "../../values/schema.js";
import type { XmlWriter } from "../../xml/writer.js";
import { invalid, WsmanError } from "./errors.js";
import type { WsElement } from "./names.js";
import { decodeElements, encodeElementValue, type WsValueOptions } from "./value.js";

/**
 * Invoke bodies (DSP0227 §9.3, DSP0230 §9): `<p:Method_INPUT xmlns:p="resource URI">` with one element per
 * in-parameter, and `<p:Method_OUTPUT>` with the out-parameters and `ReturnValue`. Parameters are in the schema's
 * order when there is one; with a schema an unknown parameter is an error.
 */
export function methodSchemaOf(schema: ClassSchema | undefined, method: string): MethodSchema | undefined {
  return schema === undefined ? undefined : effectiveMembers(schema).methods.find((m) => sameName(m.name, method));
}

function writeParameters(
  w: XmlWriter,
  tag: string,
  resourceUri: string,
  values: Readonly<Record<string, unknown>>,
  elements: readonly ElementSchema[] | undefined,
  o: WsValueOptions,
  what: string,
): void {
  w.start(`p:${tag}`, { "xmlns:p": resourceUri });
  const entries = Object.entries(values).filter(([, v]) => v !== undefined);
  if (elements !== undefined) {
    const order = (name: string) => elements.findIndex((e) => sameName(e.name, name));
    for (const [name] of entries) if (order(name) < 0) throw new WsmanError(`${what} has no parameter ${name}`);
    entries.sort((a, b) => order(a[0]) - order(b[0]));
  }
  for (const [name, value] of entries) {
    const element = elements?.find((e) => sameName(e.name, name));
    encodeElementValue(w, `p:${element?.name ?? name}`, value, element, o);
  }
  w.end();
}

/** The request body of an Invoke. */
export function writeMethodInput(
  w: XmlWriter,
  call: {
    readonly resourceUri: string;
    readonly className: string;
    readonly method: string;
    readonly params: Readonly<Record<string, unknown>>;
  },
  o: WsValueOptions,
): void {
  writeMessage(w, call, "_INPUT", call.params, o);
}

/** The answer's body: out-parameters, then `ReturnValue`. */
export function writeMethodOutput(
  w: XmlWriter,
  call: {
    readonly resourceUri: string;
    readonly className: string;
    readonly method: string;
    readonly out: Readonly<Record<string, unknown>>;
  },
  o: WsValueOptions,
): void {
  writeMessage(w, call, "_OUTPUT", call.out, o);
}

type Suffix = "_INPUT" | "_OUTPUT";

/**
 * The elements of a method's message, with a schema: `_INPUT` holds the in-parameters, `_OUTPUT` the
 * out-parameters and then `ReturnValue`. Undefined without a schema (the values are written and read by their
 * own types).
 */
function messageElements(schema: MethodSchema | undefined, suffix: Suffix): readonly ElementSchema[] | undefined {
  if (schema === undefined) return undefined;
  if (suffix === "_INPUT") return schema.parameters.filter((p) => p.in);
  const returnValue = schema.returnType === undefined ? [] : [{ name: "ReturnValue", type: schema.returnType }];
  return [...schema.parameters.filter((p) => p.out), ...returnValue];
}

function writeMessage(
  w: XmlWriter,
  call: { readonly resourceUri: string; readonly className: string; readonly method: string },
  suffix: Suffix,
  values: Readonly<Record<string, unknown>>,
  o: WsValueOptions,
): void {
  const schema = methodSchemaOf(o.schemas(call.className), call.method);
  const tag = `${schema?.name ?? call.method}${suffix}`;
  const what = `${call.className}.${call.method}`;
  writeParameters(w, tag, call.resourceUri, values, messageElements(schema, suffix), o, what);
}

function readParameters(
  body: WsElement,
  suffix: Suffix,
  method: string,
  elements: readonly ElementSchema[] | undefined,
  o: WsValueOptions,
): Record<string, unknown> {
  if (!body.local.endsWith(suffix) || !sameName(body.local.slice(0, -suffix.length), method))
    invalid(body, `expected ${method}${suffix}`);
  const groups = new Map<string, WsElement[]>();
  for (const c of body.children) {
    const key = foldName(c.local);
    const g = groups.get(key);
    if (g === undefined) groups.set(key, [c]);
    else g.push(c);
  }
  const out: [string, unknown][] = [];
  for (const group of groups.values()) {
    const first = group[0] as WsElement;
    const element = elements?.find((e) => sameName(e.name, first.local));
    out.push([element?.name ?? first.local, decodeElements(group, element, o)]);
  }
  return Object.fromEntries(out);
}

/** An Invoke answer's values (out-parameters and ReturnValue), typed by the method's schema when known. */
export function readMethodOutput(
  body: WsElement,
  className: string,
  method: string,
  o: WsValueOptions,
): Record<string, unknown> {
  return readMessage(body, className, method, "_OUTPUT", o);
}

/** An Invoke request's in-parameters (the server's side). */
export function readMethodInput(
  body: WsElement,
  className: string,
  method: string,
  o: WsValueOptions,
): Record<string, unknown> {
  return readMessage(body, className, method, "_INPUT", o);
}

function readMessage(body: WsElement, className: string, method: string, suffix: Suffix, o: WsValueOptions) {
  const schema = methodSchemaOf(o.schemas(className), method);
  return readParameters(body, suffix, method, messageElements(schema, suffix), o);
}
