import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findNonXmlChar, parseXml, XmlError, XmlReader, XmlWriter } from "../../runtime/src/xml/index.js";

const failure = (run: () => unknown): XmlError => {
  try {
    run();
  } catch (error) {
    if (error instanceof XmlError) return error;
    throw error;
  }
  throw new Error("did not fail");
};

describe("XmlReader refuses what a hostile peer sends", () => {
  it("refuses a DOCTYPE, so entity expansion (billion laughs) never starts", () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><l>&b;</l>`;
    const error = failure(() => parseXml(lol));
    expect(error.message).toMatch(/DOCTYPE is not accepted/);
    expect(error.line).toBe(1);
  });

  it("refuses external entities", () => {
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<x>&e;</x>`;
    expect(failure(() => parseXml(xxe)).message).toMatch(/DOCTYPE/);
  });

  it("refuses an entity that is not one of the five predefined ones", () => {
    expect(failure(() => parseXml("<x>&nbsp;</x>")).message).toMatch(/undefined entity/);
  });

  it("bounds nesting depth", () => {
    const nested = (n: number) => `${"<a>".repeat(n)}${"</a>".repeat(n)}`;
    expect(parseXml(nested(10), { maxDepth: 10 }).name).toBe("a");
    expect(failure(() => parseXml(nested(11), { maxDepth: 10 })).message).toMatch(/nested more than 10 deep/);
  });

  it("bounds size while the chunks arrive", () => {
    const reader = new XmlReader({ maxBytes: 100 });
    reader.write("<a>");
    expect(failure(() => reader.write("x".repeat(100))).message).toMatch(/larger than 100 bytes/);
  });

  it("refuses bytes that are not UTF-8 and characters XML 1.0 does not allow", () => {
    expect(failure(() => parseXml(new Uint8Array([0x3c, 0x61, 0x3e, 0xff, 0x3c, 0x2f, 0x61, 0x3e]))).message).toMatch(
      /not valid UTF-8/,
    );
    expect(failure(() => parseXml("<a>\u0001</a>")).message).toMatch(/disallowed character/);
    expect(failure(() => parseXml("<a>&#1;</a>")).message).toMatch(/malformed character entity/);
  });

  it("reports where malformed XML breaks", () => {
    const error = failure(() => parseXml("<a>\n  <b></a>"));
    expect(error.line).toBe(2);
  });
});

describe("XmlReader reads", () => {
  it("the same tree however the bytes are split (a character split across chunks included)", () => {
    const bytes = new TextEncoder().encode(`<A x="é&amp;"><B>ü€😀<![CDATA[<&]]></B></A>`);
    const whole = parseXml(bytes);
    for (let cut = 1; cut < bytes.length; cut++) {
      const tree = new XmlReader().write(bytes.subarray(0, cut)).write(bytes.subarray(cut)).close();
      expect(tree).toEqual(whole);
    }
    expect(whole.attributes.x).toBe("é&");
    expect(whole.children[0]?.text).toBe("ü€😀<&");
  });

  it("attributes named like Object.prototype members as plain attributes", () => {
    const tree = parseXml(`<a __proto__="p" constructor="c"/>`);
    expect(Object.getOwnPropertyDescriptor(tree.attributes, "__proto__")?.value).toBe("p");
    expect(Object.keys(tree.attributes)).toEqual(["__proto__", "constructor"]);
  });
});

/** Strings of characters XML 1.0 can carry (any code point but the forbidden ones). */
const xmlString = fc.string({ unit: "binary" }).filter((s) => findNonXmlChar(s) === undefined);

describe("XmlWriter escapes once, for every reader", () => {
  it("text, attributes and CDATA read back unchanged (]]>, \\r, quotes, tabs included)", () => {
    fc.assert(
      fc.property(xmlString, xmlString, (text, attr) => {
        const doc = new XmlWriter().start("A", { v: attr }).text(text).leaf("B", {}, text).start("C").cdata(text);
        const tree = parseXml(doc.end().end().toString());
        expect(tree.attributes.v).toBe(attr);
        expect(tree.children.map((c) => c.text)).toEqual([text, text]);
        expect(tree.text).toBe(text);
      }),
      { numRuns: 300 },
    );
    for (const hostile of ["]]>", "a]]>b]]>", "\r\n\r", '"<&>\t\n'])
      expect(parseXml(new XmlWriter().start("A").cdata(hostile).end().toString()).text).toBe(hostile);
  });

  it.each([
    ["a C0 control", "a\u0001b", "U+0001 at index 1"],
    ["a lone high surrogate", "x\uD800", "U+D800 at index 1"],
    ["a lone low surrogate", "\uDC00", "U+DC00 at index 0"],
    ["U+FFFE", "\uFFFE", "U+FFFE at index 0"],
  ])("refuses %s, which no XML 1.0 document can hold", (_, text, where) => {
    expect(failure(() => new XmlWriter().leaf("A", {}, text)).message).toBe(`${where} cannot be carried by XML 1.0`);
    expect(failure(() => new XmlWriter().leaf("A", { v: text })).message).toMatch(where);
  });
});
