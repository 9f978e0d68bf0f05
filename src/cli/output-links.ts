import { resolve } from "node:path";
import { Diagnostics, diag, withPath } from "../diagnostics/catalog.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { type LinkOnPath, linkToMissingFolder } from "./real-path.js";

/** The diagnostics of symbolic links that the output writer will not follow, shared by the output and providers. */

/**
 * MOF4912 at a dangling link on the way to `dir` that points into a folder that does not exist: creating `dir`
 * would grow a tree where the link only names it (real-path.ts says why a careful writer stops there).
 */
export function linkedAway(dir: string, which: "output" | "providers"): Diagnostic | undefined {
  const link = linkToMissingFolder(resolve(dir));
  if (link === undefined) return undefined;
  const reason =
    `it is a symbolic link to '${link.target}', in a folder that does not exist: mofgen creates ` +
    "the directory a link names, never the folders above it (create them, or fix the link)";
  return withPath(diag(Diagnostics.OutputWriteFailed, undefined, `create the ${which} directory`, reason), link.path);
}

/** MOF4916 for each link on the way to a file (`where` is the directory it is in), once however many files. */
export function linkRefusal(diagnostics: Diagnostic[], where: string): (link: LinkOnPath) => void {
  const reported = new Set<string>();
  return (link) => {
    if (reported.has(link.path)) return;
    reported.add(link.path);
    diagnostics.push(withPath(diag(Diagnostics.OutputThroughLink, undefined, link.target, where), link.path));
  };
}
