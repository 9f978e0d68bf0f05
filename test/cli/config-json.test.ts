import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type JsonValue, parseJson } from "../../src/cli/config-json.js";

/**
 * The JSON reader behind the configuration and docs overlays: jsonc-parser parses, this module words the errors.
 * The table holds every message the earlier hand-written reader gave, with its span as that reader gave it (the
 * CLI tests in generate-config and docs cover the common ones through the whole command).
 */
describe("parseJson syntax errors", () => {
  const table: readonly [text: string, start: number, end: number, message: string][] = [
    ['{"a" 1}', 5, 6, "expected ':' after the key"],
    ["[1 2]", 3, 4, "expected ',' or ']' after the value"],
    ["1 2", 2, 3, "expected the end of the file after the JSON value"],
    ['{"a":"x\ty"}', 7, 8, "control character in a string: write it as an escape such as \\t"],
    ['{"a":"\\u12"}', 6, 8, "invalid \\u escape: expected four hex digits"],
    ['{"a":01}', 6, 7, "expected ',' or '}' after the value"],
    ['{"a":-}', 5, 6, "invalid number"],
    ['{"a":1.}', 6, 7, "expected ',' or '}' after the value"],
    ['{"a":truex}', 9, 10, "expected ',' or '}' after the value"],
    ['{"a":"x\ny"}', 5, 6, "unterminated string: missing closing '\"'"],
    ['{"a":1', 6, 6, "expected ',' or '}' after the value"],
    ["{", 1, 1, "expected a key in double quotes"],
    ["[", 1, 1, "unexpected end of the file: expected a JSON value"],
    ['{"a":', 5, 5, "unexpected end of the file: expected a JSON value"],
    ["[1,,2]", 3, 4, "expected a JSON value, found ','"],
    ["{,}", 1, 2, "expected a key in double quotes"],
    ["'a'", 0, 3, "expected a JSON value, found ''a''"],
    ['{"a\\q":1}', 3, 5, "invalid escape '\\q' in a string"],
    ['{"a":1}}', 7, 8, "expected the end of the file after the JSON value"],
    ['{"a": 1 /* c */}', 8, 9, "expected ',' or '}' after the value"],
    ['{"a":"b\\', 7, 9, "invalid escape '\\' in a string"],
    [`${"[".repeat(199)}{"a": ]`, 205, 206, "expected a JSON value, found ']'"],
    [`${"[".repeat(200)}{`, 200, 201, "nested more than 200 levels deep"],
  ];
  for (const [text, start, end, message] of table) {
    it(`${JSON.stringify(text).slice(0, 40)}: ${message}`, () => {
      expect(parseJson(text)).toEqual({ error: { message, start, end } });
    });
  }

  it("stops at the nesting limit, not the call stack, however deep the input", () => {
    expect(parseJson("[".repeat(1_000_000))).toEqual({
      error: { message: "nested more than 200 levels deep", start: 200, end: 201 },
    });
  });
});

describe("parseJson values", () => {
  it("keeps every value's span and both members of a key given twice", () => {
    const text = '{"a": [1, -2.5e1, "\\u00e9\\n"], "a": {"b": null, "c": true, "d": false}}';
    const r = parseJson(text);
    if (!("value" in r)) throw new Error(r.error.message);
    const slice = (v: { start: number; end: number }) => text.slice(v.start, v.end);
    const top = r.value;
    expect(top).toMatchObject({ kind: "object", start: 0, end: text.length });
    if (top.kind !== "object") return;
    expect(top.members.map((m) => [m.key, text.slice(m.keyStart, m.keyEnd), slice(m.value)])).toEqual([
      ["a", '"a"', '[1, -2.5e1, "\\u00e9\\n"]'],
      ["a", '"a"', '{"b": null, "c": true, "d": false}'],
    ]);
    const [first, second] = top.members.map((m) => m.value);
    const plain = (v: JsonValue | undefined): unknown =>
      v === undefined
        ? undefined
        : v.kind === "array"
          ? v.items.map(plain)
          : v.kind === "object"
            ? Object.fromEntries(v.members.map((m) => [m.key, plain(m.value)]))
            : v.kind === "null"
              ? null
              : v.value;
    expect(plain(first)).toEqual([1, -25, "é\n"]);
    expect(plain(second)).toEqual({ b: null, c: true, d: false });
    if (first?.kind !== "array") return;
    expect(first.items.map(slice)).toEqual(["1", "-2.5e1", '"\\u00e9\\n"']);
  });
});

/** The tree as JSON.parse would give it (the last of duplicate keys wins there). */
function plain(v: JsonValue): unknown {
  switch (v.kind) {
    case "object":
      return Object.fromEntries(v.members.map((m) => [m.key, plain(m.value)]));
    case "array":
      return v.items.map(plain);
    case "null":
      return null;
    default:
      return v.value;
  }
}

describe("parseJson against JSON.parse", () => {
  it("reads every JSON text to the value JSON.parse gives, with spans inside the text", () => {
    fc.assert(
      fc.property(fc.json({ depthSize: "medium" }), fc.constantFrom("", " ", "\n\t", "\r\n"), (json, pad) => {
        const text = `${pad}${json}${pad}`;
        const r = parseJson(text);
        if (!("value" in r)) throw new Error(`${r.error.message} at ${r.error.start} in ${text}`);
        expect(plain(r.value)).toEqual(JSON.parse(text));
        expect(text.slice(r.value.start, r.value.end)).toBe(json);
      }),
      { numRuns: 500 },
    );
  });

  /** Both readers agree on `text`: the same value, or both refuse it (with a span inside the text). */
  function agrees(text: string): void {
    let expected: { value: unknown } | undefined;
    try {
      expected = { value: JSON.parse(text) };
    } catch {
      expected = undefined;
    }
    const r = parseJson(text);
    if ("value" in r) {
      expect(expected, `parseJson accepted what JSON.parse refuses: ${text}`).toBeDefined();
      expect(plain(r.value)).toEqual(expected?.value);
    } else {
      expect(expected, `parseJson refused ${text}: ${r.error.message}`).toBeUndefined();
      expect(r.error.start).toBeGreaterThanOrEqual(0);
      expect(r.error.end).toBeGreaterThanOrEqual(r.error.start);
      expect(r.error.start).toBeLessThanOrEqual(text.length);
    }
  }

  const piece = fc.constantFrom(
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    '"',
    "a",
    "1",
    "-",
    " ",
    "\\",
    "u",
    "e",
    ".",
    "true",
    "/",
  );

  it("refuses exactly what JSON.parse refuses: text made of JSON's pieces", () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 16 }), (pieces) => agrees(pieces.join(""))),
      { numRuns: 2000 },
    );
  });

  it("refuses exactly what JSON.parse refuses: valid JSON with one character deleted or one piece inserted", () => {
    const json = fc.json({ depthSize: "small" }).filter((j) => j.length > 1);
    fc.assert(
      fc.property(json, fc.nat(), fc.option(piece, { nil: undefined }), (text, at, insert) => {
        const i = at % text.length;
        agrees(insert === undefined ? text.slice(0, i) + text.slice(i + 1) : text.slice(0, i) + insert + text.slice(i));
      }),
      { numRuns: 3000 },
    );
  });
});
