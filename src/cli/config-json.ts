/**
 * A small JSON reader that keeps where each value and key was written, so that a mistake in `mofgen.config.json`
 * is reported at its line and column (JSON.parse knows only an offset for syntax errors, and nothing for values).
 * Strict JSON (RFC 8259): no comments, no trailing commas.
 */

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

class Stop extends Error {
  constructor(readonly error: JsonSyntaxError) {
    super(error.message);
  }
}

/** Parse `text` (without a byte-order mark), or the first syntax error and its place. */
export function parseJson(text: string): JsonParse {
  const reader = new Reader(text);
  try {
    const value = reader.value();
    reader.space();
    if (!reader.atEnd()) reader.fail("expected the end of the file after the JSON value");
    return { value };
  } catch (e) {
    if (e instanceof Stop) return { error: e.error };
    throw e;
  }
}

const escapes: Readonly<Record<string, string>> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

/** Nesting this deep is no configuration: stop before the call stack does. */
const maxDepth = 200;

class Reader {
  #pos = 0;
  #depth = 0;

  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.#pos >= this.text.length;
  }

  fail(message: string, start = this.#pos, end = Math.min(start + 1, this.text.length)): never {
    throw new Stop({ message, start, end: Math.max(end, start) });
  }

  space(): void {
    while (/[ \t\r\n]/.test(this.text[this.#pos] ?? "")) this.#pos++;
  }

  value(): JsonValue {
    this.space();
    const c = this.text[this.#pos];
    const start = this.#pos;
    if (c === undefined) this.fail("unexpected end of the file: expected a JSON value");
    if (c === "{" || c === "[") {
      if (++this.#depth > maxDepth) this.fail(`nested more than ${maxDepth} levels deep`);
      const v = c === "{" ? this.object() : this.array();
      this.#depth--;
      return v;
    }
    if (c === '"') return { kind: "string", value: this.string(), start, end: this.#pos };
    if (c === "-" || (c >= "0" && c <= "9")) return this.number();
    for (const [word, v] of [
      ["true", { kind: "boolean", value: true }],
      ["false", { kind: "boolean", value: false }],
      ["null", { kind: "null" }],
    ] as const) {
      if (this.text.startsWith(word, start)) {
        this.#pos += word.length;
        return { ...v, start, end: this.#pos };
      }
    }
    const word = /^[^\s,:{}[\]"]+/.exec(this.text.slice(start, start + 40))?.[0] ?? c;
    this.fail(`expected a JSON value, found '${word}'`, start, start + word.length);
  }

  private object(): JsonValue {
    const start = this.#pos++;
    const members: JsonMember[] = [];
    this.space();
    if (this.text[this.#pos] === "}") {
      this.#pos++;
      return { kind: "object", members, start, end: this.#pos };
    }
    for (;;) {
      this.space();
      if (this.text[this.#pos] !== '"') this.fail("expected a key in double quotes");
      const keyStart = this.#pos;
      const key = this.string();
      const keyEnd = this.#pos;
      this.space();
      if (this.text[this.#pos] !== ":") this.fail("expected ':' after the key");
      this.#pos++;
      members.push({ key, keyStart, keyEnd, value: this.value() });
      this.space();
      const c = this.text[this.#pos];
      this.#pos++;
      if (c === "}") return { kind: "object", members, start, end: this.#pos };
      if (c !== ",") this.fail("expected ',' or '}' after the value", this.#pos - 1);
      const comma = this.#pos - 1;
      this.space();
      if (this.text[this.#pos] === "}") this.fail("trailing comma before '}' (JSON allows none)", comma);
    }
  }

  private array(): JsonValue {
    const start = this.#pos++;
    const items: JsonValue[] = [];
    this.space();
    if (this.text[this.#pos] === "]") {
      this.#pos++;
      return { kind: "array", items, start, end: this.#pos };
    }
    for (;;) {
      items.push(this.value());
      this.space();
      const c = this.text[this.#pos];
      this.#pos++;
      if (c === "]") return { kind: "array", items, start, end: this.#pos };
      if (c !== ",") this.fail("expected ',' or ']' after the value", this.#pos - 1);
      const comma = this.#pos - 1;
      this.space();
      if (this.text[this.#pos] === "]") this.fail("trailing comma before ']' (JSON allows none)", comma);
    }
  }

  /** A string literal starting at the opening quote; leaves the position after the closing one. */
  private string(): string {
    const start = this.#pos++;
    let out = "";
    for (;;) {
      const c = this.text[this.#pos];
      if (c === undefined || c === "\n" || c === "\r") this.fail("unterminated string: missing closing '\"'", start);
      if (c === '"') {
        this.#pos++;
        return out;
      }
      if (c < " ") this.fail("control character in a string: write it as an escape such as \\t");
      if (c !== "\\") {
        out += c;
        this.#pos++;
        continue;
      }
      const e = this.text[this.#pos + 1] ?? "";
      if (e === "u") {
        const hex = this.text.slice(this.#pos + 2, this.#pos + 6);
        if (!/^[0-9A-Fa-f]{4}$/.test(hex))
          this.fail("invalid \\u escape: expected four hex digits", this.#pos, this.#pos + 2);
        out += String.fromCharCode(Number.parseInt(hex, 16));
        this.#pos += 6;
      } else if (escapes[e] !== undefined) {
        out += escapes[e];
        this.#pos += 2;
      } else {
        this.fail(`invalid escape '\\${e}' in a string`, this.#pos, this.#pos + 2);
      }
    }
  }

  private number(): JsonValue {
    const start = this.#pos;
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(start, start + 400));
    if (m === null) this.fail("invalid number", start);
    this.#pos += m[0].length;
    return { kind: "number", value: Number(m[0]), start, end: this.#pos };
  }
}
