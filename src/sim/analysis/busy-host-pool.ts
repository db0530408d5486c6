/**
 * The host's free memory over time on a busy host, split into pages that carry PG_zero
 * and pages that do not (dirty), with the pre-zero worker clearing dirty pages.
 *
 * Model (each line an assumption, after Liang Li's PG_zero RFC and model/prezero.ts):
 * - Freeing memory clears PG_zero (free_pages_prepare -> clear_zero_page_flag), so a
 *   destroyed VM's memory returns to the pool dirty, and wakes the worker.
 * - The worker clears dirty free pages at its duty-cycled rate (one batch at single-thread
 *   zeroing speed, then delayMs asleep: model/prezero.ts workerBytesPerNs) whenever there
 *   are dirty free pages, and sleeps when there are none. Its CPU time is the duty cycle
 *   of the time it works.
 * - While a VM is being created with dirty pages, the worker is racing that VM's pin front
 *   over the VM's own pages (the engine models that race); it does nothing else meanwhile.
 * - Allocation: 'dirty-first' takes dirty pages before PG_zero ones, because page
 *   reporting returns the blocks it processed to the tail of the free lists, which the
 *   allocator reaches last; 'proportional' takes both kinds in their shares (free lists
 *   mixed). Either way a VM's pages are taken from the pool when it starts.
 * Bytes are kept as real numbers (a rate times a time); instants are integer microseconds.
 */
import type { Micros } from '../time.ts';

export type Allocation = 'dirty-first' | 'proportional';

export type PoolEvent = 'start' | 'arrive' | 'depart' | 'rejected' | 'caught-up' | 'race-end' | 'end';

export interface PoolSample {
  readonly tUs: Micros;
  readonly event: PoolEvent;
  readonly freeBytes: number;
  readonly zeroedBytes: number;
  readonly dirtyBytes: number;
  /** Share of the free pages carrying PG_zero (1 when nothing is free). */
  readonly zeroedShare: number;
  /** The worker is clearing pool pages from this instant on. */
  readonly workerActive: boolean;
}

export class FreePool {
  private nowUs: Micros = 0;
  private pausedUntilUs: Micros = 0;
  /** Microseconds the worker spent working on pool pages (asleep between batches included). */
  workerUs: Micros = 0;
  /** Bytes the worker cleared in the pool. */
  clearedBytes = 0;
  readonly samples: PoolSample[] = [];

  constructor(
    public freeBytes: number,
    public dirtyBytes: number,
    /** The worker's average clearing rate while it has work, bytes per microsecond (0: no worker). */
    private readonly bytesPerUs: number,
  ) {
    this.sample('start');
  }

  now(): Micros {
    return this.nowUs;
  }

  private active(): boolean {
    return this.bytesPerUs > 0 && this.dirtyBytes > 0 && this.nowUs >= this.pausedUntilUs;
  }

  sample(event: PoolEvent): void {
    const zeroed = Math.max(0, this.freeBytes - this.dirtyBytes);
    this.samples.push({
      tUs: this.nowUs,
      event,
      freeBytes: this.freeBytes,
      zeroedBytes: zeroed,
      dirtyBytes: this.dirtyBytes,
      zeroedShare: this.freeBytes > 0 ? zeroed / this.freeBytes : 1,
      workerActive: this.active(),
    });
  }

  /** Lets time pass to `toUs`: the worker clears what it can, outside a race. */
  advance(toUs: Micros): void {
    if (toUs < this.nowUs) throw new Error(`the pool cannot go back in time, from t=${this.nowUs} to t=${toUs}`);
    while (this.nowUs < toUs) {
      if (this.nowUs < this.pausedUntilUs) {
        const resume = Math.min(toUs, this.pausedUntilUs);
        this.nowUs = resume;
        if (resume === this.pausedUntilUs) this.sample('race-end');
        continue;
      }
      if (this.bytesPerUs <= 0 || this.dirtyBytes <= 0) {
        this.nowUs = toUs;
        break;
      }
      const needUs = Math.ceil(this.dirtyBytes / this.bytesPerUs);
      const workUs = Math.min(toUs - this.nowUs, needUs);
      const cleared = workUs === needUs ? this.dirtyBytes : Math.min(this.dirtyBytes, workUs * this.bytesPerUs);
      this.dirtyBytes -= cleared;
      this.clearedBytes += cleared;
      this.workerUs += workUs;
      this.nowUs += workUs;
      if (this.dirtyBytes <= 0) {
        this.dirtyBytes = 0;
        this.sample('caught-up');
      }
    }
  }

  /** Takes `bytes` for a VM; returns how many of them carried PG_zero. */
  take(bytes: number, allocation: Allocation): number {
    if (bytes > this.freeBytes) throw new Error(`taking ${bytes} bytes from a pool of ${this.freeBytes} at t=${this.nowUs}`);
    const dirtyTaken = allocation === 'dirty-first'
      ? Math.min(this.dirtyBytes, bytes)
      : this.freeBytes > 0 ? bytes * (this.dirtyBytes / this.freeBytes) : 0;
    this.freeBytes -= bytes;
    this.dirtyBytes = Math.min(this.freeBytes, Math.max(0, this.dirtyBytes - dirtyTaken));
    return bytes - dirtyTaken;
  }

  /** A destroyed VM's memory comes back without PG_zero. */
  give(bytes: number): void {
    this.freeBytes += bytes;
    this.dirtyBytes += bytes;
  }

  /** The worker is busy with a VM's own pages until `untilUs`. */
  pauseUntil(untilUs: Micros): void {
    this.pausedUntilUs = Math.max(this.pausedUntilUs, untilUs);
  }
}
