/**
 * A string equal to `text` that shares no memory with a larger string. V8 makes a substring of 13 characters or
 * more a view of the string it was cut from ("sliced string"), so a name cut from a source file keeps the whole
 * file's text alive for as long as the name lives. Tables that live as long as the process (the case-folding
 * table, the shared string values) would then keep an old text of every file for every new name a long `--watch`
 * or editor session met, long after the compile that read it. Called once per table entry, not per lookup.
 */
export function detach(text: string): string {
  // Shorter substrings are copies already. Otherwise a concatenation is flattened into a new string of its own;
  // the slice of that keeps only this short copy alive.
  return text.length < 13 ? text : ` ${text}`.slice(1);
}
