/**
 * Hostile shapes for the whole pipeline (issue 13): macro bombs, include graphs through symlinked directories,
 * huge arrays, deep inheritance chains and long lines. Each case is a small tree of files (and symlinks) that
 * `checkPipeline` writes into a fresh temporary directory and compiles from the real file system, so include
 * resolution, real paths and cycle detection are exercised as users meet them. Shared by
 * hostile.property.test.ts (small sizes) and `npm run fuzz` (the sizes that once crashed or hung mofgen).
 */
import fc from "fast-check";
import type { Dialect } from "../../src/dialect/dialect.js";

/** A tree of files to compile: `files` and `symlinks` relative to the case's directory; `roots` are the inputs. */
export interface HostileCase {
  readonly shape: string;
  readonly files: Readonly<Record<string, string>>;
  /** `link -> target`, the target as written into the link (relative to the link's directory). */
  readonly symlinks: Readonly<Record<string, string>>;
  readonly roots: readonly string[];
  readonly dialect: Dialect;
}

/** How large the hostile shapes get: the property test stays quick, the fuzzer reaches the sizes that broke. */
export interface HostileSizes {
  /** Elements of one huge array (ValueMap entries, classes, namespaces, warnings). */
  readonly elements: number;
  /** Depth of an include chain. */
  readonly depth: number;
  /**
   * Depth of an inheritance chain. The model lists every class's effective members, so a chain costs time and
   * memory quadratic in its depth (2,000 deep: about 1.3 s and 185 MB for `mofgen check`); the fuzzer stays there.
   */
  readonly chainDepth: number;
  /** Characters of one long line. */
  readonly lineLength: number;
  /** Doubling steps of a macro bomb. */
  readonly macroSteps: number;
}

export const hostileTestSizes: HostileSizes = {
  elements: 3_000,
  depth: 150,
  chainDepth: 150,
  lineLength: 20_000,
  macroSteps: 10,
};
export const hostileFuzzSizes: HostileSizes = {
  elements: 150_000,
  depth: 5_000,
  chainDepth: 2_000,
  lineLength: 400_000,
  macroSteps: 24,
};

const single = (shape: string, text: string, dialect: Dialect): HostileCase => ({
  shape,
  files: { "main.mof": text },
  symlinks: {},
  roots: ["main.mof"],
  dialect,
});

const lines = (n: number, line: (i: number) => string): string => {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(line(i));
  return out.join("\n");
};

/** `M<k> = M<k-1> M<k-1>`: each use of the last macro expands to 2^k tokens; `uses` uses of it. */
export function macroBomb(steps: number, uses: number): string {
  return `${lines(steps + 1, (i) => (i === 0 ? "#define M0 x" : `#define M${i} M${i - 1} M${i - 1}`))}\n${`M${steps} `.repeat(uses)}\n`;
}

/** One array-like construct with `n` elements, in one of the forms that once overflowed the stack or went quadratic. */
export type HugeArrayForm =
  | "valuemap entries"
  | "duplicate valuemap entries"
  | "equal value labels"
  | "escape warnings"
  | "classes then deleteclass"
  | "namespaces";

export const hugeArrayForms: readonly HugeArrayForm[] = [
  "valuemap entries",
  "duplicate valuemap entries",
  "equal value labels",
  "escape warnings",
  "classes then deleteclass",
  "namespaces",
];

export function hugeArray(form: HugeArrayForm, n: number): string {
  const list = (item: (i: number) => string) => Array.from({ length: n }, (_, i) => item(i)).join(",");
  switch (form) {
    case "valuemap entries":
      return `class A { [ValueMap{${list((i) => `"${i}"`)}}, Values{${list((i) => `"V${i}"`)}}] uint32 P; };\n`;
    case "duplicate valuemap entries":
      return `class A { [ValueMap{${list(() => `"1"`)}}] uint32 P; };\n`;
    case "equal value labels":
      return `class A { [ValueMap{${list((i) => `"${i}"`)}}, Values{${list(() => `"Same"`)}}] uint32 P; };\n`;
    case "escape warnings":
      return `class A { [Description("${"\\q".repeat(n)}")] uint32 P; };\n`;
    case "classes then deleteclass":
      return `${lines(n, (i) => `class C${i} { };`)}\n#pragma deleteclass("C0", NOFAIL)\n`;
    case "namespaces":
      return `${lines(n, (i) => `#pragma namespace("root/n${i}")\nclass C { };`)}\n`;
  }
}

/** `C<i> : C<i-1>` for `depth` classes, each adding one property (effective members grow with the depth). */
export function deepChain(depth: number): string {
  return lines(depth, (i) => (i === 0 ? "class C0 { uint32 P0; };" : `class C${i} : C${i - 1} { uint32 P${i}; };`));
}

/** One line of `length` characters holding a diagnostic every few characters (unknown escapes, unknown types). */
export function longLine(length: number, withTypes: boolean): string {
  if (withTypes) {
    const unit = "class A { nosuchtype P; };";
    return `${unit.repeat(Math.max(1, Math.floor(length / unit.length)))}\n`;
  }
  return `class A { [Description("${"\\q".repeat(Math.max(1, Math.floor(length / 2)))}")] uint32 P; };\n`;
}

/**
 * An include graph: `n` files each including some others (cycles allowed) by both directives, plus symlinked
 * directories pointing back at the root (`d1 -> .`), so the same file is reachable by many paths.
 */
export function includeGraph(n: number, edges: readonly (readonly [number, number, boolean, number])[]): HostileCase {
  const files: Record<string, string[]> = {};
  for (let i = 0; i < n; i++) files[`f${i}.mof`] = [`class F${i} { };`];
  for (const [from, to, pragma, via] of edges) {
    const path = via === 0 ? `f${to % n}.mof` : `d${via}/f${to % n}.mof`;
    const directive = pragma ? `#pragma include ("${path}")` : `#include "${path}"`;
    files[`f${from % n}.mof`]?.push(directive);
  }
  return {
    shape: "include graph",
    files: Object.fromEntries(Object.entries(files).map(([k, v]) => [k, `${v.join("\n")}\n`])),
    symlinks: { d1: ".", d2: "." },
    roots: ["f0.mof"],
    dialect: "wmi",
  };
}

/** An include chain `depth` files deep, by `#include` or `#pragma include`. */
export function includeChain(depth: number, pragma: boolean): HostileCase {
  const files: Record<string, string> = {};
  for (let i = 0; i < depth; i++) {
    const next = i + 1 < depth ? (pragma ? `#pragma include ("c${i + 1}.mof")` : `#include "c${i + 1}.mof"`) : "";
    files[`c${i}.mof`] = `${next}\nclass C${i} { };\n`;
  }
  return {
    shape: `include chain (${pragma ? "#pragma include" : "#include"})`,
    files,
    symlinks: {},
    roots: ["c0.mof"],
    dialect: "wmi",
  };
}

/** Every hostile shape, sized by `sizes`. */
export function hostileCase(sizes: HostileSizes): fc.Arbitrary<HostileCase> {
  const dialect = fc.constantFrom<Dialect>("wmi", "dmtf");
  const upTo = (max: number) => fc.integer({ min: 1, max });
  return fc.oneof(
    fc
      .tuple(fc.integer({ min: 1, max: sizes.macroSteps }), upTo(400), dialect)
      .map(([steps, uses, d]) => single("macro bomb", macroBomb(steps, uses), d)),
    fc
      .tuple(fc.constantFrom(...hugeArrayForms), upTo(sizes.elements), dialect)
      .map(([form, n, d]) => single(`huge array: ${form}`, hugeArray(form, n), d)),
    fc.tuple(upTo(sizes.chainDepth), dialect).map(([depth, d]) => single("deep chain", deepChain(depth), d)),
    fc
      .tuple(upTo(sizes.lineLength), fc.boolean(), dialect)
      .map(([length, types, d]) => single("long line", longLine(length, types), d)),
    fc
      .tuple(
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.tuple(fc.nat(7), fc.nat(7), fc.boolean(), fc.integer({ min: 0, max: 2 })), { maxLength: 24 }),
      )
      .map(([n, edges]) => includeGraph(n, edges)),
    fc.tuple(upTo(sizes.depth), fc.boolean()).map(([depth, pragma]) => includeChain(depth, pragma)),
  );
}
