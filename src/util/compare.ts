/**
 * Code-unit order of strings (UTF-16 code units, what `<` compares): the same on every machine and in every
 * locale, unlike `localeCompare`, so generated files, manifests, diagnostics and diffs list things in one fixed
 * order. Every sort of names, paths or keys in mofgen goes through this one comparator.
 */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
