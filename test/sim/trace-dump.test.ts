/**
 * Text dumps of a few Traces, compared with files under test/sim/dumps. A change that moves
 * any figure shows up as a readable diff; update with `npx vitest run -u` when intended
 * (and bump MODEL_VERSION).
 */
import { describe, expect, it } from 'vitest';
import { dumpTrace } from '../../src/sim/trace/dump.ts';
import { ALL_FIXES, runValue } from './helpers.ts';

const CASES: Record<string, unknown> = {
  'talk-baseline': {},
  'cpu-vm': { devices: { count: 0 } },
  'all-fixes-thp': { guest: { memoryBacking: 'thp' }, optimizations: ALL_FIXES, firmware: { bootMenu: false, grubTimeoutS: 0 } },
  'prezero-not-in-time': { guest: { ramGiB: 64 }, optimizations: { prezeroFreePages: true }, host: { freePool: { prezeroedShare: 0.6 } } },
};

describe('trace dumps', () => {
  for (const [name, value] of Object.entries(CASES)) {
    it(name, async () => {
      await expect(dumpTrace(runValue(value))).toMatchFileSnapshot(`./dumps/${name}.txt`);
    });
  }
});
