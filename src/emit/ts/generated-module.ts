import { posix } from "node:path";
import { appendAll } from "../../util/arrays.js";
import { compareCodeUnits } from "../../util/compare.js";
import type { GeneratedFile, TypeScriptExtension } from "./generated-file.js";
import { stringLiteral } from "./names.js";
import { type ModuleStatement, printStatements } from "./print.js";

export interface ModuleOptions {
  /** POSIX path of the module under its root (the output or the providers directory), always ending in `.ts`. */
  readonly path: string;
  readonly owner: GeneratedFile["owner"];
  /** The lines the file starts with, before its imports (a trailing "" leaves a blank line before them). */
  readonly header: readonly string[];
  /**
   * The runtime's module specifier as configured: a bare specifier (`@mofgen/runtime`) is written as is; a relative
   * one (`./` or `../`) is relative to the output directory, and each module imports it by the path from its folder.
   */
  readonly runtimeImport: string;
  readonly extension: TypeScriptExtension | undefined;
  /**
   * For a module outside the output directory (a user's provider): the POSIX relative path from its root to the
   * output directory, which the generated modules it imports are under.
   */
  readonly generatedImport?: string;
  /** Names the module declares itself: no import takes them. */
  readonly declared?: readonly string[];
  /** Whether a runtime export's name is bound elsewhere in the module's world (a class of the namespace). */
  readonly runtimeClashes: (name: string) => boolean;
}

/** One named import: the exported name and whether the module only uses it as a type. */
interface NamedImport {
  readonly name: string;
  typeOnly: boolean;
}

/** The imports from one module specifier. */
interface SpecifierImports {
  /** Local name -> the import. */
  readonly named: Map<string, NamedImport>;
  /** The exported name (`name \0 wanted` when a local name was asked for) -> its local name. */
  readonly locals: Map<string, string>;
}

/**
 * One generated TypeScript module, in the spirit of protobuf-es's `GeneratedFile`: emitters ask it for the local
 * name of whatever they use (a runtime export, an export of another generated module) and add declarations; it
 * collects and de-duplicates the imports, keeps them clear of the module's own names, writes relative specifiers
 * with the extension the files are written with, and prints the file once.
 *
 * Local names are the exported names unless that name is already bound in the module (a MOF class can be called
 * `Reference` or `Provider`); then the import gets a `$` alias, which no MOF name can produce (MOF names have no `$`,
 * and `safeIdentifier` adds none), so an alias never meets a generated name.
 */
export class GeneratedModule {
  /** Per module specifier, its imports. */
  readonly #modules = new Map<string, SpecifierImports>();
  /** Per target module, its specifier from this module: a module asks for several exports of the same one. */
  readonly #specifiers = new Map<string, string>();
  readonly #bound: Set<string>;
  /** Namespace imports (`import * as local`), local name -> specifier. */
  readonly #namespaces = new Map<string, string>();
  readonly #body: ModuleStatement[] = [];
  /** The runtime's specifier from this module. */
  readonly #runtime: string;

  constructor(private readonly options: ModuleOptions) {
    this.#bound = new Set(options.declared);
    this.#runtime = isRelativeSpecifier(options.runtimeImport)
      ? this.#fromOutput(posix.normalize(options.runtimeImport))
      : options.runtimeImport;
  }

  get path(): string {
    return this.options.path;
  }

  /** A runtime export (type or value). */
  runtime(name: string, typeOnly = true): string {
    return this.#add(this.#runtime, name, typeOnly, this.options.runtimeClashes(name));
  }

  /**
   * An export of the generated module at `target` (a path under the output directory, ending in `.ts`). `clashes`
   * says the name is bound elsewhere in the module's world; `local` asks for a local name of the caller's choosing
   * (a name the caller has made unique), used as is.
   */
  import(target: string, name: string, typeOnly = true, clashes = false, local?: string): string {
    let specifier = this.#specifiers.get(target);
    if (specifier === undefined) {
      specifier = this.specifier(target);
      this.#specifiers.set(target, specifier);
    }
    return this.#add(specifier, name, typeOnly, clashes, local);
  }

  /** `import * as local from target`: `local` must be a name no declaration or other import takes. */
  importNamespace(target: string, local: string): string {
    this.#namespaces.set(local, this.specifier(target));
    return local;
  }

  /** The specifier of the generated module at `target` from this module: relative, `.js` (`.mjs` for `.mts`). */
  specifier(target: string): string {
    const js = this.options.extension === ".mts" ? ".mjs" : ".js";
    const file = target.endsWith(".ts") ? `${target.slice(0, -3)}${js}` : target;
    const { path, generatedImport } = this.options;
    if (generatedImport !== undefined) {
      // Up to this module's root, then across to the output directory.
      const up = posix.relative(posix.dirname(`/${path}`), "/");
      const joined = posix.normalize(posix.join(up, generatedImport, file));
      return joined.startsWith(".") ? joined : `./${joined}`;
    }
    const dir = posix.dirname(path);
    const targetDir = posix.dirname(file);
    const name = file.slice(targetDir === "." ? 0 : targetDir.length + 1);
    // Most targets sit beside the module; the others lie in a handful of folders, whose way there is known once.
    if (targetDir === dir) return `./${name}`;
    const way = relativeFolder(dir, targetDir);
    const relative = way === "" ? name : `${way}/${name}`;
    return relative.startsWith(".") ? relative : `./${relative}`;
  }

  /**
   * The specifier of `file`, a normalised POSIX path relative to the output directory that may lead out of it
   * (`../rt/index.js`), from this module. Its extension is the user's: it is not rewritten for `.mts`.
   */
  #fromOutput(file: string): string {
    const { path, generatedImport } = this.options;
    // From this module's folder up to its root (the output or the providers directory).
    const up = posix.relative(posix.dirname(`/${path}`), "/");
    const joined =
      generatedImport !== undefined
        ? posix.join(up, generatedImport, file)
        : file.startsWith("../")
          ? posix.join(up, file)
          : // Inside the output directory: the shortest way there, as for generated modules.
            posix.relative(posix.dirname(`/${path}`), `/${file}`);
    return joined.startsWith(".") ? joined : `./${joined}`;
  }

  /** A declaration, printed in the order added. Everything it names must have been imported before `file()`. */
  add(statement: ModuleStatement): void {
    this.#body.push(statement);
  }

  /** Declarations, printed in the order given. */
  addAll(statements: readonly ModuleStatement[]): void {
    appendAll(this.#body, statements);
  }

  /** The file: its path with the extension it is written with, and its text, printed once. */
  file(): GeneratedFile {
    const path = this.options.extension === ".mts" ? this.options.path.replace(/\.ts$/, ".mts") : this.options.path;
    const first = [...this.options.header, ...this.#importLines()];
    return { path, owner: this.options.owner, content: printStatements(first, this.#body) };
  }

  /** Import declarations: the runtime first, then by specifier, then namespace imports; named imports by name. */
  #importLines(): string[] {
    const runtime = this.#runtime;
    const specifiers = [...this.#modules.keys()].sort((a, b) =>
      a === runtime ? -1 : b === runtime ? 1 : compareCodeUnits(a, b),
    );
    const lines: string[] = [];
    for (const specifier of specifiers) {
      const { named } = this.#modules.get(specifier) as SpecifierImports;
      let allTypes = true;
      for (const n of named.values()) allTypes &&= n.typeOnly;
      // The text of `specifierText`, made without an object per name: a module imports a dozen names or so.
      let list = "";
      for (const local of [...named.keys()].sort(compareCodeUnits)) {
        const n = named.get(local) as NamedImport;
        const item = `${!allTypes && n.typeOnly ? "type " : ""}${n.name}${n.name === local ? "" : ` as ${local}`}`;
        list = list === "" ? item : `${list}, ${item}`;
      }
      lines.push(`import ${allTypes ? "type " : ""}{ ${list} } from ${stringLiteral(specifier)};`);
    }
    for (const [local, specifier] of this.#namespaces)
      lines.push(`import * as ${local} from ${stringLiteral(specifier)};`);
    return lines;
  }

  #add(specifier: string, name: string, typeOnly: boolean, clashes: boolean, wanted?: string): string {
    let imports = this.#modules.get(specifier);
    if (imports === undefined) {
      imports = { named: new Map(), locals: new Map() };
      this.#modules.set(specifier, imports);
    }
    const { named, locals } = imports;
    const key = wanted === undefined ? name : `${name}\0${wanted}`;
    const existing = locals.get(key);
    if (existing !== undefined) {
      const n = named.get(existing);
      if (n !== undefined && !typeOnly) n.typeOnly = false;
      return existing;
    }
    let local = wanted ?? name;
    if (wanted === undefined && (clashes || this.#bound.has(local))) {
      local = `$${name}`;
      for (let i = 2; this.#bound.has(local); i++) local = `$${name}_${i}`;
    }
    this.#bound.add(local);
    // A name used as a value and, under the same local name, as a type is one value import.
    const prior = named.get(local);
    named.set(local, { name, typeOnly: typeOnly && (prior?.typeOnly ?? true) });
    locals.set(key, local);
    return local;
  }
}

/**
 * `posix.relative` between two folders under the output directory, remembered: a schema's modules import from a
 * few folders, and the general computation (two `path.resolve`s against the working directory) cost a tenth of
 * the generator's allocations on CIM 2.49, for 3,000 provider bases asking the same question.
 */
function relativeFolder(from: string, to: string): string {
  let ways = relativeFolders.get(from);
  if (ways === undefined) {
    ways = new Map();
    if (relativeFolders.size < 1_000) relativeFolders.set(from, ways);
  }
  let way = ways.get(to);
  if (way === undefined) {
    way = posix.relative(from, to);
    if (ways.size < 1_000) ways.set(to, way);
  }
  return way;
}

const relativeFolders = new Map<string, Map<string, string>>();

/** A specifier that names a file by its path (`./x.js`, `../x.js`) rather than a package. */
export function isRelativeSpecifier(specifier: string): boolean {
  return specifier.startsWith("./") || specifier.startsWith("../");
}

export interface Specifier {
  readonly name: string;
  readonly alias?: string;
  readonly isTypeOnly?: boolean;
}

/** `a, type B, C as D`: a list of named imports or exports. */
export function specifierText(specifiers: readonly Specifier[]): string {
  return specifiers
    .map((s) => `${s.isTypeOnly ? "type " : ""}${s.name}${s.alias === undefined ? "" : ` as ${s.alias}`}`)
    .join(", ");
}
