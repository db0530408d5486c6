/**
 * Which pipeline phase a flame frame belongs to, for its colour: clear_page_erms under the
 * DMA map is DMA-map blue, the same page clearing under a PAM re-pin on the vCPU is too,
 * and a frame whose time is spread over several phases (qemu_init, vfio_realize) stays
 * neutral. Read from the Trace: each span's phase and the stacks of its work items.
 */
import type { FlameTimeKind } from '../../sim/analysis/flame.ts';
import type { Phase } from '../../sim/trace/phases.ts';
import type { Trace } from '../../sim/trace/types.ts';
import { traceStacks } from '../../sim/model/stack-frames.ts';
import { spanPhase } from '../timeline/span-style.ts';
import { pathId } from './flame-layout.ts';

/** A frame's phase, or 'mixed' when its time is in more than one phase or outside any. */
export type FramePhase = Phase | 'mixed';

const cache = new WeakMap<Trace, Map<FlameTimeKind, ReadonlyMap<string, FramePhase>>>();

/**
 * Phase per frame path (pathId of [`lane:<id>`, ...frames], as flameTree keys them, grouped
 * by lane). Work outside any phase (libvirt's "cont", the pre-zero worker) counts as its own
 * kind, so a frame with some of it is 'mixed'. Memoized per Trace and time kind.
 */
export function framePhases(trace: Trace, time: FlameTimeKind = 'all'): ReadonlyMap<string, FramePhase> {
  let byKind = cache.get(trace);
  if (!byKind) {
    byKind = new Map();
    cache.set(trace, byKind);
  }
  const hit = byKind.get(time);
  if (hit) return hit;
  // undefined while no time was seen; a phase while all of it was in that phase.
  const seen = new Map<string, Phase | 'none' | 'mixed'>();
  const note = (id: string, p: Phase | 'none') => {
    const before = seen.get(id);
    if (before === undefined) seen.set(id, p);
    else if (before !== p) seen.set(id, 'mixed');
  };
  const stacks = traceStacks(trace);
  for (const span of trace.spans) {
    if (span.work.length === 0) continue;
    const phase = spanPhase(span) ?? 'none';
    for (const w of span.work) {
      if (w.us <= 0 || (time === 'cpu' && !w.cpu) || (time === 'sleep' && w.cpu)) continue;
      const stack = stacks[w.stack] ?? [];
      const path = [`lane:${span.lane}`];
      note(pathId(path), phase);
      for (const frame of stack) {
        path.push(frame);
        note(pathId(path), phase);
      }
    }
  }
  const out = new Map<string, FramePhase>();
  for (const [id, p] of seen) out.set(id, p === 'none' ? 'mixed' : p);
  byKind.set(time, out);
  return out;
}
