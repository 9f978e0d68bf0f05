import type { IntegerPayload } from "./token.js";

export interface NumberScan {
  readonly end: number;
  readonly kind: "integer" | "real";
  readonly integer?: IntegerPayload;
  readonly real?: number;
  /** Why the literal is malformed, in words; absent when valid. */
  readonly error?: string;
}

function isNumberChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46;
}

/**
 * Scan a numeric literal with maximal munch (so `08`, `2b`, `0x` and `1.e5` are one malformed token, each
 * with its own explanation, instead of two surprising tokens). DSP0004 forms:
 *   decimal  [+-] (0 | [1-9][0-9]*)      binary  [+-] [01]+ b
 *   octal    [+-] 0 [0-7]+                hex     [+-] 0x [0-9a-f]+
 *   real     [+-] [0-9]* . [0-9]+ ( e [+-]? [0-9]+ )?
 */
export function scanNumber(text: string, start: number): NumberScan {
  let p = start;
  const first = text.charCodeAt(p);
  if (first === 0x2d || first === 0x2b) p++;
  const bodyStart = p;
  while (p < text.length) {
    const c = text.charCodeAt(p);
    if (isNumberChar(c)) {
      p++;
      continue;
    }
    // An exponent sign: "1.5e-3".
    if (
      (c === 0x2d || c === 0x2b) &&
      (text.charCodeAt(p - 1) | 0x20) === 0x65 &&
      text.slice(bodyStart, p).includes(".")
    ) {
      p++;
      continue;
    }
    break;
  }
  const body = text.slice(bodyStart, p);
  const negative = first === 0x2d;
  return classify(body, negative, p);
}

const decimal = /^(0|[1-9][0-9]*)$/;
const octal = /^0[0-7]+$/;
const hex = /^0[xX][0-9a-fA-F]+$/;
const binary = /^[01]+[bB]$/;
const real = /^[0-9]*\.[0-9]+([eE][+-]?[0-9]+)?$/;

/**
 * One bigint per small number, made when first read: ValueMap entries are nearly all small numbers ("0".."9"), and
 * the model keeps each entry's bounds for the whole run (CIM 2.49: 18,000 bigints of a few hundred values).
 */
const smallIntegers: bigint[] = [];

function smallInteger(n: number): bigint {
  let value = smallIntegers[n];
  if (value === undefined) {
    value = BigInt(n);
    smallIntegers[n] = value;
  }
  return value;
}

/**
 * The one reader of DSP0004 integer literals, for the lexer and for integers written inside strings (ValueMap
 * entries): `body` is the literal without its sign. BigInt() reads no octal without `0o` and no binary suffix,
 * so the radix is decided here and the sign applied after.
 */
export function readInteger(body: string, negative: boolean): IntegerPayload | undefined {
  // Plain assignments, not `[value, radix] = [...]`: until V8 optimises this function, that destructuring makes an
  // array, an iterator and a result per element for every integer (and every ValueMap entry) read.
  let value: bigint;
  let radix: IntegerPayload["radix"];
  if (decimal.test(body)) {
    value = body.length <= 3 ? smallInteger(Number(body)) : BigInt(body);
    radix = 10;
  } else if (hex.test(body)) {
    value = BigInt(`0x${body.slice(2)}`);
    radix = 16;
  } else if (binary.test(body)) {
    value = BigInt(`0b${body.slice(0, -1)}`);
    radix = 2;
  } else if (octal.test(body)) {
    value = BigInt(`0o${body.slice(1)}`);
    radix = 8;
  } else return undefined;
  return { value: negative ? -value : value, radix };
}

/**
 * Why an unsigned `body` that `readInteger` refused is a malformed integer of a known form ("08", "0x", "12b"),
 * in words; undefined when it has no recognisable integer shape (the caller says what it expected).
 */
export function integerMistake(body: string): string | undefined {
  if (/^0[xX]$/.test(body)) return "'0x' must be followed by hexadecimal digits";
  if (/^0[xX]/.test(body)) return "hexadecimal digits are 0-9 and A-F";
  if (/^[0-9]+[bB]$/.test(body)) return "binary digits are 0 and 1";
  if (/^0[0-9]+$/.test(body)) return "a leading 0 makes an octal number, whose digits are 0-7";
  return undefined;
}

function classify(body: string, negative: boolean, end: number): NumberScan {
  const integer = readInteger(body, negative);
  if (integer !== undefined) return { end, kind: "integer", integer };
  if (real.test(body)) return { end, kind: "real", real: Number(body) * (negative ? -1 : 1) };
  return { end, kind: body.includes(".") ? "real" : "integer", ...bad(body) };
}

function bad(body: string): {
  error: string;
  integer?: IntegerPayload;
  real?: number;
} {
  const mistake = integerMistake(body);
  if (mistake !== undefined) return { error: mistake, integer: { value: 0n, radix: 10 } };
  if (/^[0-9]*\.$/.test(body) || /^[0-9]*\.[eE]/.test(body)) {
    return { error: "a real number needs digits after the '.'", real: 0 };
  }
  if (/^[0-9]+[eE][+-]?[0-9]+$/.test(body)) {
    return { error: "a real number needs a '.' (write 1.0e5)", real: 0 };
  }
  if (body.includes(".")) return { error: "not a real number", real: 0 };
  return {
    error: "not a decimal, hexadecimal, octal or binary integer",
    integer: { value: 0n, radix: 10 },
  };
}
