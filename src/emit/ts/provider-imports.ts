import {
  type ImportDeclarationStructure,
  printStructure,
  type StatementStructures,
  StructureKind,
  type WriterFunction,
} from "ts-morph";
import type { GeneratedFile } from "./generated-file.js";
import { compareText } from "./namespace-names.js";

/**
 * The imports of one provider module and the local name of each import. Generated names (class interfaces, schemas,
 * method types) are unique in a namespace, but a MOF class may be called `Provider` or `Reference`, or share a name
 * with what the module itself declares; such an import gets a `$` alias, which no MOF name can produce.
 */
export class ProviderImports {
  readonly #modules = new Map<string, Map<string, { local: string; typeOnly: boolean }>>();
  readonly #bound: Set<string>;

  constructor(
    private readonly runtimeImport: string,
    /** Names declared by the module itself. */
    declared: readonly string[],
    /** Names a runtime import must not take: the namespace's class symbols, any of which the module may import. */
    private readonly modelNames: ReadonlySet<string>,
  ) {
    this.#bound = new Set(declared);
  }

  /** A runtime export. */
  runtime(name: string, typeOnly = true): string {
    return this.#add(this.runtimeImport, name, typeOnly, this.modelNames.has(name));
  }

  /** An export of a generated module, given by its module specifier. */
  from(specifier: string, name: string, typeOnly = true): string {
    return this.#add(specifier, name, typeOnly, false);
  }

  /** Import declarations: the runtime first, then by specifier; names sorted; `import type` when all are types. */
  structures(): ImportDeclarationStructure[] {
    const specifiers = [...this.#modules.keys()].sort((a, b) =>
      a === this.runtimeImport ? -1 : b === this.runtimeImport ? 1 : compareText(a, b),
    );
    return specifiers.map((moduleSpecifier) => {
      const named = [...(this.#modules.get(moduleSpecifier) ?? [])].sort(([a], [b]) => compareText(a, b));
      const allTypes = named.every(([, n]) => n.typeOnly);
      return {
        kind: StructureKind.ImportDeclaration,
        moduleSpecifier,
        isTypeOnly: allTypes,
        namedImports: named.map(([name, n]) => ({
          name,
          ...(n.local !== name && { alias: n.local }),
          ...(!allTypes && n.typeOnly && { isTypeOnly: true }),
        })),
      };
    });
  }

  #add(specifier: string, name: string, typeOnly: boolean, clashes: boolean): string {
    let named = this.#modules.get(specifier);
    if (named === undefined) {
      named = new Map();
      this.#modules.set(specifier, named);
    }
    const known = named.get(name);
    if (known !== undefined) {
      if (!typeOnly) known.typeOnly = false;
      return known.local;
    }
    let local = name;
    if (clashes || this.#bound.has(local)) {
      local = `$${name}`;
      for (let i = 2; this.#bound.has(local); i++) local = `$${name}_${i}`;
    }
    this.#bound.add(local);
    named.set(name, { local, typeOnly });
    return local;
  }
}

/** A module ready to print: its header comment and its statements. */
export interface ModuleToPrint {
  readonly path: string;
  readonly owner: GeneratedFile["owner"];
  /** The comment lines the file starts with, followed by a blank line. */
  readonly header: string;
  readonly statements: readonly (StatementStructures | WriterFunction | string)[];
}

/** Print modules, each once, from its structure (ts-morph `printStructure`, no Project). */
export function printModules(modules: readonly ModuleToPrint[]): GeneratedFile[] {
  return modules.map((m) => ({ path: m.path, owner: m.owner, content: printModule(m) }));
}

/** Print one module: two-space indentation, double quotes, a trailing newline. */
export function printModule(module: ModuleToPrint): string {
  const text = printStructure(
    { kind: StructureKind.SourceFile, leadingTrivia: module.header, statements: [...module.statements] },
    { indentNumberOfSpaces: 2 },
  );
  return text.endsWith("\n") ? text : `${text}\n`;
}
