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
  for (const [name, value] of Object.entries(root.attributes)) {
    if (name === "xmlns" || name.startsWith("xmlns:")) {
      if (inner === scope) inner = new Map(scope);
      (inner as Map<string, string>).set(name === "xmlns" ? "" : name.slice(6), value);
    }
  }
  const resolve = (qname: string, isAttribute: boolean): [string, string] => {
    const colon = qname.indexOf(":");
    if (colon < 0) return [isAttribute ? "" : (inner.get("") ?? ""), qname];
    const prefix = qname.slice(0, colon);
    const uri = inner.get(prefix);
    if (uri === undefined)
      throw new XmlError(`the prefix ${prefix} of ${qname} is not declared`, root.line, root.column);
    return [uri, qname.slice(colon + 1)];
  };
  const attributes = new Map<string, string>();
  for (const [name, value] of Object.entries(root.attributes)) {
    if (name === "xmlns" || name.startsWith("xmlns:")) continue;
    const [uri, local] = resolve(name, true);
    attributes.set(uri === "" ? local : `{${uri}}${local}`, value);
  }
  const [uri, local] = resolve(root.name, false);
  return {
    ns: uri,
    local,
    name: root.name,
    attributes,
    children: root.children.map((c) => withNamespaces(c, inner)),
    text: root.text,
    line: root.line,
    column: root.column,
    scope: inner,
  };
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
