import { foldName } from "@mofgen/runtime/values";
/** Qualifier flavors and scopes, as DSP0004 (DMTF) and mofcomp (WMI) spell them. */
export const dmtfFlavors = ["EnableOverride", "DisableOverride", "Restricted", "ToSubclass", "Translatable"] as const;
export const wmiFlavors = ["Amended", "ToInstance", "NotToInstance", "NotToSubclass"] as const;
export const scopeNames = [
  "Schema",
  "Class",
  "Association",
  "Indication",
  "Qualifier",
  "Property",
  "Reference",
  "Method",
  "Parameter",
  "Any",
] as const;

export const flavorByName: ReadonlyMap<string, string> = new Map(
  [...dmtfFlavors, ...wmiFlavors].map((f) => [foldName(f), f]),
);
export const scopeByName: ReadonlyMap<string, string> = new Map(scopeNames.map((s) => [foldName(s), s]));

export function isFlavorName(name: string): boolean {
  return flavorByName.has(foldName(name));
}
