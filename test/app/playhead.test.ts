import { afterEach, describe, expect, it, vi } from 'vitest';
import { Playhead } from '../../src/app/state/playhead.svelte.ts';

describe('playhead', () => {
  it('steps between events, and a step back returns exactly to the previous frame', () => {
    const p = new Playhead();
    p.setRun(1_000, [0, 100, 250, 900, 1_000]);
    p.seek(120);
    p.stepForward();
    expect(p.timeUs).toBe(250);
    p.stepForward();
    expect(p.timeUs).toBe(900);
    p.stepBack();
    expect(p.timeUs).toBe(250);
    p.stepBack();
    expect(p.timeUs).toBe(100);
    p.stepBack();
    p.stepBack();
    expect(p.timeUs).toBe(0);
  });

  it('keeps the playhead inside the run', () => {
    const p = new Playhead();
    p.setRun(500, [0, 500]);
    p.seek(9_999);
    expect(p.timeUs).toBe(500);
    p.seek(-3);
    expect(p.timeUs).toBe(0);
    p.setRun(200, [0, 200]);
    p.seek(500);
    expect(p.timeUs).toBe(200);
  });

  it('plays the whole run in N seconds or at a rate of simulated time', () => {
    const p = new Playhead();
    p.setRun(100_000_000, [0]);
    p.speed = { kind: 'whole', seconds: 20 };
    expect(p.usPerMs).toBe(5_000);
    p.speed = { kind: 'rate', x: 0.1 };
    expect(p.usPerMs).toBe(100);
    p.speed = { kind: 'rate', x: 100 };
    expect(p.usPerMs).toBe(100_000);
  });

  describe('dispose', () => {
    afterEach(() => {
      vi.unstubAllGlobals();
    });

    it('stops playing and stops following the reduced-motion setting, so a closed lesson leaves nothing running', () => {
      const listeners = new Set<() => void>();
      const query = {
        matches: false,
        addEventListener: (_: string, f: () => void) => listeners.add(f),
        removeEventListener: (_: string, f: () => void) => listeners.delete(f),
      };
      const frames = new Map<number, FrameRequestCallback>();
      let nextFrame = 1;
      vi.stubGlobal('matchMedia', () => query);
      vi.stubGlobal('requestAnimationFrame', (f: FrameRequestCallback) => {
        frames.set(nextFrame, f);
        return nextFrame++;
      });
      vi.stubGlobal('cancelAnimationFrame', (id: number) => frames.delete(id));

      const p = new Playhead();
      p.setRun(1_000_000, [0]);
      expect(listeners.size).toBe(1);
      p.play();
      expect(p.playing).toBe(true);
      expect(frames.size).toBe(1);

      p.dispose();
      expect(p.playing).toBe(false);
      expect(frames.size).toBe(0);
      expect(listeners.size).toBe(0);
      // The setting changing afterwards reaches no one.
      query.matches = true;
      for (const f of listeners) f();
      expect(p.reducedMotion).toBe(false);
    });
  });
});
