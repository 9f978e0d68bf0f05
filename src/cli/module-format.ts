import { dirname, join } from "node:path";
import { Diagnostics, diag, withPath } from "../diagnostics/catalog.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { TypeScriptExtension } from "../emit/ts/generated-file.js";
import { readTextFile } from "../source/read-source.js";

/**
 * Generated modules are ES modules. A `.ts` file is one only when the nearest package.json above it says
 * `"type": "module"` (Node's rule, which tsc's `nodenext` follows; no "type" means CommonJS, and `npm init -y` writes
 * `"commonjs"`). Below any other package.json, tsc refuses every generated import with TS1287/TS1295 and does not
 * say why, so the run warns (MOF4919) and names the file and the fix. No package.json at all, or one that cannot be
 * read as JSON, says nothing: the project is not an npm package, or its tools will complain themselves.
 */
export function moduleFormatCheck(outDir: string, extension: TypeScriptExtension): Diagnostic[] {
  if (extension === ".mts") return [];
  for (let dir = outDir; ; dir = dirname(dir)) {
    const file = join(dir, "package.json");
    const type = packageType(file);
    if (type !== undefined)
      return type === "module" ? [] : [withPath(diag(Diagnostics.OutputCommonJs, undefined), file)];
    if (dirname(dir) === dir) return [];
  }
}

/** The package's "type" ("" when it has none), or undefined when there is no readable package.json here. */
function packageType(file: string): string | undefined {
  let text: string;
  try {
    text = readTextFile(file);
  } catch {
    return undefined;
  }
  try {
    const type = (JSON.parse(text) as { type?: unknown }).type;
    return typeof type === "string" ? type : "";
  } catch {
    return "module";
  }
}
