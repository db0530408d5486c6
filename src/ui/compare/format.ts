/**
 * Compare's figures, on top of ../format.ts: a change of time as a signed figure with the
 * true minus sign, with the precision the design gives each place.
 */
import { percent, signedSeconds } from '../format.ts';

/** A change of creation time (b − a, ms): one decimal from a second up, two below ("−0.70 s"). */
export function changeSeconds(deltaMs: number): string {
  return signedSeconds(deltaMs, Math.abs(deltaMs) < 1_000 ? 2 : 1);
}

/** Direction of a change as an arrow and a word for screen readers. */
export function direction(deltaMs: number, decimals: number): { arrow: string; word: string; tone: 'ok' | 'bad' | 'same' } {
  if (Number(Math.abs(deltaMs / 1_000).toFixed(decimals)) === 0) return { arrow: '±', word: 'unchanged', tone: 'same' };
  return deltaMs < 0 ? { arrow: '↓', word: 'faster by', tone: 'ok' } : { arrow: '↑', word: 'slower by', tone: 'bad' };
}

/** The headline percentage of a measure's change: one decimal, as in the mockup ("−97.8%"). */
export function changePercent(ratio: number): string {
  return percent(ratio, 1);
}
