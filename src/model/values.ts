import { integerRange as runtimeIntegerRange } from "@mofgen/runtime/values";
import type { InstanceDeclaration, ScalarValue, Value } from "../ast/nodes.js";
import { Diagnostics, diag, relaxed } from "../diagnostics/catalog.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { DialectRules } from "../dialect/rules.js";
import type { Span } from "../source/span.js";
import { detach } from "../util/detach.js";
import { datetimeProblem } from "./datetime.js";
import { mofTypeText } from "./mof-text.js";
import type { CimValue, DataType, InstanceModel, IntrinsicTypeName } from "./types.js";

/** What a value must be: a data type, and whether it is an array. `undefined` type: unknown, no checks. */
export interface Expected {
  readonly type: DataType | undefined;
  readonly array: boolean;
  /** What the value is for, in messages: "the default of 'Foo.Bar'", "qualifier 'MaxLen'". */
  readonly what: string;
  /** Qualifier values may give one value for an array type (`MappingStrings("x")`); defaults may not. */
  readonly scalarForArray: boolean;
  /** A string element with EmbeddedInstance: an inline `instance of` value is as good as its string form. */
  readonly embedded?: boolean;
}

export interface ValueContext {
  readonly diagnostics: Diagnostic[];
  /** Resolve an inline `instance of` value (done by the instance resolver, which knows the classes). */
  readonly instance: (decl: InstanceDeclaration) => InstanceModel;
  /**
   * WMI keeps datetime values as strings (CIM_DATETIME is a BSTR there), so a class with a malformed datetime
   * still loads and the damage shows only when a client parses the value: a warning in WMI mode, an error in DMTF.
   * Those severities, and mofcomp's conversions, are the dialect's rules.
   */
  readonly rules: DialectRules;
}

/** The inclusive bounds of a CIM integer type, undefined for the other types: the runtime's table, so both agree. */
export function integerRange(type: IntrinsicTypeName): readonly [bigint, bigint] | undefined {
  return runtimeIntegerRange(type);
}

export function describeType(type: DataType | undefined, array = false): string {
  return type === undefined ? "unknown" : mofTypeText(type, { array });
}

/**
 * Short string values, one object per text. A schema repeats the same few strings thousands of times (ValueMap
 * entries "0".."9", "..", "DMTF Reserved", "Unknown": CIM 2.49 has 61,000 string values with 20,000 texts), and
 * the model keeps every one for the whole run; values are immutable, so one object serves them all. Long texts
 * (descriptions) are nearly all unique, and hashing them would cost more than it saves: they are not shared. The
 * table is bounded, as the case-folding one (`fold`) is.
 */
const sharedStrings = new Map<string, CimValue>();
const maxSharedLength = 24;

function stringValue(value: string): CimValue {
  if (value.length > maxSharedLength) return { kind: "string", value };
  let shared = sharedStrings.get(value);
  if (shared === undefined) {
    if (sharedStrings.size >= 50_000) return { kind: "string", value };
    // The table outlives the compile: its strings must not keep the source texts they were cut from.
    const own = detach(value);
    shared = { kind: "string", value: own };
    sharedStrings.set(own, shared);
  }
  return shared;
}

/** Convert a written value to a typed value, reporting every mismatch with the expected type at the value. */
export function convertValue(value: Value, expected: Expected, ctx: ValueContext): CimValue {
  if (value.kind === "null") return { kind: "null" };
  if (value.kind === "arrayValue") {
    if (expected.type !== undefined && !expected.array) {
      report(ctx, value.span, `${expected.what} is a single ${describeType(expected.type)}, but an array is given`);
    }
    return { kind: "array", elements: value.elements.map((e) => convertScalar(e as ScalarValue, expected, ctx)) };
  }
  if (expected.array && expected.type !== undefined && !expected.scalarForArray) {
    report(
      ctx,
      value.span,
      `${expected.what} is an array (${describeType(expected.type, true)}); write {${valueText(value)}}`,
    );
  }
  const scalar = convertScalar(value, expected, ctx);
  return expected.array && expected.scalarForArray ? { kind: "array", elements: [scalar] } : scalar;
}

function valueText(v: ScalarValue): string {
  switch (v.kind) {
    case "string":
      return JSON.stringify(v.value);
    case "integer":
    case "real":
      return v.text;
    case "boolean":
      return String(v.value);
    default:
      return "...";
  }
}

function convertScalar(value: ScalarValue, expected: Expected, ctx: ValueContext): CimValue {
  const type = expected.type;
  if (value.kind === "null") return { kind: "null" };
  if (type === undefined) return untyped(value, ctx);
  switch (type.kind) {
    case "intrinsic":
      return intrinsic(value, type.name, expected, ctx);
    case "reference":
      if (value.kind === "alias") return { kind: "reference", alias: value.name, path: undefined };
      if (value.kind === "string") return { kind: "reference", alias: undefined, path: value.value };
      return mismatch(value, expected, ctx, "a reference ($alias or object path string)");
    case "object":
    case "instance":
      if (value.kind === "instanceValue") return { kind: "instance", instance: ctx.instance(value.instance) };
      if (value.kind === "string") return stringValue(value.value);
      return mismatch(value, expected, ctx, "an embedded instance");
    case "void":
      return untyped(value, ctx);
  }
}

function intrinsic(value: ScalarValue, type: IntrinsicTypeName, expected: Expected, ctx: ValueContext): CimValue {
  // Most values are strings given to strings (descriptions, value maps): no integer range to look up for them.
  if (type === "string" && value.kind === "string") return stringValue(value.value);
  const range = integerRange(type);
  if (range !== undefined) {
    if (value.kind === "real" && ctx.rules.mofcompConversions && Number.isFinite(value.value)) {
      // Documented mofcomp behaviour ("Compiling MOF Code with Floating-Point Values"): a real given to an
      // integer property is rounded and stored. Said, not silent; the model holds what WMI stores.
      const rounded = BigInt(Math.round(value.value));
      const what = `${expected.what} must be an integer (${type}), not a real number; mofcomp stores ${value.text} rounded, as ${rounded}`;
      ctx.diagnostics.push(relaxed(diag(Diagnostics.ValueType, value.span, what)));
      if (rounded < range[0] || rounded > range[1]) {
        report(
          ctx,
          value.span,
          `${value.text} is out of range for ${type} (${range[0]}..${range[1]}) in ${expected.what}`,
        );
      }
      return { kind: "integer", value: rounded, text: String(rounded) };
    }
    if (value.kind !== "integer") return mismatch(value, expected, ctx, `an integer (${type})`);
    if (value.value < range[0] || value.value > range[1]) {
      report(
        ctx,
        value.span,
        `${value.text} is out of range for ${type} (${range[0]}..${range[1]}) in ${expected.what}`,
      );
    }
    return { kind: "integer", value: value.value, text: value.text };
  }
  switch (type) {
    case "boolean":
      if (value.kind === "boolean") return { kind: "boolean", value: value.value };
      if (ctx.rules.mofcompConversions && value.kind === "string" && /^(true|false)$/i.test(value.value)) {
        // mofcomp converts the string "True" to the boolean (Microsoft's own view provider registration
        // relies on it): a warning in WMI mode, and the value the author meant.
        const d = diag(Diagnostics.ValueType, value.span, `${expected.what} must be true or false, not a string`);
        ctx.diagnostics.push(relaxed(d));
        return { kind: "boolean", value: value.value.toLowerCase() === "true" };
      }
      return mismatch(value, expected, ctx, "true or false");
    case "string":
      if (value.kind === "string") return stringValue(value.value);
      // Under DMTF rules the inline form itself is the fault (MOF1205, from the syntax checks): DMTF writes an
      // embedded instance as a string, and "must be a string" would repeat that one fault at the same place.
      if (value.kind === "instanceValue" && (expected.embedded || !ctx.rules.wmiExtensions)) {
        return { kind: "instance", instance: ctx.instance(value.instance) };
      }
      return mismatch(value, expected, ctx, 'a string ("...")');
    case "char16":
      if (value.kind === "char16") return { kind: "char16", value: value.value };
      if (value.kind === "string" && value.value.length === 1) {
        // pywbem, cimmof and sfcb take "c" for 'c': a warning in WMI mode (the value is the character), an
        // error in DMTF mode, where DSP0004 asks for a char16 literal.
        const what = `${expected.what} must be a char16 ('c'), not a one-character string; pywbem, cimmof and sfcb read it as that character`;
        const d = diag(Diagnostics.ValueType, value.span, what);
        ctx.diagnostics.push(ctx.rules.unchecked(d));
        return { kind: "char16", value: value.value };
      }
      return mismatch(value, expected, ctx, "a char16 ('c')");
    case "datetime": {
      if (value.kind !== "string")
        return mismatch(value, expected, ctx, 'a datetime string ("yyyymmddhhmmss.mmmmmmsutc")');
      const problem = datetimeProblem(value.value);
      if (problem !== undefined) {
        const d = diag(Diagnostics.InvalidDatetime, value.span, value.value, problem);
        ctx.diagnostics.push(ctx.rules.unchecked(d));
      }
      return { kind: "datetime", value: value.value };
    }
    default: {
      // real32 / real64: a real or an integer literal.
      if (value.kind === "real") {
        if (type === "real32" && Number.isFinite(value.value) && !Number.isFinite(Math.fround(value.value))) {
          report(ctx, value.span, `${value.text} is out of range for real32 in ${expected.what}`);
        }
        return { kind: "real", value: value.value, text: value.text };
      }
      if (value.kind === "integer") return { kind: "real", value: Number(value.value), text: value.text };
      return mismatch(value, expected, ctx, `a number (${type})`);
    }
  }
}

function untyped(value: ScalarValue, ctx: ValueContext): CimValue {
  switch (value.kind) {
    case "integer":
      return { kind: "integer", value: value.value, text: value.text };
    case "real":
      return { kind: "real", value: value.value, text: value.text };
    case "string":
      return stringValue(value.value);
    case "char16":
      return { kind: "char16", value: value.value };
    case "boolean":
      return { kind: "boolean", value: value.value };
    case "null":
      return { kind: "null" };
    case "alias":
      return { kind: "reference", alias: value.name, path: undefined };
    case "instanceValue":
      return { kind: "instance", instance: ctx.instance(value.instance) };
  }
}

const kindWords: Record<ScalarValue["kind"], string> = {
  integer: "an integer",
  real: "a real number",
  string: "a string",
  char16: "a char16",
  boolean: "a boolean",
  null: "null",
  alias: "an alias",
  instanceValue: "an embedded instance",
};

function mismatch(value: ScalarValue, expected: Expected, ctx: ValueContext, wanted: string): CimValue {
  report(ctx, value.span, `${expected.what} must be ${wanted}, not ${kindWords[value.kind]}`);
  return untyped(value, ctx);
}

function report(ctx: ValueContext, at: Span, message: string): void {
  ctx.diagnostics.push(diag(Diagnostics.ValueType, at, message));
}
