/**
 * A time axis that spends its width where things happen. Views of instants (ioctls,
 * resets) over a run dominated by one long phase (94 s of pinning) would squeeze every
 * event into a few pixels on a linear axis. Here the focus intervals share one linear rate
 * and each long stretch between them is capped at a fixed width and drawn as a break, so
 * the axis stays honest: linear inside every labelled run, marked where it is not.
 */
import { tickLabel } from '../timeline/time-scale.ts';
import { lastAtOrBefore } from './search.ts';

export interface Interval {
  readonly startUs: number;
  readonly endUs: number;
}

export interface TimePiece {
  readonly t0: number;
  readonly t1: number;
  readonly x0: number;
  readonly x1: number;
  /** A long stretch without focus, drawn narrower than the linear rate would: a break. */
  readonly compressed: boolean;
}

export interface FocusScale {
  readonly widthPx: number;
  readonly domain: Interval;
  readonly pieces: readonly TimePiece[];
  /** Pixels per microsecond inside every uncompressed piece. */
  readonly rate: number;
  /** Piece starts, for binary search. */
  readonly starts: readonly number[];
}

export interface FocusOptions {
  /** Time kept around each focus interval, so an instant has room on both sides. */
  readonly padUs: number;
  /** The widest a compressed stretch is drawn. */
  readonly gapPx: number;
}

function merged(domain: Interval, focus: readonly Interval[], padUs: number): Interval[] {
  const clipped = focus
    .map((f) => ({ startUs: Math.max(domain.startUs, f.startUs - padUs), endUs: Math.min(domain.endUs, f.endUs + padUs) }))
    .filter((f) => f.endUs >= f.startUs)
    .sort((a, b) => a.startUs - b.startUs);
  const out: Interval[] = [];
  for (const f of clipped) {
    const last = out[out.length - 1];
    if (last && f.startUs <= last.endUs) out[out.length - 1] = { startUs: last.startUs, endUs: Math.max(last.endUs, f.endUs) };
    else out.push(f);
  }
  return out;
}

/**
 * The rate r (px per µs) with widthPx = r·focusUs + Σ min(r·gap, gapPx): gaps longer than
 * gapPx at rate r are capped. Tries "the k longest gaps are capped" for k = 0, 1, ...
 */
export function solveRate(widthPx: number, focusUs: number, gaps: readonly number[], gapPx: number): { rate: number; capped: number } {
  const sorted = [...gaps].sort((a, b) => b - a);
  let uncapped = sorted.reduce((a, g) => a + g, 0);
  for (let k = 0; k <= sorted.length; k++) {
    const denom = focusUs + uncapped;
    const rate = denom > 0 ? (widthPx - k * gapPx) / denom : 0;
    const next = sorted[k];
    const prev = sorted[k - 1];
    const nextFits = next === undefined || rate * next <= gapPx;
    const prevCapped = prev === undefined || rate * prev >= gapPx;
    if (rate > 0 && nextFits && prevCapped) return { rate, capped: k };
    if (next !== undefined) uncapped -= next;
  }
  // Every stretch capped and nothing left to share the width: spread it evenly.
  return { rate: 0, capped: sorted.length };
}

export function focusScale(domain: Interval, focus: readonly Interval[], widthPx: number, opts: FocusOptions): FocusScale {
  const d = domain.endUs > domain.startUs ? domain : { startUs: domain.startUs, endUs: domain.startUs + 1 };
  const w = Math.max(1, widthPx);
  const spans = merged(d, focus, opts.padUs);
  const raw: { t0: number; t1: number; gap: boolean }[] = [];
  let cursor = d.startUs;
  for (const f of spans) {
    if (f.startUs > cursor) raw.push({ t0: cursor, t1: f.startUs, gap: true });
    raw.push({ t0: Math.max(cursor, f.startUs), t1: f.endUs, gap: false });
    cursor = f.endUs;
  }
  if (cursor < d.endUs) raw.push({ t0: cursor, t1: d.endUs, gap: spans.length > 0 });
  const pieces0 = raw.filter((p) => p.t1 > p.t0);
  const gaps = pieces0.filter((p) => p.gap).map((p) => p.t1 - p.t0);
  const focusUs = pieces0.filter((p) => !p.gap).reduce((a, p) => a + p.t1 - p.t0, 0);
  // Breaks never take more than 40% of the width together.
  const gapPx = Math.min(opts.gapPx, (w * 0.4) / Math.max(1, gaps.length));
  const { rate } = solveRate(w, focusUs, gaps, gapPx);
  const pieces: TimePiece[] = [];
  let x = 0;
  for (const p of pieces0) {
    const linear = (p.t1 - p.t0) * rate;
    const compressed = p.gap && linear > gapPx;
    const width = rate > 0 ? (compressed ? gapPx : linear) : w / pieces0.length;
    pieces.push({ t0: p.t0, t1: p.t1, x0: x, x1: x + width, compressed });
    x += width;
  }
  // Absorb floating-point drift so the last piece ends exactly at the width.
  const last = pieces[pieces.length - 1];
  if (last) pieces[pieces.length - 1] = { ...last, x1: w };
  return { widthPx: w, domain: d, pieces, rate, starts: pieces.map((p) => p.t0) };
}

export function xAt(s: FocusScale, t: number): number {
  const tt = Math.min(s.domain.endUs, Math.max(s.domain.startUs, t));
  const p = s.pieces[Math.max(0, lastAtOrBefore(s.starts, tt))];
  if (!p) return 0;
  return p.x0 + ((tt - p.t0) / (p.t1 - p.t0)) * (p.x1 - p.x0);
}

export function tAt(s: FocusScale, x: number): number {
  const p = s.pieces.find((q) => x < q.x1) ?? s.pieces[s.pieces.length - 1];
  if (!p) return s.domain.startUs;
  const f = Math.min(1, Math.max(0, (x - p.x0) / Math.max(1e-9, p.x1 - p.x0)));
  return p.t0 + f * (p.t1 - p.t0);
}

export interface FocusTick {
  readonly t: number;
  readonly x: number;
  readonly label: string;
}

function niceStep(minUs: number): number {
  const pow = 10 ** Math.floor(Math.log10(Math.max(minUs, 1)));
  for (const m of [1, 2, 5, 10]) if (m * pow >= minUs) return m * pow;
  return 10 * pow;
}

/** Round ticks inside each run of uncompressed pieces, at least minSpacingPx apart. */
export function focusTicks(s: FocusScale, minSpacingPx = 64): FocusTick[] {
  const out: FocusTick[] = [];
  if (s.rate <= 0) return out;
  const step = niceStep(minSpacingPx / s.rate);
  let run: { t0: number; t1: number } | undefined;
  const flush = () => {
    if (!run) return;
    for (let t = Math.ceil(run.t0 / step) * step; t <= run.t1; t += step) {
      const x = xAt(s, t);
      const prev = out[out.length - 1];
      if (!prev || x - prev.x >= minSpacingPx * 0.75) out.push({ t, x, label: tickLabel(t, step) });
    }
    run = undefined;
  };
  for (const p of s.pieces) {
    if (p.compressed) flush();
    else run = run ? { t0: run.t0, t1: p.t1 } : { t0: p.t0, t1: p.t1 };
  }
  flush();
  return out;
}

/** The compressed stretches, with how much time each hides. */
export function focusBreaks(s: FocusScale): { x0: number; x1: number; hiddenUs: number }[] {
  return s.pieces.filter((p) => p.compressed).map((p) => ({ x0: p.x0, x1: p.x1, hiddenUs: p.t1 - p.t0 }));
}

/** How much time a break hides, short enough to sit in it: "98 s", "4.0 s", "350 ms". */
export function breakLabel(us: number): string {
  if (us >= 10_000_000) return `${Math.round(us / 1e6)} s`;
  if (us >= 1_000_000) return `${(us / 1e6).toFixed(1)} s`;
  return `${Math.round(us / 1e3)} ms`;
}

/** Ticks whose centred labels would touch the cut mark drawn at a break's centre are dropped. */
export function ticksClearOfBreaks(ticks: readonly FocusTick[], breaks: readonly { x0: number; x1: number }[], markHalfPx = 8, charPx = 6.2, marginPx = 4): FocusTick[] {
  const boxes = breaks.map((b) => [(b.x0 + b.x1) / 2 - markHalfPx, (b.x0 + b.x1) / 2 + markHalfPx] as const);
  return ticks.filter((t) => {
    const half = (t.label.length * charPx) / 2;
    return boxes.every(([a, b]) => t.x + half + marginPx <= a || t.x - half - marginPx >= b);
  });
}
