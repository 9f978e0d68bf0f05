/**
 * An answer that is not 200 OK. DSP0200 servers name a protocol failure in the `CIMError` header
 * (`request-not-valid`, `unsupported-operation`...), and OpenPegasus adds a `PGErrorDetail`; 401 means the
 * credentials were refused.
 */
export class HttpStatusError extends Error {
  override readonly name = "HttpStatusError";
  constructor(
    readonly url: URL,
    readonly status: number,
    readonly cimError: string | undefined,
    readonly detail: string | undefined,
    body: string,
  ) {
    const why = status === 401 ? "authentication failed (HTTP 401)" : `HTTP ${status}`;
    const header = cimError === undefined ? "" : `, CIMError: ${cimError}`;
    const more = detail === undefined ? "" : `: ${decodeURIComponent(detail)}`;
    super(
      `${url.href}: ${why}${header}${more}${detail === undefined && body.trim() !== "" ? `: ${body.trim().slice(0, 200)}` : ""}`,
    );
  }
}

/**
 * A pull enumeration that the server neither ends nor moves on: page after page without an item and without
 * EndOfSequence. DSP0200 allows an empty page now and then (a server with nothing ready yet), not without end; the
 * iterator stops (and closes the context) rather than ask forever.
 */
export class EnumerationStalledError extends Error {
  override readonly name = "EnumerationStalledError";
  constructor(readonly emptyPages: number) {
    super(
      `the server answered ${emptyPages} pulls in a row with no item and no EndOfSequence; the enumeration was closed`,
    );
  }
}
