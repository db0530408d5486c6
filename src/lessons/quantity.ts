/**
 * A number read from a run, which goals check and predictions ask about: one of the talk's
 * three measures, a phase's wall time, a phase's time on the critical path, a counter, a
 * counter's share of a sum of counters, or a numeric scenario field.
 */
import { criticalTimeByPhaseUs } from '../sim/analysis/critical-path.ts';
import { MEASURE_LABELS, MEASURE_NAMES, measures, type Measures } from '../sim/analysis/measures.ts';
import { phaseTotalsUs } from '../sim/analysis/phases.ts';
import { fieldUnit } from '../sim/scenario/schema-walk.ts';
import { PHASES, type Phase } from '../sim/trace/phases.ts';
import { COUNTER_NAMES, type Counters, type Trace } from '../sim/trace/types.ts';
import { numberAtPath, splitPath } from './scenario-paths.ts';

export type MeasureName = keyof Measures;
export type CounterName = keyof Counters;

export type Quantity =
  | { readonly kind: 'measure'; readonly measure: MeasureName }
  | { readonly kind: 'phase'; readonly phase: Phase }
  | { readonly kind: 'critical'; readonly phase: Phase }
  | { readonly kind: 'counter'; readonly counter: CounterName }
  | { readonly kind: 'share'; readonly counter: CounterName; readonly of: readonly CounterName[] }
  | { readonly kind: 'field'; readonly path: string };

/** How a quantity's numbers are read and printed. */
export type QuantityUnit = 'ms' | 'count' | 'percent' | 'field';

export function quantityUnit(q: Quantity): QuantityUnit {
  switch (q.kind) {
    case 'measure':
    case 'phase':
    case 'critical':
      return 'ms';
    case 'counter':
      return 'count';
    case 'share':
      return 'percent';
    case 'field':
      return 'field';
  }
}

export const MEASURES: readonly MeasureName[] = MEASURE_NAMES;
export const PHASE_NAMES: readonly Phase[] = PHASES;
export const COUNTERS: readonly CounterName[] = COUNTER_NAMES;

/** The words for one and many of each counter, for "2 resets too many". */
export const COUNTER_NOUNS: Readonly<Record<CounterName, readonly [string, string]>> = {
  pagesZeroed: ['page zeroed inline', 'pages zeroed inline'],
  zeroingsSkipped: ['skipped zeroing', 'skipped zeroings'],
  pagesPrezeroed: ['pre-zeroed page', 'pre-zeroed pages'],
  pageTableReads: ['page-table read', 'page-table reads'],
  pageWalks: ['page walk', 'page walks'],
  gupCalls: ['get_user_pages call', 'get_user_pages calls'],
  pageFaults: ['page fault', 'page faults'],
  pagesPinned: ['pinned page', 'pinned pages'],
  pagesRepinned: ['re-pinned page', 're-pinned pages'],
  dmaMapIoctls: ['map ioctl', 'map ioctls'],
  dmaUnmapIoctls: ['unmap ioctl', 'unmap ioctls'],
  dmaMapsSkipped: ['skipped map', 'skipped maps'],
  pciResets: ['reset', 'resets'],
  pciResetsSkipped: ['skipped reset', 'skipped resets'],
  memslotsCreated: ['memslot', 'memslots'],
};

/** A short name for the quantity: "VM creation time", "dma-map on the critical path". */
export function quantityLabel(q: Quantity): string {
  switch (q.kind) {
    case 'measure':
      return MEASURE_LABELS[q.measure].label;
    case 'phase':
      return `${q.phase} time`;
    case 'critical':
      return `${q.phase} on the critical path`;
    case 'counter':
      return q.counter;
    case 'share':
      return `${q.counter} share`;
    case 'field':
      return q.path;
  }
}

/** The unit a scenario field is written in ("GiB"), or "" for plain numbers. */
export function fieldUnitText(path: string): string {
  return fieldUnit(splitPath(path)) ?? '';
}

/**
 * Reads quantities from one run, computing the phase and critical-path tables at most once.
 * Times in ms, shares in percent (0-100).
 */
export class RunReader {
  private phaseUs?: Record<Phase, number>;
  private criticalUs?: Record<Phase | 'other', number>;
  private measureMs?: Measures;

  constructor(readonly trace: Trace) {}

  value(q: Quantity): number {
    switch (q.kind) {
      case 'measure':
        this.measureMs ??= measures(this.trace);
        return this.measureMs[q.measure];
      case 'phase':
        this.phaseUs ??= phaseTotalsUs(this.trace);
        return this.phaseUs[q.phase] / 1_000;
      case 'critical':
        this.criticalUs ??= criticalTimeByPhaseUs(this.trace);
        return this.criticalUs[q.phase] / 1_000;
      case 'counter':
        return this.trace.counters[q.counter];
      case 'share': {
        const total = q.of.reduce((sum, c) => sum + this.trace.counters[c], 0);
        return total === 0 ? 0 : (100 * this.trace.counters[q.counter]) / total;
      }
      case 'field':
        return numberAtPath(this.trace.scenario, q.path);
    }
  }
}
