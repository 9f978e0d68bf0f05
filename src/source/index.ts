/** Source text: decoding MOF bytes, files with their line maps, and spans. */
export { decodeMof } from "./encoding.js";
export { type Encoding, type Position, SourceFile } from "./source-file.js";
export { type ResolvedSpan, resolveSpan, type Span } from "./span.js";
