import { expect } from "vitest";
import type { Change } from "../../src/diff/change.js";
import { type DiffOptions, diffSchemas } from "../../src/diff/diff.js";
import { compileText } from "../helpers/model.js";

/** Compile one in-memory schema (WMI dialect), failing the test on any error. */
export function schemaOf(text: string) {
  const compiled = compileText(text);
  const errors = compiled.diagnostics.filter((d) => d.severity === "error").map((d) => d.message);
  expect(errors, `the test schema must compile:\n${text}`).toEqual([]);
  return compiled.schema;
}

export function diffTexts(before: string, after: string, options: DiffOptions = {}): Change[] {
  return diffSchemas(schemaOf(before), schemaOf(after), options);
}

/** `type path criticality` of each change: compact, and exact about what else was reported. */
export function summary(changes: readonly Change[]): string[] {
  return changes.map((c) => `${c.type} ${c.path} ${c.criticality}`);
}
