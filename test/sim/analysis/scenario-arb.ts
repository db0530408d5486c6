/** Random scenarios (as written) for property tests of the analyses: small enough to run fast. */
import fc from 'fast-check';
import { MEMORY_BACKINGS } from '../../../src/sim/scenario/schema.ts';

export const scenarioArb = fc.record({
  guest: fc.record({
    ramGiB: fc.integer({ min: 1, max: 512 }),
    memoryBacking: fc.constantFrom(...MEMORY_BACKINGS),
    prealloc: fc.record({ enabled: fc.boolean(), threads: fc.integer({ min: 1, max: 8 }) }),
  }),
  devices: fc.record({ count: fc.integer({ min: 0, max: 4 }), sharedContainer: fc.boolean() }),
  host: fc.record({ freePool: fc.record({ prezeroedShare: fc.double({ min: 0, max: 1, noNaN: true }) }) }),
  firmware: fc.record({ bootMenu: fc.boolean(), grubTimeoutS: fc.integer({ min: 0, max: 5 }) }),
  optimizations: fc.record({
    prezeroFreePages: fc.boolean(),
    bulkPinning: fc.boolean(),
    pinThreads: fc.constantFrom(1, 1, 4),
    userspaceDmaMapTracking: fc.boolean(),
    splitIovaAt1MiB: fc.boolean(),
    skipRedundantReset: fc.boolean(),
    parallelResets: fc.boolean(),
    overlapResetWithDmaMap: fc.boolean(),
    skipMmioDirtyLog: fc.boolean(),
    countEffectiveRmap: fc.boolean(),
  }),
});
