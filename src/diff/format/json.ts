import type { Change, Location } from "../change.js";
import { counts, type FormatOptions } from "./common.js";

/**
 * The JSON format, described by docs/diff.schema.json: the two inputs, a summary, and every change with the
 * fields of `Change` (locations with paths as the other commands print them). Keys are always present;
 * absent values are null.
 */
export function diffToJson(changes: readonly Change[], options: FormatOptions) {
  const n = counts(changes);
  const place = (at: Location | null) =>
    at === null ? null : { file: options.relativize(at.file), line: at.line, column: at.column };
  return {
    old: options.oldLabel,
    new: options.newLabel,
    summary: { breaking: n.breaking, dangerous: n.dangerous, nonBreaking: n["non-breaking"] },
    changes: changes.map((c) => ({
      type: c.type,
      criticality: c.criticality,
      namespace: c.namespace,
      class: c.className,
      path: c.path,
      before: c.before,
      after: c.after,
      reason: c.reason,
      oldLocation: place(c.oldLocation),
      newLocation: place(c.newLocation),
    })),
  };
}

export function formatDiffJson(changes: readonly Change[], options: FormatOptions): string {
  return `${JSON.stringify(diffToJson(changes, options), null, 2)}\n`;
}
