/** The MOF dialect (WMI or DMTF): its names, default, parsing from user input, and the rules each phase asks. */
export { type Dialect, defaultDialect, dialectChoices, dialectNames, parseDialect } from "./dialect.js";
export { type DialectRules, dialectRules } from "./rules.js";
