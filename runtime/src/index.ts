/**
 * The runtime that generated TypeScript imports: value-map decoding, CIM datetimes and intervals, object paths for
 * REF values, embedded-instance MOF text, the job-started convention, and the `ProviderHost` that CIM providers
 * written against the generated bases run in. Self-contained: nothing here imports the compiler, so generated code
 * stays small.
 */

export * from "./host/provider.js";
export * from "./host/provider-base.js";
export * from "./host/provider-checks.js";
export * from "./host/provider-host.js";
export * from "./values/cim-error.js";
export * from "./values/cim-value.js";
export * from "./values/datetime.js";
export * from "./values/embedded.js";
export * from "./values/interval.js";
export * from "./values/job.js";
export * from "./values/reference.js";
export * from "./values/schema.js";
export * from "./values/value-map.js";
