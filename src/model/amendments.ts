import { Diagnostics } from "../diagnostics/catalog.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { DialectRules } from "../dialect/rules.js";
import type { Span } from "../source/span.js";
import { appendAll } from "../util/arrays.js";
import { findQualifier, isTrue } from "./qualifiers.js";
import type {
  ClassAmendment,
  ClassModel,
  DataType,
  NamespaceModel,
  QualifierValue,
  ValueMap,
  WrittenString,
} from "./types.js";
import { fold } from "./types.js";
import { resolveValueMap } from "./value-map.js";

const localeNamespace = /^ms_[0-9a-f]{3,4}$/i;

/**
 * Merge localisation files (`.mfl`) into the classes they localise: a class marked `Amendment` in a child
 * namespace (`root/virtualization/v2/ms_409`) lends its own qualifiers, and its members', to the class of the
 * same name in the parent namespace, under the locale the child namespace names. The amended classes stay
 * in their own namespace too, as WMI keeps them.
 */
export function mergeAmendments(
  namespaces: readonly NamespaceModel[],
  diagnostics: Diagnostic[],
  rules: DialectRules,
): void {
  const byName = new Map(namespaces.map((n) => [fold(n.name), n]));
  for (const ns of namespaces) {
    const cut = ns.name.lastIndexOf("/");
    if (cut < 0) continue;
    const parent = byName.get(fold(ns.name.slice(0, cut)));
    if (parent === undefined) continue;
    const locale = ns.name.slice(cut + 1);
    // Only locale namespaces (`ms_409`, named by the LCID) hold localisations. Other child namespaces, such
    // as root/virtualization/v2 under root/virtualization, hold schemas of their own whose classes may also
    // carry Amendment (as the Hyper-V classes do: it marks them as having localised parts).
    if (!localeNamespace.test(locale)) continue;
    for (const amended of ns.classes) {
      if (!isTrue(amended.qualifiers, "amendment")) continue;
      const base = parent.classByName.get(fold(amended.name));
      if (base === undefined) continue;
      const valueMaps = localizedValueMaps(base, amended, diagnostics, rules);
      (base.amendments as ClassAmendment[]).push({ ...amendmentOf(amended, locale, ns.name), valueMaps });
    }
  }
}

function amendmentOf(amended: ClassModel, locale: string, namespace: string): Omit<ClassAmendment, "valueMaps"> {
  const own = (list: readonly QualifierValue[]) =>
    list.filter((q) => !q.propagated && fold(q.name) !== "amendment" && fold(q.name) !== "locale");
  const members = new Map<string, readonly QualifierValue[]>();
  const parameters = new Map<string, readonly QualifierValue[]>();
  for (const p of amended.ownProperties) members.set(fold(p.name), own(p.qualifiers));
  for (const m of amended.ownMethods) {
    members.set(fold(m.name), own(m.qualifiers));
    for (const p of m.parameters) parameters.set(`${fold(m.name)}.${fold(p.name)}`, own(p.qualifiers));
  }
  return { locale, namespace, qualifiers: own(amended.qualifiers), members, parameters };
}

/** A localised qualifier value, or the neutral one when the locale has none. */
export function localized(
  cls: ClassModel,
  locale: string,
  member: string | undefined,
  name: string,
): QualifierValue | undefined {
  const amendment = cls.amendments.find((a) => fold(a.locale) === fold(locale));
  const list = member === undefined ? amendment?.qualifiers : amendment?.members.get(fold(member));
  const neutral =
    member === undefined
      ? cls.qualifiers
      : (cls.propertyByName.get(fold(member))?.qualifiers ?? cls.methodByName.get(fold(member))?.qualifiers ?? []);
  return (list && findQualifier(list, name)) ?? findQualifier(neutral, name);
}

/**
 * The value map of a property or method (its return value), or of a method's parameter, labelled in a locale
 * (`ms_409`), when the class's amendment for that locale writes its Values; else undefined.
 */
export function localizedValueMap(
  cls: ClassModel,
  locale: string,
  member: string,
  parameter?: string,
): ValueMap | undefined {
  const amendment = cls.amendments.find((a) => fold(a.locale) === fold(locale));
  const key = parameter === undefined ? fold(member) : `${fold(member)}.${fold(parameter)}`;
  return amendment?.valueMaps.get(key);
}

/** One element of a class and of its amendment: a property, a method (its return value) or a parameter. */
interface LocalizedElement {
  readonly key: string;
  readonly type: DataType;
  readonly neutral: ValueMap | undefined;
  readonly amended: {
    readonly qualifiers: readonly QualifierValue[];
    readonly valueMap: ValueMap | undefined;
    readonly span: Span;
  };
}

/**
 * The value maps of a class in the amendment's language: where the amendment writes Values (`Values{...} :
 * Amended`), its labels paired with the amendment's own ValueMap when it writes one too (Microsoft's localized
 * MOF usually repeats it), else with the neutral element's ValueMap strings as written, decoded as the neutral map
 * is. A translation with another number of labels than the ValueMap has entries is reported at its Values
 * (MOF3010); problems of the neutral strings were reported where they are written.
 */
function localizedValueMaps(
  base: ClassModel,
  amended: ClassModel,
  diagnostics: Diagnostic[],
  rules: DialectRules,
): ReadonlyMap<string, ValueMap> {
  const out = new Map<string, ValueMap>();
  for (const element of localizedElements(base, amended)) {
    const map = localizeValueMap(element, diagnostics, rules);
    if (map !== undefined) out.set(element.key, map);
  }
  return out;
}

function* localizedElements(base: ClassModel, amended: ClassModel): Iterable<LocalizedElement> {
  for (const p of amended.ownProperties) {
    const neutral = base.propertyByName.get(fold(p.name));
    if (neutral !== undefined) yield { key: fold(p.name), type: neutral.type, neutral: neutral.valueMap, amended: p };
  }
  for (const m of amended.ownMethods) {
    const neutral = base.methodByName.get(fold(m.name));
    if (neutral === undefined) continue;
    yield { key: fold(m.name), type: neutral.returnType, neutral: neutral.valueMap, amended: m };
    for (const p of m.parameters) {
      const neutralParameter = neutral.parameters.find((q) => fold(q.name) === fold(p.name));
      if (neutralParameter === undefined) continue;
      const key = `${fold(m.name)}.${fold(p.name)}`;
      yield { key, type: neutralParameter.type, neutral: neutralParameter.valueMap, amended: p };
    }
  }
}

function localizeValueMap(
  element: LocalizedElement,
  diagnostics: Diagnostic[],
  rules: DialectRules,
): ValueMap | undefined {
  const { amended, neutral, type } = element;
  const written = amended.valueMap?.written;
  const labels = ownStrings(amended.qualifiers, "values", written?.values);
  if (labels === undefined || amended.valueMap === undefined) return undefined;
  const ownMap = ownStrings(amended.qualifiers, "valuemap", written?.valueMap);
  const valueMap = ownMap ?? neutral?.written.valueMap;
  const result = resolveValueMap({
    valueMap,
    values: labels,
    elementType: type.kind === "intrinsic" ? type.name : undefined,
    at: amended.span,
  });
  // An amendment that writes both was checked as its own class; one that writes only Values is checked here
  // for what it adds: how many labels it gives.
  if (ownMap === undefined) {
    const length = result.diagnostics.filter((d) => d.code === Diagnostics.ValueMapLength.code);
    appendAll(diagnostics, length.map(rules.unchecked));
  }
  if (result.valueMap === undefined) return undefined;
  const declarer = neutral?.declarer ?? amended.valueMap.declarer;
  return { ...result.valueMap, declarer, written: { valueMap, values: labels } };
}

/** The strings of a ValueMap or Values qualifier written on the element itself (not inherited), else undefined. */
function ownStrings(
  qualifiers: readonly QualifierValue[],
  name: string,
  strings: readonly WrittenString[] | undefined,
): readonly WrittenString[] | undefined {
  const q = findQualifier(qualifiers, name);
  return q === undefined || q.propagated ? undefined : (strings ?? []);
}
