import type { InstanceDeclaration, Value } from "../ast/nodes.js";
import { Diagnostics, diag, withRelated } from "../diagnostics/catalog.js";
import type { DialectRules } from "../dialect/rules.js";
import { parseText } from "../program/program.js";
import type { Span } from "../source/span.js";
import type { ClassResolver } from "./classes.js";
import { FirstSeen } from "./first-seen.js";
import type { QualifierScope } from "./qualifiers.js";
import { knownSystemClass } from "./system-classes.js";
import type { CimValue, InstanceModel, PropertyModel, PropertyValueModel } from "./types.js";
import { fold } from "./types.js";
import { convertValue, type ValueContext } from "./values.js";

/**
 * Instances of one namespace: class and property checks, keys, aliases (usable before their definition),
 * inline `instance of` values and embedded instances written as strings, which are compiled too.
 */
export class InstanceResolver {
  private readonly aliases = new Map<string, InstanceDeclaration>();
  private readonly done = new Map<InstanceDeclaration, InstanceModel>();

  constructor(
    private readonly namespace: string,
    private readonly classes: ClassResolver,
    private readonly qualifiers: QualifierScope,
    private readonly values: ValueContext,
    private readonly rules: DialectRules,
  ) {}

  /** Register every alias first, so that references may come before the aliased instance. */
  registerAliases(instances: readonly InstanceDeclaration[]): void {
    for (const i of instances) {
      if (i.alias === undefined || i.alias.name === "") continue;
      const key = fold(i.alias.name);
      const first = this.aliases.get(key);
      if (first?.alias !== undefined) {
        const d = diag(Diagnostics.DuplicateAlias, i.alias.span, i.alias.name);
        this.values.diagnostics.push(withRelated(d, [{ message: "first defined here", span: first.alias.span }]));
        continue;
      }
      this.aliases.set(key, i);
    }
  }

  /** Top-level instances (not embedded ones): only they must set every key, since only they are stored. */
  private readonly topLevel = new Set<InstanceDeclaration>();

  resolveTopLevel(decl: InstanceDeclaration): InstanceModel {
    this.topLevel.add(decl);
    return this.resolve(decl);
  }

  resolve(decl: InstanceDeclaration): InstanceModel {
    const cached = this.done.get(decl);
    if (cached !== undefined) return cached;
    const model = this.build(decl);
    this.done.set(decl, model);
    return model;
  }

  private build(decl: InstanceDeclaration): InstanceModel {
    const diagnostics = this.values.diagnostics;
    const className = decl.className.name;
    // An inline instance written inside the definition of its class (or of an ancestor) cannot see that class
    // complete: said so here, and the instance is kept without its class, as one of an unknown class.
    const building = className === "" ? undefined : this.classes.beingDefined(className);
    if (building !== undefined) {
      diagnostics.push(diag(Diagnostics.ClassBeingDefined, decl.className.span, className, building));
    }
    const cls = building === undefined ? this.classes.resolve(className) : undefined;
    if (
      cls === undefined &&
      building === undefined &&
      className !== "" &&
      !(this.rules.classesBeyondNamespace && knownSystemClass(className))
    ) {
      // WMI: the class may be in the namespace the instance is compiled into (root\subscription's consumers).
      const d = diag(
        Diagnostics.UnknownClass,
        decl.className.span,
        className,
        "of this instance",
        this.rules.classesBeyondNamespace,
      );
      diagnostics.push(this.rules.unchecked(d));
    }
    // Below a superclass that is not defined here, a property may be inherited from it.
    const checksProperties = cls !== undefined && !this.classes.inheritsUnknown(cls.name);
    if (cls?.abstract) diagnostics.push(diag(Diagnostics.AbstractInstance, decl.className.span, cls.name));
    const qualifiers = this.qualifiers.apply(decl.qualifiers, "instance", `instance of ${className}`);
    const properties: PropertyValueModel[] = [];
    const given = new FirstSeen("first given here");
    for (const pv of decl.properties) {
      const key = fold(pv.name.name);
      const repeat = given.repeat(key, pv.name.span, Diagnostics.DuplicatePropertyValue, pv.name.name);
      if (repeat !== undefined) {
        diagnostics.push(repeat);
        continue;
      }
      const prop = cls?.propertyByName.get(key);
      if (checksProperties && prop === undefined && cls !== undefined) {
        diagnostics.push(diag(Diagnostics.UnknownInstanceProperty, pv.name.span, pv.name.name, cls.name));
      }
      if (pv.value !== undefined) this.checkAliases(pv.value);
      properties.push({
        name: prop?.name ?? pv.name.name,
        // Without a value (WMI [DYNPROPS]) a property provider supplies it: NULL in the compiled instance.
        value: pv.value === undefined ? { kind: "null" } : this.value(pv.value, prop, `${className}.${pv.name.name}`),
        qualifiers: this.qualifiers.apply(pv.qualifiers, "property", `${className}.${pv.name.name}`),
        span: pv.name.span,
      });
    }
    if (cls !== undefined && this.topLevel.has(decl)) {
      for (const p of cls.properties) {
        if (p.key && !given.has(fold(p.name)) && (p.default === undefined || p.default.kind === "null")) {
          diagnostics.push(diag(Diagnostics.MissingKey, decl.className.span, p.name, cls.name));
        }
      }
    }
    return {
      kind: "instance",
      className: cls?.name ?? className,
      namespace: this.namespace,
      alias: decl.alias?.name,
      properties,
      qualifiers,
      span: decl.className.span,
    };
  }

  private value(value: Value, prop: PropertyModel | undefined, what: string): CimValue {
    const converted = convertValue(
      value,
      {
        type: prop?.type,
        array: prop?.array !== undefined,
        what,
        scalarForArray: false,
        embedded: prop?.embeddedClass !== undefined,
      },
      this.values,
    );
    const embeds = prop !== undefined && (prop.embeddedClass !== undefined || prop.type.kind === "object");
    if (!embeds) return converted;
    if (converted.kind === "string" && value.kind === "string")
      return this.embedded(converted.value, value.span) ?? converted;
    if (converted.kind === "array" && value.kind === "arrayValue") {
      const elements = converted.elements.map((e, i) => {
        const written = value.elements[i];
        return e.kind === "string" && written?.kind === "string" ? (this.embedded(e.value, written.span) ?? e) : e;
      });
      return { kind: "array", elements };
    }
    return converted;
  }

  /**
   * An EmbeddedInstance string that holds MOF (`"instance of Msvm_Foo { ... };"`) is compiled like any other
   * instance; its problems are reported at the string, since its text has no file of its own.
   */
  private embedded(text: string, at: Span): CimValue | undefined {
    if (!/^\s*instance\s+of\s/i.test(text)) return undefined;
    const parsed = parseText(text, `${at.file.path} (embedded instance)`, { dialect: this.rules.dialect });
    for (const d of parsed.diagnostics) {
      if (d.severity === "error") this.values.diagnostics.push(diag(Diagnostics.EmbeddedInstanceText, at, d.message));
    }
    const decl = parsed.ast.productions.find((p): p is InstanceDeclaration => p.kind === "instance");
    if (decl === undefined) return undefined;
    const before = this.values.diagnostics.length;
    const instance = this.resolve(decl);
    // Problems found while resolving it point into the string's own text: move them to the string.
    for (let i = before; i < this.values.diagnostics.length; i++) {
      const d = this.values.diagnostics[i];
      if (d?.span !== undefined && d.span.file === decl.span.file) {
        this.values.diagnostics[i] = diag(Diagnostics.EmbeddedInstanceText, at, d.message);
      }
    }
    return { kind: "instance", instance };
  }

  private checkAliases(value: Value): void {
    if (value.kind === "alias") {
      if (!this.aliases.has(fold(value.name))) {
        this.values.diagnostics.push(diag(Diagnostics.UnknownAlias, value.span, value.name));
      }
    } else if (value.kind === "arrayValue") {
      for (const e of value.elements) this.checkAliases(e);
    }
  }
}
