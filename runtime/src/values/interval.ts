import { CimDateTimeError, type CimInterval, formatDateTime } from "./datetime.js";

/**
 * CIM intervals as durations. Microseconds are the exact unit: the longest interval (99999999 days) is about
 * 8.6e18 microseconds, past 2^53, so exact arithmetic goes through bigint and milliseconds are a convenience.
 */

const microsPerSecond = 1_000_000n;
const microsPerDay = 86_400n * microsPerSecond;
/** 99999999 days, 23:59:59.999999: the longest interval the text can hold. */
const longestInterval = 100_000_000n * microsPerDay - 1n;

/** The exact length of an interval in microseconds; `*` microsecond digits count as zero, other wildcards throw. */
export function intervalToMicroseconds(interval: CimInterval): bigint {
  const text = formatDateTime(interval); // validates the fields
  const { days, hours, minutes, seconds } = interval;
  if (days === "*" || hours === "*" || minutes === "*" || seconds === "*")
    throw new CimDateTimeError(`${text} has wildcard fields and names no single duration`);
  const micro = interval.microseconds === "*" ? 0 : interval.microseconds;
  const wholeSeconds = BigInt(((days * 24 + hours) * 60 + minutes) * 60 + seconds);
  return wholeSeconds * microsPerSecond + BigInt(micro);
}

/**
 * The length of an interval in milliseconds. Whole milliseconds are exact for every interval (at most 8.64e15, under
 * 2^53); the microseconds below them are a fraction, rounded to the nearest double. Use `intervalToMicroseconds` for
 * exact arithmetic.
 */
export function intervalToMilliseconds(interval: CimInterval): number {
  const micros = intervalToMicroseconds(interval);
  return Number(micros / 1000n) + Number(micros % 1000n) / 1000;
}

/** The interval of a duration in microseconds (a non-negative integer no longer than 99999999 days). */
export function intervalFromMicroseconds(microseconds: bigint | number): CimInterval {
  if (typeof microseconds === "number" && !Number.isSafeInteger(microseconds))
    throw new CimDateTimeError(`${microseconds} microseconds is not a safe integer; pass a bigint`);
  const total = BigInt(microseconds);
  if (total < 0n || total > longestInterval)
    throw new CimDateTimeError(`${total} microseconds is outside the interval range 0..${longestInterval}`);
  const wholeSeconds = total / microsPerSecond;
  return {
    kind: "interval",
    days: Number(total / microsPerDay),
    hours: Number((wholeSeconds / 3600n) % 24n),
    minutes: Number((wholeSeconds / 60n) % 60n),
    seconds: Number(wholeSeconds % 60n),
    microseconds: Number(total % microsPerSecond),
  };
}

/** The interval of a duration in milliseconds, rounded to the nearest microsecond. */
export function intervalFromMilliseconds(milliseconds: number): CimInterval {
  if (!Number.isFinite(milliseconds) || milliseconds < 0)
    throw new CimDateTimeError(`${milliseconds} milliseconds is not a finite, non-negative duration`);
  // Split before scaling: the whole part is exact, and ms * 1000 would round for long intervals.
  const whole = Math.floor(milliseconds);
  const fraction = Math.round((milliseconds - whole) * 1000);
  return intervalFromMicroseconds(BigInt(whole) * 1000n + BigInt(fraction));
}
