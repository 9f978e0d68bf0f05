/**
 * `mofgen/generate`: the generators, apart from the main entry because the docs bring a heavy library
 * (Handlebars). `import { buildProgram } from "mofgen"` stays as light as the compiler; import these only where
 * code or pages are generated.
 */
export { type DocsResult, generateDocs, renderDocs } from "./emit/docs/generate.js";
export { type TemplateProblem, templateNames } from "./emit/docs/templates.js";
export { generateTypeScript } from "./emit/ts/generate.js";
export { type EmitCounts, EmitMemo } from "./session/emit-memo.js";
