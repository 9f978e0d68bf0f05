import { namespaceKey } from "../model/namespaces.js";
import { fold, type QualifierValue, type SchemaModel, type ValueMap } from "../model/types.js";
import { resolveSpan, type Span } from "../source/span.js";

/** A span in the model JSON: 1-based line and column, the end just past the span (as in diagnostics). */
export interface JsonSpan {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/**
 * The `span` fields of the model JSON (`--spans`). Each gives undefined when spans are off, which leaves the key
 * out (JSON.stringify and jsonChunks skip undefined), so the default JSON keeps its bytes; null when the model
 * holds no span (a qualifier type typed by its use in WMI MOF).
 */
export interface SpanJson {
  of(span: Span | undefined): JsonSpan | null | undefined;
  /** Where the map's declarer writes ValueMap, or Values when it writes no ValueMap (an override relabelling it). */
  valueMap(map: ValueMap): JsonSpan | null | undefined;
}

export const noSpans: SpanJson = { of: () => undefined, valueMap: () => undefined };

export function spanWriter(
  schema: SchemaModel,
  options: { readonly spans?: boolean; readonly relativize?: (path: string) => string },
): SpanJson {
  if (options.spans !== true) return noSpans;
  const relativize = options.relativize ?? ((path: string) => path);
  const of = (span: Span | undefined): JsonSpan | null => {
    if (span === undefined) return null;
    const r = resolveSpan(span);
    // Keys in one fixed order, whatever resolveSpan's object holds: golden outputs compare bytes.
    return { file: relativize(r.file), line: r.line, column: r.column, endLine: r.endLine, endColumn: r.endColumn };
  };
  return { of, valueMap: (map) => of(valueMapSpan(schema, map)) };
}

/** The span of the ValueMap (else Values) qualifier that the map's declarer writes itself. */
function valueMapSpan(schema: SchemaModel, map: ValueMap): Span | undefined {
  const d = map.declarer;
  const cls = schema.namespaceByName.get(namespaceKey(d.namespace))?.classByName.get(fold(d.className));
  if (cls === undefined) return undefined;
  let qualifiers: readonly QualifierValue[] | undefined;
  if (d.element === "property") qualifiers = cls.propertyByName.get(fold(d.member))?.qualifiers;
  else {
    const method = cls.methodByName.get(fold(d.member));
    if (d.element === "method") qualifiers = method?.qualifiers;
    else qualifiers = method?.parameters.find((p) => fold(p.name) === fold(d.parameter ?? ""))?.qualifiers;
  }
  const own = (key: string) => qualifiers?.find((q) => !q.propagated && fold(q.name) === key)?.span;
  return own("valuemap") ?? own("values");
}
