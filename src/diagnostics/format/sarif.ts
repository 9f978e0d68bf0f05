import { resolveSpan } from "../../source/span.js";
import { catalogEntries } from "../catalog.js";
import type { Diagnostic, Severity } from "../diagnostic.js";

const level: Record<Severity, "error" | "warning" | "note"> = {
  error: "error",
  warning: "warning",
  info: "note",
};

/**
 * SARIF 2.1.0 for code-scanning tools (GitHub code scanning, VS Code SARIF viewer). Every catalog code is a
 * rule; locations are relative to the working directory (`%SRCROOT%`) when possible.
 */
export function formatSarif(
  diagnostics: readonly Diagnostic[],
  relativize: (path: string) => string,
  version: string,
): string {
  const rules = catalogEntries().map((e) => ({
    id: e.code,
    name: e.name,
    defaultConfiguration: { level: level[e.severity] },
  }));
  const results = diagnostics.map((d) => {
    const result: Record<string, unknown> = {
      ruleId: d.code,
      level: level[d.severity],
      message: { text: d.message },
    };
    if (d.span !== undefined) {
      const r = resolveSpan(d.span);
      result.locations = [location(relativize(r.file), r)];
      if (d.related?.length) {
        result.relatedLocations = d.related.map((rel, i) => {
          const rr = resolveSpan(rel.span);
          return {
            id: i + 1,
            ...location(relativize(rr.file), rr),
            message: { text: rel.message },
          };
        });
      }
    } else if (d.path !== undefined) {
      result.locations = [
        {
          physicalLocation: {
            artifactLocation: { uri: toUri(relativize(d.path)) },
          },
        },
      ];
    }
    return result;
  });
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "mofgen",
            version,
            informationUri: "https://github.com/mofgen/mofgen",
            rules,
          },
        },
        columnKind: "utf16CodeUnits",
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function location(file: string, r: { line: number; column: number; endLine: number; endColumn: number }) {
  return {
    physicalLocation: {
      artifactLocation: {
        uri: toUri(file),
        ...(isRelative(file) && { uriBaseId: "%SRCROOT%" }),
      },
      region: {
        startLine: r.line,
        startColumn: r.column,
        endLine: r.endLine,
        endColumn: r.endColumn,
      },
    },
  };
}

function isRelative(path: string): boolean {
  return !path.startsWith("/") && !/^[A-Za-z]:/.test(path);
}

function toUri(path: string): string {
  return path.split(/[\\/]/).map(encodeURIComponent).join("/");
}
