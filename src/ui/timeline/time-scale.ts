/**
 * Timeline maths, pure and tested: time to pixel and back, tick choice, zoom and pan with
 * limits. Times are integer microseconds; pixels are CSS pixels.
 */

export interface Viewport {
  readonly startUs: number;
  readonly endUs: number;
}

/** The narrowest window zoom allows: 20 µs still shows a BAR mmap. */
export const MIN_WINDOW_US = 20;

export function xOf(v: Viewport, widthPx: number, t: number): number {
  return ((t - v.startUs) / (v.endUs - v.startUs)) * widthPx;
}

export function tOf(v: Viewport, widthPx: number, x: number): number {
  return v.startUs + (x / Math.max(1, widthPx)) * (v.endUs - v.startUs);
}

export interface Tick {
  readonly t: number;
  readonly label: string;
}

const STEPS = [1, 2, 5];

function stepFor(spanUs: number, maxTicks: number): number {
  const raw = spanUs / Math.max(1, maxTicks);
  const pow = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
  for (const m of [...STEPS, 10]) if (m * pow >= raw) return m * pow;
  return 10 * pow;
}

/** "20 s", "1.5 s", "500 ms", "250 µs": the unit follows the tick step, not the value. */
export function tickLabel(t: number, stepUs: number): string {
  if (stepUs >= 1_000_000) return `${trim(t / 1e6)} s`;
  if (stepUs >= 100_000) return `${trim(t / 1e6, 1)} s`;
  if (stepUs >= 1_000) return `${trim(t / 1e3)} ms`;
  return `${trim(t)} µs`;
}

function trim(v: number, decimals = 2): string {
  return Number(v.toFixed(decimals)).toString();
}

export function ticks(v: Viewport, widthPx: number, minSpacingPx = 72): Tick[] {
  const maxTicks = Math.max(2, Math.floor(widthPx / minSpacingPx));
  const step = stepFor(v.endUs - v.startUs, maxTicks);
  const out: Tick[] = [];
  for (let t = Math.ceil(v.startUs / step) * step; t <= v.endUs + 1e-9; t += step) {
    out.push({ t, label: tickLabel(t, step) });
  }
  return out;
}

/** Zooms by `factor` (> 1 zooms in) keeping `anchorUs` where it is on screen. */
export function zoom(v: Viewport, factor: number, anchorUs: number, fullEndUs: number): Viewport {
  const span = v.endUs - v.startUs;
  const next = Math.min(fullEndUs, Math.max(MIN_WINDOW_US, span / factor));
  const ratio = span > 0 ? (anchorUs - v.startUs) / span : 0;
  return clamp({ startUs: anchorUs - ratio * next, endUs: anchorUs - ratio * next + next }, fullEndUs);
}

export function pan(v: Viewport, deltaUs: number, fullEndUs: number): Viewport {
  return clamp({ startUs: v.startUs + deltaUs, endUs: v.endUs + deltaUs }, fullEndUs);
}

/** Keeps the window inside [0, fullEnd] without changing its width when it fits. */
export function clamp(v: Viewport, fullEndUs: number): Viewport {
  const span = Math.min(fullEndUs, Math.max(MIN_WINDOW_US, v.endUs - v.startUs));
  let start = v.startUs;
  if (start < 0) start = 0;
  if (start + span > fullEndUs) start = fullEndUs - span;
  return { startUs: Math.max(0, start), endUs: Math.max(0, start) + span };
}

export function isFull(v: Viewport, fullEndUs: number): boolean {
  return v.startUs <= 0 && v.endUs >= fullEndUs;
}
