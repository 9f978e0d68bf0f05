/**
 * JSON written in pieces, byte for byte what `JSON.stringify(value, null, 2)` prints, for outputs that can
 * outgrow one string: V8 refuses strings above about 512 MB ("Invalid string length"), and the model of a
 * 75 KB MOF file with a deep inheritance chain prints more than that, because every class lists its
 * effective members.
 *
 * Arrays may be given as any iterable (a generator), so that their elements are built one at a time and
 * dropped once printed. Objects and arrays are walked down to `nativeDepth`; below it, a value is printed by
 * `JSON.stringify` at once (fast, and one property or method is small).
 */
export function* jsonChunks(value: unknown, nativeDepth: number, chunkSize = 64 * 1024): Generator<string> {
  let buffer = "";
  for (const piece of jsonPieces(value, "", nativeDepth)) {
    buffer += piece;
    if (buffer.length >= chunkSize) {
      yield buffer;
      buffer = "";
    }
  }
  if (buffer !== "") yield buffer;
}

const step = "  ";

function* jsonPieces(value: unknown, indent: string, depth: number): Generator<string> {
  if (depth > 0 && typeof value === "object" && value !== null) {
    if (Array.isArray(value) || isLazyArray(value)) yield* arrayPieces(value, indent, depth);
    else yield* objectPieces(value as Record<string, unknown>, indent, depth);
    return;
  }
  const text = JSON.stringify(value, null, 2);
  // Strings in JSON hold no raw line breaks, so every "\n" is a line break of the layout: indent the lines.
  yield indent === "" ? text : text.replaceAll("\n", `\n${indent}`);
}

function isLazyArray(value: object): value is Iterable<unknown> {
  return typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function";
}

function* arrayPieces(items: Iterable<unknown>, indent: string, depth: number): Generator<string> {
  const inner = indent + step;
  let first = true;
  for (const item of items) {
    yield first ? `[\n${inner}` : `,\n${inner}`;
    first = false;
    // As JSON.stringify does, an element that JSON cannot hold prints as null.
    yield* jsonPieces(item === undefined || typeof item === "function" ? null : item, inner, depth - 1);
  }
  yield first ? "[]" : `\n${indent}]`;
}

function* objectPieces(object: Record<string, unknown>, indent: string, depth: number): Generator<string> {
  const inner = indent + step;
  let first = true;
  for (const [key, item] of Object.entries(object)) {
    if (item === undefined || typeof item === "function") continue;
    yield `${first ? "{" : ","}\n${inner}${JSON.stringify(key)}: `;
    first = false;
    yield* jsonPieces(item, inner, depth - 1);
  }
  yield first ? "{}" : `\n${indent}}`;
}
