/**
 * What went wrong reading or writing XML. A parse error carries the 1-based line and column of the offending
 * character, so a malformed response can be found in a capture; a write error the index in the string written.
 */
export class XmlError extends Error {
  override readonly name = "XmlError";
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(line === undefined ? message : `${message} (line ${line}, column ${column ?? 0})`);
  }
}
