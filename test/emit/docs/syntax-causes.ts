import { direction } from "../../../src/emit/docs/syntax.js";
import { typeName } from "../../../src/emit/docs/values.js";
import type { ClassModel, MethodModel, QualifierValue } from "../../../src/model/types.js";
import { fold } from "../../../src/model/types.js";

/**
 * Why a Syntax block of Microsoft's page differs from the one mofgen writes: each difference is split into
 * findings, and each finding is classified by what the schema says about the fact on Microsoft's page:
 * - `schema`: the reconstructed MOF lacks the fact, has one the page lacks, or contradicts it (another type,
 *   default, direction, spelling, or an order other than its own declaration order);
 * - `rendering`: the MOF has exactly the page's fact and mofgen prints it otherwise;
 * - `page`: Microsoft's page writes the fact in a way that is not MOF (a string default without its quotes),
 *   which mofgen, writing MOF, never reproduces.
 * The kind names the part of the block (`qualifier order`, `default text`, ...), so a table of causes can be
 * printed and pinned. Microsoft's blocks are "simplified MOF" with typos, so they are read line by line with
 * lenient patterns, never as MOF.
 */

export type Cause = "schema" | "rendering" | "page";

export interface Finding {
  readonly cause: Cause;
  readonly kind: string;
  readonly detail: string;
}

interface BlockQualifier {
  readonly name: string;
  readonly text: string;
}

/** `[A, B("x, y"), C({ "z" })]` into its items, split at top-level commas (outside quotes and parentheses). */
export function splitQualifiers(line: string): BlockQualifier[] {
  const inner = line.trim().replace(/^\[/, "").replace(/\]$/, "");
  const items: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === '"' && inner[i - 1] !== "\\") quoted = !quoted;
    else if (!quoted && (c === "(" || c === "{")) depth++;
    else if (!quoted && (c === ")" || c === "}")) depth--;
    else if (!quoted && depth === 0 && c === ",") {
      items.push(inner.slice(start, i));
      start = i + 1;
    }
  }
  items.push(inner.slice(start));
  return items
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .map((s) => ({ name: /^\w+/.exec(s)?.[0] ?? s, text: s }));
}

interface BlockProperty {
  readonly type: string;
  readonly ref: boolean;
  readonly name: string;
  readonly array: string;
  readonly value: string | undefined;
}

interface ClassBlock {
  readonly qualifiers: readonly BlockQualifier[];
  readonly name: string;
  readonly superclass: string | undefined;
  readonly properties: readonly BlockProperty[];
  /** Lines between the braces no pattern reads. */
  readonly unread: readonly string[];
}

/** A class Syntax block: the qualifier line, the class line, and one declaration per `;` between the braces. */
export function readClassBlock(block: string): ClassBlock {
  const lines = block.split("\n");
  const head = lines[0]?.startsWith("[") ? (lines.shift() ?? "") : "";
  const m = /^class\s+(\w+)(?:\s*:\s*(\w+))?/.exec(lines.shift() ?? "");
  const body = lines
    .join("\n")
    .replace(/^\s*\{/, "")
    .replace(/\}\s*;?\s*$/, "");
  const properties: BlockProperty[] = [];
  const unread: string[] = [];
  for (const raw of body.split(";")) {
    const decl = raw.replace(/\s+/g, " ").trim();
    if (decl === "") continue;
    const p = /^(\w+) (?:(REF) )?(\w+)(\[\d*\])? ?(?:= ?(.*))?$/.exec(decl);
    if (p === null) unread.push(decl);
    else
      properties.push({ type: p[1] ?? "", ref: p[2] !== undefined, name: p[3] ?? "", array: p[4] ?? "", value: p[5] });
  }
  return {
    qualifiers: head === "" ? [] : splitQualifiers(head),
    name: m?.[1] ?? "",
    superclass: m?.[2],
    properties,
    unread,
  };
}

/**
 * A default as a value, for comparing two writings of it: without the spaces outside quotes (inside, a space is
 * part of the value), the braces of a one-element array, the quotes, or the case of a boolean.
 */
const sameValue = (a: string, b: string) => {
  const n = (s: string) => {
    const bare = s
      .split('"')
      .map((part, i) => (i % 2 === 0 ? part.replace(/\s+/g, "") : part))
      .join('"')
      .replace(/^\{([^,]*)\}$/, "$1");
    return (/^(true|false)$/i.test(bare) ? bare.toLowerCase() : bare).replace(/"/g, "");
  };
  // A string the page writes without its quotes: the text between them is the value, spaces and all.
  const bareString = (page: string, quoted: string) => !page.includes('"') && /^"[^"]*"$/.test(quoted);
  if (bareString(a, b)) return a.trim() === b.slice(1, -1);
  return n(a) === n(b);
};

/** How two writings of one default differ (the names of the rendering kinds). */
function textKind(ms: string, mine: string): string {
  if (/^(true|false)$/i.test(ms)) return "default: boolean case";
  if (ms.replace(/\s+/g, "") === mine.replace(/\s+/g, "")) return "default: spacing";
  if (/^\{.*\}$/.test(mine) && !/^\{.*\}$/.test(ms)) return "default: array without braces";
  if (!ms.includes('"') && mine.includes('"')) return "default: string without quotes";
  return "default: other writing";
}

const ownQualifiers = (qs: readonly QualifierValue[]) => qs.filter((q) => !q.propagated);

/** The findings of a class block that differs; `mine` is mofgen's block for the same class. */
export function classFindings(cls: ClassModel | undefined, msText: string, mineText: string): Finding[] {
  const out: Finding[] = [];
  const add = (cause: Cause, kind: string, detail: string) => out.push({ cause, kind, detail });
  if (cls === undefined) {
    add("schema", "class the MOF lacks", msText.split("\n")[0] ?? "");
    return out;
  }
  const ms = readClassBlock(msText);
  const mine = readClassBlock(mineText);
  for (const u of ms.unread) add("schema", "declaration that is not MOF", u);

  // The qualifier line.
  const declared = ownQualifiers(cls.qualifiers);
  const inMof = new Map(declared.map((q) => [fold(q.name), q]));
  const mineQ = new Map(mine.qualifiers.map((q) => [fold(q.name), q]));
  const msQ = new Map(ms.qualifiers.map((q) => [fold(q.name), q]));
  for (const q of ms.qualifiers) {
    const k = fold(q.name);
    const m = mineQ.get(k);
    if (m === undefined) {
      if (inMof.has(k)) add("rendering", "qualifier mofgen leaves out", q.name);
      else add("schema", "qualifier the MOF lacks", q.text);
    } else if (m.text !== q.text) {
      if (m.name !== q.name) add("schema", "qualifier spelled otherwise in the MOF", `${q.name} / ${m.name}`);
      else if (sameValue(m.text.slice(m.name.length), q.text.slice(q.name.length)))
        add("rendering", "qualifier value writing", `${q.text} / ${m.text}`);
      else add("schema", "qualifier value", `${q.text} / ${m.text}`);
    }
  }
  for (const q of mine.qualifiers) if (!msQ.has(fold(q.name))) add("schema", "qualifier the page lacks", q.text);
  const common = (list: readonly BlockQualifier[]) =>
    list.map((q) => fold(q.name)).filter((k) => msQ.has(k) && mineQ.has(k));
  const msOrder = common(ms.qualifiers);
  if (msOrder.join() !== common(mine.qualifiers).join()) {
    const mofOrder = declared.map((q) => fold(q.name)).filter((k) => msQ.has(k) && mineQ.has(k));
    if (mofOrder.join() === msOrder.join()) add("rendering", "qualifier order", msOrder.join(", "));
    else add("schema", "qualifier order other than the MOF's", `${msOrder.join(", ")} / MOF ${mofOrder.join(", ")}`);
  }

  // The class line.
  if (fold(ms.name) !== fold(mine.name) || fold(ms.superclass ?? "") !== fold(mine.superclass ?? "")) {
    if (fold(ms.superclass ?? "") === fold(cls.superclass ?? "") && fold(ms.name) === fold(cls.name))
      add("rendering", "class line", `${ms.name} : ${ms.superclass}`);
    else add("schema", "superclass", `${ms.superclass} / ${cls.superclass}`);
  } else if (ms.name !== mine.name || (ms.superclass ?? "") !== (mine.superclass ?? ""))
    add("schema", "class name spelled otherwise in the MOF", `${ms.name} : ${ms.superclass}`);

  // The properties: which ones, their order, and each declaration.
  const effective = new Map(cls.properties.map((p) => [fold(p.name), p]));
  const mineP = new Map(mine.properties.map((p) => [fold(p.name), p]));
  const msP = new Map(ms.properties.map((p) => [fold(p.name), p]));
  for (const p of ms.properties) {
    const k = fold(p.name);
    const model = effective.get(k);
    if (model === undefined) add("schema", "property the MOF lacks", p.name);
    else if (!mineP.has(k))
      add(
        "rendering",
        model.propagated ? "inherited property mofgen leaves out" : "property mofgen leaves out",
        p.name,
      );
  }
  for (const p of mine.properties) {
    if (msP.has(fold(p.name))) continue;
    const model = effective.get(fold(p.name));
    // A property the class declares itself (new or overriding) is the MOF's fact; an inherited one is a choice.
    if (model !== undefined && !model.propagated) add("schema", "property the page lacks", p.name);
    else add("rendering", "inherited property the page leaves out", p.name);
  }
  const both = (list: readonly BlockProperty[]) =>
    list.map((p) => fold(p.name)).filter((k) => msP.has(k) && mineP.has(k));
  const msPOrder = both(ms.properties);
  if (msPOrder.join() !== both(mine.properties).join()) {
    const modelOrder = cls.properties.map((p) => fold(p.name)).filter((k) => msP.has(k) && mineP.has(k));
    if (modelOrder.join() === msPOrder.join()) add("rendering", "property order", cls.name);
    else add("schema", "property order other than the MOF's", cls.name);
  }
  for (const p of ms.properties) {
    const m = mineP.get(fold(p.name));
    if (m === undefined) continue;
    if (m.name !== p.name) add("schema", "property spelled otherwise in the MOF", `${p.name} / ${m.name}`);
    if (m.type !== p.type || m.ref !== p.ref) add("schema", "property type", `${p.name}: ${p.type} / ${m.type}`);
    if (m.array !== p.array) add("schema", "array brackets", `${p.name}${p.array} / ${m.name}${m.array}`);
    if (m.value !== p.value) {
      if (p.value === undefined) add("schema", "default the page lacks", `${p.name} = ${m.value}`);
      else if (m.value === undefined) add("schema", "default the MOF lacks", `${p.name} = ${p.value}`);
      else if (sameValue(p.value, m.value)) {
        const kind = textKind(p.value, m.value);
        add(kind === "default: string without quotes" ? "page" : "rendering", kind, `${p.value} / ${m.value}`);
      } else add("schema", "default value", `${p.name}: ${p.value} / ${m.value}`);
    }
  }
  if (out.length === 0) add("rendering", "layout (alignment, spacing)", cls.name);
  return out;
}

interface BlockParameter {
  readonly direction: string;
  readonly type: string;
  readonly ref: boolean;
  readonly name: string;
  readonly array: string;
}

/** A method Syntax block: `type Name(`, one `[dir] type [REF] Name[]` per comma-separated parameter, `);`. */
export function readMethodBlock(block: string) {
  const m = /^\s*(\w+)\s+(\w+)\s*\(([\s\S]*)\)\s*;?\s*$/.exec(block);
  const parameters: BlockParameter[] = [];
  const unread: string[] = [];
  for (const raw of (m?.[3] ?? "").split(",\n")) {
    const decl = raw.replace(/\s+/g, " ").trim();
    if (decl === "") continue;
    const p = /^\[([^\]]*)\] (\w+) (?:(REF) )?(\w+)(\[\d*\])?$/.exec(decl);
    if (p === null) unread.push(decl);
    else
      parameters.push({
        direction: (p[1] ?? "").replace(/\s+/g, "").toLowerCase(),
        type: p[2] ?? "",
        ref: p[3] !== undefined,
        name: p[4] ?? "",
        array: p[5] ?? "",
      });
  }
  return { returnType: m?.[1] ?? "", name: m?.[2] ?? "", parameters, unread, read: m !== null };
}

/**
 * The findings of a method block that differs, against the method the schema declares (undefined: none). The
 * parameters' facts are compared with the model itself (mofgen prints them from it: `methodSyntax`), so a
 * block whose facts all agree is left with a layout finding only.
 */
export function methodFindings(method: MethodModel | undefined, msText: string): Finding[] {
  const out: Finding[] = [];
  const add = (cause: Cause, kind: string, detail: string) => out.push({ cause, kind, detail });
  if (method === undefined) {
    add("schema", "method the MOF lacks", msText.split("\n")[0] ?? "");
    return out;
  }
  const ms = readMethodBlock(msText);
  if (!ms.read) add("schema", "signature that is not MOF", msText.split("\n")[0] ?? "");
  for (const u of ms.unread) add("schema", "parameter that is not MOF", u);
  if (ms.read && ms.returnType !== typeName(method.returnType)) add("schema", "return type", ms.returnType);
  if (ms.read && ms.name !== method.name) add("schema", "method spelled otherwise in the MOF", ms.name);
  const model = new Map(method.parameters.map((p) => [fold(p.name), p]));
  const msNames = ms.parameters.map((p) => fold(p.name));
  for (const p of ms.parameters) {
    const q = model.get(fold(p.name));
    if (q === undefined) {
      add("schema", "parameter the MOF lacks", p.name);
      continue;
    }
    if (q.name !== p.name) add("schema", "parameter spelled otherwise in the MOF", `${p.name} / ${q.name}`);
    if (typeName(q.type) !== p.type || (q.type.kind === "reference") !== p.ref)
      add(
        "schema",
        "parameter type",
        `${p.name}: ${p.ref ? `${p.type} REF` : p.type} / ${typeName(q.type)}${q.type.kind === "reference" ? " REF" : ""}`,
      );
    const arr = q.array === undefined ? "" : q.array.size === undefined ? "[]" : `[${q.array.size}]`;
    if (arr !== p.array) add("schema", "parameter array brackets", `${p.name}${p.array} / ${q.name}${arr}`);
    if (direction(q).replace(/\s+/g, "") !== p.direction)
      add("schema", "parameter direction", `${p.name}: [${p.direction}] / [${direction(q)}]`);
  }
  for (const q of method.parameters)
    if (!msNames.includes(fold(q.name))) add("schema", "parameter the page lacks", q.name);
  const modelOrder = method.parameters.map((p) => fold(p.name)).filter((k) => msNames.includes(k));
  if (ms.parameters.length > 0 && modelOrder.join() !== msNames.filter((k) => model.has(k)).join())
    add("schema", "parameter order other than the MOF's", method.name);
  if (out.length === 0) add("rendering", "layout (alignment, spacing)", method.name);
  return out;
}
