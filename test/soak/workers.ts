/**
 * Counts the page's Web Workers: installed before any page script runs, it wraps the Worker
 * constructor so every worker started (the sweep pool, the busy-host run, Monaco's editor and
 * JSON workers) and every terminate() is counted per script. A worker that is neither
 * terminated nor closed keeps its thread and its heap for as long as the page lives.
 */
import type { Page } from 'playwright-core';

export interface WorkerKind {
  /** The worker's script without its content hash, e.g. "sweep.worker". */
  readonly kind: string;
  readonly created: number;
  readonly terminated: number;
}

/**
 * Runs in the page before its own scripts. A string, so no build step of the test runner can
 * add helpers to it that the page does not have.
 */
const WORKER_COUNTER = `(() => {
  const Native = window.Worker;
  const counts = new Map();
  const kindOf = (url) => {
    const file = String(url).split('?')[0].split('/').pop();
    return file.replace(/-[A-Za-z0-9_-]{8}\\.js$/, '').replace(/\\.js$/, '');
  };
  class CountedWorker extends Native {
    #kind;
    #ended = false;
    constructor(url, options) {
      super(url, options);
      this.#kind = kindOf(url);
      const c = counts.get(this.#kind) ?? { created: 0, terminated: 0 };
      c.created++;
      counts.set(this.#kind, c);
    }
    terminate() {
      if (!this.#ended) {
        this.#ended = true;
        counts.get(this.#kind).terminated++;
      }
      super.terminate();
    }
  }
  window.Worker = CountedWorker;
  Object.defineProperty(window, '__soakWorkers', {
    value: () => [...counts].map(([kind, c]) => ({ kind, created: c.created, terminated: c.terminated })),
  });
})();`;

export async function countWorkers(page: Page): Promise<void> {
  await page.addInitScript(WORKER_COUNTER);
}

export async function workerCounts(page: Page): Promise<WorkerKind[]> {
  return page.evaluate(() => (Reflect.get(window, '__soakWorkers') as () => WorkerKind[])());
}

/** Workers started and not terminated, over every kind. */
export function liveWorkers(kinds: readonly WorkerKind[]): number {
  return kinds.reduce((n, k) => n + k.created - k.terminated, 0);
}
