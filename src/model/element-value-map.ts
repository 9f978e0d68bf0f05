import { Diagnostics, diag } from "../diagnostics/catalog.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { DialectRules } from "../dialect/rules.js";
import type { Span } from "../source/span.js";
import { appendAll } from "../util/arrays.js";
import { findQualifier } from "./qualifiers.js";
import type { DataType, QualifierValue, ValueMap } from "./types.js";
import { isValueMapEntry, resolveValueMap, type WrittenString } from "./value-map.js";

/** Computes the decoded value map of an element from its effective qualifiers. */
export type ElementValueMaps = (
  type: DataType,
  qualifiers: readonly QualifierValue[],
  inherited: { readonly valueMap: ValueMap | undefined } | undefined,
  at: Span,
) => ValueMap | undefined;

/**
 * Value maps are decoded where ValueMap or Values is written; an element that only inherits both shares the
 * inherited map object (so identical maps are one object, and problems are reported once, where written).
 */
export function elementValueMaps(
  writtenStrings: (q: QualifierValue) => readonly WrittenString[] | undefined,
  diagnostics: Diagnostic[],
  rules: DialectRules,
): ElementValueMaps {
  return (type, qualifiers, inherited, at) => {
    const valueMap = findQualifier(qualifiers, "valuemap");
    const values = findQualifier(qualifiers, "values");
    if (valueMap === undefined && values === undefined) return undefined;
    const ownWritten = (valueMap !== undefined && !valueMap.propagated) || (values !== undefined && !values.propagated);
    if (!ownWritten && inherited !== undefined) return inherited.valueMap;
    let mapStrings = valueMap && (writtenStrings(valueMap) ?? []);
    let labelStrings = values && (writtenStrings(values) ?? []);
    const swapped = looksSwapped(mapStrings, labelStrings);
    if (swapped && valueMap?.span && ownWritten) {
      // One clear warning instead of an error per entry (CIM 2.22's RoleBasedAuthorizationService.ModifyRole
      // has exactly this): the intent is unambiguous, so the model reads the pair the way it was evidently meant.
      diagnostics.push(diag(Diagnostics.ValueMapSwapped, valueMap.span));
      [mapStrings, labelStrings] = [labelStrings, mapStrings];
    }
    const result = resolveValueMap({
      valueMap: mapStrings,
      values: labelStrings,
      elementType: type.kind === "intrinsic" ? type.name : undefined,
      at,
    });
    // Problems of an inherited map were reported where it is written; report only for own qualifiers.
    // ValueMap and Values are conventions that mofcomp stores without checking: warnings in WMI mode.
    if (ownWritten && !swapped) appendAll(diagnostics, result.diagnostics.map(rules.unchecked));
    return result.valueMap;
  };
}

/** A number or range as the ValueMap reader reads one; a blank string counts too (it names no label either). */
function numeric(written: WrittenString): boolean {
  return written.value.trim() === "" || isValueMapEntry(written.value);
}

/** Every ValueMap string is a word and every Values string a number or range: written the wrong way round. */
function looksSwapped(
  map: readonly WrittenString[] | undefined,
  labels: readonly WrittenString[] | undefined,
): boolean {
  if (map === undefined || labels === undefined || map.length === 0 || map.length !== labels.length) return false;
  return map.every((m) => !numeric(m)) && labels.every(numeric);
}
