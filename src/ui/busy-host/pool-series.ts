/**
 * The free pool over time as points a chart can join with straight lines. The simulation
 * samples the pool at events (a VM arrives or leaves, the worker catches up or resumes);
 * between two samples the worker clears dirty pages at a constant rate while it is active,
 * so each sample is preceded by the state just before it, extrapolated from the previous
 * one: a VM's arrival is then a vertical drop, not a slope from the last event.
 */
import type { PoolSample } from '../../sim/analysis/busy-host.ts';

export interface PoolPoint {
  readonly tUs: number;
  readonly freeBytes: number;
  readonly zeroedBytes: number;
  readonly dirtyBytes: number;
}

/** `bytesPerUs`: the worker's clearing rate while active (the summary's capacityGBps × 1000). */
export function poolPoints(samples: readonly PoolSample[], bytesPerUs: number): PoolPoint[] {
  const out: PoolPoint[] = [];
  const push = (p: PoolPoint) => {
    const last = out[out.length - 1];
    if (last && last.tUs === p.tUs && last.freeBytes === p.freeBytes && last.dirtyBytes === p.dirtyBytes) return;
    out.push(p);
  };
  samples.forEach((s, i) => {
    const prev = samples[i - 1];
    if (prev && s.tUs > prev.tUs) {
      const cleared = prev.workerActive ? bytesPerUs * (s.tUs - prev.tUs) : 0;
      const dirty = Math.max(0, prev.dirtyBytes - cleared);
      push({ tUs: s.tUs, freeBytes: prev.freeBytes, dirtyBytes: dirty, zeroedBytes: prev.freeBytes - dirty });
    }
    push({ tUs: s.tUs, freeBytes: s.freeBytes, dirtyBytes: s.dirtyBytes, zeroedBytes: s.zeroedBytes });
  });
  return out;
}

export interface Interval {
  readonly fromUs: number;
  readonly toUs: number;
}

/** When the worker was clearing pool pages (it sleeps when nothing is dirty, and races VMs' pin fronts). */
export function workerIntervals(samples: readonly PoolSample[]): Interval[] {
  const out: Interval[] = [];
  samples.forEach((s, i) => {
    const next = samples[i + 1];
    if (!s.workerActive || !next || next.tUs <= s.tUs) return;
    const last = out[out.length - 1];
    if (last && last.toUs === s.tUs) out[out.length - 1] = { fromUs: last.fromUs, toUs: next.tUs };
    else out.push({ fromUs: s.tUs, toUs: next.tUs });
  });
  return out;
}

/** A time axis unit that keeps tick labels short for a run of `horizonUs`. */
export function timeUnit(horizonUs: number): { readonly unit: 's' | 'min' | 'h'; readonly us: number } {
  const s = horizonUs / 1e6;
  if (s < 600) return { unit: 's', us: 1e6 };
  if (s < 600 * 60) return { unit: 'min', us: 60e6 };
  return { unit: 'h', us: 3600e6 };
}
