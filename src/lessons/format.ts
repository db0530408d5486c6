/**
 * Numbers as a learner reads them on goal cards: "73.1 s", "982 ms", "10,220,672",
 * "60.0%". A distance to a goal is rounded away from passing ("up" when failing), so a
 * failing goal never says "0.0 s to go".
 */
import { COUNTER_NOUNS, type CounterName } from './quantity.ts';

export type Rounding = 'nearest' | 'up' | 'down';

function round(x: number, decimals: number, mode: Rounding): number {
  const f = 10 ** decimals;
  const scaled = x * f;
  // The epsilon keeps 18.1 from becoming 18.2 when binary floats store it as 18.1000000001
  // (run times are whole microseconds, so nothing real is lost).
  const eps = 1e-9 * Math.max(1, Math.abs(scaled));
  const r = mode === 'up' ? Math.ceil(scaled - eps) : mode === 'down' ? Math.floor(scaled + eps) : Math.round(scaled);
  return r / f;
}

/** A duration in ms: one decimal in seconds from 1 s up, whole ms below, µs under a millisecond. */
export function formatMs(ms: number, mode: Rounding = 'nearest'): string {
  const abs = Math.abs(ms);
  const sign = ms < 0 ? '−' : '';
  if (abs >= 1_000 || (mode === 'up' && abs > 999)) return `${sign}${round(abs / 1_000, 1, mode).toFixed(1)} s`;
  if (abs >= 1) {
    const v = round(abs, abs < 10 ? 1 : 0, mode);
    if (v >= 1_000) return `${sign}${(v / 1_000).toFixed(1)} s`;
    return `${sign}${abs < 10 ? v.toFixed(1) : v.toFixed(0)} ms`;
  }
  const us = round(abs * 1_000, 0, mode);
  return us >= 1_000 ? `${sign}1.0 ms` : `${sign}${us.toFixed(0)} µs`;
}

export function formatCount(n: number, mode: Rounding = 'nearest'): string {
  return round(n, 0, mode).toLocaleString('en-US');
}

export function formatPercent(p: number, mode: Rounding = 'nearest'): string {
  return `${round(p, 1, mode).toFixed(1)}%`;
}

/** A scenario field's value with its unit: "96 GiB", "4". */
export function formatField(v: number, unit: string, mode: Rounding = 'nearest'): string {
  const decimals = Number.isInteger(v) ? 0 : 2;
  const text = round(v, decimals, mode).toLocaleString('en-US', { maximumFractionDigits: decimals });
  return unit ? `${text} ${unit}` : text;
}

export function counterNoun(counter: CounterName, n: number): string {
  const [one, many] = COUNTER_NOUNS[counter];
  return Math.round(n) === 1 ? one : many;
}
