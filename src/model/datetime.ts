/**
 * CIM datetime values (DSP0004 5.2.4): a timestamp `yyyymmddhhmmss.mmmmmmsutc` (s = '+' or '-', utc = offset in
 * minutes) or an interval `ddddddddhhmmss.mmmmmm:000`. A field may be all asterisks (a wildcard); in the
 * microseconds the rightmost digits may be asterisks (`123***`). Returns why the text is not a datetime, or
 * undefined when it is one. The generated code's runtime (`runtime/src/values/datetime.ts`) reads the same forms.
 */
type Field = readonly [from: number, to: number, lo: number, hi: number, what: string];

const timestampFields: readonly Field[] = [
  [0, 4, 0, 9999, "year"],
  [4, 6, 1, 12, "month"],
  [6, 8, 1, 31, "day"],
  [8, 10, 0, 23, "hours"],
  [10, 12, 0, 59, "minutes"],
  [12, 14, 0, 60, "seconds"],
  [22, 25, 0, 999, "UTC offset"],
];

const intervalFields: readonly Field[] = [
  [0, 8, 0, 99999999, "days"],
  [8, 10, 0, 23, "hours"],
  [10, 12, 0, 59, "minutes"],
  [12, 14, 0, 59, "seconds"],
];

export function datetimeProblem(text: string): string | undefined {
  if (text.length !== 25) return `a datetime has 25 characters, this has ${text.length}`;
  if (text[14] !== ".") return "character 15 must be '.'";
  const sign = text[21] as string;
  const isInterval = sign === ":";
  if (!isInterval && sign !== "+" && sign !== "-")
    return "character 22 must be '+' or '-' (timestamp) or ':' (interval)";
  if (isInterval && text.slice(22) !== "000") return "an interval ends in ':000'";
  const micro = text.slice(15, 21);
  if (!/^\d*\**$/.test(micro)) return "the microseconds are digits, optionally followed by asterisks (123***)";
  const values = new Map<string, number>();
  for (const [from, to, lo, hi, what] of isInterval ? intervalFields : timestampFields) {
    const part = text.slice(from, to);
    if (/^\*+$/.test(part)) continue;
    if (!/^\d+$/.test(part)) return `the ${what} field ${part} must be all digits or all asterisks`;
    const n = Number(part);
    if (n < lo || n > hi) return `${what} ${part} is out of range ${lo}-${hi}`;
    values.set(what, n);
  }
  const day = values.get("day");
  const month = values.get("month");
  if (day !== undefined && month !== undefined && day > daysIn(month, values.get("year"))) {
    return `day ${day} does not exist in month ${month}`;
  }
  return undefined;
}

function daysIn(month: number, year: number | undefined): number {
  if (month === 2) {
    if (year === undefined) return 29;
    return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
