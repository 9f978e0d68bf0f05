/**
 * `@mofgen/runtime`, what generated TypeScript imports: CIM values (value maps, datetimes, intervals, object paths,
 * embedded instances, the job-started convention), the XML layer and the CIM-XML codec, and the `ProviderHost`
 * that providers written against the generated bases run in. Self-contained: nothing here imports the compiler, so
 * generated code stays small.
 */
export * from "./client/index.js";
export * from "./codecs/cimxml/index.js";
/** The WS-Management codec, as a namespace: its readers and writers share names with the CIM-XML codec's. */
export * as wsman from "./codecs/wsman/index.js";
export * from "./host/host-operation.js";
export * from "./host/job-store.js";
export * from "./host/provider.js";
export * from "./host/provider-base.js";
export * from "./host/provider-checks.js";
export * from "./host/provider-host.js";
export * from "./host/returned-instance.js";
export * from "./query/wql.js";
export * from "./transport/index.js";
export * from "./values/index.js";
export * from "./xml/index.js";
