import { Diagnostics, diag, withPath } from "../diagnostics/catalog.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { GeneratedFile, TypeScriptOptions } from "../emit/ts/generated-file.js";
import { userProviderPath } from "../emit/ts/symbols.js";
import type { ClassModel, NamespaceModel, SchemaModel } from "../model/types.js";
import type { GenerateSettings } from "./generate-settings.js";

/**
 * The provider emitter's modules, loaded on demand with the other emitters; the reader of the user's provider files
 * (it needs ts-morph's TypeScript) only when the configuration has providers, the only case with such files.
 */
type ProviderEmitter = Pick<typeof import("../emit/ts/provider-modules.js"), "unknownProviderClasses"> &
  Partial<Pick<typeof import("../emit/ts/provider-check.js"), "missingProviderMethods">>;

export interface ProviderChecks {
  /** A warning for each name in `providers.classes` that matches no class that can have a provider. */
  readonly diagnostics: readonly Diagnostic[];
  /** The methods an existing provider implementation (a user file) lacks, by MOF name. */
  readonly missingMethods: (existing: string, generated: GeneratedFile) => readonly string[];
}

/** What `generate` says about the user's provider implementations, through the provider emitter's own rules. */
export function providerChecks(
  emitter: ProviderEmitter,
  schema: SchemaModel,
  options: TypeScriptOptions,
  settings: GenerateSettings,
): ProviderChecks {
  const { providers, configPath } = settings;
  // At the name as written in the configuration file, else (names from elsewhere) about the file as a whole.
  const where = (name: string) => providers?.classSpans?.[providers.classes.indexOf(name)];
  const diagnostics = emitter.unknownProviderClasses(schema, options).map((name) => {
    const d = diag(Diagnostics.ProviderClassUnknown, where(name), name);
    return d.span === undefined ? withPath(d, configPath ?? "") : d;
  });
  // Without providers there is no user file to ask about; and a closure over the schema would keep the whole
  // model alive until the output is written.
  if (providers === undefined) return { diagnostics, missingMethods: () => [] };
  let owners: Map<string, { cls: ClassModel; ns: NamespaceModel }> | undefined;
  const missingMethods = (existing: string, generated: GeneratedFile): readonly string[] => {
    owners ??= new Map(
      schema.namespaces.flatMap((ns) => ns.classes.map((cls) => [userProviderPath(cls), { cls, ns }] as const)),
    );
    const owner = owners.get(generated.path);
    if (owner === undefined) return [];
    if (emitter.missingProviderMethods === undefined)
      throw new Error("internal: a user provider file without providers");
    return emitter.missingProviderMethods(existing, owner.cls, owner.ns).map((m) => m.method);
  };
  return { diagnostics, missingMethods };
}
