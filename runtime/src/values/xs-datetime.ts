import type { CimDateTime, CimInterval } from "./datetime.js";

/**
 * The other spellings of a datetime that WS-Management peers send (DSP0230 §7.2.5): XML Schema `xs:dateTime`
 * (`2024-01-31T12:00:00Z`, `2013-04-15T16:28:41.546875+01:00`), `xs:duration` (`P1DT2H3M4.5S`, a CIM interval) and
 * the `/Date(1706702400000)/` of PowerShell's JSON. Type-only imports keep this module free of a cycle with
 * `datetime.ts`, which calls it for any text that is not the 25-character CIM form and checks the fields after.
 *
 * - A fraction past six digits (.NET writes seven) is cut to microseconds: CIM carries no finer unit.
 * - An `xs:dateTime` without a zone is local time at an unknown offset: `utcOffset` is the wildcard `*`.
 * - A duration with years or months has no fixed length, so only days, hours, minutes and seconds are read.
 */

const xsDateTime = /^(-?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})?$/;
const xsDuration = /^P(?!$)(?:(\d+)D)?(?:T(?!$)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:\.(\d+))?S)?)?$/;
const anyDuration = /^-?P(?:\d+Y)?(?:\d+M)?(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?$/;
const jsonDate = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/;

/** A timestamp or interval read from the XML Schema or JSON spelling, an error message, or undefined (not one). */
export function parseOtherDateTime(text: string): CimDateTime | CimInterval | string | undefined {
  const t = text.trim();
  let m = xsDateTime.exec(t);
  if (m !== null) return fromXsDateTime(m);
  m = xsDuration.exec(t);
  if (m !== null) return fromXsDuration(m);
  if (anyDuration.test(t))
    return "an xs:duration with years, months or a minus sign has no fixed length as a CIM interval";
  m = jsonDate.exec(t);
  if (m !== null) return fromJsonDate(m);
  return undefined;
}

function micro(fraction: string | undefined): number {
  return fraction === undefined ? 0 : Number(fraction.slice(0, 6).padEnd(6, "0"));
}

function fromXsDateTime(m: RegExpExecArray): CimDateTime | string {
  const [, year, month, day, hours, minutes, seconds, fraction, zone] = m;
  let utcOffset: number | "*" = "*";
  if (zone === "Z") utcOffset = 0;
  else if (zone !== undefined) {
    const minutesEast = Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6));
    utcOffset = zone.startsWith("-") ? -minutesEast : minutesEast;
  }
  // xs:dateTime allows 24:00:00 for the end of a day; CIM has no such hour.
  if (hours === "24") return "hour 24 has no CIM spelling; write 00 of the next day";
  return {
    kind: "timestamp",
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hours: Number(hours),
    minutes: Number(minutes),
    seconds: Number(seconds),
    microseconds: micro(fraction),
    utcOffset,
  };
}

function fromXsDuration(m: RegExpExecArray): CimInterval | string {
  const [, days = "0", hours = "0", minutes = "0", seconds = "0", fraction] = m;
  // xs:duration does not bound its fields (PT90M); carry the overflow as CIM's fixed fields need.
  const total = ((BigInt(days) * 24n + BigInt(hours)) * 60n + BigInt(minutes)) * 60n + BigInt(seconds);
  const wholeDays = total / 86_400n;
  if (wholeDays > 99_999_999n) return `${wholeDays} days is longer than a CIM interval can hold`;
  return {
    kind: "interval",
    days: Number(wholeDays),
    hours: Number((total / 3600n) % 24n),
    minutes: Number((total / 60n) % 60n),
    seconds: Number(total % 60n),
    microseconds: micro(fraction),
  };
}

function fromJsonDate(m: RegExpExecArray): CimDateTime | string {
  const ms = Number(m[1]);
  const date = new Date(ms);
  if (!Number.isSafeInteger(ms) || Number.isNaN(date.getTime())) return `${m[1]} ms is not a representable instant`;
  // The optional +hhmm says the zone the value was local to; the instant is the milliseconds since the epoch.
  const zone = m[2];
  const offset =
    zone === undefined
      ? 0
      : (zone.startsWith("-") ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5)));
  return timestampAt(date, offset);
}

/**
 * The fields of a Date's instant as seen at `offsetMinutes` east of UTC (microseconds are the Date's
 * milliseconds): here rather than in datetime.ts, whose `fromDate` checks the range and calls this, so that this
 * module's imports stay type-only.
 */
export function timestampAt(date: Date, offsetMinutes: number): CimDateTime & { readonly year: number } {
  const local = new Date(date.getTime() + offsetMinutes * 60_000);
  return {
    kind: "timestamp",
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hours: local.getUTCHours(),
    minutes: local.getUTCMinutes(),
    seconds: local.getUTCSeconds(),
    microseconds: local.getUTCMilliseconds() * 1000,
    utcOffset: offsetMinutes,
  };
}

function two(n: number): string {
  return String(n).padStart(2, "0");
}

function fractionText(microseconds: number): string {
  return microseconds === 0 ? "" : `.${String(microseconds).padStart(6, "0").replace(/0+$/, "")}`;
}

/**
 * The `xs:dateTime` text of a timestamp with every field known (DSP0230's `cim:Datetime`), or undefined when a
 * field is a wildcard or the year is 0 (XML Schema 1.0 has no year 0): such values travel as `cim:CIM_DateTime`.
 */
export function formatXsDateTime(value: CimDateTime): string | undefined {
  const { year, month, day, hours, minutes, seconds, microseconds, utcOffset } = value;
  if (year === "*" || month === "*" || day === "*" || hours === "*" || minutes === "*" || seconds === "*")
    return undefined;
  if (microseconds === "*" || value.microsecondDigits !== undefined || year === 0 || seconds === 60) return undefined;
  let zone = "";
  if (utcOffset !== "*") {
    const east = Math.abs(utcOffset);
    zone =
      utcOffset === 0 && !Object.is(utcOffset, -0)
        ? "Z"
        : `${utcOffset < 0 || Object.is(utcOffset, -0) ? "-" : "+"}${two(Math.floor(east / 60))}:${two(east % 60)}`;
    if (east > 14 * 60) return undefined; // xs:dateTime zones stop at ±14:00
  }
  const date = `${String(year).padStart(4, "0")}-${two(month)}-${two(day)}`;
  return `${date}T${two(hours)}:${two(minutes)}:${two(seconds)}${fractionText(microseconds)}${zone}`;
}

/** The `xs:duration` text of an interval with every field known (`cim:Interval`), or undefined. */
export function formatXsDuration(value: CimInterval): string | undefined {
  const { days, hours, minutes, seconds, microseconds } = value;
  if (days === "*" || hours === "*" || minutes === "*" || seconds === "*" || microseconds === "*") return undefined;
  if (value.microsecondDigits !== undefined) return undefined;
  return `P${days}DT${hours}H${minutes}M${seconds}${fractionText(microseconds)}S`;
}
