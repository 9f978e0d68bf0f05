/**
 * `mofgen/runtime`, kept for code generated before the runtime became its own package: the same exports as
 * `@mofgen/runtime`, which generated code now imports by default (the `runtimeImport` setting still overrides it).
 */
export * from "@mofgen/runtime";
