import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * Generated code imports the runtime; it must not pull in the compiler (or anything else) with it. Inside the
 * runtime, folders import one way (values <- xml, codecs <- transport <- client, server, host), so a codec never
 * depends on a transport and the server can reuse the codec and the XML layer.
 */
const src = join(dirname(fileURLToPath(import.meta.url)), "../../runtime/src");
const files = readdirSync(src, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));

/** The folders each folder may import from (besides itself); "." is runtime/src's own index.ts. */
const mayImport: Record<string, readonly string[]> = {
  ".": ["values", "xml", "codecs", "transport", "client", "host", "query"],
  values: [],
  xml: [],
  codecs: ["values", "xml"],
  transport: ["values"],
  client: ["values", "xml", "codecs", "transport"],
  host: ["values"],
  query: ["values"],
  server: ["values", "xml", "codecs", "host", "query"],
};
/** Packages the runtime may import: Node's own modules and the XML parser (the one dependency). */
const packageAllowed = (s: string) => s.startsWith("node:") || s === "saxes";

function folderOf(file: string): string {
  const top = file.split("/")[0] ?? "";
  return file.includes("/") ? top : ".";
}

describe("runtime/src is self-contained", () => {
  it.each(files)("%s imports only allowed folders and packages", (file) => {
    const text = readFileSync(join(src, file), "utf8");
    const specifiers = [...text.matchAll(/\b(?:import|export)\b[^;]*?\bfrom\s+"([^"]+)"/g)].map((m) => m[1] ?? "");
    const from = folderOf(file);
    const wrong = specifiers.filter((s) => {
      if (!s.startsWith(".")) return !packageAllowed(s);
      const target = relative(src, resolve(dirname(join(src, file)), s));
      if (target.startsWith("..")) return true;
      const to = folderOf(target);
      // codecs/cimxml may import codecs/common and the like: the first folder is what counts.
      return to !== from && !(mayImport[from] ?? []).includes(to);
    });
    expect(wrong).toEqual([]);
  });
});
