/** Diagnostics: the type, the catalog of codes, and the formatters (code frame, JSON, SARIF). */
export { catalogEntries, Diagnostics } from "./catalog.js";
export { compareDiagnostics, type Diagnostic, hasErrors, type Severity } from "./diagnostic.js";
export { formatJson, type JsonDiagnostic } from "./format/json.js";
export { formatPretty } from "./format/pretty.js";
export { formatSarif } from "./format/sarif.js";
