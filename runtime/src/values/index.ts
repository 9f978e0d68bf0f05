/**
 * CIM values as the runtime carries them, and the facts the compiler shares with it (integer ranges, value-map
 * openness): `@mofgen/runtime/values`, the one entry the compiler imports, so the two can never disagree.
 */
export * from "./caller-value.js";
export * from "./cim-error.js";
export * from "./cim-name.js";
export * from "./cim-value.js";
export * from "./class-directory.js";
export * from "./class-map.js";
export * from "./class-members.js";
export * from "./class-path.js";
export * from "./class-values.js";
export * from "./datetime.js";
export * from "./embedded.js";
export * from "./instance-json.js";
export * from "./interval.js";
export * from "./job.js";
export * from "./message-text.js";
export * from "./reference.js";
export * from "./schema.js";
export * from "./value-map.js";
export { formatXsDateTime, formatXsDuration } from "./xs-datetime.js";
