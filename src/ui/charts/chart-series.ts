/**
 * Sweep rows as chart lines: one per series and measure, in plan order, with the series'
 * colour and marker and the measure's dash. Colour is never the only cue: every series has
 * its own marker shape and a label at its line's end, every measure its own dash.
 */
import { FIX_GROUPS } from '../../sim/analysis/attribution.ts';
import type { AxisValue } from '../../sim/analysis/sweep-axis.ts';
import type { SweepRow } from '../../sim/analysis/sweep.ts';
import { MEASURE_LABELS, type Measures } from '../../sim/analysis/measures.ts';
import type { Phase } from '../../sim/trace/phases.ts';
import { FIX_PHASE } from '../compare/waterfall.ts';
import { planOrder } from './sweep-csv.ts';

export type MeasureKey = keyof Measures;
export type Marker = 'circle' | 'square' | 'triangle' | 'diamond' | 'down' | 'cross';
const MARKERS: readonly Marker[] = ['circle', 'square', 'triangle', 'diamond', 'down', 'cross'];

/** Okabe–Ito hues through the phase tokens, after ink: the same inks as everywhere else. */
const PALETTE: readonly string[] = [
  'var(--text)', 'var(--ph-dma-map)', 'var(--ph-pci-reset)', 'var(--ph-kvm-memslots)',
  'var(--ph-system-reset)', 'var(--ph-bar-map)', 'var(--ph-boot-menu)', 'var(--ph-grub)',
];

export const MEASURE_DASH: Readonly<Record<MeasureKey, string>> = {
  vmCreationMs: '',
  vmInitializationMs: '6 3',
  biosExecutionMs: '2 3',
};

export const MEASURE_SHORT: Readonly<Record<MeasureKey, string>> = {
  vmCreationMs: 'creation',
  vmInitializationMs: 'initialization',
  biosExecutionMs: 'BIOS',
};

/** The fix a ladder step adds ("+ Pin in bulk"), for its phase colour as in the waterfall. */
export function ladderPhase(series: string): Phase | undefined {
  const g = FIX_GROUPS.find((x) => series === `+ ${x.label}`);
  return g ? FIX_PHASE[g.id] : undefined;
}

export interface SeriesStyle {
  readonly color: string;
  readonly marker: Marker;
  /** A configured-wait fix: its bar is hatched like its phases. */
  readonly hatched: boolean;
}

/** A series' look: baselines grey and ladder steps in the colour of the phase they shorten. */
export function seriesStyle(name: string, index: number, ladder: boolean): SeriesStyle {
  const marker = MARKERS[index % MARKERS.length] ?? 'circle';
  if (name === 'baseline' || (ladder && index === 0)) return { color: 'var(--text-3)', marker, hatched: false };
  if (ladder) {
    const p = ladderPhase(name);
    return { color: p ? `var(--ph-${p})` : 'var(--text)', marker, hatched: p === 'boot-menu' || p === 'grub' };
  }
  return { color: PALETTE[index % PALETTE.length] ?? 'var(--text)', marker, hatched: false };
}

export interface LinePoint {
  /** Where on the x axis: the value for a numeric axis, its index for a list of names. */
  readonly x: number;
  readonly xValue: AxisValue;
  readonly xIndex: number;
  readonly ms: number;
}

export interface Line {
  readonly id: string;
  readonly series: string;
  readonly seriesIndex: number;
  readonly measure: MeasureKey;
  readonly label: string;
  readonly style: SeriesStyle;
  readonly dash: string;
  readonly points: readonly LinePoint[];
}

/** Whether the axis is drawn to scale (numbers) or as evenly spaced names. */
export function numericAxis(xs: readonly AxisValue[]): boolean {
  return xs.length > 0 && xs.every((x) => typeof x === 'number');
}

export function buildLines(series: readonly string[], xs: readonly AxisValue[], rows: readonly SweepRow[], measures: readonly MeasureKey[], ladder: boolean): Line[] {
  const numeric = numericAxis(xs);
  const ordered = planOrder(rows);
  return series.flatMap((name, si) => {
    const mine = ordered.filter((r) => r.seriesIndex === si);
    return measures.map((m): Line => ({
      id: `${si}:${m}`,
      series: name,
      seriesIndex: si,
      measure: m,
      label: measures.length > 1 ? `${name} · ${MEASURE_SHORT[m]}` : name,
      style: seriesStyle(name, si, ladder),
      dash: MEASURE_DASH[m],
      points: mine.map((r) => ({ x: numeric && typeof r.x === 'number' ? r.x : r.xIndex, xValue: r.x, xIndex: r.xIndex, ms: r[m] })),
    }));
  });
}

export function measureLabel(m: MeasureKey): string {
  return MEASURE_LABELS[m].label;
}
