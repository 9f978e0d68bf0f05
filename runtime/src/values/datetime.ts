import { quotedText } from "./message-text.js";
import { parseOtherDateTime, timestampAt } from "./xs-datetime.js";

/**
 * CIM datetime values (DSP0004 datetime type, WMI "Date and Time Format" and "Interval Format") as typed values.
 *
 * Text is always 25 characters:
 * - a timestamp `yyyymmddhhmmss.mmmmmmsutc`: year, month, day, hours, minutes, seconds, microseconds, then `+` or
 *   `-` and the offset from UTC in minutes (east positive);
 * - an interval `ddddddddhhmmss.mmmmmm:000`: days, hours, minutes, seconds, microseconds.
 *
 * Wildcards: any field may be all `*` (WMI uses this for "any", as in `********123000.000000+000`; DSP0004 for
 * fields below the value's precision). The microsecond field may also end in `*` digit by digit (`123***`: known to
 * the millisecond), which `microsecondDigits` records. A wildcard UTC offset is written `+***` (as WMI writes it);
 * `-000` is kept as the offset `-0` so that it prints back unchanged. With these rules `formatDateTime` is the exact
 * inverse of `parseDateTime` on every string it accepts.
 */

/** A field whose value is unknown or not significant, written as all `*`. */
export type Wildcard = "*";
export type DateTimeField = number | Wildcard;

/** Significant digits of a microsecond field that ends in `*` (`123***` has 3). */
export type MicrosecondDigits = 1 | 2 | 3 | 4 | 5;

export interface CimDateTime {
  readonly kind: "timestamp";
  /** 0-9999 (0 is 1 BC, as in JavaScript). */
  readonly year: DateTimeField;
  /** 1-12. */
  readonly month: DateTimeField;
  /** 1-31, and no more than the month has. */
  readonly day: DateTimeField;
  readonly hours: DateTimeField;
  readonly minutes: DateTimeField;
  /** 0-60 (60 for a leap second, which the compiler accepts too). */
  readonly seconds: DateTimeField;
  /** 0-999999; with `microsecondDigits`, the digits past them are zero. */
  readonly microseconds: DateTimeField;
  readonly microsecondDigits?: MicrosecondDigits;
  /** Minutes east of UTC, -999..999; `-0` for text written `-000`. */
  readonly utcOffset: DateTimeField;
}

export interface CimInterval {
  readonly kind: "interval";
  /** 0-99999999. */
  readonly days: DateTimeField;
  readonly hours: DateTimeField;
  readonly minutes: DateTimeField;
  readonly seconds: DateTimeField;
  readonly microseconds: DateTimeField;
  readonly microsecondDigits?: MicrosecondDigits;
}

export type CimDateTimeValue = CimDateTime | CimInterval;

export class CimDateTimeError extends Error {
  override readonly name = "CimDateTimeError";
}

/** Where a whole-number field sits in the text, and its range: [start, end, lowest, highest]. */
type Layout = readonly [start: number, end: number, lo: number, hi: number];
const timestampLayout = {
  year: [0, 4, 0, 9999],
  month: [4, 6, 1, 12],
  day: [6, 8, 1, 31],
  hours: [8, 10, 0, 23],
  minutes: [10, 12, 0, 59],
  seconds: [12, 14, 0, 60],
} as const satisfies Record<string, Layout>;
const intervalLayout = {
  days: [0, 8, 0, 99_999_999],
  hours: [8, 10, 0, 23],
  minutes: [10, 12, 0, 59],
  seconds: [12, 14, 0, 59],
} as const satisfies Record<string, Layout>;

/**
 * Parse a timestamp or an interval; throws `CimDateTimeError` saying what is wrong with malformed text. Besides the
 * 25-character CIM text, the spellings WS-Management peers send are read (see `xs-datetime.ts`): `xs:dateTime`
 * (`2024-01-31T12:00:00Z`), `xs:duration` (`P1DT2H`) and PowerShell's `/Date(ms)/`. `formatDateTime` always
 * writes the CIM text.
 */
export function parseDateTime(text: string): CimDateTimeValue {
  const fail = (why: string): never => {
    throw new CimDateTimeError(`invalid CIM datetime ${quotedText(text)}: ${why}`);
  };
  if (text.length !== 25 || text[14] !== ".") {
    const other = parseOtherDateTime(text);
    if (typeof other === "string") return fail(other);
    if (other !== undefined) {
      const problem = datetimeProblem(other);
      if (problem !== undefined) fail(problem);
      return other;
    }
  }
  if (text.length !== 25) fail(`a datetime has 25 characters, this has ${text.length}`);
  if (text[14] !== ".") fail("character 15 must be '.'");
  const read = (name: string, [start, end]: Layout): DateTimeField => {
    const part = text.slice(start, end);
    if (/^[0-9]+$/.test(part)) return Number(part);
    if (/^\*+$/.test(part)) return "*";
    return fail(`the ${name} (characters ${start + 1}-${end}) must be all digits or all '*', not '${part}'`);
  };
  const readMicroseconds = (): Pick<CimInterval, "microseconds" | "microsecondDigits"> => {
    const digits = /^([0-9]*)\**$/.exec(text.slice(15, 21))?.[1];
    if (digits === undefined)
      return fail("the microseconds (characters 16-21) must be digits, then '*' for digits not known");
    if (digits === "") return { microseconds: "*" };
    const microseconds = Number(digits.padEnd(6, "0"));
    return digits.length === 6
      ? { microseconds }
      : { microseconds, microsecondDigits: digits.length as MicrosecondDigits };
  };
  const sign = text[21];
  const utc = text.slice(22);
  let value: CimDateTimeValue;
  if (sign === ":") {
    const field = (name: keyof typeof intervalLayout) => read(name, intervalLayout[name]);
    const [days, hours, minutes, seconds] = [field("days"), field("hours"), field("minutes"), field("seconds")];
    value = { kind: "interval", days, hours, minutes, seconds, ...readMicroseconds() };
    if (utc !== "000") fail(`an interval ends in ':000', not ':${utc}'`);
  } else if (sign === "+" || sign === "-") {
    const field = (name: keyof typeof timestampLayout) => read(name, timestampLayout[name]);
    const [year, month, day] = [field("year"), field("month"), field("day")];
    const [hours, minutes, seconds] = [field("hours"), field("minutes"), field("seconds")];
    const micro = readMicroseconds();
    let utcOffset: DateTimeField = "*";
    if (/^[0-9]{3}$/.test(utc)) utcOffset = sign === "-" ? -Number(utc) : Number(utc);
    else if (utc !== "***") fail(`the UTC offset '${utc}' must be 3 digits`);
    else if (sign === "-") fail("a wildcard UTC offset is written '+***'");
    value = { kind: "timestamp", year, month, day, hours, minutes, seconds, ...micro, utcOffset };
  } else {
    return fail("character 22 must be '+' or '-' (timestamp) or ':' (interval)");
  }
  const problem = datetimeProblem(value);
  if (problem !== undefined) fail(problem);
  return value;
}

/** `parseDateTime` for an element known to hold a timestamp. */
export function parseTimestamp(text: string): CimDateTime {
  const value = parseDateTime(text);
  if (value.kind !== "timestamp") throw new CimDateTimeError(`${quotedText(text)} is an interval, not a timestamp`);
  return value;
}

/** `parseDateTime` for an element known to hold an interval (`SubType("interval")`). */
export function parseInterval(text: string): CimInterval {
  const value = parseDateTime(text);
  if (value.kind !== "interval") throw new CimDateTimeError(`${quotedText(text)} is a timestamp, not an interval`);
  return value;
}

/** The 25-character text of a value; throws `CimDateTimeError` when a field is out of range or not an integer. */
export function formatDateTime(value: CimDateTimeValue): string {
  const problem = datetimeProblem(value);
  if (problem !== undefined) throw new CimDateTimeError(`cannot format CIM datetime: ${problem}`);
  let text = "";
  for (const [name, [start, end]] of layoutOf(value)) text += pad(fieldOf(value, name) as DateTimeField, end - start);
  const digits = value.microseconds === "*" ? 0 : (value.microsecondDigits ?? 6);
  text += `.${pad(value.microseconds, 6).slice(0, digits).padEnd(6, "*")}`;
  if (value.kind === "interval") return `${text}:000`;
  const offset = value.utcOffset;
  if (offset === "*") return `${text}+***`;
  const negative = offset < 0 || Object.is(offset, -0);
  return `${text}${negative ? "-" : "+"}${pad(Math.abs(offset), 3)}`;
}

function pad(field: DateTimeField, width: number): string {
  return field === "*" ? "*".repeat(width) : String(field).padStart(width, "0");
}

function layoutOf(value: CimDateTimeValue): [string, Layout][] {
  return Object.entries(value.kind === "interval" ? intervalLayout : timestampLayout);
}

function fieldOf(value: CimDateTimeValue, name: string): unknown {
  return (value as unknown as Readonly<Record<string, unknown>>)[name];
}

/** Why a value cannot be written as CIM datetime text, or undefined. Shared by parse (ranges) and format. */
function shownKind(kind: unknown): string {
  return typeof kind === "string" ? quotedText(kind) : typeof kind;
}

function datetimeProblem(value: CimDateTimeValue): string | undefined {
  if (value.kind !== "interval" && value.kind !== "timestamp")
    return `kind must be "timestamp" or "interval", not ${shownKind((value as { kind: unknown }).kind)}`;
  const checks: [string, number, number][] = layoutOf(value).map(([name, [, , lo, hi]]) => [name, lo, hi]);
  checks.push(["microseconds", 0, 999_999]);
  if (value.kind === "timestamp") checks.push(["utcOffset", -999, 999]);
  for (const [name, lo, hi] of checks) {
    const f = fieldOf(value, name);
    if (f === "*") continue;
    if (typeof f !== "number" || !Number.isInteger(f) || f < lo || f > hi)
      return `${name} ${typeof f === "string" ? quotedText(f) : String(f)} is not an integer in ${lo}-${hi} or '*'`;
  }
  const digits = value.microsecondDigits;
  if (digits !== undefined) {
    if (!Number.isInteger(digits) || digits < 1 || digits > 5) return `microsecondDigits ${digits} is not 1-5`;
    if (value.microseconds === "*") return "microsecondDigits needs microseconds that are not '*'";
    if (value.microseconds % 10 ** (6 - digits) !== 0)
      return `microseconds ${value.microseconds} has digits past its ${digits} significant ones`;
  }
  if (value.kind === "timestamp" && value.month !== "*" && value.day !== "*") {
    const last = daysInMonth(value.year === "*" ? 2000 : value.year, value.month);
    if (value.day > last) return `day ${value.day} is past the end of month ${value.month} (${last} days)`;
  }
  return undefined;
}

/** Days in a month of the proleptic Gregorian calendar (year 0 is a leap year, as in JavaScript). */
function daysInMonth(year: number, month: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month, 0);
  return d.getUTCDate();
}

/**
 * The instant a timestamp names. Every field but the microseconds must be known (a wildcard is "any", which no
 * instant is); `*` microsecond digits count as zero (they mark lower precision). A Date holds milliseconds, so the
 * microseconds below them are dropped; a leap second 60 becomes second 0 of the next minute.
 */
export function toDate(timestamp: CimDateTime): Date {
  const problem = datetimeProblem(timestamp);
  if (problem !== undefined) throw new CimDateTimeError(`cannot convert CIM datetime: ${problem}`);
  const { year, month, day, hours, minutes, seconds, utcOffset } = timestamp;
  if (year === "*" || month === "*" || day === "*" || hours === "*" || minutes === "*" || seconds === "*")
    throw new CimDateTimeError(`${formatDateTime(timestamp)} has wildcard fields and names no single instant`);
  if (utcOffset === "*") throw new CimDateTimeError(`${formatDateTime(timestamp)} has no known UTC offset`);
  const micro = timestamp.microseconds === "*" ? 0 : timestamp.microseconds;
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hours, minutes, seconds, Math.floor(micro / 1000));
  return new Date(d.getTime() - utcOffset * 60_000);
}

/** The timestamp of a Date as seen at `offsetMinutes` east of UTC (microseconds are the Date's milliseconds). */
export function fromDate(date: Date, offsetMinutes = 0): CimDateTime {
  if (Number.isNaN(date.getTime())) throw new CimDateTimeError("cannot convert an invalid Date");
  if (!Number.isInteger(offsetMinutes) || Math.abs(offsetMinutes) > 999)
    throw new CimDateTimeError(`UTC offset ${offsetMinutes} is not an integer in -999..999 minutes`);
  const timestamp = timestampAt(date, offsetMinutes);
  const { year } = timestamp;
  if (year < 0 || year > 9999) throw new CimDateTimeError(`year ${year} is outside 0-9999`);
  return timestamp;
}
