import type { IntegerValue, Qualifier, QualifierList, StringValue } from "../ast/nodes.js";
import { Diagnostics, diag } from "../diagnostics/catalog.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { DialectRules } from "../dialect/rules.js";
import type { Span } from "../source/span.js";
import { appendAll } from "../util/arrays.js";
import type { DataType, QualifierValue, ValueMap, ValueMapDeclarer, WrittenString } from "./types.js";
import { foldsTo } from "./types.js";
import { isValueMapEntry, resolveValueMap } from "./value-map.js";
import { otherElement } from "./value-map-elements.js";

/** What the value map of one property, method (its return value) or parameter is computed from. */
export interface ElementValueMapInput {
  readonly type: DataType;
  /** Effective qualifiers: own and propagated. */
  readonly qualifiers: readonly QualifierValue[];
  /** The qualifiers as written on the element: its own ValueMap and Values strings, with their spans. */
  readonly written: QualifierList | undefined;
  /** The element this one overrides: its map is shared, or its strings pair with the ones written here. */
  readonly inherited: { readonly valueMap: ValueMap | undefined } | undefined;
  /** The element itself, should it declare a map of its own. */
  readonly declarer: ValueMapDeclarer;
  /** Where to report problems that have no better place (the element's name). */
  readonly at: Span;
}

/** Computes the decoded value map of an element from its effective qualifiers. */
export type ElementValueMaps = (element: ElementValueMapInput) => ValueMap | undefined;

/**
 * Value maps are decoded where ValueMap or Values is written; an element that only inherits both shares the
 * inherited map object (so identical maps are one object, and problems are reported once, where written). The
 * map records that element as its declarer, and the strings it was decoded from.
 */
export function elementValueMaps(diagnostics: Diagnostic[], rules: DialectRules): ElementValueMaps {
  return ({ type, qualifiers, written, inherited, declarer, at }) => {
    // One pass for both (every element asks, and most have neither), without a pair to destructure; indexed, as
    // a for-of loop makes an iterator result per qualifier until V8 optimises this function.
    let valueMap: QualifierValue | undefined;
    let values: QualifierValue | undefined;
    for (let i = 0; i < qualifiers.length; i++) {
      const q = qualifiers[i] as QualifierValue;
      if (valueMap === undefined && foldsTo(q.name, "valuemap")) valueMap = q;
      else if (values === undefined && foldsTo(q.name, "values")) values = q;
    }
    if (valueMap === undefined && values === undefined) return undefined;
    const ownWritten = (valueMap !== undefined && !valueMap.propagated) || (values !== undefined && !values.propagated);
    if (!ownWritten && inherited !== undefined) return inherited.valueMap;
    // A propagated qualifier was written on the overridden element: its strings are the ones its map was read from.
    const source = inherited?.valueMap?.written;
    const strings = {
      valueMap: valueMap && (valueMap.propagated ? source?.valueMap : writtenStrings(written, "valuemap")),
      values: values && (values.propagated ? source?.values : writtenStrings(written, "values")),
    };
    let mapStrings = valueMap && (strings.valueMap ?? []);
    let labelStrings = values && (strings.values ?? []);
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
    const decoded = result.valueMap;
    return decoded && { ...decoded, declarer, written: strings };
  };
}

/**
 * The strings of the first ValueMap or Values qualifier written in a list (the model keeps the first of a
 * duplicated qualifier too), each with its literal's span. An integer element (`ValueMap{0, 1}`, as Microsoft's
 * own samples write it and mofcomp accepts) stands for its text as written, so the map keeps that entry; MOF3008
 * still says that DSP0004 wants a string. An element of another kind (`1.5`, `true`, `null`) keeps its place,
 * marked `notText`: left out, it would silently shift every label after it and make the lengths differ (a
 * confusing MOF3010). It was reported (MOF3013) where the qualifier's value was checked.
 */
function writtenStrings(
  list: QualifierList | undefined,
  key: "valuemap" | "values",
): readonly WrittenString[] | undefined {
  const q = list?.qualifiers.find((x) => foldsTo(x.name.name, key));
  return q && stringsOf(q);
}

/**
 * The written strings are the syntax tree's string values themselves (a `StringValue` is a `WrittenString`, with
 * its value and its literal's span): the model keeps these lists for the whole run, and a copy of each string
 * node (CIM 2.49: 38,000 of them) only doubled what the tree already holds. An array of strings only (nearly
 * every one) is the tree's own list, for the same reason: a copy grown by `push` also reserved room for 17.
 */
function stringsOf(q: Qualifier): readonly WrittenString[] | undefined {
  const v = q.value;
  if (v === undefined) return undefined;
  if (v.kind === "string") return [v];
  const elements = v.kind === "arrayValue" ? v.elements : [v];
  if (elements.every((e) => e.kind === "string")) return elements as readonly StringValue[];
  const strings: WrittenString[] = [];
  for (const e of elements) {
    if (e.kind === "string") strings.push(e);
    else if (e.kind === "integer") strings.push(integerString(e));
    else strings.push(otherElement(e));
  }
  return strings;
}

/** An integer literal as the string it stands for: its text as written ("0x10" decodes as "0x10" would). */
function integerString(v: IntegerValue): WrittenString {
  return { value: v.text, span: v };
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
  const text = (w: WrittenString) => w.notText === undefined;
  return map.every((m) => text(m) && !numeric(m)) && labels.every((l) => text(l) && numeric(l));
}
