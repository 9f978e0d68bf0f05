/** The server side of the wire: `createCimServer` serves a `ProviderHost` over CIM-XML (DSP0200) at `/cimom`. */
export * from "./auth.js";
export * from "./cim-server.js";
export type { Endpoint, EndpointReply, EndpointRequest } from "./endpoint.js";
export * from "./limits.js";
export { ServedNamespace } from "./namespace.js";
