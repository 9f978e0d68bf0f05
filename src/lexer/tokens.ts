import { createToken, Lexer, type TokenType } from "chevrotain";

/**
 * MOF token types. mofgen scans with its own hand-written scanner (`scanner.ts`), which is several times
 * faster than a regex lexer and gives precise lexical diagnostics; Chevrotain only needs the token types
 * (hence `Lexer.NA` patterns) for the parser. Every type has a LABEL, used in "expected ..." messages.
 */
const NA = Lexer.NA;

/**
 * Category of every token but braces: lets the parser skip a balanced `{ ... }` block (MOF 3.0 declarations
 * it recognises but does not read) without listing every token type.
 */
export const NotBrace = createToken({
  name: "NotBrace",
  pattern: NA,
  label: "any token",
});

/** Category of every token that can serve as a name: identifiers and the keywords (MOF keywords are not reserved). */
export const Name = createToken({ name: "Name", pattern: NA, label: "a name" });
export const Identifier = createToken({
  name: "Identifier",
  pattern: NA,
  categories: [Name, NotBrace],
  label: "a name",
});

function keyword(name: string, word: string): TokenType {
  return createToken({
    name,
    pattern: NA,
    categories: [Name, NotBrace],
    label: `'${word}'`,
  });
}

export const Class = keyword("Class", "class");
export const Instance = keyword("Instance", "instance");
export const Of = keyword("Of", "of");
export const As = keyword("As", "as");
export const Ref = keyword("Ref", "REF");
export const Qualifier = keyword("Qualifier", "qualifier");
export const Scope = keyword("Scope", "Scope");
export const Flavor = keyword("Flavor", "Flavor");
export const True = keyword("True", "true");
export const False = keyword("False", "false");
export const Null = keyword("Null", "null");
/** MOF 3.0 (DSP0221) declaration keywords: recognised only to say precisely that they are not supported. */
export const Structure = keyword("Structure", "structure");
export const Enumeration = keyword("Enumeration", "enumeration");

export const Pragma = createToken({
  name: "Pragma",
  pattern: NA,
  categories: [NotBrace],
  label: "'#pragma'",
});
export const Alias = createToken({
  name: "Alias",
  pattern: NA,
  categories: [NotBrace],
  label: "an alias ('$name')",
});
export const StringLiteral = createToken({
  name: "StringLiteral",
  pattern: NA,
  categories: [NotBrace],
  label: "a string",
});
export const Char16Literal = createToken({
  name: "Char16Literal",
  pattern: NA,
  categories: [NotBrace],
  label: "a char16 literal",
});
export const IntegerLiteral = createToken({
  name: "IntegerLiteral",
  pattern: NA,
  categories: [NotBrace],
  label: "an integer",
});
export const RealLiteral = createToken({
  name: "RealLiteral",
  pattern: NA,
  categories: [NotBrace],
  label: "a real number",
});

export const LCurly = createToken({
  name: "LCurly",
  pattern: NA,
  label: "'{'",
});
export const RCurly = createToken({
  name: "RCurly",
  pattern: NA,
  label: "'}'",
});
export const LParen = createToken({
  name: "LParen",
  pattern: NA,
  categories: [NotBrace],
  label: "'('",
});
export const RParen = createToken({
  name: "RParen",
  pattern: NA,
  categories: [NotBrace],
  label: "')'",
});
export const LBracket = createToken({
  name: "LBracket",
  pattern: NA,
  categories: [NotBrace],
  label: "'['",
});
export const RBracket = createToken({
  name: "RBracket",
  pattern: NA,
  categories: [NotBrace],
  label: "']'",
});
export const Semicolon = createToken({
  name: "Semicolon",
  pattern: NA,
  categories: [NotBrace],
  label: "';'",
});
export const Comma = createToken({
  name: "Comma",
  pattern: NA,
  categories: [NotBrace],
  label: "','",
});
export const Colon = createToken({
  name: "Colon",
  pattern: NA,
  categories: [NotBrace],
  label: "':'",
});
export const Equals = createToken({
  name: "Equals",
  pattern: NA,
  categories: [NotBrace],
  label: "'='",
});

/** Keywords by lower-cased spelling (MOF keywords are case-insensitive). */
export const keywords: ReadonlyMap<string, TokenType> = new Map([
  ["class", Class],
  ["instance", Instance],
  ["of", Of],
  ["as", As],
  ["ref", Ref],
  ["qualifier", Qualifier],
  ["scope", Scope],
  ["flavor", Flavor],
  ["true", True],
  ["false", False],
  ["null", Null],
  ["structure", Structure],
  ["enumeration", Enumeration],
]);

export const allTokens: readonly TokenType[] = [
  NotBrace,
  Name,
  Identifier,
  ...keywords.values(),
  Pragma,
  Alias,
  StringLiteral,
  Char16Literal,
  IntegerLiteral,
  RealLiteral,
  LCurly,
  RCurly,
  LParen,
  RParen,
  LBracket,
  RBracket,
  Semicolon,
  Comma,
  Colon,
  Equals,
];
