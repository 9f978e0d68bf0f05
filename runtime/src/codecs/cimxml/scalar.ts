import { integerRange } from "../../values/cim-value.js";
import { CimDateTimeError, type CimDateTimeValue, formatDateTime, parseDateTime } from "../../values/datetime.js";
import type { CimTypeName } from "../../values/schema.js";
import { CimXmlError } from "./errors.js";

/**
 * The text of one CIM-XML `VALUE` (DSP0201 §5.2.2: the MOF spelling of each type, without quotes) and back.
 * Values follow schema.ts: 8 to 32-bit integers and reals are numbers, 64-bit integers bigints (never rounded),
 * char16 a one-unit string, datetime a `CimDateTimeValue`. A text that is not a value of its type is an error,
 * never coerced: `"12x"`, `"70000"` for a uint16, `"1.5"` for a sint32.
 */
export type ScalarType = Exclude<CimTypeName, "reference" | "object" | "instance">;

const integerText = /^[+-]?[0-9]+$/;
const hexText = /^[+-]?0[xX][0-9a-fA-F]+$/;
// DSP0201 real values: decimal reals, and the XML Schema spellings INF, -INF and NaN.
const realText = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

export function decodeScalar(type: ScalarType, text: string): unknown {
  const fail = (what: string): never => {
    throw new CimXmlError(`${JSON.stringify(text)} is not ${what}`);
  };
  switch (type) {
    case "string":
      return text;
    case "char16":
      return text.length === 1 ? text : fail("a char16 (one UTF-16 unit)");
    case "boolean": {
      const t = text.trim().toLowerCase();
      return t === "true" ? true : t === "false" ? false : fail("a boolean (TRUE or FALSE)");
    }
    case "real32":
    case "real64": {
      const t = text.trim();
      if (t === "INF" || t === "+INF") return Number.POSITIVE_INFINITY;
      if (t === "-INF") return Number.NEGATIVE_INFINITY;
      if (t === "NaN") return Number.NaN;
      if (!realText.test(t)) fail(`a ${type}`);
      const n = Number(t);
      if (type === "real32" && Number.isFinite(n) && !Number.isFinite(Math.fround(n))) fail("within a real32's range");
      return n;
    }
    case "datetime":
      return decodeDateTime(text.trim(), fail);
    default:
      return decodeInteger(type, text.trim(), fail);
  }
}

function decodeDateTime(t: string, fail: (what: string) => never): CimDateTimeValue {
  try {
    return parseDateTime(t);
  } catch (error) {
    if (error instanceof CimDateTimeError) fail(`a datetime (${error.message})`);
    throw error;
  }
}

function decodeInteger(type: ScalarType, t: string, fail: (what: string) => never): number | bigint {
  const bounds = integerRange(type);
  if (bounds === undefined) return fail(`a value of the CIM type ${type}`);
  // Hexadecimal (DSP0201 allows the MOF forms) is read too; decimal is what everyone sends.
  if (!integerText.test(t) && !hexText.test(t)) fail(`a ${type} (an integer)`);
  const negative = t.startsWith("-");
  const digits = t.replace(/^[+-]/, "");
  const magnitude = BigInt(digits);
  const n = negative ? -magnitude : magnitude;
  if (n < bounds[0] || n > bounds[1]) fail(`within the range of a ${type} (${bounds[0]} to ${bounds[1]})`);
  return type === "sint64" || type === "uint64" ? n : Number(n);
}

/** The VALUE text of a scalar; the caller has checked the value against its type (`checkElementValue`). */
export function encodeScalar(type: ScalarType, value: unknown): string {
  switch (type) {
    case "boolean":
      return value === true ? "TRUE" : "FALSE";
    case "string":
    case "char16":
      return value as string;
    case "real32":
    case "real64": {
      const n = value as number;
      if (Number.isNaN(n)) return "NaN";
      if (n === Number.POSITIVE_INFINITY) return "INF";
      if (n === Number.NEGATIVE_INFINITY) return "-INF";
      // Shortest text that reads back as the same double (and float, for real32: it was a float to begin with).
      // DSP0004's realValue has a "." always: 42 is written 42.0, 1e+21 as 1.0e+21.
      const text = Object.is(n, -0) ? "-0" : String(n);
      return text.includes(".") ? text : text.replace(/^(-?\d+)/, "$1.0");
    }
    case "datetime":
      return formatDateTime(value as CimDateTimeValue);
    default:
      return String(value);
  }
}
