/** The WBEM client: typed operations over any protocol, CIM-XML or WS-Management over HTTP(S). */
export * from "./cimxml-connection.js";
export * from "./cimxml-exporter.js";
export * from "./concurrency.js";
export * from "./errors.js";
export * from "./job-errors.js";
export * from "./operations.js";
export * from "./wbem-client.js";
export * from "./wsman-connection.js";
