import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatObjectPath,
  getKey,
  type KeyValue,
  type ObjectPath,
  ObjectPathError,
  parseObjectPath,
} from "../../runtime/src/values/reference.js";

/** Canonical texts: format(parse(text)) gives them back. JavaScript escapes are doubled, so `\\\\` is `\\`. */
const canonical: [string, ObjectPath][] = [
  [
    String.raw`\\HOST\root\virtualization\v2:Msvm_ComputerSystem.CreationClassName="Msvm_ComputerSystem",Name="6B1C9F5E-2D4A"`,
    {
      className: "Msvm_ComputerSystem",
      namespace: "root/virtualization/v2",
      host: "HOST",
      keys: { CreationClassName: "Msvm_ComputerSystem", Name: "6B1C9F5E-2D4A" },
    },
  ],
  [
    String.raw`\\.\root\cimv2:Win32_Directory.Name="C:\\Temp \"x\""`,
    { className: "Win32_Directory", namespace: "root/cimv2", host: ".", keys: { Name: String.raw`C:\Temp "x"` } },
  ],
  [
    String.raw`root\cimv2:Class.Key1="v",Key2=3,Big=18446744073709551615,Neg=-7,Real=1.5,Flag=true,Off=false`,
    {
      className: "Class",
      namespace: "root/cimv2",
      keys: { Key1: "v", Key2: 3, Big: 18446744073709551615n, Neg: -7, Real: 1.5, Flag: true, Off: false },
    },
  ],
  ["Win32_WMISetting=@", { className: "Win32_WMISetting", keys: {} }],
  ['Class.Key=""', { className: "Class", keys: { Key: "" } }],
  [
    String.raw`Assoc.Antecedent="\\\\H\\root\\cimv2:A.Name=\"x\"",Dependent="B.Id=1"`,
    { className: "Assoc", keys: { Antecedent: String.raw`\\H\root\cimv2:A.Name="x"`, Dependent: "B.Id=1" } },
  ],
  [
    'Class.Url="http://h:80/p.q",Odd="a,b=c.d:e"',
    { className: "Class", keys: { Url: "http://h:80/p.q", Odd: "a,b=c.d:e" } },
  ],
];

describe("formatObjectPath and parseObjectPath", () => {
  it.each(canonical)("%s", (text, path) => {
    expect(parseObjectPath(text)).toEqual(path);
    expect(formatObjectPath(path)).toBe(text);
  });

  it.each<[string, ObjectPath]>([
    ["//host/root/cimv2:Class.K=1", { className: "Class", namespace: "root/cimv2", host: "host", keys: { K: 1 } }],
    [String.raw`\\h/root\cimv2:Class.K=1`, { className: "Class", namespace: "root/cimv2", host: "h", keys: { K: 1 } }],
    ["Class", { className: "Class", keys: {} }],
    ["Class.K=TRUE,L=False", { className: "Class", keys: { K: true, L: false } }],
    ["Class.K=+5,L=1e3,M=.5", { className: "Class", keys: { K: 5, L: 1000, M: 0.5 } }],
    ["Class.__proto__=1", { className: "Class", keys: Object.fromEntries([["__proto__", 1]]) }],
  ])("also reads %s", (text, path) => {
    expect(parseObjectPath(text)).toEqual(path);
  });

  it("keeps a key named __proto__ as an own key", () => {
    const path = parseObjectPath("Class.__proto__=1");
    expect(Object.getPrototypeOf(path.keys)).toBe(Object.prototype);
    expect(Object.keys(path.keys)).toEqual(["__proto__"]);
  });
});

describe("parse errors", () => {
  it.each<[string, string, number]>([
    ["", "expected a class name", 0],
    [String.raw`\\`, "expected a host name after the leading slashes", 2],
    [String.raw`\\host`, "expected a namespace and ':' after the host", 6],
    [String.raw`\\host\Class.K=1`, "expected a namespace and ':' after the host", 7],
    [String.raw`root\\cimv2:Class`, `expected a namespace name, found ""`, 5],
    ["root/cim v2:Class", `expected a namespace name, found "cim v2"`, 5],
    ["1Class.K=1", "expected a class name", 0],
    ["Class.", "expected a key name", 6],
    ["Class.K", "expected '=' after the key name K", 7],
    ["Class.K=1,", "expected a key name", 10],
    ['Class.K="abc', "the quoted key value is not closed", 8],
    [String.raw`Class.K="a\nb"`, `a backslash in a quoted key value must be followed by '"' or '\\'`, 10],
    ['Class.K="a"x', `unexpected "x"`, 11],
    ["Class.K=abc", `expected a quoted string, a number, true or false, found "abc"`, 8],
    ["Class.K=", `expected a quoted string, a number, true or false, found ""`, 8],
    ["Class.K=1,k=2", "key k appears twice (names are case-insensitive)", 10],
    ["Class=@x", `unexpected "="`, 5],
    ["Class K=1", `unexpected " "`, 5],
  ])("%s: %s at %s", (text, reason, position) => {
    const error = (() => {
      try {
        parseObjectPath(text);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ObjectPathError);
    expect(error).toMatchObject({
      reason,
      position,
      text,
      message: `${reason} at position ${position} in ${JSON.stringify(text)}`,
    });
  });
});

describe("names past ASCII (DSP0004: U+0080..U+FFEF, as the compiler reads them)", () => {
  it.each([
    "Stra\u00DFe",
    "\u00DCn\u00EFcode_1",
    "_x",
    "\u03A3\u03C4\u03BF\u03B9\u03C7\u03B5\u03AF\u03BF",
    "x\uFFEF",
    "\u0080",
  ])("%s is a class and a key name, in text and in objects", (name) => {
    const path = { className: name, namespace: "root/test", keys: { [name]: "v" } };
    const text = `root\\test:${name}.${name}="v"`;
    expect(formatObjectPath(path)).toBe(text);
    expect(parseObjectPath(text)).toEqual(path);
  });

  it.each([
    ["1abc", "a digit first"],
    ["a-b", "a hyphen"],
    ["a b", "a space"],
    ["a\u00A0b", "U+00A0 (no-break space: white space to the compiler)"],
    ["a\uFEFFb", "U+FEFF (byte-order mark: white space to the compiler)"],
    ["", "empty"],
    ["a\u0007b", "a control character"],
    ["a\u007Fb", "DEL"],
    ["a\uFFF0", "U+FFF0, past U+FFEF"],
    ["a\u{1F600}", "a code point past U+FFFF (a surrogate pair)"],
    ["a\uD800", "a lone high surrogate"],
    ["\uDC00a", "a lone low surrogate"],
  ])("%j is refused: %s", (name) => {
    expect(() => formatObjectPath({ className: name, keys: {} })).toThrow(ObjectPathError);
    expect(() => formatObjectPath({ className: "C", keys: { [name]: 1 } })).toThrow(ObjectPathError);
    expect(() => parseObjectPath(`root/test:${name}.K=1`)).toThrow(ObjectPathError);
    expect(() => parseObjectPath(`root/test:C.${name}=1`)).toThrow(ObjectPathError);
  });
});

describe("format errors", () => {
  it.each<[ObjectPath, string]>([
    [{ className: "Class", host: "h", keys: {} }, "a path with a host needs a namespace"],
    [{ className: "Class", host: "a/b", namespace: "root", keys: {} }, 'host "a/b" is empty or has a slash'],
    [{ className: "Class", namespace: "root//x", keys: {} }, 'namespace "root//x" is invalid'],
    [{ className: "Bad Name", keys: {} }, 'class name "Bad Name" is not a MOF name'],
    [{ className: "C", keys: { "a=b": 1 } }, 'key name "a=b" is not a MOF name'],
    [{ className: "C", keys: { K: 1, k: 2 } }, "key k appears twice (names are case-insensitive)"],
    [{ className: "C", keys: { K: Number.NaN } }, "key value NaN is not a finite number"],
    [
      { className: "C", keys: { K: 2 ** 60 } },
      `key value ${2 ** 60} is past 2^53 and has lost precision; pass a bigint`,
    ],
    [
      { className: "C", keys: { K: null as unknown as KeyValue } },
      "key value of type object is not a string, number, bigint or boolean",
    ],
  ])("%j: %s", (path, reason) => {
    expect(() => formatObjectPath(path)).toThrow(new ObjectPathError(reason));
    expect(() => formatObjectPath(path)).toThrow(`cannot format object path: ${reason}`);
  });
});

describe("getKey", () => {
  it("finds keys case-insensitively", () => {
    const path = parseObjectPath('Msvm_ComputerSystem.CreationClassName="Msvm_ComputerSystem",Name="X"');
    expect([getKey(path, "name"), getKey(path, "NAME"), getKey(path, "Other")]).toEqual(["X", "X", undefined]);
  });
});

const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/);
const keyValue: fc.Arbitrary<KeyValue> = fc.oneof(
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.string({ unit: fc.constantFrom('"', "\\", ",", ".", "=", ":", "@", "a"), maxLength: 8 }),
  fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
  fc.oneof(fc.bigInt({ min: 2n ** 53n, max: 2n ** 64n }), fc.bigInt({ min: -(2n ** 63n), max: -(2n ** 53n) })),
  fc.boolean(),
  fc
    .double({ noNaN: true, noDefaultInfinity: true })
    .filter((x) => !Object.is(x, -0) && !(Number.isInteger(x) && !Number.isSafeInteger(x))),
);
const objectPath: fc.Arbitrary<ObjectPath> = fc
  .record({
    className: name,
    location: fc.option(
      fc.record({
        namespace: fc
          .array(fc.stringMatching(/^[A-Za-z0-9_]{1,6}$/), { minLength: 1, maxLength: 4 })
          .map((s) => s.join("/")),
        host: fc.option(fc.stringMatching(/^[A-Za-z0-9.:-]{1,10}$/), { nil: undefined }),
      }),
      { nil: undefined },
    ),
    keys: fc.uniqueArray(fc.tuple(name, keyValue), { selector: ([k]) => k.toLowerCase(), maxLength: 4 }),
  })
  .map(({ className, location, keys }) => ({
    className,
    ...(location !== undefined && { namespace: location.namespace }),
    ...(location?.host !== undefined && { host: location.host }),
    keys: Object.fromEntries(keys),
  }));

describe("round trip", () => {
  it("parseObjectPath(formatObjectPath(p)) equals p", () => {
    fc.assert(
      fc.property(objectPath, (p) => {
        expect(parseObjectPath(formatObjectPath(p))).toEqual(p);
      }),
      { numRuns: 1000 },
    );
  });

  it("formatObjectPath(parseObjectPath(s)) === s for formatted s", () => {
    fc.assert(
      fc.property(objectPath, (p) => {
        const text = formatObjectPath(p);
        return formatObjectPath(parseObjectPath(text)) === text;
      }),
    );
  });
});
