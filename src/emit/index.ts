/**
 * The light emitters (model JSON, canonical MOF) and the generators' option and result types. The generators
 * themselves are in `mofgen/generate` (src/generate.ts), not here: the docs load Handlebars.
 */
export type { DocsOptions, Overlay, OverlayEntry, OverlayExample, OverlayRequirements } from "./docs/options.js";
export { formatModelJson, type ModelJsonOptions, modelJsonChunks, modelToJson } from "./model-json.js";
export { type MofPrintOptions, printMof } from "./mof/print.js";
export { defaultTypeScriptOptions, type GeneratedFile, type TypeScriptOptions } from "./ts/generated-file.js";
