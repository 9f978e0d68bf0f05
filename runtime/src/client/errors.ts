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
