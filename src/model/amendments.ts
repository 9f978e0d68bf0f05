import { findQualifier, isTrue } from "./qualifiers.js";
import type { ClassAmendment, ClassModel, NamespaceModel, QualifierValue } from "./types.js";
import { fold } from "./types.js";

const localeNamespace = /^ms_[0-9a-f]{3,4}$/i;

/**
 * Merge localisation files (`.mfl`) into the classes they localise: a class marked `Amendment` in a child
 * namespace (`root/virtualization/v2/ms_409`) lends its own qualifiers, and its members', to the class of the
 * same name in the parent namespace, under the locale the child namespace names. The amended classes stay
 * in their own namespace too, as WMI keeps them.
 */
export function mergeAmendments(namespaces: readonly NamespaceModel[]): void {
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
      (base.amendments as ClassAmendment[]).push(amendmentOf(amended, locale, ns.name));
    }
  }
}

function amendmentOf(amended: ClassModel, locale: string, namespace: string): ClassAmendment {
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
