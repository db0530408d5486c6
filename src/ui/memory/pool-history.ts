/**
 * The guest's pages by state over the run, for the free-pool chart: the Trace's page sweeps
 * replayed into extents at sample times (a sweep in progress counts the pages it reached).
 */
import { PageExtents } from '../../sim/engine/page-extents.ts';
import type { PageState } from '../../sim/machines/page.machine.ts';
import type { MemoryTrace } from '../../sim/trace/types.ts';

export interface PoolSample {
  readonly t: number;
  readonly counts: Readonly<Partial<Record<PageState, number>>>;
}

/** Pages of a sweep reached by time t: from the start for forward sweeps, from the end for backward ones. */
function reached(start: number, end: number, t0: number, t1: number, t: number): { from: number; to: number } {
  const n = end - start;
  if (t < Math.min(t0, t1)) return { from: start, to: start };
  if (t1 === t0) return t >= t0 ? { from: start, to: end } : { from: start, to: start };
  const f = Math.min(1, Math.max(0, (t - t0) / (t1 - t0)));
  const k = Math.floor(f * n);
  return t1 > t0 ? { from: start, to: start + k } : { from: end - Math.floor(((t - t1) / (t0 - t1)) * n), to: end };
}

/** The guest's pages by state at time t. */
export function poolAt(memory: MemoryTrace, t: number): PoolSample {
  const ext = new PageExtents(memory.totalPages, memory.initialA, memory.initialB, memory.prezeroed);
  for (const op of memory.ops) {
    const r = reached(op.start, op.end, op.t0, op.t1, t);
    if (r.to > r.from) ext.apply(r.from, r.to, op.event);
  }
  return { t, counts: ext.stateCounts(0, memory.totalPages) };
}

export function poolHistory(memory: MemoryTrace, endUs: number, samples = 96): PoolSample[] {
  const out: PoolSample[] = [];
  for (let i = 0; i <= samples; i++) out.push(poolAt(memory, (endUs * i) / samples));
  return out;
}
