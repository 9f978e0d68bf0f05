// The runtime as the CIM-XML bench loads it: the package's main entry and its server, from the sources.
export * from "../../runtime/src/index.js";
export * from "../../runtime/src/server/index.js";
