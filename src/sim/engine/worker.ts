/**
 * The pre-zero worker's side of a run: when the first allocating front starts, work out
 * where the worker meets it (model/prezero.ts), mark those pages zeroed, draw the worker's
 * background span, and tell the worker machine when it has caught up.
 */
import { CAUSES } from '../model/causes.ts';
import { WORKER_STACK } from '../model/stacks.ts';
import { workerBytesPerNs, workerDutyCycle } from '../model/prezero.ts';
import { cpuWork } from '../model/work.ts';
import { subpagesPerPage } from '../model/pages.ts';
import type { Micros } from '../time.ts';
import type { HostState } from './host-state.ts';

export const WORKER_LANE = 'prezero-worker';

export class WorkerClock {
  private running = false;
  private startedUs: Micros = 0;
  private finishedUs: Micros | undefined;
  private notify: (() => void) | undefined;

  constructor(private readonly h: HostState) {}

  /** The worker machine entered `zeroing`; `caughtUp` sends it the event when it is done. */
  start(caughtUp: () => void): void {
    this.running = true;
    this.startedUs = this.h.now();
    this.notify = caughtUp;
  }

  race(frontStartUs: Micros, frontNs: number): void {
    if (!this.running) return;
    const { meetUs, pagesCleared } = this.h.mem.raceWorker(frontStartUs, frontNs);
    this.finish(Math.max(meetUs, frontStartUs), pagesCleared);
  }

  /** At the end of the run: a worker still going (no front ever met it) is cut at `endUs`. */
  close(endUs: Micros): void {
    if (!this.running || this.finishedUs !== undefined) return;
    const h = this.h;
    const rate = workerBytesPerNs(h.s.host, h.mem.pageBytes);
    const dirty = h.mem.extents.stateCounts(0, h.mem.totalPages).dirtyFree ?? 0;
    const cleared = Math.min(dirty, Math.floor(((endUs - this.startedUs) * 1_000 * rate) / h.mem.pageBytes));
    const from = h.mem.totalPages - cleared;
    h.mem.extents.apply(from, h.mem.totalPages, 'page.zero.start');
    const done = h.mem.extents.apply(from, h.mem.totalPages, 'page.zero.done');
    h.mem.record('page.zero.start', from, h.mem.totalPages, endUs, this.startedUs);
    h.mem.record('page.zero.done', from, h.mem.totalPages, endUs, this.startedUs);
    this.record(endUs, done.workerZero, 'zeroing free pages (still running)');
  }

  private finish(endUs: Micros, pagesCleared: number): void {
    this.record(endUs, pagesCleared, 'zeroing free pages');
    const notify = this.notify;
    if (notify) this.h.clock.setTimeout(notify, Math.max(0, endUs - this.h.now()));
  }

  private record(endUs: Micros, pagesCleared: number, name: string): void {
    const h = this.h;
    this.finishedUs = endUs;
    const duration = Math.max(0, endUs - this.startedUs);
    // The worker sleeps between batches: only the duty cycle is CPU time.
    const cpuNs = duration * 1_000 * workerDutyCycle(h.s.host, h.mem.pageBytes);
    h.rec.span({
      lane: WORKER_LANE, kind: 'background', name, startUs: this.startedUs, durationUs: duration,
      work: cpuNs > 0 ? [cpuWork(WORKER_STACK, cpuNs)] : [], cause: CAUSES.worker,
      counts: { pagesPrezeroed: pagesCleared * subpagesPerPage(h.s.guest.memoryBacking) },
    });
  }
}
