/** The cut time axis: linear where things happen, capped breaks elsewhere, and invertible. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { breakLabel, focusBreaks, focusScale, focusTicks, solveRate, tAt, ticksClearOfBreaks, xAt } from '../../src/ui/iova/time-focus.ts';

const domain = { startUs: 0, endUs: 112_600_000 };
const events = [788_000, 1_900_000, 103_068_000, 103_500_000, 107_238_000].map((t) => ({ startUs: t, endUs: t }));

describe('focus time scale', () => {
  it('fills the width exactly and keeps every piece in order', () => {
    const s = focusScale(domain, events, 800, { padUs: 1_000_000, gapPx: 40 });
    expect(s.pieces[0]?.x0).toBe(0);
    expect(s.pieces[s.pieces.length - 1]?.x1).toBe(800);
    for (let i = 1; i < s.pieces.length; i++) expect(s.pieces[i]?.x0).toBeCloseTo(s.pieces[i - 1]?.x1 ?? NaN, 9);
  });

  it('caps the long quiet stretch and spends the width on the bursts', () => {
    const s = focusScale(domain, events, 800, { padUs: 1_000_000, gapPx: 40 });
    const b = focusBreaks(s);
    expect(b.length).toBeGreaterThanOrEqual(1);
    for (const x of b) expect(x.x1 - x.x0).toBeLessThanOrEqual(40 + 1e-9);
    // The BIOS burst (4.2 s) gets far more than its linear 30 px.
    expect(xAt(s, 107_238_000) - xAt(s, 103_068_000)).toBeGreaterThan(250);
  });

  it('is linear when nothing needs cutting', () => {
    const s = focusScale({ startUs: 0, endUs: 1_000 }, [{ startUs: 100, endUs: 900 }], 500, { padUs: 50, gapPx: 40 });
    expect(focusBreaks(s)).toEqual([]);
    expect(xAt(s, 500)).toBeCloseTo(250, 6);
  });

  it('maps time to x monotonically and back inside linear pieces', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: domain.endUs }), { minLength: 1, maxLength: 30 }), fc.integer({ min: 120, max: 3000 }), (ts, w) => {
        const s = focusScale(domain, ts.map((t) => ({ startUs: t, endUs: t })), w, { padUs: 500_000, gapPx: 40 });
        let prev = -1;
        for (let t = 0; t <= domain.endUs; t += domain.endUs / 97) {
          const x = xAt(s, t);
          expect(x).toBeGreaterThanOrEqual(prev - 1e-9);
          expect(x).toBeLessThanOrEqual(w + 1e-9);
          prev = x;
        }
        for (const t of ts) expect(tAt(s, xAt(s, t))).toBeCloseTo(t, -1);
      }),
    );
  });

  it('solves the shared rate with the longest gaps capped first', () => {
    const { rate, capped } = solveRate(100, 10, [1000, 1], 20);
    expect(capped).toBe(1);
    expect(rate * 10 + rate * 1 + 20).toBeCloseTo(100, 9);
  });

  it('labels ticks with units and keeps them off the break marks', () => {
    const s = focusScale(domain, events, 800, { padUs: 1_000_000, gapPx: 40 });
    const ticks = focusTicks(s, 56);
    expect(ticks.some((t) => t.label === '104 s')).toBe(true);
    const clear = ticksClearOfBreaks(ticks, focusBreaks(s), 8);
    for (const b of focusBreaks(s)) {
      const c = (b.x0 + b.x1) / 2;
      for (const t of clear) expect(Math.abs(t.x - c)).toBeGreaterThan(8);
    }
    expect(breakLabel(98_450_000)).toBe('98 s');
    expect(breakLabel(3_990_000)).toBe('4.0 s');
    expect(breakLabel(285_000)).toBe('285 ms');
  });
});
