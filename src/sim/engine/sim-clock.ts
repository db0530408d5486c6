/**
 * A simulated clock for XState actors (it implements xstate's Clock interface) that always
 * advances straight to the next due timer. Timers due at the same time fire in the order
 * they were set, so a run is deterministic. Units are microseconds.
 */
import type { Micros } from '../time.ts';

interface Timer {
  readonly id: number;
  readonly due: Micros;
  readonly fn: () => void;
}

export class SimClock {
  private nowUs: Micros = 0;
  private nextId = 1;
  /** Sorted by (due, id). Runs hold a few dozen timers at once, so insertion sort is fine. */
  private timers: Timer[] = [];

  now(): Micros {
    return this.nowUs;
  }

  setTimeout(fn: (...args: unknown[]) => void, timeout: number): number {
    if (!Number.isSafeInteger(timeout) || timeout < 0) {
      throw new Error(`SimClock timers take whole non-negative microseconds, got ${timeout} at t=${this.nowUs}`);
    }
    const timer: Timer = { id: this.nextId++, due: this.nowUs + timeout, fn };
    let i = this.timers.length;
    while (i > 0 && (this.timers[i - 1]?.due ?? 0) > timer.due) i--;
    this.timers.splice(i, 0, timer);
    return timer.id;
  }

  clearTimeout(id: number): void {
    const i = this.timers.findIndex((t) => t.id === id);
    if (i >= 0) this.timers.splice(i, 1);
  }

  /**
   * Fires timers in due order until `done()` holds or none is left. Throws if a run never
   * settles, which would be a bug in a machine, not a user's mistake.
   */
  runUntil(done: () => boolean, maxTimers = 1_000_000): void {
    let fired = 0;
    while (!done()) {
      const timer = this.timers.shift();
      if (!timer) return;
      this.nowUs = timer.due;
      const fn = timer.fn;
      fn();
      if (++fired > maxTimers) throw new Error(`simulation did not settle after ${maxTimers} timers, t=${this.nowUs}`);
    }
  }

  pending(): number {
    return this.timers.length;
  }
}
