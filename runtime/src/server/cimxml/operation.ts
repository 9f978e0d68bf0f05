import type { EnumerationContexts } from "../enumeration-contexts.js";
import type { ServedNamespace } from "../namespace.js";
import type { IParams } from "./iparams.js";
import type { Body } from "./response.js";

/** What an intrinsic operation is given: its namespace, parameters, and the server's shared state. */
export interface OperationInput {
  readonly ns: ServedNamespace;
  readonly params: IParams;
  readonly signal: AbortSignal;
  /** The HOST written in INSTANCEPATHs: the Host header the client used. */
  readonly hostName: string;
  readonly enumerations: EnumerationContexts;
}

/** An intrinsic operation: the IPARAMVALUE names DSP0200 defines for it, and what it does. */
export interface Operation {
  readonly params: readonly string[];
  run(input: OperationInput): Promise<Body>;
}

export { enumerate, instancePath, pick, propertyFilter } from "../instances.js";
