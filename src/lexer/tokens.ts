import { createToken, Lexer, type TokenType } from "chevrotain";

/**
 * MOF token types. mofgen scans with its own hand-written scanner (`scanner.ts`), which is several times
 * faster than a regex lexer and gives precise lexical diagnostics; Chevrotain only needs the token types
 * (hence `Lexer.NA` patterns) for the parser. Every type has a LABEL, used in "expected ..." messages.
 */
function token(name: string, label: string, categories?: TokenType[]): TokenType {
  return createToken({ name, pattern: Lexer.NA, label, ...(categories && { categories }) });
}

/** Category of every token that can serve as a name: identifiers and the keywords (MOF keywords are not reserved). */
export const Name = token("Name", "a name");
export const Identifier = token("Identifier", "a name", [Name]);

function keyword(name: string, word: string): TokenType {
  return token(name, `'${word}'`, [Name]);
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

export const Pragma = token("Pragma", "'#pragma'");
export const Alias = token("Alias", "an alias ('$name')");
export const StringLiteral = token("StringLiteral", "a string");
export const Char16Literal = token("Char16Literal", "a char16 literal");
export const IntegerLiteral = token("IntegerLiteral", "an integer");
export const RealLiteral = token("RealLiteral", "a real number");

export const LCurly = token("LCurly", "'{'");
export const RCurly = token("RCurly", "'}'");
export const LParen = token("LParen", "'('");
export const RParen = token("RParen", "')'");
export const LBracket = token("LBracket", "'['");
export const RBracket = token("RBracket", "']'");
export const Semicolon = token("Semicolon", "';'");
export const Comma = token("Comma", "','");
export const Colon = token("Colon", "':'");
export const Equals = token("Equals", "'='");

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
