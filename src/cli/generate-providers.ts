import { Diagnostics, diag, withPath } from "../diagnostics/catalog.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { GeneratedFile, TypeScriptOptions } from "../emit/ts/generated-file.js";
import { userProviderPath } from "../emit/ts/symbols.js";
import type { ClassModel, NamespaceModel, SchemaModel } from "../model/types.js";

/** The provider emitter's module, loaded on demand with the other emitters (it needs ts-morph's TypeScript). */
type ProviderEmitter = Pick<
  typeof import("../emit/ts/provider-modules.js"),
  "missingProviderMethods" | "unknownProviderClasses"
>;

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
  configPath: string | undefined,
): ProviderChecks {
  const diagnostics = emitter
    .unknownProviderClasses(schema, options)
    .map((name) => withPath(diag(Diagnostics.ProviderClassUnknown, undefined, name), configPath ?? ""));
  let owners: Map<string, { cls: ClassModel; ns: NamespaceModel }> | undefined;
  const missingMethods = (existing: string, generated: GeneratedFile): readonly string[] => {
    owners ??= new Map(
      schema.namespaces.flatMap((ns) => ns.classes.map((cls) => [userProviderPath(cls), { cls, ns }] as const)),
    );
    const owner = owners.get(generated.path);
    if (owner === undefined) return [];
    return emitter.missingProviderMethods(existing, owner.cls, owner.ns).map((m) => m.method);
  };
  return { diagnostics, missingMethods };
}
