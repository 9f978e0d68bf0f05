import { createHash } from "node:crypto";
import { Diagnostics, diag, withPath } from "../diagnostics/catalog.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";

/**
 * The one policy for the names of the files and folders that a generate run writes (TypeScript modules, provider
 * bases and implementations, index modules, value-map modules, reference pages). Each emitter first spells a MOF
 * name in its own alphabet of ASCII letters, digits and a few marks (`symbols.ts`, `docs/paths.ts`); this module
 * then makes the spelling safe wherever the output is copied:
 *
 * - Windows device names (`CON`, `nul`, `COM1`, `LPT9`, also with an extension, `CONIN$`...) get a `$` after
 *   them, which neither alphabet puts at the end of a name: `CON` -> `CON$`.
 * - Names of `maxStemBytes` bytes or more keep a readable prefix and end in `~` and a hash of the whole name,
 *   exactly `maxStemBytes` long: a name that is kept is always shorter, so the two kinds never meet.
 *
 * `checkOutputPaths` then checks the whole output as Windows (NTFS) and macOS (APFS) will see it: names equal after
 * Unicode case folding and normalisation are one file there.
 */

/** Bytes (UTF-8) of a file or folder name before its extension: far below the 255 file systems allow. */
export const maxStemBytes = 120;

/** Whole relative paths above this many bytes are refused: macOS allows 1,024 for the full path. */
export const maxPathBytes = 800;

/** The folder of the output directory that holds the reference pages (`generated/docs/`). */
export const docsFolder = "docs";

/** Windows reserves these names in every folder, whatever the case and with any extension; `¹²³` count as digits. */
const deviceName =
  /^(?:CON|PRN|AUX|NUL|COM[0-9\u00b9\u00b2\u00b3]|LPT[0-9\u00b9\u00b2\u00b3]|CONIN\$|CONOUT\$|CLOCK\$)$/i;

/** Whether Windows treats a file or folder name as a device (the part before the first dot, trailing spaces off). */
export function isDeviceName(name: string): boolean {
  const dot = name.indexOf(".");
  return deviceName.test((dot < 0 ? name : name.slice(0, dot)).replace(/[ ]+$/, ""));
}

/** A file or folder name, before its extension, made safe as described above. */
export function portableStem(stem: string): string {
  if (Buffer.byteLength(stem) >= maxStemBytes) return shortened(stem);
  return isDeviceName(stem) ? `${stem}$` : stem;
}

/** A readable prefix, `~`, and 12 hex digits of the SHA-256 of the whole name: `maxStemBytes` bytes in all. */
function shortened(stem: string): string {
  const hash = createHash("sha256").update(stem).digest("hex").slice(0, 12);
  let prefix = "";
  let bytes = 0;
  for (const ch of stem) {
    const size = Buffer.byteLength(ch);
    if (bytes + size > maxStemBytes - hash.length - 1) break;
    prefix += ch;
    bytes += size;
  }
  return `${prefix}~${hash}`;
}

/** The key under which Windows and macOS file systems find a path: case-folded, normalised (NFC). */
export function pathKey(path: string): string {
  return path.normalize("NFC").toUpperCase().toLowerCase().normalize("NFC");
}

/** Characters Windows forbids in names, and control characters (C0 and C1). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this finds.
const forbidden = /[<>:"\\|?*\u0000-\u001f\u007f-\u009f]/;

/** Why one file or folder name cannot be written everywhere, or undefined when it can. */
function nameProblem(name: string): string | undefined {
  if (name === "" || name === "." || name === "..") return "is empty, '.' or '..'";
  if (forbidden.test(name)) return "holds a character that Windows forbids";
  if (/[. ]$/.test(name)) return "ends in '.' or a space, which Windows drops";
  if (isDeviceName(name)) return "is a name Windows reserves for a device";
  if (Buffer.byteLength(name) > 255) return "is longer than the 255 bytes that file systems allow";
  return undefined;
}

/**
 * The final check of one output tree (the paths of every file a run writes under one directory): each name must be
 * portable, and no two paths (nor a file and a folder) may be equal once case and Unicode normalisation are folded.
 * The emitters are built so that this never finds anything; when it does, it is a bug in mofgen, reported as an
 * error (MOF4930) rather than a crash or a lost file. A whole path over `maxPathBytes` (namespaces many and long)
 * is the input's doing: MOF4931.
 */
export function checkOutputPaths(paths: readonly string[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report = (path: string, why: string) =>
    out.push(withPath(diag(Diagnostics.OutputPathUnsafe, undefined, path, why), path));
  const files = new Map<string, string>();
  const folders = new Map<string, string>();
  let tooLong: string | undefined;
  for (const path of paths) {
    // Deep or long namespaces, not a bug: each name is bounded, their number is the MOF's. Said once.
    if (tooLong === undefined && Buffer.byteLength(path) > maxPathBytes) tooLong = path;
    const names = path.split("/");
    for (const name of names) {
      const why = nameProblem(name);
      if (why !== undefined) report(path, `has a name that ${why}`);
    }
    const key = pathKey(path);
    const same = files.get(key);
    if (same !== undefined) report(path, `is the same file as '${same}' on Windows and macOS`);
    else files.set(key, path);
    for (let i = 1; i < names.length; i++) {
      const folder = names.slice(0, i).join("/");
      const folderKey = pathKey(folder);
      const spelled = folders.get(folderKey);
      if (spelled === undefined) folders.set(folderKey, folder);
      else if (spelled !== folder)
        report(path, `is in the folder '${folder}', which is '${spelled}' on Windows and macOS`);
    }
  }
  for (const [key, path] of files) {
    const folder = folders.get(key);
    if (folder !== undefined) report(path, `is a file where '${folder}' is a folder`);
  }
  if (tooLong !== undefined) {
    const bytes = Buffer.byteLength(tooLong);
    out.push(withPath(diag(Diagnostics.OutputPathTooLong, undefined, tooLong, bytes, maxPathBytes), tooLong));
  }
  return out;
}
