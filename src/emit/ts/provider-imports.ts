import {
  type ClassDeclarationStructure,
  type ImportDeclarationStructure,
  printStructure,
  StructureKind,
  type WriterFunction,
} from "ts-morph";
import { appendAll } from "../../util/arrays.js";
import { compareCodeUnits } from "../../util/compare.js";
import type { GeneratedFile } from "./generated-file.js";
import { stringLiteral } from "./names.js";

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
      a === this.runtimeImport ? -1 : b === this.runtimeImport ? 1 : compareCodeUnits(a, b),
    );
    return specifiers.map((moduleSpecifier) => {
      const named = [...(this.#modules.get(moduleSpecifier) ?? [])].sort(([a], [b]) => compareCodeUnits(a, b));
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

  /** The import declarations as text, as ts-morph prints them from `structures()`. */
  lines(): string[] {
    return this.structures().map((d) => {
      const named = (d.namedImports as { name: string; alias?: string; isTypeOnly?: boolean }[]).map(
        (n) => `${n.isTypeOnly === true ? "type " : ""}${n.name}${n.alias === undefined ? "" : ` as ${n.alias}`}`,
      );
      return `import ${d.isTypeOnly === true ? "type " : ""}{ ${named.join(", ")} } from ${stringLiteral(d.moduleSpecifier)};`;
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

/** A module ready to print: its header comment, its imports and its declarations. */
export interface ModuleToPrint {
  readonly path: string;
  readonly owner: GeneratedFile["owner"];
  /** The comment lines the file starts with, followed by a blank line. */
  readonly header: string;
  readonly imports: ProviderImports;
  readonly body: readonly (ClassDeclarationStructure | WriterFunction)[];
}

/** Print modules, each once. */
export function printModules(modules: readonly ModuleToPrint[]): GeneratedFile[] {
  return modules.map((m) => ({ path: m.path, owner: m.owner, content: printModule(m) }));
}

/**
 * Print one module: the header, the import lines, then the declarations printed from their structures by ts-morph's
 * `printStructure` (two-space indentation, double quotes). Imports and JSDoc comments are written as text and spliced
 * in, for the reason `print.ts` gives: ts-morph's writer examines every character it is given, and comments and
 * import lists are most of a provider base. A doc marker is a whole line `/** @mofgen-doc N *\/`, which no MOF text
 * can produce (`jsDocLines` puts a backslash before an `@` that starts a line of a comment).
 */
export function printModule(module: ModuleToPrint): string {
  const comments: string[] = [];
  const body = module.body.map((s) => (typeof s === "function" ? s : deferDocs(s, comments)));
  const printed = printStructure({ kind: StructureKind.SourceFile, statements: body }, { indentNumberOfSpaces: 2 });
  const lines: string[] = [];
  for (const line of printed.replace(/^\n+/, "").split("\n")) {
    const doc = docMarker.exec(line);
    if (doc === null) lines.push(line);
    else appendAll(lines, commentLines(comments[Number(doc[2])] ?? "", doc[1] ?? ""));
  }
  const imports = module.imports.lines();
  const text = `${module.header}${imports.length === 0 ? "" : `${imports.join("\n")}\n\n`}${lines.join("\n")}`;
  return text.endsWith("\n") ? text : `${text}\n`;
}

const docMarker = /^( *)\/\*\* @mofgen-doc (\d+) \*\/$/;

/** A copy of a declaration whose docs (its own and its members') are markers; the texts go to `comments`. */
function deferDocs<T extends { readonly docs?: unknown }>(structure: T, comments: string[]): T {
  const copy: Record<string, unknown> = { ...structure };
  const docs = structure.docs;
  if (Array.isArray(docs) && docs.every((d) => typeof d === "string"))
    copy.docs = docs.map((d: string) => `@mofgen-doc ${comments.push(d) - 1}`);
  for (const key of ["properties", "methods"]) {
    const members = copy[key];
    if (Array.isArray(members)) copy[key] = members.map((m: { docs?: unknown }) => deferDocs(m, comments));
  }
  return copy as T;
}

/** A JSDoc comment as ts-morph writes one from text: one line when the text is one line, else ` * ` lines. */
function commentLines(text: string, indent: string): string[] {
  const lines = text.split("\n");
  if (lines.length === 1) return [`${indent}/** ${text} */`];
  return [`${indent}/**`, ...lines.map((l) => (l === "" ? `${indent} *` : `${indent} * ${l}`)), `${indent} */`];
}
