// Writes src/emit/docs/template-sources.ts from src/emit/docs/templates/*.hbs, so that the default templates
// travel inside the code (the bundled CLI, the compiled library, vitest) without a file loader or a copy step.
// Run after editing a template: `node scripts/docs-templates.mjs`; test/emit/docs/templates.test.ts fails
// when the generated module is stale.
import { writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { templateModule } from "./docs-templates-lib.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const target = join(root, "src/emit/docs/template-sources.ts");
writeFileSync(target, templateModule(join(root, "src/emit/docs/templates")));
console.log(`wrote ${target}`);
