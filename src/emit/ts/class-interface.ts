import { findQualifier } from "../../model/qualifiers.js";
import type { ClassModel, PropertyModel } from "../../model/types.js";
import { fold } from "../../model/types.js";
import { describeType } from "../../model/values.js";
import type { NamespaceContext } from "./context.js";
import type { InterfaceDeclaration, PropertySignature } from "./declarations.js";
import { docs, unitsNote } from "./jsdoc.js";
import type { ModuleScope } from "./module-scope.js";
import { stringLiteral } from "./names.js";
import { classSymbol } from "./symbols.js";
import { type ElementType, elementType, typeKey } from "./type-map.js";
import { memberKey, typeText } from "./type-text.js";

/**
 * The interface of a class: it extends its superclass's interface and declares the properties the class declares
 * (new ones and overrides). Keys are required; other properties are optional and may be null (WMI gives NULL for
 * unset properties). An override whose type is not assignable to the inherited one (its own closed value map, another
 * embedded class, a different case) is left out of the base with `Omit<Super, "P">`, so the interface stays valid.
 */
export function classInterface(cls: ClassModel, ctx: NamespaceContext, scope: ModuleScope): InterfaceDeclaration {
  const superclass = ctx.superclassOf(cls);
  const declared = superclass === undefined ? cls.properties : cls.properties.filter((p) => !p.propagated);
  const omitted: string[] = [];
  if (superclass !== undefined) {
    for (const p of declared) {
      const inherited = superclass.propertyByName.get(fold(p.name));
      if (inherited !== undefined && !keepsInheritedType(p, inherited, ctx)) omitted.push(inherited.name);
    }
  }
  let base: string | undefined;
  if (superclass !== undefined) {
    base = scope.classType(superclass);
    if (omitted.length > 0) base = `Omit<${base}, ${omitted.map(stringLiteral).join(" | ")}>`;
  }
  return {
    kind: "interface",
    name: classSymbol(cls),
    extends: base === undefined ? [] : [base],
    docs: docs({ qualifiers: cls.qualifiers, notes: [classNote(cls, superclass), ...omitNote(omitted)] }),
    properties: declared.map((p) =>
      propertySignature(cls, p, superclass?.propertyByName.get(fold(p.name)), ctx, scope),
    ),
  };
}

function omitNote(omitted: readonly string[]): string[] {
  if (omitted.length === 0) return [];
  return [`Redeclares ${omitted.join(", ")} with a type the superclass's does not accept, so it extends Omit of it.`];
}

function classNote(cls: ClassModel, superclass: ClassModel | undefined): string {
  const kinds = [cls.abstract && "abstract", cls.association && "association", cls.indication && "indication"];
  const kind = kinds.filter((k) => k !== false).join(" ");
  const extendsText = cls.superclass === undefined ? "" : ` : ${cls.superclass}`;
  const missing = cls.superclass !== undefined && superclass === undefined ? " (superclass not in the namespace)" : "";
  return `MOF ${kind === "" ? "" : `${kind} `}class ${cls.name}${extendsText}${missing}, namespace ${cls.namespace}.`;
}

function propertySignature(
  cls: ClassModel,
  p: PropertyModel,
  inherited: PropertyModel | undefined,
  ctx: NamespaceContext,
  scope: ModuleScope,
): PropertySignature {
  const t = elementType(p, ctx.findClass);
  const text = typeText(t, scope);
  return {
    name: memberKey(p.name),
    isReadonly: true,
    hasQuestionToken: !p.key,
    type: p.key ? text : `${text} | null`,
    docs: docs({
      qualifiers: p.qualifiers,
      notes: [...elementNotes(p, t), originNote(cls, p, inherited, ctx)],
      tags: p.key ? [{ tagName: "key" }] : [],
    }),
  };
}

/** Notes on a property or parameter: its MOF type, embedded class, units. */
export function elementNotes(e: Pick<PropertyModel, "qualifiers" | "type">, t: ElementType): string[] {
  const notes: string[] = [];
  const embedded = findQualifier(e.qualifiers, "EmbeddedInstance") !== undefined || e.type.kind === "instance";
  if (t.base === "embedded" && embedded && t.embeddedClass === undefined)
    notes.push(
      `Embedded instance of ${t.embeddedName ?? "?"}, a class the schema does not have: typed by its properties only.`,
    );
  const units = unitsNote(e.qualifiers);
  if (units !== undefined) notes.push(units);
  return notes;
}

/**
 * Where the property comes from: declared here, or overriding the superclass's. The model's `classOrigin` is the
 * class that declared the property last, so the class that first declared it is found by walking up.
 */
function originNote(
  cls: ClassModel,
  p: PropertyModel,
  inherited: PropertyModel | undefined,
  ctx: NamespaceContext,
): string {
  const mof = `\`${describeType(p.type, p.array !== undefined)} ${p.name}\``;
  if (inherited === undefined) return `MOF: ${mof}, declared in ${cls.name}.`;
  const first = firstDeclarer(inherited, ctx);
  if (first === inherited.classOrigin)
    return `MOF: ${mof} of ${cls.name}, overriding the property first declared in ${first}.`;
  return `MOF: ${mof} of ${cls.name}, overriding ${inherited.classOrigin}'s, first declared in ${first}.`;
}

/** The class that first declared a property: up the superclasses from the class that declared it last. */
function firstDeclarer(p: PropertyModel, ctx: NamespaceContext): string {
  let origin = p.classOrigin;
  // Each step goes to a class strictly above the last (the model has no inheritance cycles); bounded all the same.
  for (let depth = 0; depth < 1000; depth++) {
    const declarer = ctx.ns.classByName.get(fold(origin));
    const above = declarer && ctx.superclassOf(declarer)?.propertyByName.get(fold(p.name));
    if (above === undefined) return origin;
    origin = above.classOrigin;
  }
  return origin;
}

/**
 * Whether an override's type is assignable to the inherited property's, judged from the types alone (no checker):
 * the same type; a required property for an optional one; literals within the inherited literals or plain base
 * type; anything numeric for an open map; a REF to any class. Anything else (embedded classes, types changed)
 * counts as not assignable: an `Omit` too many is harmless, one too few breaks the interface.
 */
function keepsInheritedType(p: PropertyModel, inherited: PropertyModel, ctx: NamespaceContext): boolean {
  if (p.name !== inherited.name) return false;
  if (inherited.key && !p.key) return false;
  const sub = elementType(p, ctx.findClass);
  const sup = elementType(inherited, ctx.findClass);
  const mapName = (m: Parameters<typeof ctx.maps.find>[0]) => ctx.maps.find(m, sub.base === "bigint")?.name ?? "?";
  if (typeKey(sub, mapName) === typeKey(sup, mapName)) return true;
  if (sub.array !== sup.array || sub.base !== sup.base) return false;
  // Every Reference<"X"> is assignable to every Reference<"Y"> (runtime schema.ts), so narrowing a REF needs no Omit.
  if (sub.base === "reference") return true;
  if (sub.base !== "number" && sub.base !== "bigint" && sub.base !== "string") return false;
  const supMap = sup.valueMap;
  if (supMap === undefined || supMap.open) return true;
  const supLiterals = literals(supMap);
  if (supLiterals.size === 0) return true;
  const subMap = sub.valueMap;
  if (subMap === undefined || subMap.open) return false;
  const subLiterals = literals(subMap);
  return subLiterals.size > 0 && [...subLiterals].every((v) => supLiterals.has(v));
}

function literals(map: NonNullable<ElementType["valueMap"]>): Set<string> {
  return new Set(
    map.entries
      .filter((e) => e.kind === "single")
      .map((e) => (map.valueType === "string" ? `s:${e.value}` : `i:${e.lo}`)),
  );
}
