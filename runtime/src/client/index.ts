/** The WBEM client: typed operations over any protocol, CIM-XML over HTTP(S) first. */
export * from "./cimxml-connection.js";
export * from "./cimxml-exporter.js";
export * from "./errors.js";
export * from "./operations.js";
export * from "./wbem-client.js";
