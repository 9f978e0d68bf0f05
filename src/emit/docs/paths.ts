import { fold } from "../../model/types.js";
import { portableStem } from "../file-names.js";

/**
 * File names of the pages. They must be stable (the same schema always gives the same names), safe on every
 * file system (no character a file system or a URL treats specially, no name Windows reserves), and distinct
 * on case-insensitive file systems. MOF names are case-insensitive, so lower-casing loses nothing:
 *
 * - namespace `root/virtualization/v2` -> folder `root.virtualization.v2/` (one flat folder per namespace, so
 *   a class page can never collide with the folder of a child namespace);
 * - class `Msvm_ComputerSystem` -> `msvm-computersystem.md` (`_` becomes `-`, as Microsoft's pages do; MOF
 *   names cannot hold `-`, so the mapping stays one-to-one);
 * - method `RequestStateChange` of that class -> `msvm-computersystem/requeststatechange.md`;
 * - each namespace's index is `README.md` (GitHub shows it for the folder); the top index is `README.md` too.
 *
 * Characters outside `[a-z0-9_]` (MOF allows some non-ASCII letters in names) become `~` and their code point in
 * six hex digits (fixed width, so that no two names meet).
 * A name that would clash with an index page gets a leading `_` (which the mapping above never produces
 * otherwise); then `portableStem` (`file-names.ts`, shared with the TypeScript emitter) gives a name Windows reserves
 * a `$` (`con$.md`) and shortens a name too long for a file system (`~` and a hash).
 */

const segments = new Map<string, string>();

/** One path segment for a MOF name (memoised: every link to a class computes its page's name). */
export function nameSegment(name: string): string {
  let segment = segments.get(name);
  if (segment === undefined) {
    segment = segmentOf(name);
    if (segments.size < 100_000) segments.set(name, segment);
  }
  return segment;
}

function segmentOf(name: string): string {
  let out = "";
  for (const ch of fold(name)) {
    if (/[a-z0-9]/.test(ch)) out += ch;
    else if (ch === "_") out += "-";
    else out += `~${(ch.codePointAt(0) ?? 0).toString(16).padStart(6, "0")}`;
  }
  if (out === "") out = "~";
  return portableStem(out === "readme" ? `_${out}` : out);
}

/** The folder of a namespace's pages (memoised too: every link to a page starts with it). */
export function namespaceFolder(namespace: string): string {
  let folder = folders.get(namespace);
  if (folder === undefined) {
    // The joined folder is one name: a deep namespace is shortened as a whole.
    folder = portableStem(
      namespace
        .split("/")
        .filter((s) => s !== "")
        .map(nameSegment)
        .join("."),
    );
    if (folders.size < 10_000) folders.set(namespace, folder);
  }
  return folder;
}

const folders = new Map<string, string>();

export const indexPage = "README.md";

/** A class page, relative to the docs root. */
export function classPagePath(namespace: string, className: string): string {
  return `${namespaceFolder(namespace)}/${nameSegment(className)}.md`;
}

/** A method page, relative to the docs root. */
export function methodPagePath(namespace: string, className: string, methodName: string): string {
  return `${namespaceFolder(namespace)}/${nameSegment(className)}/${nameSegment(methodName)}.md`;
}

export function namespaceIndexPath(namespace: string): string {
  return `${namespaceFolder(namespace)}/${indexPage}`;
}

/** The relative link from the page at `from` to the page at `to` (both relative to the docs root, POSIX). */
export function relativeLink(from: string, to: string): string {
  // The common case, a page linking to a page of its own folder, without splitting paths.
  const dir = from.slice(0, from.lastIndexOf("/") + 1);
  if (dir !== "" && to.startsWith(dir) && !to.includes("/", dir.length)) return to.slice(dir.length);
  const a = from.split("/").slice(0, -1);
  const b = to.split("/");
  let common = 0;
  while (common < a.length && common < b.length - 1 && a[common] === b[common]) common++;
  const up = a.slice(common).map(() => "..");
  return [...up, ...b.slice(common)].join("/");
}
