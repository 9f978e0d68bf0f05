import type { Compilation } from "../../src/compile.js";
import { SourceFile } from "../../src/source/source-file.js";
import type { Span } from "../../src/source/span.js";

/**
 * The first place where two compilations differ (their schemas and diagnostics, compared as structures), or
 * undefined when they are alike. A span compares by file path and offsets: a declaration a session kept names
 * an earlier text of the same path, which agrees with the new one everywhere the span reaches. Maps and arrays
 * compare in order, sets by content. Pairs already found alike are not compared again, so the many members a
 * schema shares between classes cost one comparison each.
 */
export function compilationDifference(a: Compilation, b: Compilation): string | undefined {
  return (
    difference(a.schema, b.schema, "schema", new WeakMap()) ??
    difference(a.diagnostics, b.diagnostics, "diagnostics", new WeakMap())
  );
}

function difference(a: unknown, b: unknown, at: string, alike: WeakMap<object, Set<object>>): string | undefined {
  if (a === b) return undefined;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) {
    return `${at}: ${describe(a)} != ${describe(b)}`;
  }
  if (alike.get(a)?.has(b)) return undefined;
  const found = differenceOfObjects(a, b, at, alike);
  if (found === undefined) {
    let set = alike.get(a);
    if (set === undefined) {
      set = new Set();
      alike.set(a, set);
    }
    set.add(b);
  }
  return found;
}

function differenceOfObjects(
  a: object,
  b: object,
  at: string,
  alike: WeakMap<object, Set<object>>,
): string | undefined {
  if (a instanceof SourceFile || b instanceof SourceFile) {
    if (!(a instanceof SourceFile && b instanceof SourceFile)) return `${at}: a file against something else`;
    return a.path === b.path ? undefined : `${at}: file ${a.path} != ${b.path}`;
  }
  if (isSpan(a) || isSpan(b)) {
    if (!(isSpan(a) && isSpan(b))) return `${at}: a span against something else`;
    if (a.file.path !== b.file.path) return `${at}: file ${a.file.path} != ${b.file.path}`;
    return a.start === b.start && a.end === b.end
      ? undefined
      : `${at}: [${a.start}, ${a.end}) != [${b.start}, ${b.end})`;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!(Array.isArray(a) && Array.isArray(b))) return `${at}: an array against something else`;
    if (a.length !== b.length) return `${at}: ${a.length} items != ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const found = difference(a[i], b[i], `${at}[${i}]`, alike);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (a instanceof Map || b instanceof Map) {
    if (!(a instanceof Map && b instanceof Map)) return `${at}: a map against something else`;
    return difference([...a.entries()], [...b.entries()], `${at}(map)`, alike);
  }
  if (a instanceof Set || b instanceof Set) {
    if (!(a instanceof Set && b instanceof Set)) return `${at}: a set against something else`;
    return difference([...a].sort(), [...b].sort(), `${at}(set)`, alike);
  }
  const keysA = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const keysB = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (keysA.sort().join() !== keysB.sort().join()) return `${at}: keys ${keysA} != ${keysB}`;
  for (const k of keysA) {
    const found = difference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`, alike);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** A span, or a syntax node, which is its own span (`ast/nodes.ts`): compared as a span, not as a tree. */
function isSpan(v: object): v is Span {
  return (v as Partial<Span>).file instanceof SourceFile;
}

function describe(v: unknown): string {
  return typeof v === "bigint" ? `${v}n` : (JSON.stringify(v) ?? String(v));
}
