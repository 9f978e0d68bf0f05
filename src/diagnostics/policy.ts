import { catalogEntries } from "./catalog.js";
import type { Diagnostic, Severity } from "./diagnostic.js";

/**
 * What the user asked of the diagnostics, as tsc and ESLint users expect: `--quiet` (errors only) and a
 * severity per code (`"diagnostics": { "MOF3010": "off" }` in mofgen.config.json, `--diagnostic MOF3010=off` on
 * the command line). An error stays an error whatever the override says: a compile with an error has no sound
 * model to generate from, so only warnings and notes can be silenced, lowered or raised (to an error, which
 * then stops generation as any error does).
 */
export type SeverityLevel = "off" | Severity;

export const severityLevels: readonly SeverityLevel[] = ["off", "info", "warning", "error"];

export interface DiagnosticPolicy {
  /** Errors only. */
  readonly quiet?: boolean;
  /** By code (`MOF3010`). */
  readonly levels?: ReadonlyMap<string, SeverityLevel>;
}

/** The diagnostics as the policy wants them reported: overridden severities, the silenced ones left out. */
export function applyPolicy(diagnostics: readonly Diagnostic[], policy: DiagnosticPolicy): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const level = d.severity === "error" ? "error" : (policy.levels?.get(d.code) ?? d.severity);
    if (level === "off" || (policy.quiet && level !== "error")) continue;
    out.push(level === d.severity ? d : { ...d, severity: level });
  }
  return out;
}

/** Every code of the catalog, for checking the codes a user names. */
export function knownCodes(): readonly string[] {
  return [...new Set(catalogEntries().map((e) => e.code))].sort();
}
