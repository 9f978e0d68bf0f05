import { findQualifier } from "../model/qualifiers.js";
import { sameValue } from "../model/same-value.js";
import type { QualifierValue } from "../model/types.js";
import type { Span } from "../source/span.js";
import type { ChangeType } from "./catalog.js";
import { type Change, makeChange, type Scope } from "./change.js";
import { valueText } from "./texts.js";

/** What the qualifier comparisons need of a class, property, method or parameter. */
export interface Qualified {
  readonly qualifiers: readonly QualifierValue[];
  readonly span: Span;
}

/**
 * Compares qualifiers of one element on both sides. `inheritedSame` says the element's class has the same
 * superclass on both sides: then a qualifier that neither side writes on this element (both inherited, or
 * absent) changed in the superclass, and is reported there, not again on every subclass that overrides it.
 */
export class QualifierDiff {
  readonly changes: Change[] = [];
  /** Both sides carry the same qualifiers with the same values: nothing to compare (most elements). */
  private readonly identical: boolean;

  constructor(
    private readonly scope: Scope,
    private readonly path: string,
    private readonly before: Qualified,
    private readonly after: Qualified,
    private readonly inheritedSame: boolean,
  ) {
    const a = before.qualifiers;
    const b = after.qualifiers;
    this.identical = a.length === b.length && a.every((q, i) => sameQualifier(q, b[i]));
  }

  private get(side: Qualified, name: string): QualifierValue | undefined {
    return findQualifier(side.qualifiers, name);
  }

  /** False when the change, if any, belongs to the superclass (see the class comment). */
  owned(...names: string[]): boolean {
    if (!this.inheritedSame) return true;
    return names.some(
      (n) => this.get(this.before, n)?.propagated === false || this.get(this.after, n)?.propagated === false,
    );
  }

  private push(type: ChangeType, name: string, before: string | null, after: string | null): void {
    this.changes.push(
      makeChange(type, this.scope, {
        path: this.path,
        before,
        after,
        oldSpan: this.get(this.before, name)?.span ?? this.before.span,
        newSpan: this.get(this.after, name)?.span ?? this.after.span,
      }),
    );
  }

  /** A boolean qualifier (Key, Required, Write, Abstract): true when present and not `false`. */
  flag(name: string, added: ChangeType, removed: ChangeType): void {
    if (this.identical) return;
    const was = isSet(this.get(this.before, name));
    const is = isSet(this.get(this.after, name));
    if (was === is || !this.owned(name)) return;
    this.push(is ? added : removed, name, String(was), String(is));
  }

  /** Deprecated holds the replacements (`{"CIM_Foo.Bar"}`); any value, or none, deprecates. */
  deprecated(): void {
    if (this.identical) return;
    const was = this.get(this.before, "Deprecated");
    const is = this.get(this.after, "Deprecated");
    if ((was === undefined) === (is === undefined) || !this.owned("Deprecated")) return;
    const text = (q: QualifierValue | undefined) => (q === undefined ? null : valueText(q.value));
    this.push(is ? "deprecated-added" : "deprecated-removed", "Deprecated", text(was), text(is));
  }

  /** A qualifier whose value matters as a whole: Units, PUnit, MinValue, Description... */
  value(name: string, type: ChangeType): void {
    if (this.identical) return;
    const was = this.get(this.before, name);
    const is = this.get(this.after, name);
    // Compared as values first: formatting every Description of a schema only to compare it is slow.
    if (was === undefined ? is === undefined : is !== undefined && sameValue(was.value, is.value)) return;
    if (!this.owned(name)) return;
    if (type === "description-changed") {
      // Descriptions are long texts: carry them unquoted, as written.
      this.push(type, name, plain(was), plain(is));
    } else this.push(type, name, was ? valueText(was.value) : null, is ? valueText(is.value) : null);
  }

  /**
   * The unit an element states. Only a unit that was stated and now reads otherwise changes what numbers
   * mean, and only the same notation compares: PUnit with PUnit, else the older Units with Units. CIM 2.49
   * adds PUnit to some 80 elements that had none (which documents them), rewrites Units("Seconds") as
   * "second", and CIM 2.28 gives PUnit("hertz * 10^6") where 2.22 had Units("MegaHertz"); none changes a
   * number's meaning. Case and a plural "s" are not compared.
   */
  units(): void {
    if (this.identical || !this.owned("PUnit", "Units")) return;
    const norm = (q: QualifierValue) => plain(q)?.toLowerCase().replace(/s$/, "");
    for (const name of ["PUnit", "Units"]) {
      const was = this.get(this.before, name);
      const is = this.get(this.after, name);
      if (was === undefined || is === undefined) continue;
      if (norm(was) !== norm(is)) {
        this.push("units-changed", name, plain(was), plain(is));
      }
      return;
    }
  }

  /**
   * Version (`"2.22.1"`): a new major number is graded apart, since DSP0004 reserves it for incompatible
   * changes. Compared as written strings; a missing side counts as a change of the whole value.
   */
  version(): void {
    if (this.identical || !this.owned("Version")) return;
    const was = plain(this.get(this.before, "Version"));
    const is = plain(this.get(this.after, "Version"));
    if (was === is) return;
    const major = (v: string | null) => v?.trim().split(".")[0] ?? null;
    const type: ChangeType =
      was !== null && is !== null && major(was) === major(is) ? "version-changed" : "version-major-changed";
    this.push(type, "Version", was, is);
  }

  /**
   * The flavors of each qualifier written on the element on both sides: ToSubclass/Restricted and
   * EnableOverride/DisableOverride (what subclasses inherit and may change). Translatable and Amended concern
   * localisation only. Not skipped for identical values: the values can be equal while the flavors are not.
   */
  flavors(): void {
    for (const is of this.after.qualifiers) {
      if (is.propagated) continue;
      const was = this.get(this.before, is.name);
      if (was === undefined || was.propagated) continue;
      const text = flavorText(was);
      const now = flavorText(is);
      if (text !== now) this.push("flavor-changed", is.name, `${was.name}: ${text}`, `${is.name}: ${now}`);
    }
  }

  /**
   * What every element kind shares: Deprecated, Description, Version, the flavors, and the qualifiers that tie
   * the element to others (MappingStrings, ModelCorrespondence).
   */
  common(): void {
    this.deprecated();
    this.value("Description", "description-changed");
    this.version();
    this.value("MappingStrings", "mapping-strings-changed");
    this.value("ModelCorrespondence", "model-correspondence-changed");
    this.flavors();
  }

  /** What typed elements (properties, parameters) share: Required, Units, bounds. */
  typed(): void {
    this.flag("Required", "required-added", "required-removed");
    this.units();
    for (const name of ["MinValue", "MaxValue", "MinLen", "MaxLen"]) this.value(name, "bounds-changed");
  }
}

function flavorText(q: QualifierValue): string {
  const f = q.flavors;
  return `${f.overridable ? "EnableOverride" : "DisableOverride"}, ${f.toSubclass ? "ToSubclass" : "Restricted"}`;
}

function sameQualifier(a: QualifierValue, b: QualifierValue | undefined): boolean {
  return b !== undefined && a.name === b.name && sameValue(a.value, b.value);
}

function isSet(q: QualifierValue | undefined): boolean {
  return q !== undefined && !(q.value.kind === "boolean" && !q.value.value);
}

function plain(q: QualifierValue | undefined): string | null {
  if (q === undefined) return null;
  return q.value.kind === "string" ? q.value.value : valueText(q.value);
}
