import { resolve } from "node:path";
import { Diagnostics, diag, withPath } from "../diagnostics/catalog.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { compareCodeUnits } from "../util/compare.js";
import { type LinkOnPath, linkToMissingFolder } from "./real-path.js";

/**
 * The diagnostics of what stands on the way to the files the output writer writes (symbolic links it will not
 * follow, files where it must create folders), shared by the output and providers.
 */

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

/**
 * MOF4911 at each file (or FIFO, device) in the way of a folder that planned files go below, once, with their
 * number. Writing would fail below it after writing the rest, and making the folder would mean removing a file
 * that may be the user's: planning refuses it, and nothing is written.
 */
export class FilesInTheWay {
  readonly #below = new Map<string, number>();

  /** Note that a planned file goes below `path`, a file in the way (`PathGuard.fileOnPath`). */
  add(path: string): void {
    this.#below.set(path, (this.#below.get(path) ?? 0) + 1);
  }

  report(diagnostics: Diagnostic[]): void {
    const paths = [...this.#below.keys()].sort(compareCodeUnits);
    for (const path of paths)
      diagnostics.push(withPath(diag(Diagnostics.OutputNotGenerated, undefined, this.#below.get(path)), path));
  }
}
