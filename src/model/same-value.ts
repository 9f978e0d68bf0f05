import type { CimValue } from "./types.js";

/** Structural equality of typed values (integers by value, so 0x10 equals 16). */
export function sameValue(a: CimValue, b: CimValue): boolean {
  return equalValues(a, b, false);
}

/**
 * Equality of typed values as written: numbers of one kind with the same text too (0x10 is not 16 here). What a
 * session's model cache needs, since the model keeps the written text.
 */
export function identicalValue(a: CimValue, b: CimValue): boolean {
  return equalValues(a, b, true);
}

function equalValues(a: CimValue, b: CimValue, asWritten: boolean): boolean {
  if (a.kind === "array" || b.kind === "array") {
    if (a.kind !== "array" || b.kind !== "array" || a.elements.length !== b.elements.length) return false;
    return a.elements.every((e, i) => equalValues(e, b.elements[i] as CimValue, asWritten));
  }
  switch (a.kind) {
    case "null":
      return b.kind === "null";
    case "boolean":
    case "string":
    case "char16":
    case "datetime":
      return b.kind === a.kind && b.value === a.value;
    case "integer":
    case "real":
      if (asWritten) return b.kind === a.kind && b.value === a.value && b.text === a.text;
      if (a.kind === "integer")
        return (b.kind === "integer" && b.value === a.value) || (b.kind === "real" && b.value === Number(a.value));
      return (b.kind === "real" && b.value === a.value) || (b.kind === "integer" && Number(b.value) === a.value);
    case "reference":
      return b.kind === "reference" && b.alias === a.alias && b.path === a.path;
    case "instance":
      return b.kind === "instance" && b.instance === a.instance;
  }
}
