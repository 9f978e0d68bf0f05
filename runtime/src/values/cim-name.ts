/**
 * MOF names (classes, properties, methods, parameters, keys, qualifiers) are case-insensitive but case-preserving
 * (DSP0004). The runtime folds only ASCII letters: JavaScript's `toLowerCase()` also maps non-ASCII letters, so
 * `"\u212Aill"` (KELVIN SIGN) would find the method `Kill`, and a name that differs from a schema name in a way
 * no MOF compiler treats as a case difference would reach a provider under the schema's spelling.
 */
export function foldName(name: string): string {
  return /[A-Z]/.test(name) ? name.replace(/[A-Z]+/g, (upper) => upper.toLowerCase()) : name;
}

/** Whether two names are the same MOF name. */
export function sameName(a: string, b: string): boolean {
  return a.length === b.length && foldName(a) === foldName(b);
}
