/** Marker shapes as SVG path data, centred on (x, y) with about radius r: a second cue beside colour. */
import type { Marker } from './chart-series.ts';

export function markerPath(m: Marker, x: number, y: number, r: number): string {
  const f = (v: number) => v.toFixed(1);
  switch (m) {
    case 'circle':
      return `M${f(x - r)},${f(y)}a${r},${r} 0 1,0 ${f(2 * r)},0a${r},${r} 0 1,0 ${f(-2 * r)},0Z`;
    case 'square':
      return `M${f(x - r * 0.85)},${f(y - r * 0.85)}h${f(1.7 * r)}v${f(1.7 * r)}h${f(-1.7 * r)}Z`;
    case 'triangle':
      return `M${f(x)},${f(y - r * 1.1)}L${f(x + r)},${f(y + r * 0.8)}L${f(x - r)},${f(y + r * 0.8)}Z`;
    case 'down':
      return `M${f(x)},${f(y + r * 1.1)}L${f(x + r)},${f(y - r * 0.8)}L${f(x - r)},${f(y - r * 0.8)}Z`;
    case 'diamond':
      return `M${f(x)},${f(y - r * 1.2)}L${f(x + r)},${f(y)}L${f(x)},${f(y + r * 1.2)}L${f(x - r)},${f(y)}Z`;
    case 'cross':
      return `M${f(x - r)},${f(y - r)}L${f(x + r)},${f(y + r)}M${f(x + r)},${f(y - r)}L${f(x - r)},${f(y + r)}`;
  }
}

/** Label positions pushed apart so no two are closer than `gap`, in the order of their wish. */
export function spread(wishes: readonly number[], gap: number, min: number, max: number): number[] {
  const order = wishes.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y);
  const placed: number[] = [];
  for (const o of order) {
    const prev = placed[placed.length - 1];
    placed.push(Math.max(o.y, min, prev === undefined ? -Infinity : prev + gap));
  }
  // Pull back up from the bottom when the stack overflowed.
  for (let k = placed.length - 1; k >= 0; k--) {
    const next = placed[k + 1];
    const cap = next === undefined ? max : next - gap;
    placed[k] = Math.min(placed[k] ?? 0, cap);
  }
  const out = new Array<number>(wishes.length);
  order.forEach((o, k) => (out[o.i] = placed[k] ?? o.y));
  return out;
}
