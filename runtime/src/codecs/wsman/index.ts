/** The WS-Management codec (DMTF DSP0226, DSP0227, DSP0230; MS-WSMV): pure functions shared by client and server. */

export * from "./enumeration.js";
export * from "./envelope.js";
export * from "./epr.js";
export * from "./errors.js";
export * from "./fault.js";
export * from "./identify.js";
export * from "./invoke.js";
export * from "./names.js";
export * from "./namespaces.js";
export * from "./resource-uri.js";
export * from "./value.js";
