import { posix } from "node:path";
import { type ClassDeclarationStructure, StructureKind, ts } from "ts-morph";
import type { ClassModel, NamespaceModel } from "../../model/types.js";
import { docs, oneLine } from "./jsdoc.js";
import { type ModuleToPrint, ProviderImports } from "./provider-imports.js";
import { parameterSummary, providerMethods, userProviderSymbol } from "./provider-members.js";
import { classModulePath, providerBasePath, providerBaseSymbol, userProviderPath } from "./symbols.js";

export const userHeader = "// Created by mofgen once. This file is yours: mofgen never overwrites it.\n\n";

/**
 * The user's provider of a class (`<nsdir>/<Class>.ts` under the providers directory): a class extending the
 * generated base with a stub for every method, each saying what to implement. Created when missing and never
 * rewritten (the CLI's rule); when the schema later gains methods, `missingProviderMethods` names them.
 */
export function emitUserProvider(
  cls: ClassModel,
  ns: NamespaceModel,
  runtimeImport: string,
  generatedImport: string,
  classSymbols: ReadonlySet<string>,
): ModuleToPrint {
  const path = userProviderPath(cls);
  const imports = new ProviderImports(runtimeImport, [userProviderSymbol(cls)], classSymbols);
  const toGenerated = (target: string) => generatedSpecifier(path, generatedImport, target);
  const base = imports.from(toGenerated(providerBasePath(cls)), providerBaseSymbol(cls), false);
  const methodContext = imports.runtime("MethodContext");
  const intrinsic = ["enumerateInstances", "getInstance", "createInstance", "modifyInstance", "deleteInstance"];
  if (cls.association) intrinsic.push("associators", "references");
  const declaration: ClassDeclarationStructure = {
    kind: StructureKind.Class,
    name: userProviderSymbol(cls),
    isExported: true,
    extends: base,
    docs: docs({
      notes: [
        `The provider of ${cls.name} (namespace ${cls.namespace}).`,
        `Register it with a \`ProviderHost\`: \`host.register(new ${userProviderSymbol(cls)}())\`.`,
        "What it does not override answers Not Supported (the generated base's defaults).",
        `To serve instances, override ${intrinsic.join(", ")}.`,
      ],
    }),
    methods: providerMethods(cls, ns).map((m) => {
      const module = toGenerated(classModulePath(m.declaringClass));
      return {
        name: m.member,
        hasOverrideKeyword: true,
        isAsync: true,
        docs: docs({ qualifiers: m.method.qualifiers, notes: [parameterSummary(m.method)] }),
        parameters: [
          { name: "input", type: imports.from(module, m.inputSymbol) },
          { name: "context", type: methodContext },
        ],
        returnType: `Promise<${imports.from(module, m.outputSymbol)}>`,
        statements: [
          `// TODO: implement ${oneLine(`${cls.name}.${m.method.name}`)}; until then the base answers Not Supported.`,
          `return super.${m.member}(input, context);`,
        ],
      };
    }),
  };
  return { path, owner: "user", header: userHeader, imports, body: [declaration] };
}

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

/**
 * The specifier of a generated module (`target`, under the output directory) from a user file at `from` (under the
 * providers directory): up to the providers directory, then `generatedImport`, the relative path from there to
 * the output directory.
 */
function generatedSpecifier(from: string, generatedImport: string, target: string): string {
  const up = posix.relative(posix.dirname(`/${from}`), "/");
  const joined = posix.normalize(posix.join(up, generatedImport, target.replace(/\.ts$/, ".js")));
  return joined.startsWith(".") ? joined : `./${joined}`;
}
