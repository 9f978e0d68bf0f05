import type { ClassModel, NamespaceModel } from "../../model/types.js";
import type { ClassDeclaration } from "./declarations.js";
import type { GeneratedFile, TypeScriptOptions } from "./generated-file.js";
import { docs, oneLine } from "./jsdoc.js";
import { parameterSummary, providerMethods, providerModule, userProviderSymbol } from "./provider-members.js";
import { classModulePath, providerBasePath, providerBaseSymbol, userProviderPath } from "./symbols.js";

export const userHeader = "// Created by mofgen once. This file is yours: mofgen never overwrites it.";

/**
 * The user's provider of a class (`<nsdir>/<Class>.ts` under the providers directory): a class extending the
 * generated base with a stub for every method, each saying what to implement. Created when missing and never
 * rewritten (the CLI's rule); when the schema later gains methods, `missingProviderMethods` names them.
 */
export function emitUserProvider(
  cls: ClassModel,
  ns: NamespaceModel,
  options: TypeScriptOptions,
  generatedImport: string,
  classSymbols: ReadonlySet<string>,
): GeneratedFile {
  const path = userProviderPath(cls);
  const module = providerModule(path, userHeader, userProviderSymbol(cls), options, classSymbols, generatedImport);
  const base = module.import(providerBasePath(cls), providerBaseSymbol(cls), false);
  const methodContext = module.runtime("MethodContext");
  const intrinsic = ["enumerateInstances", "getInstance", "createInstance", "modifyInstance", "deleteInstance"];
  if (cls.association) intrinsic.push("associators", "references");
  const declaration: ClassDeclaration = {
    kind: "class",
    name: userProviderSymbol(cls),
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
      const target = classModulePath(m.declaringClass);
      return {
        name: m.member,
        hasOverrideKeyword: true,
        isAsync: true,
        docs: docs({ qualifiers: m.method.qualifiers, notes: [parameterSummary(m.method)] }),
        parameters: [
          { name: "input", type: module.import(target, m.inputSymbol) },
          { name: "context", type: methodContext },
        ],
        returnType: `Promise<${module.import(target, m.outputSymbol)}>`,
        statements: [
          `// TODO: implement ${oneLine(`${cls.name}.${m.method.name}`)}; until then the base answers Not Supported.`,
          `return super.${m.member}(input, context);`,
        ],
      };
    }),
  };
  module.add(declaration);
  return module.file();
}
