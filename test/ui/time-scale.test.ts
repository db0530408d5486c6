import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clamp, isFull, MIN_WINDOW_US, pan, tOf, ticks, xOf, zoom } from '../../src/ui/timeline/time-scale.ts';

const full = { startUs: 0, endUs: 112_607_687 };

describe('timeline scale', () => {
  it('maps time to pixels and back', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: full.endUs }), fc.integer({ min: 100, max: 4000 }), (t, w) => {
      expect(tOf(full, w, xOf(full, w, t))).toBeCloseTo(t, 3);
    }));
  });

  it('chooses round ticks with the unit of the step', () => {
    const t = ticks(full, 900);
    expect(t[0]).toEqual({ t: 0, label: '0 s' });
    expect(t[1]?.label).toBe('10 s');
    expect(ticks(full, 600)[1]?.label).toBe('20 s');
    expect(ticks({ startUs: 0, endUs: 1_000 }, 900).map((x) => x.label)).toContain('500 µs');
    expect(ticks({ startUs: 0, endUs: 900_000 }, 900).map((x) => x.label)).toContain('0.2 s');
    expect(ticks({ startUs: 0, endUs: 9_000 }, 900).map((x) => x.label)).toContain('2 ms');
  });

  it('zooms around the anchor, never past the whole run or below the minimum window', () => {
    const z = zoom(full, 4, 50_000_000, full.endUs);
    expect(z.endUs - z.startUs).toBeCloseTo(full.endUs / 4, 0);
    // The anchor stays where it was on screen.
    expect((50_000_000 - z.startUs) / (z.endUs - z.startUs)).toBeCloseTo(50_000_000 / full.endUs, 6);
    expect(zoom(full, 0.1, 0, full.endUs)).toEqual(full);
    let v = full;
    for (let i = 0; i < 60; i++) v = zoom(v, 2, 1_000, full.endUs);
    expect(v.endUs - v.startUs).toBe(MIN_WINDOW_US);
  });

  it('pans inside the run', () => {
    const z = zoom(full, 10, 0, full.endUs);
    const p = pan(z, -1e9, full.endUs);
    expect(p.startUs).toBe(0);
    const q = pan(z, 1e12, full.endUs);
    expect(q.endUs).toBe(full.endUs);
    expect(isFull(clamp({ startUs: -5, endUs: 2e9 }, full.endUs), full.endUs)).toBe(true);
  });
});
