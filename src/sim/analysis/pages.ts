/**
 * Rebuilds the history of any single page from the Trace's page sweeps and initial
 * states, with the same page-machine table the engine used, so a view of a few thousand
 * pages agrees exactly with the engine's totals.
 */
import type { PageAction, PageEvent, PageState } from '../machines/page.machine.ts';
import { pageTransition } from '../engine/page-transitions.ts';
import { isMember } from '../model/patterns.ts';
import type { Micros } from '../time.ts';
import type { MemoryTrace, PageOp } from '../trace/types.ts';

export interface PageStep {
  readonly t: Micros;
  readonly event: PageEvent['type'];
  readonly state: PageState;
  readonly actions: readonly PageAction[];
}

export function opTimeForPage(op: PageOp, page: number): Micros {
  const n = op.end - op.start;
  if (n <= 1) return op.t0;
  return Math.round(op.t0 + ((page - op.start) * (op.t1 - op.t0)) / (n - 1));
}

export function initialPageState(memory: MemoryTrace, page: number): PageState {
  return isMember(memory.prezeroed, page) ? memory.initialB : memory.initialA;
}

/** Every transition of one page, in time order (ties keep the order the engine recorded). */
export function pageHistory(memory: MemoryTrace, page: number): { initial: PageState; steps: PageStep[] } {
  const initial = initialPageState(memory, page);
  const hits: { t: Micros; i: number; op: PageOp }[] = [];
  memory.ops.forEach((op, i) => {
    if (page >= op.start && page < op.end) hits.push({ t: opTimeForPage(op, page), i, op });
  });
  hits.sort((a, b) => a.t - b.t || a.i - b.i);
  const steps: PageStep[] = [];
  let state = initial;
  for (const h of hits) {
    const tr = pageTransition(state, h.op.event);
    if (!tr) continue;
    state = tr.next;
    steps.push({ t: h.t, event: h.op.event, state, actions: tr.actions });
  }
  return { initial, steps };
}

export function pageStateAt(memory: MemoryTrace, page: number, t: Micros): PageState {
  const { initial, steps } = pageHistory(memory, page);
  let state = initial;
  for (const s of steps) {
    if (s.t > t) break;
    state = s.state;
  }
  return state;
}
