/**
 * The runtime that generated TypeScript imports: value-map decoding, CIM datetimes and intervals, object paths for
 * REF values, embedded-instance MOF text, and the job-started convention. Self-contained: nothing here imports the
 * compiler, so generated code stays small.
 */
export * from "./datetime.js";
export * from "./embedded.js";
export * from "./interval.js";
export * from "./job.js";
export * from "./reference.js";
export * from "./schema.js";
export * from "./value-map.js";
