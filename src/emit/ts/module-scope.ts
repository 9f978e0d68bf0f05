import { posix } from "node:path";
import { type ImportDeclarationStructure, StructureKind } from "ts-morph";
import type { ClassModel, ValueMap } from "../../model/types.js";
import { compareCodeUnits } from "../../util/compare.js";
import { stringLiteral } from "./names.js";
import type { NamespaceNames } from "./namespace-names.js";
import { type SharedMap, type SharedMaps, tableName } from "./shared-maps.js";
import { classModulePath, classSymbol, schemaSymbol } from "./symbols.js";

/** The element that writes a value map (its class and public name), for modules that use the map. */
export interface MapOwner {
  readonly cls: ClassModel;
  readonly publicName: string;
  readonly shared: SharedMap;
  /** The element, as `Class.Property`, `Class.Method()` or `Class.Method(Parameter)`. */
  readonly origin: string;
}

export interface MapResolver {
  readonly maps: SharedMaps;
  /** Owners of a map object (one per literal kind, number or bigint). */
  readonly owners: ReadonlyMap<ValueMap, readonly MapOwner[]>;
}

/**
 * The imports of one generated module, and the local name of everything it imports. Local names are the plain names
 * (`Reference`, `CIM_System`, `CIM_Foo_State`) unless that name is already bound in the module: a class of the same
 * namespace can be called `Reference`. Then the import gets a `$` alias, which no MOF name can produce (MOF names have
 * no `$`, and `safeIdentifier` adds none), so an alias never meets a generated name.
 */
export class ModuleScope {
  /** Per module specifier: local name -> imported name and whether only types are used. */
  private readonly modules = new Map<string, Map<string, { name: string; typeOnly: boolean }>>();
  /** `specifier \0 name \0 wanted local name` -> local name, so repeated uses cost one lookup. */
  private readonly known = new Map<string, string>();
  private readonly bound = new Set<string>();
  private readonly classes = new Map<ClassModel, string>();
  private namespaceImport = false;

  constructor(
    /** Path of this module under the output directory. */
    private readonly path: string,
    private readonly runtimeImport: string,
    private readonly names: NamespaceNames,
    /** The class this module declares, which needs no import. */
    private readonly self: ClassModel | undefined,
    private readonly resolver: MapResolver | undefined = undefined,
  ) {}

  /** A runtime export (type or value). */
  runtime(name: string, typeOnly = true): string {
    return this.add(this.runtimeImport, name, typeOnly, () => this.names.has(name));
  }

  /** The interface of a class, imported from its module unless it is this module's own. */
  classType(cls: ClassModel): string {
    const known = this.classes.get(cls);
    if (known !== undefined) return known;
    const symbol = classSymbol(cls);
    if (cls === this.self) return symbol;
    const sameNamespace = cls.namespace === this.self?.namespace;
    // A class of the same namespace is bound to its own name everywhere in it (NamespaceNames reserves it).
    const local = this.add(
      this.specifier(modulePath(cls)),
      symbol,
      true,
      () => !sameNamespace && this.names.has(symbol),
    );
    this.classes.set(cls, local);
    return local;
  }

  /** The run-time schema constant of a class (a value), imported from its module unless it is this module's own. */
  classSchema(cls: ClassModel): string {
    const symbol = schemaSymbol(cls);
    if (cls === this.self) return symbol;
    const sameNamespace = cls.namespace === this.self?.namespace;
    return this.add(this.specifier(modulePath(cls)), symbol, false, () => !sameNamespace && this.names.has(symbol));
  }

  /** A declaration of the namespace's shared `value-maps.ts` (names unique in the namespace), under an own name. */
  valueMap(name: string, typeOnly: boolean, local = name): string {
    return this.add(this.specifier(sharedMapsPath(this.path)), name, typeOnly, () => false, local);
  }

  /**
   * A value map's type (`kind: "type"`) or label table, named as the element that writes the map names it: this
   * module's own import for a map the class declares, else the declaring class's export (`CIM_Foo_State`), so a
   * reader sees the owner's name; a map without an owner in the namespace comes from `value-maps.ts` directly.
   */
  mapRef(map: ValueMap, int64: boolean, kind: "type" | "table"): string | undefined {
    if (this.resolver === undefined) return undefined;
    const owner = this.resolver.owners.get(map)?.find((o) => o.shared.int64 === int64);
    if (owner !== undefined) {
      const name = kind === "type" ? owner.publicName : tableName(owner.publicName);
      if (owner.cls === this.self) {
        // The class's own map: its type is declared here under the element's name when the shared declaration
        // carries another name (`class-module.ts`); the rest is re-exported, not bound, so it is imported.
        if (kind === "type" && owner.publicName !== owner.shared.name) return owner.publicName;
        return this.valueMap(kind === "type" ? owner.shared.name : owner.shared.table, kind === "type", name);
      }
      return this.add(this.specifier(modulePath(owner.cls)), name, kind === "type", () => false);
    }
    const shared = this.resolver.maps.find(map, int64);
    if (shared === undefined) return undefined;
    return this.valueMap(kind === "type" ? shared.name : shared.table, kind === "type");
  }

  /**
   * A label table for the run-time schema, as `$maps.<table>` through one namespace import of `value-maps.ts`: a
   * class's schema names the tables of all its inherited elements, and one import per table made CIM's import lists
   * the bulk of printing time. `$maps` cannot meet a MOF-derived name (they never contain `$`).
   */
  schemaTable(map: ValueMap, int64: boolean): string | undefined {
    const shared = this.resolver?.maps.find(map, int64);
    if (shared === undefined) return undefined;
    this.namespaceImport = true;
    return `${valuesNamespace}.${shared.table}`;
  }

  /** The specifier of a class's module from this module. */
  moduleSpecifier(cls: ClassModel): string {
    return this.specifier(modulePath(cls));
  }

  /** The specifier of the namespace's `value-maps.ts` from this module. */
  valueMapsSpecifier(): string {
    return this.specifier(sharedMapsPath(this.path));
  }

  /** Import declarations as text lines (see `print.ts`), in the order of `imports()`. */
  importLines(): string[] {
    return this.imports().map(importLine);
  }

  /** Import declarations: the runtime first, then by module specifier; named imports by name. */
  imports(): ImportDeclarationStructure[] {
    const specifiers = [...this.modules.keys()].sort((a, b) =>
      a === this.runtimeImport ? -1 : b === this.runtimeImport ? 1 : compareCodeUnits(a, b),
    );
    const named = specifiers.map((moduleSpecifier): ImportDeclarationStructure => {
      const named = [...(this.modules.get(moduleSpecifier) ?? new Map()).entries()].sort(([a], [b]) =>
        compareCodeUnits(a, b),
      );
      const allTypes = named.every(([, n]) => n.typeOnly);
      return {
        kind: StructureKind.ImportDeclaration,
        moduleSpecifier,
        isTypeOnly: allTypes,
        namedImports: named.map(([local, n]) => ({
          name: n.name,
          ...(n.name !== local && { alias: local }),
          ...(!allTypes && n.typeOnly && { isTypeOnly: true }),
        })),
      };
    });
    if (!this.namespaceImport) return named;
    const namespace: ImportDeclarationStructure = {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: this.specifier(sharedMapsPath(this.path)),
      namespaceImport: valuesNamespace,
    };
    return [...named, namespace];
  }

  private add(specifier: string, name: string, typeOnly: boolean, clashes: () => boolean, wanted?: string): string {
    let named = this.modules.get(specifier);
    if (named === undefined) {
      named = new Map();
      this.modules.set(specifier, named);
    }
    const key = `${specifier}\0${name}\0${wanted ?? ""}`;
    const existing = this.known.get(key);
    if (existing !== undefined) {
      const n = named.get(existing);
      if (n !== undefined && !typeOnly) n.typeOnly = false;
      return existing;
    }
    let local = wanted ?? name;
    if (wanted === undefined && (clashes() || this.bound.has(local))) {
      local = `$${name}`;
      for (let i = 2; this.bound.has(local); i++) local = `$${name}_${i}`;
    }
    this.bound.add(local);
    // A name used as a value and, under the same local name, as a type is one value import.
    const prior = named.get(local);
    named.set(local, { name, typeOnly: typeOnly && (prior?.typeOnly ?? true) });
    this.known.set(key, local);
    return local;
  }

  private specifier(target: string): string {
    const dir = posix.dirname(this.path);
    // Most targets sit beside the module: no need for the general (and slower) relative path.
    if (posix.dirname(target) === dir) return `./${posix.basename(target).replace(/\.ts$/, ".js")}`;
    const relative = posix.relative(dir, target).replace(/\.ts$/, ".js");
    return relative.startsWith(".") ? relative : `./${relative}`;
  }
}

const valuesNamespace = "$maps";

const modulePaths = new WeakMap<ClassModel, string>();

/** `classModulePath`, once per class: every subclass and embedding class asks for it again. */
function modulePath(cls: ClassModel): string {
  let path = modulePaths.get(cls);
  if (path === undefined) {
    path = classModulePath(cls);
    modulePaths.set(cls, path);
  }
  return path;
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

/**
 * One import declaration as a line of text. Imports are printed as text rather than by ts-morph: its printer makes a
 * writer per import and per named import, and CIM's class modules have some 16,000 named imports and exports.
 */
function importLine(d: ImportDeclarationStructure): string {
  const from = ` from ${stringLiteral(d.moduleSpecifier)};`;
  if (d.namespaceImport !== undefined) return `import * as ${d.namespaceImport}${from}`;
  const named = Array.isArray(d.namedImports) ? (d.namedImports as Specifier[]) : [];
  return `import ${d.isTypeOnly ? "type " : ""}{ ${specifierText(named)} }${from}`;
}

/** `<nsdir>/value-maps.ts` beside a module of the namespace. */
export function sharedMapsPath(modulePath: string): string {
  const dir = posix.dirname(modulePath);
  return dir === "." ? "value-maps.ts" : `${dir}/value-maps.ts`;
}
