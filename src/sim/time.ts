/**
 * Simulated time. Every timestamp and duration in src/sim is an integer count of
 * microseconds on the simulated clock; nothing here reads a real clock.
 *
 * Conversions that can lose precision say so in their names (`toMicrosRounded`).
 */

/** Integer microseconds on the simulated clock. */
export type Micros = number;

export const US_PER_MS = 1_000;
export const US_PER_S = 1_000_000;

/** Rounds a duration in (possibly fractional) nanoseconds to whole microseconds. */
export function nsToMicrosRounded(ns: number): Micros {
  return Math.round(ns / 1_000);
}

/** Rounds a duration in (possibly fractional) milliseconds to whole microseconds. */
export function msToMicrosRounded(ms: number): Micros {
  return Math.round(ms * US_PER_MS);
}

/** Rounds a duration in seconds to whole microseconds. */
export function sToMicrosRounded(s: number): Micros {
  return Math.round(s * US_PER_S);
}

/** Exact: microseconds to milliseconds as a float. */
export function microsToMs(us: Micros): number {
  return us / US_PER_MS;
}

/** Exact: microseconds to seconds as a float. */
export function microsToS(us: Micros): number {
  return us / US_PER_S;
}

export function assertMicros(value: number, what: string): Micros {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new Error(`${what} must be a non-negative integer count of microseconds, got ${value}`);
  }
  return value;
}
