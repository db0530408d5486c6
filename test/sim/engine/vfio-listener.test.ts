import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { VfioListener } from '../../../src/sim/engine/vfio-listener.ts';
import type { Range } from '../../../src/sim/engine/layout.ts';

const LOW = { start: 0, end: 0xa0000 };
const UNMERGED = [LOW, { start: 0x100000, end: 0xc0000000 }];
const MERGED = [LOW, { start: 0xc0000, end: 0xc0000000 }];

/** The listener fed the way QEMU's memory core feeds it: only the FlatRanges that changed. */
function listener(tracksInUserspace: boolean, splitAt1MiB: boolean) {
  let id = 0;
  const l = new VfioListener({ tracksInUserspace, splitAt1MiB, nextId: () => id++ });
  let view: Range[] = [];
  const has = (list: Range[], r: Range) => list.some((x) => x.start === r.start && x.end === r.end);
  return {
    regions: l.regions,
    update(next: Range[], t: number) {
      const removed = view.filter((r) => !has(next, r));
      const added = next.filter((r) => !has(view, r));
      view = next;
      return l.update(removed, added, t);
    },
  };
}

/** Ioctls of n PAM writes after the initial map, by kind. */
function pamWrites(l: ReturnType<typeof listener>, n: number) {
  l.update(UNMERGED, 0);
  const out = { map: 0, unmap: 0, 'map-skipped': 0, 'unmap-deferred': 0, mappedBytes: 0 };
  for (let i = 0; i < n; i++) {
    for (const io of l.update(i % 2 === 0 ? MERGED : UNMERGED, i + 1)) {
      out[io.kind]++;
      if (io.kind === 'map') out.mappedBytes += io.region.range.end - io.region.range.start;
    }
  }
  return out;
}

describe('VFIO memory listener', () => {
  it('baseline: every PAM write unmaps and re-maps the whole low range (about 3 GiB)', () => {
    const r = pamWrites(listener(false, false), 13);
    expect(r.map).toBe(13);
    expect(r.unmap).toBe(13);
    expect(r.mappedBytes).toBeGreaterThan(13 * 0xbff00000 - 1);
  });

  it('the split alone still re-maps everything: QEMU unmaps the part above 1 MiB on region_del', () => {
    const r = pamWrites(listener(false, true), 13);
    expect(r.mappedBytes).toBeGreaterThan(6 * 0xbff00000);
  });

  it('tracking alone: the merged range conflicts with the tracked one, so the big range is still re-pinned', () => {
    const r = pamWrites(listener(true, false), 13);
    expect(r.mappedBytes).toBeGreaterThan(6 * 0xbff00000);
  });

  it('tracking plus the split: only 256 KiB below 1 MiB is ever mapped again', () => {
    const r = pamWrites(listener(true, true), 13);
    expect(r.mappedBytes).toBe(0x100000 - 0xc0000);
    expect(r.unmap).toBe(0);
    expect(r['map-skipped']).toBeGreaterThan(0);
  });

  it('never leaves two overlapping ranges mapped, whatever the sequence of flat views', () => {
    const cut = fc.constantFrom(0, 0xa0000, 0xc0000, 0x100000, 0x200000, 0xc0000000);
    const view = fc.array(fc.tuple(cut, cut), { maxLength: 4 }).map((pairs) => {
      const ranges = pairs.filter(([a, b]) => a < b).map(([a, b]) => ({ start: a, end: b }));
      // A flat view has no overlaps: keep ranges that do not overlap earlier ones.
      const out: Range[] = [];
      for (const r of ranges) if (!out.some((o) => o.start < r.end && r.start < o.end)) out.push(r);
      return out;
    });
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), fc.array(view, { maxLength: 12 }), (track, split, views) => {
        const l = listener(track, split);
        views.forEach((v, t) => {
          l.update(v, t);
          const live = l.regions.filter((r) => r.state === 'mapped' || r.state === 'unmapRequested');
          for (const a of live) for (const b of live) {
            if (a !== b) expect(a.range.start < b.range.end && b.range.start < a.range.end).toBe(false);
          }
          // What QEMU sees as mapped is exactly the flat view.
          const mapped = live.filter((r) => r.state === 'mapped').map((r) => r.range).sort((x, y) => x.start - y.start);
          const want = (split ? v.flatMap((r) => (r.start < 0x100000 && r.end > 0x100000 ? [{ start: r.start, end: 0x100000 }, { start: 0x100000, end: r.end }] : [r])) : v)
            .slice().sort((x, y) => x.start - y.start);
          expect(mapped).toEqual(want);
        });
      }),
    );
  });

  it('mapping then removing everything leaves nothing mapped (without tracking)', () => {
    const l = listener(false, false);
    l.update(UNMERGED, 0);
    l.update([], 1);
    expect(l.regions.every((r) => r.state === 'unmapped')).toBe(true);
  });
});
