/**
 * The one rule for comparing MOF names (classes, properties, methods, parameters, keys, qualifiers, namespaces,
 * keywords), used by the compiler and the runtime alike so that two names the model calls equal are equal on the
 * wire, in the differ and in a provider: names are case-insensitive but case-preserving (DSP0004), and the case
 * comparison is Unicode default caseless matching (The Unicode Standard, 3.13, D144): both names mapped by the full
 * case folding of CaseFolding.txt (status C and F, never the Turkic T), then compared code point by code point.
 * That is what ICU's `u_strcasecmp(..., U_FOLD_CASE_DEFAULT)` gives OpenPegasus. So `Ǆ`/`ǅ`/`ǆ`, `Σ`/`σ`/`ς`,
 * KELVIN SIGN/`K`/`k`, `ß`/`ẞ`/`SS` and `İ`/`i̇` (i + COMBINING DOT ABOVE) are each one name, and `ı` (dotless i)
 * stays apart from `i`. JavaScript's `toLowerCase()` is not this rule: it keeps `ß` apart from `ss` and `ϐ` from
 * `β`, and lower-cases a final `Σ` to `ς` but a medial one to `σ`.
 */
export function foldName(name: string): string {
  for (let i = 0; i < name.length; i++) {
    if (name.charCodeAt(i) >= 0x80) return foldUnicode(name);
  }
  // ASCII: folding is lower-casing A-Z, which the engine does without copying an already lower-case name.
  return name.toLowerCase();
}

/**
 * Whether two names are the same MOF name: `foldName(a) === foldName(b)`, but ASCII names are compared in place,
 * without folding copies of them, since lookups ask this of every member of a class for every name they find.
 */
export function sameName(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return !(isAscii(a) && isAscii(b)) && foldName(a) === foldName(b);
  for (let i = 0; i < a.length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0x80 || y >= 0x80) return foldName(a) === foldName(b);
    const lower = x | 0x20;
    if (lower !== (y | 0x20) || lower < 0x61 || lower > 0x7a) return false;
  }
  return true;
}

function isAscii(name: string): boolean {
  for (let i = 0; i < name.length; i++) if (name.charCodeAt(i) >= 0x80) return false;
  return true;
}

/**
 * Per code point, so no context rule (final sigma) applies. Lower, upper, lower again gives the full case folding
 * of every code point: upper-casing joins what folding joins (`ς`/`σ` through `Σ`, `ß` and `ẞ` through `SS`, `ϐ` and
 * `β` through `Β`), lower-casing comes back to the folded form. Two exceptions: `ı` upper-cases to `I` but folds to
 * itself, and Cherokee folds to its upper-case letters (Unicode 8 added the lower-case ones, and folding kept the
 * earlier letters as the folded form). Checked for every code point against Python's `str.casefold()` (Unicode 14) when
 * written; `test/runtime/cim-name.test.ts` checks it against the engine's own simple folding (regular expressions
 * with the `iu` flags).
 */
function foldUnicode(name: string): string {
  let out = "";
  for (const ch of name) {
    const code = ch.codePointAt(0) as number;
    out += code < 0x80 ? ch.toLowerCase() : foldCodePoint(ch, code);
  }
  return out;
}

const folds = new Map<string, string>();

function foldCodePoint(ch: string, code: number): string {
  if (code === 0x131) return ch;
  let folded = folds.get(ch);
  if (folded === undefined) {
    folded = ch.toLowerCase().toUpperCase().toLowerCase();
    const first = folded.codePointAt(0) as number;
    if (folded.length === 1 && ((first >= 0xab70 && first <= 0xabbf) || (first >= 0x13f8 && first <= 0x13fd)))
      folded = folded.toUpperCase();
    // Only the code points that folding changes (some 1,500) are kept, so no name can grow the table.
    if (folded !== ch) folds.set(ch, folded);
  }
  return folded;
}
