import { XmlError } from "../../xml/errors.js";
import type { XmlElement } from "../../xml/tree.js";
import { ns } from "./namespaces.js";

/**
 * Namespace-aware elements over the XML layer's tree. The reader keeps prefixed names as written (`s:Envelope`,
 * `SOAP-ENV:Envelope`), and every WS-Management peer picks its own prefixes, so the codec never compares prefixes:
 * `withNamespaces` resolves each element's and attribute's name to (namespace, local name) once, keeping the
 * in-scope prefixes for the QName values of `xsi:type` and fault subcodes.
 */
export interface WsElement {
  /** The namespace URI, `""` for none. */
  readonly ns: string;
  readonly local: string;
  /** The name as written, for messages. */
  readonly name: string;
  /** Attribute values by `{namespace}local`, or `local` for unprefixed attributes; no `xmlns` declarations. */
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: readonly WsElement[];
  readonly text: string;
  readonly line: number;
  readonly column: number;
  /** The prefixes in scope (`""` is the default namespace). */
  readonly scope: ReadonlyMap<string, string>;
}

const predefined: ReadonlyMap<string, string> = new Map([["xml", ns.xml]]);

/** The tree with every name resolved; an undeclared prefix is an XmlError at its element. */
export function withNamespaces(root: XmlElement, scope: ReadonlyMap<string, string> = predefined): WsElement {
  let inner = scope;
  let declares = false;
  for (const name in root.attributes) {
    if (name === "xmlns" || name.startsWith("xmlns:")) {
      if (!declares) inner = new Map(scope);
      declares = true;
      (inner as Map<string, string>).set(name === "xmlns" ? "" : name.slice(6), root.attributes[name] as string);
    }
  }
  let attributes = noAttributes;
  for (const name in root.attributes) {
    if (name === "xmlns" || name.startsWith("xmlns:")) continue;
    if (attributes === noAttributes) attributes = new Map();
    const [uri, local] = resolve(root, inner, name, true);
    (attributes as Map<string, string>).set(uri === "" ? local : `{${uri}}${local}`, root.attributes[name] as string);
  }
  const [uri, local] = resolve(root, inner, root.name, false);
  const children: WsElement[] = [];
  for (const c of root.children) children.push(withNamespaces(c, inner));
  return {
    ns: uri,
    local,
    name: root.name,
    attributes,
    children,
    text: root.text,
    line: root.line,
    column: root.column,
    scope: inner,
  };
}

const noAttributes: ReadonlyMap<string, string> = new Map();

/**
 * Resolved element names per scope: a page of a thousand instances repeats the same dozen names, and children share
 * their parent's scope object unless they declare a prefix, so each (scope, name) is resolved once.
 */
const resolvedNames = new WeakMap<ReadonlyMap<string, string>, Map<string, readonly [string, string]>>();

function resolve(
  el: XmlElement,
  scope: ReadonlyMap<string, string>,
  qname: string,
  isAttribute: boolean,
): readonly [string, string] {
  let cache = isAttribute ? undefined : resolvedNames.get(scope);
  const known = cache?.get(qname);
  if (known !== undefined) return known;
  const colon = qname.indexOf(":");
  let result: readonly [string, string];
  if (colon < 0) result = [isAttribute ? "" : (scope.get("") ?? ""), qname];
  else {
    const prefix = qname.slice(0, colon);
    const uri = scope.get(prefix);
    if (uri === undefined) throw new XmlError(`the prefix ${prefix} of ${qname} is not declared`, el.line, el.column);
    result = [uri, qname.slice(colon + 1)];
  }
  if (!isAttribute) {
    if (cache === undefined) {
      cache = new Map();
      resolvedNames.set(scope, cache);
    }
    cache.set(qname, result);
  }
  return result;
}

export function is(el: WsElement | undefined, namespace: string, local: string): boolean {
  return el !== undefined && el.ns === namespace && el.local === local;
}

/** The first child with that name. */
export function child(el: WsElement, namespace: string, local: string): WsElement | undefined {
  return el.children.find((c) => c.ns === namespace && c.local === local);
}

export function childrenOf(el: WsElement, namespace: string, local: string): WsElement[] {
  return el.children.filter((c) => c.ns === namespace && c.local === local);
}

/** An attribute by namespace (`""` for an unprefixed one) and local name. */
export function attribute(el: WsElement, namespace: string, local: string): string | undefined {
  return el.attributes.get(namespace === "" ? local : `{${namespace}}${local}`);
}

/** An element's text without the indentation pretty-printed messages put around it. */
export function trimmed(el: WsElement): string {
  return el.text.trim();
}

/** A QName value (`w:InvalidSelectors`, `p:Win32_Service_Type`) resolved in the element's scope. */
export function qnameValue(el: WsElement, text: string): { readonly ns: string; readonly local: string } {
  const t = text.trim();
  const colon = t.indexOf(":");
  if (colon < 0) return { ns: el.scope.get("") ?? "", local: t };
  return { ns: el.scope.get(t.slice(0, colon)) ?? "", local: t.slice(colon + 1) };
}

/** `xsi:nil="true"` (or `1`). */
export function isNil(el: WsElement): boolean {
  const nil = attribute(el, ns.xsi, "nil")?.trim();
  return nil === "true" || nil === "1";
}
