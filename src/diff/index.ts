/** The schema differ: two resolved models in, a list of classified changes out; and its formatters. */
export {
  allChangeTypes,
  atLeast,
  type ChangeSubject,
  type ChangeType,
  type ChangeTypeEntry,
  type Criticality,
  changeType,
  changeTypes,
  criticalityOrder,
} from "./catalog.js";
export type { Change, Location } from "./change.js";
export { type DiffOptions, diffSchemas } from "./diff.js";
export type { FormatOptions } from "./format/common.js";
export { diffToJson, formatDiffJson } from "./format/json.js";
export { formatDiffMarkdown } from "./format/markdown.js";
export { type DiffTextOptions, formatDiffText } from "./format/text.js";
