/**
 * Numbers as instruments (design-language.md): a space before units, the true minus sign,
 * one decimal for headline measures, two in tables and readouts, thousands separators.
 */
const MINUS = '−';

export function seconds(ms: number, decimals = 1): string {
  return `${(ms / 1_000).toFixed(decimals)} s`;
}

export function secondsNumber(ms: number, decimals = 1): string {
  return (ms / 1_000).toFixed(decimals);
}

export function signedSeconds(ms: number, decimals = 1): string {
  const v = Math.abs(ms / 1_000).toFixed(decimals);
  if (Number(v) === 0) return `±${v} s`;
  return `${ms < 0 ? MINUS : '+'}${v} s`;
}

export function percent(ratio: number, decimals = 0): string {
  const v = Math.abs(ratio * 100).toFixed(decimals);
  if (Number(v) === 0) return `±${v}%`;
  return `${ratio < 0 ? MINUS : '+'}${v}%`;
}

export function integer(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** A duration in the unit that keeps it readable: 2.40 s, 36.0 ms, 45 µs. */
export function duration(us: number): string {
  if (us >= 1_000_000) return `${(us / 1e6).toFixed(2)} s`;
  if (us >= 1_000) return `${(us / 1e3).toFixed(1)} ms`;
  return `${Math.round(us)} µs`;
}

export function hex(n: number): string {
  return `0x${n.toString(16).toUpperCase()}`;
}

/** A share of a whole, unsigned: "47%". */
export function share(ratio: number, decimals = 0): string {
  return `${(ratio * 100).toFixed(decimals)}%`;
}
