import type { ClassPagesMemo } from "../emit/docs/generate.js";
import type { ClassModuleMemo, ValueMapsModuleMemo } from "../emit/ts/class-modules.js";
import { is64, type NamespaceContext, orderedParameters } from "../emit/ts/context.js";
import type { ProviderBaseMemo, ProviderClassMapMemo } from "../emit/ts/provider-modules.js";
import type { SharedMap } from "../emit/ts/shared-maps.js";
import type { ClassModel, MethodModel, ParameterModel, PropertyModel, SchemaModel } from "../model/types.js";
import { fold } from "../model/types.js";
import type { Program } from "../program/program.js";
import { hash, SchemaFingerprints, WordsByText } from "./fingerprints.js";

interface Entry<T> {
  readonly key: string;
  /** `NamespaceNames.has` questions the module asked and their answers: a name taken later changes imports. */
  readonly probes: readonly (readonly [string, boolean])[];
  readonly made: T;
}

/** How many remembered files (modules, provider bases, page sets, value-maps.ts) the last run made and reused. */
export interface EmitCounts {
  readonly made: number;
  readonly reused: number;
}

/**
 * Incremental emit for a resident session: each class module, provider base and class's page set, and each
 * namespace's value-maps.ts, is remembered with a key of the model facts it is made from (see
 * `SchemaFingerprints`, plus, for modules, what the namespace's plan says about the class's elements and value
 * maps, and the names it asked about), and made again only when the key changes. Other files for a namespace as
 * a whole (indexes, provider class maps, index pages) are always made: they are few and list every class.
 *
 * Use: `begin` after each compile, hand the memo to `generateTypeScript` and `classPages` to `renderDocs`, then
 * `end`. The files are the same as a run without the memo (tests compare them after series of edits).
 */
export class EmitMemo {
  #entries = new Map<string, Entry<unknown>>();
  #used = new Map<string, Entry<unknown>>();
  readonly #words = new WordsByText();
  /** `SchemaFingerprints.own` by model object, across runs (a session's model cache reuses unchanged classes). */
  readonly #owns = new WeakMap<ClassModel, string>();
  #fingerprints: SchemaFingerprints | undefined;
  #settings = "";
  #made = 0;
  #reused = 0;
  readonly #facts = new WeakMap<SharedMap, string>();
  /** Per run (a new plan each run): element facts by element object. */
  #elements = new WeakMap<NamespaceContext, WeakMap<object, string>>();
  #declaredElements = new WeakMap<NamespaceContext, WeakMap<object, string>>();
  readonly #docsNamespaces = new WeakMap<object, string>();
  readonly #options = new WeakMap<object, string>();

  /** Start a run over a new compile. `settingsKey` covers every setting and input besides the MOF (templates...). */
  begin(program: Program, schema: SchemaModel, settingsKey: string): void {
    this.#fingerprints = new SchemaFingerprints(program, schema, this.#words, this.#owns);
    this.#settings = hash(`${settingsKey}\u0000${this.#fingerprints.global}`);
    // A run that stopped before `end` (errors in a template) leaves nothing behind.
    this.#used = new Map();
    this.#made = 0;
    this.#reused = 0;
  }

  /** End the run: entries of classes that are gone are dropped. */
  end(): EmitCounts {
    this.#entries = this.#used;
    this.#used = new Map();
    this.#words.endRun();
    this.#fingerprints = undefined;
    return { made: this.#made, reused: this.#reused };
  }

  readonly classModule: ClassModuleMemo = (cls, ctx, make) => {
    const fp = this.#run();
    const options = this.#optionsKey(ctx.options, () => JSON.stringify(ctx.options));
    const key = hash(["ts", this.#settings, fp.chain(cls), fp.related(cls), this.#planFacts(cls, ctx)].join("\u0000"));
    return this.#reuseInPlan(`ts\u0000${options}\u0000${cls.namespace}\u0000${cls.name}`, key, ctx, make);
  };

  readonly valueMapsModule: ValueMapsModuleMemo = (ctx, make) => {
    const options = this.#optionsKey(ctx.options, () => JSON.stringify(ctx.options));
    const maps = ctx.maps.all().map((m) => `${this.#mapFacts(m)}${entriesText(m)}`);
    const key = hash(["value-maps", this.#settings, ...maps].join("\u0000"));
    return this.#reuseInPlan(`maps\u0000${options}\u0000${ctx.ns.name}`, key, ctx, make);
  };

  /**
   * `#reuse` for a module made from a namespace plan: the module asks the plan's names whether an import would
   * clash (a class named like a runtime export), so those questions are watched while it is made.
   */
  #reuseInPlan<T>(id: string, key: string, ctx: NamespaceContext, make: () => T): T {
    const names = ctx.names;
    const has = names.has;
    return this.#reuse(
      id,
      key,
      (n) => has.call(names, n),
      (probe) => {
        names.has = probe;
        try {
          return make();
        } finally {
          names.has = has;
        }
      },
    );
  }

  readonly providerBase: ProviderBaseMemo = (cls, options, classSymbols, make) => {
    const fp = this.#run();
    const optionsKey = this.#optionsKey(options, () => JSON.stringify(options));
    const key = hash(["provider", this.#settings, fp.chain(cls), fp.related(cls)].join("\u0000"));
    return this.#reuse(
      `provider\u0000${optionsKey}\u0000${cls.namespace}\u0000${cls.name}`,
      key,
      (n) => classSymbols.has(n),
      (probe) => make({ has: probe } as unknown as ReadonlySet<string>),
    );
  };

  readonly providerClassMap: ProviderClassMapMemo = (ns, classes, options, classSymbols, make) => {
    this.#run();
    const optionsKey = this.#optionsKey(options, () => JSON.stringify(options));
    // The map lists each class's instance type and its effective methods' In/Out types, named after the class
    // that declares each method (found by classOrigin in the namespace): exactly these names go in the key.
    const listed = classes.map((c) => {
      const methods = c.methods.map((m) => {
        const declarer = ns.classByName.get(fold(m.classOrigin));
        return `${m.name}@${declarer === undefined ? "-" : `${declarer.namespace}:${declarer.name}`}`;
      });
      return `${c.namespace}:${c.name}(${methods.join(",")})`;
    });
    const key = hash(["class-map", this.#settings, ...listed].join("\u0000"));
    return this.#reuse(
      `class-map\u0000${optionsKey}\u0000${ns.name}`,
      key,
      (n) => classSymbols.has(n),
      (probe) => make({ has: probe } as unknown as ReadonlySet<string>),
    );
  };

  readonly classPages: ClassPagesMemo = (cls, context, make) => {
    const fp = this.#run();
    let namespaces = this.#docsNamespaces.get(context);
    if (namespaces === undefined) {
      namespaces = context.namespaces.map((n) => n.name).join("\u0000");
      this.#docsNamespaces.set(context, namespaces);
    }
    const { templates, overlay, locale, style } = context.options;
    const options = this.#optionsKey(context.options, () =>
      JSON.stringify([templates, [...overlay.entries], locale ?? null, style]),
    );
    const subclasses = context.subclassesOf(cls).map((c) => `${c.namespace}:${c.name}`);
    const key = hash(
      ["docs", this.#settings, namespaces, fp.chain(cls), fp.related(cls), ...subclasses].join("\u0000"),
    );
    return this.#reuse(`docs\u0000${options}\u0000${cls.namespace}\u0000${cls.name}`, key, () => false, make);
  };

  /**
   * The emitter's options as part of an entry's identity (hashed, once per options object): runs with other
   * options (two docs styles in one process) keep entries of their own.
   */
  #optionsKey(options: object, text: () => string): string {
    let key = this.#options.get(options);
    if (key === undefined) {
      key = hash(text());
      this.#options.set(options, key);
    }
    return key;
  }

  #run(): SchemaFingerprints {
    if (this.#fingerprints === undefined) throw new Error("EmitMemo: begin() was not called for this run");
    return this.#fingerprints;
  }

  /**
   * The remembered result for `id` when its key is the same and every name it asked `has` about gets the same
   * answer now; else `make` it, handing it a `has` that records the questions.
   */
  #reuse<T>(id: string, key: string, has: (name: string) => boolean, make: (has: (name: string) => boolean) => T): T {
    const known = this.#entries.get(id) as Entry<T> | undefined;
    if (known !== undefined && known.key === key && known.probes.every(([n, taken]) => has(n) === taken)) {
      this.#used.set(id, known);
      this.#reused++;
      return known.made;
    }
    const probes: [string, boolean][] = [];
    const made = make((n) => {
      const taken = has(n);
      probes.push([n, taken]);
      return taken;
    });
    this.#used.set(id, { key, probes, made });
    this.#made++;
    return made;
  }

  /**
   * What the namespace's plan says about the class's elements: the value maps they declare or inherit, under
   * which public and shared names, who owns them, and job guards. A map declared first by another class changes
   * these facts, not the class's text.
   */
  #planFacts(cls: ClassModel, ctx: NamespaceContext): string {
    const parts: string[] = [];
    const elements: (PropertyModel | MethodModel | ParameterModel)[] = [];
    const seen = new Set<object>();
    const add = (e: PropertyModel | MethodModel | ParameterModel) => {
      if (seen.has(e)) return;
      seen.add(e);
      elements.push(e);
    };
    for (const p of cls.ownProperties) add(p);
    for (const m of cls.ownMethods) {
      add(m);
      for (const p of orderedParameters(m)) add(p);
    }
    const own = elements.length;
    for (const p of cls.properties) add(p);
    for (const m of cls.methods) {
      add(m);
      for (const p of orderedParameters(m)) add(p);
      parts.push(ctx.jobGuards.get(m) ?? "-");
    }
    elements.forEach((e, i) => {
      parts.push(this.#elementFacts(e, ctx, i < own));
    });
    return parts.join("\u0001");
  }

  /**
   * One element's plan facts, once per run however many subclasses inherit the element. The modules look a map
   * up by its owner first and by content only when it has none, except for the class's own elements (an
   * override names the inherited map it narrows): the facts follow the same rule, so that a class declaring
   * an equal map elsewhere does not change them.
   */
  #elementFacts(e: PropertyModel | MethodModel | ParameterModel, ctx: NamespaceContext, declared: boolean): string {
    // Per plan: an inherited element can be the same object in classes of two namespaces.
    let plans = (declared ? this.#declaredElements : this.#elements).get(ctx);
    if (plans === undefined) {
      plans = new WeakMap();
      (declared ? this.#declaredElements : this.#elements).set(ctx, plans);
    }
    const memo = plans;
    let facts = memo.get(e);
    if (facts !== undefined) return facts;
    const parts: string[] = [];
    const own = ctx.ownMaps.get(e);
    if (own !== undefined)
      parts.push(`${own.publicName}|${own.origin}|${own.cls.namespace}:${own.cls.name}|${this.#mapFacts(own.shared)}`);
    if (e.valueMap !== undefined) {
      const int64 = is64(e.kind === "method" ? e.returnType : e.type);
      const owner = ctx.owners.get(e.valueMap)?.find((o) => o.shared.int64 === int64);
      if (owner !== undefined)
        parts.push(`${owner.cls.namespace}:${owner.cls.name}|${owner.publicName}|${this.#mapFacts(owner.shared)}`);
      if (owner === undefined || declared) parts.push(this.#mapFacts(ctx.maps.find(e.valueMap, int64)));
    }
    facts = parts.join("\u0002");
    memo.set(e, facts);
    return facts;
  }

  #mapFacts(shared: SharedMap | undefined): string {
    if (shared === undefined) return "-";
    let facts = this.#facts.get(shared);
    if (facts === undefined) {
      const { name, table, decoder, origin, int64, members, map } = shared;
      // Hashed: the facts of a map go into the key of every class that declares or inherits it (CIM's
      // OperationalStatus map and its members, in some 1,400 classes), and the joined text was hashed again per key.
      facts = hash(JSON.stringify([name, table, decoder, origin, int64, members, map.open, map.valueType]));
      this.#facts.set(shared, facts);
    }
    return facts;
  }
}

/** A map's entries as its run-time table prints them (the shared facts hold only the named members). */
function entriesText(shared: SharedMap): string {
  return shared.map.entries.map((e) => `${e.kind}|${e.label}|${e.value}|${e.lo ?? ""}|${e.hi ?? ""}`).join("\u0003");
}
