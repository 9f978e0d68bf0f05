import type {
  ClassDeclaration,
  DataTypeRef,
  MethodDeclaration,
  ParameterDeclaration,
  PropertyDeclaration,
  ReferenceDeclaration,
} from "../ast/nodes.js";
import { Diagnostics, diag, relaxed, withRelated } from "../diagnostics/catalog.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { DialectRules } from "../dialect/rules.js";
import { suspectedIntrinsic } from "../parser/types.js";
import type { Span } from "../source/span.js";
import type { ElementValueMaps } from "./element-value-map.js";
import { FirstSeen } from "./first-seen.js";
import { membersByName } from "./members-by-name.js";
import { type ClassRead, type ModelCacheRun, sameQualifierTypeForUse } from "./model-cache.js";
import { findQualifier, isTrue, propagatedQualifier, type QualifierScope } from "./qualifiers.js";
import { rehomedValueMaps } from "./rehomed-value-maps.js";
import { sameValue } from "./same-value.js";
import { knownSystemClass, preludeNamespace } from "./system-classes.js";
import type {
  ClassModel,
  DataType,
  MethodModel,
  ParameterModel,
  PropertyModel,
  QualifierTarget,
  QualifierValue,
  ValueMapDeclarer,
} from "./types.js";
import { fold, foldsTo, intrinsicType } from "./types.js";
import { convertValue, describeType, type ValueContext } from "./values.js";

export interface ClassOptions {
  readonly rules: DialectRules;
  /** A resident session's cache: classes whose declaration and reads are unchanged are not resolved again. */
  readonly cache?: ModelCacheRun | undefined;
}

/**
 * Resolves the classes of one namespace: inheritance (order-independent, cycles reported), class kinds,
 * effective members with class origin and propagation, qualifier propagation and DisableOverride, overrides,
 * and the per-class checks of MOF_GUIDE §3. Each class is resolved once, on first demand.
 */
export class ClassResolver {
  private readonly declarations = new Map<string, ClassDeclaration>();
  private readonly resolved = new Map<string, ClassModel | null>();
  private readonly resolving: string[] = [];
  /** The keys of `resolving`, for the membership tests (a deep chain made `includes` quadratic). */
  private readonly onStack = new Set<string>();
  private readonly order: ClassDeclaration[] = [];

  constructor(
    private readonly namespace: string,
    classes: readonly ClassDeclaration[],
    private readonly qualifiers: QualifierScope,
    private readonly values: ValueContext,
    private readonly valueMaps: ElementValueMaps,
    private readonly options: ClassOptions,
  ) {
    for (const c of classes) {
      const key = fold(c.name.name);
      const first = this.declarations.get(key);
      if (first !== undefined) {
        // mofcomp stores a class declared again as an update of the first: harmless when the members are
        // written alike (WDK build outputs expand one shared include several times, changing only qualifiers
        // such as WmiGenerateHeader), a warning in WMI mode.
        const same = options.rules.redeclarationUpdates && sameMembers(first, c);
        const d = diag(Diagnostics.DuplicateClass, c.name.span, c.name.name, namespace, same);
        this.report(withRelated(same ? relaxed(d) : d, [{ message: "first declared here", span: first.name.span }]));
        continue;
      }
      this.declarations.set(key, c);
      this.order.push(c);
    }
  }

  private get diagnostics(): Diagnostic[] {
    return this.values.diagnostics;
  }

  private report(d: Diagnostic): void {
    this.diagnostics.push(d);
  }

  /**
   * mofcomp ignores Override, does not compare overridden types, and takes classes a file does not declare
   * from the namespace it compiles into: in WMI mode these findings are warnings.
   */
  private relax(d: Diagnostic): Diagnostic {
    return this.options.rules.unchecked(d);
  }

  /** Every class, in declaration order. */
  all(): ClassModel[] {
    return this.order.map((c) => this.resolve(c.name.name)).filter((c): c is ClassModel => c !== undefined);
  }

  /**
   * WMI only: classes of the other namespaces of the compilation, for names this namespace does not declare.
   * WMI associations cross namespaces (root\interop profiles refer to root\virtualization\v2 classes), and
   * the Hyper-V files are written that way.
   */
  external: ((name: string) => ClassModel | undefined) | undefined;

  /**
   * WMI only: the classes every WMI namespace holds before any MOF is compiled into it (the prelude's system
   * and DSC classes), looked up last: a file may declare its own class of the same name.
   */
  builtin: ((name: string) => ClassModel | undefined) | undefined;

  /**
   * WMI only: is `name` declared in exactly one other namespace (the one `external` takes it from)? Asked by
   * `has` without building the class: a class of another namespace naming back a class being built here (an
   * EmbeddedInstance or REF each way) would meet it on the resolving stack and be taken for a cycle.
   */
  declaredElsewhere: ((name: string) => boolean) | undefined;

  /**
   * Classes with an ancestor that is not defined here (WMI takes it from the target namespace), folded. Their
   * inherited members are unknown, so checks that need them (instance properties, Override targets) are not
   * made.
   */
  private readonly open = new Set<string>();

  /** Does `name` inherit from a class that is not defined in the compilation (WMI)? */
  inheritsUnknown(name: string): boolean {
    const model = this.resolve(name);
    return model !== undefined && this.open.has(fold(model.name));
  }

  has(name: string): boolean {
    const key = fold(name);
    let result = this.declarations.has(key);
    if (!result && this.options.rules.classesBeyondNamespace) {
      result = knownSystemClass(name) || (this.declaredElsewhere?.(name) ?? false);
    }
    const cache = this.options.cache;
    if (cache?.recording(this)) cache.note(this, `h:${key}`, { kind: "has", name, result });
    return result;
  }

  /** Declared here (not through another namespace)? */
  declares(name: string): boolean {
    return this.declarations.has(fold(name));
  }

  /** The resolved class, or undefined when it is not declared (or is part of an inheritance cycle). */
  resolve(name: string): ClassModel | undefined {
    const cache = this.options.cache;
    if (cache === undefined) return this.resolveKey(name, fold(name));
    const key = fold(name);
    const model = this.resolveKey(name, key);
    if (cache.recording(this)) cache.note(this, `c:${key}`, { kind: "class", name, token: cache.tokenOf(model) });
    return model;
  }

  private resolveKey(name: string, key: string): ClassModel | undefined {
    const done = this.resolved.get(key);
    if (done !== undefined) return done ?? undefined;
    const decl = this.declarations.get(key);
    if (decl === undefined) {
      return this.options.rules.classesBeyondNamespace ? (this.external?.(name) ?? this.builtin?.(name)) : undefined;
    }
    if (this.onStack.has(key)) {
      // Named from the declarations: the resolving stacks are one per namespace, and a cycle through another
      // namespace has its other classes on that one's stack ("A -> A" was all this one's showed).
      const cycle = this.superclassChain(decl);
      const start = this.resolving.indexOf(key);
      const chain = cycle.closed
        ? cycle.names
        : [...this.resolving.slice(start), key].map((k) => this.declarations.get(k)?.name.name ?? k);
      this.report(diag(Diagnostics.InheritanceCycle, decl.superclass?.span ?? decl.name.span, chain.join(" -> ")));
      this.building.cycles++;
      this.options.cache?.cycle();
      return undefined;
    }
    // The declared ancestors not yet resolved are put on the resolving stack first and built from the top, each
    // finding its superclass done: building a class resolves its superclass, and doing that by recursion ran out
    // of stack on a chain of 1,500 classes. The stack holds what the recursion held while each class is built,
    // so a cycle is met and reported where it was before (building the top resolves a class on the stack). In
    // WMI the chain may go on in another namespace (the one that declares the superclass): its classes go on
    // that namespace's stack, as the recursion through `external` put them.
    const pending: { readonly at: ClassResolver; readonly decl: ClassDeclaration }[] = [];
    let at: ClassResolver | undefined = this;
    for (let d: ClassDeclaration | undefined = decl; d !== undefined && at !== undefined; ) {
      const k = fold(d.name.name);
      at.resolving.push(k);
      at.onStack.add(k);
      pending.push({ at, decl: d });
      const next: string | undefined = d.superclass?.name;
      if (next === undefined) break;
      const nextKey = fold(next);
      if (!at.declarations.has(nextKey) && at.options.rules.classesBeyondNamespace) at = at.ownerElsewhere?.(next);
      d =
        at === undefined || at.resolved.has(nextKey) || at.onStack.has(nextKey)
          ? undefined
          : at.declarations.get(nextKey);
    }
    for (let i = pending.length - 1; i >= 0; i--) {
      const { at, decl: d } = pending[i] as (typeof pending)[number];
      const k = at.resolving[at.resolving.length - 1] as string;
      at.building.depth++;
      const model = at.options.cache === undefined ? at.build(d) : at.buildOrReuse(d, at.options.cache);
      at.building.depth--;
      at.resolving.pop();
      at.onStack.delete(k);
      // A class caught in a cycle may have been recorded as failed while it was being built.
      if (!at.resolved.has(k)) at.resolved.set(k, model);
    }
    return this.resolved.get(key) ?? undefined;
  }

  /**
   * The class being built (on a resolving stack) that `name` is, or has as an ancestor, if any: an inline
   * instance of it, written in that class's own definition (a default, a qualifier value), cannot be resolved
   * there. Resolving it would build the class again, which was taken for an inheritance cycle. Read from the
   * declarations, as the subclass test is; a class declared in another namespace (WMI) is asked there, with one
   * set of the classes passed (namespace and name), so a cycle across namespaces ends too.
   */
  beingDefined(name: string, passed: Set<string> = new Set()): string | undefined {
    // Top-level instances are resolved when no class is being built: nothing to walk for them.
    if (this.building.depth === 0) return undefined;
    let next: string | undefined = name;
    while (next !== undefined) {
      const key = fold(next);
      const here = `${fold(this.namespace)}:${key}`;
      if (passed.has(here)) return undefined;
      passed.add(here);
      const decl = this.declarations.get(key);
      if (decl === undefined) {
        return this.options.rules.classesBeyondNamespace ? this.definedElsewhere?.(next, passed) : undefined;
      }
      if (this.onStack.has(key)) return decl.name.name;
      next = decl.superclass?.name;
    }
    return undefined;
  }

  /**
   * How many classes are being built, in this namespace or (shared by the compilation's resolvers) any other:
   * while none is, `beingDefined` has nothing to find.
   */
  building: { depth: number; cycles: number } = { depth: 0, cycles: 0 };

  /** WMI only: the resolver of the one other namespace that declares `name` (where `external` takes it from). */
  ownerElsewhere: ((name: string) => ClassResolver | undefined) | undefined;

  /** WMI only: `beingDefined` asked of the one other namespace that declares `name` (see `external`). */
  definedElsewhere: ((name: string, passed: Set<string>) => string | undefined) | undefined;

  /**
   * Is `name` the class `ancestor` or one of its subclasses? Undefined when that cannot be known: `name`, or a
   * class on its superclass chain, is not defined (`class B : CIM_Setting {}` without CIM_Setting), so the
   * chain may still reach `ancestor` in the namespace the MOF is compiled into. That was reported where the
   * class was named; saying "not a subclass" as well would report one cause twice, and wrongly.
   */
  isA(name: string, ancestor: string): boolean | undefined {
    const result = this.chainReaches(name, fold(ancestor));
    const cache = this.options.cache;
    if (cache?.recording(this)) {
      cache.note(this, `i:${fold(name)}:${fold(ancestor)}`, { kind: "isA", name, ancestor, result });
    }
    return result;
  }

  private chainReaches(name: string, target: string): boolean | undefined {
    // The chain is read from the declarations, not from built classes: the test is made while a class is being
    // built (a reference overriding another with that class, or a subclass of it), and building it again would
    // be taken for an inheritance cycle. Only a class declared elsewhere (another namespace, the system
    // classes) is resolved for its superclass. A chain that comes back to a class it has seen (a cycle,
    // reported where it was met) may reach the ancestor or not, as one through an undefined class: undefined.
    const seen = new Set<string>();
    let next: string | undefined = name;
    while (next !== undefined) {
      const key = fold(next);
      if (key === target) return true;
      if (seen.has(key)) return undefined;
      seen.add(key);
      const decl = this.declarations.get(key);
      if (decl !== undefined) {
        next = decl.superclass?.name;
      } else {
        const c = this.resolveKey(next, key);
        if (c === undefined) return undefined;
        next = c.superclass;
      }
    }
    return false;
  }

  /**
   * Whether the class's superclass chain comes back to it, read from the declarations (in WMI across the
   * namespaces that declare the superclasses), so without building or resolving anything.
   */
  private inCycle(decl: ClassDeclaration): boolean {
    return this.superclassChain(decl).closed;
  }

  /**
   * The names along the class's superclass chain, read from the declarations as `inCycle` does, up to the first
   * class met twice or not declared; `closed` when that first repeat is the class itself (it is in a cycle). A
   * class of another namespace (WMI) is named with it: the cycle is found there and only there.
   */
  private superclassChain(decl: ClassDeclaration): { readonly names: string[]; readonly closed: boolean } {
    const own = `${fold(this.namespace)}:${fold(decl.name.name)}`;
    const names = [decl.name.name];
    const seen = new Set<string>();
    let at: ClassResolver | undefined = this;
    let next = decl.superclass?.name;
    while (next !== undefined && at !== undefined) {
      const key = fold(next);
      if (!at.declarations.has(key) && at.options.rules.classesBeyondNamespace) at = at.ownerElsewhere?.(next);
      const found = at?.declarations.get(key);
      if (at === undefined || found === undefined) break;
      const here = `${fold(at.namespace)}:${key}`;
      const elsewhere = fold(at.namespace) !== fold(this.namespace);
      names.push(elsewhere ? `${found.name.name} (${at.namespace})` : found.name.name);
      if (here === own) return { names, closed: true };
      if (seen.has(here)) break;
      seen.add(here);
      next = found.superclass?.name;
    }
    return { names, closed: false };
  }

  /**
   * With a session's cache: the class's model of the last resolve when its declaration is the same object and
   * every read it made gives the same again (checking them resolves, or reuses, the classes it read first);
   * otherwise resolved afresh, noting its reads.
   */
  private buildOrReuse(decl: ClassDeclaration, cache: ModelCacheRun): ClassModel {
    cache.enter(this);
    const entry = cache.previousEntry(this.namespace, decl);
    if (entry !== undefined && this.readsHold(entry.reads)) {
      if (entry.open) this.open.add(fold(decl.name.name));
      const model = cache.reuse(entry);
      cache.exit(this.namespace, decl, model, entry.open, entry);
      return model;
    }
    cache.record();
    const model = this.build(decl);
    cache.exit(this.namespace, decl, model, this.open.has(fold(decl.name.name)));
    return model;
  }

  private readsHold(reads: readonly ClassRead[]): boolean {
    const cache = this.options.cache as ModelCacheRun;
    for (const read of reads) {
      switch (read.kind) {
        case "class":
          if (cache.tokenOf(this.resolve(read.name)) !== read.token) return false;
          break;
        case "has":
          if (this.has(read.name) !== read.result) return false;
          break;
        case "isA":
          if (this.isA(read.name, read.ancestor) !== read.result) return false;
          break;
        case "qualifier":
          if (!sameQualifierTypeForUse(this.qualifiers.lookup(read.name), read.type)) return false;
          break;
      }
    }
    return true;
  }

  private build(decl: ClassDeclaration): ClassModel {
    const name = decl.name.name;
    let superclass: ClassModel | undefined;
    let open = false;
    if (decl.superclass !== undefined && decl.superclass.name !== "") {
      superclass = this.resolve(decl.superclass.name);
      if (this.building.cycles > 0 && this.inCycle(decl)) {
        // Resolved all the same, so the cycle is reported where it is met (MOF2003). No member of a cycle has a
        // superclass to inherit from: each is built as a root whose members are not known, so the cycle is the
        // one error, not also a DisableOverride (MOF3007), an Override or a redeclaration against whichever
        // member the resolving order happened to build first.
        superclass = undefined;
        open = true;
      } else if (superclass === undefined && !this.resolving.slice(0, -1).includes(fold(decl.superclass.name))) {
        // Unknown, or a system class mofgen does not model: its members are not known.
        open = true;
        if (!this.has(decl.superclass.name)) {
          const elsewhere = this.options.rules.classesBeyondNamespace;
          const d = diag(Diagnostics.UnknownSuperclass, decl.superclass.span, decl.superclass.name, name, elsewhere);
          this.report(this.relax(d));
        }
      } else if (superclass !== undefined && this.open.has(fold(superclass.name))) {
        open = true;
      }
    }
    if (open) this.open.add(fold(name));
    const writtenAssociation = hasTrueQualifier(decl, "association");
    const writtenIndication = hasTrueQualifier(decl, "indication");
    const association = writtenAssociation || (superclass?.association ?? false);
    const indication = writtenIndication || (superclass?.indication ?? false);
    this.checkKind(decl, superclass, writtenAssociation, writtenIndication);
    const target: QualifierTarget = association ? "association" : indication ? "indication" : "class";
    const own = this.qualifiers.apply(decl.qualifiers, target, `class ${name}`);
    const qualifiers = this.inherit(own, superclass?.qualifiers ?? [], superclass?.name);

    let ownProperties: PropertyModel[] = [];
    let ownMethods: MethodModel[] = [];
    const members = new FirstSeen("first declared here");
    for (const f of decl.features) {
      const repeat = members.repeat(fold(f.name.name), f.name.span, Diagnostics.DuplicateMember, f.kind, f.name.name);
      if (repeat !== undefined) {
        this.report(repeat);
        continue;
      }
      if (f.kind === "method") ownMethods.push(this.method(f, name, superclass, open));
      else ownProperties.push(this.property(f, name, superclass, association, open));
    }
    // Arrays that grew by push reserve room for 17 elements; the model keeps these for the whole run.
    ownProperties = ownProperties.slice();
    ownMethods = ownMethods.slice();

    const properties = mergeMembers(
      superclass?.properties ?? [],
      ownProperties,
      (p) => p.name,
      this.overrides,
      (p) =>
        this.inheritedForm(p, () => ({
          ...p,
          propagated: true,
          qualifiers: this.propagated(p.qualifiers),
        })),
    );
    const methods = mergeMembers(
      superclass?.methods ?? [],
      ownMethods,
      (m) => m.name,
      this.overrides,
      (m) =>
        this.inheritedForm(m, () => ({
          ...m,
          propagated: true,
          qualifiers: this.propagated(m.qualifiers),
          parameters: m.parameters.map((p) => ({ ...p, qualifiers: this.propagated(p.qualifiers) })),
        })),
    );
    const isAbstract = isTrue(own, "abstract");
    const propertyByName = membersByName(properties);
    const methodByName = membersByName(methods);
    return {
      kind: "class",
      name,
      namespace: this.namespace,
      superclass: superclass?.name ?? decl.superclass?.name,
      association,
      indication,
      abstract: isAbstract,
      alias: decl.alias?.name,
      qualifiers,
      ownProperties,
      ownMethods,
      properties,
      methods,
      get propertyByName() {
        return propertyByName();
      },
      get methodByName() {
        return methodByName();
      },
      amendments: [],
      rehomedValueMaps: rehomedValueMaps(this.namespace, name, properties, methods),
      span: decl.name.span,
    };
  }

  /**
   * Each element and qualifier in the form subclasses inherit it (marked propagated), made once: every direct
   * subclass of a class would otherwise make its own identical copy of each of its members and their qualifiers
   * (CIM 2.49: 7,700 member copies of 1,600 members, and their qualifiers), which the model then keeps for the
   * whole run. The forms are pure functions of the element, so sharing one is the same model.
   */
  private readonly inheritedForms = new Map<object, object>();

  private inheritedForm<T extends object>(element: T, make: () => T): T {
    let form = this.inheritedForms.get(element) as T | undefined;
    if (form === undefined) {
      form = make();
      this.inheritedForms.set(element, form);
    }
    return form;
  }

  private propagatedQualifier(q: QualifierValue): QualifierValue {
    return q.propagated ? q : this.inheritedForm(q, () => propagatedQualifier(q));
  }

  /** Own element name -> name of the inherited element it overrides (filled while building members). */
  private readonly overrides = new Map<object, string>();

  private checkKind(
    decl: ClassDeclaration,
    superclass: ClassModel | undefined,
    association: boolean,
    indication: boolean,
  ): void {
    // WMI's own hierarchy does not follow DSP0004's kinds: its CIM_Indication is an indication derived from
    // the system class __ExtrinsicEvent, and __Event (an indication) from __IndicationRelated (none).
    if (superclass === undefined || superclass.namespace === preludeNamespace) return;
    const name = decl.name.name;
    if (association && !superclass.association) {
      this.report(
        diag(
          Diagnostics.KindMismatch,
          decl.name.span,
          `association ${name} derives from ${superclass.name}, which is not an association`,
        ),
      );
    }
    if (indication && !superclass.indication) {
      this.report(
        diag(
          Diagnostics.KindMismatch,
          decl.name.span,
          `indication ${name} derives from ${superclass.name}, which is not an indication`,
        ),
      );
    }
  }

  /**
   * Effective qualifiers of an element: its own, plus the inherited ones that propagate (ToSubclass), marked
   * `propagated`. A DisableOverride qualifier keeps its inherited value: changing it is an error.
   */
  private inherit(
    own: readonly QualifierValue[],
    inherited: readonly QualifierValue[],
    from: string | undefined,
  ): readonly QualifierValue[] {
    // The own list itself when nothing is inherited (most elements): it is exactly sized, and the model keeps it.
    let result: QualifierValue[] | undefined;
    let added: QualifierValue[] | undefined;
    for (const q of inherited) {
      if (!q.flavors.toSubclass) continue;
      const mine = findQualifier(own, q.name);
      if (mine === undefined) {
        added ??= [];
        added.push(this.propagatedQualifier(q));
        continue;
      }
      if (!q.flavors.overridable && !sameValue(mine.value, q.value) && mine.span !== undefined) {
        const d = diag(Diagnostics.DisableOverrideChanged, mine.span, q.name, from ?? "the superclass");
        this.report(q.span ? withRelated(d, [{ message: "declared here", span: q.span }]) : d);
        // The inherited value stands: an error must not change what the model says.
        result ??= own.slice();
        result[result.indexOf(mine)] = this.propagatedQualifier(q);
      }
    }
    // concat makes a list of the exact size, where one grown by push reserves room for 17.
    if (added !== undefined) return (result ?? own).concat(added);
    return result ?? own;
  }

  /** What a subclass inherits of an element's qualifiers: the ToSubclass ones, marked propagated. */
  private propagated(list: readonly QualifierValue[]): QualifierValue[] {
    // map, not push: the model keeps the list, and one grown by push reserves room for 17.
    const kept = list.every((q) => q.flavors.toSubclass) ? list : list.filter((q) => q.flavors.toSubclass);
    return kept.map((q) => this.propagatedQualifier(q));
  }

  /** The inherited element an own element overrides: named by Override(...), or (WMI) the same name. */
  private overridden<T extends { name: string }>(
    ownName: string,
    own: readonly QualifierValue[],
    byName: ReadonlyMap<string, T> | undefined,
    cls: string,
    at: Span,
    open: boolean,
  ): T | undefined {
    const override = findQualifier(own, "override");
    const target = override?.value.kind === "string" ? override.value.value : undefined;
    if (override !== undefined && target !== undefined) {
      const found = byName?.get(fold(target));
      // Below an unknown superclass the overridden element may well exist: nothing to say.
      if (found === undefined && !open) {
        this.report(this.relax(diag(Diagnostics.OverrideWithoutTarget, override.span ?? at, target, cls)));
      }
      return found;
    }
    const same = byName?.get(fold(ownName));
    if (same !== undefined && this.options.rules.overrideRequired && override === undefined) {
      const origin = (same as { classOrigin?: string }).classOrigin ?? "the superclass";
      this.report(diag(Diagnostics.RedeclaredWithoutOverride, at, ownName, origin));
    }
    return same;
  }

  private property(
    f: PropertyDeclaration | ReferenceDeclaration,
    cls: string,
    superclass: ClassModel | undefined,
    association: boolean,
    open: boolean,
  ): PropertyModel {
    const kind = f.kind === "reference" ? "reference" : "property";
    const type: DataType =
      f.kind === "reference" ? { kind: "reference", className: f.className?.name } : dataType(f.type);
    // The element's name in messages, made once: each template would build its own string.
    const element = `${cls}.${f.name.name}`;
    const own = this.qualifiers.apply(f.qualifiers, kind, element, true);
    const inherited = this.overridden(f.name.name, own, superclass?.propertyByName, cls, f.name.span, open);
    if (inherited !== undefined) {
      this.checkOverrideType(f.name.span, element, type, f.array !== undefined, inherited);
    }
    const qualifiers = this.inherit(own, inherited?.qualifiers ?? [], inherited?.classOrigin);
    if (f.kind === "reference") {
      // Under an undefined superclass (reported) the class may well be an association: saying it is not would
      // report that one cause twice.
      if (!association && !open && this.options.rules.referencesOnlyInAssociations) {
        this.report(diag(Diagnostics.ReferenceOutsideAssociation, f.name.span, f.name.name, cls));
      }
      this.checkClassName(f.className?.name, f.className?.span, `referenced by ${element}`);
    }
    const embeddedClass = this.embeddedClass(f.kind === "property" ? f.type : undefined, qualifiers, element);
    const array = f.array && { size: f.array.size };
    const defaultValue =
      f.default !== undefined
        ? convertValue(
            f.default,
            { type, array: array !== undefined, what: `the default of ${element}`, scalarForArray: false },
            this.values,
          )
        : inherited?.default;
    const key = isTrue(qualifiers, "key");
    if (key && array !== undefined) this.report(diag(Diagnostics.ArrayKey, f.name.span, f.name.name));
    const model: PropertyModel = {
      kind,
      name: f.name.name,
      type,
      array,
      qualifiers,
      embeddedClass,
      valueMap: this.valueMaps({
        type,
        qualifiers,
        written: f.qualifiers,
        inherited,
        declarer: this.declarer(cls, "property", f.name.name, undefined, type),
        at: f.name.span,
      }),
      span: f.name.span,
      default: defaultValue,
      key,
      classOrigin: cls,
      propagated: false,
    };
    if (inherited !== undefined) this.overrides.set(model, inherited.name);
    return model;
  }

  private method(f: MethodDeclaration, cls: string, superclass: ClassModel | undefined, open: boolean): MethodModel {
    const element = `${cls}.${f.name.name}`;
    const own = this.qualifiers.apply(f.qualifiers, "method", element, true);
    const inherited = this.overridden(f.name.name, own, superclass?.methodByName, cls, f.name.span, open);
    const qualifiers = this.inherit(own, inherited?.qualifiers ?? [], inherited?.classOrigin);
    if (f.array !== undefined) this.report(diag(Diagnostics.ArrayReturn, f.name.span, f.name.name));
    if (f.returnsRef) this.report(diag(Diagnostics.RefReturn, f.name.span, f.name.name));
    const returnType = dataType(f.returnType);
    const parameters: ParameterModel[] = [];
    const names = new FirstSeen("first declared here");
    for (const p of f.parameters) {
      const key = fold(p.name.name);
      const repeat = names.repeat(key, p.name.span, Diagnostics.DuplicateParameter, p.name.name, f.name.name);
      if (repeat !== undefined) {
        this.report(repeat);
        continue;
      }
      const inheritedParam = inherited?.parameters.find((x) => fold(x.name) === key);
      parameters.push(this.parameter(p, cls, f.name.name, inheritedParam));
    }
    const model: MethodModel = {
      kind: "method",
      name: f.name.name,
      returnType,
      // An exact copy: one grown by push reserves room for 17.
      parameters: parameters.slice(),
      qualifiers,
      embeddedClass: this.embeddedClass(f.returnType, qualifiers, element),
      valueMap: this.valueMaps({
        type: returnType,
        qualifiers,
        written: f.qualifiers,
        inherited,
        declarer: this.declarer(cls, "method", f.name.name, undefined, returnType),
        at: f.name.span,
      }),
      static: isTrue(qualifiers, "static"),
      classOrigin: cls,
      propagated: false,
      span: f.name.span,
    };
    if (inherited !== undefined) this.overrides.set(model, inherited.name);
    return model;
  }

  private parameter(
    p: ParameterDeclaration,
    cls: string,
    methodName: string,
    inherited: ParameterModel | undefined,
  ): ParameterModel {
    const method = `${cls}.${methodName}`;
    const type: DataType = p.isRef
      ? { kind: "reference", className: p.type.kind === "class" ? p.type.className.name : undefined }
      : dataType(p.type);
    const element = `${method}(${p.name.name})`;
    const own = this.qualifiers.apply(p.qualifiers, "parameter", element, true);
    const qualifiers = this.inherit(own, inherited?.qualifiers ?? [], method);
    const { inDirection, outDirection } = this.direction(qualifiers);
    if (!inDirection && !outDirection) this.report(diag(Diagnostics.NoDirection, p.name.span, p.name.name));
    if (p.isRef && p.type.kind === "class") {
      this.checkClassName(p.type.className.name, p.type.className.span, `referenced by ${element}`);
    }
    const array = p.array && { size: p.array.size };
    return {
      kind: "parameter",
      name: p.name.name,
      type,
      array,
      qualifiers,
      embeddedClass: this.embeddedClass(p.isRef ? undefined : p.type, qualifiers, element),
      valueMap: this.valueMaps({
        type,
        qualifiers,
        written: p.qualifiers,
        inherited,
        declarer: this.declarer(cls, "parameter", methodName, p.name.name, type),
        at: p.name.span,
      }),
      span: p.name.span,
      in: inDirection,
      out: outDirection,
      default:
        p.default &&
        convertValue(
          p.default,
          { type, array: array !== undefined, what: `the default of ${element}`, scalarForArray: false },
          this.values,
        ),
    };
  }

  /** The element as the declarer of a value map it writes. */
  private declarer(
    className: string,
    element: ValueMapDeclarer["element"],
    member: string,
    parameter: string | undefined,
    type: DataType,
  ): ValueMapDeclarer {
    return { namespace: this.namespace, className, element, member, parameter, type };
  }

  /**
   * In and Out. DSP0004 declares `In` with default true, so a DMTF parameter is In unless it says In(false).
   * WMI (mofcomp) treats both as plain flags: a parameter marked only [Out] is output only; one marked neither
   * is input.
   */
  private direction(qualifiers: readonly QualifierValue[]): { inDirection: boolean; outDirection: boolean } {
    const inQ = findQualifier(qualifiers, "in");
    const outDirection = isTrue(qualifiers, "out");
    const written = inQ?.value.kind === "boolean" ? inQ.value.value : undefined;
    if (written !== undefined) return { inDirection: written, outDirection };
    return { inDirection: this.options.rules.inByDefault(outDirection), outDirection };
  }

  private embeddedClass(
    type: DataTypeRef | undefined,
    qualifiers: readonly QualifierValue[],
    owner: string,
  ): string | undefined {
    if (type?.kind === "class") {
      this.checkClassName(type.className.name, type.className.span, `used as the type of ${owner}`);
      return type.className.name;
    }
    const q = findQualifier(qualifiers, "embeddedinstance");
    const named = q?.value.kind === "string" ? q.value.value : undefined;
    if (named !== undefined && !q?.propagated) {
      this.checkClassName(named, q?.span, `named by EmbeddedInstance on ${owner}`);
    }
    return named;
  }

  private checkClassName(name: string | undefined, at: Span | undefined, usage: string): void {
    if (name === undefined || name === "" || at === undefined || this.has(name)) return;
    // `unit16 P;` was already reported by the parser as a misspelt data type, not as a class.
    if (suspectedIntrinsic(name) !== undefined) return;
    this.report(this.relax(diag(Diagnostics.UnknownClass, at, name, usage, this.options.rules.classesBeyondNamespace)));
  }

  private checkOverrideType(at: Span, owner: string, type: DataType, array: boolean, inherited: PropertyModel): void {
    // A misspelt data type (`uint16e`, reported by the parser) or an undefined class (reported where it is
    // named) has no type to compare: one cause, reported once.
    if (type.kind === "instance" && (suspectedIntrinsic(type.className) !== undefined || !this.has(type.className))) {
      return;
    }
    const inheritedArray = inherited.array !== undefined;
    const same =
      // One type object (every intrinsic type is one) reads the same: the texts need not be made.
      (type === inherited.type && array === inheritedArray) ||
      describeType(type, array) === describeType(inherited.type, inheritedArray) ||
      (untypedObjectFor(type, inherited.type) && array === inheritedArray) ||
      (type.kind === "reference" &&
        inherited.type.kind === "reference" &&
        (type.className === undefined ||
          inherited.type.className === undefined ||
          this.isA(type.className, inherited.type.className) !== false));
    if (same) return;
    const message = `${owner} is ${describeType(type, array)} but overrides ${inherited.classOrigin}.${inherited.name}, which is ${describeType(inherited.type, inherited.array !== undefined)}`;
    this.report(this.relax(diag(Diagnostics.OverrideTypeMismatch, at, message)));
  }
}

/**
 * WMI stores `object` and a class-typed property (`__Event Event`) alike, as an embedded object; the class
 * only narrows what it may hold. Redeclaring one as the other is not a change of type.
 */
function untypedObjectFor(a: DataType, b: DataType): boolean {
  const embedded = (t: DataType) => t.kind === "object" || t.kind === "instance";
  return embedded(a) && embedded(b) && (a.kind === "object" || b.kind === "object");
}

/** Two declarations (of one name) whose superclass and members are written alike, whitespace aside. */
/**
 * Whether two declarations of a class declare the same members, as written (white space aside), leaving out the
 * class's qualifiers (written before the name) and every Description of a member or parameter: mofcomp's default
 * update mode takes both kinds of change alike, so a re-declaration that changes only descriptions is the same
 * warning whether the Description is the class's or a property's.
 */
function sameMembers(a: ClassDeclaration, b: ClassDeclaration): boolean {
  return membersText(a) === membersText(b);
}

function membersText(c: ClassDeclaration): string {
  const text = c.span.file.text;
  const skipped = descriptionSpans(c);
  let out = "";
  let from = c.name.span.end;
  for (const { start, end } of skipped) {
    out += text.slice(from, start);
    from = end;
  }
  // The commas and brackets a removed Description leaves (`[key, ]`, `[]`) go too: adding one is no other change.
  return (out + text.slice(from, c.span.end))
    .replace(/\s+/g, " ")
    .replace(/ ?, ?(?=[,\]])/g, "")
    .replace(/\[ ?, ?/g, "[")
    .replace(/\[ ?\] ?/g, "");
}

/** The Description qualifiers of a class's members and parameters, in source order. */
function descriptionSpans(c: ClassDeclaration): Span[] {
  const lists = c.features.flatMap((f) => [
    f.qualifiers,
    ...(f.kind === "method" ? f.parameters.map((p) => p.qualifiers) : []),
  ]);
  return lists
    .flatMap((l) => l?.qualifiers ?? [])
    .filter((q) => fold(q.name.name) === "description")
    .map((q) => q.span)
    .sort((x, y) => x.start - y.start);
}

function hasTrueQualifier(decl: ClassDeclaration, name: string): boolean {
  const q = decl.qualifiers?.qualifiers.find((x) => foldsTo(x.name.name, name));
  if (q === undefined) return false;
  return q.value === undefined || (q.value.kind === "boolean" && q.value.value);
}

export function dataType(t: DataTypeRef): DataType {
  switch (t.kind) {
    case "intrinsic":
      return intrinsicType(t.name);
    case "object":
      return { kind: "object" };
    case "void":
      return { kind: "void" };
    case "class":
      return { kind: "instance", className: t.className.name };
  }
}

/**
 * Effective members: the inherited ones in their order (marked propagated, class origin kept), each replaced
 * in place by the own element that overrides it; then the new own elements in declaration order.
 */
function mergeMembers<T extends { name: string; propagated: boolean }>(
  inherited: readonly T[],
  own: readonly T[],
  nameOf: (m: T) => string,
  overrides: Map<object, string>,
  propagate: (m: T) => T,
): readonly T[] {
  // A class without a superclass (most classes of a flat schema) shares its own list.
  if (inherited.length === 0 && !own.some((m) => overrides.has(m))) return own;
  const byOverridden = new Map<string, T>();
  for (const m of own) {
    const target = overrides.get(m);
    if (target !== undefined) byOverridden.set(fold(target), m);
  }
  const result: T[] = [];
  for (const m of inherited) {
    // Most classes override nothing: then no inherited name needs folding (they are most of a schema's members).
    const replacement = byOverridden.size === 0 ? undefined : byOverridden.get(fold(nameOf(m)));
    if (replacement !== undefined) result.push(replacement);
    else result.push(m.propagated ? m : propagate(m));
  }
  for (const m of own) if (!overrides.has(m)) result.push(m);
  return result.slice();
}
