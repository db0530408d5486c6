import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { priceMap, walksAndCalls } from '../../../src/sim/model/pinning.ts';
import { parallelNs } from '../../../src/sim/model/zeroing.ts';
import { race } from '../../../src/sim/model/prezero.ts';
import { HOST_PROFILES } from '../../../src/sim/scenario/host-profiles.ts';
import { MEMORY_BACKINGS } from '../../../src/sim/scenario/schema.ts';
import { totalNs } from '../../../src/sim/model/work.ts';
import { measures } from '../../../src/sim/analysis/measures.ts';
import { runValue } from '../helpers.ts';

const host = HOST_PROFILES['didi-2020'];

describe('laws of the cost model', () => {
  it('more RAM never makes creation faster, whatever the backing and fixes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 512 }), fc.integer({ min: 1, max: 512 }), fc.constantFrom(...MEMORY_BACKINGS), fc.boolean(), fc.boolean(),
        (x, y, backing, prezero, bulk) => {
          const [small, big] = x < y ? [x, y] : [y, x];
          const c = (gib: number) => measures(runValue({
            guest: { ramGiB: gib, memoryBacking: backing }, optimizations: { prezeroFreePages: prezero, bulkPinning: bulk },
          })).vmCreationMs;
          expect(c(big)).toBeGreaterThanOrEqual(c(small));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('a map never costs less with more pages faulted or zeroed', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(10_000), fc.nat(10_000), (pages, extraFaults, extraZero) => {
        const m = (faults: number, zeroed: number) => totalNs(priceMap({
          host, backing: 'anonymous-4k', style: 'page-by-page', ctx: 'realize', pages4K: pages, backingPages: pages, runs: 1,
          faults, zeroed, numaFactor: 1,
        }).work);
        expect(m(extraFaults, extraZero)).toBeGreaterThanOrEqual(m(0, 0));
        expect(m(extraFaults, extraZero + 1)).toBeGreaterThan(m(extraFaults, extraZero));
      }),
    );
  });

  it('bulk pinning never makes more calls or walks than page-by-page', () => {
    fc.assert(
      fc.property(fc.constantFrom(...MEMORY_BACKINGS), fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 1_000 }), (backing, pages4K, runsHint) => {
        const backingPages = Math.max(1, Math.ceil(pages4K / 512));
        const runs = Math.min(runsHint, backingPages);
        const bulk = walksAndCalls('bulk', backing, pages4K, backingPages, runs);
        const each = walksAndCalls('page-by-page', backing, pages4K, backingPages, runs);
        expect(bulk.walks).toBeLessThanOrEqual(each.walks);
        expect(bulk.gupCalls).toBeLessThanOrEqual(each.gupCalls);
      }),
    );
  });

  it('threads never make work slower, and never beat the memory bandwidth', () => {
    fc.assert(
      fc.property(fc.nat(1e9), fc.nat(1e9), fc.integer({ min: 1, max: 256 }), (cpuNs, zeroBytes, threads) => {
        const zeroNs = zeroBytes / host.zeroingGBps;
        const one = parallelNs(cpuNs, zeroNs, zeroBytes, 1, host.memoryBandwidthGBps);
        const many = parallelNs(cpuNs, zeroNs, zeroBytes, threads, host.memoryBandwidthGBps);
        expect(many).toBeLessThanOrEqual(one + 1e-6);
        if (threads > 1) expect(many).toBeGreaterThanOrEqual(zeroBytes / host.memoryBandwidthGBps - 1e-6);
      }),
    );
  });

  it('the pre-zero worker meets the pin front once, never behind its start', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e7 }), fc.double({ min: 0.01, max: 1, noNaN: true }), fc.nat(1e9), fc.double({ min: 1, max: 5000, noNaN: true }), fc.double({ min: 1e-6, max: 50, noNaN: true }),
        (total, dirty, start, nsPerPage, rate) => {
          const r = race(total, 4096, dirty, start, nsPerPage, rate);
          expect(r.meetPage).toBeGreaterThanOrEqual(0);
          expect(r.meetPage).toBeLessThanOrEqual(total);
          expect(r.meetNs).toBeGreaterThanOrEqual(start);
          // A faster worker meets the front no later.
          expect(race(total, 4096, dirty, start, nsPerPage, rate * 2).meetPage).toBeLessThanOrEqual(r.meetPage);
        }),
    );
  });
});
