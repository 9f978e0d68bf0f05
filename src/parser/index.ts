/** Parsing one source file into a syntax tree. */
export { type ParseOptions, type ParseResult, parseSource } from "./parse.js";
