/**
 * Guest memory as extents: runs of backing pages whose states are described by two page
 * states, one for pages outside the pre-zeroed pattern (a) and one for pages inside it (b).
 * Applying a page event to a range maps both through the page machine's table, so the cost
 * of a run is O(extents), never O(pages).
 */
import { type PageAction, type PageEvent, type PageState } from '../machines/page.machine.ts';
import { countIn, type Pattern } from '../model/patterns.ts';
import { pageTransition } from './page-transitions.ts';

export interface Extent {
  readonly start: number;
  readonly end: number;
  readonly a: PageState;
  readonly b: PageState;
}

export type ActionCounts = Record<PageAction, number>;

export function emptyActionCounts(): ActionCounts {
  return { fault: 0, zeroInline: 0, skipZeroing: 0, workerZero: 0, pin: 0, unpin: 0, clearPgZero: 0 };
}

export class PageExtents {
  private extents: Extent[];

  constructor(
    readonly totalPages: number,
    initialA: PageState,
    initialB: PageState,
    readonly pattern: Pattern,
  ) {
    this.extents = totalPages > 0 ? [{ start: 0, end: totalPages, a: initialA, b: initialB }] : [];
  }

  /** Applies `event` to pages [start, end); returns how many backing pages took each action. */
  apply(start: number, end: number, event: PageEvent['type']): ActionCounts {
    const counts = emptyActionCounts();
    const lo = Math.max(0, start);
    const hi = Math.min(this.totalPages, end);
    if (hi <= lo) return counts;
    // One pass: an extent straddling lo or hi is cut there, and only its inside changes.
    const next: Extent[] = [];
    for (const ext of this.extents) {
      if (ext.end <= lo || ext.start >= hi) {
        next.push(ext);
        continue;
      }
      const s = Math.max(ext.start, lo);
      const e = Math.min(ext.end, hi);
      if (ext.start < s) next.push({ start: ext.start, end: s, a: ext.a, b: ext.b });
      const same = ext.a === ext.b;
      const inB = same ? 0 : countIn(this.pattern, s, e);
      const inA = e - s - inB;
      const ta = pageTransition(ext.a, event);
      const tb = same ? ta : pageTransition(ext.b, event);
      if (ta) for (const act of ta.actions) counts[act] += same ? e - s : inA;
      if (!same && tb) for (const act of tb.actions) counts[act] += inB;
      next.push({ start: s, end: e, a: ta?.next ?? ext.a, b: tb?.next ?? ext.b });
      if (e < ext.end) next.push({ start: e, end: ext.end, a: ext.a, b: ext.b });
    }
    this.extents = merge(next);
    return counts;
  }

  /** Pages in each state over [start, end). */
  stateCounts(start: number, end: number): Partial<Record<PageState, number>> {
    const out: Partial<Record<PageState, number>> = {};
    for (const ext of this.extents) {
      const lo = Math.max(start, ext.start);
      const hi = Math.min(end, ext.end);
      if (hi <= lo) continue;
      const inB = ext.a === ext.b ? 0 : countIn(this.pattern, lo, hi);
      if (hi - lo - inB > 0) out[ext.a] = (out[ext.a] ?? 0) + (hi - lo - inB);
      if (inB > 0) out[ext.b] = (out[ext.b] ?? 0) + inB;
    }
    return out;
  }

  snapshot(): readonly Extent[] {
    return this.extents;
  }
}

function merge(extents: readonly Extent[]): Extent[] {
  const out: Extent[] = [];
  for (const ext of extents) {
    const last = out[out.length - 1];
    if (last && last.end === ext.start && last.a === ext.a && last.b === ext.b) {
      out[out.length - 1] = { ...last, end: ext.end };
    } else {
      out.push(ext);
    }
  }
  return out;
}
