import type { ClassDeclaration } from "../ast/nodes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { dialectRules } from "../dialect/rules.js";
import { parseText } from "../program/program.js";
import { appendAll } from "../util/arrays.js";
import { ClassResolver } from "./classes.js";
import { elementValueMaps } from "./element-value-map.js";
import { dscClassesMof } from "./prelude/dsc-classes.js";
import { wmiSystemClassesMof } from "./prelude/wmi-system-classes.js";
import { QualifierScope } from "./qualifiers.js";
import { knownSystemClass, preludeNamespace } from "./system-classes.js";
import type { ClassModel } from "./types.js";
import type { ValueContext } from "./values.js";

/**
 * The classes mofcomp and DSC know without any MOF declaring them, compiled once per process on first use,
 * from mofgen's own MOF text (prelude/). WMI mode only: DSP0004 knows no such classes. A compilation looks
 * here last, for names neither it nor another of its namespaces declares, and never lists these classes as
 * its own (the model of a schema holds what its files declare).
 */
export interface Prelude {
  readonly classes: ClassResolver;
  /** Problems in the built-in MOF itself: always empty (a test keeps it so). */
  readonly diagnostics: readonly Diagnostic[];
}

let compiled: Prelude | undefined;

export function prelude(): Prelude {
  compiled ??= compile();
  return compiled;
}

/** Has any compilation needed the prelude yet? (DMTF mode never does: a test keeps it so.) */
export function preludeCompiled(): boolean {
  return compiled !== undefined;
}

/** A built-in class by name (any case), compiling the prelude only for names that can be built-in. */
export function builtinClass(name: string): ClassModel | undefined {
  return knownSystemClass(name) ? prelude().classes.resolve(name) : undefined;
}

function compile(): Prelude {
  // The system and DSC classes are Microsoft's, written in WMI MOF whatever the compilation's dialect.
  const rules = dialectRules("wmi");
  const diagnostics: Diagnostic[] = [];
  const declarations: ClassDeclaration[] = [];
  for (const [path, text] of [
    ["<built-in WMI system classes>", wmiSystemClassesMof],
    ["<built-in DSC classes>", dscClassesMof],
  ] as const) {
    const parsed = parseText(text, path, { dialect: rules.dialect });
    appendAll(diagnostics, parsed.diagnostics);
    for (const p of parsed.ast.productions) if (p.kind === "class") declarations.push(p);
  }
  const values: ValueContext = {
    diagnostics,
    rules,
    instance: () => {
      throw new Error("the prelude declares no instances");
    },
  };
  const qualifiers = new QualifierScope({ rules, builtinQualifiers: false }, values);
  const valueMaps = elementValueMaps(diagnostics, rules);
  const classes = new ClassResolver(preludeNamespace, declarations, qualifiers, values, valueMaps, { rules });
  // Resolve everything now, so that every later lookup only reads and the diagnostics are complete.
  classes.all();
  return { classes, diagnostics };
}
