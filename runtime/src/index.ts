/**
 * The runtime that generated TypeScript imports: value-map decoding, CIM datetimes and intervals, object paths for
 * REF values, embedded-instance MOF text, the job-started convention, and the `ProviderHost` that CIM providers
 * written against the generated bases run in. Self-contained: nothing here imports the compiler, so generated code
 * stays small.
 */
export * from "./cim-error.js";
export * from "./cim-value.js";
export * from "./datetime.js";
export * from "./embedded.js";
export * from "./interval.js";
export * from "./job.js";
export * from "./provider.js";
export * from "./provider-base.js";
export * from "./provider-checks.js";
export * from "./provider-host.js";
export * from "./reference.js";
export * from "./schema.js";
export * from "./value-map.js";
