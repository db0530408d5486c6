import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { at, decimalsFor, invert, linear, nearestIndex, niceDomain, tickLabel, tickStep, ticks } from '../../src/ui/charts/scale.ts';
import { markerPath, spread } from '../../src/ui/charts/markers.ts';

describe('chart scales', () => {
  it('map values to pixels and back', () => {
    fc.assert(fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 1, max: 1e6, noNaN: true }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), (d0, span, v) => {
      const s = linear(d0, d0 + span, 40, 840);
      expect(invert(s, at(s, v))).toBeCloseTo(v, 3);
    }));
    expect(at(linear(5, 5, 0, 100), 5)).toBe(50);
  });

  it('puts ticks on 1, 2 or 5 times a power of ten, inside the range', () => {
    expect(ticks(0, 112.6, 5)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(ticks(8, 256, 4)).toEqual([50, 100, 150, 200, 250]);
    expect(ticks(0, 1, 4)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    fc.assert(fc.property(fc.double({ min: -1e5, max: 1e5, noNaN: true }), fc.double({ min: 1e-3, max: 1e5, noNaN: true }), fc.integer({ min: 2, max: 12 }), (lo, span, n) => {
      const t = ticks(lo, lo + span, n);
      const step = tickStep(lo, lo + span, n);
      expect(t.length).toBeGreaterThan(0);
      expect(t.length).toBeLessThanOrEqual(3 * n + 2);
      for (const v of t) {
        expect(v).toBeGreaterThanOrEqual(lo - step * 1e-6);
        expect(v).toBeLessThanOrEqual(lo + span + step * 1e-6);
      }
      const mantissa = step / 10 ** Math.floor(Math.log10(step));
      expect([1, 2, 5, 10].some((m) => Math.abs(m - mantissa) < 1e-9)).toBe(true);
    }));
  });

  it('widens a domain to round ends that hold the data', () => {
    expect(niceDomain(0, 112.6, 5)).toEqual([0, 120]);
    expect(niceDomain(0, 2.46, 5)).toEqual([0, 2.5]);
    const [lo, hi] = niceDomain(3, 3);
    expect(lo).toBeLessThan(3);
    expect(hi).toBeGreaterThan(3);
  });

  it('labels ticks with the step\'s decimals, a true minus and the unit after a space', () => {
    expect(decimalsFor(0.25)).toBe(2);
    expect(decimalsFor(5)).toBe(0);
    expect(tickLabel(20, 20, 's')).toBe('20 s');
    expect(tickLabel(0.5, 0.1, 's')).toBe('0.5 s');
    expect(tickLabel(-2, 1)).toBe('−2');
    expect(tickLabel(12000, 2000, 'GiB')).toBe('12,000 GiB');
  });

  it('finds the nearest point', () => {
    expect(nearestIndex([8, 16, 32, 64], 40)).toBe(2);
    expect(nearestIndex([8, 16, 32, 64], 1000)).toBe(3);
  });

  it('spreads end labels at least a gap apart, in the band, keeping their order', () => {
    const out = spread([100, 101, 102, 300], 13, 0, 320);
    const sorted = [...out].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++) expect((sorted[i] ?? 0) - (sorted[i - 1] ?? 0)).toBeGreaterThanOrEqual(13 - 1e-9);
    expect(out[0]).toBeLessThan(out[1] ?? 0);
    expect(spread([310, 315, 318], 13, 0, 320).every((y) => y <= 320)).toBe(true);
    expect(markerPath('circle', 10, 10, 3)).toMatch(/^M7\.0,10\.0a3,3/);
  });
});
