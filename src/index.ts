/**
 * mofgen's public API. The front end: load MOF files with their includes, parse them into syntax trees and
 * report every problem as a diagnostic (never by throwing).
 */
export type * from "./ast/nodes.js";
export { catalogEntries, Diagnostics } from "./diagnostics/catalog.js";
export { compareDiagnostics, type Diagnostic, hasErrors, type Severity } from "./diagnostics/diagnostic.js";
export { formatJson, type JsonDiagnostic } from "./diagnostics/format/json.js";
export { formatPretty } from "./diagnostics/format/pretty.js";
export { formatSarif } from "./diagnostics/format/sarif.js";
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
