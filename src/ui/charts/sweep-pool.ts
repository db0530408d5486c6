/**
 * A small pool of sweep workers. Workers stay alive between sweeps (a warm engine runs a
 * scenario several times faster than a cold one); cancelling terminates them, which stops
 * a run mid-point, and the next sweep starts fresh ones. One sweep at a time.
 */
import type { SweepProblem } from '../../sim/analysis/sweep-axis.ts';
import type { SweepRow, SweepSpec } from '../../sim/analysis/sweep.ts';
import type { PlanMeta, SweepJob, SweepReply } from './sweep-protocol.ts';

export interface SweepCallbacks {
  readonly onPlan: (meta: PlanMeta) => void;
  readonly onRows: (rows: readonly SweepRow[]) => void;
  readonly onProblems: (problems: readonly SweepProblem[]) => void;
}

export type SweepOutcome =
  | { readonly kind: 'done'; readonly runs: number; readonly ms: number; readonly threads: number }
  | { readonly kind: 'problems' }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'error'; readonly message: string };

/** The pool's default size: a worker per core, at most 4 (a sweep is a few thousand runs at most). */
export function defaultThreads(): number {
  const n = typeof navigator === 'undefined' ? 1 : navigator.hardwareConcurrency || 1;
  return Math.max(1, Math.min(4, n));
}

interface Current {
  readonly id: number;
  readonly threads: number;
  readonly t0: number;
  readonly cb: SweepCallbacks;
  readonly finish: (o: SweepOutcome) => void;
  pending: number;
  runs: number;
  problems: boolean;
  /** The longest time a worker spent on its share, from receiving the job to its last row. */
  workerMs: number;
}

export class SweepPool {
  #workers: Worker[] = [];
  #current: Current | undefined;
  #nextId = 1;

  constructor(private readonly make: () => Worker) {}

  get running(): boolean {
    return this.#current !== undefined;
  }

  /** Runs `spec` over `threads` workers; `chunkSize` points per progress message. */
  run(spec: SweepSpec, threads: number, cb: SweepCallbacks, chunkSize = 4): Promise<SweepOutcome> {
    if (this.#current) this.cancel();
    const n = Math.max(1, Math.floor(threads));
    while (this.#workers.length < n) this.#workers.push(this.#spawn());
    const id = this.#nextId++;
    return new Promise((resolve) => {
      this.#current = {
        id, threads: n, t0: performance.now(), cb, pending: n, runs: 0, problems: false, workerMs: 0,
        finish: (o) => {
          this.#current = undefined;
          resolve(o);
        },
      };
      for (let share = 0; share < n; share++) {
        const job: SweepJob = { type: 'sweep.run', id, spec, share, of: n, chunkSize };
        this.#workers[share]?.postMessage(job);
      }
    });
  }

  /**
   * Stops the sweep now; its rows so far stay with the caller. Only a running sweep's workers
   * are terminated (the only way to stop one mid-run): idle workers stay warm for the next.
   */
  cancel(): void {
    const c = this.#current;
    if (!c) return;
    this.#terminate();
    c.finish({ kind: 'cancelled' });
  }

  dispose(): void {
    this.cancel();
    this.#terminate();
  }

  #spawn(): Worker {
    const w = this.make();
    w.addEventListener('message', (e: MessageEvent<SweepReply>) => this.#onReply(e.data));
    w.addEventListener('error', (e: ErrorEvent) => {
      const c = this.#current;
      this.#terminate();
      c?.finish({ kind: 'error', message: e.message || 'a sweep worker failed' });
    });
    return w;
  }

  #terminate(): void {
    for (const w of this.#workers) w.terminate();
    this.#workers = [];
  }

  #onReply(m: SweepReply): void {
    const c = this.#current;
    if (!c || m.id !== c.id) return;
    switch (m.type) {
      case 'sweep.plan':
        c.cb.onPlan(m.meta);
        break;
      case 'sweep.problems':
        c.problems = true;
        c.cb.onProblems(m.problems);
        break;
      case 'sweep.rows':
        c.runs += m.rows.length;
        c.cb.onRows(m.rows);
        break;
      case 'sweep.done':
        c.pending--;
        c.workerMs = Math.max(c.workerMs, m.ms);
        if (c.pending === 0) {
          const ms = performance.now() - c.t0;
          // For the benchmark and anyone profiling: the sweep's wall time, on the page's timeline.
          performance.measure('bootline:sweep', { start: c.t0, duration: ms, detail: { runs: c.runs, threads: c.threads, workerMs: c.workerMs } });
          c.finish(c.problems ? { kind: 'problems' } : { kind: 'done', runs: c.runs, ms, threads: c.threads });
        }
        break;
    }
  }
}
