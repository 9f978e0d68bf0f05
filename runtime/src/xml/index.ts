/** The XML layer every codec reads and writes through: one bounded reader (saxes), one escaping writer. */
export * from "./chars.js";
export * from "./errors.js";
export * from "./reader.js";
export * from "./tree.js";
export * from "./writer.js";
