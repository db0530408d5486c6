import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PageExtents } from '../../../src/sim/engine/page-extents.ts';
import { pageTransition } from '../../../src/sim/engine/page-transitions.ts';
import { PAGE_EVENTS, type PageState } from '../../../src/sim/machines/page.machine.ts';
import { countIn, isMember, type Pattern } from '../../../src/sim/model/patterns.ts';

/** The same operations page by page: what extents must agree with. */
function bruteForce(n: number, pattern: Pattern, a: PageState, b: PageState) {
  const pages = Array.from({ length: n }, (_, i) => (isMember(pattern, i) ? b : a));
  return {
    pages,
    apply(start: number, end: number, event: (typeof PAGE_EVENTS)[number]) {
      const counts: Record<string, number> = {};
      for (let i = Math.max(0, start); i < Math.min(n, end); i++) {
        const st = pages[i];
        const tr = st ? pageTransition(st, event) : undefined;
        if (!tr) continue;
        pages[i] = tr.next;
        for (const act of tr.actions) counts[act] = (counts[act] ?? 0) + 1;
      }
      return counts;
    },
  };
}

describe('patterns', () => {
  it('counts members of any range exactly, in O(1)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 0.999, noNaN: true }), fc.nat(500), fc.nat(500), (share, phase, x, y) => {
        const p = { share, phase };
        const [lo, hi] = x < y ? [x, y] : [y, x];
        let brute = 0;
        for (let i = lo; i < hi; i++) if (isMember(p, i)) brute++;
        expect(countIn(p, lo, hi)).toBe(brute);
        expect(Math.abs(countIn(p, 0, 1000) - share * 1000)).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('PageExtents', () => {
  it('agrees with a page-by-page simulation for any sequence of range events', () => {
    const op = fc.record({ start: fc.integer({ min: -5, max: 300 }), len: fc.integer({ min: 0, max: 300 }), event: fc.constantFrom(...PAGE_EVENTS) });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 256 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.array(op, { maxLength: 25 }), (n, share, ops) => {
        const pattern = { share, phase: 0.37 };
        const ext = new PageExtents(n, 'dirtyFree', 'zeroedFree', pattern);
        const ref = bruteForce(n, pattern, 'dirtyFree', 'zeroedFree');
        for (const o of ops) {
          const got = ext.apply(o.start, o.start + o.len, o.event);
          const want = ref.apply(o.start, o.start + o.len, o.event);
          for (const [k, v] of Object.entries(got)) expect(v, k).toBe(want[k] ?? 0);
        }
        const states = ext.stateCounts(0, n);
        const refStates: Record<string, number> = {};
        for (const s of ref.pages) if (s) refStates[s] = (refStates[s] ?? 0) + 1;
        expect(states).toEqual(refStates);
      }),
    );
  });

  it('stays a handful of extents however many pages there are', () => {
    const ext = new PageExtents(268_435_456, 'dirtyFree', 'zeroedFree', { share: 0.6, phase: 0.1 }); // 1 TiB of 4 KiB
    ext.apply(0, 40, 'page.alloc');
    ext.apply(256, 786_432, 'page.alloc');
    ext.apply(256, 786_432, 'page.pin');
    ext.apply(786_432, 268_435_456, 'page.alloc');
    expect(ext.snapshot().length).toBeLessThanOrEqual(6);
    const counts = ext.stateCounts(0, 268_435_456);
    expect((counts.pinned ?? 0) + (counts.allocated ?? 0) + (counts.dirtyFree ?? 0) + (counts.zeroedFree ?? 0)).toBe(268_435_456);
  });
});
