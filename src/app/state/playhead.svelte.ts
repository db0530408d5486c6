/**
 * The shared playhead: one simulated time that every view follows. Playing advances it
 * linearly (never eased), at a rate of simulated time or so that the whole run takes N
 * seconds. Steps jump between span boundaries and markers; a step back returns to exactly
 * the frame before.
 */
import type { Micros } from '../../sim/time.ts';

export type Speed = { readonly kind: 'rate'; readonly x: number } | { readonly kind: 'whole'; readonly seconds: number };

export const SPEEDS: readonly Speed[] = [
  { kind: 'whole', seconds: 10 },
  { kind: 'whole', seconds: 20 },
  { kind: 'whole', seconds: 60 },
  { kind: 'rate', x: 0.1 },
  { kind: 'rate', x: 0.25 },
  { kind: 'rate', x: 0.5 },
  { kind: 'rate', x: 1 },
  { kind: 'rate', x: 2 },
  { kind: 'rate', x: 5 },
  { kind: 'rate', x: 10 },
  { kind: 'rate', x: 20 },
  { kind: 'rate', x: 50 },
  { kind: 'rate', x: 100 },
];

export function speedLabel(s: Speed): string {
  return s.kind === 'rate' ? `${s.x}×` : `whole run in ${s.seconds} s`;
}

export function speedId(s: Speed): string {
  return s.kind === 'rate' ? `x${s.x}` : `w${s.seconds}`;
}

export class Playhead {
  timeUs = $state<Micros>(0);
  endUs = $state<Micros>(1);
  playing = $state(false);
  speed = $state<Speed>({ kind: 'whole', seconds: 20 });
  /** Sorted instants a step can land on. */
  stops = $state<readonly Micros[]>([0]);
  /** With reduced motion, playing jumps from event to event instead of gliding. */
  reducedMotion = $state(false);
  #raf: number | undefined;
  #last: number | undefined;
  /** The smooth time while playing; shown as is, or snapped back to the last event passed. */
  #smooth = 0;
  #unwatch: (() => void) | undefined;

  constructor() {
    if (typeof matchMedia === 'function') {
      const q = matchMedia('(prefers-reduced-motion: reduce)');
      this.reducedMotion = q.matches;
      const follow = () => (this.reducedMotion = q.matches);
      q.addEventListener('change', follow);
      this.#unwatch = () => q.removeEventListener('change', follow);
    }
  }

  /**
   * For a playhead that goes away with its page (a lesson's): stops playing and stops
   * listening, or the media query's listener and the frame loop would keep it alive.
   */
  dispose(): void {
    this.pause();
    this.#unwatch?.();
    this.#unwatch = undefined;
  }

  /** Simulated microseconds per real millisecond at the current speed. */
  get usPerMs(): number {
    return this.speed.kind === 'rate' ? this.speed.x * 1_000 : this.endUs / (this.speed.seconds * 1_000);
  }

  setRun(endUs: Micros, stops: readonly Micros[]): void {
    this.endUs = Math.max(1, endUs);
    this.stops = stops;
    if (this.timeUs > this.endUs) this.timeUs = this.endUs;
  }

  seek(t: Micros): void {
    this.timeUs = Math.round(Math.min(this.endUs, Math.max(0, t)));
  }

  stepForward(): void {
    this.pause();
    const next = this.stops.find((s) => s > this.timeUs);
    this.seek(next ?? this.endUs);
  }

  stepBack(): void {
    this.pause();
    let prev = 0;
    for (const s of this.stops) {
      if (s >= this.timeUs) break;
      prev = s;
    }
    this.seek(prev);
  }

  toStart(): void {
    this.pause();
    this.seek(0);
  }

  toEnd(): void {
    this.pause();
    this.seek(this.endUs);
  }

  play(): void {
    if (this.playing) return;
    if (this.timeUs >= this.endUs) this.timeUs = 0;
    this.#smooth = this.timeUs;
    this.playing = true;
    this.#last = undefined;
    this.#raf = requestAnimationFrame(this.#tick);
  }

  pause(): void {
    this.playing = false;
    if (this.#raf !== undefined) cancelAnimationFrame(this.#raf);
    this.#raf = undefined;
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  #lastStopBefore(t: number): number {
    let best = 0;
    for (const s of this.stops) {
      if (s > t) break;
      best = s;
    }
    return best;
  }

  #tick = (now: number): void => {
    if (!this.playing) return;
    if (this.#last !== undefined) {
      this.#smooth += (now - this.#last) * this.usPerMs;
      if (this.#smooth >= this.endUs) {
        this.seek(this.endUs);
        this.pause();
        return;
      }
      this.seek(this.reducedMotion ? this.#lastStopBefore(this.#smooth) : this.#smooth);
    }
    this.#last = now;
    this.#raf = requestAnimationFrame(this.#tick);
  };
}
