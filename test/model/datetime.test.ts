import { describe, expect, it } from "vitest";
import { datetimeProblem } from "../../src/model/datetime.js";

describe("datetime values", () => {
  it.each([
    "20240229123045.123456+060",
    "20231231235960.000000-300",
    "00000000000500.000000:000",
    "99999999235959.999999:000",
    "2024****123045.******+000",
    "**************.******+***",
    "20240101000000.123***+000",
  ])("%s is valid", (text) => {
    expect(datetimeProblem(text)).toBeUndefined();
  });

  it.each([
    ["2024022912304.123456+060", "a datetime has 25 characters, this has 24"],
    ["20240229123045-123456+060", "character 15 must be '.'"],
    ["20240229123045.123456*060", "character 22 must be '+' or '-' (timestamp) or ':' (interval)"],
    ["00000000000500.000000:001", "an interval ends in ':000'"],
    ["20240101000000.12*456+000", "the microseconds are digits, optionally followed by asterisks (123***)"],
    ["20*40101000000.000000+000", "the year field 20*4 must be all digits or all asterisks"],
    ["20241301000000.000000+000", "month 13 is out of range 1-12"],
    ["20230229000000.000000+000", "day 29 does not exist in month 2"],
    ["20240431000000.000000+000", "day 31 does not exist in month 4"],
    ["00000000240000.000000:000", "hours 24 is out of range 0-23"],
  ])("%s: %s", (text, why) => {
    expect(datetimeProblem(text)).toBe(why);
  });
});
