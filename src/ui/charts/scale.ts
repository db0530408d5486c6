/**
 * Chart arithmetic: linear scales, round ticks (1, 2 or 5 times a power of ten) and tick
 * labels with a unit after a space, as design-language.md asks of every number. Pure and
 * tested, so the chart components only draw.
 */

export interface Linear {
  readonly d0: number;
  readonly d1: number;
  readonly r0: number;
  readonly r1: number;
}

export function linear(d0: number, d1: number, r0: number, r1: number): Linear {
  return { d0, d1, r0, r1 };
}

/** Domain value to pixels; a zero-width domain maps to the middle of the range. */
export function at(s: Linear, v: number): number {
  if (s.d1 === s.d0) return (s.r0 + s.r1) / 2;
  return s.r0 + ((v - s.d0) / (s.d1 - s.d0)) * (s.r1 - s.r0);
}

/** Pixels back to a domain value. */
export function invert(s: Linear, px: number): number {
  if (s.r1 === s.r0) return s.d0;
  return s.d0 + ((px - s.r0) / (s.r1 - s.r0)) * (s.d1 - s.d0);
}

/** The round step that puts about `count` ticks over [min, max]. */
export function tickStep(min: number, max: number, count: number): number {
  const span = Math.abs(max - min);
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const f = raw / power;
  const nice = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
  return nice * power;
}

/** Removes float noise: 0.30000000000000004 -> 0.3. */
function clean(v: number): number {
  return Number(v.toPrecision(12));
}

/** Ticks at multiples of a round step inside [min, max]. */
export function ticks(min: number, max: number, count = 5): number[] {
  if (min === max) return [clean(min)];
  const step = tickStep(min, max, count);
  const first = Math.ceil(min / step - 1e-9);
  const last = Math.floor(max / step + 1e-9);
  const out: number[] = [];
  for (let i = first; i <= last; i++) out.push(clean(i * step));
  return out;
}

/** [min, max] widened to round steps, so the axis starts and ends on a tick. */
export function niceDomain(min: number, max: number, count = 5): [number, number] {
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
    return [min - pad, max + pad];
  }
  const step = tickStep(min, max, count);
  return [clean(Math.floor(min / step + 1e-9) * step), clean(Math.ceil(max / step - 1e-9) * step)];
}

/** Decimals that show a step exactly (0.25 -> 2, 5 -> 0). */
export function decimalsFor(step: number): number {
  if (!(step > 0)) return 0;
  for (let d = 0; d < 6; d++) if (Math.abs(Math.round(step * 10 ** d) - step * 10 ** d) < 1e-6) return d;
  return 6;
}

const MINUS = '−';

/** A tick label: fixed decimals from the step, thousands separators, true minus, unit after a space. */
export function tickLabel(v: number, step: number, unit?: string): string {
  const d = decimalsFor(step);
  const text = Math.abs(v).toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
  const sign = v < 0 && Number(text.replace(/,/g, '')) !== 0 ? MINUS : '';
  return `${sign}${text}${unit ? ` ${unit}` : ''}`;
}

/** Index of the value in a sorted list nearest to v. */
export function nearestIndex(sorted: readonly number[], v: number): number {
  let best = 0;
  let bestD = Infinity;
  sorted.forEach((x, i) => {
    const d = Math.abs(x - v);
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  });
  return best;
}
