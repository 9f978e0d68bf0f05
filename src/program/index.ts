/** A compilation's files: loading the inputs, following includes, parsing each file once. */

export { type CachedParse, ParseCache } from "./parse-cache.js";
export {
  buildProgram,
  type CompileOptions,
  type IncludeEdge,
  type ParsedFile,
  type Program,
  parseText,
} from "./program.js";
