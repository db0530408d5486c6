/** The guest-physical map, not to scale: boundaries land on segment edges, labels never collide. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runValue } from '../sim/helpers.ts';
import { addressScale, addressTicks, hexAddr, MONO_CHAR_PX, sizeLabel, SPLIT_IOVA, xOfAddress } from '../../src/ui/iova/address-scale.ts';

const trace = runValue({ host: { profile: 'didi-2020' }, guest: { ramGiB: 256 }, devices: { count: 4 } });

describe('address scale', () => {
  it('puts every segment boundary where its box is drawn, over the whole width', () => {
    const s = addressScale(trace.iova.segments, trace.iova.regions, 900);
    for (const b of s.segments) {
      expect(xOfAddress(s, b.start)).toBeCloseTo(b.x0, 6);
      expect(xOfAddress(s, b.end)).toBeCloseTo(b.x1, 6);
    }
    expect(s.segments[0]?.x0).toBe(0);
    expect(s.segments[s.segments.length - 1]?.x1).toBeCloseTo(900, 6);
  });

  it('gives the small areas below 1 MiB readable widths', () => {
    const s = addressScale(trace.iova.segments, trace.iova.regions, 900);
    for (const label of ['low RAM', 'VGA', 'BIOS shadow']) {
      const b = s.segments.find((x) => x.label === label);
      expect(b && b.x1 - b.x0).toBeGreaterThan(40);
    }
    expect(xOfAddress(s, SPLIT_IOVA)).toBeCloseTo(s.segments.find((x) => x.label === 'BIOS shadow')?.x1 ?? NaN, 6);
  });

  it('is monotonic in the address, so a region never ends before it starts', () => {
    const s = addressScale(trace.iova.segments, trace.iova.regions, 700);
    const max = trace.iova.segments[trace.iova.segments.length - 1]?.end ?? 0;
    fc.assert(fc.property(fc.double({ min: 0, max, noNaN: true }), fc.double({ min: 0, max, noNaN: true }), (a, b) => {
      const [lo, hi] = a < b ? [a, b] : [b, a];
      expect(xOfAddress(s, lo)).toBeLessThanOrEqual(xOfAddress(s, hi) + 1e-9);
    }));
  });

  it('gives each BAR of a GPU its own piece', () => {
    const s = addressScale(trace.iova.segments, trace.iova.regions, 900);
    const bars = trace.iova.regions.filter((r) => r.kind === 'bar');
    for (const r of bars) expect(xOfAddress(s, r.endIova) - xOfAddress(s, r.startIova)).toBeGreaterThan(2);
  });

  it('labels addresses in two rows without overlaps, always including the split point, inside the track', () => {
    for (const w of [420, 700, 1200]) {
      const s = addressScale(trace.iova.segments, trace.iova.regions, w);
      const ticks = addressTicks(s);
      expect(ticks.find((t) => t.addr === SPLIT_IOVA)?.row).toBeDefined();
      for (const row of [0, 1] as const) {
        const boxes = ticks.filter((t) => t.row === row).map((t) => [t.labelX, t.labelX + t.text.length * MONO_CHAR_PX] as const).sort((a, b) => a[0] - b[0]);
        for (let i = 1; i < boxes.length; i++) expect(boxes[i]?.[0] ?? 0).toBeGreaterThanOrEqual(boxes[i - 1]?.[1] ?? 0);
        for (const [a, b] of boxes) {
          expect(a).toBeGreaterThanOrEqual(0);
          expect(b).toBeLessThanOrEqual(w + 1e-9);
        }
      }
    }
  });

  it('writes sizes and addresses the way people say them', () => {
    expect(sizeLabel(640 * 1024)).toBe('640 KiB');
    expect(sizeLabel(3 * 2 ** 30 - 2 ** 20)).toBe('3 GiB − 1 MiB');
    expect(sizeLabel(253 * 2 ** 30)).toBe('253 GiB');
    expect(sizeLabel(32 * 2 ** 30 + 48 * 2 ** 20)).toBe('32.05 GiB');
    expect(hexAddr(0xc0000)).toBe('0xC0000');
  });
});
