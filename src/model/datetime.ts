/**
 * CIM datetime values (DSP0004 5.2.4): a timestamp `yyyymmddhhmmss.mmmmmmsutc` (s = '+' or '-', utc = offset in
 * minutes) or an interval `ddddddddhhmmss.mmmmmm:000`. Any digit may be `*` (a wildcard, as in
 * "000000000060**.******:000"). Returns why the text is not a datetime, or undefined when it is one.
 */
export function datetimeProblem(text: string): string | undefined {
  if (text.length !== 25) return `a datetime has 25 characters, this has ${text.length}`;
  if (text[14] !== ".") return "character 15 must be '.'";
  const sign = text[21] as string;
  const isInterval = sign === ":";
  if (!isInterval && sign !== "+" && sign !== "-")
    return "character 22 must be '+' or '-' (timestamp) or ':' (interval)";
  for (let i = 0; i < 25; i++) {
    if (i === 14 || i === 21) continue;
    const c = text[i] as string;
    if (!(c >= "0" && c <= "9") && c !== "*") return `character ${i + 1} must be a digit or '*'`;
  }
  if (isInterval) {
    if (text.slice(22) !== "000") return "an interval ends in ':000'";
    return rangeProblem(text, [
      [8, 10, 0, 23, "hours"],
      [10, 12, 0, 59, "minutes"],
      [12, 14, 0, 59, "seconds"],
    ]);
  }
  return rangeProblem(text, [
    [4, 6, 1, 12, "month"],
    [6, 8, 1, 31, "day"],
    [8, 10, 0, 23, "hours"],
    [10, 12, 0, 59, "minutes"],
    [12, 14, 0, 60, "seconds"],
  ]);
}

function rangeProblem(text: string, fields: readonly [number, number, number, number, string][]): string | undefined {
  for (const [from, to, lo, hi, what] of fields) {
    const part = text.slice(from, to);
    if (part.includes("*")) continue;
    const n = Number(part);
    if (n < lo || n > hi) return `${what} ${part} is out of range ${lo}-${hi}`;
  }
  return undefined;
}
