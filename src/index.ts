/**
 * mofgen's public API. `compile()` loads MOF files with their includes, parses them and resolves the schema:
 * classes, qualifiers, value maps and instances. Every problem is a diagnostic (never an exception). Each phase
 * is also reachable alone through its folder's barrel, re-exported here; the generators, whose docs load
 * Handlebars, are in `mofgen/generate`.
 */
export type * from "./ast/index.js";
export { type Compilation, type CompileSettings, compile, compileProgram, compileText } from "./compile.js";
export * from "./diagnostics/index.js";
export * from "./dialect/index.js";
export * from "./diff/index.js";
export * from "./emit/index.js";
export * from "./model/index.js";
export * from "./parser/index.js";
export * from "./program/index.js";
export * from "./session/index.js";
export * from "./source/index.js";
export { VERSION } from "./version.js";
