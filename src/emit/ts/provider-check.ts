import { ts } from "ts-morph";
import type { ClassModel, NamespaceModel } from "../../model/types.js";
import { providerMethods, userProviderSymbol } from "./provider-members.js";
import { providerBaseSymbol, userProviderPath } from "./symbols.js";

// Apart from the emitters because it is the one part of emit/ts that needs ts-morph (for TypeScript's parser, whose
// loading costs about 0.7 s of CPU): the CLI loads this module only when the configuration has providers.

export interface MissingMethod {
  /** The MOF name of the method. */
  readonly method: string;
  /** The member the provider class should have for it. */
  readonly member: string;
}

/**
 * The methods of `cls` that the user's provider file does not implement: its class (`<Class>Provider`, else the
 * first class that extends `<Class>ProviderBase`) has no member of that name. A file without such a class misses
 * every method. Read with the TypeScript parser, so comments and strings cannot fool it.
 */
export function missingProviderMethods(text: string, cls: ClassModel, ns: NamespaceModel): MissingMethod[] {
  const file = ts.createSourceFile(userProviderPath(cls), text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const classes = file.statements.filter(ts.isClassDeclaration);
  const extendsBase = (c: ts.ClassDeclaration) =>
    c.heritageClauses?.some((h) => h.types.some((t) => t.expression.getText(file) === providerBaseSymbol(cls)));
  const provider = classes.find((c) => c.name?.text === userProviderSymbol(cls)) ?? classes.find(extendsBase);
  const members = new Set<string>();
  for (const member of provider?.members ?? []) {
    const name = member.name;
    if (name !== undefined && (ts.isIdentifier(name) || ts.isStringLiteral(name))) members.add(name.text);
  }
  return providerMethods(cls, ns)
    .filter((m) => !members.has(m.member))
    .map((m) => ({ method: m.method.name, member: m.member }));
}
