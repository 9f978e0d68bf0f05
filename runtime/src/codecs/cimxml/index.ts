/** The CIM-XML codec (DMTF DSP0201): pure functions between CIM values and CIM-XML, shared by client and server. */
export * from "./class.js";
export * from "./errors.js";
export * from "./export.js";
export * from "./message.js";
export * from "./path.js";
export * from "./qualifier-declaration.js";
export * from "./scalar.js";
export * from "./typed.js";
export * from "./value.js";
