/**
 * Generates `grammar/mof.ebnf` and `grammar/diagrams.html` from the Chevrotain parser, so that the grammar
 * people read is the grammar that runs (HOUSE_STYLE.md, "Architecture"). Pure: it takes the text of
 * src/parser/parser.ts (for the comment above each rule) and returns `{ path, content }[]`;
 * scripts/grammar.mjs writes or checks the files and test/grammar/grammar.test.ts compares them.
 */
import { createSyntaxDiagramsCode, type ISerializedGast, type TokenType } from "chevrotain";
import { allTokens } from "../src/lexer/tokens.js";
import { MofParser } from "../src/parser/parser.js";
import { appendAll, longest } from "../src/util/arrays.js";
import { ruleComments } from "./grammar-comments.js";

export interface GrammarFile {
  /** Relative to the repository root, with `/` separators. */
  readonly path: string;
  readonly content: string;
}

/** Where the rules and their comments come from, relative to the repository root. */
export const parserSourcePath = "src/parser/parser.ts";
export const ebnfPath = "grammar/mof.ebnf";
export const diagramsPath = "grammar/diagrams.html";

/**
 * Chevrotain's serialized grammar: one `Rule` per parser rule, in declaration order. The parser is built with
 * Chevrotain's grammar validations, which the CLI skips: an invalid grammar fails here, in the grammar test.
 */
export function serializedMofGrammar(): ISerializedGast[] {
  return new MofParser({ validate: true }).getSerializedGastProductions();
}

export function generateGrammarFiles(
  parserSource: string,
  grammar: readonly ISerializedGast[] = serializedMofGrammar(),
): GrammarFile[] {
  return [
    { path: ebnfPath, content: renderEbnf(grammar, parserSource) },
    { path: diagramsPath, content: renderDiagrams(grammar) },
  ];
}

// --- EBNF -----------------------------------------------------------------------------------------------

/** The fields of Chevrotain's serialized productions that the printer reads. */
interface GastNode {
  readonly type: string;
  readonly name?: string;
  readonly label?: string;
  readonly separator?: GastNode;
  readonly definition?: readonly GastNode[];
}

type Expr =
  | { readonly kind: "symbol"; readonly text: string }
  | { readonly kind: "seq"; readonly items: readonly Expr[] }
  | { readonly kind: "alt"; readonly options: readonly Expr[] }
  | { readonly kind: "repeat"; readonly body: Expr; readonly op: "?" | "*" | "+" };

const width = 120;

const header = `/*
 * The MOF grammar as mofgen implements it: DSP0004 v2 Annex A plus the Microsoft WMI superset.
 *
 * GENERATED from ${parserSourcePath} by \`npm run grammar\` (scripts/grammar.mjs). Do not edit by hand:
 * change the parser and regenerate; test/grammar/grammar.test.ts fails when this file is out of date.
 *
 * Notation (W3C EBNF style): rule ::= definition; A? optional; A* zero or more; A+ one or more; A | B either;
 * ( ) groups. 'Quoted' terminals are keywords (case-insensitive) and punctuation; Capitalized terminals are
 * the token classes of the hand-written scanner, listed at the end. Other names are rules, named after the
 * DSP0004 production they implement where there is one. The comment above a rule is copied from the parser:
 * the Annex A production and any spec deviation (grammar/DEVIATIONS.md explains each deviation).
 * Not shown: embedded actions (and tokens consumed inside one), rule arguments and gates.
 */
`;

export function renderEbnf(grammar: readonly ISerializedGast[], parserSource: string): string {
  const rules = grammar as readonly GastNode[];
  const column = Math.max(longest(rules.map((r) => r.name ?? "")), longest(terminalNames(rules)));
  const out: string[] = [header];
  for (const rule of rules) {
    const name = rule.name ?? "";
    const comments = ruleComments(parserSource, name);
    if (comments.length > 0) out.push(commentBlock(comments));
    out.push(production(name, toExpr(rule), column), "");
  }
  out.push(terminalSection(rules, column));
  return `${out.join("\n").trimEnd()}\n`;
}

function commentBlock(lines: readonly string[]): string {
  // A copied "*/" would end the EBNF comment early.
  const body = lines.map((l, i) => `${i === 0 ? "/* " : "   "}${l.replaceAll("*/", "*\\/")}`.trimEnd());
  return `${body.join("\n")} */`;
}

function production(name: string, body: Expr, column: number): string {
  const options = body.kind === "alt" ? body.options : [body];
  const lines: string[] = [];
  options.forEach((option, i) => {
    const lead = i === 0 ? `${name.padEnd(column)} ::= ` : `${" ".repeat(column)}   | `;
    const pieces =
      option.kind === "seq" && option.items.length > 0
        ? option.items.map((item) => render(item, 2))
        : [render(option, 1)];
    appendAll(lines, wrap(lead, pieces, column + 7));
  });
  return lines.join("\n");
}

/**
 * Greedy wrap that breaks between the pieces of a sequence (or alternatives) first, and splits a piece at its
 * spaces only when it does not fit on a line of its own. EBNF symbols never contain spaces.
 */
function wrap(lead: string, pieces: readonly string[], indent: number): string[] {
  const lines: string[] = [];
  let line = lead;
  let empty = true;
  const add = (text: string) => {
    if (!empty && line.length + 1 + text.length > width) {
      lines.push(line);
      line = " ".repeat(indent) + text;
    } else line += empty ? text : ` ${text}`;
    empty = false;
  };
  for (const piece of pieces) {
    const fitsAlone = indent + piece.length <= width;
    if (fitsAlone) add(piece);
    else for (const word of piece.split(" ")) add(word);
  }
  lines.push(line);
  return lines;
}

function toExpr(node: GastNode): Expr {
  const inner = () => seq((node.definition ?? []).map(toExpr));
  switch (node.type) {
    case "Terminal":
      return { kind: "symbol", text: terminalText(node) };
    case "NonTerminal":
      return { kind: "symbol", text: node.name ?? "?" };
    case "Rule":
    case "Alternative":
      return inner();
    case "Option":
      return { kind: "repeat", body: inner(), op: "?" };
    case "Repetition":
      return { kind: "repeat", body: inner(), op: "*" };
    case "RepetitionMandatory":
      return { kind: "repeat", body: inner(), op: "+" };
    case "RepetitionWithSeparator":
      return { kind: "repeat", body: separated(node, inner()), op: "?" };
    case "RepetitionMandatoryWithSeparator":
      return separated(node, inner());
    case "Alternation":
      return alt((node.definition ?? []).map(toExpr));
    default:
      throw new Error(`unknown Chevrotain production type ${node.type}`);
  }
}

/** `X ( sep X )*` */
function separated(node: GastNode, body: Expr): Expr {
  const sep = node.separator ? toExpr(node.separator) : { kind: "symbol" as const, text: "?" };
  return seq([body, { kind: "repeat", body: seq([sep, body]), op: "*" }]);
}

function seq(items: readonly Expr[]): Expr {
  const flat = items.flatMap((e) => (e.kind === "seq" ? e.items : [e]));
  return flat.length === 1 ? (flat[0] as Expr) : { kind: "seq", items: flat };
}

function alt(options: readonly Expr[]): Expr {
  const flat = options.flatMap((e) => (e.kind === "alt" ? e.options : [e]));
  return flat.length === 1 ? (flat[0] as Expr) : { kind: "alt", options: flat };
}

/** Precedence: alternation 0, sequence 1, postfix 2, symbol 3; `min` is what the context needs. */
function render(e: Expr, min: number): string {
  const [text, precedence] = renderBare(e);
  return precedence >= min ? text : `( ${text} )`;
}

function renderBare(e: Expr): [string, number] {
  switch (e.kind) {
    case "symbol":
      return [e.text, 3];
    case "seq":
      return e.items.length === 0 ? ["/* empty */", 3] : [e.items.map((i) => render(i, 2)).join(" "), 1];
    case "alt":
      return [e.options.map((o) => render(o, 1)).join(" | "), 0];
    case "repeat":
      return [`${render(e.body, 3)}${e.op}`, 2];
  }
}

// --- terminals --------------------------------------------------------------------------------------------

const literalLabel = /^'[^']+'$/;

/** A keyword or punctuation token prints as its label ('class', ';'); a token class prints as its name. */
function terminalText(node: GastNode): string {
  const label = node.label ?? "";
  return literalLabel.test(label) ? label : (node.name ?? "?");
}

function isCategory(t: TokenType): boolean {
  return allTokens.some((other) => other.CATEGORIES?.includes(t));
}

function membersOf(category: TokenType): TokenType[] {
  return allTokens.filter((t) => t.CATEGORIES?.includes(category) && !isCategory(t));
}

function tokenSymbol(t: TokenType): string {
  return literalLabel.test(t.LABEL ?? "") ? (t.LABEL as string) : t.name;
}

/** Token classes the grammar uses (directly or as members of a category), in `allTokens` order. */
function terminalNames(rules: readonly GastNode[]): string[] {
  const used = new Set<string>();
  const visit = (n: GastNode) => {
    if (n.type === "Terminal" && n.name && !literalLabel.test(n.label ?? "")) used.add(n.name);
    if (n.separator) visit(n.separator);
    for (const d of n.definition ?? []) visit(d);
  };
  for (const r of rules) visit(r);
  for (const t of allTokens) {
    if (!used.has(t.name) || !isCategory(t)) continue;
    for (const m of membersOf(t)) if (!literalLabel.test(m.LABEL ?? "")) used.add(m.name);
  }
  return allTokens.filter((t) => used.has(t.name)).map((t) => t.name);
}

function terminalSection(rules: readonly GastNode[], column: number): string {
  const out = [
    "/* Terminals: token classes made by the hand-written scanner (src/lexer/scanner.ts), with the label the",
    '   parser uses in its messages. Their lexical rules are in grammar/DEVIATIONS.md, section "Lexical". */',
  ];
  for (const name of terminalNames(rules)) {
    const t = allTokens.find((x) => x.name === name) as TokenType;
    const lead = `${name.padEnd(column)} ::= `;
    if (isCategory(t)) {
      const members = membersOf(t).map((m, i) => (i === 0 ? tokenSymbol(m) : `| ${tokenSymbol(m)}`));
      appendAll(out, wrap(lead, members, column + 7));
    } else out.push(`${lead}/* ${t.LABEL ?? name} */`);
  }
  return out.join("\n");
}

// --- railroad diagrams -------------------------------------------------------------------------------------

const diagramsBanner =
  "<!-- GENERATED from src/parser/parser.ts by `npm run grammar`: do not edit by hand." +
  " The railroad scripts load from unpkg.com, so viewing needs a network connection. -->";

/** Chevrotain's diagrams page, with a banner instead of its own comment and no trailing blanks. */
export function renderDiagrams(grammar: readonly ISerializedGast[]): string {
  const html = createSyntaxDiagramsCode([...grammar]);
  const own = "<!-- This is a generated file -->";
  const bannered = html.includes(own) ? html.replace(own, diagramsBanner) : `${diagramsBanner}\n${html}`;
  const lines = bannered.split("\n").map((l) => l.trimEnd());
  return `${lines.join("\n").trim()}\n`;
}
