import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { type Dialect, defaultDialect } from "../dialect/dialect.js";
import { dialectRules } from "../dialect/rules.js";
import type { Program } from "../program/program.js";
import { mergeAmendments } from "./amendments.js";
import { ClassResolver } from "./classes.js";
import { collect, type RawNamespace } from "./collect.js";
import { elementValueMaps } from "./element-value-map.js";
import { InstanceResolver } from "./instances.js";
import type { ModelCache, ModelCacheRun } from "./model-cache.js";
import { defaultNamespace, namespaceKey, resolveNamespace } from "./namespaces.js";
import { builtinClass } from "./prelude.js";
import { QualifierScope } from "./qualifiers.js";
import type { InstanceModel, NamespaceModel, QualifierType, SchemaModel } from "./types.js";
import { fold } from "./types.js";
import type { ValueContext } from "./values.js";

export interface ModelOptions {
  /**
   * The dialect to resolve in: the program's (`program.dialect`) when it records one, and then this, if given,
   * must be the same, since the files were parsed in that one (a mismatch is a caller's bug and throws).
   */
  readonly dialect?: Dialect;
  /** DMTF mode: supply the DSP0004 standard qualifier declarations instead of requiring them in the input. */
  readonly builtinQualifiers?: boolean;
  /** Namespace of declarations before any `#pragma namespace` (default `root/cimv2`). */
  readonly namespace?: string;
  /**
   * A resident session's cache of resolved classes (see `ModelCache`): unchanged classes are taken from the last
   * resolve given the same cache. The result is the same with or without it.
   */
  readonly modelCache?: ModelCache;
}

export interface ModelResult {
  readonly schema: SchemaModel;
  readonly diagnostics: Diagnostic[];
}

/**
 * Turn parsed files into the resolved schema. Independent of input order (forward references anywhere);
 * never throws for bad input: every problem is a diagnostic at the element at fault.
 */
export function resolveSchema(program: Program, options: ModelOptions = {}): ModelResult {
  const dialect = programDialect(program, options);
  const cache = options.modelCache;
  if (cache === undefined) return resolveWith(program, options, dialect, undefined);
  const key = JSON.stringify([dialect, options.builtinQualifiers ?? false, options.namespace ?? ""]);
  const run = cache.begin(key);
  const result = resolveWith(program, options, dialect, run);
  run.finish();
  // A cycle is reported where resolution first meets it, and reuse changes that order: resolve again without.
  if (run.sawCycle && run.reusedAny) return resolveWith(program, options, dialect, undefined);
  return result;
}

function resolveWith(
  program: Program,
  options: ModelOptions,
  dialect: Dialect,
  cache: ModelCacheRun | undefined,
): ModelResult {
  const rules = dialectRules(dialect);
  const start =
    options.namespace === undefined ? defaultNamespace : resolveNamespace(options.namespace, defaultNamespace);
  const collected = collect(program, start);
  const diagnostics: Diagnostic[] = [...collected.diagnostics];
  cache?.useDiagnostics(diagnostics);
  const spaces = [...collected.namespaces.values()].map((raw) => {
    let instances: InstanceResolver | undefined;
    const values: ValueContext = {
      diagnostics,
      rules,
      instance: (decl) => {
        // An inline instance value is more than a class's reads can describe: that class is resolved every time.
        cache?.volatile();
        return (instances as InstanceResolver).resolve(decl);
      },
    };
    const qualifiers = new QualifierScope({ rules, builtinQualifiers: options.builtinQualifiers ?? false }, values);
    const valueMaps = elementValueMaps(diagnostics, rules);
    const classes = new ClassResolver(raw.name, raw.classes, qualifiers, values, valueMaps, { rules, cache });
    if (cache !== undefined) {
      qualifiers.observer = (key, name, type) => cache.noteQualifier(classes, key, name, type);
    }
    // The WMI system and DSC classes; DMTF mode never compiles or consults them.
    if (rules.classesBeyondNamespace) classes.builtin = builtinClass;
    instances = new InstanceResolver(raw.name, classes, qualifiers, values, rules);
    instances.registerAliases(raw.instances);
    // Declared last: a qualifier's default value may itself be an inline instance, which needs the resolvers
    // (and every declaration: such defaults are converted by settleDefaults below).
    for (const q of raw.qualifierTypes) qualifiers.declare(q);
    return { raw, qualifiers, classes, instances };
  });
  // Cross-namespace lookups (WMI): a name not declared in its namespace may be declared in exactly one other.
  // Qualifiers declared outside any `#pragma namespace` (a qualifiers file compiled beside a schema) serve
  // every namespace that does not declare its own; declarations made inside a namespace stay there.
  const shared = spaces.find((s) => namespaceKey(s.raw.name) === namespaceKey(start));
  const owners = classOwners(spaces);
  const building = { depth: 0, cycles: 0 };
  for (const space of spaces) {
    space.classes.building = building;
    if (shared !== undefined && shared !== space)
      space.qualifiers.external = (key) => shared.qualifiers.declaredType(key);
    space.classes.external = (name) => {
      const declaring = owners(name).filter((s) => s !== space);
      return declaring.length === 1 ? declaring[0]?.classes.resolve(name) : undefined;
    };
    space.classes.declaredElsewhere = (name) => owners(name).filter((s) => s !== space).length === 1;
    space.classes.ownerElsewhere = (name) => {
      const declaring = owners(name).filter((s) => s !== space);
      return declaring.length === 1 ? declaring[0]?.classes : undefined;
    };
    space.classes.definedElsewhere = (name, passed) => {
      const declaring = owners(name).filter((s) => s !== space);
      return declaring.length === 1 ? declaring[0]?.classes.beingDefined(name, passed) : undefined;
    };
  }
  // Now that every declaration and every cross-namespace lookup is in place: defaults that hold inline instances.
  for (const space of spaces) space.qualifiers.settleDefaults();
  const namespaces: NamespaceModel[] = spaces.map(({ raw, qualifiers, classes, instances }) => {
    const classModels = classes.all();
    const instanceModels: InstanceModel[] = raw.instances.map((i) => instances.resolveTopLevel(i));
    const qualifierTypes: QualifierType[] = qualifiers.declaredTypes();
    return {
      kind: "namespace",
      name: raw.name,
      classes: classModels,
      classByName: new Map(classModels.map((c) => [fold(c.name), c])),
      qualifierTypes,
      qualifierTypeByName: new Map(qualifierTypes.map((q) => [fold(q.name), q])),
      instances: instanceModels,
    };
  });
  mergeAmendments(namespaces, diagnostics, rules);
  return {
    schema: {
      kind: "schema",
      namespaces,
      namespaceByName: new Map(namespaces.map((n) => [namespaceKey(n.name), n])),
    },
    diagnostics,
  };
}

/**
 * The namespaces that declare a class name (folded), indexed once: asking every namespace per lookup made a
 * compilation with 40,000 namespaces quadratic (132 s). Three owners at most are kept: enough to tell whether
 * exactly one namespace other than the asking one declares the name.
 */
function classOwners<S extends { readonly raw: RawNamespace }>(spaces: readonly S[]): (name: string) => readonly S[] {
  let index: Map<string, S[]> | undefined;
  return (name) => {
    if (index === undefined) {
      index = new Map();
      for (const space of spaces) {
        for (const c of space.raw.classes) {
          const key = fold(c.name.name);
          const list = index.get(key);
          if (list === undefined) index.set(key, [space]);
          else if (list.length < 3 && list[list.length - 1] !== space) list.push(space);
        }
      }
    }
    return index.get(fold(name)) ?? [];
  };
}

/** A program put together by hand (from `parseText` results) may not say its dialect: the options then do. */
function programDialect(program: Program, options: ModelOptions): Dialect {
  const parsed = program.dialect;
  if (parsed !== undefined && options.dialect !== undefined && options.dialect !== parsed)
    throw new Error(`resolveSchema: dialect '${options.dialect}' for a program parsed as '${parsed}'`);
  return parsed ?? options.dialect ?? defaultDialect;
}
