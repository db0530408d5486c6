/** Two runs side by side: per-measure, per-phase and per-counter differences. */
import { byPhase, type Phase } from '../trace/phases.ts';
import { byCounter, type Counters, type Trace } from '../trace/types.ts';
import { criticalTimeByPhaseUs } from './critical-path.ts';
import { measures, type Measures } from './measures.ts';
import { phaseTotalsUs } from './phases.ts';

export interface Delta {
  readonly a: number;
  readonly b: number;
  readonly delta: number;
  /** (b - a) / a, or 0 when a is 0. */
  readonly ratio: number;
}

export interface Comparison {
  readonly measures: Readonly<Record<keyof Measures, Delta>>;
  /** Wall time per phase, ms. */
  readonly phases: Readonly<Record<Phase, Delta>>;
  /** Time each phase adds to the critical path, ms; sums to the creation time. */
  readonly criticalPhases: Readonly<Record<Phase | 'other', Delta>>;
  readonly counters: Readonly<Record<keyof Counters, Delta>>;
}

export function delta(a: number, b: number): Delta {
  return { a, b, delta: b - a, ratio: a === 0 ? 0 : (b - a) / a };
}

export function compare(a: Trace, b: Trace): Comparison {
  const ma = measures(a);
  const mb = measures(b);
  const pa = phaseTotalsUs(a);
  const pb = phaseTotalsUs(b);
  const ca = criticalTimeByPhaseUs(a);
  const cb = criticalTimeByPhaseUs(b);
  return {
    measures: {
      vmCreationMs: delta(ma.vmCreationMs, mb.vmCreationMs),
      vmInitializationMs: delta(ma.vmInitializationMs, mb.vmInitializationMs),
      biosExecutionMs: delta(ma.biosExecutionMs, mb.biosExecutionMs),
    },
    phases: byPhase((p) => delta(pa[p] / 1_000, pb[p] / 1_000)),
    criticalPhases: { ...byPhase((p) => delta(ca[p] / 1_000, cb[p] / 1_000)), other: delta(ca.other / 1_000, cb.other / 1_000) },
    counters: byCounter((k) => delta(a.counters[k], b.counters[k])),
  };
}
