/**
 * The one rule for comparing MOF names (classes, properties, methods, parameters, keys, qualifiers, namespaces,
 * keywords), used by the compiler and the runtime alike so that two names the model calls equal are equal on the
 * wire, in the differ and in a provider: names are case-insensitive but case-preserving (DSP0004), and the case
 * rule is ASCII's: `A`-`Z` and `a`-`z` are one letter each, every other code point is only itself. Unicode case
 * mapping is deliberately not used (issue 13, item 23): under it `\u212Aill` (KELVIN SIGN) would find the method
 * `Kill`, `ſ` (LONG S) would spell the keyword `class`, and a caller's name that differs from the schema's in a
 * way no MOF compiler treats as a case difference would reach a provider under the schema's spelling. So `Ä` and
 * `ä`, `Σ` and `σ` are two names here, in the model as on the wire.
 */
export function foldName(name: string): string {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 0x80) return foldAsciiLetters(name);
    // An ASCII name: the engine's lower-casing is exactly the ASCII rule, and copies nothing when already lower.
  }
  return name.toLowerCase();
}

/** A name with non-ASCII code points: only `A`-`Z` are lower-cased. */
function foldAsciiLetters(name: string): string {
  return /[A-Z]/.test(name) ? name.replace(/[A-Z]+/g, (upper) => upper.toLowerCase()) : name;
}

/**
 * Whether two names are the same MOF name: `foldName(a) === foldName(b)`, compared in place without folding
 * copies, since lookups ask this of every member of a class for every name they find.
 */
export function sameName(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const lower = x | 0x20;
    if (lower !== (y | 0x20) || lower < 0x61 || lower > 0x7a) return false;
  }
  return true;
}
