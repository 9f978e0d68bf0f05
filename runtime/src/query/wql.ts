import { CimError, CimStatus } from "../values/cim-error.js";
import { foldName, mofNamePattern } from "../values/cim-name.js";

/**
 * The WQL subset a server evaluates itself (providers have no query entry point): `SELECT * | prop, ... FROM Class
 * [WHERE condition]`, where a condition is comparisons (`=`, `<>`, `!=`, `<`, `<=`, `>`, `>=`, `LIKE`, `IS [NOT]
 * NULL`) of a property with a literal (string in single or double quotes, number, TRUE, FALSE, NULL), joined by
 * AND, OR, NOT and parentheses. Keywords and property names are case-insensitive, as in WMI. Hand-written recursive
 * descent: the language is tiny, and a bad query gets CIM_ERR_INVALID_QUERY naming the position.
 */
export interface WqlQuery {
  readonly className: string;
  /** The selected properties as written, or undefined for `*`. */
  readonly properties: readonly string[] | undefined;
  readonly where: WqlCondition | undefined;
}

export type WqlLiteral = string | number | boolean | null;

export type WqlCondition =
  | { readonly kind: "and" | "or"; readonly left: WqlCondition; readonly right: WqlCondition }
  | { readonly kind: "not"; readonly operand: WqlCondition }
  | { readonly kind: "compare"; readonly property: string; readonly op: WqlOperator; readonly value: WqlLiteral };

export type WqlOperator = "=" | "<>" | "<" | "<=" | ">" | ">=" | "like" | "is" | "is not";

interface Token {
  readonly kind: "word" | "string" | "number" | "symbol";
  readonly text: string;
  readonly at: number;
}

/** Longest operators first, so `<=` is not read as `<` then `=`. */
const tokenPattern = new RegExp(
  `\\s*(?:(${mofNamePattern})|'((?:[^'\\\\]|\\\\.)*)'|"((?:[^"\\\\]|\\\\.)*)"|([+-]?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?)|(<>|!=|<=|>=|[=<>(),*]))`,
  "y",
);

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  tokenPattern.lastIndex = 0;
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    tokenPattern.lastIndex = at;
    const m = tokenPattern.exec(text);
    if (m === null) {
      const bad = at + (text.length - at - text.slice(at).trimStart().length);
      throw invalidQuery(`unexpected character ${JSON.stringify(text[bad])}`, bad);
    }
    const start = at + (m[0].length - m[0].trimStart().length);
    at = tokenPattern.lastIndex;
    if (m[1] !== undefined) tokens.push({ kind: "word", text: m[1], at: start });
    else if (m[2] !== undefined || m[3] !== undefined)
      tokens.push({ kind: "string", text: (m[2] ?? m[3] ?? "").replace(/\\(.)/g, "$1"), at: start });
    else if (m[4] !== undefined) tokens.push({ kind: "number", text: m[4], at: start });
    else tokens.push({ kind: "symbol", text: m[5] === "!=" ? "<>" : (m[5] ?? ""), at: start });
  }
  return tokens;
}

function invalidQuery(reason: string, at: number): CimError {
  return new CimError(CimStatus.CIM_ERR_INVALID_QUERY, `WQL: ${reason} at position ${at + 1}`);
}

/** Parse a WQL query; throws CimError CIM_ERR_INVALID_QUERY. Queries longer than 64 KiB are refused outright. */
export function parseWql(text: string): WqlQuery {
  if (text.length > 65536) throw invalidQuery("the query is longer than 65536 characters", 0);
  const tokens = tokenize(text);
  let i = 0;
  const peek = () => tokens[i];
  const end = text.length;
  const isWord = (word: string) => peek()?.kind === "word" && peek()?.text.toLowerCase() === word;
  const isSymbol = (symbol: string) => peek()?.kind === "symbol" && peek()?.text === symbol;
  const expect = (what: string, ok: boolean): Token => {
    const token = peek();
    if (!ok || token === undefined) throw invalidQuery(`expected ${what}`, token?.at ?? end);
    i++;
    return token;
  };
  const name = (what: string) => expect(what, peek()?.kind === "word" && !isWord("from") && !isWord("where")).text;

  expect("SELECT", isWord("select"));
  let properties: string[] | undefined;
  if (isSymbol("*")) i++;
  else {
    properties = [name("a property name or *")];
    while (isSymbol(",")) {
      i++;
      properties.push(name("a property name"));
    }
  }
  expect("FROM", isWord("from"));
  const className = name("a class name");
  let where: WqlCondition | undefined;
  if (isWord("where")) {
    i++;
    where = or();
  }
  if (peek() !== undefined) throw invalidQuery(`unexpected ${JSON.stringify(peek()?.text)}`, peek()?.at ?? end);
  return { className, properties, where };

  // Nesting is bounded, so 64 KiB of "(" or "NOT" cannot exhaust the stack.
  function or(depth = 0): WqlCondition {
    if (depth > 100) throw invalidQuery("conditions are nested more than 100 deep", peek()?.at ?? end);
    let left = and(depth);
    while (isWord("or")) {
      i++;
      left = { kind: "or", left, right: and(depth) };
    }
    return left;
  }
  function and(depth: number): WqlCondition {
    let left = not(depth);
    while (isWord("and")) {
      i++;
      left = { kind: "and", left, right: not(depth) };
    }
    return left;
  }
  function not(depth: number): WqlCondition {
    if (isWord("not")) {
      i++;
      if (depth > 100) throw invalidQuery("NOT is nested more than 100 deep", peek()?.at ?? end);
      return { kind: "not", operand: not(depth + 1) };
    }
    if (isSymbol("(")) {
      i++;
      const inner = or(depth + 1);
      expect("')'", isSymbol(")"));
      return inner;
    }
    return comparison();
  }
  function comparison(): WqlCondition {
    const property = name("a property name");
    if (isWord("is")) {
      i++;
      const negated = isWord("not");
      if (negated) i++;
      expect("NULL", isWord("null"));
      return { kind: "compare", property, op: negated ? "is not" : "is", value: null };
    }
    let op: WqlOperator;
    if (isWord("like")) op = "like";
    else
      op = expect("a comparison operator", ["=", "<>", "<", "<=", ">", ">="].includes(peek()?.text ?? ""))
        .text as WqlOperator;
    if (op === "like") i++;
    return { kind: "compare", property, op, value: literal() };
  }
  function literal(): WqlLiteral {
    const token = expect("a string, a number, TRUE, FALSE or NULL", peek() !== undefined);
    if (token.kind === "string") return token.text;
    if (token.kind === "number") return Number(token.text);
    const word = token.kind === "word" ? token.text.toLowerCase() : "";
    if (word === "true" || word === "false") return word === "true";
    if (word === "null") return null;
    throw invalidQuery("expected a string, a number, TRUE, FALSE or NULL", token.at);
  }
}

/** Whether an instance (its properties, found case-insensitively) satisfies the condition. */
export function matchesWql(
  condition: WqlCondition | undefined,
  properties: Readonly<Record<string, unknown>>,
): boolean {
  return condition === undefined || truth(condition, properties) === true;
}

/**
 * SQL's three-valued logic: a comparison with NULL is unknown (undefined), NOT unknown is unknown, and AND / OR
 * follow Kleene; only a true condition selects an instance.
 */
function truth(condition: WqlCondition, properties: Readonly<Record<string, unknown>>): boolean | undefined {
  switch (condition.kind) {
    case "and": {
      const left = truth(condition.left, properties);
      if (left === false) return false;
      const right = truth(condition.right, properties);
      return right === false ? false : left === true && right === true ? true : undefined;
    }
    case "or": {
      const left = truth(condition.left, properties);
      if (left === true) return true;
      const right = truth(condition.right, properties);
      return right === true ? true : left === false && right === false ? false : undefined;
    }
    case "not": {
      const operand = truth(condition.operand, properties);
      return operand === undefined ? undefined : !operand;
    }
    case "compare":
      return compare(findProperty(properties, condition.property), condition.op, condition.value);
  }
}

function findProperty(properties: Readonly<Record<string, unknown>>, name: string): unknown {
  const folded = foldName(name);
  for (const [key, value] of Object.entries(properties)) if (foldName(key) === folded) return value;
  return null;
}

/** A comparison with NULL is unknown, one with a value of another kind false; IS [NOT] NULL tests for NULL. */
function compare(actual: unknown, op: WqlOperator, literal: WqlLiteral): boolean | undefined {
  const isNull = actual === null || actual === undefined;
  if (op === "is") return isNull;
  if (op === "is not") return !isNull;
  if (isNull || literal === null) return undefined;
  if (op === "like") return typeof actual === "string" && typeof literal === "string" && like(actual, literal);
  const order = ordering(actual, literal);
  if (order === undefined) return false;
  switch (op) {
    case "=":
      return order === 0;
    case "<>":
      return order !== 0;
    case "<":
      return order < 0;
    case "<=":
      return order <= 0;
    case ">":
      return order > 0;
    case ">=":
      return order >= 0;
  }
}

function ordering(actual: unknown, literal: Exclude<WqlLiteral, null>): number | undefined {
  if (typeof literal === "number" && (typeof actual === "number" || typeof actual === "bigint")) {
    const a = Number(actual);
    return a < literal ? -1 : a > literal ? 1 : 0;
  }
  if (typeof literal === "boolean" && typeof actual === "boolean") return Number(actual) - Number(literal);
  // WMI compares strings without case.
  if (typeof literal === "string" && typeof actual === "string") {
    const a = actual.toLowerCase();
    const b = literal.toLowerCase();
    return a < b ? -1 : a > b ? 1 : 0;
  }
  return undefined;
}

/** LIKE: `%` any run, `_` one character, case-insensitive; matched without a regex so no pattern can backtrack. */
function like(text: string, pattern: string): boolean {
  const t = text.toLowerCase();
  const p = pattern.toLowerCase();
  let ti = 0;
  let pi = 0;
  let star = -1;
  let mark = 0;
  while (ti < t.length) {
    if (pi < p.length && (p[pi] === "_" || p[pi] === t[ti])) {
      ti++;
      pi++;
    } else if (pi < p.length && p[pi] === "%") {
      star = pi++;
      mark = ti;
    } else if (star >= 0) {
      pi = star + 1;
      ti = ++mark;
    } else return false;
  }
  while (p[pi] === "%") pi++;
  return pi === p.length;
}
