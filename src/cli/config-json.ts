/**
 * JSON with positions for `mofgen.config.json` and docs overlays: jsonc-parser (the reader VS Code uses) scans and
 * parses, and this module builds a tree that keeps where each value and key was written, so that a mistake is
 * reported at its line and column (JSON.parse knows only an offset for syntax errors, and nothing for values).
 * Strict JSON (RFC 8259): no comments, no trailing commas.
 *
 * jsonc-parser says what went wrong in its own words (`PropertyNameExpected` at an offset). The messages here say
 * it in the reader's terms ("trailing comma before '}'"), from what the parse was expecting when it stopped: the
 * visitor's events are a small state machine (key, colon, value, after a value), and the first error stops the
 * walk, so everything before it is known to be well-formed.
 */
import { type JSONVisitor, visit } from "jsonc-parser";

interface Located {
  /** Offsets into the text: the value spans `[start, end)`. */
  readonly start: number;
  readonly end: number;
}

export type JsonValue =
  | (Located & { readonly kind: "object"; readonly members: readonly JsonMember[] })
  | (Located & { readonly kind: "array"; readonly items: readonly JsonValue[] })
  | (Located & { readonly kind: "string"; readonly value: string })
  | (Located & { readonly kind: "number"; readonly value: number })
  | (Located & { readonly kind: "boolean"; readonly value: boolean })
  | (Located & { readonly kind: "null" });

export interface JsonMember {
  readonly key: string;
  /** The key's span, quotes included: where "unknown key" points. */
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly value: JsonValue;
}

export interface JsonSyntaxError extends Located {
  readonly message: string;
}

export type JsonParse = { readonly value: JsonValue } | { readonly error: JsonSyntaxError };

/** Nesting this deep is no configuration: stop before the call stack does (jsonc-parser recurses). */
const maxDepth = 200;

class Stop extends Error {
  constructor(readonly error: JsonSyntaxError) {
    super(error.message);
  }
}

/** What the parse expects next: a key, the ':' after it, a value, or what may follow a value. */
type Expecting = "key" | "colon" | "value" | "after";

/** An object or array being read: its start and the members or items read so far. */
type Open =
  | {
      readonly kind: "object";
      readonly start: number;
      readonly members: JsonMember[];
      key?: [string, number, number] | undefined;
    }
  | { readonly kind: "array"; readonly start: number; readonly items: JsonValue[] };

/** Parse `text` (without a byte-order mark), or the first syntax error and its place. */
export function parseJson(text: string): JsonParse {
  const open: Open[] = [];
  let expecting: Expecting = "value";
  /** The comma just read, if the last event was one: a trailing comma is reported there. */
  let comma: number | undefined;
  let root: JsonValue | undefined;

  const add = (value: JsonValue): void => {
    const parent = open.at(-1);
    if (parent === undefined) root = value;
    else if (parent.kind === "array") parent.items.push(value);
    else if (parent.key !== undefined) {
      const [key, keyStart, keyEnd] = parent.key;
      parent.members.push({ key, keyStart, keyEnd, value });
      parent.key = undefined;
    }
    expecting = "after";
    comma = undefined;
  };
  const begin = (container: Open): void => {
    if (open.length >= maxDepth) throw stop(`nested more than ${maxDepth} levels deep`, container.start);
    open.push(container);
    expecting = container.kind === "object" ? "key" : "value";
    comma = undefined;
  };
  const end = (offset: number): void => {
    // At the end of the text jsonc-parser closes what is open and then reports the missing '}' or ']': keep what
    // was expected before that, for the error that follows.
    if (offset >= text.length) return;
    const c = open.pop();
    if (c === undefined) return;
    const span = { start: c.start, end: offset + 1 };
    add(
      c.kind === "object"
        ? { kind: "object", members: c.members, ...span }
        : { kind: "array", items: c.items, ...span },
    );
  };

  const visitor: JSONVisitor = {
    onObjectBegin: (offset) => begin({ kind: "object", start: offset, members: [] }),
    onArrayBegin: (offset) => begin({ kind: "array", start: offset, items: [] }),
    onObjectEnd: end,
    onArrayEnd: end,
    onObjectProperty: (key: string, offset, length) => {
      const parent = open.at(-1);
      if (parent?.kind === "object") parent.key = [key, offset, offset + length];
      expecting = "colon";
      comma = undefined;
    },
    onSeparator: (character, offset) => {
      expecting = character === ":" || open.at(-1)?.kind === "array" ? "value" : "key";
      comma = character === "," ? offset : undefined;
    },
    onLiteralValue: (value: unknown, offset, length) => {
      const span = { start: offset, end: offset + length };
      if (typeof value === "string") add({ kind: "string", value, ...span });
      else if (typeof value === "number") add({ kind: "number", value, ...span });
      else if (typeof value === "boolean") add({ kind: "boolean", value, ...span });
      else add({ kind: "null", ...span });
    },
    onError: (_code, offset) => {
      throw new Stop(syntaxError(text, offset, expecting, open.at(-1)?.kind, comma));
    },
  };

  try {
    visit(text, visitor, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  } catch (e) {
    if (e instanceof Stop) return { error: e.error };
    throw e;
  }
  // jsonc-parser reports an error for every text that is no complete value, so the root is always set here.
  if (root === undefined) return { error: syntaxError(text, text.length, "value", undefined, undefined) };
  return { value: root };
}

function stop(message: string, start: number, end = start + 1): Stop {
  return new Stop({ message, start, end });
}

/** The error where the parse stopped at `offset`, in words that say what was expected there. */
function syntaxError(
  text: string,
  offset: number,
  expecting: Expecting,
  container: "object" | "array" | undefined,
  comma: number | undefined,
): JsonSyntaxError {
  const c = text[offset];
  const at = (message: string, start = offset, end = Math.min(start + 1, text.length)) => ({ message, start, end });
  const close = container === "array" ? "]" : "}";
  const afterValue =
    container === undefined
      ? "expected the end of the file after the JSON value"
      : `expected ',' or '${close}' after the value`;
  if (comma !== undefined && c === close && (expecting === "key" || expecting === "value")) {
    return at(`trailing comma before '${close}' (JSON allows none)`, comma);
  }
  if (c === '"' && (expecting === "key" || expecting === "value")) return stringError(text, offset);
  switch (expecting) {
    case "key":
      return at("expected a key in double quotes");
    case "colon":
      return at("expected ':' after the key");
    case "after":
      return at(afterValue);
    case "value": {
      if (c === undefined) return at("unexpected end of the file: expected a JSON value");
      // jsonc-parser flags `1.` or `truex` as one bad token; the error points where the valid JSON stops, after
      // the number or word that it starts with, as a reader going character by character sees it.
      const word = /^[^\s,:{}[\]"]+/.exec(text.slice(offset, offset + 400))?.[0] ?? c;
      if (c === "-" || (c >= "0" && c <= "9")) {
        const number = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(word)?.[0];
        return number === undefined ? at("invalid number") : at(afterValue, offset + number.length);
      }
      const literal = ["true", "false", "null"].find((l) => word.startsWith(l));
      if (literal !== undefined) return at(afterValue, offset + literal.length);
      return at(`expected a JSON value, found '${word.slice(0, 40)}'`, offset, offset + Math.min(word.length, 40));
    }
  }
}

/**
 * The first fault in the string literal that starts at `start`: jsonc-parser flags the whole literal, the
 * message points at the escape or character at fault. A string ends at its line (JSON strings hold no newline).
 */
function stringError(text: string, start: number): JsonSyntaxError {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters JSON forbids in a string
  const faults = /\\u[0-9A-Fa-f]{4}|\\["\\/bfnrt]|(\\u)|\\([\s\S]?)|([\u0000-\u001f])|(")/g;
  faults.lastIndex = start + 1;
  for (let m = faults.exec(text); m !== null; m = faults.exec(text)) {
    const [, badUnicode, badEscape, control, quote] = m;
    if (badUnicode !== undefined) {
      return { message: "invalid \\u escape: expected four hex digits", start: m.index, end: m.index + 2 };
    }
    if (badEscape !== undefined) {
      return { message: `invalid escape '\\${badEscape}' in a string`, start: m.index, end: m.index + 2 };
    }
    if (control === "\n" || control === "\r" || quote !== undefined) break;
    if (control !== undefined) {
      const message = "control character in a string: write it as an escape such as \\t";
      return { message, start: m.index, end: m.index + 1 };
    }
  }
  return { message: "unterminated string: missing closing '\"'", start, end: start + 1 };
}
