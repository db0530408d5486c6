/**
 * Which pages the memory view draws at a moment, and in which state: a window of 4 KiB
 * cells around the pin front (or the first pages of RAM when nothing is being pinned),
 * each cell's state rebuilt from the Trace's page sweeps with the page machine's table.
 */
import type { PageState } from '../../sim/machines/page.machine.ts';
import { opTimeForPage, pageHistory } from '../../sim/analysis/pages.ts';
import { isMember } from '../../sim/model/patterns.ts';
import type { MemoryTrace, PageOp } from '../../sim/trace/types.ts';

/** design-language.md: a detail window of 1,536 cells of 4 KiB (6 MiB). */
export const WINDOW_CELLS = 1536;

export interface Front {
  /** Backing page the pin front is on, or undefined when no pin sweep is running. */
  readonly page: number | undefined;
  /** Where in that page's time slot the playhead is, 0..1 (for the walk's lit step). */
  readonly fraction: number;
  readonly op: PageOp | undefined;
}

/** The pin front at time t: the page a running `page.pin` sweep has reached. */
export function pinFront(memory: MemoryTrace, t: number): Front {
  for (const op of memory.ops) {
    if (op.event !== 'page.pin' || op.t1 <= op.t0 || t < op.t0 || t >= op.t1) continue;
    const n = op.end - op.start;
    const pos = ((t - op.t0) / (op.t1 - op.t0)) * n;
    const page = Math.min(op.end - 1, op.start + Math.floor(pos));
    return { page, fraction: pos - Math.floor(pos), op };
  }
  return { page: undefined, fraction: 0, op: undefined };
}

export interface WindowCells {
  /** First backing page drawn. */
  readonly firstPage: number;
  /** Backing pages drawn (a huge page counts once). */
  readonly pages: number;
  readonly subpages: number;
  readonly states: readonly PageState[];
  /** Page i starts a new physically contiguous run (a gap bulk pinning cannot cross). */
  readonly runStart: readonly boolean[];
  /** Page i was zeroed inline by its allocation within its current pin slot (yellow at the front). */
  readonly zeroingNow: readonly boolean[];
}

export function windowStart(memory: MemoryTrace, front: Front): number {
  const sub = memory.pageBytes / 4096;
  const pages = Math.max(1, Math.floor(WINDOW_CELLS / sub));
  if (front.page === undefined) return 0;
  // The front two thirds of the way in: pinned pages behind it, free pages ahead.
  const start = front.page - Math.floor((pages * 2) / 3);
  return Math.max(0, Math.min(memory.totalPages - pages, start));
}

export function windowCells(memory: MemoryTrace, firstPage: number, t: number, front: Front): WindowCells {
  const sub = memory.pageBytes / 4096;
  const pages = Math.max(1, Math.min(memory.totalPages - firstPage, Math.floor(WINDOW_CELLS / sub)));
  const end = firstPage + pages;
  // Only sweeps that touch the window matter; usually a handful.
  const ops = memory.ops.filter((op) => op.start < end && op.end > firstPage);
  const local: MemoryTrace = { ...memory, ops };
  const states: PageState[] = [];
  const runStart: boolean[] = [];
  const zeroingNow: boolean[] = [];
  for (let p = firstPage; p < end; p++) {
    const h = pageHistory(local, p);
    let state = h.initial;
    let zeroing = false;
    for (const s of h.steps) {
      if (s.t > t) break;
      state = s.state;
      zeroing = s.actions.includes('zeroInline') && p === front.page;
    }
    states.push(state);
    zeroingNow.push(zeroing);
    runStart.push(p === 0 || isMember(memory.runBreaks, p - 1));
  }
  return { firstPage, pages, subpages: sub, states, runStart, zeroingNow };
}

/** Mean physically contiguous run, in backing pages, for the run-break pattern. */
export function meanRunPages(memory: MemoryTrace): number {
  return memory.runBreaks.share > 0 ? 1 / memory.runBreaks.share : memory.maxRunPages;
}

export { opTimeForPage };
