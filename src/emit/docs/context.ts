import { localizedValueMap } from "../../model/amendments.js";
import { isTrue } from "../../model/qualifiers.js";
import type { ClassModel, NamespaceModel, QualifierValue, SchemaModel, ValueMap } from "../../model/types.js";
import { fold } from "../../model/types.js";
import { escapeInline, escapeParagraphs } from "./markdown.js";
import type { DocsOptions, OverlayEntry, OverlayRequirements, OverlaySyntax } from "./options.js";
import { classPagePath, methodPagePath, relativeLink } from "./paths.js";
import { compareNames, qualifierString } from "./values.js";

const localeNamespace = /^ms_[0-9a-f]{3,4}$/i;

/** Whether a namespace holds only localisations (`ms_409` classes marked Amendment): they get no pages. */
function isLocaleOnly(ns: NamespaceModel): boolean {
  const last = ns.name.slice(ns.name.lastIndexOf("/") + 1);
  return localeNamespace.test(last) && ns.classes.every((c) => isTrue(c.qualifiers, "amendment"));
}

/** `ms_409`, `409` and `0x409` all name the locale namespace `ms_409`. */
export function localeName(locale: string | undefined): string | undefined {
  if (locale === undefined) return undefined;
  const m = /^(?:ms_|0x)?([0-9a-f]{3,4})$/i.exec(locale.trim());
  return m === null ? locale : `ms_${(m[1] ?? "").toLowerCase()}`;
}

/**
 * What every view needs to know about the whole schema: which namespaces get pages, where each class's page
 * is (for links, across namespaces too), each class's direct subclasses, the overlay and the locale.
 */
export class DocsContext {
  readonly namespaces: readonly NamespaceModel[];
  readonly #subclasses = new Map<ClassModel, ClassModel[]>();
  readonly #locale: string | undefined;
  /** Escaped qualifier values by value object (see view-dmtf.ts `valueCell`). */
  readonly valueCells = new WeakMap<object, string>();
  readonly #paragraphs = new Map<string, string>();
  readonly #pages = new Map<ClassModel, string>();
  readonly #found = new Map<string, ClassModel | undefined>();

  constructor(
    readonly schema: SchemaModel,
    readonly options: DocsOptions,
  ) {
    this.namespaces = schema.namespaces.filter((ns) => !isLocaleOnly(ns) && ns.classes.length > 0);
    this.#locale = localeName(options.locale);
    for (const ns of this.namespaces) {
      for (const cls of ns.classes) {
        const parent = this.superclassOf(cls);
        if (parent === undefined) continue;
        const list = this.#subclasses.get(parent) ?? [];
        list.push(cls);
        this.#subclasses.set(parent, list);
      }
    }
    for (const list of this.#subclasses.values()) list.sort((a, b) => compareNames(a.name, b.name));
  }

  /**
   * The class of that name as seen from `namespace`: its own, else (as WMI resolves cross-namespace
   * references) the one class of that name in another documented namespace.
   */
  findClass(name: string, namespace: string): ClassModel | undefined {
    const memo = `${namespace}\u0000${name}`;
    if (this.#found.has(memo)) return this.#found.get(memo);
    const found = this.#findClass(name, namespace);
    this.#found.set(memo, found);
    return found;
  }

  #findClass(name: string, namespace: string): ClassModel | undefined {
    const key = fold(name);
    const own = this.schema.namespaceByName.get(fold(namespace))?.classByName.get(key);
    if (own !== undefined) return own;
    const others = this.namespaces.flatMap((ns) => ns.classByName.get(key) ?? []);
    return others.length === 1 ? others[0] : undefined;
  }

  superclassOf(cls: ClassModel): ClassModel | undefined {
    return cls.superclass === undefined ? undefined : this.findClass(cls.superclass, cls.namespace);
  }

  /** Superclasses, root first (a cycle, which the model reports, stops the walk). */
  ancestorsOf(cls: ClassModel): ClassModel[] {
    const chain: ClassModel[] = [];
    const seen = new Set<ClassModel>([cls]);
    for (let c = this.superclassOf(cls); c !== undefined && !seen.has(c); c = this.superclassOf(c)) {
      seen.add(c);
      chain.unshift(c);
    }
    return chain;
  }

  subclassesOf(cls: ClassModel): readonly ClassModel[] {
    return this.#subclasses.get(cls) ?? [];
  }

  /** The class whose own declaration of a method the page of `cls` documents (itself, or the nearest ancestor). */
  methodDeclarer(cls: ClassModel, method: string): ClassModel | undefined {
    const key = fold(method);
    const seen = new Set<ClassModel>();
    for (let c: ClassModel | undefined = cls; c !== undefined && !seen.has(c); c = this.superclassOf(c)) {
      seen.add(c);
      if (c.ownMethods.some((m) => fold(m.name) === key)) return c;
    }
    return undefined;
  }

  /** The nearest superclass that declares a property or method of that name: what an override overrides. */
  overridden(cls: ClassModel, member: string, kind: "property" | "method"): ClassModel | undefined {
    const key = fold(member);
    for (const c of this.ancestorsOf(cls).reverse()) {
      const own = kind === "method" ? c.ownMethods : c.ownProperties;
      if (own.some((m) => fold(m.name) === key)) return c;
    }
    return undefined;
  }

  classPage(cls: ClassModel): string {
    let page = this.#pages.get(cls);
    if (page === undefined) {
      page = classPagePath(cls.namespace, cls.name);
      this.#pages.set(cls, page);
    }
    return page;
  }

  methodPage(cls: ClassModel, method: string): string {
    return methodPagePath(cls.namespace, cls.name, method);
  }

  /** `[**Name**](link)` to the class's page from the page at `from`, or the bold name when it has none. */
  classLink(from: string, name: string, namespace: string): string {
    const cls = this.findClass(name, namespace);
    const text = `**${escapeInline(cls?.name ?? name)}**`;
    return cls === undefined ? text : `[${text}](${relativeLink(from, this.classPage(cls))})`;
  }

  /** The Description of a class, member or parameter, from the locale's amendment when asked and present. */
  description(cls: ClassModel, own: readonly QualifierValue[], member?: string, parameter?: string): string {
    const amended = this.#amended(cls, member, parameter);
    return qualifierString(amended ?? [], "description") ?? qualifierString(own, "description") ?? "";
  }

  /**
   * A value map with the locale's labels when asked and present: from the amendment of the page's class, else of
   * the class that declared the map (an inherited map is localised where it is written).
   */
  valueMap(cls: ClassModel, map: ValueMap | undefined, member: string, parameter?: string): ValueMap | undefined {
    if (this.#locale === undefined || map === undefined) return map;
    const own = localizedValueMap(cls, this.#locale, member, parameter);
    if (own !== undefined) return own;
    const d = map.declarer;
    const declarer = this.findClass(d.className, d.namespace);
    const inherited = declarer && localizedValueMap(declarer, this.#locale, d.member, d.parameter);
    return inherited ?? map;
  }

  #amended(cls: ClassModel, member?: string, parameter?: string): readonly QualifierValue[] | undefined {
    if (this.#locale === undefined) return undefined;
    const locale = fold(this.#locale);
    const amendment = cls.amendments.find((a) => fold(a.locale) === locale);
    if (amendment === undefined) return undefined;
    if (member === undefined) return amendment.qualifiers;
    if (parameter === undefined) return amendment.members.get(fold(member));
    return amendment.parameters.get(`${fold(member)}.${fold(parameter)}`);
  }

  /**
   * MOF text as escaped Markdown paragraphs, memoised: a CIM subclass repeats every inherited description, so
   * the same few thousand texts are escaped for hundreds of pages.
   */
  paragraphs(text: string): string {
    let out = this.#paragraphs.get(text);
    if (out === undefined) {
      out = escapeParagraphs(text);
      this.#paragraphs.set(text, out);
    }
    return out;
  }

  /** Overlay entry for a path of names (`[Class]`, `[Class, Member]`, `[Class, Method, Param]`). */
  overlay(namespace: string, path: readonly string[]): OverlayEntry | undefined {
    if (this.options.overlay.entries.size === 0) return undefined;
    const key = path.map(fold).join(".");
    return this.options.overlay.entries.get(`${fold(namespace)}:${key}`) ?? this.options.overlay.entries.get(key);
  }

  /**
   * Overlay notes of a member, looked up along the superclass chain from `cls`: notes written for
   * `CIM_Foo.Bar` follow `Bar` into the subclasses that inherit it.
   */
  memberOverlay(cls: ClassModel, path: readonly string[]): OverlayEntry | undefined {
    if (this.options.overlay.entries.size === 0) return undefined;
    for (const c of [cls, ...this.ancestorsOf(cls).reverse()]) {
      const entry = this.overlay(c.namespace, [c.name, ...path]);
      if (entry !== undefined) return entry;
    }
    return undefined;
  }

  /**
   * Overlay Syntax settings of a class's page, or of one property's line on it: each setting from the
   * property's entry, else the class's, else `*`'s. Looked up on the page's own class only: a setting is about
   * how one page writes its block, not a fact that subclasses inherit.
   */
  syntaxSettings(cls: ClassModel, property?: string): OverlaySyntax {
    if (this.options.overlay.entries.size === 0) return {};
    const entries = [
      property === undefined ? undefined : this.overlay(cls.namespace, [cls.name, property]),
      this.overlay(cls.namespace, [cls.name]),
      this.options.overlay.entries.get("*"),
    ];
    const pick = <K extends keyof OverlaySyntax>(k: K) =>
      entries.find((e) => e?.syntax?.[k] !== undefined)?.syntax?.[k];
    const properties = pick("properties");
    const qualifierOrder = pick("qualifierOrder");
    const booleans = pick("booleans");
    const arrays = pick("arrays");
    return {
      ...(properties !== undefined && { properties }),
      ...(qualifierOrder !== undefined && { qualifierOrder }),
      ...(booleans !== undefined && { booleans }),
      ...(arrays !== undefined && { arrays }),
    };
  }

  /** Requirements rows from the overlay: the page's own entry, then its class's, then the `*` defaults. */
  requirements(...entries: readonly (OverlayEntry | undefined)[]): OverlayRequirements {
    const all = [...entries, this.options.overlay.entries.get("*")];
    const pick = (k: keyof OverlayRequirements) => all.find((e) => e?.requirements[k] !== undefined)?.requirements[k];
    const out: { -readonly [K in keyof OverlayRequirements]: string } = {};
    for (const k of ["minimumClient", "minimumServer", "header", "dll", "namespace"] as const) {
      const v = pick(k);
      if (v !== undefined) out[k] = v;
    }
    return out;
  }
}
