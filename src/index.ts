/**
 * mofgen's public API. The front end loads MOF files with their includes and parses them into syntax trees;
 * the model resolves them into classes, qualifiers, value maps and instances. Every problem is a diagnostic
 * (never an exception).
 */
export type * from "./ast/nodes.js";
export { catalogEntries, Diagnostics } from "./diagnostics/catalog.js";
export { compareDiagnostics, type Diagnostic, hasErrors, type Severity } from "./diagnostics/diagnostic.js";
export { formatJson, type JsonDiagnostic } from "./diagnostics/format/json.js";
export { formatPretty } from "./diagnostics/format/pretty.js";
export { formatSarif } from "./diagnostics/format/sarif.js";
export {
  allChangeTypes,
  type Change,
  type ChangeType,
  type Criticality,
  changeTypes,
  type DiffOptions,
  diffSchemas,
  diffToJson,
  formatDiffJson,
  formatDiffMarkdown,
  formatDiffText,
} from "./diff/index.js";
export type {
  DocsOptions,
  Overlay,
  OverlayEntry,
  OverlayExample,
  OverlayRequirements,
} from "./emit/docs/options.js";
export { formatModelJson, modelJsonChunks, modelToJson } from "./emit/model-json.js";
export { defaultTypeScriptOptions, type GeneratedFile, type TypeScriptOptions } from "./emit/ts/generated-file.js";
export { localized } from "./model/amendments.js";
export { type ModelOptions, type ModelResult, resolveSchema } from "./model/resolve.js";
export type * from "./model/types.js";
export { decodeValue, resolveValueMap } from "./model/value-map.js";
export { type Dialect, type ParseOptions, type ParseResult, parseSource } from "./parser/parse.js";
export {
  buildProgram,
  type CompileOptions,
  type IncludeEdge,
  type ParsedFile,
  type Program,
  parseText,
} from "./program/program.js";
export { decodeMof } from "./source/encoding.js";
export { type Encoding, type Position, SourceFile } from "./source/source-file.js";
export { type ResolvedSpan, resolveSpan, type Span } from "./source/span.js";
