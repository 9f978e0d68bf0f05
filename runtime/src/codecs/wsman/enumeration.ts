import type { XmlWriter } from "../../xml/writer.js";
import {
  type EndpointReference,
  readEndpointReference,
  readSelectorSet,
  type Selector,
  writeEndpointContent,
  writeSelectorSet,
} from "./epr.js";
import { invalid } from "./errors.js";
import { attribute, child, trimmed, type WsElement } from "./names.js";
import { dialects, ns } from "./namespaces.js";

/**
 * WS-Enumeration as WS-Management uses it (DSP0226 §8, DSP0227 §8): Enumerate with `w:OptimizeEnumeration`,
 * `w:MaxElements`, `w:EnumerationMode` and a `w:Filter` (WQL, selector or association dialect), Pull with an
 * `n:EnumerationContext` and `n:MaxElements`, Release, and the answers' contexts, items and `EndOfSequence`. Each
 * body has a writer and a reader so the client and the server share them.
 */
export type EnumerationFilter =
  | { readonly dialect: "wql"; readonly query: string }
  | { readonly dialect: "cql"; readonly query: string }
  | { readonly dialect: "selector"; readonly selectors: readonly Selector[] }
  | {
      /** DSP0227 `AssociatedInstances`: the instances associated with `object` (CIM Associators). */
      readonly dialect: "associators";
      readonly object: EndpointReference;
      readonly assocClass?: string;
      readonly resultClass?: string;
      readonly role?: string;
      readonly resultRole?: string;
      readonly includeResultProperty?: readonly string[];
    }
  | {
      /** DSP0227 `AssociationInstances`: the association instances that refer to `object` (CIM References). */
      readonly dialect: "references";
      readonly object: EndpointReference;
      readonly resultClass?: string;
      readonly role?: string;
      readonly includeResultProperty?: readonly string[];
    }
  | { readonly dialect: "other"; readonly uri: string; readonly text: string };

/**
 * `w:EnumerationMode`. Reading keeps any text: a mode a server does not support is its fault to send
 * (`wsman:UnsupportedFeature`, detail `EnumerationMode`), not a malformed message.
 */
export type EnumerationMode = "EnumerateEPR" | "EnumerateObjectAndEPR" | (string & {});

export interface EnumerateRequest {
  readonly optimize?: boolean;
  readonly maxElements?: number;
  readonly mode?: EnumerationMode;
  readonly filter?: EnumerationFilter;
  /** `n:Expires`, as sent (an xs:duration or xs:dateTime). */
  readonly expires?: string;
  /**
   * DSP0227 `b:PolymorphismMode`: `ExcludeSubClassProperties` is DSP0200's DeepInheritance false (each instance
   * with the enumerated class's properties only); absent is the default, `IncludeSubClassProperties`.
   */
  readonly polymorphism?: string;
}

export function writeEnumerate(w: XmlWriter, r: EnumerateRequest): void {
  w.start("n:Enumerate");
  if (r.expires !== undefined) w.leaf("n:Expires", {}, r.expires);
  // In the order Windows' own WinRM client writes them (OMI's recorded test1 request).
  if (r.optimize === true) w.leaf("w:OptimizeEnumeration");
  if (r.maxElements !== undefined) w.leaf("w:MaxElements", {}, String(r.maxElements));
  if (r.mode !== undefined) w.leaf("w:EnumerationMode", {}, r.mode);
  if (r.filter !== undefined) writeFilter(w, r.filter);
  if (r.polymorphism !== undefined) w.leaf("b:PolymorphismMode", {}, r.polymorphism);
  w.end();
}

function writeFilter(w: XmlWriter, f: EnumerationFilter): void {
  switch (f.dialect) {
    case "wql":
    case "cql":
      w.leaf("w:Filter", { Dialect: dialects[f.dialect] }, f.query);
      return;
    case "selector":
      w.start("w:Filter", { Dialect: dialects.selector });
      writeSelectorSet(w, f.selectors);
      w.end();
      return;
    case "associators":
    case "references": {
      w.start("w:Filter", { Dialect: dialects.association });
      w.start(f.dialect === "associators" ? "b:AssociatedInstances" : "b:AssociationInstances");
      w.start("b:Object");
      writeEndpointContent(w, f.object);
      w.end();
      if (f.dialect === "associators") {
        optional(w, "b:AssociationClassName", f.assocClass);
        optional(w, "b:Role", f.role);
        optional(w, "b:ResultClassName", f.resultClass);
        optional(w, "b:ResultRole", f.resultRole);
      } else {
        optional(w, "b:ResultClassName", f.resultClass);
        optional(w, "b:Role", f.role);
      }
      for (const p of f.includeResultProperty ?? []) w.leaf("b:IncludeResultProperty", {}, p);
      w.end().end();
      return;
    }
    case "other":
      w.leaf("w:Filter", { Dialect: f.uri }, f.text);
      return;
  }
}

function optional(w: XmlWriter, tag: string, value: string | undefined): void {
  if (value !== undefined) w.leaf(tag, {}, value);
}

/** The Enumerate body read (the server's side). */
export function readEnumerate(body: WsElement): EnumerateRequest {
  if (body.ns !== ns.enumeration || body.local !== "Enumerate") invalid(body, "expected n:Enumerate");
  const max = child(body, ns.wsman, "MaxElements");
  const mode = child(body, ns.wsman, "EnumerationMode");
  const filter = child(body, ns.wsman, "Filter") ?? child(body, ns.enumeration, "Filter");
  const expires = child(body, ns.enumeration, "Expires");
  const polymorphism = child(body, ns.cimBinding, "PolymorphismMode");
  const modeText = mode === undefined ? undefined : trimmed(mode);
  const r: Record<string, unknown> = {
    optimize: child(body, ns.wsman, "OptimizeEnumeration") !== undefined,
    maxElements: max === undefined ? undefined : positiveInteger(max),
    mode: modeText,
    filter: filter === undefined ? undefined : readFilter(filter),
    expires: expires === undefined ? undefined : trimmed(expires),
    polymorphism: polymorphism === undefined ? undefined : trimmed(polymorphism),
  };
  return Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as EnumerateRequest;
}

function positiveInteger(el: WsElement): number {
  const t = trimmed(el);
  if (!/^\d{1,9}$/.test(t) || Number(t) === 0) invalid(el, `${JSON.stringify(t)} is not a positive integer`);
  return Number(t);
}

function readFilter(el: WsElement): EnumerationFilter {
  const dialect = attribute(el, "", "Dialect")?.trim() ?? dialects.wql;
  if (dialect === dialects.wql) return { dialect: "wql", query: el.text.trim() };
  if (dialect === dialects.cql) return { dialect: "cql", query: el.text.trim() };
  if (dialect === dialects.selector)
    return { dialect: "selector", selectors: readSelectorSet(child(el, ns.wsman, "SelectorSet")) };
  if (dialect === dialects.association) {
    const assoc = child(el, ns.cimBinding, "AssociatedInstances");
    const refs = child(el, ns.cimBinding, "AssociationInstances");
    const f = assoc ?? refs;
    if (f === undefined) invalid(el, "an association filter needs b:AssociatedInstances or b:AssociationInstances");
    const object = child(f, ns.cimBinding, "Object");
    if (object === undefined) invalid(f, "an association filter needs b:Object");
    const text = (local: string) => {
      const c = child(f, ns.cimBinding, local);
      return c === undefined ? undefined : trimmed(c);
    };
    const include = f.children
      .filter((c) => c.ns === ns.cimBinding && c.local === "IncludeResultProperty")
      .map(trimmed);
    const common = {
      object: readEndpointReference(object),
      ...(include.length > 0 && { includeResultProperty: include }),
    };
    const pick = (o: Record<string, string | undefined>) =>
      Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Record<string, string>;
    if (assoc !== undefined)
      return {
        dialect: "associators",
        ...common,
        ...pick({
          assocClass: text("AssociationClassName"),
          role: text("Role"),
          resultClass: text("ResultClassName"),
          resultRole: text("ResultRole"),
        }),
      };
    return { dialect: "references", ...common, ...pick({ resultClass: text("ResultClassName"), role: text("Role") }) };
  }
  return { dialect: "other", uri: dialect, text: el.text };
}

/** Pull: the context and how many items at most. */
export function writePull(w: XmlWriter, context: string, maxElements?: number): void {
  w.start("n:Pull").leaf("n:EnumerationContext", {}, context);
  if (maxElements !== undefined) w.leaf("n:MaxElements", {}, String(maxElements));
  w.end();
}

export function readPull(body: WsElement): { readonly context: string; readonly maxElements?: number } {
  if (body.ns !== ns.enumeration || body.local !== "Pull") invalid(body, "expected n:Pull");
  const context = child(body, ns.enumeration, "EnumerationContext");
  if (context === undefined) invalid(body, "n:Pull needs n:EnumerationContext");
  const max = child(body, ns.enumeration, "MaxElements");
  return { context: trimmed(context), ...(max !== undefined && { maxElements: positiveInteger(max) }) };
}

export function writeRelease(w: XmlWriter, context: string): void {
  w.start("n:Release").leaf("n:EnumerationContext", {}, context).end();
}

export function readRelease(body: WsElement): string {
  if (body.ns !== ns.enumeration || body.local !== "Release") invalid(body, "expected n:Release");
  const context = child(body, ns.enumeration, "EnumerationContext");
  if (context === undefined) invalid(body, "n:Release needs n:EnumerationContext");
  return trimmed(context);
}

/** One item of an answer: the object (an instance element), its EPR, or both (`w:Item`, EnumerateObjectAndEPR). */
export interface EnumerationItem {
  readonly object?: WsElement;
  readonly epr?: EndpointReference;
}

export interface EnumerationPage {
  /** The context to pull with; undefined once the sequence has ended (or when the server sent none). */
  readonly context: string | undefined;
  readonly items: readonly EnumerationItem[];
  readonly endOfSequence: boolean;
}

/** An EnumerateResponse or PullResponse. Items are `w:Items` (optimized Enumerate) or `n:Items` (Pull). */
export function readEnumerationPage(body: WsElement): EnumerationPage {
  const pull = body.ns === ns.enumeration && body.local === "PullResponse";
  if (!pull && !(body.ns === ns.enumeration && body.local === "EnumerateResponse"))
    invalid(body, "expected n:EnumerateResponse or n:PullResponse");
  const context = child(body, ns.enumeration, "EnumerationContext");
  const items = child(body, ns.wsman, "Items") ?? child(body, ns.enumeration, "Items");
  const endOfSequence =
    child(body, ns.wsman, "EndOfSequence") !== undefined || child(body, ns.enumeration, "EndOfSequence") !== undefined;
  const contextText = context === undefined ? undefined : trimmed(context);
  return {
    context: endOfSequence || contextText === "" ? undefined : contextText,
    items: items === undefined ? [] : items.children.map(readItem),
    endOfSequence,
  };
}

function readItem(el: WsElement): EnumerationItem {
  if (el.ns === ns.addressing && el.local === "EndpointReference") return { epr: readEndpointReference(el) };
  if (el.ns === ns.wsman && el.local === "Item") {
    const eprEl = child(el, ns.addressing, "EndpointReference");
    const object = el.children.find((c) => c !== eprEl);
    return {
      ...(object !== undefined && { object }),
      ...(eprEl !== undefined && { epr: readEndpointReference(eprEl) }),
    };
  }
  return { object: el };
}

/** An EnumerateResponse (`response` "enumerate", items as `w:Items`) or PullResponse (`n:Items`). */
export function writeEnumerationPage(
  w: XmlWriter,
  response: "enumerate" | "pull",
  page: { readonly context: string | undefined; readonly endOfSequence: boolean; readonly itemCount: number },
  items: (w: XmlWriter) => void,
): void {
  w.start(response === "enumerate" ? "n:EnumerateResponse" : "n:PullResponse");
  if (page.context !== undefined) w.leaf("n:EnumerationContext", {}, page.context);
  if (response === "enumerate" ? page.itemCount > 0 || page.endOfSequence : true) {
    const tag = response === "enumerate" ? "w:Items" : "n:Items";
    if (page.itemCount > 0) {
      w.start(tag);
      items(w);
      w.end();
    } else if (response === "pull") w.leaf(tag);
  }
  if (page.endOfSequence) w.leaf(response === "enumerate" ? "w:EndOfSequence" : "n:EndOfSequence");
  w.end();
}
