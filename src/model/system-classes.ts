import { fold } from "./types.js";

/**
 * Classes that real tools know without any MOF declaring them (MOF_GUIDE, corpora SOURCES.md): every WMI
 * namespace has the `__`-prefixed system classes built in (`__Win32Provider`, `__EventFilter`,
 * `__ExtrinsicEvent`, ...), and PowerShell DSC registers `OMI_BaseResource` and `MSFT_Credential`. In WMI
 * mode a reference to one of them is not an "unknown class"; their members are not modelled.
 */
const dscClasses = new Set(["omi_baseresource", "msft_credential", "msft_keyvaluepair", "omi_configurationdocument"]);

export function knownSystemClass(name: string): boolean {
  return name.startsWith("__") || dscClasses.has(fold(name));
}

/** The namespace the built-in classes (prelude.ts) are resolved in: they exist in every WMI namespace. */
export const preludeNamespace = "(built-in)";
