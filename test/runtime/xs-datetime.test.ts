import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CimDateTime,
  type CimDateTimeValue,
  type CimInterval,
  formatDateTime,
  parseDateTime,
  toDate,
} from "../../runtime/src/values/datetime.js";
import { formatXsDateTime, formatXsDuration } from "../../runtime/src/values/xs-datetime.js";

const ts = (f: Partial<CimDateTime>): CimDateTime => ({
  kind: "timestamp",
  year: 2024,
  month: 1,
  day: 31,
  hours: 12,
  minutes: 0,
  seconds: 0,
  microseconds: 0,
  utcOffset: 0,
  ...f,
});
const iv = (f: Partial<CimInterval>): CimInterval => ({
  kind: "interval",
  days: 0,
  hours: 0,
  minutes: 0,
  seconds: 0,
  microseconds: 0,
  ...f,
});

describe("parseDateTime reads the WS-Management spellings", () => {
  it.each<[string, CimDateTimeValue]>([
    ["2024-01-31T12:00:00Z", ts({})],
    [
      "2013-04-15T16:28:41.546875Z",
      ts({ year: 2013, month: 4, day: 15, hours: 16, minutes: 28, seconds: 41, microseconds: 546875 }),
    ],
    [
      "2013-04-15T16:28:44.7884Z",
      ts({ year: 2013, month: 4, day: 15, hours: 16, minutes: 28, seconds: 44, microseconds: 788400 }),
    ],
    // .NET writes seven fraction digits; CIM stops at microseconds.
    ["2024-01-31T12:00:00.1234567+01:30", ts({ microseconds: 123456, utcOffset: 90 })],
    ["2024-01-31T12:00:00-08:00", ts({ utcOffset: -480 })],
    // No zone: local time at an unknown offset.
    ["2024-01-31T12:00:00", ts({ utcOffset: "*" })],
    ["P1DT2H3M4.5S", iv({ days: 1, hours: 2, minutes: 3, seconds: 4, microseconds: 500000 })],
    ["PT90M", iv({ hours: 1, minutes: 30 })],
    ["P3D", iv({ days: 3 })],
    ["/Date(1706702400000)/", ts({})],
    ["/Date(1706702400123+0100)/", ts({ hours: 13, microseconds: 123000, utcOffset: 60 })],
  ])("%s", (text, expected) => {
    expect(parseDateTime(text)).toEqual(expected);
  });

  it.each([
    ["2024-02-30T12:00:00Z", "day 30 is past the end of month 2"],
    ["2024-01-31T25:00:00Z", "hours 25 is not an integer in 0-23"],
    ["P1Y2D", "no fixed length"],
    ["-PT5S", "no fixed length"],
    ["2024-01-31", "a datetime has 25 characters, this has 10"],
    ["", "a datetime has 25 characters, this has 0"],
  ])("refuses %s", (text, message) => {
    expect(() => parseDateTime(text)).toThrow(message);
  });

  it("agrees with Date on the instant of an xs:dateTime", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z"), noInvalidDate: true }),
        (d) => {
          const iso = d.toISOString();
          expect(toDate(parseDateTime(iso) as CimDateTime).getTime()).toBe(d.getTime());
          expect(toDate(parseDateTime(`/Date(${d.getTime()})/`) as CimDateTime).getTime()).toBe(d.getTime());
        },
      ),
    );
  });
});

describe("formatXsDateTime / formatXsDuration", () => {
  it("write what parseDateTime reads back", () => {
    const values: CimDateTimeValue[] = [
      ts({}),
      ts({ microseconds: 546875, utcOffset: -480 }),
      ts({ utcOffset: "*" }),
      iv({ days: 12, hours: 3, seconds: 7, microseconds: 10 }),
      iv({}),
    ];
    for (const v of values) {
      const text = v.kind === "timestamp" ? formatXsDateTime(v) : formatXsDuration(v);
      expect(text).toBeDefined();
      expect(parseDateTime(text as string)).toEqual(v);
    }
    expect(formatXsDateTime(ts({ utcOffset: -480 }))).toBe("2024-01-31T12:00:00-08:00");
    expect(formatXsDuration(iv({ days: 1, microseconds: 500000 }))).toBe("P1DT0H0M0.5S");
  });

  it("leave wildcards and year 0 to the CIM text", () => {
    expect(formatXsDateTime(ts({ hours: "*" }))).toBeUndefined();
    expect(formatXsDateTime(ts({ year: 0 }))).toBeUndefined();
    expect(formatXsDateTime(ts({ microseconds: 123000, microsecondDigits: 3 }))).toBeUndefined();
    expect(formatXsDuration(iv({ days: "*" }))).toBeUndefined();
    expect(formatDateTime(parseDateTime("2024-01-31T12:00:00Z"))).toBe("20240131120000.000000+000");
  });
});
