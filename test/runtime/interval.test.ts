import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CimDateTimeError, formatDateTime, parseInterval } from "../../runtime/src/values/datetime.js";
import {
  intervalFromMicroseconds,
  intervalFromMilliseconds,
  intervalToMicroseconds,
  intervalToMilliseconds,
} from "../../runtime/src/values/interval.js";

const longest = 100_000_000n * 86_400_000_000n - 1n;

describe("interval to and from microseconds", () => {
  it.each<[string, bigint]>([
    ["00000000000000.000000:000", 0n],
    ["00000000000000.000001:000", 1n],
    ["00000000000500.000000:000", 300_000_000n],
    ["00000001120032.000000:000", 129_632_000_000n],
    ["00000000000001.5*****:000", 1_500_000n],
    ["99999999235959.999999:000", longest],
  ])("%s = %s µs", (text, micros) => {
    expect(intervalToMicroseconds(parseInterval(text))).toBe(micros);
    expect(formatDateTime(intervalFromMicroseconds(micros))).toBe(text.replace("5*****", "500000"));
  });

  it("is exact for every length the text can hold", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: longest }),
        (us) => intervalToMicroseconds(intervalFromMicroseconds(us)) === us,
      ),
    );
  });

  it.each<[bigint | number, string]>([
    [-1n, "-1 microseconds is outside the interval range 0..8639999999999999999"],
    [longest + 1n, "8640000000000000000 microseconds is outside the interval range 0..8639999999999999999"],
    [2 ** 60, "1152921504606847000 microseconds is not a safe integer; pass a bigint"],
    [0.5, "0.5 microseconds is not a safe integer; pass a bigint"],
  ])("rejects %s", (us, message) => {
    expect(() => intervalFromMicroseconds(us)).toThrow(new CimDateTimeError(message));
  });

  it("refuses wildcard fields other than microsecond digits", () => {
    expect(() => intervalToMicroseconds(parseInterval("000000000000**.******:000"))).toThrow(
      "000000000000**.******:000 has wildcard fields and names no single duration",
    );
  });
});

describe("interval to and from milliseconds", () => {
  it.each<[string, number]>([
    ["00000000000000.000000:000", 0],
    ["00000000000000.001000:000", 1],
    ["00000000000000.000250:000", 0.25],
    ["00000000000500.000000:000", 300_000],
    ["00000001120032.000000:000", 129_632_000],
    ["00000000000001.234567:000", 1234.567],
  ])("%s = %s ms", (text, ms) => {
    expect(intervalToMilliseconds(parseInterval(text))).toBe(ms);
    expect(formatDateTime(intervalFromMilliseconds(ms))).toBe(text);
  });

  it("keeps whole milliseconds exact at the longest interval", () => {
    expect(intervalToMilliseconds(parseInterval("99999999235959.999000:000"))).toBe(8_639_999_999_999_999);
  });

  it("rounds to the nearest microsecond, carrying into the next millisecond", () => {
    expect(formatDateTime(intervalFromMilliseconds(0.0004))).toBe("00000000000000.000000:000");
    expect(formatDateTime(intervalFromMilliseconds(0.0006))).toBe("00000000000000.000001:000");
    expect(formatDateTime(intervalFromMilliseconds(1.9999996))).toBe("00000000000000.002000:000");
  });

  it("round-trips whole milliseconds", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8_639_999_999_999_999 }), (ms) => {
        return intervalToMilliseconds(intervalFromMilliseconds(ms)) === ms;
      }),
    );
  });

  it.each([Number.NaN, -1, Number.POSITIVE_INFINITY])("rejects %s", (ms) => {
    expect(() => intervalFromMilliseconds(ms)).toThrow(`${ms} milliseconds is not a finite, non-negative duration`);
  });
});
