import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CimDateTime,
  CimDateTimeError,
  type CimDateTimeValue,
  formatDateTime,
  fromDate,
  parseDateTime,
  parseInterval,
  parseTimestamp,
  toDate,
} from "../../runtime/src/values/datetime.js";

const timestamp = (fields: Partial<CimDateTime>): CimDateTime => ({
  kind: "timestamp",
  year: 2024,
  month: 2,
  day: 29,
  hours: 13,
  minutes: 5,
  seconds: 9,
  microseconds: 123456,
  utcOffset: -480,
  ...fields,
});

describe("parseDateTime", () => {
  it.each<[string, CimDateTimeValue]>([
    ["20240229130509.123456-480", timestamp({})],
    ["20240229130509.123456+060", timestamp({ utcOffset: 60 })],
    [
      "00010101000000.000000+000",
      timestamp({ year: 1, month: 1, day: 1, hours: 0, minutes: 0, seconds: 0, microseconds: 0, utcOffset: 0 }),
    ],
    ["20240229130509.123***-480", timestamp({ microseconds: 123000, microsecondDigits: 3 })],
    ["20240229130509.******-480", timestamp({ microseconds: "*" })],
    [
      "********123000.000000+***",
      timestamp({
        year: "*",
        month: "*",
        day: "*",
        hours: 12,
        minutes: 30,
        seconds: 0,
        microseconds: 0,
        utcOffset: "*",
      }),
    ],
    ["00000001120032.000000:000", { kind: "interval", days: 1, hours: 12, minutes: 0, seconds: 32, microseconds: 0 }],
    [
      "99999999235959.999999:000",
      { kind: "interval", days: 99_999_999, hours: 23, minutes: 59, seconds: 59, microseconds: 999_999 },
    ],
    ["000000000000**.******:000", { kind: "interval", days: 0, hours: 0, minutes: 0, seconds: "*", microseconds: "*" }],
  ])("%s", (text, value) => {
    expect(parseDateTime(text)).toEqual(value);
  });

  it("keeps -000 as the offset -0", () => {
    expect(Object.is((parseDateTime("20240229130509.123456-000") as CimDateTime).utcOffset, -0)).toBe(true);
  });

  it.each([
    ["2024022913050.123456-480", "a datetime has 25 characters, this has 24"],
    ["20240229130509,123456-480", "character 15 must be '.'"],
    ["20240229130509.123456*480", "character 22 must be '+' or '-' (timestamp) or ':' (interval)"],
    ["20*40229130509.123456-480", "the year (characters 1-4) must be all digits or all '*', not '20*4'"],
    ["20241329130509.123456-480", "month 13 is not an integer in 1-12 or '*'"],
    ["20240230130509.123456-480", "day 30 is past the end of month 2 (29 days)"],
    ["20230229130509.123456-480", "day 29 is past the end of month 2 (28 days)"],
    ["20240229240509.123456-480", "hours 24 is not an integer in 0-23 or '*'"],
    ["20240229130509.12*456-480", "the microseconds (characters 16-21) must be digits, then '*' for digits not known"],
    ["20240229130509.123456-48*", "the UTC offset '48*' must be 3 digits"],
    ["20240229130509.123456-***", "a wildcard UTC offset is written '+***'"],
    ["00000001120032.000000:001", "an interval ends in ':000', not ':001'"],
    ["00000001120060.000000:000", "seconds 60 is not an integer in 0-59 or '*'"],
    ["0000000112003x.000000:000", "the seconds (characters 13-14) must be all digits or all '*', not '3x'"],
  ])("rejects %s: %s", (text, why) => {
    expect(() => parseDateTime(text)).toThrow(new CimDateTimeError(`invalid CIM datetime "${text}": ${why}`));
  });

  it("checks the kind in parseTimestamp and parseInterval", () => {
    expect(parseInterval("00000000000500.000000:000").kind).toBe("interval");
    expect(parseTimestamp("20240229130509.123456-480").kind).toBe("timestamp");
    expect(() => parseTimestamp("00000000000500.000000:000")).toThrow(/is an interval, not a timestamp/);
    expect(() => parseInterval("20240229130509.123456-480")).toThrow(/is a timestamp, not an interval/);
  });
});

describe("formatDateTime", () => {
  it.each<[CimDateTimeValue, string]>([
    [timestamp({}), "20240229130509.123456-480"],
    [timestamp({ year: 0, utcOffset: 0 }), "00000229130509.123456+000"],
    [timestamp({ utcOffset: -0 }), "20240229130509.123456-000"],
    [timestamp({ microseconds: 120000, microsecondDigits: 2 }), "20240229130509.12****-480"],
    [timestamp({ day: "*", utcOffset: "*" }), "202402**130509.123456+***"],
    [{ kind: "interval", days: 0, hours: 0, minutes: 5, seconds: 0, microseconds: 0 }, "00000000000500.000000:000"],
  ])("%j -> %s", (value, text) => {
    expect(formatDateTime(value)).toBe(text);
  });

  it.each<[CimDateTimeValue, string]>([
    [timestamp({ month: 0 }), "month 0 is not an integer in 1-12 or '*'"],
    [timestamp({ seconds: 1.5 }), "seconds 1.5 is not an integer in 0-60 or '*'"],
    [timestamp({ utcOffset: 1000 }), "utcOffset 1000 is not an integer in -999-999 or '*'"],
    [
      timestamp({ microseconds: 123456, microsecondDigits: 3 }),
      "microseconds 123456 has digits past its 3 significant ones",
    ],
    [timestamp({ microseconds: "*", microsecondDigits: 3 }), "microsecondDigits needs microseconds that are not '*'"],
    [timestamp({ day: 31, month: 4 }), "day 31 is past the end of month 4 (30 days)"],
    [
      { kind: "interval", days: 100_000_000, hours: 0, minutes: 0, seconds: 0, microseconds: 0 },
      "days 100000000 is not an integer in 0-99999999 or '*'",
    ],
  ])("rejects %j: %s", (value, why) => {
    expect(() => formatDateTime(value)).toThrow(new CimDateTimeError(`cannot format CIM datetime: ${why}`));
  });
});

/** Valid datetime text: each field all digits or all `*`, microseconds digits then `*`, canonical offsets. */
const field = (width: number, lo: number, hi: number) =>
  fc.oneof(
    { weight: 5, arbitrary: fc.integer({ min: lo, max: hi }).map((n) => String(n).padStart(width, "0")) },
    { weight: 1, arbitrary: fc.constant("*".repeat(width)) },
  );
const micro = fc
  .tuple(fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 6 }))
  .map(([n, digits]) => String(n).padStart(6, "0").slice(0, digits).padEnd(6, "*"));
const offset = fc.oneof(
  fc.tuple(fc.constantFrom("+", "-"), fc.integer({ min: 0, max: 999 })).map(([s, n]) => s + String(n).padStart(3, "0")),
  fc.constant("+***"),
);
const timestampText = fc
  .tuple(
    field(4, 0, 9999),
    field(2, 1, 12),
    field(2, 1, 28),
    field(2, 0, 23),
    field(2, 0, 59),
    field(2, 0, 60),
    micro,
    offset,
  )
  .map(([y, mo, d, h, mi, s, us, utc]) => `${y}${mo}${d}${h}${mi}${s}.${us}${utc}`);
const intervalText = fc
  .tuple(field(8, 0, 99_999_999), field(2, 0, 23), field(2, 0, 59), field(2, 0, 59), micro)
  .map(([d, h, mi, s, us]) => `${d}${h}${mi}${s}.${us}:000`);

describe("round trip", () => {
  it("formatDateTime(parseDateTime(s)) === s for valid s", () => {
    fc.assert(
      fc.property(fc.oneof(timestampText, intervalText), (text) => formatDateTime(parseDateTime(text)) === text),
      { numRuns: 2000 },
    );
  });

  it("parses a valid string with one character changed to a value that formats back, or throws CimDateTimeError", () => {
    const text = fc
      .tuple(fc.oneof(timestampText, intervalText), fc.nat(24), fc.constantFrom(..."0123456789*.:+-x"))
      .map(([s, i, c]) => s.slice(0, i) + c + s.slice(i + 1));
    fc.assert(
      fc.property(text, (s) => {
        try {
          return formatDateTime(parseDateTime(s)) === s;
        } catch (e) {
          return e instanceof CimDateTimeError;
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe("toDate and fromDate", () => {
  it.each<[string, string]>([
    ["20240229130509.123456-480", "2024-02-29T21:05:09.123Z"],
    ["20240229130509.123456+060", "2024-02-29T12:05:09.123Z"],
    ["20240101000000.000000+000", "2024-01-01T00:00:00.000Z"],
    ["00500101000000.000000+000", "0050-01-01T00:00:00.000Z"],
    ["20240229130509.9*****+000", "2024-02-29T13:05:09.900Z"],
    ["20240229130509.******+000", "2024-02-29T13:05:09.000Z"],
  ])("%s -> %s", (text, iso) => {
    expect(toDate(parseTimestamp(text)).toISOString()).toBe(iso);
  });

  it.each([
    ["********123000.000000+000", "has wildcard fields"],
    ["20240229130509.123456+***", "has no known UTC offset"],
  ])("refuses %s", (text, why) => {
    expect(() => toDate(parseTimestamp(text))).toThrow(why);
  });

  it.each<[string, number, string]>([
    ["2024-02-29T21:05:09.123Z", -480, "20240229130509.123000-480"],
    ["2024-02-29T21:05:09.123Z", 0, "20240229210509.123000+000"],
    ["2024-12-31T23:30:00.000Z", 60, "20250101003000.000000+060"],
    ["0001-01-01T00:00:00.000Z", 0, "00010101000000.000000+000"],
  ])("fromDate(%s, %s) -> %s", (iso, offsetMinutes, text) => {
    expect(formatDateTime(fromDate(new Date(iso), offsetMinutes))).toBe(text);
  });

  it("rejects what a timestamp cannot hold", () => {
    expect(() => fromDate(new Date(Number.NaN))).toThrow("cannot convert an invalid Date");
    expect(() => fromDate(new Date("+010000-01-01T00:00:00Z"))).toThrow("year 10000 is outside 0-9999");
    expect(() => fromDate(new Date(0), 1000)).toThrow("UTC offset 1000 is not an integer in -999..999 minutes");
  });

  it("toDate(fromDate(d, offset)) is d for any date in range", () => {
    const dates = fc.date({
      min: new Date("0000-01-01T12:00:00Z"),
      max: new Date("9999-12-30T00:00:00Z"),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(
        dates,
        fc.integer({ min: -720, max: 840 }),
        (d, off) => toDate(fromDate(d, off)).getTime() === d.getTime(),
      ),
    );
  });
});
