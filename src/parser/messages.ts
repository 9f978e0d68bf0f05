import type { IParserErrorMessageProvider, IToken, TokenType } from "chevrotain";
import { tokenLabel } from "chevrotain";

/**
 * Parser messages in MOF words: what was expected, in which construct, and what was found instead
 * ("expected ';' after the property declaration, found 'uint16'"), never Chevrotain token names.
 */
const rulePhrases: Record<string, string> = {
  mofSpecification: "the file",
  mofProduction: "the file",
  pragmaDirective: "the #pragma",
  pragmaArgument: "the #pragma",
  qualifierTypeDeclaration: "the qualifier declaration",
  scopeSpec: "the Scope list",
  nameList: "the list",
  flavorSpec: "the Flavor list",
  qualifierList: "the qualifier list",
  qualifier: "the qualifier",
  classDeclaration: "the class declaration",
  classFeature: "the class body",
  parameterList: "the parameter list",
  parameter: "the parameter declaration",
  arraySpec: "the array brackets",
  instanceDeclaration: "the instance declaration",
  instanceBody: "the instance body",
  propertyValue: "the property value",
  value: "",
  scalarValue: "",
  arrayValue: "the array value",
  stringValue: "the string",
  mof3Declaration: "the MOF 3.0 declaration",
  mof3Member: "the MOF 3.0 declaration",
};

/** What ends a rule: a missing ';' is "after the X", a missing closer is "to close the X". */
const closers = new Set(["')'", "'}'", "']'"]);

export function describeToken(token: IToken): string {
  if (token.tokenType.name === "EOF") return "end of file";
  const image = token.image.length > 40 ? `${token.image.slice(0, 37)}...` : token.image;
  return `'${image}'`;
}

function phrase(ruleName: string): string {
  return rulePhrases[ruleName] ?? "the declaration";
}

/** " in the class declaration", or nothing where the construct is the thing expected ("expected a value"). */
function inRule(ruleName: string): string {
  const p = phrase(ruleName);
  return p === "" ? "" : ` in ${p}`;
}

function expectedFor(label: string, ruleName: string): string {
  if (label === "';'") return `expected ';' after ${phrase(ruleName)}`;
  if (closers.has(label)) return `expected ${label} to close ${phrase(ruleName)}`;
  return `expected ${label}${inRule(ruleName)}`;
}

function alternatives(paths: TokenType[][][]): string {
  const firsts = new Set<string>();
  for (const alt of paths) for (const path of alt) if (path[0]) firsts.add(tokenLabel(path[0]));
  const list = [...firsts];
  if (list.length <= 1) return list[0] ?? "something else";
  return `${list.slice(0, -1).join(", ")} or ${list[list.length - 1]}`;
}

const topLevel = "expected a class, an instance, a qualifier declaration or a #pragma";

export const mofErrorMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual, ruleName }) {
    if (expected.name === "EOF") return `unexpected ${describeToken(actual)}: ${topLevel}`;
    return `${expectedFor(tokenLabel(expected), ruleName)}, found ${describeToken(actual)}`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return `unexpected ${describeToken(firstRedundant)}: ${topLevel}`;
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual, customUserDescription, ruleName }) {
    const wanted = customUserDescription ?? alternatives(expectedPathsPerAlt);
    return `expected ${wanted}${inRule(ruleName)}, found ${describeToken(actual[0] as IToken)}`;
  },
  buildEarlyExitMessage({ expectedIterationPaths, actual, customUserDescription, ruleName }) {
    const wanted = customUserDescription ?? alternatives([expectedIterationPaths]);
    return `expected ${wanted}${inRule(ruleName)}, found ${describeToken(actual[0] as IToken)}`;
  },
};
