import type { Identifier, Qualifier, QualifierList, QualifierTypeDeclaration, Value } from "../ast/nodes.js";
import { Diagnostics, diag, relaxed, withRelated } from "../diagnostics/catalog.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { DialectRules } from "../dialect/rules.js";
import { appendAll } from "../util/arrays.js";
import { builtinQualifier } from "./builtin-qualifiers.js";
import { FirstSeen } from "./first-seen.js";
import { sameValue } from "./same-value.js";
import type {
  CimValue,
  DataType,
  Flavors,
  IntrinsicTypeName,
  QualifierTarget,
  QualifierType,
  QualifierValue,
  Scope,
} from "./types.js";
import { fold, foldsTo, intrinsicType } from "./types.js";
import { otherElementDiagnostic, otherElements } from "./value-map-elements.js";
import { convertValue, type Expected, type ValueContext } from "./values.js";

/** DSP0004 defaults: EnableOverride, ToSubclass, not Translatable; WMI's Amended and ToInstance off. */
export const defaultFlavors: Flavors = {
  overridable: true,
  toSubclass: true,
  translatable: false,
  amended: false,
  toInstance: false,
};

export interface QualifierOptions {
  readonly rules: DialectRules;
  /** DMTF mode: supply the DSP0004 standard qualifier set instead of requiring declarations. */
  readonly builtinQualifiers: boolean;
}

/**
 * Qualifier types of one namespace and the typing of every qualifier use. Declared types (the input's
 * `Qualifier` declarations) come first; then mofgen's built-in tables (always in WMI mode, on request in
 * DMTF mode); in WMI mode an unknown qualifier is typed by its use (no value: boolean true), as mofcomp does.
 */

/**
 * What a qualifier's value must be, naming the qualifier and its element (`what`) only when a message is written:
 * nearly every value is right, and the name was a string built for each of the schema's qualifier values.
 */
class QualifierValueExpected implements Expected {
  readonly scalarForArray = true;

  constructor(
    readonly type: DataType | undefined,
    readonly array: boolean,
    private readonly qualifier: string,
    private readonly owner: string,
  ) {}

  get what(): string {
    return `qualifier ${this.qualifier} on ${this.owner}`;
  }
}

/** The value of every `[Key]`-style qualifier: one shared object (values are immutable). */
const writtenTrue: CimValue = { kind: "boolean", value: true };
export class QualifierScope {
  private readonly declared = new Map<string, QualifierType>();
  private readonly builtins = new Map<string, QualifierType | null>();

  constructor(
    private readonly options: QualifierOptions,
    private readonly values: ValueContext,
  ) {}

  get diagnostics(): Diagnostic[] {
    return this.values.diagnostics;
  }

  /** The declared qualifier types, in declaration order. */
  declaredTypes(): QualifierType[] {
    return [...this.declared.values()];
  }

  /** Declarations whose default holds an inline instance, converted once every type is declared. */
  private readonly pending: { readonly decl: QualifierTypeDeclaration; readonly placeholder: QualifierType }[] = [];

  declare(decl: QualifierTypeDeclaration): void {
    const key = fold(decl.name.name);
    const deferred = decl.type !== undefined && holdsInstance(decl.default);
    const type =
      decl.type === undefined ? this.flavorOnly(decl) : deferred ? this.typeOf(decl, false) : this.typeOf(decl);
    if (deferred) this.pending.push({ decl, placeholder: type });
    const earlier = this.declared.get(key);
    if (earlier === undefined) {
      this.declared.set(key, type);
      return;
    }
    if (!sameQualifierType(earlier, type)) {
      const d = diag(Diagnostics.DuplicateQualifierType, decl.name.span, decl.name.name);
      this.diagnostics.push(
        earlier.span ? withRelated(d, [{ message: "first declared here", span: earlier.span }]) : d,
      );
    }
  }

  /**
   * Convert the defaults put off by `declare`: an inline instance in a default is resolved like any other, with
   * its own qualifiers, so it must see every declaration (a class does: declarations need not come first), not
   * only those above it. Called once every namespace's declarations and cross-namespace lookups are in place.
   */
  settleDefaults(): void {
    for (const { decl, placeholder } of this.pending.splice(0)) {
      const key = fold(decl.name.name);
      const settled = { ...placeholder, default: this.defaultOf(decl, placeholder.type) };
      if (this.declared.get(key) === placeholder) this.declared.set(key, settled);
    }
  }

  /**
   * Qualifier types declared before any `#pragma namespace`. A qualifiers file compiled beside a schema
   * (`mofgen check qualifiers.mof schema.mof`) usually has no namespace pragma of its own, so its declarations
   * land in the default namespace while the schema's classes are elsewhere.
   */
  external: ((key: string) => QualifierType | undefined) | undefined;

  /** A type declared in this namespace (by case-folded name). */
  declaredType(key: string): QualifierType | undefined {
    return this.declared.get(key);
  }

  /** Told every lookup and its result (a session's model cache notes what each class read). */
  observer: ((key: string, name: string, type: QualifierType | undefined) => void) | undefined;

  /** The type of the qualifier `name`; `key` is its case-folded form, when the caller has it already. */
  lookup(name: string, key = fold(name)): QualifierType | undefined {
    const type = this.findType(key, name);
    this.observer?.(key, name, type);
    return type;
  }

  private findType(key: string, name: string): QualifierType | undefined {
    const declared = this.declared.get(key) ?? this.external?.(key);
    if (declared !== undefined) return declared;
    if (!this.options.rules.qualifiersTypedByUse && !this.options.builtinQualifiers) return undefined;
    let builtin = this.builtins.get(key);
    if (builtin === undefined) {
      const b = builtinQualifier(name, this.options.rules.dialect);
      builtin = b
        ? {
            kind: "qualifierType",
            name: b.name,
            type: b.type,
            array: b.array,
            default: b.default,
            scopes: new Set(b.scopes),
            flavors: b.flavors,
            origin: "builtin",
            span: undefined,
          }
        : null;
      this.builtins.set(key, builtin);
    }
    return builtin ?? undefined;
  }

  /**
   * Type and check the qualifiers written on one element. `target` is what they are applied to; `owner`
   * names the element in messages.
   */
  apply(
    list: QualifierList | undefined,
    target: QualifierTarget,
    owner: string,
    readsValueMap = false,
  ): readonly QualifierValue[] {
    if (list === undefined) return [];
    const out: QualifierValue[] = [];
    const seen = new FirstSeen("first given here");
    for (const q of list.qualifiers) {
      if (q.name.name === "") continue; // inserted by syntax error recovery
      const key = fold(q.name.name);
      const repeat = seen.repeat(key, q.name.span, Diagnostics.DuplicateQualifier, q.name.name);
      if (repeat !== undefined) {
        this.diagnostics.push(repeat);
        continue;
      }
      out.push(this.one(q, key, target, owner, readsValueMap));
    }
    // Elements keep this list (when they inherit no qualifier): a copy of the exact size, where one grown by push
    // reserves room for 17.
    return out.slice();
  }

  private one(
    q: Qualifier,
    key: string,
    target: QualifierTarget,
    owner: string,
    readsValueMap: boolean,
  ): QualifierValue {
    const type = this.lookup(q.name.name, key);
    if (type === undefined && !this.options.rules.qualifiersTypedByUse) {
      this.diagnostics.push(diag(Diagnostics.UndeclaredQualifier, q.name.span, q.name.name));
    }
    if (
      type !== undefined &&
      (type.origin === "declared" || (type.origin === "builtin" && !this.options.rules.qualifiersTypedByUse))
    ) {
      this.checkScope(q, type, target);
    }
    const value =
      readsValueMap && (key === "valuemap" || key === "values")
        ? this.valueMapValue(q, type, owner)
        : this.valueOf(q, type, owner);
    const flavors = this.flavorsOf(q.flavors, type?.flavors ?? defaultFlavors);
    return {
      kind: "qualifier",
      name: type?.name ?? q.name.name,
      value,
      flavors,
      propagated: false,
      span: q.span,
    };
  }

  /**
   * Typed by their use in WMI MOF, where both uses are right. Locale: a string ("en_US") or an LCID (0x409).
   * Counter, unless a file declares it: DMTF's boolean flag on CIM statistics properties (`[Counter]`) and, on
   * performance classes, the string naming the counter a formatted property is cooked from, as Microsoft
   * documents it (`Counter("PercentProcessorTime")`, 603 of the 641 warnings on the Windows XP CIMV2 export).
   */
  private untypedInWmi(type: QualifierType): boolean {
    if (!this.options.rules.qualifiersTypedByUse) return false;
    const key = fold(type.name);
    return key === "locale" || (key === "counter" && type.origin === "builtin");
  }

  /**
   * ValueMap and Values of an element whose value map is read (a property, method or parameter): an element that
   * is neither a string nor an integer (`1.5`, `true`) is one fault, told once by MOF3013, which says what becomes
   * of it in the map; the value check's "must be a string" at the same place would only repeat it, less
   * precisely. Elsewhere (a class, an instance's value) no map is read, and "must be a string" is all there is.
   */
  private valueMapValue(q: Qualifier, type: QualifierType | undefined, owner: string): CimValue {
    const others = q.value === undefined ? [] : otherElements(q.value);
    if (others.length === 0) return this.valueOf(q, type, owner);
    const name = foldsTo(q.name.name, "valuemap") ? "ValueMap" : "Values";
    for (const e of others) {
      const d = otherElementDiagnostic(e, name);
      if (d !== undefined) this.diagnostics.push(this.options.rules.unchecked(d));
    }
    const sink: Diagnostic[] = [];
    const value = this.valueOf(q, type, owner, { ...this.values, diagnostics: sink });
    const told = new Set<unknown>(others);
    for (const d of sink) if (d.code !== Diagnostics.ValueType.code || !told.has(d.span)) this.diagnostics.push(d);
    return value;
  }

  private valueOf(
    q: Qualifier,
    type: QualifierType | undefined,
    owner: string,
    values: ValueContext = this.values,
  ): CimValue {
    if (q.value === undefined) {
      // A qualifier without a value: true for a boolean (and for WMI's untyped qualifiers), else its default.
      if (type === undefined || type.origin === "implicit" || type.type === "boolean") return writtenTrue;
      return type.default ?? { kind: "null" };
    }
    if (type?.origin === "implicit" || (type !== undefined && this.untypedInWmi(type)))
      return convertValue(q.value, new QualifierValueExpected(undefined, false, q.name.name, owner), values);
    const expected = type && intrinsicType(type.type);
    const spec = new QualifierValueExpected(expected, type?.array ?? false, q.name.name, owner);
    if (type?.origin !== "builtin" || !this.options.rules.qualifiersTypedByUse)
      return convertValue(q.value, spec, values);
    // mofcomp types an undeclared qualifier by its use, and real WMI files use some standard names with
    // other types (Locale(0x409), an integer Revision): against the built-in table that is only a warning.
    const sink: Diagnostic[] = [];
    const value = convertValue(q.value, spec, { ...values, diagnostics: sink });
    appendAll(values.diagnostics, sink.map(relaxed));
    return value;
  }

  private checkScope(q: Qualifier, type: QualifierType, target: QualifierTarget): void {
    if (type.scopes.has("any") || type.scopes.has(target as Scope)) return;
    // An association or indication is also a class for qualifiers scoped to classes only in WMI usage;
    // DSP0004 keeps the three apart, so only the exact scope counts.
    if (target === "instance") return;
    const allowed = [...type.scopes].join(", ");
    this.diagnostics.push(diag(Diagnostics.QualifierScope, q.name.span, q.name.name, target, allowed));
  }

  /** Apply written flavors to a default set, reporting contradictions (EnableOverride with DisableOverride...). */
  flavorsOf(written: readonly Identifier[], base: Flavors): Flavors {
    if (written.length === 0) return base;
    let flavors = base;
    const set = new Map<string, Identifier>();
    for (const f of written) set.set(fold(f.name), f);
    for (const [a, b] of conflictingPairs) {
      const fa = set.get(a);
      const fb = set.get(b);
      if (fa && fb) {
        // Point at whichever of the two was written second: that is where the contradiction happens.
        const [first, second] = fa.span.start <= fb.span.start ? [fa, fb] : [fb, fa];
        this.diagnostics.push(diag(Diagnostics.ConflictingFlavors, second.span, first.name, second.name));
      }
    }
    for (const key of set.keys()) {
      const effect = flavorEffects[key];
      if (effect !== undefined) flavors = { ...flavors, ...effect };
    }
    return flavors;
  }

  private defaultOf(decl: QualifierTypeDeclaration, type: IntrinsicTypeName): CimValue | undefined {
    if (decl.default === undefined) return undefined;
    const expected: Expected = {
      type: { kind: "intrinsic", name: type },
      array: decl.array !== undefined,
      what: `the default of qualifier ${decl.name.name}`,
      scalarForArray: true,
    };
    return convertValue(decl.default, expected, this.values);
  }

  /**
   * WMI's `qualifier Description : ToSubclass Amended;` only sets default flavors: the type stays the one
   * mofgen knows (built in) or, for other names, whatever each use gives (typed by use, like mofcomp).
   */
  private flavorOnly(decl: QualifierTypeDeclaration): QualifierType {
    const known = this.lookup(decl.name.name);
    const base = known ?? {
      kind: "qualifierType" as const,
      name: decl.name.name,
      type: "boolean" as const,
      array: false,
      default: undefined,
      scopes: new Set<Scope>(["any"]),
      flavors: defaultFlavors,
      origin: "implicit" as const,
      span: undefined,
    };
    return { ...base, flavors: this.flavorsOf(decl.flavors, base.flavors), span: decl.name.span };
  }

  /** The declared type; without `withDefault` (a placeholder until `settleDefaults`), without its default. */
  private typeOf(decl: QualifierTypeDeclaration, withDefault = true): QualifierType {
    const flavors = this.flavorsOf(decl.flavors, defaultFlavors);
    const type: IntrinsicTypeName = decl.type?.kind === "intrinsic" ? decl.type.name : "boolean";
    const scopes = new Set(decl.scopes.map((s) => fold(s.name) as Scope));
    const defaultValue = withDefault ? this.defaultOf(decl, type) : undefined;
    return {
      kind: "qualifierType",
      name: decl.name.name,
      type,
      array: decl.array !== undefined,
      default: defaultValue,
      // WMI's flavor-only declaration (`qualifier Name : ToInstance;`) declares no scope: any.
      scopes: decl.type === undefined ? new Set<Scope>(["any"]) : scopes,
      flavors,
      origin: "declared",
      span: decl.name.span,
    };
  }
}

/** Whether a value is, or holds, an inline `instance of` (WMI's embedded object value). */
function holdsInstance(value: Value | undefined): boolean {
  if (value === undefined) return false;
  if (value.kind === "instanceValue") return true;
  return value.kind === "arrayValue" && value.elements.some((e) => e.kind === "instanceValue");
}

/** What each written flavor sets (flavor names are case-insensitive). */
const flavorEffects: Readonly<Record<string, Partial<Flavors>>> = {
  enableoverride: { overridable: true },
  disableoverride: { overridable: false },
  tosubclass: { toSubclass: true },
  restricted: { toSubclass: false },
  nottosubclass: { toSubclass: false },
  translatable: { translatable: true },
  amended: { amended: true },
  toinstance: { toInstance: true },
  nottoinstance: { toInstance: false },
};

const conflictingPairs: readonly (readonly [string, string])[] = [
  ["enableoverride", "disableoverride"],
  ["tosubclass", "restricted"],
  ["tosubclass", "nottosubclass"],
  ["toinstance", "nottoinstance"],
];

function sameQualifierType(a: QualifierType, b: QualifierType): boolean {
  return sameQualifierShape(a, b) && sameValue(a.default ?? { kind: "null" }, b.default ?? { kind: "null" });
}

/**
 * Two qualifier types alike in type, array, scopes and flavors: what a redeclaration (compared with its default by
 * value) and a session's model cache (with its default as written) both ask first.
 */
export function sameQualifierShape(a: QualifierType, b: QualifierType): boolean {
  if (a.type !== b.type || a.array !== b.array || a.scopes.size !== b.scopes.size) return false;
  for (const s of a.scopes) if (!b.scopes.has(s)) return false;
  const fa = a.flavors;
  const fb = b.flavors;
  return (
    fa.overridable === fb.overridable &&
    fa.toSubclass === fb.toSubclass &&
    fa.translatable === fb.translatable &&
    fa.amended === fb.amended &&
    fa.toInstance === fb.toInstance
  );
}

/** A qualifier as an element inherits it: the same value and flavors, marked propagated. */
export function propagatedQualifier(q: QualifierValue): QualifierValue {
  return q.propagated ? q : { ...q, propagated: true };
}

/** The qualifier of that name in a list, case-insensitively. */
export function findQualifier(list: readonly QualifierValue[], name: string): QualifierValue | undefined {
  const key = fold(name);
  // foldsTo compares in place without the folding table, and an indexed loop spares a
  // closure (find) or iterator results (for-of, until V8 optimises it) per call: this runs several times for
  // every element of a schema.
  for (let i = 0; i < list.length; i++) {
    const q = list[i] as QualifierValue;
    if (foldsTo(q.name, key)) return q;
  }
  return undefined;
}

/** Boolean qualifier value: true when present with no value or `true`. */
export function isTrue(list: readonly QualifierValue[], name: string): boolean {
  const q = findQualifier(list, name);
  return q !== undefined && q.value.kind === "boolean" && q.value.value;
}
