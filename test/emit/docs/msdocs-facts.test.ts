import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseOverlay } from "../../../src/cli/docs-overlay.js";
import { renderDocs } from "../../../src/emit/docs/generate.js";
import { classPagePath, methodPagePath } from "../../../src/emit/docs/paths.js";
import { resolveSchema } from "../../../src/model/resolve.js";
import { type ClassModel, fold } from "../../../src/model/types.js";
import { buildProgram } from "../../../src/program/program.js";
import { corpus } from "../../helpers/corpora.js";
import { boldItems, parameterParts, returnValues, syntaxBlock, unescapeMarkdown } from "./seed-pages.js";

/**
 * Microsoft's own HyperV_v2 pages against the pages mofgen writes (Microsoft style) from the reconstructed schema
 * `../shared/corpora/hyperv/v2/all.mof`, section by section. The facts (test/fixtures/msdocs-hyperv-v2/
 * facts.json) are what the pages say, never their text; `differences` records every section that does not
 * match, and why: `schema` when the reconstructed MOF lacks or contradicts the fact (it was rebuilt from the
 * pages, with fixes and inferences: NOTES.md), `page` when Microsoft's page contradicts Microsoft's other pages
 * (mofgen follows the rule most of them follow), `rendering` when mofgen prints a fact differently. The test
 * fails on any unrecorded difference and on any recorded one that went away, and prints the exact-match rate
 * of each section over all pages.
 */

interface ClassFacts {
  readonly name: string;
  readonly page: string;
  readonly title: string;
  readonly syntax: readonly string[];
  readonly methods?: readonly string[];
  readonly qualifiers?: Readonly<Record<string, string>>;
  readonly access?: Readonly<Record<string, string>>;
  readonly values?: Readonly<Record<string, readonly (readonly [string, string])[]>>;
}

interface MethodFacts {
  readonly className: string;
  readonly name: string;
  readonly page: string;
  readonly syntax: readonly string[];
  readonly title?: string;
  readonly parameters?: readonly (readonly [string, string])[];
  /** The `Type:` line of each parameter, as plain text (`string[]`, `CIM_ConcreteJob`), where the page has them. */
  readonly types?: readonly (readonly [string, string])[];
  readonly returnValues?: readonly (readonly [string, string])[];
}

interface Difference {
  /** `schema`: the schema lacks the fact; `page`: Microsoft's pages disagree among themselves; `rendering`. */
  readonly cause: "schema" | "page" | "rendering";
  readonly note: string;
}

interface Facts {
  readonly classes: readonly ClassFacts[];
  readonly methods: readonly MethodFacts[];
  readonly differences: Readonly<Record<string, Difference>>;
}

const facts = JSON.parse(
  readFileSync(join(import.meta.dirname, "../../fixtures/msdocs-hyperv-v2/facts.json"), "utf8"),
) as Facts;

/** Each property's part of a class page (`#### Name` to the next heading). */
function propertyParts(page: string): Map<string, string> {
  const out = new Map<string, string>();
  const headings = [...page.matchAll(/^#### (.+)$/gm)];
  headings.forEach((h, i) => {
    const end = page.slice((h.index ?? 0) + h[0].length).search(/^#{1,4} |^<details>/m);
    const body = page.slice((h.index ?? 0) + h[0].length).slice(0, end < 0 ? undefined : end);
    out.set(unescapeMarkdown(h[1] ?? ""), body);
    void i;
  });
  return out;
}

const line = (body: string | undefined, label: string) =>
  unescapeMarkdown(new RegExp(`^${label}: ([^\\n]*?)(<br>)?$`, "m").exec(body ?? "")?.[1] ?? "");

/** The sections of a generated class page, in the facts' shape. */
function classSections(page: string, f: ClassFacts): Record<string, unknown> {
  const props = propertyParts(page);
  const pick = <T>(names: Readonly<Record<string, unknown>> | undefined, read: (body: string | undefined) => T) =>
    names === undefined ? undefined : Object.fromEntries(Object.keys(names).map((n) => [n, read(props.get(n))]));
  return {
    title: unescapeMarkdown(/^# (.+)$/m.exec(page)?.[1] ?? ""),
    syntax: syntaxBlock(page)?.split("\n"),
    methods: f.methods === undefined ? undefined : [...page.matchAll(/^\| \[\*\*(.+?)\*\*\]\(/gm)].map((m) => m[1]),
    qualifiers: pick(f.qualifiers, (b) => line(b, "Qualifiers")),
    access: pick(f.access, (b) => line(b, "Access type")),
    values: pick(f.values, (b) => boldItems(b ?? "").map((v) => [v.label, v.code])),
  };
}

/** Markdown of a Type line as plain text: links, bold and escapes removed. */
const plainType = (text: string) =>
  unescapeMarkdown(text.replace(/\[([^\]]*(?:\\\][^\]]*)*)\]\([^)]*\)/g, "$1").replace(/\*\*/g, ""));

function methodSections(page: string): Record<string, unknown> {
  return {
    title: unescapeMarkdown(/^# (.+)$/m.exec(page)?.[1] ?? ""),
    syntax: syntaxBlock(page)?.split("\n"),
    parameters: parameterParts(page).map((p) => [p.name, p.direction]),
    types: [...page.matchAll(/^\*((?:[^*\\]|\\.)+)\* \\\[[^\n]*\n\nType: ([^\n]+)$/gm)].map((m) => [
      unescapeMarkdown(m[1] ?? ""),
      plainType(m[2] ?? ""),
    ]),
    returnValues: returnValues(page).map((v) => [v.label, v.code]),
  };
}

/** The values a MS fact list's code is compared as (the test reader trims `0x8000.. ` too). */
function normal(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? null).replace(/\.\. "/g, '.."'));
}

describe("Microsoft's HyperV_v2 pages, fact by fact, against mofgen's Microsoft-style pages", () => {
  const dir = corpus("hyperv");
  if (dir === undefined) {
    it.skip("needs the hyperv corpus", () => {});
    return;
  }
  const program = buildProgram([join(dir, "v2/all.mof")], { dialect: "wmi" });
  const { schema } = resolveSchema(program, { dialect: "wmi" });
  // With the overlay a writer keeps for these pages (msdocs-causes.test.ts): only Syntax-block settings.
  const overlayPath = join(import.meta.dirname, "../../fixtures/msdocs-hyperv-v2/overlay.json");
  const { overlay } = parseOverlay(readFileSync(overlayPath, "utf8"), overlayPath, schema);
  const { files } = renderDocs(schema, { overlay });
  const pages = new Map(files.map((f) => [f.path, f.content]));
  const classByName = new Map<string, ClassModel>();
  for (const ns of schema.namespaces) for (const c of ns.classes) classByName.set(fold(c.name), c);

  const found = new Map<string, { expected: unknown; actual: unknown }>();
  const tally = new Map<string, { pages: number; exact: number }>();
  const compare = (key: string, section: string, expected: unknown, actual: unknown) => {
    if (expected === undefined) return;
    const t = tally.get(section) ?? { pages: 0, exact: 0 };
    t.pages++;
    if (JSON.stringify(normal(expected)) === JSON.stringify(normal(actual))) t.exact++;
    else found.set(`${key}#${section}`, { expected, actual });
    tally.set(section, t);
  };

  for (const f of facts.classes) {
    const cls = classByName.get(fold(f.name));
    const page = cls === undefined ? "" : (pages.get(classPagePath(cls.namespace, cls.name)) ?? "");
    const mine = classSections(page, f);
    for (const section of ["title", "syntax", "methods", "qualifiers", "access", "values"] as const)
      compare(f.page, `class ${section}`, f[section], mine[section]);
  }
  for (const f of facts.methods) {
    const cls = classByName.get(fold(f.className));
    const page = cls === undefined ? "" : (pages.get(methodPagePath(cls.namespace, cls.name, f.name)) ?? "");
    const mine = methodSections(page);
    for (const section of ["title", "syntax", "parameters", "types", "returnValues"] as const)
      compare(f.page, `method ${section}`, f[section], mine[section]);
  }

  it("prints the Syntax-block match rate over every page of the folder (corpus msdocs-hyperv-v2-simplified)", (ctx) => {
    const extracts = corpus("msdocs-hyperv-v2-simplified");
    if (extracts === undefined) return ctx.skip();
    const blocks = (file: string, header: RegExp) =>
      readFileSync(join(extracts, file), "utf8")
        .split(header)
        .slice(1)
        .map((part) => part.trim());
    let classes = 0;
    let classMatches = 0;
    for (const part of blocks("classes-simplified.mof", /^\/\/ ---- source: .*$/m)) {
      const name = /^class (\w+)/m.exec(part)?.[1] ?? "";
      const cls = classByName.get(fold(name));
      const page = cls === undefined ? "" : (pages.get(classPagePath(cls.namespace, cls.name)) ?? "");
      classes++;
      if (syntaxBlock(page) === part) classMatches++;
    }
    let methods = 0;
    let methodMatches = 0;
    const text = readFileSync(join(extracts, "methods-simplified.fragments.txt"), "utf8");
    for (const m of text.matchAll(
      /^\/\/ ---- class: (\w+)\s+method: (\w+).*\n([\s\S]*?)(?=\n\/\/ ----|(?![\s\S]))/gm,
    )) {
      const cls = classByName.get(fold(m[1] ?? ""));
      const page = cls === undefined ? "" : (pages.get(methodPagePath(cls.namespace, cls.name, m[2] ?? "")) ?? "");
      methods++;
      if (syntaxBlock(page) === (m[3] ?? "").trim()) methodMatches++;
    }
    console.log(
      `Syntax blocks identical over all pages: classes ${classMatches}/${classes}, methods ${methodMatches}/${methods}`,
    );
    expect([classes, methods]).toEqual([429, 359]);
    // Floors, so that a rendering regression fails: what this layout reached with the overlay.
    expect(classMatches).toBeGreaterThanOrEqual(296);
    expect(methodMatches).toBeGreaterThanOrEqual(328);
  });

  it("has facts of at least 30 class pages and 30 method pages", () => {
    expect(facts.classes.length).toBeGreaterThanOrEqual(30);
    expect(facts.methods.length).toBeGreaterThanOrEqual(30);
  });

  it("reports the exact-match rate of each section", () => {
    const rows = [...tally].map(([s, t]) => `${s}: ${t.exact}/${t.pages} (${Math.round((100 * t.exact) / t.pages)} %)`);
    console.log(`Exact matches per section:\n  ${rows.join("\n  ")}`);
    expect(tally.get("class syntax")?.pages).toBe(facts.classes.length);
  });

  it("differs only where recorded, and every recorded difference still occurs", () => {
    if (process.env.FACTS_REPORT === "1") console.log(JSON.stringify(Object.fromEntries(found), null, 1));
    expect([...found.keys()].sort()).toEqual(Object.keys(facts.differences).sort());
  });

  it("has no rendering difference in the Microsoft style", () => {
    const rendering = Object.entries(facts.differences).filter(([, d]) => d.cause === "rendering");
    expect(rendering).toEqual([]);
    for (const d of Object.values(facts.differences)) {
      expect(["schema", "page"]).toContain(d.cause);
      expect(d.note.length).toBeGreaterThan(10);
    }
  });
});
