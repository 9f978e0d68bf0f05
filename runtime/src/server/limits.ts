import { defaultMaxResultCount } from "../host/provider-host.js";
import type { EnumerationLimits } from "./enumeration-contexts.js";

/** What bounds a server's time and memory per request and in all. Every one has a default; tests shorten them. */
export interface ServerLimits extends EnumerationLimits {
  /** Most bytes of a request body; a longer one gets 413 as soon as it is known (Content-Length) or reached. */
  readonly maxBodyBytes: number;
  /** Most nested XML elements in a body (CIM-XML with embedded instances nests about 20 deep). */
  readonly maxXmlDepth: number;
  /** Time for a client to send its headers (slow-loris: 408 and the connection closed). */
  readonly headersTimeoutMs: number;
  /** Time for a client to send the whole request, headers and body. */
  readonly requestTimeoutMs: number;
  /** Requests answered at once; more get 503 with Retry-After. */
  readonly maxConcurrentRequests: number;
}

export const defaultServerLimits: ServerLimits = {
  maxBodyBytes: 16 * 1024 * 1024,
  maxXmlDepth: 64,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 60_000,
  maxConcurrentRequests: 64,
  maxOpen: 256,
  defaultTimeoutSeconds: 60,
  maxTimeoutSeconds: 600,
  maxObjectCount: 10_000,
  // The same bound as the host's own array-returning calls.
  maxResultCount: defaultMaxResultCount,
};
