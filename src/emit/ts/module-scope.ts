import { posix } from "node:path";
import type { ClassModel, ValueMap } from "../../model/types.js";
import type { TypeScriptOptions } from "./generated-file.js";
import { GeneratedModule } from "./generated-module.js";
import type { NamespaceNames } from "./namespace-names.js";
import { headerComment } from "./print.js";
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
 * The MOF-facing side of a class, value-map or index module: the local name of a class's interface or schema, of a
 * value map's type or label table, as the generated module that collects the imports (`GeneratedModule`) gives it.
 * A class of the module's own namespace is bound to its own name there (NamespaceNames reserves it), so only a
 * class of another namespace can clash with a name of this one.
 */
export class ModuleScope {
  private readonly classes = new Map<ClassModel, string>();

  constructor(
    readonly module: GeneratedModule,
    private readonly names: NamespaceNames,
    /** The class this module declares, which needs no import. */
    private readonly self: ClassModel | undefined,
    private readonly resolver: MapResolver | undefined = undefined,
  ) {}

  /** A runtime export (type or value). */
  runtime(name: string, typeOnly = true): string {
    return this.module.runtime(name, typeOnly);
  }

  /** The interface of a class, imported from its module unless it is this module's own. */
  classType(cls: ClassModel): string {
    const known = this.classes.get(cls);
    if (known !== undefined) return known;
    const symbol = classSymbol(cls);
    if (cls === this.self) return symbol;
    const local = this.module.import(classModulePath(cls), symbol, true, this.clashes(cls, symbol));
    this.classes.set(cls, local);
    return local;
  }

  /** The run-time schema constant of a class (a value), imported from its module unless it is this module's own. */
  classSchema(cls: ClassModel): string {
    const symbol = schemaSymbol(cls);
    if (cls === this.self) return symbol;
    return this.module.import(classModulePath(cls), symbol, false, this.clashes(cls, symbol));
  }

  /** A declaration of the namespace's shared `value-maps.ts` (names unique in the namespace), under an own name. */
  valueMap(name: string, typeOnly: boolean, local = name): string {
    return this.module.import(sharedMapsPath(this.module.path), name, typeOnly, false, local);
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
      return this.module.import(classModulePath(owner.cls), name, kind === "type");
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
    return `${this.module.importNamespace(sharedMapsPath(this.module.path), valuesNamespace)}.${shared.table}`;
  }

  /** The specifier of a class's module from this module. */
  moduleSpecifier(cls: ClassModel): string {
    return this.module.specifier(classModulePath(cls));
  }

  /** The specifier of the namespace's `value-maps.ts` from this module. */
  valueMapsSpecifier(): string {
    return this.module.specifier(sharedMapsPath(this.module.path));
  }

  private clashes(cls: ClassModel, symbol: string): boolean {
    return cls.namespace !== this.self?.namespace && this.names.has(symbol);
  }
}

const valuesNamespace = "$maps";

/** `<nsdir>/value-maps.ts` beside a module of the namespace. */
export function sharedMapsPath(modulePath: string): string {
  const dir = posix.dirname(modulePath);
  return dir === "." ? "value-maps.ts" : `${dir}/value-maps.ts`;
}

/**
 * A module of the output directory (a class, value-map or index module) with its scope. A runtime import gets an
 * alias when a class of the namespace has the runtime export's name.
 */
export function outputModule(
  path: string,
  what: string,
  options: TypeScriptOptions,
  names: NamespaceNames,
  self?: ClassModel,
  resolver?: MapResolver,
): ModuleScope {
  const module = new GeneratedModule({
    path,
    owner: "mofgen",
    header: headerComment(what).split("\n"),
    runtimeImport: options.runtimeImport,
    extension: options.extension,
    runtimeClashes: (name) => names.has(name),
  });
  return new ModuleScope(module, names, self, resolver);
}
